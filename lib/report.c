// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SUIT processor: SUIT_Report (draft-ietf-suit-report-18), the capability
 * report and the report reason names.
 */
#include "processor_internal.h"

#define SUIT_RPT_NONCE		2
#define SUIT_RPT_RECORDS	3
#define SUIT_RPT_RESULT		4
#define SUIT_RPT_RESULT_CODE	5
#define SUIT_RPT_RESULT_RECORD	6
#define SUIT_RPT_RESULT_REASON	7
#define SUIT_RPT_REFERENCE	99

static const char * const reason_names[] = {
	[SUIT_REASON_OK] = "ok",
	[SUIT_REASON_CBOR_PARSE] = "cbor-parse",
	[SUIT_REASON_COSE_UNSUPPORTED] = "cose-unsupported",
	[SUIT_REASON_ALG_UNSUPPORTED] = "alg-unsupported",
	[SUIT_REASON_UNAUTHORISED] = "unauthorised",
	[SUIT_REASON_COMMAND_UNSUPPORTED] = "command-unsupported",
	[SUIT_REASON_COMPONENT_UNSUPPORTED] = "component-unsupported",
	[SUIT_REASON_COMPONENT_UNAUTHORISED] = "component-unauthorised",
	[SUIT_REASON_PARAMETER_UNSUPPORTED] = "parameter-unsupported",
	[SUIT_REASON_SEVERING_UNSUPPORTED] = "severing-unsupported",
	[SUIT_REASON_CONDITION_FAILED] = "condition-failed",
	[SUIT_REASON_OPERATION_FAILED] = "operation-failed",
	[SUIT_REASON_INVOKE_PENDING] = "invoke-pending",
};

/**
 * suit_reason_name() - the report reason as a string
 * @reason: the reason
 *
 * Return: the name from draft-ietf-suit-report, e.g. "condition-failed",
 * or "unknown".
 */
const char *suit_reason_name(enum suit_reason reason)
{
	if ((unsigned int)reason >= SUIT_ARRAY_SIZE(reason_names))
		return "unknown";
	return reason_names[reason];
}

static struct suit_report_event *ev_new(struct suit_processor *p,
					const struct suit_mctx *m,
					u8 kind, u32 comp)
{
	struct suit_report_event *e;

	if (p->nev >= SUIT_MAX_REPORT_EVENTS) {
		p->ev_dropped++;
		return NULL;
	}
	e = &p->ev[p->nev++];
	suit_memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->path_len = (u8)m->depth;
	suit_memcpy(e->path, m->path, sizeof(e->path));
	e->section = p->section;
	e->component = comp;
	e->comp_id = m->comp_id[comp];
	return e;
}

/**
 * suit_report_record() - add a SUIT_Record for the current command
 * @p: processor (section and properties of the command)
 * @m: manifest
 * @comp: component index
 * @offset: offset of the command in the section
 */
void suit_report_record(struct suit_processor *p, const struct suit_mctx *m,
			u32 comp, u32 offset)
{
	struct suit_report_event *e = ev_new(p, m, SUIT_EV_RECORD, comp);
	u32 i;

	if (!e)
		return;
	e->offset = offset;
	for (i = 0; i < p->fail_nprops && i < SUIT_ARRAY_SIZE(e->key); i++) {
		e->key[i] = p->fail_key[i];
		e->val[i] = p->fail_props[i];
	}
	e->nprops = (u8)i;
}

static bool same_group(const struct suit_report_event *a,
		       const struct suit_report_event *b)
{
	return a->path_len == b->path_len && a->component == b->component &&
	       !suit_memcmp(a->path, b->path, a->path_len);
}

/**
 * suit_report_claims() - add system-property claims for the current command
 * @p: processor (properties of the command)
 * @m: manifest
 * @comp: component index
 *
 * Claims are kept per component; a property already claimed is not
 * repeated.
 */
void suit_report_claims(struct suit_processor *p, const struct suit_mctx *m,
			u32 comp)
{
	struct suit_report_event probe, *e;
	u32 i, j;
	bool dup;

	probe.path_len = (u8)m->depth;
	suit_memcpy(probe.path, m->path, sizeof(probe.path));
	probe.component = comp;
	for (i = 0; i < p->fail_nprops; i++) {
		dup = false;
		for (j = 0; j < p->nev && !dup; j++)
			dup = p->ev[j].kind == SUIT_EV_CLAIM &&
			      same_group(&p->ev[j], &probe) &&
			      p->ev[j].key[0] == p->fail_key[i];
		if (dup)
			continue;
		e = ev_new(p, m, SUIT_EV_CLAIM, comp);
		if (!e)
			return;
		e->key[0] = p->fail_key[i];
		e->val[0] = p->fail_props[i];
		e->nprops = 1;
	}
}

/**
 * suit_report_set_result_code() - set the suit-report-result-code
 * @p: the processor
 * @code: the implementation-defined code
 */
void suit_report_set_result_code(struct suit_processor *p, s64 code)
{
	p->result_code = code;
	p->result_code_set = true;
}

/**
 * suit_report_set_reference_uri() - the URI the manifest was fetched from
 * @p: the processor
 * @uri: the URI
 */
void suit_report_set_reference_uri(struct suit_processor *p,
				   struct suit_buf uri)
{
	p->ref_uri = uri;
}

static void put_record(struct suit_cbor_enc *e, const u8 *path,
		       u32 path_len, s32 section, u32 offset,
		       u32 comp, const s32 *key,
		       const struct suit_buf *val, u32 nprops)
{
	u32 i;

	suit_cbor_put_array(e, 5);
	suit_cbor_put_array(e, path_len);
	for (i = 0; i < path_len; i++)
		suit_cbor_put_uint(e, path[i]);
	suit_cbor_put_int(e, section);
	suit_cbor_put_uint(e, offset);
	suit_cbor_put_uint(e, comp);
	suit_cbor_put_map(e, nprops);
	for (i = 0; i < nprops; i++) {
		suit_cbor_put_int(e, key[i]);
		suit_cbor_put_raw(e, val[i].ptr, val[i].len);
	}
}

static bool first_of_group(const struct suit_processor *p, u32 i)
{
	u32 j;

	for (j = 0; j < i; j++)
		if (p->ev[j].kind == SUIT_EV_CLAIM &&
		    same_group(&p->ev[j], &p->ev[i]))
			return false;
	return true;
}

static void put_claims(struct suit_cbor_enc *e, const struct suit_processor *p,
		       u32 first)
{
	u32 j, n = 0;

	for (j = first; j < p->nev; j++)
		if (p->ev[j].kind == SUIT_EV_CLAIM &&
		    same_group(&p->ev[j], &p->ev[first]))
			n++;
	suit_cbor_put_map(e, (size_t)n + 1);
	suit_cbor_put_uint(e, 0);
	if (p->ev[first].comp_id.len)
		suit_cbor_put_raw(e, p->ev[first].comp_id.ptr,
				  p->ev[first].comp_id.len);
	else
		suit_cbor_put_array(e, 0);
	for (j = first; j < p->nev; j++) {
		if (p->ev[j].kind != SUIT_EV_CLAIM ||
		    !same_group(&p->ev[j], &p->ev[first]))
			continue;
		suit_cbor_put_int(e, p->ev[j].key[0]);
		suit_cbor_put_raw(e, p->ev[j].val[0].ptr, p->ev[j].val[0].len);
	}
}

/**
 * suit_report_encode() - the SUIT_Report of the last suit_process()
 * @p: the processor after suit_process()
 * @nonce: optional nonce to include (empty if none)
 * @buf: output buffer
 * @cap: its size
 * @len: bytes written (or needed, with -ENOSPC)
 *
 * The report is the unprotected SUIT_Report map; the caller signs or
 * MACs it. Keys are written in the order 99, 2, 3, 4 (as in the
 * published examples).
 *
 * Return: 0, -ENOSPC, or -EINVAL if suit_process() has not run.
 */
int suit_report_encode(const struct suit_processor *p, struct suit_buf nonce,
		       u8 *buf, size_t cap, size_t *len)
{
	const struct suit_mctx *root = &p->m[0];
	struct suit_cbor_enc e;
	struct suit_buf dbytes;
	u32 i, n = 0;
	s32 alg;
	s64 code;

	*len = 0;
	if (!p->have_result)
		return -EINVAL;
	suit_cbor_enc_init(&e, buf, cap);
	suit_cbor_put_map(&e, nonce.len ? 4 : 3);

	suit_cbor_put_uint(&e, SUIT_RPT_REFERENCE);
	suit_cbor_put_array(&e, 2);
	if (root->reference_uri.len)
		suit_cbor_put_tstr(&e, (const char *)root->reference_uri.ptr,
				   root->reference_uri.len);
	else
		suit_cbor_put_tstr(&e, (const char *)p->ref_uri.ptr,
				   p->ref_uri.len);
	if (root->auth_digest.len &&
	    !suit_digest_parse(root->auth_digest, &alg, &dbytes)) {
		suit_cbor_put_raw(&e, root->auth_digest.ptr, root->auth_digest.len);
	} else {
		/* Not known (no authentication wrapper was read). */
		suit_cbor_put_array(&e, 2);
		suit_cbor_put_int(&e, SUIT_COSE_ALG_SHA256);
		suit_cbor_put_bstr(&e, NULL, 0);
	}
	if (nonce.len) {
		suit_cbor_put_uint(&e, SUIT_RPT_NONCE);
		suit_cbor_put_bstr(&e, nonce.ptr, nonce.len);
	}

	suit_cbor_put_uint(&e, SUIT_RPT_RECORDS);
	for (i = 0; i < p->nev; i++)
		if (p->ev[i].kind == SUIT_EV_RECORD || first_of_group(p, i))
			n++;
	suit_cbor_put_array(&e, n);
	for (i = 0; i < p->nev; i++) {
		const struct suit_report_event *ev = &p->ev[i];

		if (ev->kind == SUIT_EV_RECORD)
			put_record(&e, ev->path, ev->path_len, ev->section,
				   ev->offset, ev->component, ev->key, ev->val,
				   ev->nprops);
		else if (first_of_group(p, i))
			put_claims(&e, p, i);
	}

	suit_cbor_put_uint(&e, SUIT_RPT_RESULT);
	if (p->res.reason == SUIT_REASON_OK && !p->res.err) {
		suit_cbor_put_bool(&e, true);
	} else {
		code = p->result_code_set ? p->result_code : -(s64)p->res.err;
		suit_cbor_put_map(&e, 3);
		suit_cbor_put_uint(&e, SUIT_RPT_RESULT_CODE);
		suit_cbor_put_int(&e, code);
		suit_cbor_put_uint(&e, SUIT_RPT_RESULT_RECORD);
		put_record(&e, p->fail_path, p->fail_path_len, p->res.section,
			   p->res.offset, p->res.component, p->fail_key,
			   p->fail_props, p->loc_set ? p->fail_nprops : 0);
		suit_cbor_put_uint(&e, SUIT_RPT_RESULT_REASON);
		suit_cbor_put_uint(&e, p->res.reason);
	}
	*len = e.len;
	return e.err ? -ENOSPC : 0;
}

/* ---- capability report ------------------------------------------------ */

static void put_int_list(struct suit_cbor_enc *e, const s16 *v, size_t n)
{
	size_t i;

	suit_cbor_put_array(e, n);
	for (i = 0; i < n; i++)
		suit_cbor_put_int(e, v[i]);
}

static const s16 cap_params[] = {
	1, 2, 3, 4, 5, 12, 13, 14, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29,
	30,
};

static const s16 cap_envelope[] = { 2, 3, 14, 15, 16, 18, 20, 23 };
static const s16 cap_manifest[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 15, 16, 18, 20, 23, 24,
};

static const s16 cap_common[] = { 1, 2, 4 };
static const s16 cap_text[] = { 1, 2, 3, 4 };
static const s16 cap_text_comp[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const s16 cap_dependency[] = { 1 };

/* COSE algorithms lib/ can drive (the platform may support fewer). */
static const s16 cap_algs[] = {
	SUIT_COSE_ALG_SHA256, SUIT_COSE_ALG_SHA384, SUIT_COSE_ALG_SHA512,
	SUIT_COSE_ALG_ES256, SUIT_COSE_ALG_ESP256, SUIT_COSE_ALG_EDDSA,
	SUIT_COSE_ALG_ED25519, SUIT_COSE_ALG_HSS_LMS, SUIT_COSE_ALG_HMAC256,
	SUIT_COSE_ALG_A128KW, SUIT_COSE_ALG_A192KW, SUIT_COSE_ALG_A256KW,
	SUIT_COSE_ALG_ECDH_ES_A128KW, SUIT_COSE_ALG_ECDH_ES_A192KW,
	SUIT_COSE_ALG_ECDH_ES_A256KW, SUIT_COSE_ALG_A128GCM,
	SUIT_COSE_ALG_A192GCM, SUIT_COSE_ALG_A256GCM,
	SUIT_COSE_ALG_CHACHA20_POLY1305,
};

/**
 * suit_capability_report_encode() - encode a SUIT_Capability_Report
 * @plat: the platform (which optional ops it has decides the commands)
 * @components: encoded SUIT_Component_Identifier arrays (may end with
 *	true); NULL or none: [true], any component
 * @ncomponents: entries in @components
 * @buf: output buffer
 * @cap: its size
 * @len: bytes written (or needed, with -ENOSPC)
 *
 * Return: 0, -ENOSPC or -EINVAL.
 */
int suit_capability_report_encode(const struct suit_platform *plat,
				  const struct suit_buf *components,
				  size_t ncomponents, u8 *buf, size_t cap,
				  size_t *len)
{
	const struct suit_platform_ops *ops;
	struct suit_cbor_enc e;
	s16 cmds[40];
	size_t n = 0, i;

	*len = 0;
	if (!plat || !plat->ops)
		return -EINVAL;
	ops = plat->ops;
	/* Conditions and structural directives are always there. */
	cmds[n++] = 1;
	cmds[n++] = 2;
	if (ops->hash_init && ops->comp_read) {
		cmds[n++] = 3;
		cmds[n++] = 25;
	}
	if (ops->get_time)
		cmds[n++] = 4;
	if (ops->comp_info)
		cmds[n++] = 5;
	if (ops->comp_read)
		cmds[n++] = 6;
	cmds[n++] = 7;
	cmds[n++] = 8;
	cmds[n++] = 11;
	cmds[n++] = 12;
	cmds[n++] = 14;
	cmds[n++] = 15;
	if (ops->comp_write)
		cmds[n++] = 18;
	cmds[n++] = 19;
	cmds[n++] = 20;
	if (ops->fetch_open)
		cmds[n++] = 21;
	if (ops->comp_write && ops->comp_read)
		cmds[n++] = 22;
	if (ops->invoke)
		cmds[n++] = 23;
	cmds[n++] = 24;
	if (ops->get_battery)
		cmds[n++] = 26;
	if (ops->update_authorized)
		cmds[n++] = 27;
	if (ops->comp_info)
		cmds[n++] = 28;
	if (ops->wait)
		cmds[n++] = 29;
	if (ops->swap)
		cmds[n++] = 31;
	cmds[n++] = 32;
	if (ops->unlink)
		cmds[n++] = 33;
	cmds[n++] = 34;
	cmds[n++] = 35;

	suit_cbor_enc_init(&e, buf, cap);
	suit_cbor_put_map(&e, 10);
	suit_cbor_put_uint(&e, 1);
	if (!components || !ncomponents) {
		suit_cbor_put_array(&e, 1);
		suit_cbor_put_array(&e, 1);
		suit_cbor_put_bool(&e, true);
	} else {
		suit_cbor_put_array(&e, ncomponents);
		for (i = 0; i < ncomponents; i++)
			suit_cbor_put_raw(&e, components[i].ptr,
					  components[i].len);
	}
	suit_cbor_put_uint(&e, 2);
	put_int_list(&e, cmds, n);
	suit_cbor_put_uint(&e, 3);
	put_int_list(&e, cap_params, SUIT_ARRAY_SIZE(cap_params));
	suit_cbor_put_uint(&e, 4);
	put_int_list(&e, cap_algs, SUIT_ARRAY_SIZE(cap_algs));
	suit_cbor_put_uint(&e, 5);
	put_int_list(&e, cap_envelope, SUIT_ARRAY_SIZE(cap_envelope));
	suit_cbor_put_uint(&e, 6);
	put_int_list(&e, cap_manifest, SUIT_ARRAY_SIZE(cap_manifest));
	suit_cbor_put_uint(&e, 7);
	put_int_list(&e, cap_common, SUIT_ARRAY_SIZE(cap_common));
	suit_cbor_put_uint(&e, 8);
	put_int_list(&e, cap_text, SUIT_ARRAY_SIZE(cap_text));
	suit_cbor_put_uint(&e, 9);
	put_int_list(&e, cap_text_comp, SUIT_ARRAY_SIZE(cap_text_comp));
	suit_cbor_put_uint(&e, 10);
	put_int_list(&e, cap_dependency, SUIT_ARRAY_SIZE(cap_dependency));
	*len = e.len;
	return e.err ? -ENOSPC : 0;
}
