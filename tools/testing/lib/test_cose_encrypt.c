// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit_decrypt_*() against every decryption-only public vector (vectors
 * README section 5) with the OpenSSL platform ops of userspace/common, and
 * self-made vectors (encrypted here with OpenSSL) for the algorithms no
 * public vector covers: ChaCha20-Poly1305, A256KW + A256CTR, A256GCM,
 * ECDH-ES+A256KW.
 */
#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <suit/cbor.h>
#include <suit/cose.h>
#include "test.h"
#include "../../../userspace/common/ossl_crypto.h"

#define V ""

#define FWE V "suit-wg-suit-firmware-encryption/examples/"
#define LCS V "libcsuit-kentakayama/testfiles/"
#define KMG V "kentakayama-suit-manifest-generator/"

static const char fw_plain[] = "This is a real firmware image.";

struct dvec {
	const char *info;	/* COSE_Encrypt (.hex or binary) */
	const char *ct;		/* ciphertext (.hex or binary) */
	const char *pt;		/* plaintext file, NULL: fw_plain */
	bool aead;
};

static const struct dvec dvecs[] = {
	{ FWE "suit-encryption-info-aes-kw-aes-gcm.hex", FWE "encrypted-payload-aes-kw-aes-gcm.hex", NULL, true },
	{ FWE "suit-encryption-info-aes-kw-aes-ctr.hex", FWE "encrypted-payload-aes-kw-aes-ctr.hex", NULL, false },
	{ FWE "suit-encryption-info-es-ecdh-aes-gcm.hex", FWE "encrypted-payload-es-ecdh-aes-gcm.hex", NULL, true },
	{ FWE "suit-encryption-info-es-ecdh-aes-ctr.hex", FWE "encrypted-payload-es-ecdh-aes-ctr.hex", NULL, false },
	{ LCS "encryption_info_aes.cose", LCS "encrypted_image_aes.bin", LCS "raw_image.bin", true },
	{ LCS "encryption_info_esdh.cose", LCS "encrypted_image_esdh.bin", LCS "raw_image.bin", true },
	{ LCS "encryption_info_config_aes.cose", LCS "encrypted_config_aes.bin", LCS "config.json", true },
	{ LCS "encryption_info_config_esdh.cose", LCS "encrypted_config_esdh.bin", LCS "config.json", true },
	{ KMG "ciphertext/encryption_info_image_aeskw_gcm.cose", KMG "ciphertext/encrypted_image_aeskw_gcm.bin", KMG "plaintext/raw_image.bin", true },
	{ KMG "ciphertext/encryption_info_image_esdh_gcm.cose", KMG "ciphertext/encrypted_image_esdh_gcm.bin", KMG "plaintext/raw_image.bin", true },
	{ KMG "ciphertext/encryption_info_config_aeskw_gcm.cose", KMG "ciphertext/encrypted_config_aeskw_gcm.bin", KMG "plaintext/config.json", true },
	{ KMG "ciphertext/encryption_info_config_esdh_gcm.cose", KMG "ciphertext/encrypted_config_esdh_gcm.bin", KMG "plaintext/config.json", true },
	{ KMG "ciphertext/encryption_info_config_esdh_ctr.cose", KMG "ciphertext/encrypted_config_esdh_ctr.bin", KMG "plaintext/config.json", false },
};

static struct suit_platform_ops ops;
static struct suit_ossl ossl;
static struct suit_platform plat = { .ops = &ops, .priv = &ossl };

/* Read a file; ".hex" files are decoded. */
static uint8_t *load(const char *rel, size_t *len)
{
	uint8_t *buf = test_read_vector(rel, len);
	size_t n;

	if (!buf)
		return NULL;
	if (strlen(rel) > 4 && !strcmp(rel + strlen(rel) - 4, ".hex")) {
		char *txt = malloc(*len + 1);

		memcpy(txt, buf, *len);
		txt[*len] = 0;
		for (n = 0; txt[n]; n++)
			if (txt[n] == '\r')
				txt[n] = ' ';
		n = test_unhex(txt, buf, *len);
		free(txt);
		if (n == (size_t)-1) {
			free(buf);
			return NULL;
		}
		*len = n;
	}
	return buf;
}

/*
 * Decrypt @ct in chunks of @chunk bytes (0: all at once), in place when
 * @inplace. Returns the final status; the plaintext goes to @out.
 */
static int decrypt_all(struct suit_buf info, const uint8_t *ct, size_t len,
		       size_t chunk, bool inplace, uint8_t *out, size_t *out_len)
{
	struct suit_decrypt d;
	uint8_t *work = malloc(len + 1);
	size_t off = 0, got;
	int ret;

	*out_len = 0;
	ret = suit_decrypt_init(&d, &plat, info);
	if (ret) {
		free(work);
		return ret;
	}
	memcpy(work, ct, len);
	while (off < len) {
		size_t n = chunk && chunk < len - off ? chunk : len - off;
		uint8_t *dst = inplace ? work + off : out + *out_len;

		ret = suit_decrypt_update(&d, work + off, dst, n, &got);
		if (ret) {
			suit_decrypt_abort(&d);
			free(work);
			return ret;
		}
		if (inplace)
			memmove(out + *out_len, dst, got);
		if (got > n) {
			suit_decrypt_abort(&d);
			free(work);
			return -E2BIG;
		}
		*out_len += got;
		off += n;
	}
	free(work);
	return suit_decrypt_final(&d);
}

static void check_vector(const struct dvec *v, struct suit_keystore *good,
			 struct suit_keystore *bad)
{
	static const size_t chunks[] = { 0, 1, 5, 16, 17, 100 };
	uint8_t *info, *ct, *pt, *out, *bad_ct;
	size_t ilen, clen, plen, olen, i;
	struct suit_buf ib;
	struct suit_decrypt d;

	info = load(v->info, &ilen);
	ct = load(v->ct, &clen);
	if (v->pt) {
		pt = load(v->pt, &plen);
	} else {
		plen = strlen(fw_plain);
		pt = malloc(plen);
		memcpy(pt, fw_plain, plen);
	}
	if (!CHECK(info && ct && pt))
		goto out;
	ib = (struct suit_buf){ info, ilen };
	out = malloc(clen + 16);
	ossl.keys = good;
	for (i = 0; i < SUIT_ARRAY_SIZE(chunks); i++) {
		int inplace;

		for (inplace = 0; inplace < 2; inplace++) {
			memset(out, 0, clen + 16);
			if (!CHECK_NAMED(decrypt_all(ib, ct, clen, chunks[i], inplace,
						     out, &olen) == 0,
					 "decrypts (chunk %zu%s)", chunks[i],
					 inplace ? ", in place" : ""))
				continue;
			EXPECT_MEM_EQ(out, olen, pt, plen);
		}
	}
	bad_ct = malloc(clen);
	if (v->aead) {
		/* flipped ciphertext byte, flipped tag byte, missing byte */
		memcpy(bad_ct, ct, clen);
		bad_ct[0] ^= 1;
		EXPECT_INT_EQ(decrypt_all(ib, bad_ct, clen, 7, false, out, &olen), -EBADMSG);
		memcpy(bad_ct, ct, clen);
		bad_ct[clen - 1] ^= 0x80;
		EXPECT_INT_EQ(decrypt_all(ib, bad_ct, clen, 0, true, out, &olen), -EBADMSG);
		EXPECT_INT_EQ(decrypt_all(ib, ct, clen - 1, 3, false, out, &olen), -EBADMSG);
		EXPECT_INT_EQ(decrypt_all(ib, ct, 10, 3, false, out, &olen), -EBADMSG);
	} else {
		/* CTR has no integrity: a flipped bit flips the same plaintext bit */
		memcpy(bad_ct, ct, clen);
		bad_ct[3] ^= 4;
		EXPECT_INT_EQ(decrypt_all(ib, bad_ct, clen, 0, false, out, &olen), 0);
		CHECK(olen == plen && out[3] == (pt[3] ^ 4) && !memcmp(out + 4, pt + 4, plen - 4));
	}
	free(bad_ct);
	ossl.keys = bad;
	EXPECT_INT_EQ(suit_decrypt_init(&d, &plat, ib), -EBADMSG);
	ossl.keys = NULL;
	EXPECT_INT_EQ(suit_decrypt_init(&d, &plat, ib), -ENOENT);
	ossl.keys = good;
	for (i = 1; i < ilen; i += 3) {
		ib.len = ilen - i;
		if (suit_decrypt_init(&d, &plat, ib) != -EBADMSG)
			break;
	}
	CHECK_NAMED(i >= ilen, "every truncation of the COSE_Encrypt is rejected");
	free(out);
out:
	free(info);
	free(ct);
	free(pt);
}

/* ---- self-made vectors -------------------------------------------------- */

static size_t ossl_encrypt(const char *name, const uint8_t *key, const uint8_t *iv,
			   size_t iv_len, const uint8_t *aad, size_t aad_len,
			   const uint8_t *pt, size_t len, uint8_t *out, bool aead)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	EVP_CIPHER *ciph = EVP_CIPHER_fetch(NULL, name, NULL);
	int n = 0, n2 = 0;

	EVP_EncryptInit_ex2(c, ciph, NULL, NULL, NULL);
	if (aead)
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, (int)iv_len, NULL);
	EVP_EncryptInit_ex2(c, NULL, key, iv, NULL);
	if (aead && aad_len)
		EVP_EncryptUpdate(c, NULL, &n, aad, (int)aad_len);
	EVP_EncryptUpdate(c, out, &n, pt, (int)len);
	EVP_EncryptFinal_ex(c, out + n, &n2);
	n += n2;
	if (aead) {
		EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, out + n);
		n += 16;
	}
	EVP_CIPHER_CTX_free(c);
	EVP_CIPHER_free(ciph);
	return (size_t)n;
}

static size_t aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *cek,
		       size_t cek_len, uint8_t *out)
{
	const char *name = kek_len == 16 ? "AES-128-WRAP" : kek_len == 24 ?
			   "AES-192-WRAP" : "AES-256-WRAP";
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	EVP_CIPHER *ciph = EVP_CIPHER_fetch(NULL, name, NULL);
	int n = 0, n2 = 0;

	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	EVP_EncryptInit_ex2(c, ciph, kek, NULL, NULL);
	EVP_EncryptUpdate(c, out, &n, cek, (int)cek_len);
	EVP_EncryptFinal_ex(c, out + n, &n2);
	EVP_CIPHER_CTX_free(c);
	EVP_CIPHER_free(ciph);
	return (size_t)(n + n2);
}

struct self_case {
	const char *name;
	int content_alg;
	const char *cipher;
	size_t cek_len;
	bool aead;
	int kw_alg;		/* -3/-4/-5 or -29/-30/-31 */
};

/* ECDH-ES sender side: ephemeral key, KEK = HKDF(Z, context), independently built here. */
static void ecdh_sender(EVP_PKEY *dev, size_t kek_len, int alg, const uint8_t *prot,
			size_t prot_len, uint8_t *kek, uint8_t x[32], uint8_t y[32])
{
	EVP_PKEY *eph = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, eph, NULL);
	uint8_t z[32], pub[65], ctx[128];
	size_t zlen = 32, plen = 0;
	struct suit_cbor_enc e;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *kc = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM params[4];
	char md[] = "SHA256";

	EVP_PKEY_derive_init(c);
	EVP_PKEY_derive_set_peer(c, dev);
	EVP_PKEY_derive(c, z, &zlen);
	EVP_PKEY_get_octet_string_param(eph, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof(pub), &plen);
	memcpy(x, pub + 1, 32);
	memcpy(y, pub + 33, 32);
	/* context: [kw alg, [nil x3], [nil x3], [bits, bstr(prot), 'SUIT Payload Encryption']] */
	suit_cbor_enc_init(&e, ctx, sizeof(ctx));
	suit_cbor_put_array(&e, 4);
	suit_cbor_put_int(&e, alg == -29 ? -3 : alg == -30 ? -4 : -5);
	suit_cbor_put_raw(&e, (const uint8_t *)"\x83\xf6\xf6\xf6\x83\xf6\xf6\xf6", 8);
	suit_cbor_put_array(&e, 3);
	suit_cbor_put_uint(&e, kek_len * 8);
	suit_cbor_put_bstr(&e, prot, prot_len);
	suit_cbor_put_bstr(&e, (const uint8_t *)"SUIT Payload Encryption", 23);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, z, zlen);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ctx, e.len);
	params[3] = OSSL_PARAM_construct_end();
	EVP_KDF_derive(kc, kek, kek_len, params);
	EVP_KDF_CTX_free(kc);
	EVP_KDF_free(kdf);
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(eph);
}

static void test_self_made(void)
{
	static const struct self_case cases[] = {
		{ "A256KW+ChaCha20-Poly1305", 24, "ChaCha20-Poly1305", 32, true, -5 },
		{ "A256KW+A256CTR", -65532, "AES-256-CTR", 32, false, -5 },
		{ "A192KW+A192GCM", 2, "AES-192-GCM", 24, true, -4 },
		{ "A128KW+A256GCM", 3, "AES-256-GCM", 32, true, -3 },
		{ "ECDH-ES+A256KW+ChaCha20-Poly1305", 24, "ChaCha20-Poly1305", 32, true, -31 },
		{ "ECDH-ES+A192KW+A128CTR", -65534, "AES-128-CTR", 16, false, -30 },
	};
	EVP_PKEY *dev = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	uint8_t kek[32], pt[1000], ct[1100], out[1100], cek[32], iv[16], wrapped[48];
	uint8_t info[512], prot[16], aad[64], x[32], y[32];
	struct suit_keystore *ks = suit_keystore_new();
	size_t i, k;

	RAND_bytes(kek, sizeof(kek));
	RAND_bytes(pt, sizeof(pt));
	suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, kek, 16, (const uint8_t *)"k16", 3);
	suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, kek, 24, (const uint8_t *)"k24", 3);
	suit_keystore_add_secret(ks, SUIT_KEY_AES_KW, kek, 32, (const uint8_t *)"k32", 3);
	suit_keystore_add_pkey(ks, dev, (const uint8_t *)"dev", 3);
	ossl.keys = ks;

	for (i = 0; i < SUIT_ARRAY_SIZE(cases); i++) {
		const struct self_case *sc = &cases[i];
		struct suit_cbor_enc e, pe, ae;
		size_t iv_len = sc->aead ? 12 : 16, clen, wlen, olen, kek_len;
		bool ecdh = sc->kw_alg <= -29;
		uint8_t rprot[8], rkek[32];
		struct suit_buf ib;
		const char *kid;

		test_ctx("%s", sc->name);
		RAND_bytes(cek, sizeof(cek));
		RAND_bytes(iv, sizeof(iv));
		/* content protected header: {1: alg} for AEAD, h'' for CTR */
		suit_cbor_enc_init(&pe, prot, sizeof(prot));
		if (sc->aead) {
			suit_cbor_put_map(&pe, 1);
			suit_cbor_put_int(&pe, 1);
			suit_cbor_put_int(&pe, sc->content_alg);
		}
		suit_cbor_enc_init(&ae, aad, sizeof(aad));
		suit_cbor_put_array(&ae, 3);
		suit_cbor_put_tstr(&ae, "Encrypt", 7);
		suit_cbor_put_bstr(&ae, prot, pe.len);
		suit_cbor_put_bstr(&ae, NULL, 0);
		clen = ossl_encrypt(sc->cipher, cek, iv, iv_len, aad, sc->aead ? ae.len : 0,
				    pt, sizeof(pt), ct, sc->aead);
		if (ecdh) {
			kek_len = sc->kw_alg == -29 ? 16 : sc->kw_alg == -30 ? 24 : 32;
			rprot[0] = 0xa1;
			rprot[1] = 0x01;
			rprot[2] = 0x38;
			rprot[3] = (uint8_t)(-1 - sc->kw_alg);
			ecdh_sender(dev, kek_len, sc->kw_alg, rprot, 4, rkek, x, y);
			wlen = aes_wrap(rkek, kek_len, cek, sc->cek_len, wrapped);
			kid = "dev";
		} else {
			kek_len = sc->kw_alg == -3 ? 16 : sc->kw_alg == -4 ? 24 : 32;
			wlen = aes_wrap(kek, kek_len, cek, sc->cek_len, wrapped);
			kid = kek_len == 16 ? "k16" : kek_len == 24 ? "k24" : "k32";
		}
		suit_cbor_enc_init(&e, info, sizeof(info));
		suit_cbor_put_tag(&e, 96);
		suit_cbor_put_array(&e, 4);
		suit_cbor_put_bstr(&e, prot, pe.len);
		suit_cbor_put_map(&e, sc->aead ? 1 : 2);
		if (!sc->aead) {
			suit_cbor_put_int(&e, 1);
			suit_cbor_put_int(&e, sc->content_alg);
		}
		suit_cbor_put_int(&e, 5);
		suit_cbor_put_bstr(&e, iv, iv_len);
		suit_cbor_put_null(&e);
		suit_cbor_put_array(&e, 1);
		suit_cbor_put_array(&e, 3);
		if (ecdh) {
			suit_cbor_put_bstr(&e, rprot, 4);
			suit_cbor_put_map(&e, 2);
			suit_cbor_put_int(&e, -1);
			suit_cbor_put_map(&e, 4);
			suit_cbor_put_int(&e, 1);
			suit_cbor_put_int(&e, 2);
			suit_cbor_put_int(&e, -1);
			suit_cbor_put_int(&e, 1);
			suit_cbor_put_int(&e, -2);
			suit_cbor_put_bstr(&e, x, 32);
			suit_cbor_put_int(&e, -3);
			suit_cbor_put_bstr(&e, y, 32);
			suit_cbor_put_int(&e, 4);
			suit_cbor_put_bstr(&e, (const uint8_t *)kid, 3);
		} else {
			suit_cbor_put_bstr(&e, NULL, 0);
			suit_cbor_put_map(&e, 2);
			suit_cbor_put_int(&e, 1);
			suit_cbor_put_int(&e, sc->kw_alg);
			suit_cbor_put_int(&e, 4);
			suit_cbor_put_bstr(&e, (const uint8_t *)kid, 3);
		}
		suit_cbor_put_bstr(&e, wrapped, wlen);
		if (!CHECK(e.err == 0))
			continue;
		ib = (struct suit_buf){ info, e.len };
		for (k = 0; k < 3; k++) {
			static const size_t ch[] = { 0, 13, 64 };

			memset(out, 0, sizeof(out));
			if (CHECK_NAMED(decrypt_all(ib, ct, clen, ch[k], k == 1, out, &olen) == 0,
					"decrypts (chunk %zu)", ch[k]))
				EXPECT_MEM_EQ(out, olen, pt, sizeof(pt));
		}
		if (sc->aead) {
			ct[clen - 3] ^= 1;
			EXPECT_INT_EQ(decrypt_all(ib, ct, clen, 100, true, out, &olen), -EBADMSG);
			ct[clen - 3] ^= 1;
			ct[500] ^= 1;
			EXPECT_INT_EQ(decrypt_all(ib, ct, clen, 0, false, out, &olen), -EBADMSG);
			ct[500] ^= 1;
		}
		/* wrapped CEK corrupted: unwrap integrity fails */
		info[e.len - 1] ^= 1;
		EXPECT_INT_EQ(decrypt_all(ib, ct, clen, 0, false, out, &olen), -EBADMSG);
		info[e.len - 1] ^= 1;
		/* kid unknown: no key */
		info[e.len - wlen - 3] ^= 0x20;
		EXPECT_INT_EQ(decrypt_all(ib, ct, clen, 0, false, out, &olen), -ENOENT);
		info[e.len - wlen - 3] ^= 0x20;
		EXPECT_INT_EQ(decrypt_all(ib, ct, clen, 0, false, out, &olen), 0);
	}
	test_ctx(NULL);
	ossl.keys = NULL;
	suit_keystore_free(ks);
	EVP_PKEY_free(dev);
}

/* CTR with a non-empty protected header must be refused (no AAD protects it). */
static void test_policy(struct suit_keystore *good)
{
	/* the aes-kw-aes-ctr vector with the alg moved into protected */
	static const char hex[] =
		"D860844AA1013A0000FFFDA0"	/* << {1: -65534} >>, {} ... */
		"A1054CDAE613B2E0DC55F432F6818340A2012204456B69642D315818"
		"CE34035CE5C2E2666E46D4C131FC561DD190A6D26CFA1990";
	uint8_t buf[256];
	size_t n = test_unhex(hex, buf, sizeof(buf));
	struct suit_decrypt d;

	ossl.keys = good;
	test_ctx("policy");
	{
		/* with the COSE_Key's own kid (a thumbprint), 'kid-2' does not match */
		struct suit_keystore *ks = suit_keystore_new();
		uint8_t *info;
		size_t ilen;

		suit_keystore_add_file(ks, test_vector_path(V "libcsuit-kentakayama/derived-keys/device_ecdh_es_a128kw_cose_key_private_buf.cbor"));
		info = load(LCS "encryption_info_esdh.cose", &ilen);
		ossl.keys = ks;
		if (CHECK(info))
			EXPECT_INT_EQ(suit_decrypt_init(&d, &plat, (struct suit_buf){ info, ilen }), -ENOENT);
		/* the draft's ES-DH vector has no kid: the key is found */
		free(info);
		info = load(FWE "suit-encryption-info-es-ecdh-aes-gcm.hex", &ilen);
		if (CHECK(info)) {
			EXPECT_INT_EQ(suit_decrypt_init(&d, &plat, (struct suit_buf){ info, ilen }), 0);
			suit_decrypt_abort(&d);
		}
		free(info);
		ossl.keys = good;
		suit_keystore_free(ks);
	}
	if (CHECK(n != (size_t)-1))
		EXPECT_INT_EQ(suit_decrypt_init(&d, &plat, (struct suit_buf){ buf, n }), -EBADMSG);
	test_ctx(NULL);
}

/* Random mutations of a COSE_Encrypt: no crash, only documented errors. */
static void test_mutations(struct suit_keystore *good)
{
	uint8_t *info, *copy;
	size_t ilen, i, odd = 0;
	struct suit_decrypt d;

	info = load(LCS "encryption_info_esdh.cose", &ilen);
	if (!info)
		return;
	copy = malloc(ilen);
	ossl.keys = good;
	srand(2);
	for (i = 0; i < 2000; i++) {
		int r;

		memcpy(copy, info, ilen);
		copy[(size_t)rand() % ilen] ^= (uint8_t)(1 + rand() % 255);
		r = suit_decrypt_init(&d, &plat, (struct suit_buf){ copy, ilen });
		if (!r)
			suit_decrypt_abort(&d);
		else if (r != -EBADMSG && r != -ENOENT && r != -EOPNOTSUPP)
			odd++;
	}
	CHECK_NAMED(odd == 0, "mutations: only documented errors (%zu odd)", odd);
	free(copy);
	free(info);
}

static void test_keystore_formats(void)
{
	static const char *const files[] = {
		V "libcsuit-kentakayama/testfiles/key/trust_anchor_secp256r1.pem",
		V "libcsuit-kentakayama/testfiles/key/trust_anchor_secp256r1.der",
		V "libcsuit-kentakayama/testfiles/key/trust_anchor_secp256r1_pub.der",
		V "libcsuit-kentakayama/testfiles/key/trust_anchor_secp256r1_pub.pem",
		V "libcsuit-kentakayama/derived-keys/trust_anchor_esp256_cose_key_public_buf.cbor",
		V "libcsuit-kentakayama/derived-keys/device_ecdh_es_a128kw_cose_key_private_buf.cbor",
		V "libcsuit-kentakayama/derived-keys/trust_anchor_a128_cose_key_secret_buf.cbor",
		V "libcsuit-kentakayama/derived-keys/trust_anchor_a128_secret_key.bin",
		V "suit-wg-manifest-spec/examples/private_key.pem",
	};
	size_t i;

	test_ctx("keystore");
	for (i = 0; i < SUIT_ARRAY_SIZE(files); i++) {
		struct suit_keystore *ks = suit_keystore_new();
		int n = suit_keystore_add_file(ks, test_vector_path(files[i]));

		CHECK_NAMED(n > 0, "loads %s (%d)", strrchr(files[i], '/') + 1, n);
		suit_keystore_free(ks);
	}
	{
		struct suit_keystore *ks = suit_keystore_new();

		EXPECT_INT_EQ(suit_keystore_add_file(ks, test_vector_path(V "README.md")), -EINVAL);
		EXPECT_INT_EQ(suit_keystore_add_file(ks, "/nonexistent/key"), -ENOENT);
		EXPECT_UINT_EQ(suit_keystore_count(ks), 0);
		suit_keystore_free(ks);
	}
	test_ctx(NULL);
}

int main(int argc, char **argv)
{
	struct suit_keystore *good = suit_keystore_new(), *bad = suit_keystore_new();
	static const uint8_t bkey[16] = "bbbbbbbbbbbbbbbb";
	size_t i;
	int n;

	test_init("cose_encrypt", argc, argv);
	suit_ossl_fill_ops(&ops);
	n = suit_keystore_add_file(good, test_vector_path(V "libcsuit-kentakayama/derived-keys/trust_anchor_a128_secret_key.bin"));
	CHECK_NAMED(n > 0, "A128KW key loads (%d)", n);
	/*
	 * The COSE_Key carries a thumbprint kid while the vectors say 'kid-2'
	 * or nothing: load it as a wildcard (kid "" forces no kid).
	 */
	n = suit_keystore_add_file_kid(good, test_vector_path(V "libcsuit-kentakayama/derived-keys/device_ecdh_es_a128kw_cose_key_private_buf.cbor"),
				       (const uint8_t *)"", 0);
	CHECK_NAMED(n > 0, "device ECDH key loads (%d)", n);
	suit_keystore_add_secret(bad, SUIT_KEY_AES_KW, bkey, 16, NULL, 0);
	n = suit_keystore_add_file(bad, test_vector_path(V "libcsuit-kentakayama/derived-keys/tam_es256_priv.pem"));
	CHECK_NAMED(n > 0, "TAM private key loads (%d)", n);

	for (i = 0; i < SUIT_ARRAY_SIZE(dvecs); i++) {
		test_ctx("%s", strrchr(dvecs[i].info, '/') + 1);
		check_vector(&dvecs[i], good, bad);
	}
	test_ctx(NULL);
	test_self_made();
	test_policy(good);
	test_mutations(good);
	test_keystore_formats();
	suit_keystore_free(good);
	suit_keystore_free(bad);
	return test_done();
}
