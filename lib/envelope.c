// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SUIT processor: envelope and manifest parsing, authentication, the
 * procedures and suit_process() (draft-ietf-suit-manifest-34).
 *
 * The authentication wrapper is verified before anything in the manifest
 * is parsed: only the envelope map is walked to find members 2 and 3.
 */
#include "processor_internal.h"

/**
 * suit_fail() - remember why processing stops (the first reason wins)
 * @p: processor
 * @reason: report reason
 * @err: negative errno
 *
 * Return: @err, so callers can `return suit_fail(...)`.
 */
int suit_fail(struct suit_processor *p, enum suit_reason reason, int err)
{
	if (!err)
		err = -EINVAL;
	if (p->res.reason == SUIT_REASON_OK && !p->res.err) {
		p->res.reason = reason;
		p->res.err = err;
	}
	return err;
}

static int parse_fail(struct suit_processor *p)
{
	return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
}

static int authenticate(struct suit_processor *p, struct suit_buf auth,
			struct suit_buf manifest_raw, struct suit_buf *digest_raw,
			struct suit_auth_result *ares);

/* Map a manifest section key to enum suit_sec; -1 if not severable/known. */
static int sec_of_key(u64 key)
{
	switch (key) {
	case SUIT_M_VALIDATE:	return SUIT_SEC_VALIDATE;
	case SUIT_M_LOAD:	return SUIT_SEC_LOAD;
	case SUIT_M_INVOKE:	return SUIT_SEC_INVOKE;
	case SUIT_M_DEPRES:	return SUIT_SEC_DEPRES;
	case SUIT_M_FETCH:	return SUIT_SEC_FETCH;
	case SUIT_M_CANDVER:	return SUIT_SEC_CANDVER;
	case SUIT_M_INSTALL:	return SUIT_SEC_INSTALL;
	case SUIT_M_UNINSTALL:	return SUIT_SEC_UNINSTALL;
	case SUIT_M_TEXT:	return SUIT_SEC_TEXT;
	case SUIT_M_COSWID:	return SUIT_SEC_COSWID;
	default:		return -1;
	}
}

static bool key_severable(u64 key)
{
	return key == SUIT_M_COSWID || key == SUIT_M_DEPRES ||
	       key == SUIT_M_FETCH || key == SUIT_M_CANDVER ||
	       key == SUIT_M_INSTALL || key == SUIT_M_TEXT;
}

/*
 * Walk an envelope map. Calls back nothing: fills @auth and @manifest_raw
 * and checks that every key is one we know. @sev receives the severed
 * members found (bit per enum suit_sec) when non-NULL.
 */
static int env_walk(struct suit_buf env, struct suit_buf *auth,
		    struct suit_buf *manifest_raw, struct suit_buf *sev,
		    u32 *sev_mask, bool *manifest_only)
{
	struct suit_cbor c, map;
	struct suit_cbor_item it;
	enum suit_cbor_type t;
	u64 tag, key;
	size_t pairs, i;
	int ret, s;

	auth->ptr = NULL;
	auth->len = 0;
	manifest_raw->ptr = NULL;
	manifest_raw->len = 0;
	*manifest_only = false;
	if (sev_mask)
		*sev_mask = 0;
	ret = suit_cbor_init_single(&c, env.ptr, env.len);
	if (ret)
		return ret;
	ret = suit_cbor_peek_type(&c, &t);
	if (ret)
		return ret;
	if (t == SUIT_CBOR_TAG) {
		ret = suit_cbor_get_tag(&c, &tag);
		if (ret)
			return ret;
		if (tag == SUIT_TAG_MANIFEST) {
			/* A bare manifest: the caller decides (unsigned). */
			*manifest_only = true;
			ret = suit_cbor_get(&c, &it);
			if (ret)
				return ret;
			*manifest_raw = it.raw;
			return 0;
		}
		if (tag != SUIT_TAG_ENVELOPE)
			return -EBADMSG;
	}
	ret = suit_cbor_map_check(&c);
	if (ret)
		return ret;
	ret = suit_cbor_enter_map(&c, &map, &pairs);
	if (ret)
		return ret;
	for (i = 0; i < pairs; i++) {
		ret = suit_cbor_peek_type(&map, &t);
		if (ret)
			return ret;
		if (t == SUIT_CBOR_TSTR) {
			/* integrated payload or dependency: bstr value */
			ret = suit_cbor_skip(&map);
			if (!ret)
				ret = suit_cbor_get(&map, &it);
			if (ret)
				return ret;
			if (it.type != SUIT_CBOR_BSTR)
				return -EBADMSG;
			continue;
		}
		ret = suit_cbor_get_uint(&map, &key);
		if (ret)
			return ret == -ERANGE ? -EBADMSG : ret;
		ret = suit_cbor_get(&map, &it);
		if (ret)
			return ret;
		if (it.type != SUIT_CBOR_BSTR)
			return -EBADMSG;
		if (key == SUIT_ENV_AUTH) {
			*auth = it.data;
		} else if (key == SUIT_ENV_MANIFEST) {
			*manifest_raw = it.raw;
		} else if (key_severable(key)) {
			s = sec_of_key(key);
			if (sev) {
				sev[s] = it.raw;
				*sev_mask |= 1u << s;
			}
		} else {
			return -EBADMSG;
		}
	}
	if (!manifest_raw->ptr)
		return -EBADMSG;
	return 0;
}

/**
 * suit_dep_envelope_parts() - find the auth wrapper and manifest of an envelope
 * @env: the envelope
 * @auth: content of the suit-authentication-wrapper bstr (empty if absent)
 * @manifest_raw: the suit-manifest bstr, head included
 *
 * Return: 0 or -EBADMSG.
 */
int suit_dep_envelope_parts(struct suit_buf env, struct suit_buf *auth,
			    struct suit_buf *manifest_raw)
{
	bool bare;
	int ret = env_walk(env, auth, manifest_raw, NULL, NULL, &bare);

	if (ret)
		return -EBADMSG;
	if (bare)
		return -EBADMSG;
	return 0;
}

/**
 * suit_dep_authenticate() - authenticate a dependency envelope
 * @p: processor
 * @env: the dependency's envelope
 * @digest_raw: its encoded SUIT_Digest
 *
 * Return: 0 or a negative errno (reason in @p->res).
 */
int suit_dep_authenticate(struct suit_processor *p, struct suit_buf env,
			  struct suit_buf *digest_raw)
{
	struct suit_buf auth, mraw;

	if (suit_dep_envelope_parts(env, &auth, &mraw))
		return parse_fail(p);
	return authenticate(p, auth, mraw, digest_raw, &p->dep_auth);
}

/**
 * suit_find_integrated() - look up an integrated payload by its tstr key
 * @m: manifest context (its envelope is searched)
 * @name: the key (e.g. "#file.bin")
 * @data: the payload bytes (content of the bstr)
 *
 * Return: 0, -ENOENT if absent, -EBADMSG if the envelope is malformed.
 */
int suit_find_integrated(const struct suit_mctx *m, struct suit_buf name,
			 struct suit_buf *data)
{
	struct suit_cbor c, map;
	struct suit_cbor_item k, v;
	u64 tag;
	size_t pairs, i;
	enum suit_cbor_type t;
	int ret;

	if (!m->envelope.len)
		return -ENOENT;
	ret = suit_cbor_init_single(&c, m->envelope.ptr, m->envelope.len);
	if (ret)
		return -EBADMSG;
	if (!suit_cbor_peek_type(&c, &t) && t == SUIT_CBOR_TAG) {
		ret = suit_cbor_get_tag(&c, &tag);
		if (ret || tag != SUIT_TAG_ENVELOPE)
			return -ENOENT;
	}
	ret = suit_cbor_enter_map(&c, &map, &pairs);
	if (ret)
		return -EBADMSG;
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_get(&map, &k) || suit_cbor_get(&map, &v))
			return -EBADMSG;
		if (k.type != SUIT_CBOR_TSTR || v.type != SUIT_CBOR_BSTR)
			continue;
		if (k.data.len == name.len &&
		    !suit_memcmp(k.data.ptr, name.ptr, name.len)) {
			*data = v.data;
			return 0;
		}
	}
	return -ENOENT;
}

/**
 * suit_hash_buf() - digest a buffer with the platform's hash ops
 * @plat: platform
 * @alg: COSE hash algorithm
 * @data: bytes
 * @len: their length
 * @out: digest output
 * @out_len: expected digest length
 *
 * Return: 0 or a negative errno.
 */
int suit_hash_buf(const struct suit_platform *plat, s32 alg,
		  const u8 *data, size_t len, u8 *out, size_t out_len)
{
	const struct suit_platform_ops *ops = plat->ops;
	void *ctx = NULL;
	int ret;

	if (!ops->hash_init || !ops->hash_update || !ops->hash_final)
		return -EOPNOTSUPP;
	ret = ops->hash_init(plat->priv, alg, &ctx);
	if (ret)
		return ret;
	ret = ops->hash_update(plat->priv, ctx, data, len);
	if (ret) {
		ops->hash_final(plat->priv, ctx, NULL, 0);
		return ret;
	}
	return ops->hash_final(plat->priv, ctx, out, out_len);
}

static size_t digest_len_of(s32 alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_SHA256:	return 32;
	case SUIT_COSE_ALG_SHAKE128:	return 32;
	case SUIT_COSE_ALG_SHA384:	return 48;
	case SUIT_COSE_ALG_SHA512:	return 64;
	case SUIT_COSE_ALG_SHAKE256:	return 64;
	default:			return 0;
	}
}

/* Check the SUIT_Digest @enc against the digest of @data. */
static int check_digest(struct suit_processor *p, struct suit_buf enc,
			struct suit_buf data)
{
	u8 d[SUIT_MAX_DIGEST_LEN];
	struct suit_buf bytes;
	s32 alg;
	size_t dl;
	int ret;

	ret = suit_digest_parse(enc, &alg, &bytes);
	if (ret)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, ret);
	dl = digest_len_of(alg);
	if (!dl)
		return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, -EOPNOTSUPP);
	if (bytes.len != dl)
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EBADMSG);
	ret = suit_hash_buf(p->plat, alg, data.ptr, data.len, d, dl);
	if (ret == -EOPNOTSUPP)
		return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, ret);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (suit_memcmp(d, bytes.ptr, dl))
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EBADMSG);
	return 0;
}

/*
 * Authenticate @manifest_raw with the wrapper @auth. @digest_raw receives
 * the encoded SUIT_Digest (for the report), also for unsigned manifests.
 */
static int authenticate(struct suit_processor *p, struct suit_buf auth,
			struct suit_buf manifest_raw, struct suit_buf *digest_raw,
			struct suit_auth_result *ares)
{
	struct suit_cbor c, arr;
	struct suit_buf d;
	size_t n;
	int ret;

	digest_raw->ptr = NULL;
	digest_raw->len = 0;
	if (!auth.ptr) {	/* no authentication wrapper at all */
		if (!p->plat->allow_unsigned)
			return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EACCES);
		return 0;
	}
	ret = suit_cbor_init_single(&c, auth.ptr, auth.len);
	if (!ret)
		ret = suit_cbor_enter_array(&c, &arr, &n);
	if (!ret && n < 1)
		ret = -EBADMSG;
	if (!ret)
		ret = suit_cbor_get_bstr(&arr, &d);
	if (ret)
		return parse_fail(p);
	*digest_raw = d;
	if (n == 1) {
		/* Only the SUIT_Digest: an unsigned envelope. */
		if (!p->plat->allow_unsigned)
			return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EACCES);
		return check_digest(p, d, manifest_raw);
	}
	suit_memset(ares, 0, sizeof(*ares));
	ret = suit_cose_authenticate(p->plat, auth, manifest_raw, ares);
	if (!ret && ares->verified == 0)
		ret = -EBADMSG;
	if (ret == -EOPNOTSUPP && ares->cose_unsupported)
		return suit_fail(p, SUIT_REASON_COSE_UNSUPPORTED, ret);
	if (ret == -EOPNOTSUPP)
		return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, ret);
	if (ret == -EBADMSG || ret == -ENOENT || ret == -EACCES)
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, ret);
	if (ret)
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, ret);
	if (ares->digest_raw.len)
		*digest_raw = ares->digest_raw;
	return 0;
}

/* Validate a SUIT_Component_Identifier: [* bstr]. */
static int check_comp_id(struct suit_cbor *c, struct suit_buf *raw)
{
	struct suit_cbor_item it;
	struct suit_cbor arr, tmp;
	struct suit_buf b;
	size_t n, i;
	int ret;

	tmp = *c;
	ret = suit_cbor_get(&tmp, &it);
	if (ret)
		return ret;
	ret = suit_cbor_enter_array(c, &arr, &n);
	if (ret)
		return -EBADMSG;
	for (i = 0; i < n; i++) {
		ret = suit_cbor_get_bstr(&arr, &b);
		if (ret)
			return -EBADMSG;
	}
	*raw = it.raw;
	return 0;
}

static int parse_common(struct suit_processor *p, struct suit_mctx *m,
			struct suit_buf common)
{
	struct suit_cbor c, map, arr, dm, md;
	struct suit_buf *ids = p->scratch_ids;
	u32 max = p->plat->max_components, ncomps = 0, total, i;
	u32 depmask = 0;
	u64 key, idx, mk;
	size_t pairs, n, j, dp, mp;
	bool have_comps = false;
	int ret;

	if (!max || max > SUIT_MAX_COMPONENTS)
		max = SUIT_MAX_COMPONENTS;
	for (i = 0; i < SUIT_MAX_COMPONENTS; i++) {
		ids[i].ptr = NULL;
		ids[i].len = 0;
	}
	ret = suit_cbor_init_single(&c, common.ptr, common.len);
	if (!ret)
		ret = suit_cbor_map_check(&c);
	if (!ret)
		ret = suit_cbor_enter_map(&c, &map, &pairs);
	if (ret)
		return parse_fail(p);
	for (j = 0; j < pairs; j++) {
		if (suit_cbor_get_uint(&map, &key))
			return parse_fail(p);
		switch (key) {
		case SUIT_C_COMPONENTS:
			if (suit_cbor_enter_array(&map, &arr, &n) || !n)
				return parse_fail(p);
			if (n > max)
				return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
						 -E2BIG);
			for (i = 0; i < n; i++)
				if (check_comp_id(&arr, &m->comp_id[i]))
					return parse_fail(p);
			ncomps = (u32)n;
			have_comps = true;
			break;
		case SUIT_C_DEPENDENCIES:
			if (suit_cbor_enter_map(&map, &dm, &dp) || !dp)
				return parse_fail(p);
			for (i = 0; i < dp; i++) {
				if (suit_cbor_get_uint(&dm, &idx))
					return parse_fail(p);
				if (idx >= max)
					return suit_fail(p,
						SUIT_REASON_COMPONENT_UNSUPPORTED,
						-E2BIG);
				if (depmask & (1u << idx))
					return parse_fail(p);
				depmask |= 1u << idx;
				if (suit_cbor_enter_map(&dm, &md, &mp))
					return parse_fail(p);
				for (n = 0; n < mp; n++) {
					if (suit_cbor_get_uint(&md, &mk) || mk != 1)
						return parse_fail(p);
					if (check_comp_id(&md, &ids[idx]))
						return parse_fail(p);
				}
			}
			break;
		case SUIT_C_SHARED:
			if (suit_cbor_get_bstr(&map, &m->shared))
				return parse_fail(p);
			break;
		default:
			return parse_fail(p);
		}
	}
	if (!have_comps)
		return parse_fail(p);
	total = ncomps;
	for (i = 0; i < SUIT_MAX_COMPONENTS; i++)
		if (depmask & (1u << i) && i + 1 > total)
			total = i + 1;
	for (i = 0; i < total; i++) {
		if (i < ncomps && !(depmask & (1u << i)))
			continue;
		if (!(depmask & (1u << i)))
			return parse_fail(p);	/* a hole in the index space */
		m->cflags[i] |= SUIT_CF_DEPENDENCY;
		if (i >= ncomps)
			m->comp_id[i] = ids[i];
	}
	/* mctx_clear() left the parameters alone: clear the ones in use. */
	suit_memset(m->params, 0, total * sizeof(m->params[0]));
	m->ncomp = total;
	/* Every device component must exist here. */
	for (i = 0; i < total; i++) {
		if (m->cflags[i] & SUIT_CF_DEPENDENCY)
			continue;
		if (!p->plat->ops->comp_lookup)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = p->plat->ops->comp_lookup(p->plat->priv, m->comp_id[i],
						&m->handle[i]);
		if (ret) {
			p->res.component = i;
			return suit_fail(p, ret == -EACCES || ret == -EPERM ?
					 SUIT_REASON_COMPONENT_UNAUTHORISED :
					 SUIT_REASON_COMPONENT_UNSUPPORTED, ret);
		}
		m->cflags[i] |= SUIT_CF_LOOKED_UP;
	}
	return 0;
}

/* suit-text: { + tstr => { * uint => tstr, * comp-id => { * uint => tstr } } } */
static int check_text(struct suit_buf text)
{
	struct suit_cbor c, map, inner, cm;
	enum suit_cbor_type t;
	struct suit_buf s, raw;
	u64 k, tag;
	size_t pairs, ip, cp, i, j, l;

	if (suit_cbor_init_single(&c, text.ptr, text.len) ||
	    suit_cbor_map_check(&c) || suit_cbor_enter_map(&c, &map, &pairs))
		return -EBADMSG;
	for (i = 0; i < pairs; i++) {
		if (!suit_cbor_peek_type(&map, &t) && t == SUIT_CBOR_TAG &&
		    (suit_cbor_get_tag(&map, &tag) || tag != 38))
			return -EBADMSG;
		if (suit_cbor_get_tstr(&map, &s) ||
		    suit_cbor_enter_map(&map, &inner, &ip))
			return -EBADMSG;
		for (j = 0; j < ip; j++) {
			if (suit_cbor_peek_type(&inner, &t))
				return -EBADMSG;
			if (t == SUIT_CBOR_UINT) {
				if (suit_cbor_get_uint(&inner, &k) ||
				    suit_cbor_get_tstr(&inner, &s))
					return -EBADMSG;
				continue;
			}
			if (check_comp_id(&inner, &raw) ||
			    suit_cbor_enter_map(&inner, &cm, &cp))
				return -EBADMSG;
			for (l = 0; l < cp; l++)
				if (suit_cbor_get_uint(&cm, &k) ||
				    suit_cbor_get_tstr(&cm, &s))
					return -EBADMSG;
		}
	}
	return 0;
}

/* suit-set-version: bstr .cbor [+int] */
static int check_int_array(struct suit_buf b)
{
	struct suit_cbor c, arr;
	size_t n, i;
	s64 v;

	if (suit_cbor_init_single(&c, b.ptr, b.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) || !n)
		return -EBADMSG;
	for (i = 0; i < n; i++)
		if (suit_cbor_get_int(&arr, &v))
			return -EBADMSG;
	return 0;
}

/*
 * Whether @arg has the type command @cmd takes. Unknown and custom commands
 * are decided when they run (command-unsupported), as are nested sequences.
 */
static bool cmd_arg_ok(s64 cmd, const struct suit_cbor_item *arg)
{
	switch (cmd) {
	case SUIT_CMD_SET_INDEX:
		return arg->type == SUIT_CBOR_UINT ||
		       arg->type == SUIT_CBOR_ARRAY ||
		       (arg->type == SUIT_CBOR_SIMPLE &&
			arg->val == SUIT_CBOR_TRUE);
	case SUIT_CMD_SET_PARAMS:
	case SUIT_CMD_OVERRIDE:
	case SUIT_CMD_OVERRIDE_MULTI:
	case SUIT_CMD_COPY_PARAMS:
		return arg->type == SUIT_CBOR_MAP;
	case SUIT_CMD_TRY_EACH:
		return arg->type == SUIT_CBOR_ARRAY;
	case SUIT_CMD_RUN_SEQ:
		return arg->type == SUIT_CBOR_BSTR;
	case SUIT_CMD_VENDOR: case SUIT_CMD_CLASS: case SUIT_CMD_IMAGE_MATCH:
	case SUIT_CMD_USE_BEFORE: case SUIT_CMD_SLOT:
	case SUIT_CMD_CHECK_CONTENT: case SUIT_CMD_DEP_INTEGRITY:
	case SUIT_CMD_IS_DEPENDENCY: case SUIT_CMD_PROCESS_DEP:
	case SUIT_CMD_ABORT: case SUIT_CMD_WRITE: case SUIT_CMD_FETCH:
	case SUIT_CMD_COPY: case SUIT_CMD_INVOKE: case SUIT_CMD_DEVICE:
	case SUIT_CMD_IMAGE_NOT_MATCH: case SUIT_CMD_BATTERY:
	case SUIT_CMD_UPDATE_AUTH: case SUIT_CMD_VERSION: case SUIT_CMD_WAIT:
	case SUIT_CMD_SWAP: case SUIT_CMD_UNLINK:
		return arg->type == SUIT_CBOR_UINT;	/* reporting policy */
	default:
		return true;
	}
}

/*
 * A command sequence: an array of (integer code, argument) pairs, each
 * argument of the type its command takes, checked before anything runs.
 */
static int check_sequence_shape(struct suit_buf seq)
{
	struct suit_cbor_item arg;
	struct suit_cbor c, arr;
	size_t n, i;
	s64 cmd;

	if (suit_cbor_init_single(&c, seq.ptr, seq.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) || (n & 1))
		return -EBADMSG;
	for (i = 0; i < n; i += 2) {
		if (suit_cbor_get_int(&arr, &cmd) || suit_cbor_get(&arr, &arg) ||
		    !cmd_arg_ok(cmd, &arg))
			return -EBADMSG;
	}
	return 0;
}

static int parse_manifest(struct suit_processor *p, struct suit_mctx *m,
			  const struct suit_buf *sev, u32 sev_mask)
{
	struct suit_cbor c, map;
	struct suit_cbor_item it;
	struct suit_buf common = { NULL, 0 }, b;
	enum suit_cbor_type t;
	u64 key, version = 0, tag;
	bool have_seq = false, have_version = false;
	u32 used_sev = 0;
	size_t pairs, i;
	int ret, s;

	ret = suit_cbor_init_single(&c, m->manifest.ptr, m->manifest.len);
	if (ret)
		return parse_fail(p);
	if (!suit_cbor_peek_type(&c, &t) && t == SUIT_CBOR_TAG) {
		if (suit_cbor_get_tag(&c, &tag) || tag != SUIT_TAG_MANIFEST)
			return parse_fail(p);
	}
	if (suit_cbor_map_check(&c) || suit_cbor_enter_map(&c, &map, &pairs))
		return parse_fail(p);
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_get_uint(&map, &key))
			return parse_fail(p);
		switch (key) {
		case SUIT_M_VERSION:
			if (suit_cbor_get_uint(&map, &version))
				return parse_fail(p);
			have_version = true;
			break;
		case SUIT_M_SEQUENCE:
			if (suit_cbor_get_uint(&map, &m->sequence))
				return parse_fail(p);
			p->res.sequence = m->depth ? p->res.sequence : m->sequence;
			have_seq = true;
			break;
		case SUIT_M_COMMON:
			if (suit_cbor_get_bstr(&map, &common))
				return parse_fail(p);
			break;
		case SUIT_M_REFERENCE_URI:
			if (suit_cbor_get_tstr(&map, &m->reference_uri))
				return parse_fail(p);
			break;
		case SUIT_M_COMPONENT_ID:
			if (check_comp_id(&map, &m->manifest_comp_id))
				return parse_fail(p);
			break;
		case SUIT_M_SET_VERSION:
			if (suit_cbor_get_bstr(&map, &b) || check_int_array(b))
				return parse_fail(p);
			break;
		case SUIT_M_VALIDATE:
		case SUIT_M_LOAD:
		case SUIT_M_INVOKE:
		case SUIT_M_UNINSTALL:
		case SUIT_M_COSWID:
		case SUIT_M_DEPRES:
		case SUIT_M_FETCH:
		case SUIT_M_CANDVER:
		case SUIT_M_INSTALL:
		case SUIT_M_TEXT:
			s = sec_of_key(key);
			if (suit_cbor_get(&map, &it))
				return parse_fail(p);
			m->sec_present |= 1u << s;
			if (it.type == SUIT_CBOR_BSTR) {
				if (sev_mask & (1u << s))
					return parse_fail(p);	/* both */
				m->sec[s] = it.data;
				break;
			}
			if (it.type != SUIT_CBOR_ARRAY || !key_severable(key))
				return parse_fail(p);
			/* Severed: the SUIT_Digest of the envelope member. */
			if (!(sev_mask & (1u << s))) {
				m->sec_severed |= 1u << s;
				break;
			}
			ret = check_digest(p, it.raw, sev[s]);
			if (ret)
				return ret;
			used_sev |= 1u << s;
			/* sev[s] is the bstr with head: take its content */
			{
				struct suit_cbor sc;

				if (suit_cbor_init_single(&sc, sev[s].ptr,
							  sev[s].len) ||
				    suit_cbor_get_bstr(&sc, &m->sec[s]))
					return parse_fail(p);
			}
			break;
		default:
			return parse_fail(p);
		}
	}
	if (!have_version || !have_seq || !common.ptr)
		return parse_fail(p);
	if (version != 1)
		return parse_fail(p);
	if (sev_mask & ~used_sev)
		return parse_fail(p);	/* severed member nobody asked for */
	if (m->sec_present & (1u << SUIT_SEC_TEXT) && m->sec[SUIT_SEC_TEXT].ptr &&
	    check_text(m->sec[SUIT_SEC_TEXT]))
		return parse_fail(p);
	if (m->sec[SUIT_SEC_COSWID].ptr) {
		struct suit_cbor cc;

		if (suit_cbor_init_single(&cc, m->sec[SUIT_SEC_COSWID].ptr,
					  m->sec[SUIT_SEC_COSWID].len))
			return parse_fail(p);
	}
	for (s = 0; s < SUIT_SEC_COUNT; s++) {
		if (s == SUIT_SEC_TEXT || s == SUIT_SEC_COSWID || !m->sec[s].ptr)
			continue;
		if (check_sequence_shape(m->sec[s]))
			return parse_fail(p);
	}
	if (m->shared.ptr && check_sequence_shape(m->shared))
		return parse_fail(p);
	return parse_common(p, m, common);
}

/**
 * suit_check_rollback() - anti-rollback check of a manifest's sequence number
 * @p: processor
 * @m: the manifest
 * @update: the update procedure runs (strictly greater needed for the root)
 *
 * Return: 0 or a negative errno (reason unauthorised).
 */
int suit_check_rollback(struct suit_processor *p, struct suit_mctx *m,
			bool update)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_buf id = { NULL, 0 };
	u64 stored = 0;
	int ret;

	if (m->depth) {
		/* a dependency is tracked by its manifest-component-id */
		if (!m->manifest_comp_id.len)
			return 0;
		id = m->manifest_comp_id;
	}
	if (!ops->get_sequence)
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EOPNOTSUPP);
	ret = ops->get_sequence(p->plat->priv, id, &stored);
	if (ret == -ENOENT)
		return 0;	/* nothing accepted yet */
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (m->sequence > stored)
		return 0;
	if (m->sequence == stored && (!update || m->depth))
		return 0;
	return suit_fail(p, SUIT_REASON_UNAUTHORISED, -ESTALE);
}

/*
 * Clear @m except its parameters (16 components x 18 values, most of the
 * context): parse_common() clears those of the components the manifest
 * declares, the only ones anything reads (every index is checked against
 * @m->ncomp).
 */
static void mctx_clear(struct suit_mctx *m)
{
	const size_t ps = __builtin_offsetof(struct suit_mctx, params);
	const size_t pe = ps + sizeof(m->params);
	u8 *b = (u8 *)m;

	suit_memset(b, 0, ps);
	suit_memset(b + pe, 0, sizeof(*m) - pe);
}

/**
 * suit_mctx_load() - authenticate and parse one envelope into @m
 * @p: processor
 * @m: context to fill (its @depth and @path are kept)
 * @env: the envelope
 * @root: true for the envelope given to suit_process()
 *
 * Return: 0 or a negative errno (the reason is in @p->res).
 */
int suit_mctx_load(struct suit_processor *p, struct suit_mctx *m,
		   struct suit_buf env, bool root)
{
	struct suit_buf *sev = p->scratch_sev;
	struct suit_buf auth, mraw;
	struct suit_auth_result *ares = &p->auth;
	u32 depth = m->depth, sev_mask = 0;
	u8 path[SUIT_MAX_DEP_DEPTH];
	struct suit_cbor c;
	bool bare;
	int ret;

	suit_memcpy(path, m->path, sizeof(path));
	mctx_clear(m);
	m->depth = depth;
	suit_memcpy(m->path, path, sizeof(path));
	m->envelope = env;
	ret = env_walk(env, &auth, &mraw, sev, &sev_mask, &bare);
	if (ret)
		return parse_fail(p);
	if (bare) {
		/* A SUIT_Manifest_Tagged on its own: never authentic. */
		if (!p->plat->allow_unsigned || !root)
			return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EACCES);
		m->manifest = mraw;
		m->manifest_raw = mraw;
		m->envelope.ptr = NULL;
		m->envelope.len = 0;
	} else {
		if (!root)
			ares = &p->dep_auth;
		ret = authenticate(p, auth, mraw, &m->auth_digest, ares);
		if (ret)
			return ret;
		m->manifest_raw = mraw;
		ret = suit_cbor_init_single(&c, mraw.ptr, mraw.len);
		if (!ret)
			ret = suit_cbor_get_bstr(&c, &m->manifest);
		if (ret)
			return parse_fail(p);
	}
	return parse_manifest(p, m, sev, sev_mask);
}

static const u8 update_secs[] = {
	SUIT_SEC_DEPRES, SUIT_SEC_FETCH, SUIT_SEC_CANDVER, SUIT_SEC_INSTALL,
	SUIT_SEC_VALIDATE,
};

static const u8 invoke_secs[] = {
	SUIT_SEC_VALIDATE, SUIT_SEC_LOAD, SUIT_SEC_INVOKE,
};

static int run_procedure(struct suit_processor *p, const u8 *secs,
			 size_t n, bool skip_validate)
{
	struct suit_mctx *m = &p->m[0];
	size_t i;
	int ret;

	for (i = 0; i < n; i++) {
		if (skip_validate && secs[i] == SUIT_SEC_VALIDATE)
			continue;
		if (m->sec_severed & (1u << secs[i]))
			return suit_fail(p, SUIT_REASON_SEVERING_UNSUPPORTED,
					 -ENOENT);
		if (!m->sec[secs[i]].ptr)
			continue;
		ret = suit_run_section(p, m, (enum suit_sec)secs[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * suit_processor_init() - prepare a processor for one envelope
 * @p: caller-allocated state
 * @plat: the platform; must outlive @p
 */
void suit_processor_init(struct suit_processor *p,
			 const struct suit_platform *plat)
{
	const size_t m_start = __builtin_offsetof(struct suit_processor, m);
	const size_t m_end = __builtin_offsetof(struct suit_processor, auth);
	const size_t ev_start = __builtin_offsetof(struct suit_processor, ev);
	const size_t ev_end = __builtin_offsetof(struct suit_processor, nev);
	u8 *b = (u8 *)p;

	/*
	 * Clear the small state only: each manifest context in m[] is
	 * cleared by suit_mctx_load() when it is used, and ev[] is only read
	 * below nev. Clearing all 31 KiB per envelope costs more than a
	 * signature check's last few percent.
	 */
	suit_memset(b, 0, m_start);
	suit_memset(b + m_end, 0, ev_start - m_end);
	suit_memset(b + ev_end, 0, sizeof(*p) - ev_end);
	p->m[0].depth = 0;
	suit_memset(p->m[0].path, 0, sizeof(p->m[0].path));
	p->plat = plat;
	p->strict_order = true;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_processor_init);

static void finish(struct suit_processor *p, bool ok)
{
	const struct suit_platform_ops *ops = p->plat->ops;

	if (!ok && ops->abort)
		ops->abort(p->plat->priv);
}

/*
 * The invoke op returned -EINPROGRESS: the image was handed over and starts
 * after the report has been sent, so this is the last thing the processor
 * does. The invocation procedure succeeded up to the hand-over: commit (as
 * at its normal end, when the update has not committed already) and keep
 * invoke-pending as the result.
 */
static int invoke_pending(struct suit_processor *p, unsigned int procedures)
{
	const struct suit_platform *plat = p->plat;
	int ret;

	if (!(procedures & SUIT_PROC_UPDATE) && plat->ops->commit) {
		ret = plat->ops->commit(plat->priv, p->m[0].sequence);
		if (ret) {
			/* Not handed over after all: a plain failure. */
			p->res.reason = SUIT_REASON_OPERATION_FAILED;
			p->res.err = ret;
			finish(p, false);
			return ret;
		}
	}
	return -EINPROGRESS;
}

/**
 * suit_process() - authenticate an envelope and run procedures on it
 * @p: initialised state
 * @env: the envelope (tag 107 optional)
 * @len: its length
 * @procedures: SUIT_PROC_UPDATE and/or SUIT_PROC_INVOKE
 * @res: why it stopped
 *
 * See Documentation/lib-processor.rst for the decisions taken where the
 * drafts leave room.
 *
 * Return: 0; -EINPROGRESS when the platform's invoke handed the image over
 * (reason invoke-pending, committed, not aborted); or a negative errno
 * matching @res->err.
 */
int suit_process(struct suit_processor *p, const u8 *env, size_t len,
		 unsigned int procedures, struct suit_result *res)
{
	const struct suit_platform *plat = p->plat;
	struct suit_buf e = { env, len };
	int ret;

	/* Forget any previous run (keep the platform). */
	suit_processor_init(p, plat);
	p->have_result = true;
	if (!plat || !plat->ops || !plat->chunk || plat->chunk_len < 64 ||
	    !env || !len || !procedures ||
	    (procedures & ~(SUIT_PROC_UPDATE | SUIT_PROC_INVOKE))) {
		ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
		goto out;
	}
	ret = suit_mctx_load(p, &p->m[0], e, true);
	if (ret)
		goto fail;
	ret = suit_check_rollback(p, &p->m[0], procedures & SUIT_PROC_UPDATE);
	if (ret)
		goto fail;
	if (procedures & SUIT_PROC_UPDATE) {
		p->updating = true;
		ret = run_procedure(p, update_secs, SUIT_ARRAY_SIZE(update_secs),
				    false);
		if (ret)
			goto fail;
		if (plat->ops->commit) {
			ret = plat->ops->commit(plat->priv, p->m[0].sequence);
			if (ret) {
				ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED,
						ret);
				goto fail;
			}
		}
	}
	if (procedures & SUIT_PROC_INVOKE) {
		p->updating = false;
		ret = run_procedure(p, invoke_secs, SUIT_ARRAY_SIZE(invoke_secs),
				    procedures & SUIT_PROC_UPDATE);
		if (ret)
			goto fail;
		if (!(procedures & SUIT_PROC_UPDATE) && plat->ops->commit) {
			ret = plat->ops->commit(plat->priv, p->m[0].sequence);
			if (ret) {
				ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED,
						ret);
				goto fail;
			}
		}
	}
	p->res.reason = SUIT_REASON_OK;
	p->res.err = 0;
	goto out;
fail:
	if (!p->res.err)
		suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	ret = p->res.err;
	if (p->res.reason == SUIT_REASON_INVOKE_PENDING) {
		ret = invoke_pending(p, procedures);
		goto out;
	}
	finish(p, false);
out:
	if (res)
		*res = p->res;
	return ret;
}
EXPORT_SYMBOL_FOR_SUIT_TESTS(suit_process);
