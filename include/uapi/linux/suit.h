/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note OR BSD-2-Clause */
/*
 * Userspace API of /dev/suit, the SUIT (RFC 9019, draft-ietf-suit-manifest)
 * firmware update service of suit.ko.
 *
 * Protocol, one install session per open file description:
 *
 *  1. SUIT_IOC_SUBMIT hands the kernel a SUIT envelope; the kernel copies it
 *     and starts processing it in a kernel thread; the ioctl returns at once.
 *  2. Whenever the manifest fetches a payload, the kernel posts a
 *     %SUIT_EVENT_FETCH event (URI, expected size). Userspace gets events by
 *     read() of exactly sizeof(struct suit_ioc_event) bytes, or by
 *     SUIT_IOC_GET_EVENT; poll() reports POLLIN while an event is pending.
 *  3. Userspace answers with the payload bytes by write(), in chunks of any
 *     size; poll() reports POLLOUT while the kernel accepts bytes. The kernel
 *     hashes (and decrypts) the bytes and writes them to flash as they
 *     arrive, through a bounded buffer of SUIT_IOC_INFO.max_chunk bytes:
 *     write() blocks (or fails with -EAGAIN under O_NONBLOCK) while it is
 *     full. An empty write() or SUIT_IOC_FETCH_END ends the fetch;
 *     SUIT_IOC_FETCH_FAIL fails it with an errno.
 *  4. When processing ends, the kernel posts a %SUIT_EVENT_DONE event.
 *     SUIT_IOC_GET_RESULT and SUIT_IOC_GET_REPORT then tell why it ended.
 *
 * close() of the file (or SUIT_IOC_CANCEL) stops the processing thread and
 * aborts: nothing is committed. A single-threaded client using poll() can
 * drive a whole session.
 *
 * Every structure has fixed-width fields, no implicit padding, __u64 user
 * pointers, and reserved fields that must be zero on input (the kernel
 * rejects non-zero ones with -EINVAL, so that they can gain a meaning later)
 * and are zero on output.
 */
#ifndef _UAPI_LINUX_SUIT_H
#define _UAPI_LINUX_SUIT_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* ioctl magic; 0xB9 is unused in Documentation/userspace-api/ioctl/ioctl-number.rst */
#define SUIT_IOC_MAGIC		0xB9

/* Version of this interface reported by SUIT_IOC_GET_INFO. */
#define SUIT_IOC_ABI_VERSION	1

/* Largest envelope SUIT_IOC_SUBMIT accepts, in bytes (1 MiB). */
#define SUIT_ENVELOPE_MAX	(1024U * 1024U)

/* Largest URI a fetch event carries, including the terminating NUL. */
#define SUIT_URI_MAX		256

/* Largest nonce SUIT_IOC_GET_REPORT puts in a report, in bytes. */
#define SUIT_NONCE_MAX		64

/* Length of an RFC 9562 UUID. */
#define SUIT_IOC_UUID_LEN	16

/* struct suit_ioc_submit.flags: the procedures to run (at least one). */
#define SUIT_SUBMIT_UPDATE	0x1	/* dependency resolution .. install, validate */
#define SUIT_SUBMIT_INVOKE	0x2	/* validate, load, invoke */
#define SUIT_SUBMIT_PROCS	(SUIT_SUBMIT_UPDATE | SUIT_SUBMIT_INVOKE)
/*
 * Option: the caller honours a non-zero &struct suit_ioc_event.offset
 * (it writes the resource from that byte on). Without it @offset is
 * always 0 and a resumed install is sent the resource from its start.
 */
#define SUIT_SUBMIT_FETCH_OFFSET 0x4
#define SUIT_SUBMIT_FLAGS	(SUIT_SUBMIT_PROCS | SUIT_SUBMIT_FETCH_OFFSET)

/**
 * struct suit_ioc_submit - argument of SUIT_IOC_SUBMIT
 * @envelope: user pointer to the SUIT_Envelope (CBOR, tag 107 optional)
 * @envelope_len: its length in bytes, 1 .. %SUIT_ENVELOPE_MAX
 * @flags: %SUIT_SUBMIT_UPDATE and/or %SUIT_SUBMIT_INVOKE, optionally
 *	%SUIT_SUBMIT_FETCH_OFFSET
 * @reserved: must be zero
 */
struct suit_ioc_submit {
	__u64 envelope;
	__u32 envelope_len;
	__u32 flags;
	__u64 reserved[2];
};

/**
 * enum suit_ioc_state - where a session is
 * @SUIT_STATE_IDLE: nothing submitted on this file yet
 * @SUIT_STATE_RUNNING: processing; no fetch is waiting for bytes
 * @SUIT_STATE_FETCHING: processing and waiting for payload bytes (write())
 * @SUIT_STATE_DONE: processing finished and succeeded (committed)
 * @SUIT_STATE_FAILED: processing finished and failed, or was cancelled;
 *	nothing was committed
 */
enum suit_ioc_state {
	SUIT_STATE_IDLE = 0,
	SUIT_STATE_RUNNING = 1,
	SUIT_STATE_FETCHING = 2,
	SUIT_STATE_DONE = 3,
	SUIT_STATE_FAILED = 4,
};

/**
 * enum suit_ioc_event_type - kind of struct suit_ioc_event
 * @SUIT_EVENT_NONE: never delivered; the value of a zeroed record
 * @SUIT_EVENT_FETCH: the kernel wants the bytes of @uri; answer by write()
 * @SUIT_EVENT_DONE: processing ended; @error and @reason tell the outcome
 */
enum suit_ioc_event_type {
	SUIT_EVENT_NONE = 0,
	SUIT_EVENT_FETCH = 1,
	SUIT_EVENT_DONE = 2,
};

/**
 * struct suit_ioc_event - one record read() from /dev/suit
 * @type: an &enum suit_ioc_event_type
 * @fetch_id: %SUIT_EVENT_FETCH: number of this fetch in the session,
 *	counting from 1; %SUIT_EVENT_DONE: number of fetches made
 * @offset: %SUIT_EVENT_FETCH: byte offset in the resource at which the
 *	written bytes must start. Non-zero only for a submission made with
 *	%SUIT_SUBMIT_FETCH_OFFSET that resumes an interrupted in-place
 *	install: the first @offset bytes are already on flash (the kernel
 *	re-reads them to check the digest). @size stays the whole size.
 * @size: %SUIT_EVENT_FETCH: expected size in bytes (the manifest's
 *	image-size), 0 if unknown; writing more than a non-zero @size fails
 *	with -EFBIG
 * @component: %SUIT_EVENT_FETCH: index of the component in the manifest
 * @uri_len: %SUIT_EVENT_FETCH: length of @uri without the NUL
 * @error: %SUIT_EVENT_DONE: 0, or the negative errno behind the failure
 * @reason: %SUIT_EVENT_DONE: SUIT_Report reason code (0 ok, 1 cbor-parse,
 *	2 cose-unsupported, 3 alg-unsupported, 4 unauthorised, 5
 *	command-unsupported, 6 component-unsupported, 7
 *	component-unauthorised, 8 parameter-unsupported, 9
 *	severing-unsupported, 10 condition-failed, 11 operation-failed, 12
 *	invoke-pending)
 * @args_len: %SUIT_EVENT_FETCH: length of the manifest's fetch arguments
 *	(suit-parameter-fetch-arguments, 25), 0 if none; read them with
 *	SUIT_IOC_GET_FETCH_ARGS. Zero in other events. (ABI 1 kernels before
 *	this field always wrote 0 here: to them it was @reserved.)
 * @reserved2: zero
 * @reserved: @args_len and @reserved2 as one field (the name of ABI 1)
 * @uri: %SUIT_EVENT_FETCH: the URI, NUL terminated (a longer URI fails the
 *	fetch in the kernel with -ENAMETOOLONG and is never posted)
 */
struct suit_ioc_event {
	__u32 type;
	__u32 fetch_id;
	__u64 offset;
	__u64 size;
	__u32 component;
	__u32 uri_len;
	__s32 error;
	__u32 reason;
	union {
		struct {
			__u32 args_len;
			__u32 reserved2;
		};
		__u64 reserved;
	};
	char uri[SUIT_URI_MAX];
};

/* Largest fetch arguments a fetch event announces (longer: the fetch fails
 * in the kernel with -E2BIG and is never posted).
 */
#define SUIT_FETCH_ARGS_MAX	1024

/**
 * struct suit_ioc_fetch_args - argument of SUIT_IOC_GET_FETCH_ARGS
 * @buf: user pointer to a buffer for the arguments
 * @len: in: size of @buf; out: length of the arguments (also when the
 *	ioctl fails with -ENOSPC)
 * @fetch_id: the fetch, as in its %SUIT_EVENT_FETCH event
 * @reserved: must be zero
 */
struct suit_ioc_fetch_args {
	__u64 buf;
	__u32 len;
	__u32 fetch_id;
	__u64 reserved;
};

/**
 * struct suit_ioc_fetch_fail - argument of SUIT_IOC_FETCH_FAIL
 * @fetch_id: the fetch to fail, as in its event
 * @error: positive errno explaining why (e.g. ENOENT, EIO), 1 .. 4095
 * @reserved: must be zero
 */
struct suit_ioc_fetch_fail {
	__u32 fetch_id;
	__s32 error;
	__u64 reserved;
};

/**
 * struct suit_ioc_progress - argument of SUIT_IOC_GET_PROGRESS
 * @state: an &enum suit_ioc_state
 * @section: manifest section running (SUIT_Record manifest-section key,
 *	e.g. 7 validate, 20 install), -1 before the first one
 * @command: SUIT command code running, 0 if none
 * @component: component index the command runs on
 * @done: payload bytes moved by the current fetch, copy or write
 * @total: bytes expected by it (image-size), 0 if unknown
 * @bytes_written: all payload bytes userspace has written in this session
 * @resumed: bytes of the current write kept on flash from an interrupted
 *	install of the same envelope (counted in @done), 0 if none
 * @reserved: zero
 */
struct suit_ioc_progress {
	__u32 state;
	__s32 section;
	__s32 command;
	__u32 component;
	__u64 done;
	__u64 total;
	__u64 bytes_written;
	__u64 resumed;
	__u64 reserved;
};

/**
 * struct suit_ioc_result - argument of SUIT_IOC_GET_RESULT
 * @state: %SUIT_STATE_DONE or %SUIT_STATE_FAILED
 * @reason: SUIT_Report reason code (see &struct suit_ioc_event.reason)
 * @error: 0, or the negative errno behind the failure; -ECANCELED when
 *	cancelled by SUIT_IOC_CANCEL
 * @section: manifest section of the failing command
 * @offset: byte offset of the failing command in that section
 * @component: component index the failing command ran on
 * @command: the failing command code, 0 if the failure is not a command's
 * @reserved0: zero
 * @sequence: the manifest's sequence number, when it was parsed
 * @reserved: zero
 */
struct suit_ioc_result {
	__u32 state;
	__u32 reason;
	__s32 error;
	__s32 section;
	__u32 offset;
	__u32 component;
	__s32 command;
	__u32 reserved0;
	__u64 sequence;
	__u64 reserved[2];
};

/**
 * struct suit_ioc_report - argument of SUIT_IOC_GET_REPORT
 * @buf: user pointer to the output buffer
 * @len: in: size of @buf; out: bytes of SUIT_Report CBOR written, or
 *	needed when the ioctl fails with -ENOSPC
 * @nonce_len: length of @nonce, 0 .. %SUIT_NONCE_MAX (0: no nonce)
 * @nonce: user pointer to a nonce to put in the report (suit-report-nonce)
 * @reserved: must be zero
 */
struct suit_ioc_report {
	__u64 buf;
	__u32 len;
	__u32 nonce_len;
	__u64 nonce;
	__u64 reserved;
};

/* struct suit_ioc_info.caps: what this kernel verifies and decrypts. */
#define SUIT_CAP_ES256		0x001	/* ES256 / ESP256, X.509 anchors */
#define SUIT_CAP_EDDSA		0x002	/* Ed25519 */
#define SUIT_CAP_HSS_LMS	0x004	/* HSS-LMS */
#define SUIT_CAP_HMAC256	0x008	/* COSE_Mac0 HMAC 256/256 */
#define SUIT_CAP_AES_KW		0x010	/* A128KW/A192KW/A256KW */
#define SUIT_CAP_ECDH_ES_KW	0x020	/* ECDH-ES+AxxxKW on P-256 */
#define SUIT_CAP_AES_GCM	0x040	/* A128GCM/A192GCM/A256GCM */
#define SUIT_CAP_AES_CTR	0x080	/* A128CTR/A192CTR/A256CTR */
#define SUIT_CAP_CHACHA20	0x100	/* ChaCha20/Poly1305 */
#define SUIT_CAP_MTD_NAND	0x200	/* NAND components, bad blocks skipped */
#define SUIT_CAP_FETCH_ARGS	0x400	/* fetch events carry args_len and
					 * SUIT_IOC_GET_FETCH_ARGS exists
					 */
#define SUIT_CAP_RESUME		0x800	/* in-place installs resume from a
					 * journal; SUIT_SUBMIT_FETCH_OFFSET
					 */

/* struct suit_ioc_info.flags */
#define SUIT_INFO_HAS_DEVICE_ID	0x1	/* @device_id is set */
#define SUIT_INFO_KEYRING_LOCKED 0x2	/* the .suit keyring is restricted */

/**
 * struct suit_ioc_info - argument of SUIT_IOC_GET_INFO
 * @abi_version: %SUIT_IOC_ABI_VERSION
 * @flags: %SUIT_INFO_* flags
 * @keyring: serial (key_serial_t) of the .suit keyring of trust anchors
 * @caps: %SUIT_CAP_* bits
 * @max_envelope: largest envelope SUIT_IOC_SUBMIT accepts
 * @max_chunk: size of the kernel's payload buffer; write() accepts at most
 *	this many bytes before it blocks
 * @num_components: number of components the device has
 * @sessions: number of /dev/suit files with a submission running
 * @vendor_id: vendor UUID (binary)
 * @class_id: class UUID (binary)
 * @device_id: device UUID (binary), zero unless %SUIT_INFO_HAS_DEVICE_ID
 * @sequence: highest root manifest sequence number accepted so far
 * @reserved: zero
 */
struct suit_ioc_info {
	__u32 abi_version;
	__u32 flags;
	__s32 keyring;
	__u32 caps;
	__u32 max_envelope;
	__u32 max_chunk;
	__u32 num_components;
	__u32 sessions;
	__u8 vendor_id[SUIT_IOC_UUID_LEN];
	__u8 class_id[SUIT_IOC_UUID_LEN];
	__u8 device_id[SUIT_IOC_UUID_LEN];
	__u64 sequence;
	__u64 reserved[4];
};

/*
 * Errors every ioctl may return: -ENOTTY for an unknown command, -EFAULT
 * for a bad user pointer, -EINVAL for a non-zero reserved field or an
 * unknown flag.
 */

/**
 * DOC: SUIT_IOC_GET_INFO
 *
 * Describe the device: identity, keyring, limits, capabilities.
 *
 * Context: any time, on any open /dev/suit file.
 *
 * Return: 0 and the struct filled, or -EFAULT.
 */
#define SUIT_IOC_GET_INFO	_IOR(SUIT_IOC_MAGIC, 0x00, struct suit_ioc_info)

/**
 * DOC: SUIT_IOC_SUBMIT
 *
 * Copy an envelope into the kernel and start processing it in a kernel
 * thread. Returns without waiting; follow the session with events.
 * A file may run one submission at a time; once it has ended (DONE or
 * FAILED) the same file may submit again, which discards the previous
 * result and report. The device's own state (installed images, sequence
 * numbers) changes only when a whole submission succeeds.
 *
 * Context: process context; the file must be open for writing (the node
 * is mode 0600, root only, by default).
 *
 * Return:
 * * 0 - processing started
 * * -EINVAL - @envelope_len is 0, @flags has no procedure or an unknown
 *   bit, or a reserved field is set
 * * -E2BIG - @envelope_len exceeds %SUIT_ENVELOPE_MAX
 * * -EBUSY - a submission is already running on this file
 * * -EFAULT - @envelope cannot be read
 * * -ENOMEM - no memory for the copy or the session
 * * -EBADF - the file is not open for writing
 * * -EINTR - interrupted while waiting for the session lock
 *
 * Errors found while processing (bad signature, no such component, another
 * session installing into the same component, ...) are not returned here:
 * they end the submission with %SUIT_STATE_FAILED, see SUIT_IOC_GET_RESULT.
 * In particular a component that another session is installing into fails
 * the submission with error -EBUSY (reason operation-failed).
 */
#define SUIT_IOC_SUBMIT		_IOW(SUIT_IOC_MAGIC, 0x01, struct suit_ioc_submit)

/**
 * DOC: SUIT_IOC_GET_EVENT
 *
 * Take the next pending event, like read() but never blocking.
 *
 * Context: process context.
 *
 * Return:
 * * 0 - an event was copied and consumed
 * * -EAGAIN - no event is pending
 * * -EFAULT - the argument cannot be written
 */
#define SUIT_IOC_GET_EVENT	_IOR(SUIT_IOC_MAGIC, 0x02, struct suit_ioc_event)

/**
 * DOC: SUIT_IOC_FETCH_END
 *
 * End the current fetch: userspace has written every byte. Same as an
 * empty write(). The kernel then checks the bytes it received (size,
 * digest as the manifest says).
 *
 * Context: process context, state %SUIT_STATE_FETCHING.
 *
 * Return:
 * * 0 - the fetch is ended
 * * -EPIPE - no fetch is accepting bytes (none requested, already ended, or
 *   processing stopped)
 */
#define SUIT_IOC_FETCH_END	_IO(SUIT_IOC_MAGIC, 0x03)

/**
 * DOC: SUIT_IOC_FETCH_FAIL
 *
 * Fail the current fetch with an errno, e.g. ENOENT when the URI is
 * unknown or EIO when the transport broke. The manifest command that
 * fetched then fails (a try-each may go on with its next alternative).
 *
 * Context: process context, state %SUIT_STATE_FETCHING.
 *
 * Return:
 * * 0 - the fetch failed as asked
 * * -EINVAL - @error is not 1..4095 or @reserved is set
 * * -ESTALE - @fetch_id is not the current fetch
 * * -EPIPE - no fetch is accepting bytes
 */
#define SUIT_IOC_FETCH_FAIL	_IOW(SUIT_IOC_MAGIC, 0x04, struct suit_ioc_fetch_fail)

/**
 * DOC: SUIT_IOC_GET_PROGRESS
 *
 * Where the session is: state, manifest section, command, component and
 * bytes moved.
 *
 * Context: any time.
 *
 * Return: 0, or -EFAULT.
 */
#define SUIT_IOC_GET_PROGRESS	_IOR(SUIT_IOC_MAGIC, 0x05, struct suit_ioc_progress)

/**
 * DOC: SUIT_IOC_GET_RESULT
 *
 * Why the last submission ended.
 *
 * Context: after the %SUIT_EVENT_DONE event.
 *
 * Return:
 * * 0 - the result was copied
 * * -ENODATA - nothing was submitted on this file
 * * -EBUSY - the submission is still running
 * * -EFAULT - the argument cannot be written
 */
#define SUIT_IOC_GET_RESULT	_IOR(SUIT_IOC_MAGIC, 0x06, struct suit_ioc_result)

/**
 * DOC: SUIT_IOC_GET_REPORT
 *
 * The SUIT_Report (draft-ietf-suit-report, CBOR) of the last submission,
 * unsigned; userspace may wrap it in COSE itself.
 *
 * Context: after the %SUIT_EVENT_DONE event.
 *
 * Return:
 * * 0 - @len bytes of report were written to @buf
 * * -ENOSPC - @buf is too small; @len holds the size needed
 * * -ENODATA - nothing was submitted on this file
 * * -EBUSY - the submission is still running
 * * -EINVAL - @nonce_len exceeds %SUIT_NONCE_MAX or @reserved is set
 * * -EFAULT - a pointer cannot be read or written
 * * -ENOMEM - no memory to encode the report
 */
#define SUIT_IOC_GET_REPORT	_IOWR(SUIT_IOC_MAGIC, 0x07, struct suit_ioc_report)

/**
 * DOC: SUIT_IOC_CANCEL
 *
 * Stop the running submission: the processing thread is stopped, every
 * write is discarded, nothing is committed; the submission ends with
 * %SUIT_STATE_FAILED, error -ECANCELED, and a %SUIT_EVENT_DONE event.
 * Waits until the thread has stopped.
 *
 * Context: process context.
 *
 * Return:
 * * 0 - cancelled (or it had ended already, which changes nothing)
 * * -ENODATA - nothing was submitted on this file
 */
#define SUIT_IOC_CANCEL		_IO(SUIT_IOC_MAGIC, 0x08)

/**
 * DOC: SUIT_IOC_GET_FETCH_ARGS
 * Copy the fetch arguments (suit-parameter-fetch-arguments, 25: opaque
 * bytes the manifest gives the transport, e.g. HTTP headers) of the
 * current fetch. Their length is in the fetch event's @args_len.
 * Context: state %SUIT_STATE_FETCHING, for the fetch being answered.
 * Return:
 * * 0 - @len bytes were copied to @buf (0 bytes when there are none)
 * * -ENOSPC - @buf is too small; @len holds the length
 * * -ESTALE - @fetch_id is not a fetch that accepts bytes now
 * * -EINVAL - @reserved is set
 * * -EFAULT - a pointer cannot be read or written
 */
#define SUIT_IOC_GET_FETCH_ARGS	_IOWR(SUIT_IOC_MAGIC, 0x09, struct suit_ioc_fetch_args)

/*
 * read(): copies the next event; @count must be at least
 * sizeof(struct suit_ioc_event), and one event is returned per call.
 * Blocks until an event is pending (-EAGAIN with O_NONBLOCK). Returns 0
 * (end of file) when no submission is running and no event is pending.
 * Errors: -EINVAL (count too small), -EFAULT, -ERESTARTSYS.
 *
 * write(): payload bytes of the current fetch. Returns the number of bytes
 * accepted, which may be less than @count when the kernel buffer fills;
 * blocks while it is full (-EAGAIN with O_NONBLOCK). A write of 0 bytes
 * ends the fetch (see SUIT_IOC_FETCH_END). Errors: -EPIPE (no fetch is
 * accepting bytes), -EFBIG (more bytes than the fetch's non-zero size),
 * -EFAULT, -ERESTARTSYS.
 *
 * poll(): POLLIN | POLLRDNORM while an event is pending; POLLOUT |
 * POLLWRNORM while a fetch accepts bytes and the buffer has room.
 *
 * close(): cancels a running submission as SUIT_IOC_CANCEL does.
 */

#endif /* _UAPI_LINUX_SUIT_H */
