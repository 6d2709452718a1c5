// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool report: decode a SUIT_Report (draft-ietf-suit-report-18),
 * unprotected or inside a COSE_Sign1/COSE_Mac0 (payload = the report).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_names.h"
#include "tool_util.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool report [--json] REPORT\n"
		"\n"
		"Print a SUIT_Report with every key, section and reason named:\n"
		"suit-reference (manifest URI + digest), nonce, records\n"
		"([manifest-id, section, offset, component, properties] or system\n"
		"property claims), result (true or code/record/reason) and capability\n"
		"report. A report inside a COSE_Sign1/COSE_Mac0 is unwrapped (not\n"
		"verified).\n"
		"\n"
		"Exit status: 0 printed, 1 the report says the update failed,\n"
		"2 not a SUIT_Report or usage error.\n");
}

static void print_record(const struct tc *r)
{
	const char *sec;

	if (r->type == TC_MAP) {
		struct tc *props = tc_dup(r), *cid = tc_map_get_i(r, 0);

		printf("  system properties of component ");
		if (cid)
			tool_diag(stdout, K_ANY, cid, 1);
		else
			printf("(no system-component-id)");
		tc_map_del_i(props, 0);
		printf(": ");
		tool_diag(stdout, K_PARAMS, props, 1);
		printf("\n");
		tc_free(props);
		return;
	}
	if (r->type != TC_ARRAY || r->len < 4) {
		printf("  (malformed record) ");
		tool_diag(stdout, K_ANY, r, 1);
		printf("\n");
		return;
	}
	sec = tc_is_int(r->items[1]) ? tool_name_of(tool_manifest_names, tc_get_int(r->items[1])) : NULL;
	printf("  record: manifest-id ");
	tool_diag(stdout, K_ANY, r->items[0], 1);
	printf(", section %s, offset ", sec ? sec : "?");
	tool_diag(stdout, K_ANY, r->items[2], 1);
	printf(", component ");
	tool_diag(stdout, K_ANY, r->items[3], 1);
	if (r->len > 4) {
		printf(", properties ");
		tool_diag(stdout, K_PARAMS, r->items[4], 2);
	}
	printf("\n");
}

int cmd_report(int argc, char **argv)
{
	const char *path = NULL;
	bool as_json = false;
	size_t len, i;
	uint8_t *buf;
	struct tc *v, *rep, *x;
	const char *err = NULL;
	int i2, r = SUIT_EXIT_OK;

	for (i2 = 1; i2 < argc; i2++) {
		if (!strcmp(argv[i2], "--help") || !strcmp(argv[i2], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (!strcmp(argv[i2], "--json")) {
			as_json = true;
		} else if (!path && argv[i2][0] != '-') {
			path = argv[i2];
		} else {
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!path) {
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	buf = tool_read_file("report", path, &len);
	if (!buf)
		return SUIT_EXIT_USAGE;
	v = tc_decode(buf, len, &err);
	free(buf);
	if (!v) {
		tool_err("report", "%s: not CBOR: %s", path, err);
		return SUIT_EXIT_USAGE;
	}
	rep = v;
	if (v->type == TC_TAG && (v->u == 18 || v->u == 17) && v->items[0]->type == TC_ARRAY &&
	    v->items[0]->len == 4 && v->items[0]->items[2]->type == TC_BSTR) {
		x = v->items[0]->items[2];
		printf("(%s envelope, not verified)\n", v->u == 18 ? "COSE_Sign1" : "COSE_Mac0");
		rep = tc_decode(x->bytes, x->len, &err);
		if (!rep) {
			tool_err("report", "%s: payload is not CBOR", path);
			tc_free(v);
			return SUIT_EXIT_USAGE;
		}
	}
	if (rep->type != TC_MAP || !tc_map_get_i(rep, 4)) {
		tool_err("report", "%s: not a SUIT_Report (no suit-report-result)", path);
		r = SUIT_EXIT_USAGE;
		goto out;
	}
	if (as_json) {
		json_t *j = json_pack("{so}", "suit-report", tool_to_json(K_REPORT, rep));

		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("\n");
		json_decref(j);
	} else {
		x = tc_map_get_i(rep, 99);
		if (x && x->type == TC_ARRAY && x->len == 2) {
			printf("manifest: ");
			tool_diag(stdout, K_ANY, x->items[0], 0);
			printf("\ndigest:   ");
			tool_diag(stdout, K_DIGEST, x->items[1], 0);
			printf("\n");
		}
		x = tc_map_get_i(rep, 2);
		if (x) {
			printf("nonce:    ");
			tool_diag(stdout, K_ANY, x, 0);
			printf("\n");
		}
		x = tc_map_get_i(rep, 3);
		printf("records:  %zu\n", x && x->type == TC_ARRAY ? x->len : 0);
		for (i = 0; x && x->type == TC_ARRAY && i < x->len; i++)
			print_record(x->items[i]);
		x = tc_map_get_i(rep, 4);
	}
	x = tc_map_get_i(rep, 4);
	if (x->type == TC_TRUE) {
		if (!as_json)
			printf("result:   success\n");
	} else {
		struct tc *code = tc_map_get_i(x, 5), *rec = tc_map_get_i(x, 6),
			  *reason = tc_map_get_i(x, 7);

		if (!as_json) {
			printf("result:   FAILED");
			if (code && tc_is_int(code))
				printf(", code %" PRId64, tc_get_int(code));
			if (reason && tc_is_int(reason))
				printf(", reason %" PRId64 " %s", tc_get_int(reason),
				       tool_name_of(tool_reason_names, tc_get_int(reason)) ?: "(unknown)");
			printf("\n");
			if (rec)
				print_record(rec);
		}
		r = SUIT_EXIT_FAILED;
	}
	x = tc_map_get_i(rep, 8);
	if (!as_json && x) {
		printf("capabilities: ");
		tool_diag(stdout, K_CAPS, x, 0);
		printf("\n");
	}
out:
	if (rep != v)
		tc_free(rep);
	tc_free(v);
	return r;
}
