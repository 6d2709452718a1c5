// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit_bench: measurements for the install benchmark, run inside UML.
 *
 *   suit_bench install ENVELOPE URI FILE [mem]
 *	Install through /dev/suit (libsuit), serving URI from FILE (read
 *	into memory first, so only the install is timed). Prints
 *	install_seconds and install_MBps. With "mem", also the peak growth
 *	of the kernel's Slab, VmallocUsed and KernelStack (from
 *	/proc/meminfo, sampled at every MiB written) over their values
 *	before the submit; without it nothing but the install runs in the
 *	timed span (no progress ioctl, no /proc reads), for throughput.
 *   suit_bench sha256 FILE
 *	The kernel's own SHA-256 rate over the same bytes: FILE is read into
 *	memory first, then hashed through AF_ALG ("hash", "sha256") in 1 MiB
 *	sends. Prints sha256_seconds, sha256_MBps and the digest.
 *
 * Output lines are "NAME: VALUE"; the exit status is 0 only on success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "libsuit.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct mem {
	long slab, vmalloc, kstack;
};

static void meminfo(struct mem *m)
{
	char line[256];
	FILE *f = fopen("/proc/meminfo", "r");

	memset(m, 0, sizeof(*m));
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Slab: %ld", &m->slab);
		sscanf(line, "VmallocUsed: %ld", &m->vmalloc);
		sscanf(line, "KernelStack: %ld", &m->kstack);
	}
	fclose(f);
}

struct sampler {
	struct mem base, peak;
	unsigned long long next;
};

static void sample(struct sampler *s)
{
	struct mem m;

	meminfo(&m);
	if (m.slab > s->peak.slab)
		s->peak.slab = m.slab;
	if (m.vmalloc > s->peak.vmalloc)
		s->peak.vmalloc = m.vmalloc;
	if (m.kstack > s->peak.kstack)
		s->peak.kstack = m.kstack;
}

static void progress(void *arg, const struct suit_ioc_progress *p)
{
	struct sampler *s = arg;

	if (p->bytes_written >= s->next) {
		sample(s);
		s->next = p->bytes_written + (1U << 20);
	}
}

/*
 * A source serving one URI from memory: the image is read before the
 * baseline sample, so the page cache of the file (its xarray nodes are
 * slab) is not counted as install memory.
 */
struct mem_source {
	const char *uri;
	const uint8_t *buf;
	size_t len, off;
};

static int msrc_open(void *priv, const struct suit_fetch_req *req, void **handle)
{
	struct mem_source *m = priv;

	if (strcmp(req->uri, m->uri))
		return -ENOENT;
	m->off = req->offset < m->len ? (size_t)req->offset : m->len;
	*handle = m;
	return 0;
}

static ssize_t msrc_read(void *priv, void *handle, void *buf, size_t len)
{
	struct mem_source *m = priv;

	if (len > m->len - m->off)
		len = m->len - m->off;
	memcpy(buf, m->buf + m->off, len);
	m->off += len;
	return (ssize_t)len;
}

/* The same bytes without the copy: libsuit writes from the image itself. */
static ssize_t msrc_map(void *priv, void *handle, const void **ptr, size_t len)
{
	struct mem_source *m = priv;

	if (len > m->len - m->off)
		len = m->len - m->off;
	*ptr = m->buf + m->off;
	m->off += len;
	return (ssize_t)len;
}

static const struct suit_source_ops msrc_ops = {
	.open = msrc_open,
	.read = msrc_read,
	.map = msrc_map,
	.flags = SUIT_SOURCE_OFFSET,	/* msrc_open() starts at req->offset */
};

static int cmd_install(const char *envp, const char *uri, const char *file,
		       int mem)
{
	struct mem_source ms = { .uri = uri };
	uint8_t *img;
	struct suit_ioc_result res;
	struct suit_ioc_progress p;
	struct suit_client *c;
	struct sampler s;
	uint8_t *env;
	size_t len;
	double t0, t1;
	int r;

	r = suit_read_file(file, &img, &ms.len, 1UL << 30);
	if (r) {
		fprintf(stderr, "suit_bench: %s: %s\n", file, strerror(-r));
		return 1;
	}
	ms.buf = img;
	r = suit_read_file(envp, &env, &len, SUIT_ENVELOPE_MAX);
	if (r) {
		fprintf(stderr, "suit_bench: %s: %s\n", envp, strerror(-r));
		return 1;
	}
	r = suit_open(NULL, &c);
	if (r) {
		fprintf(stderr, "suit_bench: /dev/suit: %s\n", strerror(-r));
		return 1;
	}
	memset(&s, 0, sizeof(s));
	meminfo(&s.base);
	s.peak = s.base;
	t0 = now();
	r = suit_submit(c, env, len, SUIT_SUBMIT_UPDATE);
	if (!r)
		r = suit_run(c, &msrc_ops, &ms, mem ? progress : NULL, &s);
	t1 = now();
	sample(&s);
	suit_get_result(c, &res);
	suit_get_progress(c, &p);
	suit_close(c);
	free(env);
	free(img);
	if (r || res.state != SUIT_STATE_DONE) {
		fprintf(stderr, "suit_bench: install failed: %d, reason %u (%s), error %d\n",
			r, res.reason, suit_reason_str(res.reason), res.error);
		return 1;
	}
	printf("install_bytes: %llu\n", (unsigned long long)p.bytes_written);
	printf("install_seconds: %.3f\n", t1 - t0);
	printf("install_MBps: %.2f\n", p.bytes_written / 1048576.0 / (t1 - t0));
	if (!mem)
		return 0;
	printf("slab_peak_delta_kB: %ld\n", s.peak.slab - s.base.slab);
	printf("vmalloc_peak_delta_kB: %ld\n", s.peak.vmalloc - s.base.vmalloc);
	printf("kernel_stack_peak_delta_kB: %ld\n", s.peak.kstack - s.base.kstack);
	return 0;
}

static int cmd_sha256(const char *file)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG,
		.salg_type = "hash",
		.salg_name = "sha256",
	};
	unsigned char md[32];
	uint8_t *buf;
	size_t len, off;
	double t0, t1;
	int tfm, op, r, i;

	r = suit_read_file(file, &buf, &len, 1UL << 30);
	if (r) {
		fprintf(stderr, "suit_bench: %s: %s\n", file, strerror(-r));
		return 1;
	}
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "suit_bench: AF_ALG sha256: %s (CONFIG_CRYPTO_USER_API_HASH?)\n",
			strerror(errno));
		return 1;
	}
	op = accept(tfm, NULL, 0);
	if (op < 0) {
		perror("suit_bench: accept");
		return 1;
	}
	t0 = now();
	for (off = 0; off < len; ) {
		size_t n = len - off > (1U << 20) ? (1U << 20) : len - off;
		ssize_t w = send(op, buf + off, n, off + n < len ? MSG_MORE : 0);

		if (w <= 0) {
			perror("suit_bench: send");
			return 1;
		}
		off += (size_t)w;
	}
	if (read(op, md, sizeof(md)) != sizeof(md)) {
		perror("suit_bench: read digest");
		return 1;
	}
	t1 = now();
	printf("sha256_bytes: %zu\n", len);
	printf("sha256_seconds: %.3f\n", t1 - t0);
	printf("sha256_MBps: %.2f\n", len / 1048576.0 / (t1 - t0));
	printf("sha256_digest: ");
	for (i = 0; i < 32; i++)
		printf("%02x", md[i]);
	printf("\n");
	close(op);
	close(tfm);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	if ((argc == 5 || (argc == 6 && !strcmp(argv[5], "mem"))) &&
	    !strcmp(argv[1], "install"))
		return cmd_install(argv[2], argv[3], argv[4], argc == 6);
	if (argc == 3 && !strcmp(argv[1], "sha256"))
		return cmd_sha256(argv[2]);
	fprintf(stderr, "usage: suit_bench install ENVELOPE URI FILE [mem] | sha256 FILE\n");
	return 2;
}
