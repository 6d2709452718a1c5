// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsuit: client library for /dev/suit. See libsuit.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libsuit.h"

/* Bytes moved per write(): UML and real devices both like big buffers. */
#define SUIT_CHUNK	(1U << 20)
/* Per write() from a mapping source: no buffer to pay for, so larger. */
#define SUIT_MAP_CHUNK	(4U << 20)

struct suit_client {
	int fd;
	uint8_t *buf;		/* SUIT_CHUNK bytes, allocated on first fetch */
	uint64_t fetch_size;	/* size of the current fetch, from its event */
	uint64_t fetch_offset;	/* its offset: bytes already on flash */
	uint64_t fetch_written;	/* bytes written in the current fetch */
	int have_err;		/* fetch_err holds a message */
	char fetch_err[SUIT_URI_MAX + 160];
};

/* The file source (suit_file_source_*): URI -> local file. */
struct suit_file_map {
	char *uri;
	char *path;
};

struct suit_file_source {
	struct suit_file_map *map;
	size_t n;
	const char *last;	/* the file the last open() chose, or NULL */
};

struct suit_fetch_state {
	int active;
	uint32_t fetch_id;
	void *handle;
	const uint8_t *data;	/* c->buf, or the source's own memory (map) */
	size_t off, len;	/* unwritten bytes are data[off .. len) */
	uint64_t skip;		/* bytes still to drop before the offset */
	uint64_t left;		/* bytes still allowed (size - offset) */
	int sized;		/* the fetch has a known size: @left applies */
	int eof;
	int wait_src;		/* read() returned -EAGAIN */
	const char *uri;	/* suit_run()'s copy of the URI, for messages */
};

int suit_open(const char *path, struct suit_client **out)
{
	struct suit_client *c;
	int fd;

	fd = open(path ? path : SUIT_DEFAULT_DEVICE, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	c = calloc(1, sizeof(*c));
	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	c->fd = fd;
	*out = c;
	return 0;
}

void suit_close(struct suit_client *c)
{
	if (!c)
		return;
	close(c->fd);
	free(c->buf);
	free(c);
}

int suit_fd(const struct suit_client *c)
{
	return c->fd;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	int r;

	do {
		r = ioctl(fd, cmd, arg);
	} while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : r;
}

int suit_get_info(struct suit_client *c, struct suit_ioc_info *info)
{
	memset(info, 0, sizeof(*info));
	return xioctl(c->fd, SUIT_IOC_GET_INFO, info);
}

int suit_submit(struct suit_client *c, const void *envelope, size_t len,
		unsigned int flags)
{
	struct suit_ioc_submit s;
	struct suit_ioc_info info;

	if (len > SUIT_ENVELOPE_MAX)
		return -E2BIG;
	/*
	 * suit_run() honours fetch offsets: ask for them, but only from a
	 * kernel that knows the flag (older ones fail it with -EINVAL).
	 */
	flags &= ~SUIT_SUBMIT_FETCH_OFFSET;
	if (suit_get_info(c, &info) == 0 && (info.caps & SUIT_CAP_RESUME))
		flags |= SUIT_SUBMIT_FETCH_OFFSET;
	memset(&s, 0, sizeof(s));
	s.envelope = (uintptr_t)envelope;
	s.envelope_len = (uint32_t)len;
	s.flags = flags;
	return xioctl(c->fd, SUIT_IOC_SUBMIT, &s);
}

const char *suit_fetch_error(const struct suit_client *c)
{
	return c->have_err ? c->fetch_err : NULL;
}

static void set_fetch_error(struct suit_client *c, uint32_t fetch_id,
			    const char *uri, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set_fetch_error(struct suit_client *c, uint32_t fetch_id,
			    const char *uri, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	snprintf(c->fetch_err, sizeof(c->fetch_err), "fetch %u (%s): ",
		 fetch_id, uri ? uri : "?");
	n = strlen(c->fetch_err);
	va_start(ap, fmt);
	vsnprintf(c->fetch_err + n, sizeof(c->fetch_err) - n, fmt, ap);
	va_end(ap);
	c->have_err = 1;
}

int suit_get_result(struct suit_client *c, struct suit_ioc_result *res)
{
	memset(res, 0, sizeof(*res));
	return xioctl(c->fd, SUIT_IOC_GET_RESULT, res);
}

int suit_get_progress(struct suit_client *c, struct suit_ioc_progress *p)
{
	memset(p, 0, sizeof(*p));
	return xioctl(c->fd, SUIT_IOC_GET_PROGRESS, p);
}

int suit_cancel(struct suit_client *c)
{
	return xioctl(c->fd, SUIT_IOC_CANCEL, NULL);
}

int suit_get_report(struct suit_client *c, const void *nonce, size_t nonce_len,
		    uint8_t **buf, size_t *len)
{
	struct suit_ioc_report r;
	uint8_t *b = NULL;
	size_t cap = 1024;
	int ret, tries;

	if (nonce_len > SUIT_NONCE_MAX)
		return -EINVAL;
	for (tries = 0; tries < 4; tries++) {
		uint8_t *nb = realloc(b, cap);

		if (!nb) {
			free(b);
			return -ENOMEM;
		}
		b = nb;
		memset(&r, 0, sizeof(r));
		r.buf = (uintptr_t)b;
		r.len = (uint32_t)cap;
		r.nonce = (uintptr_t)nonce;
		r.nonce_len = (uint32_t)nonce_len;
		ret = xioctl(c->fd, SUIT_IOC_GET_REPORT, &r);
		if (ret == 0) {
			*buf = b;
			*len = r.len;
			return 0;
		}
		if (ret != -ENOSPC || r.len <= cap)
			break;
		cap = r.len;
	}
	free(b);
	return ret;
}

static void fetch_close(const struct suit_source_ops *src, void *priv,
			struct suit_fetch_state *f)
{
	if (f->active && src && src->close)
		src->close(priv, f->handle);
	memset(f, 0, sizeof(*f));
}

static void fetch_fail(struct suit_client *c, uint32_t fetch_id, int err)
{
	struct suit_ioc_fetch_fail ff;

	memset(&ff, 0, sizeof(ff));
	ff.fetch_id = fetch_id;
	ff.error = err > 0 && err < 4096 ? err : EIO;
	/* -EPIPE: the kernel already stopped this fetch; nothing to do. */
	xioctl(c->fd, SUIT_IOC_FETCH_FAIL, &ff);
}

static void report_progress(struct suit_client *c, suit_progress_fn fn, void *arg)
{
	struct suit_ioc_progress p;

	if (fn && suit_get_progress(c, &p) == 0) {
		/*
		 * Kernels that do not track done/total of a fetch: use ours
		 * (of the last fetch, which may have just ended).
		 */
		if (!p.total && !p.done && c->fetch_size) {
			p.total = c->fetch_size;
			p.done = c->fetch_offset + c->fetch_written;
		}
		fn(arg, &p);
	}
}

static int handle_event(struct suit_client *c, const struct suit_ioc_event *ev,
			const struct suit_source_ops *src, void *priv,
			struct suit_fetch_state *f, char *uri, int *done)
{
	struct suit_fetch_req req;
	int seeks, r;

	switch (ev->type) {
	case SUIT_EVENT_DONE:
		*done = 1;
		return 0;
	case SUIT_EVENT_FETCH:
		/* A new fetch means the kernel is done with the old one. */
		fetch_close(src, priv, f);
		memcpy(uri, ev->uri, SUIT_URI_MAX);
		uri[SUIT_URI_MAX - 1] = '\0';
		c->fetch_size = ev->size;
		c->fetch_offset = ev->offset;
		c->fetch_written = 0;
		if (!src || !src->open || (!src->read && !src->map)) {
			set_fetch_error(c, ev->fetch_id, uri, "no payload source");
			fetch_fail(c, ev->fetch_id, ENOENT);
			return 0;
		}
		/* The kernel's own bound; never write bytes past the size. */
		if (ev->size && ev->offset > ev->size) {
			set_fetch_error(c, ev->fetch_id, uri,
					"offset %llu is beyond the size %llu",
					(unsigned long long)ev->offset,
					(unsigned long long)ev->size);
			fetch_fail(c, ev->fetch_id, EINVAL);
			return 0;
		}
		seeks = !!(src->flags & SUIT_SOURCE_OFFSET);
		req.fetch_id = ev->fetch_id;
		req.component = ev->component;
		req.size = ev->size;
		req.offset = seeks ? ev->offset : 0;
		req.uri = uri;
		if (!c->buf) {
			c->buf = malloc(SUIT_CHUNK);
			if (!c->buf) {
				fetch_fail(c, ev->fetch_id, ENOMEM);
				return -ENOMEM;
			}
		}
		r = src->open(priv, &req, &f->handle);
		if (r < 0) {
			/* Our own file source can name the file. */
			const char *file = src == &suit_file_source_ops ?
				((struct suit_file_source *)priv)->last : NULL;

			if (r == -ERANGE && req.offset)
				set_fetch_error(c, ev->fetch_id, uri,
						"%s%scannot resume at byte %llu: the resource is shorter",
						file ? file : "", file ? ": " : "",
						(unsigned long long)req.offset);
			else if (file)
				set_fetch_error(c, ev->fetch_id, uri, "%s: %s",
						file, strerror(-r));
			else if (r == -ENOENT && src == &suit_file_source_ops)
				set_fetch_error(c, ev->fetch_id, uri,
						"no file is mapped to this URI");
			else
				set_fetch_error(c, ev->fetch_id, uri, "%s",
						strerror(-r));
			fetch_fail(c, ev->fetch_id, -r);
			return 0;
		}
		f->active = 1;
		f->fetch_id = ev->fetch_id;
		f->uri = uri;
		f->skip = seeks ? 0 : ev->offset;
		f->sized = ev->size != 0;
		f->left = ev->size - ev->offset;
		return 0;
	default:
		/* Unknown event types are skipped: newer kernels may add some. */
		return 0;
	}
}

/*
 * Refill the buffer from the source, or end/fail the fetch. Bytes before a
 * resumed fetch's offset (from a source that cannot seek) are dropped, and
 * no more than size - offset bytes are ever let through.
 */
static void fetch_pull(struct suit_client *c, const struct suit_source_ops *src,
		       void *priv, struct suit_fetch_state *f,
		       suit_progress_fn progress, void *parg)
{
	ssize_t n = 0;

	while (f->active && f->off >= f->len && !f->wait_src) {
		size_t drop;

		if (src->map) {
			const void *p = NULL;

			n = src->map(priv, f->handle, &p, SUIT_MAP_CHUNK);
			f->data = p;
		} else {
			n = src->read(priv, f->handle, c->buf, SUIT_CHUNK);
			f->data = c->buf;
		}
		if (n == -EAGAIN) {
			f->wait_src = 1;
			return;
		}
		if (n <= 0)
			break;
		drop = f->skip < (uint64_t)n ? (size_t)f->skip : (size_t)n;
		f->skip -= drop;
		f->off = drop;
		f->len = (size_t)n;
		if (f->sized && f->len - f->off > f->left) {
			set_fetch_error(c, f->fetch_id, f->uri,
					"the resource has more than the %llu bytes expected",
					(unsigned long long)c->fetch_size);
			f->off = 0;
			f->len = 0;
			n = -EFBIG;
			break;
		}
		if (f->sized)
			f->left -= f->len - f->off;
	}
	if (!f->active || f->off < f->len || f->wait_src)
		return;
	if (n == 0 && f->skip) {
		set_fetch_error(c, f->fetch_id, f->uri,
				"cannot resume at byte %llu: the resource is shorter",
				(unsigned long long)c->fetch_offset);
		n = -ERANGE;
	} else if (n < 0 && n != -EFBIG) {
		set_fetch_error(c, f->fetch_id, f->uri, "%s", strerror((int)-n));
	}
	if (n == 0) {
		/* -EPIPE: the kernel ended the fetch itself (digest, size). */
		xioctl(c->fd, SUIT_IOC_FETCH_END, NULL);
	} else {
		fetch_fail(c, f->fetch_id, (int)-n);
	}
	fetch_close(src, priv, f);
	report_progress(c, progress, parg);
}

int suit_run(struct suit_client *c, const struct suit_source_ops *src,
	     void *src_priv, suit_progress_fn progress, void *progress_arg)
{
	struct suit_fetch_state f;
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	char uri[SUIT_URI_MAX];
	int done = 0, ret = 0;

	memset(&f, 0, sizeof(f));
	c->have_err = 0;
	c->fetch_err[0] = '\0';
	while (!done) {
		struct pollfd pfd[2];
		int nfd = 1, sfd = -1, tmo = -1;
		ssize_t n;

		fetch_pull(c, src, src_priv, &f, progress, progress_arg);

		pfd[0].fd = c->fd;
		pfd[0].events = POLLIN;
		pfd[0].revents = 0;
		if (f.active && f.off < f.len)
			pfd[0].events |= POLLOUT;
		if (f.active && f.wait_src) {
			sfd = src->poll_fd ? src->poll_fd(src_priv, f.handle) : -1;
			if (sfd >= 0) {
				pfd[1].fd = sfd;
				pfd[1].events = POLLIN;
				pfd[1].revents = 0;
				nfd = 2;
			} else {
				/* Nothing to poll: retry the source soon. */
				f.wait_src = 0;
				tmo = 10;
			}
		}
		if (poll(pfd, nfd, tmo) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (nfd == 2 && pfd[1].revents)
			f.wait_src = 0;

		if (pfd[0].revents & POLLIN) {
			n = read(c->fd, &ev, sizeof(ev));
			if (n == (ssize_t)sizeof(ev)) {
				ret = handle_event(c, &ev, src, src_priv, &f, uri,
						   &done);
				if (ret < 0)
					break;
				continue;
			}
			if (n == 0) {
				/* End of file: no submission and no event. */
				done = 1;
				break;
			}
			if (n < 0 && errno != EAGAIN && errno != EINTR) {
				ret = -errno;
				break;
			}
		}
		if ((pfd[0].revents & POLLOUT) && f.active && f.off < f.len) {
			n = write(c->fd, f.data + f.off, f.len - f.off);
			if (n > 0) {
				f.off += (size_t)n;
				c->fetch_written += (uint64_t)n;
				report_progress(c, progress, progress_arg);
			} else if (n < 0 && errno == EPIPE) {
				/* The kernel stopped this fetch; DONE follows. */
				fetch_close(src, src_priv, &f);
			} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
				int e = errno;

				set_fetch_error(c, f.fetch_id, f.uri,
						"write to the device: %s",
						strerror(e));
				fetch_fail(c, f.fetch_id, e);
				fetch_close(src, src_priv, &f);
			}
		}
		if ((pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL)) &&
		    !(pfd[0].revents & POLLIN)) {
			ret = -EIO;
			break;
		}
	}
	fetch_close(src, src_priv, &f);
	if (ret < 0)
		return ret;
	ret = suit_get_result(c, &res);
	if (ret < 0)
		return ret;
	report_progress(c, progress, progress_arg);
	if (res.state == SUIT_STATE_DONE)
		return 0;
	return res.error < 0 ? res.error : -EPROTO;
}

const char *suit_reason_str(unsigned int reason)
{
	static const char *const names[] = {
		"ok", "cbor-parse", "cose-unsupported", "alg-unsupported",
		"unauthorised", "command-unsupported", "component-unsupported",
		"component-unauthorised", "parameter-unsupported",
		"severing-unsupported", "condition-failed", "operation-failed",
		"invoke-pending",
	};

	if (reason < sizeof(names) / sizeof(names[0]))
		return names[reason];
	return "unknown";
}

const char *suit_section_str(int section)
{
	switch (section) {
	case 7: return "validate";
	case 8: return "load";
	case 9: return "invoke";
	case 15: return "dependency-resolution";
	case 16: return "payload-fetch";
	case 18: return "candidate-verification";
	case 20: return "install";
	case 24: return "uninstall";
	case -1: return "none";
	default: return "?";
	}
}

/* --- file source --------------------------------------------------- */

struct suit_file_source *suit_file_source_new(void)
{
	return calloc(1, sizeof(struct suit_file_source));
}

int suit_file_source_add(struct suit_file_source *fs, const char *uri,
			 const char *path)
{
	struct suit_file_map *m;

	m = realloc(fs->map, (fs->n + 1) * sizeof(*m));
	if (!m)
		return -ENOMEM;
	fs->map = m;
	m[fs->n].uri = strdup(uri);
	m[fs->n].path = strdup(path);
	if (!m[fs->n].uri || !m[fs->n].path) {
		free(m[fs->n].uri);
		free(m[fs->n].path);
		return -ENOMEM;
	}
	fs->n++;
	return 0;
}

void suit_file_source_free(struct suit_file_source *fs)
{
	size_t i;

	if (!fs)
		return;
	for (i = 0; i < fs->n; i++) {
		free(fs->map[i].uri);
		free(fs->map[i].path);
	}
	free(fs->map);
	free(fs);
}

/*
 * Position @fd at byte @offset: -ERANGE when the file is shorter (past
 * the end lseek() would succeed and read() give nothing); a pipe or
 * character device is read up to there instead.
 */
static int fsrc_seek(int fd, uint64_t offset)
{
	struct stat st;
	char buf[4096];

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) {
		if (S_ISREG(st.st_mode) && offset > (uint64_t)st.st_size)
			return -ERANGE;
		if (offset > INT64_MAX ||
		    lseek(fd, (off_t)offset, SEEK_SET) != (off_t)offset)
			return -ERANGE;
		return 0;
	}
	while (offset) {
		size_t want = offset < sizeof(buf) ? (size_t)offset : sizeof(buf);
		ssize_t n = read(fd, buf, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ERANGE;
		offset -= (uint64_t)n;
	}
	return 0;
}

static int fsrc_open(void *priv, const struct suit_fetch_req *req, void **handle)
{
	struct suit_file_source *fs = priv;
	const char *path = NULL;
	size_t i;
	int fd;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->map[i].uri, req->uri)) {
			path = fs->map[i].path;
			break;
		}
	for (i = 0; !path && i < fs->n; i++)
		if (!strcmp(fs->map[i].uri, "*"))
			path = fs->map[i].path;
	fs->last = path;
	if (!path)
		return -ENOENT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (req->offset) {
		int e = fsrc_seek(fd, req->offset);

		if (e) {
			close(fd);
			return e;
		}
	}
	*handle = (void *)(intptr_t)fd;
	return 0;
}

static ssize_t fsrc_read(void *priv, void *handle, void *buf, size_t len)
{
	int fd = (int)(intptr_t)handle;
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : n;
}

static void fsrc_close(void *priv, void *handle)
{
	close((int)(intptr_t)handle);
}

const struct suit_source_ops suit_file_source_ops = {
	.open = fsrc_open,
	.read = fsrc_read,
	.poll_fd = NULL,
	.close = fsrc_close,
	.flags = SUIT_SOURCE_OFFSET,
};

int suit_read_file(const char *path, uint8_t **buf, size_t *len, size_t max)
{
	struct stat st;
	uint8_t *b;
	size_t got = 0;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		e = -errno;
		close(fd);
		return e;
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return -EFBIG;
	}
	b = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!b) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, b + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? -errno : -EIO;
			free(b);
			close(fd);
			return e;
		}
		got += (size_t)n;
	}
	close(fd);
	*buf = b;
	*len = got;
	return 0;
}
