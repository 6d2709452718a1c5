// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit_fake_rproc: a TEST-ONLY remoteproc driver standing in for a
 * co-processor that shares memory with the main CPU (UML has none).
 *
 * It registers one platform device and one rproc ("suit-fake", firmware
 * "suit-fake.bin", no auto boot). Loading firmware records its SHA-256
 * and size; start/stop record the running state. Everything is visible in
 * debugfs, <debugfs>/suit_fake_rproc/:
 *
 *   loaded_sha256    SHA-256 (hex) of the last firmware loaded
 *   loaded_size      its size in bytes
 *   loads            number of successful loads
 *   running          1 between start and stop
 *   expected_sha256  write 64 hex digits to arm the digest check, an
 *                    empty line to disarm; reads back the armed digest
 *   rejects          loads refused by the digest check
 *   fail_start       write N: the next N starts fail with -EIO (a
 *                    co-processor that does not come up); reads back N
 *   starts           number of successful starts
 *
 * The digest check shows how a board's own rproc driver closes the window
 * between "the update was verified" and "the firmware was loaded": the
 * .load op hashes the very bytes it copies and refuses them unless they
 * match the digest the updater (suit.ko) armed, see
 * suit_fake_rproc_expect() and Documentation/device-classes.rst.
 */
#include <crypto/algapi.h>
#include <crypto/sha2.h>
#include <linux/debugfs.h>
#include <linux/firmware.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "suit_fake_rproc.h"

#define FAKE_FW_NAME	"suit-fake.bin"

/**
 * struct fake_rproc - state of the fake co-processor
 * @lock: protects every field below
 * @loaded: SHA-256 of the last firmware loaded
 * @loaded_size: its size
 * @loads: successful loads
 * @rejects: loads refused by the digest check
 * @running: between start and stop
 * @armed: @expected is set
 * @expected: the digest a load must match when @armed
 * @fail_start: starts still to fail
 * @starts: successful starts
 */
struct fake_rproc {
	struct mutex lock;	/* see above */
	u8 loaded[SHA256_DIGEST_SIZE];
	size_t loaded_size;
	unsigned int loads;
	unsigned int rejects;
	bool running;
	bool armed;
	u8 expected[SHA256_DIGEST_SIZE];
	unsigned int fail_start;
	unsigned int starts;
};

static struct platform_device *fake_pdev;
static struct rproc *fake_rproc;
static struct dentry *fake_dir;

static struct fake_rproc *fake_priv(void)
{
	return fake_rproc->priv;
}

static void fake_hash(const u8 *data, size_t len, u8 *out)
{
	struct sha256_state st;
	size_t n;

	sha256_init(&st);
	while (len) {
		n = min_t(size_t, len, SZ_1M);
		sha256_update(&st, data, n);
		data += n;
		len -= n;
	}
	sha256_final(&st, out);
}

static int fake_load(struct rproc *rproc, const struct firmware *fw)
{
	struct fake_rproc *f = rproc->priv;
	u8 d[SHA256_DIGEST_SIZE];
	int ret = 0;

	/* hash the bytes that are being loaded, not a copy checked earlier */
	fake_hash(fw->data, fw->size, d);
	mutex_lock(&f->lock);
	if (f->armed && crypto_memneq(d, f->expected, sizeof(d))) {
		f->rejects++;
		dev_err(&rproc->dev, "firmware digest mismatch: not loaded\n");
		ret = -EKEYREJECTED;
	} else {
		memcpy(f->loaded, d, sizeof(d));
		f->loaded_size = fw->size;
		f->loads++;
	}
	mutex_unlock(&f->lock);
	return ret;
}

static int fake_start(struct rproc *rproc)
{
	struct fake_rproc *f = rproc->priv;

	mutex_lock(&f->lock);
	if (f->fail_start) {
		f->fail_start--;
		mutex_unlock(&f->lock);
		dev_err(&rproc->dev, "fake co-processor failed to start\n");
		return -EIO;
	}
	f->running = true;
	f->starts++;
	mutex_unlock(&f->lock);
	dev_info(&rproc->dev, "fake co-processor started\n");
	return 0;
}

static int fake_stop(struct rproc *rproc)
{
	struct fake_rproc *f = rproc->priv;

	mutex_lock(&f->lock);
	f->running = false;
	mutex_unlock(&f->lock);
	dev_info(&rproc->dev, "fake co-processor stopped\n");
	return 0;
}

static const struct rproc_ops fake_ops = {
	.start = fake_start,
	.stop = fake_stop,
	.load = fake_load,
};

/**
 * suit_fake_rproc_get() - the fake rproc, for an updater under test
 *
 * Return: the rproc (no reference taken; valid while this module is
 * loaded, which a user's symbol dependency guarantees).
 */
struct rproc *suit_fake_rproc_get(void)
{
	return fake_rproc;
}
EXPORT_SYMBOL_GPL(suit_fake_rproc_get);

/**
 * suit_fake_rproc_expect() - arm (or disarm) the digest check of .load
 * @digest: SHA-256 the next loads must match, NULL to disarm
 *
 * A board's own rproc driver would offer the same hook to suit.ko: the
 * updater arms the digest from the verified manifest before
 * rproc_boot(), so firmware changed after verification is never started.
 */
void suit_fake_rproc_expect(const u8 *digest)
{
	struct fake_rproc *f = fake_priv();

	mutex_lock(&f->lock);
	f->armed = digest;
	if (digest)
		memcpy(f->expected, digest, SHA256_DIGEST_SIZE);
	mutex_unlock(&f->lock);
}
EXPORT_SYMBOL_GPL(suit_fake_rproc_expect);

/* --- debugfs ------------------------------------------------------- */

static int fake_show(struct seq_file *s, void *unused)
{
	struct fake_rproc *f = fake_priv();
	const char *what = s->private;

	mutex_lock(&f->lock);
	if (!strcmp(what, "loaded_sha256"))
		seq_printf(s, "%*phN\n", SHA256_DIGEST_SIZE, f->loaded);
	else if (!strcmp(what, "loaded_size"))
		seq_printf(s, "%zu\n", f->loaded_size);
	else if (!strcmp(what, "loads"))
		seq_printf(s, "%u\n", f->loads);
	else if (!strcmp(what, "rejects"))
		seq_printf(s, "%u\n", f->rejects);
	else if (!strcmp(what, "running"))
		seq_printf(s, "%d\n", f->running);
	else if (!strcmp(what, "fail_start"))
		seq_printf(s, "%u\n", f->fail_start);
	else if (!strcmp(what, "starts"))
		seq_printf(s, "%u\n", f->starts);
	else if (f->armed)
		seq_printf(s, "%*phN\n", SHA256_DIGEST_SIZE, f->expected);
	else
		seq_puts(s, "\n");
	mutex_unlock(&f->lock);
	return 0;
}

static int fake_open(struct inode *inode, struct file *file)
{
	return single_open(file, fake_show, inode->i_private);
}

static ssize_t fake_expect_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char buf[2 * SHA256_DIGEST_SIZE + 2];
	u8 d[SHA256_DIGEST_SIZE];
	size_t n = len;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (n && buf[n - 1] == '\n')
		n--;
	if (n == 0) {
		suit_fake_rproc_expect(NULL);
		return len;
	}
	if (n != 2 * SHA256_DIGEST_SIZE || hex2bin(d, buf, SHA256_DIGEST_SIZE))
		return -EINVAL;
	suit_fake_rproc_expect(d);
	return len;
}

static ssize_t fake_fail_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct fake_rproc *f = fake_priv();
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(ubuf, len, 0, &n);
	if (ret)
		return ret;
	mutex_lock(&f->lock);
	f->fail_start = n;
	mutex_unlock(&f->lock);
	return len;
}

static const struct file_operations fake_fail_fops = {
	.owner = THIS_MODULE,
	.open = fake_open,
	.read = seq_read,
	.write = fake_fail_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations fake_ro_fops = {
	.owner = THIS_MODULE,
	.open = fake_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct file_operations fake_expect_fops = {
	.owner = THIS_MODULE,
	.open = fake_open,
	.read = seq_read,
	.write = fake_expect_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static void fake_debugfs(void)
{
	static const char * const ro[] = {
		"loaded_sha256", "loaded_size", "loads", "rejects", "running",
		"starts",
	};
	unsigned int i;

	fake_dir = debugfs_create_dir("suit_fake_rproc", NULL);
	for (i = 0; i < ARRAY_SIZE(ro); i++)
		debugfs_create_file(ro[i], 0444, fake_dir, (void *)ro[i],
				    &fake_ro_fops);
	debugfs_create_file("expected_sha256", 0600, fake_dir,
			    (void *)"expected_sha256", &fake_expect_fops);
	debugfs_create_file("fail_start", 0600, fake_dir, (void *)"fail_start",
			    &fake_fail_fops);
}

static int __init fake_init(void)
{
	struct fake_rproc *f;
	int ret;

	fake_pdev = platform_device_register_simple("suit-fake-rproc", -1,
						    NULL, 0);
	if (IS_ERR(fake_pdev))
		return PTR_ERR(fake_pdev);
	fake_rproc = rproc_alloc(&fake_pdev->dev, "suit-fake", &fake_ops,
				 FAKE_FW_NAME, sizeof(*f));
	if (!fake_rproc) {
		ret = -ENOMEM;
		goto err_pdev;
	}
	f = fake_rproc->priv;
	mutex_init(&f->lock);
	fake_rproc->auto_boot = false;
	ret = rproc_add(fake_rproc);
	if (ret)
		goto err_free;
	fake_debugfs();
	pr_info("suit_fake_rproc: TEST-ONLY remoteproc registered\n");
	return 0;
err_free:
	rproc_free(fake_rproc);
err_pdev:
	platform_device_unregister(fake_pdev);
	return ret;
}

static void __exit fake_exit(void)
{
	debugfs_remove_recursive(fake_dir);
	rproc_del(fake_rproc);
	rproc_free(fake_rproc);
	platform_device_unregister(fake_pdev);
}

module_init(fake_init);
module_exit(fake_exit);
MODULE_DESCRIPTION("TEST-ONLY fake remoteproc for linux-suit");
MODULE_LICENSE("GPL");
