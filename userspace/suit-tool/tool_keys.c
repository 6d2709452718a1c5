// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: key loading and the raw COSE signature primitives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <suit/sw_crypto.h>

#include "hss_sign.h"
#include "tool_keys.h"
#include "tool_util.h"

int tool_key_default_kid(EVP_PKEY *pkey, uint8_t kid[20])
{
	X509_PUBKEY *xp = NULL;
	const unsigned char *pk;
	int pklen;
	uint8_t md[32];
	size_t n;

	if (!X509_PUBKEY_set(&xp, pkey))
		return -1;
	if (!X509_PUBKEY_get0_param(NULL, &pk, &pklen, NULL, xp) ||
	    tool_hash(-16, pk, pklen, md, &n)) {
		X509_PUBKEY_free(xp);
		return -1;
	}
	X509_PUBKEY_free(xp);
	memcpy(kid, md, 20);
	return 0;
}

static int classify(struct tool_key *k, EVP_PKEY *pkey, bool priv)
{
	if (EVP_PKEY_is_a(pkey, "ED25519")) {
		k->kind = TK_ED25519;
	} else if (EVP_PKEY_is_a(pkey, "EC")) {
		char grp[64];
		size_t gl;

		if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME,
						    grp, sizeof(grp), &gl) ||
		    (strcmp(grp, "prime256v1") && strcmp(grp, "P-256")))
			return -1;
		k->kind = TK_P256;
	} else {
		return -1;
	}
	k->pkey = pkey;
	k->priv = priv;
	return 0;
}

static EVP_PKEY *ec_from_coords(const uint8_t *x, const uint8_t *y, const uint8_t *d,
				size_t dlen)
{
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	OSSL_PARAM *p;
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pkey = NULL;
	uint8_t pub[65];
	BIGNUM *bn = NULL;

	pub[0] = 4;
	memcpy(pub + 1, x, 32);
	memcpy(pub + 33, y, 32);
	OSSL_PARAM_BLD_push_utf8_string(b, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
	OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY, pub, 65);
	if (d) {
		bn = BN_bin2bn(d, (int)dlen, NULL);
		OSSL_PARAM_BLD_push_BN(b, OSSL_PKEY_PARAM_PRIV_KEY, bn);
	}
	p = OSSL_PARAM_BLD_to_param(b);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (ctx && EVP_PKEY_fromdata_init(ctx) > 0)
		EVP_PKEY_fromdata(ctx, &pkey, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, p);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(p);
	OSSL_PARAM_BLD_free(b);
	BN_free(bn);
	return pkey;
}

static int load_cose_key(struct tool_key *k, const uint8_t *buf, size_t len)
{
	struct tc *m = tc_decode(buf, len, NULL), *kty, *kid, *x, *y, *d;
	EVP_PKEY *pkey = NULL;
	int r = -1;

	kty = tc_map_get_i(m, 1);	/* NULL-safe */
	if (!kty || !tc_is_int(kty))
		goto out;
	kid = tc_map_get_i(m, 2);
	x = tc_map_get_i(m, -2);
	y = tc_map_get_i(m, -3);
	d = tc_map_get_i(m, -4);
	switch (tc_get_int(kty)) {
	case 2:
		if (!x || !y || x->type != TC_BSTR || y->type != TC_BSTR ||
		    x->len != 32 || y->len != 32 || (d && (d->type != TC_BSTR || d->len > 32)))
			goto out;
		pkey = ec_from_coords(x->bytes, y->bytes, d ? d->bytes : NULL, d ? d->len : 0);
		if (!pkey || classify(k, pkey, d != NULL))
			goto out;
		break;
	case 1:
		if (!x || x->type != TC_BSTR || x->len != 32)
			goto out;
		if (d && d->type == TC_BSTR && d->len == 32)
			pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, d->bytes, 32);
		else
			pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, x->bytes, 32);
		if (!pkey || classify(k, pkey, d != NULL))
			goto out;
		break;
	case 4:
		x = tc_map_get_i(m, -1);
		if (!x || x->type != TC_BSTR || !x->len || x->len > sizeof(k->secret))
			goto out;
		k->kind = TK_SECRET;
		k->priv = true;
		memcpy(k->secret, x->bytes, x->len);
		k->secret_len = x->len;
		break;
	default:
		goto out;
	}
	pkey = NULL;
	if (kid && kid->type == TC_BSTR && kid->len <= sizeof(k->kid)) {
		memcpy(k->kid, kid->bytes, kid->len);
		k->kid_len = kid->len;
		k->kid_explicit = true;
	}
	r = 0;
out:
	EVP_PKEY_free(pkey);
	tc_free(m);
	return r;
}

static int set_cert(struct tool_key *k, X509 *x)
{
	EVP_PKEY *pkey = X509_get_pubkey(x);
	const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(x);

	if (!pkey || classify(k, pkey, false)) {
		EVP_PKEY_free(pkey);
		return -1;
	}
	if (ski && (size_t)ASN1_STRING_length(ski) <= sizeof(k->kid)) {
		memcpy(k->kid, ASN1_STRING_get0_data(ski), ASN1_STRING_length(ski));
		k->kid_len = ASN1_STRING_length(ski);
		k->kid_explicit = true;
	}
	return 0;
}

int tool_key_load(const char *cmd, const char *path, struct tool_key *k)
{
	size_t len, i, n = 0;
	uint8_t *buf = tool_read_file(cmd, path, &len);
	const unsigned char *p;
	EVP_PKEY *pkey;
	BIO *bio;
	X509 *x;
	char *hex;
	uint8_t kid[20];

	memset(k, 0, sizeof(*k));
	if (!buf)
		return -1;
	if (len > 8 && !memcmp(buf, "SUITHSS1", 8)) {	/* hss_sign.h private key */
		k->kind = TK_HSS;
		k->priv = true;
		k->path = xstrdup(path);
		if (hss_public_key(path, k->secret)) {
			tool_err(cmd, "%s: unreadable HSS-LMS private key", path);
			free(buf);
			return -1;
		}
		k->secret_len = SUIT_HSS_PUBKEY_SIZE;
		free(buf);
		goto hss_kid;
	}
	if (len == SUIT_HSS_PUBKEY_SIZE && buf[0] == 0 && buf[1] == 0 && buf[2] == 0 &&
	    buf[3] >= 1 && buf[3] <= 8) {	/* raw HSS public key u32 L || ... */
		k->kind = TK_HSS;
		memcpy(k->secret, buf, len);
		k->secret_len = len;
		free(buf);
		goto hss_kid;
	}
	if (strstr((char *)buf, "-----BEGIN")) {
		bio = BIO_new_mem_buf(buf, (int)len);
		if (strstr((char *)buf, "CERTIFICATE")) {
			x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
			if (x && !set_cert(k, x)) {
				X509_free(x);
				goto ok_bio;
			}
			X509_free(x);
		} else if (strstr((char *)buf, "PUBLIC KEY")) {
			pkey = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
			if (pkey && !classify(k, pkey, false))
				goto ok_bio;
			EVP_PKEY_free(pkey);
		} else {
			pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
			if (pkey && !classify(k, pkey, true))
				goto ok_bio;
			EVP_PKEY_free(pkey);
		}
		BIO_free(bio);
		tool_err(cmd, "%s: not a P-256 or Ed25519 key/certificate", path);
		free(buf);
		return -1;
ok_bio:
		BIO_free(bio);
		goto ok;
	}
	if (len && buf[0] == 0x30) {
		p = buf;
		x = d2i_X509(NULL, &p, (long)len);
		if (x && p == buf + len && !set_cert(k, x)) {
			X509_free(x);
			goto ok;
		}
		X509_free(x);
		p = buf;
		pkey = d2i_PUBKEY(NULL, &p, (long)len);
		if (pkey && !classify(k, pkey, false))
			goto ok;
		EVP_PKEY_free(pkey);
		p = buf;
		pkey = d2i_AutoPrivateKey(NULL, &p, (long)len);
		if (pkey && !classify(k, pkey, true))
			goto ok;
		EVP_PKEY_free(pkey);
	}
	if (len && (buf[0] & 0xe0) == 0xa0 && !load_cose_key(k, buf, len))
		goto ok;
	/* hex secret? */
	hex = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\r' && buf[i] != '\t')
			hex[n++] = buf[i];
	hex[n] = 0;
	if (n && n % 2 == 0 && (n / 2 == 16 || n / 2 == 24 || n / 2 == 32 || n / 2 == 64) &&
	    tool_unhex(hex, k->secret, sizeof(k->secret)) > 0) {
		free(hex);
		k->kind = TK_SECRET;
		k->priv = true;
		k->secret_len = n / 2;
		free(buf);
		return 0;
	}
	free(hex);
	if (len == 16 || len == 24 || len == 32 || len == 64) {
		k->kind = TK_SECRET;
		k->priv = true;
		memcpy(k->secret, buf, len);
		k->secret_len = len;
		free(buf);
		return 0;
	}
	tool_err(cmd, "%s: unrecognised key file (PEM, DER, COSE_Key or a 16/24/32/64-byte secret)",
		 path);
	free(buf);
	return -1;
hss_kid:
	if (k->kind == TK_HSS) {
		uint8_t md[32];
		size_t n;

		/* kid of an HSS key: first 20 bytes of SHA-256(public key) */
		tool_hash(-16, k->secret, k->secret_len, md, &n);
		memcpy(k->kid, md, 20);
		k->kid_len = 20;
		return 0;
	}
ok:
	free(buf);
	if (!k->kid_len && k->pkey && !tool_key_default_kid(k->pkey, kid)) {
		memcpy(k->kid, kid, 20);
		k->kid_len = 20;
	}
	return 0;
}

void tool_key_free(struct tool_key *k)
{
	EVP_PKEY_free(k->pkey);
	free(k->path);
	OPENSSL_cleanse(k->secret, sizeof(k->secret));
	memset(k, 0, sizeof(*k));
}

struct tc *tool_cose_key(EVP_PKEY *pkey, bool with_private, const uint8_t *kid,
			 size_t kid_len)
{
	struct tc *m = tc_map();
	uint8_t buf[133];
	size_t n;
	BIGNUM *d = NULL;

	if (EVP_PKEY_is_a(pkey, "ED25519")) {
		tc_put_i(m, 1, tc_int(1));
		tc_put_i(m, -1, tc_int(6));
		n = 32;
		EVP_PKEY_get_raw_public_key(pkey, buf, &n);
		tc_put_i(m, -2, tc_bstr(buf, n));
		n = 32;
		if (with_private && EVP_PKEY_get_raw_private_key(pkey, buf, &n))
			tc_put_i(m, -4, tc_bstr(buf, n));
	} else {
		tc_put_i(m, 1, tc_int(2));
		tc_put_i(m, -1, tc_int(1));
		if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, buf,
						     sizeof(buf), &n) || n != 65) {
			tc_free(m);
			return NULL;
		}
		tc_put_i(m, -2, tc_bstr(buf + 1, 32));
		tc_put_i(m, -3, tc_bstr(buf + 33, 32));
		if (with_private && EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d)) {
			BN_bn2binpad(d, buf, 32);
			tc_put_i(m, -4, tc_bstr(buf, 32));
			BN_clear_free(d);
		}
	}
	if (kid_len)
		tc_put_i(m, 2, tc_bstr(kid, kid_len));
	return m;
}

int tool_default_alg(const struct tool_key *k)
{
	switch (k->kind) {
	case TK_P256: return -9;
	case TK_ED25519: return -19;
	case TK_SECRET: return 5;
	case TK_HSS: return -46;
	default: return 0;
	}
}

int tool_sign_raw(const struct tool_key *k, int alg, const uint8_t *msg,
		  size_t len, uint8_t *sig, size_t *sig_len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t der[128];
	size_t dl = sizeof(der);
	const unsigned char *p = der;
	ECDSA_SIG *es;
	const BIGNUM *r, *s;
	int ok = 0;

	if (k->kind == TK_P256 && (alg == -7 || alg == -9)) {
		if (EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) > 0 &&
		    EVP_DigestSign(ctx, der, &dl, msg, len) > 0) {
			es = d2i_ECDSA_SIG(NULL, &p, (long)dl);
			if (es) {
				ECDSA_SIG_get0(es, &r, &s);
				BN_bn2binpad(r, sig, 32);
				BN_bn2binpad(s, sig + 32, 32);
				*sig_len = 64;
				ECDSA_SIG_free(es);
				ok = 1;
			}
		}
	} else if (k->kind == TK_HSS && alg == -46 && k->path) {
		ok = !hss_sign_file(k->path, NULL, msg, len, sig, TOOL_MAX_SIG, sig_len);
	} else if (k->kind == TK_ED25519 && (alg == -8 || alg == -19)) {
		*sig_len = 64;
		ok = EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) > 0 &&
		     EVP_DigestSign(ctx, sig, sig_len, msg, len) > 0;
	}
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

int tool_verify_raw(const struct tool_key *k, int alg, const uint8_t *msg,
		    size_t len, const uint8_t *sig, size_t sig_len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char *der = NULL;
	ECDSA_SIG *es;
	int dl, ok = 0;

	if (k->kind == TK_P256 && (alg == -7 || alg == -9) && sig_len == 64) {
		es = ECDSA_SIG_new();
		ECDSA_SIG_set0(es, BN_bin2bn(sig, 32, NULL), BN_bin2bn(sig + 32, 32, NULL));
		dl = i2d_ECDSA_SIG(es, &der);
		ECDSA_SIG_free(es);
		ok = dl > 0 && EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, k->pkey) > 0 &&
		     EVP_DigestVerify(ctx, der, dl, msg, len) == 1;
		OPENSSL_free(der);
	} else if (k->kind == TK_HSS && alg == -46) {
		ok = !suit_hss_verify(k->secret, k->secret_len, msg, len, sig, sig_len);
	} else if (k->kind == TK_ED25519 && (alg == -8 || alg == -19) && sig_len == 64) {
		ok = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k->pkey) > 0 &&
		     EVP_DigestVerify(ctx, sig, sig_len, msg, len) == 1;
	}
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok ? 0 : -1;
}

int tool_hmac(const uint8_t *key, size_t key_len, int alg, const uint8_t *msg,
	      size_t len, uint8_t *out, size_t *out_len)
{
	const EVP_MD *md = alg == 5 ? EVP_sha256() : alg == 6 ? EVP_sha384() :
			   alg == 7 ? EVP_sha512() : NULL;
	unsigned int n;

	if (!md || !HMAC(md, key, (int)key_len, msg, len, out, &n))
		return -1;
	*out_len = n;
	return 0;
}
