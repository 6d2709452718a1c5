// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: COSE to-be-signed structures.
 */
#include <string.h>

#include "tool_cose.h"

struct tbuf tool_tbs(const char *context, const struct tc *body_prot,
		     const struct tc *sign_prot, const struct tc *payload)
{
	struct tbuf b = { 0 };
	static const uint8_t empty = 0x40;

	tb_head(&b, 4, sign_prot ? 5 : 4);
	tb_head(&b, 3, strlen(context));
	tb_put(&b, context, strlen(context));
	tc_encode_keep(&b, body_prot);
	if (sign_prot)
		tc_encode_keep(&b, sign_prot);
	tb_put(&b, &empty, 1);
	tc_encode_keep(&b, payload);
	return b;
}

int tool_auth_get(const struct tc *env_map, struct tc **auth)
{
	struct tc *w = tc_map_get_i(env_map, 2), *a;

	*auth = NULL;
	if (!w || w->type != TC_BSTR)
		return -1;
	a = tc_decode(w->bytes, w->len, NULL);
	if (!a || a->type != TC_ARRAY || !a->len || a->items[0]->type != TC_BSTR) {
		tc_free(a);
		return -1;
	}
	*auth = a;
	return 0;
}

int tool_auth_get_digest(const struct tc *env_map, struct tc **digest)
{
	struct tc *a, *d;

	*digest = NULL;
	if (tool_auth_get(env_map, &a))
		return -1;
	d = tc_decode(a->items[0]->bytes, a->items[0]->len, NULL);
	tc_free(a);
	if (!d || d->type != TC_ARRAY || d->len < 2) {
		tc_free(d);
		return -1;
	}
	*digest = d;
	return 0;
}
