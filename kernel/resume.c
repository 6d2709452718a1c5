// SPDX-License-Identifier: GPL-2.0-only
/*
 * The resume journal: how far the writes of an envelope into MTD slots
 * got, kept in the metadata record so that an install cut by a power
 * failure continues where it stopped when the same envelope is submitted
 * again (the in-place class has no other image to fall back to).
 *
 * The record names the envelope by its SHA-256 and holds, per component,
 * the slot written, which write of the envelope into that component it is
 * and how many bytes of it are on flash for good: whole erase blocks,
 * journaled before the writer erases the next one, at most every
 * resume_every_kib. A resumed write keeps those blocks, lib/ reads them
 * back for the image digest and asks for the rest only (comp_resume), so
 * the digest still covers the whole image: a wrong journal fails the
 * install and is dropped, it never installs a wrong image. An entry ends
 * when its slot is made valid (commit) or a later write of another
 * envelope starts. See Documentation/device-classes.rst.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mtd/mtd.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include <kunit/visibility.h>

#include "suit_core.h"

static unsigned int resume_every_kib = 1024;
module_param(resume_every_kib, uint, 0644);
MODULE_PARM_DESC(resume_every_kib,
		 "journal an MTD write at most every this many KiB (0: never; the record is erased once per journal write)");

/* The journal of @m is for the envelope session @s runs. */
static bool suit_journal_ours(const struct suit_meta *m,
			      const struct suit_session *s)
{
	return !memcmp(m->jr.env, s->env_digest, SUIT_ENV_DIGEST_LEN);
}

/**
 * suit_resume_find() - bytes a write may keep from an interrupted one
 * @s: the session opening @comp for write
 * @comp: component index
 * @slot: the slot to be written
 * @kept: out: bytes at the start of @slot to keep (whole erase blocks)
 *
 * Matches only the same envelope, the same slot, the same write of the
 * envelope into @comp, and a slot still marked invalid.
 *
 * Return: true when the write resumes after *@kept bytes.
 */
bool suit_resume_find(struct suit_session *s, u32 comp, u32 slot, u64 *kept)
{
	struct suit_dev *d = s->dev;
	const struct suit_meta *m = &d->meta;
	bool ok;

	mutex_lock(&d->lock);
	ok = comp < SUIT_KMAX_COMPS && m->jr.kept[comp] &&
	     m->jr.slot[comp] == slot &&
	     m->jr.nth[comp] == s->comp[comp].opens &&
	     !(m->valid[comp] & BIT(slot)) && suit_journal_ours(m, s);
	if (ok)
		*kept = m->jr.kept[comp];
	mutex_unlock(&d->lock);
	return ok;
}
EXPORT_SYMBOL_IF_KUNIT(suit_resume_find);

/**
 * suit_resume_start() - journal a write that starts from its first byte
 * @s: the session
 * @comp: component index
 * @slot: the slot about to be erased
 * @m: the record that invalidates @slot (@s->dev->lock held)
 *
 * A write of another envelope takes the journal over: entries of the
 * previous envelope end.
 */
void suit_resume_start(struct suit_session *s, u32 comp, u32 slot,
		       struct suit_meta *m)
{
	if (!suit_journal_ours(m, s)) {
		memset(&m->jr, 0, sizeof(m->jr));
		memcpy(m->jr.env, s->env_digest, SUIT_ENV_DIGEST_LEN);
	}
	m->jr.kept[comp] = 0;
	m->jr.slot[comp] = slot;
	m->jr.nth[comp] = min_t(u32, s->comp[comp].opens, U8_MAX);
}
EXPORT_SYMBOL_IF_KUNIT(suit_resume_start);

/**
 * suit_resume_block_done() - journal a write before its next erase block
 * @arg: the session
 * @slot: the slot being written; @slot->done bytes are written for good
 *
 * Return: 0, or the error of the record write (the write then stops: a
 * device that cannot write its record cannot commit either).
 */
int suit_resume_block_done(void *arg, struct suit_mtd_slot *slot)
{
	struct suit_session *s = arg;
	struct suit_kopen *o = container_of(slot, struct suit_kopen, slot);
	struct suit_dev *d = s->dev;
	u32 comp = o - s->comp;
	u64 every = (u64)READ_ONCE(resume_every_kib) * 1024;
	struct suit_meta m;
	int ret;

	if (!every || slot->done < o->journaled + every)
		return 0;
	mutex_lock(&d->lock);
	m = d->meta;
	if (!suit_journal_ours(&m, s) || m.jr.slot[comp] != o->slot_no) {
		/* another envelope took the journal over: stop journaling */
		mutex_unlock(&d->lock);
		o->journaled = U64_MAX / 2;
		return 0;
	}
	m.jr.kept[comp] = slot->done;
	ret = suit_meta_write(d, &m);
	mutex_unlock(&d->lock);
	if (!ret)
		o->journaled = slot->done;
	return ret;
}

/**
 * suit_resume_clean() - end the journal entries of slots made valid
 * @m: the record about to be stored
 */
void suit_resume_clean(struct suit_meta *m)
{
	u32 i;

	for (i = 0; i < SUIT_KMAX_COMPS; i++)
		if (m->jr.kept[i] && (m->valid[i] & BIT(m->jr.slot[i])))
			m->jr.kept[i] = 0;
}
EXPORT_SYMBOL_IF_KUNIT(suit_resume_clean);

/**
 * suit_resume_drop() - forget the journal of a resumed envelope
 * @s: a session that resumed a write and then failed a check
 *
 * Kept blocks that do not give the manifest's digest must not be kept
 * again: the next submission of the envelope starts from the first byte.
 */
void suit_resume_drop(struct suit_session *s)
{
	struct suit_dev *d = s->dev;
	struct suit_meta m;
	int ret;

	mutex_lock(&d->lock);
	m = d->meta;
	if (suit_journal_ours(&m, s)) {
		memset(m.jr.kept, 0, sizeof(m.jr.kept));
		ret = suit_meta_write(d, &m);
		if (ret)
			pr_warn("suit: resume journal not dropped: %d\n", ret);
	}
	mutex_unlock(&d->lock);
}

/**
 * suit_resume_mask() - components with a write to resume
 * @m: a record
 *
 * Return: bit i set when component i has journaled bytes.
 */
u32 suit_resume_mask(const struct suit_meta *m)
{
	u32 i, mask = 0;

	for (i = 0; i < SUIT_KMAX_COMPS; i++)
		if (m->jr.kept[i])
			mask |= BIT(i);
	return mask;
}
EXPORT_SYMBOL_IF_KUNIT(suit_resume_mask);
