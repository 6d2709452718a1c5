// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remoteproc components: the firmware of a co-processor that shares memory
 * with this CPU (Documentation/device-classes.rst, "Co-processor sharing
 * memory").
 *
 * A session stages the new image in kernel memory (platform.c). On commit
 * this file writes it to a firmware file that only the kernel writes
 * (rproc_fw_dir), arms the rproc driver's digest hook when the component
 * map names one, and runs rproc_shutdown(), rproc_set_firmware(),
 * rproc_boot(). If the co-processor does not start, the previous image
 * (kept in kernel memory, or the factory firmware name) is restored and
 * booted again, and the commit fails.
 *
 * The hook closes the window between "verified" and "loaded": 6.1 has no
 * API to hand rproc_boot() a buffer, so the bytes travel through the file
 * system, where root could change them; a driver whose .load hashes the
 * bytes it loads and refuses a mismatch (like suit_fake_rproc_expect())
 * makes such a change fail the boot instead of running it.
 */
#include <crypto/sha2.h>
#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "suit_core.h"

static char *rproc_fw_dir = "/lib/firmware";
module_param(rproc_fw_dir, charp, 0444);
MODULE_PARM_DESC(rproc_fw_dir,
		 "directory on the firmware search path where remoteproc images are staged");

typedef void (*suit_rproc_hook_t)(const u8 *sha256);

/**
 * struct suit_rproc_state - what suit.ko knows of one co-processor
 * @lock: serialises commits and reads of @img
 * @img: the image suit.ko last started (NULL: the factory firmware)
 * @len: its length
 * @digest: its SHA-256
 * @gen: commits so far; the staged file name alternates with it
 */
struct suit_rproc_state {
	struct mutex lock;	/* see above */
	u8 *img;
	size_t len;
	u8 digest[SHA256_DIGEST_SIZE];
	unsigned int gen;
};

struct suit_rproc_find {
	const char *name;
	struct rproc *rproc;
};

static int suit_rproc_match_child(struct device *dev, void *data)
{
	struct suit_rproc_find *f = data;
	struct rproc *r;

	if (!dev->class || strcmp(dev->class->name, "remoteproc"))
		return 0;
	r = container_of(dev, struct rproc, dev);
	if (!r->name || strcmp(r->name, f->name))
		return 0;
	get_device(dev);
	f->rproc = r;
	return 1;
}

static int suit_rproc_match_pdev(struct device *dev, void *data)
{
	return device_for_each_child(dev, data, suit_rproc_match_child);
}

/* The rproc called @name (its sysfs "name"), with a device reference. */
static struct rproc *suit_rproc_get(const char *name)
{
	struct suit_rproc_find f = { .name = name };

	bus_for_each_dev(&platform_bus_type, NULL, &f, suit_rproc_match_pdev);
	return f.rproc;
}

/**
 * suit_rproc_init() - set up a remoteproc component
 * @c: the component (kind %SUIT_KCOMP_RPROC)
 *
 * The rproc itself is looked up by name at each commit, so it may be
 * registered after suit.ko is loaded.
 *
 * Return: 0 or -ENOMEM.
 */
int suit_rproc_init(struct suit_kcomp *c)
{
	c->rp = kzalloc(sizeof(*c->rp), GFP_KERNEL);
	if (!c->rp)
		return -ENOMEM;
	mutex_init(&c->rp->lock);
	return 0;
}

/**
 * suit_rproc_exit() - free what suit_rproc_init() and commits allocated
 * @c: the component
 */
void suit_rproc_exit(struct suit_kcomp *c)
{
	if (!c->rp)
		return;
	kvfree(c->rp->img);
	kfree(c->rp);
	c->rp = NULL;
}

/**
 * suit_rproc_size() - bytes of the image suit.ko last started
 * @c: the component
 *
 * Return: the size, 0 when the co-processor runs its factory firmware.
 */
u64 suit_rproc_size(struct suit_kcomp *c)
{
	u64 n;

	mutex_lock(&c->rp->lock);
	n = c->rp->len;
	mutex_unlock(&c->rp->lock);
	return n;
}

/**
 * suit_rproc_read() - read the image suit.ko last started
 * @c: the component
 * @off: offset
 * @buf: destination
 * @len: bytes
 *
 * Return: 0, or -EINVAL beyond the end of the image.
 */
int suit_rproc_read(struct suit_kcomp *c, u64 off, u8 *buf, size_t len)
{
	struct suit_rproc_state *rp = c->rp;
	int ret = 0;

	mutex_lock(&rp->lock);
	if (off > rp->len || len > rp->len - off)
		ret = -EINVAL;
	else
		memcpy(buf, rp->img + off, len);
	mutex_unlock(&rp->lock);
	return ret;
}

/* Write @len bytes of @img to <rproc_fw_dir>/@name, replacing it. */
static int suit_rproc_write_file(const char *name, const u8 *img, size_t len)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	char *path;
	int ret = 0;

	path = kasprintf(GFP_KERNEL, "%s/%s", rproc_fw_dir, name);
	if (!path)
		return -ENOMEM;
	f = filp_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0400);
	kfree(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	while (pos < len) {
		n = kernel_write(f, img + pos, len - pos, &pos);
		if (n <= 0) {
			ret = n ? n : -EIO;
			break;
		}
	}
	if (!ret)
		ret = vfs_fsync(f, 0);
	filp_close(f, NULL);
	/*
	 * A kernel thread's last fput() is deferred; until it runs the file
	 * counts as open for writing and the firmware loader's
	 * deny_write_access() refuses it (-ETXTBSY). Finish it now.
	 */
	flush_delayed_fput();
	return ret;
}

static void suit_rproc_arm(suit_rproc_hook_t hook, const u8 *digest)
{
	if (hook)
		hook(digest);
}

/* Stop @r if it runs; -EBUSY if another user keeps it running. */
static int suit_rproc_stop(struct rproc *r, bool *was_running)
{
	int ret;

	*was_running = r->state == RPROC_RUNNING ||
		       r->state == RPROC_ATTACHED ||
		       r->state == RPROC_CRASHED;
	if (!*was_running)
		return 0;
	ret = rproc_shutdown(r);
	if (ret) {
		*was_running = false;
		return ret;
	}
	return r->state == RPROC_OFFLINE ? 0 : -EBUSY;
}

/**
 * suit_rproc_commit() - start a new, verified image on the co-processor
 * @c: the component
 * @img: in: the image (kvmalloc'd); on success ownership moves to @c and
 *	*@img is set to NULL
 * @len: its length
 *
 * Return: 0 when the co-processor runs the new image. Otherwise a negative
 * errno (-ENODEV: no such rproc; -EBUSY: another user holds it running;
 * the rproc_boot() error when the new image does not start) and the
 * previous image runs again if it ran before.
 */
int suit_rproc_commit(struct suit_kcomp *c, u8 **img, size_t len)
{
	struct suit_rproc_state *rp = c->rp;
	suit_rproc_hook_t hook = NULL;
	u8 digest[SHA256_DIGEST_SIZE];
	char newfw[2 * SUIT_KMTD_NAME + 16], oldfw[2 * SUIT_KMTD_NAME + 16];
	const char *old = NULL;
	bool was_running;
	struct rproc *r;
	int ret, ret2;

	r = suit_rproc_get(c->mtd_name[0]);
	if (!r)
		return -ENODEV;
	if (c->mtd_name[1][0]) {
		hook = __symbol_get(c->mtd_name[1]);
		if (!hook) {
			put_device(&r->dev);
			return -ENOENT;	/* the hook's module is not loaded */
		}
	}
	sha256(*img, len, digest);
	mutex_lock(&rp->lock);
	snprintf(newfw, sizeof(newfw), "suit-%s-%c.bin", c->mtd_name[0],
		 rp->gen & 1 ? 'b' : 'a');
	ret = suit_rproc_write_file(newfw, *img, len);
	if (ret) {
		pr_err("suit: cannot stage %s in %s: %d\n", newfw, rproc_fw_dir,
		       ret);
		goto out;
	}
	ret = suit_rproc_stop(r, &was_running);
	if (ret == -EBUSY)
		goto out_restart;	/* give back our reference */
	if (ret)
		goto out;
	if (r->firmware)
		strscpy(oldfw, r->firmware, sizeof(oldfw));
	else
		oldfw[0] = 0;
	ret = rproc_set_firmware(r, newfw);
	if (ret)
		goto out_restart;
	suit_rproc_arm(hook, digest);
	ret = rproc_boot(r);
	if (!ret) {
		kvfree(rp->img);
		rp->img = *img;
		rp->len = len;
		memcpy(rp->digest, digest, sizeof(digest));
		rp->gen++;
		*img = NULL;
		pr_info("suit: %s runs %s (%zu bytes)\n", c->mtd_name[0], newfw,
			len);
		goto out;
	}
	pr_err("suit: %s did not start %s (%d), restoring the previous image\n",
	       c->mtd_name[0], newfw, ret);
	/* the previous image: ours (rewritten from memory) or the factory one */
	if (rp->img) {
		snprintf(oldfw, sizeof(oldfw), "suit-%s-%c.bin", c->mtd_name[0],
			 rp->gen & 1 ? 'a' : 'b');
		ret2 = suit_rproc_write_file(oldfw, rp->img, rp->len);
		if (ret2)
			pr_err("suit: cannot restore %s: %d\n", oldfw, ret2);
		suit_rproc_arm(hook, rp->digest);
	} else {
		suit_rproc_arm(hook, NULL);
	}
	if (oldfw[0]) {
		ret2 = rproc_set_firmware(r, oldfw);
		if (ret2)
			pr_err("suit: cannot set back %s: %d\n", oldfw, ret2);
	}
	old = oldfw;
out_restart:
	if (was_running) {
		ret2 = rproc_boot(r);
		if (ret2)
			pr_err("suit: %s: previous firmware %s did not start either: %d\n",
			       c->mtd_name[0], old ? old : "", ret2);
	}
out:
	mutex_unlock(&rp->lock);
	if (hook)
		symbol_put_addr(hook);
	put_device(&r->dev);
	return ret;
}

/**
 * suit_rproc_invoke() - make sure the co-processor runs its current image
 * @c: the component
 *
 * Nothing to do when it runs. Otherwise the image suit.ko last started is
 * staged again from the kernel's copy (so a file changed since is
 * replaced), the hook armed with its digest, and the rproc booted; with
 * no image from suit.ko the rproc boots its own firmware, hook disarmed.
 *
 * Return: 0, -ENODEV (no such rproc), -ENOENT (hook not loaded) or the
 * rproc_boot() error.
 */
int suit_rproc_invoke(struct suit_kcomp *c)
{
	struct suit_rproc_state *rp = c->rp;
	suit_rproc_hook_t hook = NULL;
	char fw[2 * SUIT_KMTD_NAME + 16];
	struct rproc *r;
	int ret = 0;

	r = suit_rproc_get(c->mtd_name[0]);
	if (!r)
		return -ENODEV;
	if (c->mtd_name[1][0]) {
		hook = __symbol_get(c->mtd_name[1]);
		if (!hook) {
			put_device(&r->dev);
			return -ENOENT;
		}
	}
	mutex_lock(&rp->lock);
	if (r->state == RPROC_RUNNING || r->state == RPROC_ATTACHED)
		goto out;
	if (rp->img) {
		/* the current image's file: the one the last commit wrote */
		snprintf(fw, sizeof(fw), "suit-%s-%c.bin", c->mtd_name[0],
			 rp->gen & 1 ? 'a' : 'b');
		ret = suit_rproc_write_file(fw, rp->img, rp->len);
		if (!ret)
			ret = rproc_set_firmware(r, fw);
		if (ret)
			goto out;
		suit_rproc_arm(hook, rp->digest);
	} else {
		suit_rproc_arm(hook, NULL);
	}
	ret = rproc_boot(r);
out:
	mutex_unlock(&rp->lock);
	if (hook)
		symbol_put_addr(hook);
	put_device(&r->dev);
	return ret;
}
