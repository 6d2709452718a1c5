// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: create, sign, encrypt, inspect and verify SUIT envelopes.
 *
 * main() only dispatches to the subcommands declared in commands.h; each
 * subcommand parses its own options and returns the exit status
 * (0 ok, 1 a check failed, 2 usage error or unusable input).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

struct tool_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct tool_cmd tool_cmds[] = {
	{ "keygen", cmd_keygen, "generate a signing, MAC or key-encryption key" },
	{ "anchor", cmd_anchor, "make a trust-anchor certificate (DER) for a key" },
	{ "create", cmd_create, "build an unsigned envelope from a JSON description" },
	{ "sign", cmd_sign, "add or replace COSE_Sign1/COSE_Sign/COSE_Mac0 authentication" },
	{ "encrypt", cmd_encrypt, "encrypt a payload, write SUIT_Encryption_Info" },
	{ "sever", cmd_sever, "move severable members out of an envelope" },
	{ "unsever", cmd_unsever, "put severed members back into an envelope" },
	{ "wrap", cmd_wrap, "make an operator manifest depending on an author's" },
	{ "inspect", cmd_inspect, "show an envelope as CBOR diagnostic notation or JSON" },
	{ "verify", cmd_verify, "authenticate an envelope against trust anchors" },
	{ "process", cmd_process, "run an envelope on a simulated device" },
	{ "report", cmd_report, "decode and print a SUIT_Report" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: suit-tool COMMAND [OPTIONS] [ARGS]\n"
		   "       suit-tool COMMAND --help\n\ncommands:\n");
	for (i = 0; i < sizeof(tool_cmds) / sizeof(tool_cmds[0]); i++)
		fprintf(f, "  %-9s %s\n", tool_cmds[i].name, tool_cmds[i].summary);
	fprintf(f, "\nexit status: 0 success, 1 a check failed, 2 usage error or unusable input\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			for (i = 0; i < sizeof(tool_cmds) / sizeof(tool_cmds[0]); i++) {
				if (!strcmp(argv[2], tool_cmds[i].name)) {
					char *hargv[] = { argv[2], "--help", NULL };

					return tool_cmds[i].fn(2, hargv);
				}
			}
		}
		usage(stdout);
		return SUIT_EXIT_OK;
	}
	for (i = 0; i < sizeof(tool_cmds) / sizeof(tool_cmds[0]); i++)
		if (!strcmp(argv[1], tool_cmds[i].name))
			return tool_cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "suit-tool: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return SUIT_EXIT_USAGE;
}
