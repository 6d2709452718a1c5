/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: loading and saving envelopes, digests of the manifest.
 */
#ifndef SUIT_TOOL_ENV_H
#define SUIT_TOOL_ENV_H

#include "tool_cbor.h"

struct tool_env {
	struct tc *map;		/* the SUIT_Envelope map */
	bool tagged;		/* was #6.107(...) */
};

/* Return 0, or an exit code (message printed) */
int tool_env_load(const char *cmd, const char *path, struct tool_env *env);
int tool_env_save(const char *cmd, const char *path, const struct tool_env *env);
void tool_env_free(struct tool_env *env);
/* encoded envelope */
struct tbuf tool_env_encode(const struct tool_env *env);

/*
 * The SUIT_Digest (array) over the bstr-wrapped value @member (a bstr
 * item: its encoding, head included, is hashed) with COSE hash @alg.
 */
struct tc *tool_digest_of_item(const struct tc *member, int alg);
/* bstr-wrapped SUIT_Digest for the authentication wrapper */
int tool_auth_digest_alg(const struct tc *env_map);

#endif
