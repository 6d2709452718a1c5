// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/suit file operations: one install session per open file. The
 * protocol is documented in include/uapi/linux/suit.h and
 * Documentation/ioctl.rst.
 */
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <suit/processor.h>
#include <suit/sw_crypto.h>
#include "suit_core.h"

/* The uapi structs must have no implicit padding. */
static_assert(sizeof(struct suit_ioc_submit) == 32);
static_assert(sizeof(struct suit_ioc_event) == 48 + SUIT_URI_MAX);
static_assert(sizeof(struct suit_ioc_fetch_fail) == 16);
static_assert(sizeof(struct suit_ioc_progress) == 56);
static_assert(sizeof(struct suit_ioc_result) == 56);
static_assert(sizeof(struct suit_ioc_report) == 32);
static_assert(sizeof(struct suit_ioc_info) == 120);
static_assert(sizeof(struct suit_ioc_fetch_args) == 24);
static_assert(SUIT_FETCH_ARGS_MAX <= 4096);
static_assert(SUIT_SUBMIT_UPDATE == SUIT_PROC_UPDATE);
static_assert(SUIT_SUBMIT_INVOKE == SUIT_PROC_INVOKE);

bool suit_allow_unsigned;

/**
 * suit_session_post() - queue an event for userspace (s->lock held)
 * @s: the session
 * @ev: the event
 *
 * Return: 0, or -EOVERFLOW if userspace left the queue full.
 */
int suit_session_post(struct suit_session *s, const struct suit_ioc_event *ev)
{
	unsigned int tail;

	lockdep_assert_held(&s->lock);
	if (s->ev_count == SUIT_EVQ_LEN)
		return -EOVERFLOW;
	tail = (s->ev_head + s->ev_count) % SUIT_EVQ_LEN;
	s->evq[tail] = *ev;
	s->ev_count++;
	return 0;
}

static int suit_thread(void *arg)
{
	struct suit_session *s = arg;
	struct suit_dev *d = s->dev;
	struct suit_result res = {};
	struct suit_ioc_event ev = {};
	int ret;

#ifdef SUIT_HAVE_PROCESSOR
	suit_processor_init(s->proc, &s->plat);
	ret = suit_process(s->proc, s->env, s->env_len, s->procs, &res);
#else
	res.reason = SUIT_REASON_OPERATION_FAILED;
	res.err = -EOPNOTSUPP;
	res.section = -1;
	ret = res.err;
#endif
	suit_platform_release(s);
	/* kept blocks that fail the digest are not kept again */
	if (ret && s->resumed && res.reason == SUIT_REASON_CONDITION_FAILED)
		suit_resume_drop(s);

	mutex_lock(&s->lock);
	if (ret && s->cancel)
		ret = -ECANCELED;
	memset(&s->res, 0, sizeof(s->res));
	s->res.state = ret ? SUIT_STATE_FAILED : SUIT_STATE_DONE;
	s->res.reason = ret && !res.reason ? SUIT_REASON_OPERATION_FAILED :
			res.reason;
	s->res.error = ret ? (res.err && ret != -ECANCELED ? res.err : ret) : 0;
	s->res.section = res.section;
	s->res.offset = res.offset;
	s->res.component = res.component;
	s->res.command = res.command;
	s->res.sequence = res.sequence;
	s->have_res = true;
	s->state = s->res.state;
	s->fetch_accept = false;
	ev.type = SUIT_EVENT_DONE;
	ev.fetch_id = s->fetch_id;
	ev.error = s->res.error;
	ev.reason = s->res.reason;
	if (suit_session_post(s, &ev)) {
		/* drop the oldest event: the result matters more */
		s->ev_head = (s->ev_head + 1) % SUIT_EVQ_LEN;
		s->ev_count--;
		suit_session_post(s, &ev);
	}
	s->running = false;
	mutex_unlock(&s->lock);

	mutex_lock(&d->lock);
	d->last = s->res;
	d->have_last = true;
	d->sessions--;
	mutex_unlock(&d->lock);

	wake_up_interruptible_all(&s->wq);
	kthread_complete_and_exit(&s->thread_done, 0);
}

static int suit_open(struct inode *inode, struct file *file)
{
	struct suit_session *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->dev = &suit_dev;
	mutex_init(&s->lock);
	init_waitqueue_head(&s->wq);
	init_completion(&s->thread_done);
	s->state = SUIT_STATE_IDLE;
	s->prog.section = -1;
	file->private_data = s;
	return stream_open(inode, file);
}

/* Stop the thread, if any, and wait for it. */
static void suit_stop(struct suit_session *s)
{
	bool running;

	mutex_lock(&s->lock);
	running = s->running;
	if (running)
		s->cancel = true;
	mutex_unlock(&s->lock);
	if (!running)
		return;
	wake_up_all(&s->wq);
	wait_for_completion(&s->thread_done);
}

static int suit_release(struct inode *inode, struct file *file)
{
	struct suit_session *s = file->private_data;

	suit_stop(s);
	suit_platform_free(s);
	kvfree(s->env);
	kvfree(s->proc);
	kvfree(s->chunk);
	kvfree(s->ring);
	kfree(s);
	return 0;
}

static long suit_ioc_submit(struct suit_session *s, struct file *file,
			    void __user *argp)
{
	struct suit_ioc_submit a;
	struct task_struct *t;
	u8 *env;
	int ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (copy_from_user(&a, argp, sizeof(a)))
		return -EFAULT;
	if (a.reserved[0] || a.reserved[1] || !a.envelope_len ||
	    !(a.flags & SUIT_SUBMIT_PROCS) || (a.flags & ~SUIT_SUBMIT_FLAGS))
		return -EINVAL;
	if (a.envelope_len > SUIT_ENVELOPE_MAX)
		return -E2BIG;

	if (mutex_lock_interruptible(&s->lock))
		return -EINTR;
	if (s->running) {
		ret = -EBUSY;
		goto out_unlock;
	}
	ret = -ENOMEM;
	if (!s->proc) {
		s->proc = kvzalloc(sizeof(*s->proc), GFP_KERNEL);
		if (!s->proc)
			goto out_unlock;
	}
	if (!s->chunk) {
		s->chunk = kvmalloc(SUIT_CHUNK_SIZE, GFP_KERNEL);
		if (!s->chunk)
			goto out_unlock;
	}
	if (!s->ring) {
		s->ring = kvmalloc(SUIT_RING_SIZE, GFP_KERNEL);
		if (!s->ring)
			goto out_unlock;
	}
	env = kvmalloc(a.envelope_len, GFP_KERNEL);
	if (!env)
		goto out_unlock;
	if (copy_from_user(env, u64_to_user_ptr(a.envelope), a.envelope_len)) {
		kvfree(env);
		ret = -EFAULT;
		goto out_unlock;
	}
	suit_platform_free(s);	/* the previous submission's RAM components */
	kvfree(s->env);
	s->env = env;
	s->env_len = a.envelope_len;
	suit_sha256(env, a.envelope_len, s->env_digest);
	s->procs = a.flags & SUIT_SUBMIT_PROCS;
	s->fetch_offset_ok = a.flags & SUIT_SUBMIT_FETCH_OFFSET;
	s->resumed = false;
	s->resumed_bytes = 0;

	s->plat.ops = &suit_kernel_ops;
	s->plat.priv = s;
	s->plat.max_components = SUIT_KMAX_COMPS;
	s->plat.chunk = s->chunk;
	s->plat.chunk_len = SUIT_CHUNK_SIZE;
	s->plat.allow_unsigned = READ_ONCE(suit_allow_unsigned);

	s->ev_head = 0;
	s->ev_count = 0;
	s->fetch_id = 0;
	s->fetch_posted = false;
	s->fetch_accept = false;
	s->ring_count = 0;
	s->dbuf = NULL;
	s->dgot = 0;
	memset(&s->prog, 0, sizeof(s->prog));
	s->prog.section = -1;
	s->bytes_written = 0;
	s->have_res = false;
	s->cancel = false;
	s->state = SUIT_STATE_RUNNING;
	s->running = true;
	reinit_completion(&s->thread_done);

	mutex_lock(&s->dev->lock);
	s->dev->sessions++;
	mutex_unlock(&s->dev->lock);

	t = kthread_run(suit_thread, s, "suit-%d", task_pid_nr(current));
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		s->running = false;
		s->state = SUIT_STATE_IDLE;
		mutex_lock(&s->dev->lock);
		s->dev->sessions--;
		mutex_unlock(&s->dev->lock);
		goto out_unlock;
	}
	ret = 0;
out_unlock:
	mutex_unlock(&s->lock);
	return ret;
}

/* Take one event; s->lock held. */
/*
 * Hand the oldest event to userspace and only then drop it, so that a bad
 * buffer (-EFAULT) loses nothing. Called with s->lock held.
 */
static int suit_copy_event(struct suit_session *s, void __user *buf)
{
	if (!s->ev_count)
		return -EAGAIN;
	if (copy_to_user(buf, &s->evq[s->ev_head], sizeof(s->evq[0])))
		return -EFAULT;
	s->ev_head = (s->ev_head + 1) % SUIT_EVQ_LEN;
	s->ev_count--;
	return 0;
}

static ssize_t suit_read(struct file *file, char __user *buf, size_t count,
			 loff_t *ppos)
{
	struct suit_session *s = file->private_data;
	int ret;

	if (count < sizeof(struct suit_ioc_event))
		return -EINVAL;
	for (;;) {
		if (mutex_lock_interruptible(&s->lock))
			return -ERESTARTSYS;
		ret = suit_copy_event(s, buf);
		if (ret != -EAGAIN)
			break;
		if (!s->running) {
			mutex_unlock(&s->lock);
			return 0;
		}
		mutex_unlock(&s->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(s->wq, READ_ONCE(s->ev_count) ||
					       !READ_ONCE(s->running));
		if (ret)
			return ret;
	}
	mutex_unlock(&s->lock);
	return ret ? ret : sizeof(struct suit_ioc_event);
}

/* Room for payload: lib/'s waiting chunk, or space in the ring (s->lock). */
static bool suit_has_room(struct suit_session *s)
{
	return (READ_ONCE(s->dbuf) && READ_ONCE(s->dgot) < READ_ONCE(s->dcap)) ||
	       READ_ONCE(s->ring_count) < SUIT_RING_SIZE;
}

static bool suit_can_write(struct suit_session *s)
{
	return !READ_ONCE(s->fetch_accept) || READ_ONCE(s->fetch_ended) ||
	       READ_ONCE(s->fetch_err) || suit_has_room(s);
}

static ssize_t suit_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *ppos)
{
	struct suit_session *s = file->private_data;
	size_t n, tail, first, done = 0;
	ssize_t ret;

	for (;;) {
		if (mutex_lock_interruptible(&s->lock))
			return -ERESTARTSYS;
		if (!s->fetch_accept || s->fetch_ended || s->fetch_err) {
			ret = -EPIPE;
			goto out_unlock;
		}
		if (!count) {
			s->fetch_ended = true;
			ret = 0;
			goto out_wake;
		}
		if (s->fetch_size && count > s->fetch_size - s->fetch_got) {
			ret = -EFBIG;
			goto out_unlock;
		}
		if (suit_has_room(s))
			break;
		mutex_unlock(&s->lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(s->wq, suit_can_write(s));
		if (ret)
			return ret;
	}
	/*
	 * The processing thread waits with the ring empty: copy straight into
	 * lib/'s chunk (one copy instead of two, up to a whole chunk per
	 * call). Bytes after that go to the ring, behind them.
	 */
	if (s->dbuf && s->dgot < s->dcap) {
		n = min(count, s->dcap - s->dgot);
		if (copy_from_user(s->dbuf + s->dgot, buf, n)) {
			ret = -EFAULT;
			goto out_unlock;
		}
		s->dgot += n;
		done = n;
	}
	n = min(count - done, SUIT_RING_SIZE - s->ring_count);
	tail = (s->ring_head + s->ring_count) % SUIT_RING_SIZE;
	first = min(n, SUIT_RING_SIZE - tail);
	if (copy_from_user(s->ring + tail, buf + done, first) ||
	    copy_from_user(s->ring, buf + done + first, n - first)) {
		if (!done) {
			ret = -EFAULT;
			goto out_unlock;
		}
		n = 0;	/* report the bytes already taken */
	}
	s->ring_count += n;
	done += n;
	s->fetch_got += done;
	s->bytes_written += done;
	ret = done;
out_wake:
	mutex_unlock(&s->lock);
	wake_up_all(&s->wq);
	return ret;
out_unlock:
	mutex_unlock(&s->lock);
	return ret;
}

static __poll_t suit_poll(struct file *file, poll_table *wait)
{
	struct suit_session *s = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &s->wq, wait);
	mutex_lock(&s->lock);
	if (s->ev_count)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (s->fetch_accept && !s->fetch_ended && !s->fetch_err &&
	    suit_has_room(s))
		mask |= EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&s->lock);
	return mask;
}

static long suit_fetch_end(struct suit_session *s, int err, bool check_id,
			   u32 id)
{
	long ret = 0;

	mutex_lock(&s->lock);
	if (!s->fetch_accept || s->fetch_ended || s->fetch_err)
		ret = -EPIPE;
	else if (check_id && id != s->fetch_id)
		ret = -ESTALE;
	else if (err)
		s->fetch_err = err;
	else
		s->fetch_ended = true;
	mutex_unlock(&s->lock);
	wake_up_all(&s->wq);
	return ret;
}

static void suit_fill_info(struct suit_ioc_info *i)
{
	struct suit_dev *d = &suit_dev;

	memset(i, 0, sizeof(*i));
	i->abi_version = SUIT_IOC_ABI_VERSION;
	i->keyring = suit_keyring ? suit_keyring->serial : 0;
	i->caps = suit_crypto_caps();
	i->caps |= SUIT_CAP_FETCH_ARGS | SUIT_CAP_RESUME;
	i->max_envelope = SUIT_ENVELOPE_MAX;
	/* lib/'s chunk (filled directly) + the ring: see suit_write() */
	i->max_chunk = SUIT_RING_SIZE + SUIT_CHUNK_SIZE;
	mutex_lock(&d->lock);
	i->num_components = d->ncomps;
	i->sessions = d->sessions;
	memcpy(i->vendor_id, d->ident.vendor_id, SUIT_IOC_UUID_LEN);
	memcpy(i->class_id, d->ident.class_id, SUIT_IOC_UUID_LEN);
	if (d->ident.has_device_id) {
		i->flags |= SUIT_INFO_HAS_DEVICE_ID;
		memcpy(i->device_id, d->ident.device_id, SUIT_IOC_UUID_LEN);
	}
	i->sequence = d->meta.sequence;
	mutex_unlock(&d->lock);
	if (suit_keyring_locked())
		i->flags |= SUIT_INFO_KEYRING_LOCKED;
}

static long suit_ioc_report(struct suit_session *s, void __user *argp)
{
	struct suit_ioc_report r;
	u8 nonce[SUIT_NONCE_MAX];
	size_t cap, len = 0;
	u8 *buf = NULL;
	long ret;

	if (copy_from_user(&r, argp, sizeof(r)))
		return -EFAULT;
	if (r.reserved || r.nonce_len > SUIT_NONCE_MAX)
		return -EINVAL;
	if (r.nonce_len &&
	    copy_from_user(nonce, u64_to_user_ptr(r.nonce), r.nonce_len))
		return -EFAULT;
	mutex_lock(&s->lock);
	if (s->running) {
		ret = -EBUSY;
		goto out;
	}
	if (!s->have_res) {
		ret = -ENODATA;
		goto out;
	}
#ifdef SUIT_HAVE_PROCESSOR
	cap = min_t(size_t, r.len, SUIT_ENVELOPE_MAX);
	if (cap) {
		buf = kvmalloc(cap, GFP_KERNEL);
		if (!buf) {
			ret = -ENOMEM;
			goto out;
		}
	}
	ret = suit_report_encode(s->proc,
				 (struct suit_buf){ .ptr = nonce,
						    .len = r.nonce_len },
				 buf, cap, &len);
#else
	cap = 0;
	ret = -ENODATA;
#endif
	if (ret && ret != -ENOSPC)
		goto out;
	if (!ret && len && copy_to_user(u64_to_user_ptr(r.buf), buf, len)) {
		ret = -EFAULT;
		goto out;
	}
	r.len = len;
	if (copy_to_user(argp, &r, sizeof(r)))
		ret = -EFAULT;
out:
	mutex_unlock(&s->lock);
	kvfree(buf);
	return ret;
}

static long suit_ioc_fetch_args(struct suit_session *s, void __user *argp)
{
	struct suit_ioc_fetch_args a;
	long ret = 0;
	u32 n;

	if (copy_from_user(&a, argp, sizeof(a)))
		return -EFAULT;
	if (a.reserved)
		return -EINVAL;
	mutex_lock(&s->lock);
	if (!s->fetch_id || a.fetch_id != s->fetch_id || !s->fetch_accept) {
		ret = -ESTALE;
	} else {
		n = s->fetch_args_len;
		if (a.len < n)
			ret = -ENOSPC;
		else if (n && copy_to_user(u64_to_user_ptr(a.buf),
					   s->fetch_args, n))
			ret = -EFAULT;
		a.len = n;
	}
	mutex_unlock(&s->lock);
	if (ret && ret != -ENOSPC)
		return ret;
	if (copy_to_user(argp, &a, sizeof(a)))
		return -EFAULT;
	return ret;
}

static long suit_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct suit_session *s = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case SUIT_IOC_GET_INFO: {
		struct suit_ioc_info i;

		suit_fill_info(&i);
		return copy_to_user(argp, &i, sizeof(i)) ? -EFAULT : 0;
	}
	case SUIT_IOC_SUBMIT:
		return suit_ioc_submit(s, file, argp);
	case SUIT_IOC_GET_EVENT: {
		int ret;

		mutex_lock(&s->lock);
		ret = suit_copy_event(s, argp);
		mutex_unlock(&s->lock);
		return ret;
	}
	case SUIT_IOC_FETCH_END:
		return suit_fetch_end(s, 0, false, 0);
	case SUIT_IOC_FETCH_FAIL: {
		struct suit_ioc_fetch_fail f;

		if (copy_from_user(&f, argp, sizeof(f)))
			return -EFAULT;
		if (f.reserved || f.error < 1 || f.error > MAX_ERRNO)
			return -EINVAL;
		return suit_fetch_end(s, -f.error, true, f.fetch_id);
	}
	case SUIT_IOC_GET_FETCH_ARGS:
		return suit_ioc_fetch_args(s, argp);
	case SUIT_IOC_GET_PROGRESS: {
		struct suit_ioc_progress p = {};

		mutex_lock(&s->lock);
		p.state = s->state;
		p.section = s->prog.section;
		p.command = s->prog.command;
		p.component = s->prog.component;
		p.done = s->prog.done;
		p.total = s->prog.total;
		p.bytes_written = s->bytes_written;
		p.resumed = s->resumed_bytes;
		mutex_unlock(&s->lock);
		return copy_to_user(argp, &p, sizeof(p)) ? -EFAULT : 0;
	}
	case SUIT_IOC_GET_RESULT: {
		struct suit_ioc_result r;
		long ret = 0;

		mutex_lock(&s->lock);
		if (s->running)
			ret = -EBUSY;
		else if (!s->have_res)
			ret = -ENODATA;
		else
			r = s->res;
		mutex_unlock(&s->lock);
		if (ret)
			return ret;
		return copy_to_user(argp, &r, sizeof(r)) ? -EFAULT : 0;
	}
	case SUIT_IOC_GET_REPORT:
		return suit_ioc_report(s, argp);
	case SUIT_IOC_CANCEL: {
		bool idle;

		mutex_lock(&s->lock);
		idle = !s->running && !s->have_res;
		mutex_unlock(&s->lock);
		if (idle)
			return -ENODATA;
		suit_stop(s);
		return 0;
	}
	default:
		return -ENOTTY;
	}
}

const struct file_operations suit_fops = {
	.owner = THIS_MODULE,
	.open = suit_open,
	.release = suit_release,
	.read = suit_read,
	.write = suit_write,
	.poll = suit_poll,
	.unlocked_ioctl = suit_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};
