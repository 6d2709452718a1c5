// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: envelope files.
 */
#include <stdlib.h>
#include <string.h>

#include "tool_env.h"
#include "tool_util.h"

int tool_env_load(const char *cmd, const char *path, struct tool_env *env)
{
	size_t len;
	uint8_t *buf = tool_read_file(cmd, path, &len);
	const char *err = NULL;
	struct tc *v, *in;

	memset(env, 0, sizeof(*env));
	if (!buf)
		return SUIT_EXIT_USAGE;
	v = tc_decode(buf, len, &err);
	free(buf);
	if (!v) {
		tool_err(cmd, "%s: not a CBOR item: %s", path, err);
		return SUIT_EXIT_USAGE;
	}
	if (v->type == TC_TAG && v->u == 107) {
		in = v->items[0];
		v->items[0] = NULL;
		v->len = 0;
		tc_free(v);
		v = in;
		env->tagged = true;
	}
	if (v->type != TC_MAP || !tc_map_get_i(v, 3)) {
		tool_err(cmd, "%s: not a SUIT envelope (a map with a manifest, key 3)", path);
		tc_free(v);
		return SUIT_EXIT_USAGE;
	}
	if (tc_map_get_i(v, 3)->type != TC_BSTR) {
		tool_err(cmd, "%s: the manifest (key 3) is not a byte string", path);
		tc_free(v);
		return SUIT_EXIT_USAGE;
	}
	env->map = v;
	return 0;
}

struct tbuf tool_env_encode(const struct tool_env *env)
{
	struct tbuf b = { 0 };

	if (env->tagged)
		tb_head(&b, 6, 107);
	tc_encode(&b, env->map);
	return b;
}

int tool_env_save(const char *cmd, const char *path, const struct tool_env *env)
{
	struct tbuf b = tool_env_encode(env);
	int r = tool_write_file(cmd, path, b.p, b.len, 0644);

	tb_free(&b);
	return r ? SUIT_EXIT_USAGE : 0;
}

void tool_env_free(struct tool_env *env)
{
	tc_free(env->map);
	env->map = NULL;
}

struct tc *tool_digest_of_item(const struct tc *member, int alg)
{
	struct tbuf b = { 0 };
	uint8_t md[64];
	size_t n;
	struct tc *d;

	tc_encode(&b, member);
	if (tool_hash(alg, b.p, b.len, md, &n)) {
		tb_free(&b);
		return NULL;
	}
	tb_free(&b);
	d = tc_array();
	tc_push(d, tc_int(alg));
	tc_push(d, tc_bstr(md, n));
	return d;
}

int tool_auth_digest_alg(const struct tc *env_map)
{
	struct tc *auth = tc_map_get_i(env_map, 2), *a, *d;
	int alg = -16;

	if (!auth || auth->type != TC_BSTR)
		return alg;
	a = tc_decode(auth->bytes, auth->len, NULL);
	if (a && a->type == TC_ARRAY && a->len && a->items[0]->type == TC_BSTR) {
		d = tc_decode(a->items[0]->bytes, a->items[0]->len, NULL);
		if (d && d->type == TC_ARRAY && d->len && tc_is_int(d->items[0]))
			alg = (int)tc_get_int(d->items[0]);
		tc_free(d);
	}
	tc_free(a);
	return alg;
}
