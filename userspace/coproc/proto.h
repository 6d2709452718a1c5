/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The serial protocol between the main CPU and a co-processor on another
 * bus (a UART; a pty in the tests). See Documentation/device-classes.rst.
 *
 * Frame (little endian), no byte stuffing:
 *
 *   0  u8  0xA5          SOF, first byte
 *   1  u8  0x5A          SOF, second byte
 *   2  u8  type          message type; bit 7 set on responses
 *   3  u8  flags         0
 *   4  u16 seq           request sequence number; a response echoes it
 *   6  u16 session       chosen by the main side in HELLO
 *   8  u16 len           payload length, at most PROTO_MAX_PAYLOAD
 *  10  ... payload
 *  10+len u32 crc32      CRC-32 (IEEE) of bytes 2 .. 10+len-1
 *
 * A receiver that sees a bad length or CRC drops the first SOF byte and
 * hunts for the next SOF, so it resynchronises after line noise or a
 * peer that died in the middle of a frame.
 */
#ifndef SUIT_COPROC_PROTO_H
#define SUIT_COPROC_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROTO_SOF0		0xA5
#define PROTO_SOF1		0x5A
#define PROTO_HDR_LEN		10
#define PROTO_MAX_PAYLOAD	4096
#define PROTO_MAX_FRAME		(PROTO_HDR_LEN + PROTO_MAX_PAYLOAD + 4)
#define PROTO_RESP		0x80

/* Requests from the main side to the co-processor. */
#define MSG_HELLO	0x01	/* -> MSG_INFO */
#define MSG_BEGIN	0x02	/* u32 total, envelope head -> PREPARED or FAILED */
#define MSG_COMMIT	0x03	/* u64 sequence -> MSG_STATUS_R */
#define MSG_ABORT	0x04	/* u64 sequence -> MSG_STATUS_R */
#define MSG_STATUS	0x05	/* -> MSG_STATUS_R */
/* Requests from the co-processor to the main side. */
#define MSG_FETCH	0x10	/* u64 offset, u32 size, uri -> MSG_DATA;
				 * the empty uri is the envelope of BEGIN */
/* Responses. */
#define MSG_INFO	0x81
#define MSG_PREPARED	0x82	/* u64 sequence, u8 digest[32] */
#define MSG_FAILED	0x83	/* s32 reason, s32 errno, text */
#define MSG_STATUS_R	0x85
#define MSG_DATA	0x90	/* u64 offset, bytes (none: end of data) */
#define MSG_ERROR	0xFF	/* s32 errno, text */

/* Largest DATA chunk: payload minus its offset field. */
#define PROTO_DATA_MAX		1024

/**
 * struct proto_frame - one decoded frame
 * @type: message type
 * @seq: sequence number
 * @session: session id
 * @len: payload length
 * @payload: payload bytes
 */
struct proto_frame {
	uint8_t type;
	uint16_t seq;
	uint16_t session;
	uint16_t len;
	uint8_t payload[PROTO_MAX_PAYLOAD];
};

/**
 * struct proto_rx - bounded receive buffer and frame parser
 * @buf: bytes received and not yet consumed
 * @n: bytes in @buf
 * @bad: frames rejected so far (bad length or CRC)
 */
struct proto_rx {
	uint8_t buf[PROTO_MAX_FRAME];
	size_t n;
	unsigned long bad;
};

/* Info / status payload (MSG_INFO, MSG_STATUS_R), see proto_info_*(). */
#define PROTO_INFO_LEN	104

/**
 * struct proto_info - what the co-processor reports about itself
 * @sequence: highest committed manifest sequence number
 * @active: active slot (0 or 1)
 * @valid: bit s set when slot s holds a verified image
 * @prepared: true when an update is installed and verified in the other
 *	slot and waits for COMMIT or ABORT
 * @pending_seq: sequence number of the prepared update
 * @size: image bytes in each slot
 * @active_digest: SHA-256 of the active slot's image
 * @pending_digest: SHA-256 of the prepared image
 */
struct proto_info {
	uint64_t sequence;
	uint8_t active;
	uint8_t valid;
	bool prepared;
	uint64_t pending_seq;
	uint64_t size[2];
	uint8_t active_digest[32];
	uint8_t pending_digest[32];
};

uint32_t proto_crc32(uint32_t crc, const uint8_t *p, size_t len);

size_t proto_encode(uint8_t *out, size_t cap, uint8_t type, uint16_t seq,
		    uint16_t session, const uint8_t *payload, size_t len);
int proto_rx_take(struct proto_rx *rx, struct proto_frame *f,
		  const char **why);
int proto_rx_push(struct proto_rx *rx, const uint8_t *p, size_t len);

void proto_info_encode(const struct proto_info *in, uint8_t *out);
int proto_info_decode(const uint8_t *p, size_t len, struct proto_info *in);

void put_le16(uint8_t *p, uint16_t v);
void put_le32(uint8_t *p, uint32_t v);
void put_le64(uint8_t *p, uint64_t v);
uint16_t get_le16(const uint8_t *p);
uint32_t get_le32(const uint8_t *p);
uint64_t get_le64(const uint8_t *p);

/**
 * struct proto_link - one end of the serial line
 * @fd: the tty file descriptor
 * @rx: receive parser
 * @session: current session id (0: none yet)
 * @next_seq: sequence number of our next request
 * @timeout_ms: time to wait for a response before retransmitting
 * @retries: retransmissions before giving up
 * @drop_every: test hook: drop every Nth frame we send (0: never)
 * @sent: frames sent (counts dropped ones)
 * @retransmits: retransmissions so far
 * @name: prefix for messages on stderr
 * @last_req_seq: seq of the last request we answered (duplicate detection)
 * @last_req_type: its type
 * @last_resp: the response we sent to it (re-sent for a duplicate)
 * @last_resp_len: its length, 0 for none
 */
struct proto_link {
	int fd;
	struct proto_rx rx;
	uint16_t session;
	uint16_t next_seq;
	int timeout_ms;
	int retries;
	unsigned int drop_every;
	unsigned long sent;
	unsigned long retransmits;
	const char *name;
	int last_req_seq;
	uint8_t last_req_type;
	uint8_t last_resp[PROTO_MAX_FRAME];
	size_t last_resp_len;
};

/*
 * Called by proto_call() for every request frame from the peer that
 * arrives while we wait for our response; it may answer with
 * proto_respond().
 */
typedef void (*proto_req_fn)(struct proto_link *l, const struct proto_frame *f,
			     void *arg);

void proto_link_init(struct proto_link *l, int fd, const char *name);
int proto_tty_raw(int fd);
int proto_send(struct proto_link *l, uint8_t type, uint16_t seq,
	       const uint8_t *payload, size_t len);
int proto_respond(struct proto_link *l, const struct proto_frame *req,
		  uint8_t type, const uint8_t *payload, size_t len);
bool proto_duplicate(struct proto_link *l, const struct proto_frame *req);
int proto_recv(struct proto_link *l, struct proto_frame *f, int timeout_ms);
int proto_call(struct proto_link *l, uint8_t type, const uint8_t *payload,
	       size_t len, struct proto_frame *resp, int timeout_ms,
	       proto_req_fn on_req, void *arg);
int proto_error(struct proto_link *l, const struct proto_frame *req, int err,
		const char *msg);

#endif /* SUIT_COPROC_PROTO_H */
