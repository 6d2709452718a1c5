// SPDX-License-Identifier: GPL-2.0-only
/*
 * DEVICE.json and URIS.json parsing for `suit-tool process` (jansson).
 * Parsing is strict: unknown keys, wrong types and bad hex are errors.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "sim_device.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode a hex string into a malloc'd buffer (never NULL on success). */
static int hex_decode(const char *s, uint8_t **out, size_t *out_len)
{
	size_t n = strlen(s), i;
	uint8_t *b;

	if (n % 2)
		return -1;
	b = malloc(n / 2 + 1);
	if (!b)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int hi = hexval((unsigned char)s[2 * i]);
		int lo = hexval((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(b);
			return -1;
		}
		b[i] = (uint8_t)(hi << 4 | lo);
	}
	*out = b;
	*out_len = n / 2;
	return 0;
}

/* Accept "fa6b4a53-d5ad-..." or plain hex; exactly 16 bytes. */
static int parse_uuid(json_t *v, uint8_t out[SUIT_UUID_LEN])
{
	const char *s;
	char hex[2 * SUIT_UUID_LEN + 1];
	size_t n = 0;
	uint8_t *b;
	size_t len;

	if (!json_is_string(v))
		return -1;
	for (s = json_string_value(v); *s; s++) {
		if (*s == '-')
			continue;
		if (n >= sizeof(hex) - 1)
			return -1;
		hex[n++] = *s;
	}
	hex[n] = '\0';
	if (hex_decode(hex, &b, &len))
		return -1;
	if (len != SUIT_UUID_LEN) {
		free(b);
		return -1;
	}
	memcpy(out, b, SUIT_UUID_LEN);
	free(b);
	return 0;
}

static int get_u64(json_t *v, uint64_t *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

/* CBOR head for major type @mt with argument @val. */
static size_t cbor_head(uint8_t *p, unsigned int mt, uint64_t val)
{
	mt <<= 5;
	if (val < 24) {
		p[0] = (uint8_t)(mt | val);
		return 1;
	}
	if (val <= 0xff) {
		p[0] = (uint8_t)(mt | 24);
		p[1] = (uint8_t)val;
		return 2;
	}
	if (val <= 0xffff) {
		p[0] = (uint8_t)(mt | 25);
		p[1] = (uint8_t)(val >> 8);
		p[2] = (uint8_t)val;
		return 3;
	}
	p[0] = (uint8_t)(mt | 26);
	p[1] = (uint8_t)(val >> 24);
	p[2] = (uint8_t)(val >> 16);
	p[3] = (uint8_t)(val >> 8);
	p[4] = (uint8_t)val;
	return 5;
}

/* Encode a JSON array of hex strings as a CBOR array of bstrs. */
static int encode_component_id(json_t *arr, uint8_t **out, size_t *out_len)
{
	size_t i, total = 5, n = json_array_size(arr);
	json_t *e;
	uint8_t *buf, *p;

	if (!json_is_array(arr) || n == 0 || n > 0xffff)
		return -1;
	json_array_foreach(arr, i, e) {
		if (!json_is_string(e))
			return -1;
		total += 5 + strlen(json_string_value(e)) / 2;
	}
	buf = malloc(total);
	if (!buf)
		return -1;
	p = buf + cbor_head(buf, 4, n);
	json_array_foreach(arr, i, e) {
		uint8_t *b;
		size_t len;

		if (hex_decode(json_string_value(e), &b, &len)) {
			free(buf);
			return -1;
		}
		p += cbor_head(p, 2, len);
		memcpy(p, b, len);
		p += len;
		free(b);
	}
	*out = buf;
	*out_len = (size_t)(p - buf);
	return 0;
}

static int parse_component(struct sim_component *c, unsigned int idx,
			   json_t *o, char *err, size_t errlen)
{
	const char *key;
	json_t *v;
	bool have_id = false;

	c->slots = 1;
	c->max_size = 1 << 20;
	c->open_slot = -1;
	if (!json_is_object(o))
		return fail(err, errlen, "components[%u]: not an object", idx);
	json_object_foreach(o, key, v) {
		if (!strcmp(key, "id")) {
			if (encode_component_id(v, &c->id, &c->id_len))
				return fail(err, errlen,
					    "components[%u].id: expected a non-empty array of hex strings",
					    idx);
			have_id = true;
		} else if (!strcmp(key, "slots")) {
			uint64_t s;

			if (get_u64(v, &s) || s < 1 || s > SIM_MAX_SLOTS)
				return fail(err, errlen,
					    "components[%u].slots: must be 1 or 2", idx);
			c->slots = (uint32_t)s;
		} else if (!strcmp(key, "max-size")) {
			if (get_u64(v, &c->max_size))
				return fail(err, errlen,
					    "components[%u].max-size: expected a non-negative integer",
					    idx);
		} else if (!strcmp(key, "slot-index")) {
			uint64_t s;

			if (get_u64(v, &s) || s >= SIM_MAX_SLOTS)
				return fail(err, errlen,
					    "components[%u].slot-index: must be 0 or 1", idx);
			c->slot_index = (uint32_t)s;
		} else if (!strcmp(key, "version")) {
			size_t i;
			json_t *e;

			if (!json_is_array(v) || json_array_size(v) > SIM_MAX_VERSION)
				return fail(err, errlen,
					    "components[%u].version: expected an array of at most %d integers",
					    idx, SIM_MAX_VERSION);
			json_array_foreach(v, i, e) {
				if (!json_is_integer(e))
					return fail(err, errlen,
						    "components[%u].version: expected integers",
						    idx);
				c->version[i] = json_integer_value(e);
			}
			c->version_len = (uint32_t)json_array_size(v);
		} else if (!strcmp(key, "initial")) {
			const char *sk;
			json_t *sv;

			if (!json_is_object(v))
				return fail(err, errlen,
					    "components[%u].initial: expected an object", idx);
			json_object_foreach(v, sk, sv) {
				struct sim_slot *sl;

				if (strcmp(sk, "0") && strcmp(sk, "1"))
					return fail(err, errlen,
						    "components[%u].initial: unknown slot \"%s\"",
						    idx, sk);
				sl = &c->slot[sk[0] - '0'];
				if (json_is_null(sv))
					continue;
				if (!json_is_string(sv) ||
				    hex_decode(json_string_value(sv), &sl->data,
					       &sl->len))
					return fail(err, errlen,
						    "components[%u].initial.%s: expected a hex string or null",
						    idx, sk);
				sl->present = true;
			}
		} else {
			return fail(err, errlen, "components[%u]: unknown key \"%s\"",
				    idx, key);
		}
	}
	if (!have_id)
		return fail(err, errlen, "components[%u]: \"id\" is required", idx);
	if (c->slot_index >= c->slots)
		return fail(err, errlen,
			    "components[%u]: slot-index %u but only %u slot(s)",
			    idx, c->slot_index, c->slots);
	if (c->slots < 2 && c->slot[1].present)
		return fail(err, errlen,
			    "components[%u]: initial content for slot 1 of a 1-slot component",
			    idx);
	for (int s = 0; s < SIM_MAX_SLOTS; s++)
		if (c->slot[s].present && c->slot[s].len > c->max_size)
			return fail(err, errlen,
				    "components[%u]: initial content of slot %d exceeds max-size",
				    idx, s);
	return 0;
}

static int parse_wait_events(struct sim_device *dev, json_t *v)
{
	size_t i;
	json_t *e;

	if (!json_is_array(v) || json_array_size(v) > SIM_MAX_WAIT_EVENTS)
		return -1;
	json_array_foreach(v, i, e) {
		if (!json_is_integer(e))
			return -1;
		dev->wait_events[i] = json_integer_value(e);
	}
	dev->n_wait_events = (unsigned int)json_array_size(v);
	return 0;
}

static int parse_components(struct sim_device *dev, const char *path, json_t *v,
			    char *err, size_t errlen)
{
	char sub[256];
	size_t i;
	json_t *e;

	if (!json_is_array(v) || json_array_size(v) > SIM_MAX_COMPONENTS)
		return fail(err, errlen,
			    "%s: components: expected an array of at most %d objects",
			    path, SIM_MAX_COMPONENTS);
	json_array_foreach(v, i, e) {
		dev->n_comp = (unsigned int)i + 1;
		if (parse_component(&dev->comp[i], (unsigned int)i, e, sub,
				    sizeof(sub)))
			return fail(err, errlen, "%s: %s", path, sub);
	}
	for (i = 0; i < dev->n_comp; i++) {
		size_t j;

		for (j = 0; j < i; j++) {
			if (dev->comp[i].id_len != dev->comp[j].id_len ||
			    memcmp(dev->comp[i].id, dev->comp[j].id,
				   dev->comp[i].id_len))
				continue;
			return fail(err, errlen,
				    "%s: components[%zu] and [%zu] have the same id",
				    path, j, i);
		}
	}
	return 0;
}

/* One top-level member of DEVICE.json. */
static int parse_top(struct sim_device *dev, const char *path, const char *key,
		     json_t *v, char *err, size_t errlen)
{
	if (!strcmp(key, "vendor-id")) {
		if (parse_uuid(v, dev->identity.vendor_id))
			return fail(err, errlen,
				    "%s: vendor-id: expected a 16-byte hex UUID", path);
	} else if (!strcmp(key, "class-id")) {
		if (parse_uuid(v, dev->identity.class_id))
			return fail(err, errlen,
				    "%s: class-id: expected a 16-byte hex UUID", path);
	} else if (!strcmp(key, "device-id")) {
		if (json_is_null(v))
			return 0;
		if (parse_uuid(v, dev->identity.device_id))
			return fail(err, errlen,
				    "%s: device-id: expected a 16-byte hex UUID or null",
				    path);
		dev->identity.has_device_id = true;
	} else if (!strcmp(key, "time")) {
		if (json_is_string(v) && !strcmp(json_string_value(v), "now")) {
			dev->time = (uint64_t)time(NULL);
			return 0;
		}
		if (get_u64(v, &dev->time))
			return fail(err, errlen,
				    "%s: time: expected unix seconds or \"now\"",
				    path);
	} else if (!strcmp(key, "battery-mwh")) {
		if (get_u64(v, &dev->battery_mwh))
			return fail(err, errlen,
				    "%s: battery-mwh: expected a non-negative integer",
				    path);
	} else if (!strcmp(key, "sequence-number")) {
		if (json_is_null(v))
			return 0;	/* nothing accepted yet */
		dev->has_sequence = true;
		if (get_u64(v, &dev->sequence))
			return fail(err, errlen,
				    "%s: sequence-number: expected a non-negative integer or null",
				    path);
	} else if (!strcmp(key, "update-authorized")) {
		if (!json_is_boolean(v))
			return fail(err, errlen,
				    "%s: update-authorized: expected true or false",
				    path);
		dev->update_authorized = json_is_true(v);
	} else if (!strcmp(key, "wait-events")) {
		if (parse_wait_events(dev, v))
			return fail(err, errlen,
				    "%s: wait-events: expected an array of at most %d integers",
				    path, SIM_MAX_WAIT_EVENTS);
	} else if (!strcmp(key, "components")) {
		return parse_components(dev, path, v, err, errlen);
	} else if (strcmp(key, "comment")) {
		return fail(err, errlen, "%s: unknown key \"%s\"", path, key);
	}
	return 0;
}

int sim_device_load(struct sim_device *dev, const char *path, char *err,
		    size_t errlen)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	int rc = -1;

	dev->update_authorized = true;
	dev->battery_mwh = UINT64_MAX;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return fail(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
	if (!json_is_object(root)) {
		fail(err, errlen, "%s: expected a JSON object", path);
		goto out;
	}
	json_object_foreach(root, key, v) {
		if (parse_top(dev, path, key, v, err, errlen))
			goto out;
	}
	if (!json_object_get(root, "vendor-id") ||
	    !json_object_get(root, "class-id")) {
		fail(err, errlen, "%s: vendor-id and class-id are required", path);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int sim_uri_map_load(struct sim_device *dev, const char *path, char *err,
		     size_t errlen)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key, *slash;
	size_t dirlen;
	int rc = -1;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root)
		return fail(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
	if (!json_is_object(root)) {
		fail(err, errlen, "%s: expected an object mapping URI to file", path);
		goto out;
	}
	slash = strrchr(path, '/');
	dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	dev->uris = calloc(json_object_size(root) + 1, sizeof(*dev->uris));
	if (!dev->uris) {
		fail(err, errlen, "out of memory");
		goto out;
	}
	json_object_foreach(root, key, v) {
		const char *file;
		struct sim_uri *u = &dev->uris[dev->n_uris];

		if (!json_is_string(v)) {
			fail(err, errlen, "%s: \"%s\": expected a file name", path, key);
			goto out;
		}
		file = json_string_value(v);
		u->uri = strdup(key);
		if (file[0] == '/') {
			u->path = strdup(file);
		} else {
			u->path = malloc(dirlen + strlen(file) + 1);
			if (u->path)
				sprintf(u->path, "%.*s%s", (int)dirlen, path, file);
		}
		if (!u->uri || !u->path) {
			free(u->uri);
			free(u->path);
			fail(err, errlen, "out of memory");
			goto out;
		}
		dev->n_uris++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}
