// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool process: run an envelope on a simulated device.
 * (placeholder while the simulated device is being written)
 */
#include <stdio.h>

#include "commands.h"

int cmd_process(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "suit-tool process: not implemented yet\n");
	return SUIT_EXIT_USAGE;
}
