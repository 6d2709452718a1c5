// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool wrap: an operator's (distributor's) manifest that depends on
 * an author's signed envelope (draft-ietf-suit-trust-domains): the author's
 * envelope becomes a dependency (suit-dependencies in common), fetched from
 * a URI or integrated, checked with condition-dependency-integrity and run
 * with directive-process-dependency; before that, the operator overrides
 * parameters of the author's components (per-device encryption-info, URIs,
 * content), as in the firmware-encryption draft's two-layer model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_compile.h"
#include "tool_cose.h"
#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAX_OVR 16

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool wrap -e AUTHOR.suit -o OPERATOR.suit --seq N\n"
		"                      [--uri URI | --integrate NAME] [--dep-id TEXT]\n"
		"                      [--component-id TEXT] [--sections LIST]\n"
		"                      [--encryption-info IDX=FILE] [--set-uri IDX=URI]\n"
		"                      [--content IDX=FILE]\n"
		"\n"
		"Write an unsigned operator envelope whose manifest depends on the\n"
		"(signed) AUTHOR envelope; sign it with the operator's key afterwards.\n"
		"\n"
		"  --seq N            operator manifest sequence number\n"
		"  --uri URI          the device fetches the author's envelope from URI\n"
		"  --integrate NAME   carry it in the envelope under NAME (default\n"
		"                     \"#dependency-manifest\" when --uri is absent)\n"
		"  --dep-id TEXT      component id of the dependency (default\n"
		"                     \"dependency-manifest.suit\"); also the dependency prefix\n"
		"  --component-id T   suit-manifest-component-id of the operator manifest\n"
		"  --sections LIST    where to run the dependency: install (default),\n"
		"                     validate, invoke, comma separated\n"
		"  --encryption-info IDX=FILE  override suit-parameter-encryption-info of\n"
		"                     the author's component IDX with FILE (from `encrypt`)\n"
		"  --set-uri IDX=URI  override suit-parameter-uri of component IDX\n"
		"  --content IDX=FILE override suit-parameter-content of component IDX\n"
		"\n"
		"Overrides use directive-override-parameters before process-dependency,\n"
		"so the author's manifest must leave those parameters to\n"
		"set-parameters (19) or unset.\n"
		"Exit status: 0 written, 2 usage error or unusable input.\n");
}

struct ovr {
	int idx;
	int param;
	const char *val;
};

static int parse_ovr(const char *v, int param, struct ovr *o)
{
	char *eq = strchr(v, '=');

	if (!eq || eq == v)
		return -1;
	o->idx = atoi(v);
	o->param = param;
	o->val = eq + 1;
	return 0;
}

int cmd_wrap(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *uri = NULL, *integ = NULL, *v;
	const char *dep_id = "dependency-manifest.suit", *comp_id = NULL, *sections = "install";
	struct ovr ov[MAX_OVR];
	int nov = 0, i, r = SUIT_EXIT_USAGE;
	uint64_t seq = 0;
	bool have_seq = false;
	struct tool_env author = { 0 }, env = { 0 };
	struct tc *aman = NULL, *acommon = NULL, *acomps, *man, *common, *deps, *dep,
		  *comps = NULL, *digest = NULL, *auth = NULL;
	struct tbuf aenc = { 0 };
	size_t k, ncomp;
	int dep_index;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-e", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--seq", &v)) {
			char *end;

			seq = strtoull(v, &end, 10);
			if (*end || *v == '-' || !*v) {
				tool_err("wrap", "--seq: not an unsigned 64-bit integer");
				return SUIT_EXIT_USAGE;
			}
			have_seq = true;
		} else if (tool_opt(argc, argv, &i, "--uri", &v)) {
			uri = v;
		} else if (tool_opt(argc, argv, &i, "--integrate", &v)) {
			integ = v;
		} else if (tool_opt(argc, argv, &i, "--dep-id", &v)) {
			dep_id = v;
		} else if (tool_opt(argc, argv, &i, "--component-id", &v)) {
			comp_id = v;
		} else if (tool_opt(argc, argv, &i, "--sections", &v)) {
			sections = v;
		} else if (nov < MAX_OVR && tool_opt(argc, argv, &i, "--encryption-info", &v)) {
			if (parse_ovr(v, 19, &ov[nov++]))
				goto bad_ovr;
		} else if (nov < MAX_OVR && tool_opt(argc, argv, &i, "--set-uri", &v)) {
			if (parse_ovr(v, 21, &ov[nov++]))
				goto bad_ovr;
		} else if (nov < MAX_OVR && tool_opt(argc, argv, &i, "--content", &v)) {
			if (parse_ovr(v, 18, &ov[nov++]))
				goto bad_ovr;
		} else {
			tool_err("wrap", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out || !have_seq) {
		tool_err("wrap", "need -e, -o and --seq");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (uri && integ) {
		tool_err("wrap", "--uri and --integrate exclude each other");
		return SUIT_EXIT_USAGE;
	}
	if (!uri && !integ)
		integ = "#dependency-manifest";
	if (tool_env_load("wrap", in, &author))
		return SUIT_EXIT_USAGE;
	if (tool_auth_get_digest(author.map, &digest)) {
		tool_err("wrap", "%s: no authentication wrapper digest", in);
		goto out;
	}
	aman = tc_decode(tc_map_get_i(author.map, 3)->bytes, tc_map_get_i(author.map, 3)->len, NULL);
	if (aman && tc_map_get_i(aman, 3) && tc_map_get_i(aman, 3)->type == TC_BSTR)
		acommon = tc_decode(tc_map_get_i(aman, 3)->bytes, tc_map_get_i(aman, 3)->len, NULL);
	acomps = tc_map_get_i(acommon, 2);
	if (!acomps || acomps->type != TC_ARRAY) {
		tool_err("wrap", "%s: the author's manifest has no component list", in);
		goto out;
	}
	ncomp = 0;
	comps = tc_array();
	/* the overridden author components first, in their order */
	for (k = 0; k < acomps->len; k++) {
		bool used = false;

		for (i = 0; i < nov; i++)
			used |= ov[i].idx == (int)k;
		if (used)
			tc_push(comps, tc_dup(acomps->items[k]));
	}
	for (i = 0; i < nov; i++) {
		if (ov[i].idx < 0 || (size_t)ov[i].idx >= acomps->len) {
			tool_err("wrap", "component index %d: the author's manifest has %zu components",
				 ov[i].idx, acomps->len);
			goto out;
		}
	}
	ncomp = comps->len;
	dep_index = (int)ncomp;
	dep = tc_array();
	tc_push(dep, tc_bstr(dep_id, strlen(dep_id)));
	tc_push(comps, dep);

	common = tc_map();
	deps = tc_map();
	{
		struct tc *d = tc_map(), *pfx = tc_array();

		tc_push(pfx, tc_bstr(dep_id, strlen(dep_id)));
		tc_put_i(d, 1, pfx);
		tc_put_i(deps, dep_index, d);
	}
	tc_put_i(common, 1, deps);
	tc_put_i(common, 2, tc_dup(comps));
	man = tc_map();
	tc_put_i(man, 1, tc_uint(1));
	tc_put_i(man, 2, tc_uint(seq));
	tc_put_i(man, 3, tc_wrap(common));
	if (comp_id) {
		struct tc *c = tc_array();

		tc_push(c, tc_bstr(comp_id, strlen(comp_id)));
		tc_put_i(man, 5, c);
	}
	aenc = tool_env_encode(&author);
	{
		static const struct { const char *name; int key; } secs[] = {
			{ "validate", 7 }, { "invoke", 9 }, { "install", 20 },
		};
		size_t s;
		bool any = false;

		for (s = 0; s < SUIT_TOOL_ARRAY(secs); s++) {
			struct tc *seqc, *p;
			char *list = xstrdup(sections), *tok, *save = NULL;
			bool want = false;

			for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
				if (strcmp(tok, "install") && strcmp(tok, "validate") &&
				    strcmp(tok, "invoke")) {
					tool_err("wrap", "--sections: unknown section %s", tok);
					free(list);
					tc_free(man);
					goto out;
				}
				want |= !strcmp(tok, secs[s].name);
			}
			free(list);
			if (!want)
				continue;
			any = true;
			seqc = tc_array();
			if (secs[s].key == 20) {
				for (k = 0; k < ncomp; k++) {
					p = tc_map();
					for (i = 0; i < nov; i++) {
						size_t len;
						uint8_t *buf;

						if (!tc_equal(acomps->items[ov[i].idx], comps->items[k]))
							continue;
						if (ov[i].param == 21) {
							tc_put_i(p, 21, tc_tstr(ov[i].val));
							continue;
						}
						buf = tool_read_file("wrap", ov[i].val, &len);
						if (!buf) {
							tc_free(p);
							tc_free(seqc);
							tc_free(man);
							goto out;
						}
						tc_put_i(p, ov[i].param, tc_bstr(buf, len));
						free(buf);
					}
					tc_push(seqc, tc_int(12));
					tc_push(seqc, tc_uint(k));
					tc_push(seqc, tc_int(20));
					tc_push(seqc, p);
				}
			}
			p = tc_map();
			tc_put_i(p, 3, tc_wrap(tc_dup(digest)));
			tc_put_i(p, 14, tc_uint(aenc.len));
			tc_put_i(p, 21, tc_tstr(uri ? uri : integ));
			if (comps->len > 1) {
				tc_push(seqc, tc_int(12));
				tc_push(seqc, tc_uint(dep_index));
			}
			tc_push(seqc, tc_int(20));
			tc_push(seqc, p);
			if (secs[s].key == 20) {
				tc_push(seqc, tc_int(21));
				tc_push(seqc, tc_uint(15));
			}
			tc_push(seqc, tc_int(7));
			tc_push(seqc, tc_uint(15));
			tc_push(seqc, tc_int(11));
			tc_push(seqc, tc_uint(15));
			tc_put_i(man, secs[s].key, tc_wrap(seqc));
		}
		if (!any) {
			tool_err("wrap", "--sections: nothing to do");
			tc_free(man);
			goto out;
		}
	}
	if (!tc_map_get_i(man, 7)) {
		/* validate is REQUIRED: an empty one defers to the dependency */
		tc_put_i(man, 7, tc_wrap(tc_array()));
	}
	env.tagged = true;
	env.map = tc_map();
	tc_put_i(env.map, 3, tc_wrap(man));
	if (integ)
		tc_put(env.map, tc_tstr(integ), tc_bstr(aenc.p, aenc.len));
	if (tool_env_fresh_auth(&env, -16)) {
		tool_err("wrap", "digest failed");
		goto out;
	}
	r = tool_env_save("wrap", out, &env);
out:
	tc_free(comps);
	tb_free(&aenc);
	tc_free(auth);
	tc_free(digest);
	tc_free(aman);
	tc_free(acommon);
	tool_env_free(&author);
	tool_env_free(&env);
	return r;
bad_ovr:
	tool_err("wrap", "overrides are IDX=VALUE (IDX: the author's component index)");
	return SUIT_EXIT_USAGE;
}
