/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Software cryptography for lib/ that the 6.1 kernel crypto API lacks:
 * SHA-256 and SHA-512 (FIPS 180-4), Ed25519 verification (RFC 8032) and
 * HSS/LMS verification (RFC 8554). Freestanding C: builds unchanged in the
 * kernel (suit.ko) and in userspace. Nothing here allocates memory.
 *
 * Implemented in lib/sha256.c, lib/sha512.c, lib/ed25519.c, lib/hss_lms.c.
 * See Documentation/lib-crypto.rst.
 */
#ifndef SUIT_SW_CRYPTO_H
#define SUIT_SW_CRYPTO_H

#include <suit/types.h>

#define SUIT_SHA256_DIGEST_SIZE	32
#define SUIT_SHA256_BLOCK_SIZE	64
#define SUIT_SHA512_DIGEST_SIZE	64
#define SUIT_SHA512_BLOCK_SIZE	128

/**
 * struct suit_sha256_ctx - SHA-256 streaming state
 * @h: chaining value
 * @bytes: total bytes hashed so far
 * @buf: partial block
 * @buf_len: bytes in @buf (0..63)
 */
struct suit_sha256_ctx {
	u32 h[8];
	u64 bytes;
	u8 buf[SUIT_SHA256_BLOCK_SIZE];
	unsigned int buf_len;
};

/**
 * struct suit_sha512_ctx - SHA-512 streaming state
 * @h: chaining value
 * @bytes: total bytes hashed so far (messages up to 2^64 - 1 bytes)
 * @buf: partial block
 * @buf_len: bytes in @buf (0..127)
 */
struct suit_sha512_ctx {
	u64 h[8];
	u64 bytes;
	u8 buf[SUIT_SHA512_BLOCK_SIZE];
	unsigned int buf_len;
};

/** suit_sha256_init() - start a SHA-256 computation */
void suit_sha256_init(struct suit_sha256_ctx *ctx);
/** suit_sha256_update() - hash @len bytes at @data (@data may be NULL if @len is 0) */
void suit_sha256_update(struct suit_sha256_ctx *ctx, const void *data, size_t len);
/** suit_sha256_final() - write the 32-byte digest to @out and wipe @ctx */
void suit_sha256_final(struct suit_sha256_ctx *ctx, u8 out[SUIT_SHA256_DIGEST_SIZE]);
/** suit_sha256() - one-shot SHA-256 */
void suit_sha256(const void *data, size_t len, u8 out[SUIT_SHA256_DIGEST_SIZE]);

/** suit_sha512_init() - start a SHA-512 computation */
void suit_sha512_init(struct suit_sha512_ctx *ctx);
/** suit_sha512_update() - hash @len bytes at @data (@data may be NULL if @len is 0) */
void suit_sha512_update(struct suit_sha512_ctx *ctx, const void *data, size_t len);
/** suit_sha512_final() - write the 64-byte digest to @out and wipe @ctx */
void suit_sha512_final(struct suit_sha512_ctx *ctx, u8 out[SUIT_SHA512_DIGEST_SIZE]);
/** suit_sha512() - one-shot SHA-512 */
void suit_sha512(const void *data, size_t len, u8 out[SUIT_SHA512_DIGEST_SIZE]);

#define SUIT_ED25519_PUBKEY_SIZE	32
#define SUIT_ED25519_SIG_SIZE		64

/**
 * suit_ed25519_verify() - verify a pure Ed25519 signature (RFC 8032 §5.1.7)
 * @pub: the 32-byte encoded public key A
 * @msg: the message (may be NULL if @len is 0)
 * @len: message length
 * @sig: the 64-byte signature R || S
 *
 * Strict decoding: S must be < L, A and R must be canonical encodings
 * (y < p) of points on the curve, x = 0 with the sign bit set is rejected.
 * The check is cofactorless: [S]B == R + [k]A, compared on the encoding of
 * [S]B - [k]A against the R bytes (see Documentation/lib-crypto.rst).
 *
 * Return: 0 if the signature is valid, -EBADMSG otherwise.
 */
int suit_ed25519_verify(const u8 pub[SUIT_ED25519_PUBKEY_SIZE],
			const u8 *msg, size_t len,
			const u8 sig[SUIT_ED25519_SIG_SIZE]);

/* RFC 8554 typecodes (SHA-256, n = m = 32 only). */
#define SUIT_LMS_SHA256_M32_H5		0x00000005
#define SUIT_LMS_SHA256_M32_H10		0x00000006
#define SUIT_LMS_SHA256_M32_H15		0x00000007
#define SUIT_LMS_SHA256_M32_H20		0x00000008
#define SUIT_LMS_SHA256_M32_H25		0x00000009
#define SUIT_LMOTS_SHA256_N32_W1	0x00000001
#define SUIT_LMOTS_SHA256_N32_W2	0x00000002
#define SUIT_LMOTS_SHA256_N32_W4	0x00000003
#define SUIT_LMOTS_SHA256_N32_W8	0x00000004

#define SUIT_HSS_MAX_LEVELS		8
/* HSS public key: u32 L || u32 lms_type || u32 ots_type || I[16] || T[1][32] */
#define SUIT_HSS_PUBKEY_SIZE		60
#define SUIT_LMS_PUBKEY_SIZE		56

/**
 * suit_hss_verify() - verify an HSS signature (RFC 8554 §6.3)
 * @pub: the HSS public key (u32str(L) || LMS public key), 60 bytes
 * @pub_len: length of @pub
 * @msg: the message (may be NULL if @msg_len is 0)
 * @msg_len: message length
 * @sig: the HSS signature (u32str(Nspk) || signed public keys || LMS sig)
 * @sig_len: length of @sig; must be exactly the encoded length
 *
 * Every length and count is checked against the buffer before use; trailing
 * bytes are an error.
 *
 * Return: 0 if valid; -EBADMSG if malformed or invalid; -EOPNOTSUPP if
 * a typecode is not one of the SHA-256/32-byte ones above or L > 8.
 */
int suit_hss_verify(const u8 *pub, size_t pub_len,
		    const u8 *msg, size_t msg_len,
		    const u8 *sig, size_t sig_len);

/**
 * suit_lms_verify() - verify a single-tree LMS signature (RFC 8554 §5.4.2)
 * @pub: the LMS public key (u32 lms_type || u32 ots_type || I || T[1])
 * @pub_len: length of @pub
 * @msg: message
 * @msg_len: message length
 * @sig: the LMS signature
 * @sig_len: length of @sig, must be exactly the encoded length
 *
 * Return: as suit_hss_verify().
 */
int suit_lms_verify(const u8 *pub, size_t pub_len,
		    const u8 *msg, size_t msg_len,
		    const u8 *sig, size_t sig_len);

#endif /* SUIT_SW_CRYPTO_H */
