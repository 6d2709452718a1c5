// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "suit-boot" for kernel/boot.c, the A/B trial-boot decision:
 * suit_boot_mark() on every commit record (a switch of an A/B component's
 * active slot starts a trial; in-place rewrites set the interrupted mask)
 * and suit_boot_decide() at load (trial boots counted, then all components
 * of the trial rolled back together, or none). The device has no metadata
 * partition, so every record stays in RAM (suit_meta_write()).
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "suit_core.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* 0, 1: A/B; 2: in place; 3: a RAM component */
static const char boot_map[] =
	"814100:a0,b0; 814101:a1,b1; 814102:ip; 8141aa:@ram";

#define AB0		BIT(0)
#define AB1		BIT(1)
#define IP2		2

static int boot_saved_tries;

static int boot_suite_init(struct kunit *test)
{
	boot_saved_tries = suit_boot_tries;
	suit_boot_tries = 3;
	return 0;
}

static void boot_suite_exit(struct kunit *test)
{
	suit_boot_tries = boot_saved_tries;
}

static u32 boot_tries(const struct suit_dev *d)
{
	return (d->meta.flags & SUIT_META_TRIES_MASK) >> SUIT_META_TRIES_SHIFT;
}

static u32 boot_tmask(const struct suit_dev *d)
{
	return (d->meta.flags & SUIT_META_TMASK_MASK) >> SUIT_META_TMASK_SHIFT;
}

static u32 boot_ipmask(const struct suit_dev *d)
{
	return (d->meta.flags & SUIT_META_IPMASK_MASK) >> SUIT_META_IPMASK_SHIFT;
}

/*
 * A device with @map, no metadata partition and a first record: slot 0 of
 * every MTD component active and valid, sequence 1, no trial.
 */
static struct suit_dev *boot_dev_map(struct kunit *test, const char *map)
{
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct suit_meta m = {};
	u32 i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	mutex_init(&d->lock);
	KUNIT_ASSERT_EQ(test, suit_parse_components(d, map), 0);

	/* no partition: load starts from a zeroed record */
	d->meta.gen = 41;
	d->meta.flags = SUIT_META_TRIAL;
	d->meta_slot = 1;
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, 0ULL);
	KUNIT_EXPECT_EQ(test, d->meta.flags, 0U);
	KUNIT_EXPECT_EQ(test, d->meta_slot, -1);

	m.flags = SUIT_META_HAS_SEQ;
	m.sequence = 1;
	for (i = 0; i < d->ncomps; i++)
		if (d->comps[i].kind == SUIT_KCOMP_MTD)
			m.valid[i] = BIT(0);
	mutex_lock(&d->lock);
	KUNIT_ASSERT_EQ(test, suit_meta_write(d, &m), 0);
	mutex_unlock(&d->lock);
	KUNIT_ASSERT_EQ(test, d->meta.gen, 1ULL);
	KUNIT_ASSERT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);
	return d;
}

static struct suit_dev *boot_dev(struct kunit *test)
{
	struct suit_dev *d = boot_dev_map(test, boot_map);

	KUNIT_ASSERT_EQ(test, d->ncomps, 4U);
	KUNIT_ASSERT_EQ(test, d->comps[0].nslots, 2U);
	KUNIT_ASSERT_EQ(test, d->comps[2].nslots, 1U);
	KUNIT_ASSERT_EQ(test, d->comps[3].kind, (u32)SUIT_KCOMP_RAM);
	return d;
}

/* The commit path: the current record with @m's changes, through store. */
static void boot_commit(struct kunit *test, struct suit_dev *d,
			const struct suit_meta *m)
{
	u64 gen = d->meta.gen;
	int ret;

	mutex_lock(&d->lock);
	ret = suit_meta_store(d, m);
	mutex_unlock(&d->lock);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, d->meta.gen, gen + 1);
}

/* An install into the inactive slot of A/B component @c, then the switch. */
static void boot_install_ab(struct suit_meta *m, u32 c)
{
	u8 slot = !m->active[c];

	m->valid[c] |= BIT(slot);
	m->size[c][slot] = 1000 + c;
	m->active[c] = slot;
}

static void boot_switch_starts_trial(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;

	m.sequence = 2;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x3);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 2ULL);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      AB0 << SUIT_META_TMASK_SHIFT));
	KUNIT_EXPECT_EQ(test, boot_tries(d), 0U);
	KUNIT_EXPECT_EQ(test, boot_tmask(d), AB0);

	/*
	 * Switching back (B to A) is a switch too. The trial mask left in a
	 * record whose trial is over (only the trial flag cleared) is stale:
	 * the new trial holds component 0 alone.
	 */
	d->meta.flags = SUIT_META_HAS_SEQ | AB1 << SUIT_META_TMASK_SHIFT |
			2 << SUIT_META_TRIES_SHIFT;
	m = d->meta;
	m.active[0] = 0;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      AB0 << SUIT_META_TMASK_SHIFT));
}

static void boot_no_switch_no_trial(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;

	/* the inactive slot invalidated, then written: no switch yet */
	m.valid[0] &= ~BIT(1);
	boot_commit(test, d, &m);
	m = d->meta;
	m.valid[0] |= BIT(1);
	m.size[0][1] = 4096;
	m.sequence = 5;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x3);

	/* only MTD components have slots to try: a RAM one never starts one */
	m = d->meta;
	m.active[3] = 1;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);

	/* a commit without a switch leaves a pending trial as it is */
	m = d->meta;
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, boot_tries(d), 2U);
	m = d->meta;
	m.sequence = 6;
	m.valid[0] &= ~BIT(1);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      2 << SUIT_META_TRIES_SHIFT |
			      AB1 << SUIT_META_TMASK_SHIFT));
}

static void boot_two_components(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;

	boot_install_ab(&m, 0);
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      (AB0 | AB1) << SUIT_META_TMASK_SHIFT));

	/* a switch during a pending trial joins it and restarts the count */
	d = boot_dev(test);
	m = d->meta;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, boot_tries(d), 1U);
	m = d->meta;
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      (AB0 | AB1) << SUIT_META_TMASK_SHIFT));
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.active[1], 1);
}

/* The eighth component: the top bits of the trial and interrupted masks */
static void boot_last_component(struct kunit *test)
{
	static const char ab7[] =
		"814100:x0;814101:x1;814102:x2;814103:x3;814104:x4;"
		"814105:x5;814106:ip6;814107:a7,b7";
	static const char ip7[] =
		"814100:x0;814101:x1;814102:x2;814103:x3;814104:x4;"
		"814105:x5;814106:a6,b6;814107:ip7";
	struct suit_dev *d = boot_dev_map(test, ab7);
	struct suit_meta m;

	KUNIT_ASSERT_EQ(test, d->ncomps, 8U);
	m = d->meta;
	boot_install_ab(&m, 7);
	m.valid[6] = 0;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      BIT(7) << SUIT_META_TMASK_SHIFT |
			      BIT(6) << SUIT_META_IPMASK_SHIFT));
	suit_boot_tries = 1;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.active[7], 0);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_FELLBACK |
			      BIT(6) << SUIT_META_IPMASK_SHIFT));

	d = boot_dev_map(test, ip7);
	KUNIT_ASSERT_EQ(test, d->ncomps, 8U);
	m = d->meta;
	boot_install_ab(&m, 6);
	m.valid[7] = 0;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      BIT(6) << SUIT_META_TMASK_SHIFT |
			      BIT(7) << SUIT_META_IPMASK_SHIFT));
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), (u32)BIT(7));
	m = d->meta;
	m.valid[7] = BIT(0);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), 0U);
	KUNIT_EXPECT_EQ(test, boot_tmask(d), (u32)BIT(6));
}

static void boot_decide_counts(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;
	u32 i;

	/* no trial: nothing to decide, nothing written */
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, 1ULL);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);

	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	suit_boot_tries = 3;
	for (i = 1; i <= 3; i++) {
		u64 gen = d->meta.gen;

		KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
		KUNIT_EXPECT_EQ(test, d->meta.gen, gen + 1);
		KUNIT_EXPECT_EQ(test, d->meta.flags,
				(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
				      i << SUIT_META_TRIES_SHIFT |
				      AB0 << SUIT_META_TMASK_SHIFT));
		KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	}
	KUNIT_EXPECT_EQ(test, boot_tries(d), 3U);
}

static void boot_decide_rolls_back(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;
	u32 i;

	suit_boot_tries = 2;
	boot_install_ab(&m, 0);
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, boot_tries(d), 2U);
	KUNIT_ASSERT_EQ(test, d->meta.active[0], 1);
	KUNIT_ASSERT_EQ(test, d->meta.active[1], 1);

	/* the third load without a confirmation: both go back to slot 0 */
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);
	KUNIT_EXPECT_EQ(test, d->meta.active[1], 0);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x3);
	KUNIT_EXPECT_EQ(test, d->meta.valid[1], 0x3);
	KUNIT_EXPECT_EQ(test, d->meta.valid[2], 0x1);
	KUNIT_EXPECT_EQ(test, d->meta.size[0][1], 1000ULL);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_FELLBACK));
	KUNIT_EXPECT_EQ(test, d->meta.gen, 5ULL);

	/* decided once: the next load changes nothing */
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, 5ULL);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);

	/* the next switch starts a new trial and clears FELLBACK */
	m = d->meta;
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      AB1 << SUIT_META_TMASK_SHIFT));
}

/* boot_tries beyond the 8-bit counter: the trial still ends, at 255 */
static void boot_tries_clamped(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;
	u32 i;

	suit_boot_tries = 256;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	for (i = 0; i < 255; i++)
		KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, boot_tries(d), 255U);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_FELLBACK));
}

static void boot_rollback_all_or_none(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;

	suit_boot_tries = 1;
	boot_install_ab(&m, 0);
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	/* component 1's previous slot is being rewritten: not valid */
	m = d->meta;
	m.valid[1] &= ~BIT(0);
	boot_commit(test, d, &m);
	KUNIT_ASSERT_EQ(test, boot_tmask(d), AB0 | AB1);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_ASSERT_EQ(test, boot_tries(d), 1U);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	/* kept, both of them, and the trial is over */
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.active[1], 1);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);

	/* a component on trial that the device no longer has: kept too */
	d = boot_dev(test);
	m = d->meta;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	d->meta.flags |= BIT(5) << SUIT_META_TMASK_SHIFT |
			 1 << SUIT_META_TRIES_SHIFT;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);
}

static void boot_no_tries_no_trial(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;
	u64 gen;

	suit_boot_tries = 0;
	d->meta.flags |= SUIT_META_FELLBACK;
	m = d->meta;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	/* the switch happens, untried; the old rollback is history */
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);

	/* a trial recorded under another setting is not counted */
	d->meta.flags |= SUIT_META_TRIAL | 3 << SUIT_META_TRIES_SHIFT |
			 AB0 << SUIT_META_TMASK_SHIFT;
	gen = d->meta.gen;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	suit_boot_tries = -1;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, gen);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      3 << SUIT_META_TRIES_SHIFT |
			      AB0 << SUIT_META_TMASK_SHIFT));
}

static void boot_in_place_mark(struct kunit *test)
{
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m = d->meta;
	u64 gen;

	/* invalidated before the rewrite: marked interrupted, no trial */
	m.valid[IP2] = 0;
	m.size[IP2][0] = 0;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ |
			      BIT(IP2) << SUIT_META_IPMASK_SHIFT));
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), (u32)BIT(IP2));

	/* a load finds the mark: reported, kept, nothing written */
	gen = d->meta.gen;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, gen);
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), (u32)BIT(IP2));

	/* another commit while it is still invalid keeps the mark */
	m = d->meta;
	m.sequence = 9;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), (u32)BIT(IP2));

	/* the rewrite committed with an A/B switch: mark gone, trial on */
	m = d->meta;
	m.valid[IP2] = BIT(0);
	m.size[IP2][0] = 512;
	boot_install_ab(&m, 0);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | SUIT_META_TRIAL |
			      AB0 << SUIT_META_TMASK_SHIFT));

	/* an A/B slot invalidated is not an interrupted in-place install */
	m = d->meta;
	m.valid[1] &= ~BIT(1);
	m.valid[1] &= ~BIT(0);
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, boot_ipmask(d), 0U);

	/* nor is an in-place component that never held an image */
	d = boot_dev(test);
	d->meta.valid[IP2] = 0;
	m = d->meta;
	m.size[IP2][0] = 0;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags, (u32)SUIT_META_HAS_SEQ);
}

/* Bits 3-7 mean nothing: never taken for trial state, never touched. */
static void boot_unknown_flags(struct kunit *test)
{
	const u32 unknown = GENMASK(7, 3);
	struct suit_dev *d = boot_dev(test);
	struct suit_meta m;
	u64 gen;

	KUNIT_EXPECT_EQ(test, (u32)SUIT_META_KNOWN, 0xffffff07U);
	KUNIT_EXPECT_EQ(test, (u32)SUIT_META_KNOWN & unknown, 0U);

	d->meta.flags |= unknown;
	gen = d->meta.gen;
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, gen);
	KUNIT_EXPECT_EQ(test, d->meta.flags, SUIT_META_HAS_SEQ | unknown);

	m = d->meta;
	m.sequence = 3;
	boot_commit(test, d, &m);
	KUNIT_EXPECT_EQ(test, d->meta.flags, SUIT_META_HAS_SEQ | unknown);

	m = d->meta;
	boot_install_ab(&m, 1);
	boot_commit(test, d, &m);
	KUNIT_ASSERT_EQ(test, suit_boot_decide(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.flags,
			(u32)(SUIT_META_HAS_SEQ | unknown | SUIT_META_TRIAL |
			      1 << SUIT_META_TRIES_SHIFT |
			      AB1 << SUIT_META_TMASK_SHIFT));
}

static struct kunit_case suit_boot_cases[] = {
	KUNIT_CASE(boot_switch_starts_trial),
	KUNIT_CASE(boot_no_switch_no_trial),
	KUNIT_CASE(boot_two_components),
	KUNIT_CASE(boot_last_component),
	KUNIT_CASE(boot_decide_counts),
	KUNIT_CASE(boot_decide_rolls_back),
	KUNIT_CASE(boot_tries_clamped),
	KUNIT_CASE(boot_rollback_all_or_none),
	KUNIT_CASE(boot_no_tries_no_trial),
	KUNIT_CASE(boot_in_place_mark),
	KUNIT_CASE(boot_unknown_flags),
	{}
};

static struct kunit_suite suit_boot_suite = {
	.name = "suit-boot",
	.init = boot_suite_init,
	.exit = boot_suite_exit,
	.test_cases = suit_boot_cases,
};

kunit_test_suite(suit_boot_suite);
