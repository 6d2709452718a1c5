/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small in-memory key store for the userspace homes of lib/.
 *
 * Kinds of keys:
 *  - verification keys (trust anchors): EC P-256 public keys, Ed25519
 *    public keys, HMAC-SHA-256 secrets; used by auth_verify;
 *  - key-encryption keys: AES-KW secrets (16/24/32 bytes) and EC P-256
 *    private keys (ECDH-ES); used by cek_unwrap.
 *
 * Key identifier (kid) policy: a key stored with a kid is used only for a
 * COSE structure carrying exactly that kid. A key stored WITHOUT a kid is
 * a wildcard: it is tried for any kid (and for no kid) of its algorithm
 * family. When a request has no kid, every key of the family is tried in
 * the order added. A kid that matches no key and no wildcard gives
 * -ENOENT.
 *
 * Algorithm families: ECDSA P-256 (ES256 -7, ESP256 -9); EdDSA (-8, -19);
 * HMAC 256/256 (5); AES-KW 128/192/256 (-3/-4/-5, key length must match);
 * ECDH-ES P-256 (-29/-30/-31, private key).
 */
#ifndef SUIT_KEYSTORE_H
#define SUIT_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#define SUIT_KS_MAX_KID	64

enum suit_key_type {
	SUIT_KEY_EC_P256_PUB = 1,	/* verify ES256/ESP256 */
	SUIT_KEY_EC_P256_PRIV,		/* ECDH-ES (and verify with its public half) */
	SUIT_KEY_ED25519_PUB,		/* verify EdDSA */
	SUIT_KEY_HMAC,			/* HMAC-SHA-256 secret */
	SUIT_KEY_AES_KW,		/* AES key wrap KEK (16, 24 or 32 bytes) */
	SUIT_KEY_HSS_LMS_PUB,		/* HSS/LMS public key (raw bytes) */
};

struct suit_keystore;

/* evp_pkey is an EVP_PKEY * (void * here so users need no OpenSSL headers). */
struct suit_key {
	enum suit_key_type type;
	uint8_t kid[SUIT_KS_MAX_KID];
	size_t kid_len;			/* 0: wildcard (no kid) */
	void *evp_pkey;			/* EC and Ed25519 keys */
	uint8_t secret[64];		/* HMAC / AES-KW / HSS-LMS raw bytes */
	size_t secret_len;
};

struct suit_keystore *suit_keystore_new(void);
void suit_keystore_free(struct suit_keystore *ks);

/*
 * Add every key found in the file at @path. Accepted formats, tried in
 * this order:
 *  - PEM: PUBLIC KEY, EC PRIVATE KEY / PRIVATE KEY (also PKCS#8 inside an
 *    "EC PRIVATE KEY" armor, as libcsuit ships), CERTIFICATE (X.509: the
 *    SubjectKeyIdentifier, if any, is the kid);
 *  - DER: X.509 certificate, SubjectPublicKeyInfo, PKCS#8 / SEC1 private
 *    key;
 *  - COSE_Key (CBOR map; kty 2 EC2 P-256, 1 OKP Ed25519, 4 Symmetric;
 *    kid from label 2 when present);
 *  - raw symmetric key: 16, 24 or 32 bytes; 32 bytes is added both as an
 *    HMAC-SHA-256 key and as an A256KW key, 16/24 as A128KW/A192KW.
 *    A raw file may also hold hex (whitespace ignored);
 *  - raw HSS-LMS public key: 60 bytes, u32 L (1..8) || LMS public key.
 * @kid/@kid_len override the kid for every key added: @kid == NULL keeps
 * the kid the file gives (COSE_Key label 2, X.509 SubjectKeyIdentifier),
 * if any; @kid != NULL with @kid_len == 0 adds the keys WITHOUT a kid
 * (wildcards), whatever the file says. suit_keystore_add_file() is
 * suit_keystore_add_file_kid(ks, path, NULL, 0).
 * Return: number of keys added (> 0) or a negative errno.
 */
int suit_keystore_add_file_kid(struct suit_keystore *ks, const char *path,
			       const uint8_t *kid, size_t kid_len);
int suit_keystore_add_file(struct suit_keystore *ks, const char *path);

/* Same for a buffer already in memory. */
int suit_keystore_add_mem(struct suit_keystore *ks, const uint8_t *buf,
			  size_t len, const uint8_t *kid, size_t kid_len);

/* Add a raw secret of a given type (HMAC, AES-KW, HSS-LMS public key). */
int suit_keystore_add_secret(struct suit_keystore *ks, enum suit_key_type type,
			     const uint8_t *key, size_t key_len,
			     const uint8_t *kid, size_t kid_len);

/*
 * Add an OpenSSL EVP_PKEY (the store takes its own reference); the type is
 * derived from the key (P-256 public/private, Ed25519).
 */
int suit_keystore_add_pkey(struct suit_keystore *ks, void *evp_pkey,
			   const uint8_t *kid, size_t kid_len);

/* Number of keys held. */
size_t suit_keystore_count(const struct suit_keystore *ks);

/*
 * Iterate the keys usable for COSE algorithm @alg and key id @kid (see the
 * policy above). Start with *@iter = 0; returns NULL at the end.
 */
const struct suit_key *suit_keystore_next(const struct suit_keystore *ks,
					  int32_t alg, const uint8_t *kid,
					  size_t kid_len, size_t *iter);

#endif /* SUIT_KEYSTORE_H */
