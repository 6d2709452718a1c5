// SPDX-License-Identifier: GPL-2.0-only
/*
 * Framing, CRC-32, request/response with retransmission for the
 * co-processor serial line. Format in proto.h.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "proto.h"

void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t get_le32(const uint8_t *p)
{
	return get_le16(p) | (uint32_t)get_le16(p + 2) << 16;
}

uint64_t get_le64(const uint8_t *p)
{
	return get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

/**
 * proto_crc32() - CRC-32 (IEEE 802.3, reflected, as zlib's crc32())
 * @crc: previous value (0 to start)
 * @p: data
 * @len: its length
 *
 * Return: the updated CRC.
 */
uint32_t proto_crc32(uint32_t crc, const uint8_t *p, size_t len)
{
	int k;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320U & -(crc & 1));
	}
	return ~crc;
}

/**
 * proto_encode() - build one frame
 * @out: output buffer
 * @cap: its size
 * @type: message type
 * @seq: sequence number
 * @session: session id
 * @payload: payload bytes
 * @len: payload length
 *
 * Return: frame length, or 0 if @len is too large or @cap too small.
 */
size_t proto_encode(uint8_t *out, size_t cap, uint8_t type, uint16_t seq,
		    uint16_t session, const uint8_t *payload, size_t len)
{
	size_t n = PROTO_HDR_LEN + len + 4;

	if (len > PROTO_MAX_PAYLOAD || cap < n)
		return 0;
	out[0] = PROTO_SOF0;
	out[1] = PROTO_SOF1;
	out[2] = type;
	out[3] = 0;
	put_le16(out + 4, seq);
	put_le16(out + 6, session);
	put_le16(out + 8, (uint16_t)len);
	if (len)
		memcpy(out + PROTO_HDR_LEN, payload, len);
	put_le32(out + PROTO_HDR_LEN + len,
		 proto_crc32(0, out + 2, PROTO_HDR_LEN - 2 + len));
	return n;
}

/**
 * proto_rx_push() - append received bytes to the parser
 * @rx: parser
 * @p: bytes
 * @len: count
 *
 * Return: 0, or -ENOBUFS if they do not fit (take frames first).
 */
int proto_rx_push(struct proto_rx *rx, const uint8_t *p, size_t len)
{
	if (len > sizeof(rx->buf) - rx->n)
		return -ENOBUFS;
	memcpy(rx->buf + rx->n, p, len);
	rx->n += len;
	return 0;
}

static void rx_drop(struct proto_rx *rx, size_t k)
{
	memmove(rx->buf, rx->buf + k, rx->n - k);
	rx->n -= k;
}

/**
 * proto_rx_take() - take the next complete frame out of the parser
 * @rx: parser
 * @f: the frame, on success
 * @why: on -EBADMSG, a description of what was wrong
 *
 * Garbage before a SOF is skipped silently. A frame with a length above
 * PROTO_MAX_PAYLOAD, a nonzero flags byte or a bad CRC is rejected: its
 * first byte is dropped (so the parser resynchronises on the next SOF)
 * and -EBADMSG returned; call again for the next frame.
 *
 * Return: 0 with a frame, -EAGAIN if more bytes are needed, -EBADMSG.
 */
int proto_rx_take(struct proto_rx *rx, struct proto_frame *f,
		  const char **why)
{
	size_t i, len;
	uint32_t crc;

	for (i = 0; i < rx->n; i++)
		if (rx->buf[i] == PROTO_SOF0 &&
		    (i + 1 == rx->n || rx->buf[i + 1] == PROTO_SOF1))
			break;
	if (i)
		rx_drop(rx, i);
	if (rx->n < PROTO_HDR_LEN)
		return -EAGAIN;
	len = get_le16(rx->buf + 8);
	if (len > PROTO_MAX_PAYLOAD || rx->buf[3] != 0) {
		*why = len > PROTO_MAX_PAYLOAD ? "length above maximum" :
		       "nonzero flags";
		goto bad;
	}
	if (rx->n < PROTO_HDR_LEN + len + 4)
		return -EAGAIN;
	crc = proto_crc32(0, rx->buf + 2, PROTO_HDR_LEN - 2 + len);
	if (crc != get_le32(rx->buf + PROTO_HDR_LEN + len)) {
		*why = "CRC mismatch";
		goto bad;
	}
	f->type = rx->buf[2];
	f->seq = get_le16(rx->buf + 4);
	f->session = get_le16(rx->buf + 6);
	f->len = (uint16_t)len;
	memcpy(f->payload, rx->buf + PROTO_HDR_LEN, len);
	rx_drop(rx, PROTO_HDR_LEN + len + 4);
	return 0;
bad:
	rx->bad++;
	rx_drop(rx, 1);
	return -EBADMSG;
}

/**
 * proto_info_encode() - encode struct proto_info (PROTO_INFO_LEN bytes)
 * @in: the info
 * @out: PROTO_INFO_LEN bytes
 */
void proto_info_encode(const struct proto_info *in, uint8_t *out)
{
	memset(out, 0, PROTO_INFO_LEN);
	put_le64(out, in->sequence);
	out[8] = in->active;
	out[9] = in->valid;
	out[10] = in->prepared;
	put_le64(out + 16, in->pending_seq);
	put_le64(out + 24, in->size[0]);
	put_le64(out + 32, in->size[1]);
	memcpy(out + 40, in->active_digest, 32);
	memcpy(out + 72, in->pending_digest, 32);
}

/**
 * proto_info_decode() - decode an info / status payload
 * @p: payload
 * @len: its length
 * @in: result
 *
 * Return: 0, or -EBADMSG if it is not a well-formed info payload.
 */
int proto_info_decode(const uint8_t *p, size_t len, struct proto_info *in)
{
	if (len != PROTO_INFO_LEN || p[8] > 1 || p[9] > 3 || p[10] > 1)
		return -EBADMSG;
	memset(in, 0, sizeof(*in));
	in->sequence = get_le64(p);
	in->active = p[8];
	in->valid = p[9];
	in->prepared = p[10];
	in->pending_seq = get_le64(p + 16);
	in->size[0] = get_le64(p + 24);
	in->size[1] = get_le64(p + 32);
	memcpy(in->active_digest, p + 40, 32);
	memcpy(in->pending_digest, p + 72, 32);
	return 0;
}

/**
 * proto_link_init() - set up one end of the line
 * @l: the link
 * @fd: tty file descriptor (raw mode, see proto_tty_raw())
 * @name: prefix for diagnostics
 */
void proto_link_init(struct proto_link *l, int fd, const char *name)
{
	memset(l, 0, sizeof(*l));
	l->fd = fd;
	l->name = name;
	l->timeout_ms = 400;
	l->retries = 5;
	l->last_req_seq = -1;
	l->next_seq = 1;
}

/**
 * proto_tty_raw() - put a tty in raw 8-bit mode and drop stale input
 * @fd: the tty
 *
 * Return: 0 or -errno (not a tty is not an error: pipes work too).
 */
int proto_tty_raw(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &t))
		return errno == ENOTTY ? 0 : -errno;
	cfmakeraw(&t);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &t))
		return -errno;
	tcflush(fd, TCIFLUSH);
	return 0;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_raw(struct proto_link *l, const uint8_t *frame, size_t n)
{
	l->sent++;
	if (l->drop_every && l->sent % l->drop_every == 0)
		return 0;	/* test hook: the line lost this frame */
	return write_all(l->fd, frame, n);
}

/**
 * proto_send() - send one frame with the link's session
 * @l: the link
 * @type: message type
 * @seq: sequence number
 * @payload: payload
 * @len: its length (at most PROTO_MAX_PAYLOAD)
 *
 * Return: 0 or -errno.
 */
int proto_send(struct proto_link *l, uint8_t type, uint16_t seq,
	       const uint8_t *payload, size_t len)
{
	uint8_t frame[PROTO_MAX_FRAME];
	size_t n = proto_encode(frame, sizeof(frame), type, seq, l->session,
				payload, len);

	if (!n)
		return -EMSGSIZE;
	return send_raw(l, frame, n);
}

/**
 * proto_respond() - answer a request, remembering the answer
 * @l: the link
 * @req: the request
 * @type: response type
 * @payload: payload
 * @len: its length
 *
 * A retransmitted copy of @req (same type, seq and session) is answered
 * again with the same bytes by proto_duplicate(), without running the
 * request twice.
 *
 * Return: 0 or -errno.
 */
int proto_respond(struct proto_link *l, const struct proto_frame *req,
		  uint8_t type, const uint8_t *payload, size_t len)
{
	size_t n = proto_encode(l->last_resp, sizeof(l->last_resp), type,
				req->seq, l->session, payload, len);

	if (!n)
		return -EMSGSIZE;
	l->last_req_seq = req->seq;
	l->last_req_type = req->type;
	l->last_resp_len = n;
	return send_raw(l, l->last_resp, n);
}

/**
 * proto_error() - answer a request with MSG_ERROR
 * @l: the link
 * @req: the request
 * @err: negative errno
 * @msg: text for the peer's diagnostics
 *
 * Return: 0 or -errno.
 */
int proto_error(struct proto_link *l, const struct proto_frame *req, int err,
		const char *msg)
{
	uint8_t p[128];
	size_t n = strlen(msg);

	if (n > sizeof(p) - 4)
		n = sizeof(p) - 4;
	put_le32(p, (uint32_t)err);
	memcpy(p + 4, msg, n);
	return proto_respond(l, req, MSG_ERROR, p, n + 4);
}

/**
 * proto_duplicate() - handle a retransmitted request
 * @l: the link
 * @req: a request frame
 *
 * If @req repeats the last request we took (same type, seq, session), send
 * the stored response again (or nothing while it is still being handled).
 *
 * Return: true if @req was a duplicate and has been dealt with.
 */
bool proto_duplicate(struct proto_link *l, const struct proto_frame *req)
{
	if (req->seq != l->last_req_seq || req->type != l->last_req_type ||
	    req->session != l->session)
		return false;
	if (l->last_resp_len)
		send_raw(l, l->last_resp, l->last_resp_len);
	return true;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/**
 * proto_recv() - wait for the next good frame
 * @l: the link
 * @f: the frame
 * @timeout_ms: how long to wait; negative: forever
 *
 * Rejected frames are reported on stderr and skipped.
 *
 * Return: 0, -ETIMEDOUT, or -EIO when the line is gone (peer hung up).
 */
int proto_recv(struct proto_link *l, struct proto_frame *f, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
	uint8_t tmp[512];
	const char *why = "";
	size_t room;
	ssize_t r;
	int ret, wait;

	for (;;) {
		ret = proto_rx_take(&l->rx, f, &why);
		if (!ret)
			return 0;
		if (ret == -EBADMSG) {
			fprintf(stderr, "%s: rejected frame: %s\n", l->name, why);
			continue;
		}
		wait = -1;
		if (timeout_ms >= 0) {
			wait = (int)(end - now_ms());
			if (wait <= 0)
				return -ETIMEDOUT;
		}
		ret = poll(&pfd, 1, wait);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -EIO;
		if (ret == 0)
			return -ETIMEDOUT;
		room = sizeof(l->rx.buf) - l->rx.n;
		if (room > sizeof(tmp))
			room = sizeof(tmp);
		r = read(l->fd, tmp, room);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			return -EIO;
		proto_rx_push(&l->rx, tmp, (size_t)r);
	}
}

/**
 * proto_call() - send a request and wait for its response
 * @l: the link
 * @type: request type
 * @payload: payload
 * @len: its length
 * @resp: the response
 * @timeout_ms: time per attempt (0: the link's default); every request
 *	from the peer that arrives meanwhile restarts it (the peer is alive
 *	and working on our request)
 * @on_req: called for requests from the peer meanwhile (may be NULL)
 * @arg: passed to @on_req
 *
 * The request is sent again, with the same sequence number, after each
 * timeout, at most @l->retries times.
 *
 * Return: 0 with @resp filled, -ETIMEDOUT, -EIO.
 */
int proto_call(struct proto_link *l, uint8_t type, const uint8_t *payload,
	       size_t len, struct proto_frame *resp, int timeout_ms,
	       proto_req_fn on_req, void *arg)
{
	uint16_t seq = l->next_seq++;
	int tries = 0, ret;

	if (!timeout_ms)
		timeout_ms = l->timeout_ms;
	ret = proto_send(l, type, seq, payload, len);
	if (ret)
		return ret;
	for (;;) {
		ret = proto_recv(l, resp, timeout_ms);
		if (ret == -ETIMEDOUT) {
			if (tries++ >= l->retries)
				return -ETIMEDOUT;
			l->retransmits++;
			ret = proto_send(l, type, seq, payload, len);
			if (ret)
				return ret;
			continue;
		}
		if (ret)
			return ret;
		if (!(resp->type & PROTO_RESP)) {
			if (on_req)
				on_req(l, resp, arg);
			continue;
		}
		if (resp->seq == seq && resp->session == l->session)
			return 0;
		/* a stale response to an earlier attempt: ignore */
	}
}
