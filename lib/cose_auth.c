// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SUIT envelope authentication: the SUIT_Digest of the manifest and the
 * COSE_Sign1 / COSE_Sign / COSE_Mac0 blocks over it (detached payload).
 * See Documentation/cose.rst for the policy.
 */
#include <suit/cbor.h>
#include <suit/cose.h>
#include "cose_internal.h"

/* The kernel has no INT64_MIN/INT32_MIN/INT32_MAX. */
#define COSE_ALG_TEXT	(-0x7fffffffffffffffLL - 1)	/* a text alg name */
#define COSE_S32_MIN	(-0x7fffffffLL - 1)
#define COSE_S32_MAX	0x7fffffffLL

/* Most labels accepted in one header bucket. */
#define COSE_MAX_LABELS	32

/* Largest Sig_structure / MAC_structure built on the stack. */
#define COSE_TBS_MAX	256

/*
 * Internal: the block is well-formed but its COSE structure is not
 * supported (an unknown COSE tag, COSE_Mac with recipients, a crit header
 * not understood, headers too large). suit_cose_authenticate() returns
 * -EOPNOTSUPP for it, as for an unsupported algorithm, and tells the two
 * apart in suit_auth_result::cose_unsupported.
 */
#define COSE_ESTRUCT	(-EPROTONOSUPPORT)

/* Labels handled here; a crit entry naming anything else is refused. */
static bool cose_label_understood(s64 label)
{
	switch (label) {
	case COSE_HDR_ALG:
	case COSE_HDR_CRIT:
	case COSE_HDR_CTYPE:
	case COSE_HDR_KID:
	case COSE_HDR_IV:
	case COSE_HDR_EPHEMERAL:
	case COSE_HDR_SALT:
		return true;
	}
	return false;
}

static int cose_crit(struct suit_cbor *m)
{
	struct suit_cbor a;
	size_t n, i;
	s64 label;
	int ret;

	ret = suit_cbor_enter_array(m, &a, &n);
	if (ret)
		return ret == -EPROTO ? -EBADMSG : ret;
	if (!n)
		return -EBADMSG;
	for (i = 0; i < n; i++) {
		ret = suit_cbor_get_int(&a, &label);
		if (ret == -EPROTO)
			return -EOPNOTSUPP;	/* text label: not ours */
		if (ret)
			return -EBADMSG;
		if (!cose_label_understood(label))
			return -EOPNOTSUPP;
	}
	return 0;
}

static int cose_get_bstr_once(struct suit_cbor *m, struct suit_buf *v)
{
	if (v->ptr)
		return -EBADMSG;	/* in both buckets */
	return suit_cbor_get_bstr(m, v) ? -EBADMSG : 0;
}

/* One header bucket (a map, already entered) into @h. */
static int cose_bucket(struct suit_cbor *m, size_t pairs, unsigned int where,
		       struct cose_hdrs *h)
{
	struct suit_cbor_item item;
	enum suit_cbor_type t;
	s64 label;
	size_t i;
	int ret;

	for (i = 0; i < pairs; i++) {
		ret = suit_cbor_peek_type(m, &t);
		if (ret)
			return -EBADMSG;
		if (t == SUIT_CBOR_TSTR) {
			/* Text labels are private use: ignored. */
			if (suit_cbor_skip(m) || suit_cbor_skip(m))
				return -EBADMSG;
			continue;
		}
		if (suit_cbor_get_int(m, &label))
			return -EBADMSG;
		switch (label) {
		case COSE_HDR_ALG:
			if (h->alg_where)
				return -EBADMSG;
			h->alg_where = where;
			ret = suit_cbor_get_int(m, &h->alg);
			if (ret == -EPROTO || ret == -ERANGE) {
				/* text algorithm names: none supported */
				if (suit_cbor_skip(m))
					return -EBADMSG;
				h->alg = COSE_ALG_TEXT;
				ret = 0;
			}
			if (ret)
				return -EBADMSG;
			break;
		case COSE_HDR_CRIT:
			if (where != COSE_IN_PROT)
				return -EBADMSG;
			ret = cose_crit(m);
			if (ret)
				return ret;
			break;
		case COSE_HDR_KID:
			ret = cose_get_bstr_once(m, &h->kid);
			if (ret)
				return ret;
			break;
		case COSE_HDR_IV:
			ret = cose_get_bstr_once(m, &h->iv);
			if (ret)
				return ret;
			break;
		case COSE_HDR_SALT:
			ret = cose_get_bstr_once(m, &h->salt);
			if (ret)
				return ret;
			break;
		case COSE_HDR_PARTIAL_IV:
			h->has_partial_iv = true;
			if (suit_cbor_skip(m))
				return -EBADMSG;
			break;
		case COSE_HDR_EPHEMERAL:
			if (h->eph.ptr || suit_cbor_get(m, &item) ||
			    item.type != SUIT_CBOR_MAP)
				return -EBADMSG;
			h->eph = item.raw;
			break;
		default:
			if (suit_cbor_skip(m))
				return -EBADMSG;
			break;
		}
	}
	return 0;
}

/*
 * Labels must be unique. Their order is not checked: deployed encoders
 * (libcsuit among them) emit header maps that are not in deterministic
 * order, and the protected bucket is covered by the signature as encoded.
 */
static int cose_unique_labels(const struct suit_cbor *map, size_t pairs)
{
	struct suit_cbor_item a, b;
	struct suit_cbor i, j;
	size_t x, y;

	if (pairs > COSE_MAX_LABELS)
		return -EBADMSG;
	i = *map;
	for (x = 0; x < pairs; x++) {
		if (suit_cbor_get(&i, &a) || suit_cbor_skip(&i))
			return -EBADMSG;
		j = i;
		for (y = x + 1; y < pairs; y++) {
			if (suit_cbor_get(&j, &b) || suit_cbor_skip(&j))
				return -EBADMSG;
			if (a.raw.len == b.raw.len &&
			    !suit_memcmp(a.raw.ptr, b.raw.ptr, a.raw.len))
				return -EBADMSG;
		}
	}
	return 0;
}

static int cose_map_bucket(struct suit_cbor *c, unsigned int where,
			   struct cose_hdrs *h)
{
	struct suit_cbor m;
	size_t pairs;
	int ret;

	if (suit_cbor_enter_map(c, &m, &pairs))
		return -EBADMSG;
	ret = cose_unique_labels(&m, pairs);
	if (ret)
		return ret;
	return cose_bucket(&m, pairs, where, h);
}

/**
 * suit_cose_read_hdrs() - read the protected and unprotected header buckets
 * @c: cursor inside a COSE array, at the protected bstr; steps past both
 * @h: receives the headers
 *
 * Both buckets must be maps with unique labels (at most 32); alg, kid,
 * IV, salt and the ephemeral key must not appear in both. An empty protected bucket may be h'' or
 * a serialized empty map.
 *
 * Return: 0, -EBADMSG (malformed) or -EOPNOTSUPP (crit names a header not
 * understood here).
 */
int suit_cose_read_hdrs(struct suit_cbor *c, struct cose_hdrs *h)
{
	struct suit_cbor_item item;
	struct suit_cbor pc;
	int ret, ret2;

	suit_memset(h, 0, sizeof(*h));
	if (suit_cbor_get(c, &item) || item.type != SUIT_CBOR_BSTR)
		return -EBADMSG;
	h->prot = item.data;
	h->prot_raw = item.raw;
	ret = 0;
	if (item.data.len) {
		if (suit_cbor_init_single(&pc, item.data.ptr, item.data.len))
			return -EBADMSG;
		ret = cose_map_bucket(&pc, COSE_IN_PROT, h);
		if (ret && ret != -EOPNOTSUPP)
			return ret;
	}
	/* Read the unprotected bucket even after -EOPNOTSUPP: stay in step. */
	ret2 = cose_map_bucket(c, COSE_IN_UNPROT, h);
	return ret2 ? ret2 : ret;
}

static bool cose_alg_is_mac(s64 alg)
{
	switch (alg) {
	case 4: case 5: case 6: case 7:		/* HMAC */
	case 14: case 15: case 16: case 17:	/* AES-MAC */
	case 25: case 26:
		return true;
	}
	return false;
}

/*
 * Verify one signature or MAC: @body are the headers of the COSE message,
 * @signer those of one COSE_Signature (NULL for Sign1/Mac0).
 */
static int cose_verify_one(const struct suit_platform *plat,
			   enum suit_auth_kind kind, const char *context,
			   size_t context_len, const struct cose_hdrs *body,
			   const struct cose_hdrs *signer,
			   struct suit_buf payload, struct suit_buf sig)
{
	const struct cose_hdrs *ah = signer ? signer : body;
	struct suit_auth_req req;
	struct suit_cbor_enc e;
	u8 tbs[COSE_TBS_MAX];
	bool is_mac;

	/* The algorithm must be integrity protected. */
	if (ah->alg_where != COSE_IN_PROT)
		return -EBADMSG;
	if (ah->alg == COSE_ALG_TEXT || ah->alg < COSE_S32_MIN ||
	    ah->alg > COSE_S32_MAX)
		return -EOPNOTSUPP;
	is_mac = kind == SUIT_AUTH_MAC;
	if (cose_alg_is_mac(ah->alg) != is_mac)
		return -EBADMSG;
	if (!plat->ops->auth_verify)
		return -EOPNOTSUPP;

	suit_cbor_enc_init(&e, tbs, sizeof(tbs));
	suit_cbor_put_array(&e, signer ? 5 : 4);
	suit_cbor_put_tstr(&e, context, context_len);
	suit_cbor_put_raw(&e, body->prot_raw.ptr, body->prot_raw.len);
	if (signer)
		suit_cbor_put_raw(&e, signer->prot_raw.ptr, signer->prot_raw.len);
	suit_cbor_put_bstr_head(&e, 0);	/* external_aad */
	suit_cbor_put_raw(&e, payload.ptr, payload.len);
	if (e.err)
		return COSE_ESTRUCT;	/* headers too large for this profile */

	req.kind = kind;
	req.alg = (s32)ah->alg;
	req.kid = ah->kid;
	req.tbs.ptr = tbs;
	req.tbs.len = e.len;
	req.sig = sig;
	return plat->ops->auth_verify(plat->priv, &req);
}

/*
 * COSE_Sign: each signer is checked like a COSE_Sign1. The block verifies
 * when one signer verifies and no signer with a trusted key fails.
 */
static int cose_sign(const struct suit_platform *plat, struct suit_cbor *a,
		     struct suit_buf payload)
{
	struct cose_hdrs body, signer;
	struct suit_cbor sigs, s;
	struct suit_buf sig;
	bool ok = false, noent = false, alg = false;
	size_t n, i, k;
	int ret;

	ret = suit_cose_read_hdrs(a, &body);
	if (ret)
		return ret == -EOPNOTSUPP ? COSE_ESTRUCT : ret;
	if (suit_cbor_get_null(a))
		return -EBADMSG;	/* payload must be detached */
	if (suit_cbor_enter_array(a, &sigs, &n) || !n)
		return -EBADMSG;
	for (i = 0; i < n; i++) {
		if (suit_cbor_enter_array(&sigs, &s, &k) || k != 3)
			return -EBADMSG;
		ret = suit_cose_read_hdrs(&s, &signer);
		if (ret == -EBADMSG)
			return ret;
		if (suit_cbor_get_bstr(&s, &sig))
			return -EBADMSG;
		if (ret && ret != -EOPNOTSUPP)
			return ret;
		if (ret)
			ret = COSE_ESTRUCT;	/* signer crit not understood */
		else
			ret = cose_verify_one(plat, SUIT_AUTH_SIGNATURE,
					      "Signature", 9, &body, &signer,
					      payload, sig);
		if (!ret)
			ok = true;
		else if (ret == -ENOENT)
			noent = true;
		else if (ret == -EOPNOTSUPP)
			alg = true;
		else if (ret != COSE_ESTRUCT)
			return ret;
	}
	if (ok)
		return 0;
	if (noent)
		return -ENOENT;
	return alg ? -EOPNOTSUPP : COSE_ESTRUCT;
}

static int cose_single(const struct suit_platform *plat, struct suit_cbor *a,
		       u64 tag, struct suit_buf payload)
{
	struct cose_hdrs h;
	struct suit_buf sig;
	int ret;

	ret = suit_cose_read_hdrs(a, &h);
	if (ret == -EBADMSG)
		return ret;
	if (suit_cbor_get_null(a) || suit_cbor_get_bstr(a, &sig))
		return -EBADMSG;
	if (ret)	/* crit names a header not understood */
		return ret == -EOPNOTSUPP ? COSE_ESTRUCT : ret;
	if (tag == COSE_TAG_SIGN1)
		return cose_verify_one(plat, SUIT_AUTH_SIGNATURE, "Signature1", 10,
				       &h, NULL, payload, sig);
	return cose_verify_one(plat, SUIT_AUTH_MAC, "MAC0", 4, &h, NULL,
			       payload, sig);
}

/* COSE_Mac with recipients: checked for form, then not supported. */
static int cose_mac(struct suit_cbor *a)
{
	struct cose_hdrs h;
	struct suit_buf tag;
	struct suit_cbor r;
	size_t n;
	int ret;

	ret = suit_cose_read_hdrs(a, &h);
	if (ret == -EBADMSG)
		return ret;
	if (suit_cbor_get_null(a) || suit_cbor_get_bstr(a, &tag) ||
	    suit_cbor_enter_array(a, &r, &n) || !n)
		return -EBADMSG;
	return COSE_ESTRUCT;
}

static int cose_block(const struct suit_platform *plat, struct suit_buf block,
		      struct suit_buf payload)
{
	struct suit_cbor c, a;
	u64 tag;
	size_t n;

	if (suit_cbor_init_single(&c, block.ptr, block.len) ||
	    suit_cbor_get_tag(&c, &tag) || suit_cbor_enter_array(&c, &a, &n))
		return -EBADMSG;
	switch (tag) {
	case COSE_TAG_SIGN1:
	case COSE_TAG_MAC0:
		if (n != 4)
			return -EBADMSG;
		return cose_single(plat, &a, tag, payload);
	case COSE_TAG_SIGN:
		if (n != 4)
			return -EBADMSG;
		return cose_sign(plat, &a, payload);
	case COSE_TAG_MAC:
		if (n != 5)
			return -EBADMSG;
		return cose_mac(&a);
	}
	/* A well-formed tagged item, but not a COSE structure used here. */
	return COSE_ESTRUCT;
}

static size_t cose_hash_len(s64 alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_SHA256:
		return 32;
	case SUIT_COSE_ALG_SHA384:
		return 48;
	case SUIT_COSE_ALG_SHA512:
		return 64;
	}
	return 0;
}

static int cose_check_digest(const struct suit_platform *plat,
			     struct suit_buf digest_raw, struct suit_buf manifest,
			     struct suit_auth_result *res)
{
	const struct suit_platform_ops *ops = plat->ops;
	u8 md[SUIT_MAX_DIGEST_LEN];
	struct suit_cbor c, a;
	struct suit_buf bytes;
	u8 diff = 0;
	void *ctx = NULL;
	s64 alg;
	size_t n, len, i;
	int ret;

	if (suit_cbor_init_single(&c, digest_raw.ptr, digest_raw.len) ||
	    suit_cbor_enter_array(&c, &a, &n) || n < 2 ||
	    suit_cbor_get_int(&a, &alg) || suit_cbor_get_bstr(&a, &bytes))
		return -EBADMSG;
	len = cose_hash_len(alg);
	if (!len)
		return -EOPNOTSUPP;
	if (bytes.len != len)
		return -EBADMSG;
	res->digest_alg = (s32)alg;
	suit_memcpy(res->digest, bytes.ptr, len);
	res->digest_len = len;
	if (!ops->hash_init || !ops->hash_update || !ops->hash_final)
		return -EOPNOTSUPP;

	ret = ops->hash_init(plat->priv, (s32)alg, &ctx);
	if (ret)
		return ret;
	ret = ops->hash_update(plat->priv, ctx, manifest.ptr, manifest.len);
	if (ret) {
		ops->hash_final(plat->priv, ctx, NULL, 0);
		return ret;
	}
	ret = ops->hash_final(plat->priv, ctx, md, len);
	if (ret)
		return ret;
	for (i = 0; i < len; i++)
		diff |= md[i] ^ bytes.ptr[i];
	return diff ? -EBADMSG : 0;
}

/**
 * suit_cose_authenticate() - authenticate a manifest before it is parsed
 * @plat: the platform (hashing and key operations)
 * @auth: the encoded SUIT_Authentication array
 * @manifest: the suit-manifest member, bstr head included
 * @res: the outcome
 *
 * Policy: the SUIT_Digest must match the manifest; every authentication
 * block must be well-formed; a block whose key is unknown or whose
 * algorithm (or structure, COSE_Mac) is not supported is skipped; a block
 * checked with a trusted key that does not verify fails the whole
 * envelope; at least one block must verify. With no block at all the
 * envelope is authentic only if @plat->allow_unsigned is set.
 *
 * Return: 0 if authentic; -EBADMSG, -ENOENT, -EOPNOTSUPP or another
 * negative errno (see include/suit/cose.h).
 */
int suit_cose_authenticate(const struct suit_platform *plat,
			   struct suit_buf auth, struct suit_buf manifest,
			   struct suit_auth_result *res)
{
	struct suit_cbor_item ditem;
	struct suit_cbor c, a;
	struct suit_buf block;
	bool unsupported = false, structure = false;
	size_t n, i;
	int ret;

	if (!res)
		return -EINVAL;
	suit_memset(res, 0, sizeof(*res));
	if (!plat || !plat->ops || !auth.ptr || !manifest.ptr)
		return -EINVAL;
	if (suit_cbor_init_single(&c, auth.ptr, auth.len) ||
	    suit_cbor_enter_array(&c, &a, &n) || n < 1)
		return -EBADMSG;
	if (suit_cbor_get(&a, &ditem) || ditem.type != SUIT_CBOR_BSTR)
		return -EBADMSG;
	res->digest_raw = ditem.data;
	ret = cose_check_digest(plat, ditem.data, manifest, res);
	if (ret)
		return ret;

	res->blocks = (u32)(n - 1);
	for (i = 1; i < n; i++) {
		if (suit_cbor_get_bstr(&a, &block))
			return -EBADMSG;
		ret = cose_block(plat, block, ditem.raw);
		if (!ret)
			res->verified++;
		else if (ret == -EOPNOTSUPP)
			unsupported = true;
		else if (ret == COSE_ESTRUCT)
			structure = true;
		else if (ret != -ENOENT)
			return ret;
	}
	if (res->verified)
		return 0;
	if (n == 1)
		return plat->allow_unsigned ? 0 : -ENOENT;
	/*
	 * An unsupported algorithm in a supported structure wins over an
	 * unsupported structure: that block came closer to being checked.
	 */
	if (unsupported)
		return -EOPNOTSUPP;
	if (structure) {
		res->cose_unsupported = true;
		return -EOPNOTSUPP;
	}
	return -ENOENT;
}
