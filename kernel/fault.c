// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test-only power-cut simulation. With the module parameter
 * fault_cut_after=N (N >= 0) the first N flash operations (erase, page
 * write, metadata erase, metadata write) go through and every later one
 * fails with -EIO without touching the flash: the device looks exactly
 * like one whose power went away after N operations. Reloading the
 * module stands in for the next boot. fault_ops counts the operations
 * done since load (write 0 to reset). See Documentation/device-classes.rst.
 */
#include <linux/atomic.h>
#include <linux/moduleparam.h>

#include "suit_core.h"

static int fault_cut_after = -1;
module_param(fault_cut_after, int, 0644);
MODULE_PARM_DESC(fault_cut_after,
		 "TEST ONLY: fail every flash operation after this many (-1: off)");

static int fault_ops;
module_param(fault_ops, int, 0644);
MODULE_PARM_DESC(fault_ops, "flash operations since load (test statistics)");

static DEFINE_SPINLOCK(suit_fault_lock);

/**
 * suit_fault_cut() - account one flash operation, tell if power is "cut"
 *
 * Called at the top of every function that erases or writes flash.
 *
 * Return: true when the operation must not happen (it then fails -EIO).
 */
bool suit_fault_cut(void)
{
	bool cut;

	spin_lock(&suit_fault_lock);
	cut = fault_cut_after >= 0 && fault_ops >= fault_cut_after;
	if (!cut)
		fault_ops++;
	spin_unlock(&suit_fault_lock);
	if (cut)
		pr_info_ratelimited("suit: fault: flash operation refused (power cut)\n");
	return cut;
}
