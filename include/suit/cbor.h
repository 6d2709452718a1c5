/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Strict, zero-copy CBOR (RFC 8949) decoder and a small encoder.
 *
 * The decoder is an iterator over a caller-owned buffer: no allocation, no
 * recursion (skipping nested items uses a bounded explicit counter stack).
 * It accepts only what SUIT and COSE need and the deterministic encoding
 * rules of RFC 8949 section 4.2.1: preferred (shortest) argument encoding,
 * definite lengths only, no floats, no undefined, no trailing bytes.
 * Map key order and key uniqueness are checked by suit_cbor_map_check().
 */
#ifndef SUIT_CBOR_H
#define SUIT_CBOR_H

#include <suit/types.h>

/* Deepest container nesting accepted anywhere (SUIT needs about 8). */
#define SUIT_CBOR_MAX_DEPTH	16

enum suit_cbor_type {
	SUIT_CBOR_UINT = 0,
	SUIT_CBOR_NINT = 1,
	SUIT_CBOR_BSTR = 2,
	SUIT_CBOR_TSTR = 3,
	SUIT_CBOR_ARRAY = 4,
	SUIT_CBOR_MAP = 5,
	SUIT_CBOR_TAG = 6,
	SUIT_CBOR_SIMPLE = 7,	/* false, true, null only */
};

/* Simple values that are accepted. */
#define SUIT_CBOR_FALSE		20
#define SUIT_CBOR_TRUE		21
#define SUIT_CBOR_NULL		22

/**
 * struct suit_cbor - decoding cursor over [pos, end)
 * @pos: next byte to decode
 * @end: one past the last byte this cursor may read
 * @remaining: items left in the enclosing container, or SIZE_MAX at top level
 *	(maps count key and value separately: 2 * pairs)
 * @checked: the items in [@pos, @end) were validated in full as part of an
 *	enclosing item (set by suit_cbor_init_single() and for every cursor
 *	entered into a container), and the @remaining items fill that range
 *	exactly; reads then only decode heads instead of validating each
 *	item again. Cursors are set up by the init and enter functions only,
 *	never by hand.
 */
struct suit_cbor {
	const u8 *pos;
	const u8 *end;
	size_t remaining;
	bool checked;
};

/**
 * struct suit_cbor_item - the head of one decoded item
 * @type: major type
 * @val: the argument: the integer value (UINT), -1 - val (NINT), the length
 *	(BSTR/TSTR), the count of items (ARRAY) or pairs (MAP), the tag
 *	number (TAG), the simple value (SIMPLE)
 * @data: for BSTR/TSTR the content; for any item, @raw is its full encoding
 * @raw: the complete encoding of the item, head and content, including
 *	nested items for containers and tags (filled by suit_cbor_get())
 */
struct suit_cbor_item {
	enum suit_cbor_type type;
	u64 val;
	struct suit_buf data;
	struct suit_buf raw;
};

/* Error codes (negative errno values) returned by the decoder. */
/* -EBADMSG: malformed, truncated, not deterministic, unsupported item */
/* -E2BIG:   nesting deeper than SUIT_CBOR_MAX_DEPTH                    */
/* -ENOENT:  no more items in the container / expected item absent       */
/* -EPROTO:  well-formed but of the wrong type for the getter            */
/* -ERANGE:  integer does not fit the requested C type                   */

void suit_cbor_init(struct suit_cbor *c, const u8 *buf, size_t len);
/* A cursor over a whole buffer that must hold exactly one item. */
int suit_cbor_init_single(struct suit_cbor *c, const u8 *buf, size_t len);
bool suit_cbor_at_end(const struct suit_cbor *c);

int suit_cbor_peek_type(const struct suit_cbor *c, enum suit_cbor_type *type);
/* Decode the next item (validating all nested content) and step over it. */
int suit_cbor_get(struct suit_cbor *c, struct suit_cbor_item *item);
int suit_cbor_skip(struct suit_cbor *c);

int suit_cbor_get_uint(struct suit_cbor *c, u64 *v);
int suit_cbor_get_int(struct suit_cbor *c, s64 *v);
int suit_cbor_get_bool(struct suit_cbor *c, bool *v);
int suit_cbor_get_null(struct suit_cbor *c);
int suit_cbor_get_bstr(struct suit_cbor *c, struct suit_buf *v);
int suit_cbor_get_tstr(struct suit_cbor *c, struct suit_buf *v);
int suit_cbor_get_tag(struct suit_cbor *c, u64 *tag);

/*
 * Enter a container: @inner iterates its items, @c steps past the whole
 * container. @count receives items (array) or pairs (map).
 */
int suit_cbor_enter_array(struct suit_cbor *c, struct suit_cbor *inner,
			  size_t *count);
int suit_cbor_enter_map(struct suit_cbor *c, struct suit_cbor *inner,
			size_t *pairs);
/* Enter the CBOR item held inside a bstr (the SUIT "bstr .cbor" idiom). */
int suit_cbor_enter_bstr_cbor(struct suit_cbor *c, struct suit_cbor *inner,
			      struct suit_buf *wrapped);

/*
 * Check that the map starting at @c has unique keys in deterministic
 * (bytewise lexicographic) order. Does not move @c.
 */
int suit_cbor_map_check(const struct suit_cbor *c);

/*
 * Encoder: writes into a caller buffer. On overflow the encoder keeps
 * counting (so the needed size is known) and sets @err to -ENOSPC.
 */
struct suit_cbor_enc {
	u8 *buf;
	size_t cap;
	size_t len;
	int err;
};

void suit_cbor_enc_init(struct suit_cbor_enc *e, u8 *buf, size_t cap);
void suit_cbor_put_uint(struct suit_cbor_enc *e, u64 v);
void suit_cbor_put_int(struct suit_cbor_enc *e, s64 v);
void suit_cbor_put_bstr(struct suit_cbor_enc *e, const u8 *p, size_t len);
void suit_cbor_put_bstr_head(struct suit_cbor_enc *e, size_t len);
void suit_cbor_put_tstr(struct suit_cbor_enc *e, const char *p, size_t len);
void suit_cbor_put_array(struct suit_cbor_enc *e, size_t count);
void suit_cbor_put_map(struct suit_cbor_enc *e, size_t pairs);
void suit_cbor_put_tag(struct suit_cbor_enc *e, u64 tag);
void suit_cbor_put_bool(struct suit_cbor_enc *e, bool v);
void suit_cbor_put_null(struct suit_cbor_enc *e);
/* Copy already-encoded CBOR verbatim. */
void suit_cbor_put_raw(struct suit_cbor_enc *e, const u8 *p, size_t len);

#endif /* SUIT_CBOR_H */
