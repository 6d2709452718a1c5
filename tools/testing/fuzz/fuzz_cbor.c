// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for lib/cbor.c and lib/cbor_enc.c.
 *
 * Decodes the input as a CBOR sequence, walks every item (descending into
 * arrays, maps, tags and bstr-wrapped CBOR) and checks invariants:
 *  - cursors never move on error and items stay inside the input;
 *  - peek_type, get and the typed getters agree with each other;
 *  - the decoder accepts only preferred encodings, so re-encoding every
 *    accepted item with the encoder must give back exactly the input bytes;
 *  - suit_cbor_init_single() accepts the input iff it is exactly one item;
 *  - suit_cbor_map_check() agrees with a plain memcmp of consecutive keys;
 *  - nesting never exceeds SUIT_CBOR_MAX_DEPTH within one layer;
 *  - reads through "checked" cursors (validated content, heads only)
 *    equal reads through fresh unchecked cursors.
 * Any violation aborts (reported as a crash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <suit/cbor.h>

#define MAX_LAYERS 8		/* bstr .cbor layers descended into */

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

static const uint8_t *in_start, *in_end;

static void check_in_input(struct suit_buf b)
{
	FUZZ_ASSERT(b.ptr >= in_start && b.ptr <= in_end);
	FUZZ_ASSERT(b.len <= (size_t)(in_end - b.ptr));
}

static bool same_cursor(const struct suit_cbor *a, const struct suit_cbor *b)
{
	return a->pos == b->pos && a->end == b->end && a->remaining == b->remaining;
}

/* The typed getters must agree with the generic decode of the same item. */
static void check_getters(const struct suit_cbor *c, const struct suit_cbor_item *it)
{
	struct suit_cbor t;
	struct suit_buf b;
	uint64_t u;
	int64_t s;
	bool bo;
	int ret;

	t = *c;
	ret = suit_cbor_get_uint(&t, &u);
	FUZZ_ASSERT(ret == (it->type == SUIT_CBOR_UINT ? 0 : -EPROTO));
	FUZZ_ASSERT(ret || u == it->val);
	FUZZ_ASSERT(ret ? same_cursor(&t, c) : t.pos == c->pos + it->raw.len);

	t = *c;
	ret = suit_cbor_get_int(&t, &s);
	if (it->type == SUIT_CBOR_UINT || it->type == SUIT_CBOR_NINT) {
		if (it->val > (uint64_t)INT64_MAX) {
			FUZZ_ASSERT(ret == -ERANGE);
		} else {
			FUZZ_ASSERT(ret == 0);
			FUZZ_ASSERT(it->type == SUIT_CBOR_UINT ?
				    (uint64_t)s == it->val :
				    s < 0 && (uint64_t)(-(s + 1)) == it->val);
		}
	} else {
		FUZZ_ASSERT(ret == -EPROTO);
	}
	if (ret)
		FUZZ_ASSERT(same_cursor(&t, c));

	t = *c;
	ret = suit_cbor_get_bstr(&t, &b);
	FUZZ_ASSERT(ret == (it->type == SUIT_CBOR_BSTR ? 0 : -EPROTO));
	FUZZ_ASSERT(ret || (b.ptr == it->data.ptr && b.len == it->val));

	t = *c;
	ret = suit_cbor_get_tstr(&t, &b);
	FUZZ_ASSERT(ret == (it->type == SUIT_CBOR_TSTR ? 0 : -EPROTO));
	FUZZ_ASSERT(ret || (b.ptr == it->data.ptr && b.len == it->val));

	t = *c;
	ret = suit_cbor_get_bool(&t, &bo);
	FUZZ_ASSERT(!ret == (it->type == SUIT_CBOR_SIMPLE && it->val != SUIT_CBOR_NULL));

	t = *c;
	ret = suit_cbor_get_null(&t);
	FUZZ_ASSERT(!ret == (it->type == SUIT_CBOR_SIMPLE && it->val == SUIT_CBOR_NULL));

	t = *c;
	ret = suit_cbor_get_tag(&t, &u);
	FUZZ_ASSERT(ret == (it->type == SUIT_CBOR_TAG ? 0 : -EPROTO));
	if (!ret) {
		FUZZ_ASSERT(u == it->val);
		FUZZ_ASSERT(t.pos == it->data.ptr && t.remaining == c->remaining);
	}
}

/*
 * The head of @it re-encoded with the encoder must equal its raw head
 * (the decoder accepts preferred encodings only).
 */
static void check_head(const struct suit_cbor_item *it)
{
	uint8_t buf[16];
	struct suit_cbor_enc e;
	size_t hlen = it->raw.len - it->data.len;

	suit_cbor_enc_init(&e, buf, sizeof(buf));
	switch (it->type) {
	case SUIT_CBOR_UINT:
		suit_cbor_put_uint(&e, it->val);
		break;
	case SUIT_CBOR_NINT:
		if (it->val <= (uint64_t)INT64_MAX)
			suit_cbor_put_int(&e, -1 - (int64_t)it->val);
		else
			return;
		break;
	case SUIT_CBOR_BSTR:
		suit_cbor_put_bstr_head(&e, (size_t)it->val);
		break;
	case SUIT_CBOR_TSTR:
		/* same head as a bstr of that length, with major type 3 */
		suit_cbor_put_bstr_head(&e, (size_t)it->val);
		buf[0] = (uint8_t)((buf[0] & 0x1f) | SUIT_CBOR_TSTR << 5);
		break;
	case SUIT_CBOR_ARRAY:
		suit_cbor_put_array(&e, (size_t)it->val);
		break;
	case SUIT_CBOR_MAP:
		suit_cbor_put_map(&e, (size_t)it->val);
		break;
	case SUIT_CBOR_TAG:
		suit_cbor_put_tag(&e, it->val);
		break;
	case SUIT_CBOR_SIMPLE:
		if (it->val == SUIT_CBOR_NULL)
			suit_cbor_put_null(&e);
		else
			suit_cbor_put_bool(&e, it->val == SUIT_CBOR_TRUE);
		break;
	}
	FUZZ_ASSERT(e.err == 0);
	FUZZ_ASSERT(e.len == hlen);
	FUZZ_ASSERT(!memcmp(buf, it->raw.ptr, hlen));
}

static int cmp_keys(struct suit_buf a, struct suit_buf b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int r = memcmp(a.ptr, b.ptr, n);

	if (r)
		return r;
	return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}

static void walk(struct suit_cbor *c, int depth, int layer, bool *unordered);

/* Walk the @n items of a container cursor; note unordered map keys. */
static void walk_items(struct suit_cbor *in, size_t n, bool map, int depth,
		       int layer, bool *unordered)
{
	struct suit_buf prev = { NULL, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		struct suit_cbor_item key;
		struct suit_cbor t = *in;

		FUZZ_ASSERT(!suit_cbor_at_end(in));
		FUZZ_ASSERT(suit_cbor_get(&t, &key) == 0);
		if (map && !(i & 1)) {
			if (prev.ptr && cmp_keys(prev, key.raw) >= 0)
				*unordered = true;
			prev = key.raw;
		}
		walk(in, depth + 1, layer, unordered);
	}
	FUZZ_ASSERT(suit_cbor_at_end(in));
	FUZZ_ASSERT(suit_cbor_skip(in) == -ENOENT);
}

/* Walk one item (already known to decode) at @c and step over it. */
static void walk(struct suit_cbor *c, int depth, int layer, bool *unordered)
{
	struct suit_cbor_item it;
	struct suit_cbor t = *c, in;
	enum suit_cbor_type type;
	size_t n;

	FUZZ_ASSERT(depth <= SUIT_CBOR_MAX_DEPTH);
	FUZZ_ASSERT(suit_cbor_peek_type(c, &type) == 0);
	FUZZ_ASSERT(suit_cbor_get(&t, &it) == 0);
	FUZZ_ASSERT(it.type == type);
	FUZZ_ASSERT(it.raw.ptr == c->pos);
	FUZZ_ASSERT(t.pos == c->pos + it.raw.len);
	check_in_input(it.raw);
	check_in_input(it.data);
	FUZZ_ASSERT(it.data.ptr >= it.raw.ptr &&
		    it.data.ptr + it.data.len == it.raw.ptr + it.raw.len);
	check_getters(c, &it);
	check_head(&it);

	switch (it.type) {
	case SUIT_CBOR_ARRAY:
	case SUIT_CBOR_MAP: {
		bool map = it.type == SUIT_CBOR_MAP;
		bool sub_unordered = false;
		int mc = suit_cbor_map_check(c);

		t = *c;
		FUZZ_ASSERT((map ? suit_cbor_enter_map(c, &in, &n) :
			     suit_cbor_enter_array(c, &in, &n)) == 0);
		FUZZ_ASSERT(n == it.val);
		FUZZ_ASSERT(in.pos == it.data.ptr && in.end == it.data.ptr + it.data.len);
		walk_items(&in, map ? 2 * n : n, map, depth, layer, &sub_unordered);
		/* map_check covers this map and maps nested in it */
		if (map)
			FUZZ_ASSERT(mc == (sub_unordered ? -EBADMSG : 0));
		else
			FUZZ_ASSERT(mc == -EPROTO);
		if (sub_unordered)
			*unordered = true;
		return;
	}
	case SUIT_CBOR_TAG: {
		uint64_t tag;
		bool sub_unordered = false;

		FUZZ_ASSERT(suit_cbor_get_tag(c, &tag) == 0 && tag == it.val);
		walk(c, depth + 1, layer, &sub_unordered);
		FUZZ_ASSERT(c->pos == t.pos && c->remaining == t.remaining);
		if (sub_unordered)
			*unordered = true;
		return;
	}
	case SUIT_CBOR_BSTR: {
		struct suit_buf w;
		struct suit_cbor probe = *c;
		int ret = suit_cbor_enter_bstr_cbor(&probe, &in, &w);
		struct suit_cbor single;
		int sret = suit_cbor_init_single(&single, it.data.ptr, it.data.len);

		FUZZ_ASSERT(ret == sret);
		if (!ret) {
			bool inner_unordered = false;

			FUZZ_ASSERT(w.ptr == it.data.ptr && w.len == it.data.len);
			FUZZ_ASSERT(same_cursor(&probe, &t));
			if (layer < MAX_LAYERS) {
				walk(&in, 0, layer + 1, &inner_unordered);
				FUZZ_ASSERT(suit_cbor_at_end(&in));
			}
		} else {
			FUZZ_ASSERT(same_cursor(&probe, c));
		}
		*c = t;
		return;
	}
	default:
		*c = t;
		return;
	}
}

/* Re-encode the items of @c through the encoder; see test_cbor.c. */
static int reencode(struct suit_cbor *c, struct suit_cbor_enc *e)
{
	struct suit_cbor_item it;
	struct suit_cbor in;
	size_t n, i;
	int ret = suit_cbor_get(c, &it);

	if (ret)
		return ret;
	switch (it.type) {
	case SUIT_CBOR_UINT:
		suit_cbor_put_uint(e, it.val);
		return 0;
	case SUIT_CBOR_NINT:
		if (it.val <= (uint64_t)INT64_MAX)
			suit_cbor_put_int(e, -1 - (int64_t)it.val);
		else
			suit_cbor_put_raw(e, it.raw.ptr, it.raw.len);
		return 0;
	case SUIT_CBOR_BSTR:
		suit_cbor_put_bstr(e, it.data.ptr, it.data.len);
		return 0;
	case SUIT_CBOR_TSTR:
		suit_cbor_put_tstr(e, (const char *)it.data.ptr, it.data.len);
		return 0;
	case SUIT_CBOR_ARRAY:
	case SUIT_CBOR_MAP:
		n = (size_t)it.val;
		if (it.type == SUIT_CBOR_ARRAY) {
			suit_cbor_put_array(e, n);
		} else {
			suit_cbor_put_map(e, n);
			n *= 2;
		}
		suit_cbor_init(&in, it.data.ptr, it.data.len);
		for (i = 0; i < n; i++) {
			ret = reencode(&in, e);
			if (ret)
				return ret;
		}
		return suit_cbor_at_end(&in) ? 0 : -1;
	case SUIT_CBOR_TAG:
		suit_cbor_put_tag(e, it.val);
		suit_cbor_init(&in, it.data.ptr, it.data.len);
		return reencode(&in, e);
	case SUIT_CBOR_SIMPLE:
		if (it.val == SUIT_CBOR_NULL)
			suit_cbor_put_null(e);
		else
			suit_cbor_put_bool(e, it.val == SUIT_CBOR_TRUE);
		return 0;
	}
	return -1;
}

/*
 * Cursors over validated content ("checked") only decode heads: every read
 * through them must equal the read through a fresh unchecked cursor over
 * the same bytes. Returns the number of disagreements.
 */
static unsigned int checked_equiv(const uint8_t *buf, size_t len)
{
	struct suit_cbor st[SUIT_CBOR_MAX_DEPTH + 2];
	unsigned int d = 0;

	if (suit_cbor_init_single(&st[0], buf, len) || !st[0].checked)
		return 1;
	for (;;) {
		struct suit_cbor *c = &st[d], u, t;
		struct suit_cbor_item a, b;
		size_t n;
		uint64_t ta, tb;

		if (suit_cbor_at_end(c)) {
			if (!d)
				return 0;
			d--;
			continue;
		}
		suit_cbor_init(&u, c->pos, (size_t)(c->end - c->pos));
		t = u;
		if (suit_cbor_get_tag(&t, &tb) == 0) {
			if (suit_cbor_get_tag(c, &ta) || ta != tb || c->pos != t.pos)
				return 1;
			continue;
		}
		t = *c;
		if (suit_cbor_get(&u, &b) || suit_cbor_get(&t, &a) ||
		    a.type != b.type || a.val != b.val ||
		    a.raw.ptr != b.raw.ptr || a.raw.len != b.raw.len ||
		    a.data.ptr != b.data.ptr || a.data.len != b.data.len)
			return 1;
		if ((a.type == SUIT_CBOR_ARRAY || a.type == SUIT_CBOR_MAP) &&
		    d + 1 < sizeof(st) / sizeof(st[0])) {
			if ((a.type == SUIT_CBOR_ARRAY ?
			     suit_cbor_enter_array(c, &st[d + 1], &n) :
			     suit_cbor_enter_map(c, &st[d + 1], &n)) ||
			    !st[d + 1].checked || c->pos != t.pos)
				return 1;
			d++;
		} else {
			*c = t;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct suit_cbor c, single;
	struct suit_cbor_item first;
	size_t items = 0;
	int first_ret, sret;

	in_start = data;
	in_end = data + size;

	suit_cbor_init(&c, data, size);
	{
		struct suit_cbor t = c;

		first_ret = suit_cbor_get(&t, &first);
	}
	sret = suit_cbor_init_single(&single, data, size);
	if (!size)
		FUZZ_ASSERT(sret == -EBADMSG && first_ret == -ENOENT);
	else if (first_ret)
		FUZZ_ASSERT(sret == first_ret);
	else
		FUZZ_ASSERT((sret == 0) == (first.raw.len == size));
	if (!sret)
		FUZZ_ASSERT(checked_equiv(data, size) == 0);

	while (!suit_cbor_at_end(&c)) {
		struct suit_cbor before = c, t = c;
		struct suit_cbor_item it;
		uint8_t *out;
		struct suit_cbor_enc e;
		bool unordered = false;
		int ret = suit_cbor_get(&t, &it);

		if (ret) {
			FUZZ_ASSERT(ret == -EBADMSG || ret == -E2BIG);
			/* a failing get must not move the cursor */
			FUZZ_ASSERT(same_cursor(&t, &before));
			FUZZ_ASSERT(suit_cbor_skip(&t) == ret);
			break;
		}
		walk(&c, 0, 0, &unordered);
		FUZZ_ASSERT(c.pos == t.pos);

		/* the whole item re-encodes to the same bytes */
		out = malloc(it.raw.len + 1);
		FUZZ_ASSERT(out);
		suit_cbor_enc_init(&e, out, it.raw.len);
		t = before;
		FUZZ_ASSERT(reencode(&t, &e) == 0);
		FUZZ_ASSERT(e.err == 0 && e.len == it.raw.len);
		FUZZ_ASSERT(!memcmp(out, it.raw.ptr, it.raw.len));
		/* measuring mode gives the same size */
		suit_cbor_enc_init(&e, NULL, 0);
		t = before;
		FUZZ_ASSERT(reencode(&t, &e) == 0);
		FUZZ_ASSERT(e.len == it.raw.len);
		free(out);
		items++;
	}
	(void)items;
	return 0;
}
