// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool anchor: a trust-anchor certificate for a device keyring.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "tool_keys.h"
#include "tool_util.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool anchor -k PRIVATE_KEY -o CERT.der [--cn NAME] [--days N]\n"
		"                        [--kid HEX]\n"
		"\n"
		"Make a self-signed DER X.509 certificate for a P-256 or Ed25519 key, to\n"
		"load into the device keyring as a trust anchor. Its SubjectKeyIdentifier\n"
		"is the COSE kid of the key: by default RFC 7093 method 1 (leftmost 160\n"
		"bits of SHA-256 over the subjectPublicKey), the kid `sign` puts in the\n"
		"COSE header; --kid overrides it (use the same --kid with sign).\n"
		"\n"
		"Exit status: 0 written, 2 usage error, unusable key or write failure.\n");
}

int cmd_anchor(int argc, char **argv)
{
	const char *keyf = NULL, *out = NULL, *cn = "SUIT trust anchor", *v;
	long days = 3650;
	struct tool_key k;
	X509 *x = NULL;
	X509_NAME *name;
	ASN1_OCTET_STRING *ski;
	uint8_t kid[64];
	long kid_len = -1;
	unsigned char *der = NULL;
	int i, n, r = SUIT_EXIT_USAGE;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-k", &v) ||
			   tool_opt(argc, argv, &i, "--key", &v)) {
			keyf = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v) ||
			   tool_opt(argc, argv, &i, "--output", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "--cn", &v)) {
			cn = v;
		} else if (tool_opt(argc, argv, &i, "--days", &v)) {
			days = strtol(v, NULL, 10);
		} else if (tool_opt(argc, argv, &i, "--kid", &v)) {
			kid_len = tool_unhex(v, kid, sizeof(kid));
			if (kid_len <= 0) {
				tool_err("anchor", "--kid needs hex");
				return SUIT_EXIT_USAGE;
			}
		} else {
			tool_err("anchor", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!keyf || !out || days <= 0) {
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	if (tool_key_load("anchor", keyf, &k))
		return SUIT_EXIT_USAGE;
	if ((k.kind != TK_P256 && k.kind != TK_ED25519) || !k.priv) {
		tool_err("anchor", "%s: need a P-256 or Ed25519 private key", keyf);
		goto out;
	}
	if (kid_len < 0) {
		memcpy(kid, k.kid, k.kid_len);
		kid_len = (long)k.kid_len;
	}
	x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), days * 86400L);
	X509_set_pubkey(x, k.pkey);
	name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, name);
	ski = ASN1_OCTET_STRING_new();
	ASN1_OCTET_STRING_set(ski, kid, (int)kid_len);
	X509_add1_ext_i2d(x, NID_subject_key_identifier, ski, 0, X509V3_ADD_REPLACE);
	ASN1_OCTET_STRING_free(ski);
	if (!X509_sign(x, k.pkey, k.kind == TK_P256 ? EVP_sha256() : NULL)) {
		tool_err("anchor", "signing the certificate failed");
		goto out;
	}
	n = i2d_X509(x, &der);
	if (n <= 0) {
		tool_err("anchor", "encoding the certificate failed");
		goto out;
	}
	r = tool_write_file("anchor", out, der, n, 0644) ? SUIT_EXIT_USAGE : 0;
	if (!r) {
		char *h = tool_hex(kid, kid_len);

		printf("kid %s\n", h);
		free(h);
	}
out:
	OPENSSL_free(der);
	X509_free(x);
	tool_key_free(&k);
	return r;
}
