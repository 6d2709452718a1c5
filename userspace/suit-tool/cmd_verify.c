// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool verify: authenticate an envelope against trust anchors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <suit/cose.h>

#include "keystore.h"
#include "ossl_crypto.h"
#include "tool_cose.h"
#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAX_TRUST 16

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool verify -e ENVELOPE --trust FILE [--trust FILE...] [--all]\n"
		"\n"
		"Authenticate ENVELOPE only (no command is run): check that the\n"
		"SUIT_Digest of the authentication wrapper matches the manifest, then\n"
		"verify its COSE_Sign1, COSE_Sign (each signature) and COSE_Mac0 blocks\n"
		"over the bstr-wrapped digest with the trust anchors: DER/PEM X.509\n"
		"certificates (SubjectKeyIdentifier = kid), PEM/DER public or private\n"
		"keys, COSE_Keys, raw or hex HMAC secrets. A trust anchor with a kid\n"
		"(certificate SKI, COSE_Key kid) is used only for blocks with that kid\n"
		"or with none.\n"
		"\n"
		"  -q      print nothing; only the exit status tells\n"
		"  --no-lib  skip the second check by lib's suit_cose_authenticate()\n"
		"          (the processor's code, with the userspace key store; by\n"
		"          default both must accept)\n"
		"  -r, --recursive  also authenticate the envelopes integrated in this\n"
		"          one (integrated dependencies), with the same trust anchors\n"
		"  --all   require every block (every COSE_Sign signature) to verify;\n"
		"          default: at least one\n"
		"\n"
		"Exit status: 0 authentic; 1 digest mismatch, no block verified, or\n"
		"unsigned; 2 usage error or unreadable input.\n");
}

static const struct tc *hdr_get(const struct tc *prot_bstr, const struct tc *unprot,
				int64_t label, struct tc **tmp)
{
	const struct tc *v;

	*tmp = NULL;
	if (prot_bstr && prot_bstr->type == TC_BSTR && prot_bstr->len) {
		*tmp = tc_decode(prot_bstr->bytes, prot_bstr->len, NULL);
		v = tc_map_get_i(*tmp, label);
		if (v)
			return v;
	}
	return tc_map_get_i(unprot, label);
}

/* verify one signer/MAC: returns index of the trust anchor or -1 */
static int check_one(struct tool_key *ks, int nks, const char *ctx,
		     const struct tc *body_prot, const struct tc *sign_prot,
		     const struct tc *unprot, const struct tc *payload,
		     const struct tc *sig, int *alg_out, char *kidhex, size_t kidcap)
{
	struct tc *t1, *t2;
	const struct tc *algv = hdr_get(sign_prot ? sign_prot : body_prot, unprot, 1, &t1);
	const struct tc *kid = hdr_get(sign_prot ? sign_prot : body_prot, unprot, 4, &t2);
	struct tbuf tbs;
	int alg, i, found = -1;

	kidhex[0] = 0;
	if (kid && kid->type == TC_BSTR) {
		char *h = tool_hex(kid->bytes, kid->len);

		snprintf(kidhex, kidcap, "%s", h);
		free(h);
	}
	if (!algv || !tc_is_int(algv) || !sig || sig->type != TC_BSTR) {
		tc_free(t1);
		tc_free(t2);
		*alg_out = 0;
		return -1;
	}
	alg = (int)tc_get_int(algv);
	*alg_out = alg;
	tbs = tool_tbs(ctx, body_prot, sign_prot, payload);
	for (i = 0; i < nks && found < 0; i++) {
		if (kid && kid->type == TC_BSTR && ks[i].kid_explicit &&
		    (kid->len != ks[i].kid_len || memcmp(kid->bytes, ks[i].kid, kid->len)))
			continue;
		if (!strcmp(ctx, "MAC0")) {
			uint8_t mac[64];
			size_t ml;

			if (ks[i].kind == TK_SECRET &&
			    !tool_hmac(ks[i].secret, ks[i].secret_len, alg, tbs.p, tbs.len, mac, &ml) &&
			    ml == sig->len && !CRYPTO_memcmp(mac, sig->bytes, ml))
				found = i;
		} else if (!tool_verify_raw(&ks[i], alg, tbs.p, tbs.len, sig->bytes, sig->len)) {
			found = i;
		}
	}
	tb_free(&tbs);
	tc_free(t1);
	tc_free(t2);
	return found;
}

/*
 * The processor's own check: lib's suit_cose_authenticate() with the
 * userspace/common OpenSSL ops and key store. Returns its result.
 */
static int lib_verify(const char **trust, const struct tool_key *ks, int nt,
		      const struct tc *env_map)
{
	struct suit_keystore *store = suit_keystore_new();
	struct suit_platform_ops ops;
	struct suit_ossl o = { .keys = store };
	struct suit_platform plat = { .ops = &ops, .priv = &o, .max_components = 32 };
	struct suit_auth_result res;
	const struct tc *w = tc_map_get_i(env_map, 2);
	struct tbuf man = { 0 };
	int i, r;

	memset(&ops, 0, sizeof(ops));
	if (!store)
		return -ENOMEM;
	suit_ossl_fill_ops(&ops);
	for (i = 0; i < nt; i++) {
		if (ks[i].kind == TK_HSS)
			r = suit_keystore_add_secret(store, SUIT_KEY_HSS_LMS_PUB, ks[i].secret,
						     ks[i].secret_len, NULL, 0);
		else
			r = suit_keystore_add_file(store, trust[i]);
		if (r < 0)
			printf("lib key store: %s not accepted (%d)\n", trust[i], r);
	}
	tc_encode(&man, tc_map_get_i(env_map, 3));
	r = suit_cose_authenticate(&plat, (struct suit_buf){ w->bytes, w->len },
				   (struct suit_buf){ man.p, man.len }, &res);
	printf("lib suit_cose_authenticate: %d (%u of %u blocks verified)\n", r,
	       res.verified, res.blocks);
	tb_free(&man);
	suit_keystore_free(store);
	return r;
}

/* Authenticate one envelope map; prints per block. Returns 0 or 1. */
static int verify_map(const struct tc *map, struct tool_key *ks, const char **trust,
		      int nt, bool all, bool no_lib)
{
	struct tc *auth = NULL, *d = NULL, *old = NULL;
	int r, ok = 0, bad = 0, alg, idx;
	char kidhex[160];
	size_t b, s;

	r = SUIT_EXIT_FAILED;
	if (tool_auth_get(map, &auth)) {
		printf("no authentication wrapper\n");
		goto out;
	}
	old = tc_decode(auth->items[0]->bytes, auth->items[0]->len, NULL);
	if (old && old->type == TC_ARRAY && old->len >= 2 && tc_is_int(old->items[0]))
		d = tool_digest_of_item(tc_map_get_i(map, 3), (int)tc_get_int(old->items[0]));
	if (!d || !tc_equal(old, d)) {
		printf("digest: MISMATCH (or unsupported digest algorithm)\n");
		goto out;
	}
	printf("digest: OK (%s)\n", tool_name_of(tool_alg_names, tc_get_int(old->items[0])));
	if (auth->len < 2) {
		printf("no authentication block (unsigned envelope)\n");
		goto out;
	}
	for (b = 1; b < auth->len; b++) {
		struct tc *blk = auth->items[b]->type == TC_BSTR ?
			tc_decode(auth->items[b]->bytes, auth->items[b]->len, NULL) : NULL;
		struct tc *arr = blk && blk->type == TC_TAG ? blk->items[0] : NULL;

		if (!arr || arr->type != TC_ARRAY || arr->len < 4 ||
		    (blk->u != 18 && blk->u != 17 && blk->u != 98)) {
			printf("block %zu: unsupported or malformed COSE structure\n", b);
			bad++;
			tc_free(blk);
			continue;
		}
		if (blk->u == 98) {
			struct tc *sigs = arr->items[3];

			for (s = 0; sigs->type == TC_ARRAY && s < sigs->len; s++) {
				struct tc *sg = sigs->items[s];

				if (sg->type != TC_ARRAY || sg->len != 3) {
					bad++;
					continue;
				}
				idx = check_one(ks, nt, "Signature", arr->items[0], sg->items[0],
						sg->items[1], auth->items[0], sg->items[2], &alg,
						kidhex, sizeof(kidhex));
				printf("block %zu: COSE_Sign signature %zu %s kid %s: %s%s\n", b, s,
				       tool_name_of(tool_alg_names, alg) ?: "?",
				       kidhex[0] ? kidhex : "-", idx >= 0 ? "OK with " : "FAILED",
				       idx >= 0 ? trust[idx] : "");
				if (idx >= 0)
					ok++;
				else
					bad++;
			}
		} else {
			idx = check_one(ks, nt, blk->u == 17 ? "MAC0" : "Signature1", arr->items[0],
					NULL, arr->items[1], auth->items[0], arr->items[3], &alg,
					kidhex, sizeof(kidhex));
			printf("block %zu: %s %s kid %s: %s%s\n", b,
			       blk->u == 17 ? "COSE_Mac0" : "COSE_Sign1",
			       tool_name_of(tool_alg_names, alg) ?: "?", kidhex[0] ? kidhex : "-",
			       idx >= 0 ? "OK with " : "FAILED", idx >= 0 ? trust[idx] : "");
			if (idx >= 0)
				ok++;
			else
				bad++;
		}
		tc_free(blk);
	}
	r = ok && (!all || !bad) ? SUIT_EXIT_OK : SUIT_EXIT_FAILED;
	if (!no_lib) {
		int lr = lib_verify(trust, ks, nt, map);

		if (!lr != !r && !all)
			printf("DISAGREEMENT between suit-tool's check and lib's\n");
		if (lr)
			r = SUIT_EXIT_FAILED;
	}
	printf("%s\n", r ? "NOT AUTHENTIC" : "AUTHENTIC");
out:
	tc_free(old);
	tc_free(d);
	tc_free(auth);
	return r;
}

int cmd_verify(int argc, char **argv)
{
	const char *in = NULL, *trust[MAX_TRUST], *v;
	struct tool_key ks[MAX_TRUST];
	int nt = 0, i, r = SUIT_EXIT_USAGE;
	bool all = false, no_lib = false, recursive = false;
	struct tool_env env = { 0 };

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-e", &v) ||
			   tool_opt(argc, argv, &i, "--envelope", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "--trust", &v) ||
			   tool_opt(argc, argv, &i, "-t", &v)) {
			if (nt == MAX_TRUST) {
				tool_err("verify", "at most %d trust anchors", MAX_TRUST);
				return SUIT_EXIT_USAGE;
			}
			trust[nt++] = v;
		} else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
			if (!freopen("/dev/null", "w", stdout))
				return SUIT_EXIT_USAGE;
		} else if (!strcmp(argv[i], "--recursive") || !strcmp(argv[i], "-r")) {
			recursive = true;
		} else if (!strcmp(argv[i], "--no-lib")) {
			no_lib = true;
		} else if (!strcmp(argv[i], "--all")) {
			all = true;
		} else if (!in && argv[i][0] != '-') {
			in = argv[i];
		} else {
			tool_err("verify", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !nt) {
		tool_err("verify", "need an envelope and at least one --trust");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	memset(ks, 0, sizeof(ks));
	for (i = 0; i < nt; i++)
		if (tool_key_load("verify", trust[i], &ks[i]))
			goto out;
	r = tool_env_load("verify", in, &env);
	if (r)
		goto out;
	r = verify_map(env.map, ks, trust, nt, all, no_lib);
	if (recursive) {
		size_t k;

		for (k = 0; k + 1 < env.map->len; k += 2) {
			const struct tc *key = env.map->items[k], *val = env.map->items[k + 1];
			struct tc *in;

			if (key->type != TC_TSTR || val->type != TC_BSTR)
				continue;
			in = tc_decode(val->bytes, val->len, NULL);
			if (in && in->type == TC_TAG && in->u == 107 && in->items[0]->type == TC_MAP &&
			    tc_map_get_i(in->items[0], 3)) {
				printf("== integrated envelope \"%s\"\n", (const char *)key->bytes);
				if (verify_map(in->items[0], ks, trust, nt, all, no_lib))
					r = SUIT_EXIT_FAILED;
			}
			tc_free(in);
		}
	}
out:
	tool_env_free(&env);
	for (i = 0; i < nt; i++)
		tool_key_free(&ks[i]);
	return r;
}
