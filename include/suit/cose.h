/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * COSE structures as SUIT uses them: authentication of the envelope
 * (COSE_Sign1, COSE_Sign, COSE_Mac0 over a detached SUIT_Digest) and
 * decryption of payloads (COSE_Encrypt with AES-KW or ECDH-ES+AES-KW
 * recipients; AES-GCM, AES-CTR, ChaCha20-Poly1305 content).
 *
 * Implemented in lib/cose_auth.c and lib/cose_encrypt.c.
 */
#ifndef SUIT_COSE_H
#define SUIT_COSE_H

#include <suit/platform.h>

/**
 * struct suit_auth_result - outcome of suit_cose_authenticate()
 * @digest_alg: COSE hash algorithm of the SUIT_Digest
 * @digest: the SUIT_Digest bytes (for the report's suit-reference)
 * @digest_len: length of @digest
 * @digest_raw: the encoded SUIT_Digest array (points into the envelope)
 * @blocks: authentication blocks present
 * @verified: blocks that verified against a trusted key
 * @cose_unsupported: with -EOPNOTSUPP from suit_cose_authenticate(): no
 *	block verified and the unsupported blocks were unsupported COSE
 *	structures (an unknown COSE tag, COSE_Mac with recipients, a crit
 *	header not understood), none an unsupported algorithm in a supported
 *	structure (report reason cose-unsupported rather than alg-unsupported)
 */
struct suit_auth_result {
	s32 digest_alg;
	u8 digest[SUIT_MAX_DIGEST_LEN];
	size_t digest_len;
	struct suit_buf digest_raw;
	u32 blocks;
	u32 verified;
	bool cose_unsupported;
};

/**
 * suit_cose_authenticate() - authenticate a manifest before it is parsed
 * @plat: the platform (hashing and key operations)
 * @auth: the content of the envelope's suit-authentication-wrapper bstr
 *	(the encoded SUIT_Authentication array)
 * @manifest: the envelope's suit-manifest member as encoded, bstr head
 *	included (the SUIT_Digest covers the bstr-wrapped manifest)
 * @res: filled on success and, as far as known, on failure
 *
 * Computes the manifest digest, checks it against the SUIT_Digest, then
 * verifies the authentication blocks over the bstr-wrapped SUIT_Digest.
 *
 * Policy (Documentation/cose.rst): every block must be well-formed; a
 * block whose key is unknown (-ENOENT from auth_verify) or whose algorithm
 * or structure is unsupported is skipped; a block checked with a trusted
 * key that fails (-EBADMSG) fails the envelope; at least one block must
 * verify (@res->verified). With no block at all, 0 only when
 * @plat->allow_unsigned is set (the digest is still checked), else -ENOENT.
 *
 * Return: 0 if authentic; -EBADMSG (malformed, digest mismatch or bad
 * signature/MAC), -ENOENT (no trusted key), -EOPNOTSUPP (algorithm or COSE
 * structure not supported), or another negative errno from the platform.
 */
int suit_cose_authenticate(const struct suit_platform *plat,
			   struct suit_buf auth, struct suit_buf manifest,
			   struct suit_auth_result *res);

/**
 * struct suit_decrypt - a streaming payload decryption
 * @plat: the platform
 * @cipher: the platform's cipher context
 * @alg: content encryption algorithm
 * @tag_len: AEAD tag length (0 for CTR)
 * @held: tail bytes held back because they may be the AEAD tag
 * @held_len: bytes in @held
 */
struct suit_decrypt {
	const struct suit_platform *plat;
	void *cipher;
	s32 alg;
	size_t tag_len;
	u8 held[16];
	size_t held_len;
};

/**
 * suit_decrypt_init() - start decrypting with a SUIT_Encryption_Info
 * @d: state, owned by the caller
 * @plat: the platform (CEK recovery and cipher)
 * @encryption_info: the encoded SUIT_Encryption_Info (COSE_Encrypt, tag 96,
 *	detached ciphertext), i.e. the content of parameter 19's bstr
 *
 * Return: 0, or -EBADMSG (malformed or key unwrap failed), -ENOENT (no key
 * for any recipient), -EOPNOTSUPP (algorithm not supported).
 */
int suit_decrypt_init(struct suit_decrypt *d, const struct suit_platform *plat,
		      struct suit_buf encryption_info);

/**
 * suit_decrypt_update() - decrypt the next part of the ciphertext
 * @d: state
 * @in: ciphertext (for AEAD modes the tag is the last bytes of the stream)
 * @out: plaintext output, at least @len bytes; may alias @in
 * @len: bytes in @in
 * @out_len: plaintext bytes written (AEAD holds back the last 16 bytes
 *	seen, a possible tag, so *@out_len may be less than @len, never more)
 *
 * Return: 0 or a negative errno.
 */
int suit_decrypt_update(struct suit_decrypt *d, const u8 *in,
			u8 *out, size_t len, size_t *out_len);

/**
 * suit_decrypt_final() - finish and check the AEAD tag
 * @d: state; freed on return whatever the result
 *
 * Return: 0, or -EBADMSG if the tag does not match.
 */
int suit_decrypt_final(struct suit_decrypt *d);

/** suit_decrypt_abort() - free the state after an error elsewhere */
void suit_decrypt_abort(struct suit_decrypt *d);

#endif /* SUIT_COSE_H */
