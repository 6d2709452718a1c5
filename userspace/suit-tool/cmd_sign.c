// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-tool sign: add or replace the COSE authentication blocks of an
 * envelope. The manifest bytes are never touched: the blocks sign the
 * bstr-wrapped SUIT_Digest held in the authentication wrapper (detached
 * payload), which is recomputed and checked first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_cose.h"
#include "tool_env.h"
#include "tool_names.h"
#include "tool_util.h"

#define MAX_KEYS 8

static void usage(FILE *f)
{
	fprintf(f,
		"usage: suit-tool sign -e ENVELOPE -k KEY [-k KEY...] -o OUTPUT\n"
		"                      [--alg ALG] [--kid HEX|--kid-text STR|--no-kid]\n"
		"                      [--add] [--multi]\n"
		"\n"
		"Authenticate the manifest of ENVELOPE. One key gives a COSE_Sign1 (P-256,\n"
		"Ed25519 keys) or a COSE_Mac0 (HMAC 256/256, a 32-byte secret); --multi\n"
		"with several asymmetric keys gives one COSE_Sign with a signature each.\n"
		"Several -k without --multi give one block per key. An HSS-LMS key\n"
		"gives a COSE_Sign1 with alg -46.\n"
		"\n"
		"  --alg ALG    ESP256 (P-256 default), ES256, Ed25519 (default), EdDSA,\n"
		"               HMAC-256/256, HSS-LMS (HSS key from `keygen -t hss-lms`;\n"
		"               each signature consumes one-time keys: the state file\n"
		"               KEY.state is advanced before signing)\n"
		"  --kid HEX    key id in the unprotected header (default: the kid of the\n"
		"               key file: COSE_Key kid, or RFC 7093 method 1 for public\n"
		"               keys, the SubjectKeyIdentifier `anchor` writes)\n"
		"  --no-kid     no kid header\n"
		"  --add        keep the existing blocks and append (default: replace)\n"
		"\n"
		"The signed structure is [\"Signature1\", protected, h'', bstr-wrapped\n"
		"SUIT_Digest] (MAC0/Signature likewise); ECDSA signatures are r||s.\n"
		"Exit status: 0 written; 1 the wrapper's digest does not match the\n"
		"manifest; 2 usage error, wrong key type or write failure (nothing written).\n");
}

static struct tc *sign1(const struct tool_key *k, int alg, const struct tc *payload,
			const uint8_t *kid, size_t kid_len)
{
	struct tc *ph = tc_map(), *prot, *unprot = tc_map(), *arr;
	struct tbuf tbs;
	uint8_t *sig = xmalloc(TOOL_MAX_SIG);
	size_t sl;
	int r;

	tc_put_i(ph, 1, tc_int(alg));
	prot = tc_wrap(ph);
	if (kid_len)
		tc_put_i(unprot, 4, tc_bstr(kid, kid_len));
	tbs = tool_tbs(k->kind == TK_SECRET ? "MAC0" : "Signature1", prot, NULL, payload);
	if (k->kind == TK_SECRET)
		r = tool_hmac(k->secret, k->secret_len, alg, tbs.p, tbs.len, sig, &sl);
	else
		r = tool_sign_raw(k, alg, tbs.p, tbs.len, sig, &sl);
	tb_free(&tbs);
	if (r) {
		free(sig);
		tc_free(prot);
		tc_free(unprot);
		return NULL;
	}
	arr = tc_array();
	tc_push(arr, prot);
	tc_push(arr, unprot);
	tc_push(arr, tc_simple(TC_NULL));
	tc_push(arr, tc_bstr(sig, sl));
	free(sig);
	return tc_tag(k->kind == TK_SECRET ? 17 : 18, arr);
}

static bool alg_fits(const struct tool_key *k, int alg)
{
	switch (k->kind) {
	case TK_P256: return alg == -7 || alg == -9;
	case TK_ED25519: return alg == -8 || alg == -19;
	case TK_SECRET: return alg == 5 && k->secret_len == 32;
	case TK_HSS: return alg == -46 && k->priv;
	default: return false;
	}
}

int cmd_sign(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *alg_name = NULL, *keyf[MAX_KEYS], *v;
	struct tool_key keys[MAX_KEYS];
	int nkeys = 0, i, r = SUIT_EXIT_USAGE, alg[MAX_KEYS];
	bool add = false, multi = false, no_kid = false;
	uint8_t kid[64];
	long kid_len = -1;
	struct tool_env env = { 0 };
	struct tc *auth = NULL, *newauth, *d, *blk;
	int64_t a;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return SUIT_EXIT_OK;
		} else if (tool_opt(argc, argv, &i, "-e", &v) ||
			   tool_opt(argc, argv, &i, "--envelope", &v)) {
			in = v;
		} else if (tool_opt(argc, argv, &i, "-o", &v) ||
			   tool_opt(argc, argv, &i, "--output", &v)) {
			out = v;
		} else if (tool_opt(argc, argv, &i, "-k", &v) ||
			   tool_opt(argc, argv, &i, "--key", &v)) {
			if (nkeys == MAX_KEYS) {
				tool_err("sign", "at most %d keys", MAX_KEYS);
				return SUIT_EXIT_USAGE;
			}
			keyf[nkeys++] = v;
		} else if (tool_opt(argc, argv, &i, "--alg", &v)) {
			alg_name = v;
		} else if (tool_opt(argc, argv, &i, "--kid", &v)) {
			kid_len = tool_unhex(v, kid, sizeof(kid));
			if (kid_len < 0) {
				tool_err("sign", "--kid needs hex");
				return SUIT_EXIT_USAGE;
			}
		} else if (tool_opt(argc, argv, &i, "--kid-text", &v)) {
			kid_len = strlen(v) > sizeof(kid) ? sizeof(kid) : strlen(v);
			memcpy(kid, v, kid_len);
		} else if (!strcmp(argv[i], "--no-kid")) {
			no_kid = true;
		} else if (!strcmp(argv[i], "--add")) {
			add = true;
		} else if (!strcmp(argv[i], "--multi")) {
			multi = true;
		} else {
			tool_err("sign", "unexpected argument %s", argv[i]);
			usage(stderr);
			return SUIT_EXIT_USAGE;
		}
	}
	if (!in || !out || !nkeys) {
		tool_err("sign", "need --envelope, --key and --output");
		usage(stderr);
		return SUIT_EXIT_USAGE;
	}
	memset(keys, 0, sizeof(keys));
	for (i = 0; i < nkeys; i++) {
		if (tool_key_load("sign", keyf[i], &keys[i]))
			goto out;
		if (!keys[i].priv) {
			tool_err("sign", "%s: a public key cannot sign", keyf[i]);
			goto out;
		}
		alg[i] = tool_default_alg(&keys[i]);
		if (alg_name) {
			if (tool_code_of(tool_alg_names, alg_name, &a)) {
				tool_err("sign", "unknown algorithm %s", alg_name);
				goto out;
			}
			alg[i] = (int)a;
		}
		if (!alg_fits(&keys[i], alg[i])) {
			tool_err("sign", "%s: key type does not fit algorithm %s", keyf[i],
				 tool_name_of(tool_alg_names, alg[i]) ?: "?");
			goto out;
		}
		if (multi && keys[i].kind == TK_SECRET) {
			tool_err("sign", "--multi (COSE_Sign) takes signature keys only");
			goto out;
		}
	}
	r = tool_env_load("sign", in, &env);
	if (r)
		goto out;
	r = SUIT_EXIT_USAGE;
	/* recompute and check the digest */
	if (tool_auth_get(env.map, &auth)) {
		d = tool_digest_of_item(tc_map_get_i(env.map, 3), -16);
		auth = tc_array();
		tc_push(auth, tc_wrap(d));
	} else {
		struct tc *old = tc_decode(auth->items[0]->bytes, auth->items[0]->len, NULL);
		int dalg = old && old->type == TC_ARRAY && old->len == 2 &&
			   tc_is_int(old->items[0]) ? (int)tc_get_int(old->items[0]) : -16;

		d = tool_digest_of_item(tc_map_get_i(env.map, 3), dalg);
		if (!old || !d || !tc_equal(old, d)) {
			tool_err("sign", "%s: the authentication wrapper's digest does not match the manifest",
				 in);
			tc_free(old);
			tc_free(d);
			r = SUIT_EXIT_FAILED;
			goto out;
		}
		tc_free(old);
		tc_free(d);
	}
	newauth = tc_array();
	tc_push(newauth, tc_dup(auth->items[0]));
	if (add)
		for (i = 1; i < (int)auth->len; i++)
			tc_push(newauth, tc_dup(auth->items[i]));
	if (multi) {
		struct tc *sigs = tc_array(), *arr = tc_array(), *bprot = tc_bstr(NULL, 0);

		for (i = 0; i < nkeys; i++) {
			struct tc *ph = tc_map(), *prot, *un = tc_map(), *s;
			struct tbuf tbs;
			static uint8_t sig[TOOL_MAX_SIG];
			size_t sl;

			tc_put_i(ph, 1, tc_int(alg[i]));
			prot = tc_wrap(ph);
			if (!no_kid) {
				if (kid_len >= 0 && nkeys == 1)
					tc_put_i(un, 4, tc_bstr(kid, kid_len));
				else if (keys[i].kid_len)
					tc_put_i(un, 4, tc_bstr(keys[i].kid, keys[i].kid_len));
			}
			tbs = tool_tbs("Signature", bprot, prot, auth->items[0]);
			if (tool_sign_raw(&keys[i], alg[i], tbs.p, tbs.len, sig, &sl)) {
				tb_free(&tbs);
				tool_err("sign", "%s: signing failed", keyf[i]);
				tc_free(prot);
				tc_free(un);
				tc_free(sigs);
				tc_free(arr);
				tc_free(bprot);
				tc_free(newauth);
				goto out;
			}
			tb_free(&tbs);
			s = tc_array();
			tc_push(s, prot);
			tc_push(s, un);
			tc_push(s, tc_bstr(sig, sl));
			tc_push(sigs, s);
		}
		tc_push(arr, bprot);
		tc_push(arr, tc_map());
		tc_push(arr, tc_simple(TC_NULL));
		tc_push(arr, sigs);
		tc_push(newauth, tc_wrap(tc_tag(98, arr)));
	} else {
		for (i = 0; i < nkeys; i++) {
			const uint8_t *kp = keys[i].kid;
			size_t kl = keys[i].kid_len;

			if (kid_len >= 0) {
				kp = kid;
				kl = (size_t)kid_len;
			}
			if (no_kid)
				kl = 0;
			blk = sign1(&keys[i], alg[i], auth->items[0], kp, kl);
			if (!blk) {
				tool_err("sign", "%s: signing failed", keyf[i]);
				tc_free(newauth);
				goto out;
			}
			tc_push(newauth, tc_wrap(blk));
		}
	}
	tc_map_del_i(env.map, 2);
	tc_put_i(env.map, 2, tc_wrap(newauth));
	r = tool_env_save("sign", out, &env);
out:
	tc_free(auth);
	tool_env_free(&env);
	for (i = 0; i < nkeys; i++)
		tool_key_free(&keys[i]);
	return r;
}
