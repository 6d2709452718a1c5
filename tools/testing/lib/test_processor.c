// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the SUIT processor (lib/envelope.c, lib/sequence.c,
 * lib/report.c) with the in-memory fake platform. Manifests are built
 * with the CBOR encoder; some are signed with a fresh P-256 key (ES256)
 * and verified with OpenSSL through the fake platform.
 */
#include <errno.h>
#include <stdlib.h>

#include <suit/processor.h>
#include "test.h"
#include "support_fakeplat.h"

static struct fakeplat F;
static struct suit_platform P;
static struct suit_platform_ops O;
static uint8_t chunk[512];
static struct suit_processor proc;
static struct suit_result R;
static void *KEY, *OTHER_KEY;
static uint8_t man[16384], envb[32768];
static size_t envlen;

static const uint8_t VID[16] = { 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
				 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11 };
static const uint8_t CID[16] = { 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22,
				 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22, 0x22 };
static const uint8_t DID[16] = { 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
				 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33 };
static const uint8_t XID[16] = { 0x44 };

/* Device components: 0 "a" (1 slot), 1 "b" (A/B, active 0), 2 "c". */
enum { CA, CB, CC };

static void reset(void)
{
	fp_free(&F);
	fp_init(&F);
	fp_platform(&F, &P, &O, chunk, sizeof(chunk));
	P.allow_unsigned = true;
	memcpy(F.id.vendor_id, VID, 16);
	memcpy(F.id.class_id, CID, 16);
	memcpy(F.id.device_id, DID, 16);
	F.id.has_device_id = true;
	fp_trust_key(&F, KEY);
	fp_add_comp(&F, "a", 4096, 1);
	fp_add_comp(&F, "b", 4096, 2);
	fp_add_comp(&F, "c", 4096, 1);
	F.comp[CA].version[0] = 1;
	F.comp[CA].version[1] = 2;
	F.comp[CA].version[2] = 3;
	F.comp[CA].version_len = 3;
}

static void mf_init(struct mf *m, size_t ncomp)
{
	static const char * const names[] = { "a", "b", "c", "zz" };
	size_t i;

	memset(m, 0, sizeof(*m));
	m->seq = 1;
	m->ncomp = ncomp;
	for (i = 0; i < ncomp; i++)
		m->comp[i] = names[i];
}

static void mf_sec(struct mf *m, unsigned int key, struct sq *s)
{
	sq_end(s, NULL);
	if (key == 4) {
		m->shared = s->out;
		m->shared_len = s->len;
		return;
	}
	m->sec[key] = s->out;
	m->sec_len[key] = s->len;
}

/* Encode @m into envb, signed with @key (NULL: digest only). */
/*
 * With PROC_CORPUS_DIR set, every manifest built is also written there as
 * a fuzz_processor input (mode 1: wrapped unsigned manifest).
 */
static void dump_corpus(const uint8_t *mf, size_t len)
{
	const char *dir = getenv("PROC_CORPUS_DIR");
	static unsigned int n;
	char path[512];
	FILE *f;

	if (!dir || !*dir)
		return;
	snprintf(path, sizeof(path), "%s/unit-%03u", dir, n++);
	f = fopen(path, "wb");
	if (!f)
		return;
	fputc(1, f);
	fwrite(mf, 1, len, f);
	fclose(f);
}

static size_t build(const struct mf *m, void *key, const struct env_int *ints,
		    size_t nint)
{
	size_t ml = mf_encode(m, man, sizeof(man));

	dump_corpus(man, ml);
	CHECK_MSG(ml > 0, "manifest encoding failed");
	envlen = env_encode(man, ml, key, m, ints, nint, envb, sizeof(envb));
	CHECK_MSG(envlen > 0, "envelope encoding failed");
	return envlen;
}

/* How often suit_process() gave each reason (test_reason_coverage()). */
static unsigned int reasons_seen[SUIT_REASON_INVOKE_PENDING + 1];

static void seen(void)
{
	if ((unsigned int)R.reason < SUIT_ARRAY_SIZE(reasons_seen))
		reasons_seen[R.reason]++;
}

static int process(unsigned int procs)
{
	int ret;

	suit_processor_init(&proc, &P);
	memset(&R, 0, sizeof(R));
	ret = suit_process(&proc, envb, envlen, procs, &R);
	seen();
	return ret;
}

static int run(const struct mf *m, unsigned int procs)
{
	build(m, KEY, NULL, 0);
	return process(procs);
}

/* Exactly one commit on success, one abort and no commit on failure. */
#define EXPECT_OUTCOME(ret, want_reason) do {					\
	EXPECT_INT_EQ(R.reason, (want_reason));					\
	if ((want_reason) == SUIT_REASON_OK) {					\
		EXPECT_INT_EQ((ret), 0);					\
		EXPECT_INT_EQ(F.aborts, 0);					\
		CHECK(F.commits >= 1);						\
	} else {								\
		CHECK((ret) < 0);						\
		EXPECT_INT_EQ((ret), R.err);					\
		EXPECT_INT_EQ(F.commits, 0);					\
		EXPECT_INT_EQ(F.aborts, 1);					\
	}									\
	EXPECT_INT_EQ(F.open_hashes, 0);					\
	EXPECT_INT_EQ(F.open_streams, 0);					\
} while (0)

static const uint8_t *content(unsigned int comp, unsigned int slot,
			      uint64_t *len)
{
	return fp_content(&F, comp, slot, len);
}

static bool content_is(unsigned int comp, unsigned int slot, const char *s)
{
	uint64_t l;
	const uint8_t *c = content(comp, slot, &l);

	return l == strlen(s) && (!l || !memcmp(c, s, l));
}

/* shared sequence: override vendor+class, check both */
static void shared_std(struct sq *s)
{
	struct suit_cbor_enc *e;

	sq_init(s);
	e = sq_arg(s, 20);
	suit_cbor_put_map(e, 2);
	pm_bstr(e, 1, VID, 16);
	pm_bstr(e, 2, CID, 16);
	sq_cmd(s, 1, 15);
	sq_cmd(s, 2, 15);
}

/* install: write @text into the single component */
static void install_write(struct sq *s, const char *text)
{
	struct suit_cbor_enc *e;

	sq_init(s);
	e = sq_arg(s, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, text, strlen(text));
	sq_cmd(s, 18, 15);
}

/* ---- tests ------------------------------------------------------------- */

static void test_basic_signed(void)
{
	struct sq sh, in, va, iv;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	reset();
	mf_init(&m, 1);
	m.seq = 7;
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "hello");
	mf_sec(&m, 20, &in);
	sq_init(&va);
	e = sq_arg(&va, 20);
	suit_cbor_put_map(e, 2);
	pm_digest(e, "hello", 5);
	pm_uint(e, 14, 5);
	sq_cmd(&va, 3, 15);
	mf_sec(&m, 7, &va);
	sq_init(&iv);
	e = sq_arg(&iv, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 23, "go", 2);
	sq_cmd(&iv, 23, 2);
	mf_sec(&m, 9, &iv);

	P.allow_unsigned = false;
	ret = run(&m, SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "hello"));
	EXPECT_INT_EQ(F.comp[CA].invoked, 1);
	CHECK(F.comp[CA].invoke_args_len == 2 &&
	      !memcmp(F.comp[CA].invoke_args, "go", 2));
	EXPECT_UINT_EQ(F.commit_seq, 7);
	EXPECT_INT_EQ(R.sequence, 7);
	CHECK(F.auth_calls >= 1);
	/* commit happens before invoke */
	CHECK(strstr(F.trace, "commit invoke") != NULL);

	/* update committed, then the invocation fails: the update stays */
	reset();
	P.allow_unsigned = false;
	O.invoke = NULL;
	ret = run(&m, SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
	EXPECT_INT_EQ(R.reason, SUIT_REASON_COMMAND_UNSUPPORTED);
	EXPECT_INT_EQ(R.section, 9);
	EXPECT_INT_EQ(F.commits, 1);
	EXPECT_INT_EQ(F.aborts, 1);
	CHECK(content_is(CA, 0, "hello"));
	CHECK(strstr(F.trace, "commit abort") != NULL);

	/* the same envelope signed with an untrusted key */
	reset();
	P.allow_unsigned = false;
	build(&m, OTHER_KEY, NULL, 0);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	CHECK(content_is(CA, 0, ""));
	/* allow_unsigned never excuses a bad signature */
	reset();
	P.allow_unsigned = true;
	build(&m, OTHER_KEY, NULL, 0);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	/* a flipped bit in the signed manifest */
	reset();
	P.allow_unsigned = false;
	build(&m, KEY, NULL, 0);
	envb[envlen - 2] ^= 0x40;
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	/* unsigned and not allowed */
	reset();
	P.allow_unsigned = false;
	build(&m, NULL, NULL, 0);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	EXPECT_INT_EQ(F.auth_calls, 0);
}

static void test_rollback(void)
{
	struct sq sh, in;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "x");
	mf_sec(&m, 20, &in);

	reset();
	F.have_seq = true;
	F.seq = 5;
	m.seq = 4;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	EXPECT_INT_EQ(ret, -ESTALE);
	m.seq = 5;	/* equal: not newer, rejected for update */
	reset();
	F.have_seq = true;
	F.seq = 5;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	CHECK(content_is(CA, 0, ""));
	reset();	/* equal is the installed manifest: invoke is fine */
	F.have_seq = true;
	F.seq = 5;
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	m.seq = 6;
	reset();
	F.have_seq = true;
	F.seq = 5;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_UINT_EQ(F.seq, 6);
	CHECK(content_is(CA, 0, "x"));
	/* without get_sequence there is no anti-rollback: refuse */
	reset();
	O.get_sequence = NULL;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
}

static void test_manifest_structure(void)
{
	struct sq sh, in, sh2;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "x");
	mf_sec(&m, 20, &in);

	reset();
	m.version = 2;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	m.version = 0;
	reset();
	m.extra_key = 17;	/* the install key of draft -19 */
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	m.extra_key = 0;

	/* more components than the platform allows */
	reset();
	P.max_components = 1;
	mf_init(&m, 2);
	sq_init(&sh2);
	sq_idx(&sh2, 0);
	mf_sec(&m, 4, &sh2);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMPONENT_UNSUPPORTED);

	/* a component the device does not have */
	reset();
	mf_init(&m, 4);
	sq_init(&sh2);
	sq_idx(&sh2, 0);
	mf_sec(&m, 4, &sh2);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMPONENT_UNSUPPORTED);
	EXPECT_INT_EQ(R.err, -ENOENT);

	/* the platform refuses this signer the component (an ACL) */
	reset();
	F.deny = "a";
	mf_init(&m, 1);
	shared_std(&sh2);
	mf_sec(&m, 4, &sh2);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMPONENT_UNAUTHORISED);
	EXPECT_INT_EQ(ret, -EACCES);

	/* two components: sequences must start with set-component-index */
	reset();
	mf_init(&m, 2);
	shared_std(&sh2);
	mf_sec(&m, 4, &sh2);
	mf_sec(&m, 20, &in);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	EXPECT_INT_EQ(R.section, 4);
	EXPECT_INT_EQ(R.command, 20);

	/* no authentication wrapper at all, and a bare tag-1070 manifest */
	{
		struct suit_cbor_enc x;
		size_t ml;

		mf_init(&m, 1);
		shared_std(&sh2);
		mf_sec(&m, 4, &sh2);
		install_write(&in, "bare");
		mf_sec(&m, 20, &in);
		ml = mf_encode(&m, man, sizeof(man));
		suit_cbor_enc_init(&x, envb, sizeof(envb));
		suit_cbor_put_tag(&x, 107);
		suit_cbor_put_map(&x, 1);
		suit_cbor_put_uint(&x, 3);
		suit_cbor_put_bstr(&x, man, ml);
		envlen = x.len;
		reset();
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		CHECK(content_is(CA, 0, "bare"));
		reset();
		P.allow_unsigned = false;
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
		/* an empty authentication wrapper is malformed */
		suit_cbor_enc_init(&x, envb, sizeof(envb));
		suit_cbor_put_tag(&x, 107);
		suit_cbor_put_map(&x, 2);
		suit_cbor_put_uint(&x, 2);
		suit_cbor_put_bstr(&x, NULL, 0);
		suit_cbor_put_uint(&x, 3);
		suit_cbor_put_bstr(&x, man, ml);
		envlen = x.len;
		reset();
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
		/* SUIT_Manifest_Tagged on its own */
		suit_cbor_enc_init(&x, envb, sizeof(envb));
		suit_cbor_put_tag(&x, 1070);
		suit_cbor_put_raw(&x, man, ml);
		envlen = x.len;
		reset();
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		CHECK(content_is(CA, 0, "bare"));
		reset();
		P.allow_unsigned = false;
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	}

	/* garbage instead of an envelope */
	reset();
	memcpy(envb, "\xa1\x02\x40", 3);
	envlen = 3;
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	/* an envelope with an unknown key */
	reset();
	memcpy(envb, "\xd8\x6b\xa2\x03\x41\xa0\x07\x40", 8);
	envlen = 8;
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	/* bad arguments */
	reset();
	suit_processor_init(&proc, &P);
	ret = suit_process(&proc, envb, 0, SUIT_PROC_UPDATE, &R);
	seen();
	EXPECT_INT_EQ(ret, -EINVAL);
	ret = suit_process(&proc, envb, 8, 0x10, &R);
	seen();
	EXPECT_INT_EQ(ret, -EINVAL);
}

/* One condition with a parameter map in the validate section. */
static int run_cond(int64_t cmd, void (*params)(struct suit_cbor_enc *e),
		    size_t npairs)
{
	struct sq sh, va;
	struct suit_cbor_enc *e;
	struct mf m;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&va);
	if (npairs) {
		e = sq_arg(&va, 20);
		suit_cbor_put_map(e, npairs);
		params(e);
	}
	sq_cmd(&va, cmd, 15);
	mf_sec(&m, 7, &va);
	return run(&m, SUIT_PROC_INVOKE);
}

static void p_dev(struct suit_cbor_enc *e) { pm_bstr(e, 24, DID, 16); }
static void p_dev_bad(struct suit_cbor_enc *e) { pm_bstr(e, 24, XID, 16); }
static void p_vendor_bad(struct suit_cbor_enc *e) { pm_bstr(e, 1, XID, 16); }
static void p_class_bad(struct suit_cbor_enc *e) { pm_bstr(e, 2, XID, 16); }
static void p_slot0(struct suit_cbor_enc *e) { pm_uint(e, 5, 0); }
static void p_slot1(struct suit_cbor_enc *e) { pm_uint(e, 5, 1); }
static void p_future(struct suit_cbor_enc *e) { pm_uint(e, 4, 2000000); }
static void p_past(struct suit_cbor_enc *e) { pm_uint(e, 4, 999999); }
static void p_batt_ok(struct suit_cbor_enc *e) { pm_uint(e, 26, 1000); }
static void p_batt_low(struct suit_cbor_enc *e) { pm_uint(e, 26, 1001); }
static void p_prio(struct suit_cbor_enc *e) { pm_int(e, 27, -1); }
static void p_content_ok(struct suit_cbor_enc *e) { pm_bstr(e, 18, "abc", 3); }
static void p_content_bad(struct suit_cbor_enc *e) { pm_bstr(e, 18, "abd", 3); }
static void p_digest_ok(struct suit_cbor_enc *e) { pm_digest(e, "abc", 3); }
static void p_digest_bad(struct suit_cbor_enc *e) { pm_digest(e, "abd", 3); }
static void p_vendor_short(struct suit_cbor_enc *e) { pm_bstr(e, 1, VID, 15); }
static void p_unknown(struct suit_cbor_enc *e) { pm_uint(e, 7, 1); }

static void p_vendor_pen(struct suit_cbor_enc *e)
{
	suit_cbor_put_int(e, 1);
	suit_cbor_put_tag(e, 112);
	suit_cbor_put_bstr(e, (const uint8_t *)"\x1a\x2b", 2);
}

static void p_vendor_tag(struct suit_cbor_enc *e)
{
	suit_cbor_put_int(e, 1);
	suit_cbor_put_tag(e, 37);
	suit_cbor_put_bstr(e, VID, 16);
}
static void p_custom_param(struct suit_cbor_enc *e) { pm_uint(e, -3, 1); }

static void p_digest_alg(struct suit_cbor_enc *e)
{
	uint8_t d[64];
	struct suit_cbor_enc x;

	suit_cbor_enc_init(&x, d, sizeof(d));
	suit_cbor_put_array(&x, 2);
	suit_cbor_put_int(&x, -99);
	suit_cbor_put_bstr(&x, d, 0);
	pm_bstr(e, 3, d, x.len);
}

static int64_t ver_type;
static int64_t ver_vals[3];
static size_t ver_n;

static void p_version(struct suit_cbor_enc *e)
{
	uint8_t d[64];
	struct suit_cbor_enc x;
	size_t i;

	suit_cbor_enc_init(&x, d, sizeof(d));
	suit_cbor_put_array(&x, 2);
	suit_cbor_put_int(&x, ver_type);
	suit_cbor_put_array(&x, ver_n);
	for (i = 0; i < ver_n; i++)
		suit_cbor_put_int(&x, ver_vals[i]);
	pm_bstr(e, 28, d, x.len);
}

static void test_conditions(void)
{
	int ret;

	/* device identifier (24) */
	reset();
	ret = run_cond(24, p_dev, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	ret = run_cond(24, p_dev_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 24);
	EXPECT_INT_EQ(R.section, 7);
	reset();
	F.id.has_device_id = false;
	ret = run_cond(24, p_dev, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	/* missing parameter: condition fails */
	reset();
	ret = run_cond(24, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	/* vendor / class mismatch (overridden after the shared sequence) */
	reset();
	ret = run_cond(1, p_vendor_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 1);
	reset();
	ret = run_cond(2, p_class_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	/* a CBOR PEN vendor id is valid but never this device's UUID */
	reset();
	ret = run_cond(1, p_vendor_pen, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	ret = run_cond(1, p_vendor_tag, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	/* vendor id of the wrong size: parse error at override */
	reset();
	ret = run_cond(1, p_vendor_short, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	/* unknown and custom parameters */
	reset();
	ret = run_cond(1, p_unknown, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_PARAMETER_UNSUPPORTED);
	reset();
	ret = run_cond(1, p_custom_param, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_PARAMETER_UNSUPPORTED);

	/* image-match (3) and image-not-match (25) over content "abc" */
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(3, p_digest_ok, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(F.comp[CA].reads > 0);
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(3, p_digest_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(25, p_digest_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(25, p_digest_ok, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	ret = run_cond(3, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	ret = run_cond(25, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(3, p_digest_alg, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_ALG_UNSUPPORTED);

	/* check-content (6) */
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(6, p_content_ok, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	fp_set_content(&F, CA, 0, "abc", 3);
	ret = run_cond(6, p_content_bad, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* use-before (4) */
	reset();
	ret = run_cond(4, p_future, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	ret = run_cond(4, p_past, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	O.get_time = NULL;
	ret = run_cond(4, p_future, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);

	/* minimum battery (26) */
	reset();
	ret = run_cond(26, p_batt_ok, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	ret = run_cond(26, p_batt_low, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* update authorized (27) */
	reset();
	ret = run_cond(27, p_prio, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	reset();
	F.authorized = -EPERM;
	ret = run_cond(27, p_prio, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* abort (14) and is-dependency (8) */
	reset();
	ret = run_cond(14, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 14);
	reset();
	ret = run_cond(8, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	/* dependency-integrity (7) on a plain component */
	reset();
	ret = run_cond(7, p_digest_ok, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* unknown command 9 and 40 */
	reset();
	ret = run_cond(9, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
	reset();
	ret = run_cond(40, NULL, 0);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
}

static void test_version(void)
{
	static const struct {
		int64_t type;
		int64_t v[3];
		size_t n;
		bool ok;
	} cases[] = {	/* device version is 1.2.3 */
		{ 1, { 1, 2, 2 }, 3, true }, { 1, { 1, 2, 3 }, 3, false },
		{ 2, { 1, 2, 3 }, 3, true }, { 2, { 1, 3 }, 2, false },
		{ 3, { 1, 2, 3 }, 3, true }, { 3, { 1 }, 1, true },
		{ 3, { 1, 2, 4 }, 3, false }, { 4, { 1, 2, 3 }, 3, true },
		{ 4, { 1, 2, 2 }, 3, false }, { 5, { 2 }, 1, true },
		{ 5, { 1, 2, 3 }, 3, false }, { 1, { 1, 2, -1 }, 3, true },
	};
	size_t i;
	int ret;

	for (i = 0; i < SUIT_ARRAY_SIZE(cases); i++) {
		reset();
		ver_type = cases[i].type;
		memcpy(ver_vals, cases[i].v, sizeof(ver_vals));
		ver_n = cases[i].n;
		ret = run_cond(28, p_version, 1);
		test_ctx("version case %zu", i);
		EXPECT_OUTCOME(ret, cases[i].ok ? SUIT_REASON_OK :
			       SUIT_REASON_CONDITION_FAILED);
		test_ctx(NULL);
	}
	/* unknown device version: fails */
	reset();
	F.comp[CA].version_len = 0;
	ver_type = 2;
	ver_n = 1;
	ver_vals[0] = 0;
	ret = run_cond(28, p_version, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
}

static void test_slots(void)
{
	struct sq sh, in, b0, b1;
	struct sq *br[2] = { &b0, &b1 };
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	/* A/B: try-each picks the slot that is not active */
	memset(&m, 0, sizeof(m));
	m.seq = 1;
	m.ncomp = 1;
	m.comp[0] = "b";
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&b0);
	e = sq_arg(&b0, 20);
	suit_cbor_put_map(e, 2);
	pm_uint(e, 5, 0);
	pm_bstr(e, 18, "slot0", 5);
	sq_cmd(&b0, 5, 15);
	sq_end(&b0, NULL);
	sq_init(&b1);
	e = sq_arg(&b1, 20);
	suit_cbor_put_map(e, 2);
	pm_uint(e, 5, 1);
	pm_bstr(e, 18, "slot1", 5);
	sq_cmd(&b1, 5, 15);
	sq_end(&b1, NULL);
	sq_init(&in);
	sq_try(&in, 2, br, false);
	sq_cmd(&in, 18, 15);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CB, 1, "slot1"));
	CHECK(content_is(CB, 0, ""));
	reset();
	F.comp[CB].active_slot = 1;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CB, 0, "slot0"));
	/* invoke procedure: the condition holds for the active slot */
	reset();
	F.comp[CB].active_slot = 1;
	ret = run_cond(5, p_slot1, 1);	/* on "a": one slot, slot 0 */
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	reset();
	ret = run_cond(5, p_slot0, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
}

static void test_try_each(void)
{
	struct sq sh, in, b0, b1, b2;
	struct sq *br[3] = { &b0, &b1, &b2 };
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	/* b0: abort; b1: abort; b2: write */
	sq_init(&b0);
	sq_cmd(&b0, 14, 0);
	sq_end(&b0, NULL);
	sq_init(&b1);
	sq_cmd(&b1, 14, 0);
	sq_end(&b1, NULL);
	sq_init(&b2);
	e = sq_arg(&b2, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "third", 5);
	sq_cmd(&b2, 18, 0);
	sq_end(&b2, NULL);

	sq_init(&in);
	sq_try(&in, 3, br, false);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "third"));

	/* all branches fail, no nil: the try-each fails */
	sq_init(&in);
	sq_try(&in, 2, br, false);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 15);
	EXPECT_INT_EQ(R.section, 20);

	/* all branches fail, with a trailing nil: success, and continue */
	sq_init(&in);
	sq_try(&in, 2, br, true);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "after", 5);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "after"));

	/* a directive failure inside a branch aborts everything */
	sq_init(&b0);
	sq_cmd(&b0, 21, 0);	/* fetch without a URI */
	sq_end(&b0, NULL);
	sq_init(&in);
	sq_try(&in, 3, br, false);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(R.command, 21);
	CHECK(content_is(CA, 0, ""));

	/* soft-failure false inside a branch: its condition failure aborts */
	sq_init(&b0);
	e = sq_arg(&b0, 20);
	suit_cbor_put_map(e, 1);
	pm_bool(e, 13, false);
	sq_cmd(&b0, 14, 0);
	sq_end(&b0, NULL);
	sq_init(&in);
	sq_try(&in, 3, br, false);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 14);
	/* malformed: nil not last */
	{
		struct suit_cbor_enc *a;

		sq_init(&in);
		a = sq_arg(&in, 15);
		suit_cbor_put_array(a, 2);
		suit_cbor_put_null(a);
		suit_cbor_put_bstr(a, b2.out, b2.len);
		mf_sec(&m, 20, &in);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	}
}

static void test_soft_failure_run_sequence(void)
{
	struct sq sh, in, inner;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	/* run-sequence { soft-failure: true; abort; write "never" } */
	sq_init(&inner);
	e = sq_arg(&inner, 20);
	suit_cbor_put_map(e, 1);
	pm_bool(e, 13, true);
	sq_cmd(&inner, 14, 0);
	e = sq_arg(&inner, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "never", 5);
	sq_cmd(&inner, 18, 0);
	sq_end(&inner, NULL);
	sq_init(&in);
	sq_run(&in, &inner);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "after", 5);
	sq_cmd(&in, 18, 0);
	/* soft-failure is scoped: this abort is hard */
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "after"));

	/* scope: after the run-sequence, a failing condition is hard */
	sq_cmd(&in, 14, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	CHECK(content_is(CA, 0, ""));

	/* without soft-failure the condition inside run-sequence aborts */
	sq_init(&inner);
	sq_cmd(&inner, 14, 0);
	sq_end(&inner, NULL);
	sq_init(&in);
	sq_run(&in, &inner);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* soft-failure at the top level does not make failures soft */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bool(e, 13, true);
	sq_cmd(&in, 14, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
}

static void test_nesting_limit(void)
{
	static struct sq lv[12];
	struct sq sh;
	struct mf m;
	int i, ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	for (int depth = 4; depth <= 10; depth += 6) {
		sq_init(&lv[0]);
		sq_cmd(&lv[0], 1, 0);
		sq_end(&lv[0], NULL);
		for (i = 1; i <= depth; i++) {
			sq_init(&lv[i]);
			sq_run(&lv[i], &lv[i - 1]);
			if (i < depth)
				sq_end(&lv[i], NULL);
		}
		mf_sec(&m, 20, &lv[depth]);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		test_ctx("run-sequence depth %d", depth);
		if (depth <= SUIT_MAX_NEST) {
			EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		} else {
			EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
			EXPECT_INT_EQ(ret, -ELOOP);
		}
		test_ctx(NULL);
	}
}

static void test_component_index(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	static const uint64_t order[] = { 2, 0 };
	struct mf m;
	int ret;

	mf_init(&m, 3);
	sq_init(&sh);
	sq_idx_true(&sh);
	e = sq_arg(&sh, 20);
	suit_cbor_put_map(e, 2);
	pm_bstr(e, 1, VID, 16);
	pm_bstr(e, 2, CID, 16);
	sq_cmd(&sh, 1, 15);
	mf_sec(&m, 4, &sh);
	/* true: every component gets the content */
	sq_init(&in);
	sq_idx_true(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "all", 3);
	sq_cmd(&in, 18, 0);
	/* array: only 2 and 0, then 1 on its own */
	sq_idx_list(&in, 2, order);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "two", 3);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "two"));
	CHECK(content_is(CB, 1, "all"));	/* A/B: written to slot 1 */
	CHECK(content_is(CC, 0, "two"));

	/* index out of range */
	sq_init(&in);
	sq_idx(&in, 3);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMPONENT_UNSUPPORTED);
	/* duplicate in an array */
	{
		static const uint64_t dup[] = { 1, 1 };

		sq_init(&in);
		sq_idx_list(&in, 2, dup);
		mf_sec(&m, 20, &in);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_COMPONENT_UNSUPPORTED);
	}
}

static void test_set_vs_override(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	/* override then set-parameters: override's value stays */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "over", 4);
	e = sq_arg(&in, 19);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "set", 3);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "over"));
	/* set-parameters then override: override wins */
	sq_init(&in);
	e = sq_arg(&in, 19);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "set", 3);
	sq_cmd(&in, 18, 0);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "over", 4);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "over"));
	/* set-parameters on an unset parameter sets it */
	sq_init(&in);
	e = sq_arg(&in, 19);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "set", 3);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "set"));
}

static void test_shared_restrictions(void)
{
	struct sq sh, va;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	sq_init(&va);
	sq_cmd(&va, 1, 0);
	mf_sec(&m, 7, &va);
	shared_std(&sh);
	e = sq_arg(&sh, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "x", 1);
	sq_cmd(&sh, 18, 0);	/* a directive in the shared sequence */
	mf_sec(&m, 4, &sh);
	reset();
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
	EXPECT_INT_EQ(R.section, 4);
	shared_std(&sh);
	sq_cmd(&sh, -300, 0);	/* custom in the shared sequence */
	mf_sec(&m, 4, &sh);
	reset();
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
	EXPECT_INT_EQ(F.customs, 0);
	shared_std(&sh);
	e = sq_arg(&sh, 19);	/* set-parameters is not allowed either */
	suit_cbor_put_map(e, 1);
	pm_uint(e, 14, 1);
	mf_sec(&m, 4, &sh);
	reset();
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
}

static void test_custom(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	e = sq_arg(&in, -257);
	suit_cbor_put_tstr(e, "hi", 2);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_INT_EQ(F.customs, 1);
	EXPECT_INT_EQ(F.last_custom, -257);
	reset();
	O.custom = NULL;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
	reset();
	F.custom_ret = -EOPNOTSUPP;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
	reset();
	F.custom_ret = -EIO;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
}

static uint8_t big[3000];

static void test_fetch_and_cache(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct mf m;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13 + 1);
	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 4);
	pm_digest(e, big, sizeof(big));
	pm_uint(e, 14, sizeof(big));
	pm_tstr(e, 21, "http://x/fw");
	pm_bstr(e, 25, "range", 5);
	sq_cmd(&in, 21, 2);
	sq_cmd(&in, 3, 15);
	mf_sec(&m, 20, &in);
	reset();
	fp_add_uri(&F, "http://x/fw", big, sizeof(big));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	/* fetch-arguments (25) and the size hint reach the platform */
	CHECK(F.fetch_args_len == 5 && !memcmp(F.fetch_args, "range", 5));
	EXPECT_UINT_EQ(F.fetch_hint, sizeof(big));
	{
		uint64_t l;
		const uint8_t *c = content(CA, 0, &l);

		CHECK(l == sizeof(big) && !memcmp(c, big, l));
	}
	/* image-match used the digest computed while fetching */
	EXPECT_INT_EQ(F.comp[CA].reads, 0);
	/* progress reported up to the whole image */
	CHECK(F.progress_calls > sizeof(big) / sizeof(chunk));
	EXPECT_UINT_EQ(F.progress_done, sizeof(big));
	EXPECT_UINT_EQ(F.progress_total, sizeof(big));
	CHECK(F.comp[CA].writes >= sizeof(big) / sizeof(chunk));

	/*
	 * Example-1 layout: digest and size in the shared sequence, fetch in
	 * install, image-match in validate: the shared sequence running again
	 * before validate does not forget the digest computed by the fetch.
	 */
	{
		struct mf m2;
		struct sq sh2, in2, va2;

		mf_init(&m2, 1);
		shared_std(&sh2);
		e = sq_arg(&sh2, 20);
		suit_cbor_put_map(e, 2);
		pm_digest(e, big, sizeof(big));
		pm_uint(e, 14, sizeof(big));
		mf_sec(&m2, 4, &sh2);
		sq_init(&in2);
		e = sq_arg(&in2, 20);
		suit_cbor_put_map(e, 1);
		pm_tstr(e, 21, "http://x/fw");
		sq_cmd(&in2, 21, 2);
		mf_sec(&m2, 20, &in2);
		sq_init(&va2);
		sq_cmd(&va2, 3, 15);
		mf_sec(&m2, 7, &va2);
		reset();
		fp_add_uri(&F, "http://x/fw", big, sizeof(big));
		ret = run(&m2, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_INT_EQ(F.comp[CA].reads, 0);
		/* the invocation procedure alone has no cache: it reads */
		ret = run(&m2, SUIT_PROC_INVOKE);
		EXPECT_INT_EQ(ret, 0);
		CHECK(F.comp[CA].reads > 0);
	}

	/* wrong payload: fetch succeeds, image-match fails */
	reset();
	big[100] ^= 1;
	fp_add_uri(&F, "http://x/fw", big, sizeof(big));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(R.command, 3);
	CHECK(content_is(CA, 0, ""));
	big[100] ^= 1;

	/* a write between fetch and image-match invalidates the cache */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 3);
	pm_digest(e, big, sizeof(big));
	pm_uint(e, 14, sizeof(big));
	pm_tstr(e, 21, "http://x/fw");
	sq_cmd(&in, 21, 2);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "zz", 2);
	sq_cmd(&in, 18, 0);
	sq_cmd(&in, 3, 15);
	mf_sec(&m, 20, &in);
	reset();
	fp_add_uri(&F, "http://x/fw", big, sizeof(big));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* more bytes than image-size */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 2);
	pm_uint(e, 14, 100);
	pm_tstr(e, 21, "http://x/fw");
	sq_cmd(&in, 21, 2);
	mf_sec(&m, 20, &in);
	reset();
	fp_add_uri(&F, "http://x/fw", big, sizeof(big));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EFBIG);

	/* URI unknown to the platform */
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOENT);
	/* no fetch support */
	reset();
	O.fetch_open = NULL;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);
}

static void test_oversized(void)
{
	static uint8_t huge[5000];
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	/* content larger than the component */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, huge, sizeof(huge));
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOSPC);
	/* fetch whose image-size is too large: refused before fetching */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 2);
	pm_uint(e, 14, 5000);
	pm_tstr(e, 21, "http://x/huge");
	sq_cmd(&in, 21, 2);
	mf_sec(&m, 20, &in);
	reset();
	fp_add_uri(&F, "http://x/huge", huge, sizeof(huge));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOSPC);
	/* no image-size: the stream overruns the component */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_tstr(e, 21, "http://x/huge");
	sq_cmd(&in, 21, 2);
	mf_sec(&m, 20, &in);
	reset();
	fp_add_uri(&F, "http://x/huge", huge, sizeof(huge));
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOSPC);
	CHECK(content_is(CA, 0, ""));
}

static void test_directives(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	/* copy (22) c -> a, swap (31), wait (29), unlink (33), invoke */
	mf_init(&m, 3);
	sq_init(&sh);
	sq_idx(&sh, 0);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	sq_idx(&in, 0);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_uint(e, 22, 2);
	sq_cmd(&in, 22, 0);
	mf_sec(&m, 20, &in);
	reset();
	fp_set_content(&F, CC, 0, "source", 6);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "source"));
	CHECK(content_is(CC, 0, "source"));
	/* copy onto itself */
	sq_init(&in);
	sq_idx(&in, 0);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_uint(e, 22, 0);
	sq_cmd(&in, 22, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	/* copy without source-component */
	sq_init(&in);
	sq_idx(&in, 0);
	sq_cmd(&in, 22, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);

	/* swap */
	sq_init(&in);
	sq_idx(&in, 0);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_uint(e, 22, 2);
	sq_cmd(&in, 31, 0);
	mf_sec(&m, 20, &in);
	reset();
	fp_set_content(&F, CA, 0, "AAA", 3);
	fp_set_content(&F, CC, 0, "CC", 2);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_INT_EQ(F.swaps, 1);
	CHECK(content_is(CA, 0, "CC"));
	CHECK(content_is(CC, 0, "AAA"));
	reset();
	O.swap = NULL;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);

	/* wait: satisfied, then suspended */
	{
		uint8_t wi[16];
		struct suit_cbor_enc w;

		suit_cbor_enc_init(&w, wi, sizeof(wi));
		suit_cbor_put_map(&w, 1);
		suit_cbor_put_uint(&w, 2);
		suit_cbor_put_int(&w, 10);
		sq_init(&in);
		sq_idx(&in, 0);
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 1);
		pm_bstr(e, 29, wi, w.len);
		sq_cmd(&in, 29, 0);
		mf_sec(&m, 20, &in);
	}
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_INT_EQ(F.waits, 1);
	reset();
	F.wait_ret = -EAGAIN;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EAGAIN);
	EXPECT_INT_EQ(R.command, 29);
	/* wait without wait-info */
	sq_init(&in);
	sq_idx(&in, 0);
	sq_cmd(&in, 29, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);

	/* unlink */
	sq_init(&in);
	sq_idx(&in, 2);
	sq_cmd(&in, 33, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_INT_EQ(F.comp[CC].unlinked, 1);

	/* invoke without an invoke op */
	sq_init(&in);
	sq_idx(&in, 0);
	sq_cmd(&in, 23, 0);
	memset(&m.sec, 0, sizeof(m.sec));
	mf_sec(&m, 9, &in);
	reset();
	O.invoke = NULL;
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_COMMAND_UNSUPPORTED);

	/* strict-order false is accepted and processed serially */
	sq_init(&in);
	sq_idx(&in, 0);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 2);
	pm_bool(e, 12, false);
	pm_bstr(e, 18, "par", 3);
	sq_cmd(&in, 18, 0);
	memset(&m.sec, 0, sizeof(m.sec));
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "par"));
}

static void test_update_management_directives(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e, *inner;
	struct mf m;
	int ret;

	/* override-multiple (34): per-component content, index ends at 2 */
	mf_init(&m, 3);
	sq_init(&sh);
	sq_idx(&sh, 0);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	sq_idx(&in, 0);
	e = sq_arg(&in, 34);
	suit_cbor_put_map(e, 2);
	suit_cbor_put_uint(e, 0);
	inner = e;
	suit_cbor_put_map(inner, 1);
	pm_bstr(inner, 18, "zero", 4);
	suit_cbor_put_uint(e, 2);
	suit_cbor_put_map(inner, 1);
	pm_bstr(inner, 18, "two", 3);
	sq_cmd(&in, 18, 0);	/* writes component 2 only */
	sq_idx(&in, 0);
	sq_cmd(&in, 18, 0);
	/* copy-params (35): component 1 takes content from 2 */
	sq_idx(&in, 1);
	e = sq_arg(&in, 35);
	suit_cbor_put_map(e, 1);
	suit_cbor_put_uint(e, 2);
	suit_cbor_put_array(e, 1);
	suit_cbor_put_int(e, 18);
	sq_cmd(&in, 18, 0);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "zero"));
	CHECK(content_is(CC, 0, "two"));
	CHECK(content_is(CB, 1, "two"));

	/* component metadata (30) is handed to the platform */
	{
		uint8_t md[16];
		struct suit_cbor_enc w;

		suit_cbor_enc_init(&w, md, sizeof(md));
		suit_cbor_put_map(&w, 1);
		suit_cbor_put_uint(&w, 5);
		suit_cbor_put_uint(&w, 1);
		sq_init(&in);
		sq_idx(&in, 0);
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 2);
		pm_bstr(e, 18, "file", 4);
		pm_bstr(e, 30, md, w.len);
		sq_cmd(&in, 18, 0);
		mf_sec(&m, 20, &in);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
		EXPECT_INT_EQ(F.comp[CA].metadata_calls, 1);
		reset();
		O.comp_metadata = NULL;
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_PARAMETER_UNSUPPORTED);
		/* an unknown metadata key is malformed */
		suit_cbor_enc_init(&w, md, sizeof(md));
		suit_cbor_put_map(&w, 1);
		suit_cbor_put_uint(&w, 9);
		suit_cbor_put_uint(&w, 1);
		sq_init(&in);
		sq_idx(&in, 0);
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 1);
		pm_bstr(e, 30, md, w.len);
		mf_sec(&m, 20, &in);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	}
}

static void test_severed(void)
{
	struct sq sh, in, tx;
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "sev");
	mf_sec(&m, 20, &in);
	m.sever[20] = true;
	/* text: {"en": {1: "desc", [h'61']: {1: "vendor"}}} */
	sq_init(&tx);
	{
		struct suit_cbor_enc t;

		suit_cbor_enc_init(&t, tx.out, sizeof(tx.out));
		suit_cbor_put_map(&t, 1);
		suit_cbor_put_tstr(&t, "en", 2);
		suit_cbor_put_map(&t, 2);
		suit_cbor_put_uint(&t, 1);
		suit_cbor_put_tstr(&t, "desc", 4);
		suit_cbor_put_array(&t, 1);
		suit_cbor_put_bstr(&t, (const uint8_t *)"a", 1);
		suit_cbor_put_map(&t, 1);
		suit_cbor_put_uint(&t, 1);
		suit_cbor_put_tstr(&t, "vendor", 6);
		tx.len = t.len;
	}
	m.sec[23] = tx.out;
	m.sec_len[23] = tx.len;
	m.sever[23] = true;
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "sev"));
	/* the install section left out of the envelope */
	m.sever_drop[20] = true;
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_SEVERING_UNSUPPORTED);
	/* ... which the invocation procedure does not need */
	reset();
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	m.sever_drop[20] = false;
	/* a severed member that does not match its digest */
	reset();
	build(&m, KEY, NULL, 0);
	{
		/* the last bytes of the envelope are the text member */
		envb[envlen - 1] ^= 0x01;
	}
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	/* malformed text (inline) */
	m.sever[23] = false;
	tx.out[0] = 0xa1;
	tx.out[1] = 0x01;	/* key 1 instead of a language tag */
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	(void)e;
}

static void test_integrated_payload(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct env_int ints[2] = {
		{ "#a", (const uint8_t *)"payload-a", 9 },
		{ "#bb", (const uint8_t *)"payload-bb", 10 },
	};
	struct mf m;
	int ret;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 2);
	pm_digest(e, "payload-bb", 10);
	pm_tstr(e, 21, "#bb");
	sq_cmd(&in, 21, 2);
	sq_cmd(&in, 3, 15);
	mf_sec(&m, 20, &in);
	reset();
	build(&m, KEY, ints, 2);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "payload-bb"));
	EXPECT_INT_EQ(F.fetch_opens, 0);
	/* integrated keys out of canonical order are rejected */
	{
		struct env_int rev[2] = { ints[1], ints[0] };

		reset();
		build(&m, KEY, rev, 2);
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_CBOR_PARSE);
	}
}

/*
 * A chain of @levels manifests, each carrying the next as the integrated
 * dependency "#d"; the last writes "deep" into component "a".
 */
static size_t build_chain(int levels, uint8_t *out, size_t cap)
{
	static uint8_t bufs[2][32768];
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct env_int di;
	struct mf m;
	size_t len = 0, ml;
	int lv;

	for (lv = levels - 1; lv >= 0; lv--) {
		uint8_t *dst = bufs[lv & 1];

		memset(&m, 0, sizeof(m));
		m.seq = 1;
		m.ncomp = 1;
		m.comp[0] = "a";
		shared_std(&sh);
		mf_sec(&m, 4, &sh);
		if (lv == levels - 1) {
			m.mcid = "leaf";
			m.seq = 3;
			install_write(&in, "deep");
			mf_sec(&m, 20, &in);
			ml = mf_encode(&m, man, sizeof(man));
			len = env_encode(man, ml, KEY, &m, NULL, 0, dst, 32768);
			continue;
		}
		m.ndep = 1;
		m.dep_idx[0] = 1;
		m.dep_prefix[0] = "dep";
		sq_init(&sh);
		sq_idx(&sh, 0);
		e = sq_arg(&sh, 20);
		suit_cbor_put_map(e, 2);
		pm_bstr(e, 1, VID, 16);
		pm_bstr(e, 2, CID, 16);
		sq_cmd(&sh, 1, 15);
		mf_sec(&m, 4, &sh);
		sq_init(&in);
		sq_idx(&in, 1);
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 1);
		pm_tstr(e, 21, "#d");
		sq_cmd(&in, 21, 0);
		sq_cmd(&in, 8, 0);	/* is-dependency */
		sq_cmd(&in, 11, 0);
		mf_sec(&m, 20, &in);
		di.name = "#d";
		di.data = bufs[(lv + 1) & 1];
		di.len = len;
		ml = mf_encode(&m, man, sizeof(man));
		len = env_encode(man, ml, KEY, &m, &di, 1, dst, 32768);
	}
	if (len > cap)
		return 0;
	memcpy(out, bufs[0], len);
	return len;
}

static void test_dependencies(void)
{
	int levels, ret;

	for (levels = 2; levels <= SUIT_MAX_DEP_DEPTH + 2; levels++) {
		reset();
		envlen = build_chain(levels, envb, sizeof(envb));
		CHECK(envlen > 0);
		ret = process(SUIT_PROC_UPDATE);
		test_ctx("dependency chain of %d", levels);
		if (levels - 1 <= SUIT_MAX_DEP_DEPTH) {
			EXPECT_OUTCOME(ret, SUIT_REASON_OK);
			CHECK(content_is(CA, 0, "deep"));
		} else {
			EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
			EXPECT_INT_EQ(ret, -ELOOP);
			CHECK(content_is(CA, 0, ""));
		}
		test_ctx(NULL);
	}
	/* anti-rollback of a dependency (by its manifest-component-id) */
	reset();
	F.have_dep_seq = true;
	F.dep_seq = 4;
	envlen = build_chain(2, envb, sizeof(envb));
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	EXPECT_INT_EQ(ret, -ESTALE);
	CHECK(content_is(CA, 0, ""));
	reset();
	F.have_dep_seq = true;
	F.dep_seq = 3;	/* equal: the installed dependency, accepted */
	envlen = build_chain(2, envb, sizeof(envb));
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	/* the root (no manifest-component-id in the chain's middle) */
	reset();
	F.have_dep_seq = true;
	F.dep_seq = 2;
	F.have_seq = true;
	F.seq = 9;	/* root sequence 1 < 9: rejected first */
	envlen = build_chain(3, envb, sizeof(envb));
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	reset();
	F.have_dep_seq = true;
	F.dep_seq = 2;
	envlen = build_chain(3, envb, sizeof(envb));
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "deep"));

	/* process-dependency on a component that is not a dependency */
	{
		struct sq sh, in;
		struct mf m;

		mf_init(&m, 1);
		shared_std(&sh);
		mf_sec(&m, 4, &sh);
		sq_init(&in);
		sq_cmd(&in, 11, 0);
		mf_sec(&m, 20, &in);
		reset();
		ret = run(&m, SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	}
	/* a dependency signed by an untrusted key */
	{
		void *save = KEY;

		reset();
		KEY = OTHER_KEY;
		envlen = build_chain(2, envb, sizeof(envb));
		KEY = save;
		/* outer is also signed by OTHER_KEY: trust it too */
		fp_trust_key(&F, OTHER_KEY);
		ret = process(SUIT_PROC_UPDATE);
		EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	}
}

static void test_reason_names(void)
{
	static const char * const names[] = {
		"ok", "cbor-parse", "cose-unsupported", "alg-unsupported",
		"unauthorised", "command-unsupported", "component-unsupported",
		"component-unauthorised", "parameter-unsupported",
		"severing-unsupported", "condition-failed", "operation-failed",
		"invoke-pending",
	};
	unsigned int i;

	for (i = 0; i < SUIT_ARRAY_SIZE(names); i++)
		EXPECT_STR_EQ(suit_reason_name((enum suit_reason)i), names[i]);
	EXPECT_STR_EQ(suit_reason_name((enum suit_reason)13), "unknown");
	EXPECT_STR_EQ(suit_reason_name((enum suit_reason)-1), "unknown");
}

static void test_report_records(void)
{
	struct sq sh, in;
	struct suit_cbor_enc *e;
	struct suit_cbor c, map, arr, rec;
	uint8_t rep[2048];
	size_t rlen, n, pairs;
	uint64_t key, v;
	struct mf m;
	int ret;

	/* write with record-on-success: one SUIT_Record in section 20 */
	mf_init(&m, 1);
	m.ref_uri = "https://example.org/m.suit";
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "r", 1);
	sq_cmd(&in, 18, 1);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	ret = suit_report_encode(&proc, (struct suit_buf){ (const uint8_t *)"N", 1 },
				 rep, sizeof(rep), &rlen);
	EXPECT_INT_EQ(ret, 0);
	/* {99: [uri, digest], 2: nonce, 3: [claims, record], 4: true} */
	CHECK(suit_cbor_init_single(&c, rep, rlen) == 0);
	CHECK(suit_cbor_enter_map(&c, &map, &pairs) == 0);
	EXPECT_UINT_EQ(pairs, 4);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 99);
	CHECK(suit_cbor_enter_array(&map, &arr, &n) == 0 && n == 2);
	{
		struct suit_buf uri;

		CHECK(suit_cbor_get_tstr(&arr, &uri) == 0 && uri.len == 26 &&
		      !memcmp(uri.ptr, "https://example.org/m.suit", 26));
	}
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 2);
	CHECK(suit_cbor_skip(&map) == 0);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 3);
	CHECK(suit_cbor_enter_array(&map, &arr, &n) == 0);
	EXPECT_UINT_EQ(n, 2);
	CHECK(suit_cbor_skip(&arr) == 0);	/* claims of the shared seq */
	CHECK(suit_cbor_enter_array(&arr, &rec, &n) == 0 && n == 5);
	CHECK(suit_cbor_skip(&rec) == 0);
	CHECK(suit_cbor_get_uint(&rec, &v) == 0);
	EXPECT_UINT_EQ(v, 20);
	CHECK(suit_cbor_get_uint(&rec, &v) == 0);
	EXPECT_UINT_EQ(v, 5);	/* after "14 a1 12 41 72" = offset 5 */
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 4);
	{
		bool t = false;

		CHECK(suit_cbor_get_bool(&map, &t) == 0 && t);
	}
	/* more events than the report keeps: the first ones, still valid */
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 18, "r", 1);
	for (int k = 0; k < SUIT_MAX_REPORT_EVENTS + 8; k++)
		sq_cmd(&in, 18, 1);
	mf_sec(&m, 20, &in);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	EXPECT_UINT_EQ(proc.nev, SUIT_MAX_REPORT_EVENTS);
	CHECK(proc.ev_dropped > 0);
	ret = suit_report_encode(&proc, (struct suit_buf){ NULL, 0 }, rep,
				 sizeof(rep), &rlen);
	EXPECT_INT_EQ(ret, 0);
	CHECK(suit_cbor_init_single(&c, rep, rlen) == 0);
	CHECK(suit_cbor_enter_map(&c, &map, &pairs) == 0);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 99);
	CHECK(suit_cbor_skip(&map) == 0);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 3);
	CHECK(suit_cbor_enter_array(&map, &arr, &n) == 0);
	/* two claim events (vendor, class) share one map */
	EXPECT_UINT_EQ(n, SUIT_MAX_REPORT_EVENTS - 1);

	/* not processed: no report */
	suit_processor_init(&proc, &P);
	ret = suit_report_encode(&proc, (struct suit_buf){ NULL, 0 }, rep,
				 sizeof(rep), &rlen);
	EXPECT_INT_EQ(ret, -EINVAL);
}

static void test_capability_report(void)
{
	uint8_t rep[1024];
	struct suit_cbor c, map, arr;
	size_t len, pairs, n, i;
	uint64_t key;
	int64_t v;
	bool has_fetch = false, has_swap = false;
	int ret;

	reset();
	O.swap = NULL;
	ret = suit_capability_report_encode(&P, NULL, 0, rep, sizeof(rep), &len);
	EXPECT_INT_EQ(ret, 0);
	CHECK(suit_cbor_init_single(&c, rep, len) == 0);
	CHECK(suit_cbor_map_check(&c) == 0);
	CHECK(suit_cbor_enter_map(&c, &map, &pairs) == 0);
	EXPECT_UINT_EQ(pairs, 10);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 1);
	CHECK(suit_cbor_skip(&map) == 0);
	CHECK(suit_cbor_get_uint(&map, &key) == 0 && key == 2);
	CHECK(suit_cbor_enter_array(&map, &arr, &n) == 0);
	for (i = 0; i < n; i++) {
		CHECK(suit_cbor_get_int(&arr, &v) == 0);
		has_fetch |= v == 21;
		has_swap |= v == 31;
	}
	CHECK(has_fetch);
	CHECK(!has_swap);
	ret = suit_capability_report_encode(&P, NULL, 0, rep, 8, &len);
	EXPECT_INT_EQ(ret, -ENOSPC);
	CHECK(len > 8);
}


/*
 * A one-component manifest (shared vendor/class checks, install writes
 * "x"), signed with KEY when @sign, with @nblk extra COSE blocks.
 */
static int run_blocks(bool sign, const struct suit_buf *blk, size_t nblk)
{
	struct sq sh, in;
	struct mf m;
	size_t ml;

	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "x");
	mf_sec(&m, 20, &in);
	ml = mf_encode(&m, man, sizeof(man));
	CHECK_MSG(ml > 0, "manifest encoding failed");
	envlen = env_encode_blocks(man, ml, sign ? KEY : NULL, &m, blk, nblk,
				   envb, sizeof(envb));
	CHECK_MSG(envlen > 0, "envelope encoding failed");
	return process(SUIT_PROC_UPDATE);
}

/* COSE_Sign1 with protected header @prot (encoded map) and a zero signature. */
static size_t sign1_block(uint8_t *out, size_t cap, const uint8_t *prot,
			  size_t plen)
{
	struct suit_cbor_enc e;
	uint8_t sig[64] = { 0 };

	suit_cbor_enc_init(&e, out, cap);
	suit_cbor_put_tag(&e, 18);
	suit_cbor_put_array(&e, 4);
	suit_cbor_put_bstr(&e, prot, plen);
	suit_cbor_put_map(&e, 0);
	suit_cbor_put_null(&e);
	suit_cbor_put_bstr(&e, sig, sizeof(sig));
	return e.err ? 0 : e.len;
}

/*
 * cose-unsupported (2) vs alg-unsupported (3): an authentication block
 * whose COSE structure is not supported here against an unsupported
 * algorithm inside a supported structure.
 */
static void test_cose_unsupported(void)
{
	/* {1: 5 (HMAC 256/256)} */
	static const uint8_t prot_hmac[] = { 0xa1, 0x01, 0x05 };
	/* {1: -7, 2: [99]}: crit names a header nobody here understands */
	static const uint8_t prot_crit[] = { 0xa2, 0x01, 0x26, 0x02, 0x81,
					     0x18, 0x63 };
	/* {1: -7, 2: ["x"]}: a text label in crit */
	static const uint8_t prot_crit_t[] = { 0xa2, 0x01, 0x26, 0x02, 0x81,
					       0x61, 0x78 };
	/* {1: -37 (PS256)}: a supported structure, unsupported algorithm */
	static const uint8_t prot_ps256[] = { 0xa1, 0x01, 0x38, 0x24 };
	/* {1: -7, 2: [4]}: crit naming kid, which is understood */
	static const uint8_t prot_crit_ok[] = { 0xa2, 0x01, 0x26, 0x02, 0x81,
						0x04 };
	uint8_t mac[128], unk[64], crit[128], critt[128], ps[128], critok[128];
	uint8_t tag32[32] = { 0 };
	struct suit_cbor_enc e;
	struct suit_buf b[2];
	int ret;

	/* COSE_Mac (97) with one AES-KW recipient */
	suit_cbor_enc_init(&e, mac, sizeof(mac));
	suit_cbor_put_tag(&e, 97);
	suit_cbor_put_array(&e, 5);
	suit_cbor_put_bstr(&e, prot_hmac, sizeof(prot_hmac));
	suit_cbor_put_map(&e, 0);
	suit_cbor_put_null(&e);
	suit_cbor_put_bstr(&e, tag32, sizeof(tag32));
	suit_cbor_put_array(&e, 1);
	suit_cbor_put_array(&e, 3);
	suit_cbor_put_bstr(&e, NULL, 0);
	suit_cbor_put_map(&e, 1);
	suit_cbor_put_int(&e, 1);
	suit_cbor_put_int(&e, -3);
	suit_cbor_put_bstr(&e, tag32, 24);
	CHECK(!e.err);
	b[0] = (struct suit_buf){ mac, e.len };

	reset();
	P.allow_unsigned = false;
	F.have_hmac = true;
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COSE_UNSUPPORTED);
	EXPECT_INT_EQ(ret, -EOPNOTSUPP);
	EXPECT_INT_EQ(F.auth_calls, 0);
	CHECK(proc.auth.cose_unsupported);
	CHECK(content_is(CA, 0, ""));
	/* allow_unsigned does not excuse it either */
	reset();
	P.allow_unsigned = true;
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COSE_UNSUPPORTED);

	/* an unknown COSE tag (16, COSE_Encrypt0) as authentication block */
	suit_cbor_enc_init(&e, unk, sizeof(unk));
	suit_cbor_put_tag(&e, 16);
	suit_cbor_put_array(&e, 3);
	suit_cbor_put_bstr(&e, NULL, 0);
	suit_cbor_put_map(&e, 0);
	suit_cbor_put_null(&e);
	CHECK(!e.err);
	b[0] = (struct suit_buf){ unk, e.len };
	reset();
	P.allow_unsigned = false;
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COSE_UNSUPPORTED);
	/* ... but an untagged or malformed block is still malformed */
	unk[0] = 0x83;
	b[0] = (struct suit_buf){ unk, e.len - 1 };
	reset();
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	EXPECT_INT_EQ(ret, -EBADMSG);

	/* COSE_Sign1 with crit headers not understood */
	b[0] = (struct suit_buf){ crit, sign1_block(crit, sizeof(crit),
					prot_crit, sizeof(prot_crit)) };
	reset();
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COSE_UNSUPPORTED);
	EXPECT_INT_EQ(F.auth_calls, 0);
	b[0] = (struct suit_buf){ critt, sign1_block(critt, sizeof(critt),
					prot_crit_t, sizeof(prot_crit_t)) };
	reset();
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_COSE_UNSUPPORTED);
	/* crit naming an understood label: checked, the zero sig fails */
	b[0] = (struct suit_buf){ critok, sign1_block(critok, sizeof(critok),
					prot_crit_ok, sizeof(prot_crit_ok)) };
	reset();
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_UNAUTHORISED);
	EXPECT_INT_EQ(ret, -EBADMSG);

	/* the contrast: PS256 in a COSE_Sign1 is alg-unsupported */
	b[0] = (struct suit_buf){ ps, sign1_block(ps, sizeof(ps), prot_ps256,
						  sizeof(prot_ps256)) };
	reset();
	ret = run_blocks(false, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_ALG_UNSUPPORTED);
	EXPECT_INT_EQ(ret, -EOPNOTSUPP);
	CHECK(!proc.auth.cose_unsupported);
	/* both kinds: the algorithm wins (the closer miss) */
	b[0] = (struct suit_buf){ crit, sign1_block(crit, sizeof(crit),
					prot_crit, sizeof(prot_crit)) };
	b[1] = (struct suit_buf){ ps, sign1_block(ps, sizeof(ps), prot_ps256,
						  sizeof(prot_ps256)) };
	reset();
	ret = run_blocks(false, b, 2);
	EXPECT_OUTCOME(ret, SUIT_REASON_ALG_UNSUPPORTED);

	/* an unsupported block next to a good signature is skipped */
	reset();
	P.allow_unsigned = false;
	ret = run_blocks(true, b, 1);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "x"));
}

/*
 * invoke-pending (12): the platform's invoke op returns -EINPROGRESS (it
 * has taken the image over and starts it once the report is out).
 */
static void test_invoke_pending(void)
{
	uint8_t rep[1024];
	struct sq sh, in, iv;
	struct suit_cbor_enc *e;
	struct mf m;
	size_t rl = 0;
	int ret;

	reset();
	mf_init(&m, 1);
	m.seq = 9;
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "img");
	mf_sec(&m, 20, &in);
	sq_init(&iv);
	sq_cmd(&iv, 23, 2);
	/* never reached: a condition that would fail */
	e = sq_arg(&iv, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 1, XID, 16);
	sq_cmd(&iv, 1, 15);
	mf_sec(&m, 9, &iv);

	P.allow_unsigned = false;
	F.invoke_ret = -EINPROGRESS;
	F.seq = 9;
	F.have_seq = true;
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_INT_EQ(ret, -EINPROGRESS);
	EXPECT_INT_EQ(R.reason, SUIT_REASON_INVOKE_PENDING);
	EXPECT_INT_EQ(R.err, -EINPROGRESS);
	EXPECT_INT_EQ(R.section, 9);
	EXPECT_INT_EQ(R.command, 23);
	EXPECT_INT_EQ(F.comp[CA].invoked, 1);
	EXPECT_INT_EQ(F.commits, 1);
	EXPECT_INT_EQ(F.aborts, 0);
	CHECK(strstr(F.trace, "invoke commit") != NULL);
	EXPECT_INT_EQ(F.open_hashes, 0);
	/* the report's result is {5: code, 6: record, 7: 12} */
	ret = suit_report_encode(&proc, (struct suit_buf){ NULL, 0 }, rep,
				 sizeof(rep), &rl);
	EXPECT_INT_EQ(ret, 0);
	CHECK(rl > 2 && rep[rl - 2] == 0x07 && rep[rl - 1] == 0x0c);
	CHECK(!strcmp(suit_reason_name(R.reason), "invoke-pending"));

	/* update and invocation: the update committed once, before invoke */
	reset();
	P.allow_unsigned = false;
	F.invoke_ret = -EINPROGRESS;
	ret = run(&m, SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
	EXPECT_INT_EQ(ret, -EINPROGRESS);
	EXPECT_INT_EQ(R.reason, SUIT_REASON_INVOKE_PENDING);
	EXPECT_INT_EQ(F.commits, 1);
	EXPECT_INT_EQ(F.aborts, 0);
	CHECK(content_is(CA, 0, "img"));
	CHECK(strstr(F.trace, "commit invoke") != NULL);

	/* any other invoke error is operation-failed, and aborts */
	reset();
	P.allow_unsigned = false;
	F.invoke_ret = -EIO;
	F.seq = 9;
	F.have_seq = true;
	ret = run(&m, SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EIO);
	F.invoke_ret = 0;
}

/*
 * Root: install fetches the integrated dependency "#d" into component 1
 * (when @fetch) and unlinks it. The dependency writes "gone" into "a" in
 * its uninstall section (24).
 */
static size_t build_unlink(bool fetch)
{
	static uint8_t dep[8192];
	struct sq sh, in, un;
	struct suit_cbor_enc *e;
	struct env_int di;
	struct mf m;
	size_t dl, ml;

	memset(&m, 0, sizeof(m));
	m.seq = 3;
	m.ncomp = 1;
	m.comp[0] = "a";
	m.mcid = "leaf";
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&un, "gone");
	mf_sec(&m, 24, &un);
	ml = mf_encode(&m, man, sizeof(man));
	dl = env_encode(man, ml, KEY, &m, NULL, 0, dep, sizeof(dep));
	CHECK(dl > 0);

	memset(&m, 0, sizeof(m));
	m.seq = 1;
	m.ncomp = 1;
	m.comp[0] = "a";
	m.ndep = 1;
	m.dep_idx[0] = 1;
	m.dep_prefix[0] = "dep";
	sq_init(&sh);
	sq_idx(&sh, 0);
	e = sq_arg(&sh, 20);
	suit_cbor_put_map(e, 2);
	pm_bstr(e, 1, VID, 16);
	pm_bstr(e, 2, CID, 16);
	sq_cmd(&sh, 1, 15);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	sq_idx(&in, 1);
	if (fetch) {
		e = sq_arg(&in, 20);
		suit_cbor_put_map(e, 1);
		pm_tstr(e, 21, "#d");
		sq_cmd(&in, 21, 0);
	}
	sq_cmd(&in, 33, 15);
	mf_sec(&m, 20, &in);
	di.name = "#d";
	di.data = dep;
	di.len = dl;
	ml = mf_encode(&m, man, sizeof(man));
	envlen = env_encode(man, ml, KEY, &m, &di, 1, envb, sizeof(envb));
	CHECK(envlen > 0);
	return envlen;
}

/* unlink (33) reaching a reference count of zero runs uninstall (24). */
static void test_unlink_uninstall(void)
{
	unsigned int n;
	int ret;

	/* the last reference: the dependency's uninstall section runs */
	reset();
	F.auto_comp = true;
	F.unlink_ret = SUIT_UNLINK_LAST;
	n = F.ncomp;
	build_unlink(true);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, "gone"));
	CHECK(F.ncomp == n + 1 && F.comp[n].unlinked == 1);
	CHECK(strstr(F.trace, "unlink") != NULL);
	/* other references remain: nothing is uninstalled */
	reset();
	F.auto_comp = true;
	F.unlink_ret = 0;
	build_unlink(true);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(content_is(CA, 0, ""));
	/* the last reference to a dependency the processor does not hold */
	reset();
	F.auto_comp = true;
	F.unlink_ret = SUIT_UNLINK_LAST;
	build_unlink(false);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -ENOENT);
	CHECK(content_is(CA, 0, ""));
	/* an unlink error is operation-failed */
	reset();
	F.auto_comp = true;
	F.unlink_ret = -EIO;
	build_unlink(true);
	ret = process(SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OPERATION_FAILED);
	EXPECT_INT_EQ(ret, -EIO);
	F.unlink_ret = 0;
}

/* The shared sequence SHOULD check vendor and class (require_vendor_class). */
static void test_vendor_class_required(void)
{
	struct sq sh, in, br;
	struct sq *brs[1];
	struct suit_cbor_enc *e;
	struct mf m;
	int ret;

	/* shared_std checks both: no warning, also when required */
	reset();
	P.require_vendor_class = true;
	mf_init(&m, 1);
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	install_write(&in, "v");
	mf_sec(&m, 20, &in);
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(!proc.identity_unchecked);

	/* vendor only */
	sq_init(&sh);
	e = sq_arg(&sh, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 1, VID, 16);
	sq_cmd(&sh, 1, 15);
	mf_sec(&m, 4, &sh);
	reset();
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);	/* default: a warning only */
	CHECK(proc.identity_unchecked);
	CHECK(content_is(CA, 0, "v"));
	reset();
	P.require_vendor_class = true;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);
	EXPECT_INT_EQ(ret, -EPERM);
	EXPECT_INT_EQ(R.section, 4);
	CHECK(content_is(CA, 0, ""));

	/* no shared sequence at all */
	m.shared = NULL;
	m.shared_len = 0;
	reset();
	P.require_vendor_class = true;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_CONDITION_FAILED);

	/* class checked inside a try-each branch counts */
	sq_init(&br);
	e = sq_arg(&br, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 2, CID, 16);
	sq_cmd(&br, 2, 15);
	sq_end(&br, NULL);
	brs[0] = &br;
	sq_init(&sh);
	e = sq_arg(&sh, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 1, VID, 16);
	sq_cmd(&sh, 1, 15);
	sq_try(&sh, 1, brs, false);
	mf_sec(&m, 4, &sh);
	reset();
	P.require_vendor_class = true;
	ret = run(&m, SUIT_PROC_UPDATE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	CHECK(!proc.identity_unchecked);
	P.require_vendor_class = false;
}

/* ---- malformed CBOR through suit_process() -------------------------------
 * A re-encoder copies a valid manifest item by item (descending into every
 * bstr that holds one CBOR item: sections, sequences, parameters) and
 * spoils exactly one item, number mut.target in pre-order, in one way.
 */
enum { MUT_NONPREF, MUT_INDEF, MUT_DUPKEY, MUT_TRAIL, MUT_WRONGTYPE, MUT_KINDS };
static const char * const mut_names[] = {
	"non-preferred head", "indefinite length", "duplicate map key",
	"trailing bytes in a bstr-wrapped item", "wrong type",
};

static struct {
	long target;
	int kind;
	long n;
	bool applied;
} mut;

/* A head one size longer than the preferred one. */
static bool put_head_long(struct suit_cbor_enc *e, unsigned int major,
			  uint64_t v)
{
	uint8_t h[9];
	unsigned int ai, n, i;

	if (v < 24)
		ai = 24;
	else if (v <= 0xff)
		ai = 25;
	else if (v <= 0xffff)
		ai = 26;
	else if (v <= 0xffffffffULL)
		ai = 27;
	else
		return false;
	n = 1u << (ai - 24);
	h[0] = (uint8_t)(major << 5 | ai);
	for (i = 0; i < n; i++)
		h[1 + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	suit_cbor_put_raw(e, h, 1 + n);
	return true;
}

static void put_head(struct suit_cbor_enc *e, unsigned int major, uint64_t v,
		     bool hit)
{
	uint8_t b[9];
	struct suit_cbor_enc t;

	if (hit && mut.kind == MUT_NONPREF && put_head_long(e, major, v)) {
		mut.applied = true;
		return;
	}
	/* the encoder's own head: encode a container/tag head via a stub */
	suit_cbor_enc_init(&t, b, sizeof(b));
	switch (major) {
	case 0: suit_cbor_put_uint(&t, v); break;
	case 1: suit_cbor_put_int(&t, -1 - (int64_t)v); break;
	case 2: suit_cbor_put_bstr_head(&t, v); break;
	case 4: suit_cbor_put_array(&t, v); break;
	case 5: suit_cbor_put_map(&t, v); break;
	case 6: suit_cbor_put_tag(&t, v); break;
	}
	if (major == 3) {
		/* text head: same form as bstr, other major type */
		suit_cbor_put_bstr_head(&t, v);
		b[0] = (uint8_t)((b[0] & 0x1f) | 0x60);
	}
	suit_cbor_put_raw(e, b, t.len);
}

static int re_item(struct suit_cbor *c, struct suit_cbor_enc *e, int depth);

static int re_bstr(struct suit_buf v, struct suit_cbor_enc *e, int depth,
		   bool hit)
{
	static uint8_t bufs[8][16384];
	struct suit_cbor in;
	struct suit_cbor_enc t;

	if (hit && mut.kind == MUT_INDEF) {
		suit_cbor_put_raw(e, (const uint8_t *)"\x5f", 1);
		put_head(e, 2, v.len, false);
		suit_cbor_put_raw(e, v.ptr, v.len);
		suit_cbor_put_raw(e, (const uint8_t *)"\xff", 1);
		mut.applied = true;
		return 0;
	}
	if (depth < 8 && v.len >= 2 && !suit_cbor_init_single(&in, v.ptr, v.len)) {
		suit_cbor_enc_init(&t, bufs[depth], sizeof(bufs[depth]));
		if (re_item(&in, &t, depth + 1) || t.err)
			return -1;
		if (hit && mut.kind == MUT_TRAIL) {
			suit_cbor_put_uint(&t, 0);
			mut.applied = true;
		}
		put_head(e, 2, t.len, hit);
		suit_cbor_put_raw(e, bufs[depth], t.len);
		return 0;
	}
	put_head(e, 2, v.len, hit);
	suit_cbor_put_raw(e, v.ptr, v.len);
	return 0;
}

static int re_item(struct suit_cbor *c, struct suit_cbor_enc *e, int depth)
{
	struct suit_cbor_item it;
	struct suit_cbor in, first;
	bool hit = mut.n++ == mut.target;
	size_t n, i;
	uint64_t tag;

	if (suit_cbor_get_tag(c, &tag) == 0) {
		put_head(e, 6, tag, hit);
		return re_item(c, e, depth);
	}
	if (suit_cbor_get(c, &it))
		return -1;
	if (hit && mut.kind == MUT_WRONGTYPE) {
		mut.applied = true;
		if (it.type == SUIT_CBOR_TSTR)
			suit_cbor_put_map(e, 0);
		else
			suit_cbor_put_tstr(e, "x", 1);
		return 0;
	}
	switch (it.type) {
	case SUIT_CBOR_UINT:
	case SUIT_CBOR_NINT:
		put_head(e, it.type, it.val, hit);
		return 0;
	case SUIT_CBOR_SIMPLE:
		if (hit && mut.kind == MUT_NONPREF) {
			uint8_t b[2] = { 0xf8, (uint8_t)it.val };

			suit_cbor_put_raw(e, b, 2);
			mut.applied = true;
			return 0;
		}
		suit_cbor_put_raw(e, it.raw.ptr, it.raw.len);
		return 0;
	case SUIT_CBOR_TSTR:
		if (hit && mut.kind == MUT_INDEF) {
			suit_cbor_put_raw(e, (const uint8_t *)"\x7f", 1);
			put_head(e, 3, it.data.len, false);
			suit_cbor_put_raw(e, it.data.ptr, it.data.len);
			suit_cbor_put_raw(e, (const uint8_t *)"\xff", 1);
			mut.applied = true;
			return 0;
		}
		put_head(e, 3, it.data.len, hit);
		suit_cbor_put_raw(e, it.data.ptr, it.data.len);
		return 0;
	case SUIT_CBOR_BSTR:
		return re_bstr(it.data, e, depth, hit);
	case SUIT_CBOR_ARRAY:
	case SUIT_CBOR_MAP:
		suit_cbor_init(&first, it.raw.ptr, it.raw.len);
		if (it.type == SUIT_CBOR_ARRAY ?
		    suit_cbor_enter_array(&first, &in, &n) :
		    suit_cbor_enter_map(&first, &in, &n))
			return -1;
		first = in;
		if (hit && mut.kind == MUT_INDEF) {
			suit_cbor_put_raw(e, it.type == SUIT_CBOR_ARRAY ?
					  (const uint8_t *)"\x9f" :
					  (const uint8_t *)"\xbf", 1);
			mut.applied = true;
		} else if (hit && mut.kind == MUT_DUPKEY &&
			   it.type == SUIT_CBOR_MAP && n) {
			put_head(e, 5, n + 1, false);
		} else {
			put_head(e, it.type, n, hit);
		}
		for (i = 0; i < (it.type == SUIT_CBOR_MAP ? 2 * n : n); i++)
			if (re_item(&in, e, depth))
				return -1;
		if (hit && mut.kind == MUT_INDEF)
			suit_cbor_put_raw(e, (const uint8_t *)"\xff", 1);
		if (hit && mut.kind == MUT_DUPKEY && it.type == SUIT_CBOR_MAP &&
		    n) {
			struct suit_cbor_item k, v;

			/* the first pair once more, verbatim */
			if (suit_cbor_get(&first, &k) || suit_cbor_get(&first, &v))
				return -1;
			suit_cbor_put_raw(e, k.raw.ptr, k.raw.len);
			suit_cbor_put_raw(e, v.raw.ptr, v.raw.len);
			mut.applied = true;
		}
		return 0;
	default:
		return -1;
	}
}

/* Re-encode @src (one item) into @dst with mutation (@kind, @target). */
static size_t mutate(const uint8_t *src, size_t len, uint8_t *dst, size_t cap,
		     int kind, long target)
{
	struct suit_cbor c;
	struct suit_cbor_enc e;

	mut.kind = kind;
	mut.target = target;
	mut.n = 0;
	mut.applied = false;
	if (suit_cbor_init_single(&c, src, len))
		return 0;
	suit_cbor_enc_init(&e, dst, cap);
	if (re_item(&c, &e, 0) || e.err)
		return 0;
	return e.len;
}

static void test_malformed_cbor(void)
{
	static uint8_t good[16384], bad[16384];
	unsigned int by_reason[MUT_KINDS][SUIT_REASON_INVOKE_PENDING + 1];
	unsigned int tried[MUT_KINDS] = { 0 };
	struct sq sh, in, va, iv, ld;
	struct suit_cbor_enc *e;
	size_t gl, bl, k;
	struct mf m;
	long t;
	int kind, ret, r;

	memset(by_reason, 0, sizeof(by_reason));
	reset();
	mf_init(&m, 1);
	m.seq = 5;
	m.ref_uri = "http://example.com/m";
	shared_std(&sh);
	mf_sec(&m, 4, &sh);
	sq_init(&in);
	e = sq_arg(&in, 20);
	suit_cbor_put_map(e, 3);
	pm_uint(e, 5, 0);
	pm_bool(e, 12, true);
	pm_bstr(e, 18, "hello", 5);
	sq_cmd(&in, 18, 15);
	mf_sec(&m, 20, &in);
	sq_init(&va);
	e = sq_arg(&va, 20);
	suit_cbor_put_map(e, 2);
	pm_digest(e, "hello", 5);
	pm_uint(e, 14, 5);
	sq_cmd(&va, 3, 15);
	mf_sec(&m, 7, &va);
	sq_init(&ld);
	sq_cmd(&ld, 3, 2);
	mf_sec(&m, 8, &ld);
	sq_init(&iv);
	e = sq_arg(&iv, 20);
	suit_cbor_put_map(e, 1);
	pm_bstr(e, 23, "go", 2);
	sq_cmd(&iv, 23, 2);
	mf_sec(&m, 9, &iv);
	gl = mf_encode(&m, good, sizeof(good));
	CHECK(gl > 0);

	/* the unspoilt copy goes through */
	bl = mutate(good, gl, bad, sizeof(bad), MUT_NONPREF, -1);
	EXPECT_MEM_EQ(bad, bl, good, gl);
	envlen = env_encode(bad, bl, NULL, &m, NULL, 0, envb, sizeof(envb));
	ret = process(SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
	EXPECT_OUTCOME(ret, SUIT_REASON_OK);
	if (ret)
		printf("# good manifest: section %d command %d err %d\n",
		       R.section, R.command, R.err);
	CHECK(content_is(CA, 0, "hello"));

	for (kind = 0; kind < MUT_KINDS; kind++) {
		unsigned int wrong = 0, accepted = 0;

		for (t = 0; ; t++) {
			bl = mutate(good, gl, bad, sizeof(bad), kind, t);
			if (t >= mut.n)
				break;
			if (!mut.applied)
				continue;
			CHECK(bl > 0);
			tried[kind]++;
			reset();
			envlen = env_encode(bad, bl, NULL, &m, NULL, 0, envb,
					    sizeof(envb));
			ret = process(SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
			r = (int)R.reason;
			if (r >= 0 && r <= SUIT_REASON_INVOKE_PENDING)
				by_reason[kind][r]++;
			/*
			 * Refused, and nothing changed; or, for the load and
			 * invoke sections (run after the update committed,
			 * their parameters are only read then), refused
			 * there with the update left committed.
			 */
			if (!ret || r == SUIT_REASON_OK || F.aborts != 1 ||
			    (F.commits ? R.section != 8 && R.section != 9 :
			     !content_is(CA, 0, ""))) {
				accepted++;
				printf("# %s at item %ld: accepted (reason %d section %d cmd %d commits %u aborts %u)\n",
				       mut_names[kind], t, r, R.section, R.command, F.commits, F.aborts);
			} else if (kind != MUT_WRONGTYPE &&
				   r != SUIT_REASON_CBOR_PARSE) {
				wrong++;
				printf("# %s at item %ld: reason %s\n",
				       mut_names[kind], t,
				       suit_reason_name(R.reason));
			}
		}
		test_ctx("%s", mut_names[kind]);
		CHECK(tried[kind] > 0);
		EXPECT_INT_EQ(accepted, 0);
		EXPECT_INT_EQ(wrong, 0);
		printf("# malformed: %-40s %3u cases:", mut_names[kind],
		       tried[kind]);
		for (r = 0; r <= SUIT_REASON_INVOKE_PENDING; r++)
			if (by_reason[kind][r])
				printf(" %s %u", suit_reason_name(r),
				       by_reason[kind][r]);
		printf("\n");
		test_ctx(NULL);
	}

	/* the envelope: truncation at every offset, and a trailing byte */
	envlen = env_encode(good, gl, NULL, &m, NULL, 0, envb, sizeof(envb));
	bl = envlen;
	memcpy(bad, envb, bl);
	{
		unsigned int nok = 0;

		for (k = 0; k < bl; k++) {
			reset();
			suit_processor_init(&proc, &P);
			ret = suit_process(&proc, bad, k, SUIT_PROC_UPDATE, &R);
			seen();
			if (!ret || F.commits || (k && F.aborts != 1))
				nok++;
			else if (k && R.reason != SUIT_REASON_CBOR_PARSE)
				nok++;
		}
		EXPECT_INT_EQ(nok, 0);
		bad[bl] = 0;
		reset();
		suit_processor_init(&proc, &P);
		ret = suit_process(&proc, bad, bl + 1, SUIT_PROC_UPDATE, &R);
		seen();
		EXPECT_INT_EQ(R.reason, SUIT_REASON_CBOR_PARSE);
		EXPECT_INT_EQ(F.commits, 0);
		printf("# malformed: envelope truncated at each of %zu offsets, and one trailing byte\n",
		       bl);
	}
}

/*
 * Inputs that once crashed fuzz_processor (kept in its corpus): mode byte
 * 0 means the rest is an envelope, processed with update and invoke. They
 * must be refused cleanly.
 */
static void test_fuzz_regressions(void)
{
	static const char * const files[] = {
		"tools/testing/fuzz/corpus/processor/regress-crash-df866bd6",
	};
	size_t i, len;
	uint8_t *buf;
	int ret;

	for (i = 0; i < SUIT_ARRAY_SIZE(files); i++) {
		buf = test_read_file(files[i], &len);
		if (!buf)
			continue;
		test_ctx("%s", files[i]);
		CHECK(len > 1 && len - 1 <= sizeof(envb) && buf[0] == 0);
		if (len > 1 && len - 1 <= sizeof(envb)) {
			reset();
			memcpy(envb, buf + 1, len - 1);
			envlen = len - 1;
			P.max_components = 1;
			ret = process(SUIT_PROC_UPDATE | SUIT_PROC_INVOKE);
			CHECK(ret < 0 && R.reason != SUIT_REASON_OK);
			EXPECT_INT_EQ(F.open_hashes, 0);
			EXPECT_INT_EQ(F.open_streams, 0);
		}
		test_ctx(NULL);
		free(buf);
	}
}

/* Every report reason 1..12 came out of suit_process() in this binary. */
static void test_reason_coverage(void)
{
	unsigned int r;

	for (r = SUIT_REASON_CBOR_PARSE; r <= SUIT_REASON_INVOKE_PENDING; r++) {
		printf("# reason %2u %-24s produced by suit_process() %u times\n",
		       r, suit_reason_name((enum suit_reason)r),
		       reasons_seen[r]);
		test_ctx("reason %u (%s)", r,
			 suit_reason_name((enum suit_reason)r));
		CHECK(reasons_seen[r] > 0);
	}
	test_ctx(NULL);
}

int main(int argc, char **argv)
{
	test_init("processor", argc, argv);
	KEY = fp_gen_p256();
	OTHER_KEY = fp_gen_p256();
	CHECK(KEY && OTHER_KEY);
	fp_init(&F);
	test_basic_signed();
	test_rollback();
	test_manifest_structure();
	test_conditions();
	test_version();
	test_slots();
	test_try_each();
	test_soft_failure_run_sequence();
	test_nesting_limit();
	test_component_index();
	test_set_vs_override();
	test_shared_restrictions();
	test_custom();
	test_fetch_and_cache();
	test_oversized();
	test_directives();
	test_update_management_directives();
	test_severed();
	test_integrated_payload();
	test_dependencies();
	test_reason_names();
	test_report_records();
	test_capability_report();
	test_cose_unsupported();
	test_invoke_pending();
	test_unlink_uninstall();
	test_vendor_class_required();
	test_malformed_cbor();
	test_fuzz_regressions();
	test_reason_coverage();
	fp_free(&F);
	fp_key_free(KEY);
	fp_key_free(OTHER_KEY);
	return test_done();
}
