// SPDX-License-Identifier: GPL-2.0-only
/*
 * suitctl: drive /dev/suit on the device.
 *
 *   suitctl [-d DEV] install ENVELOPE [--payload URI=FILE]... [--payload FILE]
 *                    [--invoke] [--report FILE] [--quiet] [--state-dir DIR]
 *   suitctl [-d DEV] resume [--report FILE] [--quiet] [--state-dir DIR]
 *   suitctl [-d DEV] status [--state-dir DIR]
 *   suitctl confirm
 *   suitctl [-d DEV] anchors add CERT.der | list | lock
 *
 * install saves the envelope and its payload mappings in DIR (default
 * /var/lib/suit) until the install succeeds or the device refuses the
 * envelope; resume submits that saved envelope again, and a kernel with
 * SUIT_CAP_RESUME then continues an interrupted in-place install where
 * it stopped.
 *
 * Exit status: 0 success (resume: also when there is nothing to resume),
 * 1 the device refused (install failed), 2 usage error or the
 * device/keyring/state could not be used.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "libsuit.h"

#define EXIT_REFUSED	1
#define EXIT_USAGE	2

#define SUIT_STATE_DIR	"/var/lib/suit"

static const char *dev_path = SUIT_DEFAULT_DEVICE;
static const char *state_dir = SUIT_STATE_DIR;
static int quiet;

static void usage(void)
{
	fprintf(stderr,
		"usage: suitctl [-d DEV] install ENVELOPE [--payload URI=FILE]... [--payload FILE]\n"
		"                        [--invoke] [--report FILE] [--quiet] [--state-dir DIR]\n"
		"       suitctl [-d DEV] resume [--report FILE] [--quiet] [--state-dir DIR]\n"
		"                        (submit the last unfinished install again)\n"
		"       suitctl [-d DEV] status [--state-dir DIR]\n"
		"       suitctl confirm              (the running trial boot is good)\n"
		"       suitctl [-d DEV] anchors add CERT.der | list | lock\n");
}

static const char *errname(int err)
{
	static char buf[64];

	switch (-err) {
	case 0: return "0";
	case EINVAL: return "-EINVAL";
	case EBUSY: return "-EBUSY";
	case EFAULT: return "-EFAULT";
	case ENOENT: return "-ENOENT";
	case EIO: return "-EIO";
	case EPERM: return "-EPERM";
	case EACCES: return "-EACCES";
	case EBADMSG: return "-EBADMSG";
	case EKEYREJECTED: return "-EKEYREJECTED";
	case ENOKEY: return "-ENOKEY";
	case ECANCELED: return "-ECANCELED";
	case ENOSPC: return "-ENOSPC";
	case EFBIG: return "-EFBIG";
	case E2BIG: return "-E2BIG";
	case ENODEV: return "-ENODEV";
	case EOPNOTSUPP: return "-EOPNOTSUPP";
	case ESTALE: return "-ESTALE";
	case EPROTO: return "-EPROTO";
	case ENOMEM: return "-ENOMEM";
	case ERANGE: return "-ERANGE";
	default:
		snprintf(buf, sizeof(buf), "%d", err);
		return buf;
	}
}

static void print_uuid(const char *label, const uint8_t *u)
{
	int i;

	printf("%-14s", label);
	for (i = 0; i < 16; i++)
		printf("%02x%s", u[i], (i == 3 || i == 5 || i == 7 || i == 9) ? "-" : "");
	printf("\n");
}

/* --- progress ------------------------------------------------------- */

struct bar {
	int tty;
	struct timeval last;
	int drawn;
	int resumed_shown;
};

static void progress_cb(void *arg, const struct suit_ioc_progress *p)
{
	static const char kept[] = "(kept from an interrupted install)";
	struct bar *b = arg;
	struct timeval now;
	char line[41];
	unsigned int pct = 0, fill, i;
	long ms;

	/* Once: the kernel continues a write a power cut interrupted. */
	if (p->resumed && !b->resumed_shown && !quiet) {
		if (b->drawn)
			printf("\n");
		b->drawn = 0;
		if (p->total)
			printf("suitctl: resuming at byte %llu of %llu %s\n",
			       (unsigned long long)p->resumed,
			       (unsigned long long)p->total, kept);
		else
			printf("suitctl: resuming at byte %llu %s\n",
			       (unsigned long long)p->resumed, kept);
		fflush(stdout);
		b->resumed_shown = 1;
	}
	/* Nothing to draw outside a fetch of known size. */
	if (!b->tty || quiet || !p->total)
		return;
	gettimeofday(&now, NULL);
	ms = (now.tv_sec - b->last.tv_sec) * 1000 + (now.tv_usec - b->last.tv_usec) / 1000;
	if (b->drawn && ms < 100 && p->done != p->total)
		return;
	b->last = now;
	if (p->total)
		pct = (unsigned int)(p->done * 100 / p->total);
	if (pct > 100)
		pct = 100;
	fill = pct * 40 / 100;
	for (i = 0; i < 40; i++)
		line[i] = i < fill ? '#' : '.';
	line[40] = '\0';
	printf("\r[%s] %3u%% %7.1f/%.1f MiB  %-10s", line, pct,
	       p->done / 1048576.0, p->total / 1048576.0, suit_section_str(p->section));
	fflush(stdout);
	b->drawn = 1;
}

static int write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -errno;
	if (fwrite(buf, 1, len, f) != len) {
		fclose(f);
		return -EIO;
	}
	return fclose(f) ? -errno : 0;
}

/* --- the pending-install record ---------------------------------------- */

/*
 * Before it submits an update, install saves the envelope, its payload
 * mappings and flags in STATE_DIR/pending, so that `suitctl resume` can
 * submit exactly the same envelope again after a power cut: the kernel
 * keys its journal of an in-place install by the envelope's digest, and
 * continues the interrupted write where it stopped. The record goes away
 * when the install succeeds or the device refuses the envelope itself; a
 * refused envelope gives the previous record (STATE_DIR/pending.prev, kept
 * meanwhile) back, so bad input changes nothing. Every file is written to
 * a temporary name, synced and renamed into place.
 *
 * Format (version 1): the line "suitctl-pending 1", then fields
 * "KEY LEN:VALUE\n" with LEN the byte length of VALUE: id, name, flags
 * (decimal), pairs of uri and file, and envelope (raw bytes) last.
 */
#define REC_MAGIC	"suitctl-pending 1\n"
#define REC_MAX		(SUIT_ENVELOPE_MAX + (1U << 20))

struct mapping {
	char *uri;
	char *path;
};

struct job {
	char *name;		/* the envelope's file, for messages */
	uint8_t *env;
	size_t env_len;
	unsigned int flags;
	struct mapping *map;
	size_t nmap;
	char id[64];		/* identifies this job's record */
	const char *report;
	int resume;		/* from the record: do not save it again */
	int saved;		/* the record is on disk */
};

static void job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->nmap; i++) {
		free(j->map[i].uri);
		free(j->map[i].path);
	}
	free(j->map);
	free(j->env);
	free(j->name);
	memset(j, 0, sizeof(*j));
}

static int job_add_map(struct job *j, const char *uri, size_t ulen,
		       const char *path, size_t plen)
{
	struct mapping *m = realloc(j->map, (j->nmap + 1) * sizeof(*m));

	if (!m)
		return -ENOMEM;
	j->map = m;
	m[j->nmap].uri = strndup(uri, ulen);
	m[j->nmap].path = strndup(path, plen);
	if (!m[j->nmap].uri || !m[j->nmap].path) {
		free(m[j->nmap].uri);
		free(m[j->nmap].path);
		return -ENOMEM;
	}
	j->nmap++;
	return 0;
}

/* @path made absolute against the current directory (it need not exist). */
static char *abs_path(const char *path)
{
	char cwd[4096], *out;

	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return strdup(path);
	if (asprintf(&out, "%s/%s", strcmp(cwd, "/") ? cwd : "", path) < 0)
		return NULL;
	return out;
}

static void rec_file(char *buf, size_t cap, const char *leaf)
{
	snprintf(buf, cap, "%s/%s", state_dir, leaf);
}

/* mkdir -p, mode 0700 for what it creates. */
static int mkdir_p(const char *dir)
{
	char p[4096];
	size_t i, n = strlen(dir);

	if (!n || n >= sizeof(p))
		return -ENAMETOOLONG;
	memcpy(p, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return -errno;
		p[i] = i < n ? '/' : '\0';
	}
	return 0;
}

static int sync_dir(void)
{
	int fd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int e = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		e = -errno;
	close(fd);
	return e;
}

static int put_field(FILE *f, const char *key, const void *val, size_t len)
{
	if (fprintf(f, "%s %zu:", key, len) < 0 ||
	    fwrite(val, 1, len, f) != len || fputc('\n', f) == EOF)
		return -EIO;
	return 0;
}

/* Write @j's record to a temporary file, then rename it to @dest. */
static int rec_write(const struct job *j, const char *dest)
{
	char tmp[4200], flags[16];
	size_t i;
	FILE *f;
	int fd, e = 0;

	rec_file(tmp, sizeof(tmp), ".pending.XXXXXX");
	fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "wb");
	if (!f) {
		e = -errno;
		close(fd);
		unlink(tmp);
		return e;
	}
	snprintf(flags, sizeof(flags), "%u", j->flags);
	if (fputs(REC_MAGIC, f) == EOF)
		e = -EIO;
	if (!e)
		e = put_field(f, "id", j->id, strlen(j->id));
	if (!e)
		e = put_field(f, "name", j->name, strlen(j->name));
	if (!e)
		e = put_field(f, "flags", flags, strlen(flags));
	for (i = 0; !e && i < j->nmap; i++) {
		e = put_field(f, "uri", j->map[i].uri, strlen(j->map[i].uri));
		if (!e)
			e = put_field(f, "file", j->map[i].path,
				      strlen(j->map[i].path));
	}
	if (!e)
		e = put_field(f, "envelope", j->env, j->env_len);
	if (!e && (fflush(f) == EOF || fsync(fileno(f)) < 0))
		e = -errno;
	if (fclose(f) == EOF && !e)
		e = -errno;
	if (!e && rename(tmp, dest) < 0)
		e = -errno;
	if (e)
		unlink(tmp);
	return e ? e : sync_dir();
}

/* Parse a record; @why tells what is wrong with a bad one. */
static int rec_parse(const uint8_t *b, size_t len, struct job *j,
		     const char **why)
{
	size_t pos = sizeof(REC_MAGIC) - 1;
	const char *uri = NULL;
	size_t ulen = 0;
	int have_flags = 0;

	memset(j, 0, sizeof(*j));
	*why = "not a suitctl pending-install record";
	if (len < pos || memcmp(b, REC_MAGIC, pos))
		return -EINVAL;
	while (pos < len) {
		char key[16];
		size_t k = 0, vlen = 0;
		const char *val;

		*why = "malformed field";
		while (pos < len && b[pos] != ' ' && k < sizeof(key) - 1)
			key[k++] = (char)b[pos++];
		key[k] = '\0';
		if (pos >= len || b[pos++] != ' ' || pos >= len ||
		    b[pos] < '0' || b[pos] > '9')
			goto bad;
		while (pos < len && b[pos] >= '0' && b[pos] <= '9') {
			vlen = vlen * 10 + (size_t)(b[pos++] - '0');
			if (vlen > REC_MAX)
				goto bad;
		}
		if (pos >= len || b[pos++] != ':' || vlen > len - pos ||
		    len - pos - vlen < 1 || b[pos + vlen] != '\n')
			goto bad;
		val = (const char *)b + pos;
		pos += vlen + 1;
		if (strcmp(key, "envelope") && memchr(val, '\0', vlen))
			goto bad;
		if (!strcmp(key, "id") && vlen < sizeof(j->id)) {
			memcpy(j->id, val, vlen);
			j->id[vlen] = '\0';
		} else if (!strcmp(key, "name") && !j->name) {
			j->name = strndup(val, vlen);
			if (!j->name)
				goto nomem;
		} else if (!strcmp(key, "flags") && vlen && vlen < 10) {
			j->flags = (unsigned int)strtoul(val, NULL, 10);
			have_flags = 1;
		} else if (!strcmp(key, "uri") && !uri) {
			uri = val;
			ulen = vlen;
		} else if (!strcmp(key, "file") && uri) {
			if (job_add_map(j, uri, ulen, val, vlen) < 0)
				goto nomem;
			uri = NULL;
		} else if (!strcmp(key, "envelope") && pos == len) {
			*why = "bad envelope";
			if (!vlen || vlen > SUIT_ENVELOPE_MAX)
				goto bad;
			j->env = malloc(vlen);
			if (!j->env)
				goto nomem;
			memcpy(j->env, val, vlen);
			j->env_len = vlen;
		} else {
			*why = "unknown or misplaced field";
			goto bad;
		}
	}
	*why = "incomplete record";
	if (!j->env || !j->name || !j->id[0] || !have_flags || uri)
		goto bad;
	*why = "bad flags";
	if (!(j->flags & SUIT_SUBMIT_UPDATE) || (j->flags & ~SUIT_SUBMIT_PROCS))
		goto bad;
	return 0;
nomem:
	job_free(j);
	*why = "out of memory";
	return -ENOMEM;
bad:
	job_free(j);
	return -EINVAL;
}

/*
 * Load the record in @leaf of the state dir: 0, -ENOENT when there is
 * none, or another negative errno (with @why set for a bad one).
 */
static int rec_load(const char *leaf, struct job *j, const char **why)
{
	char path[4200];
	uint8_t *b;
	size_t len;
	int r;

	*why = NULL;
	rec_file(path, sizeof(path), leaf);
	r = suit_read_file(path, &b, &len, REC_MAX);
	if (r < 0)
		return r;
	r = rec_parse(b, len, j, why);
	free(b);
	return r;
}

/* Is @leaf the record of job @id? */
static int rec_is(const char *leaf, const char *id)
{
	const char *why;
	struct job j;
	int mine;

	if (rec_load(leaf, &j, &why) < 0)
		return 0;
	mine = !strcmp(j.id, id);
	job_free(&j);
	return mine;
}

static void rec_unlink(const char *leaf, const char *id)
{
	char path[4200];

	rec_file(path, sizeof(path), leaf);
	if (rec_is(leaf, id) && unlink(path) == 0)
		sync_dir();
}

/*
 * Save @j as the pending record; the one it replaces becomes pending.prev
 * until the outcome is known. Failing to save is not fatal (the install
 * goes on; only `suitctl resume` will not know about it).
 */
static void rec_save(struct job *j)
{
	char cur[4200], prev[4200];
	struct timespec ts;
	int r;

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(j->id, sizeof(j->id), "%ld.%09ld.%ld", (long)ts.tv_sec,
		 ts.tv_nsec, (long)getpid());
	rec_file(cur, sizeof(cur), "pending");
	rec_file(prev, sizeof(prev), "pending.prev");
	r = mkdir_p(state_dir);
	if (!r && rename(cur, prev) < 0 && errno != ENOENT)
		r = -errno;
	if (!r)
		r = rec_write(j, cur);
	if (r < 0) {
		rename(prev, cur);
		fprintf(stderr,
			"suitctl: warning: cannot save the pending install in %s: %s (no `suitctl resume`)\n",
			state_dir, strerror(-r));
		return;
	}
	j->saved = 1;
}

enum outcome { DONE_OK, REFUSED, INTERRUPTED };

/* After the session: drop, restore or keep the record. */
static void rec_finish(struct job *j, enum outcome o)
{
	char cur[4200], prev[4200];

	if (!j->saved)
		return;
	rec_file(cur, sizeof(cur), "pending");
	rec_file(prev, sizeof(prev), "pending.prev");
	switch (o) {
	case DONE_OK:
		rec_unlink("pending", j->id);
		rec_unlink("pending.prev", j->id);
		if (!j->resume)
			unlink(prev);
		break;
	case REFUSED:
		if (!rec_is("pending", j->id))
			break;
		/* The envelope is bad: the previous record stands again. */
		if (j->resume || rename(prev, cur) < 0)
			unlink(cur);
		sync_dir();
		break;
	case INTERRUPTED:
		if (!j->resume)
			unlink(prev);
		if (!quiet && rec_is("pending", j->id))
			printf("suitctl: kept in %s/pending: `suitctl resume` tries it again\n",
			       state_dir);
		break;
	}
}

/*
 * Refused: the device rejected the envelope itself (parse, signature,
 * authorisation, support or condition failures): submitting it again
 * cannot help. Anything else (operation failed: a fetch, a flash error;
 * cancelled; transport broken) may succeed when tried again.
 */
static enum outcome outcome_of(const struct suit_ioc_result *res)
{
	if (res->state == SUIT_STATE_DONE)
		return DONE_OK;
	if (res->reason >= 1 && res->reason <= 10)
		return REFUSED;
	return INTERRUPTED;
}

/* --- install and resume ----------------------------------------------- */

static int run_job(struct job *j)
{
	struct suit_file_source *fs;
	struct suit_client *c = NULL;
	struct suit_ioc_result res;
	struct bar bar = { .tty = isatty(1) };
	const char *ferr;
	size_t i;
	int r, rc = EXIT_USAGE;

	fs = suit_file_source_new();
	if (!fs)
		return EXIT_USAGE;
	for (i = 0; i < j->nmap; i++)
		if (suit_file_source_add(fs, j->map[i].uri, j->map[i].path) < 0)
			goto out;
	r = suit_open(dev_path, &c);
	if (r < 0) {
		fprintf(stderr, "suitctl: %s: %s\n", dev_path, strerror(-r));
		goto out;
	}
	if (!j->resume)
		rec_save(j);
	r = suit_submit(c, j->env, j->env_len, j->flags);
	if (r < 0) {
		fprintf(stderr, "suitctl: submit: %s (%s)\n", strerror(-r), errname(r));
		/* Nothing started: an install leaves things as they were. */
		if (!j->resume)
			rec_finish(j, REFUSED);
		goto out;
	}
	if (!quiet)
		printf("suitctl: submitted %s (%zu bytes)\n", j->name, j->env_len);
	r = suit_run(c, &suit_file_source_ops, fs, progress_cb, &bar);
	if (bar.drawn)
		printf("\n");
	ferr = suit_fetch_error(c);
	fflush(stdout);
	if (suit_get_result(c, &res) < 0) {
		fprintf(stderr, "suitctl: session failed: %s\n", strerror(-r));
		if (ferr)
			fprintf(stderr, "suitctl: %s\n", ferr);
		rec_finish(j, INTERRUPTED);
		goto out;
	}
	if (j->report) {
		uint8_t *rb;
		size_t rl;
		int e = suit_get_report(c, NULL, 0, &rb, &rl);

		if (e == 0) {
			e = write_file(j->report, rb, rl);
			free(rb);
		}
		if (e < 0)
			fprintf(stderr, "suitctl: report: %s\n", strerror(-e));
		else if (!quiet)
			printf("suitctl: report written to %s\n", j->report);
	}
	if (res.state == SUIT_STATE_DONE) {
		struct suit_ioc_progress p;

		suit_get_progress(c, &p);
		printf("suitctl: install succeeded: sequence %llu, %llu payload bytes\n",
		       (unsigned long long)res.sequence,
		       (unsigned long long)p.bytes_written);
		rc = 0;
	} else {
		if (ferr)
			fprintf(stderr, "suitctl: %s\n", ferr);
		printf("suitctl: install FAILED: reason %s (%u), error %s (%s)",
		       suit_reason_str(res.reason), res.reason, errname(res.error),
		       res.error ? strerror(-res.error) : "none");
		if (res.command)
			printf(", %s section (%d), command %d at offset %u, component %u",
			       suit_section_str(res.section), res.section, res.command,
			       res.offset, res.component);
		printf("\n");
		rc = EXIT_REFUSED;
	}
	fflush(stdout);
	rec_finish(j, outcome_of(&res));
out:
	suit_close(c);
	suit_file_source_free(fs);
	return rc;
}

static int cmd_install(int argc, char **argv)
{
	struct job j = { .flags = SUIT_SUBMIT_UPDATE };
	const char *envelope = NULL;
	int i, r, rc = EXIT_USAGE;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--payload") && i + 1 < argc) {
			const char *arg = argv[++i];
			/* URI=FILE: the URI may contain '=', so split at the last one. */
			const char *eq = strrchr(arg, '=');
			const char *file = eq ? eq + 1 : arg;
			char *path = abs_path(file);

			r = path ? job_add_map(&j, eq ? arg : "*",
					       eq ? (size_t)(eq - arg) : 1,
					       path, strlen(path)) : -ENOMEM;
			free(path);
			if (r < 0)
				goto out;
		} else if (!strcmp(argv[i], "--invoke")) {
			j.flags |= SUIT_SUBMIT_INVOKE;
		} else if (!strcmp(argv[i], "--report") && i + 1 < argc) {
			j.report = argv[++i];
		} else if (!strcmp(argv[i], "--state-dir") && i + 1 < argc) {
			state_dir = argv[++i];
		} else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
			quiet = 1;
		} else if (argv[i][0] != '-' && !envelope) {
			envelope = argv[i];
		} else {
			usage();
			goto out;
		}
	}
	if (!envelope || !state_dir[0]) {
		usage();
		goto out;
	}
	r = suit_read_file(envelope, &j.env, &j.env_len, SUIT_ENVELOPE_MAX);
	if (r < 0) {
		fprintf(stderr, "suitctl: %s: %s\n", envelope, strerror(-r));
		goto out;
	}
	j.name = abs_path(envelope);
	if (!j.name)
		goto out;
	rc = run_job(&j);
out:
	job_free(&j);
	return rc;
}

static int cmd_resume(int argc, char **argv)
{
	const char *report = NULL, *why;
	struct job j;
	int i, r, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--state-dir") && i + 1 < argc) {
			state_dir = argv[++i];
		} else if (!strcmp(argv[i], "--report") && i + 1 < argc) {
			report = argv[++i];
		} else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
			quiet = 1;
		} else {
			usage();
			return EXIT_USAGE;
		}
	}
	if (!state_dir[0]) {
		usage();
		return EXIT_USAGE;
	}
	r = rec_load("pending", &j, &why);
	if (r == -ENOENT) {
		printf("suitctl: nothing to resume\n");
		return 0;
	}
	if (r < 0) {
		fprintf(stderr, "suitctl: %s/pending: %s\n", state_dir,
			why ? why : strerror(-r));
		return EXIT_USAGE;
	}
	j.resume = 1;
	j.saved = 1;
	j.report = report;
	if (!quiet)
		printf("suitctl: resuming the install of %s (saved in %s)\n",
		       j.name, state_dir);
	rc = run_job(&j);
	job_free(&j);
	return rc;
}

/* --- status --------------------------------------------------------- */

static void print_dir(const char *dir, const char *title)
{
	struct dirent **ents;
	int n, i;

	n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		return;
	printf("%s (%s):\n", title, dir);
	for (i = 0; i < n; i++) {
		char path[512], val[256];
		ssize_t len;
		int fd;

		if (ents[i]->d_name[0] == '.' || !strcmp(ents[i]->d_name, "uevent")) {
			free(ents[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			len = read(fd, val, sizeof(val) - 1);
			close(fd);
			if (len >= 0) {
				val[len] = '\0';
				val[strcspn(val, "\n")] = '\0';
				printf("  %-24s %s\n", ents[i]->d_name, val);
			}
		}
		free(ents[i]);
	}
	free(ents);
}

/* The device's own attributes (multi-line values are indented). */
static void print_attrs(void)
{
	static const char *const names[] = {
		"state", "sequence", "active_slots", "valid_slots", "components",
	};
	unsigned int i;

	printf("device attributes (/sys/class/misc/suit):\n");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[128], val[1024], *line, *save = NULL;
		ssize_t len;
		int fd, first = 1;

		snprintf(path, sizeof(path), "/sys/class/misc/suit/%s", names[i]);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, val, sizeof(val) - 1);
		close(fd);
		if (len < 0)
			continue;
		val[len] = '\0';
		for (line = strtok_r(val, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save), first = 0)
			printf("  %-24s %s\n", first ? names[i] : "", line);
	}
}

static long keyctl4(int cmd, unsigned long a2, unsigned long a3, unsigned long a4)
{
	return syscall(SYS_keyctl, cmd, a2, a3, a4, 0UL);
}

static int count_keys(int32_t ring)
{
	long n = keyctl4(KEYCTL_READ, (unsigned long)ring, 0, 0);

	return n < 0 ? -1 : (int)(n / sizeof(int32_t));
}

/* --- boot state and confirm (A/B trial boots, kernel/boot.c) -------- */

#define SUIT_PARAM_DIR "/sys/module/suit/parameters/"

static int read_param(const char *name, char *buf, size_t cap)
{
	FILE *f = fopen(name, "r");
	size_t n;

	if (!f)
		return -errno;
	n = fread(buf, 1, cap - 1, f);
	fclose(f);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = 0;
	return 0;
}

/* The hex mask after "NAME=" in boot_state, 0 when absent. */
static unsigned long boot_mask(const char *st, const char *name)
{
	size_t n = strlen(name);
	const char *p = st;

	while ((p = strstr(p, name))) {
		if ((p == st || p[-1] == ' ') && p[n] == '=')
			return strtoul(p + n + 1, NULL, 16);
		p += n;
	}
	return 0;
}

/*
 * "confirmed|trial|rolled-back tries=T/N trial=0xM interrupted=0xI
 * resumable=0xR" (resumable: kernels with SUIT_CAP_RESUME), and the
 * pending-install record of the state dir.
 */
static void print_boot_state(void)
{
	char st[256], rec[4200];
	unsigned long interrupted, resumable;
	const char *why, *hint = NULL;
	struct job j;
	int pending;

	pending = rec_load("pending", &j, &why) == 0;
	if (read_param(SUIT_PARAM_DIR "boot_state", st, sizeof(st)) < 0) {
		printf("%-14s%s\n", "boot:", "unknown (no boot_state)");
		st[0] = '\0';
	} else {
		printf("%-14s%s\n", "boot:", st);
	}
	if (!strncmp(st, "trial", 5))
		hint = "trial boot: run `suitctl confirm` once the new image works";
	else if (!strncmp(st, "rolled-back", 11))
		hint = "the last update was not confirmed and was rolled back";
	if (hint)
		printf("%-14s%s\n", "", hint);
	interrupted = boot_mask(st, "interrupted");
	resumable = boot_mask(st, "resumable");
	hint = NULL;
	if (resumable && pending)
		hint = "`suitctl resume` continues it";
	else if (resumable)
		hint = "install the same envelope again to continue it";
	else if (interrupted && pending)
		hint = "`suitctl resume` installs it again";
	else if (interrupted)
		hint = "install again";
	if (hint)
		printf("%-14san in-place install was interrupted: %s\n", "", hint);
	if (pending) {
		rec_file(rec, sizeof(rec), "pending");
		printf("%-14s%s (saved in %s)\n", "pending:", j.name, rec);
		if (!interrupted && !resumable)
			printf("%-14sit did not finish: `suitctl resume` tries it again\n", "");
		job_free(&j);
	}
}

static int cmd_confirm(void)
{
	const char *path = SUIT_PARAM_DIR "confirm";
	FILE *f = fopen(path, "w");
	int err = 0;

	if (!f) {
		fprintf(stderr, "suitctl: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	if (fputs("1\n", f) == EOF)
		err = errno;
	if (fclose(f) == EOF && !err)
		err = errno;
	if (err) {
		fprintf(stderr, "suitctl: confirm: %s\n", strerror(err));
		return 1;
	}
	print_boot_state();
	return 0;
}

static int cmd_status(int argc, char **argv)
{
	static const char *const caps[] = {
		"es256", "eddsa", "hss-lms", "hmac256", "aes-kw", "ecdh-es-kw",
		"aes-gcm", "aes-ctr", "chacha20-poly1305", "mtd-nand",
		"fetch-args", "resume",
	};
	struct suit_client *c;
	struct suit_ioc_info info;
	unsigned int i;
	int r, n;

	for (n = 0; n < argc; n++) {
		if (!strcmp(argv[n], "--state-dir") && n + 1 < argc) {
			state_dir = argv[++n];
		} else {
			usage();
			return EXIT_USAGE;
		}
	}

	r = suit_open(dev_path, &c);
	if (r < 0) {
		fprintf(stderr, "suitctl: %s: %s\n", dev_path, strerror(-r));
		return EXIT_USAGE;
	}
	r = suit_get_info(c, &info);
	suit_close(c);
	if (r < 0) {
		fprintf(stderr, "suitctl: GET_INFO: %s\n", strerror(-r));
		return EXIT_USAGE;
	}
	printf("%-14s%s (ABI %u)\n", "device:", dev_path, info.abi_version);
	print_uuid("vendor-id:", info.vendor_id);
	print_uuid("class-id:", info.class_id);
	if (info.flags & SUIT_INFO_HAS_DEVICE_ID)
		print_uuid("device-id:", info.device_id);
	printf("%-14s%llu\n", "sequence:", (unsigned long long)info.sequence);
	printf("%-14s%u\n", "components:", info.num_components);
	n = count_keys(info.keyring);
	printf("%-14s%d (%s), ", "keyring:", info.keyring,
	       info.flags & SUIT_INFO_KEYRING_LOCKED ? "locked" : "unlocked");
	if (n < 0)
		printf("anchors not readable\n");
	else
		printf("%d anchor%s\n", n, n == 1 ? "" : "s");
	printf("%-14s", "capabilities:");
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (info.caps & (1U << i))
			printf(" %s", caps[i]);
	printf("\n%-14s%u bytes\n", "max envelope:", info.max_envelope);
	printf("%-14s%u bytes\n", "max chunk:", info.max_chunk);
	printf("%-14s%u\n", "sessions:", info.sessions);
	print_boot_state();
	print_dir("/sys/module/suit/parameters", "module parameters");
	print_attrs();
	return 0;
}

/* --- anchors -------------------------------------------------------- */

static int32_t keyring_serial(void)
{
	struct suit_client *c;
	struct suit_ioc_info info;
	char buf[32];
	ssize_t n;
	int fd;

	fd = open("/sys/module/suit/parameters/keyring_serial", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			return (int32_t)strtol(buf, NULL, 0);
		}
	}
	if (suit_open(dev_path, &c) < 0)
		return 0;
	n = suit_get_info(c, &info);
	suit_close(c);
	return n < 0 ? 0 : info.keyring;
}

static int cmd_anchors(int argc, char **argv)
{
	int32_t ring = keyring_serial();
	long r;

	if (argc < 1) {
		usage();
		return EXIT_USAGE;
	}
	if (!ring) {
		fprintf(stderr, "suitctl: cannot find the suit keyring (is suit.ko loaded?)\n");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[0], "add") && argc == 2) {
		uint8_t *der;
		size_t len;

		r = suit_read_file(argv[1], &der, &len, 65536);
		if (r < 0) {
			fprintf(stderr, "suitctl: %s: %s\n", argv[1], strerror((int)-r));
			return EXIT_USAGE;
		}
		r = syscall(SYS_add_key, "asymmetric", NULL, der, len, ring);
		free(der);
		if (r < 0) {
			fprintf(stderr, "suitctl: add_key: %s\n", strerror(errno));
			return EXIT_REFUSED;
		}
		printf("suitctl: anchor %s added as key %ld\n", argv[1], r);
		return 0;
	}
	if (!strcmp(argv[0], "list") && argc == 1) {
		int32_t keys[256];
		long n, i;

		n = keyctl4(KEYCTL_READ, (unsigned long)ring, (unsigned long)keys, sizeof(keys));
		if (n < 0) {
			fprintf(stderr, "suitctl: keyctl read: %s\n", strerror(errno));
			return EXIT_USAGE;
		}
		n /= (long)sizeof(int32_t);
		if (n > 256)
			n = 256;
		printf("keyring %d: %ld anchor%s\n", ring, n, n == 1 ? "" : "s");
		for (i = 0; i < n; i++) {
			char desc[512];
			long d = keyctl4(KEYCTL_DESCRIBE, (unsigned long)keys[i],
					 (unsigned long)desc, sizeof(desc));
			char *name;

			if (d < 0) {
				printf("  %d (not readable: %s)\n", keys[i], strerror(errno));
				continue;
			}
			desc[sizeof(desc) - 1] = '\0';
			/* "type;uid;gid;perm;description" */
			name = strrchr(desc, ';');
			if (name)
				*strchr(desc, ';') = '\0';
			printf("  %-11d %-12s %s\n", keys[i], desc, name ? name + 1 : "");
		}
		return 0;
	}
	if (!strcmp(argv[0], "lock") && argc == 1) {
		r = keyctl4(KEYCTL_RESTRICT_KEYRING, (unsigned long)ring, 0, 0);
		if (r < 0) {
			fprintf(stderr, "suitctl: keyctl restrict: %s\n", strerror(errno));
			return EXIT_REFUSED;
		}
		printf("suitctl: keyring %d locked: no more anchors can be added\n", ring);
		return 0;
	}
	usage();
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-d") && i + 1 < argc) {
			dev_path = argv[i + 1];
			i += 2;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage();
			return 0;
		} else {
			usage();
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage();
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "install"))
		return cmd_install(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "resume"))
		return cmd_resume(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "status"))
		return cmd_status(argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "confirm") && argc == i + 1)
		return cmd_confirm();
	if (!strcmp(argv[i], "anchors"))
		return cmd_anchors(argc - i - 1, argv + i + 1);
	usage();
	return EXIT_USAGE;
}
