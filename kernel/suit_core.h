/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * suit.ko internals: the device, its components, sessions and the kernel
 * home of the lib/ platform contract. See Documentation/kernel.rst.
 */
#ifndef SUIT_KERNEL_CORE_H
#define SUIT_KERNEL_CORE_H

#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/suit.h>

#include <suit/platform.h>

struct key;
struct mtd_info;
struct suit_processor;

#define SUIT_KMAX_COMPS		8	/* components one device declares */
#define SUIT_KMAX_SLOTS		2	/* A/B */
#define SUIT_KMAX_COMP_ID	64	/* bytes of an encoded component id */
#define SUIT_KMTD_NAME		32
#define SUIT_RING_SIZE		(64 * 1024)	/* payload buffer per session */
#define SUIT_CHUNK_SIZE		(2048 * 1024)	/* lib/ streaming buffer */
#define SUIT_EVQ_LEN		4
#define SUIT_RAM_COMP_MAX	SUIT_ENVELOPE_MAX	/* a transient RAM component */
#define SUIT_RPROC_MAX		(16 * 1024 * 1024)	/* a remoteproc image */

/**
 * enum suit_kcomp_kind - where a component's content lives
 * @SUIT_KCOMP_MTD: one or two MTD partitions (persistent, A/B or in place)
 * @SUIT_KCOMP_RAM: a transient kernel buffer of the session (dependency
 *	envelopes, scratch components), never committed anywhere
 * @SUIT_KCOMP_RPROC: the firmware of a remoteproc co-processor; staged in
 *	kernel memory, handed to the rproc on commit (kernel/rproc_store.c)
 */
enum suit_kcomp_kind {
	SUIT_KCOMP_MTD = 0,
	SUIT_KCOMP_RAM = 1,
	SUIT_KCOMP_RPROC = 2,
};

struct suit_rproc_state;

/**
 * struct suit_kcomp - one component the device has
 * @id: the encoded SUIT_Component_Identifier (CBOR array)
 * @id_len: its length
 * @nslots: 1 (in place) or 2 (A/B)
 * @kind: an &enum suit_kcomp_kind
 * @mtd_name: MTD partition of each slot; %SUIT_KCOMP_RPROC: [0] is the
 *	rproc name, [1] the optional digest guard symbol ("" for none)
 * @writer: session installing into it (NULL if none); under suit_dev.lock
 * @rp: %SUIT_KCOMP_RPROC: the co-processor's state (kernel/rproc_store.c)
 */
struct suit_kcomp {
	u8 id[SUIT_KMAX_COMP_ID];
	size_t id_len;
	u32 nslots;
	u32 kind;
	char mtd_name[SUIT_KMAX_SLOTS][SUIT_KMTD_NAME];
	void *writer;
	struct suit_rproc_state *rp;
};

#define SUIT_META_HAS_SEQ	0x1

#define SUIT_ENV_DIGEST_LEN	32	/* SHA-256 of an envelope */

/**
 * struct suit_journal - resume journal of the writes of one envelope
 * @env: SHA-256 of the envelope whose writes are journaled
 * @kept: per component, bytes of the write at the start of the slot that
 *	are on flash for good (whole erase blocks); 0: nothing to resume
 * @slot: per component, the slot being written
 * @nth: per component, which write of the envelope into it (1 = first)
 */
struct suit_journal {
	u8 env[SUIT_ENV_DIGEST_LEN];
	u64 kept[SUIT_KMAX_COMPS];
	u8 slot[SUIT_KMAX_COMPS];
	u8 nth[SUIT_KMAX_COMPS];
};

/**
 * struct suit_meta - the persistent metadata record, in CPU form
 * @gen: generation; the copy with the highest valid one wins
 * @flags: %SUIT_META_HAS_SEQ once a root manifest has been accepted
 * @sequence: highest root manifest sequence number accepted
 * @active: active slot of each component
 * @valid: bit s set when slot s of the component holds a checked image
 * @size: bytes of image in each slot
 * @jr: the resume journal (kernel/resume.c)
 */
struct suit_meta {
	u64 gen;
	u32 flags;
	u64 sequence;
	u8 active[SUIT_KMAX_COMPS];
	u8 valid[SUIT_KMAX_COMPS];
	u64 size[SUIT_KMAX_COMPS][SUIT_KMAX_SLOTS];
	struct suit_journal jr;
};

/**
 * struct suit_dev - the one /dev/suit
 * @misc: the misc device
 * @lock: protects everything below
 * @comps: the component map
 * @ncomps: entries in @comps
 * @ident: vendor/class/device identifiers
 * @meta_mtd: name of the metadata partition ("" for none: RAM only)
 * @meta: current metadata
 * @meta_slot: erase block of @meta_mtd holding the newest copy
 * @sessions: files with a submission running
 * @last: result of the last finished submission
 * @have_last: @last is valid
 */
struct suit_dev {
	struct miscdevice misc;
	struct mutex lock;	/* protects the fields below */
	struct suit_kcomp comps[SUIT_KMAX_COMPS];
	u32 ncomps;
	struct suit_identity ident;
	char meta_mtd[SUIT_KMTD_NAME];
	struct suit_meta meta;
	int meta_slot;
	u32 sessions;
	struct suit_ioc_result last;
	bool have_last;
};

extern struct suit_dev suit_dev;

/**
 * struct suit_mtd_slot - an open slot (read or append-only write)
 * @mtd: the partition
 * @write: opened for writing
 * @page: write buffer of one NAND page (writesize bytes)
 * @page_fill: bytes in @page
 * @blk: offset of the erase block being written, -1 before the first
 * @blk_fill: bytes written to that block
 * @total: bytes appended so far
 * @done: image bytes in erase blocks written completely
 * @block_done: optional; called before the next erase block is erased,
 *	@done counting the blocks before it (the resume journal); an error
 *	stops the write
 * @arg: first argument of @block_done
 */
struct suit_mtd_slot {
	struct mtd_info *mtd;
	bool write;
	u8 *page;
	size_t page_fill;
	s64 blk;
	u64 blk_fill;
	u64 total;
	u64 done;
	int (*block_done)(void *arg, struct suit_mtd_slot *s);
	void *arg;
};

int suit_mtd_open(struct suit_mtd_slot *s, const char *name, bool write);
int suit_mtd_append(struct suit_mtd_slot *s, const u8 *buf, size_t len);
int suit_mtd_resume(struct suit_mtd_slot *s, u64 kept);
int suit_mtd_finish(struct suit_mtd_slot *s);
int suit_mtd_read(struct suit_mtd_slot *s, u64 off, u8 *buf, size_t len);
u64 suit_mtd_capacity(struct suit_mtd_slot *s);
void suit_mtd_close(struct suit_mtd_slot *s);

int suit_meta_load(struct suit_dev *d);
int suit_meta_store(struct suit_dev *d, const struct suit_meta *m);

/**
 * struct suit_kopen - per-component state of a session
 * @slot: the open slot
 * @is_open: @slot is open
 * @slot_no: which slot is open
 * @written: a write was completed into slot @wslot this session
 * @wslot: the slot written
 * @wsize: bytes written
 * @wopen: open for writing (RAM and rproc components)
 * @ram: RAM and rproc components: the session's copy of the content
 * @ram_len: bytes in @ram
 * @ram_cap: bytes allocated for @ram
 * @ram_valid: @ram holds a complete, closed write
 * @map: MTD components: the slot read back for comp_map (dependencies)
 * @map_len: bytes in @map
 * @opens: MTD components: writes opened this session (journal @nth)
 * @kept: bytes the current write resumed after (comp_resume)
 * @journaled: @slot.done as last journaled
 */
struct suit_kopen {
	struct suit_mtd_slot slot;
	bool is_open;
	u32 slot_no;
	bool written;
	u32 wslot;
	u64 wsize;
	bool wopen;
	u8 *ram;
	size_t ram_len;
	size_t ram_cap;
	bool ram_valid;
	u8 *map;
	size_t map_len;
	u32 opens;
	u64 kept;
	u64 journaled;
};

/**
 * struct suit_session - one open /dev/suit file
 * @dev: the device
 * @lock: protects the fields below
 * @wq: readers, writers and the processing thread wait here
 * @state: &enum suit_ioc_state
 * @cancel: stop requested (cancel or close)
 * @running: the processing thread exists
 * @thread_done: completed when the thread exits
 * @env: the copied envelope
 * @env_len: its length
 * @env_digest: SHA-256 of @env (names the envelope in the resume journal)
 * @procs: SUIT_PROC_* to run
 * @fetch_offset_ok: userspace honours the fetch event's offset
 * @resumed: a write of this session resumed from the journal
 * @resumed_bytes: bytes the current MTD write kept (progress)
 * @proc: the processor state (large, kvzalloc'd)
 * @plat: the platform handed to lib/
 * @chunk: lib/'s streaming buffer
 * @evq: pending events
 * @ev_head: first pending event
 * @ev_count: pending events
 * @fetch_id: number of the current/last fetch
 * @fetch_ev: the current fetch's event, posted at its first read so that
 *	a resumed write can still set its offset (fetch_skip)
 * @fetch_posted: @fetch_ev was posted
 * @fetch_accept: the current fetch accepts bytes
 * @fetch_ended: userspace ended the current fetch
 * @fetch_err: userspace failed the current fetch (negative errno)
 * @fetch_size: expected bytes, 0 if unknown
 * @fetch_got: position in the resource: the event's offset plus the bytes
 *	written by userspace to the current fetch
 * @fetch_args: fetch arguments (parameter 25) of the current fetch
 * @fetch_args_len: their length, 0 when the manifest gave none
 * @ring: payload buffer
 * @ring_head: first byte in @ring
 * @ring_count: bytes in @ring
 * @dbuf: lib/'s chunk while the processing thread waits in fetch_read with
 *	@ring empty: write() copies straight into it (no second copy)
 * @dcap: room in @dbuf
 * @dgot: bytes write() put in @dbuf, handed over on the thread's wakeup
 * @prog: progress as lib/ reports it
 * @bytes_written: all payload bytes of the session
 * @res: result once finished
 * @have_res: @res is valid
 * @comp: per-component state (processing thread only)
 */
struct suit_session {
	struct suit_dev *dev;
	struct mutex lock;	/* protects the fields below */
	wait_queue_head_t wq;
	u32 state;
	bool cancel;
	bool running;
	struct completion thread_done;

	u8 *env;
	size_t env_len;
	u8 env_digest[SUIT_ENV_DIGEST_LEN];
	unsigned int procs;
	bool fetch_offset_ok;
	bool resumed;
	u64 resumed_bytes;
	struct suit_processor *proc;
	struct suit_platform plat;
	u8 *chunk;

	struct suit_ioc_event evq[SUIT_EVQ_LEN];
	unsigned int ev_head;
	unsigned int ev_count;

	u32 fetch_id;
	struct suit_ioc_event fetch_ev;
	bool fetch_posted;
	bool fetch_accept;
	bool fetch_ended;
	int fetch_err;
	u64 fetch_size;
	u64 fetch_got;
	u8 fetch_args[SUIT_FETCH_ARGS_MAX];
	u32 fetch_args_len;
	u8 *ring;
	size_t ring_head;
	size_t ring_count;
	u8 *dbuf;
	size_t dcap;
	size_t dgot;

	struct suit_progress prog;
	u64 bytes_written;
	struct suit_ioc_result res;
	bool have_res;

	struct suit_kopen comp[SUIT_KMAX_COMPS];
};

extern const struct suit_platform_ops suit_kernel_ops;
extern const struct file_operations suit_fops;
extern const struct attribute_group *suit_attr_groups[];
extern bool suit_allow_unsigned;

/* Called by the processing thread (platform.c) */
int suit_session_post(struct suit_session *s, const struct suit_ioc_event *ev);
void suit_platform_release(struct suit_session *s);
void suit_platform_free(struct suit_session *s);

/* crypto.c */
int suit_hash_init(void *plat, s32 alg, void **ctx);
int suit_hash_update(void *plat, void *ctx, const u8 *data, size_t len);
int suit_hash_final(void *plat, void *ctx, u8 *out, size_t out_len);
int suit_auth_verify(void *plat, const struct suit_auth_req *req);
int suit_cek_unwrap(void *plat, const struct suit_unwrap_req *req,
		    u8 *cek, size_t *cek_len);
int suit_cipher_init(void *plat, const struct suit_cipher_req *req, void **ctx);
int suit_cipher_update(void *plat, void *ctx, const u8 *in, u8 *out,
		       size_t len);
int suit_cipher_final(void *plat, void *ctx, struct suit_buf tag);
int suit_ecdsa_raw_to_der(const u8 *raw, size_t raw_len, u8 *der,
			  size_t cap, size_t *der_len);
int suit_es256_verify_raw(const u8 *pub, size_t pub_len, const u8 *tbs,
			  size_t tbs_len, const u8 *sig, size_t sig_len);
u32 suit_crypto_caps(void);

/* keyring.c */
extern struct key *suit_keyring;
int suit_keyring_init(void);
void suit_keyring_exit(void);
struct key *suit_find_x509(const u8 *kid, size_t kid_len);
int suit_user_key(const char *kind, const u8 *kid, size_t kid_len,
		  u8 *out, size_t cap, size_t *len);
bool suit_keyring_locked(void);

/* config.c */
int suit_config_init(struct suit_dev *d);
int suit_parse_uuid(const char *s, u8 out[SUIT_UUID_LEN]);
int suit_parse_components(struct suit_dev *d, const char *spec);

/* rproc_store.c (stubs without CONFIG_REMOTEPROC) */
#if IS_ENABLED(CONFIG_REMOTEPROC)
int suit_rproc_init(struct suit_kcomp *c);
void suit_rproc_exit(struct suit_kcomp *c);
int suit_rproc_commit(struct suit_kcomp *c, u8 **img, size_t len);
int suit_rproc_invoke(struct suit_kcomp *c);
int suit_rproc_read(struct suit_kcomp *c, u64 off, u8 *buf, size_t len);
u64 suit_rproc_size(struct suit_kcomp *c);
#else
static inline int suit_rproc_init(struct suit_kcomp *c)
{
	return -EOPNOTSUPP;
}

static inline void suit_rproc_exit(struct suit_kcomp *c)
{
}

static inline int suit_rproc_commit(struct suit_kcomp *c, u8 **img,
				    size_t len)
{
	return -EOPNOTSUPP;
}

static inline int suit_rproc_invoke(struct suit_kcomp *c)
{
	return -EOPNOTSUPP;
}

static inline int suit_rproc_read(struct suit_kcomp *c, u64 off, u8 *buf,
				  size_t len)
{
	return -EOPNOTSUPP;
}

static inline u64 suit_rproc_size(struct suit_kcomp *c)
{
	return 0;
}
#endif

/* fault.c, boot.c: power-cut hook and A/B trial boots (engineer K-B) */
#define SUIT_META_TRIAL		0x2	/* an A/B switch awaits confirmation */
#define SUIT_META_FELLBACK	0x4	/* the last trial was rolled back */
#define SUIT_META_TRIES_SHIFT	8	/* bits 8-15: trial boots so far */
#define SUIT_META_TRIES_MASK	0xff00
#define SUIT_META_TMASK_SHIFT	16	/* bits 16-23: components on trial */
#define SUIT_META_TMASK_MASK	0xff0000
#define SUIT_META_IPMASK_SHIFT	24	/* bits 24-31: in-place installs cut */
#define SUIT_META_IPMASK_MASK	0xff000000
#define SUIT_META_KNOWN		(SUIT_META_HAS_SEQ | SUIT_META_TRIAL | \
				 SUIT_META_FELLBACK | SUIT_META_TRIES_MASK | \
				 SUIT_META_TMASK_MASK | SUIT_META_IPMASK_MASK)

extern int suit_boot_tries;

/* resume.c: the resume journal of interrupted installs */
bool suit_resume_find(struct suit_session *s, u32 comp, u32 slot, u64 *kept);
void suit_resume_start(struct suit_session *s, u32 comp, u32 slot,
		       struct suit_meta *m);
int suit_resume_block_done(void *arg, struct suit_mtd_slot *slot);
void suit_resume_clean(struct suit_meta *m);
void suit_resume_drop(struct suit_session *s);
u32 suit_resume_mask(const struct suit_meta *m);
bool suit_fault_cut(void);
int suit_meta_write(struct suit_dev *d, const struct suit_meta *m);
int suit_boot_decide(struct suit_dev *d);
void suit_boot_mark(const struct suit_dev *d, struct suit_meta *m);

#endif /* SUIT_KERNEL_CORE_H */
