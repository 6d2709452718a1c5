// SPDX-License-Identifier: GPL-2.0-only
/*
 * suitctl: drive /dev/suit on the device.
 *
 *   suitctl [-d DEV] install ENVELOPE [--payload URI=FILE]... [--payload FILE]
 *                    [--invoke] [--report FILE] [--quiet]
 *   suitctl [-d DEV] status
 *   suitctl confirm
 *   suitctl [-d DEV] anchors add CERT.der | list | lock
 *
 * Exit status: 0 success, 1 the device refused (install failed), 2 usage
 * error or the device/keyring could not be used.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "libsuit.h"

#define EXIT_REFUSED	1
#define EXIT_USAGE	2

static const char *dev_path = SUIT_DEFAULT_DEVICE;
static int quiet;

static void usage(void)
{
	fprintf(stderr,
		"usage: suitctl [-d DEV] install ENVELOPE [--payload URI=FILE]... [--payload FILE]\n"
		"                        [--invoke] [--report FILE] [--quiet]\n"
		"       suitctl [-d DEV] status\n"
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
};

static void progress_cb(void *arg, const struct suit_ioc_progress *p)
{
	struct bar *b = arg;
	struct timeval now;
	char line[41];
	unsigned int pct = 0, fill, i;
	long ms;

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

/* --- install -------------------------------------------------------- */

static int cmd_install(int argc, char **argv)
{
	struct suit_file_source *fs;
	struct suit_client *c = NULL;
	struct suit_ioc_result res;
	const char *envelope = NULL, *report = NULL;
	unsigned int flags = SUIT_SUBMIT_UPDATE;
	struct bar bar = { .tty = isatty(1) };
	uint8_t *env = NULL;
	size_t env_len = 0;
	int i, r, rc = EXIT_USAGE;

	fs = suit_file_source_new();
	if (!fs)
		return EXIT_USAGE;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--payload") && i + 1 < argc) {
			char *arg = argv[++i];
			/* URI=FILE: the URI may contain '=', so split at the last one. */
			char *eq = strrchr(arg, '=');

			if (eq) {
				*eq = '\0';
				r = suit_file_source_add(fs, arg, eq + 1);
				*eq = '=';
			} else {
				r = suit_file_source_add(fs, "*", arg);
			}
			if (r < 0)
				goto out;
		} else if (!strcmp(argv[i], "--invoke")) {
			flags |= SUIT_SUBMIT_INVOKE;
		} else if (!strcmp(argv[i], "--report") && i + 1 < argc) {
			report = argv[++i];
		} else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
			quiet = 1;
		} else if (argv[i][0] != '-' && !envelope) {
			envelope = argv[i];
		} else {
			usage();
			goto out;
		}
	}
	if (!envelope) {
		usage();
		goto out;
	}
	r = suit_read_file(envelope, &env, &env_len, SUIT_ENVELOPE_MAX);
	if (r < 0) {
		fprintf(stderr, "suitctl: %s: %s\n", envelope, strerror(-r));
		goto out;
	}
	r = suit_open(dev_path, &c);
	if (r < 0) {
		fprintf(stderr, "suitctl: %s: %s\n", dev_path, strerror(-r));
		goto out;
	}
	r = suit_submit(c, env, env_len, flags);
	if (r < 0) {
		fprintf(stderr, "suitctl: submit: %s (%s)\n", strerror(-r), errname(r));
		goto out;
	}
	if (!quiet)
		printf("suitctl: submitted %s (%zu bytes)\n", envelope, env_len);
	r = suit_run(c, &suit_file_source_ops, fs, progress_cb, &bar);
	if (bar.drawn)
		printf("\n");
	if (suit_get_result(c, &res) < 0) {
		fprintf(stderr, "suitctl: session failed: %s\n", strerror(-r));
		goto out;
	}
	if (report) {
		uint8_t *rb;
		size_t rl;
		int e = suit_get_report(c, NULL, 0, &rb, &rl);

		if (e == 0) {
			e = write_file(report, rb, rl);
			free(rb);
		}
		if (e < 0)
			fprintf(stderr, "suitctl: report: %s\n", strerror(-e));
		else if (!quiet)
			printf("suitctl: report written to %s\n", report);
	}
	if (res.state == SUIT_STATE_DONE) {
		struct suit_ioc_progress p;

		suit_get_progress(c, &p);
		printf("suitctl: install succeeded: sequence %llu, %llu payload bytes\n",
		       (unsigned long long)res.sequence,
		       (unsigned long long)p.bytes_written);
		rc = 0;
	} else {
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
out:
	suit_close(c);
	free(env);
	suit_file_source_free(fs);
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

/* "confirmed|trial|rolled-back tries=T/N trial=0xM interrupted=0xI" */
static void print_boot_state(void)
{
	char st[128];

	if (read_param(SUIT_PARAM_DIR "boot_state", st, sizeof(st)) < 0) {
		printf("%-14s%s\n", "boot:", "unknown (no boot_state)");
		return;
	}
	printf("%-14s%s\n", "boot:", st);
	if (!strncmp(st, "trial", 5))
		printf("%-14s%s\n", "", "trial boot: run `suitctl confirm` once the new image works");
	else if (!strncmp(st, "rolled-back", 11))
		printf("%-14s%s\n", "", "the last update was not confirmed and was rolled back");
	if (!strstr(st, "interrupted=0x0"))
		printf("%-14s%s\n", "", "an in-place install was interrupted: install again");
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

static int cmd_status(void)
{
	static const char *const caps[] = {
		"es256", "eddsa", "hss-lms", "hmac256", "aes-kw", "ecdh-es-kw",
		"aes-gcm", "aes-ctr", "chacha20-poly1305", "mtd-nand",
	};
	struct suit_client *c;
	struct suit_ioc_info info;
	unsigned int i;
	int r, n;

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
	if (!strcmp(argv[i], "status") && argc == i + 1)
		return cmd_status();
	if (!strcmp(argv[i], "confirm") && argc == i + 1)
		return cmd_confirm();
	if (!strcmp(argv[i], "anchors"))
		return cmd_anchors(argc - i - 1, argv + i + 1);
	usage();
	return EXIT_USAGE;
}
