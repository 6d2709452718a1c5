// SPDX-License-Identifier: GPL-2.0-only
/*
 * The boot decision suit.ko makes at load, standing in for the bootloader
 * in UML (a real bootloader does the same with tools/bootmeta/), and the
 * confirmation of a good boot from userspace.
 *
 * A commit that switches the active slot of an A/B component starts a
 * trial: the same metadata record carries the switch, the trial flag, the
 * components on trial and a trial boot counter of zero. Every load with a
 * trial pending counts one trial boot; `suitctl confirm` (writing 1 to
 * /sys/module/suit/parameters/confirm) ends the trial. A load that finds
 * boot_tries trial boots made without a confirmation switches every
 * component on trial back to its other slot, if that slot is valid, and
 * records the rollback. Each decision is one record write, so a power cut
 * repeats the decision at the next load.
 *
 * An in-place component whose slot was invalidated for a rewrite is marked
 * in the record until a commit makes it valid again; a load that finds
 * the mark reports the interrupted install (boot_state).
 * See Documentation/device-classes.rst.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>

#include <kunit/visibility.h>

#include "suit_core.h"

/* exported to the KUnit module, which sets it per test case */
int suit_boot_tries = 3;
EXPORT_SYMBOL_IF_KUNIT(suit_boot_tries);
module_param_named(boot_tries, suit_boot_tries, int, 0444);
MODULE_PARM_DESC(boot_tries,
		 "trial boots of a new A/B image before rollback (0: no trial, at most 255)");

static u32 suit_tries(const struct suit_meta *m)
{
	return (m->flags & SUIT_META_TRIES_MASK) >> SUIT_META_TRIES_SHIFT;
}

static u32 suit_tmask(const struct suit_meta *m)
{
	return (m->flags & SUIT_META_TMASK_MASK) >> SUIT_META_TMASK_SHIFT;
}

static u32 suit_ipmask(const struct suit_meta *m)
{
	return (m->flags & SUIT_META_IPMASK_MASK) >> SUIT_META_IPMASK_SHIFT;
}

static void suit_set_field(struct suit_meta *m, u32 mask, u32 shift, u32 v)
{
	m->flags = (m->flags & ~mask) | ((v << shift) & mask);
}

/**
 * suit_boot_mark() - start trials and track in-place rewrites in a record
 * @d: the device (lock held), @d->meta is the current record
 * @m: the record about to be stored
 */
void suit_boot_mark(const struct suit_dev *d, struct suit_meta *m)
{
	u32 i, sw = 0, ip = suit_ipmask(m);

	for (i = 0; i < d->ncomps && i < SUIT_KMAX_COMPS; i++) {
		const struct suit_kcomp *c = &d->comps[i];

		if (c->kind != SUIT_KCOMP_MTD)
			continue;
		if (c->nslots > 1) {
			if (m->active[i] != d->meta.active[i])
				sw |= BIT(i);
			continue;
		}
		if (m->valid[i] & BIT(0))
			ip &= ~BIT(i);
		else if (d->meta.valid[i] & BIT(0))
			ip |= BIT(i);
	}
	suit_set_field(m, SUIT_META_IPMASK_MASK, SUIT_META_IPMASK_SHIFT, ip);
	if (!sw)
		return;
	m->flags &= ~SUIT_META_FELLBACK;
	if (suit_boot_tries <= 0)
		return;
	if (!(m->flags & SUIT_META_TRIAL))
		suit_set_field(m, SUIT_META_TMASK_MASK, SUIT_META_TMASK_SHIFT, 0);
	sw |= suit_tmask(m);
	suit_set_field(m, SUIT_META_TMASK_MASK, SUIT_META_TMASK_SHIFT, sw);
	suit_set_field(m, SUIT_META_TRIES_MASK, SUIT_META_TRIES_SHIFT, 0);
	m->flags |= SUIT_META_TRIAL;
}
EXPORT_SYMBOL_IF_KUNIT(suit_boot_mark);

/**
 * suit_boot_decide() - the load-time boot decision
 * @d: the device, its metadata loaded
 *
 * Return: 0, or the error of the record write (the decision is then
 * repeated at the next load).
 */
int suit_boot_decide(struct suit_dev *d)
{
	struct suit_meta m;
	u32 i, tries, tmask, back = 0;
	int ret;

	if (suit_boot_tries <= 0)
		return 0;
	mutex_lock(&d->lock);
	m = d->meta;
	if (suit_ipmask(&m) & suit_resume_mask(&m))
		pr_warn("suit: in-place install interrupted (components 0x%x): submit the same envelope to resume it (components 0x%x journaled)\n",
			suit_ipmask(&m), suit_resume_mask(&m));
	else if (suit_ipmask(&m))
		pr_warn("suit: in-place install interrupted (components 0x%x): image incomplete, install again\n",
			suit_ipmask(&m));
	if (!(m.flags & SUIT_META_TRIAL)) {
		mutex_unlock(&d->lock);
		return 0;
	}
	tries = suit_tries(&m);
	tmask = suit_tmask(&m);
	/* the record counts 8 bits of trial boots */
	if (tries < min_t(u32, suit_boot_tries, U8_MAX)) {
		suit_set_field(&m, SUIT_META_TRIES_MASK, SUIT_META_TRIES_SHIFT,
			       tries + 1);
		pr_info("suit: trial boot %u of %d (components 0x%x), waiting for confirm\n",
			tries + 1, suit_boot_tries, tmask);
	} else {
		/* all components of the trial go back, or none does */
		for (i = 0; i < d->ncomps && i < SUIT_KMAX_COMPS; i++)
			if ((tmask & BIT(i)) && (m.valid[i] & BIT(!m.active[i])))
				back |= BIT(i);
		if (back != tmask)
			back = 0;
		for (i = 0; i < d->ncomps && i < SUIT_KMAX_COMPS; i++)
			if (back & BIT(i))
				m.active[i] = !m.active[i];
		m.flags &= ~(SUIT_META_TRIAL | SUIT_META_TRIES_MASK |
			     SUIT_META_TMASK_MASK);
		if (back)
			m.flags |= SUIT_META_FELLBACK;
		pr_warn("suit: trial not confirmed after %u boots: %s (components 0x%x)\n",
			tries, back ? "rolled back" : "no valid previous image, kept",
			tmask);
	}
	ret = suit_meta_write(d, &m);
	mutex_unlock(&d->lock);
	if (ret)
		pr_err("suit: boot decision not recorded: %d\n", ret);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(suit_boot_decide);

static int suit_confirm_set(const char *val, const struct kernel_param *kp)
{
	struct suit_dev *d = &suit_dev;
	struct suit_meta m;
	bool yes;
	int ret;

	ret = kstrtobool(val, &yes);
	if (ret)
		return ret;
	if (!yes)
		return -EINVAL;
	mutex_lock(&d->lock);
	m = d->meta;
	ret = 0;
	if (m.flags & SUIT_META_TRIAL) {
		m.flags &= ~(SUIT_META_TRIAL | SUIT_META_TRIES_MASK |
			     SUIT_META_TMASK_MASK);
		ret = suit_meta_write(d, &m);
		if (!ret)
			pr_info("suit: boot confirmed\n");
	}
	mutex_unlock(&d->lock);
	return ret;
}

static int suit_confirm_get(char *buf, const struct kernel_param *kp)
{
	u32 f;

	mutex_lock(&suit_dev.lock);
	f = suit_dev.meta.flags;
	mutex_unlock(&suit_dev.lock);
	return sysfs_emit(buf, "%d\n", !(f & SUIT_META_TRIAL));
}

static const struct kernel_param_ops suit_confirm_ops = {
	.set = suit_confirm_set,
	.get = suit_confirm_get,
};
module_param_cb(confirm, &suit_confirm_ops, NULL, 0600);
MODULE_PARM_DESC(confirm, "write 1 to confirm the running trial boot");

static int suit_boot_state_get(char *buf, const struct kernel_param *kp)
{
	struct suit_meta m;
	const char *st;

	mutex_lock(&suit_dev.lock);
	m = suit_dev.meta;
	mutex_unlock(&suit_dev.lock);
	if (m.flags & SUIT_META_TRIAL)
		st = "trial";
	else if (m.flags & SUIT_META_FELLBACK)
		st = "rolled-back";
	else
		st = "confirmed";
	return sysfs_emit(buf, "%s tries=%u/%d trial=0x%x interrupted=0x%x resumable=0x%x\n",
			  st, suit_tries(&m), suit_boot_tries, suit_tmask(&m),
			  suit_ipmask(&m), suit_resume_mask(&m));
}

static const struct kernel_param_ops suit_boot_state_ops = {
	.get = suit_boot_state_get,
};
module_param_cb(boot_state, &suit_boot_state_ops, NULL, 0444);
MODULE_PARM_DESC(boot_state,
		 "confirmed | trial | rolled-back, trial boots, components on trial, interrupted, resumable");
