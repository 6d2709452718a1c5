// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel home of lib/'s platform contract (include/suit/platform.h):
 * components on MTD, fetches through the session's userspace channel,
 * device state from the metadata record. Every op runs in the session's
 * processing thread; @plat is the struct suit_session.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#include <kunit/visibility.h>

#include "suit_core.h"

static int suit_comp_lookup(void *plat, struct suit_buf id, u32 *comp)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	u32 i;

	for (i = 0; i < d->ncomps; i++) {
		if (d->comps[i].id_len == id.len &&
		    !memcmp(d->comps[i].id, id.ptr, id.len)) {
			*comp = i;
			return 0;
		}
	}
	return -ENOENT;
}

static int suit_comp_info(void *plat, u32 comp, u32 slot,
			  struct suit_component_info *info)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	struct suit_kcomp *c;
	struct suit_mtd_slot m = {};
	int ret;

	if (comp >= d->ncomps)
		return -ENOENT;
	c = &d->comps[comp];
	if (slot >= c->nslots)
		return -ENOENT;
	memset(info, 0, sizeof(*info));
	info->slots = c->nslots;
	if (c->kind != SUIT_KCOMP_MTD) {
		struct suit_kopen *o = &s->comp[comp];

		info->max_size = c->kind == SUIT_KCOMP_RAM ? SUIT_RAM_COMP_MAX :
				 SUIT_RPROC_MAX;
		if (o->ram_valid)
			info->size = o->ram_len;
		else if (c->kind == SUIT_KCOMP_RPROC)
			info->size = suit_rproc_size(c);
		return 0;
	}
	mutex_lock(&d->lock);
	info->active_slot = d->meta.active[comp];
	if (d->meta.valid[comp] & BIT(slot))
		info->size = d->meta.size[comp][slot];
	mutex_unlock(&d->lock);
	if (s->comp[comp].written && s->comp[comp].wslot == slot)
		info->size = s->comp[comp].wsize;
	ret = suit_mtd_open(&m, c->mtd_name[slot], false);
	if (ret)
		return ret;
	info->max_size = suit_mtd_capacity(&m);
	suit_mtd_close(&m);
	return 0;
}

/* Claim @comp for writing by session @s; -EBUSY if another one has it. */
static int suit_comp_claim(struct suit_session *s, u32 comp)
{
	struct suit_kcomp *c = &s->dev->comps[comp];
	int ret = 0;

	mutex_lock(&s->dev->lock);
	if (c->writer && c->writer != s)
		ret = -EBUSY;
	else
		c->writer = s;
	mutex_unlock(&s->dev->lock);
	return ret;
}

static void suit_comp_unclaim_all(struct suit_session *s)
{
	struct suit_dev *d = s->dev;
	u32 i;

	mutex_lock(&d->lock);
	for (i = 0; i < d->ncomps; i++)
		if (d->comps[i].writer == s)
			d->comps[i].writer = NULL;
	mutex_unlock(&d->lock);
}

/* RAM and rproc components: the content is staged in the session. */
static int suit_ram_open(struct suit_session *s, u32 comp, bool write,
			 u64 size)
{
	struct suit_kcomp *c = &s->dev->comps[comp];
	struct suit_kopen *o = &s->comp[comp];
	size_t max = c->kind == SUIT_KCOMP_RAM ? SUIT_RAM_COMP_MAX :
		     SUIT_RPROC_MAX;
	int ret;

	if (!write) {
		o->is_open = true;
		o->slot_no = 0;
		return 0;
	}
	if (READ_ONCE(s->cancel))
		return -EINTR;
	if (size > max)
		return -ENOSPC;
	if (c->kind == SUIT_KCOMP_RPROC) {
		ret = suit_comp_claim(s, comp);
		if (ret)
			return ret;
	}
	o->ram_len = 0;
	o->ram_valid = false;
	o->written = false;
	o->wopen = true;
	o->is_open = true;
	o->slot_no = 0;
	return 0;
}

static int suit_ram_append(struct suit_session *s, u32 comp, const u8 *buf,
			   size_t len)
{
	struct suit_kcomp *c = &s->dev->comps[comp];
	struct suit_kopen *o = &s->comp[comp];
	size_t max = c->kind == SUIT_KCOMP_RAM ? SUIT_RAM_COMP_MAX :
		     SUIT_RPROC_MAX;
	size_t ncap;
	u8 *n;

	if (!o->wopen)
		return -EBADF;
	if (len > max - o->ram_len)
		return -ENOSPC;
	if (o->ram_len + len > o->ram_cap) {
		ncap = max_t(size_t, o->ram_cap ? o->ram_cap : 4096,
			     o->ram_len + len);
		if (ncap < max / 2)
			ncap = max_t(size_t, ncap, 2 * o->ram_cap);
		ncap = min(ncap, max);
		n = kvrealloc(o->ram, o->ram_cap, ncap, GFP_KERNEL);
		if (!n)
			return -ENOMEM;
		o->ram = n;
		o->ram_cap = ncap;
	}
	memcpy(o->ram + o->ram_len, buf, len);
	o->ram_len += len;
	return 0;
}

static int suit_ram_read(struct suit_session *s, u32 comp, u64 off, u8 *buf,
			 size_t len)
{
	struct suit_kcomp *c = &s->dev->comps[comp];
	struct suit_kopen *o = &s->comp[comp];

	if (o->wopen)
		return -EBADF;
	if (o->ram_valid) {
		if (off > o->ram_len || len > o->ram_len - off)
			return -EINVAL;
		memcpy(buf, o->ram + off, len);
		return 0;
	}
	if (c->kind == SUIT_KCOMP_RPROC)
		return suit_rproc_read(c, off, buf, len);
	return len ? -EINVAL : 0;
}

static int suit_comp_open(void *plat, u32 comp, u32 slot, unsigned int flags,
			  u64 size)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	struct suit_kopen *o;
	struct suit_kcomp *c;
	struct suit_meta m;
	bool write = flags & SUIT_COMP_WRITE;
	u64 kept = 0;
	int ret;

	if (comp >= d->ncomps)
		return -ENOENT;
	c = &d->comps[comp];
	o = &s->comp[comp];
	if (slot >= c->nslots)
		return -ENOENT;
	if (o->is_open) {
		if (o->slot.write || o->wopen)
			return -EBUSY;
		if (c->kind == SUIT_KCOMP_MTD)
			suit_mtd_close(&o->slot);
		o->is_open = false;
	}
	if (c->kind != SUIT_KCOMP_MTD)
		return suit_ram_open(s, comp, write, size);
	if (!write) {
		ret = suit_mtd_open(&o->slot, c->mtd_name[slot], false);
		if (ret)
			return ret;
		o->is_open = true;
		o->slot_no = slot;
		return 0;
	}
	if (READ_ONCE(s->cancel))
		return -EINTR;
	/* A/B: the running image is never touched */
	if (c->nslots > 1 && slot == READ_ONCE(d->meta.active[comp]))
		return -EPERM;
	ret = suit_comp_claim(s, comp);
	if (ret)
		return ret;
	ret = suit_mtd_open(&o->slot, c->mtd_name[slot], true);
	if (ret)
		return ret;
	if (size && size > suit_mtd_capacity(&o->slot)) {
		suit_mtd_close(&o->slot);
		return -ENOSPC;
	}
	o->opens++;
	if (suit_resume_find(s, comp, slot, &kept) && (!size || kept <= size) &&
	    !suit_mtd_resume(&o->slot, kept)) {
		pr_info("suit: component %u: resuming an interrupted write at byte %llu\n",
			comp, kept);
		s->resumed = true;
	} else {
		/* invalid in the metadata before the first erase */
		kept = 0;
		mutex_lock(&d->lock);
		m = d->meta;
		m.valid[comp] &= ~BIT(slot);
		m.size[comp][slot] = 0;
		suit_resume_start(s, comp, slot, &m);
		ret = suit_meta_store(d, &m);
		mutex_unlock(&d->lock);
		if (ret) {
			suit_mtd_close(&o->slot);
			return ret;
		}
	}
	o->kept = kept;
	o->journaled = kept;
	o->slot.block_done = suit_resume_block_done;
	o->slot.arg = s;
	mutex_lock(&s->lock);
	s->resumed_bytes = kept;
	mutex_unlock(&s->lock);
	if (o->written && o->wslot == slot)
		o->written = false;
	o->is_open = true;
	o->slot_no = slot;
	return 0;
}

static int suit_comp_resume(void *plat, u32 comp, u64 *kept)
{
	struct suit_session *s = plat;
	struct suit_kopen *o;

	if (comp >= s->dev->ncomps || !s->comp[comp].is_open)
		return -EBADF;
	o = &s->comp[comp];
	*kept = o->slot.write ? o->kept : 0;
	return 0;
}

static int suit_comp_read(void *plat, u32 comp, u64 off, u8 *buf, size_t len)
{
	struct suit_session *s = plat;

	if (comp >= s->dev->ncomps || !s->comp[comp].is_open)
		return -EBADF;
	if (READ_ONCE(s->cancel))
		return -EINTR;
	if (s->dev->comps[comp].kind != SUIT_KCOMP_MTD)
		return suit_ram_read(s, comp, off, buf, len);
	return suit_mtd_read(&s->comp[comp].slot, off, buf, len);
}

static int suit_comp_write(void *plat, u32 comp, const u8 *buf, size_t len)
{
	struct suit_session *s = plat;

	if (comp >= s->dev->ncomps || !s->comp[comp].is_open)
		return -EBADF;
	if (READ_ONCE(s->cancel))
		return -EINTR;
	if (s->dev->comps[comp].kind != SUIT_KCOMP_MTD)
		return suit_ram_append(s, comp, buf, len);
	return suit_mtd_append(&s->comp[comp].slot, buf, len);
}

static int suit_comp_close(void *plat, u32 comp, bool ok)
{
	struct suit_session *s = plat;
	struct suit_kopen *o;
	int ret = 0;

	if (comp >= s->dev->ncomps || !s->comp[comp].is_open)
		return -EBADF;
	o = &s->comp[comp];
	if (s->dev->comps[comp].kind != SUIT_KCOMP_MTD) {
		if (o->wopen) {
			o->ram_valid = ok;
			if (!ok)
				o->ram_len = 0;
			/* rproc images are handed over on commit */
			o->written = ok &&
				s->dev->comps[comp].kind == SUIT_KCOMP_RPROC;
			o->wslot = 0;
			o->wsize = o->ram_len;
		}
		o->wopen = false;
		o->is_open = false;
		return 0;
	}
	if (o->slot.write) {
		if (ok)
			ret = suit_mtd_finish(&o->slot);
		if (ok && !ret) {
			o->written = true;
			o->wslot = o->slot_no;
			o->wsize = o->slot.total;
		}
	}
	suit_mtd_close(&o->slot);
	o->is_open = false;
	return ret;
}

/*
 * A read-only view of a slot's whole content: dependency envelopes fetched
 * into a component. RAM components hand out their buffer; an MTD slot is
 * read back into a kernel buffer of at most SUIT_ENVELOPE_MAX bytes. The
 * view stays valid until the session is freed or submits again.
 */
static int suit_comp_map(void *plat, u32 comp, u32 slot, struct suit_buf *view)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	struct suit_mtd_slot m = {};
	struct suit_kcomp *c;
	struct suit_kopen *o;
	u64 size = 0;
	int ret;

	if (comp >= d->ncomps)
		return -ENOENT;
	c = &d->comps[comp];
	o = &s->comp[comp];
	if (slot >= c->nslots || o->wopen || (o->is_open && o->slot.write))
		return -EBUSY;
	if (c->kind != SUIT_KCOMP_MTD) {
		/* an rproc's running image is not handed out */
		if (!o->ram_valid)
			return -ENOENT;
		view->ptr = o->ram;
		view->len = o->ram_len;
		return 0;
	}
	if (o->written && o->wslot == slot) {
		size = o->wsize;
	} else {
		mutex_lock(&d->lock);
		if (d->meta.valid[comp] & BIT(slot))
			size = d->meta.size[comp][slot];
		mutex_unlock(&d->lock);
		if (!size)
			return -ENOENT;
	}
	if (size > SUIT_ENVELOPE_MAX)
		return -EFBIG;
	kvfree(o->map);
	o->map = NULL;
	o->map_len = 0;
	if (size) {
		o->map = kvmalloc(size, GFP_KERNEL);
		if (!o->map)
			return -ENOMEM;
		ret = suit_mtd_open(&m, c->mtd_name[slot], false);
		if (!ret) {
			ret = suit_mtd_read(&m, 0, o->map, size);
			suit_mtd_close(&m);
		}
		if (ret) {
			kvfree(o->map);
			o->map = NULL;
			return ret;
		}
	}
	o->map_len = size;
	view->ptr = o->map;
	view->len = o->map_len;
	return 0;
}

/*
 * swap (directive 31) exchanges the content of two components. Only two
 * RAM components can do that atomically: MTD slots are fixed partitions
 * (an A/B switch is one component's commit, not a swap of two
 * components) and an rproc image is started, not stored.
 */
static int suit_swap(void *plat, u32 comp, u32 src)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	struct suit_kopen *a, *b;

	if (comp >= d->ncomps || src >= d->ncomps)
		return -ENOENT;
	if (d->comps[comp].kind != SUIT_KCOMP_RAM ||
	    d->comps[src].kind != SUIT_KCOMP_RAM)
		return -EOPNOTSUPP;
	a = &s->comp[comp];
	b = &s->comp[src];
	if (a->is_open || b->is_open)
		return -EBUSY;
	swap(a->ram, b->ram);
	swap(a->ram_len, b->ram_len);
	swap(a->ram_cap, b->ram_cap);
	swap(a->ram_valid, b->ram_valid);
	return 0;
}

/*
 * unlink (directive 33) drops a manifest component: a RAM component's
 * content is freed. Persistent components are not unlinked by a manifest.
 */
static int suit_unlink(void *plat, u32 comp)
{
	struct suit_session *s = plat;
	struct suit_kopen *o;

	if (comp >= s->dev->ncomps)
		return -ENOENT;
	if (s->dev->comps[comp].kind != SUIT_KCOMP_RAM)
		return -EOPNOTSUPP;
	o = &s->comp[comp];
	if (o->is_open)
		return -EBUSY;
	o->ram_valid = false;
	o->ram_len = 0;
	return 0;
}

/* ---- fetches: the userspace channel ----------------------------------- */

static int suit_fetch_open(void *plat, struct suit_buf uri, struct suit_buf args,
			   u64 size_hint, void **stream)
{
	struct suit_session *s = plat;
	struct suit_ioc_event *ev;

	if (uri.len >= SUIT_URI_MAX)
		return -ENAMETOOLONG;
	if (args.len > SUIT_FETCH_ARGS_MAX)
		return -E2BIG;
	mutex_lock(&s->lock);
	if (s->cancel) {
		mutex_unlock(&s->lock);
		return -EINTR;
	}
	s->fetch_id++;
	s->fetch_posted = false;
	s->fetch_accept = false;
	s->fetch_ended = false;
	s->fetch_err = 0;
	s->fetch_size = size_hint;
	s->fetch_got = 0;
	s->ring_head = 0;
	s->ring_count = 0;
	s->dbuf = NULL;
	s->dgot = 0;
	ev = &s->fetch_ev;
	memset(ev, 0, sizeof(*ev));
	ev->type = SUIT_EVENT_FETCH;
	ev->fetch_id = s->fetch_id;
	ev->size = size_hint;
	ev->component = s->prog.component;
	ev->uri_len = uri.len;
	memcpy(ev->uri, uri.ptr, uri.len);
	if (args.len)
		memcpy(s->fetch_args, args.ptr, args.len);
	s->fetch_args_len = args.len;
	ev->args_len = args.len;
	mutex_unlock(&s->lock);
	*stream = s;
	return 0;
}

/*
 * Ask userspace for the bytes: the event goes out at the first read, once
 * the component is open and a resumed write has set the offset.
 */
static int suit_fetch_post(struct suit_session *s)
{
	int ret;

	lockdep_assert_held(&s->lock);
	if (s->fetch_posted)
		return 0;
	ret = suit_session_post(s, &s->fetch_ev);
	if (ret)
		return ret;
	s->fetch_posted = true;
	s->fetch_accept = true;
	s->state = SUIT_STATE_FETCHING;
	return 0;
}

/* A resumed write wants the resource from @off on (before any read). */
static int suit_fetch_skip(void *plat, void *stream, u64 off)
{
	struct suit_session *s = plat;
	int ret = 0;

	mutex_lock(&s->lock);
	if (!s->fetch_offset_ok || s->fetch_posted)
		ret = -EOPNOTSUPP;	/* lib/ reads and drops instead */
	else if (s->fetch_size && off > s->fetch_size)
		ret = -EINVAL;
	if (!ret) {
		s->fetch_ev.offset = off;
		s->fetch_got = off;
	}
	mutex_unlock(&s->lock);
	return ret;
}

static bool suit_fetch_ready(struct suit_session *s)
{
	/* lockless peek; suit_fetch_read() re-checks under the lock */
	return READ_ONCE(s->dgot) || READ_ONCE(s->ring_count) ||
	       READ_ONCE(s->fetch_ended) || READ_ONCE(s->fetch_err) ||
	       READ_ONCE(s->cancel);
}

/* Move up to @cap bytes from the ring into @buf (s->lock held). */
static size_t suit_ring_take(struct suit_session *s, u8 *buf, size_t cap)
{
	size_t n = min(cap, s->ring_count);
	size_t first = min(n, SUIT_RING_SIZE - s->ring_head);

	memcpy(buf, s->ring + s->ring_head, first);
	memcpy(buf + first, s->ring, n - first);
	s->ring_head = (s->ring_head + n) % SUIT_RING_SIZE;
	s->ring_count -= n;
	return n;
}

/*
 * Bytes the ring holds come first. With the ring drained and room left
 * in @buf, write() copies the next bytes straight into @buf (one copy
 * instead of two) while this thread sleeps: lib/ gets whole chunks, so
 * the writer and this thread switch once per chunk, not once per ring.
 * Holding bytes already, the wait is bounded, so that a writer that
 * waits for progress before writing more still sees it.
 */
static int suit_fetch_read(void *plat, void *stream, u8 *buf, size_t cap,
			   size_t *got)
{
	struct suit_session *s = plat;
	size_t n = 0;
	int ret = 0;

	*got = 0;
	mutex_lock(&s->lock);
	if (!s->cancel && !s->fetch_posted) {
		ret = suit_fetch_post(s);
		if (ret) {
			mutex_unlock(&s->lock);
			return ret;
		}
		wake_up_interruptible_all(&s->wq);	/* readers of events */
	}
	if (!s->cancel)
		n = suit_ring_take(s, buf, cap);
	/*
	 * With no byte in hand, wait as long as it takes (end of stream is
	 * only ever userspace's word); holding some, wait for more only if
	 * more can come.
	 */
	if (n < cap && !s->ring_count && !s->fetch_ended && !s->fetch_err &&
	    !s->cancel &&
	    (!n || !s->fetch_size || s->fetch_got < s->fetch_size)) {
		s->dbuf = buf + n;
		s->dcap = cap - n;
		s->dgot = 0;
		mutex_unlock(&s->lock);
		wake_up_interruptible_all(&s->wq);	/* room for a writer */
		for (;;) {
			if (n)
				wait_event_idle_timeout(s->wq, suit_fetch_ready(s),
							HZ / 50);
			else
				wait_event_idle(s->wq, suit_fetch_ready(s));
			mutex_lock(&s->lock);
			if (n || s->dgot || s->ring_count || s->fetch_ended ||
			    s->fetch_err || s->cancel)
				break;
			mutex_unlock(&s->lock);
		}
		/* write() never touches @buf once it is taken back here */
		n += s->dgot;
		s->dbuf = NULL;
		s->dcap = 0;
		s->dgot = 0;
		if (!n && !s->cancel)
			n = suit_ring_take(s, buf, cap);
	}
	if (s->cancel)
		ret = -EINTR;
	else if (n)
		*got = n;
	else if (s->fetch_err)
		ret = s->fetch_err;
	/* else: ended, *got == 0 */
	mutex_unlock(&s->lock);
	wake_up_interruptible_all(&s->wq);
	return ret;
}

static void suit_fetch_close(void *plat, void *stream)
{
	struct suit_session *s = plat;

	mutex_lock(&s->lock);
	s->fetch_accept = false;
	s->ring_count = 0;
	s->dbuf = NULL;
	s->dgot = 0;
	if (s->state == SUIT_STATE_FETCHING)
		s->state = SUIT_STATE_RUNNING;
	mutex_unlock(&s->lock);
	wake_up_interruptible_all(&s->wq);
}

/* ---- device state ----------------------------------------------------- */

static int suit_get_identity(void *plat, struct suit_identity *id)
{
	struct suit_session *s = plat;

	*id = s->dev->ident;
	return 0;
}

static int suit_get_time(void *plat, u64 *secs)
{
	time64_t t = ktime_get_real_seconds();

	*secs = t < 0 ? 0 : t;
	return 0;
}

static int suit_get_sequence(void *plat, struct suit_buf manifest_comp,
			     u64 *seq)
{
	struct suit_session *s = plat;

	int ret = 0;

	/* dependencies: no stored sequence numbers */
	if (manifest_comp.len)
		return -ENOENT;
	mutex_lock(&s->dev->lock);
	if (s->dev->meta.flags & SUIT_META_HAS_SEQ)
		*seq = s->dev->meta.sequence;
	else
		ret = -ENOENT;	/* nothing accepted yet */
	mutex_unlock(&s->dev->lock);
	return ret;
}

static int suit_update_authorized(void *plat, s64 priority)
{
	return 0;	/* the caller of SUIT_IOC_SUBMIT is the authority */
}

static int suit_invoke(void *plat, u32 comp, struct suit_buf args)
{
	struct suit_session *s = plat;

	if (comp >= s->dev->ncomps)
		return -ENOENT;
	if (s->dev->comps[comp].kind == SUIT_KCOMP_RPROC)
		return suit_rproc_invoke(&s->dev->comps[comp]);
	if (s->dev->comps[comp].kind == SUIT_KCOMP_RAM)
		return -EOPNOTSUPP;	/* nothing to run */
	/* MTD images are started by the boot loader from the active slot */
	pr_info("suit: invoke of component %u: boots from slot %u\n", comp,
		s->dev->meta.active[comp]);
	return 0;
}

static void suit_progress(void *plat, const struct suit_progress *pr)
{
	struct suit_session *s = plat;

	mutex_lock(&s->lock);
	s->prog = *pr;
	mutex_unlock(&s->lock);
}

static int suit_commit(void *plat, u64 sequence)
{
	struct suit_session *s = plat;
	struct suit_dev *d = s->dev;
	struct suit_meta m;
	u32 i;
	int ret;

	/*
	 * Co-processors first: one that does not start fails the commit
	 * (after restarting its previous image) before the record is written.
	 */
	for (i = 0; i < d->ncomps; i++) {
		struct suit_kopen *o = &s->comp[i];

		if (d->comps[i].kind != SUIT_KCOMP_RPROC || !o->written)
			continue;
		ret = suit_rproc_commit(&d->comps[i], &o->ram, o->ram_len);
		if (ret)
			return ret;
		o->written = false;
		o->ram_valid = false;
		o->ram_len = 0;
		o->ram_cap = 0;
	}
	mutex_lock(&d->lock);
	m = d->meta;
	for (i = 0; i < d->ncomps; i++) {
		struct suit_kopen *o = &s->comp[i];

		if (!o->written || d->comps[i].kind != SUIT_KCOMP_MTD)
			continue;
		m.valid[i] |= BIT(o->wslot);
		m.size[i][o->wslot] = o->wsize;
		if (d->comps[i].nslots > 1)
			m.active[i] = o->wslot;
	}
	if (!(m.flags & SUIT_META_HAS_SEQ) || sequence > m.sequence)
		m.sequence = sequence;
	m.flags |= SUIT_META_HAS_SEQ;
	/* the one atomic step: the record is written last */
	ret = suit_meta_store(d, &m);
	mutex_unlock(&d->lock);
	if (!ret) {
		for (i = 0; i < d->ncomps; i++)
			s->comp[i].written = false;
		suit_comp_unclaim_all(s);
	}
	return ret;
}

/**
 * suit_platform_release() - close what lib/ left open and drop claims
 * @s: the session, its thread finished or finishing
 *
 * Slots written but not committed stay marked invalid in the metadata.
 */
void suit_platform_release(struct suit_session *s)
{
	u32 i;

	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		struct suit_kopen *o = &s->comp[i];

		if (o->is_open && i < s->dev->ncomps &&
		    s->dev->comps[i].kind == SUIT_KCOMP_MTD)
			suit_mtd_close(&o->slot);
		if (o->wopen)
			o->ram_valid = false;
		o->wopen = false;
		o->is_open = false;
		o->written = false;
	}
	suit_comp_unclaim_all(s);
}

/**
 * suit_platform_free() - free the session's RAM components and views
 * @s: the session, its thread not running
 *
 * Called before a new submission and when the file is released: views
 * handed to lib/ (comp_map) stay valid until then.
 */
void suit_platform_free(struct suit_session *s)
{
	u32 i;

	for (i = 0; i < SUIT_KMAX_COMPS; i++) {
		struct suit_kopen *o = &s->comp[i];

		kvfree(o->ram);
		kvfree(o->map);
		memset(o, 0, sizeof(*o));
	}
}
EXPORT_SYMBOL_IF_KUNIT(suit_platform_free);

static void suit_abort(void *plat)
{
	suit_platform_release(plat);
}

const struct suit_platform_ops suit_kernel_ops = {
	.hash_init = suit_hash_init,
	.hash_update = suit_hash_update,
	.hash_final = suit_hash_final,
	.auth_verify = suit_auth_verify,
	.cek_unwrap = suit_cek_unwrap,
	.cipher_init = suit_cipher_init,
	.cipher_update = suit_cipher_update,
	.cipher_final = suit_cipher_final,
	.comp_lookup = suit_comp_lookup,
	.comp_info = suit_comp_info,
	.comp_open = suit_comp_open,
	.comp_read = suit_comp_read,
	.comp_write = suit_comp_write,
	.comp_close = suit_comp_close,
	.comp_map = suit_comp_map,
	.comp_resume = suit_comp_resume,
	.fetch_open = suit_fetch_open,
	.fetch_read = suit_fetch_read,
	.fetch_close = suit_fetch_close,
	.fetch_skip = suit_fetch_skip,
	.get_identity = suit_get_identity,
	.get_time = suit_get_time,
	.get_sequence = suit_get_sequence,
	.update_authorized = suit_update_authorized,
	.invoke = suit_invoke,
	.swap = suit_swap,
	.unlink = suit_unlink,
	.progress = suit_progress,
	.commit = suit_commit,
	.abort = suit_abort,
};
EXPORT_SYMBOL_IF_KUNIT(suit_kernel_ops);
