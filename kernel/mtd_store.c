// SPDX-License-Identifier: GPL-2.0-only
/*
 * MTD slots: append-only writes in whole pages (NAND writesize), erase
 * blocks erased just before their first page is written, bad blocks
 * skipped on NAND; reads map the logical image offset over the good
 * blocks the same way. A rewrite can resume after the whole blocks an
 * interrupted one left (suit_mtd_resume()); a callback before each new
 * block lets the caller journal how far the write is.
 */
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mtd/mtd.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "suit_core.h"

static bool suit_blk_bad(struct mtd_info *mtd, u64 ofs)
{
	if (!mtd_can_have_bb(mtd))
		return false;
	return mtd_block_isbad(mtd, ofs) != 0;
}

/**
 * suit_mtd_open() - open an MTD partition as a slot
 * @s: the slot, zeroed by the caller
 * @name: partition name
 * @write: open for an append-only rewrite of its content
 *
 * Return: 0, -ENODEV (no such partition), -EROFS, -ENOMEM.
 */
int suit_mtd_open(struct suit_mtd_slot *s, const char *name, bool write)
{
	struct mtd_info *mtd = get_mtd_device_nm(name);

	if (IS_ERR(mtd))
		return PTR_ERR(mtd) == -ENODEV ? -ENOENT : PTR_ERR(mtd);
	if (write && !(mtd->flags & MTD_WRITEABLE)) {
		put_mtd_device(mtd);
		return -EROFS;
	}
	if (write) {
		s->page = kmalloc(mtd->writesize, GFP_KERNEL);
		if (!s->page) {
			put_mtd_device(mtd);
			return -ENOMEM;
		}
	}
	s->mtd = mtd;
	s->write = write;
	s->page_fill = 0;
	s->blk = -1;
	s->blk_fill = 0;
	s->total = 0;
	s->done = 0;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_open);

/* Move to the next good erase block and erase it. */
static int suit_mtd_next_block(struct suit_mtd_slot *s)
{
	struct mtd_info *mtd = s->mtd;
	u64 ofs = s->blk < 0 ? 0 : (u64)s->blk + mtd->erasesize;
	int ret;

	if (s->blk >= 0)
		s->done += mtd->erasesize;
	if (s->block_done) {
		ret = s->block_done(s->arg, s);
		if (ret)
			return ret;
	}
	if (suit_fault_cut())	/* K-B: test-only power-cut hook */
		return -EIO;
	for (; ofs + mtd->erasesize <= mtd->size; ofs += mtd->erasesize) {
		struct erase_info ei = { .addr = ofs, .len = mtd->erasesize };

		if (suit_blk_bad(mtd, ofs))
			continue;
		ret = mtd_erase(mtd, &ei);
		if (ret == -EIO && mtd_can_have_bb(mtd)) {
			/* worn out: retire it and go on */
			mtd_block_markbad(mtd, ofs);
			continue;
		}
		if (ret)
			return ret;
		s->blk = ofs;
		s->blk_fill = 0;
		return 0;
	}
	return -ENOSPC;
}

/*
 * Write whole pages from @buf: up to @len bytes (a multiple of the page
 * size), never past the end of the current erase block, in ONE mtd_write
 * (mtdram has 1-byte pages: page-at-a-time writes cost a call per byte).
 * *@done is the number of bytes written.
 */
static int suit_mtd_put(struct suit_mtd_slot *s, const u8 *buf, size_t len,
			size_t *done)
{
	struct mtd_info *mtd = s->mtd;
	size_t n, retlen = 0;
	int ret;

	*done = 0;
	if (suit_fault_cut())	/* K-B: test-only power-cut hook */
		return -EIO;
	if (s->blk < 0 || s->blk_fill + mtd->writesize > mtd->erasesize) {
		ret = suit_mtd_next_block(s);
		if (ret)
			return ret;
	}
	n = min_t(size_t, len, mtd->erasesize - s->blk_fill);
	ret = mtd_write(mtd, s->blk + s->blk_fill, n, &retlen, buf);
	if (ret)
		return ret;
	if (retlen != n)
		return -EIO;
	s->blk_fill += n;
	*done = n;
	return 0;
}

static int suit_mtd_put_page(struct suit_mtd_slot *s, const u8 *page)
{
	size_t done;

	return suit_mtd_put(s, page, s->mtd->writesize, &done);
}

/**
 * suit_mtd_append() - append bytes to a slot opened for writing
 * @s: the slot
 * @buf: bytes
 * @len: their number
 *
 * Return: 0, -ENOSPC when the slot has no good block left, -EIO.
 */
int suit_mtd_append(struct suit_mtd_slot *s, const u8 *buf, size_t len)
{
	u32 ws = s->mtd->writesize;
	int ret;

	if (!s->write)
		return -EBADF;
	while (len) {
		size_t n;

		/* whole pages straight from the caller's buffer */
		if (!s->page_fill && len >= ws) {
			ret = suit_mtd_put(s, buf, len - len % ws, &n);
			if (ret)
				return ret;
			buf += n;
			len -= n;
			s->total += n;
			continue;
		}
		n = min_t(size_t, len, ws - s->page_fill);
		memcpy(s->page + s->page_fill, buf, n);
		s->page_fill += n;
		buf += n;
		len -= n;
		s->total += n;
		if (s->page_fill == ws) {
			ret = suit_mtd_put_page(s, s->page);
			if (ret)
				return ret;
			s->page_fill = 0;
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_append);

/**
 * suit_mtd_finish() - write the last partial page, padded with 0xff
 * @s: the slot
 *
 * Return: 0 or the error of the write.
 */
int suit_mtd_finish(struct suit_mtd_slot *s)
{
	int ret;

	if (!s->write || !s->page_fill)
		return 0;
	memset(s->page + s->page_fill, 0xff, s->mtd->writesize - s->page_fill);
	ret = suit_mtd_put_page(s, s->page);
	s->page_fill = 0;
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_finish);

/**
 * suit_mtd_capacity() - bytes the slot can hold (good blocks only)
 * @s: the slot
 *
 * Return: the capacity in bytes.
 */
u64 suit_mtd_capacity(struct suit_mtd_slot *s)
{
	struct mtd_info *mtd = s->mtd;
	u64 ofs, cap = 0;

	for (ofs = 0; ofs + mtd->erasesize <= mtd->size; ofs += mtd->erasesize)
		if (!suit_blk_bad(mtd, ofs))
			cap += mtd->erasesize;
	return cap;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_capacity);

/* Physical offset of logical offset @off, skipping bad blocks. */
static int suit_mtd_map(struct mtd_info *mtd, u64 off, u64 *phys)
{
	u64 want = mtd_div_by_eb(off, mtd);
	u64 ofs;

	for (ofs = 0; ofs + mtd->erasesize <= mtd->size; ofs += mtd->erasesize) {
		if (suit_blk_bad(mtd, ofs))
			continue;
		if (!want) {
			*phys = ofs + mtd_mod_by_eb(off, mtd);
			return 0;
		}
		want--;
	}
	return -ENOSPC;
}

/**
 * suit_mtd_read() - read image bytes back from flash
 * @s: the slot
 * @off: logical offset in the image
 * @buf: destination
 * @len: bytes
 *
 * Corrected bitflips (-EUCLEAN) are fine; uncorrectable errors (-EBADMSG)
 * fail with -EIO.
 *
 * Return: 0, -ENOSPC beyond the slot, -EIO.
 */
int suit_mtd_read(struct suit_mtd_slot *s, u64 off, u8 *buf, size_t len)
{
	struct mtd_info *mtd = s->mtd;

	while (len) {
		u64 phys, in_blk;
		size_t n, retlen = 0;
		int ret;

		ret = suit_mtd_map(mtd, off, &phys);
		if (ret)
			return ret;
		in_blk = mtd->erasesize - mtd_mod_by_eb(phys, mtd);
		n = min_t(u64, len, in_blk);
		ret = mtd_read(mtd, phys, n, &retlen, buf);
		if (ret && !mtd_is_bitflip(ret))
			return mtd_is_eccerr(ret) ? -EIO : ret;
		if (retlen != n)
			return -EIO;
		off += n;
		buf += n;
		len -= n;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_read);

/**
 * suit_mtd_resume() - continue a rewrite after the blocks already written
 * @s: a slot just opened for writing, nothing appended yet
 * @kept: bytes at the start of the slot to keep: whole erase blocks that
 *	an interrupted write of the same image completed
 *
 * The next append goes to the erase block after them, which is erased
 * first as usual.
 *
 * Return: 0, -EINVAL if @kept is not a whole number of erase blocks or
 * data was appended already, -ENOSPC if the slot has fewer good blocks.
 */
int suit_mtd_resume(struct suit_mtd_slot *s, u64 kept)
{
	struct mtd_info *mtd = s->mtd;
	u64 phys;
	int ret;

	if (!s->write || s->total || s->blk >= 0 || !kept ||
	    mtd_mod_by_eb(kept, mtd))
		return -EINVAL;
	ret = suit_mtd_map(mtd, kept - 1, &phys);
	if (ret)
		return ret;
	s->blk = phys - mtd_mod_by_eb(phys, mtd);
	s->blk_fill = mtd->erasesize;	/* full: the next put moves on */
	s->total = kept;
	s->done = kept - mtd->erasesize;	/* counted again on the move */
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_resume);

/**
 * suit_mtd_close() - release a slot
 * @s: the slot (may be unopened)
 */
void suit_mtd_close(struct suit_mtd_slot *s)
{
	if (!s->mtd)
		return;
	put_mtd_device(s->mtd);
	kfree(s->page);
	memset(s, 0, sizeof(*s));
}
EXPORT_SYMBOL_IF_KUNIT(suit_mtd_close);
