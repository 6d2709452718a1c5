// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool inspect: an envelope as CBOR diagnostic notation (default) or
 * as the JSON description that `create` reads back (--json).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

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
		"\n"
		"Exit status: 0 printed, 2 unreadable input or usage error.\n");
}

int cmd_inspect(int argc, char **argv)
{
	bool as_json = false, only_manifest = false;
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
