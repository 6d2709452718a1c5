// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool wrap: an operator's manifest depending on an author's.
 * Not implemented yet: only argument checking and help.
 */
#include <stdio.h>
#include <string.h>

#include "tool_util.h"

int cmd_wrap(int argc, char **argv)
{
	if (tool_help_requested(argc, argv)) {
		printf("usage: suit-tool wrap -e AUTHOR_ENVELOPE -o OUTPUT ...\n"
		       "\n"
		       "Not implemented in this version: write the operator manifest as a\n"
		       "structural JSON description (see `inspect --json` of the\n"
		       "trust-domains examples) and build it with `suit-tool create`.\n"
		       "\nExit status: 2 (not implemented).\n");
		return SUIT_EXIT_OK;
	}
	tool_err("wrap", "not implemented yet (use create with a structural description)");
	return SUIT_EXIT_USAGE;
}
