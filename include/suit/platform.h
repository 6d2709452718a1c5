/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The platform contract of the SUIT processor in lib/.
 *
 * lib/ holds no keys, touches no storage and allocates nothing: every
 * platform service reaches it through struct suit_platform_ops. Two homes
 * implement it: kernel/ (crypto API, kernel keyring, MTD, remoteproc, a
 * fetch channel to userspace) and userspace/suit-tool (OpenSSL, files).
 *
 * Conventions for every op:
 *  - return 0 on success or a negative Linux errno value;
 *  - @plat is struct suit_platform::priv;
 *  - buffers passed in are only valid for the duration of the call;
 *  - an op the platform does not provide is NULL, and lib/ then fails the
 *    command that needs it with reason command-unsupported (or
 *    alg-unsupported for crypto), never silently succeeding.
 *
 * Errno values lib/ gives meaning to:
 *  -ENOENT      no such key / component / URI
 *  -EBADMSG     signature, MAC, AEAD tag or key-unwrap integrity failure
 *  -EOPNOTSUPP  algorithm or operation not supported here
 *  -ENOSPC      image larger than the component or slot
 *  -EIO         storage or transport failure
 *  -EINTR       cancelled by the caller (userspace closed the session)
 */
#ifndef SUIT_PLATFORM_H
#define SUIT_PLATFORM_H

#include <suit/types.h>

/* COSE algorithm identifiers used by the SUIT profiles (draft-ietf-suit-mti). */
#define SUIT_COSE_ALG_SHA256		(-16)
#define SUIT_COSE_ALG_SHAKE128		(-18)
#define SUIT_COSE_ALG_SHA384		(-43)
#define SUIT_COSE_ALG_SHA512		(-44)
#define SUIT_COSE_ALG_SHAKE256		(-45)
#define SUIT_COSE_ALG_ES256		(-7)
#define SUIT_COSE_ALG_ESP256		(-9)
#define SUIT_COSE_ALG_EDDSA		(-8)
#define SUIT_COSE_ALG_ED25519		(-19)
#define SUIT_COSE_ALG_HSS_LMS		(-46)
#define SUIT_COSE_ALG_HMAC256		5
#define SUIT_COSE_ALG_A128KW		(-3)
#define SUIT_COSE_ALG_A192KW		(-4)
#define SUIT_COSE_ALG_A256KW		(-5)
#define SUIT_COSE_ALG_ECDH_ES_A128KW	(-29)
#define SUIT_COSE_ALG_ECDH_ES_A192KW	(-30)
#define SUIT_COSE_ALG_ECDH_ES_A256KW	(-31)
#define SUIT_COSE_ALG_A128GCM		1
#define SUIT_COSE_ALG_A192GCM		2
#define SUIT_COSE_ALG_A256GCM		3
#define SUIT_COSE_ALG_CHACHA20_POLY1305	24
#define SUIT_COSE_ALG_A128CTR		(-65534)
#define SUIT_COSE_ALG_A192CTR		(-65533)
#define SUIT_COSE_ALG_A256CTR		(-65532)

#define SUIT_MAX_DIGEST_LEN	64
#define SUIT_MAX_KEY_LEN	32
#define SUIT_UUID_LEN		16

/**
 * enum suit_auth_kind - what an authentication block asks the platform to check
 * @SUIT_AUTH_SIGNATURE: a COSE signature (COSE_Sign1 or one COSE_Sign signer)
 * @SUIT_AUTH_MAC: a COSE MAC (COSE_Mac0)
 */
enum suit_auth_kind {
	SUIT_AUTH_SIGNATURE = 0,
	SUIT_AUTH_MAC = 1,
};

/**
 * struct suit_auth_req - one signature or MAC check
 * @kind: signature or MAC
 * @alg: COSE algorithm from the protected header
 * @kid: key identifier from the headers; @kid.len == 0 when absent, and the
 *	platform may then try each trust anchor that fits @alg
 * @tbs: the complete to-be-signed/MACed structure (Sig_structure or
 *	MAC_structure CBOR), which lib/ has built; small (about 100 bytes)
 * @sig: the raw COSE signature (r||s for ECDSA) or MAC tag
 *
 * Return from the op: 0 authentic, -EBADMSG not authentic, -ENOENT no key
 * with that kid, -EOPNOTSUPP algorithm not supported.
 */
struct suit_auth_req {
	enum suit_auth_kind kind;
	s32 alg;
	struct suit_buf kid;
	struct suit_buf tbs;
	struct suit_buf sig;
};

/**
 * struct suit_unwrap_req - recover a content-encryption key (CEK)
 * @alg: recipient algorithm: A128KW/A192KW/A256KW or ECDH-ES+AxxxKW
 * @kid: the key encryption key (AES-KW) or the device's private ECDH key
 * @wrapped: the AES-KW wrapped CEK from the COSE_recipient
 * @peer_x: ECDH-ES only: ephemeral public key x coordinate (32 bytes)
 * @peer_y: ECDH-ES only: ephemeral public key y coordinate (32 bytes)
 * @kdf_context: ECDH-ES only: the encoded COSE_KDF_Context, built by lib/;
 *	the platform runs HKDF-SHA-256(salt = empty unless @salt is set,
 *	IKM = shared secret, info = @kdf_context) to get the KEK
 * @salt: ECDH-ES only: optional salt header, empty when absent
 *
 * The platform writes the CEK to @cek (at most SUIT_MAX_KEY_LEN bytes) and
 * its length to @cek_len. Private keys never leave the platform.
 */
struct suit_unwrap_req {
	s32 alg;
	struct suit_buf kid;
	struct suit_buf wrapped;
	struct suit_buf peer_x;
	struct suit_buf peer_y;
	struct suit_buf kdf_context;
	struct suit_buf salt;
};

/**
 * struct suit_cipher_req - start decrypting a payload stream
 * @alg: A128GCM/A256GCM, ChaCha20-Poly1305 or A128CTR/A256CTR
 * @key: the CEK
 * @iv: nonce (AEAD) or initial counter block (CTR)
 * @aad: AEAD additional data (the encoded Enc_structure); empty for CTR
 */
struct suit_cipher_req {
	s32 alg;
	struct suit_buf key;
	struct suit_buf iv;
	struct suit_buf aad;
};

/**
 * struct suit_identity - who this device is
 * @vendor_id: RFC 9562 UUID of the vendor
 * @class_id: RFC 9562 UUID of the device class
 * @device_id: RFC 9562 UUID of this device
 * @has_device_id: false when the device has no device identifier
 */
struct suit_identity {
	u8 vendor_id[SUIT_UUID_LEN];
	u8 class_id[SUIT_UUID_LEN];
	u8 device_id[SUIT_UUID_LEN];
	bool has_device_id;
};

/**
 * struct suit_component_info - what the platform knows of one component
 * @slots: number of slots (1 in place, 2 for A/B)
 * @active_slot: slot currently in use
 * @max_size: largest image one slot holds, in bytes
 * @size: bytes of valid content in the slot asked about (for image-match)
 * @version: installed version as SUIT version integers (update management)
 * @version_len: number of valid entries in @version, 0 if unknown
 */
struct suit_component_info {
	u32 slots;
	u32 active_slot;
	u64 max_size;
	u64 size;
	s64 version[8];
	u32 version_len;
};

/**
 * struct suit_progress - where the processor is
 * @section: manifest section being run (SUIT_Record manifest-section)
 * @command: command code being run
 * @component: component index in the manifest
 * @done: payload bytes moved by the current fetch/copy/write
 * @total: bytes expected (image-size), 0 if unknown
 */
struct suit_progress {
	s32 section;
	s32 command;
	u32 component;
	u64 done;
	u64 total;
};

/* suit_platform_ops::unlink: the reference count reached zero. */
#define SUIT_UNLINK_LAST	1

/* Flags of suit_platform_ops::comp_open. */
#define SUIT_COMP_READ		0x1
#define SUIT_COMP_WRITE		0x2	/* erase/replace the slot's content */

/**
 * struct suit_platform_ops - every service lib/ needs from its home
 *
 * Hashing (streaming, so a 1 GiB image needs no more memory than 1 MiB):
 * @hash_init: start a digest of COSE algorithm @alg; the platform owns *@ctx
 * @hash_update: feed bytes
 * @hash_final: write the digest to @out (@out_len is the expected length)
 *	and free the context; called exactly once per successful hash_init,
 *	also on error paths (with @out == NULL to just free)
 *
 * Authentication and decryption:
 * @auth_verify: check one signature or MAC (see struct suit_auth_req)
 * @cek_unwrap: recover a CEK (see struct suit_unwrap_req)
 * @cipher_init: start decrypting; the platform owns *@ctx
 * @cipher_update: decrypt @len bytes from @in to @out (may alias); for
 *	AEAD modes the plaintext is provisional until @cipher_final succeeds,
 *	which lib/ guarantees by never committing before it
 * @cipher_final: check the AEAD tag (@tag, empty for CTR) and free the
 *	context; -EBADMSG on mismatch; with @tag.ptr == NULL just free
 *
 * Components and storage (@comp is the platform's handle from comp_lookup):
 * @comp_lookup: map an encoded SUIT_Component_Identifier (the CBOR array
 *	bytes) to a handle; -ENOENT if the device has no such component;
 *	-EACCES if it exists but may not be changed by this update (reported
 *	as component-unauthorised)
 * @comp_info: fill @info for slot @slot of @comp
 * @comp_open: open slot @slot for reading or writing; opening for write
 *	marks the slot invalid before anything is erased; @size is the
 *	expected image size when known, else 0
 * @comp_read: read from an open slot
 * @comp_write: append @len bytes to a slot opened for write
 * @comp_close: close a slot; @ok false discards a partial write
 * @comp_map: optional; a read-only view of a slot's whole content, used
 *	for dependency envelopes held in a component
 * @comp_resume: optional; called right after a successful comp_open for
 *	write: *@kept is the number of leading bytes of this write that the
 *	platform kept from an interrupted earlier attempt of the same write
 *	(0 for none). Its writer then appends after them; lib/ reads them
 *	back with comp_read for the image digest and drops them from the
 *	source, so the finished content is checked as a whole.
 *
 * Fetching (the platform streams the bytes of a URI):
 * @fetch_open: start a fetch of @uri (with optional @args); @size_hint is
 *	the expected size (0 if unknown)
 * @fetch_read: copy up to @cap bytes into @buf; *@got == 0 means end
 * @fetch_close: end the fetch and free it
 * @fetch_skip: optional; before the first fetch_read, start the stream at
 *	byte @off of the resource. -EOPNOTSUPP when the stream cannot: lib/
 *	then reads and drops @off bytes itself.
 *
 * Device state:
 * @get_identity: vendor, class and device identifiers
 * @get_time: seconds since the epoch (use-before, wait)
 * @get_battery: remaining energy in mWh
 * @get_sequence: highest manifest sequence number accepted so far, for the
 *	manifest component @manifest_comp (empty buffer for the root)
 * @update_authorized: ask the application (condition 27); 0 yes, -EPERM no
 * @wait: block until the wait-info events (CBOR map bytes) hold; -EAGAIN
 *	to suspend (lib/ reports the wait as not satisfied)
 *
 * Effects that only make sense at the end:
 * @invoke: start the image of @comp with @args; a platform whose invoke
 *	does not return (or that must report first) prepares the hand-over and
 *	returns -EINPROGRESS: suit_process() then stops, commits and reports
 *	invoke-pending, and the platform starts the image once the caller has
 *	sent the report
 * @swap: exchange the content of @comp and @src
 * @unlink: drop a reference to the manifest component @comp; return
 *	SUIT_UNLINK_LAST (positive) instead of 0 when that was the last
 *	reference: lib/ then runs the uninstall section (24) of the dependency
 *	manifest behind @comp (which must have been fetched) before the
 *	procedure ends, and the platform removes it on commit
 * @custom: a negative-numbered (custom) command; NULL means unsupported
 * @progress: optional; told the current command and bytes moved, so a
 *	caller can show progress while a long fetch or copy runs
 * @commit: the whole procedure succeeded: make every write since the
 *	start visible atomically and store @sequence as the new highest
 *	sequence number; only then may the device use the new images
 * @abort: the procedure failed: discard every write since the start
 * @comp_metadata: optional; the encoded SUIT_Component_Metadata map
 *	(update management, parameter 30) that applies to the next write,
 *	fetch or copy into @comp; the platform applies permissions, file
 *	type and times and must itself prevent path traversal and symlink
 *	races. NULL: a manifest that sets parameter 30 fails with
 *	parameter-unsupported.
 */
struct suit_platform_ops {
	int (*hash_init)(void *plat, s32 alg, void **ctx);
	int (*hash_update)(void *plat, void *ctx, const u8 *data,
			   size_t len);
	int (*hash_final)(void *plat, void *ctx, u8 *out, size_t out_len);

	int (*auth_verify)(void *plat, const struct suit_auth_req *req);
	int (*cek_unwrap)(void *plat, const struct suit_unwrap_req *req,
			  u8 *cek, size_t *cek_len);
	int (*cipher_init)(void *plat, const struct suit_cipher_req *req,
			   void **ctx);
	int (*cipher_update)(void *plat, void *ctx, const u8 *in,
			     u8 *out, size_t len);
	int (*cipher_final)(void *plat, void *ctx, struct suit_buf tag);

	int (*comp_lookup)(void *plat, struct suit_buf id, u32 *comp);
	int (*comp_info)(void *plat, u32 comp, u32 slot,
			 struct suit_component_info *info);
	int (*comp_open)(void *plat, u32 comp, u32 slot,
			 unsigned int flags, u64 size);
	int (*comp_read)(void *plat, u32 comp, u64 off,
			 u8 *buf, size_t len);
	int (*comp_write)(void *plat, u32 comp, const u8 *buf,
			  size_t len);
	int (*comp_close)(void *plat, u32 comp, bool ok);
	int (*comp_map)(void *plat, u32 comp, u32 slot,
			struct suit_buf *view);
	int (*comp_resume)(void *plat, u32 comp, u64 *kept);

	int (*fetch_open)(void *plat, struct suit_buf uri, struct suit_buf args,
			  u64 size_hint, void **stream);
	int (*fetch_read)(void *plat, void *stream, u8 *buf, size_t cap,
			  size_t *got);
	void (*fetch_close)(void *plat, void *stream);
	int (*fetch_skip)(void *plat, void *stream, u64 off);

	int (*get_identity)(void *plat, struct suit_identity *id);
	int (*get_time)(void *plat, u64 *secs);
	int (*get_battery)(void *plat, u64 *mwh);
	int (*get_sequence)(void *plat, struct suit_buf manifest_comp,
			    u64 *seq);
	int (*update_authorized)(void *plat, s64 priority);
	int (*wait)(void *plat, struct suit_buf wait_info);

	int (*invoke)(void *plat, u32 comp, struct suit_buf args);
	int (*swap)(void *plat, u32 comp, u32 src);
	int (*unlink)(void *plat, u32 comp);
	int (*custom)(void *plat, u32 comp, s64 command,
		      struct suit_buf arg);
	void (*progress)(void *plat, const struct suit_progress *pr);
	int (*commit)(void *plat, u64 sequence);
	void (*abort)(void *plat);

	/* Added by the processor (lib/), optional: */
	int (*comp_metadata)(void *plat, u32 comp, struct suit_buf meta);
};

/**
 * struct suit_platform - one home of the processor
 * @ops: the services
 * @priv: passed as @plat to every op
 * @max_components: most components one manifest may declare here
 * @chunk: scratch buffer lib/ streams through (fetch, copy, image-match);
 *	owned by the caller, at least 512 bytes, never cleared per call
 * @chunk_len: size of @chunk
 * @allow_unsigned: accept envelopes without an authentication block
 *	(development only; off on devices)
 * @require_vendor_class: refuse (condition-failed, -EPERM) a manifest whose
 *	shared sequence does not check both the vendor and the class
 *	identifier (a SHOULD in draft-ietf-suit-manifest); when false the
 *	manifest runs and struct suit_processor::identity_unchecked is set
 */
struct suit_platform {
	const struct suit_platform_ops *ops;
	void *priv;
	u32 max_components;
	u8 *chunk;
	size_t chunk_len;
	bool allow_unsigned;
	bool require_vendor_class;
};

#endif /* SUIT_PLATFORM_H */
