// SPDX-License-Identifier: GPL-2.0-only
/*
 * The main side of the co-processor update (see main_side.h).
 *
 * The commit point of the whole update is ONE write of the main CPU's
 * decision record: {main_active switched, committing, coproc_seq S}.
 * Before it, the co-processor is at most PREPARED and anybody restarting
 * aborts it; after it, the main CPU runs its new image and the
 * co-processor's prepared update S is committed (again, if need be) until
 * the co-processor reports sequence S, and only then is the record
 * finalised. The co-processor never resolves a prepared update on its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "main_side.h"

static int state_store(struct cph *h, const struct cph_state *s)
{
	uint8_t b[CPH_REC_LEN];
	int ret;

	memset(b, 0, sizeof(b));
	b[16] = s->main_active;
	b[17] = s->committing;
	put_le64(b + 24, s->coproc_seq);
	memcpy(b + 32, s->coproc_digest, 32);
	ret = rec_store(&h->rec, b);
	if (!ret)
		h->st = *s;
	return ret;
}

/**
 * cph_open() - load the main side's decision record
 * @h: the main side (zeroed, @uris filled)
 * @state_path: its state file, created blank when missing
 * @line: the serial line, raw mode
 *
 * Return: 0 or -errno.
 */
int cph_open(struct cph *h, const char *state_path, int line)
{
	uint8_t b[CPH_REC_LEN];
	int fd, ret;

	fd = open(state_path, O_RDWR | O_CREAT, 0644);
	if (fd < 0)
		return -errno;
	h->rec.fd = fd;
	h->rec.off[0] = 0;
	h->rec.off[1] = REC_BLOCK;
	h->rec.magic = CPH_REC_MAGIC;
	h->rec.len = CPH_REC_LEN;
	ret = rec_load(&h->rec, b);
	if (ret < 0)
		return ret;
	memset(&h->st, 0, sizeof(h->st));
	if (ret) {
		h->st.main_active = b[16] & 1;
		h->st.committing = b[17] == 1;
		h->st.coproc_seq = get_le64(b + 24);
		memcpy(h->st.coproc_digest, b + 32, 32);
	}
	proto_link_init(&h->link, line, "suit-coproc-host");
	return 0;
}

/* Requests from the co-processor: FETCH of a mapped URI. */
static void serve_req(struct proto_link *l, const struct proto_frame *f,
		      void *arg)
{
	struct cph *h = arg;
	uint8_t out[8 + PROTO_DATA_MAX];
	uint64_t off;
	uint32_t size;
	size_t ulen;
	ssize_t r;
	int i, fd;

	if (f->session != l->session)
		return;
	if (proto_duplicate(l, f))
		return;
	if (f->type != MSG_FETCH || f->len < 12) {
		proto_error(l, f, -EOPNOTSUPP, "unexpected request");
		return;
	}
	off = get_le64(f->payload);
	size = get_le32(f->payload + 8);
	ulen = f->len - 12;
	if (size > PROTO_DATA_MAX)
		size = PROTO_DATA_MAX;
	if (ulen == 0) {	/* the envelope of the BEGIN in progress */
		if (!h->env || off > h->env_len) {
			proto_error(l, f, -ENOENT, "no envelope");
			return;
		}
		if (size > h->env_len - off)
			size = (uint32_t)(h->env_len - off);
		put_le64(out, off);
		memcpy(out + 8, h->env + off, size);
		proto_respond(l, f, MSG_DATA, out, 8 + (size_t)size);
		return;
	}
	for (i = 0; i < h->nuris; i++)
		if (strlen(h->uris[i].uri) == ulen &&
		    !memcmp(h->uris[i].uri, f->payload + 12, ulen))
			break;
	if (i == h->nuris) {
		fprintf(stderr, "suit-coproc-host: FETCH of an unknown URI '%.*s'\n",
			(int)ulen, (const char *)f->payload + 12);
		proto_error(l, f, -ENOENT, "no such URI");
		return;
	}
	fd = open(h->uris[i].path, O_RDONLY);
	r = fd < 0 || off > INT64_MAX ? -1 : pread(fd, out + 8, size, (off_t)off);
	if (fd >= 0)
		close(fd);
	if (r < 0) {
		proto_error(l, f, -EIO, "cannot read the payload file");
		return;
	}
	put_le64(out, off);
	proto_respond(l, f, MSG_DATA, out, 8 + (size_t)r);
}

static int call(struct cph *h, uint8_t type, const uint8_t *p, size_t len,
		struct proto_frame *resp, int timeout_ms)
{
	int ret = proto_call(&h->link, type, p, len, resp, timeout_ms,
			     serve_req, h);

	if (ret)
		fprintf(stderr, "suit-coproc-host: no answer from the co-processor (%s)\n",
			strerror(-ret));
	return ret;
}

static int expect_info(const struct proto_frame *r, uint8_t type,
		       struct proto_info *in)
{
	if (r->type == MSG_ERROR && r->len >= 4) {
		fprintf(stderr, "suit-coproc-host: co-processor error: %.*s (%s)\n",
			(int)(r->len - 4), (const char *)r->payload + 4,
			strerror(-(int32_t)get_le32(r->payload)));
		return (int32_t)get_le32(r->payload);
	}
	if (r->type != type || proto_info_decode(r->payload, r->len, in)) {
		fprintf(stderr, "suit-coproc-host: malformed answer 0x%02x\n",
			r->type);
		return -EBADMSG;
	}
	return 0;
}

/**
 * cph_hello() - start a session and learn the co-processor's state
 * @h: the main side
 * @info: its state
 *
 * Return: 0 or -errno.
 */
int cph_hello(struct cph *h, struct proto_info *info)
{
	static struct proto_frame r;
	struct timespec ts;
	int ret;

	clock_gettime(CLOCK_REALTIME, &ts);
	h->link.session = (uint16_t)((ts.tv_nsec ^ getpid() ^ ts.tv_sec) | 1);
	ret = call(h, MSG_HELLO, NULL, 0, &r, 0);
	if (ret)
		return ret;
	return expect_info(&r, MSG_INFO, info);
}

static int send_seq(struct cph *h, uint8_t type, uint64_t seq,
		    struct proto_info *in)
{
	static struct proto_frame r;
	uint8_t p[8];
	int ret;

	put_le64(p, seq);
	ret = call(h, type, p, 8, &r, 0);
	if (ret)
		return ret;
	return expect_info(&r, MSG_STATUS_R, in);
}

/* Phase 2 once the decision is on flash: commit S, then finalise. */
static int finish_commit(struct cph *h, const struct proto_info *seen)
{
	struct cph_state s = h->st;
	struct proto_info in = *seen;
	int ret;

	if (in.prepared && in.pending_seq == s.coproc_seq) {
		flash_step();	/* cut point: before sending COMMIT */
		ret = send_seq(h, MSG_COMMIT, s.coproc_seq, &in);
		if (ret)
			return ret;
	}
	if (in.prepared || in.sequence != s.coproc_seq ||
	    memcmp(in.active_digest, s.coproc_digest, 32)) {
		fprintf(stderr, "suit-coproc-host: INCONSISTENT: main switched for co-processor sequence %llu, co-processor has sequence %llu%s\n",
			(unsigned long long)s.coproc_seq,
			(unsigned long long)in.sequence,
			in.prepared ? " (prepared)" : "");
		return CPH_INCONSISTENT;
	}
	s.committing = false;
	ret = state_store(h, &s);
	if (ret)
		return ret;
	if (h->verbose)
		fprintf(stderr, "suit-coproc-host: both switched (co-processor sequence %llu, main slot %u)\n",
			(unsigned long long)s.coproc_seq, s.main_active);
	return CPH_OK;
}

/**
 * cph_reconcile() - bring both sides to the same decision after a restart
 * @h: the main side
 *
 * With a decision record saying "committing S", the co-processor's
 * prepared update S is committed; without one, a prepared update on the
 * co-processor is aborted.
 *
 * Return: CPH_OK, CPH_INCONSISTENT or -errno.
 */
int cph_reconcile(struct cph *h)
{
	struct proto_info in;
	int ret;

	ret = cph_hello(h, &in);
	if (ret)
		return ret;
	if (h->st.committing)
		return finish_commit(h, &in);
	if (in.prepared) {
		if (h->verbose)
			fprintf(stderr, "suit-coproc-host: aborting prepared sequence %llu\n",
				(unsigned long long)in.pending_seq);
		ret = send_seq(h, MSG_ABORT, in.pending_seq, &in);
		if (ret)
			return ret;
		if (in.prepared)
			return CPH_INCONSISTENT;
	}
	return CPH_OK;
}

/**
 * cph_install() - update the co-processor and switch both CPUs
 * @h: the main side
 * @env: the co-processor's envelope (its own signer, its own anchors)
 * @len: its length
 *
 * Return: CPH_OK (both switched), CPH_REJECTED (the co-processor refused,
 * nothing switched), CPH_ABORTED (the main side refused, nothing
 * switched), CPH_INCONSISTENT, or -errno (the line failed; a later
 * cph_reconcile() completes or cancels the update).
 */
int cph_install(struct cph *h, const uint8_t *env, size_t len)
{
	static struct proto_frame r;
	static uint8_t begin[PROTO_MAX_PAYLOAD];
	struct cph_state s;
	struct proto_info in;
	size_t first;
	uint64_t seq;
	int ret;

	if (len > CPH_MAX_ENV) {
		fprintf(stderr, "suit-coproc-host: envelope of %zu bytes exceeds %d\n",
			len, CPH_MAX_ENV);
		return -EMSGSIZE;
	}
	ret = cph_reconcile(h);
	if (ret)
		return ret;
	/*
	 * Phase 1: the co-processor installs and verifies, stays on old.
	 * BEGIN carries the total length and the first part of the
	 * envelope; the co-processor FETCHes the rest (empty URI).
	 */
	h->env = env;
	h->env_len = len;
	first = len < sizeof(begin) - 4 ? len : sizeof(begin) - 4;
	put_le32(begin, (uint32_t)len);
	memcpy(begin + 4, env, first);
	ret = call(h, MSG_BEGIN, begin, 4 + first, &r, 5 * h->link.timeout_ms);
	if (ret)
		return ret;
	if (r.type == MSG_FAILED && r.len >= 8) {
		fprintf(stderr, "suit-coproc-host: co-processor rejected the update: %.*s (%s)\n",
			(int)(r.len - 8), (const char *)r.payload + 8,
			strerror(-(int32_t)get_le32(r.payload + 4)));
		return CPH_REJECTED;
	}
	if (r.type == MSG_ERROR && r.len >= 4) {
		fprintf(stderr, "suit-coproc-host: co-processor error: %.*s\n",
			(int)(r.len - 4), (const char *)r.payload + 4);
		return CPH_REJECTED;
	}
	if (r.type != MSG_PREPARED || r.len != 40)
		return -EBADMSG;
	seq = get_le64(r.payload);
	if (h->verbose)
		fprintf(stderr, "suit-coproc-host: co-processor prepared sequence %llu\n",
			(unsigned long long)seq);
	if (h->refuse) {
		ret = send_seq(h, MSG_ABORT, seq, &in);
		if (ret)
			return ret;
		fprintf(stderr, "suit-coproc-host: main side refused: both stay\n");
		return in.prepared ? CPH_INCONSISTENT : CPH_ABORTED;
	}
	/* the commit point: main switches itself and decides for both */
	s = h->st;
	s.main_active ^= 1;
	s.committing = true;
	s.coproc_seq = seq;
	memcpy(s.coproc_digest, r.payload + 8, 32);
	ret = state_store(h, &s);
	if (ret)
		return ret;
	memset(&in, 0, sizeof(in));
	in.prepared = true;
	in.pending_seq = seq;
	return finish_commit(h, &in);
}
