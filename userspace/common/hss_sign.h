/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Userspace HSS/LMS (RFC 8554) key generation and signing for suit-tool.
 *
 * HSS is a stateful scheme: every one-time (LM-OTS) key may sign only once.
 * The private key file holds the parameters and a master secret; a separate
 * state file holds the index of the next unused leaf. hss_sign_file() locks
 * the state file, writes the advanced index durably (write, fsync, rename,
 * fsync of the directory) and only then computes the signature, so a crash
 * can waste an index but never reuse one. It refuses to sign once every
 * leaf has been used.
 *
 * Lower-level trees are derived deterministically from the master secret
 * (RFC 8554 Appendix A style), so only the 64-bit index needs to persist.
 * Signing regenerates the trees on the path, which costs up to
 * 2^h one-time public keys per level: use H5/H10 and W4/W8 in practice.
 */
#ifndef SUIT_HSS_SIGN_H
#define SUIT_HSS_SIGN_H

#include <stddef.h>
#include <stdint.h>

#define HSS_SIGN_MAX_LEVELS	8

/**
 * struct hss_sign_params - shape of an HSS key
 * @levels: number of LMS levels, 1..8
 * @lms_type: LMS typecode per level (SUIT_LMS_SHA256_M32_H5..H25), top first
 * @ots_type: LM-OTS typecode per level (SUIT_LMOTS_SHA256_N32_W1..W8)
 */
struct hss_sign_params {
	unsigned int levels;
	uint32_t lms_type[HSS_SIGN_MAX_LEVELS];
	uint32_t ots_type[HSS_SIGN_MAX_LEVELS];
};

/**
 * hss_keygen() - create a new HSS key
 * @params: key shape
 * @seed: 32 bytes of master secret, or NULL to take them from getrandom()
 * @priv_path: private key file to create (mode 0600, must not exist)
 * @state_path: state file to create (next index 0); NULL means
 *	"<priv_path>.state"
 * @pub: receives the HSS public key (SUIT_HSS_PUBKEY_SIZE = 60 bytes)
 *
 * Return: 0 or a negative errno (-EINVAL bad params, -EEXIST, I/O errors).
 */
int hss_keygen(const struct hss_sign_params *params, const uint8_t *seed,
	       const char *priv_path, const char *state_path, uint8_t pub[60]);

/**
 * hss_public_key() - recompute the public key from a private key file
 * @priv_path: private key file
 * @pub: receives the 60-byte HSS public key
 *
 * Return: 0 or a negative errno.
 */
int hss_public_key(const char *priv_path, uint8_t pub[60]);

/**
 * hss_sig_size() - exact signature length for a key shape
 * @params: key shape
 *
 * Return: bytes, or 0 if @params is invalid.
 */
size_t hss_sig_size(const struct hss_sign_params *params);

/**
 * hss_sign_file() - sign with the next unused one-time key
 * @priv_path: private key file
 * @state_path: state file, NULL means "<priv_path>.state"
 * @msg: message
 * @msg_len: message length
 * @sig: output buffer
 * @sig_cap: size of @sig
 * @sig_len: receives the signature length
 *
 * The state is advanced and persisted before the signature is computed.
 *
 * Return: 0; -ENOSPC when the key is exhausted (nothing is signed);
 * -ENOBUFS if @sig_cap is too small (checked before the state changes);
 * another negative errno on I/O or format errors.
 */
int hss_sign_file(const char *priv_path, const char *state_path,
		  const uint8_t *msg, size_t msg_len,
		  uint8_t *sig, size_t sig_cap, size_t *sig_len);

/**
 * hss_remaining() - number of signatures still available
 * @priv_path: private key file
 * @state_path: state file, NULL means "<priv_path>.state"
 * @left: receives the count (saturated at UINT64_MAX)
 *
 * Return: 0 or a negative errno.
 */
int hss_remaining(const char *priv_path, const char *state_path, uint64_t *left);

/**
 * hss_lms_sign_raw() - one LMS signature from explicit tree secrets
 * @lms_type: LMS typecode (h <= 20)
 * @ots_type: LM-OTS typecode
 * @ident: the tree identifier I (16 bytes)
 * @seed: the tree SEED (32 bytes; private elements as in RFC 8554 App. A)
 * @q: leaf index, < 2^h
 * @c: 32-byte randomizer C, or NULL to draw it from getrandom()
 * @msg: message
 * @msg_len: message length
 * @sig: output, the LMS signature
 * @sig_cap: size of @sig
 * @sig_len: receives the signature length
 * @pub: receives the 56-byte LMS public key of the tree
 *
 * Stateless building block for known-answer tests (RFC 8554 Appendix F
 * test case 2 gives SEED, I and C). The CALLER must never use a @q twice;
 * real signing goes through hss_sign_file().
 *
 * Return: 0, -EINVAL, -ENOBUFS, -ENOMEM or -EIO.
 */
int hss_lms_sign_raw(uint32_t lms_type, uint32_t ots_type,
		     const uint8_t ident[16], const uint8_t seed[32], uint32_t q,
		     const uint8_t *c, const uint8_t *msg, size_t msg_len,
		     uint8_t *sig, size_t sig_cap, size_t *sig_len,
		     uint8_t pub[56]);

#endif /* SUIT_HSS_SIGN_H */
