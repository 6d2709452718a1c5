// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SUIT processor: command sequences, conditions, directives and
 * parameters (draft-ietf-suit-manifest-34, trust domains, update
 * management, firmware encryption).
 *
 * Recursion happens only for try-each, run-sequence and process-dependency
 * and is bounded by SUIT_MAX_NEST (and SUIT_MAX_DEP_DEPTH for dependencies).
 */
#include "processor_internal.h"

/* Parameter key -> slot in struct suit_params, -1 if not a per-component one. */
static const s8 param_slots[31] = {
	[0] = -1, [1] = 0, [2] = 1, [3] = 2, [4] = 3, [5] = 4,
	[6] = -1, [7] = -1, [8] = -1, [9] = -1, [10] = -1, [11] = -1,
	[12] = -1, [13] = -1, [14] = 5, [15] = -1, [16] = -1, [17] = -1,
	[18] = 6, [19] = 7, [20] = -1, [21] = 8, [22] = 9, [23] = 10,
	[24] = 11, [25] = 12, [26] = 13, [27] = 14, [28] = 15, [29] = 16,
	[30] = 17,
};

/**
 * suit_param_slot() - where a parameter is kept
 * @key: SUIT parameter key
 *
 * Return: the slot index in struct suit_params::val, or -1.
 */
int suit_param_slot(s64 key)
{
	if (key < 0 || key >= (s64)SUIT_ARRAY_SIZE(param_slots))
		return -1;
	return param_slots[key];
}

static int param_get(const struct suit_mctx *m, u32 comp, int key,
		     struct suit_buf *v)
{
	int s = suit_param_slot(key);

	if (s < 0 || !(m->params[comp].set & (1u << s)))
		return -ENOENT;
	*v = m->params[comp].val[s];
	return 0;
}

static int param_uint(const struct suit_mctx *m, u32 comp, int key,
		      u64 *u)
{
	struct suit_buf v;
	struct suit_cbor c;

	if (param_get(m, comp, key, &v))
		return -ENOENT;
	if (suit_cbor_init_single(&c, v.ptr, v.len) || suit_cbor_get_uint(&c, u))
		return -EBADMSG;
	return 0;
}

static int param_int(const struct suit_mctx *m, u32 comp, int key,
		     s64 *i)
{
	struct suit_buf v;
	struct suit_cbor c;

	if (param_get(m, comp, key, &v))
		return -ENOENT;
	if (suit_cbor_init_single(&c, v.ptr, v.len) || suit_cbor_get_int(&c, i))
		return -EBADMSG;
	return 0;
}

/* bstr or tstr parameter: its content */
static int param_str(const struct suit_mctx *m, u32 comp, int key,
		     struct suit_buf *out)
{
	struct suit_cbor_item it;
	struct suit_buf v;
	struct suit_cbor c;

	if (param_get(m, comp, key, &v))
		return -ENOENT;
	if (suit_cbor_init_single(&c, v.ptr, v.len) || suit_cbor_get(&c, &it))
		return -EBADMSG;
	if (it.type != SUIT_CBOR_BSTR && it.type != SUIT_CBOR_TSTR)
		return -EBADMSG;
	*out = it.data;
	return 0;
}

/**
 * suit_buf_bstr_content() - the content of an encoded bstr
 * @raw: the encoded bstr, head included
 *
 * Return: the content, or an empty buffer if @raw is not one bstr.
 */
struct suit_buf suit_buf_bstr_content(struct suit_buf raw)
{
	struct suit_buf v = { NULL, 0 };
	struct suit_cbor c;

	if (suit_cbor_init_single(&c, raw.ptr, raw.len) ||
	    suit_cbor_get_bstr(&c, &v)) {
		v.ptr = NULL;
		v.len = 0;
	}
	return v;
}

/**
 * suit_digest_parse() - decode an encoded SUIT_Digest
 * @enc: the encoded array
 * @alg: its algorithm
 * @bytes: its digest bytes
 *
 * Return: 0 or -EBADMSG.
 */
int suit_digest_parse(struct suit_buf enc, s32 *alg, struct suit_buf *bytes)
{
	struct suit_cbor c, arr;
	size_t n, i;
	s64 a;

	if (suit_cbor_init_single(&c, enc.ptr, enc.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) || n < 2 ||
	    suit_cbor_get_int(&arr, &a) || suit_cbor_get_bstr(&arr, bytes))
		return -EBADMSG;
	for (i = 2; i < n; i++)
		if (suit_cbor_skip(&arr))
			return -EBADMSG;
	if (a < -0x7fffffffLL - 1 || a > 0x7fffffffLL)
		return -EBADMSG;
	*alg = (s32)a;
	return 0;
}

static size_t digest_size(s32 alg)
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

/* Report properties of the command being run. */
static void props_clear(struct suit_processor *p)
{
	p->fail_nprops = 0;
}

static void props_add(struct suit_processor *p, s32 key, struct suit_buf v)
{
	if (p->fail_nprops >= SUIT_ARRAY_SIZE(p->fail_key))
		return;
	p->fail_key[p->fail_nprops] = key;
	p->fail_props[p->fail_nprops] = v;
	p->fail_nprops++;
}

static void props_param(struct suit_processor *p, const struct suit_mctx *m,
			u32 comp, int key)
{
	struct suit_buf v;

	if (!param_get(m, comp, key, &v))
		props_add(p, key, v);
}

/* ---- parameter setting --------------------------------------------- */

/*
 * One member of SUIT_Component_Metadata (update management): permissions
 * are maps or uints, file-type 1..3, times #6.1(uint), creator any actor.
 * The platform applies them and must itself prevent path traversal.
 */
static int check_metadata_value(struct suit_cbor *c, u64 key)
{
	struct suit_cbor_item it;
	struct suit_cbor t;
	u64 tag, v;

	switch (key) {
	case 1:	/* default permissions */
	case 2:	/* user permissions */
	case 3:	/* group permissions */
	case 4:	/* role permissions */
		if (suit_cbor_get(c, &it))
			return -EBADMSG;
		return it.type == SUIT_CBOR_UINT || it.type == SUIT_CBOR_MAP ?
		       0 : -EBADMSG;
	case 5:	/* file type: regular, directory, symlink */
		if (suit_cbor_get_uint(c, &v) || v < 1 || v > 3)
			return -EBADMSG;
		return 0;
	case 6:	/* modification time */
	case 7:	/* creation time */
		t = *c;
		if (suit_cbor_get_tag(&t, &tag) || tag != 1 ||
		    suit_cbor_get_uint(&t, &v))
			return -EBADMSG;
		return suit_cbor_skip(c);
	case 8:	/* creator */
		return suit_cbor_skip(c);
	default:
		return -EBADMSG;
	}
}

static int check_param_value(s64 key, const struct suit_cbor_item *it)
{
	struct suit_cbor c, inner;
	struct suit_buf b;
	u64 u;
	s32 alg;
	size_t n, i;
	s64 v;

	switch (key) {
	case SUIT_P_VENDOR:
		if (it->type == SUIT_CBOR_TAG) {
			/* a CBOR PEN: #6.112(bstr) */
			if (it->val != 112 ||
			    suit_cbor_init_single(&c, it->raw.ptr, it->raw.len) ||
			    suit_cbor_get_tag(&c, &u) || suit_cbor_get_bstr(&c, &b))
				return -EBADMSG;
			return 0;
		}
		return it->type == SUIT_CBOR_BSTR && it->data.len == SUIT_UUID_LEN ?
		       0 : -EBADMSG;
	case SUIT_P_CLASS:
	case SUIT_P_DEVICE:
		return it->type == SUIT_CBOR_BSTR && it->data.len == SUIT_UUID_LEN ?
		       0 : -EBADMSG;
	case SUIT_P_DIGEST:
		if (it->type != SUIT_CBOR_BSTR)
			return -EBADMSG;
		return suit_digest_parse(it->data, &alg, &b);
	case SUIT_P_USE_BEFORE:
	case SUIT_P_SLOT:
	case SUIT_P_SIZE:
	case SUIT_P_SOURCE:
	case SUIT_P_BATTERY:
		return it->type == SUIT_CBOR_UINT ? 0 : -EBADMSG;
	case SUIT_P_PRIORITY:
		return it->type == SUIT_CBOR_UINT || it->type == SUIT_CBOR_NINT ?
		       0 : -EBADMSG;
	case SUIT_P_CONTENT:
	case SUIT_P_ENC_INFO:
	case SUIT_P_INVOKE_ARGS:
	case SUIT_P_FETCH_ARGS:
		return it->type == SUIT_CBOR_BSTR ? 0 : -EBADMSG;
	case SUIT_P_URI:
		return it->type == SUIT_CBOR_TSTR ? 0 : -EBADMSG;
	case SUIT_P_VERSION:
		/* bstr .cbor [comparison-type, [+int]] */
		if (it->type != SUIT_CBOR_BSTR ||
		    suit_cbor_init_single(&c, it->data.ptr, it->data.len) ||
		    suit_cbor_enter_array(&c, &inner, &n) || n != 2 ||
		    suit_cbor_get_uint(&inner, &u) || u < 1 || u > 5 ||
		    suit_cbor_enter_array(&inner, &c, &n) || !n)
			return -EBADMSG;
		for (i = 0; i < n; i++)
			if (suit_cbor_get_int(&c, &v))
				return -EBADMSG;
		return 0;
	case SUIT_P_WAIT_INFO:
	case SUIT_P_METADATA:
		if (it->type != SUIT_CBOR_BSTR ||
		    suit_cbor_init_single(&c, it->data.ptr, it->data.len) ||
		    suit_cbor_map_check(&c) ||
		    suit_cbor_enter_map(&c, &inner, &n))
			return -EBADMSG;
		for (i = 0; i < n; i++) {
			if (suit_cbor_get_uint(&inner, &u))
				return -EBADMSG;
			if (key == SUIT_P_WAIT_INFO) {
				if (u < 1 || u > 9 || suit_cbor_skip(&inner))
					return -EBADMSG;
				continue;
			}
			if (check_metadata_value(&inner, u))
				return -EBADMSG;
		}
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/*
 * Apply a parameter map to @comp. @override false: set only if unset
 * (set-parameters, trust domains).
 */
static noinline int set_params(struct suit_processor *p,
			       struct suit_mctx *m, u32 comp,
			       struct suit_buf map_raw, bool override)
{
	struct suit_cbor c, map;
	struct suit_cbor_item it;
	struct suit_params *pr = &m->params[comp];
	size_t pairs, i;
	s64 key;
	bool b;
	int s, ret;

	if (suit_cbor_init_single(&c, map_raw.ptr, map_raw.len) ||
	    suit_cbor_map_check(&c) || suit_cbor_enter_map(&c, &map, &pairs) ||
	    !pairs)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_get_int(&map, &key) || suit_cbor_get(&map, &it))
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (key == SUIT_P_STRICT_ORDER || key == SUIT_P_SOFT_FAILURE) {
			struct suit_cbor bc;

			if (suit_cbor_init_single(&bc, it.raw.ptr, it.raw.len) ||
			    suit_cbor_get_bool(&bc, &b))
				return suit_fail(p, SUIT_REASON_CBOR_PARSE,
						 -EBADMSG);
			if (key == SUIT_P_STRICT_ORDER)
				p->strict_order = b;
			else
				p->soft_failure = b;
			continue;
		}
		s = suit_param_slot(key);
		if (s < 0)
			return suit_fail(p, SUIT_REASON_PARAMETER_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = check_param_value(key, &it);
		if (ret == -EOPNOTSUPP)
			return suit_fail(p, SUIT_REASON_PARAMETER_UNSUPPORTED, ret);
		if (ret)
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (key == SUIT_P_SOURCE) {
			u64 src = it.val;

			if (src >= m->ncomp)
				return suit_fail(p,
					SUIT_REASON_COMPONENT_UNSUPPORTED,
					-ERANGE);
		}
		if (!override && (pr->set & (1u << s)))
			continue;
		pr->val[s] = it.raw;
		pr->set |= 1u << s;
	}
	return 0;
}

/* ---- component helpers ----------------------------------------------- */

static int comp_handle(struct suit_processor *p, struct suit_mctx *m,
		       u32 comp, u32 *h)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	int ret;

	if (!(m->cflags[comp] & SUIT_CF_LOOKED_UP)) {
		if (!ops->comp_lookup)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = ops->comp_lookup(p->plat->priv, m->comp_id[comp],
				       &m->handle[comp]);
		if (ret == -EACCES || ret == -EPERM)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNAUTHORISED,
					 ret);
		if (ret)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 ret);
		m->cflags[comp] |= SUIT_CF_LOOKED_UP;
	}
	*h = m->handle[comp];
	return 0;
}

/* The slot a command works on and what the platform knows about it. */
static int comp_slot(struct suit_processor *p, struct suit_mctx *m,
		     u32 comp, u32 *h, u32 *slot,
		     struct suit_component_info *info)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	u64 want;
	int ret;

	ret = comp_handle(p, m, comp, h);
	if (ret)
		return ret;
	if (!ops->comp_info)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	suit_memset(info, 0, sizeof(*info));
	ret = ops->comp_info(p->plat->priv, *h, 0, info);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (!param_uint(m, comp, SUIT_P_SLOT, &want)) {
		if (want >= info->slots)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED,
					 -ERANGE);
		*slot = (u32)want;
	} else if (info->slots <= 1) {
		*slot = 0;
	} else if (p->updating) {
		*slot = (info->active_slot + 1) % info->slots;
	} else {
		*slot = info->active_slot;
	}
	if (*slot) {
		ret = ops->comp_info(p->plat->priv, *h, *slot, info);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	}
	return 0;
}

static void progress(struct suit_processor *p, s32 cmd, u32 comp,
		     u64 done, u64 total)
{
	struct suit_progress pr;

	if (!p->plat->ops->progress)
		return;
	pr.section = p->section;
	pr.command = cmd;
	pr.component = comp;
	pr.done = done;
	pr.total = total;
	p->plat->ops->progress(p->plat->priv, &pr);
}

static void cache_invalidate(struct suit_processor *p)
{
	p->cache_valid = false;
}

/* Feed the first @len bytes of open slot @h into the hash @ctx. */
static int hash_comp_update(struct suit_processor *p, u32 h, u64 len,
			    void *ctx)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	u8 *chunk = p->plat->chunk;
	u64 off;
	size_t n;
	int ret;

	for (off = 0; off < len; off += n) {
		n = p->plat->chunk_len;
		if (len - off < n)
			n = (size_t)(len - off);
		ret = ops->comp_read(p->plat->priv, h, off, chunk, n);
		if (!ret)
			ret = ops->hash_update(p->plat->priv, ctx, chunk, n);
		if (ret)
			return ret;
	}
	return 0;
}

/* Hash @len bytes of an open slot into @out. */
static int hash_comp(struct suit_processor *p, u32 h, u64 len,
		     s32 alg, u8 *out, size_t dl)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	void *ctx = NULL;
	int ret;

	ret = ops->hash_init(p->plat->priv, alg, &ctx);
	if (ret)
		return ret;
	ret = hash_comp_update(p, h, len, ctx);
	if (ret) {
		ops->hash_final(p->plat->priv, ctx, NULL, 0);
		return ret;
	}
	return ops->hash_final(p->plat->priv, ctx, out, dl);
}

/* ---- conditions --------------------------------------------------------- */

static bool digest_enc_equal(struct suit_buf a, struct suit_buf b)
{
	struct suit_buf ab, bb;
	s32 aa, ba;

	if (suit_digest_parse(a, &aa, &ab) || suit_digest_parse(b, &ba, &bb))
		return false;
	return aa == ba && ab.len == bb.len &&
	       !suit_memcmp(ab.ptr, bb.ptr, ab.len);
}

static int cond_identity(struct suit_processor *p, struct suit_mctx *m,
			 u32 comp, int key)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_identity id;
	struct suit_cbor_item it;
	struct suit_cbor c;
	struct suit_buf v;
	const u8 *want;
	int ret;

	if (param_get(m, comp, key, &v))
		return SUIT_COND_FAIL;
	props_add(p, key, v);
	if (!ops->get_identity)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	suit_memset(&id, 0, sizeof(id));
	ret = ops->get_identity(p->plat->priv, &id);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (suit_cbor_init_single(&c, v.ptr, v.len) || suit_cbor_get(&c, &it) ||
	    it.type != SUIT_CBOR_BSTR || it.data.len != SUIT_UUID_LEN)
		return SUIT_COND_FAIL;	/* e.g. a CBOR PEN: not ours */
	if (key == SUIT_P_VENDOR)
		want = id.vendor_id;
	else if (key == SUIT_P_CLASS)
		want = id.class_id;
	else if (id.has_device_id)
		want = id.device_id;
	else
		return SUIT_COND_FAIL;
	return suit_memcmp(it.data.ptr, want, SUIT_UUID_LEN) ? SUIT_COND_FAIL : 0;
}

/* Digest of a dependency component: the bstr-wrapped manifest. */
static int dep_digest(struct suit_processor *p, struct suit_mctx *m,
		      u32 comp, s32 alg, u8 *out, size_t dl)
{
	struct suit_buf auth, mraw;

	if (!(m->cflags[comp] & SUIT_CF_DEP_FETCHED))
		return -ENOENT;
	if (suit_dep_envelope_parts(m->dep_env[comp], &auth, &mraw))
		return -EBADMSG;
	return suit_hash_buf(p->plat, alg, mraw.ptr, mraw.len, out, dl);
}

static int cond_image_match(struct suit_processor *p, struct suit_mctx *m,
			    u32 comp, bool want_match)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	u8 d[SUIT_MAX_DIGEST_LEN];
	struct suit_buf dv, sv, bytes;
	u64 size = 0;
	bool have_size, match;
	u32 h, slot;
	s32 alg;
	size_t dl;
	int ret;

	if (param_get(m, comp, SUIT_P_DIGEST, &dv))
		return SUIT_COND_FAIL;
	have_size = !param_uint(m, comp, SUIT_P_SIZE, &size);
	if (suit_digest_parse(suit_buf_bstr_content(dv), &alg, &bytes))
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	dl = digest_size(alg);
	if (!dl)
		return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, -EOPNOTSUPP);
	if (!ops->hash_init || !ops->hash_update || !ops->hash_final)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);

	if (m->cflags[comp] & SUIT_CF_DEPENDENCY) {
		ret = dep_digest(p, m, comp, alg, d, dl);
		if (ret == -ENOENT || ret == -EBADMSG)
			goto mismatch;
		if (ret == -EOPNOTSUPP)
			return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, ret);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	} else {
		ret = comp_slot(p, m, comp, &h, &slot, &info);
		if (ret)
			return ret;
		if (!have_size)
			size = info.size;
		if (info.size < size)
			goto mismatch;
		if (p->cache_valid && p->cache_handle == h &&
		    p->cache_slot == slot && p->cache_alg == alg &&
		    p->cache_len == dl && p->cache_size == size) {
			/* Computed while fetching; the slot is unchanged. */
			suit_memcpy(d, p->cache_digest, dl);
			goto compare;
		}
		if (!ops->comp_open || !ops->comp_read || !ops->comp_close)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = ops->comp_open(p->plat->priv, h, slot, SUIT_COMP_READ, 0);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
		ret = hash_comp(p, h, size, alg, d, dl);
		ops->comp_close(p->plat->priv, h, true);
		if (ret == -EOPNOTSUPP)
			return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, ret);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	}
compare:
	match = bytes.len == dl && !suit_memcmp(d, bytes.ptr, dl);
	if (match == want_match) {
		if (have_size && !param_get(m, comp, SUIT_P_SIZE, &sv))
			props_add(p, SUIT_P_SIZE, sv);
		props_add(p, SUIT_P_DIGEST, dv);
		return 0;
	}
	props_add(p, SUIT_P_DIGEST, dv);
	return SUIT_COND_FAIL;
mismatch:
	props_add(p, SUIT_P_DIGEST, dv);
	return want_match ? SUIT_COND_FAIL : 0;
}

static int cond_check_content(struct suit_processor *p, struct suit_mctx *m,
			      u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	struct suit_buf content;
	u64 off = 0;
	u8 diff = 0;
	u32 h, slot;
	size_t n, i;
	int ret;

	if (param_str(m, comp, SUIT_P_CONTENT, &content))
		return SUIT_COND_FAIL;
	ret = comp_slot(p, m, comp, &h, &slot, &info);
	if (ret)
		return ret;
	if (!ops->comp_open || !ops->comp_read || !ops->comp_close)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	if (info.size != content.len)
		return SUIT_COND_FAIL;
	ret = ops->comp_open(p->plat->priv, h, slot, SUIT_COMP_READ, 0);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	/* Constant time in the content: always read and compare everything. */
	while (off < content.len) {
		n = p->plat->chunk_len;
		if (content.len - off < n)
			n = (size_t)(content.len - off);
		ret = ops->comp_read(p->plat->priv, h, off, p->plat->chunk, n);
		if (ret)
			break;
		for (i = 0; i < n; i++)
			diff |= p->plat->chunk[i] ^ content.ptr[off + i];
		off += n;
	}
	ops->comp_close(p->plat->priv, h, true);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	return diff ? SUIT_COND_FAIL : 0;
}

static int cond_slot(struct suit_processor *p, struct suit_mctx *m,
		     u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	u64 want;
	u32 h, target;
	int ret;

	if (param_uint(m, comp, SUIT_P_SLOT, &want))
		return SUIT_COND_FAIL;
	props_param(p, m, comp, SUIT_P_SLOT);
	ret = comp_handle(p, m, comp, &h);
	if (ret)
		return ret;
	if (!ops->comp_info)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	ret = ops->comp_info(p->plat->priv, h, 0, &info);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (info.slots <= 1)
		target = 0;
	else if (p->updating)
		target = (info.active_slot + 1) % info.slots;
	else
		target = info.active_slot;
	return want == target ? 0 : SUIT_COND_FAIL;
}

static int version_cmp(const s64 *dev, u32 dlen, struct suit_cbor *arr,
		       size_t n)
{
	s64 v, d;
	size_t i;

	for (i = 0; i < n; i++) {
		if (suit_cbor_get_int(arr, &v))
			return 2;
		d = i < dlen ? dev[i] : 0;
		if (d != v)
			return d < v ? -1 : 1;
	}
	return 0;
}

static int cond_version(struct suit_processor *p, struct suit_mctx *m,
			u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	struct suit_cbor c, arr, vals;
	struct suit_buf v;
	u64 type;
	u32 h;
	size_t n;
	int ret, cmp;

	if (param_str(m, comp, SUIT_P_VERSION, &v))
		return SUIT_COND_FAIL;
	props_param(p, m, comp, SUIT_P_VERSION);
	ret = comp_handle(p, m, comp, &h);
	if (ret)
		return ret;
	if (!ops->comp_info)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	suit_memset(&info, 0, sizeof(info));
	ret = ops->comp_info(p->plat->priv, h, 0, &info);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	if (!info.version_len || info.version_len > SUIT_ARRAY_SIZE(info.version))
		return SUIT_COND_FAIL;
	if (suit_cbor_init_single(&c, v.ptr, v.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) ||
	    suit_cbor_get_uint(&arr, &type) ||
	    suit_cbor_enter_array(&arr, &vals, &n))
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	cmp = version_cmp(info.version, info.version_len, &vals, n);
	if (cmp == 2)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	switch (type) {
	case 1:		/* greater */
		return cmp > 0 ? 0 : SUIT_COND_FAIL;
	case 2:		/* greater or equal */
		return cmp >= 0 ? 0 : SUIT_COND_FAIL;
	case 3:		/* equal */
		return cmp == 0 ? 0 : SUIT_COND_FAIL;
	case 4:		/* lesser or equal */
		return cmp <= 0 ? 0 : SUIT_COND_FAIL;
	case 5:		/* lesser */
		return cmp < 0 ? 0 : SUIT_COND_FAIL;
	default:
		return SUIT_COND_FAIL;
	}
}

static int cond_dep_integrity(struct suit_processor *p, struct suit_mctx *m,
			      u32 comp)
{
	struct suit_buf dv, digest;
	int ret;

	if (!(m->cflags[comp] & SUIT_CF_DEPENDENCY) ||
	    !(m->cflags[comp] & SUIT_CF_DEP_FETCHED))
		return SUIT_COND_FAIL;
	if (param_get(m, comp, SUIT_P_DIGEST, &dv))
		return SUIT_COND_FAIL;
	props_add(p, SUIT_P_DIGEST, dv);
	ret = suit_dep_authenticate(p, m->dep_env[comp], &digest);
	if (ret)
		return ret;
	if (!digest_enc_equal(digest, suit_buf_bstr_content(dv)))
		return SUIT_COND_FAIL;
	m->cflags[comp] |= SUIT_CF_DEP_VERIFIED;
	return 0;
}

/* ---- data path -------------------------------------------------------- */

/* Where streamed bytes come from. */
struct suit_src {
	struct suit_buf mem;	/* memory source (content, integrated) */
	void *stream;		/* platform fetch stream */
	u32 comp;		/* platform handle of a source component */
	bool is_comp;
	u64 off;
	u64 size;		/* component source: bytes to read */
};

static int src_read(struct suit_processor *p, struct suit_src *s, u8 *buf,
		    size_t cap, size_t *got)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	u64 left;
	size_t n;
	int ret;

	if (s->stream) {
		ret = ops->fetch_read(p->plat->priv, s->stream, buf, cap, got);
		if (!ret && *got > cap)
			ret = -EIO;
		return ret;
	}
	left = (s->is_comp ? s->size : s->mem.len) - s->off;
	n = cap;
	if (left < n)
		n = (size_t)left;
	*got = n;
	if (!n)
		return 0;
	if (s->is_comp) {
		ret = ops->comp_read(p->plat->priv, s->comp, s->off, buf, n);
		if (ret)
			return ret;
	} else {
		suit_memcpy(buf, s->mem.ptr + s->off, n);
	}
	s->off += n;
	return 0;
}

static int dec_fail(struct suit_processor *p, int ret)
{
	if (ret == -EOPNOTSUPP)
		return suit_fail(p, SUIT_REASON_ALG_UNSUPPORTED, ret);
	if (ret == -ENOENT)
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, ret);
	return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
}

/*
 * The platform kept @kept bytes of this write from an interrupted earlier
 * attempt (comp_resume). Hash them from the component, then move the
 * source past them when it can: a plain stream that skips, or a memory or
 * component source. Ciphertext is decrypted from its start (the AEAD tag
 * covers all of it). *@drop is what stream_in must still drop of its
 * output, *@skipped the source bytes skipped.
 */
static int resume_prepare(struct suit_processor *p, u32 h, struct suit_src *s,
			  u64 kept, bool decrypting, void *hctx, u64 *drop,
			  u64 *skipped)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	u64 limit;
	int ret;

	*drop = kept;
	*skipped = 0;
	if (hctx && !ops->comp_read)
		return -EOPNOTSUPP;
	if (hctx) {
		ret = hash_comp_update(p, h, kept, hctx);
		if (ret)
			return ret;
	}
	if (decrypting)
		return 0;
	if (s->stream) {
		ret = ops->fetch_skip ?
		      ops->fetch_skip(p->plat->priv, s->stream, kept) :
		      -EOPNOTSUPP;
		if (ret == -EOPNOTSUPP)
			return 0;	/* read and drop instead */
		if (ret)
			return ret;
		*drop = 0;
		*skipped = kept;
		return 0;
	}
	limit = s->is_comp ? s->size : s->mem.len;
	if (kept > limit)
		return -EIO;	/* as a stream that ends too early */
	s->off = kept;
	*drop = 0;
	*skipped = kept;
	return 0;
}

/*
 * Stream @s into component @comp, decrypting with @enc when set, and
 * (for fetch) computing the image digest on the way. A write the
 * platform resumes (comp_resume) continues after the bytes it kept.
 */
static int stream_in(struct suit_processor *p, struct suit_mctx *m,
		     u32 comp, s32 cmd, struct suit_src *s,
		     bool want_cache)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	struct suit_decrypt dec;
	struct suit_buf enc, meta, dv, bytes;
	u64 size = 0, hint = 0, total = 0, kept = 0, drop = 0;
	bool have_size, decrypting = false;
	u8 *chunk = p->plat->chunk, *out;
	void *hctx = NULL;
	s32 alg = 0;
	size_t got, out_len, n, dl = 0;
	u32 h, slot;
	int ret;

	ret = comp_slot(p, m, comp, &h, &slot, &info);
	if (ret)
		return ret;
	if (p->cache_handle == h)
		cache_invalidate(p);	/* this component changes */
	if (!ops->comp_open || !ops->comp_write || !ops->comp_close)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	have_size = !param_uint(m, comp, SUIT_P_SIZE, &size);
	if (have_size)
		hint = size;
	else if (!s->stream)
		hint = s->is_comp ? s->size : s->mem.len;
	if (info.max_size && hint > info.max_size)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -ENOSPC);
	if (!param_str(m, comp, SUIT_P_METADATA, &meta)) {
		if (!ops->comp_metadata)
			return suit_fail(p, SUIT_REASON_PARAMETER_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = ops->comp_metadata(p->plat->priv, h, meta);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	}
	if (!param_str(m, comp, SUIT_P_ENC_INFO, &enc)) {
		suit_memset(&dec, 0, sizeof(dec));
		ret = suit_decrypt_init(&dec, p->plat, enc);
		if (ret)
			return dec_fail(p, ret);
		decrypting = true;
	}
	if (want_cache && have_size && !param_get(m, comp, SUIT_P_DIGEST, &dv) &&
	    !suit_digest_parse(suit_buf_bstr_content(dv), &alg, &bytes)) {
		dl = digest_size(alg);
		if (dl && ops->hash_init &&
		    ops->hash_init(p->plat->priv, alg, &hctx))
			hctx = NULL;
	}
	ret = ops->comp_open(p->plat->priv, h, slot, SUIT_COMP_WRITE, hint);
	if (ret) {
		ret = suit_fail(p, ret == -ENOSPC ? SUIT_REASON_OPERATION_FAILED :
				SUIT_REASON_OPERATION_FAILED, ret);
		goto out_nocomp;
	}
	if (ops->comp_resume) {
		ret = ops->comp_resume(p->plat->priv, h, &kept);
		if (!ret && kept && have_size && kept > size)
			ret = -EFBIG;
		if (!ret && kept)
			ret = resume_prepare(p, h, s, kept, decrypting, hctx,
					     &drop, &total);
		if (ret) {
			ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
			goto out;
		}
	}
	for (;;) {
		ret = src_read(p, s, chunk, p->plat->chunk_len, &got);
		if (ret) {
			ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
			goto out;
		}
		if (!got)
			break;
		if (total + got < total ||
		    (info.max_size && total + got > info.max_size)) {
			ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, -ENOSPC);
			goto out;
		}
		total += got;
		if (have_size && !decrypting && total > size) {
			ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EFBIG);
			goto out;
		}
		out_len = got;
		if (decrypting) {
			ret = suit_decrypt_update(&dec, chunk, chunk, got,
						  &out_len);
			if (ret) {
				ret = dec_fail(p, ret);
				goto out;
			}
		}
		out = chunk;
		if (drop && out_len) {	/* kept on the component already */
			n = drop < out_len ? (size_t)drop : out_len;
			out += n;
			out_len -= n;
			drop -= n;
		}
		if (out_len) {
			ret = ops->comp_write(p->plat->priv, h, out, out_len);
			if (!ret && hctx)
				ret = ops->hash_update(p->plat->priv, hctx, out,
						       out_len);
			if (ret) {
				ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED,
						ret);
				goto out;
			}
		}
		progress(p, cmd, comp, total, hint);
	}
	if (drop) {	/* the source is shorter than what was kept */
		ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EIO);
		goto out;
	}
	if (decrypting) {
		decrypting = false;
		ret = suit_decrypt_final(&dec);
		if (ret) {
			ret = dec_fail(p, ret);
			goto out;
		}
	}
	ret = ops->comp_close(p->plat->priv, h, true);
	if (ret) {
		ret = suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
		goto out_nocomp;
	}
	if (hctx) {
		cache_invalidate(p);	/* one entry: this fetch replaces it */
		ret = ops->hash_final(p->plat->priv, hctx, p->cache_digest, dl);
		hctx = NULL;
		if (!ret && total == size) {
			p->cache_valid = true;
			p->cache_handle = h;
			p->cache_slot = slot;
			p->cache_alg = alg;
			p->cache_len = dl;
			p->cache_size = size;
		}
	}
	return 0;
out:
	ops->comp_close(p->plat->priv, h, false);
out_nocomp:
	if (decrypting)
		suit_decrypt_abort(&dec);
	if (hctx)
		ops->hash_final(p->plat->priv, hctx, NULL, 0);
	return ret;
}

static int dir_fetch(struct suit_processor *p, struct suit_mctx *m,
		     u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_buf uri, args = { NULL, 0 }, data;
	const struct suit_mctx *look;
	struct suit_src s;
	u64 size = 0;
	u32 h;
	int ret, d;

	if (param_str(m, comp, SUIT_P_URI, &uri))
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
	param_str(m, comp, SUIT_P_FETCH_ARGS, &args);
	param_uint(m, comp, SUIT_P_SIZE, &size);
	suit_memset(&s, 0, sizeof(s));
	ret = -ENOENT;
	if (uri.len && uri.ptr[0] == '#') {
		/* Integrated payload: this envelope, then the dependents. */
		for (d = (int)m->depth; d >= 0 && ret == -ENOENT; d--) {
			look = &p->m[d];
			ret = suit_find_integrated(look, uri, &data);
		}
		if (ret && ret != -ENOENT)
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, ret);
	}
	if (!ret && (m->cflags[comp] & SUIT_CF_DEPENDENCY)) {
		if (size && data.len > size)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EFBIG);
		m->dep_env[comp] = data;
		m->cflags[comp] |= SUIT_CF_DEP_FETCHED;
		m->cflags[comp] &= ~SUIT_CF_DEP_VERIFIED;
		return 0;
	}
	if (!ret) {
		s.mem = data;
	} else {
		if (!ops->fetch_open || !ops->fetch_read || !ops->fetch_close)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = ops->fetch_open(p->plat->priv, uri, args, size, &s.stream);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	}
	ret = stream_in(p, m, comp, SUIT_CMD_FETCH, &s, true);
	if (s.stream)
		ops->fetch_close(p->plat->priv, s.stream);
	if (ret)
		return ret;
	if (m->cflags[comp] & SUIT_CF_DEPENDENCY) {
		/* A dependency fetched into storage: map it back. */
		if (!ops->comp_map)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = comp_handle(p, m, comp, &h);
		if (ret)
			return ret;
		ret = ops->comp_map(p->plat->priv, h, 0, &m->dep_env[comp]);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
		m->cflags[comp] |= SUIT_CF_DEP_FETCHED;
		m->cflags[comp] &= ~SUIT_CF_DEP_VERIFIED;
	}
	return 0;
}

static int dir_write(struct suit_processor *p, struct suit_mctx *m,
		     u32 comp)
{
	struct suit_src s;

	suit_memset(&s, 0, sizeof(s));
	if (param_str(m, comp, SUIT_P_CONTENT, &s.mem))
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
	return stream_in(p, m, comp, SUIT_CMD_WRITE, &s, false);
}

static int source_comp(struct suit_processor *p, struct suit_mctx *m,
		       u32 comp, u32 *src)
{
	u64 v;

	if (param_uint(m, comp, SUIT_P_SOURCE, &v))
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
	if (v >= m->ncomp || (m->cflags[v] & SUIT_CF_DEPENDENCY))
		return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED, -ERANGE);
	if (v == comp)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
	*src = (u32)v;
	return 0;
}

static int dir_copy(struct suit_processor *p, struct suit_mctx *m,
		    u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_component_info info;
	struct suit_src s;
	u32 src, h, slot;
	int ret;

	ret = source_comp(p, m, comp, &src);
	if (ret)
		return ret;
	ret = comp_slot(p, m, src, &h, &slot, &info);
	if (ret)
		return ret;
	if (!ops->comp_open || !ops->comp_read || !ops->comp_close)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	suit_memset(&s, 0, sizeof(s));
	s.is_comp = true;
	s.comp = h;
	s.size = info.size;
	ret = ops->comp_open(p->plat->priv, h, slot, SUIT_COMP_READ, 0);
	if (ret)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
	ret = stream_in(p, m, comp, SUIT_CMD_COPY, &s, false);
	ops->comp_close(p->plat->priv, h, true);
	return ret;
}

static int dir_swap(struct suit_processor *p, struct suit_mctx *m,
		    u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	u32 src, h, hs;
	int ret;

	ret = source_comp(p, m, comp, &src);
	if (!ret)
		ret = comp_handle(p, m, comp, &h);
	if (!ret)
		ret = comp_handle(p, m, src, &hs);
	if (ret)
		return ret;
	if (!ops->swap)
		return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
	cache_invalidate(p);
	ret = ops->swap(p->plat->priv, h, hs);
	return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
}

/* ---- dependencies ---------------------------------------------------- */

static int run_seq(struct suit_processor *p, struct suit_mctx *m,
		   struct suit_buf seq, bool top);

static const s32 sec_keys[SUIT_SEC_COUNT] = {
	[SUIT_SEC_VALIDATE] = SUIT_M_VALIDATE,
	[SUIT_SEC_LOAD] = SUIT_M_LOAD,
	[SUIT_SEC_INVOKE] = SUIT_M_INVOKE,
	[SUIT_SEC_DEPRES] = SUIT_M_DEPRES,
	[SUIT_SEC_FETCH] = SUIT_M_FETCH,
	[SUIT_SEC_CANDVER] = SUIT_M_CANDVER,
	[SUIT_SEC_INSTALL] = SUIT_M_INSTALL,
	[SUIT_SEC_UNINSTALL] = SUIT_M_UNINSTALL,
	[SUIT_SEC_TEXT] = SUIT_M_TEXT,
	[SUIT_SEC_COSWID] = SUIT_M_COSWID,
};

static int sec_of_section(s32 key)
{
	int i;

	for (i = 0; i < SUIT_SEC_COUNT; i++)
		if (sec_keys[i] == key)
			return i;
	return -1;
}

static int nest_enter(struct suit_processor *p);

/* Load and authenticate the dependency in @comp into the next context. */
static noinline int dep_load(struct suit_processor *p, struct suit_mctx *m,
			     u32 comp, struct suit_mctx **childp)
{
	struct suit_mctx *child;
	struct suit_buf dv;
	u32 i, j;
	int ret;

	child = &p->m[m->depth + 1];
	child->depth = m->depth + 1;
	suit_memcpy(child->path, m->path, sizeof(child->path));
	child->path[m->depth] = (u8)comp;
	ret = suit_mctx_load(p, child, m->dep_env[comp], false);
	if (ret)
		return ret;
	if (!param_get(m, comp, SUIT_P_DIGEST, &dv) &&
	    !digest_enc_equal(child->auth_digest, suit_buf_bstr_content(dv)))
		return suit_fail(p, SUIT_REASON_UNAUTHORISED, -EBADMSG);
	ret = suit_check_rollback(p, child, p->updating);
	if (ret)
		return ret;
	/* The dependent's parameters for the same components carry over. */
	for (i = 0; i < child->ncomp; i++) {
		for (j = 0; j < m->ncomp; j++) {
			if (child->comp_id[i].len != m->comp_id[j].len ||
			    !child->comp_id[i].len ||
			    suit_memcmp(child->comp_id[i].ptr, m->comp_id[j].ptr,
					m->comp_id[j].len))
				continue;
			child->params[i] = m->params[j];
			break;
		}
	}
	m->cflags[comp] |= SUIT_CF_DEP_VERIFIED;
	*childp = child;
	return 0;
}

/*
 * process-dependency: run the dependency's shared sequence and the section
 * of the same name as the one running here. Counts as one nesting level.
 */
static int dep_run(struct suit_processor *p, struct suit_mctx *m, u32 comp,
		   int forced);

static int dir_process_dep(struct suit_processor *p, struct suit_mctx *m,
			   u32 comp)
{
	return dep_run(p, m, comp, -1);
}

/*
 * Load the dependency behind @comp and run its shared sequence and the
 * section @forced (an enum suit_sec), or with @forced < 0 the section of
 * the same name as the one running now (process-dependency).
 */
static int dep_run(struct suit_processor *p, struct suit_mctx *m, u32 comp,
		   int forced)
{
	struct suit_mctx *child = NULL;
	s32 section = p->section, cur = p->cur_section;
	const u8 *base = p->seq_base;
	bool soft = p->soft_failure, strict = p->strict_order;
	bool shared = p->in_shared;
	int ret, s;

	if (!(m->cflags[comp] & SUIT_CF_DEPENDENCY) ||
	    !(m->cflags[comp] & SUIT_CF_DEP_FETCHED))
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -ENOENT);
	if (m->depth + 1 > SUIT_MAX_DEP_DEPTH)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -ELOOP);
	ret = nest_enter(p);
	if (ret)
		return ret;
	ret = dep_load(p, m, comp, &child);
	s = forced >= 0 ? forced : sec_of_section(cur);
	if (!ret && s >= 0) {
		if (child->sec_severed & (1u << s))
			ret = suit_fail(p, SUIT_REASON_SEVERING_UNSUPPORTED,
					-ENOENT);
		else if (child->sec[s].ptr)
			ret = suit_run_section(p, child, (enum suit_sec)s);
	}
	p->nest--;
	p->section = section;
	p->cur_section = cur;
	p->seq_base = base;
	p->soft_failure = soft;
	p->strict_order = strict;
	p->in_shared = shared;
	return ret;
}

/*
 * unlink dropped the last reference to the manifest behind @comp: run that
 * manifest's uninstall section (trust domains). A component that is not a
 * dependency has no manifest here and nothing to run; a dependency whose
 * envelope was not fetched cannot be uninstalled (-ENOENT, the platform's
 * transaction is aborted and keeps the reference).
 */
static int unlink_last(struct suit_processor *p, struct suit_mctx *m, u32 comp)
{
	if (!(m->cflags[comp] & SUIT_CF_DEPENDENCY))
		return 0;
	return dep_run(p, m, comp, SUIT_SEC_UNINSTALL);
}

/* ---- one command -------------------------------------------------------- */

static bool is_condition(s64 cmd)
{
	switch (cmd) {
	case SUIT_CMD_VENDOR: case SUIT_CMD_CLASS: case SUIT_CMD_IMAGE_MATCH:
	case SUIT_CMD_USE_BEFORE: case SUIT_CMD_SLOT:
	case SUIT_CMD_CHECK_CONTENT: case SUIT_CMD_DEP_INTEGRITY:
	case SUIT_CMD_IS_DEPENDENCY: case SUIT_CMD_ABORT:
	case SUIT_CMD_DEVICE: case SUIT_CMD_IMAGE_NOT_MATCH:
	case SUIT_CMD_BATTERY: case SUIT_CMD_UPDATE_AUTH: case SUIT_CMD_VERSION:
		return true;
	default:
		return false;
	}
}

static bool shared_allowed(s64 cmd)
{
	return is_condition(cmd) || cmd == SUIT_CMD_SET_INDEX ||
	       cmd == SUIT_CMD_RUN_SEQ || cmd == SUIT_CMD_TRY_EACH ||
	       cmd == SUIT_CMD_OVERRIDE;
}

static int need_op(struct suit_processor *p, const void *op)
{
	return op ? 0 : suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
				  -EOPNOTSUPP);
}

/*
 * Run @cmd (a per-component command) on @comp. Not inlined: its frame
 * (streaming, decryption state) is only on the stack at the leaf, never
 * once per nesting level.
 */
static noinline int exec_one(struct suit_processor *p, struct suit_mctx *m,
			     s64 cmd, const struct suit_cbor_item *arg,
			     u32 comp)
{
	const struct suit_platform_ops *ops = p->plat->ops;
	struct suit_buf b = { NULL, 0 };
	u64 u, now;
	s64 prio = 0;
	u32 h;
	int ret;

	switch (cmd) {
	case SUIT_CMD_VENDOR:
		ret = cond_identity(p, m, comp, SUIT_P_VENDOR);
		if (!ret && p->in_shared)
			p->id_checked |= 1;
		return ret;
	case SUIT_CMD_CLASS:
		ret = cond_identity(p, m, comp, SUIT_P_CLASS);
		if (!ret && p->in_shared)
			p->id_checked |= 2;
		return ret;
	case SUIT_CMD_DEVICE:
		return cond_identity(p, m, comp, SUIT_P_DEVICE);
	case SUIT_CMD_IMAGE_MATCH:
		return cond_image_match(p, m, comp, true);
	case SUIT_CMD_IMAGE_NOT_MATCH:
		return cond_image_match(p, m, comp, false);
	case SUIT_CMD_USE_BEFORE:
		if (param_uint(m, comp, SUIT_P_USE_BEFORE, &u))
			return SUIT_COND_FAIL;
		props_param(p, m, comp, SUIT_P_USE_BEFORE);
		ret = need_op(p, ops->get_time);
		if (!ret)
			ret = ops->get_time(p->plat->priv, &now);
		if (ret)
			return ret < 0 && p->res.err ? ret :
			       suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
		return now < u ? 0 : SUIT_COND_FAIL;
	case SUIT_CMD_SLOT:
		return cond_slot(p, m, comp);
	case SUIT_CMD_CHECK_CONTENT:
		return cond_check_content(p, m, comp);
	case SUIT_CMD_DEP_INTEGRITY:
		return cond_dep_integrity(p, m, comp);
	case SUIT_CMD_IS_DEPENDENCY:
		return m->cflags[comp] & SUIT_CF_DEPENDENCY ? 0 : SUIT_COND_FAIL;
	case SUIT_CMD_ABORT:
		return SUIT_COND_FAIL;
	case SUIT_CMD_BATTERY:
		if (param_uint(m, comp, SUIT_P_BATTERY, &u))
			return SUIT_COND_FAIL;
		props_param(p, m, comp, SUIT_P_BATTERY);
		ret = need_op(p, ops->get_battery);
		if (ret)
			return ret;
		ret = ops->get_battery(p->plat->priv, &now);
		if (ret)
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret);
		return now >= u ? 0 : SUIT_COND_FAIL;
	case SUIT_CMD_UPDATE_AUTH:
		if (param_int(m, comp, SUIT_P_PRIORITY, &prio) == -EBADMSG)
			return SUIT_COND_FAIL;
		props_param(p, m, comp, SUIT_P_PRIORITY);
		ret = need_op(p, ops->update_authorized);
		if (ret)
			return ret;
		ret = ops->update_authorized(p->plat->priv, prio);
		if (ret == -EPERM)
			return SUIT_COND_FAIL;
		return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
	case SUIT_CMD_VERSION:
		return cond_version(p, m, comp);
	case SUIT_CMD_FETCH:
		return dir_fetch(p, m, comp);
	case SUIT_CMD_WRITE:
		return dir_write(p, m, comp);
	case SUIT_CMD_COPY:
		return dir_copy(p, m, comp);
	case SUIT_CMD_SWAP:
		return dir_swap(p, m, comp);
	case SUIT_CMD_INVOKE:
		ret = need_op(p, ops->invoke);
		if (!ret)
			ret = comp_handle(p, m, comp, &h);
		if (ret)
			return ret;
		param_str(m, comp, SUIT_P_INVOKE_ARGS, &b);
		ret = ops->invoke(p->plat->priv, h, b);
		/*
		 * -EINPROGRESS: the platform has taken the image over and will
		 * start it once the report is out; nothing runs after this.
		 */
		if (ret == -EINPROGRESS)
			return suit_fail(p, SUIT_REASON_INVOKE_PENDING, ret);
		return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
	case SUIT_CMD_WAIT:
		if (param_str(m, comp, SUIT_P_WAIT_INFO, &b))
			return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -EINVAL);
		ret = need_op(p, ops->wait);
		if (ret)
			return ret;
		ret = ops->wait(p->plat->priv, b);
		return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
	case SUIT_CMD_UNLINK:
		ret = need_op(p, ops->unlink);
		if (!ret)
			ret = comp_handle(p, m, comp, &h);
		if (ret)
			return ret;
		ret = ops->unlink(p->plat->priv, h);
		if (ret == SUIT_UNLINK_LAST)
			return SUIT_UNLINKED_LAST;	/* exec_cmd() goes on */
		return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
	default:
		break;
	}
	if (cmd < 0) {
		if (p->in_shared || !ops->custom)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		ret = comp_handle(p, m, comp, &h);
		if (ret)
			return ret;
		cache_invalidate(p);
		ret = ops->custom(p->plat->priv, h, cmd, arg->raw);
		if (ret == -EOPNOTSUPP)
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, ret);
		return ret ? suit_fail(p, SUIT_REASON_OPERATION_FAILED, ret) : 0;
	}
	return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED, -EOPNOTSUPP);
}

/* ---- sequences --------------------------------------------------------- */

static noinline int set_index(struct suit_processor *p,
			      struct suit_mctx *m,
			      const struct suit_cbor_item *arg)
{
	struct suit_cbor c, arr;
	u32 seen = 0, i;
	u64 v;
	size_t n;

	if (arg->type == SUIT_CBOR_UINT) {
		if (arg->val >= m->ncomp)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 -ERANGE);
		m->idx[0] = (u8)arg->val;
		m->nidx = 1;
		return 0;
	}
	if (arg->type == SUIT_CBOR_SIMPLE && arg->val == SUIT_CBOR_TRUE) {
		for (i = 0; i < m->ncomp; i++)
			m->idx[i] = (u8)i;
		m->nidx = m->ncomp;
		return 0;
	}
	if (arg->type != SUIT_CBOR_ARRAY || !arg->val ||
	    suit_cbor_init_single(&c, arg->raw.ptr, arg->raw.len) ||
	    suit_cbor_enter_array(&c, &arr, &n))
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	if (n > m->ncomp)
		return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED, -ERANGE);
	for (i = 0; i < n; i++) {
		if (suit_cbor_get_uint(&arr, &v))
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (v >= m->ncomp || (seen & (1u << v)))
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 -ERANGE);
		seen |= 1u << v;
		m->idx[i] = (u8)v;
	}
	m->nidx = (u32)n;
	return 0;
}

static int nest_enter(struct suit_processor *p)
{
	if (p->nest >= SUIT_MAX_NEST)
		return suit_fail(p, SUIT_REASON_OPERATION_FAILED, -ELOOP);
	p->nest++;
	if (p->nest > p->max_nest_seen)
		p->max_nest_seen = p->nest;
	return 0;
}

/* Run a nested sequence with its own soft-failure/strict-order scope. */
static int run_nested(struct suit_processor *p, struct suit_mctx *m,
		      struct suit_buf seq, bool soft)
{
	bool save_soft = p->soft_failure, save_strict = p->strict_order;
	int ret;

	ret = nest_enter(p);
	if (ret)
		return ret;
	p->soft_failure = soft;
	ret = run_seq(p, m, seq, false);
	p->nest--;
	p->soft_failure = save_soft;
	p->strict_order = save_strict;
	return ret;
}

static int try_each(struct suit_processor *p, struct suit_mctx *m,
		    const struct suit_cbor_item *arg)
{
	struct suit_cbor c, arr;
	struct suit_cbor_item it;
	size_t n, i;
	int ret;

	if (arg->type != SUIT_CBOR_ARRAY ||
	    suit_cbor_init_single(&c, arg->raw.ptr, arg->raw.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) || n < 1)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	for (i = 0; i < n; i++) {
		if (suit_cbor_get(&arr, &it))
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (it.type == SUIT_CBOR_SIMPLE && it.val == SUIT_CBOR_NULL) {
			if (i + 1 != n || !i)
				return suit_fail(p, SUIT_REASON_CBOR_PARSE,
						 -EBADMSG);
			return 0;	/* the empty fallback */
		}
		if (it.type != SUIT_CBOR_BSTR)
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		ret = run_nested(p, m, it.data, true);
		if (ret != SUIT_COND_FAIL)
			return ret;
	}
	return SUIT_COND_FAIL;
}

static noinline int override_multiple(struct suit_processor *p,
				      struct suit_mctx *m,
				      const struct suit_cbor_item *arg)
{
	struct suit_cbor c, map;
	struct suit_cbor_item it;
	size_t pairs, i;
	u64 idx = 0;
	int ret;

	if (suit_cbor_init_single(&c, arg->raw.ptr, arg->raw.len) ||
	    suit_cbor_map_check(&c) || suit_cbor_enter_map(&c, &map, &pairs) ||
	    !pairs)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_get_uint(&map, &idx) || suit_cbor_get(&map, &it))
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (idx >= m->ncomp)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 -ERANGE);
		ret = set_params(p, m, (u32)idx, it.raw, true);
		if (ret)
			return ret;
	}
	m->idx[0] = (u8)idx;
	m->nidx = 1;
	return 0;
}

static noinline int copy_params(struct suit_processor *p,
				struct suit_mctx *m,
				const struct suit_cbor_item *arg, u32 comp)
{
	struct suit_cbor c, map, keys;
	size_t pairs, n, i, j;
	u64 src;
	s64 key;
	int s;

	if (suit_cbor_init_single(&c, arg->raw.ptr, arg->raw.len) ||
	    suit_cbor_enter_map(&c, &map, &pairs) || !pairs)
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_get_uint(&map, &src) ||
		    suit_cbor_enter_array(&map, &keys, &n) || !n)
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		if (src >= m->ncomp)
			return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED,
					 -ERANGE);
		for (j = 0; j < n; j++) {
			if (suit_cbor_get_int(&keys, &key))
				return suit_fail(p, SUIT_REASON_CBOR_PARSE,
						 -EBADMSG);
			s = suit_param_slot(key);
			if (s < 0)
				return suit_fail(p,
					SUIT_REASON_PARAMETER_UNSUPPORTED,
					-EOPNOTSUPP);
			if (!(m->params[src].set & (1u << s)))
				continue;
			m->params[comp].val[s] = m->params[src].val[s];
			m->params[comp].set |= 1u << s;
		}
	}
	return 0;
}

static u64 rep_policy(const struct suit_cbor_item *arg)
{
	return arg->type == SUIT_CBOR_UINT ? arg->val : 0;
}

static void report_event(struct suit_processor *p, const struct suit_mctx *m,
			 u32 comp, u32 off, u64 pol, bool ok)
{
	if (ok) {
		if ((pol & SUIT_REP_SYSINFO_SUCCESS) && p->fail_nprops)
			suit_report_claims(p, m, comp);
		else if (pol & SUIT_REP_RECORD_SUCCESS)
			suit_report_record(p, m, comp, off);
	} else if (pol & SUIT_REP_RECORD_FAILURE) {
		suit_report_record(p, m, comp, off);
	}
}

static void locate(struct suit_processor *p, const struct suit_mctx *m,
		   s64 cmd, u32 comp, u32 off)
{
	if (p->loc_set)
		return;
	p->loc_set = true;
	p->fail_path_len = m->depth;
	suit_memcpy(p->fail_path, m->path, sizeof(p->fail_path));
	p->res.section = p->section;
	p->res.offset = off;
	p->res.component = comp;
	p->res.command = (s32)cmd;
}

/* Run one command over the selected components. */
static int exec_cmd(struct suit_processor *p, struct suit_mctx *m, s64 cmd,
		    const struct suit_cbor_item *arg, u32 off)
{
	u8 saved[SUIT_MAX_COMPONENTS];
	u32 nsaved, i, comp;
	u64 pol = rep_policy(arg);
	int ret = 0;

	if (cmd == SUIT_CMD_SET_INDEX)
		return set_index(p, m, arg);
	if (cmd == SUIT_CMD_OVERRIDE_MULTI)
		return override_multiple(p, m, arg);
	if (!m->nidx)
		return suit_fail(p, SUIT_REASON_COMPONENT_UNSUPPORTED, -ENOENT);
	if (cmd == SUIT_CMD_TRY_EACH || cmd == SUIT_CMD_RUN_SEQ) {
		/* Once per selected component, with an integer index. */
		nsaved = m->nidx;
		suit_memcpy(saved, m->idx, nsaved);
		for (i = 0; i < nsaved && !ret; i++) {
			m->idx[0] = saved[i];
			m->nidx = 1;
			p->cur_comp = saved[i];
			if (cmd == SUIT_CMD_TRY_EACH) {
				ret = try_each(p, m, arg);
			} else if (arg->type != SUIT_CBOR_BSTR) {
				ret = suit_fail(p, SUIT_REASON_CBOR_PARSE,
						-EBADMSG);
			} else {
				ret = run_nested(p, m, arg->data, false);
				if (ret == SUIT_COND_FAIL)
					ret = 0; /* soft: ends only the nested */
			}
		}
		suit_memcpy(m->idx, saved, nsaved);
		m->nidx = nsaved;
		return ret;
	}
	for (i = 0; i < m->nidx; i++) {
		comp = m->idx[i];
		p->cur_comp = comp;
		props_clear(p);
		if (cmd == SUIT_CMD_OVERRIDE || cmd == SUIT_CMD_SET_PARAMS) {
			if (arg->type != SUIT_CBOR_MAP)
				return suit_fail(p, SUIT_REASON_CBOR_PARSE,
						 -EBADMSG);
			ret = set_params(p, m, comp, arg->raw,
					 cmd == SUIT_CMD_OVERRIDE);
		} else if (cmd == SUIT_CMD_COPY_PARAMS) {
			ret = copy_params(p, m, arg, comp);
		} else {
			if (cmd >= 0 && arg->type != SUIT_CBOR_UINT)
				return suit_fail(p, SUIT_REASON_CBOR_PARSE,
						 -EBADMSG);
			progress(p, (s32)cmd, comp, 0, 0);
			if (cmd == SUIT_CMD_PROCESS_DEP)
				ret = dir_process_dep(p, m, comp);
			else
				ret = exec_one(p, m, cmd, arg, comp);
			if (ret == SUIT_UNLINKED_LAST)
				ret = unlink_last(p, m, comp);
			report_event(p, m, comp, off, pol, ret == 0);
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int run_seq(struct suit_processor *p, struct suit_mctx *m,
		   struct suit_buf seq, bool top)
{
	struct suit_cbor c, arr;
	struct suit_cbor_item arg;
	const u8 *start;
	bool first = true;
	s64 cmd;
	size_t n;
	int ret;

	if (suit_cbor_init_single(&c, seq.ptr, seq.len) ||
	    suit_cbor_enter_array(&c, &arr, &n) || (n & 1))
		return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
	if (top) {
		p->seq_base = arr.pos;
		if (m->ncomp == 1) {
			m->idx[0] = 0;
			m->nidx = 1;
		} else {
			m->nidx = 0;
		}
	}
	while (!suit_cbor_at_end(&arr)) {
		start = arr.pos;
		if (suit_cbor_get_int(&arr, &cmd) || suit_cbor_get(&arr, &arg))
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		/* override-multiple sets the index too (update management) */
		if (top && first && m->ncomp > 1 && cmd != SUIT_CMD_SET_INDEX &&
		    cmd != SUIT_CMD_OVERRIDE_MULTI) {
			locate(p, m, cmd, 0, (u32)(start - p->seq_base));
			return suit_fail(p, SUIT_REASON_CBOR_PARSE, -EBADMSG);
		}
		first = false;
		if (p->in_shared && !shared_allowed(cmd)) {
			locate(p, m, cmd, p->cur_comp,
			       (u32)(start - p->seq_base));
			return suit_fail(p, SUIT_REASON_COMMAND_UNSUPPORTED,
					 -EOPNOTSUPP);
		}
		ret = exec_cmd(p, m, cmd, &arg, (u32)(start - p->seq_base));
		if (ret == SUIT_COND_FAIL) {
			/* soft only inside try-each / run-sequence */
			if (p->soft_failure && !top)
				return SUIT_COND_FAIL;
			locate(p, m, cmd, p->cur_comp,
			       (u32)(start - p->seq_base));
			return suit_fail(p, SUIT_REASON_CONDITION_FAILED, -EINVAL);
		}
		if (ret) {
			locate(p, m, cmd, p->cur_comp,
			       (u32)(start - p->seq_base));
			return ret;
		}
	}
	return 0;
}

/**
 * suit_run_section() - run the shared sequence, then one section
 * @p: processor
 * @m: manifest
 * @sec: the section
 *
 * Return: 0 or a negative errno (reason in @p->res).
 */
int suit_run_section(struct suit_processor *p, struct suit_mctx *m,
		     enum suit_sec sec)
{
	u32 id_saved = p->id_checked;
	int ret;

	p->cur_section = sec_keys[sec];
	p->soft_failure = false;
	p->strict_order = true;
	p->id_checked = 0;
	p->section = SUIT_SECTION_SHARED;
	if (m->shared.ptr) {
		p->in_shared = true;
		ret = run_seq(p, m, m->shared, true);
		p->in_shared = false;
		if (ret)
			return ret;
	}
	/* The shared sequence SHOULD check vendor and class. */
	if (p->id_checked != 3) {
		p->identity_unchecked = true;
		if (p->plat->require_vendor_class) {
			locate(p, m, 0, 0, 0);
			return suit_fail(p, SUIT_REASON_CONDITION_FAILED, -EPERM);
		}
	}
	p->id_checked = id_saved;
	p->section = sec_keys[sec];
	p->soft_failure = false;
	p->strict_order = true;
	return run_seq(p, m, m->sec[sec], true);
}
