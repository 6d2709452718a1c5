// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool inspect: an envelope as CBOR diagnostic notation (default) or
 * as the JSON description that `create` reads back (--json).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <suit/cbor.h>

#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

/*
 * Deterministic-encoding check of every item, including the CBOR inside
 * byte strings: the tree re-encoded with sorted maps and shortest heads
 * must give the same bytes. Reports the first offender's path.
 */
static bool det_check(const struct tc *v, const char *path, int depth)
{
	char sub[256];
	size_t i;

	if (depth > 32)
		return true;
	if (v->type == TC_BSTR && v->len) {
		size_t used;
		struct tc *in = tc_decode_prefix(v->bytes, v->len, &used, NULL);

		if (in && used == v->len) {
			struct tbuf b = tc_enc(in);
			bool same = b.len == v->len && !memcmp(b.p, v->bytes, b.len);

			tb_free(&b);
			if (!same) {
				/* find the deepest offender */
				snprintf(sub, sizeof(sub), "%s<<>>", path);
				if (det_check(in, sub, depth + 1))
					printf("not deterministic: %s (map order or head size)\n", sub);
				tc_free(in);
				return false;
			}
			snprintf(sub, sizeof(sub), "%s<<>>", path);
			same = det_check(in, sub, depth + 1);
			tc_free(in);
			return same;
		}
		tc_free(in);
		return true;
	}
	for (i = 0; v->items && i < v->len; i++) {
		snprintf(sub, sizeof(sub), "%s/%zu", path, i);
		if (!det_check(v->items[i], sub, depth + 1))
			return false;
	}
	return true;
}

static int check_envelope(const char *path)
{
	size_t len;
	uint8_t *buf = tool_read_file("inspect", path, &len);
	struct suit_cbor c;
	struct suit_cbor_item it;
	struct tc *v;
	struct tbuf b;
	bool ok = true;
	int r;

	if (!buf)
		return SUIT_EXIT_USAGE;
	r = suit_cbor_init_single(&c, buf, len);
	if (!r)
		r = suit_cbor_get(&c, &it);
	printf("lib strict decoder: %s (%d)\n", r ? "REJECTED" : "accepted", r);
	ok &= !r;
	v = tc_decode(buf, len, NULL);
	if (v) {
		b = tc_enc(v);
		if (b.len != len || memcmp(b.p, buf, len)) {
			ok = false;
			if (det_check(v, "", 0))
				printf("not deterministic at the top level\n");
		} else if (!det_check(v, "", 0)) {
			ok = false;
		}
		tb_free(&b);
		tc_free(v);
	} else {
		ok = false;
	}
	printf("deterministic encoding (RFC 8949 4.2.1), bstr-wrapped CBOR included: %s\n",
	       ok ? "yes" : "NO");
	free(buf);
	return ok ? SUIT_EXIT_OK : SUIT_EXIT_FAILED;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool inspect [--json] [--manifest-only] ENVELOPE\n"
		"\n"
		"Print a SUIT envelope (or a bare SUIT_Manifest, tag 1070) with every\n"
		"code named: envelope and manifest keys, commands, parameters, COSE\n"
		"headers and algorithms. Byte strings holding CBOR are shown decoded.\n"
		"\n"
		"  --json           print the JSON description instead of diagnostic\n"
		"                   notation; `suit-tool create` rebuilds the same\n"
		"                   manifest bytes from it\n"
		"  --manifest-only  print only the manifest (key 3)\n"
		"  --check          only check the encoding: lib's strict decoder and\n"
		"                   deterministic CBOR everywhere (exit 1 if not)\n"
		"\n"
		"Exit status: 0 printed, 1 --check failed, 2 unreadable input or usage error.\n");
}

int cmd_inspect(int argc, char **argv)
{
	bool as_json = false, only_manifest = false, check = false;
	const char *path = NULL;
	struct tool_env env;
	struct tc *m;
	json_t *j;
	int i, r;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (!strcmp(argv[i], "--json")) {
			as_json = true;
		} else if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (!strcmp(argv[i], "--manifest-only")) {
			only_manifest = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			tool_err("inspect", "unknown option %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		} else if (!path) {
			path = argv[i];
		} else {
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!path) {
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (check)
		return check_envelope(path);
	{
		/* a bare SUIT_Manifest_Tagged (1070) */
		size_t len;
		uint8_t *buf = tool_read_file("inspect", path, &len);
		struct tc *v = buf ? tc_decode(buf, len, NULL) : NULL;

		free(buf);
		if (!buf)
			return SUIT_EXIT_USAGE;
		if (v && v->type == TC_TAG && v->u == 1070) {
			struct tc *w = tc_wrap(tc_dup(v->items[0]));

			if (as_json) {
				j = json_pack("{so}", "suit-manifest", tool_to_json(K_MANIFEST_W, w));
				json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
				json_decref(j);
			} else {
				fputs("/ SUIT_Manifest_Tagged / 1070(", stdout);
				tool_diag_manifest(stdout, v->items[0], 0);
				fputc(')', stdout);
			}
			fputc('\n', stdout);
			tc_free(w);
			tc_free(v);
			return SUIT_EXIT_OK;
		}
		tc_free(v);
	}
	r = tool_env_load("inspect", path, &env);
	if (r)
		return r;
	m = tc_map_get_i(env.map, 3);
	if (as_json) {
		if (only_manifest)
			j = tool_to_json(K_MANIFEST_W, m);
		else
			j = json_pack("{so}", env.tagged ? "suit-envelope-tagged" :
				      "suit-envelope", tool_to_json(K_ENV, env.map));
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(j);
	} else {
		if (only_manifest) {
			tool_diag(stdout, K_MANIFEST_W, m, 0);
		} else {
			if (env.tagged)
				fputs("/ SUIT_Envelope_Tagged / 107(", stdout);
			tool_diag(stdout, K_ENV, env.map, 0);
			if (env.tagged)
				fputc(')', stdout);
		}
		fputc('\n', stdout);
	}
	tool_env_free(&env);
	return SUIT_EXIT_OK;
}
