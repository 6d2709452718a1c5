// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SUIT payload decryption (draft-ietf-suit-firmware-encryption):
 * SUIT_Encryption_Info is a COSE_Encrypt (tag 96) with a detached
 * ciphertext and AES-KW or ECDH-ES+AES-KW recipients. Content algorithms:
 * A128GCM/A192GCM/A256GCM and ChaCha20-Poly1305 (AEAD, the tag is the last
 * 16 bytes of the ciphertext stream) and A128CTR/A192CTR/A256CTR.
 * See Documentation/cose.rst.
 */
#include <suit/cbor.h>
#include <suit/cose.h>
#include "cose_internal.h"

#ifdef __KERNEL__
#define cose_memmove(d, s, n)	memmove((d), (s), (n))
#else
#define cose_memmove(d, s, n)	__builtin_memmove((d), (s), (n))
#endif

#define COSE_KDF_MAX	128
#define COSE_AAD_MAX	128
#define COSE_AEAD_TAG	16

static const char suit_kdf_other[] = "SUIT Payload Encryption";

/* Wipe key material so that the compiler cannot drop the stores. */
static void cose_wipe(void *p, size_t n)
{
#ifdef __KERNEL__
	memzero_explicit(p, n);
#else
	suit_memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

/*
 * An empty protected bucket: h'' as the drafts require, or a serialized
 * empty map (h'A0'), which RFC 9052 section 3 asks recipients to accept.
 */
static bool cose_prot_empty(const struct cose_hdrs *h)
{
	return !h->prot.len || (h->prot.len == 1 && h->prot.ptr[0] == 0xa0);
}

/* Content algorithm: key and IV length, AEAD or not. */
static int cose_content_alg(s64 alg, size_t *key_len, size_t *iv_len,
			    bool *aead)
{
	*aead = true;
	*iv_len = 12;
	switch (alg) {
	case SUIT_COSE_ALG_A128GCM:
		*key_len = 16;
		return 0;
	case SUIT_COSE_ALG_A192GCM:
		*key_len = 24;
		return 0;
	case SUIT_COSE_ALG_A256GCM:
	case SUIT_COSE_ALG_CHACHA20_POLY1305:
		*key_len = 32;
		return 0;
	}
	*aead = false;
	*iv_len = 16;
	switch (alg) {
	case SUIT_COSE_ALG_A128CTR:
		*key_len = 16;
		return 0;
	case SUIT_COSE_ALG_A192CTR:
		*key_len = 24;
		return 0;
	case SUIT_COSE_ALG_A256CTR:
		*key_len = 32;
		return 0;
	}
	return -EOPNOTSUPP;
}

/* Ephemeral COSE_Key: EC2 (kty 2) on P-256 (crv 1), x and y 32 bytes. */
static int cose_eph_key(struct suit_buf raw, struct suit_buf *x,
			struct suit_buf *y)
{
	struct suit_cbor c, m;
	enum suit_cbor_type t;
	s64 label, v, kty = 0, crv = 0;
	size_t pairs, i;

	x->ptr = NULL;
	y->ptr = NULL;
	if (suit_cbor_init_single(&c, raw.ptr, raw.len) ||
	    suit_cbor_enter_map(&c, &m, &pairs))
		return -EBADMSG;
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_peek_type(&m, &t))
			return -EBADMSG;
		if (t == SUIT_CBOR_TSTR) {
			if (suit_cbor_skip(&m) || suit_cbor_skip(&m))
				return -EBADMSG;
			continue;
		}
		if (suit_cbor_get_int(&m, &label))
			return -EBADMSG;
		switch (label) {
		case 1:
		case -1:
			if (suit_cbor_get_int(&m, &v))
				return -EOPNOTSUPP;	/* text kty/crv */
			if (label == 1)
				kty = v;
			else
				crv = v;
			break;
		case -2:
			if (suit_cbor_get_bstr(&m, x))
				return -EBADMSG;
			break;
		case -3:
			if (suit_cbor_peek_type(&m, &t))
				return -EBADMSG;
			if (t != SUIT_CBOR_BSTR)
				return -EOPNOTSUPP;	/* compressed point */
			if (suit_cbor_get_bstr(&m, y))
				return -EBADMSG;
			break;
		default:
			if (suit_cbor_skip(&m))
				return -EBADMSG;
			break;
		}
	}
	if (kty != 2 || crv != 1)
		return -EOPNOTSUPP;
	if (!x->ptr || !y->ptr || x->len != 32 || y->len != 32)
		return -EBADMSG;
	return 0;
}

/*
 * COSE_KDF_Context (RFC 9053 section 5.2) as the SUIT encryption draft
 * uses it: [AlgorithmID, [nil, nil, nil], [nil, nil, nil],
 * [keyDataLength, protected, "SUIT Payload Encryption"]].
 */
static int cose_kdf_context(struct suit_cbor_enc *e, s32 kw_alg,
			    size_t kek_len, struct suit_buf prot_raw)
{
	int i;

	suit_cbor_put_array(e, 4);
	suit_cbor_put_int(e, kw_alg);
	for (i = 0; i < 2; i++) {
		suit_cbor_put_array(e, 3);
		suit_cbor_put_null(e);
		suit_cbor_put_null(e);
		suit_cbor_put_null(e);
	}
	suit_cbor_put_array(e, 3);
	suit_cbor_put_uint(e, (u64)kek_len * 8);
	suit_cbor_put_raw(e, prot_raw.ptr, prot_raw.len);
	suit_cbor_put_bstr(e, (const u8 *)suit_kdf_other,
			   sizeof(suit_kdf_other) - 1);
	return e->err ? -EOPNOTSUPP : 0;
}

/* One COSE_recipient: recover the CEK into @cek. */
static int cose_recipient(const struct suit_platform *plat, struct suit_cbor *rs,
			  u8 *cek, size_t *cek_len)
{
	u8 kdf[COSE_KDF_MAX];
	struct suit_unwrap_req req;
	struct suit_cbor_enc e;
	struct cose_hdrs rh;
	struct suit_cbor r;
	struct suit_buf wrapped;
	size_t k, kek_len;
	s32 kw_alg;
	int ret;

	if (suit_cbor_enter_array(rs, &r, &k) || (k != 3 && k != 4))
		return -EBADMSG;
	ret = suit_cose_read_hdrs(&r, &rh);
	if (ret)
		return ret;
	if (suit_cbor_get_bstr(&r, &wrapped))
		return -EBADMSG;
	if (k == 4)
		return -EOPNOTSUPP;	/* nested recipients */
	if (!rh.alg_where || rh.has_partial_iv)
		return rh.alg_where ? -EOPNOTSUPP : -EBADMSG;
	if (!plat->ops->cek_unwrap)
		return -EOPNOTSUPP;

	suit_memset(&req, 0, sizeof(req));
	req.kid = rh.kid;
	req.wrapped = wrapped;
	switch (rh.alg) {
	case SUIT_COSE_ALG_A128KW:
	case SUIT_COSE_ALG_A192KW:
	case SUIT_COSE_ALG_A256KW:
		/* AES-KW recipients: protected MUST be empty. */
		if (!cose_prot_empty(&rh) || rh.eph.ptr)
			return -EBADMSG;
		req.alg = (s32)rh.alg;
		break;
	case SUIT_COSE_ALG_ECDH_ES_A128KW:
	case SUIT_COSE_ALG_ECDH_ES_A192KW:
	case SUIT_COSE_ALG_ECDH_ES_A256KW:
		if (rh.alg_where != COSE_IN_PROT || !rh.eph.ptr)
			return -EBADMSG;
		ret = cose_eph_key(rh.eph, &req.peer_x, &req.peer_y);
		if (ret)
			return ret;
		/* -29/-30/-31 derive an A128KW/A192KW/A256KW (-3/-4/-5) key */
		kw_alg = (s32)(SUIT_COSE_ALG_A128KW +
				   (rh.alg - SUIT_COSE_ALG_ECDH_ES_A128KW));
		kek_len = 16 + 8 * (size_t)(SUIT_COSE_ALG_ECDH_ES_A128KW - rh.alg);
		suit_cbor_enc_init(&e, kdf, sizeof(kdf));
		ret = cose_kdf_context(&e, kw_alg, kek_len, rh.prot_raw);
		if (ret)
			return ret;
		req.alg = (s32)rh.alg;
		req.kdf_context.ptr = kdf;
		req.kdf_context.len = e.len;
		req.salt = rh.salt;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (wrapped.len < 24 || wrapped.len > SUIT_MAX_KEY_LEN + 8)
		return -EBADMSG;
	*cek_len = 0;
	ret = plat->ops->cek_unwrap(plat->priv, &req, cek, cek_len);
	if (!ret && (*cek_len == 0 || *cek_len > SUIT_MAX_KEY_LEN))
		ret = -EBADMSG;
	return ret;
}

/* Keep the most telling error: -EBADMSG over -ENOENT over -EOPNOTSUPP. */
static int cose_worse(int a, int b)
{
	if (a == -EBADMSG || b == -EBADMSG)
		return -EBADMSG;
	if (a == -ENOENT || b == -ENOENT)
		return -ENOENT;
	if (a == -EOPNOTSUPP || b == -EOPNOTSUPP)
		return -EOPNOTSUPP;
	return a ? a : b;
}

/**
 * suit_decrypt_init() - start decrypting with a SUIT_Encryption_Info
 * @d: state, owned by the caller
 * @plat: the platform (CEK recovery and cipher)
 * @encryption_info: the encoded COSE_Encrypt (tag 96, detached ciphertext)
 *
 * The recipients are tried in order; the first whose key the platform
 * holds and whose unwrap succeeds gives the CEK.
 *
 * Return: 0, -EBADMSG (malformed or key unwrap failed), -ENOENT (no key
 * for any recipient), -EOPNOTSUPP (algorithm not supported).
 */
int suit_decrypt_init(struct suit_decrypt *d, const struct suit_platform *plat,
		      struct suit_buf encryption_info)
{
	u8 cek[SUIT_MAX_KEY_LEN], aad[COSE_AAD_MAX];
	struct suit_cipher_req creq;
	struct suit_cbor c, a, rs;
	struct suit_cbor_enc e;
	struct cose_hdrs h;
	size_t n, nr, i, key_len, iv_len, cek_len = 0;
	u64 tag;
	bool aead;
	int ret, err = 0;

	if (!d)
		return -EINVAL;
	d->plat = plat;
	d->cipher = NULL;
	d->alg = 0;
	d->tag_len = 0;
	d->held_len = 0;
	if (!plat || !plat->ops || !encryption_info.ptr)
		return -EINVAL;
	if (suit_cbor_init_single(&c, encryption_info.ptr, encryption_info.len) ||
	    suit_cbor_get_tag(&c, &tag) || tag != COSE_TAG_ENCRYPT ||
	    suit_cbor_enter_array(&c, &a, &n) || n != 4)
		return -EBADMSG;
	ret = suit_cose_read_hdrs(&a, &h);
	if (ret)
		return ret;
	if (suit_cbor_get_null(&a))
		return -EBADMSG;	/* the ciphertext must be detached */
	if (suit_cbor_enter_array(&a, &rs, &nr) || !nr)
		return -EBADMSG;
	if (!h.alg_where)
		return -EBADMSG;
	if (h.has_partial_iv)
		return -EOPNOTSUPP;
	ret = cose_content_alg(h.alg, &key_len, &iv_len, &aead);
	if (ret)
		return ret;
	/* Without AEAD nothing protects the header: it must be empty. */
	if (!aead && !cose_prot_empty(&h))
		return -EBADMSG;
	/*
	 * COSE fixes a 96-bit nonce for AES-GCM; 128-bit IVs (GHASHed) are
	 * accepted too, since deployed generators emit them.
	 */
	if (h.iv.len != iv_len &&
	    !(h.iv.len == 16 && h.alg >= SUIT_COSE_ALG_A128GCM &&
	      h.alg <= SUIT_COSE_ALG_A256GCM))
		return -EBADMSG;
	if (!plat->ops->cipher_init || !plat->ops->cipher_update ||
	    !plat->ops->cipher_final)
		return -EOPNOTSUPP;

	for (i = 0; i < nr; i++) {
		ret = cose_recipient(plat, &rs, cek, &cek_len);
		if (!ret)
			break;
		err = cose_worse(err, ret);
		if (ret != -ENOENT && ret != -EOPNOTSUPP && ret != -EBADMSG)
			break;	/* platform failure */
	}
	if (ret) {
		cose_wipe(cek, sizeof(cek));
		return err ? err : ret;
	}
	if (cek_len != key_len) {
		cose_wipe(cek, sizeof(cek));
		return -EBADMSG;
	}

	suit_memset(&creq, 0, sizeof(creq));
	creq.alg = (s32)h.alg;
	creq.key.ptr = cek;
	creq.key.len = cek_len;
	creq.iv = h.iv;
	if (aead) {
		/* Enc_structure = ["Encrypt", protected, external_aad = h''] */
		suit_cbor_enc_init(&e, aad, sizeof(aad));
		suit_cbor_put_array(&e, 3);
		suit_cbor_put_tstr(&e, "Encrypt", 7);
		suit_cbor_put_raw(&e, h.prot_raw.ptr, h.prot_raw.len);
		suit_cbor_put_bstr_head(&e, 0);
		if (e.err) {
			cose_wipe(cek, sizeof(cek));
			return -EOPNOTSUPP;
		}
		creq.aad.ptr = aad;
		creq.aad.len = e.len;
	}
	ret = plat->ops->cipher_init(plat->priv, &creq, &d->cipher);
	cose_wipe(cek, sizeof(cek));
	if (ret) {
		d->cipher = NULL;
		return ret;
	}
	d->alg = (s32)h.alg;
	d->tag_len = aead ? COSE_AEAD_TAG : 0;
	return 0;
}

/**
 * suit_decrypt_update() - decrypt the next part of the ciphertext
 * @d: state
 * @in: ciphertext
 * @out: plaintext, at least @len bytes; may be the same buffer as @in
 * @len: bytes in @in
 * @out_len: plaintext bytes written
 *
 * For AEAD algorithms the last 16 bytes seen so far are held back, since
 * they may be the tag; they are released as plaintext when more bytes
 * follow. So *@out_len may be smaller than @len (and is never larger).
 *
 * Return: 0 or a negative errno (the state must then be aborted).
 */
int suit_decrypt_update(struct suit_decrypt *d, const u8 *in,
			u8 *out, size_t len, size_t *out_len)
{
	const struct suit_platform_ops *ops;
	u8 pt[COSE_AEAD_TAG], tail[COSE_AEAD_TAG];
	size_t t, hl, emit, body;
	int ret;

	if (!out_len)
		return -EINVAL;
	*out_len = 0;
	if (!d || !d->cipher || (len && (!in || !out)))
		return -EINVAL;
	ops = d->plat->ops;
	t = d->tag_len;
	hl = d->held_len;
	if (!len)
		return 0;
	if (!t) {
		ret = ops->cipher_update(d->plat->priv, d->cipher, in, out, len);
		if (!ret)
			*out_len = len;
		return ret;
	}

	if (len < t) {
		/* Only part of the held bytes can be released. */
		if (hl + len <= t) {
			suit_memcpy(d->held + hl, in, len);
			d->held_len = hl + len;
			return 0;
		}
		emit = hl + len - t;
		ret = ops->cipher_update(d->plat->priv, d->cipher, d->held, pt,
					 emit);
		if (ret)
			return ret;
		cose_memmove(d->held, d->held + emit, hl - emit);
		suit_memcpy(d->held + hl - emit, in, len);
		d->held_len = t;
		suit_memcpy(out, pt, emit);
		*out_len = emit;
		return 0;
	}

	/* Output: plain(held) || plain(in[0 .. len - t)); new held: in's tail. */
	body = len - t;
	suit_memcpy(tail, in + body, t);
	if (hl) {
		ret = ops->cipher_update(d->plat->priv, d->cipher, d->held, pt, hl);
		if (ret)
			return ret;
	}
	if (body) {
		if (hl && out + hl > in && out < in + len) {
			/* @out overlaps @in: shift, then decrypt in place. */
			cose_memmove(out + hl, in, body);
			ret = ops->cipher_update(d->plat->priv, d->cipher,
						 out + hl, out + hl, body);
		} else {
			ret = ops->cipher_update(d->plat->priv, d->cipher, in,
						 out + hl, body);
		}
		if (ret)
			return ret;
	}
	suit_memcpy(out, pt, hl);
	suit_memcpy(d->held, tail, t);
	d->held_len = t;
	*out_len = hl + body;
	return 0;
}

/**
 * suit_decrypt_final() - finish and check the AEAD tag
 * @d: state; freed on return whatever the result
 *
 * Return: 0, -EBADMSG if the tag does not match or the stream was shorter
 * than a tag, or -EINVAL if no decryption is in progress.
 */
int suit_decrypt_final(struct suit_decrypt *d)
{
	struct suit_buf tag;
	int ret;

	if (!d || !d->cipher)
		return -EINVAL;
	tag.ptr = d->held;
	tag.len = d->tag_len;
	if (d->held_len != d->tag_len) {
		tag.ptr = NULL;
		tag.len = 0;
	}
	ret = d->plat->ops->cipher_final(d->plat->priv, d->cipher, tag);
	if (!tag.ptr && !ret)
		ret = -EBADMSG;
	d->cipher = NULL;
	d->held_len = 0;
	return ret;
}

/**
 * suit_decrypt_abort() - free the state after an error elsewhere
 * @d: state (may be idle)
 */
void suit_decrypt_abort(struct suit_decrypt *d)
{
	struct suit_buf none = { NULL, 0 };

	if (!d || !d->cipher)
		return;
	d->plat->ops->cipher_final(d->plat->priv, d->cipher, none);
	d->cipher = NULL;
	d->held_len = 0;
}
