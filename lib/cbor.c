// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Strict, zero-copy CBOR (RFC 8949) decoder.
 *
 * Every item is validated in full (including everything nested in it)
 * before a cursor moves past it, by an iterative walk with an explicit
 * counter stack of SUIT_CBOR_MAX_DEPTH entries: no recursion, no allocation.
 * Rejected with -EBADMSG: indefinite lengths, reserved additional
 * information 28..30, a lone break, non-preferred (longer than needed)
 * arguments, floating point, undefined and every simple value other than
 * false/true/null, text strings that are not valid UTF-8, truncated items
 * and lengths that do not fit the buffer. Nesting (arrays, maps and tags)
 * deeper than SUIT_CBOR_MAX_DEPTH is rejected with -E2BIG.
 *
 * A cursor never changes when a call fails.
 */
#include <suit/cbor.h>

#define CBOR_AI_1BYTE		24
#define CBOR_INT64_MAX		0x7fffffffffffffffULL	/* no INT64_MAX in the kernel */

struct cbor_head {
	enum suit_cbor_type type;
	u64 arg;
	size_t hlen;
};

/* Map key order state for one nesting level, used by suit_cbor_map_check() */
struct cbor_keys {
	const u8 *key;	/* start of the key being walked */
	const u8 *prev;	/* previous key encoding, or NULL */
	size_t prev_len;
};

/*
 * Decode the head of the item at @p. Rejects everything the decoder does
 * not support. Does not look at string content or nested items.
 */
static int cbor_head(const u8 *p, const u8 *end, struct cbor_head *h)
{
	size_t avail = (size_t)(end - p);
	unsigned int ai, n, i;
	u64 v;

	if (!avail)
		return -EBADMSG;
	h->type = (enum suit_cbor_type)(p[0] >> 5);
	ai = p[0] & 0x1f;

	if (h->type == SUIT_CBOR_SIMPLE) {
		/* Only false, true and null, always in the initial byte. */
		if (ai != SUIT_CBOR_FALSE && ai != SUIT_CBOR_TRUE && ai != SUIT_CBOR_NULL)
			return -EBADMSG;
		h->arg = ai;
		h->hlen = 1;
		return 0;
	}
	if (ai < CBOR_AI_1BYTE) {
		h->arg = ai;
		h->hlen = 1;
		return 0;
	}
	if (ai > 27)		/* 28..30 reserved, 31 indefinite length */
		return -EBADMSG;

	n = 1u << (ai - CBOR_AI_1BYTE);
	if (n > avail - 1)
		return -EBADMSG;
	v = 0;
	for (i = 1; i <= n; i++)
		v = v << 8 | p[i];

	/* Preferred serialization: the shortest argument that holds v. */
	if ((n == 1 && v < CBOR_AI_1BYTE) || (n == 2 && v <= 0xff) ||
	    (n == 4 && v <= 0xffff) || (n == 8 && v <= 0xffffffffULL))
		return -EBADMSG;

	h->arg = v;
	h->hlen = 1 + n;
	return 0;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, <= U+10FFFF. */
static bool cbor_utf8_valid(const u8 *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		u8 c = s[i];
		u8 lo = 0x80, hi = 0xbf;
		size_t n, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong */
			else if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;	/* overlong */
			else if (c == 0xf4)
				hi = 0x8f;	/* > U+10FFFF */
		} else {
			return false;
		}
		if (n > len - i - 1)
			return false;
		for (k = 1; k <= n; k++) {
			u8 cc = s[i + k];

			if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xbf))
				return false;
		}
		i += n + 1;
	}
	return true;
}

/* Bytewise lexicographic comparison of two encodings (RFC 8949 4.2.1). */
static int cbor_key_cmp(const u8 *a, size_t alen, const u8 *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int r = n ? suit_memcmp(a, b, n) : 0;

	if (r)
		return r;
	if (alen == blen)
		return 0;
	return alen < blen ? -1 : 1;
}

/*
 * Validate the one item at @p (with everything nested in it) and store its
 * total encoded length in @len. When @keys is not NULL, also check that
 * every map in the item has unique keys in bytewise lexicographic order.
 * With @checked (the item lies inside an item validated before) the UTF-8
 * of text strings is not looked at again; heads and bounds still are.
 */
static int cbor_walk(const u8 *p, const u8 *end, size_t *len,
		     struct cbor_keys *keys, bool checked)
{
	size_t left[SUIT_CBOR_MAX_DEPTH + 1];
	bool is_map[SUIT_CBOR_MAX_DEPTH + 1];
	const u8 *start = p;
	unsigned int depth = 0;
	struct cbor_head h;
	int ret;

	left[0] = 1;
	is_map[0] = false;
	for (;;) {
		size_t avail, n;

		while (depth > 0 && !left[depth])
			depth--;
		if (!left[depth])
			break;

		if (keys && is_map[depth]) {
			struct cbor_keys *k = &keys[depth];

			if (!(left[depth] & 1)) {
				k->key = p;	/* a key starts here */
			} else {
				/* the key just walked ends here */
				size_t klen = (size_t)(p - k->key);

				if (k->prev &&
				    cbor_key_cmp(k->prev, k->prev_len, k->key, klen) >= 0)
					return -EBADMSG;
				k->prev = k->key;
				k->prev_len = klen;
			}
		}
		left[depth]--;

		ret = cbor_head(p, end, &h);
		if (ret)
			return ret;
		p += h.hlen;
		avail = (size_t)(end - p);

		switch (h.type) {
		case SUIT_CBOR_BSTR:
		case SUIT_CBOR_TSTR:
			if (h.arg > avail)
				return -EBADMSG;
			if (h.type == SUIT_CBOR_TSTR && !checked &&
			    !cbor_utf8_valid(p, (size_t)h.arg))
				return -EBADMSG;
			p += (size_t)h.arg;
			continue;
		case SUIT_CBOR_ARRAY:
		case SUIT_CBOR_MAP:
		case SUIT_CBOR_TAG:
			break;
		default:
			continue;
		}

		if (depth >= SUIT_CBOR_MAX_DEPTH)
			return -E2BIG;
		if (h.type == SUIT_CBOR_TAG) {
			n = 1;
		} else {
			/* Every item takes at least one byte. */
			if (h.arg > avail)
				return -EBADMSG;
			n = (size_t)h.arg;
			if (h.type == SUIT_CBOR_MAP) {
				if (n > avail / 2)
					return -EBADMSG;
				n *= 2;
			}
		}
		if (!n)
			continue;
		depth++;
		left[depth] = n;
		is_map[depth] = h.type == SUIT_CBOR_MAP;
		if (keys && is_map[depth])
			keys[depth].prev = NULL;
	}
	*len = (size_t)(p - start);
	return 0;
}

/*
 * Length of the item at @p, which lies inside an item validated in full
 * before (a "checked" cursor): only the heads are decoded, with one
 * counter of items still to step over instead of a stack. Bounds are still
 * checked, so even a wrong caller cannot read past @end.
 */
static int cbor_len_checked(const u8 *p, const u8 *end, size_t *len)
{
	const u8 *start = p;
	size_t left = 1, avail;
	unsigned int ai, n, i;
	u8 type;
	u64 v;

	while (left) {
		left--;
		if (p >= end)
			return -EBADMSG;
		type = p[0] >> 5;
		ai = p[0] & 0x1f;
		p++;
		if (ai < CBOR_AI_1BYTE) {
			v = ai;
		} else {
			if (ai > 27)
				return -EBADMSG;
			n = 1u << (ai - CBOR_AI_1BYTE);
			if (n > (size_t)(end - p))
				return -EBADMSG;
			v = 0;
			for (i = 0; i < n; i++)
				v = v << 8 | p[i];
			p += n;
		}
		avail = (size_t)(end - p);
		switch (type) {
		case SUIT_CBOR_BSTR:
		case SUIT_CBOR_TSTR:
			if (v > avail)
				return -EBADMSG;
			p += (size_t)v;
			break;
		case SUIT_CBOR_ARRAY:
			if (v > avail)
				return -EBADMSG;
			left += (size_t)v;	/* <= bytes left: no overflow */
			break;
		case SUIT_CBOR_MAP:
			if (v > avail / 2)
				return -EBADMSG;
			left += 2 * (size_t)v;
			break;
		case SUIT_CBOR_TAG:
			left++;
			break;
		default:
			break;
		}
		if (left > (size_t)(end - p))
			return -EBADMSG;	/* every item takes a byte */
	}
	*len = (size_t)(p - start);
	return 0;
}

/**
 * suit_cbor_init() - start a cursor over a sequence of items
 * @c: cursor to set up
 * @buf: first byte (may be NULL when @len is 0)
 * @len: number of bytes
 *
 * The buffer may hold any number of items (a CBOR sequence); each is
 * validated when it is read.
 */
void suit_cbor_init(struct suit_cbor *c, const u8 *buf, size_t len)
{
	c->pos = buf;
	c->end = len ? buf + len : buf;
	c->remaining = SIZE_MAX;
	c->checked = false;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_init);

/**
 * suit_cbor_init_single() - start a cursor over a buffer of exactly one item
 * @c: cursor to set up
 * @buf: first byte
 * @len: number of bytes
 *
 * The item is validated in full. On failure @c is set up empty, so that
 * reading from it fails with -ENOENT.
 *
 * Return: 0, -EBADMSG (malformed, empty buffer or trailing bytes) or -E2BIG.
 */
int suit_cbor_init_single(struct suit_cbor *c, const u8 *buf, size_t len)
{
	size_t n;
	int ret;

	c->pos = buf;
	c->end = buf;
	c->remaining = 0;
	c->checked = false;
	if (!buf || !len)
		return -EBADMSG;
	ret = cbor_walk(buf, buf + len, &n, NULL, false);
	if (ret)
		return ret;
	if (n != len)
		return -EBADMSG;
	c->end = buf + len;
	c->remaining = 1;
	c->checked = true;
	return 0;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_init_single);

/**
 * suit_cbor_at_end() - whether a cursor has no more items
 * @c: cursor
 *
 * Return: true inside a container whose items are all read, or at top
 * level when no bytes are left.
 */
bool suit_cbor_at_end(const struct suit_cbor *c)
{
	if (c->remaining == SIZE_MAX)
		return c->pos >= c->end;
	return c->remaining == 0;
}

/* Common entry checks: -ENOENT when there is no next item. */
static int cbor_next(const struct suit_cbor *c)
{
	if (!c->remaining)
		return -ENOENT;
	if (c->pos >= c->end)
		return c->remaining == SIZE_MAX ? -ENOENT : -EBADMSG;
	return 0;
}

/**
 * suit_cbor_peek_type() - the major type of the next item
 * @c: cursor (not moved)
 * @type: receives the type
 *
 * Only the head of the item is checked.
 *
 * Return: 0, -ENOENT at the end, or -EBADMSG for a malformed head.
 */
int suit_cbor_peek_type(const struct suit_cbor *c, enum suit_cbor_type *type)
{
	struct cbor_head h;
	int ret = cbor_next(c);

	if (ret)
		return ret;
	ret = cbor_head(c->pos, c->end, &h);
	if (ret)
		return ret;
	*type = h.type;
	return 0;
}

/* Validate and describe the next item without moving @c. */
static int cbor_peek_item(const struct suit_cbor *c, struct suit_cbor_item *item,
			  size_t *hlen)
{
	struct cbor_head h;
	size_t len;
	int ret = cbor_next(c);

	if (ret)
		return ret;
	ret = cbor_head(c->pos, c->end, &h);
	if (ret)
		return ret;
	if (c->checked && h.type != SUIT_CBOR_ARRAY &&
	    h.type != SUIT_CBOR_MAP && h.type != SUIT_CBOR_TAG) {
		/* validated before: a scalar or string is just its head */
		len = h.hlen;
		if (h.type == SUIT_CBOR_BSTR || h.type == SUIT_CBOR_TSTR) {
			if (h.arg > (u64)(c->end - c->pos) - h.hlen)
				return -EBADMSG;	/* cannot happen */
			len += (size_t)h.arg;
		}
	} else if (c->checked && c->remaining == 1) {
		/*
		 * The items left in a checked cursor fill [pos, end) exactly:
		 * the last one ends at @end.
		 */
		len = (size_t)(c->end - c->pos);
		if (len < h.hlen)
			return -EBADMSG;	/* cannot happen */
	} else if (c->checked) {
		ret = cbor_len_checked(c->pos, c->end, &len);
		if (ret)
			return ret;
	} else {
		ret = cbor_walk(c->pos, c->end, &len, NULL, false);
		if (ret)
			return ret;
	}
	item->type = h.type;
	item->val = h.arg;
	item->raw.ptr = c->pos;
	item->raw.len = len;
	/* strings: the content; containers and tags: what follows the head */
	item->data.ptr = c->pos + h.hlen;
	item->data.len = len - h.hlen;
	*hlen = h.hlen;
	return 0;
}

static void cbor_step(struct suit_cbor *c, size_t len)
{
	c->pos += len;
	if (c->remaining != SIZE_MAX)
		c->remaining--;
}

/**
 * suit_cbor_get() - decode the next item and step over it
 * @c: cursor
 * @item: receives the head, the content (@item->data: string content, or
 *	the encoding after the head for containers and tags) and the full
 *	encoding (@item->raw)
 *
 * The item and everything nested in it are validated.
 *
 * Return: 0, -ENOENT when there are no more items, -EBADMSG or -E2BIG.
 */
int suit_cbor_get(struct suit_cbor *c, struct suit_cbor_item *item)
{
	size_t hlen;
	int ret = cbor_peek_item(c, item, &hlen);

	if (ret)
		return ret;
	cbor_step(c, item->raw.len);
	return 0;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_get);

/**
 * suit_cbor_skip() - validate the next item and step over it
 * @c: cursor
 *
 * Return: as suit_cbor_get().
 */
int suit_cbor_skip(struct suit_cbor *c)
{
	struct suit_cbor_item item;

	return suit_cbor_get(c, &item);
}

/* Get the next item only if it has type @type; -EPROTO otherwise. */
static int cbor_get_type(struct suit_cbor *c, enum suit_cbor_type type,
			 struct suit_cbor_item *item)
{
	size_t hlen;
	int ret = cbor_peek_item(c, item, &hlen);

	if (ret)
		return ret;
	if (item->type != type)
		return -EPROTO;
	cbor_step(c, item->raw.len);
	return 0;
}

/**
 * suit_cbor_get_uint() - read an unsigned integer
 * @c: cursor
 * @v: receives the value
 *
 * Return: 0, -EPROTO if the item is not an unsigned integer, or a decode
 * error as suit_cbor_get().
 */
int suit_cbor_get_uint(struct suit_cbor *c, u64 *v)
{
	struct suit_cbor_item item;
	int ret = cbor_get_type(c, SUIT_CBOR_UINT, &item);

	if (!ret)
		*v = item.val;
	return ret;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_get_uint);

/**
 * suit_cbor_get_int() - read a signed integer (major type 0 or 1)
 * @c: cursor
 * @v: receives the value
 *
 * Return: 0, -EPROTO if the item is not an integer, -ERANGE if it does not
 * fit s64, or a decode error as suit_cbor_get().
 */
int suit_cbor_get_int(struct suit_cbor *c, s64 *v)
{
	struct suit_cbor_item item;
	size_t hlen;
	int ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != SUIT_CBOR_UINT && item.type != SUIT_CBOR_NINT)
		return -EPROTO;
	if (item.val > CBOR_INT64_MAX)
		return -ERANGE;
	*v = item.type == SUIT_CBOR_UINT ? (s64)item.val : -1 - (s64)item.val;
	cbor_step(c, item.raw.len);
	return 0;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_get_int);

/**
 * suit_cbor_get_bool() - read false or true
 * @c: cursor
 * @v: receives the value
 *
 * Return: 0, -EPROTO for any other item, or a decode error.
 */
int suit_cbor_get_bool(struct suit_cbor *c, bool *v)
{
	struct suit_cbor_item item;
	size_t hlen;
	int ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != SUIT_CBOR_SIMPLE ||
	    (item.val != SUIT_CBOR_FALSE && item.val != SUIT_CBOR_TRUE))
		return -EPROTO;
	*v = item.val == SUIT_CBOR_TRUE;
	cbor_step(c, item.raw.len);
	return 0;
}

/**
 * suit_cbor_get_null() - read null
 * @c: cursor
 *
 * Return: 0, -EPROTO for any other item, or a decode error.
 */
int suit_cbor_get_null(struct suit_cbor *c)
{
	struct suit_cbor_item item;
	size_t hlen;
	int ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != SUIT_CBOR_SIMPLE || item.val != SUIT_CBOR_NULL)
		return -EPROTO;
	cbor_step(c, item.raw.len);
	return 0;
}

/**
 * suit_cbor_get_bstr() - read a byte string (zero-copy)
 * @c: cursor
 * @v: receives a view of the content inside the cursor's buffer
 *
 * Return: 0, -EPROTO for any other item, or a decode error.
 */
int suit_cbor_get_bstr(struct suit_cbor *c, struct suit_buf *v)
{
	struct suit_cbor_item item;
	int ret = cbor_get_type(c, SUIT_CBOR_BSTR, &item);

	if (!ret)
		*v = item.data;
	return ret;
}

/**
 * suit_cbor_get_tstr() - read a text string (zero-copy, valid UTF-8)
 * @c: cursor
 * @v: receives a view of the content (not NUL-terminated)
 *
 * Return: 0, -EPROTO for any other item, or a decode error.
 */
int suit_cbor_get_tstr(struct suit_cbor *c, struct suit_buf *v)
{
	struct suit_cbor_item item;
	int ret = cbor_get_type(c, SUIT_CBOR_TSTR, &item);

	if (!ret)
		*v = item.data;
	return ret;
}

/**
 * suit_cbor_get_tag() - read a tag head
 * @c: cursor; on success it points at the tagged item, which still counts
 *	as the same item of the enclosing container
 * @tag: receives the tag number
 *
 * The whole tagged item is validated first.
 *
 * Return: 0, -EPROTO if the item is not a tag, or a decode error.
 */
int suit_cbor_get_tag(struct suit_cbor *c, u64 *tag)
{
	struct suit_cbor_item item;
	struct cbor_head h;
	size_t hlen;
	int ret;

	if (c->checked) {
		/* validated before: the head is all there is to read */
		ret = cbor_next(c);
		if (!ret)
			ret = cbor_head(c->pos, c->end, &h);
		if (ret)
			return ret;
		if (h.type != SUIT_CBOR_TAG)
			return -EPROTO;
		*tag = h.arg;
		c->pos += h.hlen;
		return 0;
	}
	ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != SUIT_CBOR_TAG)
		return -EPROTO;
	*tag = item.val;
	c->pos += hlen;
	return 0;
}

static int cbor_enter(struct suit_cbor *c, struct suit_cbor *inner,
		      enum suit_cbor_type type, size_t *count)
{
	struct suit_cbor_item item;
	size_t hlen;
	int ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != type)
		return -EPROTO;
	/* cbor_walk() bounded the count by the buffer size: it fits size_t. */
	inner->pos = item.raw.ptr + hlen;
	inner->end = item.raw.ptr + item.raw.len;
	inner->remaining = (size_t)item.val;
	inner->checked = true;	/* cbor_peek_item() validated all of it */
	if (type == SUIT_CBOR_MAP)
		inner->remaining *= 2;
	if (count)
		*count = (size_t)item.val;
	cbor_step(c, item.raw.len);
	return 0;
}

/**
 * suit_cbor_enter_array() - enter an array
 * @c: cursor; steps past the whole array on success
 * @inner: receives a cursor over the array's items
 * @count: receives the number of items (may be NULL)
 *
 * Return: 0, -EPROTO if the item is not an array, or a decode error.
 */
int suit_cbor_enter_array(struct suit_cbor *c, struct suit_cbor *inner,
			  size_t *count)
{
	return cbor_enter(c, inner, SUIT_CBOR_ARRAY, count);
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_enter_array);

/**
 * suit_cbor_enter_map() - enter a map
 * @c: cursor; steps past the whole map on success
 * @inner: receives a cursor over keys and values, alternating
 * @pairs: receives the number of key/value pairs (may be NULL)
 *
 * Key order is not checked here; see suit_cbor_map_check().
 *
 * Return: 0, -EPROTO if the item is not a map, or a decode error.
 */
int suit_cbor_enter_map(struct suit_cbor *c, struct suit_cbor *inner,
			size_t *pairs)
{
	return cbor_enter(c, inner, SUIT_CBOR_MAP, pairs);
}

/**
 * suit_cbor_enter_bstr_cbor() - enter the CBOR item wrapped in a bstr
 * @c: cursor; steps past the bstr on success
 * @inner: receives a cursor over the one item in the bstr
 * @wrapped: receives the bstr content (may be NULL)
 *
 * The bstr must hold exactly one well-formed item.
 *
 * Return: 0, -EPROTO if the item is not a bstr, -EBADMSG if its content is
 * not exactly one valid item, -E2BIG, or a decode error.
 */
int suit_cbor_enter_bstr_cbor(struct suit_cbor *c, struct suit_cbor *inner,
			      struct suit_buf *wrapped)
{
	struct suit_cbor_item item;
	struct suit_cbor tmp;
	size_t hlen;
	int ret = cbor_peek_item(c, &item, &hlen);

	if (ret)
		return ret;
	if (item.type != SUIT_CBOR_BSTR)
		return -EPROTO;
	ret = suit_cbor_init_single(&tmp, item.data.ptr, item.data.len);
	if (ret)
		return ret;
	*inner = tmp;
	if (wrapped)
		*wrapped = item.data;
	cbor_step(c, item.raw.len);
	return 0;
}

/**
 * suit_cbor_map_check() - check deterministic map key order
 * @c: cursor at a map (not moved)
 *
 * Checks that the map, and every map nested in it (not inside byte
 * strings), has unique keys sorted in the bytewise lexicographic order of
 * their encodings (RFC 8949 section 4.2.1).
 *
 * Return: 0, -EPROTO if the next item is not a map, -EBADMSG if keys are
 * duplicated or out of order or the item is malformed, -ENOENT, -E2BIG.
 */
int suit_cbor_map_check(const struct suit_cbor *c)
{
	struct cbor_keys keys[SUIT_CBOR_MAX_DEPTH + 1];
	struct cbor_head h;
	size_t len;
	int ret = cbor_next(c);

	if (ret)
		return ret;
	ret = cbor_head(c->pos, c->end, &h);
	if (ret)
		return ret;
	/* Validate first so that malformed input is -EBADMSG/-E2BIG, not -EPROTO. */
	if (!c->checked) {
		ret = cbor_walk(c->pos, c->end, &len, NULL, false);
		if (ret)
			return ret;
	}
	if (h.type != SUIT_CBOR_MAP)
		return -EPROTO;
	return cbor_walk(c->pos, c->end, &len, keys, true);
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_cbor_map_check);
