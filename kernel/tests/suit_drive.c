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
	sub.flags = SUIT_SUBMIT_UPDATE;
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
				printf("fetch %u: %s size %llu comp %u\n",
				       ev.fetch_id, ev.uri,
				       (unsigned long long)ev.size,
				       ev.component);
				if (cancel) {
					if (ioctl(fd, SUIT_IOC_CANCEL))
						perror("CANCEL");
					continue;
				}
				src = strncmp(ev.uri, "file://", 7) ? -1 :
					open(ev.uri + 7, O_RDONLY);
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

int main(int argc, char **argv)
{
	int fd;

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
	if (argc >= 3 && !strcmp(argv[1], "cancel"))
		return drive(fd, argv[2], 4096, 1);
	fprintf(stderr, "usage: see the source\n");
	return 1;
}
