// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool create: build an unsigned envelope from a JSON description.
 *
 * Two input forms are accepted:
 *  - the structural description printed by `suit-tool inspect --json`
 *    ({"suit-envelope": {...}}, {"suit-envelope-tagged": {...}} or
 *    {"suit-manifest": {...}}): every element named, encoded as written;
 *  - the component description of the suit-manifest-generator
 *    ({"components": [...], "manifest-sequence-number": N, ...}), compiled
 *    into sequences following the templates of the manifest draft (see
 *    tool_compile.c).
 * The output's authentication wrapper holds only the manifest digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"
#include "tool_compile.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool create [OPTIONS] -i DESCRIPTION.json -o ENVELOPE\n"
		"\n"
		"Build an unsigned SUIT envelope (authentication wrapper holding only the\n"
		"SUIT_Digest of the manifest), ready for `suit-tool sign`.\n"
		"\n"
		"  -i, --input FILE     JSON description: either what `inspect --json`\n"
		"                       prints, or a component description (see\n"
		"                       Documentation/suit-tool.rst)\n"
		"  -o, --output FILE    envelope to write (\"-\" for stdout)\n"
		"  --digest-alg ALG     sha256 (default), sha384, sha512\n"
		"  --keep-auth          (structural input) keep the authentication\n"
		"                       wrapper as given instead of a fresh digest\n"
		"  --severed            (component input) leave severable members only\n"
		"                       as digests in the manifest\n"
		"  --keep-order         encode maps in the order of the description\n"
		"                       (reproduces non-canonical inputs; the default\n"
		"                       sorts map keys as RFC 8949 4.2.1 requires)\n"
		"  --untagged           do not add the SUIT_Envelope tag 107\n"
		"  -C DIR               resolve relative file names in the description\n"
		"                       against DIR (default: the description's dir)\n"
		"\n"
		"Exit status: 0 written, 2 bad description or usage error (nothing written).\n");
}

/* Replace the auth wrapper by [<<digest>>] over the manifest. */
int tool_env_fresh_auth(struct tool_env *env, int alg)
{
	struct tc *d = tool_digest_of_item(tc_map_get_i(env->map, 3), alg);
	struct tc *auth;

	if (!d)
		return -1;
	auth = tc_array();
	tc_push(auth, tc_wrap(d));
	tc_map_del_i(env->map, 2);
	tc_put_i(env->map, 2, tc_wrap(auth));
	return 0;
}

int cmd_create(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *alg_name = "sha256", *dir = NULL;
	bool keep_auth = false, severed = false, untagged = false;
	struct tool_env env = { 0 };
	json_error_t jerr;
	json_t *j, *x, *m_j;
	char err[512] = "";
	int64_t alg;
	int i, r;

	for (i = 1; i < argc; i++) {
		const char *v;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-i", &v) ||
			   tool_opt(argc, argv, &i, "--input", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v) ||
			   tool_opt(argc, argv, &i, "--output", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--digest-alg", &v)) {
			alg_name = v;
		} else if (tool_opt(argc, argv, &i, "-C", &v)) {
			dir = v;
		} else if (!strcmp(argv[i], "--keep-auth")) {
			keep_auth = true;
		} else if (!strcmp(argv[i], "--severed")) {
			severed = true;
		} else if (!strcmp(argv[i], "--keep-order")) {
			tc_keep_order = true;
		} else if (!strcmp(argv[i], "--untagged")) {
			untagged = true;
		} else {
			tool_err("create", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out) {
		tool_err("create", "need --input and --output");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (tool_code_of(tool_alg_names, alg_name, &alg) || (alg != -16 && alg != -43 && alg != -44)) {
		tool_err("create", "unsupported digest algorithm %s", alg_name);
		return SUIT_EXIT_USAGE;
	}
	j = strcmp(in, "-") ? json_load_file(in, JSON_DECODE_INT_AS_REAL * 0, &jerr) :
			      json_loadf(stdin, 0, &jerr);
	if (!j) {
		tool_err("create", "%s:%d: %s", in, jerr.line, jerr.text);
		return SUIT_EXIT_USAGE;
	}
	x = json_object_get(j, "suit-envelope");
	if (!x)
		x = json_object_get(j, "suit-envelope-tagged");
	m_j = json_object_get(j, "suit-manifest");
	if (x) {
		env.tagged = json_object_get(j, "suit-envelope-tagged") != NULL;
		env.map = tool_from_json(K_ENV, x, err, sizeof(err));
		if (!env.map) {
			tool_err("create", "%s: %s", in, err);
			json_decref(j);
			return SUIT_EXIT_USAGE;
		}
		if (!tc_map_get_i(env.map, 3)) {
			tool_err("create", "%s: the envelope has no suit-manifest", in);
			goto fail;
		}
		if (keep_auth && tc_map_get_i(env.map, 2))
			goto write;
		if (!keep_auth && tc_map_get_i(env.map, 2) &&
		    !strcmp(alg_name, "sha256"))
			alg = tool_auth_digest_alg(env.map);
	} else if (m_j) {
		struct tc *m = tool_from_json(K_MANIFEST_W, m_j, err, sizeof(err));

		if (!m) {
			tool_err("create", "%s: %s", in, err);
			json_decref(j);
			return SUIT_EXIT_USAGE;
		}
		env.map = tc_map();
		env.tagged = !untagged;
		tc_put_i(env.map, 3, m);
	} else if (json_object_get(j, "components")) {
		char *base = NULL;

		if (!dir) {
			char *s = xstrdup(in), *slash = strrchr(s, '/');

			if (slash)
				*slash = 0;
			else
				strcpy(s, ".");
			base = s;
			dir = base;
		}
		env.tagged = !untagged;
		r = tool_compile(j, dir, (int)alg, severed, &env.map, err, sizeof(err));
		free(base);
		if (r) {
			tool_err("create", "%s: %s", in, err);
			json_decref(j);
			return SUIT_EXIT_USAGE;
		}
	} else {
		tool_err("create", "%s: expected \"suit-envelope\", \"suit-manifest\" or \"components\"", in);
		json_decref(j);
		return SUIT_EXIT_USAGE;
	}
	if (untagged)
		env.tagged = false;
	if (tool_env_fresh_auth(&env, (int)alg)) {
		tool_err("create", "cannot compute the manifest digest");
		goto fail;
	}
write:
	json_decref(j);
	r = tool_env_save("create", out, &env);
	tool_env_free(&env);
	return r;
fail:
	json_decref(j);
	tool_env_free(&env);
	return SUIT_EXIT_USAGE;
}
