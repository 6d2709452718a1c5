/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The main CPU's side of a co-processor update: forwards the envelope and
 * payloads over the serial line and runs the two-phase commit together
 * with the main CPU's own switch. See Documentation/device-classes.rst.
 */
#ifndef SUIT_COPROC_MAIN_SIDE_H
#define SUIT_COPROC_MAIN_SIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flash.h"
#include "proto.h"

#define CPH_REC_MAGIC	0x484d4353	/* "SCMH" */
#define CPH_REC_LEN	68
#define CPH_MAX_URIS	8

/* Return values of cph_install() and cph_reconcile() besides -errno. */
#define CPH_OK		0
#define CPH_REJECTED	1	/* the co-processor refused the update */
#define CPH_ABORTED	2	/* the main side decided not to switch */
#define CPH_INCONSISTENT 4	/* the two sides disagree: must not happen */

/**
 * struct cph_state - the main CPU's decision record
 * @main_active: the main CPU's own active slot (its own A/B switch)
 * @committing: the decision to switch both has been taken and the
 *	co-processor has not yet been seen committed
 * @coproc_seq: the co-processor sequence number being committed
 * @coproc_digest: SHA-256 of that co-processor image
 */
struct cph_state {
	uint8_t main_active;
	bool committing;
	uint64_t coproc_seq;
	uint8_t coproc_digest[32];
};

struct cph_uri {
	const char *uri;
	const char *path;
};

/**
 * struct cph - the main side
 * @link: the serial line
 * @rec: the decision record (two copies in the state file)
 * @st: its current content
 * @uris: URI to file map for FETCH
 * @nuris: entries in @uris
 * @refuse: test hook: decide not to switch after PREPARED (send ABORT)
 * @verbose: progress on stderr
 * @env: the envelope being installed (served to FETCH of the empty URI)
 * @env_len: its length
 */
struct cph {
	struct proto_link link;
	struct rec_file rec;
	struct cph_state st;
	struct cph_uri uris[CPH_MAX_URIS];
	int nuris;
	bool refuse;
	bool verbose;
	const uint8_t *env;
	size_t env_len;
};

/* Largest envelope the main side forwards (the co-processor may accept less). */
#define CPH_MAX_ENV	(1024 * 1024)

int cph_open(struct cph *h, const char *state_path, int line);
int cph_hello(struct cph *h, struct proto_info *info);
int cph_reconcile(struct cph *h);
int cph_install(struct cph *h, const uint8_t *env, size_t len);

#endif /* SUIT_COPROC_MAIN_SIDE_H */
