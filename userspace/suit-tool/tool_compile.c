// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool: component description -> manifest, following the templates
 * of draft-ietf-suit-manifest section 7 (compatibility check, secure
 * boot, download, install by copy, integrated payload, load from external
 * storage, A/B images with try-each + component-slot). The sequence
 * layout is the one of the suit-manifest-generator that produced the
 * draft's Appendix B examples, so those rebuild byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_compile.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAXC 32
#define ERR(...) do { snprintf(err, errlen, __VA_ARGS__); goto fail; } while (0)

struct cctx {
	const char *dir;
	int alg;
	int64_t cond_pol, dir_pol;
	struct tc *ids[MAXC];		/* component identifiers */
	size_t n;
	struct tc *env;			/* envelope map (integrated payloads) */
	char *err;
	size_t errlen;
};

static int comp_index(struct cctx *c, const struct tc *id, bool add)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (tc_equal(c->ids[i], id))
			return (int)i;
	if (!add || c->n == MAXC)
		return -1;
	c->ids[c->n] = tc_dup(id);
	return (int)c->n++;
}

static struct tc *cid_from(struct cctx *c, const json_t *j, const char *what)
{
	char *err = c->err;
	size_t errlen = c->errlen;
	struct tc *v = tool_from_json(K_CID, j, err, errlen);

	if (!v || !v->len) {
		if (v)
			tc_free(v);
		snprintf(err, errlen, "%s: a component id is a non-empty array of hex strings",
			 what);
		return NULL;
	}
	return v;
}

static char *path_join(const char *dir, const char *f)
{
	char *p;

	if (f[0] == '/' || !dir)
		return xstrdup(f);
	p = xmalloc(strlen(dir) + strlen(f) + 2);
	sprintf(p, "%s/%s", dir, f);
	return p;
}

/* digest (wrapped) + size from "X-digest"/"X-size" or "file" */
static int digest_size(struct cctx *c, const json_t *comp, const char *prefix,
		       struct tc **digest, struct tc **size, uint8_t **data, size_t *dlen)
{
	char key[64];
	const json_t *d, *s, *f;
	char *err = c->err;
	size_t errlen = c->errlen;

	*digest = *size = NULL;
	snprintf(key, sizeof(key), "%s-digest", prefix);
	d = json_object_get(comp, key);
	snprintf(key, sizeof(key), "%s-size", prefix);
	s = json_object_get(comp, key);
	f = !strcmp(prefix, "install") ? json_object_get(comp, "file") : NULL;
	if (f) {
		char *p;
		uint8_t *buf, md[64];
		size_t len, n;
		struct tc *dg;

		if (!json_is_string(f))
			ERR("\"file\" must be a file name");
		p = path_join(c->dir, json_string_value(f));
		buf = tool_read_file("create", p, &len);
		free(p);
		if (!buf)
			ERR("image file %s cannot be read", json_string_value(f));
		tool_hash(c->alg, buf, len, md, &n);
		dg = tc_array();
		tc_push(dg, tc_int(c->alg));
		tc_push(dg, tc_bstr(md, n));
		*digest = tc_wrap(dg);
		*size = tc_uint(len);
		if (data) {
			*data = buf;
			*dlen = len;
		} else {
			free(buf);
		}
		return 0;
	}
	if (d) {
		*digest = tool_from_json(K_DIGEST_W, d, err, errlen);
		if (!*digest)
			goto fail;
	}
	if (s) {
		if (!json_is_integer(s) || json_integer_value(s) < 0) {
			tc_free(*digest);
			*digest = NULL;
			ERR("%s must be a non-negative integer", key);
		}
		*size = tc_uint((uint64_t)json_integer_value(s));
	}
	return 0;
fail:
	return -1;
}

static struct tc *uuid_param(struct cctx *c, const json_t *comp, const char *idk,
			     const char *namek, const uint8_t *vendor_ns)
{
	const json_t *v = json_object_get(comp, idk), *n = json_object_get(comp, namek);
	uint8_t u[16];

	if (v) {
		if (!json_is_string(v) || tool_parse_uuid(json_string_value(v), u)) {
			snprintf(c->err, c->errlen, "\"%s\" is not a UUID", idk);
			return NULL;
		}
		return tc_bstr(u, 16);
	}
	if (n && json_is_string(n)) {
		tool_uuid5(vendor_ns ? vendor_ns : tool_uuid_ns_dns, json_string_value(n),
			   json_string_length(n), u);
		return tc_bstr(u, 16);
	}
	return NULL;
}

static void cmd(struct tc *seq, int code, struct tc *arg)
{
	tc_push(seq, tc_int(code));
	tc_push(seq, arg);
}

static void setidx(struct cctx *c, struct tc *seq, int idx)
{
	if (c->n > 1)
		cmd(seq, 12, tc_uint(idx));
}

struct group {
	int idx;
	const json_t *e[8];
	size_t ne;
};

static bool jbool(const json_t *o, const char *k, bool def)
{
	const json_t *v = json_object_get(o, k);

	return v ? json_is_true(v) : def;
}

static const struct { const char *json; int key; } text_comp_keys[] = {
	{ "vendor-name", 1 }, { "model-name", 2 }, { "vendor-domain", 3 },
	{ "model-info", 4 }, { "component-description", 5 },
	{ "component-version", 6 }, { "version-required", 7 },
	{ "current-version", 8 },
};

static const struct { const char *json; int key; } text_keys[] = {
	{ "manifest-description", 1 }, { "update-description", 2 },
	{ "manifest-json-source", 3 }, { "manifest-yaml-source", 4 },
};

static struct tc *lang_map(struct tc *text, const char *lang)
{
	struct tc *m = tc_map_get_s(text, lang);

	if (!m) {
		m = tc_map();
		tc_put(text, tc_tstr(lang), m);
	}
	return m;
}

static int add_text(struct cctx *c, struct tc *text, const json_t *desc,
		    const struct tc *cid)
{
	const char *lang, *k;
	json_t *lv, *v;
	size_t i;

	json_object_foreach((json_t *)desc, lang, lv) {
		struct tc *lm = lang_map(text, lang), *target = lm;

		if (cid) {
			target = tc_map();
			tc_put(lm, tc_dup(cid), target);
		}
		json_object_foreach(lv, k, v) {
			int key = -1;

			if (!cid) {
				for (i = 0; i < SUIT_TOOL_ARRAY(text_keys); i++)
					if (!strcmp(k, text_keys[i].json))
						key = text_keys[i].key;
			} else {
				for (i = 0; i < SUIT_TOOL_ARRAY(text_comp_keys); i++)
					if (!strcmp(k, text_comp_keys[i].json))
						key = text_comp_keys[i].key;
			}
			if (key < 0 || !json_is_string(v)) {
				snprintf(c->err, c->errlen, "description: unknown text key \"%s\"", k);
				return -1;
			}
			tc_put_i(target, key, tc_tstr(json_string_value(v)));
		}
	}
	return 0;
}

static int parse_u64(const json_t *v, uint64_t *out)
{
	char *end;
	const char *s;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < 0)
			return -1;
		*out = (uint64_t)json_integer_value(v);
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/*
 * A dependency on a signed envelope: suit-dependencies entry (prefix = its
 * component id), then in each section listed in "sections" (default
 * ["install"]): image digest = the dependency's authentication-wrapper
 * digest, size and URI ("uri", or "#<id>" with the envelope integrated),
 * fetch (install only), condition-dependency-integrity and
 * directive-process-dependency.
 */
static int add_dependency(struct cctx *c, const json_t *e, int idx, struct tc *deps_map,
			  struct tc *validate, struct tc *invoke, struct tc *install)
{
	char *err = c->err, *p;
	size_t errlen = c->errlen, len, i;
	const char *f = json_string_value(json_object_get(e, "envelope")) ?:
			json_string_value(json_object_get(e, "file"));
	const json_t *uri = json_object_get(e, "uri"), *secs = json_object_get(e, "sections"), *x;
	uint8_t *buf = NULL;
	struct tc *env = NULL, *w, *a = NULL, *d = NULL, *dep, *pfx;
	const char *errs = NULL;
	char name[300];

	p = path_join(c->dir, f);
	buf = tool_read_file("create", p, &len);
	free(p);
	if (!buf)
		ERR("dependency envelope %s cannot be read", f);
	env = tc_decode(buf, len, &errs);
	if (env && env->type == TC_TAG && env->u == 107)
		w = tc_map_get_i(env->items[0], 2);
	else
		w = tc_map_get_i(env, 2);
	if (w && w->type == TC_BSTR)
		a = tc_decode(w->bytes, w->len, NULL);
	if (!a || a->type != TC_ARRAY || !a->len || a->items[0]->type != TC_BSTR)
		ERR("%s: not an envelope with an authentication wrapper", f);
	d = tc_dup(a->items[0]);		/* bstr-wrapped SUIT_Digest */
	if (uri && !json_is_string(uri))
		ERR("dependency uri must be a string");
	snprintf(name, sizeof(name), "#%.*s", (int)c->ids[idx]->items[0]->len,
		 (const char *)c->ids[idx]->items[0]->bytes);
	if (!uri)
		tc_put(c->env, tc_tstr(name), tc_bstr(buf, len));
	dep = tc_map();
	pfx = tc_dup(c->ids[idx]);
	tc_put_i(dep, 1, pfx);
	tc_put_i(deps_map, idx, dep);
	for (i = 0; i < (secs ? json_array_size(secs) : 1); i++) {
		const char *sn = secs ? json_string_value(json_array_get(secs, i)) : "install";
		struct tc *seq, *par;

		if (!sn)
			ERR("dependency sections: names");
		if (!strcmp(sn, "install"))
			seq = install;
		else if (!strcmp(sn, "validate"))
			seq = validate;
		else if (!strcmp(sn, "invoke"))
			seq = invoke;
		else
			ERR("dependency section %s: install, validate or invoke", sn);
		setidx(c, seq, idx);
		par = tc_map();
		tc_put_i(par, 3, tc_dup(d));
		tc_put_i(par, 14, tc_uint(len));
		tc_put_i(par, 21, tc_tstr(uri ? json_string_value(uri) : name));
		cmd(seq, 20, par);
		if (seq == install)
			cmd(seq, 21, tc_uint(c->dir_pol));
		cmd(seq, 7, tc_uint(c->cond_pol));
		cmd(seq, 11, tc_uint(c->dir_pol));
	}
	(void)x;
	free(buf);
	tc_free(env);
	tc_free(a);
	tc_free(d);
	return 0;
fail:
	free(buf);
	tc_free(env);
	tc_free(a);
	tc_free(d);
	return -1;
}

static const struct { const char *name; int code; } version_cmp[] = {
	{ "greater", 1 }, { "greater-equal", 2 }, { "equal", 3 },
	{ "lesser-equal", 4 }, { "lesser", 5 },
};

/* [+int] from a JSON array of integers */
static struct tc *int_array(const json_t *a)
{
	struct tc *v;
	size_t i;
	json_t *x;

	if (!json_is_array(a) || !json_array_size(a))
		return NULL;
	v = tc_array();
	json_array_foreach(a, i, x) {
		if (!json_is_integer(x)) {
			tc_free(v);
			return NULL;
		}
		tc_push(v, tc_int(json_integer_value(x)));
	}
	return v;
}

/*
 * draft-ietf-suit-update-management: "use-before" (seconds since 1970),
 * "minimum-battery" (mWh), "update-priority" (int), "version"
 * ({"comparison": "greater-equal", "version": [1, 2, 0]}): parameters set
 * with override-parameters, then the matching conditions.
 */
static int update_conditions(struct cctx *c, const json_t *e, int idx, struct tc *install)
{
	char *err = c->err;
	size_t errlen = c->errlen, i;
	struct tc *p = tc_map(), *conds = tc_array(), *arr;
	const json_t *v;
	uint64_t u;

	v = json_object_get(e, "use-before");
	if (v) {
		if (parse_u64(v, &u)) {
			tc_free(p);
			tc_free(conds);
			ERR("use-before: seconds since 1970 (unsigned)");
		}
		tc_put_i(p, 4, tc_uint(u));
		cmd(conds, 4, tc_uint(c->cond_pol));
	}
	v = json_object_get(e, "minimum-battery");
	if (v) {
		if (parse_u64(v, &u)) {
			tc_free(p);
			tc_free(conds);
			ERR("minimum-battery: mWh (unsigned)");
		}
		tc_put_i(p, 26, tc_uint(u));
		cmd(conds, 26, tc_uint(c->cond_pol));
	}
	v = json_object_get(e, "update-priority");
	if (v) {
		if (!json_is_integer(v)) {
			tc_free(p);
			tc_free(conds);
			ERR("update-priority: an integer");
		}
		tc_put_i(p, 27, tc_int(json_integer_value(v)));
		cmd(conds, 27, tc_uint(c->cond_pol));
	}
	v = json_object_get(e, "version");
	if (v) {
		const char *cmpn = json_string_value(json_object_get(v, "comparison"));
		struct tc *ints = int_array(json_object_get(v, "version"));
		int code = 0;

		for (i = 0; cmpn && i < SUIT_TOOL_ARRAY(version_cmp); i++)
			if (!strcmp(cmpn, version_cmp[i].name))
				code = version_cmp[i].code;
		if (!code || !ints) {
			tc_free(ints);
			tc_free(p);
			tc_free(conds);
			ERR("version: {\"comparison\": \"greater|greater-equal|equal|lesser-equal|lesser\", \"version\": [ints]}");
		}
		arr = tc_array();
		tc_push(arr, tc_uint(code));
		tc_push(arr, ints);
		tc_put_i(p, 28, tc_wrap(arr));
		cmd(conds, 28, tc_uint(c->cond_pol));
	}
	if (!conds->len) {
		tc_free(p);
		tc_free(conds);
		return 0;
	}
	setidx(c, install, idx);
	cmd(install, 20, p);
	for (i = 0; i < conds->len; i++)
		tc_push(install, tc_dup(conds->items[i]));
	tc_free(conds);
	return 0;
fail:
	return -1;
}

/*
 * Encrypted payload (draft-ietf-suit-firmware-encryption): with "uri", fetch
 * the ciphertext into the download component, check its digest, then copy
 * it into the install component with decryption; without, write it from
 * suit-parameter-content with decryption. Either way the plaintext digest
 * ("file") is checked after.
 */
static int encrypted_install(struct cctx *c, const json_t *e, int inst, struct tc *install)
{
	const char *eif = json_string_value(json_object_get(e, "encryption-info"));
	const char *ctf = json_string_value(json_object_get(e, "encrypted-file"));
	const json_t *uri = json_object_get(e, "uri");
	char *err = c->err, *p;
	size_t errlen = c->errlen, eil, ctl, n;
	uint8_t *ei = NULL, *ct = NULL, md[64];
	struct tc *chk, *par, *dg, *id;
	int di;

	if (!eif || !ctf)
		ERR("an encrypted component needs \"encryption-info\" and \"encrypted-file\" (from suit-tool encrypt)");
	p = path_join(c->dir, eif);
	ei = tool_read_file("create", p, &eil);
	free(p);
	if (!ei)
		ERR("encryption-info file %s cannot be read", eif);
	chk = tc_decode(ei, eil, NULL);
	if (!chk || chk->type != TC_TAG || chk->u != 96) {
		tc_free(chk);
		ERR("%s is not a SUIT_Encryption_Info (COSE_Encrypt, tag 96)", eif);
	}
	tc_free(chk);
	p = path_join(c->dir, ctf);
	ct = tool_read_file("create", p, &ctl);
	free(p);
	if (!ct)
		ERR("encrypted file %s cannot be read", ctf);
	if (uri) {
		if (!json_is_string(uri) || !json_object_get(e, "download-id"))
			ERR("fetching an encrypted payload needs \"uri\" and \"download-id\"");
		id = cid_from(c, json_object_get(e, "download-id"), "download-id");
		if (!id)
			goto fail;
		di = comp_index(c, id, false);
		tc_free(id);
		setidx(c, install, di);
		par = tc_map();
		tool_hash(c->alg, ct, ctl, md, &n);
		dg = tc_array();
		tc_push(dg, tc_int(c->alg));
		tc_push(dg, tc_bstr(md, n));
		tc_put_i(par, 3, tc_wrap(dg));
		tc_put_i(par, 14, tc_uint(ctl));
		tc_put_i(par, 21, tc_tstr(json_string_value(uri)));
		cmd(install, 20, par);
		cmd(install, 21, tc_uint(c->dir_pol));
		cmd(install, 3, tc_uint(c->cond_pol));	/* ciphertext digest first */
		setidx(c, install, inst);
		par = tc_map();
		tc_put_i(par, 22, tc_uint(di));
		if (jbool(e, "overridable", false)) {
			struct tc *sp = tc_map();

			tc_put_i(sp, 19, tc_bstr(ei, eil));
			cmd(install, 20, par);
			cmd(install, 19, sp);
		} else {
			tc_put_i(par, 19, tc_bstr(ei, eil));
			cmd(install, 20, par);
		}
		cmd(install, 22, tc_uint(c->dir_pol));
	} else {
		setidx(c, install, inst);
		par = tc_map();
		tc_put_i(par, 18, tc_bstr(ct, ctl));
		if (jbool(e, "overridable", false)) {
			struct tc *sp = tc_map();

			tc_put_i(sp, 19, tc_bstr(ei, eil));
			cmd(install, 20, par);
			cmd(install, 19, sp);
		} else {
			tc_put_i(par, 19, tc_bstr(ei, eil));
			cmd(install, 20, par);
		}
		cmd(install, 18, tc_uint(c->dir_pol));
	}
	cmd(install, 3, tc_uint(c->cond_pol));
	free(ei);
	free(ct);
	return 0;
fail:
	free(ei);
	free(ct);
	return -1;
}

/*
 * Put the severable member @w (a wrapped sequence or text) under @key: in
 * the manifest, or severed: its digest there and @w in the envelope.
 */
static void put_member(struct tc *man, struct tc *envm, int key,
		       struct tc *w, bool sev, int digest_alg)
{
	if (sev) {
		tc_put_i(man, key, tool_digest_of_item(w, digest_alg));
		tc_put_i(envm, key, w);
	} else {
		tc_put_i(man, key, w);
	}
}

int tool_compile(const json_t *desc, const char *dir, int digest_alg,
		 bool severed, struct tc **env_map, char *err, size_t errlen)
{
	struct cctx c = { .dir = dir, .alg = digest_alg, .cond_pol = 15, .dir_pol = 2,
			  .err = err, .errlen = errlen };
	const json_t *comps = json_object_get(desc, "components"), *e, *v;
	struct group g[MAXC];
	size_t ng = 0, i, k;
	struct tc *man = tc_map(), *common = tc_map(), *shared = tc_array(),
		  *validate = tc_array(), *load = tc_array(), *invoke = tc_array(),
		  *fetch = tc_array(), *install = tc_array(), *text = tc_map(), *cl, *id,
		  *envm = tc_map(), *deps_map = tc_map();
	const json_t *deps_j;
	int dep_idx[MAXC];
	uint64_t seq;
	bool sev;

	c.env = envm;
	memset(g, 0, sizeof(g));
	if (!json_is_array(comps) || !json_array_size(comps))
		ERR("\"components\" must be a non-empty array");
	v = json_object_get(desc, "manifest-version");
	if (v && (!json_is_integer(v) || json_integer_value(v) != 1))
		ERR("manifest-version must be 1");
	v = json_object_get(desc, "manifest-sequence-number");
	if (!v)
		ERR("manifest-sequence-number is required");
	if (parse_u64(v, &seq))
		ERR("manifest-sequence-number does not fit an unsigned 64-bit integer");
	v = json_object_get(desc, "condition-report-policy");
	if (v)
		c.cond_pol = json_integer_value(v);
	v = json_object_get(desc, "directive-report-policy");
	if (v)
		c.dir_pol = json_integer_value(v);

	/* components: install ids, then download ids, then load ids */
	json_array_foreach(comps, i, e) {
		int idx;

		if (!json_is_object(e))
			ERR("component %zu is not an object", i);
		if (json_object_get(e, "offset"))
			ERR("component %zu: \"offset\" (component-offset of draft -09) does not exist in the current draft; A/B images use \"slot\"",
			    i);
		id = cid_from(&c, json_object_get(e, "install-id"), "install-id");
		if (!id)
			goto fail;
		idx = comp_index(&c, id, false);
		if (idx >= 0) {
			for (k = 0; k < ng; k++)
				if (g[k].idx == idx)
					break;
			if (!json_object_get(e, "slot") || !json_object_get(g[k].e[0], "slot") ||
			    g[k].ne == SUIT_TOOL_ARRAY(g[k].e)) {
				tc_free(id);
				ERR("duplicate component id in component %zu (two images for one component need distinct \"slot\"s)",
				    i);
			}
			g[k].e[g[k].ne++] = e;
		} else {
			idx = comp_index(&c, id, true);
			if (idx < 0) {
				tc_free(id);
				ERR("too many components");
			}
			g[ng].idx = idx;
			g[ng].e[g[ng].ne++] = e;
			ng++;
		}
		tc_free(id);
	}
	json_array_foreach(comps, i, e) {
		if (json_object_get(e, "download-id") && (!jbool(e, "install-on-download", true) ||
							  json_object_get(e, "encryption-info"))) {
			id = cid_from(&c, json_object_get(e, "download-id"), "download-id");
			if (!id)
				goto fail;
			if (comp_index(&c, id, false) >= 0) {
				tc_free(id);
				ERR("duplicate component id (download-id of component %zu)", i);
			}
			comp_index(&c, id, true);
			tc_free(id);
		}
	}
	json_array_foreach(comps, i, e) {
		if (json_object_get(e, "load-id") && jbool(e, "loadable", true)) {
			id = cid_from(&c, json_object_get(e, "load-id"), "load-id");
			if (!id)
				goto fail;
			if (comp_index(&c, id, false) >= 0) {
				tc_free(id);
				ERR("duplicate component id (load-id of component %zu)", i);
			}
			comp_index(&c, id, true);
			tc_free(id);
		}
	}

	deps_j = json_object_get(desc, "dependencies");
	if (deps_j && (!json_is_array(deps_j) || json_array_size(deps_j) > MAXC))
		ERR("\"dependencies\" must be an array");
	json_array_foreach(deps_j, i, e) {
		const char *f = json_string_value(json_object_get(e, "envelope"));
		const char *idt = json_string_value(json_object_get(e, "id"));
		const char *b;

		if (!f)	/* the suit-manifest-generator's name */
			f = json_string_value(json_object_get(e, "file"));
		if (!f)
			ERR("dependency %zu: \"envelope\" (a signed envelope file) is required", i);
		b = strrchr(f, '/');
		if (!idt)
			idt = b ? b + 1 : f;
		id = tc_array();
		tc_push(id, tc_bstr(idt, strlen(idt)));
		if (comp_index(&c, id, false) >= 0) {
			tc_free(id);
			ERR("duplicate component id (dependency %s)", idt);
		}
		dep_idx[i] = comp_index(&c, id, true);
		tc_free(id);
		if (dep_idx[i] < 0)
			ERR("too many components");
	}

	for (k = 0; k < ng; k++) {
		const json_t *e0 = g[k].e[0];
		struct tc *p = tc_map(), *vid, *cid, *dg, *sz;
		bool slots = g[k].ne > 1 || json_object_get(e0, "slot");
		uint8_t vns[16];

		setidx(&c, shared, g[k].idx);
		vid = uuid_param(&c, e0, "vendor-id", "vendor-domain", NULL);
		if (!vid && json_object_get(e0, "vendor-id")) {
			tc_free(p);
			goto fail;
		}
		if (vid) {
			memcpy(vns, vid->bytes, 16);
			tc_put_i(p, 1, vid);
		}
		cid = uuid_param(&c, e0, "class-id", "model-info", vid ? vns : NULL);
		if (!cid && json_object_get(e0, "class-id")) {
			tc_free(p);
			goto fail;
		}
		if (cid)
			tc_put_i(p, 2, cid);
		if (!slots) {
			uint8_t *data = NULL;
			size_t dlen = 0;

			if (digest_size(&c, e0, "install", &dg, &sz, &data, &dlen)) {
				tc_free(p);
				goto fail;
			}
			if (dg)
				tc_put_i(p, 3, dg);
			if (sz)
				tc_put_i(p, 14, sz);
			if (data && jbool(e0, "integrated", false)) {
				const char *f = json_string_value(json_object_get(e0, "file"));
				const char *b = strrchr(f, '/');
				char *name = xmalloc(strlen(f) + 2);

				sprintf(name, "#%s", b ? b + 1 : f);
				tc_put(envm, tc_tstr(name), tc_bstr(data, dlen));
				free(name);
			}
			free(data);
		}
		if (tc_map_pairs(p))
			cmd(shared, 20, p);
		else
			tc_free(p);
		if (slots) {
			struct tc *te = tc_array();

			for (i = 0; i < g[k].ne; i++) {
				struct tc *b = tc_array(), *sp = tc_map(), *dp = tc_map();
				uint64_t slot;

				if (parse_u64(json_object_get(g[k].e[i], "slot"), &slot)) {
					tc_free(b);
					tc_free(sp);
					tc_free(dp);
					tc_free(te);
					ERR("\"slot\" must be an unsigned integer");
				}
				tc_put_i(sp, 5, tc_uint(slot));
				cmd(b, 20, sp);
				cmd(b, 5, tc_uint(5));
				if (digest_size(&c, g[k].e[i], "install", &dg, &sz, NULL, NULL)) {
					tc_free(b);
					tc_free(dp);
					tc_free(te);
					goto fail;
				}
				if (dg)
					tc_put_i(dp, 3, dg);
				if (sz)
					tc_put_i(dp, 14, sz);
				cmd(b, 20, dp);
				tc_push(te, tc_wrap(b));
			}
			cmd(shared, 15, te);
		}
		if (vid)
			cmd(shared, 1, tc_uint(c.cond_pol));
		if (cid)
			cmd(shared, 2, tc_uint(c.cond_pol));

		/* validate */
		setidx(&c, validate, g[k].idx);
		cmd(validate, 3, tc_uint(c.cond_pol));

		/* load */
		if (json_object_get(e0, "load-id") && jbool(e0, "loadable", true)) {
			struct tc *lp = tc_map();
			int li;

			id = cid_from(&c, json_object_get(e0, "load-id"), "load-id");
			li = comp_index(&c, id, false);
			tc_free(id);
			setidx(&c, load, li);
			if (digest_size(&c, e0, "load", &dg, &sz, NULL, NULL)) {
				tc_free(lp);
				goto fail;
			}
			if (dg)
				tc_put_i(lp, 3, dg);
			if (sz)
				tc_put_i(lp, 14, sz);
			tc_put_i(lp, 22, tc_uint(g[k].idx));
			cmd(load, 20, lp);
			cmd(load, 22, tc_uint(c.dir_pol));
			cmd(load, 3, tc_uint(c.cond_pol));
			if (jbool(e0, "bootable", false)) {
				setidx(&c, invoke, li);
				cmd(invoke, 23, tc_uint(c.dir_pol));
			}
		} else if (jbool(e0, "bootable", false) && !slots) {
			/* A/B groups: no invoke, as the reference generator */
			setidx(&c, invoke, g[k].idx);
			cmd(invoke, 23, tc_uint(c.dir_pol));
		}

		/* update-management pre-conditions, checked before installing */
		if (update_conditions(&c, e0, g[k].idx, install))
			goto fail;

		/* payload fetch + install */
		if (json_object_get(e0, "encryption-info")) {
			if (encrypted_install(&c, e0, g[k].idx, install))
				goto fail;
		} else if (json_object_get(e0, "download-id") && !jbool(e0, "install-on-download", true)) {
			struct tc *fp = tc_map(), *ip = tc_map();
			int di;

			id = cid_from(&c, json_object_get(e0, "download-id"), "download-id");
			di = comp_index(&c, id, false);
			tc_free(id);
			setidx(&c, fetch, di);
			if (digest_size(&c, e0, "download", &dg, &sz, NULL, NULL)) {
				tc_free(fp);
				tc_free(ip);
				goto fail;
			}
			if (dg)
				tc_put_i(fp, 3, dg);
			tc_free(sz);
			if (json_is_string(json_object_get(e0, "uri")))
				tc_put_i(fp, 21, tc_tstr(json_string_value(json_object_get(e0, "uri"))));
			cmd(fetch, 20, fp);
			cmd(fetch, 21, tc_uint(c.dir_pol));
			cmd(fetch, 3, tc_uint(c.cond_pol));
			setidx(&c, install, g[k].idx);
			tc_put_i(ip, 22, tc_uint(di));
			cmd(install, 20, ip);
			cmd(install, 22, tc_uint(c.dir_pol));
			cmd(install, 3, tc_uint(c.cond_pol));
		} else if (slots && json_object_get(e0, "uri")) {
			struct tc *te = tc_array();

			setidx(&c, install, g[k].idx);
			for (i = 0; i < g[k].ne; i++) {
				struct tc *b = tc_array(), *sp = tc_map(), *up = tc_map();
				const json_t *u = json_object_get(g[k].e[i], "uri");
				uint64_t slot = 0;

				parse_u64(json_object_get(g[k].e[i], "slot"), &slot);
				tc_put_i(sp, 5, tc_uint(slot));
				cmd(b, 20, sp);
				cmd(b, 5, tc_uint(5));
				if (!json_is_string(u)) {
					tc_free(b);
					tc_free(up);
					tc_free(te);
					ERR("every slot needs a \"uri\"");
				}
				tc_put_i(up, 21, tc_tstr(json_string_value(u)));
				cmd(b, 20, up);
				tc_push(te, tc_wrap(b));
			}
			cmd(install, 15, te);
			cmd(install, 21, tc_uint(c.dir_pol));
			cmd(install, 3, tc_uint(c.cond_pol));
		} else if (json_is_string(json_object_get(e0, "uri")) ||
			   jbool(e0, "integrated", false)) {
			struct tc *up = tc_map();

			setidx(&c, install, g[k].idx);
			if (jbool(e0, "integrated", false)) {
				const char *f = json_string_value(json_object_get(e0, "file"));
				const char *b = f ? strrchr(f, '/') : NULL;
				char *name;

				if (!f) {
					tc_free(up);
					ERR("an integrated payload needs \"file\"");
				}
				name = xmalloc(strlen(f) + 2);
				sprintf(name, "#%s", b ? b + 1 : f);
				tc_put_i(up, 21, tc_tstr(name));
				free(name);
			} else {
				tc_put_i(up, 21, tc_tstr(json_string_value(json_object_get(e0, "uri"))));
			}
			cmd(install, 20, up);
			cmd(install, 21, tc_uint(c.dir_pol));
			cmd(install, 3, tc_uint(c.cond_pol));
		}
		v = json_object_get(e0, "description");
		if (v) {
			struct tc *cidv = tc_dup(c.ids[g[k].idx]);

			if (add_text(&c, text, v, cidv)) {
				tc_free(cidv);
				goto fail;
			}
			tc_free(cidv);
		}
	}

	/* dependencies (draft-ietf-suit-trust-domains) */
	json_array_foreach(deps_j, i, e) {
		if (add_dependency(&c, e, dep_idx[i], deps_map, validate, invoke, install))
			goto fail;
	}

	/* manifest */
	cl = tc_array();
	for (i = 0; i < c.n; i++)
		tc_push(cl, tc_dup(c.ids[i]));
	if (tc_map_pairs(deps_map)) {
		tc_put_i(common, 1, deps_map);
		deps_map = NULL;
	}
	tc_put_i(common, 2, cl);
	tc_put_i(common, 4, tc_wrap(shared));
	shared = NULL;
	tc_put_i(man, 1, tc_uint(1));
	tc_put_i(man, 2, tc_uint(seq));
	tc_put_i(man, 3, tc_wrap(common));
	common = NULL;
	v = json_object_get(desc, "reference-uri");
	if (v) {
		if (!json_is_string(v))
			ERR("reference-uri must be a string");
		tc_put_i(man, 4, tc_tstr(json_string_value(v)));
	}
	v = json_object_get(desc, "set-version");
	if (v) {
		struct tc *sv = int_array(v);

		if (!sv)
			ERR("set-version: a non-empty array of integers");
		tc_put_i(man, 6, tc_wrap(sv));
	}
	tc_put_i(man, 7, tc_wrap(validate));
	validate = NULL;
	if (load->len) {
		tc_put_i(man, 8, tc_wrap(load));
		load = NULL;
	}
	if (invoke->len) {
		tc_put_i(man, 9, tc_wrap(invoke));
		invoke = NULL;
	}
	v = json_object_get(desc, "description");
	if (v && add_text(&c, text, v, NULL))
		goto fail;
	sev = severed || jbool(desc, "severable", false);
	if (fetch->len) {
		put_member(man, envm, 16, tc_wrap(fetch), sev, digest_alg);
		fetch = NULL;
	}
	if (install->len) {
		put_member(man, envm, 20, tc_wrap(install), sev, digest_alg);
		install = NULL;
	}
	if (text->len) {
		put_member(man, envm, 23, tc_wrap(text), sev, digest_alg);
		text = NULL;
	}
	tc_put_i(envm, 3, tc_wrap(man));
	man = NULL;
	*env_map = envm;
	envm = NULL;
	for (i = 0; i < c.n; i++)
		tc_free(c.ids[i]);
	tc_free(text);
	tc_free(fetch);
	tc_free(install);
	tc_free(load);
	tc_free(invoke);
	tc_free(deps_map);
	return 0;
fail:
	tc_free(deps_map);
	for (i = 0; i < c.n; i++)
		tc_free(c.ids[i]);
	tc_free(man);
	tc_free(common);
	tc_free(shared);
	tc_free(validate);
	tc_free(load);
	tc_free(invoke);
	tc_free(fetch);
	tc_free(install);
	tc_free(text);
	tc_free(envm);
	return -1;
}
