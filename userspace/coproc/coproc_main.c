// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-coproc: a userspace stand-in for a co-processor on another bus. It
 * keeps its own flash (a file: two-copy state record, A/B slots), its own
 * trust anchors, and runs lib/'s SUIT processor on envelopes the main CPU
 * forwards over a serial line; payloads are fetched over the same line.
 *
 * An installed and verified update is only PREPARED (phase 1): the state
 * record marks the new slot valid and pending, the active slot does not
 * change. COMMIT (phase 2) switches the active slot with one record
 * write; ABORT drops the pending slot. Without either (timeout, restart)
 * the co-processor keeps running the old slot and keeps the prepared
 * state, which only the main CPU may resolve. See
 * Documentation/device-classes.rst.
 *
 *   suit-coproc --flash F --format --image OLD.bin
 *   suit-coproc --flash F --status
 *   suit-coproc --flash F (--tty PATH | --fd N) --trust KEY [--trust KEY...]
 *               --vendor HEX --class HEX [--component HEX]
 *               [--cut-after N [--torn]] [--drop-every N]
 *
 * The power-cut hook (--cut-after N, or SUIT_COPROC_CUT_AFTER=N) makes the
 * process _exit(86) immediately before its Nth flash erase/write (with
 * --torn: after doing half of it).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <suit/processor.h>

#include "coproc.h"
#include "flash.h"
#include "keystore.h"
#include "ossl_crypto.h"
#include "proto.h"

#define CP_CHUNK	PROTO_DATA_MAX
#define CP_MAX_ENV	(96 * 1024)	/* largest envelope accepted */

struct coproc {
	struct suit_ossl ossl;	/* must be first, see ossl_crypto.h */
	int fd;
	struct rec_file rec;
	struct cp_state st;
	struct proto_link link;
	uint8_t comp_id[64];
	size_t comp_id_len;
	uint8_t vendor[16];
	uint8_t class_id[16];
	/* the slot being written and what has been written */
	int wslot;
	uint64_t wpos;
	bool wdone;
	int rslot;
	/* the fetch in progress */
	char uri[256];
	size_t uri_len;
	uint64_t foff;
};

static struct coproc *to_cp(void *plat)
{
	return (struct coproc *)plat;
}

static int hex_decode(const char *s, uint8_t *out, size_t cap, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int v;

	if (n % 2 || n / 2 > cap)
		return -EINVAL;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -EINVAL;
		out[i] = (uint8_t)v;
	}
	*len = n / 2;
	return 0;
}

static void hex_str(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * n] = 0;
}

/* --- state record --------------------------------------------------- */

static int state_load(struct coproc *cp)
{
	uint8_t b[CP_REC_LEN];
	int ret;

	cp->rec.fd = cp->fd;
	cp->rec.off[0] = 0;
	cp->rec.off[1] = REC_BLOCK;
	cp->rec.magic = CP_REC_MAGIC;
	cp->rec.len = CP_REC_LEN;
	ret = rec_load(&cp->rec, b);
	if (ret < 0)
		return ret;
	memset(&cp->st, 0, sizeof(cp->st));
	if (!ret)
		return 0;	/* blank flash: slot 0, nothing valid */
	cp->st.sequence = get_le64(b + 16);
	cp->st.active = b[24] & 1;
	cp->st.valid = b[25] & 3;
	cp->st.prepared = b[26] == 1;
	cp->st.pending_slot = b[27] & 1;
	cp->st.size[0] = get_le64(b + 32);
	cp->st.size[1] = get_le64(b + 40);
	cp->st.pending_seq = get_le64(b + 48);
	memcpy(cp->st.pending_digest, b + 56, 32);
	return 0;
}

static int state_store(struct coproc *cp, const struct cp_state *s)
{
	uint8_t b[CP_REC_LEN];
	int ret;

	memset(b, 0, sizeof(b));
	put_le64(b + 16, s->sequence);
	b[24] = s->active;
	b[25] = s->valid;
	b[26] = s->prepared;
	b[27] = s->pending_slot;
	put_le64(b + 32, s->size[0]);
	put_le64(b + 40, s->size[1]);
	put_le64(b + 48, s->pending_seq);
	memcpy(b + 56, s->pending_digest, 32);
	ret = rec_store(&cp->rec, b);
	if (!ret)
		cp->st = *s;
	return ret;
}

static int slot_digest(struct coproc *cp, int slot, uint64_t size,
		       uint8_t out[32])
{
	uint8_t buf[4096];
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	uint64_t off = 0;
	size_t n;
	int ret = 0;

	if (!c)
		return -ENOMEM;
	if (size > CP_SLOT_SIZE)
		size = CP_SLOT_SIZE;
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	while (off < size) {
		n = size - off < sizeof(buf) ? (size_t)(size - off) : sizeof(buf);
		ret = flash_read(cp->fd, CP_SLOT_OFF(slot) + (off_t)off, buf, n);
		if (ret)
			break;
		EVP_DigestUpdate(c, buf, n);
		off += n;
	}
	EVP_DigestFinal_ex(c, out, NULL);
	EVP_MD_CTX_free(c);
	return ret;
}

static void fill_info(struct coproc *cp, struct proto_info *in)
{
	const struct cp_state *s = &cp->st;

	memset(in, 0, sizeof(*in));
	in->sequence = s->sequence;
	in->active = s->active;
	in->valid = s->valid;
	in->prepared = s->prepared;
	in->pending_seq = s->pending_seq;
	in->size[0] = s->size[0];
	in->size[1] = s->size[1];
	if (s->valid & (1u << s->active))
		slot_digest(cp, s->active, s->size[s->active], in->active_digest);
	if (s->prepared)
		memcpy(in->pending_digest, s->pending_digest, 32);
}

/* --- platform ops --------------------------------------------------- */

static int cp_comp_lookup(void *plat, struct suit_buf id, uint32_t *comp)
{
	struct coproc *cp = to_cp(plat);

	if (id.len != cp->comp_id_len || memcmp(id.ptr, cp->comp_id, id.len))
		return -ENOENT;
	*comp = 0;
	return 0;
}

static int cp_comp_info(void *plat, uint32_t comp, uint32_t slot,
			struct suit_component_info *info)
{
	struct coproc *cp = to_cp(plat);

	if (comp || slot > 1)
		return -ENOENT;
	memset(info, 0, sizeof(*info));
	info->slots = 2;
	info->active_slot = cp->st.active;
	info->max_size = CP_SLOT_SIZE;
	if ((int)slot == cp->wslot && cp->wdone)
		info->size = cp->wpos;
	else if (cp->st.valid & (1u << slot))
		info->size = cp->st.size[slot];
	return 0;
}

static int cp_comp_open(void *plat, uint32_t comp, uint32_t slot,
			unsigned int flags, uint64_t size)
{
	struct coproc *cp = to_cp(plat);
	struct cp_state s = cp->st;
	int ret;

	if (comp || slot > 1)
		return -ENOENT;
	if (!(flags & SUIT_COMP_WRITE)) {
		cp->rslot = (int)slot;
		return 0;
	}
	/* never write the slot the co-processor runs */
	if (slot == cp->st.active || cp->st.prepared)
		return -EPERM;
	if (size > CP_SLOT_SIZE)
		return -ENOSPC;
	/* invalidate the slot on flash before erasing it */
	s.valid &= ~(1u << slot);
	s.size[slot] = 0;
	ret = state_store(cp, &s);
	if (!ret)
		ret = flash_erase(cp->fd, CP_SLOT_OFF(slot), CP_SLOT_SIZE);
	if (ret)
		return -EIO;
	cp->wslot = (int)slot;
	cp->wpos = 0;
	cp->wdone = false;
	return 0;
}

static int cp_comp_read(void *plat, uint32_t comp, uint64_t off, uint8_t *buf,
			size_t len)
{
	struct coproc *cp = to_cp(plat);

	if (comp || cp->rslot < 0 || off > CP_SLOT_SIZE ||
	    len > CP_SLOT_SIZE - off)
		return -EINVAL;
	return flash_read(cp->fd, CP_SLOT_OFF(cp->rslot) + (off_t)off, buf, len);
}

static int cp_comp_write(void *plat, uint32_t comp, const uint8_t *buf,
			 size_t len)
{
	struct coproc *cp = to_cp(plat);
	int ret;

	if (comp || cp->wslot < 0)
		return -EINVAL;
	if (cp->wpos > CP_SLOT_SIZE || len > CP_SLOT_SIZE - cp->wpos)
		return -ENOSPC;
	ret = flash_write(cp->fd, CP_SLOT_OFF(cp->wslot) + (off_t)cp->wpos,
			  buf, len);
	if (ret)
		return ret;
	cp->wpos += len;
	return 0;
}

static int cp_comp_close(void *plat, uint32_t comp, bool ok)
{
	struct coproc *cp = to_cp(plat);

	if (cp->wslot >= 0 && !cp->wdone)
		cp->wdone = ok;
	cp->rslot = -1;
	return 0;
}

static int cp_fetch_open(void *plat, struct suit_buf uri, struct suit_buf args,
			 uint64_t size_hint, void **stream)
{
	struct coproc *cp = to_cp(plat);

	if (uri.len == 0 || uri.len >= sizeof(cp->uri))
		return -ENOENT;
	memcpy(cp->uri, uri.ptr, uri.len);
	cp->uri_len = uri.len;
	cp->foff = 0;
	*stream = cp;
	return 0;
}

/* Requests from the main side while we wait for DATA: only repeats. */
static void busy_req(struct proto_link *l, const struct proto_frame *f,
		     void *arg)
{
	if (!proto_duplicate(l, f))
		fprintf(stderr, "suit-coproc: request 0x%02x ignored while busy\n",
			f->type);
}

/*
 * Ask the main side for up to @cap bytes at @off of @uri (the empty URI
 * is the envelope of the BEGIN in progress).
 */
static int fetch_chunk(struct coproc *cp, const char *uri, size_t ulen,
		       uint64_t off, uint8_t *buf, size_t cap, size_t *got)
{
	uint8_t req[12 + sizeof(cp->uri)];
	static struct proto_frame resp;
	size_t want = cap < PROTO_DATA_MAX ? cap : PROTO_DATA_MAX;
	size_t n;
	int ret;

	if (ulen > sizeof(cp->uri))
		return -EINVAL;
	put_le64(req, off);
	put_le32(req + 8, (uint32_t)want);
	memcpy(req + 12, uri, ulen);
	ret = proto_call(&cp->link, MSG_FETCH, req, 12 + ulen, &resp, 0,
			 busy_req, cp);
	if (ret)
		return -EIO;
	if (resp.type == MSG_ERROR)
		return resp.len >= 4 ? (int)get_le32(resp.payload) : -EIO;
	if (resp.type != MSG_DATA || resp.len < 8 ||
	    get_le64(resp.payload) != off)
		return -EIO;
	n = resp.len - 8;
	if (n > want)
		return -EIO;
	memcpy(buf, resp.payload + 8, n);
	*got = n;
	return 0;
}

static int cp_fetch_read(void *plat, void *stream, uint8_t *buf, size_t cap,
			 size_t *got)
{
	struct coproc *cp = to_cp(plat);
	int ret;

	ret = fetch_chunk(cp, cp->uri, cp->uri_len, cp->foff, buf, cap, got);
	if (!ret)
		cp->foff += *got;
	return ret;
}

static void cp_fetch_close(void *plat, void *stream)
{
}

static int cp_get_identity(void *plat, struct suit_identity *id)
{
	struct coproc *cp = to_cp(plat);

	memset(id, 0, sizeof(*id));
	memcpy(id->vendor_id, cp->vendor, 16);
	memcpy(id->class_id, cp->class_id, 16);
	return 0;
}

static int cp_get_sequence(void *plat, struct suit_buf mc, uint64_t *seq)
{
	*seq = to_cp(plat)->st.sequence;
	return 0;
}

/* Phase 1: record the verified image as prepared; the active slot stays. */
static int cp_commit(void *plat, uint64_t sequence)
{
	struct coproc *cp = to_cp(plat);
	struct cp_state s = cp->st;
	int ret;

	if (cp->wslot < 0 || !cp->wdone || cp->wslot == cp->st.active)
		return -EINVAL;	/* nothing installed in the other slot */
	ret = slot_digest(cp, cp->wslot, cp->wpos, s.pending_digest);
	if (ret)
		return ret;
	s.valid |= 1u << cp->wslot;
	s.size[cp->wslot] = cp->wpos;
	s.prepared = true;
	s.pending_slot = (uint8_t)cp->wslot;
	s.pending_seq = sequence;
	return state_store(cp, &s);
}

static void cp_abort(void *plat)
{
	struct coproc *cp = to_cp(plat);

	/* the slot written, if any, is already invalid on flash */
	cp->wslot = -1;
	cp->wdone = false;
}

static struct suit_platform_ops cp_ops = {
	.comp_lookup = cp_comp_lookup,
	.comp_info = cp_comp_info,
	.comp_open = cp_comp_open,
	.comp_read = cp_comp_read,
	.comp_write = cp_comp_write,
	.comp_close = cp_comp_close,
	.fetch_open = cp_fetch_open,
	.fetch_read = cp_fetch_read,
	.fetch_close = cp_fetch_close,
	.get_identity = cp_get_identity,
	.get_sequence = cp_get_sequence,
	.commit = cp_commit,
	.abort = cp_abort,
};

/* --- requests from the main side ------------------------------------ */

static void send_info(struct coproc *cp, const struct proto_frame *f,
		      uint8_t type)
{
	uint8_t p[PROTO_INFO_LEN];
	struct proto_info in;

	fill_info(cp, &in);
	proto_info_encode(&in, p);
	proto_respond(&cp->link, f, type, p, sizeof(p));
}

static void do_begin(struct coproc *cp, const struct proto_frame *f)
{
	static uint8_t env[CP_MAX_ENV];
	static uint8_t chunk[CP_CHUNK];
	struct suit_platform plat = {
		.ops = &cp_ops, .priv = cp, .max_components = 4,
		.chunk = chunk, .chunk_len = sizeof(chunk),
	};
	struct suit_processor *p;
	struct suit_result res;
	uint8_t out[40 + 64];
	size_t n, total, have;
	const char *why;
	int ret;

	if (f->len < 4) {
		proto_error(&cp->link, f, -EBADMSG, "BEGIN: bad payload");
		return;
	}
	if (cp->st.prepared) {
		proto_error(&cp->link, f, -EBUSY,
			    "an update is prepared: COMMIT or ABORT it first");
		return;
	}
	total = get_le32(f->payload);
	have = f->len - 4u;
	if (total > CP_MAX_ENV || have > total) {
		proto_error(&cp->link, f, -EFBIG,
			    "BEGIN: envelope larger than the co-processor accepts");
		return;
	}
	/* in progress: a retransmitted BEGIN is ignored, not run twice */
	cp->link.last_req_seq = f->seq;
	cp->link.last_req_type = f->type;
	cp->link.last_resp_len = 0;
	memcpy(env, f->payload + 4, have);
	/* the rest of a large envelope: FETCH with the empty URI */
	while (have < total) {
		ret = fetch_chunk(cp, "", 0, have, env + have, total - have, &n);
		if (!ret && !n)
			ret = -EIO;
		if (ret) {
			proto_error(&cp->link, f, ret,
				    "BEGIN: envelope transfer failed");
			return;
		}
		have += n;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		proto_error(&cp->link, f, -ENOMEM, "out of memory");
		return;
	}
	cp->wslot = -1;
	cp->wdone = false;
	cp->rslot = -1;
	memset(&res, 0, sizeof(res));
	suit_processor_init(p, &plat);
	ret = suit_process(p, env, total, SUIT_PROC_UPDATE, &res);
	free(p);
	if (!ret) {
		put_le64(out, cp->st.pending_seq);
		memcpy(out + 8, cp->st.pending_digest, 32);
		fprintf(stderr, "suit-coproc: prepared sequence %llu in slot %u\n",
			(unsigned long long)cp->st.pending_seq, cp->st.pending_slot);
		proto_respond(&cp->link, f, MSG_PREPARED, out, 40);
		return;
	}
	why = suit_reason_name(res.reason);
	fprintf(stderr, "suit-coproc: rejected: %s (%s)\n", why, strerror(-ret));
	put_le32(out, (uint32_t)res.reason);
	put_le32(out + 4, (uint32_t)ret);
	n = strlen(why) < 64 ? strlen(why) : 64;
	memcpy(out + 8, why, n);
	proto_respond(&cp->link, f, MSG_FAILED, out, 8 + n);
}

static void do_commit(struct coproc *cp, const struct proto_frame *f)
{
	struct cp_state s = cp->st;
	uint64_t seq;

	if (f->len != 8) {
		proto_error(&cp->link, f, -EBADMSG, "COMMIT: bad payload");
		return;
	}
	seq = get_le64(f->payload);
	if (s.prepared && s.pending_seq == seq) {
		s.active = s.pending_slot;
		s.sequence = seq;
		s.prepared = false;
		if (state_store(cp, &s)) {
			proto_error(&cp->link, f, -EIO, "COMMIT: flash error");
			return;
		}
		fprintf(stderr, "suit-coproc: committed sequence %llu, slot %u\n",
			(unsigned long long)seq, s.active);
	} else if (s.prepared || s.sequence != seq) {
		proto_error(&cp->link, f, -ESTALE,
			    "COMMIT: no prepared update with this sequence");
		return;
	}
	/* (already committed: a repeat after a restart, answer the same) */
	send_info(cp, f, MSG_STATUS_R);
}

static void do_abort(struct coproc *cp, const struct proto_frame *f)
{
	struct cp_state s = cp->st;

	if (f->len != 8) {
		proto_error(&cp->link, f, -EBADMSG, "ABORT: bad payload");
		return;
	}
	if (s.prepared) {
		if (get_le64(f->payload) != s.pending_seq) {
			proto_error(&cp->link, f, -ESTALE,
				    "ABORT: no prepared update with this sequence");
			return;
		}
		s.prepared = false;
		s.valid &= ~(1u << s.pending_slot);
		s.size[s.pending_slot] = 0;
		if (state_store(cp, &s)) {
			proto_error(&cp->link, f, -EIO, "ABORT: flash error");
			return;
		}
		fprintf(stderr, "suit-coproc: aborted sequence %llu\n",
			(unsigned long long)get_le64(f->payload));
	}
	send_info(cp, f, MSG_STATUS_R);
}

static int serve(struct coproc *cp)
{
	static struct proto_frame f;
	int ret;

	for (;;) {
		ret = proto_recv(&cp->link, &f, -1);
		if (ret == -EIO)
			return 0;	/* line gone */
		if (ret)
			continue;
		if (f.type & PROTO_RESP)
			continue;	/* stale response */
		if (f.type == MSG_HELLO) {
			cp->link.session = f.session;
			cp->link.last_req_seq = -1;
			cp->link.last_resp_len = 0;
			send_info(cp, &f, MSG_INFO);
			continue;
		}
		if (!cp->link.session || f.session != cp->link.session) {
			fprintf(stderr, "suit-coproc: request 0x%02x outside the session ignored\n",
				f.type);
			continue;
		}
		if (proto_duplicate(&cp->link, &f))
			continue;
		switch (f.type) {
		case MSG_BEGIN:
			do_begin(cp, &f);
			break;
		case MSG_COMMIT:
			do_commit(cp, &f);
			break;
		case MSG_ABORT:
			do_abort(cp, &f);
			break;
		case MSG_STATUS:
			send_info(cp, &f, MSG_STATUS_R);
			break;
		default:
			proto_error(&cp->link, &f, -EOPNOTSUPP,
				    "unknown request type");
		}
	}
}

/* --- offline commands ----------------------------------------------- */

static int do_format(struct coproc *cp, const char *image)
{
	static uint8_t buf[CP_SLOT_SIZE];
	struct cp_state s;
	FILE *f = fopen(image, "rb");
	size_t n;

	if (!f) {
		fprintf(stderr, "suit-coproc: %s: %s\n", image, strerror(errno));
		return 2;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (!feof(f)) {
		fprintf(stderr, "suit-coproc: %s: larger than a slot (%d)\n",
			image, CP_SLOT_SIZE);
		fclose(f);
		return 2;
	}
	fclose(f);
	if (ftruncate(cp->fd, 0) || ftruncate(cp->fd, CP_FLASH_SIZE) ||
	    flash_erase(cp->fd, 0, CP_FLASH_SIZE) ||
	    flash_write(cp->fd, CP_SLOT_OFF(0), buf, n))
		return 2;
	memset(&s, 0, sizeof(s));
	s.valid = 1;
	s.size[0] = n;
	cp->rec.newest = -1;
	cp->rec.gen = 0;
	return state_store(cp, &s) ? 2 : 0;
}

static int do_status(struct coproc *cp)
{
	struct proto_info in;
	char a[65], p[65];

	fill_info(cp, &in);
	hex_str(in.active_digest, 32, a);
	hex_str(in.pending_digest, 32, p);
	printf("seq=%llu active=%u valid=%u state=%s pending-seq=%llu active-sha256=%s pending-sha256=%s gen=%llu\n",
	       (unsigned long long)in.sequence, in.active, in.valid,
	       in.prepared ? "prepared" : "idle",
	       (unsigned long long)in.pending_seq, a, p,
	       (unsigned long long)cp->rec.gen);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: suit-coproc --flash FILE --format --image FILE\n"
		"       suit-coproc --flash FILE --status\n"
		"       suit-coproc --flash FILE (--tty PATH | --fd N) --trust KEY...\n"
		"                   --vendor HEX --class HEX [--component HEX]\n"
		"                   [--cut-after N [--torn]] [--drop-every N] [--timeout MS]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "flash", 1, NULL, 'f' }, { "format", 0, NULL, 'F' },
		{ "image", 1, NULL, 'i' }, { "status", 0, NULL, 's' },
		{ "tty", 1, NULL, 't' }, { "fd", 1, NULL, 'd' },
		{ "trust", 1, NULL, 'k' }, { "vendor", 1, NULL, 'V' },
		{ "class", 1, NULL, 'C' }, { "component", 1, NULL, 'c' },
		{ "cut-after", 1, NULL, 'x' }, { "torn", 0, NULL, 'T' },
		{ "drop-every", 1, NULL, 'D' }, { "timeout", 1, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	static struct coproc cp;
	const char *flash = NULL, *image = NULL, *tty = NULL, *env;
	bool format = false, status = false, torn = false, have_v = false,
	     have_c = false;
	struct suit_keystore *ks = suit_keystore_new();
	long cut = 0, drop = 0;
	int o, line = -1, ret, tmo = 0;
	size_t n;

	if (!ks)
		return 2;
	cp.comp_id[0] = 0x81;	/* [h'00'] */
	cp.comp_id[1] = 0x41;
	cp.comp_id[2] = 0x00;
	cp.comp_id_len = 3;
	env = getenv("SUIT_COPROC_CUT_AFTER");
	if (env)
		cut = atol(env);
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'f':
			flash = optarg;
			break;
		case 'F':
			format = true;
			break;
		case 'i':
			image = optarg;
			break;
		case 's':
			status = true;
			break;
		case 't':
			tty = optarg;
			break;
		case 'd':
			line = atoi(optarg);
			break;
		case 'k':
			if (suit_keystore_add_file(ks, optarg) <= 0) {
				fprintf(stderr, "suit-coproc: %s: not a usable key\n",
					optarg);
				return 2;
			}
			break;
		case 'V':
			if (hex_decode(optarg, cp.vendor, 16, &n) || n != 16)
				goto bad;
			have_v = true;
			break;
		case 'C':
			if (hex_decode(optarg, cp.class_id, 16, &n) || n != 16)
				goto bad;
			have_c = true;
			break;
		case 'c':
			if (hex_decode(optarg, cp.comp_id, sizeof(cp.comp_id),
				       &cp.comp_id_len))
				goto bad;
			break;
		case 'x':
			cut = atol(optarg);
			break;
		case 'T':
			torn = true;
			break;
		case 'D':
			drop = atol(optarg);
			break;
		case 'm':
			tmo = atoi(optarg);
			break;
		default:
			goto bad;
		}
	}
	if (!flash || optind != argc)
		goto bad;
	cp.fd = open(flash, O_RDWR | (format ? O_CREAT : 0), 0644);
	if (cp.fd < 0) {
		fprintf(stderr, "suit-coproc: %s: %s\n", flash, strerror(errno));
		return 2;
	}
	cp.ossl.keys = ks;
	cp.wslot = -1;
	cp.rslot = -1;
	if (state_load(&cp)) {
		fprintf(stderr, "suit-coproc: %s: unreadable\n", flash);
		return 2;
	}
	if (format) {
		if (!image)
			goto bad;
		return do_format(&cp, image);
	}
	if (status)
		return do_status(&cp);
	if ((!tty && line < 0) || !have_v || !have_c ||
	    !suit_keystore_count(ks))
		goto bad;
	if (tty) {
		line = open(tty, O_RDWR | O_NOCTTY);
		if (line < 0) {
			fprintf(stderr, "suit-coproc: %s: %s\n", tty,
				strerror(errno));
			return 2;
		}
	}
	ret = proto_tty_raw(line);
	if (ret) {
		fprintf(stderr, "suit-coproc: tty: %s\n", strerror(-ret));
		return 2;
	}
	proto_link_init(&cp.link, line, "suit-coproc");
	cp.link.drop_every = (unsigned int)drop;
	if (tmo > 0)
		cp.link.timeout_ms = tmo;
	suit_ossl_fill_ops(&cp_ops);
	flash_cut_setup(cut, torn, "suit-coproc");
	return serve(&cp);
bad:
	usage();
	return 2;
}
