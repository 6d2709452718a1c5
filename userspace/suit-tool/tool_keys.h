/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit-tool: key files (PEM, DER, COSE_Key, raw/hex secrets), key ids and
 * the COSE signing/MAC primitives used by sign and verify.
 */
#ifndef SUIT_TOOL_KEYS_H
#define SUIT_TOOL_KEYS_H

#include <openssl/evp.h>

#include "tool_cbor.h"

/* big enough for HSS-LMS signatures of the supported shapes */
#define TOOL_MAX_SIG 65536

enum tool_key_kind {
	TK_NONE, TK_P256, TK_ED25519, TK_SECRET, TK_HSS,
};

struct tool_key {
	enum tool_key_kind kind;
	bool priv;			/* private key (or secret) available */
	EVP_PKEY *pkey;			/* P256 / ED25519 */
	uint8_t secret[64];		/* SECRET; HSS: the 60-byte public key */
	size_t secret_len;
	uint8_t kid[64];
	size_t kid_len;
	bool kid_explicit;		/* kid from the file, not derived */
	char *path;			/* HSS private key path (state: PATH.state) */
};

/*
 * Load a key file: PEM (private/public key, certificate), DER (certificate,
 * SubjectPublicKeyInfo, PKCS#8), COSE_Key, or a raw or hex symmetric
 * secret of 16, 24, 32 or 64 bytes. The kid is taken from the file when it
 * has one (COSE_Key label 2, certificate SubjectKeyIdentifier), else
 * derived for public keys (tool_key_default_kid). Returns 0 or -1.
 */
int tool_key_load(const char *cmd, const char *path, struct tool_key *k);
void tool_key_free(struct tool_key *k);
/*
 * Default kid of an asymmetric key: RFC 7093 method 1, the leftmost 160
 * bits of the SHA-256 of the subjectPublicKey BIT STRING value.
 */
int tool_key_default_kid(EVP_PKEY *pkey, uint8_t kid[20]);
/* public key as COSE_Key map (with @kid if non-empty) */
struct tc *tool_cose_key(EVP_PKEY *pkey, bool with_private, const uint8_t *kid,
			 size_t kid_len);
/* name -> COSE alg; default alg for a key */
int tool_default_alg(const struct tool_key *k);

/* ECDSA (raw r||s), EdDSA; @alg a COSE signature alg. 0 or -1. */
int tool_sign_raw(const struct tool_key *k, int alg, const uint8_t *msg,
		  size_t len, uint8_t *sig, size_t *sig_len);
int tool_verify_raw(const struct tool_key *k, int alg, const uint8_t *msg,
		    size_t len, const uint8_t *sig, size_t sig_len);
int tool_hmac(const uint8_t *key, size_t key_len, int alg, const uint8_t *msg,
	      size_t len, uint8_t *out, size_t *out_len);

#endif
