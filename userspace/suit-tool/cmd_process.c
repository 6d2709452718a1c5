// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool process: run an envelope through lib/'s processor on a
 * simulated device described by a JSON file (see
 * Documentation/suit-tool-process.rst).
 *
 * Exit status: 0 accepted, 1 rejected (reason and failing record on
 * stderr), 2 usage error or unusable input.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <suit/processor.h>

#include "commands.h"
#include "keystore.h"
#include "ossl_crypto.h"
#include "sim_device.h"
#include "tool_names.h"

#define PROCESS_CHUNK		4096
#define PROCESS_MAX_ENVELOPE	(64u << 20)

static void process_usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool process --device DEVICE.json --trust FILE [--trust FILE...]\n"
		"                         [--uri-map URIS.json] [--state DIR] [--report OUT.cbor]\n"
		"                         [--procedure update|invoke|both] [--allow-unsigned]\n"
		"                         [--nonce HEX] [-v] ENVELOPE\n"
		"\n"
		"Runs ENVELOPE on the simulated device described by DEVICE.json.\n"
		"  --device FILE       identity, clock, battery, sequence number and components\n"
		"  --trust FILE        trust anchor or device key (PEM, DER, X.509, COSE_Key or raw\n"
		"                      symmetric key); repeatable\n"
		"  --uri-map FILE      JSON object mapping each URI to a local file (relative to it)\n"
		"  --state DIR         component contents as DIR/<index>.<slot>; written only on success\n"
		"  --report FILE       write the SUIT_Report (CBOR), also on rejection\n"
		"  --procedure P       update, invoke or both (default both: update then invoke)\n"
		"  --allow-unsigned    accept envelopes without an authentication block\n"
		"  --nonce HEX         put this nonce in the report (suit-report-nonce)\n"
		"  -v, --verbose       print each command as it runs\n"
		"Exit status: 0 accepted, 1 rejected, 2 usage error.\n");
}

static int read_whole(const char *path, uint8_t **out, size_t *out_len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *nb;
	size_t cap = 0, len = 0, got;

	if (!f)
		return -errno;
	do {
		if (len == cap) {
			if (cap >= PROCESS_MAX_ENVELOPE) {
				free(buf);
				fclose(f);
				return -EFBIG;
			}
			cap = cap ? cap * 2 : 4096;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return -ENOMEM;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	*out = buf;
	*out_len = len;
	return 0;
}

/* Decode a hex string (even length, at most 64 bytes) into a new buffer. */
static int parse_hex(const char *s, uint8_t **out, size_t *out_len)
{
	size_t n = strlen(s), i;
	uint8_t *b;

	if (n == 0 || n % 2 || n > 128)
		return -1;
	b = malloc(n / 2);
	if (!b)
		return -1;
	for (i = 0; i < n / 2; i++) {
		unsigned int v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1 ||
		    !isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1])) {
			free(b);
			return -1;
		}
		b[i] = (uint8_t)v;
	}
	*out = b;
	*out_len = n / 2;
	return 0;
}

/* Write @path atomically: a temporary file in the same directory, renamed. */
static int write_whole_atomic(const char *path, const uint8_t *data, size_t len)
{
	size_t n = strlen(path) + 32, off = 0;
	char *tmp = malloc(n);
	int fd, rc = 0;

	if (!tmp)
		return -ENOMEM;
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		off += (size_t)w;
	}
	if (!rc && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

static const char *proc_section_name(int32_t s)
{
	switch (s) {
	case 0: return "none";
	case 2: return "authentication-wrapper";
	case 3: return "manifest";
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

/* Can a file be created next to @path (checked before anything runs)? */
static bool report_dir_ok(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	bool ok;

	if (!slash)
		return access(".", W_OK) == 0;
	if (slash == path)
		return access("/", W_OK) == 0;
	dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return false;
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

static int write_report(struct suit_processor *p, const char *path,
			struct suit_buf nonce)
{
	size_t cap = 16384, len = 0;
	uint8_t *buf = NULL;
	int rc;

	for (int tries = 0; tries < 8; tries++) {
		uint8_t *nb = realloc(buf, cap);

		if (!nb) {
			free(buf);
			return -ENOMEM;
		}
		buf = nb;
		rc = suit_report_encode(p, nonce, buf, cap, &len);
		if (rc != -ENOSPC)
			break;
		cap = len > cap ? len : cap * 2;
	}
	if (!rc)
		rc = write_whole_atomic(path, buf, len);
	free(buf);
	return rc;
}

int cmd_process(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "trust", required_argument, NULL, 't' },
		{ "uri-map", required_argument, NULL, 'u' },
		{ "state", required_argument, NULL, 's' },
		{ "report", required_argument, NULL, 'r' },
		{ "procedure", required_argument, NULL, 'p' },
		{ "allow-unsigned", no_argument, NULL, 'U' },
		{ "nonce", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *device = NULL, *uri_map = NULL, *state = NULL, *report = NULL;
	const char **trust = NULL;
	unsigned int n_trust = 0, procedures = SUIT_PROC_UPDATE | SUIT_PROC_INVOKE;
	bool allow_unsigned = false, verbose = false;
	struct sim_device *dev = NULL;
	struct suit_keystore *ks = NULL;
	struct suit_processor *proc = NULL;
	struct suit_platform plat;
	struct suit_result res;
	uint8_t *env = NULL, *chunk = NULL, *nonce_buf = NULL;
	struct suit_buf nonce = { NULL, 0 };
	size_t env_len = 0;
	char err[512];
	int c, rc, ret = SUIT_EXIT_USAGE;

	trust = calloc((size_t)argc + 1, sizeof(*trust));
	if (!trust) {
		fprintf(stderr, "suit-tool process: out of memory\n");
		return SUIT_EXIT_USAGE;
	}
	optind = 0;	/* full re-initialisation of getopt */
	while ((c = getopt_long(argc, argv, "d:t:u:s:r:p:Un:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			device = optarg;
			break;
		case 't':
			trust[n_trust++] = optarg;
			break;
		case 'u':
			uri_map = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'r':
			report = optarg;
			break;
		case 'p':
			if (!strcmp(optarg, "update")) {
				procedures = SUIT_PROC_UPDATE;
			} else if (!strcmp(optarg, "invoke")) {
				procedures = SUIT_PROC_INVOKE;
			} else if (!strcmp(optarg, "both")) {
				procedures = SUIT_PROC_UPDATE | SUIT_PROC_INVOKE;
			} else {
				fprintf(stderr,
					"suit-tool process: --procedure: expected update, invoke or both, not \"%s\"\n",
					optarg);
				goto out;
			}
			break;
		case 'U':
			allow_unsigned = true;
			break;
		case 'n':
			free(nonce_buf);
			nonce_buf = NULL;
			if (parse_hex(optarg, &nonce_buf, &nonce.len)) {
				fprintf(stderr,
					"suit-tool process: --nonce: expected hex bytes, not \"%s\"\n",
					optarg);
				goto out;
			}
			nonce.ptr = nonce_buf;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			process_usage(stdout);
			ret = SUIT_EXIT_OK;
			goto out;
		default:
			process_usage(stderr);
			goto out;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "suit-tool process: expected exactly one ENVELOPE\n");
		process_usage(stderr);
		goto out;
	}
	if (!device) {
		fprintf(stderr, "suit-tool process: --device is required\n");
		goto out;
	}
	if (!n_trust && !allow_unsigned) {
		fprintf(stderr,
			"suit-tool process: at least one --trust is required (or --allow-unsigned)\n");
		goto out;
	}

	if (report && !report_dir_ok(report)) {
		fprintf(stderr, "suit-tool process: --report %s: directory not writable\n",
			report);
		goto out;
	}

	dev = calloc(1, sizeof(*dev));
	proc = calloc(1, sizeof(*proc));
	chunk = malloc(PROCESS_CHUNK);
	ks = suit_keystore_new();
	if (!dev || !proc || !chunk || !ks) {
		fprintf(stderr, "suit-tool process: out of memory\n");
		goto out;
	}
	if (sim_device_load(dev, device, err, sizeof(err))) {
		fprintf(stderr, "suit-tool process: %s\n", err);
		goto out;
	}
	dev->verbose = verbose;
	dev->state_dir = state;
	if (uri_map && sim_uri_map_load(dev, uri_map, err, sizeof(err))) {
		fprintf(stderr, "suit-tool process: %s\n", err);
		goto out;
	}
	if (state) {
		struct stat st;

		if (stat(state, &st) == 0 && !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "suit-tool process: --state %s: not a directory\n",
				state);
			goto out;
		}
		/* Created at the first commit: its parent must be writable. */
		if (stat(state, &st) && (errno != ENOENT || !report_dir_ok(state))) {
			fprintf(stderr, "suit-tool process: --state %s: cannot be created\n",
				state);
			goto out;
		}
		if (sim_state_load(dev, err, sizeof(err))) {
			fprintf(stderr, "suit-tool process: %s\n", err);
			goto out;
		}
	}
	for (unsigned int i = 0; i < n_trust; i++) {
		rc = suit_keystore_add_file(ks, trust[i]);
		if (rc <= 0) {
			fprintf(stderr, "suit-tool process: --trust %s: %s\n", trust[i],
				rc ? strerror(-rc) : "no key found");
			goto out;
		}
	}
	dev->ossl.keys = ks;
	rc = read_whole(argv[optind], &env, &env_len);
	if (rc) {
		fprintf(stderr, "suit-tool process: %s: %s\n", argv[optind],
			strerror(-rc));
		goto out;
	}
	if (!env_len) {
		fprintf(stderr, "suit-tool process: %s: empty file\n", argv[optind]);
		goto out;
	}

	memset(&plat, 0, sizeof(plat));
	plat.ops = sim_platform_ops();
	plat.priv = dev;
	plat.max_components = SUIT_MAX_COMPONENTS;
	plat.chunk = chunk;
	plat.chunk_len = PROCESS_CHUNK;
	plat.allow_unsigned = allow_unsigned;

	memset(&res, 0, sizeof(res));
	suit_processor_init(proc, &plat);
	rc = suit_process(proc, env, env_len, procedures, &res);

	if (rc == 0 && res.reason == SUIT_REASON_OK) {
		printf("suit-tool process: accepted (sequence %llu)\n",
		       (unsigned long long)res.sequence);
		ret = SUIT_EXIT_OK;
	} else {
		enum suit_reason reason = res.reason;

		if (reason == SUIT_REASON_OK)	/* should not happen: be explicit */
			reason = SUIT_REASON_OPERATION_FAILED;
		fprintf(stderr, "suit-tool process: rejected: %s (%s)\n",
			suit_reason_name(reason), strerror(res.err ? -res.err : -rc));
		fprintf(stderr,
			"suit-tool process: at section %s (%d), offset %u, component %u, command %s (%d)\n",
			proc_section_name(res.section), res.section, res.offset,
			res.component, tool_command_name(res.command), res.command);
		ret = SUIT_EXIT_FAILED;
	}

	if (report) {
		rc = write_report(proc, report, nonce);
		if (rc) {
			fprintf(stderr, "suit-tool process: --report %s: %s\n", report,
				strerror(-rc));
			if (ret == SUIT_EXIT_OK)
				ret = SUIT_EXIT_FAILED;
		}
	}
out:
	if (dev)
		sim_device_free(dev);
	free(dev);
	free(proc);
	free(chunk);
	free(env);
	free(trust);
	free(nonce_buf);
	if (ks)
		suit_keystore_free(ks);
	return ret;
}
