// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool encrypt: encrypt a payload for SUIT (draft-ietf-suit-firmware-
 * encryption): a random content key (CEK) distributed to one or more
 * recipients with AES-KW or ECDH-ES+AES-KW, content encrypted with
 * AES-GCM, AES-CTR or ChaCha20-Poly1305. Writes the ciphertext and the
 * SUIT_Encryption_Info (COSE_Encrypt, tag 96, detached ciphertext) that
 * goes into suit-parameter-encryption-info (19).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "tool_keys.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAX_RCPT 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool encrypt -i PLAINTEXT -o CIPHERTEXT --info ENCINFO.cbor\n"
		"                         -r KEY [-r KEY...] [--alg ALG] [--kw KW]\n"
		"                         [--kid-text ID...]\n"
		"\n"
		"Encrypt a payload with a fresh random content key (CEK) and wrap the\n"
		"CEK for each recipient -r KEY:\n"
		"  - a 16/24/32-byte secret (raw, hex or COSE_Key): AES-KW, A128KW /\n"
		"    A192KW / A256KW by its length; recipient protected header h''\n"
		"  - a P-256 public key (PEM, DER certificate, COSE_Key): ECDH-ES +\n"
		"    AES-KW (--kw A128KW default, A192KW, A256KW), a fresh ephemeral key,\n"
		"    HKDF-SHA-256 over the COSE_KDF_Context with\n"
		"    other = 'SUIT Payload Encryption'\n"
		"ALG: A128GCM (default), A192GCM, A256GCM, ChaCha20/Poly1305 (AEAD over\n"
		"[\"Encrypt\", protected, h'']), A128CTR, A256CTR (no AEAD, protected h'').\n"
		"Output: CIPHERTEXT (AEAD: tag appended) and ENCINFO.cbor, the\n"
		"SUIT_Encryption_Info for suit-parameter-encryption-info (19). --kid-text\n"
		"gives the recipients' kids in order (default: the key file's kid, if any).\n"
		"--cek-file F keeps the content key and IV in F (mode 0600): created on\n"
		"first use, reused when it exists, so the same ciphertext can be given\n"
		"new recipients later (per-device encryption-info for `wrap`).\n"
		"\n"
		"Exit status: 0 written, 2 usage error (no recipient, unusable key) or\n"
		"write failure; nothing is written on error.\n");
}

static const EVP_CIPHER *content_cipher(int64_t alg, size_t *keylen, size_t *ivlen)
{
	*ivlen = 12;
	switch (alg) {
	case 1:
		*keylen = 16;
		return EVP_aes_128_gcm();
	case 2:
		*keylen = 24;
		return EVP_aes_192_gcm();
	case 3:
		*keylen = 32;
		return EVP_aes_256_gcm();
	case 24:
		*keylen = 32;
		return EVP_chacha20_poly1305();
	case -65534:
		*keylen = 16;
		*ivlen = 16;
		return EVP_aes_128_ctr();
	case -65532:
		*keylen = 32;
		*ivlen = 16;
		return EVP_aes_256_ctr();
	}
	return NULL;
}

static int aes_kw(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t len,
		  uint8_t *out, size_t *out_len)
{
	EVP_CIPHER_CTX *w = EVP_CIPHER_CTX_new();
	int wl = 0, fl = 0, ok;

	EVP_CIPHER_CTX_set_flags(w, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	ok = EVP_EncryptInit_ex(w, kek_len == 16 ? EVP_aes_128_wrap() : kek_len == 24 ?
				EVP_aes_192_wrap() : EVP_aes_256_wrap(), NULL, kek, NULL) &&
	     EVP_EncryptUpdate(w, out, &wl, in, (int)len) &&
	     EVP_EncryptFinal_ex(w, out + wl, &fl);
	EVP_CIPHER_CTX_free(w);
	*out_len = (size_t)(wl + fl);
	return ok ? 0 : -1;
}

/* ECDH-ES + AES-KW recipient: [<<{1: kw}>>, {-1: eph, 4: kid}, wrapped] */
static struct tc *ecdh_recipient(const struct tool_key *k, int kw_alg, const uint8_t *cek,
				 size_t cek_len, const uint8_t *kid, size_t kid_len)
{
	EVP_PKEY *eph = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	EVP_PKEY_CTX *dc = NULL, *kc = NULL;
	uint8_t z[32], kek[32], wrapped[48];
	size_t zl = sizeof(z), kl = kw_alg == -29 ? 16 : kw_alg == -30 ? 24 : 32, wl;
	struct tc *ph = tc_map(), *prot, *ctx, *a, *supp, *un, *r = NULL, *ek;
	struct tbuf info = { 0 };
	OSSL_PARAM params[5];

	tc_put_i(ph, 1, tc_int(kw_alg));
	prot = tc_wrap(ph);
	/* COSE_KDF_Context */
	ctx = tc_array();
	tc_push(ctx, tc_int(kw_alg == -29 ? -3 : kw_alg == -30 ? -4 : -5));
	for (int p = 0; p < 2; p++) {
		a = tc_array();
		tc_push(a, tc_simple(TC_NULL));
		tc_push(a, tc_simple(TC_NULL));
		tc_push(a, tc_simple(TC_NULL));
		tc_push(ctx, a);
	}
	supp = tc_array();
	tc_push(supp, tc_uint(kl * 8));
	tc_push(supp, tc_dup(prot));
	tc_push(supp, tc_bstr("SUIT Payload Encryption", 23));
	tc_push(ctx, supp);
	info = tc_enc(ctx);
	tc_free(ctx);
	if (!eph)
		goto out;
	dc = EVP_PKEY_CTX_new(eph, NULL);
	if (!dc || EVP_PKEY_derive_init(dc) <= 0 || EVP_PKEY_derive_set_peer(dc, k->pkey) <= 0 ||
	    EVP_PKEY_derive(dc, z, &zl) <= 0)
		goto out;
	kc = EVP_PKEY_CTX_new_from_name(NULL, "HKDF", NULL);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "SHA256", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, z, zl);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.p, info.len);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)"", 0);
	params[4] = OSSL_PARAM_construct_end();
	{
		EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
		EVP_KDF_CTX *kx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
		int ok = kx && EVP_KDF_derive(kx, kek, kl, params) > 0;

		EVP_KDF_CTX_free(kx);
		EVP_KDF_free(kdf);
		if (!ok)
			goto out;
	}
	if (aes_kw(kek, kl, cek, cek_len, wrapped, &wl))
		goto out;
	un = tc_map();
	ek = tool_cose_key(eph, false, NULL, 0);
	tc_put_i(un, -1, ek);
	if (kid_len)
		tc_put_i(un, 4, tc_bstr(kid, kid_len));
	r = tc_array();
	tc_push(r, prot);
	prot = NULL;
	tc_push(r, un);
	tc_push(r, tc_bstr(wrapped, wl));
out:
	OPENSSL_cleanse(z, sizeof(z));
	OPENSSL_cleanse(kek, sizeof(kek));
	tc_free(prot);
	tb_free(&info);
	EVP_PKEY_CTX_free(dc);
	EVP_PKEY_CTX_free(kc);
	EVP_PKEY_free(eph);
	return r;
}

int cmd_encrypt(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *info = NULL, *alg_name = "A128GCM", *v;
	const char *kw_name = "A128KW", *rf[MAX_RCPT], *kids[MAX_RCPT], *cek_file = NULL;
	int nr = 0, nk = 0, i, r = SUIT_EXIT_USAGE, outl;
	struct tool_key keys[MAX_RCPT];
	int64_t alg, kw;
	size_t keylen, len, ivlen, tag_len;
	uint8_t cek[32], iv[16], wrapped[48], *pt = NULL, *ct = NULL;
	EVP_CIPHER_CTX *cx = NULL;
	const EVP_CIPHER *cipher;
	struct tc *enc = NULL, *prot = NULL, *unprot, *rcpts, *arr;
	struct tbuf b = { 0 };

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-i", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--info", &v)) {
			info = v;
		} else if (tool_opt(argc, argv, &i, "--alg", &v)) {
			alg_name = v;
		} else if (tool_opt(argc, argv, &i, "--kw", &v)) {
			kw_name = v;
		} else if (tool_opt(argc, argv, &i, "-r", &v) ||
			   tool_opt(argc, argv, &i, "--recipient", &v)) {
			if (nr == MAX_RCPT) {
				tool_err("encrypt", "at most %d recipients", MAX_RCPT);
				return SUIT_EXIT_USAGE;
			}
			rf[nr++] = v;
		} else if (tool_opt(argc, argv, &i, "--cek-file", &v)) {
			cek_file = v;
		} else if (tool_opt(argc, argv, &i, "--kid-text", &v) && nk < MAX_RCPT) {
			kids[nk++] = v;
		} else {
			tool_err("encrypt", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out) {
		tool_err("encrypt", "need -i and -o");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (!nr) {
		tool_err("encrypt", "no recipient: give at least one -r KEY");
		return SUIT_EXIT_USAGE;
	}
	if (!info) {
		tool_err("encrypt", "need --info for the SUIT_Encryption_Info output");
		return SUIT_EXIT_USAGE;
	}
	cipher = tool_code_of(tool_alg_names, alg_name, &alg) ? NULL :
		 content_cipher(alg, &keylen, &ivlen);
	if (!cipher) {
		tool_err("encrypt", "unsupported content algorithm %s", alg_name);
		return SUIT_EXIT_USAGE;
	}
	if (!strcmp(kw_name, "A128KW"))
		kw = -29;
	else if (!strcmp(kw_name, "A192KW"))
		kw = -30;
	else if (!strcmp(kw_name, "A256KW"))
		kw = -31;
	else {
		tool_err("encrypt", "--kw: A128KW, A192KW or A256KW");
		return SUIT_EXIT_USAGE;
	}
	tag_len = ivlen == 12 ? 16 : 0;
	memset(keys, 0, sizeof(keys));
	for (i = 0; i < nr; i++) {
		if (tool_key_load("encrypt", rf[i], &keys[i]))
			goto out;
		if (!(keys[i].kind == TK_SECRET && (keys[i].secret_len == 16 ||
		      keys[i].secret_len == 24 || keys[i].secret_len == 32)) &&
		    keys[i].kind != TK_P256) {
			tool_err("encrypt", "%s: not an AES-KW secret (16/24/32 bytes) or a P-256 key",
				 rf[i]);
			goto out;
		}
	}
	pt = tool_read_file("encrypt", in, &len);
	if (!pt)
		goto out;
	if (len > INT32_MAX) {
		tool_err("encrypt", "%s: too large", in);
		goto out;
	}
	if (cek_file && !access(cek_file, F_OK)) {
		size_t cl;
		uint8_t *cb = tool_read_file("encrypt", cek_file, &cl);

		if (!cb)
			goto out;
		if (cl != keylen + ivlen) {
			tool_err("encrypt", "%s: holds %zu bytes, %s needs key+IV = %zu", cek_file,
				 cl, alg_name, keylen + ivlen);
			OPENSSL_cleanse(cb, cl);
			free(cb);
			goto out;
		}
		memcpy(cek, cb, keylen);
		memcpy(iv, cb + keylen, ivlen);
		OPENSSL_cleanse(cb, cl);
		free(cb);
	} else {
		uint8_t kv[48];

		if (RAND_bytes(cek, (int)keylen) != 1 || RAND_bytes(iv, (int)ivlen) != 1)
			goto out;
		memcpy(kv, cek, keylen);
		memcpy(kv + keylen, iv, ivlen);
		if (cek_file && tool_write_file("encrypt", cek_file, kv, keylen + ivlen, 0600)) {
			OPENSSL_cleanse(kv, sizeof(kv));
			goto out;
		}
		OPENSSL_cleanse(kv, sizeof(kv));
	}
	ct = xmalloc(len + 16);
	cx = EVP_CIPHER_CTX_new();
	if (!EVP_EncryptInit_ex(cx, cipher, NULL, NULL, NULL))
		goto out;
	if (tag_len)
		EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_AEAD_SET_IVLEN, (int)ivlen, NULL);
	EVP_EncryptInit_ex(cx, NULL, NULL, cek, iv);
	if (tag_len) {
		/* AAD = Enc_structure ["Encrypt", protected, h''] */
		struct tc *ph = tc_map(), *es = tc_array();
		struct tbuf aad;

		tc_put_i(ph, 1, tc_int(alg));
		prot = tc_wrap(ph);
		tc_push(es, tc_tstr("Encrypt"));
		tc_push(es, tc_dup(prot));
		tc_push(es, tc_bstr(NULL, 0));
		aad = tc_enc(es);
		tc_free(es);
		EVP_EncryptUpdate(cx, NULL, &outl, aad.p, (int)aad.len);
		tb_free(&aad);
	} else {
		prot = tc_bstr(NULL, 0);
	}
	if (!EVP_EncryptUpdate(cx, ct, &outl, pt, (int)len) ||
	    !EVP_EncryptFinal_ex(cx, ct + outl, &outl))
		goto out;
	if (tag_len) {
		EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_AEAD_GET_TAG, 16, ct + len);
		len += 16;
	}
	unprot = tc_map();
	if (!tag_len)
		tc_put_i(unprot, 1, tc_int(alg));
	tc_put_i(unprot, 5, tc_bstr(iv, ivlen));
	rcpts = tc_array();
	arr = tc_array();
	tc_push(arr, prot);
	prot = NULL;
	tc_push(arr, unprot);
	tc_push(arr, tc_simple(TC_NULL));
	tc_push(arr, rcpts);
	enc = tc_tag(96, arr);
	for (i = 0; i < nr; i++) {
		const uint8_t *kid = keys[i].kid;
		size_t kid_len = keys[i].kid_explicit ? keys[i].kid_len : 0, wl;
		struct tc *rc;

		if (i < nk) {
			kid = (const uint8_t *)kids[i];
			kid_len = strlen(kids[i]);
		}
		if (keys[i].kind == TK_P256) {
			rc = ecdh_recipient(&keys[i], (int)kw, cek, keylen, kid, kid_len);
		} else {
			struct tc *ru = tc_map();
			size_t kl = keys[i].secret_len;

			if (aes_kw(keys[i].secret, kl, cek, keylen, wrapped, &wl)) {
				tc_free(ru);
				rc = NULL;
			} else {
				tc_put_i(ru, 1, tc_int(kl == 16 ? -3 : kl == 24 ? -4 : -5));
				if (kid_len)
					tc_put_i(ru, 4, tc_bstr(kid, kid_len));
				rc = tc_array();
				tc_push(rc, tc_bstr(NULL, 0));
				tc_push(rc, ru);
				tc_push(rc, tc_bstr(wrapped, wl));
			}
		}
		if (!rc) {
			tool_err("encrypt", "%s: wrapping the content key failed", rf[i]);
			goto out;
		}
		tc_push(rcpts, rc);
	}
	b = tc_enc(enc);
	if (tool_write_file("encrypt", out, ct, len, 0644))
		goto out;
	if (tool_write_file("encrypt", info, b.p, b.len, 0644)) {
		remove(out);
		goto out;
	}
	r = SUIT_EXIT_OK;
out:
	OPENSSL_cleanse(cek, sizeof(cek));
	EVP_CIPHER_CTX_free(cx);
	tb_free(&b);
	tc_free(enc);
	tc_free(prot);
	free(pt);
	free(ct);
	for (i = 0; i < nr; i++)
		tool_key_free(&keys[i]);
	return r;
}
