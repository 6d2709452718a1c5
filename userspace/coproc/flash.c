// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated flash in a file with a power-cut hook, and the two-copy
 * record. A record store erases and rewrites the copy that is NOT the
 * newest, so a cut at any point leaves the newest good copy intact; a load
 * takes the good copy (magic, version, CRC) with the highest generation.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flash.h"
#include "proto.h"

static long cut_after;
static bool cut_torn;
static long ops;
static const char *cut_name = "flash";

void flash_cut_setup(long after, bool torn, const char *name)
{
	cut_after = after;
	cut_torn = torn;
	cut_name = name;
}

long flash_ops(void)
{
	return ops;
}

/* Returns true when this operation is the one to tear. */
static bool cut_point(void)
{
	ops++;
	if (!cut_after || ops != cut_after)
		return false;
	if (cut_torn)
		return true;
	fprintf(stderr, "%s: power cut before operation %ld\n", cut_name, ops);
	_exit(FLASH_CUT_EXIT);
}

static void cut_now(void)
{
	fprintf(stderr, "%s: power cut during operation %ld\n", cut_name, ops);
	_exit(FLASH_CUT_EXIT);
}

void flash_step(void)
{
	if (cut_point())
		cut_now();	/* a message is sent whole or not at all */
}

static int pwrite_all(int fd, off_t off, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t w;

	while (len) {
		w = pwrite(fd, p, len, off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -EIO;
		p += w;
		off += w;
		len -= (size_t)w;
	}
	return 0;
}

/**
 * flash_erase() - erase a range (fill with 0xff): one flash operation
 * @fd: flash file
 * @off: offset
 * @len: length
 *
 * Return: 0 or -EIO.
 */
int flash_erase(int fd, off_t off, size_t len)
{
	uint8_t ff[4096];
	bool torn = cut_point();
	size_t n;
	int ret;

	if (torn)
		len /= 2;
	memset(ff, 0xff, sizeof(ff));
	while (len) {
		n = len < sizeof(ff) ? len : sizeof(ff);
		ret = pwrite_all(fd, off, ff, n);
		if (ret)
			return ret;
		off += n;
		len -= n;
	}
	if (torn)
		cut_now();
	return 0;
}

/**
 * flash_write() - program bytes: one flash operation
 * @fd: flash file
 * @off: offset
 * @buf: bytes
 * @len: length
 *
 * Return: 0 or -EIO.
 */
int flash_write(int fd, off_t off, const void *buf, size_t len)
{
	bool torn = cut_point();
	int ret;

	ret = pwrite_all(fd, off, buf, torn ? len / 2 : len);
	if (torn)
		cut_now();
	return ret;
}

int flash_read(int fd, off_t off, void *buf, size_t len)
{
	ssize_t r = pread(fd, buf, len, off);

	if (r < 0)
		return -errno;
	if ((size_t)r != len)
		memset((uint8_t *)buf + r, 0xff, len - (size_t)r);
	return 0;
}

static bool rec_good(const struct rec_file *r, const uint8_t *b)
{
	return get_le32(b) == r->magic && get_le32(b + 4) == 1 &&
	       proto_crc32(0, b, r->len - 4) == get_le32(b + r->len - 4);
}

/**
 * rec_load() - read the newest good copy
 * @r: the record file (@fd, @off, @magic, @len set)
 * @buf: @r->len bytes: the record, all zero after the header if none
 *
 * Return: 1 if a good copy was found, 0 if none, -errno on I/O error.
 */
int rec_load(struct rec_file *r, uint8_t *buf)
{
	uint8_t b[REC_MAX];
	int i, ret;

	if (r->len > REC_MAX || r->len < REC_HDR + 4)
		return -EINVAL;
	r->newest = -1;
	r->gen = 0;
	memset(buf, 0, r->len);
	for (i = 0; i < 2; i++) {
		ret = flash_read(r->fd, r->off[i], b, r->len);
		if (ret)
			return ret;
		if (!rec_good(r, b))
			continue;
		if (r->newest < 0 || get_le64(b + 8) > r->gen) {
			r->newest = i;
			r->gen = get_le64(b + 8);
			memcpy(buf, b, r->len);
		}
	}
	return r->newest >= 0;
}

/**
 * rec_store() - write a new record (two flash operations: erase, write)
 * @r: the record file, as left by rec_load() or rec_store()
 * @buf: the record; header and CRC are filled in here
 *
 * Return: 0 or -errno; on error the previous record is still the newest.
 */
int rec_store(struct rec_file *r, uint8_t *buf)
{
	int target = r->newest == 0 ? 1 : 0;
	int ret;

	put_le32(buf, r->magic);
	put_le32(buf + 4, 1);
	put_le64(buf + 8, r->gen + 1);
	put_le32(buf + r->len - 4, proto_crc32(0, buf, r->len - 4));
	ret = flash_erase(r->fd, r->off[target], REC_BLOCK);
	if (!ret)
		ret = flash_write(r->fd, r->off[target], buf, r->len);
	if (ret)
		return ret;
	r->newest = target;
	r->gen++;
	return 0;
}
