/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: compile a component description (suit-manifest-generator
 * style JSON) into an envelope map following the manifest templates.
 */
#ifndef SUIT_TOOL_COMPILE_H
#define SUIT_TOOL_COMPILE_H

#include <jansson.h>

#include "tool_cbor.h"
#include "tool_env.h"

/* 0 and *env_map set, or -1 with a message in @err */
int tool_compile(const json_t *desc, const char *dir, int digest_alg,
		 bool severed, struct tc **env_map, char *err, size_t errlen);
int tool_env_fresh_auth(struct tool_env *env, int alg);

#endif
