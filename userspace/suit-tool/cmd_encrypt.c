// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool encrypt: encrypt a payload for SUIT (draft-ietf-suit-firmware-
 * encryption): a random content key, AES-KW recipients, AES-GCM or AES-CTR
 * content encryption; writes the ciphertext and the SUIT_Encryption_Info
 * (COSE_Encrypt, tag 96, detached ciphertext) for parameter 19.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "tool_keys.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAX_RCPT 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool encrypt -i PLAINTEXT -o CIPHERTEXT --info ENCINFO.cbor\n"
		"                         -r KEK [-r KEK...] [--kid-text ID...] [--alg ALG]\n"
		"\n"
		"Encrypt a payload with a fresh random content key (CEK), wrapped for\n"
		"each AES-KW recipient (-r: a 16/24/32-byte secret, raw, hex or\n"
		"COSE_Key: A128KW/A192KW/A256KW by its length). ALG is A128GCM (default),\n"
		"A256GCM, A128CTR or A256CTR (CTR: empty protected header, no AEAD).\n"
		"Writes the ciphertext (GCM: tag appended) and ENCINFO.cbor, the\n"
		"SUIT_Encryption_Info to put in suit-parameter-encryption-info (19).\n"
		"--kid-text gives the recipients' kids in order (default: the key\n"
		"file's kid, else none).\n"
		"Not supported yet: ECDH-ES+AES-KW recipients, ChaCha20-Poly1305.\n"
		"\n"
		"Exit status: 0 written, 2 usage error (no recipient, bad key) or write\n"
		"failure; nothing is written on error.\n");
}

int cmd_encrypt(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *info = NULL, *alg_name = "A128GCM", *v;
	const char *rf[MAX_RCPT], *kids[MAX_RCPT];
	int nr = 0, nk = 0, i, r = SUIT_EXIT_USAGE, outl;
	struct tool_key keys[MAX_RCPT];
	int64_t alg;
	size_t keylen, len, ivlen;
	uint8_t cek[32], iv[16], wrapped[48], *pt = NULL, *ct = NULL;
	EVP_CIPHER_CTX *cx = NULL;
	struct tc *enc = NULL, *prot, *unprot, *rcpts, *arr;
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
		} else if (tool_opt(argc, argv, &i, "-r", &v) && nr < MAX_RCPT) {
			rf[nr++] = v;
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
		tool_err("encrypt", "no recipient: give at least one -r KEK");
		return SUIT_EXIT_USAGE;
	}
	if (!info) {
		tool_err("encrypt", "need --info for the SUIT_Encryption_Info output");
		return SUIT_EXIT_USAGE;
	}
	if (tool_code_of(tool_alg_names, alg_name, &alg) ||
	    (alg != 1 && alg != 3 && alg != -65534 && alg != -65532)) {
		tool_err("encrypt", "unsupported content algorithm %s", alg_name);
		return SUIT_EXIT_USAGE;
	}
	keylen = alg == 1 || alg == -65534 ? 16 : 32;
	ivlen = alg > 0 ? 12 : 16;
	memset(keys, 0, sizeof(keys));
	for (i = 0; i < nr; i++) {
		if (tool_key_load("encrypt", rf[i], &keys[i]))
			goto out;
		if (keys[i].kind != TK_SECRET ||
		    (keys[i].secret_len != 16 && keys[i].secret_len != 24 && keys[i].secret_len != 32)) {
			tool_err("encrypt", "%s: not an AES-KW key (16, 24 or 32 bytes)", rf[i]);
			goto out;
		}
	}
	pt = tool_read_file("encrypt", in, &len);
	if (!pt)
		goto out;
	if (RAND_bytes(cek, (int)keylen) != 1 || RAND_bytes(iv, (int)ivlen) != 1)
		goto out;
	ct = xmalloc(len + 16);
	cx = EVP_CIPHER_CTX_new();
	if (!EVP_EncryptInit_ex(cx, alg == 1 ? EVP_aes_128_gcm() : alg == 3 ? EVP_aes_256_gcm() :
				alg == -65534 ? EVP_aes_128_ctr() : EVP_aes_256_ctr(), NULL, NULL, NULL))
		goto out;
	if (alg > 0)
		EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_GCM_SET_IVLEN, (int)ivlen, NULL);
	EVP_EncryptInit_ex(cx, NULL, NULL, cek, iv);
	/* protected header and AAD = Enc_structure ["Encrypt", protected, h''] */
	if (alg > 0) {
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
	if (!EVP_EncryptUpdate(cx, ct, &outl, pt, (int)len)) {
		tc_free(prot);
		goto out;
	}
	EVP_EncryptFinal_ex(cx, ct + outl, &outl);
	if (alg > 0) {
		EVP_CIPHER_CTX_ctrl(cx, EVP_CTRL_GCM_GET_TAG, 16, ct + len);
		len += 16;
	}
	unprot = tc_map();
	if (alg < 0)
		tc_put_i(unprot, 1, tc_int(alg));
	tc_put_i(unprot, 5, tc_bstr(iv, ivlen));
	rcpts = tc_array();
	for (i = 0; i < nr; i++) {
		EVP_CIPHER_CTX *w = EVP_CIPHER_CTX_new();
		struct tc *ru = tc_map(), *rc = tc_array();
		int wl = 0, fl = 0;
		size_t kl = keys[i].secret_len;

		EVP_CIPHER_CTX_set_flags(w, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
		EVP_EncryptInit_ex(w, kl == 16 ? EVP_aes_128_wrap() : kl == 24 ?
				   EVP_aes_192_wrap() : EVP_aes_256_wrap(), NULL, keys[i].secret, NULL);
		EVP_EncryptUpdate(w, wrapped, &wl, cek, (int)keylen);
		EVP_EncryptFinal_ex(w, wrapped + wl, &fl);
		EVP_CIPHER_CTX_free(w);
		tc_put_i(ru, 1, tc_int(kl == 16 ? -3 : kl == 24 ? -4 : -5));
		if (i < nk)
			tc_put_i(ru, 4, tc_bstr(kids[i], strlen(kids[i])));
		else if (keys[i].kid_len)
			tc_put_i(ru, 4, tc_bstr(keys[i].kid, keys[i].kid_len));
		tc_push(rc, tc_bstr(NULL, 0));
		tc_push(rc, ru);
		tc_push(rc, tc_bstr(wrapped, wl + fl));
		tc_push(rcpts, rc);
	}
	arr = tc_array();
	tc_push(arr, prot);
	tc_push(arr, unprot);
	tc_push(arr, tc_simple(TC_NULL));
	tc_push(arr, rcpts);
	enc = tc_tag(96, arr);
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
	free(pt);
	free(ct);
	for (i = 0; i < nr; i++)
		tool_key_free(&keys[i]);
	return r;
}
