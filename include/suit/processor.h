/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The SUIT manifest processor (draft-ietf-suit-manifest-34 and its
 * extensions): one implementation for suit.ko and the userspace tools.
 *
 * The caller allocates struct suit_processor (it is large: parameters for
 * every component; the kernel uses kvzalloc), fills a struct suit_platform
 * and runs one or both procedures over an envelope held in memory. Payload
 * bytes never need to be in memory at once: they stream through the
 * platform's chunk buffer.
 */
#ifndef SUIT_PROCESSOR_H
#define SUIT_PROCESSOR_H

#include <suit/platform.h>

/**
 * enum suit_reason - SUIT_Report_Reasons (draft-ietf-suit-report-18)
 * @SUIT_REASON_OK: processing succeeded
 * @SUIT_REASON_CBOR_PARSE: malformed or not deterministic CBOR, unknown key
 * @SUIT_REASON_COSE_UNSUPPORTED: a COSE structure this processor lacks
 * @SUIT_REASON_ALG_UNSUPPORTED: an algorithm this platform lacks
 * @SUIT_REASON_UNAUTHORISED: no valid signature or MAC, or a rollback
 * @SUIT_REASON_COMMAND_UNSUPPORTED: an unknown or unsupported command
 * @SUIT_REASON_COMPONENT_UNSUPPORTED: a component the device does not have
 * @SUIT_REASON_COMPONENT_UNAUTHORISED: a component this signer may not touch
 * @SUIT_REASON_PARAMETER_UNSUPPORTED: an unknown or unsupported parameter
 * @SUIT_REASON_SEVERING_UNSUPPORTED: a severed member that is not present
 * @SUIT_REASON_CONDITION_FAILED: a condition did not hold
 * @SUIT_REASON_OPERATION_FAILED: a directive failed
 * @SUIT_REASON_INVOKE_PENDING: the report precedes an invoke
 */
enum suit_reason {
	SUIT_REASON_OK = 0,
	SUIT_REASON_CBOR_PARSE = 1,
	SUIT_REASON_COSE_UNSUPPORTED = 2,
	SUIT_REASON_ALG_UNSUPPORTED = 3,
	SUIT_REASON_UNAUTHORISED = 4,
	SUIT_REASON_COMMAND_UNSUPPORTED = 5,
	SUIT_REASON_COMPONENT_UNSUPPORTED = 6,
	SUIT_REASON_COMPONENT_UNAUTHORISED = 7,
	SUIT_REASON_PARAMETER_UNSUPPORTED = 8,
	SUIT_REASON_SEVERING_UNSUPPORTED = 9,
	SUIT_REASON_CONDITION_FAILED = 10,
	SUIT_REASON_OPERATION_FAILED = 11,
	SUIT_REASON_INVOKE_PENDING = 12,
};

/* Procedures for suit_process(). */
#define SUIT_PROC_UPDATE	0x1	/* dependency-resolution .. install, validate */
#define SUIT_PROC_INVOKE	0x2	/* validate, load, invoke */

/**
 * struct suit_result - why processing stopped
 * @reason: report reason code
 * @err: negative errno behind it (0 on success)
 * @section: manifest section (SUIT_Record manifest-section) that failed
 * @offset: byte offset of the failing command in that section
 * @component: component index the failing command ran on
 * @command: command code that failed (0 if not a command)
 * @sequence: the manifest's sequence number (when parsed)
 */
struct suit_result {
	enum suit_reason reason;
	int err;
	s32 section;
	u32 offset;
	u32 component;
	s32 command;
	u64 sequence;
};

struct suit_processor;	/* defined in <suit/processor_state.h>, see below */

/* The struct is public so that callers can allocate it. */
#include <suit/processor_state.h>

/**
 * suit_processor_init() - prepare a processor for one envelope
 * @p: caller-allocated state
 * @plat: the platform; must outlive @p
 */
void suit_processor_init(struct suit_processor *p,
			 const struct suit_platform *plat);

/**
 * suit_process() - authenticate an envelope and run procedures on it
 * @p: initialised state
 * @env: the envelope (tag 107 optional), which must stay valid and
 *	unchanged until the report has been encoded
 * @len: its length
 * @procedures: SUIT_PROC_UPDATE and/or SUIT_PROC_INVOKE
 * @res: why it stopped
 *
 * On success the platform's commit op has been called; on failure its
 * abort op, and nothing on the device has changed.
 *
 * When the platform's invoke op returns -EINPROGRESS (it has taken the
 * image over and will start it after the report has been sent, so the call
 * does not come back), processing stops there: commit has been called (no
 * abort), @res->reason is SUIT_REASON_INVOKE_PENDING and the return value
 * is -EINPROGRESS. The caller sends the report, then lets the image start.
 *
 * Return: 0, -EINPROGRESS (invoke pending, see above), or a negative errno
 * matching @res->err.
 */
int suit_process(struct suit_processor *p, const u8 *env, size_t len,
		 unsigned int procedures, struct suit_result *res);

/**
 * suit_report_encode() - the SUIT_Report of the last suit_process()
 * @p: the processor after suit_process()
 * @nonce: optional nonce to include (empty if none)
 * @buf: output buffer
 * @cap: its size
 * @len: bytes written (or needed, with -ENOSPC)
 *
 * Return: 0 or -ENOSPC.
 */
int suit_report_encode(const struct suit_processor *p, struct suit_buf nonce,
		       u8 *buf, size_t cap, size_t *len);

/** suit_reason_name() - the report reason as a string, e.g. "condition-failed" */
const char *suit_reason_name(enum suit_reason reason);

/**
 * suit_report_set_result_code() - set the suit-report-result-code
 * @p: the processor after suit_process()
 * @code: the implementation-defined result code to report on failure
 *
 * Without it a failure report carries the positive errno of the failure
 * (struct suit_result::err), e.g. 22 (EINVAL) for condition-failed.
 */
void suit_report_set_result_code(struct suit_processor *p, s64 code);

/**
 * suit_report_set_reference_uri() - the URI the manifest was fetched from
 * @p: the processor after suit_process()
 * @uri: the URI (must stay valid until the report is encoded)
 *
 * Used as suit-report-manifest-uri when the manifest has no
 * suit-reference-uri (a manifest's own URI always wins).
 */
void suit_report_set_reference_uri(struct suit_processor *p,
				   struct suit_buf uri);

/**
 * suit_capability_report_encode() - encode a SUIT_Capability_Report
 * @plat: the platform (which optional ops it has decides the commands)
 * @components: encoded SUIT_Component_Identifier arrays the device supports
 *	(each may end with true for a prefix wildcard); may be NULL
 * @ncomponents: entries in @components
 * @buf: output buffer
 * @cap: its size
 * @len: bytes written (or needed, with -ENOSPC)
 *
 * Return: 0 or -ENOSPC.
 */
int suit_capability_report_encode(const struct suit_platform *plat,
				  const struct suit_buf *components,
				  size_t ncomponents, u8 *buf, size_t cap,
				  size_t *len);

#endif /* SUIT_PROCESSOR_H */
