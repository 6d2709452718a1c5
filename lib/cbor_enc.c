// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Small CBOR (RFC 8949) encoder writing preferred (shortest) encodings into
 * a caller buffer. When the buffer is too small, or a call is made after an
 * error, nothing more is written, @len keeps counting the bytes the full
 * encoding needs and @err is -ENOSPC. A length that would overflow size_t
 * sets -EOVERFLOW.
 */
#include <suit/cbor.h>

/**
 * suit_cbor_enc_init() - start encoding into a buffer
 * @e: encoder
 * @buf: output buffer (may be NULL with @cap 0 to only measure)
 * @cap: size of @buf
 */
void suit_cbor_enc_init(struct suit_cbor_enc *e, u8 *buf, size_t cap)
{
	e->buf = buf;
	e->cap = buf ? cap : 0;
	e->len = 0;
	e->err = 0;
}

/* Reserve @n bytes; returns where to write them, or NULL (count only). */
static u8 *enc_reserve(struct suit_cbor_enc *e, size_t n)
{
	u8 *p;

	if (n > SIZE_MAX - e->len) {
		e->err = -EOVERFLOW;
		e->len = SIZE_MAX;
		return NULL;
	}
	if (!e->err && n > e->cap - e->len)
		e->err = -ENOSPC;
	p = e->err ? NULL : e->buf + e->len;
	e->len += n;
	return p;
}

static void enc_head(struct suit_cbor_enc *e, unsigned int major, u64 v)
{
	u8 *p;
	unsigned int n, ai, i;

	if (v < 24) {
		n = 0;
		ai = (unsigned int)v;
	} else if (v <= 0xff) {
		n = 1;
		ai = 24;
	} else if (v <= 0xffff) {
		n = 2;
		ai = 25;
	} else if (v <= 0xffffffffULL) {
		n = 4;
		ai = 26;
	} else {
		n = 8;
		ai = 27;
	}
	p = enc_reserve(e, 1 + n);
	if (!p)
		return;
	p[0] = (u8)(major << 5 | ai);
	for (i = 0; i < n; i++)
		p[n - i] = (u8)(v >> (8 * i));
}

/**
 * suit_cbor_put_uint() - encode an unsigned integer
 * @e: encoder
 * @v: value
 */
void suit_cbor_put_uint(struct suit_cbor_enc *e, u64 v)
{
	enc_head(e, SUIT_CBOR_UINT, v);
}

/**
 * suit_cbor_put_int() - encode a signed integer (major type 0 or 1)
 * @e: encoder
 * @v: value
 */
void suit_cbor_put_int(struct suit_cbor_enc *e, s64 v)
{
	if (v >= 0)
		enc_head(e, SUIT_CBOR_UINT, (u64)v);
	else
		enc_head(e, SUIT_CBOR_NINT, ~(u64)v);	/* -1 - v */
}

/**
 * suit_cbor_put_bstr_head() - encode only the head of a byte string
 * @e: encoder
 * @len: length of the content that the caller writes next
 */
void suit_cbor_put_bstr_head(struct suit_cbor_enc *e, size_t len)
{
	enc_head(e, SUIT_CBOR_BSTR, len);
}

/**
 * suit_cbor_put_raw() - copy already-encoded CBOR
 * @e: encoder
 * @p: bytes (may be NULL when @len is 0)
 * @len: number of bytes
 */
void suit_cbor_put_raw(struct suit_cbor_enc *e, const u8 *p, size_t len)
{
	u8 *d = enc_reserve(e, len);

	if (d && len)
		suit_memcpy(d, p, len);
}

/**
 * suit_cbor_put_bstr() - encode a byte string
 * @e: encoder
 * @p: content (may be NULL when @len is 0)
 * @len: content length
 */
void suit_cbor_put_bstr(struct suit_cbor_enc *e, const u8 *p, size_t len)
{
	enc_head(e, SUIT_CBOR_BSTR, len);
	suit_cbor_put_raw(e, p, len);
}

/**
 * suit_cbor_put_tstr() - encode a text string
 * @e: encoder
 * @p: UTF-8 content, not necessarily NUL-terminated
 * @len: content length in bytes
 */
void suit_cbor_put_tstr(struct suit_cbor_enc *e, const char *p, size_t len)
{
	enc_head(e, SUIT_CBOR_TSTR, len);
	suit_cbor_put_raw(e, (const u8 *)p, len);
}

/**
 * suit_cbor_put_array() - encode an array head
 * @e: encoder
 * @count: number of items that follow
 */
void suit_cbor_put_array(struct suit_cbor_enc *e, size_t count)
{
	enc_head(e, SUIT_CBOR_ARRAY, count);
}

/**
 * suit_cbor_put_map() - encode a map head
 * @e: encoder
 * @pairs: number of key/value pairs that follow
 */
void suit_cbor_put_map(struct suit_cbor_enc *e, size_t pairs)
{
	enc_head(e, SUIT_CBOR_MAP, pairs);
}

/**
 * suit_cbor_put_tag() - encode a tag head
 * @e: encoder
 * @tag: tag number; the tagged item follows
 */
void suit_cbor_put_tag(struct suit_cbor_enc *e, u64 tag)
{
	enc_head(e, SUIT_CBOR_TAG, tag);
}

/**
 * suit_cbor_put_bool() - encode false or true
 * @e: encoder
 * @v: value
 */
void suit_cbor_put_bool(struct suit_cbor_enc *e, bool v)
{
	enc_head(e, SUIT_CBOR_SIMPLE, v ? SUIT_CBOR_TRUE : SUIT_CBOR_FALSE);
}

/**
 * suit_cbor_put_null() - encode null
 * @e: encoder
 */
void suit_cbor_put_null(struct suit_cbor_enc *e)
{
	enc_head(e, SUIT_CBOR_SIMPLE, SUIT_CBOR_NULL);
}
