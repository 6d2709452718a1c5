// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-coproc-host: the main CPU's command line for a co-processor update.
 *
 *   suit-coproc-host --state FILE (--tty PATH | --fd N) [--uri URI=FILE...]
 *                    [--refuse] [--cut-after N [--torn]] [--drop-every N]
 *                    [-v] install ENVELOPE | reconcile | status
 *
 * Exit status: 0 done (install: both switched), 1 rejected by the
 * co-processor, 2 usage error, 3 line or protocol failure, 4 the two sides
 * disagree (a bug), 5 aborted by the main side (--refuse).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "main_side.h"

static void hex(const uint8_t *p, size_t n)
{
	while (n--)
		printf("%02x", *p++);
}

static int exit_code(int ret)
{
	switch (ret) {
	case CPH_OK:
		return 0;
	case CPH_REJECTED:
		return 1;
	case CPH_ABORTED:
		return 5;
	case CPH_INCONSISTENT:
		return 4;
	default:
		return 3;
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: suit-coproc-host --state FILE (--tty PATH | --fd N) [--uri URI=FILE...]\n"
		"                        [--refuse] [--cut-after N [--torn]] [--drop-every N] [--timeout MS] [-v]\n"
		"                        install ENVELOPE | reconcile | status\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", 1, NULL, 's' }, { "tty", 1, NULL, 't' },
		{ "fd", 1, NULL, 'd' }, { "uri", 1, NULL, 'u' },
		{ "refuse", 0, NULL, 'r' }, { "cut-after", 1, NULL, 'x' },
		{ "torn", 0, NULL, 'T' }, { "drop-every", 1, NULL, 'D' },
		{ "verbose", 0, NULL, 'v' }, { "timeout", 1, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	static struct cph h;
	static uint8_t env[CPH_MAX_ENV + 1];
	const char *state = NULL, *tty = NULL, *cmd;
	struct proto_info in;
	long cut = 0, drop = 0;
	int tmo = 0;
	bool torn = false;
	int o, line = -1, ret;
	char *eq;
	FILE *f;
	size_t n;

	while ((o = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			state = optarg;
			break;
		case 't':
			tty = optarg;
			break;
		case 'd':
			line = atoi(optarg);
			break;
		case 'u':
			eq = strchr(optarg, '=');
			if (!eq || h.nuris == CPH_MAX_URIS)
				goto bad;
			*eq = 0;
			h.uris[h.nuris].uri = optarg;
			h.uris[h.nuris++].path = eq + 1;
			break;
		case 'r':
			h.refuse = true;
			break;
		case 'x':
			cut = atol(optarg);
			break;
		case 'T':
			torn = true;
			break;
		case 'D':
			drop = atol(optarg);
			break;
		case 'v':
			h.verbose = true;
			break;
		case 'm':
			tmo = atoi(optarg);
			break;
		default:
			goto bad;
		}
	}
	if (!state || (!tty && line < 0) || optind >= argc)
		goto bad;
	cmd = argv[optind];
	if (tty) {
		line = open(tty, O_RDWR | O_NOCTTY);
		if (line < 0) {
			fprintf(stderr, "suit-coproc-host: %s: %s\n", tty,
				strerror(errno));
			return 2;
		}
	}
	ret = proto_tty_raw(line);
	if (ret) {
		fprintf(stderr, "suit-coproc-host: tty: %s\n", strerror(-ret));
		return 2;
	}
	ret = cph_open(&h, state, line);
	if (ret) {
		fprintf(stderr, "suit-coproc-host: %s: %s\n", state, strerror(-ret));
		return 2;
	}
	h.link.drop_every = (unsigned int)drop;
	if (tmo > 0)
		h.link.timeout_ms = tmo;
	flash_cut_setup(cut, torn, "suit-coproc-host");
	if (!strcmp(cmd, "install") && optind + 2 == argc) {
		f = fopen(argv[optind + 1], "rb");
		if (!f) {
			fprintf(stderr, "suit-coproc-host: %s: %s\n",
				argv[optind + 1], strerror(errno));
			return 2;
		}
		n = fread(env, 1, sizeof(env), f);
		fclose(f);
		if (n > CPH_MAX_ENV) {
			fprintf(stderr, "suit-coproc-host: %s: larger than %d bytes\n",
				argv[optind + 1], CPH_MAX_ENV);
			return 2;
		}
		ret = cph_install(&h, env, n);
		if (ret == CPH_OK)
			printf("installed: co-processor sequence %llu, main slot %u (frames sent %lu, retransmitted %lu)\n",
			       (unsigned long long)h.st.coproc_seq, h.st.main_active,
			       h.link.sent, h.link.retransmits);
		return exit_code(ret);
	}
	if (!strcmp(cmd, "reconcile") && optind + 1 == argc)
		return exit_code(cph_reconcile(&h));
	if (!strcmp(cmd, "status") && optind + 1 == argc) {
		ret = cph_hello(&h, &in);
		printf("main-active=%u main-state=%s main-coproc-seq=%llu",
		       h.st.main_active, h.st.committing ? "committing" : "idle",
		       (unsigned long long)h.st.coproc_seq);
		if (ret) {
			printf(" coproc=unreachable\n");
			return 3;
		}
		printf(" coproc-seq=%llu coproc-active=%u coproc-state=%s coproc-active-sha256=",
		       (unsigned long long)in.sequence, in.active,
		       in.prepared ? "prepared" : "idle");
		hex(in.active_digest, 32);
		printf("\n");
		return 0;
	}
bad:
	usage();
	return 2;
}
