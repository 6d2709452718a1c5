// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit.ko: SUIT (RFC 9019) firmware updates through /dev/suit.
 *
 * The module creates the .suit keyring of trust anchors, reads the
 * component map and the metadata record and registers the misc device;
 * each open file is an install session (session.c) whose processing
 * thread runs lib/'s suit_process() on the kernel platform (platform.c).
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/key.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sysfs.h>

#include <suit/processor.h>
#include "suit_core.h"

struct suit_dev suit_dev = {
	.lock = __MUTEX_INITIALIZER(suit_dev.lock),
};

static int keyring_serial;
module_param(keyring_serial, int, 0444);
MODULE_PARM_DESC(keyring_serial, "serial of the .suit keyring (read-only)");

module_param_named(allow_unsigned, suit_allow_unsigned, bool, 0644);
MODULE_PARM_DESC(allow_unsigned,
		 "accept envelopes without authentication (development only)");

/* ---- sysfs: /sys/class/misc/suit/ ------------------------------------- */

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	u32 n;

	mutex_lock(&suit_dev.lock);
	n = suit_dev.sessions;
	mutex_unlock(&suit_dev.lock);
	return sysfs_emit(buf, "%s\n", n ? "installing" : "idle");
}
static DEVICE_ATTR_RO(state);

static ssize_t sequence_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	u64 seq;

	mutex_lock(&suit_dev.lock);
	seq = suit_dev.meta.sequence;
	mutex_unlock(&suit_dev.lock);
	return sysfs_emit(buf, "%llu\n", seq);
}
static DEVICE_ATTR_RO(sequence);

static ssize_t active_slots_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	int len = 0;
	u32 i;

	mutex_lock(&suit_dev.lock);
	for (i = 0; i < suit_dev.ncomps; i++)
		len += sysfs_emit_at(buf, len, "%s%u", i ? " " : "",
				     suit_dev.meta.active[i]);
	mutex_unlock(&suit_dev.lock);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}
static DEVICE_ATTR_RO(active_slots);

static ssize_t valid_slots_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	int len = 0;
	u32 i;

	mutex_lock(&suit_dev.lock);
	for (i = 0; i < suit_dev.ncomps; i++)
		len += sysfs_emit_at(buf, len, "%s0x%x", i ? " " : "",
				     suit_dev.meta.valid[i]);
	mutex_unlock(&suit_dev.lock);
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}
static DEVICE_ATTR_RO(valid_slots);

static ssize_t components_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct suit_kcomp *c;
	int len = 0;
	u32 i, j;

	mutex_lock(&suit_dev.lock);
	for (i = 0; i < suit_dev.ncomps; i++) {
		c = &suit_dev.comps[i];
		len += sysfs_emit_at(buf, len, "%*phN:", (int)c->id_len, c->id);
		if (c->kind == SUIT_KCOMP_RAM) {
			len += sysfs_emit_at(buf, len, "@ram\n");
			continue;
		}
		if (c->kind == SUIT_KCOMP_RPROC) {
			len += sysfs_emit_at(buf, len, "@rproc=%s%s%s\n",
					     c->mtd_name[0],
					     c->mtd_name[1][0] ? "," : "",
					     c->mtd_name[1]);
			continue;
		}
		for (j = 0; j < c->nslots; j++)
			len += sysfs_emit_at(buf, len, "%s%s", j ? "," : "",
					     c->mtd_name[j]);
		len += sysfs_emit_at(buf, len, "\n");
	}
	mutex_unlock(&suit_dev.lock);
	return len;
}
static DEVICE_ATTR_RO(components);

static ssize_t last_result_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct suit_ioc_result r;
	bool have;

	mutex_lock(&suit_dev.lock);
	r = suit_dev.last;
	have = suit_dev.have_last;
	mutex_unlock(&suit_dev.lock);
	if (!have)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%u %d %d %u %d %llu\n", r.reason, r.error,
			  r.section, r.component, r.command, r.sequence);
}
static DEVICE_ATTR_RO(last_result);

static struct attribute *suit_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_sequence.attr,
	&dev_attr_active_slots.attr,
	&dev_attr_valid_slots.attr,
	&dev_attr_components.attr,
	&dev_attr_last_result.attr,
	NULL,
};

static const struct attribute_group suit_attr_group = {
	.attrs = suit_attrs,
};

const struct attribute_group *suit_attr_groups[] = {
	&suit_attr_group,
	NULL,
};

static void suit_comps_exit(struct suit_dev *d)
{
	u32 i;

	for (i = 0; i < d->ncomps; i++)
		if (d->comps[i].kind == SUIT_KCOMP_RPROC)
			suit_rproc_exit(&d->comps[i]);
}

static int suit_comps_init(struct suit_dev *d)
{
	u32 i;
	int ret;

	for (i = 0; i < d->ncomps; i++) {
		if (d->comps[i].kind != SUIT_KCOMP_RPROC)
			continue;
		ret = suit_rproc_init(&d->comps[i]);
		if (ret) {
			pr_err("suit: remoteproc component %u: %d\n", i, ret);
			suit_comps_exit(d);
			return ret;
		}
	}
	return 0;
}

static int __init suit_init(void)
{
	int ret;

	ret = suit_config_init(&suit_dev);
	if (ret) {
		pr_err("suit: bad identity or component parameters\n");
		return ret;
	}
	ret = suit_comps_init(&suit_dev);
	if (ret)
		return ret;
	ret = suit_meta_load(&suit_dev);
	if (ret) {
		pr_warn("suit: metadata partition \"%s\" unusable (%d), keeping state in RAM\n",
			suit_dev.meta_mtd, ret);
		suit_dev.meta_mtd[0] = 0;
	}
	/* K-B: the A/B boot decision (kernel/boot.c); a failure is retried */
	suit_boot_decide(&suit_dev);
	ret = suit_keyring_init();
	if (ret) {
		suit_comps_exit(&suit_dev);
		return ret;
	}
	keyring_serial = suit_keyring->serial;

	suit_dev.misc.minor = MISC_DYNAMIC_MINOR;
	suit_dev.misc.name = "suit";
	suit_dev.misc.fops = &suit_fops;
	suit_dev.misc.mode = 0600;
	suit_dev.misc.groups = suit_attr_groups;
	ret = misc_register(&suit_dev.misc);
	if (ret) {
		suit_keyring_exit();
		suit_comps_exit(&suit_dev);
		return ret;
	}
	pr_info("suit: /dev/suit ready, %u components, keyring %d, sequence %llu\n",
		suit_dev.ncomps, keyring_serial, suit_dev.meta.sequence);
	return 0;
}

static void __exit suit_exit(void)
{
	misc_deregister(&suit_dev.misc);
	suit_keyring_exit();
	suit_comps_exit(&suit_dev);
}

module_init(suit_init);
module_exit(suit_exit);

MODULE_DESCRIPTION("SUIT firmware update service (/dev/suit)");
MODULE_LICENSE("GPL");
