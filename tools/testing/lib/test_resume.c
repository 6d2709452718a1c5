// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resumed writes (comp_resume, fetch_skip) in lib/sequence.c, with the
 * fake platform's opt-in resume model (fp_enable_resume(), fp_set_kept()):
 * the platform kept the first bytes of an interrupted write, the processor
 * hashes them back, skips or drops them in the source and writes the rest.
 * Sources: fetch with and without a stream that skips, integrated payload,
 * directive-write, copy, encrypted fetch (self-made A128KW + A128GCM) and
 * the firmware-encryption vector (fetch, then copy with decryption).
 */
#include <errno.h>
#include <stdlib.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <suit/processor.h>
#include "test.h"
#include "support_fakeplat.h"

static struct fakeplat F;
static struct suit_platform P;
static struct suit_platform_ops O;
static uint8_t chunk[512];
static struct suit_processor proc;
static struct suit_result R;
static void *KEY;
static uint8_t man[16384], envb[32768];
static size_t envlen;

static const uint8_t VID[16] = { 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
				 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11 };
static const uint8_t CID[16] = { 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
				 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22 };

/* Components "a" (written), "b" (unused), "c" (copy source). */
enum { CA, CB, CC };

#define N	3000		/* image size */
#define URI	"http://x/fw"
#define OLD	"old-content"

static uint8_t img[N];

enum { RESUME_OFF, RESUME_NOSKIP, RESUME_SKIP };

/* A fresh device; @mode: resume model off, without or with fetch_skip. */
static void reset(int mode)
{
	fp_free(&F);
	fp_init(&F);
	fp_platform(&F, &P, &O, chunk, sizeof(chunk));
	memcpy(F.id.vendor_id, VID, 16);
	memcpy(F.id.class_id, CID, 16);
	fp_trust_key(&F, KEY);
	fp_add_comp(&F, "a", 4096, 1);
	fp_add_comp(&F, "b", 4096, 1);
	fp_add_comp(&F, "c", 4096, 1);
	fp_set_content(&F, CA, 0, OLD, strlen(OLD));
	if (mode != RESUME_OFF)
		fp_enable_resume(&F, &O, mode == RESUME_SKIP);
}

/* Exactly one commit on success, one abort and no commit on failure. */
#define EXPECT_OUTCOME(ret, want_reason) do {					\
	int __ret = (ret), __want = (want_reason);				\
										\
	EXPECT_INT_EQ(R.reason, __want);					\
	if (__want == SUIT_REASON_OK) {						\
		EXPECT_INT_EQ(__ret, 0);					\
		EXPECT_INT_EQ(F.commits, 1);					\
		EXPECT_INT_EQ(F.aborts, 0);					\
	} else {								\
		CHECK(__ret < 0);						\
		EXPECT_INT_EQ(__ret, R.err);					\
		EXPECT_INT_EQ(F.commits, 0);					\
		EXPECT_INT_EQ(F.aborts, 1);					\
	}									\
	EXPECT_INT_EQ(F.open_hashes, 0);					\
	EXPECT_INT_EQ(F.open_streams, 0);					\
	EXPECT_INT_EQ(F.open_ciphers, 0);					\
} while (0)

/* The committed content of @comp equals @want (@len bytes). */
#define EXPECT_CONTENT(comp, want, len) ({					\
	uint64_t __l;								\
	const uint8_t *__c = fp_content(&F, (comp), 0, &__l);			\
	EXPECT_MEM_EQ(__c, (size_t)__l, (want), (len));				\
})

/* shared sequence: all components, override vendor+class, check both */
static void shared_std(struct sq *s)
{
	struct suit_cbor_enc *e;

	sq_init(s);
	sq_idx_true(s);
	e = sq_arg(s, 20);
	suit_cbor_put_map(e, 2);
	pm_bstr(e, 1, VID, 16);
	pm_bstr(e, 2, CID, 16);
	sq_cmd(s, 1, 15);
	sq_cmd(s, 2, 15);
	sq_end(s, NULL);
}

/* Sign a manifest with the install sequence @in (finished here), run it. */
static int run_install(struct sq *in, const struct env_int *ints, size_t nint)
{
	static const char * const names[] = { "a", "b", "c" };
	static struct sq sh;
	struct mf m;
	size_t ml;

	memset(&m, 0, sizeof(m));
	m.seq = 1;
	m.ncomp = 3;
	memcpy(m.comp, names, sizeof(names));
	shared_std(&sh);
	m.shared = sh.out;
	m.shared_len = sh.len;
	sq_end(in, NULL);
	m.sec[20] = in->out;
	m.sec_len[20] = in->len;
	ml = mf_encode(&m, man, sizeof(man));
	CHECK_MSG(ml > 0, "manifest encoding failed");
	envlen = env_encode(man, ml, KEY, &m, ints, nint, envb, sizeof(envb));
	CHECK_MSG(envlen > 0, "envelope encoding failed");
	suit_processor_init(&proc, &P);
	memset(&R, 0, sizeof(R));
	return suit_process(&proc, envb, envlen, SUIT_PROC_UPDATE, &R);
}

/* What the fetch manifest sets before the fetch. */
struct fetch_opt {
	const uint8_t *digest;	/* image-digest of @digest_len bytes */
	size_t digest_len;
	bool digest_after;	/* set it after the fetch, not before */
	uint64_t size;		/* image-size; 0: none */
	const char *uri;
	const uint8_t *enc;	/* encryption-info (bstr content) */
	size_t enc_len;
};

/*
 * install: index 0, override {digest, size, uri, enc}, fetch, [override
 * {digest}], image-match when a digest is set.
 */
static int run_fetch(const struct fetch_opt *o, const struct env_int *ints,
		     size_t nint)
{
	static struct sq in;
	struct suit_cbor_enc *e;
	bool dg = o->digest && !o->digest_after;

	sq_init(&in);
	sq_idx(&in, CA);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1 + dg + !!o->size + !!o->enc);
	if (dg)
		pm_digest(e, o->digest, o->digest_len);
	if (o->size)
		pm_uint(e, 14, o->size);
	if (o->enc)
		pm_bstr(e, 19, o->enc, o->enc_len);
	pm_tstr(e, 21, o->uri);
	sq_cmd(&in, 21, 15);
	if (o->digest && o->digest_after) {
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 1);
		pm_digest(e, o->digest, o->digest_len);
	}
	if (o->digest)
		sq_cmd(&in, 3, 15);
	return run_install(&in, ints, nint);
}

/* A plain fetch of img: digest and size before the fetch, image-match. */
static const struct fetch_opt plain = {
	.digest = img, .digest_len = N, .size = N, .uri = URI,
};

/* ---- tests ------------------------------------------------------------- */

/* Without fp_enable_resume() a kept prefix changes nothing. */
static void test_default_off(void)
{
	int ret;

	test_ctx("default off");
	reset(RESUME_OFF);
	CHECK(!O.comp_resume);
	CHECK(!O.fetch_skip);
	CHECK(fp_set_kept(&F, CA, img, 1234) == 0);
	fp_add_uri(&F, URI, img, N);
	ret = run_fetch(&plain, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_CONTENT(CA, img, N);
	EXPECT_UINT_EQ(F.comp[CA].resumes, 0);
	EXPECT_UINT_EQ(F.comp[CA].written, N);
	EXPECT_UINT_EQ(F.uri[0].served, N);
	EXPECT_UINT_EQ(F.skips, 0);
	/* the digest was computed on the way: nothing read back */
	EXPECT_UINT_EQ(F.comp[CA].read_bytes, 0);

	/* enabled, but nothing kept: an ordinary write */
	test_ctx("nothing kept");
	reset(RESUME_SKIP);
	fp_add_uri(&F, URI, img, N);
	ret = run_fetch(&plain, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_CONTENT(CA, img, N);
	EXPECT_UINT_EQ(F.comp[CA].resumes, 1);
	EXPECT_UINT_EQ(F.comp[CA].resumed, 0);
	EXPECT_UINT_EQ(F.comp[CA].written, N);
	EXPECT_UINT_EQ(F.uri[0].served, N);
	EXPECT_UINT_EQ(F.skips, 0);
	test_ctx(NULL);
}

/* The stream starts at kept; only the rest is fetched and written. */
static void test_fetch_skip(void)
{
	static const uint64_t kept[] = { 1, 511, 512, 1234 };
	size_t i;
	int ret;

	for (i = 0; i < SUIT_ARRAY_SIZE(kept); i++) {
		uint64_t k = kept[i];

		test_ctx("fetch_skip kept %llu", (unsigned long long)k);
		reset(RESUME_SKIP);
		CHECK(fp_set_kept(&F, CA, img, k) == 0);
		fp_add_uri(&F, URI, img, N);
		ret = run_fetch(&plain, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_CONTENT(CA, img, N);
		EXPECT_UINT_EQ(F.comp[CA].resumes, 1);
		EXPECT_UINT_EQ(F.comp[CA].resumed, k);
		EXPECT_UINT_EQ(F.skips, 1);
		EXPECT_UINT_EQ(F.skip_off, k);
		EXPECT_UINT_EQ(F.uri[0].served, N - k);
		EXPECT_UINT_EQ(F.fetched_bytes, N - k);
		EXPECT_UINT_EQ(F.comp[CA].written, N - k);
		/* kept bytes hashed back; image-match used that digest */
		EXPECT_UINT_EQ(F.comp[CA].read_bytes, k);
		EXPECT_UINT_EQ(F.progress_done, N);
		EXPECT_UINT_EQ(F.progress_total, N);
		CHECK(strstr(F.trace, "open-w resume skip"));
	}
	test_ctx(NULL);
}

/* A stream that cannot skip: everything fetched, the first kept dropped. */
static void test_fetch_noskip(void)
{
	const uint64_t k = 1234;
	int v, ret;

	for (v = 0; v < 2; v++) {
		test_ctx("%s", v ? "fetch_skip -EOPNOTSUPP" : "no fetch_skip");
		reset(v ? RESUME_SKIP : RESUME_NOSKIP);
		if (v)
			F.skip_ret = -EOPNOTSUPP;
		CHECK(fp_set_kept(&F, CA, img, k) == 0);
		fp_add_uri(&F, URI, img, N);
		ret = run_fetch(&plain, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_CONTENT(CA, img, N);
		EXPECT_UINT_EQ(F.comp[CA].resumed, k);
		EXPECT_UINT_EQ(F.skips, v);
		if (v)
			EXPECT_UINT_EQ(F.skip_off, k);
		EXPECT_UINT_EQ(F.uri[0].served, N);
		EXPECT_UINT_EQ(F.comp[CA].written, N - k);
		EXPECT_UINT_EQ(F.comp[CA].read_bytes, k);
		EXPECT_UINT_EQ(F.progress_done, N);
	}
	test_ctx(NULL);
}

/* Kept bytes that are not the image's: image-match fails, nothing lands. */
static void test_kept_wrong(void)
{
	const uint64_t k = 1234;
	struct fetch_opt late = plain;
	uint8_t bad[1234];
	int v, ret;

	late.digest_after = true;
	memcpy(bad, img, k);
	bad[700] ^= 0x01;
	for (v = 0; v < 3; v++) {
		test_ctx("wrong kept, %s", v == 0 ? "skip" : v == 1 ?
			 "no skip" : "digest after fetch");
		reset(v == 1 ? RESUME_NOSKIP : RESUME_SKIP);
		CHECK(fp_set_kept(&F, CA, bad, k) == 0);
		fp_add_uri(&F, URI, img, N);
		ret = run_fetch(v == 2 ? &late : &plain, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
		EXPECT_INT_EQ(R.command, 3);
		EXPECT_CONTENT(CA, OLD, strlen(OLD));
		EXPECT_UINT_EQ(F.comp[CA].written, N - k);
		/* digest after the fetch: image-match reads the whole slot */
		EXPECT_UINT_EQ(F.comp[CA].read_bytes, v == 2 ? N : k);
	}
	test_ctx(NULL);
}

/* Cut just before the commit: everything kept, nothing to write. */
static void test_kept_all(void)
{
	int v, ret;

	for (v = 0; v < 2; v++) {
		test_ctx("kept == size, %s", v ? "skip" : "no skip");
		reset(v ? RESUME_SKIP : RESUME_NOSKIP);
		CHECK(fp_set_kept(&F, CA, img, N) == 0);
		fp_add_uri(&F, URI, img, N);
		ret = run_fetch(&plain, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_CONTENT(CA, img, N);
		EXPECT_UINT_EQ(F.comp[CA].resumed, N);
		EXPECT_UINT_EQ(F.comp[CA].written, 0);
		EXPECT_UINT_EQ(F.comp[CA].writes, 0);
		EXPECT_UINT_EQ(F.skips, v);
		EXPECT_UINT_EQ(F.uri[0].served, v ? 0 : N);
		EXPECT_UINT_EQ(F.comp[CA].read_bytes, N);
	}
	test_ctx(NULL);
}

/* More kept than image-size: operation-failed before any byte moves. */
static void test_kept_too_big(void)
{
	static uint8_t more[N + 1];
	int ret;

	test_ctx("kept > image-size");
	memcpy(more, img, N);
	more[N] = 0x5a;
	reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, more, N + 1) == 0);
	fp_add_uri(&F, URI, img, N);
	ret = run_fetch(&plain, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EFBIG);
	EXPECT_INT_EQ(R.command, 21);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));
	EXPECT_UINT_EQ(F.comp[CA].written, 0);
	EXPECT_UINT_EQ(F.skips, 0);
	EXPECT_UINT_EQ(F.uri[0].served, 0);
	test_ctx(NULL);
}

/* The platform's comp_resume fails: operation-failed with its error. */
static void test_resume_error(void)
{
	int ret;

	test_ctx("comp_resume error");
	reset(RESUME_SKIP);
	F.resume_ret = -ENOMEM;
	CHECK(fp_set_kept(&F, CA, img, 100) == 0);
	fp_add_uri(&F, URI, img, N);
	ret = run_fetch(&plain, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOMEM);
	EXPECT_UINT_EQ(F.comp[CA].resumes, 1);
	EXPECT_UINT_EQ(F.comp[CA].written, 0);
	EXPECT_UINT_EQ(F.uri[0].served, 0);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));
	test_ctx(NULL);
}

/* A source shorter than what was kept: operation-failed, nothing lands. */
static void test_short_source(void)
{
	struct fetch_opt bare = { .uri = URI };
	struct env_int in = { "#fw", img, 1000 };
	struct fetch_opt integ = plain;
	const uint64_t k = 1234;
	int v, ret;

	/* a stream of 1000 bytes: without skip, skip refused, no size */
	for (v = 0; v < 3; v++) {
		test_ctx("short stream, %s", v == 0 ? "no skip" : v == 1 ?
			 "skip past the end" : "no image-size");
		reset(v == 1 ? RESUME_SKIP : RESUME_NOSKIP);
		CHECK(fp_set_kept(&F, CA, img, k) == 0);
		fp_add_uri(&F, URI, img, 1000);
		ret = run_fetch(v == 2 ? &bare : &plain, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
		/* a skip the stream refuses is an error, not read-and-drop */
		EXPECT_INT_EQ(ret, v == 1 ? -EINVAL : -EIO);
		EXPECT_INT_EQ(R.command, 21);
		EXPECT_UINT_EQ(F.skips, v == 1);
		if (v == 1)
			EXPECT_UINT_EQ(F.skip_off, k);
		EXPECT_UINT_EQ(F.uri[0].served, v == 1 ? 0 : 1000);
		EXPECT_UINT_EQ(F.comp[CA].written, 0);
		EXPECT_CONTENT(CA, OLD, strlen(OLD));
	}

	/* an integrated payload of 1000 bytes */
	test_ctx("short integrated payload");
	integ.uri = "#fw";
	reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, img, k) == 0);
	ret = run_fetch(&integ, &in, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EIO);
	EXPECT_INT_EQ(R.command, 21);
	EXPECT_UINT_EQ(F.comp[CA].written, 0);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));
	test_ctx(NULL);
}

/* Memory sources: an integrated payload and directive-write. */
static void test_memory_source(void)
{
	static const char text[] = "hello, resumed world";
	const size_t tl = sizeof(text) - 1;
	struct env_int in = { "#fw", img, N };
	struct fetch_opt integ = plain;
	struct suit_cbor_enc *e;
	static struct sq sq;
	int ret;

	test_ctx("integrated payload");
	integ.uri = "#fw";
	reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, img, 1000) == 0);
	ret = run_fetch(&integ, &in, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_CONTENT(CA, img, N);
	EXPECT_UINT_EQ(F.fetch_opens, 0);
	EXPECT_UINT_EQ(F.skips, 0);
	EXPECT_UINT_EQ(F.comp[CA].resumed, 1000);
	EXPECT_UINT_EQ(F.comp[CA].written, N - 1000);
	EXPECT_UINT_EQ(F.comp[CA].read_bytes, 1000);
	EXPECT_UINT_EQ(F.progress_done, N);

	/* the same with wrong kept bytes: image-match fails */
	test_ctx("integrated payload, wrong kept");
	reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, img + 1, 1000) == 0);
	ret = run_fetch(&integ, &in, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));

	test_ctx("directive-write");
	reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, text, 7) == 0);
	sq_init(&sq);
	sq_idx(&sq, CA);
	e = sq_arg(&sq, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, text, tl);
	sq_cmd(&sq, 18, 15);
	ret = run_install(&sq, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_CONTENT(CA, text, tl);
	EXPECT_UINT_EQ(F.comp[CA].resumed, 7);
	EXPECT_UINT_EQ(F.comp[CA].written, tl - 7);
	EXPECT_UINT_EQ(F.comp[CA].read_bytes, 0);	/* no digest to make */
	test_ctx(NULL);
}

/* install: index CA, override {digest, source-component CC}, copy, match. */
static int run_copy(void)
{
	static struct sq in;
	struct suit_cbor_enc *e;

	sq_init(&in);
	sq_idx(&in, CA);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 2);
	pm_digest(e, img, N);
	pm_uint(e, 22, CC);
	sq_cmd(&in, 22, 15);
	sq_cmd(&in, 3, 15);
	return run_install(&in, NULL, 0);
}

/* Copy from another component: the source read from kept on. */
static void test_copy(void)
{
	int ret;

	test_ctx("copy");
	reset(RESUME_SKIP);
	fp_set_content(&F, CC, 0, img, N);
	CHECK(fp_set_kept(&F, CA, img, 1500) == 0);
	ret = run_copy();
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_CONTENT(CA, img, N);
	EXPECT_CONTENT(CC, img, N);
	EXPECT_UINT_EQ(F.comp[CA].resumed, 1500);
	EXPECT_UINT_EQ(F.comp[CA].written, N - 1500);
	EXPECT_UINT_EQ(F.comp[CC].read_bytes, N - 1500);
	/* copy makes no digest on the way: image-match reads it all */
	EXPECT_UINT_EQ(F.comp[CA].read_bytes, N);
	EXPECT_UINT_EQ(F.skips, 0);

	test_ctx("copy, wrong kept");
	reset(RESUME_SKIP);
	fp_set_content(&F, CC, 0, img, N);
	CHECK(fp_set_kept(&F, CA, img + 1, 1500) == 0);
	ret = run_copy();
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));

	test_ctx("copy, source shorter than kept");
	reset(RESUME_SKIP);
	fp_set_content(&F, CC, 0, img, 1000);
	CHECK(fp_set_kept(&F, CA, img, 1500) == 0);
	ret = run_copy();
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EIO);
	EXPECT_INT_EQ(R.command, 22);
	EXPECT_UINT_EQ(F.comp[CA].written, 0);
	EXPECT_UINT_EQ(F.comp[CC].read_bytes, 0);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));
	test_ctx(NULL);
}

/* ---- encryption --------------------------------------------------------- */

#define PT	2000
static uint8_t pt[PT], ct[PT + 16], info[256];
static size_t ctlen, infolen;

/*
 * A128KW + A128GCM, built here with OpenSSL: a random CEK wrapped with a
 * random KEK (set into F by enc_reset()), the COSE_Encrypt with detached
 * ciphertext, and ct = GCM(pt) || tag over Enc_structure.
 */
static uint8_t kek[16];

static bool make_encrypted(void)
{
	uint8_t cek[16], iv[12], wrapped[24], prot[8], aad[32];
	struct suit_cbor_enc e, pe, ae;
	EVP_CIPHER_CTX *c;
	int n = 0, n2 = 0, w = 0, w2 = 0, ok;

	if (RAND_bytes(cek, 16) != 1 || RAND_bytes(iv, 12) != 1 ||
	    RAND_bytes(kek, 16) != 1)
		return false;
	suit_cbor_enc_init(&pe, prot, sizeof(prot));
	suit_cbor_put_map(&pe, 1);
	suit_cbor_put_int(&pe, 1);
	suit_cbor_put_int(&pe, SUIT_COSE_ALG_A128GCM);
	suit_cbor_enc_init(&ae, aad, sizeof(aad));
	suit_cbor_put_array(&ae, 3);
	suit_cbor_put_tstr(&ae, "Encrypt", 7);
	suit_cbor_put_bstr(&ae, prot, pe.len);
	suit_cbor_put_bstr(&ae, NULL, 0);

	c = EVP_CIPHER_CTX_new();
	ok = EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, NULL, NULL) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) == 1 &&
	     EVP_EncryptInit_ex(c, NULL, NULL, cek, iv) == 1 &&
	     EVP_EncryptUpdate(c, NULL, &n, aad, (int)ae.len) == 1 &&
	     EVP_EncryptUpdate(c, ct, &n, pt, PT) == 1 &&
	     EVP_EncryptFinal_ex(c, ct + n, &n2) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16,
				 ct + n + n2) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok || n + n2 != PT)
		return false;
	ctlen = PT + 16;

	c = EVP_CIPHER_CTX_new();
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	ok = EVP_EncryptInit_ex(c, EVP_aes_128_wrap(), NULL, kek, NULL) == 1 &&
	     EVP_EncryptUpdate(c, wrapped, &w, cek, 16) == 1 &&
	     EVP_EncryptFinal_ex(c, wrapped + w, &w2) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok || w + w2 != 24)
		return false;

	suit_cbor_enc_init(&e, info, sizeof(info));
	suit_cbor_put_tag(&e, 96);
	suit_cbor_put_array(&e, 4);
	suit_cbor_put_bstr(&e, prot, pe.len);
	suit_cbor_put_map(&e, 1);
	suit_cbor_put_int(&e, 5);
	suit_cbor_put_bstr(&e, iv, 12);
	suit_cbor_put_null(&e);
	suit_cbor_put_array(&e, 1);
	suit_cbor_put_array(&e, 3);
	suit_cbor_put_bstr(&e, NULL, 0);
	suit_cbor_put_map(&e, 2);
	suit_cbor_put_int(&e, 1);
	suit_cbor_put_int(&e, SUIT_COSE_ALG_A128KW);
	suit_cbor_put_int(&e, 4);
	suit_cbor_put_bstr(&e, (const uint8_t *)"k1", 2);
	suit_cbor_put_bstr(&e, wrapped, 24);
	infolen = e.len;
	return !e.err && !pe.err && !ae.err;
}

static void enc_reset(int mode)
{
	reset(mode);
	memcpy(F.kek, kek, 16);
	F.kek_len = 16;
}

/* An encrypted fetch: decrypted from the start, kept plaintext dropped. */
static void test_encrypted_fetch(void)
{
	const struct fetch_opt enc = {
		.digest = pt, .digest_len = PT, .size = PT, .uri = URI,
		.enc = info, .enc_len = infolen,
	};
	static const uint64_t kept[] = { 0, 700, PT };
	uint8_t bad[700];
	size_t i;
	int ret;

	for (i = 0; i < SUIT_ARRAY_SIZE(kept); i++) {
		uint64_t k = kept[i];

		test_ctx("encrypted fetch, kept %llu", (unsigned long long)k);
		enc_reset(RESUME_SKIP);
		CHECK(fp_set_kept(&F, CA, pt, k) == 0);
		fp_add_uri(&F, URI, ct, ctlen);
		ret = run_fetch(&enc, NULL, 0);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_CONTENT(CA, pt, PT);
		EXPECT_UINT_EQ(F.comp[CA].resumed, k);
		/* ciphertext is not skipped: all of it decrypted */
		EXPECT_UINT_EQ(F.skips, 0);
		EXPECT_UINT_EQ(F.uri[0].served, ctlen);
		EXPECT_UINT_EQ(F.comp[CA].written, PT - k);
	}

	/* a flipped ciphertext bit in the dropped part: the tag fails */
	test_ctx("encrypted fetch, ciphertext corrupted under kept");
	enc_reset(RESUME_SKIP);
	CHECK(fp_set_kept(&F, CA, pt, 700) == 0);
	ct[10] ^= 0x04;
	fp_add_uri(&F, URI, ct, ctlen);
	ret = run_fetch(&enc, NULL, 0);
	ct[10] ^= 0x04;
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EBADMSG);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));

	/* kept plaintext that is not the image's: image-match fails */
	test_ctx("encrypted fetch, wrong kept");
	enc_reset(RESUME_SKIP);
	memcpy(bad, pt, sizeof(bad));
	bad[0] ^= 0x80;
	CHECK(fp_set_kept(&F, CA, bad, sizeof(bad)) == 0);
	fp_add_uri(&F, URI, ct, ctlen);
	ret = run_fetch(&enc, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 3);
	EXPECT_CONTENT(CA, OLD, strlen(OLD));
	test_ctx(NULL);
}

#define FEX "suit-wg-suit-firmware-encryption/examples/"
#define FE FEX "derived/"

/*
 * The firmware-encryption vector (A128KW + A128GCM, HMAC-256, KEK and MAC
 * key 'a' x 16/32, ciphertext from encrypted-payload-aes-kw-aes-gcm.hex):
 * fetch of the ciphertext into ['encrypted-firmware']
 * resumed at 20 of 46 bytes (skipped), then the copy with decryption into
 * ['plaintext-firmware'] resumed at 10 of 30 plaintext bytes (decrypted
 * from the start).
 */
static void test_vector_encrypted(void)
{
	static const char plain30[] = "This is a real firmware image.";
	struct suit_platform_ops ops;
	struct suit_platform plat;
	struct suit_result res;
	struct fakeplat f;
	uint8_t *env, *hex, vct[64];
	char hs[256];
	size_t len, hlen, vlen;
	const uint8_t *c;
	uint64_t cl;
	int ret, cp, ce;

	test_ctx("vector aes-kw");
	hex = test_read_vector(FEX "encrypted-payload-aes-kw-aes-gcm.hex",
			       &hlen);
	if (!hex)
		return;
	vlen = 0;
	if (CHECK(hlen < sizeof(hs))) {
		memcpy(hs, hex, hlen);
		hs[hlen] = 0;
		vlen = test_unhex(hs, vct, sizeof(vct));
	}
	free(hex);
	if (!EXPECT_UINT_EQ(vlen, 46))
		return;
	env = test_read_vector(FE "suit-manifest-aes-kw.suit", &len);
	if (!env)
		return;
	fp_init(&f);
	fp_platform(&f, &plat, &ops, chunk, sizeof(chunk));
	fp_enable_resume(&f, &ops, true);
	memset(f.hmac_key, 'a', 32);
	f.have_hmac = true;
	memset(f.kek, 'a', 16);
	f.kek_len = 16;
	cp = fp_add_comp(&f, "plaintext-firmware", 64, 1);
	ce = fp_add_comp(&f, "encrypted-firmware", 64, 1);
	CHECK(cp >= 0 && ce >= 0);
	CHECK(fp_set_kept(&f, ce, vct, 20) == 0);
	CHECK(fp_set_kept(&f, cp, plain30, 10) == 0);
	fp_add_uri(&f, "coaps://example.com/encrypted-firmware", vct, vlen);
	suit_processor_init(&proc, &plat);
	ret = suit_process(&proc, env, len, SUIT_PROC_UPDATE, &res);
	EXPECT_INT_EQ(ret, 0);
	EXPECT_INT_EQ(res.reason, SUIT_REASON_OK);
	EXPECT_INT_EQ(f.commits, 1);
	c = fp_content(&f, cp, 0, &cl);
	EXPECT_MEM_EQ(c, (size_t)cl, plain30, 30);
	c = fp_content(&f, ce, 0, &cl);
	EXPECT_MEM_EQ(c, (size_t)cl, vct, 46);
	/* the fetch: stream started at 20, 26 bytes fetched and written */
	EXPECT_UINT_EQ(f.skips, 1);
	EXPECT_UINT_EQ(f.skip_off, 20);
	EXPECT_UINT_EQ(f.uri[0].served, 26);
	EXPECT_UINT_EQ(f.comp[ce].resumed, 20);
	EXPECT_UINT_EQ(f.comp[ce].written, 26);
	/* the copy: all 46 ciphertext bytes read, 20 plaintext written */
	EXPECT_UINT_EQ(f.comp[ce].read_bytes, 46);
	EXPECT_UINT_EQ(f.comp[cp].resumed, 10);
	EXPECT_UINT_EQ(f.comp[cp].written, 20);
	EXPECT_INT_EQ(f.open_ciphers, 0);
	EXPECT_INT_EQ(f.open_streams, 0);

	fp_free(&f);
	free(env);
	test_ctx(NULL);
}

int main(int argc, char **argv)
{
	size_t i;

	test_init("resume", argc, argv);
	KEY = fp_gen_p256();
	CHECK(KEY);
	for (i = 0; i < N; i++)
		img[i] = (uint8_t)(i * 13 + 1 + (i >> 8));
	for (i = 0; i < PT; i++)
		pt[i] = (uint8_t)(i * 7 + 3);
	fp_init(&F);
	test_default_off();
	test_fetch_skip();
	test_fetch_noskip();
	test_kept_wrong();
	test_kept_all();
	test_kept_too_big();
	test_resume_error();
	test_short_source();
	test_memory_source();
	test_copy();
	if (CHECK(make_encrypted()))
		test_encrypted_fetch();
	test_vector_encrypted();
	fp_free(&F);
	fp_key_free(KEY);
	return test_done();
}
