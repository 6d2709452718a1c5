// SPDX-License-Identifier: GPL-2.0-only
/*
 * OpenSSL 3 implementation of the crypto members of struct
 * suit_platform_ops. See ossl_crypto.h for the @plat convention.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>

#include "ossl_crypto.h"

/*
 * HSS-LMS (-46) goes to lib/hss_lms.c; the build defines SUIT_OSSL_HSS and
 * puts copies of its objects into libsuitossl.a when that file exists.
 */
#ifdef SUIT_OSSL_HSS
#include <suit/sw_crypto.h>
#define HAVE_SUIT_HSS 1
#endif

/* Fetched once: implicit fetches per call are measurably slow in 3.0. */
static EVP_MD *md_sha256, *md_sha384, *md_sha512;

static const EVP_MD *get_md(int32_t alg)
{
	EVP_MD **slot;
	const char *name;

	switch (alg) {
	case SUIT_COSE_ALG_SHA256:
		slot = &md_sha256;
		name = "SHA256";
		break;
	case SUIT_COSE_ALG_SHA384:
		slot = &md_sha384;
		name = "SHA384";
		break;
	case SUIT_COSE_ALG_SHA512:
		slot = &md_sha512;
		name = "SHA512";
		break;
	default:
		return NULL;
	}
	if (!*slot)
		*slot = EVP_MD_fetch(NULL, name, NULL);
	return *slot;
}

size_t suit_ossl_hash_len(int32_t alg)
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

int suit_ossl_hash_init(void *plat, int32_t alg, void **ctx)
{
	const EVP_MD *md = get_md(alg);
	EVP_MD_CTX *c;

	*ctx = NULL;
	if (!md)
		return -EOPNOTSUPP;
	c = EVP_MD_CTX_new();
	if (!c)
		return -ENOMEM;
	if (!EVP_DigestInit_ex(c, md, NULL)) {
		EVP_MD_CTX_free(c);
		return -EIO;
	}
	*ctx = c;
	return 0;
}

int suit_ossl_hash_update(void *plat, void *ctx, const uint8_t *data, size_t len)
{
	if (!ctx)
		return -EINVAL;
	if (!len)
		return 0;
	return EVP_DigestUpdate(ctx, data, len) ? 0 : -EIO;
}

int suit_ossl_hash_final(void *plat, void *ctx, uint8_t *out, size_t out_len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	int ret = 0;

	if (!ctx)
		return -EINVAL;
	if (out) {
		if ((size_t)EVP_MD_CTX_get_size(ctx) != out_len)
			ret = -EINVAL;
		else if (!EVP_DigestFinal_ex(ctx, md, &mdlen))
			ret = -EIO;
		else
			memcpy(out, md, out_len);
	}
	EVP_MD_CTX_free(ctx);
	return ret;
}

/* ---- signatures and MACs ---------------------------------------------- */

/* One DER INTEGER from a big-endian unsigned value. */
static size_t der_uint(uint8_t *out, const uint8_t *v, size_t n)
{
	size_t len;

	while (n > 1 && !v[0]) {
		v++;
		n--;
	}
	len = n + (v[0] & 0x80 ? 1 : 0);
	out[0] = 0x02;
	out[1] = (uint8_t)len;
	out[2] = 0;
	memcpy(out + 2 + len - n, v, n);
	return 2 + len;
}

/*
 * ECDSA r||s (COSE) -> DER Ecdsa-Sig-Value (OpenSSL), encoded by hand: the
 * BIGNUM round trip costs more than the rest of the COSE layer together.
 */
static int ecdsa_raw_to_der(const uint8_t *sig, size_t len, uint8_t *der,
			    size_t *der_len)
{
	size_t half = len / 2, n;

	if (!len || len % 2 || half > 66 || *der_len < 2 * (half + 3) + 3)
		return -EINVAL;
	n = der_uint(der + 3, sig, half);
	n += der_uint(der + 3 + n, sig + half, half);
	if (n < 128) {
		der[1] = 0x30;
		der[2] = (uint8_t)n;
		memmove(der, der + 1, n + 2);
		*der_len = n + 2;
	} else {
		der[0] = 0x30;
		der[1] = 0x81;
		der[2] = (uint8_t)n;
		*der_len = n + 3;
	}
	return 0;
}

static int verify_pkey(EVP_PKEY *pk, const EVP_MD *md, const uint8_t *tbs,
		       size_t tbs_len, const uint8_t *sig, size_t sig_len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int r;

	if (!c)
		return -ENOMEM;
	r = EVP_DigestVerifyInit_ex(c, NULL, md ? EVP_MD_get0_name(md) : NULL,
				    NULL, NULL, pk, NULL);
	if (r == 1)
		r = EVP_DigestVerify(c, sig, sig_len, tbs, tbs_len);
	EVP_MD_CTX_free(c);
	ERR_clear_error();
	return r == 1 ? 0 : -EBADMSG;
}

static int verify_one(const struct suit_key *k, const struct suit_auth_req *req)
{
	uint8_t der[160], mac[EVP_MAX_MD_SIZE];
	size_t der_len = sizeof(der), mac_len = sizeof(mac);
	int ret;

	switch (req->alg) {
	case SUIT_COSE_ALG_ES256:
	case SUIT_COSE_ALG_ESP256:
		if (req->kind != SUIT_AUTH_SIGNATURE || req->sig.len != 64)
			return -EBADMSG;
		ret = ecdsa_raw_to_der(req->sig.ptr, req->sig.len, der, &der_len);
		if (ret)
			return ret;
		return verify_pkey(k->evp_pkey, get_md(SUIT_COSE_ALG_SHA256),
				   req->tbs.ptr, req->tbs.len, der, der_len);
	case SUIT_COSE_ALG_EDDSA:
	case SUIT_COSE_ALG_ED25519:
		if (req->kind != SUIT_AUTH_SIGNATURE || req->sig.len != 64)
			return -EBADMSG;
		return verify_pkey(k->evp_pkey, NULL, req->tbs.ptr, req->tbs.len,
				   req->sig.ptr, req->sig.len);
	case SUIT_COSE_ALG_HMAC256:
		if (req->kind != SUIT_AUTH_MAC || req->sig.len != 32)
			return -EBADMSG;
		if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, k->secret,
			       k->secret_len, req->tbs.ptr, req->tbs.len, mac,
			       sizeof(mac), &mac_len) || mac_len != 32)
			return -EIO;
		ret = CRYPTO_memcmp(mac, req->sig.ptr, 32) ? -EBADMSG : 0;
		OPENSSL_cleanse(mac, sizeof(mac));
		return ret;
#ifdef HAVE_SUIT_HSS
	case SUIT_COSE_ALG_HSS_LMS:
		if (req->kind != SUIT_AUTH_SIGNATURE)
			return -EBADMSG;
		return suit_hss_verify(k->secret, k->secret_len, req->tbs.ptr,
				       req->tbs.len, req->sig.ptr, req->sig.len);
#endif
	}
	return -EOPNOTSUPP;
}

static bool alg_supported(int32_t alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_ES256:
	case SUIT_COSE_ALG_ESP256:
	case SUIT_COSE_ALG_EDDSA:
	case SUIT_COSE_ALG_ED25519:
	case SUIT_COSE_ALG_HMAC256:
#ifdef HAVE_SUIT_HSS
	case SUIT_COSE_ALG_HSS_LMS:
#endif
		return true;
	}
	return false;
}

int suit_ossl_auth_verify(void *plat, const struct suit_auth_req *req)
{
	struct suit_ossl *o = suit_ossl_from_plat(plat);
	const struct suit_key *k;
	size_t iter = 0;
	int ret = -ENOENT;

	if (!req || !alg_supported(req->alg))
		return -EOPNOTSUPP;
	if (!o || !o->keys)
		return -ENOENT;
	while ((k = suit_keystore_next(o->keys, req->alg, req->kid.ptr,
				       req->kid.len, &iter))) {
		int r = verify_one(k, req);

		if (!r)
			return 0;
		if (r == -EBADMSG || ret == -ENOENT)
			ret = r;
	}
	return ret;
}

/* ---- key unwrap -------------------------------------------------------- */

static int aes_kw_unwrap(const uint8_t *kek, size_t kek_len,
			 const uint8_t *in, size_t in_len, uint8_t *out,
			 size_t *out_len)
{
	const char *name = kek_len == 16 ? "AES-128-WRAP" :
			   kek_len == 24 ? "AES-192-WRAP" :
			   kek_len == 32 ? "AES-256-WRAP" : NULL;
	EVP_CIPHER_CTX *c = NULL;
	EVP_CIPHER *ciph = NULL;
	uint8_t tmp[SUIT_MAX_KEY_LEN + 16];
	int n = 0, n2 = 0, ret = -EBADMSG;

	if (!name)
		return -EINVAL;
	if (in_len < 24 || in_len % 8 || in_len - 8 > SUIT_MAX_KEY_LEN)
		return -EBADMSG;
	ciph = EVP_CIPHER_fetch(NULL, name, NULL);
	c = EVP_CIPHER_CTX_new();
	if (!ciph || !c) {
		ret = -ENOMEM;
		goto out;
	}
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (!EVP_DecryptInit_ex2(c, ciph, kek, NULL, NULL))
		goto out;
	if (!EVP_DecryptUpdate(c, tmp, &n, in, (int)in_len))
		goto out;
	if (!EVP_DecryptFinal_ex(c, tmp + n, &n2))
		goto out;
	if ((size_t)(n + n2) != in_len - 8)
		goto out;
	memcpy(out, tmp, in_len - 8);
	*out_len = in_len - 8;
	ret = 0;
out:
	OPENSSL_cleanse(tmp, sizeof(tmp));
	EVP_CIPHER_CTX_free(c);
	EVP_CIPHER_free(ciph);
	ERR_clear_error();
	return ret;
}

static EVP_PKEY *p256_pub(const uint8_t *x, const uint8_t *y)
{
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *pctx;
	EVP_PKEY *pk = NULL;
	uint8_t pub[65];
	char group[] = "prime256v1";

	pub[0] = 4;
	memcpy(pub + 1, x, 32);
	memcpy(pub + 33, y, 32);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						     group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						      pub, sizeof(pub));
	params[2] = OSSL_PARAM_construct_end();
	pctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!pctx)
		return NULL;
	if (EVP_PKEY_fromdata_init(pctx) <= 0 ||
	    EVP_PKEY_fromdata(pctx, &pk, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pk = NULL;
	EVP_PKEY_CTX_free(pctx);
	return pk;
}

/* Is @pk a point on the curve? (fromdata does not check by itself). */
static bool p256_check(EVP_PKEY *pk)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, pk, NULL);
	bool ok = c && EVP_PKEY_public_check(c) == 1;

	EVP_PKEY_CTX_free(c);
	return ok;
}

static int ecdh_hkdf(EVP_PKEY *priv, EVP_PKEY *peer,
		     const struct suit_unwrap_req *req, uint8_t *kek,
		     size_t kek_len)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, priv, NULL);
	uint8_t z[32];
	size_t zlen = sizeof(z);
	EVP_KDF *kdf = NULL;
	EVP_KDF_CTX *kc = NULL;
	OSSL_PARAM params[5], *p = params;
	char digest[] = "SHA256";
	int ret = -EIO;

	if (!c)
		return -ENOMEM;
	if (EVP_PKEY_derive_init(c) <= 0 || EVP_PKEY_derive_set_peer(c, peer) <= 0 ||
	    EVP_PKEY_derive(c, z, &zlen) <= 0 || zlen != 32)
		goto out;
	kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	kc = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	if (!kc)
		goto out;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, z, zlen);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
						 (void *)req->kdf_context.ptr,
						 req->kdf_context.len);
	if (req->salt.len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
							 (void *)req->salt.ptr,
							 req->salt.len);
	*p = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(kc, kek, kek_len, params) > 0)
		ret = 0;
out:
	OPENSSL_cleanse(z, sizeof(z));
	EVP_KDF_CTX_free(kc);
	EVP_KDF_free(kdf);
	EVP_PKEY_CTX_free(c);
	ERR_clear_error();
	return ret;
}

int suit_ossl_cek_unwrap(void *plat, const struct suit_unwrap_req *req,
			 uint8_t *cek, size_t *cek_len)
{
	struct suit_ossl *o = suit_ossl_from_plat(plat);
	const struct suit_key *k;
	EVP_PKEY *peer = NULL;
	size_t iter = 0, kek_len;
	uint8_t kek[32];
	int ret = -ENOENT, r;

	if (!req || !cek || !cek_len)
		return -EINVAL;
	switch (req->alg) {
	case SUIT_COSE_ALG_A128KW:
	case SUIT_COSE_ALG_A192KW:
	case SUIT_COSE_ALG_A256KW:
		if (!o || !o->keys)
			return -ENOENT;
		while ((k = suit_keystore_next(o->keys, req->alg, req->kid.ptr,
					       req->kid.len, &iter))) {
			r = aes_kw_unwrap(k->secret, k->secret_len, req->wrapped.ptr,
					  req->wrapped.len, cek, cek_len);
			if (!r)
				return 0;
			ret = r;
		}
		return ret;
	case SUIT_COSE_ALG_ECDH_ES_A128KW:
		kek_len = 16;
		break;
	case SUIT_COSE_ALG_ECDH_ES_A192KW:
		kek_len = 24;
		break;
	case SUIT_COSE_ALG_ECDH_ES_A256KW:
		kek_len = 32;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (req->peer_x.len != 32 || req->peer_y.len != 32)
		return -EBADMSG;
	if (!o || !o->keys)
		return -ENOENT;
	peer = p256_pub(req->peer_x.ptr, req->peer_y.ptr);
	if (!peer || !p256_check(peer)) {
		EVP_PKEY_free(peer);
		ERR_clear_error();
		return -EBADMSG;
	}
	while ((k = suit_keystore_next(o->keys, req->alg, req->kid.ptr,
				       req->kid.len, &iter))) {
		r = ecdh_hkdf(k->evp_pkey, peer, req, kek, kek_len);
		if (!r)
			r = aes_kw_unwrap(kek, kek_len, req->wrapped.ptr,
					  req->wrapped.len, cek, cek_len);
		if (!r) {
			ret = 0;
			break;
		}
		ret = r;
	}
	OPENSSL_cleanse(kek, sizeof(kek));
	EVP_PKEY_free(peer);
	return ret;
}

/* ---- content decryption ------------------------------------------------ */

struct ossl_cipher {
	EVP_CIPHER_CTX *ctx;
	bool aead;
};

int suit_ossl_cipher_init(void *plat, const struct suit_cipher_req *req,
			  void **ctx)
{
	const char *name;
	size_t key_len, iv_len;
	bool aead = true;
	struct ossl_cipher *oc;
	EVP_CIPHER *ciph;
	int n;

	*ctx = NULL;
	switch (req->alg) {
	case SUIT_COSE_ALG_A128GCM:
		name = "AES-128-GCM"; key_len = 16; iv_len = 12;
		break;
	case SUIT_COSE_ALG_A192GCM:
		name = "AES-192-GCM"; key_len = 24; iv_len = 12;
		break;
	case SUIT_COSE_ALG_A256GCM:
		name = "AES-256-GCM"; key_len = 32; iv_len = 12;
		break;
	case SUIT_COSE_ALG_CHACHA20_POLY1305:
		name = "ChaCha20-Poly1305"; key_len = 32; iv_len = 12;
		break;
	case SUIT_COSE_ALG_A128CTR:
		name = "AES-128-CTR"; key_len = 16; iv_len = 16; aead = false;
		break;
	case SUIT_COSE_ALG_A192CTR:
		name = "AES-192-CTR"; key_len = 24; iv_len = 16; aead = false;
		break;
	case SUIT_COSE_ALG_A256CTR:
		name = "AES-256-CTR"; key_len = 32; iv_len = 16; aead = false;
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (req->key.len != key_len)
		return -EBADMSG;
	/* AES-GCM also takes a 128-bit IV (see lib/cose_encrypt.c). */
	if (req->iv.len != iv_len &&
	    !(req->iv.len == 16 && req->alg >= SUIT_COSE_ALG_A128GCM &&
	      req->alg <= SUIT_COSE_ALG_A256GCM))
		return -EBADMSG;
	iv_len = req->iv.len;
	if (!aead && req->aad.len)
		return -EINVAL;
	oc = calloc(1, sizeof(*oc));
	if (!oc)
		return -ENOMEM;
	oc->aead = aead;
	oc->ctx = EVP_CIPHER_CTX_new();
	ciph = EVP_CIPHER_fetch(NULL, name, NULL);
	if (!oc->ctx || !ciph)
		goto fail;
	if (!EVP_DecryptInit_ex2(oc->ctx, ciph, NULL, NULL, NULL))
		goto fail;
	if (aead && !EVP_CIPHER_CTX_ctrl(oc->ctx, EVP_CTRL_AEAD_SET_IVLEN,
					 (int)iv_len, NULL))
		goto fail;
	if (!EVP_DecryptInit_ex2(oc->ctx, NULL, req->key.ptr, req->iv.ptr, NULL))
		goto fail;
	if (aead && req->aad.len &&
	    !EVP_DecryptUpdate(oc->ctx, NULL, &n, req->aad.ptr, (int)req->aad.len))
		goto fail;
	EVP_CIPHER_free(ciph);
	*ctx = oc;
	return 0;
fail:
	EVP_CIPHER_free(ciph);
	EVP_CIPHER_CTX_free(oc->ctx);
	free(oc);
	ERR_clear_error();
	return -EIO;
}

int suit_ossl_cipher_update(void *plat, void *ctx, const uint8_t *in,
			    uint8_t *out, size_t len)
{
	struct ossl_cipher *oc = ctx;
	int n;

	if (!oc)
		return -EINVAL;
	while (len) {
		int chunk = len > (1u << 30) ? 1 << 30 : (int)len;

		if (!EVP_DecryptUpdate(oc->ctx, out, &n, in, chunk) || n != chunk)
			return -EIO;
		in += chunk;
		out += chunk;
		len -= (size_t)chunk;
	}
	return 0;
}

int suit_ossl_cipher_final(void *plat, void *ctx, struct suit_buf tag)
{
	struct ossl_cipher *oc = ctx;
	uint8_t dummy[32];
	int n = 0, ret = 0;

	if (!oc)
		return -EINVAL;
	if (tag.ptr) {
		if (oc->aead) {
			if (tag.len != 16 ||
			    !EVP_CIPHER_CTX_ctrl(oc->ctx, EVP_CTRL_AEAD_SET_TAG, 16,
						 (void *)tag.ptr) ||
			    EVP_DecryptFinal_ex(oc->ctx, dummy, &n) != 1)
				ret = -EBADMSG;
		} else if (tag.len) {
			ret = -EINVAL;
		}
	}
	EVP_CIPHER_CTX_free(oc->ctx);
	free(oc);
	ERR_clear_error();
	return ret;
}

void suit_ossl_fill_ops(struct suit_platform_ops *ops)
{
	ops->hash_init = suit_ossl_hash_init;
	ops->hash_update = suit_ossl_hash_update;
	ops->hash_final = suit_ossl_hash_final;
	ops->auth_verify = suit_ossl_auth_verify;
	ops->cek_unwrap = suit_ossl_cek_unwrap;
	ops->cipher_init = suit_ossl_cipher_init;
	ops->cipher_update = suit_ossl_cipher_update;
	ops->cipher_final = suit_ossl_cipher_final;
}
