// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit_drive: a minimal single-threaded poll() client of /dev/suit, for
 * testing suit.ko by hand (the real client is userspace/suitctl).
 *
 *   suit_drive info
 *   suit_drive install ENVELOPE [chunk [pause_at pause_s]]
 *                                        serves file:// fetches; with
 *                                        pause_at, sleeps pause_s seconds
 *                                        after that many payload bytes
 *   suit_drive cancel ENVELOPE            submit, then cancel at 1st fetch
 *   suit_drive close ENVELOPE             submit, then exit at 1st fetch
 *   suit_drive invoke ENVELOPE            submit for the invoke procedure
 *   suit_drive errnos ENVELOPE            the ABI's documented errors
 *   suit_drive addkey TYPE DESC FILE      add_key to the .suit keyring
 *
 * Build: gcc -O2 -Wall -I include/uapi -o suit_drive suit_drive.c
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/suit.h>

static unsigned char *slurp(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *b;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		return NULL;
	b = malloc(st.st_size ? st.st_size : 1);
	if (b && read(fd, b, st.st_size) != st.st_size) {
		free(b);
		b = NULL;
	}
	close(fd);
	*len = st.st_size;
	return b;
}

static int info(int fd)
{
	struct suit_ioc_info i;

	if (ioctl(fd, SUIT_IOC_GET_INFO, &i)) {
		perror("GET_INFO");
		return 1;
	}
	printf("abi %u keyring %d caps 0x%x comps %u max_env %u chunk %u seq %llu flags 0x%x\n",
	       i.abi_version, i.keyring, i.caps, i.num_components,
	       i.max_envelope, i.max_chunk, (unsigned long long)i.sequence,
	       i.flags);
	return 0;
}

static long pause_at = -1, pause_s;

/* SUIT_IOC_GET_FETCH_ARGS: print "fetch-args <hex>", then check ENOSPC. */
static void print_fetch_args(int fd, const struct suit_ioc_event *ev)
{
	unsigned char buf[SUIT_FETCH_ARGS_MAX];
	struct suit_ioc_fetch_args a = {
		.buf = (unsigned long)buf, .len = sizeof(buf),
		.fetch_id = ev->fetch_id,
	};
	unsigned int i;

	if (ioctl(fd, SUIT_IOC_GET_FETCH_ARGS, &a)) {
		perror("GET_FETCH_ARGS");
		return;
	}
	printf("fetch-args ");
	for (i = 0; i < a.len; i++)
		printf("%02x", buf[i]);
	printf(" len %u\n", ev->args_len);
	a.len = 0;
	if (ioctl(fd, SUIT_IOC_GET_FETCH_ARGS, &a) < 0 && errno == ENOSPC &&
	    a.len == ev->args_len)
		printf("fetch-args-enospc ok\n");
	a.fetch_id = ev->fetch_id + 1;
	a.len = sizeof(buf);
	if (ioctl(fd, SUIT_IOC_GET_FETCH_ARGS, &a) < 0 && errno == ESTALE)
		printf("fetch-args-estale ok\n");
}

static int drive(int fd, const char *envpath, size_t chunk, int cancel)
{
	long total = 0;
	struct suit_ioc_submit sub = { 0 };
	struct suit_ioc_result res;
	struct suit_ioc_report rep = { 0 };
	unsigned char *env, *buf = malloc(chunk);
	size_t envlen;
	int src = -1, done = 0;
	off_t pend = 0, plen = 0;
	unsigned char *pbuf = malloc(chunk);

	env = slurp(envpath, &envlen);
	if (!env || !buf || !pbuf) {
		fprintf(stderr, "cannot read %s\n", envpath);
		return 1;
	}
	sub.envelope = (unsigned long)env;
	sub.envelope_len = envlen;
	sub.flags = cancel == 4 ? SUIT_SUBMIT_INVOKE : SUIT_SUBMIT_UPDATE;
	/* resumed installs: start at the event's offset (unless told not to) */
	if (!getenv("SUIT_DRIVE_NO_OFFSET"))
		sub.flags |= SUIT_SUBMIT_FETCH_OFFSET;
	if (ioctl(fd, SUIT_IOC_SUBMIT, &sub)) {
		perror("SUBMIT");
		return 1;
	}
	while (!done) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (src >= 0)
			p.events |= POLLOUT;
		if (poll(&p, 1, 20000) <= 0) {
			fprintf(stderr, "poll timeout\n");
			return 1;
		}
		if (p.revents & POLLIN) {
			struct suit_ioc_event ev;

			if (read(fd, &ev, sizeof(ev)) != sizeof(ev)) {
				perror("read");
				return 1;
			}
			if (ev.type == SUIT_EVENT_FETCH) {
				printf("fetch %u: %s size %llu comp %u offset %llu\n",
				       ev.fetch_id, ev.uri,
				       (unsigned long long)ev.size,
				       ev.component,
				       (unsigned long long)ev.offset);
				if (ev.args_len)
					print_fetch_args(fd, &ev);
				if (cancel == 2)
					exit(3);	/* close() aborts */
				if (cancel == 1) {
					if (ioctl(fd, SUIT_IOC_CANCEL))
						perror("CANCEL");
					continue;
				}
				/* SUIT_FETCH_FILE serves any other URI */
				if (!strncmp(ev.uri, "file://", 7))
					src = open(ev.uri + 7, O_RDONLY);
				else if (getenv("SUIT_FETCH_FILE"))
					src = open(getenv("SUIT_FETCH_FILE"),
						   O_RDONLY);
				else
					src = -1;
				if (src >= 0 && ev.offset &&
				    lseek(src, (off_t)ev.offset, SEEK_SET) < 0) {
					close(src);
					src = -1;
				}
				if (src < 0) {
					struct suit_ioc_fetch_fail f = {
						.fetch_id = ev.fetch_id,
						.error = ENOENT };
					if (ioctl(fd, SUIT_IOC_FETCH_FAIL, &f))
						perror("FETCH_FAIL");
				}
				pend = 0;
				plen = 0;
			} else if (ev.type == SUIT_EVENT_DONE) {
				printf("done: error %d reason %u fetches %u\n",
				       ev.error, ev.reason, ev.fetch_id);
				done = 1;
			}
		}
		if (src >= 0 && (p.revents & POLLOUT)) {
			ssize_t n;

			if (pend == plen) {
				plen = read(src, pbuf, chunk);
				pend = 0;
				if (plen <= 0) {
					close(src);
					src = -1;
					if (write(fd, pbuf, 0) < 0)
						perror("write end");
					continue;
				}
			}
			n = write(fd, pbuf + pend, plen - pend);
			if (n < 0 && errno != EAGAIN) {
				perror("write");
				close(src);
				src = -1;
				continue;
			}
			if (n > 0) {
				pend += n;
				total += n;
				if (pause_at >= 0 && total >= pause_at) {
					sleep(pause_s);
					pause_at = -1;
				}
			}
		}
	}
	if (ioctl(fd, SUIT_IOC_GET_RESULT, &res)) {
		perror("GET_RESULT");
		return 1;
	}
	printf("result: state %u reason %u error %d section %d offset %u comp %u cmd %d seq %llu\n",
	       res.state, res.reason, res.error, res.section, res.offset,
	       res.component, res.command, (unsigned long long)res.sequence);
	rep.len = 0;
	if (ioctl(fd, SUIT_IOC_GET_REPORT, &rep) && errno != ENOSPC)
		perror("GET_REPORT(0)");
	printf("report needs %u bytes\n", rep.len);
	if (rep.len) {
		rep.buf = (unsigned long)buf;
		rep.len = rep.len < chunk ? rep.len : chunk;
		if (ioctl(fd, SUIT_IOC_GET_REPORT, &rep))
			perror("GET_REPORT");
		else
			printf("report %u bytes, first byte 0x%02x\n", rep.len,
			       buf[0]);
	}
	return res.state == SUIT_STATE_DONE ? 0 : 2;
}

static int expect(int ok, const char *what)
{
	if (ok)
		printf("errno-ok %s\n", what);
	else
		printf("errno-FAIL %s (errno %d)\n", what, errno);
	return !ok;
}

#define EXPECT(cond, what) (bad += expect(cond, what))

/* The documented errors of the ABI, on a device with a session. */
static int errnos(const char *envpath)
{
	struct suit_ioc_submit sub = { 0 };
	struct suit_ioc_result res;
	struct suit_ioc_event ev;
	struct suit_ioc_fetch_fail ff = { 0 };
	unsigned char *env, buf[64] = { 0 };
	size_t envlen;
	int fd, ro, bad = 0;

	env = slurp(envpath, &envlen);
	fd = open("/dev/suit", O_RDWR | O_NONBLOCK);
	ro = open("/dev/suit", O_RDONLY);
	if (!env || fd < 0 || ro < 0)
		return 1;
	EXPECT(ioctl(fd, _IO(SUIT_IOC_MAGIC, 0x7f)) < 0 && errno == ENOTTY, "ENOTTY");
	EXPECT(ioctl(fd, SUIT_IOC_GET_RESULT, &res) < 0 && errno == ENODATA, "result-ENODATA");
	EXPECT(ioctl(fd, SUIT_IOC_CANCEL) < 0 && errno == ENODATA, "cancel-ENODATA");
	EXPECT(write(fd, buf, 1) < 0 && errno == EPIPE, "write-EPIPE");
	EXPECT(read(fd, buf, 8) < 0 && errno == EINVAL, "read-EINVAL");
	EXPECT(read(fd, &ev, sizeof(ev)) == 0, "read-EOF-idle");
	sub.envelope = (unsigned long)env;
	sub.envelope_len = envlen;
	sub.flags = SUIT_SUBMIT_UPDATE;
	EXPECT(ioctl(ro, SUIT_IOC_SUBMIT, &sub) < 0 && errno == EBADF, "submit-EBADF");
	sub.reserved[1] = 1;
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) < 0 && errno == EINVAL, "submit-reserved-EINVAL");
	sub.reserved[1] = 0;
	sub.flags = 4;
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) < 0 && errno == EINVAL, "submit-flags-EINVAL");
	sub.flags = SUIT_SUBMIT_UPDATE;
	sub.envelope_len = SUIT_ENVELOPE_MAX + 1;
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) < 0 && errno == E2BIG, "submit-E2BIG");
	sub.envelope_len = envlen;
	sub.envelope = 8;
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) < 0 && errno == EFAULT, "submit-EFAULT");
	sub.envelope = (unsigned long)env;
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) == 0, "submit");
	EXPECT(ioctl(fd, SUIT_IOC_SUBMIT, &sub) < 0 && errno == EBUSY, "submit-EBUSY");
	EXPECT(ioctl(fd, SUIT_IOC_GET_RESULT, &res) < 0 && errno == EBUSY, "result-EBUSY");
	while (ioctl(fd, SUIT_IOC_GET_EVENT, &ev) < 0 && errno == EAGAIN)
		usleep(10000);
	EXPECT(ev.type == SUIT_EVENT_FETCH && ev.size > 0, "fetch-event");
	{
		struct suit_ioc_progress pr;

		if (ioctl(fd, SUIT_IOC_GET_PROGRESS, &pr) == 0)
			printf("progress: %u sec %d cmd %d comp %u %llu/%llu\n",
			       pr.state, pr.section, pr.command, pr.component,
			       (unsigned long long)pr.done,
			       (unsigned long long)pr.total);
		EXPECT(ioctl(fd, SUIT_IOC_GET_PROGRESS, &pr) == 0 &&
		       pr.state == SUIT_STATE_FETCHING && pr.section == 20 &&
		       pr.command == 21, "progress-fetching");
		EXPECT(write(fd, buf, 10) == 10, "write-10");
		EXPECT(ioctl(fd, SUIT_IOC_GET_PROGRESS, &pr) == 0 &&
		       pr.bytes_written == 10, "progress-bytes");
	}
	{
		size_t big = ev.size - 10 + 1;
		unsigned char *p = calloc(1, big);

		EXPECT(write(fd, p, big) < 0 && errno == EFBIG, "write-EFBIG");
		free(p);
	}
	ff.fetch_id = ev.fetch_id + 1;
	ff.error = EIO;
	EXPECT(ioctl(fd, SUIT_IOC_FETCH_FAIL, &ff) < 0 && errno == ESTALE, "fetchfail-ESTALE");
	ff.fetch_id = ev.fetch_id;
	ff.error = 0;
	EXPECT(ioctl(fd, SUIT_IOC_FETCH_FAIL, &ff) < 0 && errno == EINVAL, "fetchfail-EINVAL");
	ff.error = EIO;
	EXPECT(ioctl(fd, SUIT_IOC_FETCH_FAIL, &ff) == 0, "fetchfail");
	EXPECT(ioctl(fd, SUIT_IOC_FETCH_END) < 0 && errno == EPIPE, "fetchend-EPIPE");
	while (ioctl(fd, SUIT_IOC_GET_EVENT, &ev) < 0 && errno == EAGAIN)
		usleep(10000);
	EXPECT(ev.type == SUIT_EVENT_DONE && ev.error == -EIO, "done-EIO");
	EXPECT(ioctl(fd, SUIT_IOC_GET_RESULT, &res) == 0 && res.error == -EIO &&
	       res.state == SUIT_STATE_FAILED, "result-EIO");
	printf("errno checks: %d bad\n", bad);
	return bad ? 4 : 0;
}

int main(int argc, char **argv)
{
	int fd;

	if (argc >= 3 && !strcmp(argv[1], "errnos"))
		return errnos(argv[2]);
	if (argc >= 5 && !strcmp(argv[1], "addkey")) {
		size_t len;
		unsigned char *d = slurp(argv[4], &len);
		int ring;
		long id;

		fd = open("/sys/module/suit/parameters/keyring_serial", O_RDONLY);
		char s[32] = "";

		if (fd < 0 || read(fd, s, sizeof(s) - 1) <= 0 || !d)
			return 1;
		ring = atoi(s);
		id = syscall(SYS_add_key, argv[2], argv[3], d, len, ring);
		if (id < 0) {
			perror("add_key");
			return 1;
		}
		printf("key %ld in keyring %d\n", id, ring);
		return 0;
	}
	fd = open("/dev/suit", O_RDWR);
	if (fd < 0) {
		perror("/dev/suit");
		return 1;
	}
	if (argc >= 2 && !strcmp(argv[1], "info"))
		return info(fd);
	if (argc >= 6) {
		pause_at = atol(argv[4]);
		pause_s = atol(argv[5]);
	}
	if (argc >= 3 && !strcmp(argv[1], "install"))
		return drive(fd, argv[2], argc > 3 ? strtoul(argv[3], 0, 0) : 65536, 0);
	if (argc >= 3 && !strcmp(argv[1], "invoke"))
		return drive(fd, argv[2], 65536, 4);
	if (argc >= 3 && !strcmp(argv[1], "cancel"))
		return drive(fd, argv[2], 4096, 1);
	if (argc >= 3 && !strcmp(argv[1], "close"))
		return drive(fd, argv[2], 4096, 2);
	fprintf(stderr, "usage: see the source\n");
	return 1;
}
