/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool subcommands. Each returns the process exit status:
 * 0 success, 1 a check failed (bad signature, envelope rejected, ...),
 * 2 usage error or unusable input.
 */
#ifndef SUIT_TOOL_COMMANDS_H
#define SUIT_TOOL_COMMANDS_H

#define SUIT_EXIT_OK		0
#define SUIT_EXIT_FAILED	1
#define SUIT_EXIT_USAGE		2

int cmd_keygen(int argc, char **argv);
int cmd_anchor(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_encrypt(int argc, char **argv);
int cmd_sever(int argc, char **argv);
int cmd_unsever(int argc, char **argv);
int cmd_wrap(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_process(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif /* SUIT_TOOL_COMMANDS_H */
