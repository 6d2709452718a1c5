/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Internals of the SUIT manifest processor, shared by lib/envelope.c,
 * lib/sequence.c and lib/report.c. Not part of any API.
 */
#ifndef SUIT_PROCESSOR_INTERNAL_H
#define SUIT_PROCESSOR_INTERNAL_H

#include <suit/cbor.h>
#include <suit/cose.h>
#include <suit/processor.h>

#include "compiler.h"

/* Manifest element keys (draft-ietf-suit-manifest-34 and extensions). */
#define SUIT_ENV_AUTH		2
#define SUIT_ENV_MANIFEST	3

#define SUIT_M_VERSION		1
#define SUIT_M_SEQUENCE		2
#define SUIT_M_COMMON		3
#define SUIT_M_REFERENCE_URI	4
#define SUIT_M_COMPONENT_ID	5
#define SUIT_M_SET_VERSION	6
#define SUIT_M_VALIDATE		7
#define SUIT_M_LOAD		8
#define SUIT_M_INVOKE		9
#define SUIT_M_COSWID		14
#define SUIT_M_DEPRES		15
#define SUIT_M_FETCH		16
#define SUIT_M_CANDVER		18
#define SUIT_M_INSTALL		20
#define SUIT_M_TEXT		23
#define SUIT_M_UNINSTALL	24

#define SUIT_C_DEPENDENCIES	1
#define SUIT_C_COMPONENTS	2
#define SUIT_C_SHARED		4

/* Report section used for records in the shared sequence. */
#define SUIT_SECTION_SHARED	4

/* Commands. */
#define SUIT_CMD_VENDOR		1
#define SUIT_CMD_CLASS		2
#define SUIT_CMD_IMAGE_MATCH	3
#define SUIT_CMD_USE_BEFORE	4
#define SUIT_CMD_SLOT		5
#define SUIT_CMD_CHECK_CONTENT	6
#define SUIT_CMD_DEP_INTEGRITY	7
#define SUIT_CMD_IS_DEPENDENCY	8
#define SUIT_CMD_PROCESS_DEP	11
#define SUIT_CMD_SET_INDEX	12
#define SUIT_CMD_ABORT		14
#define SUIT_CMD_TRY_EACH	15
#define SUIT_CMD_WRITE		18
#define SUIT_CMD_SET_PARAMS	19
#define SUIT_CMD_OVERRIDE	20
#define SUIT_CMD_FETCH		21
#define SUIT_CMD_COPY		22
#define SUIT_CMD_INVOKE		23
#define SUIT_CMD_DEVICE		24
#define SUIT_CMD_IMAGE_NOT_MATCH 25
#define SUIT_CMD_BATTERY	26
#define SUIT_CMD_UPDATE_AUTH	27
#define SUIT_CMD_VERSION	28
#define SUIT_CMD_WAIT		29
#define SUIT_CMD_SWAP		31
#define SUIT_CMD_RUN_SEQ	32
#define SUIT_CMD_UNLINK		33
#define SUIT_CMD_OVERRIDE_MULTI	34
#define SUIT_CMD_COPY_PARAMS	35

/* Parameters and their slot in struct suit_params. */
#define SUIT_P_VENDOR		1
#define SUIT_P_CLASS		2
#define SUIT_P_DIGEST		3
#define SUIT_P_USE_BEFORE	4
#define SUIT_P_SLOT		5
#define SUIT_P_STRICT_ORDER	12
#define SUIT_P_SOFT_FAILURE	13
#define SUIT_P_SIZE		14
#define SUIT_P_CONTENT		18
#define SUIT_P_ENC_INFO		19
#define SUIT_P_URI		21
#define SUIT_P_SOURCE		22
#define SUIT_P_INVOKE_ARGS	23
#define SUIT_P_DEVICE		24
#define SUIT_P_FETCH_ARGS	25
#define SUIT_P_BATTERY		26
#define SUIT_P_PRIORITY		27
#define SUIT_P_VERSION		28
#define SUIT_P_WAIT_INFO	29
#define SUIT_P_METADATA		30

/* Reporting policy bits. */
#define SUIT_REP_RECORD_SUCCESS	0x1
#define SUIT_REP_RECORD_FAILURE	0x2
#define SUIT_REP_SYSINFO_SUCCESS 0x4
#define SUIT_REP_SYSINFO_FAILURE 0x8

/* A condition did not hold (positive: not an errno). */
#define SUIT_COND_FAIL		1
/* Internal: exec_one() dropped the last reference (unlink, 33). */
#define SUIT_UNLINKED_LAST	2

/* The CBOR tags of the envelope and the manifest. */
#define SUIT_TAG_ENVELOPE	107
#define SUIT_TAG_MANIFEST	1070

/* lib/sequence.c */
struct suit_buf suit_buf_bstr_content(struct suit_buf raw);
int suit_param_slot(s64 key);
int suit_run_section(struct suit_processor *p, struct suit_mctx *m,
		     enum suit_sec sec);
int suit_digest_parse(struct suit_buf enc, s32 *alg, struct suit_buf *bytes);
int suit_hash_buf(const struct suit_platform *plat, s32 alg,
		  const u8 *data, size_t len, u8 *out, size_t out_len);

/* lib/envelope.c */
int suit_mctx_load(struct suit_processor *p, struct suit_mctx *m,
		   struct suit_buf env, bool root);
int suit_find_integrated(const struct suit_mctx *m, struct suit_buf name,
			 struct suit_buf *data);
int suit_fail(struct suit_processor *p, enum suit_reason reason, int err);
int suit_dep_authenticate(struct suit_processor *p, struct suit_buf env,
			  struct suit_buf *digest_raw);
int suit_check_rollback(struct suit_processor *p, struct suit_mctx *m,
			bool update);
int suit_dep_envelope_parts(struct suit_buf env, struct suit_buf *auth,
			    struct suit_buf *manifest_raw);

/* lib/report.c */
void suit_report_record(struct suit_processor *p, const struct suit_mctx *m,
			u32 comp, u32 offset);
void suit_report_claims(struct suit_processor *p, const struct suit_mctx *m,
			u32 comp);

#endif /* SUIT_PROCESSOR_INTERNAL_H */
