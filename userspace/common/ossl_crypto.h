/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * OpenSSL 3 implementation of the crypto members of struct
 * suit_platform_ops (hash, auth_verify, cek_unwrap, cipher), for every
 * userspace home of lib/ (suit-tool, libsuit, the unit tests, benchmarks).
 *
 * Convention for @plat: every function below takes as @plat a pointer to
 * a structure whose FIRST member is a struct suit_ossl (or a struct
 * suit_ossl itself). So a tool that needs more private state does:
 *
 *	struct my_dev {
 *		struct suit_ossl ossl;	// must be first
 *		... storage, fetch state ...
 *	};
 *	struct my_dev dev = { .ossl = { .keys = ks } };
 *	platform.priv = &dev;
 *
 * and suit_ossl_from_plat(plat) gives the struct suit_ossl back.
 *
 * suit_ossl_fill_ops() sets exactly the crypto members of an ops table
 * (hash_init/update/final, auth_verify, cek_unwrap, cipher_init/update/
 * final) and leaves every other member untouched.
 */
#ifndef SUIT_OSSL_CRYPTO_H
#define SUIT_OSSL_CRYPTO_H

#include <suit/platform.h>
#include "keystore.h"

/**
 * struct suit_ossl - the crypto part of a userspace platform
 * @keys: trust anchors (signature/MAC verification) and device keys
 *	(AES-KW key-encryption keys, ECDH private keys); may be NULL, then
 *	every key lookup fails with -ENOENT
 */
struct suit_ossl {
	struct suit_keystore *keys;
};

static inline struct suit_ossl *suit_ossl_from_plat(void *plat)
{
	return (struct suit_ossl *)plat;
}

int suit_ossl_hash_init(void *plat, int32_t alg, void **ctx);
int suit_ossl_hash_update(void *plat, void *ctx, const uint8_t *data,
			  size_t len);
int suit_ossl_hash_final(void *plat, void *ctx, uint8_t *out, size_t out_len);

int suit_ossl_auth_verify(void *plat, const struct suit_auth_req *req);
int suit_ossl_cek_unwrap(void *plat, const struct suit_unwrap_req *req,
			 uint8_t *cek, size_t *cek_len);
int suit_ossl_cipher_init(void *plat, const struct suit_cipher_req *req,
			  void **ctx);
int suit_ossl_cipher_update(void *plat, void *ctx, const uint8_t *in,
			    uint8_t *out, size_t len);
int suit_ossl_cipher_final(void *plat, void *ctx, struct suit_buf tag);

/* Set the eight crypto members of @ops to the functions above. */
void suit_ossl_fill_ops(struct suit_platform_ops *ops);

/* Digest length in bytes of a COSE hash algorithm, 0 if unsupported. */
size_t suit_ossl_hash_len(int32_t alg);

#endif /* SUIT_OSSL_CRYPTO_H */
