// SPDX-License-Identifier: GPL-2.0-only
/*
 * kselftest of /dev/suit (suit.ko): the ioctl ABI with bad arguments, out
 * of order calls, concurrent sessions, cancelled and half-written installs,
 * envelopes that fail authentication or whose image does not match, and
 * real installs on NOR (mtdram) and NAND (nandsim with bad blocks).
 *
 * Run as root inside the UML test machine (tools/testing/check.d/40-uml.sh):
 *
 *   SUIT_TEST_DATA=DIR suit_test
 *
 * DIR/<variant>/ (variant = mtdram, nandsim) holds envelopes made on the
 * host by tools/testing/uml/mkenvelope.py and a "config" file:
 *   target=MTD       partition the good envelope installs into
 *   active=MTD       the component's running slot: must never change
 *   comp=N           component index in the *_slots files of sysfs
 *   target_slot=N    slot number of "target"
 *   seq=N            sequence number of good.suit
 *   uri=URI          URI good.suit fetches
 * and good.suit, image.bin (its payload), badsig.suit (signed by another
 * key under the anchor's kid), unknownkid.suit, tampered.suit (manifest
 * changed after signing), unsigned.suit, mismatch.suit (declares another
 * image's digest), old.suit (valid but an older sequence number).
 *
 * The tests of one variant run in file order; install_ok, then
 * rollback_rejected, come last because they change the device's state.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <dirent.h>
#include <mtd/mtd-user.h>

#include <linux/suit.h>

#include "kselftest_harness.h"
#include "libsuit.h"

#define DEV		"/dev/suit"
#define SYSDIR		"/sys/class/misc/suit"
#define DONE_MS		20000

/* ---- helpers --------------------------------------------------------- */

static int read_all(const char *path, uint8_t **buf, size_t *len)
{
	return suit_read_file(path, buf, len, 512U << 20);
}

static int read_sysfs(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* Field @idx (0-based, space separated) of a sysfs list, as a number. */
static int write_sysfs(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -EIO;
}

static long sysfs_field(const char *attr, int idx)
{
	char path[128], buf[256], *p, *save = NULL;
	int i = 0;

	snprintf(path, sizeof(path), SYSDIR "/%s", attr);
	if (read_sysfs(path, buf, sizeof(buf)))
		return -1;
	for (p = strtok_r(buf, " \n", &save); p; p = strtok_r(NULL, " \n", &save), i++)
		if (i == idx)
			return strtol(p, NULL, 0);
	return -1;
}

/* /dev/mtdN of the partition called @name, in @out. */
static int mtd_path(const char *name, char *out, size_t len)
{
	struct dirent *e;
	DIR *d = opendir("/sys/class/mtd");
	int ret = -ENOENT;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char p[300], v[128];

		if (strncmp(e->d_name, "mtd", 3) || strstr(e->d_name, "ro"))
			continue;
		snprintf(p, sizeof(p), "/sys/class/mtd/%s/name", e->d_name);
		if (read_sysfs(p, v, sizeof(v)))
			continue;
		v[strcspn(v, "\n")] = '\0';
		if (!strcmp(v, name)) {
			snprintf(out, len, "/dev/%s", e->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

/*
 * Read @len bytes of image from a partition, skipping bad erase blocks the
 * way an MTD writer must. Returns 0 or a negative errno.
 */
static int mtd_read_image(const char *name, uint8_t *buf, size_t len)
{
	struct mtd_info_user info;
	char path[64];
	size_t got = 0;
	loff_t ofs = 0;
	int fd, ret = 0;

	ret = mtd_path(name, path, sizeof(path));
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, MEMGETINFO, &info) < 0) {
		ret = -errno;
		goto out;
	}
	while (got < len) {
		size_t n = len - got;
		ssize_t r;

		if (ofs >= info.size) {
			ret = -ENOSPC;
			break;
		}
		if (info.type == MTD_NANDFLASH || info.type == MTD_MLCNANDFLASH) {
			loff_t b = ofs;

			if (ioctl(fd, MEMGETBADBLOCK, &b) > 0) {
				ofs += info.erasesize;
				continue;
			}
		}
		if (n > info.erasesize)
			n = info.erasesize;
		r = pread(fd, buf + got, n, ofs);
		if (r != (ssize_t)n) {
			ret = r < 0 ? -errno : -EIO;
			break;
		}
		got += n;
		ofs += info.erasesize;
	}
out:
	close(fd);
	return ret;
}

/* Raw first @len bytes of a partition (bad blocks included). */
static int mtd_snapshot(const char *name, uint8_t *buf, size_t len)
{
	char path[64];
	ssize_t r;
	int fd, ret;

	ret = mtd_path(name, path, sizeof(path));
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = pread(fd, buf, len, 0);
	ret = r == (ssize_t)len ? 0 : (r < 0 ? -errno : -EIO);
	close(fd);
	return ret;
}

/* Kernel log lines that mean a kernel bug, counted from /dev/kmsg. */
static int kernel_bad_lines(void)
{
	char rec[8192];
	int fd, n = 0;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t r = read(fd, rec, sizeof(rec) - 1);

		if (r < 0 && errno == EPIPE)
			continue;	/* overwritten records */
		if (r <= 0)
			break;
		rec[r] = '\0';
		if (strstr(rec, "WARNING:") || strstr(rec, "BUG:") ||
		    strstr(rec, "Oops") || strstr(rec, "kmemleak:") ||
		    strstr(rec, "UBSAN") || strstr(rec, "list_add corruption") ||
		    strstr(rec, "list_del corruption"))
			n++;
	}
	close(fd);
	return n;
}

static long long ms_now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/*
 * Wait for the next event of @fd (non-blocking fd), up to @ms. Returns 0
 * and the event, or -ETIMEDOUT / -errno.
 */
static int next_event(int fd, struct suit_ioc_event *ev, int ms)
{
	long long end = ms_now() + ms;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long left = end - ms_now();
		ssize_t n;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
		n = read(fd, ev, sizeof(*ev));
		if (n == (ssize_t)sizeof(*ev))
			return 0;
		if (n == 0)
			return -ENODATA;	/* end of file: no session */
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
	}
}

/* Skip events until DONE; counts FETCH events in *fetches if non-NULL. */
static int wait_done(int fd, struct suit_ioc_event *ev, int *fetches)
{
	int ret;

	for (;;) {
		ret = next_event(fd, ev, DONE_MS);
		if (ret)
			return ret;
		if (ev->type == SUIT_EVENT_DONE)
			return 0;
		if (ev->type == SUIT_EVENT_FETCH) {
			struct suit_ioc_fetch_fail ff = {
				.fetch_id = ev->fetch_id, .error = ENOENT,
			};

			if (fetches)
				(*fetches)++;
			/* Not expected here: refuse it so that the session ends. */
			ioctl(fd, SUIT_IOC_FETCH_FAIL, &ff);
		}
	}
}

static int submit(int fd, const void *env, size_t len, unsigned int flags)
{
	struct suit_ioc_submit s = {
		.envelope = (uintptr_t)env,
		.envelope_len = (uint32_t)len,
		.flags = flags,
	};

	return ioctl(fd, SUIT_IOC_SUBMIT, &s) ? -errno : 0;
}

static int open_dev(void)
{
	return open(DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

/* Wait until no session runs (GET_INFO.sessions == 0), up to 30 s. */
static int wait_idle(void)
{
	long long end = ms_now() + 30000;
	struct suit_ioc_info info;
	int fd = open(DEV, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	do {
		memset(&info, 0, sizeof(info));
		if (ioctl(fd, SUIT_IOC_GET_INFO, &info)) {
			close(fd);
			return -errno;
		}
		if (!info.sessions) {
			close(fd);
			return 0;
		}
		usleep(20000);
	} while (ms_now() < end);
	close(fd);
	return -ETIMEDOUT;
}

/* ---- device-wide ioctl tests (no flash needed) ------------------------ */

FIXTURE(dev) {
	int fd;
	int bad0;
};

FIXTURE_SETUP(dev)
{
	self->bad0 = kernel_bad_lines();
	self->fd = open_dev();
	ASSERT_LE(0, self->fd) TH_LOG("open " DEV ": %s", strerror(errno));
}

FIXTURE_TEARDOWN(dev)
{
	close(self->fd);
	EXPECT_EQ(0, wait_idle());
	EXPECT_EQ(self->bad0, kernel_bad_lines()) TH_LOG("kernel warning in the log");
}

TEST_F(dev, get_info)
{
	struct suit_ioc_info info;
	char buf[64];
	unsigned int i;

	memset(&info, 0xa5, sizeof(info));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_INFO, &info));
	EXPECT_EQ(SUIT_IOC_ABI_VERSION, info.abi_version);
	EXPECT_EQ(SUIT_ENVELOPE_MAX, info.max_envelope);
	EXPECT_LT(0, info.max_chunk);
	EXPECT_LT(0, info.num_components);
	EXPECT_EQ(0, info.sessions);
	for (i = 0; i < 4; i++)
		EXPECT_EQ(0, info.reserved[i]);
	ASSERT_EQ(0, read_sysfs("/sys/module/suit/parameters/keyring_serial", buf, sizeof(buf)));
	EXPECT_EQ(atoi(buf), info.keyring);
	EXPECT_NE(0, info.keyring);
	EXPECT_NE(0, info.caps & SUIT_CAP_ES256);
	EXPECT_NE(0, info.caps & SUIT_CAP_RESUME);
}

TEST_F(dev, bad_pointers)
{
	struct suit_ioc_submit s = { .envelope = 1, .envelope_len = 100,
				     .flags = SUIT_SUBMIT_UPDATE };

	errno = 0;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_INFO, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_INFO, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, (void *)-4096L));
	EXPECT_EQ(EFAULT, errno);
	/* The envelope pointer itself is bad. */
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EFAULT, errno);
	/* Nothing started. */
	{
		struct suit_ioc_result r;

		EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_RESULT, &r));
		EXPECT_EQ(ENODATA, errno);
	}
}

TEST_F(dev, wrong_size_and_unknown_commands)
{
	uint8_t buf[512] = { 0 };

	/* Same numbers, wrong encoded sizes or directions. */
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(SUIT_IOC_MAGIC, 0x00, uint64_t), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOW(SUIT_IOC_MAGIC, 0x01, uint64_t[2]), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOWR(SUIT_IOC_MAGIC, 0x01, struct suit_ioc_submit), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(SUIT_IOC_MAGIC, 0x06, uint32_t), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IO(SUIT_IOC_MAGIC, 0x3f), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR('X', 0x00, struct suit_ioc_info), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_CANCEL + 1, buf));
	EXPECT_EQ(ENOTTY, errno);
}

TEST_F(dev, submit_bad_arguments)
{
	static const uint8_t env[16] = { 0xd8, 0x6b, 0xa0 };
	struct suit_ioc_submit s;
	struct suit_ioc_progress p;

	memset(&s, 0, sizeof(s));
	s.envelope = (uintptr_t)env;
	s.flags = SUIT_SUBMIT_UPDATE;

	s.envelope_len = 0;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	s.envelope_len = SUIT_ENVELOPE_MAX + 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(E2BIG, errno);
	s.envelope_len = UINT32_MAX;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(E2BIG, errno);

	s.envelope_len = sizeof(env);
	s.flags = 0;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	s.flags = SUIT_SUBMIT_UPDATE | 0x8;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	/* an option without a procedure */
	s.flags = SUIT_SUBMIT_FETCH_OFFSET;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	s.flags = SUIT_SUBMIT_UPDATE | 0x80000000u;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	s.flags = SUIT_SUBMIT_UPDATE;
	s.reserved[0] = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);
	s.reserved[0] = 0;
	s.reserved[1] = 1ULL << 63;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_SUBMIT, &s));
	EXPECT_EQ(EINVAL, errno);

	/* None of these started a session. */
	memset(&p, 0xff, sizeof(p));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_IDLE, p.state);
	EXPECT_EQ(0, p.bytes_written);
	EXPECT_EQ(0, p.resumed);
	EXPECT_EQ(0, p.reserved);
}

TEST_F(dev, submit_needs_write_access)
{
	static const uint8_t env[4] = { 0xa0 };
	int ro = open(DEV, O_RDONLY | O_CLOEXEC);

	ASSERT_LE(0, ro);
	EXPECT_EQ(-EBADF, submit(ro, env, sizeof(env), SUIT_SUBMIT_UPDATE));
	close(ro);
}

TEST_F(dev, out_of_order_when_idle)
{
	struct suit_ioc_fetch_fail ff = { .fetch_id = 1, .error = EIO };
	struct suit_ioc_report rep;
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	uint8_t buf[64];

	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_END));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(EPIPE, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(ENODATA, errno);
	memset(&rep, 0, sizeof(rep));
	rep.buf = (uintptr_t)buf;
	rep.len = sizeof(buf);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, &rep));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_CANCEL));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_EVENT, &ev));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, write(self->fd, buf, 8));
	EXPECT_EQ(EPIPE, errno);
	/* No session and no event: end of file. */
	EXPECT_EQ(0, read(self->fd, &ev, sizeof(ev)));
	/* A read smaller than one event is refused. */
	EXPECT_EQ(-1, read(self->fd, buf, 8));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(dev, garbage_envelope_fails_cleanly)
{
	uint8_t env[64];
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	uint8_t rep[1024];
	struct suit_ioc_report r;
	int fetches = 0;

	memset(env, 0xff, sizeof(env));
	ASSERT_EQ(0, submit(self->fd, env, sizeof(env), SUIT_SUBMIT_UPDATE));
	ASSERT_EQ(0, wait_done(self->fd, &ev, &fetches));
	EXPECT_EQ(0, fetches);
	EXPECT_NE(0, ev.error);
	EXPECT_EQ(1, ev.reason) TH_LOG("reason %u, want cbor-parse", ev.reason);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_EQ(ev.error, res.error);
	EXPECT_EQ(ev.reason, res.reason);
	EXPECT_EQ(0, res.reserved0);

	/* Report checks: bad nonce length, reserved, too small a buffer. */
	memset(&r, 0, sizeof(r));
	r.buf = (uintptr_t)rep;
	r.len = sizeof(rep);
	r.nonce_len = SUIT_NONCE_MAX + 1;
	r.nonce = (uintptr_t)env;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, &r));
	EXPECT_EQ(EINVAL, errno);
	r.nonce_len = 8;
	r.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, &r));
	EXPECT_EQ(EINVAL, errno);
	r.reserved = 0;
	r.len = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, &r));
	EXPECT_EQ(ENOSPC, errno);
	EXPECT_LT(1, r.len);
	r.len = sizeof(rep);
	r.buf = 16;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, &r));
	EXPECT_EQ(EFAULT, errno);
	r.buf = (uintptr_t)rep;
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_REPORT, &r));
	ASSERT_LT(8, r.len);
	/* A CBOR map; the nonce (8 x 0xff) is in it. */
	EXPECT_EQ(0xa0, rep[0] & 0xe0);
	EXPECT_NE(NULL, memmem(rep, r.len, env, 8));

	/* Ended: end of file, and the same file may submit again. */
	EXPECT_EQ(0, read(self->fd, &ev, sizeof(ev)));
	ASSERT_EQ(0, submit(self->fd, env, 8, SUIT_SUBMIT_UPDATE));
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
}

/* An address no process has mapped (volatile: no compiler warnings). */
static void *volatile bad_addr = (void *)8;

/* Submit garbage and wait until its DONE event is pending. */
static void pending_done(struct __test_metadata *_metadata, int fd)
{
	static const uint8_t env[8] = { 0xff };
	struct pollfd p = { .fd = fd, .events = POLLIN };

	ASSERT_EQ(0, submit(fd, env, sizeof(env), SUIT_SUBMIT_UPDATE));
	ASSERT_EQ(1, poll(&p, 1, DONE_MS));
}

TEST_F(dev, bad_pointers_when_done)
{
	struct suit_ioc_result res;

	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, NULL));
	EXPECT_EQ(EFAULT, errno);
	pending_done(_metadata, self->fd);
	ASSERT_EQ(0, wait_idle());
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_RESULT, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_REPORT, bad_addr));
	EXPECT_EQ(EFAULT, errno);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
}

/* A pending event survives SUIT_IOC_GET_EVENT into bad memory. */
TEST_F(dev, get_event_bad_pointer_keeps_event)
{
	struct suit_ioc_event ev;

	pending_done(_metadata, self->fd);
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_EVENT, bad_addr));
	EXPECT_EQ(EFAULT, errno);
	memset(&ev, 0, sizeof(ev));
	EXPECT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_EVENT, &ev))
		TH_LOG("the DONE event was lost: %s", strerror(errno));
	EXPECT_EQ(SUIT_EVENT_DONE, ev.type);
}

/* A pending event survives read() into bad memory. */
TEST_F(dev, read_bad_pointer_keeps_event)
{
	struct suit_ioc_event ev;

	pending_done(_metadata, self->fd);
	EXPECT_EQ(-1, read(self->fd, bad_addr, sizeof(ev)));
	EXPECT_EQ(EFAULT, errno);
	memset(&ev, 0, sizeof(ev));
	EXPECT_EQ((ssize_t)sizeof(ev), read(self->fd, &ev, sizeof(ev)))
		TH_LOG("the DONE event was lost");
	EXPECT_EQ(SUIT_EVENT_DONE, ev.type);
	EXPECT_EQ(0, ev.reserved);
}

TEST_F(dev, many_sessions_open_close)
{
	static const uint8_t env[8] = { 0x00 };
	int i;

	/* Submit and close at once, many times: nothing may leak or hang. */
	for (i = 0; i < 50; i++) {
		int fd = open_dev();

		ASSERT_LE(0, fd);
		EXPECT_EQ(0, submit(fd, env, sizeof(env), SUIT_SUBMIT_UPDATE));
		close(fd);
	}
	EXPECT_EQ(0, wait_idle());
}

/* ---- flash tests: one variant per flash type ------------------------- */

struct cfg {
	char dir[PATH_MAX];
	char target[64];
	char active[64];
	char uri[SUIT_URI_MAX];
	int comp;
	int target_slot;
	unsigned long long seq;
};

static int load_cfg(const char *variant, struct cfg *c)
{
	const char *base = getenv("SUIT_TEST_DATA");
	char path[PATH_MAX + 16], line[512];
	FILE *f;

	memset(c, 0, sizeof(*c));
	if (!base)
		return -ENOENT;
	snprintf(c->dir, sizeof(c->dir), "%s/%s", base, variant);
	snprintf(path, sizeof(path), "%s/config", c->dir);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	c->comp = -1;
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '='), *v;

		if (!eq || line[0] == '#')
			continue;
		*eq = '\0';
		v = eq + 1;
		v[strcspn(v, "\n")] = '\0';
		if (!strcmp(line, "target"))
			snprintf(c->target, sizeof(c->target), "%s", v);
		else if (!strcmp(line, "active"))
			snprintf(c->active, sizeof(c->active), "%s", v);
		else if (!strcmp(line, "uri"))
			snprintf(c->uri, sizeof(c->uri), "%s", v);
		else if (!strcmp(line, "comp"))
			c->comp = atoi(v);
		else if (!strcmp(line, "target_slot"))
			c->target_slot = atoi(v);
		else if (!strcmp(line, "seq"))
			c->seq = strtoull(v, NULL, 0);
	}
	fclose(f);
	return c->target[0] && c->active[0] && c->uri[0] && c->comp >= 0 ? 0 : -EINVAL;
}

FIXTURE(flash) {
	struct cfg cfg;
	int fd;
	int bad0;
	uint8_t *image;
	size_t image_len;
	uint8_t *active_before;	/* snapshot of the running slot */
	size_t snap_len;
	long valid_before;
	long active_slot_before;
};

FIXTURE_VARIANT(flash) {
	const char *name;
};

FIXTURE_VARIANT_ADD(flash, mtdram) {
	.name = "mtdram",
};

FIXTURE_VARIANT_ADD(flash, nandsim) {
	.name = "nandsim",
};

static int load_env(struct cfg *c, const char *name, uint8_t **buf, size_t *len)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	return read_all(path, buf, len);
}

FIXTURE_SETUP(flash)
{
	char path[PATH_MAX + 16];

	ASSERT_EQ(0, load_cfg(variant->name, &self->cfg))
		TH_LOG("no usable test data for %s in $SUIT_TEST_DATA", variant->name);
	snprintf(path, sizeof(path), "%s/image.bin", self->cfg.dir);
	ASSERT_EQ(0, read_all(path, &self->image, &self->image_len));
	self->snap_len = self->image_len + 4096;
	self->active_before = malloc(self->snap_len);
	ASSERT_NE(NULL, self->active_before);
	ASSERT_EQ(0, mtd_snapshot(self->cfg.active, self->active_before, self->snap_len));
	self->valid_before = sysfs_field("valid_slots", self->cfg.comp);
	self->active_slot_before = sysfs_field("active_slots", self->cfg.comp);
	ASSERT_LE(0, self->valid_before);
	ASSERT_LE(0, self->active_slot_before);
	self->bad0 = kernel_bad_lines();
	self->fd = open_dev();
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(flash)
{
	close(self->fd);
	EXPECT_EQ(0, wait_idle());
	EXPECT_EQ(self->bad0, kernel_bad_lines()) TH_LOG("kernel warning in the log");
	free(self->image);
	free(self->active_before);
}

/*
 * After a refused or aborted install: the running slot is byte for byte
 * what it was, it is still the active one, and the target slot is not
 * marked valid.
 */
static void check_untouched(struct __test_metadata *_metadata,
			    FIXTURE_DATA(flash) *self)
{
	uint8_t *now = malloc(self->snap_len);

	ASSERT_NE(NULL, now);
	ASSERT_EQ(0, wait_idle());
	ASSERT_EQ(0, mtd_snapshot(self->cfg.active, now, self->snap_len));
	EXPECT_EQ(0, memcmp(now, self->active_before, self->snap_len))
		TH_LOG("the active slot %s changed", self->cfg.active);
	free(now);
	EXPECT_EQ(self->active_slot_before, sysfs_field("active_slots", self->cfg.comp));
	EXPECT_EQ(0, sysfs_field("valid_slots", self->cfg.comp) & (1L << self->cfg.target_slot))
		TH_LOG("target slot %d marked valid", self->cfg.target_slot);
}

/* Submit a named envelope; expect it refused before any fetch. */
static void expect_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(flash) *self, const char *name,
			   unsigned int want_reason)
{
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	uint8_t *env;
	size_t len;
	int fetches = 0;

	ASSERT_EQ(0, load_env(&self->cfg, name, &env, &len));
	ASSERT_EQ(0, submit(self->fd, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, wait_done(self->fd, &ev, &fetches));
	EXPECT_EQ(0, fetches) TH_LOG("%s: a refused envelope asked for a payload", name);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_GT(0, res.error);
	EXPECT_EQ(want_reason, res.reason)
		TH_LOG("%s: reason %u (%s), error %d", name, res.reason,
		       suit_reason_str(res.reason), res.error);
	check_untouched(_metadata, self);
}

/* Submit good.suit and wait for its fetch event. */
static void start_fetch(struct __test_metadata *_metadata,
			FIXTURE_DATA(flash) *self, int fd, struct suit_ioc_event *ev)
{
	struct suit_ioc_progress p;
	uint8_t *env;
	size_t len;

	ASSERT_EQ(0, load_env(&self->cfg, "good.suit", &env, &len));
	ASSERT_EQ(0, submit(fd, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, next_event(fd, ev, DONE_MS));
	ASSERT_EQ(SUIT_EVENT_FETCH, ev->type)
		TH_LOG("event %u error %d reason %u", ev->type, ev->error, ev->reason);
	EXPECT_STREQ(self->cfg.uri, ev->uri);
	EXPECT_EQ(strlen(self->cfg.uri), ev->uri_len);
	EXPECT_EQ(self->image_len, ev->size);
	EXPECT_EQ(0, ev->offset);
	EXPECT_EQ(1, ev->fetch_id);
	ASSERT_EQ(0, ioctl(fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_FETCHING, p.state);
}

/* Write @len bytes of @buf to a non-blocking fd, waiting for POLLOUT. */
static ssize_t write_all(int fd, const uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		ssize_t n = write(fd, buf + done, len - done);

		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if (poll(&p, 1, DONE_MS) <= 0)
			return -ETIMEDOUT;
	}
	return (ssize_t)done;
}

TEST_F(flash, bad_signature)
{
	expect_refused(_metadata, self, "badsig.suit", 4);
}

TEST_F(flash, unknown_kid)
{
	expect_refused(_metadata, self, "unknownkid.suit", 4);
}

TEST_F(flash, tampered_manifest)
{
	expect_refused(_metadata, self, "tampered.suit", 4);
}

TEST_F(flash, unsigned_envelope)
{
	expect_refused(_metadata, self, "unsigned.suit", 4);
}

TEST_F(flash, fetch_ioctls_check_arguments)
{
	struct suit_ioc_fetch_fail ff;
	struct suit_ioc_progress p;
	struct suit_ioc_event ev;
	struct suit_ioc_result res;

	start_fetch(_metadata, self, self->fd, &ev);
	memset(&ff, 0, sizeof(ff));
	ff.fetch_id = ev.fetch_id;
	ff.error = 0;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(EINVAL, errno);
	ff.error = 4096;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(EINVAL, errno);
	ff.error = -5;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(EINVAL, errno);
	ff.error = EIO;
	ff.reserved = 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(EINVAL, errno);
	ff.reserved = 0;
	ff.fetch_id = ev.fetch_id + 1;
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	EXPECT_EQ(ESTALE, errno);
	/* A second submit on a running file. */
	EXPECT_EQ(-EBUSY, submit(self->fd, self->image, 16, SUIT_SUBMIT_UPDATE));
	/* Results are not there yet. */
	EXPECT_EQ(-1, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(EBUSY, errno);
	/* Still waiting for bytes after all of that. */
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_FETCHING, p.state);

	/* Now fail it properly: the install ends, nothing committed. */
	ff.fetch_id = ev.fetch_id;
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_FETCH_FAIL, &ff));
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_NE(0, res.reason);
	check_untouched(_metadata, self);
}

TEST_F(flash, write_from_bad_memory)
{
	struct suit_ioc_event ev;
	struct suit_ioc_progress p;
	struct suit_ioc_result res;

	start_fetch(_metadata, self, self->fd, &ev);
	EXPECT_EQ(-1, write(self->fd, bad_addr, 4096));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, write(self->fd, (void *)-4096L, 100));
	EXPECT_EQ(EFAULT, errno);
	/* The fetch is still open; nothing was counted. */
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_FETCHING, p.state);
	EXPECT_EQ(0, p.bytes_written);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(-ECANCELED, res.error);
	check_untouched(_metadata, self);
}

TEST_F(flash, too_many_bytes)
{
	struct suit_ioc_event ev;
	struct suit_ioc_result res;
	uint8_t *big;

	start_fetch(_metadata, self, self->fd, &ev);
	big = calloc(1, self->image_len + 1);
	ASSERT_NE(NULL, big);
	memcpy(big, self->image, self->image_len);
	EXPECT_EQ(-EFBIG, write_all(self->fd, big, self->image_len + 1));
	free(big);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	check_untouched(_metadata, self);
}

TEST_F(flash, image_mismatch)
{
	struct suit_ioc_event ev;
	struct suit_ioc_result res;
	uint8_t *env;
	size_t len;
	ssize_t n;

	ASSERT_EQ(0, load_env(&self->cfg, "mismatch.suit", &env, &len));
	ASSERT_EQ(0, submit(self->fd, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, next_event(self->fd, &ev, DONE_MS));
	ASSERT_EQ(SUIT_EVENT_FETCH, ev.type);
	n = write_all(self->fd, self->image, self->image_len);
	/* The kernel may stop the fetch early (-EPIPE) or take every byte. */
	if (n >= 0) {
		EXPECT_EQ((ssize_t)self->image_len, n);
		if (ioctl(self->fd, SUIT_IOC_FETCH_END))
			EXPECT_EQ(EPIPE, errno);
	} else {
		EXPECT_EQ(-EPIPE, n);
	}
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_GT(0, res.error);
	/* image-match is a condition: condition-failed. */
	EXPECT_EQ(10, res.reason) TH_LOG("reason %u (%s) error %d section %d command %d",
					 res.reason, suit_reason_str(res.reason),
					 res.error, res.section, res.command);
	check_untouched(_metadata, self);
}

TEST_F(flash, second_session_same_component_busy)
{
	struct suit_ioc_event ev, ev2;
	struct suit_ioc_result res;
	uint8_t *env;
	size_t len;
	int fd2;

	start_fetch(_metadata, self, self->fd, &ev);
	/* Bytes already flowing into the slot. */
	ASSERT_EQ((ssize_t)(self->image_len / 2),
		  write_all(self->fd, self->image, self->image_len / 2));

	fd2 = open_dev();
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, load_env(&self->cfg, "good.suit", &env, &len));
	ASSERT_EQ(0, submit(fd2, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, wait_done(fd2, &ev2, NULL));
	ASSERT_EQ(0, ioctl(fd2, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_EQ(-EBUSY, res.error);
	EXPECT_EQ(11, res.reason);
	close(fd2);

	/* The first session is not disturbed: it still takes bytes. */
	EXPECT_EQ((ssize_t)16, write_all(self->fd, self->image + self->image_len / 2, 16));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_EQ(-ECANCELED, res.error);
	check_untouched(_metadata, self);
}

TEST_F(flash, close_in_the_middle_of_a_write)
{
	struct suit_ioc_event ev;

	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ((ssize_t)(self->image_len / 2),
		  write_all(self->fd, self->image, self->image_len / 2));
	close(self->fd);
	self->fd = -1;
	check_untouched(_metadata, self);

	/* The component is free again: a new session gets to its fetch. */
	self->fd = open_dev();
	ASSERT_LE(0, self->fd);
	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
}

TEST_F(flash, cancel_then_submit_again)
{
	struct suit_ioc_event ev;
	struct suit_ioc_result res;

	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ((ssize_t)100, write_all(self->fd, self->image, 100));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	/* Cancel waits for the thread: the result is there at once. */
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_EQ(-ECANCELED, res.error);
	ASSERT_EQ(0, wait_done(self->fd, &ev, NULL));
	EXPECT_EQ(-ECANCELED, ev.error);
	/* A second cancel changes nothing. */
	EXPECT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	EXPECT_EQ(-1, write(self->fd, self->image, 1));
	EXPECT_EQ(EPIPE, errno);
	check_untouched(_metadata, self);
	/* The same file can start over. */
	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
}

TEST_F(flash, progress_during_fetch)
{
	const size_t part = 128 * 1024;
	struct suit_ioc_progress p;
	struct suit_ioc_event ev;
	long long end;

	ASSERT_LT(part, self->image_len);
	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ((ssize_t)part, write_all(self->fd, self->image, part));
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_FETCHING, p.state);
	EXPECT_EQ(part, p.bytes_written);
	EXPECT_EQ(0, p.resumed);
	EXPECT_EQ(0, p.reserved);
	/*
	 * The processing thread consumes the bytes asynchronously: give it
	 * up to 3 s to report this fetch (install section, fetch command,
	 * total = the size the event carried, done <= bytes written).
	 */
	end = ms_now() + 3000;
	do {
		ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
		if (p.total == self->image_len && p.done)
			break;
		usleep(10000);
	} while (ms_now() < end);
	EXPECT_EQ(self->image_len, p.total);
	EXPECT_LT(0, p.done);
	EXPECT_GE(part, p.done);
	EXPECT_EQ(20, p.section);
	EXPECT_EQ(21, p.command);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	check_untouched(_metadata, self);
}

#define RESUME_EVERY "/sys/module/suit/parameters/resume_every_kib"

/*
 * Must come after every test that expects the device unchanged. A first
 * attempt is cancelled after three quarters of the image with the journal
 * written at every erase block; the install that follows (libsuit, which
 * honours the fetch offset) must resume after the journaled blocks and
 * be sent only the rest.
 */
TEST_F(flash, install_ok)
{
	const size_t part = self->image_len / 4 * 3;
	struct suit_file_source *fs;
	struct suit_client *c;
	struct suit_ioc_result res;
	struct suit_ioc_progress p;
	struct suit_ioc_event ev;
	uint8_t *env, *back, *rep;
	size_t len, rlen;
	char path[PATH_MAX + 16];
	long long end;
	int ret;

	ASSERT_EQ(0, write_sysfs(RESUME_EVERY, "1"));
	start_fetch(_metadata, self, self->fd, &ev);
	ASSERT_EQ((ssize_t)part, write_all(self->fd, self->image, part));
	end = ms_now() + 5000;
	do {
		ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_PROGRESS, &p));
		if (p.done >= part)
			break;
		usleep(10000);
	} while (ms_now() < end);
	EXPECT_LE(part, p.done);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_CANCEL));
	ASSERT_EQ(0, write_sysfs(RESUME_EVERY, "1024"));
	check_untouched(_metadata, self);

	snprintf(path, sizeof(path), "%s/image.bin", self->cfg.dir);
	fs = suit_file_source_new();
	ASSERT_NE(NULL, fs);
	ASSERT_EQ(0, suit_file_source_add(fs, self->cfg.uri, path));
	ASSERT_EQ(0, load_env(&self->cfg, "good.suit", &env, &len));
	ASSERT_EQ(0, suit_open(DEV, &c));
	ASSERT_EQ(0, suit_submit(c, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ret = suit_run(c, &suit_file_source_ops, fs, NULL, NULL);
	ASSERT_EQ(0, suit_get_result(c, &res));
	EXPECT_EQ(0, ret);
	EXPECT_EQ(SUIT_STATE_DONE, res.state)
		TH_LOG("reason %u (%s) error %d section %d command %d offset %u",
		       res.reason, suit_reason_str(res.reason), res.error,
		       res.section, res.command, res.offset);
	EXPECT_EQ(0, res.error);
	EXPECT_EQ(0, res.reason);
	EXPECT_EQ(self->cfg.seq, res.sequence);
	ASSERT_EQ(0, suit_get_progress(c, &p));
	EXPECT_EQ(SUIT_STATE_DONE, p.state);
	/* resumed after whole blocks of the cancelled attempt */
	EXPECT_LT(0, p.resumed);
	EXPECT_GE(part, p.resumed);
	EXPECT_EQ(self->image_len - p.resumed, p.bytes_written);
	ASSERT_EQ(0, suit_get_report(c, NULL, 0, &rep, &rlen));
	EXPECT_EQ(0xa0, rep[0] & 0xe0);
	free(rep);
	suit_close(c);
	suit_file_source_free(fs);

	/* The slot holds the image; it is valid and active now. */
	back = malloc(self->image_len);
	ASSERT_NE(NULL, back);
	ASSERT_EQ(0, mtd_read_image(self->cfg.target, back, self->image_len));
	EXPECT_EQ(0, memcmp(back, self->image, self->image_len))
		TH_LOG("%s does not hold the image", self->cfg.target);
	free(back);
	EXPECT_NE(0, sysfs_field("valid_slots", self->cfg.comp) & (1L << self->cfg.target_slot));
	EXPECT_EQ(self->cfg.target_slot, sysfs_field("active_slots", self->cfg.comp));
	EXPECT_LE((long)self->cfg.seq, sysfs_field("sequence", 0));
	/* The slot that was running keeps its bytes (it is the fallback). */
	{
		uint8_t *now = malloc(self->snap_len);

		ASSERT_NE(NULL, now);
		ASSERT_EQ(0, mtd_snapshot(self->cfg.active, now, self->snap_len));
		EXPECT_EQ(0, memcmp(now, self->active_before, self->snap_len));
		free(now);
	}
}

TEST_F(flash, rollback_rejected)
{
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	uint8_t *env;
	size_t len;
	long seq = sysfs_field("sequence", 0);
	int fetches = 0;

	/*
	 * old.suit is validly signed and targets the slot that is free now
	 * (the one that was running before install_ok), but its sequence
	 * number is below the device's: refused before any fetch, nothing
	 * changes. install_ok made cfg.target the running slot, so here
	 * "untouched" means: cfg.active keeps its bytes, cfg.target stays
	 * active and valid.
	 */
	ASSERT_EQ(0, load_env(&self->cfg, "old.suit", &env, &len));
	ASSERT_EQ(0, submit(self->fd, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, wait_done(self->fd, &ev, &fetches));
	EXPECT_EQ(0, fetches);
	ASSERT_EQ(0, ioctl(self->fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(SUIT_STATE_FAILED, res.state);
	EXPECT_GT(0, res.error);
	EXPECT_EQ(seq, sysfs_field("sequence", 0));
	EXPECT_EQ(self->active_slot_before, sysfs_field("active_slots", self->cfg.comp));
	EXPECT_NE(0, sysfs_field("valid_slots", self->cfg.comp) & (1L << self->cfg.target_slot));
	{
		uint8_t *now = malloc(self->snap_len);

		ASSERT_NE(NULL, now);
		ASSERT_EQ(0, mtd_snapshot(self->cfg.active, now, self->snap_len));
		EXPECT_EQ(0, memcmp(now, self->active_before, self->snap_len));
		free(now);
	}
}

/* A fixture defined last, so that its test runs after every flash test. */
FIXTURE(late) {
	int bad0;
};

FIXTURE_SETUP(late)
{
	self->bad0 = kernel_bad_lines();
}

FIXTURE_TEARDOWN(late)
{
	EXPECT_EQ(0, wait_idle());
	EXPECT_EQ(self->bad0, kernel_bad_lines()) TH_LOG("kernel warning in the log");
}

/*
 * Runs after every flash test (fixture "late" is registered last): a
 * NOR session waits in its fetch, half written, while a whole NAND install
 * (another component) runs and commits; the NOR session is not disturbed
 * and still takes bytes, then is cancelled and changes nothing.
 */
TEST_F(late, parallel_sessions_on_two_components)
{
	struct cfg nor, nand;
	struct suit_ioc_event ev;
	struct suit_ioc_result res;
	struct suit_ioc_progress p;
	struct suit_file_source *fs;
	struct suit_client *c;
	uint8_t *nor_img, *nand_img, *env, *back;
	size_t nor_len, nand_len, len;
	char path[PATH_MAX + 32];
	long nor_valid, nor_active;
	int fd, ret;

	ASSERT_EQ(0, load_cfg("mtdram", &nor));
	ASSERT_EQ(0, load_cfg("nandsim", &nand));
	nor_valid = sysfs_field("valid_slots", nor.comp);
	nor_active = sysfs_field("active_slots", nor.comp);
	snprintf(path, sizeof(path), "%s/par.bin", nor.dir);
	ASSERT_EQ(0, read_all(path, &nor_img, &nor_len));
	snprintf(path, sizeof(path), "%s/par.bin", nand.dir);
	ASSERT_EQ(0, read_all(path, &nand_img, &nand_len));

	/* NOR: submit, reach the fetch, write half. */
	fd = open_dev();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, load_env(&nor, "par.suit", &env, &len));
	ASSERT_EQ(0, submit(fd, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ASSERT_EQ(0, next_event(fd, &ev, DONE_MS));
	ASSERT_EQ(SUIT_EVENT_FETCH, ev.type);
	ASSERT_EQ((ssize_t)(nor_len / 2), write_all(fd, nor_img, nor_len / 2));

	/* NAND: a whole install meanwhile. */
	fs = suit_file_source_new();
	ASSERT_NE(NULL, fs);
	snprintf(path, sizeof(path), "%s/par.bin", nand.dir);
	ASSERT_EQ(0, suit_file_source_add(fs, "https://fw.example/par-nandsim.bin", path));
	ASSERT_EQ(0, load_env(&nand, "par.suit", &env, &len));
	ASSERT_EQ(0, suit_open(DEV, &c));
	ASSERT_EQ(0, suit_submit(c, env, len, SUIT_SUBMIT_UPDATE));
	free(env);
	ret = suit_run(c, &suit_file_source_ops, fs, NULL, NULL);
	ASSERT_EQ(0, suit_get_result(c, &res));
	EXPECT_EQ(0, ret) TH_LOG("NAND install: reason %u (%s) error %d", res.reason,
				 suit_reason_str(res.reason), res.error);
	EXPECT_EQ(26, res.sequence);
	suit_close(c);
	suit_file_source_free(fs);
	back = malloc(nand_len);
	ASSERT_NE(NULL, back);
	ASSERT_EQ(0, mtd_read_image(nand.active, back, nand_len));
	EXPECT_EQ(0, memcmp(back, nand_img, nand_len));
	free(back);
	EXPECT_EQ(0, sysfs_field("active_slots", nand.comp));

	/* NOR: still fetching, still takes bytes; then cancelled. */
	ASSERT_EQ(0, ioctl(fd, SUIT_IOC_GET_PROGRESS, &p));
	EXPECT_EQ(SUIT_STATE_FETCHING, p.state);
	EXPECT_EQ((ssize_t)(nor_len - nor_len / 2),
		  write_all(fd, nor_img + nor_len / 2, nor_len - nor_len / 2));
	ASSERT_EQ(0, ioctl(fd, SUIT_IOC_CANCEL));
	ASSERT_EQ(0, ioctl(fd, SUIT_IOC_GET_RESULT, &res));
	EXPECT_EQ(-ECANCELED, res.error);
	close(fd);
	ASSERT_EQ(0, wait_idle());
	EXPECT_EQ(nor_valid & ~1L, sysfs_field("valid_slots", nor.comp));
	EXPECT_EQ(nor_active, sysfs_field("active_slots", nor.comp));
	free(nor_img);
	free(nand_img);
}

TEST_HARNESS_MAIN
