/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: COSE authentication blocks over the SUIT_Digest.
 */
#ifndef SUIT_TOOL_COSE_H
#define SUIT_TOOL_COSE_H

#include "tool_cbor.h"
#include "tool_keys.h"

/*
 * Sig_structure / MAC_structure encoding for a detached payload:
 * [context, body_protected, (sign_protected,) h'', payload]
 */
struct tbuf tool_tbs(const char *context, const struct tc *body_prot,
		     const struct tc *sign_prot, const struct tc *payload);

/* The auth wrapper of an envelope: 0 and *auth (array) or -1 */
int tool_auth_get(const struct tc *env_map, struct tc **auth);

/* The SUIT_Digest (decoded array) of an envelope's auth wrapper */
int tool_auth_get_digest(const struct tc *env_map, struct tc **digest);

#endif
