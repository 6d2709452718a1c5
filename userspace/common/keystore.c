// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-memory key store for the userspace homes of lib/: trust anchors and
 * device keys read from PEM/DER/X.509/COSE_Key/raw files. See keystore.h
 * for the kid policy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <suit/platform.h>
#include "keystore.h"

struct suit_keystore {
	struct suit_key *keys;
	size_t n;
	size_t cap;
};

struct suit_keystore *suit_keystore_new(void)
{
	return calloc(1, sizeof(struct suit_keystore));
}

void suit_keystore_free(struct suit_keystore *ks)
{
	size_t i;

	if (!ks)
		return;
	for (i = 0; i < ks->n; i++) {
		EVP_PKEY_free(ks->keys[i].evp_pkey);
		OPENSSL_cleanse(ks->keys[i].secret, sizeof(ks->keys[i].secret));
	}
	free(ks->keys);
	free(ks);
}

size_t suit_keystore_count(const struct suit_keystore *ks)
{
	return ks ? ks->n : 0;
}

static struct suit_key *ks_push(struct suit_keystore *ks, enum suit_key_type type,
				const uint8_t *kid, size_t kid_len)
{
	struct suit_key *k;

	if (kid_len > SUIT_KS_MAX_KID)
		return NULL;
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 8;
		struct suit_key *nk = realloc(ks->keys, cap * sizeof(*nk));

		if (!nk)
			return NULL;
		ks->keys = nk;
		ks->cap = cap;
	}
	k = &ks->keys[ks->n];
	memset(k, 0, sizeof(*k));
	k->type = type;
	if (kid_len)
		memcpy(k->kid, kid, kid_len);
	k->kid_len = kid_len;
	ks->n++;
	return k;
}

int suit_keystore_add_secret(struct suit_keystore *ks, enum suit_key_type type,
			     const uint8_t *key, size_t key_len,
			     const uint8_t *kid, size_t kid_len)
{
	struct suit_key *k;

	if (!ks || key_len == 0 || key_len > sizeof(k->secret))
		return -EINVAL;
	if (type == SUIT_KEY_AES_KW && key_len != 16 && key_len != 24 && key_len != 32)
		return -EINVAL;
	if (type != SUIT_KEY_AES_KW && type != SUIT_KEY_HMAC &&
	    type != SUIT_KEY_HSS_LMS_PUB)
		return -EINVAL;
	k = ks_push(ks, type, kid, kid_len);
	if (!k)
		return -ENOMEM;
	memcpy(k->secret, key, key_len);
	k->secret_len = key_len;
	return 1;
}

static bool pkey_is_p256(EVP_PKEY *pk)
{
	char name[64];
	size_t len = 0;

	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC)
		return false;
	if (!EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
					    name, sizeof(name), &len))
		return false;
	return !strcmp(name, "prime256v1") || !strcmp(name, "P-256") ||
	       !strcmp(name, "secp256r1");
}

static bool pkey_has_private(EVP_PKEY *pk)
{
	BIGNUM *d = NULL;
	bool ok = EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1;

	BN_clear_free(d);
	return ok;
}

int suit_keystore_add_pkey(struct suit_keystore *ks, void *evp_pkey,
			   const uint8_t *kid, size_t kid_len)
{
	EVP_PKEY *pk = evp_pkey;
	enum suit_key_type type;
	struct suit_key *k;

	if (!ks || !pk)
		return -EINVAL;
	if (pkey_is_p256(pk))
		type = pkey_has_private(pk) ? SUIT_KEY_EC_P256_PRIV : SUIT_KEY_EC_P256_PUB;
	else if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_ED25519)
		type = SUIT_KEY_ED25519_PUB;
	else
		return -EOPNOTSUPP;
	k = ks_push(ks, type, kid, kid_len);
	if (!k)
		return -ENOMEM;
	if (!EVP_PKEY_up_ref(pk)) {
		ks->n--;
		return -ENOMEM;
	}
	k->evp_pkey = pk;
	return 1;
}

/* ---- X.509 / PEM / DER ------------------------------------------------ */

static int add_x509(struct suit_keystore *ks, X509 *x, const uint8_t *kid,
		    size_t kid_len)
{
	EVP_PKEY *pk = X509_get0_pubkey(x);
	const ASN1_OCTET_STRING *ski;

	if (!pk)
		return -EINVAL;
	if (!kid) {
		ski = X509_get0_subject_key_id(x);
		if (ski && ASN1_STRING_length(ski) > 0 &&
		    ASN1_STRING_length(ski) <= SUIT_KS_MAX_KID) {
			kid = ASN1_STRING_get0_data(ski);
			kid_len = (size_t)ASN1_STRING_length(ski);
		}
	}
	return suit_keystore_add_pkey(ks, pk, kid, kid_len);
}

/* Parse one DER object: certificate, SubjectPublicKeyInfo or private key. */
static int add_der(struct suit_keystore *ks, const uint8_t *der, long len,
		   const uint8_t *kid, size_t kid_len, const char *hint)
{
	const unsigned char *p;
	EVP_PKEY *pk;
	X509 *x;
	int ret;

	if (!hint || !strcmp(hint, "CERTIFICATE")) {
		p = der;
		x = d2i_X509(NULL, &p, len);
		if (x && p == der + len) {
			ret = add_x509(ks, x, kid, kid_len);
			X509_free(x);
			return ret;
		}
		X509_free(x);
	}
	if (!hint || !strcmp(hint, "PUBLIC KEY")) {
		p = der;
		pk = d2i_PUBKEY(NULL, &p, len);
		if (pk && p == der + len) {
			ret = suit_keystore_add_pkey(ks, pk, kid, kid_len);
			EVP_PKEY_free(pk);
			return ret;
		}
		EVP_PKEY_free(pk);
	}
	if (!hint || strstr(hint, "PRIVATE KEY")) {
		p = der;
		pk = d2i_AutoPrivateKey(NULL, &p, len);
		if (pk && p == der + len) {
			ret = suit_keystore_add_pkey(ks, pk, kid, kid_len);
			EVP_PKEY_free(pk);
			return ret;
		}
		EVP_PKEY_free(pk);
	}
	return -EINVAL;
}

static int add_pem(struct suit_keystore *ks, const uint8_t *buf, size_t len,
		   const uint8_t *kid, size_t kid_len)
{
	BIO *bio = BIO_new_mem_buf(buf, (int)len);
	int total = 0, ret = 0;

	if (!bio)
		return -ENOMEM;
	for (;;) {
		char *name = NULL, *header = NULL;
		unsigned char *data = NULL;
		long dlen = 0;

		if (!PEM_read_bio(bio, &name, &header, &data, &dlen))
			break;
		if (!strcmp(name, "CERTIFICATE") || !strcmp(name, "PUBLIC KEY") ||
		    strstr(name, "PRIVATE KEY")) {
			ret = add_der(ks, data, dlen, kid, kid_len,
				      !strcmp(name, "CERTIFICATE") ||
				      !strcmp(name, "PUBLIC KEY") ? name : "PRIVATE KEY");
			if (ret > 0)
				total += ret;
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		if (ret < 0)
			break;
	}
	ERR_clear_error();
	BIO_free(bio);
	if (ret < 0)
		return ret;
	return total ? total : -EINVAL;
}

/* ---- COSE_Key (a minimal CBOR reader; userspace only) ----------------- */

struct mini_cbor {
	const uint8_t *p, *end;
};

static int mc_head(struct mini_cbor *c, int *mt, uint64_t *val)
{
	uint8_t ib, ai;
	int n, i;

	if (c->p >= c->end)
		return -EINVAL;
	ib = *c->p++;
	*mt = ib >> 5;
	ai = ib & 0x1f;
	if (ai < 24) {
		*val = ai;
		return 0;
	}
	if (ai > 27)
		return -EINVAL;
	n = 1 << (ai - 24);
	if (c->end - c->p < n)
		return -EINVAL;
	*val = 0;
	for (i = 0; i < n; i++)
		*val = *val << 8 | *c->p++;
	return 0;
}

static int mc_skip(struct mini_cbor *c, int depth)
{
	uint64_t v, i;
	int mt, ret;

	if (depth > 16)
		return -EINVAL;
	ret = mc_head(c, &mt, &v);
	if (ret)
		return ret;
	switch (mt) {
	case 0: case 1: case 7:
		return 0;
	case 2: case 3:
		if ((uint64_t)(c->end - c->p) < v)
			return -EINVAL;
		c->p += v;
		return 0;
	case 4: case 5:
		if (v > (uint64_t)(c->end - c->p))
			return -EINVAL;
		for (i = 0; i < (mt == 5 ? 2 * v : v); i++) {
			ret = mc_skip(c, depth + 1);
			if (ret)
				return ret;
		}
		return 0;
	case 6:
		return mc_skip(c, depth + 1);
	}
	return -EINVAL;
}

static int mc_int(struct mini_cbor *c, int64_t *out)
{
	uint64_t v;
	int mt, ret = mc_head(c, &mt, &v);

	if (ret)
		return ret;
	if ((mt != 0 && mt != 1) || v > INT64_MAX)
		return -EINVAL;
	*out = mt ? -1 - (int64_t)v : (int64_t)v;
	return 0;
}

static int mc_bstr(struct mini_cbor *c, const uint8_t **ptr, size_t *len)
{
	uint64_t v;
	int mt, ret = mc_head(c, &mt, &v);

	if (ret)
		return ret;
	if (mt != 2 || (uint64_t)(c->end - c->p) < v)
		return -EINVAL;
	*ptr = c->p;
	*len = v;
	c->p += v;
	return 0;
}

static EVP_PKEY *ec_p256_from_xyd(const uint8_t *x, const uint8_t *y,
				  const uint8_t *d, size_t dlen)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *pctx = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY *pk = NULL;
	uint8_t pub[65];
	BIGNUM *bn = NULL;

	if (!bld)
		return NULL;
	pub[0] = 4;
	memcpy(pub + 1, x, 32);
	memcpy(pub + 33, y, 32);
	if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     "prime256v1", 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
					      sizeof(pub)))
		goto out;
	if (d) {
		bn = BN_bin2bn(d, (int)dlen, NULL);
		if (!bn || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn))
			goto out;
	}
	params = OSSL_PARAM_BLD_to_param(bld);
	pctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !pctx || EVP_PKEY_fromdata_init(pctx) <= 0)
		goto out;
	if (EVP_PKEY_fromdata(pctx, &pk, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
			      params) <= 0)
		pk = NULL;
out:
	EVP_PKEY_CTX_free(pctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(bn);
	return pk;
}

/* One COSE_Key map (the cursor is at its head). */
static int add_cose_key(struct suit_keystore *ks, struct mini_cbor *c,
			const uint8_t *okid, size_t okid_len)
{
	const uint8_t *kid = NULL, *x = NULL, *y = NULL, *d = NULL, *k = NULL;
	size_t kid_len = 0, xl = 0, yl = 0, dl = 0, kl = 0;
	int64_t kty = 0, alg = 0, crv = 0, label;
	uint64_t pairs, i;
	EVP_PKEY *pk = NULL;
	int mt, ret;

	ret = mc_head(c, &mt, &pairs);
	if (ret || mt != 5)
		return -EINVAL;
	for (i = 0; i < pairs; i++) {
		struct mini_cbor save = *c;
		int kmt;
		uint64_t kv;

		/* Text labels are skipped. */
		ret = mc_head(&save, &kmt, &kv);
		if (ret)
			return ret;
		if (kmt != 0 && kmt != 1) {
			if (mc_skip(c, 0) || mc_skip(c, 0))
				return -EINVAL;
			continue;
		}
		if (mc_int(c, &label))
			return -EINVAL;
		switch (label) {
		case 1:
			ret = mc_int(c, &kty);
			break;
		case 2:
			ret = mc_bstr(c, &kid, &kid_len);
			break;
		case 3:
			ret = mc_int(c, &alg);
			if (ret) /* text alg names: ignore */
				ret = 0;
			break;
		case -1:
			if (kty == 4)
				ret = mc_bstr(c, &k, &kl);
			else
				ret = mc_int(c, &crv);
			break;
		case -2:
			ret = mc_bstr(c, &x, &xl);
			break;
		case -3:
			ret = mc_bstr(c, &y, &yl);
			break;
		case -4:
			ret = mc_bstr(c, &d, &dl);
			break;
		default:
			ret = mc_skip(c, 0);
			break;
		}
		if (ret)
			return -EINVAL;
	}
	if (okid) {
		kid = okid;
		kid_len = okid_len;
	}
	if (kty == 4) {
		if (!k)
			return -EINVAL;
		if (alg == SUIT_COSE_ALG_HMAC256)
			return suit_keystore_add_secret(ks, SUIT_KEY_HMAC, k, kl, kid, kid_len);
		if (alg == SUIT_COSE_ALG_A128KW || alg == SUIT_COSE_ALG_A192KW ||
		    alg == SUIT_COSE_ALG_A256KW)
			return suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, k, kl, kid, kid_len);
		ret = 0;
		if (kl == 32 && suit_keystore_add_secret(ks, SUIT_KEY_HMAC, k, kl, kid, kid_len) > 0)
			ret++;
		if (suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, k, kl, kid, kid_len) > 0)
			ret++;
		return ret ? ret : -EINVAL;
	}
	if (kty == 2) {
		if (crv != 1 || !x || !y || xl != 32 || yl != 32 || (d && dl != 32))
			return -EOPNOTSUPP;
		pk = ec_p256_from_xyd(x, y, d, dl);
	} else if (kty == 1) {
		if (crv != 6 || !x || xl != 32)
			return -EOPNOTSUPP;
		pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, x, 32);
	} else {
		return -EOPNOTSUPP;
	}
	if (!pk)
		return -EINVAL;
	ret = suit_keystore_add_pkey(ks, pk, kid, kid_len);
	EVP_PKEY_free(pk);
	return ret;
}

static int add_cbor(struct suit_keystore *ks, const uint8_t *buf, size_t len,
		    const uint8_t *kid, size_t kid_len)
{
	struct mini_cbor c = { buf, buf + len }, probe;
	uint64_t n, i;
	int mt, ret, total = 0;

	/* Whole buffer must be exactly one item. */
	probe = c;
	if (mc_skip(&probe, 0) || probe.p != probe.end)
		return -EINVAL;
	if ((buf[0] >> 5) == 5)
		return add_cose_key(ks, &c, kid, kid_len);
	if ((buf[0] >> 5) != 4)
		return -EINVAL;
	if (mc_head(&c, &mt, &n))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		ret = add_cose_key(ks, &c, kid, kid_len);
		if (ret < 0)
			return ret;
		total += ret;
	}
	return total ? total : -EINVAL;
}

static int add_raw(struct suit_keystore *ks, const uint8_t *buf, size_t len,
		   const uint8_t *kid, size_t kid_len)
{
	uint8_t tmp[32];
	size_t i, n = 0;
	int hi = -1, ret = 0;

	/* HSS-LMS public key: u32 L (1..8) || LMS public key, 60 bytes. */
	if (len == 60 && !buf[0] && !buf[1] && !buf[2] && buf[3] >= 1 && buf[3] <= 8)
		return suit_keystore_add_secret(ks, SUIT_KEY_HSS_LMS_PUB, buf, len,
						kid, kid_len);
	if (len == 16 || len == 24 || len == 32) {
		if (len == 32 &&
		    suit_keystore_add_secret(ks, SUIT_KEY_HMAC, buf, len, kid, kid_len) > 0)
			ret++;
		if (suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, buf, len, kid, kid_len) > 0)
			ret++;
		return ret ? ret : -EINVAL;
	}
	/* Hex text. */
	for (i = 0; i < len; i++) {
		int v;
		char ch = (char)buf[i];

		if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
			continue;
		if (ch >= '0' && ch <= '9')
			v = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			v = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			v = ch - 'A' + 10;
		else
			return -EINVAL;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= sizeof(tmp))
			return -EINVAL;
		tmp[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	if (hi >= 0 || (n != 16 && n != 24 && n != 32))
		return -EINVAL;
	ret = add_raw(ks, tmp, n, kid, kid_len);
	OPENSSL_cleanse(tmp, sizeof(tmp));
	return ret;
}

int suit_keystore_add_mem(struct suit_keystore *ks, const uint8_t *buf,
			  size_t len, const uint8_t *kid, size_t kid_len)
{
	int ret;

	if (!ks || !buf || !len || len > (1u << 24) || kid_len > SUIT_KS_MAX_KID)
		return -EINVAL;
	if (len > 10 && memmem(buf, len, "-----BEGIN", 10))
		return add_pem(ks, buf, len, kid, kid_len);
	if (buf[0] == 0x30) {
		ret = add_der(ks, buf, (long)len, kid, kid_len, NULL);
		ERR_clear_error();
		if (ret > 0)
			return ret;
	}
	if ((buf[0] >> 5) == 5 || (buf[0] >> 5) == 4) {
		ret = add_cbor(ks, buf, len, kid, kid_len);
		if (ret > 0 || ret == -EOPNOTSUPP)
			return ret;
	}
	return add_raw(ks, buf, len, kid, kid_len);
}

int suit_keystore_add_file_kid(struct suit_keystore *ks, const char *path,
			       const uint8_t *kid, size_t kid_len)
{
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;
	FILE *f = fopen(path, "rb");
	int ret;

	if (!f)
		return -errno;
	for (;;) {
		size_t got;

		if (n == cap) {
			uint8_t *nb;

			if (cap >= (1u << 24)) {
				ret = -EFBIG;
				goto out;
			}
			cap = cap ? cap * 2 : 4096;
			nb = realloc(buf, cap);
			if (!nb) {
				ret = -ENOMEM;
				goto out;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (!got)
			break;
	}
	ret = ferror(f) ? -EIO : suit_keystore_add_mem(ks, buf, n, kid, kid_len);
out:
	fclose(f);
	if (buf)
		OPENSSL_cleanse(buf, cap);
	free(buf);
	return ret;
}

int suit_keystore_add_file(struct suit_keystore *ks, const char *path)
{
	return suit_keystore_add_file_kid(ks, path, NULL, 0);
}

/* ---- lookup ----------------------------------------------------------- */

static bool key_fits(const struct suit_key *k, int32_t alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_ES256:
	case SUIT_COSE_ALG_ESP256:
		return k->type == SUIT_KEY_EC_P256_PUB ||
		       k->type == SUIT_KEY_EC_P256_PRIV;
	case SUIT_COSE_ALG_EDDSA:
	case SUIT_COSE_ALG_ED25519:
		return k->type == SUIT_KEY_ED25519_PUB;
	case SUIT_COSE_ALG_HMAC256:
		return k->type == SUIT_KEY_HMAC && k->secret_len == 32;
	case SUIT_COSE_ALG_HSS_LMS:
		return k->type == SUIT_KEY_HSS_LMS_PUB;
	case SUIT_COSE_ALG_A128KW:
		return k->type == SUIT_KEY_AES_KW && k->secret_len == 16;
	case SUIT_COSE_ALG_A192KW:
		return k->type == SUIT_KEY_AES_KW && k->secret_len == 24;
	case SUIT_COSE_ALG_A256KW:
		return k->type == SUIT_KEY_AES_KW && k->secret_len == 32;
	case SUIT_COSE_ALG_ECDH_ES_A128KW:
	case SUIT_COSE_ALG_ECDH_ES_A192KW:
	case SUIT_COSE_ALG_ECDH_ES_A256KW:
		return k->type == SUIT_KEY_EC_P256_PRIV;
	}
	return false;
}

const struct suit_key *suit_keystore_next(const struct suit_keystore *ks,
					  int32_t alg, const uint8_t *kid,
					  size_t kid_len, size_t *iter)
{
	if (!ks)
		return NULL;
	while (*iter < ks->n) {
		const struct suit_key *k = &ks->keys[(*iter)++];

		if (!key_fits(k, alg))
			continue;
		if (k->kid_len == 0 || kid_len == 0)
			return k;
		if (k->kid_len == kid_len && !memcmp(k->kid, kid, kid_len))
			return k;
	}
	return NULL;
}
