// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cryptographic platform ops of suit.ko: hashing, signature and MAC
 * checks, content-key unwrapping and streaming payload decryption, on the
 * kernel crypto API, the .suit keyring and lib/'s software verifiers.
 */
#include <linux/err.h>
#include <linux/key.h>
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <crypto/chacha.h>
#include <crypto/ecdh.h>
#include <crypto/hash.h>
#include <crypto/kpp.h>
#include <crypto/poly1305.h>
#include <crypto/public_key.h>
#include <crypto/skcipher.h>
#include <keys/asymmetric-type.h>
#include <asm/unaligned.h>

#include <suit/sw_crypto.h>
#include <kunit/visibility.h>

#include "suit_core.h"

/* ---- hashing ----------------------------------------------------------- */

struct suit_hash {
	struct crypto_shash *tfm;
	struct shash_desc *desc;
};

static const char *suit_hash_name(s32 alg, size_t *len)
{
	switch (alg) {
	case SUIT_COSE_ALG_SHA256:
		*len = 32;
		return "sha256";
	case SUIT_COSE_ALG_SHA384:
		*len = 48;
		return "sha384";
	case SUIT_COSE_ALG_SHA512:
		*len = 64;
		return "sha512";
	default:
		return NULL;
	}
}

static void suit_hash_free(struct suit_hash *h)
{
	if (h->desc)
		kfree_sensitive(h->desc);
	if (!IS_ERR_OR_NULL(h->tfm))
		crypto_free_shash(h->tfm);
	kfree(h);
}

int suit_hash_init(void *plat, s32 alg, void **ctx)
{
	struct suit_hash *h;
	const char *name;
	size_t dlen;
	int ret;

	name = suit_hash_name(alg, &dlen);
	if (!name)
		return -EOPNOTSUPP;
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->tfm = crypto_alloc_shash(name, 0, 0);
	if (IS_ERR(h->tfm)) {
		ret = PTR_ERR(h->tfm) == -ENOENT ? -EOPNOTSUPP : PTR_ERR(h->tfm);
		suit_hash_free(h);
		return ret;
	}
	h->desc = kzalloc(sizeof(*h->desc) + crypto_shash_descsize(h->tfm),
			  GFP_KERNEL);
	if (!h->desc) {
		suit_hash_free(h);
		return -ENOMEM;
	}
	h->desc->tfm = h->tfm;
	ret = crypto_shash_init(h->desc);
	if (ret) {
		suit_hash_free(h);
		return ret;
	}
	*ctx = h;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_hash_init);

static int suit_shash_feed(struct shash_desc *desc, const u8 *data,
			   size_t len)
{
	while (len) {
		/* shash takes unsigned int lengths */
		unsigned int n = min_t(size_t, len, 1U << 20);
		int ret = crypto_shash_update(desc, data, n);

		if (ret)
			return ret;
		data += n;
		len -= n;
	}
	return 0;
}

int suit_hash_update(void *plat, void *ctx, const u8 *data, size_t len)
{
	struct suit_hash *h = ctx;

	return suit_shash_feed(h->desc, data, len);
}
EXPORT_SYMBOL_IF_KUNIT(suit_hash_update);

int suit_hash_final(void *plat, void *ctx, u8 *out, size_t out_len)
{
	struct suit_hash *h = ctx;
	u8 digest[SUIT_MAX_DIGEST_LEN];
	int ret = 0;

	if (out) {
		if (out_len != crypto_shash_digestsize(h->tfm)) {
			ret = -EINVAL;
		} else {
			ret = crypto_shash_final(h->desc, digest);
			if (!ret)
				memcpy(out, digest, out_len);
		}
	}
	suit_hash_free(h);
	memzero_explicit(digest, sizeof(digest));
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_hash_final);

/* ---- ECDSA ------------------------------------------------------------- */

/* One DER INTEGER from a big-endian unsigned 32-byte half. */
static size_t suit_der_int(const u8 *v, size_t n, u8 *out)
{
	size_t i = 0, len;
	u8 *p = out;

	while (i < n - 1 && !v[i])
		i++;
	len = n - i;
	*p++ = 0x02;
	if (v[i] & 0x80) {
		*p++ = len + 1;
		*p++ = 0;
	} else {
		*p++ = len;
	}
	memcpy(p, v + i, len);
	return p + len - out;
}

/**
 * suit_ecdsa_raw_to_der() - COSE r||s signature to DER ECDSA-Sig-Value
 * @raw: r||s, two big-endian halves of equal length
 * @raw_len: 64 for P-256 (up to 96, P-384)
 * @der: output
 * @cap: its size; 2 * (raw_len / 2 + 3) + 2 bytes always suffice
 * @der_len: bytes written
 *
 * This shim exists because the 6.1 ecdsa akcipher takes DER only; later
 * kernels have a p1363() template that makes it unnecessary.
 *
 * Return: 0; -EBADMSG for an odd or too long @raw or a zero r or s;
 * -ENOSPC when @cap is too small.
 */
int suit_ecdsa_raw_to_der(const u8 *raw, size_t raw_len, u8 *der,
			  size_t cap, size_t *der_len)
{
	size_t half = raw_len / 2, n;
	u8 tmp[2 * (48 + 3)];

	if (!raw_len || raw_len & 1 || half > 48)
		return -EBADMSG;
	if (!memchr_inv(raw, 0, half) || !memchr_inv(raw + half, 0, half))
		return -EBADMSG;
	n = suit_der_int(raw, half, tmp);
	n += suit_der_int(raw + half, half, tmp + n);
	if (n + 2 > cap)
		return -ENOSPC;
	der[0] = 0x30;
	der[1] = n;	/* < 128: short form */
	memcpy(der + 2, tmp, n);
	*der_len = n + 2;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_ecdsa_raw_to_der);

static int suit_es256_sig(const u8 *tbs, size_t tbs_len, const u8 *sig,
			  size_t sig_len, struct public_key_signature *pks,
			  u8 *der, size_t der_cap, u8 *digest)
{
	size_t der_len;
	int ret;

	if (sig_len != 64)
		return -EBADMSG;
	ret = suit_ecdsa_raw_to_der(sig, sig_len, der, der_cap, &der_len);
	if (ret)
		return ret;
	suit_sha256(tbs, tbs_len, digest);
	memset(pks, 0, sizeof(*pks));
	pks->s = der;
	pks->s_size = der_len;
	pks->digest = digest;
	pks->digest_size = 32;
	pks->pkey_algo = "ecdsa";
	pks->hash_algo = "sha256";
	pks->encoding = "x962";
	return 0;
}

static int suit_verify_errno(int ret)
{
	if (ret == -EKEYREJECTED || ret == -EBADMSG || ret == -EINVAL)
		return -EBADMSG;
	return ret;
}

/**
 * suit_es256_verify_raw() - verify ES256 over @tbs with a raw public key
 * @pub: 0x04||X||Y (65 bytes) or X||Y (64 bytes), P-256
 * @pub_len: its length
 * @tbs: the to-be-signed bytes (Sig_structure)
 * @tbs_len: their length
 * @sig: r||s
 * @sig_len: 64
 *
 * Return: 0 valid, -EBADMSG invalid, -EINVAL bad key, -ENOMEM.
 */
int suit_es256_verify_raw(const u8 *pub, size_t pub_len, const u8 *tbs,
			  size_t tbs_len, const u8 *sig, size_t sig_len)
{
	struct public_key_signature pks;
	struct public_key pk = {};
	u8 key[65], der[72], digest[32];
	int ret;

	if (pub_len == 65 && pub[0] == 0x04) {
		memcpy(key, pub, 65);
	} else if (pub_len == 64) {
		key[0] = 0x04;
		memcpy(key + 1, pub, 64);
	} else {
		return -EINVAL;
	}
	ret = suit_es256_sig(tbs, tbs_len, sig, sig_len, &pks, der,
			     sizeof(der), digest);
	if (ret)
		return ret;
	pk.key = key;
	pk.keylen = 65;
	pk.id_type = "raw";
	pk.pkey_algo = "ecdsa-nist-p256";
	return suit_verify_errno(public_key_verify_signature(&pk, &pks));
}
EXPORT_SYMBOL_IF_KUNIT(suit_es256_verify_raw);

static int suit_verify_es256(const struct suit_auth_req *req)
{
	struct public_key_signature pks;
	const struct public_key *pub;
	u8 der[72], digest[32], raw[65];
	struct key *key;
	size_t len;
	int ret;

	/* X.509 anchor by SubjectKeyIdentifier */
	key = suit_find_x509(req->kid.ptr, req->kid.len);
	if (!IS_ERR(key)) {
		pub = asymmetric_key_public_key(key);
		if (!pub || strcmp(pub->pkey_algo, "ecdsa-nist-p256")) {
			key_put(key);
			return -ENOENT;
		}
		ret = suit_es256_sig(req->tbs.ptr, req->tbs.len, req->sig.ptr,
				     req->sig.len, &pks, der, sizeof(der),
				     digest);
		if (!ret)
			ret = suit_verify_errno(verify_signature(key, &pks));
		key_put(key);
		return ret;
	}
	if (PTR_ERR(key) == -ENOMEM)
		return -ENOMEM;
	/* raw public key "suit:es256:<kid>" */
	ret = suit_user_key("es256", req->kid.ptr, req->kid.len, raw,
			    sizeof(raw), &len);
	if (ret)
		return ret == -EMSGSIZE ? -ENOENT : ret;
	return suit_es256_verify_raw(raw, len, req->tbs.ptr, req->tbs.len,
				     req->sig.ptr, req->sig.len);
}

/* ---- HMAC, EdDSA, HSS-LMS --------------------------------------------- */

static int suit_hmac_sha256(const u8 *key, size_t key_len, const u8 *d1,
			    size_t l1, const u8 *d2, size_t l2, u8 out[32])
{
	struct crypto_shash *tfm;
	struct shash_desc *desc;
	int ret;

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm) == -ENOENT ? -EOPNOTSUPP : PTR_ERR(tfm);
	desc = kzalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_KERNEL);
	if (!desc) {
		ret = -ENOMEM;
		goto out;
	}
	desc->tfm = tfm;
	ret = crypto_shash_setkey(tfm, key, key_len);
	if (!ret)
		ret = crypto_shash_init(desc);
	if (!ret && l1)
		ret = crypto_shash_update(desc, d1, l1);
	if (!ret && l2)
		ret = crypto_shash_update(desc, d2, l2);
	if (!ret)
		ret = crypto_shash_final(desc, out);
	kfree_sensitive(desc);
out:
	crypto_free_shash(tfm);
	return ret;
}

static int suit_verify_hmac(const struct suit_auth_req *req)
{
	u8 key[64], mac[32];
	size_t len;
	int ret;

	ret = suit_user_key("hmac", req->kid.ptr, req->kid.len, key,
			    sizeof(key), &len);
	if (ret)
		return ret == -EMSGSIZE ? -ENOENT : ret;
	ret = suit_hmac_sha256(key, len, req->tbs.ptr, req->tbs.len, NULL, 0,
			       mac);
	memzero_explicit(key, sizeof(key));
	if (ret)
		return ret;
	if (req->sig.len != 32 || crypto_memneq(mac, req->sig.ptr, 32))
		return -EBADMSG;
	return 0;
}

static int suit_verify_eddsa(const struct suit_auth_req *req)
{
#ifdef SUIT_HAVE_ED25519
	u8 pub[SUIT_ED25519_PUBKEY_SIZE];
	size_t len;
	int ret;

	ret = suit_user_key("ed25519", req->kid.ptr, req->kid.len, pub,
			    sizeof(pub), &len);
	if (ret)
		return ret == -EMSGSIZE ? -ENOENT : ret;
	if (len != sizeof(pub))
		return -ENOENT;
	if (req->sig.len != SUIT_ED25519_SIG_SIZE)
		return -EBADMSG;
	return suit_ed25519_verify(pub, req->tbs.ptr, req->tbs.len,
				   req->sig.ptr);
#else
	return -EOPNOTSUPP;
#endif
}

static int suit_verify_hss(const struct suit_auth_req *req)
{
#ifdef SUIT_HAVE_HSS
	u8 pub[SUIT_HSS_PUBKEY_SIZE];
	size_t len;
	int ret;

	ret = suit_user_key("hss", req->kid.ptr, req->kid.len, pub,
			    sizeof(pub), &len);
	if (ret)
		return ret == -EMSGSIZE ? -ENOENT : ret;
	return suit_hss_verify(pub, len, req->tbs.ptr, req->tbs.len,
			       req->sig.ptr, req->sig.len);
#else
	return -EOPNOTSUPP;
#endif
}

int suit_auth_verify(void *plat, const struct suit_auth_req *req)
{
	if (req->kind == SUIT_AUTH_MAC)
		return req->alg == SUIT_COSE_ALG_HMAC256 ?
			suit_verify_hmac(req) : -EOPNOTSUPP;
	switch (req->alg) {
	case SUIT_COSE_ALG_ES256:
	case SUIT_COSE_ALG_ESP256:
		return suit_verify_es256(req);
	case SUIT_COSE_ALG_EDDSA:
	case SUIT_COSE_ALG_ED25519:
		return suit_verify_eddsa(req);
	case SUIT_COSE_ALG_HSS_LMS:
		return suit_verify_hss(req);
	default:
		return -EOPNOTSUPP;
	}
}

/* ---- key unwrap -------------------------------------------------------- */

static int suit_kw_len(s32 alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_A128KW:
	case SUIT_COSE_ALG_ECDH_ES_A128KW:
		return 16;
	case SUIT_COSE_ALG_A192KW:
	case SUIT_COSE_ALG_ECDH_ES_A192KW:
		return 24;
	case SUIT_COSE_ALG_A256KW:
	case SUIT_COSE_ALG_ECDH_ES_A256KW:
		return 32;
	default:
		return 0;
	}
}

/* RFC 3394 unwrap of @wrapped with @kek into @cek. */
static int suit_aes_kw_unwrap(const u8 *kek, size_t kek_len,
			      const u8 *wrapped, size_t wlen, u8 *cek,
			      size_t *cek_len)
{
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 iv[8], *buf;
	int ret;

	if (wlen < 24 || wlen > SUIT_MAX_KEY_LEN + 8 || wlen % 8)
		return -EBADMSG;
	tfm = crypto_alloc_skcipher("kw(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm) == -ENOENT ? -EOPNOTSUPP : PTR_ERR(tfm);
	buf = kmalloc(wlen, GFP_KERNEL);
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req) {
		ret = -ENOMEM;
		goto out;
	}
	ret = crypto_skcipher_setkey(tfm, kek, kek_len);
	if (ret)
		goto out;
	memcpy(iv, wrapped, 8);
	memcpy(buf, wrapped + 8, wlen - 8);
	sg_init_one(&sg, buf, wlen - 8);
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(req, &sg, &sg, wlen - 8, iv);
	/* an integrity check failure is -EBADMSG */
	ret = crypto_wait_req(crypto_skcipher_decrypt(req), &wait);
	if (!ret) {
		memcpy(cek, buf, wlen - 8);
		*cek_len = wlen - 8;
	}
out:
	skcipher_request_free(req);
	kfree_sensitive(buf);
	crypto_free_skcipher(tfm);
	return ret;
}

/* ECDH P-256 shared secret of our private key and the peer's X||Y. */
static int suit_ecdh_p256(const u8 *priv, const u8 *peer, u8 secret[32])
{
	struct ecdh p = { .key = (char *)priv, .key_size = 32 };
	struct crypto_kpp *tfm;
	struct kpp_request *req;
	struct scatterlist in, out;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *pbuf = NULL, *peerbuf = NULL, *sbuf = NULL;
	unsigned int plen;
	int ret;

	tfm = crypto_alloc_kpp("ecdh-nist-p256", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm) == -ENOENT ? -EOPNOTSUPP : PTR_ERR(tfm);
	plen = crypto_ecdh_key_len(&p);
	pbuf = kmalloc(plen, GFP_KERNEL);
	peerbuf = kmemdup(peer, 64, GFP_KERNEL);
	sbuf = kmalloc(32, GFP_KERNEL);
	req = kpp_request_alloc(tfm, GFP_KERNEL);
	if (!pbuf || !peerbuf || !sbuf || !req) {
		ret = -ENOMEM;
		goto out;
	}
	ret = crypto_ecdh_encode_key(pbuf, plen, &p);
	if (!ret)
		ret = crypto_kpp_set_secret(tfm, pbuf, plen);
	if (ret)
		goto out;
	sg_init_one(&in, peerbuf, 64);
	sg_init_one(&out, sbuf, 32);
	kpp_request_set_input(req, &in, 64);
	kpp_request_set_output(req, &out, 32);
	kpp_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				 crypto_req_done, &wait);
	ret = crypto_wait_req(crypto_kpp_compute_shared_secret(req), &wait);
	if (!ret)
		memcpy(secret, sbuf, 32);
	else if (ret == -EINVAL)
		ret = -EBADMSG;	/* peer point not on the curve */
out:
	kpp_request_free(req);
	kfree_sensitive(pbuf);
	kfree(peerbuf);
	kfree_sensitive(sbuf);
	crypto_free_kpp(tfm);
	return ret;
}

int suit_cek_unwrap(void *plat, const struct suit_unwrap_req *req,
		    u8 *cek, size_t *cek_len)
{
	u8 kek[64], secret[32], prk[32], okm[32];
	static const u8 zero_salt[32], one = 1;
	int klen = suit_kw_len(req->alg);
	size_t len;
	int ret;

	if (!klen)
		return -EOPNOTSUPP;
	if (req->alg == SUIT_COSE_ALG_A128KW || req->alg == SUIT_COSE_ALG_A192KW ||
	    req->alg == SUIT_COSE_ALG_A256KW) {
		ret = suit_user_key("aeskw", req->kid.ptr, req->kid.len, kek,
				    sizeof(kek), &len);
		if (ret)
			return ret == -EMSGSIZE ? -ENOENT : ret;
		if (len != klen) {
			ret = -ENOENT;
			goto out;
		}
		ret = suit_aes_kw_unwrap(kek, len, req->wrapped.ptr,
					 req->wrapped.len, cek, cek_len);
		goto out;
	}
	/* ECDH-ES + HKDF-SHA-256 + AES-KW (RFC 9053 6.3.1) */
	if (req->peer_x.len != 32 || req->peer_y.len != 32)
		return -EBADMSG;
	ret = suit_user_key("ecdh", req->kid.ptr, req->kid.len, kek,
			    sizeof(kek), &len);
	if (ret)
		return ret == -EMSGSIZE ? -ENOENT : ret;
	if (len != 32) {
		ret = -ENOENT;
		goto out;
	}
	{
		u8 peer[64];

		memcpy(peer, req->peer_x.ptr, 32);
		memcpy(peer + 32, req->peer_y.ptr, 32);
		ret = suit_ecdh_p256(kek, peer, secret);
	}
	if (ret)
		goto out;
	/* HKDF-Extract then one Expand block: L <= 32 */
	if (req->salt.len)
		ret = suit_hmac_sha256(req->salt.ptr, req->salt.len, secret, 32,
				       NULL, 0, prk);
	else
		ret = suit_hmac_sha256(zero_salt, 32, secret, 32, NULL, 0, prk);
	if (!ret)
		ret = suit_hmac_sha256(prk, 32, req->kdf_context.ptr,
				       req->kdf_context.len, &one, 1, okm);
	if (!ret)
		ret = suit_aes_kw_unwrap(okm, klen, req->wrapped.ptr,
					 req->wrapped.len, cek, cek_len);
out:
	memzero_explicit(kek, sizeof(kek));
	memzero_explicit(secret, sizeof(secret));
	memzero_explicit(prk, sizeof(prk));
	memzero_explicit(okm, sizeof(okm));
	return ret;
}

/* ---- streaming decryption: AES-CTR, AES-GCM, ChaCha20/Poly1305 ------- */

#define SUIT_BOUNCE	4096

/**
 * struct suit_cipher - a streaming decryption
 * @tfm: ctr(aes)
 * @req: request on @tfm
 * @ctr: the next counter block
 * @ks: unused keystream of the last partial block (16 bytes for AES,
 *	64 for ChaCha20)
 * @ks_avail: bytes of @ks not used yet (at its end)
 * @ks_len: keystream block size
 * @bounce: linear kmalloc buffer for scatterlists
 * @gcm: GCM (else plain CTR)
 * @ghash: GHASH over AAD and ciphertext (GCM)
 * @gdesc: its descriptor
 * @ej0: E(K, J0), masks the tag (GCM)
 * @aad_len: AAD bytes
 * @ct_len: ciphertext bytes so far
 * @chacha: ChaCha20/Poly1305 (RFC 8439) from the kernel's crypto library
 * @cstate: ChaCha20 state
 * @poly: Poly1305 over AAD and ciphertext
 */
struct suit_cipher {
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	u8 ctr[16];
	u8 ks[CHACHA_BLOCK_SIZE];
	unsigned int ks_avail;
	unsigned int ks_len;
	u8 *bounce;
	bool gcm;
	struct crypto_shash *ghash;
	struct shash_desc *gdesc;
	u8 ej0[16];
	u64 aad_len;
	u64 ct_len;
	bool chacha;
	u32 cstate[16];
	struct poly1305_desc_ctx poly;
};

static void suit_cipher_free(struct suit_cipher *c)
{
	if (c->req)
		skcipher_request_free(c->req);
	if (!IS_ERR_OR_NULL(c->tfm))
		crypto_free_skcipher(c->tfm);
	kfree_sensitive(c->gdesc);
	if (!IS_ERR_OR_NULL(c->ghash))
		crypto_free_shash(c->ghash);
	kfree_sensitive(c->bounce);
	kfree_sensitive(c);
}

/* CTR-process @len (multiple of 16, <= SUIT_BOUNCE) bytes in c->bounce. */
static int suit_ctr_blocks(struct suit_cipher *c, size_t len)
{
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);

	sg_init_one(&sg, c->bounce, len);
	skcipher_request_set_callback(c->req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	/* ctr(aes) advances the IV buffer it is given */
	skcipher_request_set_crypt(c->req, &sg, &sg, len, c->ctr);
	return crypto_wait_req(crypto_skcipher_encrypt(c->req), &wait);
}

static int suit_gcm_pad(struct suit_cipher *c, u64 len)
{
	static const u8 zeros[16];
	unsigned int pad = (16 - (len & 15)) & 15;

	return pad ? crypto_shash_update(c->gdesc, zeros, pad) : 0;
}

static int suit_gcm_setup(struct suit_cipher *c, const struct suit_cipher_req *r)
{
	u8 h[16];
	int ret;

	if (r->iv.len != 12)
		return -EINVAL;
	/* H = E(K, 0^128): CTR keystream of counter 0 */
	memset(c->ctr, 0, 16);
	memset(c->bounce, 0, 16);
	ret = suit_ctr_blocks(c, 16);
	if (ret)
		return ret;
	memcpy(h, c->bounce, 16);
	/* J0 = IV || 0^31 || 1; E(K, J0) masks the tag; data from inc32(J0) */
	memcpy(c->ctr, r->iv.ptr, 12);
	put_unaligned_be32(1, c->ctr + 12);
	memset(c->bounce, 0, 16);
	ret = suit_ctr_blocks(c, 16);
	if (ret)
		return ret;
	memcpy(c->ej0, c->bounce, 16);	/* c->ctr is now inc32(J0) */

	c->ghash = crypto_alloc_shash("ghash", 0, 0);
	if (IS_ERR(c->ghash))
		return PTR_ERR(c->ghash) == -ENOENT ? -EOPNOTSUPP :
			PTR_ERR(c->ghash);
	c->gdesc = kzalloc(sizeof(*c->gdesc) + crypto_shash_descsize(c->ghash),
			   GFP_KERNEL);
	if (!c->gdesc)
		return -ENOMEM;
	c->gdesc->tfm = c->ghash;
	ret = crypto_shash_setkey(c->ghash, h, 16);
	memzero_explicit(h, sizeof(h));
	if (!ret)
		ret = crypto_shash_init(c->gdesc);
	if (!ret && r->aad.len)
		ret = crypto_shash_update(c->gdesc, r->aad.ptr, r->aad.len);
	if (!ret)
		ret = suit_gcm_pad(c, r->aad.len);
	c->aad_len = r->aad.len;
	return ret;
}

static void suit_poly_pad(struct suit_cipher *c, u64 len)
{
	static const u8 zeros[16];
	unsigned int pad = (16 - (len & 15)) & 15;

	if (pad)
		poly1305_update_generic(&c->poly, zeros, pad);
}

/* RFC 8439 2.8: Poly1305 key from block 0, data from block counter 1. */
static int suit_chacha_setup(struct suit_cipher *c,
			     const struct suit_cipher_req *r)
{
	static const u8 zeros[CHACHA_BLOCK_SIZE];
	u8 iv[CHACHA_IV_SIZE] = {}, block0[CHACHA_BLOCK_SIZE];
	u32 key[(CHACHA_KEY_SIZE / 4)];
	int i;

	if (r->key.len != CHACHA_KEY_SIZE || r->iv.len != 12)
		return -EINVAL;
	for (i = 0; i < (CHACHA_KEY_SIZE / 4); i++)
		key[i] = get_unaligned_le32(r->key.ptr + 4 * i);
	memcpy(iv + 4, r->iv.ptr, 12);
	chacha_init_generic(c->cstate, key, iv);
	chacha_crypt_generic(c->cstate, block0, zeros, sizeof(block0), 20);
	poly1305_init_generic(&c->poly, block0);
	memzero_explicit(block0, sizeof(block0));
	memzero_explicit(key, sizeof(key));
	if (r->aad.len)
		poly1305_update_generic(&c->poly, r->aad.ptr, r->aad.len);
	suit_poly_pad(c, r->aad.len);
	c->aad_len = r->aad.len;
	c->chacha = true;
	c->ks_len = CHACHA_BLOCK_SIZE;
	return 0;
}

int suit_cipher_init(void *plat, const struct suit_cipher_req *req, void **ctx)
{
	struct suit_cipher *c;
	int ret;

	switch (req->alg) {
	case SUIT_COSE_ALG_A128GCM:
	case SUIT_COSE_ALG_A192GCM:
	case SUIT_COSE_ALG_A256GCM:
	case SUIT_COSE_ALG_A128CTR:
	case SUIT_COSE_ALG_A192CTR:
	case SUIT_COSE_ALG_A256CTR:
		break;
	case SUIT_COSE_ALG_CHACHA20_POLY1305:
		c = kzalloc(sizeof(*c), GFP_KERNEL);
		if (!c)
			return -ENOMEM;
		ret = suit_chacha_setup(c, req);
		if (ret) {
			kfree_sensitive(c);
			return ret;
		}
		*ctx = c;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
	if (req->key.len != 16 && req->key.len != 24 && req->key.len != 32)
		return -EINVAL;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->ks_len = 16;
	c->bounce = kmalloc(SUIT_BOUNCE, GFP_KERNEL);
	c->tfm = crypto_alloc_skcipher("ctr(aes)", 0, 0);
	if (!c->bounce || IS_ERR(c->tfm)) {
		ret = c->bounce ? PTR_ERR(c->tfm) : -ENOMEM;
		goto fail;
	}
	c->req = skcipher_request_alloc(c->tfm, GFP_KERNEL);
	if (!c->req) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = crypto_skcipher_setkey(c->tfm, req->key.ptr, req->key.len);
	if (ret)
		goto fail;
	c->gcm = req->alg > 0;
	if (c->gcm)
		ret = suit_gcm_setup(c, req);
	else if (req->iv.len == 16)
		memcpy(c->ctr, req->iv.ptr, 16);
	else
		ret = -EINVAL;
	if (ret)
		goto fail;
	*ctx = c;
	return 0;
fail:
	suit_cipher_free(c);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_cipher_init);

int suit_cipher_update(void *plat, void *ctx, const u8 *in, u8 *out,
		       size_t len)
{
	struct suit_cipher *c = ctx;
	int ret;

	if (c->gcm) {
		ret = suit_shash_feed(c->gdesc, in, len);
		if (ret)
			return ret;
		c->ct_len += len;
	}
	if (c->chacha) {
		static const u8 zeros[CHACHA_BLOCK_SIZE];
		size_t i, n;

		poly1305_update_generic(&c->poly, in, len);
		c->ct_len += len;
		while (len) {
			if (!c->ks_avail) {
				chacha_crypt_generic(c->cstate, c->ks, zeros,
						     CHACHA_BLOCK_SIZE, 20);
				c->ks_avail = CHACHA_BLOCK_SIZE;
			}
			n = min_t(size_t, len, c->ks_avail);
			for (i = 0; i < n; i++)
				out[i] = in[i] ^
					 c->ks[CHACHA_BLOCK_SIZE - c->ks_avail + i];
			c->ks_avail -= n;
			in += n;
			out += n;
			len -= n;
		}
		return 0;
	}
	while (len) {
		size_t n, i;

		if (c->ks_avail) {
			const u8 *ks = c->ks + 16 - c->ks_avail;

			n = min_t(size_t, len, c->ks_avail);
			for (i = 0; i < n; i++)
				out[i] = in[i] ^ ks[i];
			c->ks_avail -= n;
		} else if (len >= 16) {
			n = min_t(size_t, len & ~(size_t)15, SUIT_BOUNCE);
			memcpy(c->bounce, in, n);
			ret = suit_ctr_blocks(c, n);
			if (ret)
				return ret;
			memcpy(out, c->bounce, n);
		} else {
			memset(c->bounce, 0, 16);
			ret = suit_ctr_blocks(c, 16);
			if (ret)
				return ret;
			memcpy(c->ks, c->bounce, 16);
			c->ks_avail = 16;
			continue;
		}
		in += n;
		out += n;
		len -= n;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_cipher_update);

int suit_cipher_final(void *plat, void *ctx, struct suit_buf tag)
{
	struct suit_cipher *c = ctx;
	u8 lens[16], s[16];
	int ret = 0, i;

	if (c->chacha && tag.ptr) {
		put_unaligned_le64(c->aad_len, lens);
		put_unaligned_le64(c->ct_len, lens + 8);
		suit_poly_pad(c, c->ct_len);
		poly1305_update_generic(&c->poly, lens, 16);
		poly1305_final_generic(&c->poly, s);
		if (tag.len != 16 || crypto_memneq(s, tag.ptr, 16))
			ret = -EBADMSG;
		memzero_explicit(s, sizeof(s));
	}
	if (c->gcm && tag.ptr) {
		put_unaligned_be64(c->aad_len * 8, lens);
		put_unaligned_be64(c->ct_len * 8, lens + 8);
		ret = suit_gcm_pad(c, c->ct_len);
		if (!ret)
			ret = crypto_shash_update(c->gdesc, lens, 16);
		if (!ret)
			ret = crypto_shash_final(c->gdesc, s);
		if (!ret) {
			for (i = 0; i < 16; i++)
				s[i] ^= c->ej0[i];
			if (tag.len < 12 || tag.len > 16 ||
			    crypto_memneq(s, tag.ptr, tag.len))
				ret = -EBADMSG;
		}
		memzero_explicit(s, sizeof(s));
	}
	suit_cipher_free(c);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_cipher_final);

/**
 * suit_crypto_caps() - SUIT_CAP_* bits this build supports
 *
 * Return: the bits.
 */
u32 suit_crypto_caps(void)
{
	u32 caps = SUIT_CAP_ES256 | SUIT_CAP_HMAC256 | SUIT_CAP_AES_KW |
		   SUIT_CAP_ECDH_ES_KW | SUIT_CAP_AES_GCM | SUIT_CAP_AES_CTR |
		   SUIT_CAP_CHACHA20 | SUIT_CAP_MTD_NAND;

#ifdef SUIT_HAVE_ED25519
	caps |= SUIT_CAP_EDDSA;
#endif
#ifdef SUIT_HAVE_HSS
	caps |= SUIT_CAP_HSS_LMS;
#endif
	return caps;
}
