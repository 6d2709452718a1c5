// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: code point names and the schema-driven CBOR <-> JSON/diag
 * conversion. One table of "kinds" drives all three directions, so that
 * `create` reading what `inspect --json` printed gives back the same bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_names.h"
#include "tool_util.h"

#define END { 0, NULL }

const struct tool_name tool_env_names[] = {
	{ 2, "suit-authentication-wrapper" }, { 3, "suit-manifest" },
	{ 14, "suit-coswid" }, { 15, "suit-dependency-resolution" },
	{ 16, "suit-payload-fetch" }, { 18, "suit-candidate-verification" },
	{ 20, "suit-install" }, { 23, "suit-text" }, END
};

const struct tool_name tool_manifest_names[] = {
	{ 1, "suit-manifest-version" }, { 2, "suit-manifest-sequence-number" },
	{ 3, "suit-common" }, { 4, "suit-reference-uri" },
	{ 5, "suit-manifest-component-id" }, { 6, "suit-set-version" },
	{ 7, "suit-validate" }, { 8, "suit-load" }, { 9, "suit-invoke" },
	{ 14, "suit-coswid" }, { 15, "suit-dependency-resolution" },
	{ 16, "suit-payload-fetch" }, { 18, "suit-candidate-verification" },
	{ 20, "suit-install" }, { 23, "suit-text" }, { 24, "suit-uninstall" },
	END
};

const struct tool_name tool_common_names[] = {
	{ 1, "suit-dependencies" }, { 2, "suit-components" },
	{ 4, "suit-shared-sequence" }, END
};

static const struct tool_name dep_names[] = {
	{ 1, "suit-dependency-prefix" }, END
};

const struct tool_name tool_cmd_names[] = {
	{ 1, "suit-condition-vendor-identifier" },
	{ 2, "suit-condition-class-identifier" },
	{ 3, "suit-condition-image-match" },
	{ 4, "suit-condition-use-before" },
	{ 5, "suit-condition-component-slot" },
	{ 6, "suit-condition-check-content" },
	{ 7, "suit-condition-dependency-integrity" },
	{ 8, "suit-condition-is-dependency" },
	{ 11, "suit-directive-process-dependency" },
	{ 12, "suit-directive-set-component-index" },
	{ 14, "suit-condition-abort" },
	{ 15, "suit-directive-try-each" },
	{ 18, "suit-directive-write" },
	{ 19, "suit-directive-set-parameters" },
	{ 20, "suit-directive-override-parameters" },
	{ 21, "suit-directive-fetch" },
	{ 22, "suit-directive-copy" },
	{ 23, "suit-directive-invoke" },
	{ 24, "suit-condition-device-identifier" },
	{ 25, "suit-condition-image-not-match" },
	{ 26, "suit-condition-minimum-battery" },
	{ 27, "suit-condition-update-authorized" },
	{ 28, "suit-condition-version" },
	{ 29, "suit-directive-wait" },
	{ 31, "suit-directive-swap" },
	{ 32, "suit-directive-run-sequence" },
	{ 33, "suit-directive-unlink" },
	{ 34, "suit-directive-override-multiple" },
	{ 35, "suit-directive-copy-params" },
	END
};

const struct tool_name tool_param_names[] = {
	{ 1, "suit-parameter-vendor-identifier" },
	{ 2, "suit-parameter-class-identifier" },
	{ 3, "suit-parameter-image-digest" },
	{ 4, "suit-parameter-use-before" },
	{ 5, "suit-parameter-component-slot" },
	{ 12, "suit-parameter-strict-order" },
	{ 13, "suit-parameter-soft-failure" },
	{ 14, "suit-parameter-image-size" },
	{ 18, "suit-parameter-content" },
	{ 19, "suit-parameter-encryption-info" },
	{ 21, "suit-parameter-uri" },
	{ 22, "suit-parameter-source-component" },
	{ 23, "suit-parameter-invoke-args" },
	{ 24, "suit-parameter-device-identifier" },
	{ 25, "suit-parameter-fetch-arguments" },
	{ 26, "suit-parameter-minimum-battery" },
	{ 27, "suit-parameter-update-priority" },
	{ 28, "suit-parameter-version" },
	{ 29, "suit-parameter-wait-info" },
	{ 30, "suit-parameter-component-metadata" },
	END
};

const struct tool_name tool_alg_names[] = {
	{ -16, "sha256" }, { -18, "shake128" }, { -43, "sha384" },
	{ -44, "sha512" }, { -45, "shake256" },
	{ -7, "ES256" }, { -9, "ESP256" }, { -35, "ES384" }, { -36, "ES512" },
	{ -51, "ESP384" }, { -52, "ESP512" },
	{ -8, "EdDSA" }, { -19, "Ed25519" }, { -46, "HSS-LMS" },
	{ 5, "HMAC-256/256" }, { 6, "HMAC-384/384" }, { 7, "HMAC-512/512" },
	{ -3, "A128KW" }, { -4, "A192KW" }, { -5, "A256KW" },
	{ -29, "ECDH-ES+A128KW" }, { -30, "ECDH-ES+A192KW" },
	{ -31, "ECDH-ES+A256KW" },
	{ 1, "A128GCM" }, { 2, "A192GCM" }, { 3, "A256GCM" },
	{ 24, "ChaCha20/Poly1305" },
	{ -65534, "A128CTR" }, { -65533, "A192CTR" }, { -65532, "A256CTR" },
	END
};

const struct tool_name tool_hdr_names[] = {
	{ 1, "alg" }, { 2, "crit" }, { 3, "content-type" }, { 4, "kid" },
	{ 5, "IV" }, { 6, "Partial-IV" }, { 7, "counter-signature" },
	{ 33, "x5chain" }, { 34, "x5t" }, { -1, "ephemeral-key" },
	{ -20, "salt" }, END
};

const struct tool_name tool_coskey_names[] = {
	{ 1, "kty" }, { 2, "kid" }, { 3, "alg" }, { 4, "key_ops" },
	{ -1, "crv" }, { -2, "x" }, { -3, "y" }, { -4, "d" }, END
};

const struct tool_name tool_text_names[] = {
	{ 1, "suit-text-manifest-description" },
	{ 2, "suit-text-update-description" },
	{ 3, "suit-text-manifest-json-source" },
	{ 4, "suit-text-manifest-yaml-source" },
	END
};

const struct tool_name tool_text_comp_names[] = {
	{ 1, "suit-text-vendor-name" }, { 2, "suit-text-model-name" },
	{ 3, "suit-text-vendor-domain" }, { 4, "suit-text-model-info" },
	{ 5, "suit-text-component-description" },
	{ 6, "suit-text-component-version" },
	{ 7, "suit-text-version-required" }, { 8, "suit-text-current-version" },
	END
};

static const struct tool_name wait_names[] = {
	{ 1, "authorization" }, { 2, "power" }, { 3, "network" },
	{ 4, "other-device-version" }, { 5, "time" }, { 6, "time-of-day" },
	{ 7, "day-of-week" }, { 8, "time-of-day-utc" }, { 9, "day-of-week-utc" },
	END
};

static const struct tool_name metadata_names[] = {
	{ 1, "default-permissions" }, { 2, "user-permissions" },
	{ 3, "group-permissions" }, { 4, "role-permissions" },
	{ 5, "file-type" }, { 6, "modification-time" },
	{ 7, "creation-time" }, { 8, "creator" }, END
};

const struct tool_name tool_report_names[] = {
	{ 99, "suit-reference" }, { 2, "suit-report-nonce" },
	{ 3, "suit-report-records" }, { 4, "suit-report-result" },
	{ 8, "suit-report-capability-report" }, END
};

static const struct tool_name result_names[] = {
	{ 5, "suit-report-result-code" }, { 6, "suit-report-result-record" },
	{ 7, "suit-report-result-reason" }, END
};

static const struct tool_name caps_names[] = {
	{ 1, "suit-component-capabilities" }, { 2, "suit-command-capabilities" },
	{ 3, "suit-parameters-capabilities" },
	{ 4, "suit-crypt-algo-capabilities" },
	{ 5, "suit-envelope-capabilities" }, { 6, "suit-manifest-capabilities" },
	{ 7, "suit-common-capabilities" }, { 8, "suit-text-capabilities" },
	{ 9, "suit-text-component-capabilities" },
	{ 10, "suit-dependency-capabilities" }, END
};

const struct tool_name tool_reason_names[] = {
	{ 0, "suit-report-reason-ok" }, { 1, "suit-report-reason-cbor-parse" },
	{ 2, "suit-report-reason-cose-unsupported" },
	{ 3, "suit-report-reason-alg-unsupported" },
	{ 4, "suit-report-reason-unauthorised" },
	{ 5, "suit-report-reason-command-unsupported" },
	{ 6, "suit-report-reason-component-unsupported" },
	{ 7, "suit-report-reason-component-unauthorised" },
	{ 8, "suit-report-reason-parameter-unsupported" },
	{ 9, "suit-report-reason-severing-unsupported" },
	{ 10, "suit-report-reason-condition-failed" },
	{ 11, "suit-report-reason-operation-failed" },
	{ 12, "suit-report-reason-invoke-pending" },
	END
};

const char *tool_name_of(const struct tool_name *t, int64_t code)
{
	for (; t && t->name; t++)
		if (t->code == code)
			return t->name;
	return NULL;
}

const char *tool_command_name(int64_t code)
{
	const char *n = tool_name_of(tool_cmd_names, code);

	if (n)
		return strncmp(n, "suit-", 5) ? n : n + 5;
	if (code == 0)
		return "none";
	return code < 0 ? "custom-command" : "unknown-command";
}

int tool_code_of(const struct tool_name *t, const char *name, int64_t *code)
{
	for (; t && t->name; t++) {
		if (!strcmp(t->name, name)) {
			*code = t->code;
			return 0;
		}
	}
	return -1;
}

/* ---- the schema ---- */

static const struct tool_name *map_names(enum tool_kind k)
{
	switch (k) {
	case K_ENV: return tool_env_names;
	case K_MANIFEST_W: return tool_manifest_names;
	case K_COMMON_W: return tool_common_names;
	case K_DEP: return dep_names;
	case K_PARAMS: return tool_param_names;
	case K_HDR: case K_HDR_W: return tool_hdr_names;
	case K_COSE_KEY: return tool_coskey_names;
	case K_TEXT_LANG: return tool_text_names;
	case K_TEXT_COMP: return tool_text_comp_names;
	case K_WAIT: case K_WAIT_W: return wait_names;
	case K_METADATA: case K_METADATA_W: return metadata_names;
	case K_REPORT: return tool_report_names;
	case K_REPORT_RESULT: return result_names;
	case K_CAPS: return caps_names;
	default: return NULL;
	}
}

static bool is_wrapped(enum tool_kind k)
{
	switch (k) {
	case K_DIGEST_W: case K_AUTH_W: case K_MANIFEST_W: case K_COMMON_W:
	case K_SEQ_W: case K_COSE_W: case K_HDR_W: case K_ENCINFO_W:
	case K_ANY_W: case K_WAIT_W: case K_METADATA_W:
		return true;
	default:
		return false;
	}
}

static enum tool_kind unwrapped(enum tool_kind k)
{
	switch (k) {
	case K_DIGEST_W: return K_DIGEST;
	case K_SEQ_W: return K_SEQ;
	case K_HDR_W: return K_HDR;
	case K_ENCINFO_W: return K_ENCINFO;
	case K_WAIT_W: return K_WAIT;
	case K_METADATA_W: return K_METADATA;
	case K_ANY_W: return K_ANY;
	default: return k;	/* AUTH_W, MANIFEST_W, COMMON_W, COSE_W: inner */
	}
}

/* kind of the value under integer key @key of a map of kind @k */
static enum tool_kind value_kind(enum tool_kind k, const struct tc *key)
{
	int64_t c;

	if (!tc_is_int(key)) {
		if (k == K_ENV && key->type == TC_TSTR)
			return K_HEX;
		if (k == K_TEXT)
			return K_TEXT_LANG;
		if (k == K_TEXT_LANG && key->type == TC_ARRAY)
			return K_TEXT_COMP;
		return K_ANY;
	}
	c = tc_get_int(key);
	switch (k) {
	case K_ENV:
		switch (c) {
		case 2: return K_AUTH_W;
		case 3: return K_MANIFEST_W;
		case 23: return K_TEXT_OR_DIGEST;
		case 14: return K_ANY_W_OR_DIGEST;
		case 15: case 16: case 18: case 20: return K_SEQ_OR_DIGEST;
		}
		return K_ANY;
	case K_MANIFEST_W:
		switch (c) {
		case 3: return K_COMMON_W;
		case 5: return K_CID;
		case 6: return K_ANY_W;
		case 7: case 8: case 9: case 24: return K_SEQ_W;
		case 14: return K_ANY_W_OR_DIGEST;
		case 15: case 16: case 18: case 20: return K_SEQ_OR_DIGEST;
		case 23: return K_TEXT_OR_DIGEST;
		}
		return K_ANY;
	case K_COMMON_W:
		switch (c) {
		case 1: return K_DEPS;
		case 2: return K_COMPONENTS;
		case 4: return K_SEQ_W;
		}
		return K_ANY;
	case K_DEPS:
		return K_DEP;
	case K_DEP:
		return c == 1 ? K_CID : K_ANY;
	case K_PARAMS:
		switch (c) {
		case 1: case 2: case 18: case 23: case 24: case 25: return K_HEX;
		case 3: return K_DIGEST_W;
		case 19: return K_ENCINFO_W;
		case 28: return K_ANY_W;
		case 29: return K_WAIT_W;
		case 30: return K_METADATA_W;
		}
		return K_ANY;
	case K_OVMULTI:
		return K_PARAMS;
	case K_HDR:
	case K_HDR_W:
		switch (c) {
		case 1: return K_ALG;
		case 4: case 5: case 6: case -20: return K_HEX;
		case -1: return K_COSE_KEY;
		}
		return K_ANY;
	case K_COSE_KEY:
		switch (c) {
		case 2: case -2: case -4: return K_HEX;
		case 3: return K_ALG;
		case -3: return K_ANY;	/* bstr or bool */
		}
		return K_ANY;
	case K_REPORT:
		switch (c) {
		case 99: return K_ANY;
		case 3: return K_ANY;
		case 4: return K_REPORT_RESULT;
		case 2: return K_HEX;
		case 8: return K_CAPS;
		}
		return K_ANY;
	default:
		return K_ANY;
	}
}

static enum tool_kind cmd_arg_kind(int64_t code)
{
	switch (code) {
	case 15: return K_TRYEACH;
	case 19: case 20: return K_PARAMS;
	case 32: return K_SEQ_W;
	case 34: return K_OVMULTI;
	default: return K_ANY;
	}
}

/* ---- CBOR -> JSON ---- */

static json_t *escape_cbor(const struct tc *v)
{
	struct tbuf b = { 0 };
	char *h;
	json_t *j;

	tc_encode_keep(&b, v);
	h = tool_hex(b.p, b.len);
	j = json_pack("{ss}", "cbor", h);
	free(h);
	tb_free(&b);
	return j;
}

static json_t *hex_json(const uint8_t *p, size_t len)
{
	char *h = tool_hex(p, len);
	json_t *j = json_string(h);

	free(h);
	return j;
}

static const char *const reserved_words[] = { "bstr", "cbor", "tag", "value", NULL };

static bool is_int_string(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* map key -> JSON object key */
static char *key_to_string(enum tool_kind k, const struct tc *key)
{
	const struct tool_name *names = map_names(k);
	const char *n;
	char buf[32];
	struct tbuf b = { 0 };
	char *h, *s;
	size_t i;

	if (tc_is_int(key)) {
		int64_t c = tc_get_int(key);

		n = tool_name_of(names, c);
		if (k == K_OVMULTI || k == K_DEPS)
			n = NULL;
		if (n)
			return xstrdup(n);
		snprintf(buf, sizeof(buf), "%" PRId64, c);
		return xstrdup(buf);
	}
	if (key->type == TC_TSTR && strlen((char *)key->bytes) == key->len) {
		bool ok = !is_int_string((char *)key->bytes) &&
			  strncmp((char *)key->bytes, "cbor:", 5) &&
			  strncmp((char *)key->bytes, "component:", 10);
		int64_t dummy;

		for (i = 0; reserved_words[i]; i++)
			if (!strcmp((char *)key->bytes, reserved_words[i]))
				ok = false;
		if (names && !tool_code_of(names, (char *)key->bytes, &dummy))
			ok = false;
		if (ok)
			return xstrdup((char *)key->bytes);
	}
	if (k == K_TEXT_LANG && key->type == TC_ARRAY) {
		bool ok = true;

		s = xstrdup("component:");
		for (i = 0; i < key->len; i++) {
			if (key->items[i]->type != TC_BSTR) {
				ok = false;
				break;
			}
			h = tool_hex(key->items[i]->bytes, key->items[i]->len);
			s = xrealloc(s, strlen(s) + strlen(h) + 2);
			if (i)
				strcat(s, "/");
			strcat(s, h);
			free(h);
		}
		if (ok)
			return s;
		free(s);
	}
	tc_encode_keep(&b, key);
	h = tool_hex(b.p, b.len);
	tb_free(&b);
	s = xmalloc(strlen(h) + 6);
	sprintf(s, "cbor:%s", h);
	free(h);
	return s;
}

static json_t *any_json(const struct tc *v);

static json_t *map_json(enum tool_kind k, const struct tc *v)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i + 1 < v->len; i += 2) {
		char *ks = key_to_string(k, v->items[i]);
		enum tool_kind vk = k == K_ANY ? K_ANY : value_kind(k, v->items[i]);

		if (json_object_get(o, ks)) {	/* duplicate key: keep faithfully */
			json_decref(o);
			free(ks);
			return escape_cbor(v);
		}
		json_object_set_new(o, ks, tool_to_json(vk, v->items[i + 1]));
		free(ks);
	}
	return o;
}

static json_t *any_json(const struct tc *v)
{
	size_t i;
	json_t *a;
	char *h;

	switch (v->type) {
	case TC_UINT:
		if (v->u <= INT64_MAX)
			return json_integer((json_int_t)v->u);
		return escape_cbor(v);
	case TC_NINT:
		if (v->u <= INT64_MAX)
			return json_integer(-1 - (json_int_t)v->u);
		return escape_cbor(v);
	case TC_BSTR:
		h = tool_hex(v->bytes, v->len);
		a = json_pack("{ss}", "bstr", h);
		free(h);
		return a;
	case TC_TSTR:
		if (strlen((char *)v->bytes) != v->len)
			return escape_cbor(v);
		a = json_stringn((char *)v->bytes, v->len);
		return a ? a : escape_cbor(v);
	case TC_ARRAY:
		a = json_array();
		for (i = 0; i < v->len; i++)
			json_array_append_new(a, any_json(v->items[i]));
		return a;
	case TC_MAP:
		return map_json(K_ANY, v);
	case TC_TAG:
		return json_pack("{sIso}", "tag", (json_int_t)v->u, "value",
				 any_json(v->items[0]));
	case TC_TRUE: return json_true();
	case TC_FALSE: return json_false();
	case TC_NULL: return json_null();
	default: return escape_cbor(v);
	}
}

static bool is_digest(const struct tc *v)
{
	return v->type == TC_ARRAY && v->len >= 2 && tc_is_int(v->items[0]) &&
	       v->items[1]->type == TC_BSTR;
}

/* decode the content of a bstr; NULL if it is not exactly one item */
static struct tc *unwrap(const struct tc *v)
{
	if (v->type != TC_BSTR || !v->len)
		return NULL;
	return tc_decode(v->bytes, v->len, NULL);
}

static json_t *cose_json(const struct tc *v);

json_t *tool_to_json(enum tool_kind kind, const struct tc *v)
{
	json_t *o, *a;
	struct tc *in;
	size_t i;

	if (is_wrapped(kind)) {
		in = unwrap(v);
		if (!in)
			return any_json(v);
		o = tool_to_json(unwrapped(kind) == kind ? kind + 1000 : unwrapped(kind), in);
		tc_free(in);
		return o;
	}
	switch ((int)kind) {
	case K_HEX:
		return v->type == TC_BSTR ? hex_json(v->bytes, v->len) : escape_cbor(v);
	case K_ALG:
		if (tc_is_int(v) && tool_name_of(tool_alg_names, tc_get_int(v)))
			return json_string(tool_name_of(tool_alg_names, tc_get_int(v)));
		return tc_is_int(v) ? any_json(v) : escape_cbor(v);
	case K_DIGEST:
		if (!is_digest(v))
			return escape_cbor(v);
		o = json_object();
		json_object_set_new(o, "algorithm-id", tool_to_json(K_ALG, v->items[0]));
		json_object_set_new(o, "digest-bytes", hex_json(v->items[1]->bytes,
								v->items[1]->len));
		if (v->len > 2) {
			a = json_array();
			for (i = 2; i < v->len; i++)
				json_array_append_new(a, any_json(v->items[i]));
			json_object_set_new(o, "extensions", a);
		}
		return o;
	case K_CID:
		if (v->type != TC_ARRAY)
			return escape_cbor(v);
		for (i = 0; i < v->len; i++)
			if (v->items[i]->type != TC_BSTR)
				return escape_cbor(v);
		a = json_array();
		for (i = 0; i < v->len; i++)
			json_array_append_new(a, hex_json(v->items[i]->bytes, v->items[i]->len));
		return a;
	case K_COMPONENTS:
	case K_TRYEACH:
	case K_SIGNATURES:
	case K_RECIPIENTS:
		if (v->type != TC_ARRAY)
			return escape_cbor(v);
		a = json_array();
		for (i = 0; i < v->len; i++) {
			enum tool_kind ek = kind == K_COMPONENTS ? K_CID :
				kind == K_TRYEACH ? K_SEQ_W : K_ANY;

			if (kind == K_TRYEACH && v->items[i]->type == TC_NULL)
				ek = K_ANY;
			if (kind == K_SIGNATURES || kind == K_RECIPIENTS)
				json_array_append_new(a, cose_json(v->items[i]));
			else
				json_array_append_new(a, tool_to_json(ek, v->items[i]));
		}
		return a;
	case K_SEQ:
		if (v->type != TC_ARRAY || v->len % 2)
			return escape_cbor(v);
		for (i = 0; i < v->len; i += 2)
			if (!tc_is_int(v->items[i]))
				return escape_cbor(v);
		a = json_array();
		for (i = 0; i < v->len; i += 2) {
			int64_t c = tc_get_int(v->items[i]);
			const char *n = tool_name_of(tool_cmd_names, c);
			char buf[32];

			if (!n) {
				snprintf(buf, sizeof(buf), "%" PRId64, c);
				n = buf;
			}
			o = json_object();
			json_object_set_new(o, n, tool_to_json(cmd_arg_kind(c), v->items[i + 1]));
			json_array_append_new(a, o);
		}
		return a;
	case K_SEQ_OR_DIGEST:
		if (v->type == TC_ARRAY)
			return json_pack("{so}", "severed", tool_to_json(K_DIGEST, v));
		return tool_to_json(K_SEQ_W, v);
	case K_TEXT_OR_DIGEST:
		if (v->type == TC_ARRAY)
			return json_pack("{so}", "severed", tool_to_json(K_DIGEST, v));
		in = unwrap(v);
		if (!in)
			return any_json(v);
		o = tool_to_json(K_TEXT, in);
		tc_free(in);
		return o;
	case K_ANY_W_OR_DIGEST:
		if (v->type == TC_ARRAY)
			return json_pack("{so}", "severed", tool_to_json(K_DIGEST, v));
		return tool_to_json(K_ANY_W, v);
	case K_AUTH_W + 1000:
		if (v->type != TC_ARRAY || !v->len)
			return escape_cbor(v);
		a = json_array();
		json_array_append_new(a, tool_to_json(K_DIGEST_W, v->items[0]));
		for (i = 1; i < v->len; i++)
			json_array_append_new(a, tool_to_json(K_COSE_W, v->items[i]));
		return a;
	case K_COSE_W + 1000:
		return cose_json(v);
	case K_ENCINFO:
		return cose_json(v);
	case K_MANIFEST_W + 1000:
		return v->type == TC_MAP ? map_json(K_MANIFEST_W, v) : escape_cbor(v);
	case K_COMMON_W + 1000:
		return v->type == TC_MAP ? map_json(K_COMMON_W, v) : escape_cbor(v);
	case K_ENV: case K_DEPS: case K_DEP: case K_PARAMS: case K_OVMULTI:
	case K_HDR: case K_COSE_KEY: case K_TEXT: case K_TEXT_LANG:
	case K_TEXT_COMP: case K_WAIT: case K_METADATA: case K_REPORT:
	case K_REPORT_RESULT: case K_CAPS:
		return v->type == TC_MAP ? map_json(kind, v) : escape_cbor(v);
	default:
		return any_json(v);
	}
}

/* COSE structures, tagged or not, as {"COSE_Sign1": {...}} */
static json_t *cose_json(const struct tc *v)
{
	static const char *const f_sign1[] = { "protected", "unprotected", "payload", "signature" };
	static const char *const f_mac0[] = { "protected", "unprotected", "payload", "tag" };
	static const char *const f_sign[] = { "protected", "unprotected", "payload", "signatures" };
	static const char *const f_mac[] = { "protected", "unprotected", "payload", "tag", "recipients" };
	static const char *const f_enc[] = { "protected", "unprotected", "ciphertext", "recipients" };
	static const char *const f_sig[] = { "protected", "unprotected", "signature" };
	static const char *const f_rcp[] = { "protected", "unprotected", "ciphertext", "recipients" };
	const char *const *f;
	const char *name;
	const struct tc *arr = v;
	size_t n, i;
	json_t *o;

	if (v->type == TC_TAG) {
		arr = v->items[0];
		switch (v->u) {
		case 18:
			name = "COSE_Sign1";
			f = f_sign1;
			n = 4;
			break;
		case 17:
			name = "COSE_Mac0";
			f = f_mac0;
			n = 4;
			break;
		case 98:
			name = "COSE_Sign";
			f = f_sign;
			n = 4;
			break;
		case 97:
			name = "COSE_Mac";
			f = f_mac;
			n = 5;
			break;
		case 96:
			name = "COSE_Encrypt";
			f = f_enc;
			n = 4;
			break;
		default: return escape_cbor(v);
		}
	} else if (v->type == TC_ARRAY && v->len == 3) {
		name = "COSE_Signature"; f = f_sig; n = 3;
	} else if (v->type == TC_ARRAY && (v->len == 3 || v->len == 4)) {
		name = "COSE_recipient"; f = f_rcp; n = 4;
	} else {
		return escape_cbor(v);
	}
	if (arr->type != TC_ARRAY || arr->len > n || arr->len < n - (n == 4 && f == f_rcp))
		return escape_cbor(v);
	if (arr->len == 3 && f == f_rcp)
		name = "COSE_recipient";
	o = json_object();
	for (i = 0; i < arr->len; i++) {
		const struct tc *e = arr->items[i];
		json_t *j;

		if (i == 0)
			j = tool_to_json(K_HDR_W, e);
		else if (i == 1)
			j = tool_to_json(K_HDR, e);
		else if (!strcmp(f[i], "signatures"))
			j = tool_to_json(K_SIGNATURES, e);
		else if (!strcmp(f[i], "recipients"))
			j = tool_to_json(K_RECIPIENTS, e);
		else if (e->type == TC_BSTR)
			j = hex_json(e->bytes, e->len);
		else
			j = any_json(e);
		json_object_set_new(o, f[i], j);
	}
	return json_pack("{so}", name, o);
}

/* ---- JSON -> CBOR ---- */

#define JERR(...) do { snprintf(err, errlen, __VA_ARGS__); return NULL; } while (0)

static struct tc *from_escape(const json_t *j, char *err, size_t errlen)
{
	const char *h;
	uint8_t *b;
	size_t n;
	struct tc *v;
	const char *e = NULL;

	h = json_object_size(j) == 1 ? json_string_value(json_object_get(j, "cbor")) : NULL;
	if (h) {
		b = tool_unhex_alloc(h, &n);
		if (!b)
			JERR("bad hex in \"cbor\"");
		v = tc_decode(b, n, &e);
		free(b);
		if (!v)
			JERR("bad \"cbor\" escape: %s", e);
		return v;
	}
	h = json_object_size(j) == 1 ? json_string_value(json_object_get(j, "bstr")) : NULL;
	if (h) {
		b = tool_unhex_alloc(h, &n);
		if (!b)
			JERR("bad hex in \"bstr\"");
		v = tc_bstr(b, n);
		free(b);
		return v;
	}
	return NULL;
}

static struct tc *any_from(const json_t *j, char *err, size_t errlen);

static struct tc *key_from(enum tool_kind k, const char *s, char *err, size_t errlen)
{
	int64_t c;
	uint8_t *b;
	size_t n;
	struct tc *v;
	const char *e;

	if (k != K_OVMULTI && k != K_DEPS && !tool_code_of(map_names(k), s, &c))
		return tc_int(c);
	if (is_int_string(s))
		return tc_int(strtoll(s, NULL, 10));
	if (!strncmp(s, "cbor:", 5)) {
		b = tool_unhex_alloc(s + 5, &n);
		if (!b)
			JERR("bad hex in key %s", s);
		v = tc_decode(b, n, &e);
		free(b);
		if (!v)
			JERR("bad CBOR in key %s", s);
		return v;
	}
	if (k == K_TEXT_LANG && !strncmp(s, "component:", 10)) {
		char *dup = xstrdup(s + 10), *tok, *save = NULL;

		v = tc_array();
		for (tok = strtok_r(dup, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
			b = tool_unhex_alloc(tok, &n);
			if (!b) {
				free(dup);
				tc_free(v);
				JERR("bad component id in key %s", s);
			}
			tc_push(v, tc_bstr(b, n));
			free(b);
		}
		free(dup);
		return v;
	}
	if (k != K_ANY && k != K_ENV && k != K_TEXT && map_names(k))
		JERR("unknown key \"%s\"", s);
	return tc_tstr(s);
}

static struct tc *map_from(enum tool_kind k, const json_t *j, char *err, size_t errlen)
{
	struct tc *m, *key, *val;
	const char *ks;
	json_t *jv;

	if (!json_is_object(j))
		JERR("expected an object");
	m = tc_map();
	json_object_foreach((json_t *)j, ks, jv) {
		key = key_from(k, ks, err, errlen);
		if (!key) {
			tc_free(m);
			return NULL;
		}
		val = tool_from_json(k == K_ANY ? K_ANY : value_kind(k, key), jv, err, errlen);
		if (!val) {
			size_t l = strlen(err);

			snprintf(err + l, errlen - l, " (in \"%s\")", ks);
			tc_free(key);
			tc_free(m);
			return NULL;
		}
		tc_put(m, key, val);
	}
	return m;
}

static struct tc *any_from(const json_t *j, char *err, size_t errlen)
{
	struct tc *v, *e;
	size_t i;
	json_t *t;

	switch (json_typeof(j)) {
	case JSON_INTEGER:
		return tc_int(json_integer_value(j));
	case JSON_STRING:
		return tc_tstrn(json_string_value(j), json_string_length(j));
	case JSON_TRUE: return tc_bool(true);
	case JSON_FALSE: return tc_bool(false);
	case JSON_NULL: return tc_simple(TC_NULL);
	case JSON_ARRAY:
		v = tc_array();
		for (i = 0; i < json_array_size(j); i++) {
			e = any_from(json_array_get(j, i), err, errlen);
			if (!e) {
				tc_free(v);
				return NULL;
			}
			tc_push(v, e);
		}
		return v;
	case JSON_OBJECT:
		if (json_object_size(j) == 1 &&
		    (json_object_get(j, "cbor") || json_object_get(j, "bstr")))
			return from_escape(j, err, errlen);
		t = json_object_get(j, "tag");
		if (t && json_object_size(j) == 2 && json_is_integer(t) &&
		    json_object_get(j, "value")) {
			e = any_from(json_object_get(j, "value"), err, errlen);
			return e ? tc_tag((uint64_t)json_integer_value(t), e) : NULL;
		}
		return map_from(K_ANY, j, err, errlen);
	default:
		JERR("JSON reals are not supported");
	}
}

static struct tc *hex_from(const json_t *j, char *err, size_t errlen)
{
	uint8_t *b;
	size_t n;
	struct tc *v;

	if (!json_is_string(j))
		JERR("expected a hex string");
	b = tool_unhex_alloc(json_string_value(j), &n);
	if (!b)
		JERR("bad hex string \"%s\"", json_string_value(j));
	v = tc_bstr(b, n);
	free(b);
	return v;
}

static struct tc *cose_from(const json_t *j, char *err, size_t errlen);

static struct tc *array_of(enum tool_kind ek, const json_t *j, char *err, size_t errlen)
{
	struct tc *v, *e;
	size_t i;

	if (!json_is_array(j))
		JERR("expected an array");
	v = tc_array();
	for (i = 0; i < json_array_size(j); i++) {
		json_t *x = json_array_get(j, i);

		if (ek == K_SEQ_W && json_is_null(x))
			e = tc_simple(TC_NULL);
		else if (ek == K_COSE_W + 1000)
			e = cose_from(x, err, errlen);
		else
			e = tool_from_json(ek, x, err, errlen);
		if (!e) {
			tc_free(v);
			return NULL;
		}
		tc_push(v, e);
	}
	return v;
}

struct tc *tool_from_json(enum tool_kind kind, const json_t *j, char *err, size_t errlen)
{
	struct tc *v, *e;
	size_t i;
	json_t *x;
	const char *s;
	int64_t c;

	if (json_is_object(j) && json_object_size(j) == 1 &&
	    (json_object_get(j, "cbor") || json_object_get(j, "bstr"))) {
		v = from_escape(j, err, errlen);
		if (v || err[0])
			return v;
	}
	if (is_wrapped(kind)) {
		enum tool_kind in = unwrapped(kind) == kind ? kind + 1000 : unwrapped(kind);

		v = tool_from_json(in, j, err, errlen);
		return v ? tc_wrap(v) : NULL;
	}
	switch ((int)kind) {
	case K_HEX:
		return hex_from(j, err, errlen);
	case K_ALG:
		if (json_is_string(j)) {
			if (tool_code_of(tool_alg_names, json_string_value(j), &c))
				JERR("unknown algorithm \"%s\"", json_string_value(j));
			return tc_int(c);
		}
		if (!json_is_integer(j))
			JERR("expected an algorithm name or number");
		return tc_int(json_integer_value(j));
	case K_DIGEST:
		if (!json_is_object(j) || !json_object_get(j, "algorithm-id") ||
		    !json_object_get(j, "digest-bytes"))
			JERR("a digest needs \"algorithm-id\" and \"digest-bytes\"");
		v = tc_array();
		e = tool_from_json(K_ALG, json_object_get(j, "algorithm-id"), err, errlen);
		if (!e)
			goto fail;
		tc_push(v, e);
		e = hex_from(json_object_get(j, "digest-bytes"), err, errlen);
		if (!e)
			goto fail;
		tc_push(v, e);
		x = json_object_get(j, "extensions");
		for (i = 0; x && i < json_array_size(x); i++) {
			e = any_from(json_array_get(x, i), err, errlen);
			if (!e)
				goto fail;
			tc_push(v, e);
		}
		return v;
	case K_CID:
		return array_of(K_HEX, j, err, errlen);
	case K_COMPONENTS:
		return array_of(K_CID, j, err, errlen);
	case K_TRYEACH:
		return array_of(K_SEQ_W, j, err, errlen);
	case K_SIGNATURES:
	case K_RECIPIENTS:
		return array_of(K_COSE_W + 1000, j, err, errlen);
	case K_SEQ:
		if (!json_is_array(j))
			JERR("a command sequence must be an array of {\"command\": argument}");
		v = tc_array();
		for (i = 0; i < json_array_size(j); i++) {
			x = json_array_get(j, i);
			if (!json_is_object(x) || json_object_size(x) != 1) {
				tc_free(v);
				JERR("command %zu: expected {\"command\": argument}", i);
			}
			json_t *arg;

			json_object_foreach(x, s, arg) {
				if (tool_code_of(tool_cmd_names, s, &c)) {
					if (!is_int_string(s)) {
						tc_free(v);
						JERR("unknown command \"%s\"", s);
					}
					c = strtoll(s, NULL, 10);
				}
				tc_push(v, tc_int(c));
				e = tool_from_json(cmd_arg_kind(c), arg, err, errlen);
				if (!e)
					goto fail;
				tc_push(v, e);
			}
		}
		return v;
	case K_SEQ_OR_DIGEST:
	case K_TEXT_OR_DIGEST:
	case K_ANY_W_OR_DIGEST:
		x = json_is_object(j) ? json_object_get(j, "severed") : NULL;
		if (x)
			return tool_from_json(K_DIGEST, x, err, errlen);
		if (kind == K_SEQ_OR_DIGEST)
			return tool_from_json(K_SEQ_W, j, err, errlen);
		if (kind == K_ANY_W_OR_DIGEST)
			return tool_from_json(K_ANY_W, j, err, errlen);
		v = map_from(K_TEXT, j, err, errlen);
		return v ? tc_wrap(v) : NULL;
	case K_AUTH_W + 1000:
		if (!json_is_array(j) || !json_array_size(j))
			JERR("authentication wrapper: expected [digest, blocks...]");
		v = tc_array();
		for (i = 0; i < json_array_size(j); i++) {
			e = i ? cose_from(json_array_get(j, i), err, errlen) :
				tool_from_json(K_DIGEST_W, json_array_get(j, i), err, errlen);
			if (!e)
				goto fail;
			tc_push(v, i ? tc_wrap(e) : e);
		}
		return v;
	case K_COSE_W + 1000:
	case K_ENCINFO:
		return cose_from(j, err, errlen);
	case K_MANIFEST_W + 1000:
		return map_from(K_MANIFEST_W, j, err, errlen);
	case K_COMMON_W + 1000:
		return map_from(K_COMMON_W, j, err, errlen);
	case K_ENV: case K_DEPS: case K_DEP: case K_PARAMS: case K_OVMULTI:
	case K_HDR: case K_COSE_KEY: case K_TEXT: case K_TEXT_LANG:
	case K_TEXT_COMP: case K_WAIT: case K_METADATA: case K_REPORT:
	case K_REPORT_RESULT: case K_CAPS:
		return map_from(kind, j, err, errlen);
	default:
		return any_from(j, err, errlen);
	}
fail:
	tc_free(v);
	return NULL;
}

static struct tc *cose_from(const json_t *j, char *err, size_t errlen)
{
	static const struct { const char *name; int tag; const char *f[5]; } t[] = {
		{ "COSE_Sign1", 18, { "protected", "unprotected", "payload", "signature" } },
		{ "COSE_Mac0", 17, { "protected", "unprotected", "payload", "tag" } },
		{ "COSE_Sign", 98, { "protected", "unprotected", "payload", "signatures" } },
		{ "COSE_Mac", 97, { "protected", "unprotected", "payload", "tag", "recipients" } },
		{ "COSE_Encrypt", 96, { "protected", "unprotected", "ciphertext", "recipients" } },
		{ "COSE_Signature", -1, { "protected", "unprotected", "signature" } },
		{ "COSE_recipient", -1, { "protected", "unprotected", "ciphertext", "recipients" } },
	};
	size_t i, k;
	json_t *body, *x;
	struct tc *arr, *e;

	if (json_is_object(j) && json_object_get(j, "cbor"))
		return from_escape(j, err, errlen);
	for (i = 0; i < SUIT_TOOL_ARRAY(t); i++) {
		body = json_object_get(j, t[i].name);
		if (!body)
			continue;
		arr = tc_array();
		for (k = 0; k < 5 && t[i].f[k]; k++) {
			x = json_object_get(body, t[i].f[k]);
			if (!x) {
				if (!strcmp(t[i].f[k], "recipients") && !strcmp(t[i].name, "COSE_recipient"))
					break;
				tc_free(arr);
				JERR("%s: missing \"%s\"", t[i].name, t[i].f[k]);
			}
			if (k == 0)
				e = tool_from_json(K_HDR_W, x, err, errlen);
			else if (k == 1)
				e = tool_from_json(K_HDR, x, err, errlen);
			else if (!strcmp(t[i].f[k], "signatures"))
				e = tool_from_json(K_SIGNATURES, x, err, errlen);
			else if (!strcmp(t[i].f[k], "recipients"))
				e = tool_from_json(K_RECIPIENTS, x, err, errlen);
			else if (json_is_string(x))
				e = hex_from(x, err, errlen);
			else
				e = any_from(x, err, errlen);
			if (!e) {
				tc_free(arr);
				return NULL;
			}
			tc_push(arr, e);
		}
		return t[i].tag >= 0 ? tc_tag(t[i].tag, arr) : arr;
	}
	JERR("expected a COSE structure ({\"COSE_Sign1\": ...} etc.)");
}

/* ---- diagnostic notation ---- */

static void ind(FILE *f, int n)
{
	fprintf(f, "%*s", n * 4, "");
}

static void diag_scalar(FILE *f, const struct tc *v)
{
	size_t i;

	switch (v->type) {
	case TC_UINT:
		fprintf(f, "%" PRIu64, v->u);
		break;
	case TC_NINT:
		if (v->u == UINT64_MAX)
			fprintf(f, "-18446744073709551616");
		else
			fprintf(f, "-%" PRIu64, v->u + 1);
		break;
	case TC_BSTR:
		fputs("h'", f);
		for (i = 0; i < v->len; i++)
			fprintf(f, "%02x", v->bytes[i]);
		fputc('\'', f);
		break;
	case TC_TSTR:
		fputc('"', f);
		for (i = 0; i < v->len; i++) {
			uint8_t c = v->bytes[i];

			if (c == '"' || c == '\\')
				fprintf(f, "\\%c", c);
			else if (c == '\n')
				fputs("\\n", f);
			else if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
		fputc('"', f);
		break;
	case TC_TRUE:
		fputs("true", f);
		break;
	case TC_FALSE:
		fputs("false", f);
		break;
	case TC_NULL:
		fputs("null", f);
		break;
	default:
		fputs("undefined", f);
		break;
	}
}

static void diag_any(FILE *f, enum tool_kind kind, const struct tc *v, int indent);

static void diag_map(FILE *f, enum tool_kind k, const struct tc *v, int indent)
{
	size_t i;

	fputs("{\n", f);
	for (i = 0; i + 1 < v->len; i += 2) {
		const struct tc *key = v->items[i];
		const char *n = NULL;

		ind(f, indent + 1);
		if (tc_is_int(key) && k != K_DEPS && k != K_OVMULTI && k != K_ANY) {
			n = tool_name_of(map_names(k), tc_get_int(key));
			fprintf(f, "/ %s / ", n ? n : "unknown");
		}
		diag_any(f, K_ANY, key, indent + 1);
		fputs(": ", f);
		if (k == K_ENV && key->type == TC_TSTR && v->items[i + 1]->type == TC_BSTR &&
		    v->items[i + 1]->len > 2 && !memcmp(v->items[i + 1]->bytes, "\xd8\x6b", 2)) {
			/* integrated dependency: show the nested envelope */
			struct tc *in = unwrap(v->items[i + 1]);

			if (in && in->type == TC_TAG && in->u == 107) {
				fputs("/ integrated envelope / << 107(", f);
				diag_any(f, K_ENV, in->items[0], indent + 1);
				fputs(") >>", f);
				tc_free(in);
				fputs(i + 2 < v->len ? ",\n" : "\n", f);
				continue;
			}
			tc_free(in);
		}
		diag_any(f, k == K_ANY ? K_ANY : value_kind(k, key), v->items[i + 1], indent + 1);
		if (k == K_COSE_KEY && tc_is_int(key) && tc_is_int(v->items[i + 1])) {
			int64_t kk = tc_get_int(key), vv = tc_get_int(v->items[i + 1]);
			const char *vn = NULL;

			if (kk == 1)
				vn = vv == 1 ? "OKP" : vv == 2 ? "EC2" : vv == 4 ? "Symmetric" :
				     vv == 5 ? "HSS-LMS" : NULL;
			else if (kk == -1)
				vn = vv == 1 ? "P-256" : vv == 2 ? "P-384" : vv == 3 ? "P-521" :
				     vv == 6 ? "Ed25519" : vv == 4 ? "X25519" : NULL;
			if (vn)
				fprintf(f, " / %s /", vn);
		}
		if (k == K_REPORT_RESULT && tc_is_int(key) && tc_get_int(key) == 7 &&
		    tc_is_int(v->items[i + 1]))
			fprintf(f, " / %s /", tool_name_of(tool_reason_names,
							   tc_get_int(v->items[i + 1])) ?: "unknown");
		fputs(i + 2 < v->len ? ",\n" : "\n", f);
	}
	ind(f, indent);
	fputc('}', f);
}

static void diag_cose(FILE *f, const struct tc *v, int indent);

static void diag_any(FILE *f, enum tool_kind kind, const struct tc *v, int indent)
{
	struct tc *in;
	size_t i;

	if (is_wrapped(kind) || kind == K_TEXT_OR_DIGEST ||
	    (kind == K_SEQ_OR_DIGEST && v->type == TC_BSTR) ||
	    (kind == K_ANY_W_OR_DIGEST && v->type == TC_BSTR)) {
		in = unwrap(v);
		if (!in) {
			if (kind == K_TEXT_OR_DIGEST && v->type == TC_ARRAY) {
				fputs("/ severed / ", f);
				diag_any(f, K_DIGEST, v, indent);
				return;
			}
			diag_scalar(f, v);
			return;
		}
		fputs("<< ", f);
		switch ((int)kind) {
		case K_AUTH_W:
			if (in->type == TC_ARRAY) {
				fputs("[\n", f);
				for (i = 0; i < in->len; i++) {
					ind(f, indent + 1);
					fputs(i ? "/ authentication-block / " : "/ digest / ", f);
					diag_any(f, i ? K_COSE_W : K_DIGEST_W, in->items[i], indent + 1);
					fputs(i + 1 < in->len ? ",\n" : "\n", f);
				}
				ind(f, indent);
				fputc(']', f);
			} else {
				diag_any(f, K_ANY, in, indent);
			}
			break;
		case K_COSE_W:
			diag_cose(f, in, indent);
			break;
		case K_TEXT_OR_DIGEST:
			diag_any(f, K_TEXT, in, indent);
			break;
		case K_SEQ_OR_DIGEST:
			diag_any(f, K_SEQ, in, indent);
			break;
		case K_ANY_W_OR_DIGEST:
			diag_any(f, K_ANY, in, indent);
			break;
		case K_MANIFEST_W: case K_COMMON_W:
			if (in->type == TC_MAP)
				diag_map(f, kind, in, indent);
			else
				diag_any(f, K_ANY, in, indent);
			break;
		default:
			diag_any(f, unwrapped(kind), in, indent);
		}
		fputs(" >>", f);
		tc_free(in);
		return;
	}
	switch ((int)kind) {
	case K_ALG:
		diag_scalar(f, v);
		if (tc_is_int(v))
			fprintf(f, " / %s /", tool_name_of(tool_alg_names, tc_get_int(v)) ?: "unknown");
		return;
	case K_DIGEST:
	case K_SEQ_OR_DIGEST:
	case K_ANY_W_OR_DIGEST:
		if (is_digest(v)) {
			if (kind != K_DIGEST)
				fputs("/ severed / ", f);
			fputs("[ / algorithm-id / ", f);
			diag_any(f, K_ALG, v->items[0], indent);
			fputs(", / digest-bytes / ", f);
			diag_scalar(f, v->items[1]);
			for (i = 2; i < v->len; i++) {
				fputs(", ", f);
				diag_any(f, K_ANY, v->items[i], indent);
			}
			fputs(" ]", f);
			return;
		}
		break;
	case K_SEQ:
		if (v->type == TC_ARRAY && !(v->len % 2)) {
			fputs("[\n", f);
			for (i = 0; i < v->len; i += 2) {
				int64_t c = tc_is_int(v->items[i]) ? tc_get_int(v->items[i]) : 0;
				const char *n = tool_name_of(tool_cmd_names, c);

				ind(f, indent + 1);
				if (n)
					fprintf(f, "/ %s / ", n);
				else if (c < 0)
					fputs("/ custom / ", f);
				else
					fputs("/ unknown / ", f);
				diag_any(f, K_ANY, v->items[i], indent + 1);
				fputs(", ", f);
				diag_any(f, cmd_arg_kind(c), v->items[i + 1], indent + 1);
				fputs(i + 2 < v->len ? ",\n" : "\n", f);
			}
			ind(f, indent);
			fputc(']', f);
			return;
		}
		break;
	case K_TRYEACH:
	case K_COMPONENTS:
	case K_SIGNATURES:
	case K_RECIPIENTS:
		if (v->type == TC_ARRAY) {
			fputs("[\n", f);
			for (i = 0; i < v->len; i++) {
				ind(f, indent + 1);
				if (kind == K_SIGNATURES || kind == K_RECIPIENTS)
					diag_cose(f, v->items[i], indent + 1);
				else
					diag_any(f, kind == K_TRYEACH ? K_SEQ_W : K_ANY,
						 v->items[i], indent + 1);
				fputs(i + 1 < v->len ? ",\n" : "\n", f);
			}
			ind(f, indent);
			fputc(']', f);
			return;
		}
		break;
	case K_ENCINFO:
		diag_cose(f, v, indent);
		return;
	case K_ENV: case K_DEPS: case K_DEP: case K_PARAMS: case K_OVMULTI:
	case K_HDR: case K_COSE_KEY: case K_TEXT: case K_TEXT_LANG:
	case K_TEXT_COMP: case K_WAIT: case K_METADATA: case K_REPORT:
	case K_REPORT_RESULT: case K_CAPS:
		if (v->type == TC_MAP) {
			diag_map(f, kind, v, indent);
			return;
		}
		break;
	default:
		break;
	}
	switch (v->type) {
	case TC_ARRAY:
		fputc('[', f);
		for (i = 0; i < v->len; i++) {
			diag_any(f, K_ANY, v->items[i], indent + 1);
			if (i + 1 < v->len)
				fputs(", ", f);
		}
		fputc(']', f);
		break;
	case TC_MAP:
		diag_map(f, K_ANY, v, indent);
		break;
	case TC_TAG:
		fprintf(f, "%" PRIu64 "(", v->u);
		diag_any(f, K_ANY, v->items[0], indent);
		fputc(')', f);
		break;
	default:
		diag_scalar(f, v);
	}
}

static void diag_cose(FILE *f, const struct tc *v, int indent)
{
	static const char *const f_sign1[] = { "protected", "unprotected", "payload", "signature" };
	static const char *const f_mac0[] = { "protected", "unprotected", "payload", "tag" };
	static const char *const f_sign[] = { "protected", "unprotected", "payload", "signatures" };
	static const char *const f_mac[] = { "protected", "unprotected", "payload", "tag", "recipients" };
	static const char *const f_enc[] = { "protected", "unprotected", "ciphertext", "recipients" };
	static const char *const f_sig[] = { "protected", "unprotected", "signature" };
	static const char *const f_rcp[] = { "protected", "unprotected", "ciphertext", "recipients" };
	const char *const *fn = f_rcp;
	const struct tc *arr = v;
	const char *name = NULL;
	size_t i, nf = 4;

	if (v->type == TC_TAG) {
		arr = v->items[0];
		switch (v->u) {
		case 18:
			name = "COSE_Sign1";
			fn = f_sign1;
			break;
		case 17:
			name = "COSE_Mac0";
			fn = f_mac0;
			break;
		case 98:
			name = "COSE_Sign";
			fn = f_sign;
			break;
		case 97:
			name = "COSE_Mac";
			fn = f_mac;
			nf = 5;
			break;
		case 96:
			name = "COSE_Encrypt";
			fn = f_enc;
			break;
		}
		fprintf(f, "/ %s / %" PRIu64 "(", name ? name : "unknown", v->u);
	}
	if (arr->type != TC_ARRAY) {
		diag_any(f, K_ANY, arr, indent);
	} else {
		fputs("[\n", f);
		for (i = 0; i < arr->len; i++) {
			enum tool_kind k = i == 0 ? K_HDR_W : i == 1 ? K_HDR : K_ANY;
			const char *label;

			if (i < nf)
				label = fn[i];
			else
				label = "extra";
			if (fn == f_sign1 || fn == f_mac0)
				;
			else if (arr->items[i]->type == TC_ARRAY && i >= 2)
				k = fn == f_sign ? K_SIGNATURES : K_RECIPIENTS;
			if (v->type != TC_TAG && arr->len == 3 && i == 2 && fn == f_rcp)
				label = "ciphertext/signature";
			(void)f_sig;
			ind(f, indent + 1);
			fprintf(f, "/ %s / ", label);
			diag_any(f, k, arr->items[i], indent + 1);
			fputs(i + 1 < arr->len ? ",\n" : "\n", f);
		}
		ind(f, indent);
		fputc(']', f);
	}
	if (v->type == TC_TAG)
		fputc(')', f);
}

void tool_diag(FILE *f, enum tool_kind kind, const struct tc *v, int indent)
{
	diag_any(f, kind, v, indent);
}

void tool_diag_manifest(FILE *f, const struct tc *map, int indent)
{
	if (map->type == TC_MAP)
		diag_map(f, K_MANIFEST_W, map, indent);
	else
		diag_any(f, K_ANY, map, indent);
}
