// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parse + verify benchmark: the cost of suit_cose_authenticate() (CBOR
 * parse of the authentication wrapper, SHA-256 of the manifest, COSE
 * Sig_structure, ECDSA P-256 verification through the OpenSSL platform
 * ops) per public signed envelope, against OpenSSL's bare ECDSA P-256
 * verification (EVP_DigestVerify) of the very same Sig_structure with the
 * very same key, measured in the same process.
 *
 *   bench time [ROUNDS [ITERS]]   wall-clock, prints NAME: VALUE lines
 *   bench instr [ITERS]           under valgrind --tool=callgrind
 *                                 --collect-atstart=no: one dump per vector
 *                                 and side, named "ours NAME" / "base NAME"
 *   bench list                    the vector names, one a line
 *
 * Vectors are read from $SUIT_VECTORS (default /work/shared/vectors).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_TOGGLE_COLLECT
#define CALLGRIND_DUMP_STATS_AT(s)	((void)(s))
#endif

#include <suit/cbor.h>
#include <suit/cose.h>
#include "ossl_crypto.h"

#ifdef PV_PROCESS
#include <suit/processor.h>

/*
 * suit_process() with a get_sequence op that stops it at the anti-rollback
 * check, i.e. right after the envelope has been authenticated and the
 * manifest parsed, before any command runs.
 */
static struct suit_processor proc;
static uint8_t chunk[4096];

static int stop_at_rollback(void *p, struct suit_buf id, uint64_t *seq)
{
	return -ECANCELED;
}

/* Every component exists (the benchmark never touches storage). */
static int any_component(void *p, struct suit_buf id, uint32_t *comp)
{
	*comp = 0;
	return 0;
}
#endif

#define IETF_PUB "suit-wg-manifest-spec/examples/derived/public_key.pem"
#define TAM_PUB "libcsuit-kentakayama/derived-keys/tam_es256_pub.pem"

struct vec {
	const char *name;
	const char *path;
	const char *key;
	/* filled at setup */
	uint8_t *env;
	size_t env_len;
	struct suit_buf auth, manifest;
	struct suit_keystore *ks;
	EVP_PKEY *pkey;
	uint8_t tbs[512];
	size_t tbs_len;
	uint8_t der[80];
	size_t der_len;
};

static struct vec vecs[] = {
	{ "example0", "suit-wg-manifest-spec/examples/derived/example0.signed.cbor", IETF_PUB },
	{ "example1", "suit-wg-manifest-spec/examples/derived/example1.signed.cbor", IETF_PUB },
	{ "example2", "suit-wg-manifest-spec/examples/derived/example2.signed.cbor", IETF_PUB },
	{ "example3", "suit-wg-manifest-spec/examples/derived/example3.signed.cbor", IETF_PUB },
	{ "example4", "suit-wg-manifest-spec/examples/derived/example4.signed.cbor", IETF_PUB },
	{ "example5", "suit-wg-manifest-spec/examples/derived/example5.signed.cbor", IETF_PUB },
	{ "es_ecdh_content", "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-es-ecdh-content.suit", IETF_PUB },
	{ "es_ecdh_dependency", "suit-wg-suit-firmware-encryption/examples/derived/suit-manifest-es-ecdh-dependency.suit", TAM_PUB },
	{ "td_example0", "suit-wg-suit-multiple-trust-domains/examples/derived/example0_dependent.suit", IETF_PUB },
	{ "td_example1", "suit-wg-suit-multiple-trust-domains/examples/derived/example1_process.suit", IETF_PUB },
	{ "td_example2", "suit-wg-suit-multiple-trust-domains/examples/derived/example2_integrated.suit", IETF_PUB },
	{ "libcsuit_expU", "libcsuit-kentakayama/testfiles/suit_manifest_expU.suit", IETF_PUB },
	{ "libcsuit_expD", "libcsuit-kentakayama/testfiles/suit_manifest_expD.suit", IETF_PUB },
	{ "libcsuit_expU3", "libcsuit-kentakayama/testfiles/suit_manifest_expU3.suit", IETF_PUB },
};

#define NVEC (sizeof(vecs) / sizeof(vecs[0]))

static struct suit_platform_ops ops;
static struct suit_ossl ossl;
static struct suit_platform plat = { .ops = &ops, .priv = &ossl };
static struct vec *capture_into;
static volatile int sink;

#ifdef PV_PROCESS
static struct suit_platform_ops pops;
static struct suit_platform pplat = {
	.ops = &pops, .priv = &ossl, .max_components = 8,
	.chunk = chunk, .chunk_len = sizeof(chunk),
};

static int process_once(const struct vec *v);
#endif

static const char *vpath(const char *rel)
{
	static char path[4096];
	const char *v = getenv("SUIT_VECTORS");

	snprintf(path, sizeof(path), "%s/%s", v && *v ? v : "/work/shared/vectors", rel);
	return path;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int split_envelope(struct vec *v)
{
	struct suit_cbor c, m;
	struct suit_cbor_item it;
	enum suit_cbor_type t;
	uint64_t tag, key;
	size_t pairs, i;

	if (suit_cbor_init_single(&c, v->env, v->env_len))
		return -1;
	if (!suit_cbor_peek_type(&c, &t) && t == SUIT_CBOR_TAG &&
	    (suit_cbor_get_tag(&c, &tag) || tag != 107))
		return -1;
	if (suit_cbor_enter_map(&c, &m, &pairs))
		return -1;
	for (i = 0; i < pairs; i++) {
		if (suit_cbor_peek_type(&m, &t))
			return -1;
		if (t != SUIT_CBOR_UINT) {
			suit_cbor_skip(&m);
			suit_cbor_skip(&m);
			continue;
		}
		suit_cbor_get_uint(&m, &key);
		if (suit_cbor_get(&m, &it))
			return -1;
		if (key == 2)
			v->auth = it.data;
		if (key == 3)
			v->manifest = it.raw;
	}
	return v->auth.ptr && v->manifest.ptr ? 0 : -1;
}

/* auth_verify wrapper used once at setup to capture the Sig_structure. */
static int capture_verify(void *p, const struct suit_auth_req *req)
{
	struct vec *v = capture_into;
	ECDSA_SIG *s = ECDSA_SIG_new();
	unsigned char *d = v->der;

	if (req->tbs.len <= sizeof(v->tbs) && req->sig.len == 64) {
		memcpy(v->tbs, req->tbs.ptr, req->tbs.len);
		v->tbs_len = req->tbs.len;
		ECDSA_SIG_set0(s, BN_bin2bn(req->sig.ptr, 32, NULL),
			       BN_bin2bn(req->sig.ptr + 32, 32, NULL));
		v->der_len = (size_t)i2d_ECDSA_SIG(s, &d);
	}
	ECDSA_SIG_free(s);
	return suit_ossl_auth_verify(p, req);
}

static int setup(void)
{
	struct suit_auth_result res;
	size_t i;

	suit_ossl_fill_ops(&ops);
#ifdef PV_PROCESS
	suit_ossl_fill_ops(&pops);
	pops.get_sequence = stop_at_rollback;
	pops.comp_lookup = any_component;
	suit_processor_init(&proc, &pplat);
#endif
	for (i = 0; i < NVEC; i++) {
		struct vec *v = &vecs[i];
		FILE *f;
		int ret;

		v->env = slurp(vpath(v->path), &v->env_len);
		if (!v->env || split_envelope(v)) {
			fprintf(stderr, "bench: cannot read %s\n", vpath(v->path));
			return -1;
		}
		v->ks = suit_keystore_new();
		if (suit_keystore_add_file(v->ks, vpath(v->key)) <= 0)
			return -1;
		f = fopen(vpath(v->key), "r");
		v->pkey = f ? PEM_read_PUBKEY(f, NULL, NULL, NULL) : NULL;
		if (f)
			fclose(f);
		if (!v->pkey)
			return -1;
		ossl.keys = v->ks;
		ops.auth_verify = capture_verify;
		capture_into = v;
		ret = suit_cose_authenticate(&plat, v->auth, v->manifest, &res);
		ops.auth_verify = suit_ossl_auth_verify;
		if (ret || !v->tbs_len || !v->der_len) {
			fprintf(stderr, "bench: %s does not authenticate (%d)\n", v->name, ret);
			return -1;
		}
#ifdef PV_PROCESS
		if (process_once(v)) {
			fprintf(stderr, "bench: suit_process() of %s does not reach the rollback check\n",
				v->name);
			return -1;
		}
#endif
	}
	return 0;
}

/* OpenSSL's bare ECDSA P-256 verification of the captured Sig_structure. */
static int bare_verify(const struct vec *v)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int r;

	r = EVP_DigestVerifyInit_ex(c, NULL, "SHA256", NULL, NULL, v->pkey, NULL);
	if (r == 1)
		r = EVP_DigestVerify(c, v->der, v->der_len, v->tbs, v->tbs_len);
	EVP_MD_CTX_free(c);
	return r == 1 ? 0 : -EBADMSG;
}

#ifdef PV_PROCESS
static int process_once(const struct vec *v)
{
	struct suit_result res;
	int ret;

	ossl.keys = v->ks;
	ret = suit_process(&proc, v->env, v->env_len, SUIT_PROC_UPDATE, &res);
	if (ret != -ECANCELED && getenv("PV_DEBUG"))
		fprintf(stderr, "suit_process: %d reason %d section %d\n", ret,
			res.reason, res.section);
	return ret == -ECANCELED ? 0 : -1;
}

__attribute__((noinline)) void run_proc(const struct vec *v, unsigned int n)
{
	while (n--)
		sink |= process_once(v);
}
#endif

static int ours(const struct vec *v)
{
	struct suit_auth_result res;

	ossl.keys = v->ks;
	return suit_cose_authenticate(&plat, v->auth, v->manifest, &res);
}

__attribute__((noinline)) void run_ours(const struct vec *v, unsigned int n)
{
	while (n--)
		sink |= ours(v);
}

__attribute__((noinline)) void run_base(const struct vec *v, unsigned int n)
{
	while (n--)
		sink |= bare_verify(v);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int bench_time(unsigned int rounds, unsigned int iters)
{
	double sum_o = 0, sum_b = 0, sum_p = 0, *to, *tb;
	size_t i;
	unsigned int r;

	to = calloc(rounds, sizeof(double));
	tb = calloc(rounds, sizeof(double));
	for (i = 0; i < NVEC; i++) {
		struct vec *v = &vecs[i];
		double mo, mb;

		run_ours(v, 20);	/* warm up */
		run_base(v, 20);
		for (r = 0; r < rounds; r++) {
			double t0 = now();

			/* alternate the order to cancel drift */
			if (r & 1) {
				run_base(v, iters);
				t0 = now() - t0;
				tb[r] = t0;
				t0 = now();
				run_ours(v, iters);
				to[r] = now() - t0;
			} else {
				run_ours(v, iters);
				to[r] = now() - t0;
				t0 = now();
				run_base(v, iters);
				tb[r] = now() - t0;
			}
		}
		qsort(to, rounds, sizeof(double), cmp_double);
		qsort(tb, rounds, sizeof(double), cmp_double);
		/*
		 * Fastest round, per call: the machine is shared, and any
		 * disturbance only ever adds time.
		 */
		mo = to[0] / iters;
		mb = tb[0] / iters;
		sum_o += mo;
		sum_b += mb;
		printf("parse_verify_us_%s: %.2f\n", v->name, mo * 1e6);
		printf("ecdsa_verify_us_%s: %.2f\n", v->name, mb * 1e6);
		printf("parse_verify_vs_ecdsa_time_%s: %.3f\n", v->name, mo / mb);
#ifdef PV_PROCESS
		run_proc(v, 20);
		for (r = 0; r < rounds; r++) {
			double t0 = now();

			run_proc(v, iters);
			to[r] = now() - t0;
			t0 = now();
			run_base(v, iters);
			tb[r] = now() - t0;
		}
		qsort(to, rounds, sizeof(double), cmp_double);
		qsort(tb, rounds, sizeof(double), cmp_double);
		sum_p += to[0] / iters * (mb / (tb[0] / iters));
		printf("process_vs_ecdsa_time_%s: %.3f\n", v->name,
		       to[0] / tb[0]);
#endif
	}
	printf("parse_verify_vs_ecdsa_time: %.3f\n", sum_o / sum_b);
	if (sum_p)
		printf("process_vs_ecdsa_time: %.3f\n", sum_p / sum_b);
	free(to);
	free(tb);
	return sink ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "time";
	size_t i;

	if (!strcmp(mode, "list")) {
		for (i = 0; i < NVEC; i++)
			printf("%s\n", vecs[i].name);
		return 0;
	}
	if (setup())
		return 2;
	if (!strcmp(mode, "check"))
		return 0;
	if (!strcmp(mode, "time"))
		return bench_time(argc > 2 ? (unsigned int)atoi(argv[2]) : 9,
				  argc > 3 ? (unsigned int)atoi(argv[3]) : 200);
	if (!strcmp(mode, "instr")) {
		unsigned int n = argc > 2 ? (unsigned int)atoi(argv[2]) : 10;

		char what[128];

		for (i = 0; i < NVEC; i++) {
			run_ours(&vecs[i], 2);	/* warm up, not collected */
			run_base(&vecs[i], 2);
		}
		for (i = 0; i < NVEC; i++) {
			CALLGRIND_ZERO_STATS;
			CALLGRIND_TOGGLE_COLLECT;
			run_ours(&vecs[i], n);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(what, sizeof(what), "ours %s", vecs[i].name);
			CALLGRIND_DUMP_STATS_AT(what);
			CALLGRIND_ZERO_STATS;
			CALLGRIND_TOGGLE_COLLECT;
			run_base(&vecs[i], n);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(what, sizeof(what), "base %s", vecs[i].name);
			CALLGRIND_DUMP_STATS_AT(what);
#ifdef PV_PROCESS
			run_proc(&vecs[i], 2);
			CALLGRIND_ZERO_STATS;
			CALLGRIND_TOGGLE_COLLECT;
			run_proc(&vecs[i], n);
			CALLGRIND_TOGGLE_COLLECT;
			snprintf(what, sizeof(what), "proc %s", vecs[i].name);
			CALLGRIND_DUMP_STATS_AT(what);
#endif
		}
		return sink ? 1 : 0;
	}
	fprintf(stderr, "usage: bench time|instr|list\n");
	return 2;
}
