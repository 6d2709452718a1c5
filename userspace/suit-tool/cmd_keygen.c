// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool keygen: signing, MAC and key-encryption keys.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/rand.h>

#include <suit/sw_crypto.h>

#include "hss_sign.h"
#include "tool_keys.h"
#include "tool_util.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool keygen -t TYPE -o KEYFILE [--pub PUBFILE]\n"
		"                        [--format pem|cose|raw|hex] [--kid HEX | --kid-text STR]\n"
		"\n"
		"Generate a key. TYPE is one of:\n"
		"  p256        ECDSA P-256 signing key (ES256 -7 / ESP256 -9)\n"
		"  ecdh-p256   P-256 key for ECDH-ES+AES-KW recipients (same format)\n"
		"  ed25519     EdDSA / Ed25519 signing key (-8 / -19)\n"
		"  hmac256     32-byte HMAC 256/256 secret (COSE_Mac0, alg 5)\n"
		"  a128kw, a192kw, a256kw   AES key-wrap secrets (16/24/32 bytes)\n"
		"  hss-lms     stateful hash-based signing key (-46): KEYFILE is the\n"
		"              private key, KEYFILE.state the index of the next unused\n"
		"              one-time key; --pub writes the 60-byte HSS public key.\n"
		"              --hss SHAPE sets the levels, top first, e.g. H10/W4\n"
		"              (default) or H10/W4,H5/W8 (LMS heights H5..H25, LM-OTS\n"
		"              W1, W2, W4, W8)\n"
		"\n"
		"  --format pem   (P-256/Ed25519 default) PKCS#8 PEM; --pub writes the\n"
		"                 public key as PEM SubjectPublicKeyInfo\n"
		"  --format cose  COSE_Key (CBOR map); --pub writes the public COSE_Key\n"
		"  --format raw   (secrets default) the raw secret bytes; hex: as hex text\n"
		"  --kid          key id put in a COSE_Key; for P-256/Ed25519 the default\n"
		"                 kid is RFC 7093 method 1 (first 20 bytes of SHA-256 of\n"
		"                 the subjectPublicKey), as `anchor` and `sign` use\n"
		"The key file is created with mode 0600 and atomically.\n"
		"\n"
		"Exit status: 0 written, 2 usage error or write failure.\n");
}

static int hss_keygen_cmd(const char *shape, const char *out, const char *pub)
{
	struct hss_sign_params p = { 0 };
	char *dup = xstrdup(shape), *tok, *save = NULL, *st;
	uint8_t pk[SUIT_HSS_PUBKEY_SIZE];
	int h, w, r;
	static const int ws[] = { 0, 1, 2, 0, 3, 0, 0, 0, 4 };

	for (tok = strtok_r(dup, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (p.levels == HSS_SIGN_MAX_LEVELS || sscanf(tok, "H%d/W%d", &h, &w) != 2 ||
		    h % 5 || h < 5 || h > 25 || w < 1 || w > 8 || !ws[w]) {
			tool_err("keygen", "bad HSS shape %s (want e.g. H10/W4,H5/W8)", shape);
			free(dup);
			return SUIT_EXIT_USAGE;
		}
		p.lms_type[p.levels] = SUIT_LMS_SHA256_M32_H5 + (h / 5 - 1);
		p.ots_type[p.levels] = ws[w];
		p.levels++;
	}
	free(dup);
	if (!p.levels) {
		tool_err("keygen", "empty HSS shape");
		return SUIT_EXIT_USAGE;
	}
	r = hss_keygen(&p, NULL, out, NULL, pk);
	if (r) {
		tool_err("keygen", "HSS key generation into %s failed (%s)", out,
			 r == -EEXIST ? "file exists" : strerror(-r));
		return SUIT_EXIT_USAGE;
	}
	if (pub && tool_write_file("keygen", pub, pk, sizeof(pk), 0644)) {
		st = xmalloc(strlen(out) + 8);
		sprintf(st, "%s.state", out);
		unlink(out);
		unlink(st);
		free(st);
		return SUIT_EXIT_USAGE;
	}
	printf("HSS-LMS key %s, state %s.state, %zu-byte signatures\n", out, out,
	       hss_sig_size(&p));
	return SUIT_EXIT_OK;
}

int cmd_keygen(int argc, char **argv)
{
	const char *type = NULL, *out = NULL, *pub = NULL, *fmt = NULL, *v;
	const char *hss_shape = "H10/W4";
	uint8_t kid[64], secret[32];
	size_t kid_len = 0, slen = 0;
	EVP_PKEY *pkey = NULL;
	int i, r = SUIT_EXIT_USAGE;
	bool asym;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-t", &v) ||
			   tool_opt(argc, argv, &i, "--type", &v)) {
			type = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v) ||
			   tool_opt(argc, argv, &i, "--output", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--pub", &v)) {
			pub = v;
		} else if (tool_opt(argc, argv, &i, "--format", &v)) {
			fmt = v;
		} else if (tool_opt(argc, argv, &i, "--kid", &v)) {
			long n = tool_unhex(v, kid, sizeof(kid));

			if (n < 0) {
				tool_err("keygen", "--kid needs hex (up to 64 bytes)");
				return SUIT_EXIT_USAGE;
			}
			kid_len = (size_t)n;
		} else if (tool_opt(argc, argv, &i, "--hss", &v)) {
			hss_shape = v;
		} else if (tool_opt(argc, argv, &i, "--kid-text", &v)) {
			kid_len = strlen(v) > sizeof(kid) ? sizeof(kid) : strlen(v);
			memcpy(kid, v, kid_len);
		} else {
			tool_err("keygen", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!type || !out) {
		tool_err("keygen", "need --type and --output");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	asym = !strcmp(type, "p256") || !strcmp(type, "ecdh-p256") || !strcmp(type, "ed25519");
	if (!asym) {
		if (!strcmp(type, "hmac256") || !strcmp(type, "a256kw"))
			slen = 32;
		else if (!strcmp(type, "a128kw"))
			slen = 16;
		else if (!strcmp(type, "a192kw"))
			slen = 24;
		else if (!strcmp(type, "hss-lms")) {
			return hss_keygen_cmd(hss_shape, out, pub);
		} else {
			tool_err("keygen", "unknown key type %s", type);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!fmt)
		fmt = asym ? "pem" : "raw";
	if (asym ? (strcmp(fmt, "pem") && strcmp(fmt, "cose")) :
		   (strcmp(fmt, "raw") && strcmp(fmt, "hex") && strcmp(fmt, "cose"))) {
		tool_err("keygen", "format %s does not apply to %s keys", fmt, type);
		return SUIT_EXIT_USAGE;
	}
	if (pub && !asym) {
		tool_err("keygen", "--pub: a %s secret has no public part", type);
		return SUIT_EXIT_USAGE;
	}
	if (asym) {
		pkey = !strcmp(type, "ed25519") ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519") :
			EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
		if (!pkey) {
			tool_err("keygen", "key generation failed");
			return SUIT_EXIT_USAGE;
		}
		if (!kid_len) {
			tool_key_default_kid(pkey, kid);
			kid_len = 20;
		}
		if (!strcmp(fmt, "pem")) {
			BIO *b = BIO_new(BIO_s_mem());
			char *p;
			long n;

			PEM_write_bio_PrivateKey(b, pkey, NULL, NULL, 0, NULL, NULL);
			n = BIO_get_mem_data(b, &p);
			r = tool_write_file("keygen", out, p, n, 0600) ? SUIT_EXIT_USAGE : 0;
			BIO_free(b);
			if (!r && pub) {
				b = BIO_new(BIO_s_mem());
				PEM_write_bio_PUBKEY(b, pkey);
				n = BIO_get_mem_data(b, &p);
				r = tool_write_file("keygen", pub, p, n, 0644) ? SUIT_EXIT_USAGE : 0;
				BIO_free(b);
				if (r)
					unlink(out);	/* no half-made key pair */
			}
		} else {
			struct tc *m = tool_cose_key(pkey, true, kid, kid_len);
			struct tbuf tb = tc_enc(m);

			r = tool_write_file("keygen", out, tb.p, tb.len, 0600) ? SUIT_EXIT_USAGE : 0;
			tb_free(&tb);
			tc_free(m);
			if (!r && pub) {
				m = tool_cose_key(pkey, false, kid, kid_len);
				tb = tc_enc(m);
				r = tool_write_file("keygen", pub, tb.p, tb.len, 0644) ?
					SUIT_EXIT_USAGE : 0;
				if (r)
					unlink(out);
				tb_free(&tb);
				tc_free(m);
			}
		}
		if (!r) {
			char *h = tool_hex(kid, kid_len);

			printf("kid %s\n", h);
			free(h);
		}
		EVP_PKEY_free(pkey);
		return r;
	}
	if (RAND_bytes(secret, (int)slen) != 1) {
		tool_err("keygen", "no randomness");
		return SUIT_EXIT_USAGE;
	}
	if (!strcmp(fmt, "raw")) {
		r = tool_write_file("keygen", out, secret, slen, 0600) ? SUIT_EXIT_USAGE : 0;
	} else if (!strcmp(fmt, "hex")) {
		char *h = tool_hex(secret, slen);

		h = xrealloc(h, slen * 2 + 2);
		strcat(h, "\n");
		r = tool_write_file("keygen", out, h, slen * 2 + 1, 0600) ? SUIT_EXIT_USAGE : 0;
		OPENSSL_cleanse(h, slen * 2);
		free(h);
	} else {
		struct tc *m = tc_map();
		struct tbuf tb;

		tc_put_i(m, 1, tc_int(4));
		tc_put_i(m, -1, tc_bstr(secret, slen));
		if (kid_len)
			tc_put_i(m, 2, tc_bstr(kid, kid_len));
		tb = tc_enc(m);
		r = tool_write_file("keygen", out, tb.p, tb.len, 0600) ? SUIT_EXIT_USAGE : 0;
		OPENSSL_cleanse(tb.p, tb.len);
		tb_free(&tb);
		tc_free(m);
	}
	OPENSSL_cleanse(secret, sizeof(secret));
	return r;
}
