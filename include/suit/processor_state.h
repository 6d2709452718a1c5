/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The state of the SUIT manifest processor. Included by <suit/processor.h>
 * so callers can allocate it (the kernel with kvzalloc); only lib/ looks
 * inside. Every limit of the processor is a constant here.
 */
#ifndef SUIT_PROCESSOR_STATE_H
#define SUIT_PROCESSOR_STATE_H

#include <suit/platform.h>
#include <suit/cose.h>

/* Most components (suit-components plus dependencies) of one manifest. */
#define SUIT_MAX_COMPONENTS	16
/* Deepest chain of dependencies below the root manifest. */
#define SUIT_MAX_DEP_DEPTH	4
/* Deepest nesting of try-each, run-sequence and process-dependency. */
#define SUIT_MAX_NEST		8
/* Events (records and system-property claims) kept for the report. */
#define SUIT_MAX_REPORT_EVENTS	32
/* Parameters tracked per component (see lib/processor_internal.h). */
#define SUIT_NPARAMS		18

/**
 * struct suit_params - the parameters of one component
 * @set: bit i set when @val[i] holds a value
 * @val: the encoded CBOR value of each parameter (points into an envelope)
 */
struct suit_params {
	u32 set;
	struct suit_buf val[SUIT_NPARAMS];
};

/* Component flags (struct suit_mctx::cflags). */
#define SUIT_CF_DEPENDENCY	0x01	/* listed in suit-dependencies */
#define SUIT_CF_LOOKED_UP	0x02	/* @handle is valid */
#define SUIT_CF_DEP_FETCHED	0x04	/* @dep_env holds the envelope */
#define SUIT_CF_DEP_VERIFIED	0x08	/* dependency authenticated */

/* Sections of a manifest (index into struct suit_mctx::sec). */
enum suit_sec {
	SUIT_SEC_VALIDATE,
	SUIT_SEC_LOAD,
	SUIT_SEC_INVOKE,
	SUIT_SEC_DEPRES,
	SUIT_SEC_FETCH,
	SUIT_SEC_CANDVER,
	SUIT_SEC_INSTALL,
	SUIT_SEC_UNINSTALL,
	SUIT_SEC_TEXT,
	SUIT_SEC_COSWID,
	SUIT_SEC_COUNT,
};

/**
 * struct suit_mctx - one manifest being processed (the root or a dependency)
 * @envelope: the whole envelope
 * @manifest: the content of the suit-manifest bstr
 * @manifest_raw: the suit-manifest bstr with its head (what the digest covers)
 * @auth_digest: the encoded SUIT_Digest of the authentication wrapper
 * @sequence: suit-manifest-sequence-number
 * @reference_uri: suit-reference-uri (empty if absent)
 * @manifest_comp_id: suit-manifest-component-id (encoded, empty if absent)
 * @shared: the shared sequence (content of the bstr; empty if absent)
 * @sec: the command sequences (content of the bstr), empty if absent
 * @sec_present: bit per section present (inline or severable)
 * @sec_severed: bit per section severed and not supplied by the envelope
 * @ncomp: components declared (suit-components plus dependencies)
 * @comp_id: encoded SUIT_Component_Identifier of each component
 * @handle: platform handle of each component (when SUIT_CF_LOOKED_UP)
 * @cflags: SUIT_CF_* per component
 * @dep_env: the envelope of a dependency component
 * @params: parameters per component
 * @idx: components selected by set-component-index, in order
 * @nidx: entries in @idx
 * @path: suit-record manifest-id of this manifest
 * @depth: 0 for the root
 * @dep_index: component index of this manifest in its dependent
 */
struct suit_mctx {
	struct suit_buf envelope;
	struct suit_buf manifest;
	struct suit_buf manifest_raw;
	struct suit_buf auth_digest;
	u64 sequence;
	struct suit_buf reference_uri;
	struct suit_buf manifest_comp_id;
	struct suit_buf shared;
	struct suit_buf sec[SUIT_SEC_COUNT];
	u32 sec_present;
	u32 sec_severed;
	u32 ncomp;
	struct suit_buf comp_id[SUIT_MAX_COMPONENTS];
	u32 handle[SUIT_MAX_COMPONENTS];
	u8 cflags[SUIT_MAX_COMPONENTS];
	struct suit_buf dep_env[SUIT_MAX_COMPONENTS];
	struct suit_params params[SUIT_MAX_COMPONENTS];
	u8 idx[SUIT_MAX_COMPONENTS];
	u32 nidx;
	u8 path[SUIT_MAX_DEP_DEPTH];
	u32 depth;
};

/* Kinds of report events. */
#define SUIT_EV_RECORD	1
#define SUIT_EV_CLAIM	2

/**
 * struct suit_report_event - one SUIT_Record or system-property claim
 * @kind: SUIT_EV_RECORD or SUIT_EV_CLAIM
 * @path_len: entries in @path (manifest-id)
 * @path: manifest-id
 * @nprops: properties in @key/@val
 * @section: manifest-section
 * @offset: section-offset
 * @component: component-index
 * @comp_id: encoded component identifier (claims)
 * @key: property keys
 * @val: encoded property values
 */
struct suit_report_event {
	u8 kind;
	u8 path_len;
	u8 path[SUIT_MAX_DEP_DEPTH];
	u8 nprops;
	s32 section;
	u32 offset;
	u32 component;
	struct suit_buf comp_id;
	s32 key[2];
	struct suit_buf val[2];
};

/**
 * struct suit_processor - the whole processor state (caller-allocated)
 * @plat: the platform
 * @m: manifest contexts: [0] the root, [n] a dependency at depth n
 * @auth: authentication result of the root manifest
 * @res: result of the last suit_process()
 * @soft_failure: current value of the soft-failure parameter
 * @strict_order: current value of the strict-order parameter
 * @nest: current try-each / run-sequence nesting
 * @section: report section of the sequence being run
 * @seq_base: start of the sequence @section (for record offsets)
 * @cur_section: the manifest section being run (for process-dependency)
 * @fail_props: properties of the last failed condition
 * @fail_key: keys of @fail_props
 * @fail_nprops: entries in @fail_props
 * @cache_valid: @cache_digest holds the digest of the first @cache_size
 *	bytes of slot @cache_slot of platform component @cache_handle,
 *	computed while they were fetched (Documentation/lib-processor.rst)
 * @cache_handle: platform handle
 * @cache_slot: slot
 * @cache_size: bytes covered
 * @cache_alg: digest algorithm of @cache_digest
 * @cache_len: length of @cache_digest
 * @cache_digest: the digest
 * @ev: report events
 * @nev: entries in @ev
 * @ev_dropped: events that did not fit
 * @have_result: suit_process() ran
 * @result_code: suit-report-result-code for a failure report
 * @result_code_set: @result_code was set with suit_report_set_result_code()
 * @max_nest_seen: deepest nesting reached (diagnostics)
 * @cur_comp: component index of the command being run
 * @in_shared: running the shared sequence (restricted command set)
 * @updating: running the update procedure (slot selection)
 * @loc_set: @res already names the failing command
 * @fail_path: manifest-id of the manifest the failing command is in
 * @fail_path_len: entries in @fail_path
 * @ref_uri: suit_report_set_reference_uri()
 * @scratch_sev: severable members found while loading an envelope
 * @scratch_ids: dependency prefixes while loading an envelope
 * @dep_auth: authentication result of a dependency
 * @id_checked: vendor (bit 0) and class (bit 1) conditions that held in
 *	the shared sequence running now
 * @identity_unchecked: a shared sequence ran without a vendor-identifier
 *	and a class-identifier condition that held (the draft's SHOULD; see
 *	suit_platform::require_vendor_class); a warning for the caller
 */
struct suit_processor {
	const struct suit_platform *plat;
	struct suit_mctx m[SUIT_MAX_DEP_DEPTH + 1];
	struct suit_auth_result auth;
	struct suit_result res;
	bool soft_failure;
	bool strict_order;
	u32 nest;
	s32 section;
	const u8 *seq_base;
	s32 cur_section;
	struct suit_buf fail_props[2];
	s32 fail_key[2];
	u32 fail_nprops;
	bool cache_valid;
	u32 cache_handle;
	u32 cache_slot;
	u64 cache_size;
	s32 cache_alg;
	size_t cache_len;
	u8 cache_digest[SUIT_MAX_DIGEST_LEN];
	struct suit_report_event ev[SUIT_MAX_REPORT_EVENTS];
	u32 nev;
	u32 ev_dropped;
	bool have_result;
	s64 result_code;
	bool result_code_set;
	u32 max_nest_seen;
	u32 cur_comp;
	bool in_shared;
	bool updating;
	bool loc_set;
	u8 fail_path[SUIT_MAX_DEP_DEPTH];
	u32 fail_path_len;
	struct suit_buf ref_uri;
	struct suit_buf scratch_sev[SUIT_SEC_COUNT];
	struct suit_buf scratch_ids[SUIT_MAX_COMPONENTS];
	struct suit_auth_result dep_auth;
	u32 id_checked;
	bool identity_unchecked;
};

#endif /* SUIT_PROCESSOR_STATE_H */
