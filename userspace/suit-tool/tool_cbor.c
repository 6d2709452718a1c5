// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: heap CBOR tree, decoder and deterministic encoder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_cbor.h"
#include "tool_util.h"

#define TC_MAX_DEPTH 64

static struct tc *tc_new(enum tc_type t)
{
	struct tc *v = xcalloc(1, sizeof(*v));

	v->type = t;
	return v;
}

struct tc *tc_uint(uint64_t v)
{
	struct tc *r = tc_new(TC_UINT);

	r->u = v;
	return r;
}

struct tc *tc_int(int64_t v)
{
	struct tc *r;

	if (v >= 0)
		return tc_uint((uint64_t)v);
	r = tc_new(TC_NINT);
	r->u = (uint64_t)(-1 - v);
	return r;
}

struct tc *tc_bstr(const void *p, size_t len)
{
	struct tc *r = tc_new(TC_BSTR);

	r->bytes = xmalloc(len + 1);
	if (len)
		memcpy(r->bytes, p, len);
	r->bytes[len] = 0;
	r->len = len;
	return r;
}

struct tc *tc_tstrn(const char *s, size_t len)
{
	struct tc *r = tc_bstr(s, len);

	r->type = TC_TSTR;
	return r;
}

struct tc *tc_tstr(const char *s)
{
	return tc_tstrn(s, strlen(s));
}

struct tc *tc_array(void)
{
	return tc_new(TC_ARRAY);
}

struct tc *tc_map(void)
{
	return tc_new(TC_MAP);
}

static void tc_append(struct tc *a, struct tc *v)
{
	if (a->len == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->items = xrealloc(a->items, a->cap * sizeof(*a->items));
	}
	a->items[a->len++] = v;
}

struct tc *tc_tag(uint64_t tag, struct tc *v)
{
	struct tc *r = tc_new(TC_TAG);

	r->u = tag;
	tc_append(r, v);
	return r;
}

struct tc *tc_simple(enum tc_type t)
{
	return tc_new(t);
}

struct tc *tc_bool(bool v)
{
	return tc_new(v ? TC_TRUE : TC_FALSE);
}

struct tc *tc_wrap(struct tc *v)
{
	struct tbuf b = tc_enc(v);
	struct tc *r = tc_bstr(b.p, b.len);

	tb_free(&b);
	tc_free(v);
	return r;
}

void tc_push(struct tc *a, struct tc *v)
{
	tc_append(a, v);
}

void tc_put(struct tc *m, struct tc *k, struct tc *v)
{
	tc_append(m, k);
	tc_append(m, v);
}

void tc_put_i(struct tc *m, int64_t k, struct tc *v)
{
	tc_put(m, tc_int(k), v);
}

void tc_free(struct tc *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->len && v->items; i++)
		tc_free(v->items[i]);
	free(v->items);
	free(v->bytes);
	free(v);
}

struct tc *tc_dup(const struct tc *v)
{
	struct tc *r;
	size_t i;

	if (v->type == TC_BSTR || v->type == TC_TSTR) {
		r = tc_bstr(v->bytes, v->len);
		r->type = v->type;
		return r;
	}
	r = tc_new(v->type);
	r->u = v->u;
	for (i = 0; v->items && i < v->len; i++)
		tc_append(r, tc_dup(v->items[i]));
	return r;
}

bool tc_is_int(const struct tc *v)
{
	return v && ((v->type == TC_UINT && v->u <= INT64_MAX) ||
		     (v->type == TC_NINT && v->u <= INT64_MAX));
}

int64_t tc_get_int(const struct tc *v)
{
	if (v->type == TC_UINT)
		return (int64_t)v->u;
	return -1 - (int64_t)v->u;
}

size_t tc_map_pairs(const struct tc *m)
{
	return m->len / 2;
}

struct tc *tc_map_get_i(const struct tc *m, int64_t k)
{
	size_t i;

	if (!m || m->type != TC_MAP)
		return NULL;
	for (i = 0; i + 1 < m->len; i += 2)
		if (tc_is_int(m->items[i]) && tc_get_int(m->items[i]) == k)
			return m->items[i + 1];
	return NULL;
}

struct tc *tc_map_get_s(const struct tc *m, const char *k)
{
	size_t i;

	if (!m || m->type != TC_MAP)
		return NULL;
	for (i = 0; i + 1 < m->len; i += 2)
		if (m->items[i]->type == TC_TSTR &&
		    !strcmp((char *)m->items[i]->bytes, k))
			return m->items[i + 1];
	return NULL;
}

bool tc_map_del_i(struct tc *m, int64_t k)
{
	size_t i;

	for (i = 0; i + 1 < m->len; i += 2) {
		if (tc_is_int(m->items[i]) && tc_get_int(m->items[i]) == k) {
			tc_free(m->items[i]);
			tc_free(m->items[i + 1]);
			memmove(&m->items[i], &m->items[i + 2],
				(m->len - i - 2) * sizeof(*m->items));
			m->len -= 2;
			return true;
		}
	}
	return false;
}

/* ---- decoding ---- */

struct tc_dec {
	const uint8_t *p, *end;
	const char *err;
};

static int dec_head(struct tc_dec *d, int *major, uint64_t *arg)
{
	uint8_t ib;
	int ai, n, i;

	if (d->p >= d->end) {
		d->err = "truncated CBOR";
		return -1;
	}
	ib = *d->p++;
	*major = ib >> 5;
	ai = ib & 31;
	if (ai < 24) {
		*arg = ai;
		return 0;
	}
	if (ai > 27) {
		d->err = "indefinite length or reserved CBOR head not supported";
		return -1;
	}
	n = 1 << (ai - 24);
	if (d->end - d->p < n) {
		d->err = "truncated CBOR";
		return -1;
	}
	*arg = 0;
	for (i = 0; i < n; i++)
		*arg = (*arg << 8) | *d->p++;
	return 0;
}

static struct tc *dec_item(struct tc_dec *d, int depth)
{
	int major;
	uint64_t arg, i;
	struct tc *v, *c;

	if (depth > TC_MAX_DEPTH) {
		d->err = "CBOR nested too deeply";
		return NULL;
	}
	if (dec_head(d, &major, &arg))
		return NULL;
	switch (major) {
	case 0:
		return tc_uint(arg);
	case 1:
		v = tc_new(TC_NINT);
		v->u = arg;
		return v;
	case 2:
	case 3:
		if ((uint64_t)(d->end - d->p) < arg) {
			d->err = "truncated CBOR string";
			return NULL;
		}
		v = tc_bstr(d->p, arg);
		v->type = major == 2 ? TC_BSTR : TC_TSTR;
		d->p += arg;
		return v;
	case 4:
	case 5:
		if (arg > (uint64_t)(d->end - d->p)) {
			d->err = "truncated CBOR container";
			return NULL;
		}
		v = tc_new(major == 4 ? TC_ARRAY : TC_MAP);
		for (i = 0; i < (major == 5 ? arg * 2 : arg); i++) {
			c = dec_item(d, depth + 1);
			if (!c) {
				tc_free(v);
				return NULL;
			}
			tc_append(v, c);
		}
		return v;
	case 6:
		c = dec_item(d, depth + 1);
		if (!c)
			return NULL;
		return tc_tag(arg, c);
	default:
		switch (arg) {
		case 20: return tc_new(TC_FALSE);
		case 21: return tc_new(TC_TRUE);
		case 22: return tc_new(TC_NULL);
		case 23: return tc_new(TC_UNDEF);
		}
		d->err = "unsupported CBOR simple value or float";
		return NULL;
	}
}

struct tc *tc_decode_prefix(const uint8_t *p, size_t len, size_t *used,
			    const char **err)
{
	struct tc_dec d = { p, p + len, NULL };
	struct tc *v = dec_item(&d, 0);

	if (!v) {
		if (err)
			*err = d.err;
		return NULL;
	}
	*used = d.p - p;
	return v;
}

struct tc *tc_decode(const uint8_t *p, size_t len, const char **err)
{
	size_t used;
	struct tc *v = tc_decode_prefix(p, len, &used, err);

	if (v && used != len) {
		tc_free(v);
		if (err)
			*err = "trailing bytes after CBOR item";
		return NULL;
	}
	return v;
}

/* ---- encoding ---- */

void tb_put(struct tbuf *b, const void *p, size_t len)
{
	if (b->len + len > b->cap) {
		b->cap = (b->len + len) * 2 + 64;
		b->p = xrealloc(b->p, b->cap);
	}
	if (len)
		memcpy(b->p + b->len, p, len);
	b->len += len;
}

void tb_head(struct tbuf *b, int major, uint64_t v)
{
	uint8_t h[9];
	int n, i;

	if (v < 24) {
		h[0] = (uint8_t)(major << 5 | v);
		tb_put(b, h, 1);
		return;
	}
	if (v <= 0xff)
		n = 1;
	else if (v <= 0xffff)
		n = 2;
	else if (v <= 0xffffffffULL)
		n = 4;
	else
		n = 8;
	h[0] = (uint8_t)(major << 5 | (n == 1 ? 24 : n == 2 ? 25 : n == 4 ? 26 : 27));
	for (i = 0; i < n; i++)
		h[1 + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	tb_put(b, h, 1 + n);
}

void tb_free(struct tbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

struct kv_enc {
	struct tbuf k, v;
};

static int kv_cmp(const void *a, const void *b)
{
	const struct kv_enc *x = a, *y = b;
	size_t n = x->k.len < y->k.len ? x->k.len : y->k.len;
	int c = memcmp(x->k.p, y->k.p, n);

	if (c)
		return c;
	return x->k.len < y->k.len ? -1 : x->k.len > y->k.len;
}

static void enc(struct tbuf *b, const struct tc *v, bool sort)
{
	size_t i;
	static const uint8_t simple[] = { 0xf4, 0xf5, 0xf6, 0xf7 };

	switch (v->type) {
	case TC_UINT:
		tb_head(b, 0, v->u);
		break;
	case TC_NINT:
		tb_head(b, 1, v->u);
		break;
	case TC_BSTR:
	case TC_TSTR:
		tb_head(b, v->type == TC_BSTR ? 2 : 3, v->len);
		tb_put(b, v->bytes, v->len);
		break;
	case TC_ARRAY:
		tb_head(b, 4, v->len);
		for (i = 0; i < v->len; i++)
			enc(b, v->items[i], sort);
		break;
	case TC_MAP: {
		size_t n = v->len / 2;
		struct kv_enc *kv = xcalloc(n + 1, sizeof(*kv));

		tb_head(b, 5, n);
		for (i = 0; i < n; i++) {
			enc(&kv[i].k, v->items[2 * i], sort);
			enc(&kv[i].v, v->items[2 * i + 1], sort);
		}
		if (sort)
			qsort(kv, n, sizeof(*kv), kv_cmp);
		for (i = 0; i < n; i++) {
			tb_put(b, kv[i].k.p, kv[i].k.len);
			tb_put(b, kv[i].v.p, kv[i].v.len);
			tb_free(&kv[i].k);
			tb_free(&kv[i].v);
		}
		free(kv);
		break;
	}
	case TC_TAG:
		tb_head(b, 6, v->u);
		enc(b, v->items[0], sort);
		break;
	default:
		tb_put(b, &simple[v->type - TC_FALSE], 1);
		break;
	}
}

void tc_encode(struct tbuf *b, const struct tc *v)
{
	enc(b, v, !tc_keep_order);
}

void tc_encode_keep(struct tbuf *b, const struct tc *v)
{
	enc(b, v, false);
}

bool tc_keep_order;

struct tbuf tc_enc(const struct tc *v)
{
	struct tbuf b = { 0 };

	enc(&b, v, !tc_keep_order);
	return b;
}

bool tc_equal(const struct tc *a, const struct tc *b)
{
	struct tbuf x = { 0 }, y = { 0 };
	bool eq;

	tc_encode_keep(&x, a);
	tc_encode_keep(&y, b);
	eq = x.len == y.len && !memcmp(x.p, y.p, x.len);
	tb_free(&x);
	tb_free(&y);
	return eq;
}
