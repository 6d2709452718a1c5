// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool shared helpers.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "tool_util.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "suit-tool: out of memory\n");
		exit(SUIT_EXIT_USAGE);
	}
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (!p) {
		fprintf(stderr, "suit-tool: out of memory\n");
		exit(SUIT_EXIT_USAGE);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "suit-tool: out of memory\n");
		exit(SUIT_EXIT_USAGE);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void tool_err(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "suit-tool %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

uint8_t *tool_read_file(const char *cmd, const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f) {
		tool_err(cmd, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = xrealloc(buf, cap);
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	if (ferror(f)) {
		tool_err(cmd, "cannot read %s: %s", path, strerror(errno));
		free(buf);
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

int tool_write_file(const char *cmd, const char *path, const void *p,
		    size_t len, int mode)
{
	char *dup, *dir, *tmp;
	int fd;
	size_t off = 0;
	ssize_t w;

	if (!strcmp(path, "-")) {
		if (fwrite(p, 1, len, stdout) != len || fflush(stdout)) {
			tool_err(cmd, "cannot write to stdout");
			return -1;
		}
		return 0;
	}
	dup = xstrdup(path);
	dir = dirname(dup);
	tmp = xmalloc(strlen(dir) + 32);
	snprintf(tmp, strlen(dir) + 32, "%s/.suit-tool.XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0) {
		tool_err(cmd, "cannot create a file in %s: %s", dir, strerror(errno));
		free(dup);
		free(tmp);
		return -1;
	}
	while (off < len) {
		w = write(fd, (const uint8_t *)p + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += w;
	}
	if (fchmod(fd, mode) || fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path))
		goto fail;
	free(dup);
	free(tmp);
	return 0;
fail:
	tool_err(cmd, "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(dup);
	free(tmp);
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long tool_unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex), i;

	if (n % 2 || n / 2 > cap)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int a = hexval(hex[2 * i]), b = hexval(hex[2 * i + 1]);

		if (a < 0 || b < 0)
			return -1;
		out[i] = (uint8_t)(a << 4 | b);
	}
	return (long)(n / 2);
}

uint8_t *tool_unhex_alloc(const char *hex, size_t *len)
{
	size_t n = strlen(hex) / 2;
	uint8_t *p = xmalloc(n + 1);
	long r = tool_unhex(hex, p, n);

	if (r < 0) {
		free(p);
		return NULL;
	}
	*len = (size_t)r;
	return p;
}

char *tool_hex(const uint8_t *p, size_t len)
{
	static const char d[] = "0123456789abcdef";
	char *s = xmalloc(len * 2 + 1);
	size_t i;

	for (i = 0; i < len; i++) {
		s[2 * i] = d[p[i] >> 4];
		s[2 * i + 1] = d[p[i] & 15];
	}
	s[len * 2] = 0;
	return s;
}

int tool_hash(int alg, const uint8_t *p, size_t len, uint8_t *out, size_t *out_len)
{
	const EVP_MD *md;
	unsigned int n = 0;

	switch (alg) {
	case -16:
		md = EVP_sha256();
		break;
	case -43:
		md = EVP_sha384();
		break;
	case -44:
		md = EVP_sha512();
		break;
	default: return -1;
	}
	if (!EVP_Digest(p, len, out, &n, md, NULL))
		return -1;
	*out_len = n;
	return 0;
}

const uint8_t tool_uuid_ns_dns[16] = {
	0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
};

int tool_parse_uuid(const char *s, uint8_t out[16])
{
	char hex[33];
	size_t n = 0;

	for (; *s && n < 33; s++) {
		if (*s == '-')
			continue;
		hex[n++] = *s;
	}
	if (n != 32 || *s)
		return -1;
	hex[32] = 0;
	return tool_unhex(hex, out, 16) == 16 ? 0 : -1;
}

void tool_uuid5(const uint8_t ns[16], const void *name, size_t len, uint8_t out[16])
{
	uint8_t *buf = xmalloc(16 + len), md[EVP_MAX_MD_SIZE];
	unsigned int n;

	memcpy(buf, ns, 16);
	memcpy(buf + 16, name, len);
	EVP_Digest(buf, 16 + len, md, &n, EVP_sha1(), NULL);
	free(buf);
	memcpy(out, md, 16);
	out[6] = (out[6] & 0x0f) | 0x50;
	out[8] = (out[8] & 0x3f) | 0x80;
}

bool tool_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return false;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] || *i + 1 >= argc)
		return false;
	*val = argv[++*i];
	return true;
}

bool tool_help_requested(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}
