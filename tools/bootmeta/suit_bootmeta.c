// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * suit_bootmeta: portable reader of the linux-suit metadata record.
 *
 * Record version 2 (kernel/meta.c), little endian, SUIT_BOOTMETA_LEN
 * (388) bytes at the start of each of the first two good erase blocks of
 * the metadata partition:
 *
 *   0  u32 magic "SUIT"    4  u32 version (2, or 1: see below)
 *   8  u64 generation      16 u64 sequence
 *   24 u32 components (8)  28 u32 flags: bit 0 sequence valid, bit 1
 *      trial pending, bit 2 last trial rolled back, bits 8-15 trial
 *      boots made, bits 16-23 components on trial, bits 24-31 in-place
 *      installs interrupted
 *   32 8 x { u8 active, u8 valid bitmap, 6 bytes zero, u64 size[2] }
 *   224 resume journal (SUIT_BOOTMETA_JOURNAL_LEN, 160 bytes): u8
 *      envelope SHA-256[32], then 8 x { u64 bytes kept, u8 slot, u8 write
 *      number, 6 bytes zero }
 *   384 u32 CRC-32 (IEEE 802.3, as zlib crc32()) of bytes 0..383
 *
 * Version 1 (SUIT_BOOTMETA_V1_LEN, 228 bytes) is the same without the
 * journal: its CRC, of bytes 0..223, is at 224. It is read as a version 2
 * record with an all-zero journal; suit_bootmeta_encode() always writes
 * version 2, with the journal it was given.
 *
 * The valid copy with the highest generation is the current record; on
 * equal generations copy 0 wins (as in suit_meta_load()).
 */
#include "suit_bootmeta.h"

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const uint8_t *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static void clear(struct suit_bootmeta *m)
{
	uint8_t *p = (uint8_t *)m;
	size_t i;

	for (i = 0; i < sizeof(*m); i++)
		p[i] = 0;
	m->copy = -1;
}

/**
 * suit_bootmeta_crc32() - CRC-32 as the kernel's crc32_le(~0, p, len) ^ ~0
 * @p: data
 * @len: its length
 *
 * Return: the CRC (bitwise, no table: small code for a bootloader).
 */
uint32_t suit_bootmeta_crc32(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffu;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return crc ^ 0xffffffffu;
}

/**
 * suit_bootmeta_decode() - check and decode one copy
 * @rec: the copy's bytes
 * @len: their number: at least SUIT_BOOTMETA_V1_LEN for a version 1
 *	record, SUIT_BOOTMETA_LEN for version 2 (the CRC is at the end of
 *	the record's own version length)
 * @m: result (cleared on error)
 *
 * An active slot number out of range reads as 0, as in the kernel. A
 * version 1 record decodes with an all-zero @m->journal.
 *
 * Return: SUIT_BOOTMETA_OK, _EFORMAT, _ECRC or _EINVAL (also when @len is
 * too short for the record's version).
 */
int suit_bootmeta_decode(const uint8_t *rec, size_t len,
			 struct suit_bootmeta *m)
{
	const uint8_t *c;
	unsigned int i;
	uint32_t ver;
	size_t rlen;

	if (!m)
		return SUIT_BOOTMETA_EINVAL;
	clear(m);
	if (!rec || len < SUIT_BOOTMETA_V1_LEN)
		return SUIT_BOOTMETA_EINVAL;
	ver = get_le32(rec + 4);
	if (get_le32(rec) != SUIT_BOOTMETA_MAGIC ||
	    (ver != 1u && ver != SUIT_BOOTMETA_VERSION) ||
	    get_le32(rec + 24) != SUIT_BOOTMETA_COMPS)
		return SUIT_BOOTMETA_EFORMAT;
	rlen = ver == 1u ? SUIT_BOOTMETA_V1_LEN : SUIT_BOOTMETA_LEN;
	if (len < rlen)
		return SUIT_BOOTMETA_EINVAL;
	if (suit_bootmeta_crc32(rec, rlen - 4) != get_le32(rec + rlen - 4))
		return SUIT_BOOTMETA_ECRC;
	m->generation = get_le64(rec + 8);
	m->sequence = get_le64(rec + 16);
	m->flags = get_le32(rec + 28) & SUIT_BOOTMETA_KNOWN;
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++) {
		c = rec + 32 + i * SUIT_BOOTMETA_COMP_SIZE;
		m->active[i] = c[0] < SUIT_BOOTMETA_SLOTS ? c[0] : 0;
		m->valid[i] = c[1];
		m->size[i][0] = get_le64(c + 8);
		m->size[i][1] = get_le64(c + 16);
	}
	if (ver != 1u)
		for (i = 0; i < SUIT_BOOTMETA_JOURNAL_LEN; i++)
			m->journal[i] = rec[SUIT_BOOTMETA_JOURNAL + i];
	return SUIT_BOOTMETA_OK;
}

/**
 * suit_bootmeta_load() - read both copies and select the current record
 * @read: read callback for the metadata partition
 * @ctx: passed to @read
 * @off0: offset of copy 0 (the first good erase block)
 * @off1: offset of copy 1 (the second good erase block)
 * @m: the selected record; when neither copy is valid, all zero (slot 0
 *	active, nothing valid, sequence 0: what suit.ko assumes) and
 *	@m->copy == -1
 *
 * @read is asked for SUIT_BOOTMETA_LEN bytes at each offset (a version 1
 * copy uses only the first SUIT_BOOTMETA_V1_LEN of them).
 *
 * Return: SUIT_BOOTMETA_OK, _ENOVALID or _EINVAL.
 */
int suit_bootmeta_load(suit_bootmeta_read_fn read, void *ctx,
		       uint64_t off0, uint64_t off1, struct suit_bootmeta *m)
{
	uint8_t buf[SUIT_BOOTMETA_LEN];
	struct suit_bootmeta cur;
	uint64_t off[2];
	int i, found = 0;

	if (!m)
		return SUIT_BOOTMETA_EINVAL;
	clear(m);
	if (!read)
		return SUIT_BOOTMETA_EINVAL;
	off[0] = off0;
	off[1] = off1;
	for (i = 0; i < 2; i++) {
		if (read(ctx, off[i], buf, sizeof(buf)))
			continue;
		if (suit_bootmeta_decode(buf, sizeof(buf), &cur))
			continue;
		if (!found || cur.generation > m->generation) {
			*m = cur;
			m->copy = i;
			found = 1;
		}
	}
	return found ? SUIT_BOOTMETA_OK : SUIT_BOOTMETA_ENOVALID;
}

/**
 * suit_bootmeta_boot_slot() - the slot a bootloader should start
 * @m: the current record
 * @comp: component index (its position in the device tree's component
 *	list of suit.ko)
 *
 * Return: the active slot if it is marked valid; otherwise the other
 * slot if that one is valid (a fallback the bootloader may refuse);
 * otherwise -1.
 */
int suit_bootmeta_boot_slot(const struct suit_bootmeta *m, unsigned int comp)
{
	unsigned int a;

	if (!m || comp >= SUIT_BOOTMETA_COMPS)
		return -1;
	a = m->active[comp];
	if (m->valid[comp] & (1u << a))
		return (int)a;
	if (m->valid[comp] & (1u << (a ^ 1u)))
		return (int)(a ^ 1u);
	return -1;
}

/**
 * suit_bootmeta_resumable() - components with a journaled write
 * @m: the current record
 *
 * The kernel journals how much of an install it has written for good, so
 * that submitting the same envelope again after a power cut resumes the
 * write instead of starting over (an in-place component then has no
 * complete image until it is done: see the interrupted mask in @m->flags).
 * A bootloader only needs to know that such a write is pending, and must
 * write the journal back unchanged (suit_bootmeta_encode() does).
 *
 * Return: bit i set when component i has a non-zero "bytes kept" in the
 * journal (as suit_resume_mask() in the kernel); 0 for a NULL @m.
 */
uint32_t suit_bootmeta_resumable(const struct suit_bootmeta *m)
{
	uint32_t mask = 0;
	unsigned int i;

	if (!m)
		return 0;
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++)
		if (get_le64(m->journal + SUIT_BOOTMETA_DIGEST_LEN +
			     i * SUIT_BOOTMETA_JR_COMP_SIZE))
			mask |= 1u << i;
	return mask;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put_le64(uint8_t *p, uint64_t v)
{
	put_le32(p, (uint32_t)v);
	put_le32(p + 4, (uint32_t)(v >> 32));
}

/**
 * suit_bootmeta_encode() - build the record bytes of @m (as the kernel)
 * @m: the record
 * @rec: destination, at least SUIT_BOOTMETA_LEN bytes
 * @len: its size
 *
 * Always writes record version 2 (SUIT_BOOTMETA_LEN bytes), with
 * @m->journal copied unchanged, so a write back never loses the kernel's
 * resume journal; a record read from version 1 is written as version 2
 * with an all-zero journal, as the kernel does.
 *
 * A bootloader that changed the record (suit_bootmeta_decide()) erases
 * the copy that is NOT @m->copy and writes these bytes there, so a power
 * cut during the write leaves the current copy in place.
 *
 * Return: SUIT_BOOTMETA_OK or _EINVAL.
 */
int suit_bootmeta_encode(const struct suit_bootmeta *m, uint8_t *rec,
			 size_t len)
{
	unsigned int i;
	uint8_t *c;

	if (!m || !rec || len < SUIT_BOOTMETA_LEN)
		return SUIT_BOOTMETA_EINVAL;
	for (i = 0; i < SUIT_BOOTMETA_LEN; i++)
		rec[i] = 0;
	put_le32(rec, SUIT_BOOTMETA_MAGIC);
	put_le32(rec + 4, SUIT_BOOTMETA_VERSION);
	put_le64(rec + 8, m->generation);
	put_le64(rec + 16, m->sequence);
	put_le32(rec + 24, SUIT_BOOTMETA_COMPS);
	put_le32(rec + 28, m->flags & SUIT_BOOTMETA_KNOWN);
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++) {
		c = rec + 32 + i * SUIT_BOOTMETA_COMP_SIZE;
		c[0] = m->active[i];
		c[1] = m->valid[i];
		put_le64(c + 8, m->size[i][0]);
		put_le64(c + 16, m->size[i][1]);
	}
	for (i = 0; i < SUIT_BOOTMETA_JOURNAL_LEN; i++)
		rec[SUIT_BOOTMETA_JOURNAL + i] = m->journal[i];
	put_le32(rec + SUIT_BOOTMETA_LEN - 4,
		 suit_bootmeta_crc32(rec, SUIT_BOOTMETA_LEN - 4));
	return SUIT_BOOTMETA_OK;
}

/**
 * suit_bootmeta_decide() - the A/B boot decision (as kernel/boot.c)
 * @m: the current record; updated in place, generation incremented when
 *	it changed (never @m->journal: a trial boot or a rollback leaves the
 *	kernel's resume journal as it is)
 * @max_tries: trial boots allowed without confirmation (0: no trials)
 *
 * Without a trial pending: boot the active slots. With a trial and fewer
 * than @max_tries trial boots made: count this boot. Otherwise switch
 * every component on trial back to its other slot (all or none: only
 * when every one of them has a valid other slot) and record the rollback.
 *
 * Return: SUIT_BOOTMETA_BOOT, _TRIALBOOT, _ROLLBACK or _KEPT (the last
 * three: write the record back with suit_bootmeta_encode() before
 * booting), or _EINVAL.
 */
int suit_bootmeta_decide(struct suit_bootmeta *m, unsigned int max_tries)
{
	uint32_t tries, tmask, back = 0;
	unsigned int i;

	if (!m)
		return SUIT_BOOTMETA_EINVAL;
	if (!max_tries || !(m->flags & SUIT_BOOTMETA_TRIAL))
		return SUIT_BOOTMETA_BOOT;
	tries = (m->flags & SUIT_BOOTMETA_TRIES_MASK) >> SUIT_BOOTMETA_TRIES_SHIFT;
	tmask = (m->flags & SUIT_BOOTMETA_TMASK_MASK) >> SUIT_BOOTMETA_TMASK_SHIFT;
	m->generation++;
	if (tries < max_tries) {
		m->flags = (m->flags & ~SUIT_BOOTMETA_TRIES_MASK) |
			   (((tries + 1) << SUIT_BOOTMETA_TRIES_SHIFT) &
			    SUIT_BOOTMETA_TRIES_MASK);
		return SUIT_BOOTMETA_TRIALBOOT;
	}
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++)
		if ((tmask & (1u << i)) &&
		    (m->valid[i] & (1u << (m->active[i] ^ 1u))))
			back |= 1u << i;
	if (back != tmask)
		back = 0;
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++)
		if (back & (1u << i))
			m->active[i] ^= 1u;
	m->flags &= ~(SUIT_BOOTMETA_TRIAL | SUIT_BOOTMETA_TRIES_MASK |
		      SUIT_BOOTMETA_TMASK_MASK);
	if (!back)
		return SUIT_BOOTMETA_KEPT;
	m->flags |= SUIT_BOOTMETA_FELLBACK;
	return SUIT_BOOTMETA_ROLLBACK;
}
