// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host unit tests of suit_bootmeta: build metadata records the way
 * kernel/meta.c writes them (layout from Documentation/device-classes.rst,
 * CRC from zlib, independent of the reader's own), then check which copy
 * the reader selects for good, corrupted, torn, blank and both-invalid
 * pairs. Records of version 1 (228 bytes, CRC at 224) and version 2 (388
 * bytes: a 160-byte resume journal at 224, CRC at 384) are built by hand.
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "suit_bootmeta.h"

#define BLOCK	4096

static int passed, failed;

static void check(int ok, const char *what, int line)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL: %s (line %d)\n", what, line);
}

#define CHECK(cond, what) check(!!(cond), what, __LINE__)

static void le32(unsigned char *p, unsigned long v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void le64(unsigned char *p, unsigned long long v)
{
	le32(p, (unsigned long)(v & 0xffffffffu));
	le32(p + 4, (unsigned long)(v >> 32));
}

/* The partition: two erase blocks, erased to 0xff. */
static unsigned char part[2 * BLOCK];
static int fail_read = -1;

static void erase(int copy)
{
	memset(part + copy * BLOCK, 0xff, BLOCK);
}

/* Write a record the way suit_meta_encode() does. */
static void put(int copy, unsigned long long gen, unsigned long long seq,
		int active0, int valid0, unsigned long long sz0,
		unsigned long long sz1)
{
	unsigned char *b = part + copy * BLOCK;
	int i;

	erase(copy);
	memset(b, 0, 228);
	le32(b, 0x54495553);
	le32(b + 4, 1);
	le64(b + 8, gen);
	le64(b + 16, seq);
	le32(b + 24, 8);
	le32(b + 28, seq ? 0x00000009u : 0);	/* bit 3: unknown, masked */
	for (i = 0; i < 8; i++) {
		b[32 + 24 * i] = i ? (unsigned char)(i & 1) : (unsigned char)active0;
		b[33 + 24 * i] = i ? 1 : (unsigned char)valid0;
		le64(b + 40 + 24 * i, i ? (unsigned long long)(100 + i) : sz0);
		le64(b + 48 + 24 * i, i ? (unsigned long long)(200 + i) : sz1);
	}
	le32(b + 224, crc32(0, b, 224));
}

static void recrc(int copy)
{
	unsigned char *b = part + copy * BLOCK;

	le32(b + 224, crc32(0, b, 224));
}

/* Version 2: journal entry of component @i at 224 + 32 + 16 * i. */
static void jr_entry(unsigned char *b, int i, unsigned long long kept,
		     int slot, int nth)
{
	unsigned char *e = b + 256 + 16 * i;

	le64(e, kept);
	e[8] = (unsigned char)slot;
	e[9] = (unsigned char)nth;
}

static void recrc2(int copy)
{
	unsigned char *b = part + copy * BLOCK;

	le32(b + 384, crc32(0, b, 384));
}

/*
 * A version 2 record: put()'s fields, version 2, a journal with an
 * envelope digest, components 1 and 5 journaled (5 with only the high
 * word of "kept" set), component 7 with slot and write number but
 * nothing kept (not resumable) and a non-zero "zero" byte (kept opaque).
 */
static void put2(int copy, unsigned long long gen, unsigned long long seq,
		 int active0, int valid0, unsigned long long sz0,
		 unsigned long long sz1)
{
	unsigned char *b = part + copy * BLOCK;
	int i;

	put(copy, gen, seq, active0, valid0, sz0, sz1);
	le32(b + 4, 2);
	for (i = 0; i < 32; i++)
		b[224 + i] = (unsigned char)(0xa0 + i);
	for (i = 0; i < 8; i++)
		jr_entry(b, i, 0, 0, 0);
	jr_entry(b, 1, 0x20000, 0, 1);
	jr_entry(b, 5, 0x100000000ull, 1, 2);
	jr_entry(b, 7, 0, 1, 3);
	b[256 + 16 * 7 + 15] = 0x5a;
	recrc2(copy);
}

static unsigned long get32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned long)p[3] << 24;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static int rd(void *ctx, uint64_t off, void *buf, size_t len)
{
	if (ctx != part || off + len > sizeof(part))
		return -1;
	if (fail_read >= 0 && off == (uint64_t)fail_read * BLOCK)
		return -1;
	memcpy(buf, part + off, len);
	return 0;
}

static int load(struct suit_bootmeta *m)
{
	return suit_bootmeta_load(rd, part, 0, BLOCK, m);
}

/* A record with a trial pending, written independently of the reader. */
static void put_trial(int copy, unsigned long long gen, unsigned long flags,
		      int active0, int valid0, int active2, int valid2)
{
	unsigned char *b = part + copy * BLOCK;

	put(copy, gen, 7, active0, valid0, 100, 200);
	le32(b + 28, flags);
	b[32 + 48] = (unsigned char)active2;
	b[33 + 48] = (unsigned char)valid2;
	recrc(copy);
}

static void test_trial(void)
{
	struct suit_bootmeta m, r;
	unsigned char rec[388];

	/* comps 0 and 2 on trial (mask 0x5), 1 trial boot made, max 2 */
	put_trial(0, 40, 0x00050103u, 1, 3, 1, 3);
	CHECK(load(&m) == 0 && m.flags == 0x00050103u, "trial flags decoded");
	CHECK(suit_bootmeta_decide(&m, 2) == SUIT_BOOTMETA_TRIALBOOT &&
	      m.flags == 0x00050203u && m.generation == 41 && m.active[0] == 1,
	      "trial boot 2 of 2 counted");
	/* write back as a bootloader does: the other copy, then reload */
	CHECK(suit_bootmeta_encode(&m, rec, sizeof(rec)) == 0, "encode");
	CHECK(get32(rec + 4) == 2 && crc32(0, rec, 384) == get32(rec + 384),
	      "encoded as version 2, CRC at 384 (zlib)");
	CHECK(all_zero(rec + 224, 160), "version 1 record: journal written as zero");
	memcpy(part + BLOCK, rec, sizeof(rec));
	CHECK(load(&r) == 0 && r.copy == 1 && r.generation == 41 &&
	      r.flags == 0x00050203u && r.size[0][1] == 200, "written back record wins");
	CHECK(memcmp(rec, part, 28) && !memcmp(rec + 32, part + 32, 192),
	      "only header fields changed");
	/* the next boot: expired, both components go back together */
	CHECK(suit_bootmeta_decide(&r, 2) == SUIT_BOOTMETA_ROLLBACK &&
	      r.active[0] == 0 && r.active[2] == 0 && r.active[1] == 1 &&
	      r.flags == (SUIT_BOOTMETA_HAS_SEQ | SUIT_BOOTMETA_FELLBACK),
	      "rollback of both components");
	CHECK(suit_bootmeta_decide(&r, 2) == SUIT_BOOTMETA_BOOT && r.generation == 42,
	      "after the rollback: plain boot, no write");
	/* comp 2 has no valid previous image: nobody goes back */
	put_trial(0, 50, 0x00050203u, 1, 3, 1, 2);
	CHECK(load(&m) == 0 && suit_bootmeta_decide(&m, 2) == SUIT_BOOTMETA_KEPT &&
	      m.active[0] == 1 && m.active[2] == 1 && m.flags == SUIT_BOOTMETA_HAS_SEQ,
	      "all or none: kept when one component cannot go back");
	/* confirmed (no trial flag) and trials disabled */
	put_trial(0, 60, 0x00000005u, 1, 3, 0, 1);
	CHECK(load(&m) == 0 && suit_bootmeta_decide(&m, 2) == SUIT_BOOTMETA_BOOT &&
	      m.generation == 60 && m.flags == 5, "no trial: boot, unchanged");
	put_trial(0, 61, 0x00010303u, 1, 3, 0, 1);
	CHECK(load(&m) == 0 && suit_bootmeta_decide(&m, 0) == SUIT_BOOTMETA_BOOT,
	      "max_tries 0: no trial handling");
	/* in-place interrupted mask and the kernel-unknown bits */
	put_trial(0, 62, 0x020000f9u, 0, 1, 0, 1);
	CHECK(load(&m) == 0 && m.flags == 0x02000001u, "ip mask kept, bits 3-7 masked");
	CHECK(suit_bootmeta_decide(NULL, 1) == SUIT_BOOTMETA_EINVAL &&
	      suit_bootmeta_encode(&m, rec, 100) == SUIT_BOOTMETA_EINVAL &&
	      suit_bootmeta_encode(&m, rec, 228) == SUIT_BOOTMETA_EINVAL &&
	      suit_bootmeta_encode(&m, rec, 387) == SUIT_BOOTMETA_EINVAL, "bad arguments");
}

static void test_v2(void)
{
	unsigned char rec[388], jr[160];
	struct suit_bootmeta m, r;
	int ret;

	/* a version 2 record: fields as version 1, journal kept verbatim */
	erase(1);
	put2(0, 70, 21, 1, 3, 4096, 8192);
	memcpy(jr, part + 224, sizeof(jr));
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 0 && m.generation == 70 && m.sequence == 21 &&
	      m.active[0] == 1 && m.valid[0] == 3 && m.size[0][1] == 8192 &&
	      m.size[7][1] == 207 && m.flags == SUIT_BOOTMETA_HAS_SEQ,
	      "version 2 record decoded");
	CHECK(!memcmp(m.journal, jr, sizeof(jr)), "version 2: journal bytes decoded");
	CHECK(suit_bootmeta_resumable(&m) == 0x22,
	      "resumable: components 1 and 5 (kept != 0), not 7");
	CHECK(suit_bootmeta_resumable(NULL) == 0, "resumable of NULL");

	/* buffer length per version */
	CHECK(suit_bootmeta_decode(part, 388, &r) == 0 && r.generation == 70,
	      "version 2 in 388 bytes");
	CHECK(suit_bootmeta_decode(part, 228, &r) == SUIT_BOOTMETA_EINVAL &&
	      r.copy == -1 && r.generation == 0, "version 2 in a version 1 buffer: EINVAL");
	CHECK(suit_bootmeta_decode(part, 387, &r) == SUIT_BOOTMETA_EINVAL,
	      "version 2 in 387 bytes: EINVAL");
	CHECK(suit_bootmeta_decode(part, 227, &r) == SUIT_BOOTMETA_EINVAL,
	      "227 bytes: EINVAL");

	/* the CRC covers the journal and sits at 384 */
	part[300] ^= 0x01;
	CHECK(suit_bootmeta_decode(part, 388, &r) == SUIT_BOOTMETA_ECRC &&
	      r.copy == -1 && suit_bootmeta_resumable(&r) == 0,
	      "flipped journal byte: ECRC");
	part[300] ^= 0x01;
	part[386] ^= 0x80;
	CHECK(suit_bootmeta_decode(part, 388, &r) == SUIT_BOOTMETA_ECRC,
	      "flipped CRC byte at 386: ECRC");
	part[386] ^= 0x80;
	/* a version 2 record that carries a version 1 CRC at 224 only */
	put2(1, 71, 21, 1, 3, 4096, 8192);
	recrc(1);
	CHECK(suit_bootmeta_decode(part + BLOCK, 388, &r) == SUIT_BOOTMETA_ECRC,
	      "version 2 with the CRC at 224: ECRC");
	CHECK(load(&r) == 0 && r.copy == 0 && r.generation == 70,
	      "corrupt version 2 copy skipped");

	/* a version 1 record decodes with an all-zero journal */
	put(1, 72, 22, 0, 1, 10, 0);
	CHECK(suit_bootmeta_decode(part + BLOCK, 228, &r) == 0 && r.generation == 72,
	      "version 1 in 228 bytes");
	CHECK(load(&r) == 0 && r.copy == 1 && r.generation == 72 &&
	      all_zero(r.journal, sizeof(r.journal)) && suit_bootmeta_resumable(&r) == 0,
	      "version 1 record: journal zero, nothing resumable");
	/* version 1 and 2 copies side by side: the generation decides */
	put2(0, 73, 23, 1, 3, 4096, 8192);
	CHECK(load(&r) == 0 && r.copy == 0 && r.generation == 73 &&
	      suit_bootmeta_resumable(&r) == 0x22, "newer version 2 copy wins over version 1");

	/* trial boot counted and written back: journal unchanged */
	put2(0, 80, 30, 1, 3, 4096, 8192);
	part[28] = 0x03;		/* sequence, trial */
	part[30] = 0x01;		/* component 0 on trial, 0 tries made */
	recrc2(0);
	erase(1);
	CHECK(load(&m) == 0 && suit_bootmeta_decide(&m, 2) == SUIT_BOOTMETA_TRIALBOOT &&
	      m.generation == 81, "version 2 trial boot counted");
	CHECK(suit_bootmeta_encode(&m, rec, sizeof(rec)) == 0 && get32(rec + 4) == 2 &&
	      crc32(0, rec, 384) == get32(rec + 384), "encode: version 2, CRC at 384");
	CHECK(!memcmp(rec + 224, jr, sizeof(jr)), "encode: journal bytes preserved");
	CHECK(!memcmp(rec + 32, part + 32, 192) && get32(rec + 28) == 0x00010103u,
	      "encode: components unchanged, one trial boot counted");
	memcpy(part + BLOCK, rec, sizeof(rec));
	/* expired: rolled back, journal still there, and again after that */
	CHECK(load(&r) == 0 && r.copy == 1 && r.generation == 81 &&
	      suit_bootmeta_decide(&r, 1) == SUIT_BOOTMETA_ROLLBACK && r.active[0] == 0,
	      "version 2 rollback");
	erase(0);
	CHECK(suit_bootmeta_encode(&r, part, 388) == 0 && load(&m) == 0 &&
	      m.copy == 0 && m.generation == 82 && m.active[0] == 0 &&
	      m.flags == (SUIT_BOOTMETA_HAS_SEQ | SUIT_BOOTMETA_FELLBACK),
	      "rolled-back record reloaded");
	CHECK(!memcmp(part + 224, jr, sizeof(jr)) &&
	      !memcmp(m.journal, jr, sizeof(jr)) && suit_bootmeta_resumable(&m) == 0x22,
	      "journal preserved across two write backs");
}

int main(void)
{
	struct suit_bootmeta m;
	int ret;

	CHECK(SUIT_BOOTMETA_LEN == 388 && SUIT_BOOTMETA_V1_LEN == 228 &&
	      SUIT_BOOTMETA_JOURNAL_LEN == 160,
	      "record length is 388 bytes (version 1: 228, journal 160)");
	CHECK(suit_bootmeta_crc32((const uint8_t *)"123456789", 9) == 0xcbf43926u,
	      "CRC-32 check value");

	/* both valid: the higher generation wins, whichever copy holds it */
	put(0, 5, 10, 0, 1, 1000, 0);
	put(1, 6, 11, 1, 3, 1000, 2000);
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 1 && m.generation == 6 && m.sequence == 11 &&
	      m.active[0] == 1 && m.valid[0] == 3 && m.size[0][0] == 1000 &&
	      m.size[0][1] == 2000 && m.flags == SUIT_BOOTMETA_HAS_SEQ,
	      "newer copy 1 selected");
	CHECK(m.active[3] == 1 && m.valid[3] == 1 && m.size[3][0] == 103 &&
	      m.size[3][1] == 203 && m.size[7][1] == 207, "all 8 components decoded");
	CHECK(suit_bootmeta_boot_slot(&m, 0) == 1, "boot slot 1");
	put(0, 8, 12, 0, 3, 1500, 2000);
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 0 && m.generation == 8 && m.active[0] == 0 &&
	      m.size[0][0] == 1500, "newer copy 0 selected");

	/* torn write of the newer copy: second half still erased */
	put(1, 9, 13, 1, 3, 1500, 3000);
	memset(part + BLOCK + 114, 0xff, 228 - 114);
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 0 && m.generation == 8, "torn newer copy ignored");
	/* torn erase: only part of the block erased, header intact */
	put(1, 9, 13, 1, 3, 1500, 3000);
	memset(part + BLOCK, 0xff, 100);
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 0, "half-erased copy ignored");

	/* a single flipped bit in the newer copy */
	put(1, 9, 13, 1, 3, 1500, 3000);
	part[BLOCK + 50] ^= 0x10;
	ret = load(&m);
	CHECK(ret == 0 && m.copy == 0 && m.sequence == 12, "corrupted newer copy ignored");
	CHECK(suit_bootmeta_decode(part + BLOCK, 228, &m) == SUIT_BOOTMETA_ECRC &&
	      m.copy == -1, "decode reports the CRC error");

	/* good CRC but wrong magic / version / component count */
	put2(1, 9, 13, 1, 3, 1500, 3000);
	part[BLOCK + 4] = 3;
	recrc2(1);
	CHECK(load(&m) == 0 && m.copy == 0, "version 3 copy not taken");
	CHECK(suit_bootmeta_decode(part + BLOCK, 388, &m) == SUIT_BOOTMETA_EFORMAT,
	      "version 3 is a format error");
	put(1, 9, 13, 1, 3, 1500, 3000);
	part[BLOCK + 4] = 0;
	recrc(1);
	CHECK(suit_bootmeta_decode(part + BLOCK, 388, &m) == SUIT_BOOTMETA_EFORMAT,
	      "version 0 is a format error");
	put(1, 9, 13, 1, 3, 1500, 3000);
	part[BLOCK + 24] = 7;
	recrc(1);
	CHECK(load(&m) == 0 && m.copy == 0, "component count 7 not taken");
	put(1, 9, 13, 1, 3, 1500, 3000);
	part[BLOCK] = 'X';
	recrc(1);
	CHECK(load(&m) == 0 && m.copy == 0, "bad magic not taken");

	/* read error on one copy */
	put(1, 9, 13, 1, 3, 1500, 3000);
	fail_read = 1;
	CHECK(load(&m) == 0 && m.copy == 0, "unreadable copy skipped");
	fail_read = 0;
	CHECK(load(&m) == 0 && m.copy == 1 && m.generation == 9, "other copy after read error");
	fail_read = -1;

	/* a record without an accepted manifest: flags 0 */
	put(1, 50, 0, 0, 1, 10, 0);
	CHECK(load(&m) == 0 && m.copy == 1 && m.flags == 0, "flags 0 without sequence");

	/* equal generations: copy 0, as the kernel */
	put(0, 20, 1, 0, 1, 10, 0);
	put(1, 20, 2, 1, 2, 0, 10);
	CHECK(load(&m) == 0 && m.copy == 0 && m.sequence == 1, "equal generations: copy 0");

	/* both invalid (blank, torn): no record, defaults */
	erase(0);
	erase(1);
	ret = load(&m);
	CHECK(ret == SUIT_BOOTMETA_ENOVALID && m.copy == -1 && m.sequence == 0 &&
	      m.flags == 0 &&
	      m.active[0] == 0 && m.valid[0] == 0, "blank partition: no valid copy");
	CHECK(suit_bootmeta_boot_slot(&m, 0) == -1, "nothing bootable on blank");
	put(0, 3, 1, 0, 1, 10, 0);
	part[10] ^= 1;
	put(1, 4, 1, 0, 1, 10, 0);
	memset(part + BLOCK + 200, 0xff, 28);
	CHECK(load(&m) == SUIT_BOOTMETA_ENOVALID, "both copies corrupt: no valid copy");

	/* active out of range reads as 0 (kernel behaviour); boot fallback */
	put(0, 30, 5, 5, 1, 10, 0);
	CHECK(load(&m) == 0 && m.active[0] == 0, "active slot 5 reads as 0");
	put(0, 31, 5, 1, 1, 10, 0);
	CHECK(load(&m) == 0 && suit_bootmeta_boot_slot(&m, 0) == 0,
	      "active slot invalid: fall back to the valid one");
	CHECK(suit_bootmeta_boot_slot(&m, 8) == -1, "component out of range");
	CHECK(suit_bootmeta_load(NULL, part, 0, BLOCK, &m) == SUIT_BOOTMETA_EINVAL,
	      "no read callback");
	CHECK(suit_bootmeta_decode(part, 100, &m) == SUIT_BOOTMETA_EINVAL, "short buffer");

	test_trial();
	test_v2();

	printf("bootmeta: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
