// SPDX-License-Identifier: GPL-2.0-only
/*
 * Temporary stand-ins for suit-tool subcommands not written yet.
 */
#include <stdio.h>

#include "commands.h"

#define TOOL_STUB(name)							\
int cmd_##name(int argc, char **argv)					\
{									\
	(void)argc;							\
	(void)argv;							\
	fprintf(stderr, "suit-tool " #name ": not implemented yet\n");	\
	return SUIT_EXIT_USAGE;						\
}

TOOL_STUB(keygen)
TOOL_STUB(anchor)
TOOL_STUB(create)
TOOL_STUB(sign)
TOOL_STUB(encrypt)
TOOL_STUB(sever)
TOOL_STUB(unsever)
TOOL_STUB(wrap)
TOOL_STUB(inspect)
TOOL_STUB(verify)
TOOL_STUB(report)
