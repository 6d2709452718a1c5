/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libsuit: a small client library for /dev/suit (suit.ko).
 *
 * A session: suit_open(), suit_submit() an envelope, then suit_run(), which
 * runs a poll() loop: it reads the kernel's events, answers every fetch
 * request by pulling bytes from a caller-supplied source (struct
 * suit_source_ops) and writing them to the device in large chunks, reports
 * progress, and returns when the kernel posts the DONE event. The result
 * and the SUIT_Report are then available with suit_get_result() and
 * suit_get_report().
 *
 * A source turns a URI into a byte stream. libsuit ships one that maps URIs
 * to local files (suit_file_source_*). Network sources (HTTP, CoAP) fit the
 * same interface: their read() may return -EAGAIN and expose a pollable fd
 * through poll_fd(), so one single-threaded loop drives both the network
 * and /dev/suit.
 *
 * Resuming: a kernel with %SUIT_CAP_RESUME continues an in-place install
 * that a power cut interrupted when the same envelope is submitted again;
 * its fetch event then asks for the resource from a byte offset on.
 * suit_run() honours that offset with every source (a source that cannot
 * start there is read from its start and the first bytes are dropped), so
 * suit_submit() asks for offsets (%SUIT_SUBMIT_FETCH_OFFSET) whenever the
 * kernel has %SUIT_CAP_RESUME.
 *
 * Every function returns 0 or a positive count on success and a negative
 * errno on failure. Not thread-safe per client; separate clients are
 * independent.
 */
#ifndef LIBSUIT_H
#define LIBSUIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/suit.h>

#define SUIT_DEFAULT_DEVICE	"/dev/suit"

struct suit_client;

/**
 * struct suit_fetch_req - a fetch request from the kernel
 * @fetch_id: number of this fetch in the session (from 1)
 * @component: component index in the manifest
 * @size: expected size in bytes of the whole resource, 0 if unknown
 * @offset: byte offset at which the bytes must start: the stream read from
 *	the source is bytes [@offset, @size) of the resource. Non-zero only
 *	when the kernel resumes an interrupted install, and only for sources
 *	with %SUIT_SOURCE_OFFSET; others always get 0 here (suit_run() then
 *	drops the first bytes itself).
 * @uri: the URI, NUL terminated
 */
struct suit_fetch_req {
	uint32_t fetch_id;
	uint32_t component;
	uint64_t size;
	uint64_t offset;
	const char *uri;
};

/**
 * struct suit_source_ops - where payload bytes come from
 * @open: start streaming the resource of @req from byte @req->offset on;
 *	store a per-fetch handle in *@handle. Return 0, or a negative errno
 *	(-ENOENT for an unknown URI, -ERANGE when the resource is shorter
 *	than @req->offset); the fetch is then failed in the kernel with that
 *	errno.
 * @read: copy up to @len bytes into @buf. Return the count (> 0), 0 at the
 *	end of the resource, -EAGAIN when no byte is available now (the
 *	loop then polls poll_fd()), or another negative errno to fail the
 *	fetch.
 * @poll_fd: optional; the fd to poll for POLLIN after read() returned
 *	-EAGAIN, or -1. May be NULL for sources that never return -EAGAIN.
 * @close: optional; release @handle. Called exactly once per successful
 *	open(), whatever happened to the fetch.
 * @map: optional, used instead of read() when set: point *@ptr at up to
 *	@len bytes of the resource (in memory, e.g. mmap()ed) and move past
 *	them, so they are written to the device without a copy. Returns as
 *	read() does; the bytes must stay valid and unchanged until the next
 *	map() or close().
 * @flags: %SUIT_SOURCE_OFFSET when open() honours a non-zero
 *	@req->offset (seeks, HTTP Range). Without it open() always gets
 *	offset 0 and suit_run() reads and drops the first bytes itself.
 *
 * Whatever the source, suit_run() writes at most @size - @offset bytes of
 * a fetch of known size: a source that has more fails the fetch with
 * -EFBIG, one that ends before the offset with -ERANGE.
 */
struct suit_source_ops {
	int (*open)(void *priv, const struct suit_fetch_req *req, void **handle);
	ssize_t (*read)(void *priv, void *handle, void *buf, size_t len);
	int (*poll_fd)(void *priv, void *handle);
	void (*close)(void *priv, void *handle);
	ssize_t (*map)(void *priv, void *handle, const void **ptr, size_t len);
	unsigned int flags;
};

/* struct suit_source_ops.flags: open() starts at a non-zero req->offset. */
#define SUIT_SOURCE_OFFSET	0x1

/**
 * typedef suit_progress_fn - progress callback
 * @arg: the caller's pointer given to suit_run()
 * @p: the kernel's progress record (SUIT_IOC_GET_PROGRESS)
 *
 * Called after every chunk written and once at the end of each fetch.
 * @p->done counts the bytes of the current write kept on flash from an
 * interrupted install, and @p->resumed says how many they are (0 when the
 * write started from its first byte, and always with kernels without
 * %SUIT_CAP_RESUME).
 */
typedef void (*suit_progress_fn)(void *arg, const struct suit_ioc_progress *p);

/**
 * suit_open() - open the SUIT device
 * @path: device node, or NULL for %SUIT_DEFAULT_DEVICE
 * @out: the new client
 *
 * Return: 0, or a negative errno from open(2) or -ENOMEM.
 */
int suit_open(const char *path, struct suit_client **out);

/**
 * suit_close() - close the device and free the client
 * @c: client, may be NULL
 *
 * Closing while a submission runs cancels it in the kernel.
 */
void suit_close(struct suit_client *c);

/**
 * suit_fd() - the client's file descriptor (for callers' own poll loops)
 * @c: client
 *
 * Return: the fd of the open device.
 */
int suit_fd(const struct suit_client *c);

/**
 * suit_get_info() - SUIT_IOC_GET_INFO
 * @c: client
 * @info: filled on success
 *
 * Return: 0 or a negative errno.
 */
int suit_get_info(struct suit_client *c, struct suit_ioc_info *info);

/**
 * suit_submit() - hand an envelope to the kernel and start processing
 * @c: client
 * @envelope: the SUIT envelope bytes
 * @len: their length
 * @flags: %SUIT_SUBMIT_UPDATE and/or %SUIT_SUBMIT_INVOKE
 *
 * Adds %SUIT_SUBMIT_FETCH_OFFSET when the kernel has %SUIT_CAP_RESUME (and
 * clears it otherwise, so older kernels never see it): suit_run() honours
 * fetch offsets. A caller that answers fetch events with its own loop
 * instead of suit_run() must honour &struct suit_ioc_event.offset too.
 *
 * Return: 0 or the negative errno of SUIT_IOC_SUBMIT.
 */
int suit_submit(struct suit_client *c, const void *envelope, size_t len,
		unsigned int flags);

/**
 * suit_run() - drive a submitted session to its end
 * @c: client after suit_submit()
 * @src: payload source; NULL fails every fetch with -ENOENT
 * @src_priv: the source's private pointer
 * @progress: optional progress callback
 * @progress_arg: its argument
 *
 * Runs a poll() loop until the kernel posts %SUIT_EVENT_DONE.
 *
 * Return: 0 when the submission succeeded (state DONE), -ECANCELED-style
 * negative errno from the result when it failed (see suit_get_result()
 * for details; -EPROTO if the kernel gave no errno), or a negative errno
 * when talking to the device failed.
 */
int suit_run(struct suit_client *c, const struct suit_source_ops *src,
	     void *src_priv, suit_progress_fn progress, void *progress_arg);

/**
 * suit_fetch_error() - why libsuit or its source failed a fetch
 * @c: client
 *
 * Return: a message naming the fetch, its URI and the cause (e.g.
 * "fetch 1 (https://fw.example/a.bin): No such file or directory") for the
 * last fetch of the last suit_run() that the client side failed, or NULL
 * when none did (the kernel may still have failed the session).
 */
const char *suit_fetch_error(const struct suit_client *c);

/**
 * suit_get_result() - SUIT_IOC_GET_RESULT
 * @c: client
 * @res: filled on success
 *
 * Return: 0 or a negative errno (-EBUSY while running, -ENODATA if nothing
 * was submitted).
 */
int suit_get_result(struct suit_client *c, struct suit_ioc_result *res);

/**
 * suit_get_progress() - SUIT_IOC_GET_PROGRESS
 * @c: client
 * @p: filled on success
 *
 * Return: 0 or a negative errno.
 */
int suit_get_progress(struct suit_client *c, struct suit_ioc_progress *p);

/**
 * suit_get_report() - SUIT_IOC_GET_REPORT into a new buffer
 * @c: client
 * @nonce: nonce to embed, or NULL
 * @nonce_len: its length (0 .. %SUIT_NONCE_MAX)
 * @buf: out: malloc()ed report, free() it
 * @len: out: its length
 *
 * Return: 0 or a negative errno.
 */
int suit_get_report(struct suit_client *c, const void *nonce, size_t nonce_len,
		    uint8_t **buf, size_t *len);

/**
 * suit_cancel() - SUIT_IOC_CANCEL
 * @c: client
 *
 * Return: 0 or a negative errno.
 */
int suit_cancel(struct suit_client *c);

/**
 * suit_reason_str() - name of a SUIT_Report reason code
 * @reason: the code
 *
 * Return: a static string ("ok", "unauthorised", ...; "unknown" otherwise).
 */
const char *suit_reason_str(unsigned int reason);

/**
 * suit_section_str() - name of a manifest section key
 * @section: the SUIT_Record manifest-section key (7, 16, 20, ...)
 *
 * Return: a static string ("validate", "install", ...; "?" otherwise).
 */
const char *suit_section_str(int section);

/* --- a source of local files ----------------------------------------- */

struct suit_file_source;

/**
 * suit_file_source_new() - an empty URI-to-file map
 *
 * Return: the map, or NULL when out of memory.
 */
struct suit_file_source *suit_file_source_new(void);

/**
 * suit_file_source_add() - map @uri to the file @path
 * @fs: the map
 * @uri: the URI as it appears in the manifest; "*" matches every URI not
 *	mapped otherwise
 * @path: local file
 *
 * Return: 0 or -ENOMEM.
 */
int suit_file_source_add(struct suit_file_source *fs, const char *uri,
			 const char *path);

/**
 * suit_file_source_free() - free the map
 * @fs: the map, may be NULL
 */
void suit_file_source_free(struct suit_file_source *fs);

/*
 * The ops to pass to suit_run() with a struct suit_file_source as priv.
 * They seek to a resumed fetch's offset (%SUIT_SOURCE_OFFSET); an offset
 * beyond the end of the file fails the fetch with -ERANGE.
 */
extern const struct suit_source_ops suit_file_source_ops;

/**
 * suit_read_file() - read a whole (small) file into a malloc()ed buffer
 * @path: the file
 * @buf: out: its content
 * @len: out: its length
 * @max: largest size accepted (-EFBIG beyond)
 *
 * Return: 0 or a negative errno.
 */
int suit_read_file(const char *path, uint8_t **buf, size_t *len, size_t max);

#endif /* LIBSUIT_H */
