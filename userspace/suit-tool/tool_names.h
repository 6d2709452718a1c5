/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: names of SUIT and COSE code points, and the schema-driven
 * conversion between a SUIT envelope (CBOR tree) and its JSON description
 * (what `inspect --json` prints and `create` reads back) or CBOR
 * diagnostic notation.
 */
#ifndef SUIT_TOOL_NAMES_H
#define SUIT_TOOL_NAMES_H

#include <stdio.h>
#include <jansson.h>

#include "tool_cbor.h"

struct tool_name {
	int64_t code;
	const char *name;
};

enum tool_kind {
	K_ANY, K_HEX, K_ALG, K_DIGEST, K_DIGEST_W, K_CID, K_COMPONENTS,
	K_DEPS, K_DEP, K_ENV, K_AUTH_W, K_MANIFEST_W, K_COMMON_W, K_SEQ_W,
	K_SEQ, K_SEQ_OR_DIGEST, K_TEXT_OR_DIGEST, K_ANY_W_OR_DIGEST, K_TEXT,
	K_TEXT_LANG, K_TEXT_COMP, K_PARAMS, K_TRYEACH, K_OVMULTI, K_COSE_W,
	K_HDR, K_HDR_W, K_COSE_KEY, K_ENCINFO_W, K_ENCINFO, K_ANY_W, K_WAIT_W,
	K_WAIT, K_METADATA_W, K_METADATA, K_RECIPIENTS, K_REPORT, K_RECORD,
	K_SIGNATURES, K_REPORT_RESULT, K_CAPS,
};

const char *tool_name_of(const struct tool_name *t, int64_t code);
int tool_code_of(const struct tool_name *t, const char *name, int64_t *code);
/* a command code as the report draft names it, without the "suit-" prefix */
const char *tool_command_name(int64_t code);

extern const struct tool_name tool_env_names[], tool_manifest_names[],
	tool_common_names[], tool_cmd_names[], tool_param_names[],
	tool_alg_names[], tool_hdr_names[], tool_text_names[],
	tool_text_comp_names[], tool_report_names[], tool_reason_names[],
	tool_coskey_names[];

/* CBOR tree -> JSON description for @kind (never fails: unknown shapes
 * are kept as {"cbor": "<hex>"} so the description stays faithful).
 */
json_t *tool_to_json(enum tool_kind kind, const struct tc *v);
/* JSON description -> CBOR tree; NULL and a message in *err on error */
struct tc *tool_from_json(enum tool_kind kind, const json_t *j, char *err,
			  size_t errlen);
/* CBOR diagnostic notation with names as comments */
void tool_diag(FILE *f, enum tool_kind kind, const struct tc *v, int indent);
/* a SUIT_Manifest map (not bstr-wrapped), keys named */
void tool_diag_manifest(FILE *f, const struct tc *map, int indent);

#endif
