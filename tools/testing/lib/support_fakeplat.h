/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An in-memory fake platform for the processor unit tests: components
 * with slots and a transaction (writes are staged until commit), a URI
 * table, identity, clock, battery, stored sequence number, and real
 * crypto with OpenSSL (SHA-2, ECDSA P-256 ES256/ESP256, HMAC-256,
 * A128KW/A256KW key unwrap, AES-GCM).
 */
#ifndef SUPPORT_FAKEPLAT_H
#define SUPPORT_FAKEPLAT_H

#include <suit/platform.h>

#define FP_MAX_COMP	8
#define FP_MAX_URI	8
#define FP_MAX_TRUST	4
#define FP_MAX_SLOTS	2

struct fp_comp {
	uint8_t id[64];
	size_t id_len;
	uint32_t slots;
	uint32_t active_slot;
	uint64_t max_size;
	uint8_t *data[FP_MAX_SLOTS];
	uint64_t len[FP_MAX_SLOTS];
	uint8_t *stage[FP_MAX_SLOTS];
	uint64_t stage_len[FP_MAX_SLOTS];
	bool staged[FP_MAX_SLOTS];
	int open_slot;		/* -1 when closed */
	unsigned int open_flags;
	int64_t version[8];
	uint32_t version_len;
	unsigned int invoked;
	uint8_t invoke_args[64];
	size_t invoke_args_len;
	unsigned int unlinked;
	unsigned int metadata_calls;
	unsigned int reads;	/* comp_read calls */
	unsigned int writes;	/* comp_write calls */
	uint64_t read_bytes;	/* bytes returned by comp_read */
	uint64_t written;	/* bytes passed to comp_write */
	/* resume model (fp_enable_resume(), fp_set_kept()) */
	uint8_t *keep;		/* prefix kept from an interrupted write */
	uint64_t keep_len;
	bool have_keep;
	uint64_t open_kept;	/* prefix the open write started with */
	unsigned int resumes;	/* comp_resume calls */
	uint64_t resumed;	/* kept reported by the last comp_resume */
};

struct fp_uri {
	const char *uri;
	const uint8_t *data;
	size_t len;
	unsigned int fetched;
	uint64_t served;	/* bytes delivered by fetch_read */
};

struct fakeplat {
	struct fp_comp comp[FP_MAX_COMP];
	unsigned int ncomp;
	struct fp_uri uri[FP_MAX_URI];
	unsigned int nuri;
	struct suit_identity id;
	uint64_t now;
	uint64_t battery;
	uint64_t seq;
	bool have_seq;
	uint64_t dep_seq;	/* for any manifest-component-id */
	bool have_dep_seq;
	int authorized;		/* update_authorized return */
	int wait_ret;		/* wait return */
	unsigned int waits;
	void *trust[FP_MAX_TRUST];	/* EVP_PKEY * */
	unsigned int ntrust;
	uint8_t hmac_key[32];
	bool have_hmac;
	uint8_t kek[32];
	size_t kek_len;
	unsigned int commits;
	uint64_t commit_seq;
	unsigned int aborts;
	unsigned int swaps;
	unsigned int customs;
	int64_t last_custom;
	int custom_ret;
	unsigned int hash_inits;
	unsigned int auth_calls;
	unsigned int fetch_opens;
	uint8_t fetch_args[32];	/* fetch-arguments of the last fetch */
	size_t fetch_args_len;
	uint64_t fetch_hint;
	int open_streams;
	int open_hashes;
	int open_ciphers;
	unsigned int progress_calls;
	uint64_t progress_done;	/* last done of a fetch/write/copy */
	uint64_t progress_total;
	bool auto_comp;
	const char *deny;	/* comp_lookup of [bstr deny] gives -EACCES */		/* comp_lookup creates unknown components */
	char trace[512];	/* op names in call order, space separated */
	int invoke_ret;		/* invoke return (-EINPROGRESS: handed over) */
	int unlink_ret;		/* unlink return (SUIT_UNLINK_LAST: count 0) */
	/* resume model, off unless fp_enable_resume() */
	bool resume_on;		/* comp_open for write applies fp_set_kept() */
	int resume_ret;		/* comp_resume return */
	int skip_ret;		/* fetch_skip return (0: skip) */
	unsigned int skips;	/* fetch_skip calls */
	uint64_t skip_off;	/* offset asked by the last fetch_skip */
	uint64_t fetched_bytes;	/* bytes delivered by fetch_read, all URIs */
};

/* Reset @f: no components, no URIs, clock 1000000, battery 1000 mWh. */
void fp_init(struct fakeplat *f);
void fp_free(struct fakeplat *f);
/* A component with identifier [bstr name] (or @raw_id when @name is NULL). */
int fp_add_comp(struct fakeplat *f, const char *name, uint64_t max_size,
		uint32_t slots);
int fp_add_comp_raw(struct fakeplat *f, const uint8_t *id, size_t id_len,
		    uint64_t max_size, uint32_t slots);
void fp_set_content(struct fakeplat *f, unsigned int comp, unsigned int slot,
		    const void *data, size_t len);
void fp_add_uri(struct fakeplat *f, const char *uri, const void *data,
		size_t len);
/* Trust a P-256 public key (PEM file, SubjectPublicKeyInfo). */
int fp_trust_pem(struct fakeplat *f, const char *path);
/* Trust an EVP_PKEY (reference taken). */
void fp_trust_key(struct fakeplat *f, void *pkey);
/* Committed content of a component slot. */
const uint8_t *fp_content(const struct fakeplat *f, unsigned int comp,
			  unsigned int slot, uint64_t *len);
/* Fill @plat and @ops for @f. */
void fp_platform(struct fakeplat *f, struct suit_platform *plat,
		 struct suit_platform_ops *ops, uint8_t *chunk, size_t chunk_len);
/*
 * Opt-in resumed writes: installs comp_resume in @ops (and fetch_skip when
 * @skip). A write opened on a component with a kept prefix (fp_set_kept())
 * starts with those bytes staged, comp_resume reports their count and
 * comp_write appends after them; the prefix is used by one write only.
 * fetch_skip moves the stream to the offset asked (F.skip_ret: fail
 * instead; an offset past the end gives -EINVAL, a skip after a read
 * -EPROTO).
 */
void fp_enable_resume(struct fakeplat *f, struct suit_platform_ops *ops,
		      bool skip);
/* @len bytes of @data kept on @comp by an interrupted write (copied). */
int fp_set_kept(struct fakeplat *f, unsigned int comp, const void *data,
		size_t len);

/* Test-side crypto helpers. */
void *fp_gen_p256(void);			/* EVP_PKEY * */
void *fp_load_priv_pem(const char *path);	/* EVP_PKEY * */
void fp_key_free(void *pkey);
/* ECDSA-SHA256 over @tbs, raw r||s into @sig (64 bytes). */
int fp_sign_es256(void *pkey, const uint8_t *tbs, size_t len, uint8_t *sig);
void fp_sha256(const void *data, size_t len, uint8_t *out);

#endif /* SUPPORT_FAKEPLAT_H */

/* ---- manifest builders (tests build envelopes with suit_cbor_enc) ---- */
#include <suit/cbor.h>

/* A command sequence under construction. */
struct sq {
	struct suit_cbor_enc e;
	uint8_t body[16384];
	size_t n;		/* commands */
	uint8_t out[16500];
	size_t len;
};

void sq_init(struct sq *s);
void sq_cmd(struct sq *s, int64_t code, uint64_t policy);
void sq_idx(struct sq *s, uint64_t idx);
void sq_idx_true(struct sq *s);
void sq_idx_list(struct sq *s, size_t n, const uint64_t *idx);
/* Writes @code; the caller encodes exactly one argument item into the result. */
struct suit_cbor_enc *sq_arg(struct sq *s, int64_t code);
/* run-sequence (32) of @inner, which must have been finished with sq_end(). */
void sq_run(struct sq *s, const struct sq *inner);
/* try-each (15) over @n finished sequences, with an optional trailing nil. */
void sq_try(struct sq *s, size_t n, struct sq *const *branch, bool nil);
/* Finish: the encoded array is s->out / s->len. */
const uint8_t *sq_end(struct sq *s, size_t *len);

/* Parameter pairs (inside a map opened with suit_cbor_put_map). */
void pm_uint(struct suit_cbor_enc *e, int64_t key, uint64_t v);
void pm_int(struct suit_cbor_enc *e, int64_t key, int64_t v);
void pm_bool(struct suit_cbor_enc *e, int64_t key, bool v);
void pm_bstr(struct suit_cbor_enc *e, int64_t key, const void *p, size_t len);
void pm_tstr(struct suit_cbor_enc *e, int64_t key, const char *s);
/* image-digest (3): SHA-256 of @data as a bstr-wrapped SUIT_Digest */
void pm_digest(struct suit_cbor_enc *e, const void *data, size_t len);

#define MF_MAX_KEY 32
struct mf {
	uint64_t version;	/* 0 means 1 */
	uint64_t seq;
	size_t ncomp;
	const char *comp[4];
	size_t comp_len[4];	/* 0: strlen(comp[i]) */
	size_t ndep;
	uint64_t dep_idx[2];
	const char *dep_prefix[2];	/* NULL: no prefix */
	const uint8_t *shared;
	size_t shared_len;
	const uint8_t *sec[MF_MAX_KEY];
	size_t sec_len[MF_MAX_KEY];
	bool sever[MF_MAX_KEY];
	bool sever_drop[MF_MAX_KEY];	/* severed and left out of the envelope */
	const char *ref_uri;
	const char *mcid;
	uint64_t extra_key;	/* non-zero: an unknown manifest key */
};

struct env_int {
	const char *name;
	const uint8_t *data;
	size_t len;
};

size_t mf_encode(const struct mf *m, uint8_t *out, size_t cap);
/*
 * An envelope (tag 107) around @manifest. @key: EVP_PKEY to sign with
 * (ES256), or NULL for a digest-only (unsigned) wrapper. Severed sections
 * of @m go into the envelope; @ints are integrated payloads.
 */
size_t env_encode(const uint8_t *manifest, size_t mlen, void *key,
		  const struct mf *m, const struct env_int *ints, size_t nint,
		  uint8_t *out, size_t cap);
/*
 * As env_encode(), then @nblk pre-built COSE blocks (encoded items, put
 * into bstrs) appended to the authentication wrapper after the signature.
 */
size_t env_encode_blocks(const uint8_t *manifest, size_t mlen, void *key,
			 const struct mf *m, const struct suit_buf *blk,
			 size_t nblk, uint8_t *out, size_t cap);
