// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit_cose_authenticate() against every signed or MACed public vector
 * (vectors README section 4) with the OpenSSL platform ops of
 * userspace/common, plus self-made COSE_Sign (two signers), Ed25519 and
 * malformed/header-policy cases built here with OpenSSL.
 */
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/core_names.h>
#include <openssl/bn.h>
#include <openssl/rand.h>

#include <suit/cbor.h>
#include <suit/cose.h>
#include "test.h"
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <unistd.h>
#include "../../../userspace/common/ossl_crypto.h"
#include "../../../userspace/common/hss_sign.h"
#include <suit/sw_crypto.h>

#define V ""

enum key_id { K_IETF, K_TAM, K_HMAC };

static const char *const key_path[] = {
	[K_IETF] = "suit-wg-manifest-spec/examples/derived/public_key.pem",
	[K_TAM] = "libcsuit-kentakayama/derived-keys/tam_es256_pub.pem",
	[K_HMAC] = "libcsuit-kentakayama/derived-keys/trust_anchor_hmac256_cose_key_secret_buf.cbor",
};

struct vec {
	const char *path;
	enum key_id key;
};

static const struct vec vectors[] = {
	{ "suit-wg-manifest-spec/examples/derived/example0.signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example1.signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example2.signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example2.severed-signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example3.signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example4.signed.cbor", K_IETF },
	{ "suit-wg-manifest-spec/examples/derived/example5.signed.cbor", K_IETF },
	{ "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-aes-kw-content.suit", K_HMAC },
	{ "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-aes-kw.suit", K_HMAC },
	{ "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-aes-kw-slot.suit", K_HMAC },
	{ "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-es-ecdh-content.suit", K_IETF },
	{ "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-es-ecdh-dependency.suit", K_TAM },
	{ "suit-wg-suit-multiple-trust-domains/examples/derived/example0_dependent.suit", K_IETF },
	{ "suit-wg-suit-multiple-trust-domains/examples/derived/example1_process.suit", K_IETF },
	{ "suit-wg-suit-multiple-trust-domains/examples/derived/example2_integrated.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp0.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp1.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp2A.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp2B.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp3.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp4.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_exp5.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expU.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expI.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expD.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expAW.suit", K_HMAC },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expAF.suit", K_HMAC },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expAFS.suit", K_HMAC },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expEW.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expED.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expS0.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expS2.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expS3.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expU0.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expU1.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expU2.suit", K_IETF },
	{ "libcsuit-kentakayama/testfiles/suit_manifest_expU3.suit", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp0.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp1.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp2A.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp2B.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp3.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp4.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_exp5.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expE.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expI.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expU.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expU_fixed.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expR.cbor", K_IETF },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expD.cbor", K_TAM },
	{ "libcsuit-yuichitk-legacy/testfiles/suit_manifest_expID.cbor", K_TAM },
};

/* Find envelope members 2 (auth wrapper content) and 3 (manifest, raw). */
static int split_envelope(const uint8_t *buf, size_t len, struct suit_buf *auth,
			  struct suit_buf *manifest)
{
	struct suit_cbor c, m;
	struct suit_cbor_item it;
	enum suit_cbor_type t;
	uint64_t tag;
	size_t pairs, i;

	auth->ptr = NULL;
	manifest->ptr = NULL;
	if (suit_cbor_init_single(&c, buf, len))
		return -1;
	if (!suit_cbor_peek_type(&c, &t) && t == SUIT_CBOR_TAG) {
		if (suit_cbor_get_tag(&c, &tag) || tag != 107)
			return -1;
	}
	if (suit_cbor_enter_map(&c, &m, &pairs))
		return -1;
	for (i = 0; i < pairs; i++) {
		uint64_t key;

		if (suit_cbor_peek_type(&m, &t))
			return -1;
		if (t != SUIT_CBOR_UINT) {
			suit_cbor_skip(&m);
			suit_cbor_skip(&m);
			continue;
		}
		suit_cbor_get_uint(&m, &key);
		if (suit_cbor_get(&m, &it))
			return -1;
		if (key == 2 && it.type == SUIT_CBOR_BSTR)
			*auth = it.data;
		if (key == 3 && it.type == SUIT_CBOR_BSTR)
			*manifest = it.raw;
	}
	return auth->ptr && manifest->ptr ? 0 : -1;
}

static struct suit_platform_ops ops;
static struct suit_ossl ossl;
static struct suit_platform plat = { .ops = &ops, .priv = &ossl };

static struct suit_keystore *ks_with(const char *rel)
{
	struct suit_keystore *ks = suit_keystore_new();
	int n = suit_keystore_add_file(ks, test_vector_path(rel));

	CHECK_NAMED(n > 0, "load key %.200s (%d)", rel, n);
	return ks;
}

static int auth_with(struct suit_keystore *ks, struct suit_buf a, struct suit_buf m,
		     struct suit_auth_result *res)
{
	ossl.keys = ks;
	return suit_cose_authenticate(&plat, a, m, res);
}

static void test_public_vectors(struct suit_keystore *keys[3],
				struct suit_keystore *wrong[3])
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(vectors); i++) {
		const struct vec *v = &vectors[i];
		struct suit_auth_result res;
		struct suit_buf a, m, a2, m2;
		uint8_t *buf, *copy;
		size_t len, aoff, moff;
		char rel[512];

		snprintf(rel, sizeof(rel), V "%s", v->path);
		test_ctx("%s", strrchr(v->path, '/') + 1);
		buf = test_read_vector(rel, &len);
		if (!buf)
			continue;
		if (!CHECK(split_envelope(buf, len, &a, &m) == 0)) {
			free(buf);
			continue;
		}
		EXPECT_INT_EQ(auth_with(keys[v->key], a, m, &res), 0);
		EXPECT_INT_EQ(res.verified, 1);
		EXPECT_INT_EQ(res.blocks, 1);
		EXPECT_INT_EQ(res.digest_alg, SUIT_COSE_ALG_SHA256);
		EXPECT_INT_EQ(res.digest_len, 32);
		EXPECT_INT_EQ(auth_with(wrong[v->key], a, m, &res), -EBADMSG);
		EXPECT_INT_EQ(auth_with(NULL, a, m, &res), -ENOENT);

		copy = malloc(len);
		aoff = (size_t)(a.ptr - buf);
		moff = (size_t)(m.ptr - buf);
		/* last byte of the auth wrapper = last signature/tag byte */
		memcpy(copy, buf, len);
		copy[aoff + a.len - 1] ^= 0x01;
		a2 = (struct suit_buf){ copy + aoff, a.len };
		m2 = (struct suit_buf){ copy + moff, m.len };
		CHECK_NAMED(auth_with(keys[v->key], a2, m2, &res) == -EBADMSG,
			    "flipped signature bit rejected");
		memcpy(copy, buf, len);
		copy[moff + m.len / 2] ^= 0x80;
		CHECK_NAMED(auth_with(keys[v->key], a2, m2, &res) == -EBADMSG,
			    "flipped manifest byte rejected (digest)");
		a.len--;
		CHECK_NAMED(auth_with(keys[v->key], a, m, &res) == -EBADMSG,
			    "truncated auth wrapper rejected");
		a.len++;
		/* a wrong key of another family is simply not applicable */
		EXPECT_INT_EQ(auth_with(keys[v->key == K_HMAC ? K_IETF : K_HMAC],
					a, m, &res), -ENOENT);
		free(copy);
		free(buf);
	}
	test_ctx(NULL);
}

/* ---- self-made COSE structures ----------------------------------------- */

static EVP_PKEY *gen_key(const char *type)
{
	if (!strcmp(type, "ED25519"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/* Raw COSE signature over @tbs. */
static size_t sign_raw(EVP_PKEY *pk, const uint8_t *tbs, size_t tbs_len,
		       uint8_t *sig)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	uint8_t der[128];
	size_t dlen = sizeof(der);
	bool ec = EVP_PKEY_get_base_id(pk) == EVP_PKEY_EC;

	EVP_DigestSignInit(c, NULL, ec ? EVP_sha256() : NULL, NULL, pk);
	EVP_DigestSign(c, der, &dlen, tbs, tbs_len);
	EVP_MD_CTX_free(c);
	if (ec) {
		const unsigned char *p = der;
		ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)dlen);
		const BIGNUM *r, *ss;

		ECDSA_SIG_get0(s, &r, &ss);
		BN_bn2binpad(r, sig, 32);
		BN_bn2binpad(ss, sig + 32, 32);
		ECDSA_SIG_free(s);
		return 64;
	}
	memcpy(sig, der, dlen);
	return dlen;
}

struct signer {
	const char *hss_priv;	/* HSS-LMS private key file instead of @pk */
	EVP_PKEY *pk;
	int alg;
	const char *kid;
	size_t kid_len;		/* 0: strlen(kid) */
	bool alg_unprot;	/* put alg in the unprotected bucket (invalid) */
	bool crit_unknown;	/* add crit: [99] */
};

static void put_prot(struct suit_cbor_enc *e, const struct signer *s)
{
	uint8_t p[64];
	struct suit_cbor_enc pe;

	suit_cbor_enc_init(&pe, p, sizeof(p));
	if (s->alg_unprot) {
		suit_cbor_put_map(&pe, 0);
	} else if (s->crit_unknown) {
		suit_cbor_put_map(&pe, 3);
		suit_cbor_put_int(&pe, 1);
		suit_cbor_put_int(&pe, s->alg);
		suit_cbor_put_int(&pe, 2);
		suit_cbor_put_array(&pe, 1);
		suit_cbor_put_int(&pe, 99);
		suit_cbor_put_int(&pe, 99);
		suit_cbor_put_int(&pe, 0);
	} else {
		suit_cbor_put_map(&pe, 1);
		suit_cbor_put_int(&pe, 1);
		suit_cbor_put_int(&pe, s->alg);
	}
	suit_cbor_put_bstr(e, p, pe.len);
}

static void put_unprot(struct suit_cbor_enc *e, const struct signer *s)
{
	suit_cbor_put_map(e, (s->kid ? 1 : 0) + (s->alg_unprot ? 1 : 0));
	if (s->alg_unprot) {
		suit_cbor_put_int(e, 1);
		suit_cbor_put_int(e, s->alg);
	}
	if (s->kid) {
		suit_cbor_put_int(e, 4);
		suit_cbor_put_bstr(e, (const uint8_t *)s->kid,
				   s->kid_len ? s->kid_len : strlen(s->kid));
	}
}

/*
 * Build an envelope-like pair (auth, manifest) with a COSE_Sign1 (n == 1,
 * !multi) or COSE_Sign over the given signers.
 */
static size_t build_auth(uint8_t *out, size_t cap, const uint8_t *manifest,
			 size_t mlen, const struct signer *sg, size_t n, bool multi)
{
	uint8_t digest_arr[64], digest_bstr[80], md[32], blk[4096], tbs[512];
	uint8_t sig[2048], prot[64];
	struct suit_cbor_enc e, d, b, t, p;
	unsigned int mdl;
	size_t i, slen;

	EVP_Digest(manifest, mlen, md, &mdl, EVP_sha256(), NULL);
	suit_cbor_enc_init(&d, digest_arr, sizeof(digest_arr));
	suit_cbor_put_array(&d, 2);
	suit_cbor_put_int(&d, -16);
	suit_cbor_put_bstr(&d, md, 32);
	suit_cbor_enc_init(&e, digest_bstr, sizeof(digest_bstr));
	suit_cbor_put_bstr(&e, digest_arr, d.len);

	suit_cbor_enc_init(&b, blk, sizeof(blk));
	if (!multi) {
		suit_cbor_put_tag(&b, 18);
		suit_cbor_put_array(&b, 4);
		put_prot(&b, &sg[0]);
		put_unprot(&b, &sg[0]);
		suit_cbor_put_null(&b);
		suit_cbor_enc_init(&t, tbs, sizeof(tbs));
		suit_cbor_put_array(&t, 4);
		suit_cbor_put_tstr(&t, "Signature1", 10);
		put_prot(&t, &sg[0]);
		suit_cbor_put_bstr(&t, NULL, 0);
		suit_cbor_put_raw(&t, digest_bstr, e.len);
		if (sg[0].hss_priv) {
			if (hss_sign_file(sg[0].hss_priv, NULL, tbs, t.len, sig,
					  sizeof(sig), &slen))
				return 0;
		} else {
			slen = sign_raw(sg[0].pk, tbs, t.len, sig);
		}
		suit_cbor_put_bstr(&b, sig, slen);
	} else {
		suit_cbor_put_tag(&b, 98);
		suit_cbor_put_array(&b, 4);
		suit_cbor_put_bstr(&b, NULL, 0);
		suit_cbor_put_map(&b, 0);
		suit_cbor_put_null(&b);
		suit_cbor_put_array(&b, n);
		for (i = 0; i < n; i++) {
			suit_cbor_put_array(&b, 3);
			put_prot(&b, &sg[i]);
			put_unprot(&b, &sg[i]);
			suit_cbor_enc_init(&t, tbs, sizeof(tbs));
			suit_cbor_put_array(&t, 5);
			suit_cbor_put_tstr(&t, "Signature", 9);
			suit_cbor_put_bstr(&t, NULL, 0);
			put_prot(&t, &sg[i]);
			suit_cbor_put_bstr(&t, NULL, 0);
			suit_cbor_put_raw(&t, digest_bstr, e.len);
			slen = sign_raw(sg[i].pk, tbs, t.len, sig);
			suit_cbor_put_bstr(&b, sig, slen);
		}
	}
	(void)prot;
	suit_cbor_enc_init(&p, out, cap);
	suit_cbor_put_array(&p, 2);
	suit_cbor_put_raw(&p, digest_bstr, e.len);
	suit_cbor_put_bstr(&p, blk, b.len);
	return p.err ? 0 : p.len;
}

/*
 * Random byte mutations of a signed wrapper: never a crash (the sanitizer
 * build runs this too), only the documented errors, and a mutation of the
 * signature or the digest never authenticates.
 */
static void test_mutations(struct suit_keystore *ks, const char *rel)
{
	struct suit_auth_result res;
	struct suit_buf a, m, a2;
	uint8_t *buf, *copy;
	size_t len, i, odd = 0, forged = 0;

	buf = test_read_vector(rel, &len);
	if (!buf)
		return;
	if (!CHECK(split_envelope(buf, len, &a, &m) == 0)) {
		free(buf);
		return;
	}
	copy = malloc(a.len);
	srand(1);
	for (i = 0; i < 3000; i++) {
		size_t pos = (size_t)rand() % a.len;
		int r;

		memcpy(copy, a.ptr, a.len);
		copy[pos] ^= (uint8_t)(1 + rand() % 255);
		a2 = (struct suit_buf){ copy, a.len - (i % 7 == 0 ? (size_t)rand() % a.len : 0) };
		r = auth_with(ks, a2, m, &res);
		if (r && r != -EBADMSG && r != -ENOENT && r != -EOPNOTSUPP)
			odd++;
		/* the last 64 bytes are the signature */
		if (!r && pos >= a.len - 64 && a2.len == a.len)
			forged++;
	}
	CHECK_NAMED(odd == 0, "mutations: only documented errors (%zu odd)", odd);
	CHECK_NAMED(forged == 0, "mutations: no mutated signature verifies (%zu)", forged);
	free(copy);
	free(buf);
}

/* ECDSA signatures of every shape (leading zeros, high bits) round-trip. */
static void test_many_ecdsa(void)
{
	static const uint8_t manifest[] = { 0x43, 0xa1, 0x01, 0x02 };
	struct suit_buf m = { manifest, sizeof(manifest) };
	EVP_PKEY *ec = gen_key("EC");
	struct suit_keystore *ks = suit_keystore_new();
	struct suit_auth_result res;
	struct signer sg = { .pk = ec, .alg = -9 };
	uint8_t auth[1024];
	unsigned int i, bad = 0;

	suit_keystore_add_pkey(ks, ec, NULL, 0);
	for (i = 0; i < 200; i++) {
		struct suit_buf a = { auth, 0 };

		a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), &sg, 1, false);
		if (auth_with(ks, a, m, &res) != 0)
			bad++;
	}
	CHECK_NAMED(bad == 0, "200 random ECDSA signatures verify (%u failed)", bad);
	suit_keystore_free(ks);
	EVP_PKEY_free(ec);
}

/* X.509 certificate trust anchor: its SubjectKeyIdentifier is the kid. */
static void test_x509(void)
{
	static const uint8_t manifest[] = { 0x43, 0xa1, 0x01, 0x03 };
	struct suit_buf m = { manifest, sizeof(manifest) };
	EVP_PKEY *ec = gen_key("EC");
	X509 *x = X509_new();
	X509V3_CTX v3;
	X509_EXTENSION *ext;
	const ASN1_OCTET_STRING *ski;
	char pem[] = "/tmp/test_cose_auth_XXXXXX";
	char kid[64];
	struct suit_keystore *ks = suit_keystore_new();
	struct suit_auth_result res;
	struct suit_buf a;
	uint8_t auth[1024];
	struct signer sg = { .pk = ec, .alg = -7 };
	FILE *f;
	int fd;

	test_ctx("x509");
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, ec);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)"suit test", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_key_identifier, "hash");
	X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	X509_sign(x, ec, EVP_sha256());
	ski = X509_get0_subject_key_id(x);
	if (!CHECK(ski && ASN1_STRING_length(ski) > 0 && ASN1_STRING_length(ski) < 60))
		goto out;
	memcpy(kid, ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski));
	kid[ASN1_STRING_length(ski)] = 0;

	fd = mkstemp(pem);
	f = fdopen(fd, "w");
	PEM_write_X509(f, x);
	fclose(f);
	EXPECT_INT_EQ(suit_keystore_add_file(ks, pem), 1);
	f = fopen(pem, "wb");
	i2d_X509_fp(f, x);
	fclose(f);
	EXPECT_INT_EQ(suit_keystore_add_file(ks, pem), 1);
	unlink(pem);

	/* signed with the certified key and its kid: OK; another kid: no key */
	sg.kid = kid;
	sg.kid_len = (size_t)ASN1_STRING_length(ski);
	a = (struct suit_buf){ auth, 0 };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), &sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
	sg.kid = "other";
	sg.kid_len = 0;
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), &sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -ENOENT);
out:
	test_ctx(NULL);
	suit_keystore_free(ks);
	X509_free(x);
	EVP_PKEY_free(ec);
}

/* HSS-LMS (-46) through lib/hss_lms.c, signed with userspace/common/hss_sign.c. */
static void test_hss(void)
{
	static const uint8_t manifest[] = { 0x43, 0xa1, 0x01, 0x04 };
	struct suit_buf m = { manifest, sizeof(manifest) };
	struct hss_sign_params hp = { .levels = 1,
				      .lms_type = { SUIT_LMS_SHA256_M32_H5 },
				      .ots_type = { SUIT_LMOTS_SHA256_N32_W8 } };
	char dir[] = "/tmp/test_cose_hss_XXXXXX", priv[128], state[128], pubf[128];
	struct suit_keystore *ks = suit_keystore_new();
	struct suit_auth_result res;
	struct signer sg = { .alg = -46, .kid = "hss" };
	uint8_t pub[60], auth[4096];
	struct suit_buf a = { auth, 0 };
	FILE *f;

	test_ctx("hss-lms");
	if (!CHECK(mkdtemp(dir)))
		goto out;
	snprintf(priv, sizeof(priv), "%s/key", dir);
	snprintf(state, sizeof(state), "%s/key.state", dir);
	snprintf(pubf, sizeof(pubf), "%s/key.pub", dir);
	if (!CHECK(hss_keygen(&hp, NULL, priv, NULL, pub) == 0))
		goto clean;
	f = fopen(pubf, "wb");
	fwrite(pub, 1, sizeof(pub), f);
	fclose(f);
	EXPECT_INT_EQ(suit_keystore_add_file_kid(ks, pubf, (const uint8_t *)"hss", 3), 1);
	sg.hss_priv = priv;
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), &sg, 1, false);
	if (CHECK(a.len > 1000)) {
		EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
		auth[a.len - 40] ^= 1;
		EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EBADMSG);
	}
clean:
	unlink(priv);
	unlink(state);
	unlink(pubf);
	rmdir(dir);
out:
	test_ctx(NULL);
	suit_keystore_free(ks);
}

static void test_self_made(void)
{
	static const uint8_t manifest[] = { 0x46, 0xa1, 0x01, 0x01, 0x02, 0x00, 0x00 };
	struct suit_buf m = { manifest, sizeof(manifest) };
	EVP_PKEY *ec1 = gen_key("EC"), *ec2 = gen_key("EC"), *ed = gen_key("ED25519");
	struct suit_keystore *ks = suit_keystore_new(), *ks1 = suit_keystore_new();
	struct suit_keystore *ksed = suit_keystore_new();
	struct suit_auth_result res;
	uint8_t auth[4096];
	struct suit_buf a;
	struct signer sg[2];

	suit_keystore_add_pkey(ks, ec1, (const uint8_t *)"k1", 2);
	suit_keystore_add_pkey(ks, ec2, (const uint8_t *)"k2", 2);
	suit_keystore_add_pkey(ks1, ec1, (const uint8_t *)"k1", 2);
	suit_keystore_add_pkey(ksed, ed, NULL, 0);
	a.ptr = auth;

	/* Ed25519 (-19) and EdDSA (-8), COSE_Sign1 */
	test_ctx("ed25519");
	sg[0] = (struct signer){ .pk = ed, .alg = -19 };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ksed, a, m, &res), 0);
	EXPECT_INT_EQ(res.verified, 1);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -ENOENT);
	auth[a.len - 5] ^= 0x10;
	EXPECT_INT_EQ(auth_with(ksed, a, m, &res), -EBADMSG);
	sg[0].alg = -8;
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ksed, a, m, &res), 0);

	/* COSE_Sign with two signers */
	test_ctx("cose_sign");
	sg[0] = (struct signer){ .pk = ec1, .alg = -7, .kid = "k1" };
	sg[1] = (struct signer){ .pk = ec2, .alg = -9, .kid = "k2" };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 2, true);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
	EXPECT_INT_EQ(res.verified, 1);
	EXPECT_INT_EQ(auth_with(ks1, a, m, &res), 0);	/* k2 unknown: skipped */
	EXPECT_INT_EQ(auth_with(ksed, a, m, &res), -ENOENT);
	/* flip the second signer's signature: k2 trusted -> reject */
	auth[a.len - 1] ^= 1;
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EBADMSG);
	EXPECT_INT_EQ(auth_with(ks1, a, m, &res), 0);
	/* signer 2 signed with key 1 but claims k2 */
	sg[1].pk = ec1;
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 2, true);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EBADMSG);

	/* header policy */
	test_ctx("headers");
	sg[0] = (struct signer){ .pk = ec1, .alg = -7, .kid = "k1", .alg_unprot = true };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EBADMSG);
	sg[0] = (struct signer){ .pk = ec1, .alg = -7, .kid = "k1", .crit_unknown = true };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EOPNOTSUPP);
	CHECK(res.cose_unsupported);	/* a structure, not an algorithm */
	/* COSE_Sign: one signer with unknown crit, one with trusted key */
	sg[1] = (struct signer){ .pk = ec2, .alg = -9, .kid = "k2" };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 2, true);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
	EXPECT_INT_EQ(res.verified, 1);
	/* ... with k2 unknown: no trusted key, -ENOENT wins */
	EXPECT_INT_EQ(auth_with(ks1, a, m, &res), -ENOENT);
	/* an unsupported algorithm (ES384 here) is not a structure */
	sg[0] = (struct signer){ .pk = ec1, .alg = -35, .kid = "k1" };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), -EOPNOTSUPP);
	CHECK(!res.cose_unsupported);
	sg[0] = (struct signer){ .pk = ec1, .alg = -7, .kid = "k1" };
	a.len = build_auth(auth, sizeof(auth), manifest, sizeof(manifest), sg, 1, false);
	EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
	/* every truncation of the wrapper is rejected without a crash */
	{
		size_t full = a.len, cut, bad = 0;

		for (cut = 0; cut < full; cut++) {
			a.len = cut;
			if (auth_with(ks, a, m, &res) != -EBADMSG && cut)
				bad++;
		}
		EXPECT_INT_EQ(bad, 0);
		a.len = full;
	}
	/* no block: unsigned only by policy */
	{
		uint8_t only[128];

		memcpy(only, auth, a.len);
		only[0] = 0x81;
		a.ptr = only;
		/* drop the block: the digest bstr is first, find its length */
		a.len = 1 + 2 + only[2];
		EXPECT_INT_EQ(auth_with(ks, a, m, &res), -ENOENT);
		EXPECT_INT_EQ(res.blocks, 0);
		plat.allow_unsigned = true;
		EXPECT_INT_EQ(auth_with(ks, a, m, &res), 0);
		plat.allow_unsigned = false;
		a.ptr = auth;
	}
	test_ctx(NULL);
	suit_keystore_free(ks);
	suit_keystore_free(ks1);
	suit_keystore_free(ksed);
	EVP_PKEY_free(ec1);
	EVP_PKEY_free(ec2);
	EVP_PKEY_free(ed);
}

int main(int argc, char **argv)
{
	struct suit_keystore *keys[3], *wrong[3];
	static const uint8_t bkey[32] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
	char rel[512];
	int i;

	test_init("cose_auth", argc, argv);
	suit_ossl_fill_ops(&ops);
	for (i = 0; i < 3; i++) {
		snprintf(rel, sizeof(rel), V "%s", key_path[i]);
		keys[i] = ks_with(rel);
	}
	wrong[K_IETF] = keys[K_TAM];
	wrong[K_TAM] = keys[K_IETF];
	wrong[K_HMAC] = suit_keystore_new();
	suit_keystore_add_secret(wrong[K_HMAC], SUIT_KEY_HMAC, bkey, 32, NULL, 0);

	test_public_vectors(keys, wrong);
	test_mutations(keys[K_IETF], "suit-wg-manifest-spec/examples/derived/example2.signed.cbor");
	test_mutations(keys[K_HMAC], "libcsuit-kentakayama/testfiles/suit_manifest_expAW.suit");
	test_self_made();
	test_many_ecdsa();
	test_x509();
	test_hss();

	for (i = 0; i < 3; i++)
		suit_keystore_free(keys[i]);
	suit_keystore_free(wrong[K_HMAC]);
	return test_done();
}
