// SPDX-License-Identifier: GPL-2.0-only
/*
 * The metadata record: active slot, slot validity and image sizes of every
 * component and the highest accepted sequence number. Two copies live in
 * the first two good erase blocks of the metadata partition; a store
 * erases and writes the older copy, so a power cut leaves the other one
 * intact, and a load takes the copy with a good CRC and the highest
 * generation. Layout (little endian), see Documentation/device-classes.rst:
 *
 *   0  u32 magic "SUIT"    4  u32 version (2; 1 has no journal)
 *   8  u64 generation      16 u64 sequence
 *   24 u32 components      28 u32 flags: bit 0 sequence valid, bit 1
 *      trial boot pending, bit 2 the last trial was rolled back, bits
 *      8-15 trial boots made, bits 16-23 components on trial, bits 24-31
 *      in-place components being rewritten
 *   32 per component: u8 active, u8 valid, 6 bytes zero, u64 size[2]
 *   224 (version 2) resume journal: u8 envelope SHA-256[32], then per
 *      component: u64 bytes kept, u8 slot, u8 write number, 6 bytes zero
 *   ... u32 crc32 (little-endian CRC-32 of every byte before it)
 */
#include <linux/crc32.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mtd/mtd.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/unaligned.h>

#include <kunit/visibility.h>

#include "suit_core.h"

#define SUIT_META_MAGIC		0x54495553	/* "SUIT" read as LE u32 */
#define SUIT_META_VERSION	2
#define SUIT_META_COMP_SIZE	24
#define SUIT_META_V1_LEN	(32 + SUIT_KMAX_COMPS * SUIT_META_COMP_SIZE + 4)
#define SUIT_META_JR		(SUIT_META_V1_LEN - 4)
#define SUIT_META_JR_COMP	16
#define SUIT_META_LEN		(SUIT_META_JR + SUIT_ENV_DIGEST_LEN + \
				 SUIT_KMAX_COMPS * SUIT_META_JR_COMP + 4)

static void suit_meta_encode(const struct suit_meta *m, u8 *b)
{
	unsigned int i;
	u8 *c;

	memset(b, 0, SUIT_META_LEN);
	put_unaligned_le32(SUIT_META_MAGIC, b);
	put_unaligned_le32(SUIT_META_VERSION, b + 4);
	put_unaligned_le64(m->gen, b + 8);
	put_unaligned_le64(m->sequence, b + 16);
	put_unaligned_le32(SUIT_KMAX_COMPS, b + 24);
	put_unaligned_le32(m->flags, b + 28);
	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		c = b + 32 + i * SUIT_META_COMP_SIZE;
		c[0] = m->active[i];
		c[1] = m->valid[i];
		put_unaligned_le64(m->size[i][0], c + 8);
		put_unaligned_le64(m->size[i][1], c + 16);
	}
	memcpy(b + SUIT_META_JR, m->jr.env, SUIT_ENV_DIGEST_LEN);
	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		c = b + SUIT_META_JR + SUIT_ENV_DIGEST_LEN +
		    i * SUIT_META_JR_COMP;
		put_unaligned_le64(m->jr.kept[i], c);
		c[8] = m->jr.slot[i];
		c[9] = m->jr.nth[i];
	}
	put_unaligned_le32(crc32_le(~0, b, SUIT_META_LEN - 4) ^ ~0U,
			   b + SUIT_META_LEN - 4);
}

/* A version 1 record (before the journal) reads as one with no journal. */
static int suit_meta_decode(const u8 *b, struct suit_meta *m)
{
	u32 ver = get_unaligned_le32(b + 4);
	size_t len = ver == 1 ? SUIT_META_V1_LEN : SUIT_META_LEN;
	unsigned int i;
	const u8 *c;

	if (get_unaligned_le32(b) != SUIT_META_MAGIC ||
	    (ver != 1 && ver != SUIT_META_VERSION) ||
	    get_unaligned_le32(b + 24) != SUIT_KMAX_COMPS)
		return -EINVAL;
	if ((crc32_le(~0, b, len - 4) ^ ~0U) != get_unaligned_le32(b + len - 4))
		return -EBADMSG;
	memset(m, 0, sizeof(*m));
	m->gen = get_unaligned_le64(b + 8);
	m->sequence = get_unaligned_le64(b + 16);
	m->flags = get_unaligned_le32(b + 28) & SUIT_META_KNOWN;
	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		c = b + 32 + i * SUIT_META_COMP_SIZE;
		m->active[i] = c[0] < SUIT_KMAX_SLOTS ? c[0] : 0;
		m->valid[i] = c[1];
		m->size[i][0] = get_unaligned_le64(c + 8);
		m->size[i][1] = get_unaligned_le64(c + 16);
	}
	if (ver == 1)
		return 0;
	memcpy(m->jr.env, b + SUIT_META_JR, SUIT_ENV_DIGEST_LEN);
	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		c = b + SUIT_META_JR + SUIT_ENV_DIGEST_LEN +
		    i * SUIT_META_JR_COMP;
		m->jr.kept[i] = get_unaligned_le64(c);
		m->jr.slot[i] = c[8];
		m->jr.nth[i] = c[9];
	}
	return 0;
}

/* Offsets of the first two good erase blocks of @mtd. */
static int suit_meta_blocks(struct mtd_info *mtd, u64 ofs[2])
{
	u64 o;
	int n = 0;

	for (o = 0; o + mtd->erasesize <= mtd->size && n < 2; o += mtd->erasesize) {
		if (mtd_can_have_bb(mtd) && mtd_block_isbad(mtd, o))
			continue;
		ofs[n++] = o;
	}
	return n == 2 ? 0 : -ENOSPC;
}

static size_t suit_meta_buflen(struct mtd_info *mtd)
{
	return roundup(SUIT_META_LEN, mtd->writesize);
}

/**
 * suit_meta_load() - read the newest good metadata copy into @d->meta
 * @d: the device; @d->meta_mtd names the partition
 *
 * With no partition, or no good copy on it, the metadata starts zeroed
 * (slot 0 active, nothing valid, sequence 0).
 *
 * Return: 0, or a negative errno if the partition exists but is unusable.
 */
int suit_meta_load(struct suit_dev *d)
{
	struct mtd_info *mtd;
	struct suit_meta best, cur;
	bool found = false;
	u64 ofs[2];
	size_t retlen;
	u8 *buf;
	int i, ret;

	memset(&d->meta, 0, sizeof(d->meta));
	d->meta_slot = -1;
	if (!d->meta_mtd[0])
		return 0;
	mtd = get_mtd_device_nm(d->meta_mtd);
	if (IS_ERR(mtd))
		return PTR_ERR(mtd);
	ret = suit_meta_blocks(mtd, ofs);
	if (ret)
		goto out_put;
	buf = kmalloc(suit_meta_buflen(mtd), GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_put;
	}
	for (i = 0; i < 2; i++) {
		ret = mtd_read(mtd, ofs[i], SUIT_META_LEN, &retlen, buf);
		if ((ret && !mtd_is_bitflip(ret)) || retlen != SUIT_META_LEN)
			continue;
		if (suit_meta_decode(buf, &cur))
			continue;
		if (!found || cur.gen > best.gen) {
			best = cur;
			d->meta_slot = i;
			found = true;
		}
	}
	if (found)
		d->meta = best;
	kfree(buf);
	ret = 0;
out_put:
	put_mtd_device(mtd);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_meta_load);

/*
 * Make the content of every MTD slot durable (block2mtd keeps writes in
 * the page cache until a sync) before the record that points at it.
 */
static void suit_meta_sync_slots(struct suit_dev *d)
{
	struct mtd_info *mtd;
	u32 i, j;

	for (i = 0; i < d->ncomps; i++) {
		if (d->comps[i].kind != SUIT_KCOMP_MTD)
			continue;
		for (j = 0; j < d->comps[i].nslots; j++) {
			mtd = get_mtd_device_nm(d->comps[i].mtd_name[j]);
			if (IS_ERR(mtd))
				continue;
			mtd_sync(mtd);
			put_mtd_device(mtd);
		}
	}
}

/**
 * suit_meta_write() - persist @m exactly as given
 * @d: the device (lock held)
 * @m: the new record; its generation is set here
 *
 * Writes the copy that is not the newest, so the previous record survives
 * a power cut during the write. On success @d->meta becomes @m.
 *
 * Return: 0 or a negative errno (the stored state is then unchanged).
 */
int suit_meta_write(struct suit_dev *d, const struct suit_meta *m)
{
	struct suit_meta n = *m;
	struct mtd_info *mtd;
	struct erase_info ei = {};
	size_t retlen, len;
	u64 ofs[2];
	int target, ret;
	u8 *buf;

	n.gen = d->meta.gen + 1;
	if (!d->meta_mtd[0]) {
		d->meta = n;
		return 0;
	}
	mtd = get_mtd_device_nm(d->meta_mtd);
	if (IS_ERR(mtd))
		return PTR_ERR(mtd);
	ret = suit_meta_blocks(mtd, ofs);
	if (ret)
		goto out_put;
	len = suit_meta_buflen(mtd);
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_put;
	}
	memset(buf, 0xff, len);
	suit_meta_encode(&n, buf);
	target = d->meta_slot == 0 ? 1 : 0;
	ei.addr = ofs[target];
	ei.len = mtd->erasesize;
	suit_meta_sync_slots(d);
	ret = suit_fault_cut() ? -EIO : mtd_erase(mtd, &ei);
	if (!ret)
		ret = suit_fault_cut() ? -EIO :
		      mtd_write(mtd, ofs[target], len, &retlen, buf);
	if (!ret && retlen != len)
		ret = -EIO;
	if (!ret)
		mtd_sync(mtd);
	if (!ret) {
		d->meta = n;
		d->meta_slot = target;
	}
	kfree(buf);
out_put:
	put_mtd_device(mtd);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_meta_write);

/**
 * suit_meta_store() - persist @m as the new metadata (commit path)
 * @d: the device (lock held)
 * @m: the new record; its generation is set here
 *
 * Like suit_meta_write(), but a record that switches the active slot of
 * an A/B component starts a trial boot for it (kernel/boot.c): the
 * switch, the trial flag and the reset trial counter are one record. A
 * slot made valid ends its entry in the resume journal.
 *
 * Return: 0 or a negative errno (the stored state is then unchanged).
 */
int suit_meta_store(struct suit_dev *d, const struct suit_meta *m)
{
	struct suit_meta n = *m;

	suit_boot_mark(d, &n);
	suit_resume_clean(&n);
	return suit_meta_write(d, &n);
}
EXPORT_SYMBOL_IF_KUNIT(suit_meta_store);
