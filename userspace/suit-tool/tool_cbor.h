/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: an in-memory CBOR tree (heap allocated, tool side only) with
 * a decoder and a deterministic encoder (RFC 8949 section 4.2.1: shortest
 * heads, definite lengths, map keys sorted bytewise by their encoding).
 */
#ifndef SUIT_TOOL_CBOR_H
#define SUIT_TOOL_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tc_type {
	TC_UINT, TC_NINT, TC_BSTR, TC_TSTR, TC_ARRAY, TC_MAP, TC_TAG,
	TC_FALSE, TC_TRUE, TC_NULL, TC_UNDEF,
};

struct tc {
	enum tc_type type;
	uint64_t u;		/* UINT value, NINT: -1 - u, TAG number */
	uint8_t *bytes;		/* BSTR/TSTR content (NUL-terminated copy) */
	size_t len;		/* BSTR/TSTR length, ARRAY items, MAP pairs*2 */
	struct tc **items;	/* ARRAY items; MAP k0 v0 k1 v1 ...; TAG: 1 */
	size_t cap;
};

struct tbuf {
	uint8_t *p;
	size_t len;
	size_t cap;
};

/* constructors */
struct tc *tc_uint(uint64_t v);
struct tc *tc_int(int64_t v);
struct tc *tc_bstr(const void *p, size_t len);
struct tc *tc_tstr(const char *s);
struct tc *tc_tstrn(const char *s, size_t len);
struct tc *tc_array(void);
struct tc *tc_map(void);
struct tc *tc_tag(uint64_t tag, struct tc *v);
struct tc *tc_simple(enum tc_type t);
struct tc *tc_bool(bool v);
/* bstr holding the encoding of @v (frees @v) */
struct tc *tc_wrap(struct tc *v);
void tc_push(struct tc *a, struct tc *v);
void tc_put(struct tc *m, struct tc *k, struct tc *v);
void tc_put_i(struct tc *m, int64_t k, struct tc *v);
void tc_free(struct tc *v);
struct tc *tc_dup(const struct tc *v);

/* accessors */
bool tc_is_int(const struct tc *v);
int64_t tc_get_int(const struct tc *v);	/* clamps nothing: caller checks */
struct tc *tc_map_get_i(const struct tc *m, int64_t k);
struct tc *tc_map_get_s(const struct tc *m, const char *k);
bool tc_map_del_i(struct tc *m, int64_t k);
size_t tc_map_pairs(const struct tc *m);

/* decode exactly one item from [p, p+len); NULL and *err set on failure */
struct tc *tc_decode(const uint8_t *p, size_t len, const char **err);
/* decode one item, returning the bytes consumed in *used */
struct tc *tc_decode_prefix(const uint8_t *p, size_t len, size_t *used,
			    const char **err);
/*
 * When set (create --keep-order), maps are encoded in the order stored
 * instead of sorted: only to reproduce non-canonical inputs faithfully.
 */
extern bool tc_keep_order;
/* encode deterministically (maps sorted) */
void tc_encode(struct tbuf *b, const struct tc *v);
/* encode keeping map order as stored */
void tc_encode_keep(struct tbuf *b, const struct tc *v);
void tb_put(struct tbuf *b, const void *p, size_t len);
void tb_head(struct tbuf *b, int major, uint64_t v);
void tb_free(struct tbuf *b);
/* encode into a fresh buffer */
struct tbuf tc_enc(const struct tc *v);
bool tc_equal(const struct tc *a, const struct tc *b);

#endif
