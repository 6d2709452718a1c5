// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the SUIT processor (lib/envelope.c, sequence.c,
 * report.c) with allow_unsigned and a self-contained in-memory platform
 * (SHA-256/512 from lib/, no keys: every signature fails).
 *
 * Input: one mode byte, then the data.
 *  mode bit 0 clear: the data is an envelope, processed as is;
 *  mode bit 0 set:   the data is a manifest; the harness wraps it in an
 *                    unsigned envelope with the right SUIT_Digest (so the
 *                    fuzzer gets past authentication) and integrates the
 *                    payload "#p";
 *  mode bits 1-2:    procedures (0 -> update+invoke);
 *  mode bit 3:       a 64-byte chunk instead of 512;
 *  mode bits 4-7:    max_components - 1.
 * An odd input length sets require_vendor_class. invoke with odd-length
 * arguments returns -EINPROGRESS; unlink of an odd component returns
 * SUIT_UNLINK_LAST.
 *
 * Invariants: no crash or sanitizer report; every hash context and fetch
 * stream is released; exactly one of commit/abort on every run with a
 * valid envelope; a failure has a reason; the report always encodes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <suit/cbor.h>
#include <suit/processor.h>
#include <suit/sw_crypto.h>

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

#define NCOMP	8
#define CSIZE	4096

struct comp {
	uint8_t id[64];
	size_t id_len;
	uint8_t data[CSIZE];
	size_t len;
	int open;
};

struct dev {
	struct comp c[NCOMP];
	unsigned int n;
	int hashes;
	int streams;
	unsigned int commits;
	unsigned int aborts;
};

struct hctx {
	int32_t alg;
	union {
		struct suit_sha256_ctx s256;
		struct suit_sha512_ctx s512;
	} u;
};

static const uint8_t payload[200] = { 1, 2, 3 };

static int h_init(void *plat, int32_t alg, void **ctx)
{
	struct dev *d = plat;
	struct hctx *h;

	if (alg != SUIT_COSE_ALG_SHA256 && alg != SUIT_COSE_ALG_SHA512)
		return -EOPNOTSUPP;
	h = malloc(sizeof(*h));
	h->alg = alg;
	if (alg == SUIT_COSE_ALG_SHA256)
		suit_sha256_init(&h->u.s256);
	else
		suit_sha512_init(&h->u.s512);
	d->hashes++;
	*ctx = h;
	return 0;
}

static int h_update(void *plat, void *ctx, const uint8_t *p, size_t n)
{
	struct hctx *h = ctx;

	if (h->alg == SUIT_COSE_ALG_SHA256)
		suit_sha256_update(&h->u.s256, p, n);
	else
		suit_sha512_update(&h->u.s512, p, n);
	return 0;
}

static int h_final(void *plat, void *ctx, uint8_t *out, size_t out_len)
{
	struct dev *d = plat;
	struct hctx *h = ctx;
	uint8_t md[64];
	size_t n = h->alg == SUIT_COSE_ALG_SHA256 ? 32 : 64;
	int ret = 0;

	if (h->alg == SUIT_COSE_ALG_SHA256)
		suit_sha256_final(&h->u.s256, md);
	else
		suit_sha512_final(&h->u.s512, md);
	if (out) {
		if (out_len != n)
			ret = -EINVAL;
		else
			memcpy(out, md, n);
	}
	free(h);
	d->hashes--;
	return ret;
}

static int auth(void *plat, const struct suit_auth_req *req)
{
	return -EBADMSG;
}

static int lookup(void *plat, struct suit_buf id, uint32_t *c)
{
	struct dev *d = plat;
	unsigned int i;

	for (i = 0; i < d->n; i++)
		if (d->c[i].id_len == id.len && !memcmp(d->c[i].id, id.ptr, id.len)) {
			*c = i;
			return 0;
		}
	if (d->n >= NCOMP || id.len > sizeof(d->c[0].id) || (id.len && id.ptr[id.len - 1] == 0xff))
		return -ENOENT;
	memcpy(d->c[d->n].id, id.ptr, id.len);
	d->c[d->n].id_len = id.len;
	*c = d->n++;
	return 0;
}

static int info(void *plat, uint32_t c, uint32_t slot,
		struct suit_component_info *i)
{
	struct dev *d = plat;

	FUZZ_ASSERT(c < d->n);
	if (slot > 1)
		return -ENOENT;
	memset(i, 0, sizeof(*i));
	i->slots = c & 1 ? 2 : 1;
	i->max_size = CSIZE;
	i->size = d->c[c].len;
	i->version[0] = 1;
	i->version_len = 1;
	return 0;
}

static int c_open(void *plat, uint32_t c, uint32_t slot, unsigned int flags,
		  uint64_t size)
{
	struct dev *d = plat;

	FUZZ_ASSERT(c < d->n);
	if (d->c[c].open)
		return -EBUSY;
	if (flags & SUIT_COMP_WRITE) {
		if (size > CSIZE)
			return -ENOSPC;
		d->c[c].len = 0;
	}
	d->c[c].open = 1;
	return 0;
}

static int c_read(void *plat, uint32_t c, uint64_t off, uint8_t *buf, size_t n)
{
	struct dev *d = plat;

	FUZZ_ASSERT(c < d->n && d->c[c].open);
	if (off > d->c[c].len || n > d->c[c].len - off)
		return -EIO;
	memcpy(buf, d->c[c].data + off, n);
	return 0;
}

static int c_write(void *plat, uint32_t c, const uint8_t *buf, size_t n)
{
	struct dev *d = plat;

	FUZZ_ASSERT(c < d->n && d->c[c].open);
	if (n > CSIZE - d->c[c].len)
		return -ENOSPC;
	memcpy(d->c[c].data + d->c[c].len, buf, n);
	d->c[c].len += n;
	return 0;
}

static int c_close(void *plat, uint32_t c, bool ok)
{
	struct dev *d = plat;

	FUZZ_ASSERT(c < d->n && d->c[c].open);
	d->c[c].open = 0;
	return 0;
}

static int c_map(void *plat, uint32_t c, uint32_t slot, struct suit_buf *v)
{
	struct dev *d = plat;

	v->ptr = d->c[c].data;
	v->len = d->c[c].len;
	return 0;
}

struct stream {
	size_t off;
};

static int f_open(void *plat, struct suit_buf uri, struct suit_buf args,
		  uint64_t hint, void **s)
{
	struct dev *d = plat;

	if (uri.len && uri.ptr[0] == 'x')
		return -ENOENT;
	*s = calloc(1, sizeof(struct stream));
	d->streams++;
	return 0;
}

static int f_read(void *plat, void *s, uint8_t *buf, size_t cap, size_t *got)
{
	struct stream *st = s;
	size_t n = sizeof(payload) - st->off;

	if (n > cap)
		n = cap;
	memcpy(buf, payload + st->off, n);
	st->off += n;
	*got = n;
	return 0;
}

static void f_close(void *plat, void *s)
{
	struct dev *d = plat;

	d->streams--;
	free(s);
}

static int ident(void *plat, struct suit_identity *id)
{
	memset(id, 0, sizeof(*id));
	id->vendor_id[0] = 0xfa;
	return 0;
}

static int gtime(void *plat, uint64_t *s) { *s = 1700000000; return 0; }
static int batt(void *plat, uint64_t *m) { *m = 50; return 0; }
static int gseq(void *plat, struct suit_buf mc, uint64_t *s) { *s = 0; return mc.len ? -ENOENT : 0; }
static int uauth(void *plat, int64_t p) { return p < 0 ? 0 : -EPERM; }
static int wt(void *plat, struct suit_buf w) { return w.len & 1 ? -EAGAIN : 0; }
/* invoke with odd-length arguments hands over (invoke-pending) */
static int inv(void *plat, uint32_t c, struct suit_buf a) { return a.len & 1 ? -EINPROGRESS : 0; }
static int swp(void *plat, uint32_t c, uint32_t s) { return 0; }
/* odd platform components lose their last reference (uninstall runs) */
static int unl(void *plat, uint32_t c) { return c & 1 ? SUIT_UNLINK_LAST : 0; }
static int cust(void *plat, uint32_t c, int64_t cmd, struct suit_buf a) { return cmd & 1 ? -EIO : 0; }

static int commit(void *plat, uint64_t seq)
{
	((struct dev *)plat)->commits++;
	return 0;
}

static void abrt(void *plat)
{
	((struct dev *)plat)->aborts++;
}

static const struct suit_platform_ops ops = {
	.hash_init = h_init, .hash_update = h_update, .hash_final = h_final,
	.auth_verify = auth,
	.comp_lookup = lookup, .comp_info = info, .comp_open = c_open,
	.comp_read = c_read, .comp_write = c_write, .comp_close = c_close,
	.comp_map = c_map,
	.fetch_open = f_open, .fetch_read = f_read, .fetch_close = f_close,
	.get_identity = ident, .get_time = gtime, .get_battery = batt,
	.get_sequence = gseq, .update_authorized = uauth, .wait = wt,
	.invoke = inv, .swap = swp, .unlink = unl, .custom = cust,
	.commit = commit, .abort = abrt,
};

static struct suit_processor proc;
static struct dev dev;
static uint8_t chunk[512];
static uint8_t report[8192];

/* Wrap a manifest into an unsigned envelope with its digest. */
static size_t wrap(const uint8_t *m, size_t n, uint8_t *out, size_t cap)
{
	struct suit_cbor_enc e, a, d, w;
	uint8_t dig[32], dg[64], auth[80], *mw;
	size_t len;

	mw = malloc(n + 16);
	suit_cbor_enc_init(&w, mw, n + 16);
	suit_cbor_put_bstr(&w, m, n);
	suit_sha256(mw, w.len, dig);
	suit_cbor_enc_init(&d, dg, sizeof(dg));
	suit_cbor_put_array(&d, 2);
	suit_cbor_put_int(&d, SUIT_COSE_ALG_SHA256);
	suit_cbor_put_bstr(&d, dig, 32);
	suit_cbor_enc_init(&a, auth, sizeof(auth));
	suit_cbor_put_array(&a, 1);
	suit_cbor_put_bstr(&a, dg, d.len);
	suit_cbor_enc_init(&e, out, cap);
	suit_cbor_put_tag(&e, 107);
	suit_cbor_put_map(&e, 3);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_bstr(&e, auth, a.len);
	suit_cbor_put_uint(&e, 3);
	suit_cbor_put_raw(&e, mw, w.len);
	suit_cbor_put_tstr(&e, "#p", 2);
	suit_cbor_put_bstr(&e, payload, sizeof(payload));
	len = e.err ? 0 : e.len;
	free(mw);
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct suit_platform plat;
	struct suit_result res;
	uint8_t mode, *env;
	unsigned int procs;
	size_t len, rlen;
	int ret;

	if (size < 2 || size > 65536)
		return 0;
	mode = data[0];
	data++;
	size--;
	env = malloc(size + 256);
	if (mode & 1) {
		len = wrap(data, size, env, size + 256);
		if (!len) {
			free(env);
			return 0;
		}
	} else {
		memcpy(env, data, size);
		len = size;
	}
	memset(&dev, 0, sizeof(dev));
	memset(&plat, 0, sizeof(plat));
	plat.ops = &ops;
	plat.priv = &dev;
	plat.max_components = 1 + (mode >> 4);
	plat.chunk = chunk;
	plat.chunk_len = mode & 8 ? 64 : sizeof(chunk);
	plat.allow_unsigned = true;
	plat.require_vendor_class = size & 1;
	procs = (mode >> 1) & 3;
	if (!procs)
		procs = SUIT_PROC_UPDATE | SUIT_PROC_INVOKE;

	suit_processor_init(&proc, &plat);
	ret = suit_process(&proc, env, len, procs, &res);
	FUZZ_ASSERT(dev.hashes == 0);
	FUZZ_ASSERT(dev.streams == 0);
	FUZZ_ASSERT(ret <= 0);
	FUZZ_ASSERT(ret == res.err);
	if (ret == -EINPROGRESS) {
		/* handed over: committed, never aborted */
		FUZZ_ASSERT(res.reason == SUIT_REASON_INVOKE_PENDING);
		FUZZ_ASSERT(dev.aborts == 0 && dev.commits == 1);
	} else if (ret) {
		FUZZ_ASSERT(res.reason != SUIT_REASON_OK &&
			    res.reason != SUIT_REASON_INVOKE_PENDING);
		FUZZ_ASSERT(dev.aborts == 1);
		FUZZ_ASSERT(dev.commits <= 1);	/* update committed, invoke failed */
	} else {
		FUZZ_ASSERT(dev.aborts == 0 && dev.commits >= 1);
	}
	ret = suit_report_encode(&proc, (struct suit_buf){ NULL, 0 }, report,
				 sizeof(report), &rlen);
	FUZZ_ASSERT(ret == 0 || ret == -ENOSPC);
	if (!ret) {
		struct suit_cbor c;

		FUZZ_ASSERT(suit_cbor_init_single(&c, report, rlen) == 0);
	}
	free(env);
	return 0;
}
