// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool sever / unsever: move severable members (payload-fetch 16,
 * install 20, text 23, coswid 14, dependency-resolution 15,
 * candidate-verification 18) out of and back into an envelope. The
 * manifest always holds their SUIT_Digest, so signatures stay valid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

static const int severable[] = { 14, 15, 16, 18, 20, 23 };

static void usage(FILE *f, bool un)
{
	if (!un)
		fprintf(f,
			"usage: suit-tool sever -e ENVELOPE -o OUTPUT [-m KEY...] [--keep DIR]\n"
			"\n"
			"Remove severable members (16 payload-fetch, 20 install, 23 text,\n"
			"14 coswid, 15 dependency-resolution, 18 candidate-verification) from\n"
			"the envelope. Members still inline in the manifest are first replaced\n"
			"there by their SUIT_Digest only if the manifest is unsigned (the\n"
			"manifest bytes of a signed envelope never change). -m limits to the\n"
			"given keys; --keep DIR saves each removed member as DIR/member-KEY.cbor.\n"
			"\n"
			"Exit status: 0 written; 1 a member is inline in a signed manifest;\n"
			"2 usage error or unreadable input.\n");
	else
		fprintf(f,
			"usage: suit-tool unsever -e ENVELOPE -o OUTPUT FILE...\n"
			"\n"
			"Put severed members back into the envelope. Each FILE holds one\n"
			"member as written by `sever --keep` (the bstr-wrapped sequence or\n"
			"text); it is placed under the manifest key whose SUIT_Digest it\n"
			"matches. Alternatively FILE may be an envelope that still carries\n"
			"the members.\n"
			"\n"
			"Exit status: 0 written; 1 a member matches no digest in the manifest;\n"
			"2 usage error or unreadable input.\n");
}

static struct tc *manifest_of(const struct tool_env *env)
{
	struct tc *m = tc_map_get_i(env->map, 3);

	return tc_decode(m->bytes, m->len, NULL);
}

int cmd_sever(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *keep = NULL, *v;
	int only[8], nonly = 0, i, r;
	struct tool_env env;
	struct tc *man, *auth;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout, false);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-e", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--keep", &v)) {
			keep = v;
		} else if (tool_opt(argc, argv, &i, "-m", &v) && nonly < 8) {
			only[nonly++] = atoi(v);
		} else {
			tool_err("sever", "unexpected argument %s", argv[i]);
			usage(stderr, false);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out) {
		usage(stderr, false);
		return SUIT_EXIT_USAGE;
	}
	r = tool_env_load("sever", in, &env);
	if (r)
		return r;
	man = manifest_of(&env);
	if (!man || man->type != TC_MAP) {
		tool_err("sever", "%s: the manifest is not a CBOR map", in);
		tc_free(man);
		tool_env_free(&env);
		return SUIT_EXIT_USAGE;
	}
	auth = NULL;
	{
		struct tc *w = tc_map_get_i(env.map, 2);

		if (w && w->type == TC_BSTR)
			auth = tc_decode(w->bytes, w->len, NULL);
	}
	for (k = 0; k < SUIT_TOOL_ARRAY(severable); k++) {
		int key = severable[k], j;
		bool sel = !nonly;
		struct tc *mv = tc_map_get_i(man, key), *ev = tc_map_get_i(env.map, key);

		for (j = 0; j < nonly; j++)
			sel |= only[j] == key;
		if (!sel)
			continue;
		if (mv && mv->type == TC_BSTR) {
			if (auth && auth->type == TC_ARRAY && auth->len > 1) {
				tool_err("sever", "member %d is inline in a signed manifest: create the manifest severed (\"severable\": true) before signing",
					 key);
				r = SUIT_EXIT_FAILED;
				goto out;
			}
			ev = tc_dup(mv);
			tc_map_del_i(man, key);
			tc_put_i(man, key, tool_digest_of_item(ev, -16));
			tc_map_del_i(env.map, key);
			tc_put_i(env.map, key, ev);
		}
		if (ev) {
			if (keep) {
				char p[4096];
				struct tbuf b = tc_enc(ev);

				snprintf(p, sizeof(p), "%s/member-%d.cbor", keep, key);
				if (tool_write_file("sever", p, b.p, b.len, 0644)) {
					tb_free(&b);
					r = SUIT_EXIT_USAGE;
					goto out;
				}
				tb_free(&b);
			}
			tc_map_del_i(env.map, key);
		}
	}
	if (!auth || auth->type != TC_ARRAY || auth->len <= 1) {
		/* unsigned: manifest may have changed, refresh the digest */
		struct tc *w = tc_wrap(tc_dup(man)), *d;
		struct tc *a = tc_array();

		tc_map_del_i(env.map, 3);
		tc_put_i(env.map, 3, w);
		d = tool_digest_of_item(w, tool_auth_digest_alg(env.map));
		tc_push(a, tc_wrap(d));
		tc_map_del_i(env.map, 2);
		tc_put_i(env.map, 2, tc_wrap(a));
	}
	r = tool_env_save("sever", out, &env);
out:
	tc_free(auth);
	tc_free(man);
	tool_env_free(&env);
	return r;
}

int cmd_unsever(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *v, *files[16];
	int nf = 0, i, r;
	struct tool_env env;
	struct tc *man;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout, true);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-e", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v)) {
			out = v;
		} else if (argv[i][0] != '-' && nf < 16) {
			files[nf++] = argv[i];
		} else {
			tool_err("unsever", "unexpected argument %s", argv[i]);
			usage(stderr, true);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out || !nf) {
		usage(stderr, true);
		return SUIT_EXIT_USAGE;
	}
	r = tool_env_load("unsever", in, &env);
	if (r)
		return r;
	man = manifest_of(&env);
	r = SUIT_EXIT_USAGE;
	if (!man || man->type != TC_MAP) {
		tool_err("unsever", "%s: the manifest is not a CBOR map", in);
		goto out;
	}
	for (i = 0; i < nf; i++) {
		size_t len;
		uint8_t *buf = tool_read_file("unsever", files[i], &len);
		struct tc *cand[8], *item;
		size_t nc = 0, c;
		bool placed = false;
		struct tool_env other = { 0 };

		if (!buf)
			goto out;
		item = tc_decode(buf, len, NULL);
		free(buf);
		if (!item) {
			tool_err("unsever", "%s: not CBOR", files[i]);
			goto out;
		}
		if (item->type == TC_BSTR) {
			cand[nc++] = item;
		} else {
			tc_free(item);
			if (tool_env_load("unsever", files[i], &other))
				goto out;
			for (k = 0; k < SUIT_TOOL_ARRAY(severable); k++)
				if (tc_map_get_i(other.map, severable[k]) && nc < 8)
					cand[nc++] = tc_dup(tc_map_get_i(other.map, severable[k]));
			tool_env_free(&other);
		}
		for (c = 0; c < nc; c++) {
			for (k = 0; k < SUIT_TOOL_ARRAY(severable); k++) {
				struct tc *d = tc_map_get_i(man, severable[k]), *dd;

				if (!d || d->type != TC_ARRAY || d->len < 2 || !tc_is_int(d->items[0]))
					continue;
				dd = tool_digest_of_item(cand[c], (int)tc_get_int(d->items[0]));
				if (dd && tc_equal(d, dd)) {
					tc_map_del_i(env.map, severable[k]);
					tc_put_i(env.map, severable[k], tc_dup(cand[c]));
					placed = true;
					printf("member %d (%s) restored\n", severable[k],
					       tool_name_of(tool_env_names, severable[k]));
				}
				tc_free(dd);
			}
			tc_free(cand[c]);
		}
		if (!placed) {
			tool_err("unsever", "%s: matches no severed member digest of the manifest",
				 files[i]);
			r = SUIT_EXIT_FAILED;
			goto out;
		}
	}
	r = tool_env_save("unsever", out, &env);
out:
	tc_free(man);
	tool_env_free(&env);
	return r;
}
