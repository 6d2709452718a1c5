// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated device of `suit-tool process`: the non-crypto members of
 * struct suit_platform_ops over components held in memory.
 *
 * Every write is staged: comp_open(WRITE) collects bytes in a pending
 * buffer, comp_close(ok) moves it into the slot's staged content, and only
 * commit makes staged content the device's content (and writes the state
 * directory with one atomic rename per file). abort drops all staging, so
 * a rejected envelope leaves the device, and the state directory, as they
 * were.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <suit/cbor.h>

#include "sim_device.h"
#include "tool_names.h"

/* Bytes collected by an open write (one per component). */
struct sim_pending {
	uint8_t *buf;
	size_t len;
	size_t cap;
};

static struct sim_pending pending[SIM_MAX_COMPONENTS];

struct sim_fetch {
	FILE *f;
};

static struct sim_device *to_dev(void *plat)
{
	return (struct sim_device *)plat;
}

/* The content a reader sees now: staged if dirty, else committed. */
static void slot_view(const struct sim_slot *s, const uint8_t **p, size_t *len,
		      bool *present)
{
	if (s->dirty) {
		*p = s->stage;
		*len = s->stage_len;
		*present = true;
	} else {
		*p = s->data;
		*len = s->len;
		*present = s->present;
	}
}

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
	size_t ncap = *cap ? *cap : 4096;
	uint8_t *nb;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return -ENOMEM;
		ncap *= 2;
	}
	nb = realloc(*buf, ncap);
	if (!nb)
		return -ENOMEM;
	*buf = nb;
	*cap = ncap;
	return 0;
}

void sim_format_id(const uint8_t *id, size_t len, char *out, size_t cap)
{
	struct suit_cbor c, in;
	struct suit_buf b;
	size_t n, i, o = 0, k;

	if (cap == 0)
		return;
	out[0] = '\0';
	suit_cbor_init(&c, id, len);
	if (suit_cbor_enter_array(&c, &in, &n))
		goto raw;
	o += (size_t)snprintf(out + o, cap - o, "[");
	for (i = 0; i < n && o < cap; i++) {
		if (suit_cbor_get_bstr(&in, &b))
			goto raw;
		o += (size_t)snprintf(out + o, cap - o, "%sh'", i ? ", " : "");
		for (k = 0; k < b.len && o < cap; k++)
			o += (size_t)snprintf(out + o, cap - o, "%02x", b.ptr[k]);
		if (o < cap)
			o += (size_t)snprintf(out + o, cap - o, "'");
	}
	if (o < cap)
		snprintf(out + o, cap - o, "]");
	return;
raw:
	o = 0;
	for (k = 0; k < len && o + 3 < cap; k++)
		o += (size_t)snprintf(out + o, cap - o, "%02x", id[k]);
}

/* ---------------------------------------------------------------- state -- */

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return -errno;
	for (;;) {
		if (grow(&buf, &cap, n + 4096)) {
			free(buf);
			fclose(f);
			return -ENOMEM;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	*data = buf;
	*len = n;
	return 0;
}

int sim_state_load(struct sim_device *dev, char *err, size_t errlen)
{
	char path[4096];
	unsigned int i, s;

	if (!dev->state_dir)
		return 0;
	for (i = 0; i < dev->n_comp; i++) {
		struct sim_component *c = &dev->comp[i];

		for (s = 0; s < c->slots; s++) {
			struct sim_slot *sl = &c->slot[s];
			uint8_t *data = NULL;
			size_t len = 0;
			int rc;

			snprintf(path, sizeof(path), "%s/%u.%u", dev->state_dir, i, s);
			rc = read_file(path, &data, &len);
			if (rc == -ENOENT)
				continue;
			if (rc) {
				snprintf(err, errlen, "%s: %s", path, strerror(-rc));
				return -1;
			}
			if (len > c->max_size) {
				free(data);
				snprintf(err, errlen, "%s: larger than max-size %llu", path,
					 (unsigned long long)c->max_size);
				return -1;
			}
			free(sl->data);
			sl->data = data;
			sl->len = len;
			sl->present = true;
		}
	}
	snprintf(path, sizeof(path), "%s/%s", dev->state_dir, SIM_SEQUENCE_FILE);
	{
		FILE *f = fopen(path, "r");
		unsigned long long seq;

		if (f) {
			if (fscanf(f, "%llu", &seq) != 1) {
				fclose(f);
				snprintf(err, errlen, "%s: expected a number", path);
				return -1;
			}
			fclose(f);
			if (!dev->has_sequence || seq > dev->sequence)
				dev->sequence = seq;
			dev->has_sequence = true;
		}
	}
	return 0;
}

/* Write @len bytes to @dir/@name atomically (temp file, fsync, rename). */
static int write_atomic(const char *dir, const char *name, const uint8_t *data,
			size_t len)
{
	char tmp[4096], path[4096];
	size_t off = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp.%ld", dir, name, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			unlink(tmp);
			return -EIO;
		}
		off += (size_t)w;
	}
	if (fsync(fd) || close(fd)) {
		unlink(tmp);
		return -EIO;
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		return -errno;
	}
	return 0;
}

/* Does @dir/@name exist? */
static bool state_has(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

/* ------------------------------------------------------------ components -- */

static int sim_comp_lookup(void *plat, struct suit_buf id, uint32_t *comp)
{
	struct sim_device *dev = to_dev(plat);
	unsigned int i;

	for (i = 0; i < dev->n_comp; i++) {
		if (dev->comp[i].id_len == id.len &&
		    !memcmp(dev->comp[i].id, id.ptr, id.len)) {
			*comp = i;
			return 0;
		}
	}
	return -ENOENT;
}

static struct sim_component *get_comp(struct sim_device *dev, uint32_t comp)
{
	return comp < dev->n_comp ? &dev->comp[comp] : NULL;
}

static int sim_comp_info(void *plat, uint32_t comp, uint32_t slot,
			 struct suit_component_info *info)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);
	const uint8_t *p;
	size_t len;
	bool present;

	if (!c || slot >= c->slots)
		return -ENOENT;
	memset(info, 0, sizeof(*info));
	info->slots = c->slots;
	info->active_slot = c->slot_index;
	info->max_size = c->max_size;
	slot_view(&c->slot[slot], &p, &len, &present);
	info->size = present ? len : 0;
	memcpy(info->version, c->version, sizeof(c->version[0]) * c->version_len);
	info->version_len = c->version_len;
	return 0;
}

static int sim_comp_open(void *plat, uint32_t comp, uint32_t slot,
			 unsigned int flags, uint64_t size)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);

	if (!c || slot >= c->slots)
		return -ENOENT;
	if (c->open_slot >= 0)
		return -EBUSY;
	if (!(flags & (SUIT_COMP_READ | SUIT_COMP_WRITE)))
		return -EINVAL;
	if ((flags & SUIT_COMP_WRITE) && size > c->max_size)
		return -ENOSPC;
	c->open_slot = (int)slot;
	c->open_flags = flags;
	if (flags & SUIT_COMP_WRITE)
		pending[comp].len = 0;
	return 0;
}

static int sim_comp_read(void *plat, uint32_t comp, uint64_t off, uint8_t *buf,
			 size_t len)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);
	const uint8_t *p;
	size_t n;
	bool present;

	if (!c || c->open_slot < 0 || !(c->open_flags & SUIT_COMP_READ))
		return -EBADF;
	slot_view(&c->slot[c->open_slot], &p, &n, &present);
	if (off > n || len > n - off)
		return -EIO;
	if (len)
		memcpy(buf, p + off, len);
	return 0;
}

static int sim_comp_write(void *plat, uint32_t comp, const uint8_t *buf,
			  size_t len)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);
	struct sim_pending *pd;

	if (!c || c->open_slot < 0 || !(c->open_flags & SUIT_COMP_WRITE))
		return -EBADF;
	pd = &pending[comp];
	if (len > c->max_size || pd->len > c->max_size - len)
		return -ENOSPC;
	if (grow(&pd->buf, &pd->cap, pd->len + len))
		return -EIO;
	if (len)
		memcpy(pd->buf + pd->len, buf, len);
	pd->len += len;
	return 0;
}

static int sim_comp_close(void *plat, uint32_t comp, bool ok)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);
	struct sim_pending *pd;
	struct sim_slot *sl;

	if (!c || c->open_slot < 0)
		return -EBADF;
	sl = &c->slot[c->open_slot];
	pd = &pending[comp];
	if ((c->open_flags & SUIT_COMP_WRITE) && ok) {
		/* The pending bytes become the slot's staged content. */
		uint8_t *t = sl->stage;
		size_t tcap = sl->stage_cap;

		sl->stage = pd->buf;
		sl->stage_cap = pd->cap;
		sl->stage_len = pd->len;
		sl->dirty = true;
		pd->buf = t;
		pd->cap = tcap;
	}
	pd->len = 0;
	c->open_slot = -1;
	c->open_flags = 0;
	return 0;
}

static int sim_comp_map(void *plat, uint32_t comp, uint32_t slot,
			struct suit_buf *view)
{
	struct sim_component *c = get_comp(to_dev(plat), comp);
	const uint8_t *p;
	size_t len;
	bool present;

	if (!c || slot >= c->slots)
		return -ENOENT;
	slot_view(&c->slot[slot], &p, &len, &present);
	if (!present)
		return -ENOENT;
	view->ptr = p;
	view->len = len;
	return 0;
}

/* ---------------------------------------------------------------- fetch -- */

static int sim_fetch_open(void *plat, struct suit_buf uri, struct suit_buf args,
			  uint64_t size_hint, void **stream)
{
	struct sim_device *dev = to_dev(plat);
	struct sim_fetch *fs;
	unsigned int i;

	for (i = 0; i < dev->n_uris; i++) {
		const char *u = dev->uris[i].uri;

		if (strlen(u) != uri.len || memcmp(u, uri.ptr, uri.len))
			continue;
		fs = calloc(1, sizeof(*fs));
		if (!fs)
			return -ENOMEM;
		fs->f = fopen(dev->uris[i].path, "rb");
		if (!fs->f) {
			fprintf(stderr, "suit-tool process: fetch %.*s: %s: %s\n",
				(int)uri.len, (const char *)uri.ptr,
				dev->uris[i].path, strerror(errno));
			free(fs);
			return -EIO;
		}
		if (dev->verbose)
			fprintf(stderr, "  fetch %.*s <- %s\n", (int)uri.len,
				(const char *)uri.ptr, dev->uris[i].path);
		*stream = fs;
		return 0;
	}
	if (dev->verbose)
		fprintf(stderr, "  fetch %.*s: not in the URI map\n", (int)uri.len,
			(const char *)uri.ptr);
	return -ENOENT;
}

static int sim_fetch_read(void *plat, void *stream, uint8_t *buf, size_t cap,
			  size_t *got)
{
	struct sim_fetch *fs = stream;

	*got = fread(buf, 1, cap, fs->f);
	if (*got == 0 && ferror(fs->f))
		return -EIO;
	return 0;
}

static void sim_fetch_close(void *plat, void *stream)
{
	struct sim_fetch *fs = stream;

	if (!fs)
		return;
	if (fs->f)
		fclose(fs->f);
	free(fs);
}

/* --------------------------------------------------------- device state -- */

static int sim_get_identity(void *plat, struct suit_identity *id)
{
	*id = to_dev(plat)->identity;
	return 0;
}

static int sim_get_time(void *plat, uint64_t *secs)
{
	*secs = to_dev(plat)->time;
	return 0;
}

static int sim_get_battery(void *plat, uint64_t *mwh)
{
	*mwh = to_dev(plat)->battery_mwh;
	return 0;
}

static int sim_get_sequence(void *plat, struct suit_buf manifest_comp,
			    uint64_t *seq)
{
	struct sim_device *dev = to_dev(plat);

	/* Only the root manifest's sequence number is tracked. */
	if (manifest_comp.len || !dev->has_sequence)
		return -ENOENT;
	*seq = dev->sequence;
	return 0;
}

static int sim_update_authorized(void *plat, int64_t priority)
{
	struct sim_device *dev = to_dev(plat);

	if (dev->verbose)
		fprintf(stderr, "  update-authorized(priority %lld): %s\n",
			(long long)priority, dev->update_authorized ? "yes" : "no");
	return dev->update_authorized ? 0 : -EPERM;
}

static int sim_wait(void *plat, struct suit_buf wait_info)
{
	struct sim_device *dev = to_dev(plat);
	struct suit_cbor c, in;
	size_t pairs, i;
	unsigned int k;
	int rc;

	suit_cbor_init(&c, wait_info.ptr, wait_info.len);
	rc = suit_cbor_enter_map(&c, &in, &pairs);
	if (rc)
		return -EBADMSG;
	for (i = 0; i < pairs; i++) {
		int64_t key;
		bool held = false;

		if (suit_cbor_get_int(&in, &key) || suit_cbor_skip(&in))
			return -EBADMSG;
		for (k = 0; k < dev->n_wait_events; k++)
			if (dev->wait_events[k] == key)
				held = true;
		if (dev->verbose)
			fprintf(stderr, "  wait event %lld: %s\n", (long long)key,
				held ? "holds" : "does not hold (suspend)");
		if (!held)
			return -EAGAIN;
	}
	return 0;
}

/* ------------------------------------------------------------- effects -- */

static void print_args(FILE *f, struct suit_buf args)
{
	size_t i;
	bool text = true;

	for (i = 0; i < args.len; i++)
		if (args.ptr[i] < 0x20 || args.ptr[i] > 0x7e)
			text = false;
	if (text) {
		fprintf(f, "'%.*s'", (int)args.len, (const char *)args.ptr);
		return;
	}
	fprintf(f, "h'");
	for (i = 0; i < args.len; i++)
		fprintf(f, "%02x", args.ptr[i]);
	fprintf(f, "'");
}

static int sim_invoke(void *plat, uint32_t comp, struct suit_buf args)
{
	struct sim_device *dev = to_dev(plat);
	struct sim_component *c = get_comp(dev, comp);
	char id[256];

	if (!c)
		return -ENOENT;
	sim_format_id(c->id, c->id_len, id, sizeof(id));
	printf("invoke: component %u %s args ", comp, id);
	print_args(stdout, args);
	printf("\n");
	fflush(stdout);
	dev->invocations++;
	return 0;
}

static int sim_swap(void *plat, uint32_t comp, uint32_t src)
{
	struct sim_device *dev = to_dev(plat);
	struct sim_component *a = get_comp(dev, comp), *b = get_comp(dev, src);
	struct sim_slot *sa, *sb;
	const uint8_t *pa, *pb;
	size_t la, lb;
	bool pra, prb;
	uint8_t *na = NULL, *nb = NULL;
	size_t ca = 0, cb = 0;

	if (!a || !b || comp == src)
		return -ENOENT;
	sa = &a->slot[a->slot_index];
	sb = &b->slot[b->slot_index];
	slot_view(sa, &pa, &la, &pra);
	slot_view(sb, &pb, &lb, &prb);
	if (lb > a->max_size || la > b->max_size)
		return -ENOSPC;
	if (grow(&na, &ca, lb + 1) || grow(&nb, &cb, la + 1)) {
		free(na);
		free(nb);
		return -EIO;
	}
	if (lb)
		memcpy(na, pb, lb);
	if (la)
		memcpy(nb, pa, la);
	free(sa->stage);
	free(sb->stage);
	sa->stage = na;
	sa->stage_cap = ca;
	sa->stage_len = lb;
	sa->dirty = true;
	sb->stage = nb;
	sb->stage_cap = cb;
	sb->stage_len = la;
	sb->dirty = true;
	if (dev->verbose)
		fprintf(stderr, "  swap component %u <-> %u\n", comp, src);
	return 0;
}

static int sim_unlink(void *plat, uint32_t comp)
{
	struct sim_device *dev = to_dev(plat);
	struct sim_component *c = get_comp(dev, comp);
	char id[256];

	if (!c)
		return -ENOENT;
	sim_format_id(c->id, c->id_len, id, sizeof(id));
	printf("unlink: component %u %s\n", comp, id);
	return 0;
}

static const char *section_name(int32_t s)
{
	switch (s) {
	case 3: return "common";
	case 4: return "shared-sequence";
	case 7: return "validate";
	case 8: return "load";
	case 9: return "invoke";
	case 15: return "dependency-resolution";
	case 16: return "payload-fetch";
	case 18: return "candidate-verification";
	case 20: return "install";
	case 24: return "uninstall";
	default: return "section";
	}
}

static void sim_progress(void *plat, const struct suit_progress *pr)
{
	struct sim_device *dev = to_dev(plat);

	if (!dev->verbose)
		return;
	if (pr->done == 0) {
		dev->progress_shown = 0;
		fprintf(stderr, "  %s: component %u: %s (%d)\n",
			section_name(pr->section), pr->component,
			tool_command_name(pr->command), pr->command);
		return;
	}
	/* Byte counts at most once per MiB, and at the end. */
	if (pr->done != pr->total && pr->done - dev->progress_shown < (1u << 20))
		return;
	dev->progress_shown = pr->done;
	fprintf(stderr, "    %llu/%llu bytes\n", (unsigned long long)pr->done,
		(unsigned long long)pr->total);
}

/* Drop every staged write and pending buffer. */
static void discard_stage(struct sim_device *dev)
{
	unsigned int i, s;

	for (i = 0; i < dev->n_comp; i++) {
		for (s = 0; s < SIM_MAX_SLOTS; s++) {
			struct sim_slot *sl = &dev->comp[i].slot[s];

			free(sl->stage);
			sl->stage = NULL;
			sl->stage_len = 0;
			sl->stage_cap = 0;
			sl->dirty = false;
		}
		dev->comp[i].open_slot = -1;
		free(pending[i].buf);
		memset(&pending[i], 0, sizeof(pending[i]));
	}
}

static int sim_commit(void *plat, uint64_t sequence)
{
	struct sim_device *dev = to_dev(plat);
	unsigned int i, s;
	char name[64];
	int rc;

	if (dev->state_dir) {
		if (mkdir(dev->state_dir, 0755) && errno != EEXIST) {
			fprintf(stderr, "suit-tool process: %s: %s\n", dev->state_dir,
				strerror(errno));
			return -EIO;
		}
		/*
		 * Each file is replaced by one atomic rename: a crash leaves
		 * every slot file either old or new, never partial.
		 */
		for (i = 0; i < dev->n_comp; i++) {
			for (s = 0; s < dev->comp[i].slots; s++) {
				struct sim_slot *sl = &dev->comp[i].slot[s];
				const uint8_t *p;
				size_t len;
				bool present;

				snprintf(name, sizeof(name), "%u.%u", i, s);
				slot_view(sl, &p, &len, &present);
				if (!present)
					continue;
				if (!sl->dirty && state_has(dev->state_dir, name))
					continue;
				rc = write_atomic(dev->state_dir, name, p, len);
				if (rc) {
					fprintf(stderr, "suit-tool process: %s/%s: %s\n",
						dev->state_dir, name, strerror(-rc));
					return -EIO;
				}
			}
		}
		if (!dev->has_sequence || sequence > dev->sequence ||
		    !state_has(dev->state_dir, SIM_SEQUENCE_FILE)) {
			char num[32];
			uint64_t seq = sequence;

			if (dev->has_sequence && dev->sequence > seq)
				seq = dev->sequence;

			snprintf(num, sizeof(num), "%llu\n", (unsigned long long)seq);
			rc = write_atomic(dev->state_dir, SIM_SEQUENCE_FILE,
					  (const uint8_t *)num, strlen(num));
			if (rc)
				return -EIO;
		}
	}
	/* The staged content becomes the device's content. */
	for (i = 0; i < dev->n_comp; i++) {
		for (s = 0; s < SIM_MAX_SLOTS; s++) {
			struct sim_slot *sl = &dev->comp[i].slot[s];

			if (!sl->dirty)
				continue;
			free(sl->data);
			sl->data = sl->stage;
			sl->len = sl->stage_len;
			sl->present = true;
			sl->stage = NULL;
			sl->stage_len = 0;
			sl->stage_cap = 0;
			sl->dirty = false;
		}
	}
	if (!dev->has_sequence || sequence > dev->sequence)
		dev->sequence = sequence;
	dev->has_sequence = true;
	dev->committed = true;
	return 0;
}

static void sim_abort(void *plat)
{
	discard_stage(to_dev(plat));
}

void sim_device_free(struct sim_device *dev)
{
	unsigned int i, s;

	discard_stage(dev);
	for (i = 0; i < dev->n_comp; i++) {
		for (s = 0; s < SIM_MAX_SLOTS; s++)
			free(dev->comp[i].slot[s].data);
		free(dev->comp[i].id);
	}
	for (i = 0; i < dev->n_uris; i++) {
		free(dev->uris[i].uri);
		free(dev->uris[i].path);
	}
	free(dev->uris);
	memset(dev, 0, sizeof(*dev));
}

static struct suit_platform_ops sim_ops = {
	.comp_lookup = sim_comp_lookup,
	.comp_info = sim_comp_info,
	.comp_open = sim_comp_open,
	.comp_read = sim_comp_read,
	.comp_write = sim_comp_write,
	.comp_close = sim_comp_close,
	.comp_map = sim_comp_map,
	.fetch_open = sim_fetch_open,
	.fetch_read = sim_fetch_read,
	.fetch_close = sim_fetch_close,
	.get_identity = sim_get_identity,
	.get_time = sim_get_time,
	.get_battery = sim_get_battery,
	.get_sequence = sim_get_sequence,
	.update_authorized = sim_update_authorized,
	.wait = sim_wait,
	.invoke = sim_invoke,
	.swap = sim_swap,
	.unlink = sim_unlink,
	.custom = NULL,
	.progress = sim_progress,
	.commit = sim_commit,
	.abort = sim_abort,
};

const struct suit_platform_ops *sim_platform_ops(void)
{
	static bool filled;

	if (!filled) {
		suit_ossl_fill_ops(&sim_ops);
		filled = true;
	}
	return &sim_ops;
}
