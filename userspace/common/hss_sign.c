// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Userspace HSS/LMS (RFC 8554) key generation and signing; see hss_sign.h.
 *
 * Private key file (108 bytes):
 *	"SUITHSS1" || u32 L || 8 x (u32 lms_type || u32 ots_type) || seed[32]
 * State file (56 bytes):
 *	"SUITHSST" || u64 next_index || key_id[16] || SHA-256 of the above[0..24)
 * where key_id = SHA-256(private key file)[0..16).
 *
 * Per-tree secrets are derived from the master seed:
 *	SEED(l, t) = SHA-256("SUIT-HSS-SEED" || seed || u32 l || u64 t)
 *	I(l, t)    = SHA-256("SUIT-HSS-I" || seed || u32 l || u64 t)[0..16)
 * and the LM-OTS private elements as in RFC 8554 Appendix A:
 *	x_q[i] = SHA-256(I || u32 q || u16 i || u8 0xff || SEED)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <suit/sw_crypto.h>
#include "hss_sign.h"

#define N		32
#define I_LEN		16
#define PRIV_MAGIC	"SUITHSS1"
#define STATE_MAGIC	"SUITHSST"
#define PRIV_SIZE	(8 + 4 + 8 * HSS_SIGN_MAX_LEVELS + N)
#define STATE_SIZE	(8 + 8 + 16 + 24)
#define MAX_SIGN_HEIGHT	20	/* a tree is rebuilt per signature: 2^h leaves */

struct ots_param {
	unsigned int w, p, ls;
};

struct hss_key {
	struct hss_sign_params params;
	uint8_t seed[N];
	uint8_t key_id[16];
};

static int ots_param(uint32_t type, struct ots_param *op)
{
	static const struct ots_param tab[4] = {
		{ 1, 265, 7 }, { 2, 133, 6 }, { 4, 67, 4 }, { 8, 34, 0 },
	};

	if (type < SUIT_LMOTS_SHA256_N32_W1 || type > SUIT_LMOTS_SHA256_N32_W8)
		return -EINVAL;
	*op = tab[type - SUIT_LMOTS_SHA256_N32_W1];
	return 0;
}

static unsigned int lms_h(uint32_t type)
{
	if (type < SUIT_LMS_SHA256_M32_H5 || type > SUIT_LMS_SHA256_M32_H25)
		return 0;
	return 5 * (type - SUIT_LMS_SHA256_M32_H5 + 1);
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void be64(uint8_t *p, uint64_t v)
{
	be32(p, v >> 32);
	be32(p + 4, (uint32_t)v);
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

static int params_check(const struct hss_sign_params *pp, unsigned int *total_h)
{
	unsigned int l, sum = 0;
	struct ots_param op;

	if (!pp || pp->levels < 1 || pp->levels > HSS_SIGN_MAX_LEVELS)
		return -EINVAL;
	for (l = 0; l < pp->levels; l++) {
		unsigned int h = lms_h(pp->lms_type[l]);

		if (!h || h > MAX_SIGN_HEIGHT || ots_param(pp->ots_type[l], &op))
			return -EINVAL;
		sum += h;
	}
	if (sum > 63)
		return -EINVAL;
	if (total_h)
		*total_h = sum;
	return 0;
}

static size_t lms_sig_size(uint32_t lms_type, uint32_t ots_type)
{
	struct ots_param op;

	if (ots_param(ots_type, &op) || !lms_h(lms_type))
		return 0;
	return 4 + 4 + N + (size_t)op.p * N + 4 + (size_t)lms_h(lms_type) * N;
}

size_t hss_sig_size(const struct hss_sign_params *params)
{
	size_t len = 4;
	unsigned int l;

	if (params_check(params, NULL))
		return 0;
	for (l = 0; l < params->levels; l++) {
		len += lms_sig_size(params->lms_type[l], params->ots_type[l]);
		if (l + 1 < params->levels)
			len += SUIT_LMS_PUBKEY_SIZE;
	}
	return len;
}

static void tree_secret(const struct hss_key *k, unsigned int level, uint64_t t,
			uint8_t seed[N], uint8_t ident[I_LEN])
{
	struct suit_sha256_ctx c;
	uint8_t tail[12], d[N];

	be32(tail, level);
	be64(tail + 4, t);
	suit_sha256_init(&c);
	suit_sha256_update(&c, "SUIT-HSS-SEED", 13);
	suit_sha256_update(&c, k->seed, N);
	suit_sha256_update(&c, tail, sizeof(tail));
	suit_sha256_final(&c, seed);
	suit_sha256_init(&c);
	suit_sha256_update(&c, "SUIT-HSS-I", 10);
	suit_sha256_update(&c, k->seed, N);
	suit_sha256_update(&c, tail, sizeof(tail));
	suit_sha256_final(&c, d);
	memcpy(ident, d, I_LEN);
}

/* x_q[i] (Appendix A) */
static void ots_priv(uint8_t out[N], const uint8_t ident[I_LEN], uint32_t q,
		     unsigned int i, const uint8_t seed[N])
{
	uint8_t b[I_LEN + 4 + 2 + 1 + N];

	memcpy(b, ident, I_LEN);
	be32(b + 16, q);
	b[20] = i >> 8;
	b[21] = i;
	b[22] = 0xff;
	memcpy(b + 23, seed, N);
	suit_sha256(b, sizeof(b), out);
}

/* Advance tmp through chain steps [from, to) (RFC 8554 §4.3/4.5). */
static void chain(uint8_t tmp[N], const uint8_t ident[I_LEN], uint32_t q,
		  unsigned int i, unsigned int from, unsigned int to)
{
	uint8_t b[I_LEN + 4 + 2 + 1 + N];
	unsigned int j;

	memcpy(b, ident, I_LEN);
	be32(b + 16, q);
	b[20] = i >> 8;
	b[21] = i;
	for (j = from; j < to; j++) {
		b[22] = j;
		memcpy(b + 23, tmp, N);
		suit_sha256(b, sizeof(b), tmp);
	}
}

/* RFC 8554 Algorithm 1: the LM-OTS public key K for leaf q. */
static void ots_pub(uint8_t k[N], const struct ots_param *op,
		    const uint8_t ident[I_LEN], uint32_t q, const uint8_t seed[N])
{
	struct suit_sha256_ctx c;
	uint8_t pre[22], tmp[N];
	unsigned int i;

	memcpy(pre, ident, I_LEN);
	be32(pre + 16, q);
	pre[20] = 0x80;
	pre[21] = 0x80;
	suit_sha256_init(&c);
	suit_sha256_update(&c, pre, sizeof(pre));
	for (i = 0; i < op->p; i++) {
		ots_priv(tmp, ident, q, i, seed);
		chain(tmp, ident, q, i, 0, (1U << op->w) - 1);
		suit_sha256_update(&c, tmp, N);
	}
	suit_sha256_final(&c, k);
}

static unsigned int coef(const uint8_t *s, unsigned int i, unsigned int w)
{
	return (s[i * w / 8] >> (8 - (w * (i % (8 / w)) + w))) & ((1U << w) - 1);
}

/* RFC 8554 Algorithm 3: LM-OTS signature (typecode, C, y[p]) into out. */
static int ots_sign(uint8_t *out, uint32_t ots_type, const struct ots_param *op,
		    const uint8_t ident[I_LEN], uint32_t q, const uint8_t seed[N],
		    const uint8_t *fixed_c, const uint8_t *msg, size_t len)
{
	struct suit_sha256_ctx c;
	uint8_t pre[22], qs[N + 2], *cr = out + 4, *y = out + 4 + N;
	unsigned int i, sum = 0, max = (1U << op->w) - 1;

	be32(out, ots_type);
	if (fixed_c)
		memcpy(cr, fixed_c, N);
	else if (getrandom(cr, N, 0) != N)
		return -EIO;
	memcpy(pre, ident, I_LEN);
	be32(pre + 16, q);
	pre[20] = 0x81;
	pre[21] = 0x81;
	suit_sha256_init(&c);
	suit_sha256_update(&c, pre, sizeof(pre));
	suit_sha256_update(&c, cr, N);
	suit_sha256_update(&c, msg, len);
	suit_sha256_final(&c, qs);
	for (i = 0; i < N * 8 / op->w; i++)
		sum += max - coef(qs, i, op->w);
	sum <<= op->ls;
	qs[N] = sum >> 8;
	qs[N + 1] = sum;
	for (i = 0; i < op->p; i++) {
		uint8_t *yi = y + (size_t)i * N;

		ots_priv(yi, ident, q, i, seed);
		chain(yi, ident, q, i, 0, coef(qs, i, op->w));
	}
	return 0;
}

/* All 2^(h+1) - 1 nodes of an LMS tree, nodes[r] for r = 1 .. 2^(h+1) - 1. */
static uint8_t *build_tree(unsigned int h, const struct ots_param *op,
			   const uint8_t ident[I_LEN], const uint8_t seed[N])
{
	size_t leaves = (size_t)1 << h, r;
	uint8_t *nodes = malloc(2 * leaves * N);
	uint8_t b[I_LEN + 4 + 2 + 2 * N];

	if (!nodes)
		return NULL;
	memcpy(b, ident, I_LEN);
	for (r = 2 * leaves - 1; r >= 1; r--) {
		be32(b + 16, (uint32_t)r);
		if (r >= leaves) {
			b[20] = 0x82;
			b[21] = 0x82;
			ots_pub(b + 22, op, ident, (uint32_t)(r - leaves), seed);
			suit_sha256(b, 22 + N, nodes + r * N);
		} else {
			b[20] = 0x83;
			b[21] = 0x83;
			memcpy(b + 22, nodes + 2 * r * N, N);
			memcpy(b + 22 + N, nodes + (2 * r + 1) * N, N);
			suit_sha256(b, sizeof(b), nodes + r * N);
		}
	}
	return nodes;
}

static void lms_pub_encode(uint8_t out[SUIT_LMS_PUBKEY_SIZE], uint32_t lms_type,
			   uint32_t ots_type, const uint8_t ident[I_LEN],
			   const uint8_t root[N])
{
	be32(out, lms_type);
	be32(out + 4, ots_type);
	memcpy(out + 8, ident, I_LEN);
	memcpy(out + 24, root, N);
}

static void key_encode(uint8_t out[PRIV_SIZE], const struct hss_key *k)
{
	unsigned int l;

	memset(out, 0, PRIV_SIZE);
	memcpy(out, PRIV_MAGIC, 8);
	be32(out + 8, k->params.levels);
	for (l = 0; l < k->params.levels; l++) {
		be32(out + 12 + 8 * l, k->params.lms_type[l]);
		be32(out + 16 + 8 * l, k->params.ots_type[l]);
	}
	memcpy(out + 12 + 8 * HSS_SIGN_MAX_LEVELS, k->seed, N);
}

static int read_exact(const char *path, uint8_t *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	uint8_t extra;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	if (n == (ssize_t)len && read(fd, &extra, 1) == 0) {
		close(fd);
		return 0;
	}
	close(fd);
	return n < 0 ? -EIO : -EBADMSG;
}

static int key_load(const char *priv_path, struct hss_key *k)
{
	uint8_t buf[PRIV_SIZE], d[N];
	unsigned int l;
	int ret = read_exact(priv_path, buf, sizeof(buf));

	if (ret)
		return ret;
	if (memcmp(buf, PRIV_MAGIC, 8))
		return -EBADMSG;
	memset(k, 0, sizeof(*k));
	k->params.levels = get32(buf + 8);
	if (k->params.levels < 1 || k->params.levels > HSS_SIGN_MAX_LEVELS)
		return -EBADMSG;
	for (l = 0; l < k->params.levels; l++) {
		k->params.lms_type[l] = get32(buf + 12 + 8 * l);
		k->params.ots_type[l] = get32(buf + 16 + 8 * l);
	}
	if (params_check(&k->params, NULL))
		return -EBADMSG;
	memcpy(k->seed, buf + 12 + 8 * HSS_SIGN_MAX_LEVELS, N);
	suit_sha256(buf, sizeof(buf), d);
	memcpy(k->key_id, d, 16);
	memset(buf, 0, sizeof(buf));
	return 0;
}

/* Write @len bytes to @path via a temporary file, fsync, rename, fsync dir. */
static int write_durable(const char *path, const uint8_t *buf, size_t len,
			 mode_t mode, bool excl)
{
	char tmp[PATH_MAX], dir[PATH_MAX], *slash;
	int fd, dfd, ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	if (excl && access(path, F_OK) == 0)
		return -EEXIST;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, len) != (ssize_t)len || fsync(fd))
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -EIO;
	if (!ret && excl) {
		/* link() fails if @path appeared meanwhile */
		if (link(tmp, path))
			ret = -errno;
		unlink(tmp);
	} else if (!ret && rename(tmp, path)) {
		ret = -errno;
	}
	if (ret) {
		unlink(tmp);
		return ret;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	else
		snprintf(dir, sizeof(dir), ".");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		if (fsync(dfd))
			ret = -EIO;
		close(dfd);
	}
	return ret;
}

static void state_encode(uint8_t out[STATE_SIZE], uint64_t next,
			 const uint8_t key_id[16])
{
	uint8_t d[N];

	memcpy(out, STATE_MAGIC, 8);
	be64(out + 8, next);
	memcpy(out + 16, key_id, 16);
	suit_sha256(out, 32, d);
	memcpy(out + 32, d, 24);
}

static int state_decode(const uint8_t in[STATE_SIZE], const uint8_t key_id[16],
			uint64_t *next)
{
	uint8_t d[N];

	suit_sha256(in, 32, d);
	if (memcmp(in, STATE_MAGIC, 8) || memcmp(in + 32, d, 24))
		return -EBADMSG;
	if (memcmp(in + 16, key_id, 16))
		return -EKEYREJECTED;	/* the state of another key */
	*next = get64(in + 8);
	return 0;
}

static char *default_state(const char *priv_path, const char *state_path)
{
	char *s;

	if (state_path)
		return strdup(state_path);
	if (asprintf(&s, "%s.state", priv_path) < 0)
		return NULL;
	return s;
}

/* Root of the top tree; *pub gets the HSS public key. */
static int top_pub(const struct hss_key *k, uint8_t pub[SUIT_HSS_PUBKEY_SIZE])
{
	uint8_t seed[N], ident[I_LEN], *nodes;
	struct ots_param op;

	ots_param(k->params.ots_type[0], &op);
	tree_secret(k, 0, 0, seed, ident);
	nodes = build_tree(lms_h(k->params.lms_type[0]), &op, ident, seed);
	memset(seed, 0, sizeof(seed));
	if (!nodes)
		return -ENOMEM;
	be32(pub, k->params.levels);
	lms_pub_encode(pub + 4, k->params.lms_type[0], k->params.ots_type[0],
		       ident, nodes + N);
	free(nodes);
	return 0;
}

int hss_keygen(const struct hss_sign_params *params, const uint8_t *seed,
	       const char *priv_path, const char *state_path, uint8_t pub[60])
{
	uint8_t buf[PRIV_SIZE], st[STATE_SIZE], d[N];
	struct hss_key k;
	char *sp;
	int ret;

	if (!priv_path || !pub)
		return -EINVAL;
	ret = params_check(params, NULL);
	if (ret)
		return ret;
	memset(&k, 0, sizeof(k));
	k.params = *params;
	if (seed)
		memcpy(k.seed, seed, N);
	else if (getrandom(k.seed, N, 0) != N)
		return -EIO;
	key_encode(buf, &k);
	suit_sha256(buf, sizeof(buf), d);
	memcpy(k.key_id, d, 16);
	ret = top_pub(&k, pub);
	if (ret)
		goto out;
	sp = default_state(priv_path, state_path);
	if (!sp) {
		ret = -ENOMEM;
		goto out;
	}
	state_encode(st, 0, k.key_id);
	/* state first: a private key without a state file is unusable */
	ret = write_durable(sp, st, sizeof(st), 0600, true);
	if (!ret) {
		ret = write_durable(priv_path, buf, sizeof(buf), 0600, true);
		if (ret)
			unlink(sp);
	}
	free(sp);
out:
	memset(buf, 0, sizeof(buf));
	memset(&k, 0, sizeof(k));
	return ret;
}

int hss_public_key(const char *priv_path, uint8_t pub[60])
{
	struct hss_key k;
	int ret = key_load(priv_path, &k);

	if (!ret)
		ret = top_pub(&k, pub);
	memset(&k, 0, sizeof(k));
	return ret;
}

int hss_remaining(const char *priv_path, const char *state_path, uint64_t *left)
{
	uint8_t st[STATE_SIZE];
	struct hss_key k;
	unsigned int th;
	uint64_t next;
	char *sp;
	int ret = key_load(priv_path, &k);

	if (ret)
		return ret;
	params_check(&k.params, &th);
	sp = default_state(priv_path, state_path);
	if (!sp)
		return -ENOMEM;
	ret = read_exact(sp, st, sizeof(st));
	free(sp);
	if (!ret)
		ret = state_decode(st, k.key_id, &next);
	if (!ret)
		*left = next >= (1ULL << th) ? 0 : (1ULL << th) - next;
	memset(&k, 0, sizeof(k));
	return ret;
}

/*
 * Reserve the next index: under an exclusive lock on "<state>.lock", read
 * the state, refuse when exhausted, durably write index + 1.
 */
static int reserve_index(const char *sp, const struct hss_key *k,
			 unsigned int total_h, uint64_t *idx)
{
	uint8_t st[STATE_SIZE];
	char lock[PATH_MAX];
	uint64_t next;
	int lfd, ret;

	if (snprintf(lock, sizeof(lock), "%s.lock", sp) >= (int)sizeof(lock))
		return -ENAMETOOLONG;
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lfd < 0)
		return -errno;
	if (flock(lfd, LOCK_EX)) {
		ret = -errno;
		goto out;
	}
	ret = read_exact(sp, st, sizeof(st));
	if (ret)
		goto out;
	ret = state_decode(st, k->key_id, &next);
	if (ret)
		goto out;
	if (next >= (1ULL << total_h)) {
		ret = -ENOSPC;
		goto out;
	}
	state_encode(st, next + 1, k->key_id);
	ret = write_durable(sp, st, sizeof(st), 0600, false);
	if (!ret)
		*idx = next;
out:
	close(lfd);	/* releases the lock */
	return ret;
}

int hss_sign_file(const char *priv_path, const char *state_path,
		  const uint8_t *msg, size_t msg_len,
		  uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
	size_t off[HSS_SIGN_MAX_LEVELS], need, o;
	uint8_t child_pub[SUIT_LMS_PUBKEY_SIZE];
	unsigned int total_h, below, l;
	struct hss_key k;
	uint64_t g;
	char *sp = NULL;
	int ret;

	if (!priv_path || !sig || !sig_len || (!msg && msg_len))
		return -EINVAL;
	ret = key_load(priv_path, &k);
	if (ret)
		return ret;
	params_check(&k.params, &total_h);
	need = hss_sig_size(&k.params);
	if (sig_cap < need) {
		ret = -ENOBUFS;
		goto out;
	}
	sp = default_state(priv_path, state_path);
	if (!sp) {
		ret = -ENOMEM;
		goto out;
	}
	ret = reserve_index(sp, &k, total_h, &g);
	if (ret)
		goto out;

	/* layout: u32 Nspk || sig_0 || pub_1 || sig_1 || ... || sig_{L-1} */
	be32(sig, k.params.levels - 1);
	o = 4;
	for (l = 0; l < k.params.levels; l++) {
		off[l] = o;
		o += lms_sig_size(k.params.lms_type[l], k.params.ots_type[l]);
		o += SUIT_LMS_PUBKEY_SIZE;	/* pub_{l+1}, unused after last */
	}

	/* bottom level first: each level signs the public key of the next */
	below = 0;
	for (l = k.params.levels; l-- > 0;) {
		unsigned int h = lms_h(k.params.lms_type[l]);
		uint64_t lidx = g >> below;	/* leaf index across level l */
		uint32_t q = (uint32_t)(lidx & ((1ULL << h) - 1));
		uint8_t seed[N], ident[I_LEN], *nodes, *p;
		struct ots_param op;
		size_t ots_len, r;
		unsigned int j;

		ots_param(k.params.ots_type[l], &op);
		tree_secret(&k, l, lidx >> h, seed, ident);
		nodes = build_tree(h, &op, ident, seed);
		if (!nodes) {
			ret = -ENOMEM;
			goto out;
		}
		p = sig + off[l];
		be32(p, q);
		ots_len = 4 + N + (size_t)op.p * N;
		if (l + 1 == k.params.levels)
			ret = ots_sign(p + 4, k.params.ots_type[l], &op, ident, q,
				       seed, NULL, msg, msg_len);
		else
			ret = ots_sign(p + 4, k.params.ots_type[l], &op, ident, q,
				       seed, NULL, child_pub, sizeof(child_pub));
		memset(seed, 0, sizeof(seed));
		if (ret) {
			free(nodes);
			goto out;
		}
		be32(p + 4 + ots_len, k.params.lms_type[l]);
		r = ((size_t)1 << h) + q;
		for (j = 0; j < h; j++, r >>= 1)
			memcpy(p + 8 + ots_len + (size_t)j * N,
			       nodes + (r ^ 1) * N, N);
		/* this tree's public key goes before the next level's sig */
		lms_pub_encode(child_pub, k.params.lms_type[l],
			       k.params.ots_type[l], ident, nodes + N);
		if (l > 0)
			memcpy(sig + off[l - 1] +
			       lms_sig_size(k.params.lms_type[l - 1],
					    k.params.ots_type[l - 1]),
			       child_pub, sizeof(child_pub));
		free(nodes);
		below += h;
	}
	*sig_len = need;
out:
	free(sp);
	memset(&k, 0, sizeof(k));
	return ret;
}

int hss_lms_sign_raw(uint32_t lms_type, uint32_t ots_type,
		     const uint8_t ident[16], const uint8_t seed[32], uint32_t q,
		     const uint8_t *c, const uint8_t *msg, size_t msg_len,
		     uint8_t *sig, size_t sig_cap, size_t *sig_len,
		     uint8_t pub[SUIT_LMS_PUBKEY_SIZE])
{
	unsigned int h = lms_h(lms_type), j;
	struct ots_param op;
	size_t need, ots_len, r;
	uint8_t *nodes;
	int ret;

	if (!h || h > MAX_SIGN_HEIGHT || ots_param(ots_type, &op) || !ident ||
	    !seed || !sig || !sig_len || !pub || (!msg && msg_len))
		return -EINVAL;
	if (q >= (1U << h))
		return -EINVAL;
	need = lms_sig_size(lms_type, ots_type);
	if (sig_cap < need)
		return -ENOBUFS;
	nodes = build_tree(h, &op, ident, seed);
	if (!nodes)
		return -ENOMEM;
	be32(sig, q);
	ots_len = 4 + N + (size_t)op.p * N;
	ret = ots_sign(sig + 4, ots_type, &op, ident, q, seed, c, msg, msg_len);
	if (!ret) {
		be32(sig + 4 + ots_len, lms_type);
		r = ((size_t)1 << h) + q;
		for (j = 0; j < h; j++, r >>= 1)
			memcpy(sig + 8 + ots_len + (size_t)j * N,
			       nodes + (r ^ 1) * N, N);
		lms_pub_encode(pub, lms_type, ots_type, ident, nodes + N);
		*sig_len = need;
	}
	free(nodes);
	return ret;
}
