// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for lib/cbor.c and lib/cbor_enc.c.
 *
 *	test_cbor [REPO_ROOT [EXTRA_FILE...]]
 *
 * Sources of expected values: RFC 8949 Appendix A (examples) and Appendix F
 * (malformed items), the preferred-serialization rules of section 4.2.1,
 * and real SUIT envelopes (public test vectors, committed as the fuzz seed
 * corpus under tools/testing/fuzz/corpus/cbor/). EXTRA_FILE arguments are
 * surveyed (map order, full decode) and reported as TAP comments only.
 */
#include <suit/cbor.h>
#include "test.h"

#define CORPUS "tools/testing/fuzz/corpus/cbor/"

static uint8_t hexbuf[4096];

static size_t unhex(const char *hex)
{
	size_t n = test_unhex(hex, hexbuf, sizeof(hexbuf));

	if (n == (size_t)-1) {
		fprintf(stderr, "bad hex in test: %s\n", hex);
		exit(2);
	}
	return n;
}

/* Decode @hex as exactly one item; returns the error of init or get. */
static int dec_one(const char *hex, struct suit_cbor_item *it)
{
	struct suit_cbor c;
	size_t n = unhex(hex);
	int ret = suit_cbor_init_single(&c, hexbuf, n);

	if (ret)
		return ret;
	ret = suit_cbor_get(&c, it);
	if (ret)
		return ret;
	return suit_cbor_at_end(&c) ? 0 : -1000;
}

/* --- RFC 8949 Appendix A ------------------------------------------------ */

struct ok_vec {
	const char *hex;
	enum suit_cbor_type type;
	uint64_t val;
	const char *data;	/* hex of item.data for strings/tags, or NULL */
};

static const struct ok_vec appendix_a[] = {
	{ "00", SUIT_CBOR_UINT, 0, NULL },
	{ "01", SUIT_CBOR_UINT, 1, NULL },
	{ "0a", SUIT_CBOR_UINT, 10, NULL },
	{ "17", SUIT_CBOR_UINT, 23, NULL },
	{ "1818", SUIT_CBOR_UINT, 24, NULL },
	{ "1819", SUIT_CBOR_UINT, 25, NULL },
	{ "1864", SUIT_CBOR_UINT, 100, NULL },
	{ "1903e8", SUIT_CBOR_UINT, 1000, NULL },
	{ "1a000f4240", SUIT_CBOR_UINT, 1000000, NULL },
	{ "1b000000e8d4a51000", SUIT_CBOR_UINT, 1000000000000ULL, NULL },
	{ "1bffffffffffffffff", SUIT_CBOR_UINT, 18446744073709551615ULL, NULL },
	{ "c249010000000000000000", SUIT_CBOR_TAG, 2, "49010000000000000000" },
	{ "3bffffffffffffffff", SUIT_CBOR_NINT, 18446744073709551615ULL, NULL },
	{ "c349010000000000000000", SUIT_CBOR_TAG, 3, "49010000000000000000" },
	{ "20", SUIT_CBOR_NINT, 0, NULL },
	{ "29", SUIT_CBOR_NINT, 9, NULL },
	{ "3863", SUIT_CBOR_NINT, 99, NULL },
	{ "3903e7", SUIT_CBOR_NINT, 999, NULL },
	{ "f4", SUIT_CBOR_SIMPLE, SUIT_CBOR_FALSE, NULL },
	{ "f5", SUIT_CBOR_SIMPLE, SUIT_CBOR_TRUE, NULL },
	{ "f6", SUIT_CBOR_SIMPLE, SUIT_CBOR_NULL, NULL },
	{ "c074323031332d30332d32315432303a30343a30305a", SUIT_CBOR_TAG, 0,
	  "74323031332d30332d32315432303a30343a30305a" },
	{ "c11a514b67b0", SUIT_CBOR_TAG, 1, "1a514b67b0" },
	{ "d74401020304", SUIT_CBOR_TAG, 23, "4401020304" },
	{ "d818456449455446", SUIT_CBOR_TAG, 24, "456449455446" },
	{ "d82076687474703a2f2f7777772e6578616d706c652e636f6d", SUIT_CBOR_TAG, 32,
	  "76687474703a2f2f7777772e6578616d706c652e636f6d" },
	{ "40", SUIT_CBOR_BSTR, 0, "" },
	{ "4401020304", SUIT_CBOR_BSTR, 4, "01020304" },
	{ "60", SUIT_CBOR_TSTR, 0, "" },
	{ "6161", SUIT_CBOR_TSTR, 1, "61" },
	{ "6449455446", SUIT_CBOR_TSTR, 4, "49455446" },
	{ "62225c", SUIT_CBOR_TSTR, 2, "225c" },
	{ "62c3bc", SUIT_CBOR_TSTR, 2, "c3bc" },
	{ "63e6b0b4", SUIT_CBOR_TSTR, 3, "e6b0b4" },
	{ "64f0908591", SUIT_CBOR_TSTR, 4, "f0908591" },
	{ "80", SUIT_CBOR_ARRAY, 0, "" },
	{ "83010203", SUIT_CBOR_ARRAY, 3, "010203" },
	{ "8301820203820405", SUIT_CBOR_ARRAY, 3, "01820203820405" },
	{ "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
	  SUIT_CBOR_ARRAY, 25,
	  "0102030405060708090a0b0c0d0e0f101112131415161718181819" },
	{ "a0", SUIT_CBOR_MAP, 0, "" },
	{ "a201020304", SUIT_CBOR_MAP, 2, "01020304" },
	{ "a26161016162820203", SUIT_CBOR_MAP, 2, "6161016162820203" },
	{ "826161a161626163", SUIT_CBOR_ARRAY, 2, "6161a161626163" },
	{ "a56161614161626142616361436164614461656145", SUIT_CBOR_MAP, 5,
	  "6161614161626142616361436164614461656145" },
};

/* Appendix A items the decoder must refuse: floats, undefined, other
 * simple values, indefinite lengths.
 */
static const char *const appendix_a_rejected[] = {
	"f90000", "f98000", "f93c00", "fb3ff199999999999a", "f93e00", "f97bff",
	"fa47c35000", "fa7f7fffff", "fb7e37e43c8800759c", "f90001", "f90400",
	"f9c400", "fbc010666666666666", "f97c00", "f97e00", "f9fc00",
	"fa7f800000", "fa7fc00000", "faff800000", "fb7ff0000000000000",
	"fb7ff8000000000000", "fbfff0000000000000",
	"f7", "f0", "f8ff",
	"c1fb41d452d9ec200000",
	"5f42010243030405ff", "7f657374726561646d696e67ff", "9fff",
	"9f018202039f0405ffff", "9f01820203820405ff", "83018202039f0405ff",
	"83019f0203ff820405",
	"9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
	"bf61610161629f0203ffff", "826161bf61626163ff",
	"bf6346756ef563416d7421ff",
};

static void test_appendix_a(void)
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(appendix_a); i++) {
		const struct ok_vec *v = &appendix_a[i];
		struct suit_cbor_item it;
		size_t n;
		int ret;

		test_ctx("A %s", v->hex);
		ret = dec_one(v->hex, &it);
		if (!EXPECT_INT_EQ(ret, 0))
			continue;
		EXPECT_INT_EQ(it.type, v->type);
		EXPECT_UINT_EQ(it.val, v->val);
		n = unhex(v->hex);
		EXPECT_UINT_EQ(it.raw.len, n);
		if (v->data) {
			uint8_t want[256];
			size_t wl = test_unhex(v->data, want, sizeof(want));

			EXPECT_MEM_EQ(it.data.ptr, it.data.len, want, wl);
		}
	}
	test_ctx(NULL);

	for (i = 0; i < SUIT_ARRAY_SIZE(appendix_a_rejected); i++) {
		struct suit_cbor_item it;

		test_ctx("A rejected %s", appendix_a_rejected[i]);
		EXPECT_INT_EQ(dec_one(appendix_a_rejected[i], &it), -EBADMSG);
	}
	test_ctx(NULL);
}

/* Typed getters on Appendix A values. */
static void test_getters(void)
{
	struct suit_cbor c;
	struct suit_buf b;
	uint64_t u;
	int64_t s;
	bool bo;
	size_t n;

	n = unhex("3903e7");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -EPROTO);
	CHECK(c.pos == hexbuf);		/* not moved on error */
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), 0);
	EXPECT_INT_EQ(s, -1000);
	CHECK(suit_cbor_at_end(&c));
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -ENOENT);

	n = unhex("1b000000e8d4a51000");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), 0);
	EXPECT_INT_EQ(s, 1000000000000LL);

	n = unhex("1b7fffffffffffffff 1b8000000000000000 3b7fffffffffffffff"
		  "3b8000000000000000 1bffffffffffffffff 3bffffffffffffffff");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), 0);
	CHECK(s == INT64_MAX);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -ERANGE);
	CHECK(c.pos == hexbuf + 9);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_UINT_EQ(u, 0x8000000000000000ULL);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), 0);
	CHECK(s == INT64_MIN);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -ERANGE);
	CHECK(suit_cbor_skip(&c) == 0);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_UINT_EQ(u, UINT64_MAX);
	EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -ERANGE);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -EPROTO);
	CHECK(suit_cbor_skip(&c) == 0);
	CHECK(suit_cbor_at_end(&c));

	n = unhex("f4 f5 f6 f6 4401020304 6449455446 c11a514b67b0");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get_null(&c), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_bool(&c, &bo), 0);
	CHECK(!bo);
	EXPECT_INT_EQ(suit_cbor_get_bool(&c, &bo), 0);
	CHECK(bo);
	EXPECT_INT_EQ(suit_cbor_get_bool(&c, &bo), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_null(&c), 0);
	EXPECT_INT_EQ(suit_cbor_get_tstr(&c, &b), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_null(&c), 0);
	EXPECT_INT_EQ(suit_cbor_get_tstr(&c, &b), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_bstr(&c, &b), 0);
	EXPECT_MEM_EQ(b.ptr, b.len, "\x01\x02\x03\x04", 4);
	CHECK(b.ptr == hexbuf + 5);	/* zero-copy */
	EXPECT_INT_EQ(suit_cbor_get_bstr(&c, &b), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_tstr(&c, &b), 0);
	EXPECT_MEM_EQ(b.ptr, b.len, "IETF", 4);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_get_tag(&c, &u), 0);
	EXPECT_UINT_EQ(u, 1);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_UINT_EQ(u, 1363896240);
	CHECK(suit_cbor_at_end(&c));
	EXPECT_INT_EQ(suit_cbor_get_tag(&c, &u), -ENOENT);

	/* A tag and its content count as one item of the enclosing array. */
	{
		struct suit_cbor in;
		size_t cnt;

		n = unhex("82 d818 43a10102 07");
		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_enter_array(&c, &in, &cnt), 0);
		EXPECT_UINT_EQ(cnt, 2);
		CHECK(suit_cbor_at_end(&c));
		EXPECT_INT_EQ(suit_cbor_get_tag(&in, &u), 0);
		EXPECT_UINT_EQ(u, 24);
		EXPECT_UINT_EQ(in.remaining, 2);
		EXPECT_INT_EQ(suit_cbor_get_bstr(&in, &b), 0);
		EXPECT_UINT_EQ(b.len, 3);
		EXPECT_INT_EQ(suit_cbor_get_uint(&in, &u), 0);
		EXPECT_UINT_EQ(u, 7);
		CHECK(suit_cbor_at_end(&in));
		EXPECT_INT_EQ(suit_cbor_get_uint(&in, &u), -ENOENT);
		EXPECT_INT_EQ(suit_cbor_skip(&in), -ENOENT);
	}

	/* every getter reports malformed input and a wrong type, cursor kept */
	{
		static const char *const bad[] = { "1c", "f7", "5801", "81" };
		struct suit_cbor in;
		size_t k;

		for (k = 0; k < SUIT_ARRAY_SIZE(bad); k++) {
			n = unhex(bad[k]);
			test_ctx("getters on %s", bad[k]);
			suit_cbor_init(&c, hexbuf, n);
			EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_bool(&c, &bo), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_null(&c), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_bstr(&c, &b), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_tstr(&c, &b), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_get_tag(&c, &u), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_enter_array(&c, &in, NULL), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_enter_map(&c, &in, NULL), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, NULL), -EBADMSG);
			EXPECT_INT_EQ(suit_cbor_map_check(&c), -EBADMSG);
			CHECK(c.pos == hexbuf && c.remaining == SIZE_MAX);
		}
		n = unhex("40");
		test_ctx("getters on 40");
		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_get_int(&c, &s), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_get_bool(&c, &bo), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_get_null(&c), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_get_tstr(&c, &b), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_get_tag(&c, &u), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_enter_array(&c, &in, NULL), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_enter_map(&c, &in, NULL), -EPROTO);
		EXPECT_INT_EQ(suit_cbor_map_check(&c), -EPROTO);
		CHECK(c.pos == hexbuf && c.remaining == SIZE_MAX);
		test_ctx(NULL);
	}

	/* peek_type does not move and reports malformed heads */
	{
		enum suit_cbor_type t = SUIT_CBOR_SIMPLE;

		n = unhex("a0");
		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_peek_type(&c, &t), 0);
		EXPECT_INT_EQ(t, SUIT_CBOR_MAP);
		CHECK(c.pos == hexbuf);
		n = unhex("1c");
		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_peek_type(&c, &t), -EBADMSG);
		suit_cbor_init(&c, hexbuf, 0);
		EXPECT_INT_EQ(suit_cbor_peek_type(&c, &t), -ENOENT);
		CHECK(suit_cbor_at_end(&c));
		suit_cbor_init(&c, NULL, 0);
		CHECK(suit_cbor_at_end(&c));
		EXPECT_INT_EQ(suit_cbor_skip(&c), -ENOENT);
	}
}

/* --- RFC 8949 Appendix F: every example must be rejected ----------------- */

static const char *const appendix_f[] = {
	/* F.1 end of input in a head */
	"18", "19", "1a", "1b", "1901", "1a0102", "1b01020304050607", "38", "58",
	"78", "98", "9a01ff00", "b8", "d8", "f8", "f900", "fa0000", "fb000000",
	/* definite-length strings with short data */
	"41", "61", "5affffffff00", "5bffffffffffffffff010203", "7affffffff00",
	"7b7fffffffffffffff010203",
	/* definite-length maps and arrays not closed with enough items */
	"81", "818181818181818181", "8200", "a1", "a20102", "a100", "a2000000",
	/* tag number not followed by tag content */
	"c0",
	/* indefinite-length strings not closed by a break */
	"5f4100", "7f6100",
	/* indefinite-length maps and arrays not closed by a break */
	"9f", "9f0102", "bf", "bf01020102", "819f", "9f8000",
	"9f9f9f9f9fffffffff", "9f819f819f9fffffff",
	/* reserved additional information values */
	"1c", "1d", "1e", "3c", "3d", "3e", "5c", "5d", "5e", "7c", "7d", "7e",
	"9c", "9d", "9e", "bc", "bd", "be", "dc", "dd", "de", "fc", "fd", "fe",
	/* reserved two-byte encodings of simple values */
	"f800", "f801", "f818", "f81f",
	/* indefinite-length string chunks not of the correct type */
	"5f00ff", "5f21ff", "5f6100ff", "5f80ff", "5fa0ff", "5fc000ff", "5fe0ff",
	"7f4100ff",
	/* indefinite-length string chunks not definite length */
	"5f5f4100ffff", "7f7f6100ffff",
	/* break on its own */
	"ff",
	/* break in a definite-length array or map or a tag */
	"81ff", "8200ff", "a1ff", "a1ff00", "a100ff", "a20000ff", "9f81ff",
	"9f829f819f9fffffffff",
	/* break in an indefinite-length map value position */
	"bf00ff", "bf000000ff",
	/* major type 0, 1, 6 with additional information 31 */
	"1f", "3f", "df",
};

static void test_appendix_f(void)
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(appendix_f); i++) {
		struct suit_cbor c;
		struct suit_cbor_item it;
		size_t n = unhex(appendix_f[i]);
		const uint8_t *before;

		test_ctx("F %s", appendix_f[i]);
		EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -EBADMSG);
		/* the failed init leaves an empty cursor */
		EXPECT_INT_EQ(suit_cbor_get(&c, &it), -ENOENT);
		/* as a sequence: get fails and does not move */
		suit_cbor_init(&c, hexbuf, n);
		before = c.pos;
		EXPECT_INT_EQ(suit_cbor_get(&c, &it), -EBADMSG);
		CHECK(c.pos == before && c.remaining == SIZE_MAX);
	}
	test_ctx(NULL);

	/* reserved and indefinite additional information, with plenty of
	 * bytes after them (so that truncation cannot be the reason)
	 */
	for (i = 0; i < 8; i++) {
		unsigned int ai;

		for (ai = 28; ai <= 31; ai++) {
			uint8_t buf[40];
			struct suit_cbor c;

			memset(buf, 0, sizeof(buf));
			buf[0] = (uint8_t)(i << 5 | ai);
			test_ctx("major %zu ai %u + 39 zero bytes", i, ai);
			suit_cbor_init(&c, buf, sizeof(buf));
			EXPECT_INT_EQ(suit_cbor_skip(&c), -EBADMSG);
			buf[0] = 0x81;
			buf[1] = (uint8_t)(i << 5 | ai);
			suit_cbor_init(&c, buf, sizeof(buf));
			EXPECT_INT_EQ(suit_cbor_skip(&c), -EBADMSG);
		}
	}
	test_ctx(NULL);
}

/* --- preferred serialization (RFC 8949 4.2.1) ---------------------------- */

static const char *const non_preferred[] = {
	"1800", "1817", "190000", "1900ff", "1a00000000", "1a0000ffff",
	"1b0000000000000000", "1b00000000ffffffff",
	"3800", "3817", "3900ff", "3a0000ffff", "3b00000000ffffffff",
	"5800", "5817000102030405060708090a0b0c0d0e0f1011121314151617", "590000",
	"7800", "780161", "790000",
	"9800", "980100", "990000", "9a00000000",
	"b800", "b8010102", "b90000",
	"d80001", "d81701", "d9001801", "da0000ffff01",
	"f814", "f815", "f816", "f817",
	/* non-preferred nested inside valid containers */
	"811800", "a1011900ff", "c1190001", "82f4f814",
};

static const char *const boundaries[] = {
	"17", "1818", "18ff", "190100", "19ffff", "1a00010000", "1affffffff",
	"1b0000000100000000", "37", "3818", "38ff", "390100",
	"3b0000000100000000", "5818000102030405060708090a0b0c0d0e0f1011121314151617",
	"d818 00", "d90100 00",
};

static void test_preferred(void)
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(non_preferred); i++) {
		struct suit_cbor_item it;

		test_ctx("non-preferred %s", non_preferred[i]);
		EXPECT_INT_EQ(dec_one(non_preferred[i], &it), -EBADMSG);
	}
	for (i = 0; i < SUIT_ARRAY_SIZE(boundaries); i++) {
		struct suit_cbor_item it;

		test_ctx("shortest %s", boundaries[i]);
		EXPECT_INT_EQ(dec_one(boundaries[i], &it), 0);
	}
	test_ctx(NULL);
}

/* --- UTF-8 in text strings ---------------------------------------------- */

static void test_utf8(void)
{
	static const char *const bad[] = {
		"6180", "61bf", "61c0", "62c0af", "62c1bf", "61c3", "62c341",
		"63e080af", "63eda080", "63edbfbf", "64f08080af", "64f4908080",
		"64f5808080", "61f8", "61ff", "63e6b0", "8261616180",
	};
	static const char *const good[] = {
		"6100", "617f", "62c280", "62dfbf", "63e0a080", "63ed9fbf",
		"63ee8080", "63efbfbf", "64f0908080", "64f48fbfbf", "63efbbbf",
		"6d68c3a96c6c6f20e4b896e7958c",
	};
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(bad); i++) {
		struct suit_cbor_item it;

		test_ctx("utf8 bad %s", bad[i]);
		EXPECT_INT_EQ(dec_one(bad[i], &it), -EBADMSG);
	}
	for (i = 0; i < SUIT_ARRAY_SIZE(good); i++) {
		struct suit_cbor_item it;

		test_ctx("utf8 good %s", good[i]);
		EXPECT_INT_EQ(dec_one(good[i], &it), 0);
	}
	test_ctx(NULL);
	/* invalid UTF-8 in a bstr is just bytes */
	{
		struct suit_cbor_item it;

		EXPECT_INT_EQ(dec_one("42c0af", &it), 0);
	}
}

/* --- nesting depth ------------------------------------------------------- */

static size_t build_nested(const char *open, unsigned int depth, const char *leaf)
{
	char hex[512] = "";
	unsigned int i;

	for (i = 0; i < depth; i++)
		strcat(hex, open);
	strcat(hex, leaf);
	return unhex(hex);
}

static void test_depth(void)
{
	struct suit_cbor c, in;
	struct suit_cbor_item it;
	size_t n;
	unsigned int d;

	/* arrays */
	n = build_nested("81", SUIT_CBOR_MAX_DEPTH, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);
	n = build_nested("81", SUIT_CBOR_MAX_DEPTH + 1, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -E2BIG);
	/* the innermost empty container counts */
	n = build_nested("81", SUIT_CBOR_MAX_DEPTH - 1, "80");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);
	n = build_nested("81", SUIT_CBOR_MAX_DEPTH, "80");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -E2BIG);
	/* maps (as values) and tags count too */
	n = build_nested("a100", SUIT_CBOR_MAX_DEPTH, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);
	n = build_nested("a100", SUIT_CBOR_MAX_DEPTH + 1, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -E2BIG);
	n = build_nested("c1", SUIT_CBOR_MAX_DEPTH, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);
	n = build_nested("c1", SUIT_CBOR_MAX_DEPTH + 1, "00");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -E2BIG);
	/* maps as keys */
	n = build_nested("a1", SUIT_CBOR_MAX_DEPTH + 1, "00");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_skip(&c), -E2BIG);
	CHECK(c.pos == hexbuf);

	/* far deeper than the limit: still E2BIG, no crash */
	n = build_nested("81", 200, "00");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get(&c, &it), -E2BIG);
	n = build_nested("9f", 200, "");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get(&c, &it), -EBADMSG);

	/* a sibling after a deep item resets the depth */
	n = build_nested("82", SUIT_CBOR_MAX_DEPTH, "00");
	memset(hexbuf + n, 0, SUIT_CBOR_MAX_DEPTH);
	n += SUIT_CBOR_MAX_DEPTH;
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);

	/* entering containers step by step reaches the innermost item */
	n = build_nested("81", SUIT_CBOR_MAX_DEPTH, "07");
	suit_cbor_init(&c, hexbuf, n);
	for (d = 0; d < SUIT_CBOR_MAX_DEPTH; d++) {
		size_t cnt = 0;

		if (suit_cbor_enter_array(&c, &in, &cnt) || cnt != 1)
			break;
		c = in;
	}
	EXPECT_UINT_EQ(d, SUIT_CBOR_MAX_DEPTH);
	{
		uint64_t v = 0;

		EXPECT_INT_EQ(suit_cbor_get_uint(&c, &v), 0);
		EXPECT_UINT_EQ(v, 7);
	}
}

/* --- containers and bstr-wrapped CBOR ------------------------------------ */

static void test_containers(void)
{
	struct suit_cbor c, in, in2;
	struct suit_buf w;
	uint64_t u;
	size_t n, cnt;

	n = unhex("8301820203820405");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), 0);
	EXPECT_INT_EQ(suit_cbor_enter_map(&c, &in, &cnt), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_enter_array(&c, &in, &cnt), 0);
	EXPECT_UINT_EQ(cnt, 3);
	CHECK(suit_cbor_at_end(&c));
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), -ENOENT);
	EXPECT_INT_EQ(suit_cbor_get_uint(&in, &u), 0);
	EXPECT_UINT_EQ(u, 1);
	EXPECT_INT_EQ(suit_cbor_enter_array(&in, &in2, &cnt), 0);
	EXPECT_UINT_EQ(cnt, 2);
	EXPECT_INT_EQ(suit_cbor_get_uint(&in2, &u), 0);
	EXPECT_UINT_EQ(u, 2);
	EXPECT_INT_EQ(suit_cbor_get_uint(&in2, &u), 0);
	EXPECT_UINT_EQ(u, 3);
	CHECK(suit_cbor_at_end(&in2));
	CHECK(!suit_cbor_at_end(&in));
	EXPECT_INT_EQ(suit_cbor_skip(&in), 0);
	CHECK(suit_cbor_at_end(&in));
	EXPECT_INT_EQ(suit_cbor_skip(&in), -ENOENT);

	n = unhex("a26161016162820203");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_enter_map(&c, &in, &cnt), 0);
	EXPECT_UINT_EQ(cnt, 2);
	EXPECT_UINT_EQ(in.remaining, 4);
	EXPECT_INT_EQ(suit_cbor_get_tstr(&in, &w), 0);
	EXPECT_MEM_EQ(w.ptr, w.len, "a", 1);
	EXPECT_INT_EQ(suit_cbor_get_uint(&in, &u), 0);
	EXPECT_INT_EQ(suit_cbor_get_tstr(&in, &w), 0);
	EXPECT_MEM_EQ(w.ptr, w.len, "b", 1);
	EXPECT_INT_EQ(suit_cbor_enter_array(&in, &in2, NULL), 0);
	CHECK(suit_cbor_at_end(&in));

	/* bstr .cbor */
	n = unhex("43a10102 44a1010200 42a101 41ff 40 a0 43a10102");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), 0);
	EXPECT_UINT_EQ(w.len, 3);
	CHECK(w.ptr == hexbuf + 1);
	EXPECT_INT_EQ(suit_cbor_enter_map(&in, &in2, &cnt), 0);
	EXPECT_UINT_EQ(cnt, 1);
	CHECK(suit_cbor_at_end(&in));
	EXPECT_INT_EQ(suit_cbor_get_uint(&in, &u), -ENOENT);
	/* trailing byte inside the bstr */
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), -EBADMSG);
	CHECK(c.pos == hexbuf + 4);
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	/* truncated content */
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	/* malformed-but-length-ok content */
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	/* empty bstr: no item */
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	/* not a bstr */
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, &w), -EPROTO);
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	EXPECT_INT_EQ(suit_cbor_enter_bstr_cbor(&c, &in, NULL), 0);
	CHECK(suit_cbor_at_end(&c));

	/* single-item rules */
	n = unhex("0000");
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, n), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, 0), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_init_single(&c, NULL, 0), -EBADMSG);
	EXPECT_INT_EQ(suit_cbor_init_single(&c, hexbuf, 1), 0);
	CHECK(!suit_cbor_at_end(&c));
	EXPECT_INT_EQ(suit_cbor_skip(&c), 0);
	CHECK(suit_cbor_at_end(&c));
	EXPECT_INT_EQ(suit_cbor_skip(&c), -ENOENT);
	/* a sequence of items */
	n = unhex("01 02 03");
	suit_cbor_init(&c, hexbuf, n);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_INT_EQ(suit_cbor_get_uint(&c, &u), 0);
	EXPECT_UINT_EQ(u, 3);
	CHECK(suit_cbor_at_end(&c));

	/* a container cursor whose bytes run out early is malformed, not empty */
	n = unhex("01");
	in.pos = hexbuf;
	in.end = hexbuf;
	in.remaining = 1;
	in.checked = false;
	EXPECT_INT_EQ(suit_cbor_skip(&in), -EBADMSG);
}

/* --- map key order (deterministic encoding) ------------------------------ */

struct map_vec {
	const char *hex;
	int want;
};

static const struct map_vec map_vecs[] = {
	{ "a0", 0 },
	{ "a10102", 0 },
	{ "a201020304", 0 },
	{ "a203040102", -EBADMSG },		/* unsorted */
	{ "a201020102", -EBADMSG },		/* duplicate */
	{ "a201020103", -EBADMSG },		/* duplicate key, other value */
	{ "a20a002000", 0 },			/* 10 (0x0a) < -1 (0x20) */
	{ "a220000a00", -EBADMSG },
	{ "a2181800200a", 0 },			/* 24 (0x1818) < -1 (0x20) bytewise */
	{ "a2200a181800", -EBADMSG },		/* length-first order: not 4.2.1 */
	{ "a3010002000300", 0 },
	{ "a3010003000200", -EBADMSG },
	{ "a2616100616200", 0 },
	{ "a2616200616100", -EBADMSG },
	{ "a2616100626161 00", 0 },		/* "a" < "aa": shorter prefix first */
	{ "a2626161006161 00", -EBADMSG },
	{ "a20100616100", 0 },			/* ints before tstrs */
	{ "a26161000100", -EBADMSG },
	{ "a2410100420100 00", 0 },		/* h'01' < h'0100' */
	{ "a2 8101 00 8102 00", 0 },		/* array keys */
	{ "a2 8102 00 8101 00", -EBADMSG },
	{ "a2 8101 00 8101 00", -EBADMSG },
	{ "a2 a10102 00 a10103 00", 0 },	/* map keys */
	/* nested maps are checked too */
	{ "a2 01 a201020304 02 00", 0 },
	{ "a2 01 a203040102 02 00", -EBADMSG },
	{ "a1 01 82 00 a2 02 00 01 00", -EBADMSG },
	{ "a1 01 82 00 a2 01 00 02 00", 0 },
	{ "a1 01 c1 a2 02 00 01 00", -EBADMSG },
	{ "a1 a2 02 00 01 00 00", -EBADMSG },	/* an unsorted map as a key */
	/* not inside byte strings (bstr .cbor is checked when entered) */
	{ "a1 01 45 a203040102", 0 },
	/* not a map */
	{ "80", -EPROTO },
	{ "00", -EPROTO },
	{ "c1a0", -EPROTO },
	/* malformed */
	{ "a2010203", -EBADMSG },
	{ "a20102031800", -EBADMSG },
	{ "a1f7f6", -EBADMSG },
};

static void test_map_check(void)
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(map_vecs); i++) {
		struct suit_cbor c;
		size_t n = unhex(map_vecs[i].hex);
		const uint8_t *pos;

		test_ctx("map_check %s", map_vecs[i].hex);
		suit_cbor_init(&c, hexbuf, n);
		pos = c.pos;
		EXPECT_INT_EQ(suit_cbor_map_check(&c), map_vecs[i].want);
		CHECK(c.pos == pos);
	}
	test_ctx(NULL);
	{
		struct suit_cbor c, in;

		/* inside a container cursor, after the last item */
		unhex("81a0");
		suit_cbor_init(&c, hexbuf, 2);
		EXPECT_INT_EQ(suit_cbor_enter_array(&c, &in, NULL), 0);
		EXPECT_INT_EQ(suit_cbor_map_check(&in), 0);
		EXPECT_INT_EQ(suit_cbor_skip(&in), 0);
		EXPECT_INT_EQ(suit_cbor_map_check(&in), -ENOENT);
	}
	/* deep nesting while checking keys */
	{
		struct suit_cbor c;
		size_t n = build_nested("a100", SUIT_CBOR_MAX_DEPTH, "00");

		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_map_check(&c), 0);
		n = build_nested("a100", SUIT_CBOR_MAX_DEPTH + 1, "00");
		suit_cbor_init(&c, hexbuf, n);
		EXPECT_INT_EQ(suit_cbor_map_check(&c), -E2BIG);
	}
}

/* --- encoder ------------------------------------------------------------- */

static void test_encoder(void)
{
	static const struct { uint64_t v; const char *hex; } uints[] = {
		{ 0, "00" }, { 1, "01" }, { 10, "0a" }, { 23, "17" }, { 24, "1818" },
		{ 25, "1819" }, { 100, "1864" }, { 255, "18ff" }, { 256, "190100" },
		{ 1000, "1903e8" }, { 65535, "19ffff" }, { 65536, "1a00010000" },
		{ 1000000, "1a000f4240" }, { 0xffffffffULL, "1affffffff" },
		{ 0x100000000ULL, "1b0000000100000000" },
		{ 1000000000000ULL, "1b000000e8d4a51000" },
		{ UINT64_MAX, "1bffffffffffffffff" },
	};
	static const struct { int64_t v; const char *hex; } ints[] = {
		{ -1, "20" }, { -10, "29" }, { -24, "37" }, { -25, "3818" },
		{ -100, "3863" }, { -256, "38ff" }, { -257, "390100" },
		{ -1000, "3903e7" }, { INT64_MIN, "3b7fffffffffffffff" },
		{ INT64_MAX, "1b7fffffffffffffff" }, { 0, "00" }, { 500, "1901f4" },
	};
	uint8_t out[64], want[64];
	struct suit_cbor_enc e;
	size_t i, wl;

	for (i = 0; i < SUIT_ARRAY_SIZE(uints); i++) {
		struct suit_cbor c;
		uint64_t back = 0;

		test_ctx("put_uint %llu", (unsigned long long)uints[i].v);
		suit_cbor_enc_init(&e, out, sizeof(out));
		suit_cbor_put_uint(&e, uints[i].v);
		EXPECT_INT_EQ(e.err, 0);
		wl = test_unhex(uints[i].hex, want, sizeof(want));
		EXPECT_MEM_EQ(out, e.len, want, wl);
		suit_cbor_init(&c, out, e.len);
		EXPECT_INT_EQ(suit_cbor_get_uint(&c, &back), 0);
		EXPECT_UINT_EQ(back, uints[i].v);
	}
	for (i = 0; i < SUIT_ARRAY_SIZE(ints); i++) {
		struct suit_cbor c;
		int64_t back = 0;

		test_ctx("put_int %lld", (long long)ints[i].v);
		suit_cbor_enc_init(&e, out, sizeof(out));
		suit_cbor_put_int(&e, ints[i].v);
		EXPECT_INT_EQ(e.err, 0);
		wl = test_unhex(ints[i].hex, want, sizeof(want));
		EXPECT_MEM_EQ(out, e.len, want, wl);
		suit_cbor_init(&c, out, e.len);
		EXPECT_INT_EQ(suit_cbor_get_int(&c, &back), 0);
		EXPECT_INT_EQ(back, ints[i].v);
	}
	test_ctx(NULL);

	/* the Appendix A structures, built with the encoder */
	suit_cbor_enc_init(&e, out, sizeof(out));
	suit_cbor_put_map(&e, 2);
	suit_cbor_put_tstr(&e, "a", 1);
	suit_cbor_put_uint(&e, 1);
	suit_cbor_put_tstr(&e, "b", 1);
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_uint(&e, 3);
	EXPECT_INT_EQ(e.err, 0);
	wl = test_unhex("a26161016162820203", want, sizeof(want));
	EXPECT_MEM_EQ(out, e.len, want, wl);

	suit_cbor_enc_init(&e, out, sizeof(out));
	suit_cbor_put_tag(&e, 23);
	suit_cbor_put_bstr(&e, (const uint8_t *)"\x01\x02\x03\x04", 4);
	suit_cbor_put_tag(&e, 24);
	suit_cbor_put_bstr_head(&e, 5);
	suit_cbor_put_raw(&e, (const uint8_t *)"\x64IETF", 5);
	suit_cbor_put_bool(&e, false);
	suit_cbor_put_bool(&e, true);
	suit_cbor_put_null(&e);
	suit_cbor_put_bstr(&e, NULL, 0);
	suit_cbor_put_tstr(&e, "", 0);
	suit_cbor_put_array(&e, 0);
	suit_cbor_put_map(&e, 0);
	EXPECT_INT_EQ(e.err, 0);
	wl = test_unhex("d74401020304 d818456449455446 f4f5f6 40 60 80 a0", want, sizeof(want));
	EXPECT_MEM_EQ(out, e.len, want, wl);

	/* 25-item array head and a long string head */
	suit_cbor_enc_init(&e, out, sizeof(out));
	suit_cbor_put_array(&e, 25);
	suit_cbor_put_bstr_head(&e, 300);
	suit_cbor_put_map(&e, 70000);
	EXPECT_INT_EQ(e.err, 0);
	wl = test_unhex("9819 59012c ba00011170", want, sizeof(want));
	EXPECT_MEM_EQ(out, e.len, want, wl);

	/* overflow: keeps counting, sets -ENOSPC, writes nothing past cap */
	memset(out, 0xaa, sizeof(out));
	suit_cbor_enc_init(&e, out, 3);
	suit_cbor_put_uint(&e, 1);		/* 1 byte: fits */
	suit_cbor_put_uint(&e, 1000);		/* 3 bytes: does not */
	EXPECT_INT_EQ(e.err, -ENOSPC);
	suit_cbor_put_uint(&e, 1);		/* would fit, but error is sticky */
	suit_cbor_put_bstr(&e, (const uint8_t *)"abcdef", 6);
	EXPECT_INT_EQ(e.err, -ENOSPC);
	EXPECT_UINT_EQ(e.len, 1 + 3 + 1 + 7);
	EXPECT_UINT_EQ(out[0], 0x01);
	EXPECT_UINT_EQ(out[1], 0xaa);
	EXPECT_UINT_EQ(out[3], 0xaa);

	/* measuring with no buffer */
	suit_cbor_enc_init(&e, NULL, 0);
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_tstr(&e, "hello", 5);
	suit_cbor_put_int(&e, -500);
	EXPECT_UINT_EQ(e.len, 1 + 6 + 3);
	EXPECT_INT_EQ(e.err, -ENOSPC);

	/* exact fit */
	suit_cbor_enc_init(&e, out, 10);
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_tstr(&e, "hello", 5);
	suit_cbor_put_int(&e, -500);
	EXPECT_INT_EQ(e.err, 0);
	EXPECT_UINT_EQ(e.len, 10);

	/* size_t overflow of the length counter */
	suit_cbor_enc_init(&e, NULL, 0);
	suit_cbor_put_bstr_head(&e, 1);
	suit_cbor_put_raw(&e, (const uint8_t *)"x", SIZE_MAX);
	EXPECT_INT_EQ(e.err, -EOVERFLOW);
}

/* --- real envelopes ------------------------------------------------------ */

/*
 * Re-encode the item at @c with the encoder, descending into containers,
 * tags and bstr-wrapped CBOR; the result must equal the input bytes.
 */
static unsigned int maps_seen, maps_unordered;
static long first_unordered;
static const uint8_t *reenc_base;

static int reencode(struct suit_cbor *c, struct suit_cbor_enc *e, int depth)
{
	enum suit_cbor_type t;
	struct suit_cbor in;
	struct suit_buf b;
	size_t cnt, i;
	uint64_t u;
	int64_t s;
	bool bo;
	int ret;

	if (depth > 64)
		return -1;
	ret = suit_cbor_peek_type(c, &t);
	if (ret)
		return ret;
	switch (t) {
	case SUIT_CBOR_UINT:
		ret = suit_cbor_get_uint(c, &u);
		if (!ret)
			suit_cbor_put_uint(e, u);
		return ret;
	case SUIT_CBOR_NINT: {
		struct suit_cbor_item it;

		ret = suit_cbor_get_int(c, &s);
		if (!ret) {
			suit_cbor_put_int(e, s);
			return 0;
		}
		if (ret != -ERANGE)
			return ret;
		ret = suit_cbor_get(c, &it);
		if (!ret)
			suit_cbor_put_raw(e, it.raw.ptr, it.raw.len);
		return ret;
	}
	case SUIT_CBOR_BSTR: {
		struct suit_cbor probe = *c;
		struct suit_buf w;

		if (!suit_cbor_enter_bstr_cbor(&probe, &in, &w)) {
			*c = probe;
			suit_cbor_put_bstr_head(e, w.len);
			return reencode(&in, e, depth + 1);
		}
		ret = suit_cbor_get_bstr(c, &b);
		if (!ret)
			suit_cbor_put_bstr(e, b.ptr, b.len);
		return ret;
	}
	case SUIT_CBOR_TSTR:
		ret = suit_cbor_get_tstr(c, &b);
		if (!ret)
			suit_cbor_put_tstr(e, (const char *)b.ptr, b.len);
		return ret;
	case SUIT_CBOR_ARRAY:
	case SUIT_CBOR_MAP:
		if (t == SUIT_CBOR_ARRAY) {
			ret = suit_cbor_enter_array(c, &in, &cnt);
			if (!ret)
				suit_cbor_put_array(e, cnt);
		} else {
			maps_seen++;
			if (suit_cbor_map_check(c) == -EBADMSG) {
				if (!maps_unordered++)
					first_unordered = (long)(c->pos - reenc_base);
			}
			ret = suit_cbor_enter_map(c, &in, &cnt);
			if (!ret)
				suit_cbor_put_map(e, cnt);
			cnt *= 2;
		}
		if (ret)
			return ret;
		for (i = 0; i < cnt; i++) {
			ret = reencode(&in, e, depth + 1);
			if (ret)
				return ret;
		}
		return suit_cbor_at_end(&in) ? 0 : -1;
	case SUIT_CBOR_TAG:
		ret = suit_cbor_get_tag(c, &u);
		if (ret)
			return ret;
		suit_cbor_put_tag(e, u);
		return reencode(c, e, depth + 1);
	case SUIT_CBOR_SIMPLE:
		if (!suit_cbor_get_bool(c, &bo)) {
			suit_cbor_put_bool(e, bo);
			return 0;
		}
		ret = suit_cbor_get_null(c);
		if (!ret)
			suit_cbor_put_null(e);
		return ret;
	}
	return -1;
}

/* Envelopes (and a few other CBOR files) from the public test vectors. */
static const char *const envelopes[] = {
	"mspec-example0.signed.cbor",
	"mspec-example0.unsigned.cbor",
	"mspec-example1.signed.cbor",
	"mspec-example2.signed.cbor",
	"mspec-example2.severed-signed.cbor",
	"mspec-example3.signed.cbor",
	"mspec-example4.signed.cbor",
	"mspec-example5.signed.cbor",
	"fwenc-suit-manifest-aes-kw-content.suit",
	"fwenc-suit-manifest-aes-kw.suit",
	"fwenc-suit-manifest-aes-kw-slot.suit",
	"fwenc-suit-manifest-es-ecdh-content.suit",
	"fwenc-suit-manifest-es-ecdh-dependency.suit",
	"mtd-example0_dependent.suit",
	"mtd-example1_process.suit",
	"mtd-example2_integrated.suit",
	"libcsuit-suit_manifest_expD.suit",
	"libcsuit-suit_manifest_expU.suit",
	"libcsuit-suit_report_example0_success.cbor",
	"libcsuit-trust_anchor_esp256_cose_key_public_buf.cbor",
};

/* Survey one file: decodes? how many maps (all bstr layers) are unordered? */
static void survey_one(const char *label, const uint8_t *buf, size_t len)
{
	static uint8_t out[1 << 20];
	struct suit_cbor c;
	struct suit_cbor_enc e;
	int single = suit_cbor_init_single(&c, buf, len);
	int ret = -1;

	maps_seen = 0;
	maps_unordered = 0;
	first_unordered = -1;
	reenc_base = buf;
	if (!single) {
		suit_cbor_enc_init(&e, out, sizeof(out));
		ret = reencode(&c, &e, 0);
		if (!ret && (e.err || e.len != len || memcmp(out, buf, len)))
			ret = -2;
	}
	printf("# survey %s: single=%d reencode=%d maps=%u unordered=%u first_at=%ld\n",
	       label, single, ret, maps_seen, maps_unordered, first_unordered);
}

/*
 * Cursors over validated content ("checked": from init_single and every
 * enter) only decode heads. Walk the whole item and compare every read
 * with a fresh, unchecked cursor over the same bytes: same results.
 * Returns the number of disagreements.
 */
static unsigned int checked_equiv(const uint8_t *buf, size_t len)
{
	struct suit_cbor st[SUIT_CBOR_MAX_DEPTH + 2];
	unsigned int bad = 0, d = 0;

	if (suit_cbor_init_single(&st[0], buf, len) || !st[0].checked)
		return 1;
	while (1) {
		struct suit_cbor *c = &st[d], u, t;
		struct suit_cbor_item a, b;
		size_t n;
		uint64_t ta, tb;

		if (suit_cbor_at_end(c)) {
			if (!d)
				break;
			d--;
			continue;
		}
		suit_cbor_init(&u, c->pos, (size_t)(c->end - c->pos));
		t = u;
		if (suit_cbor_get_tag(&t, &tb) == 0) {
			if (suit_cbor_get_tag(c, &ta) || ta != tb || c->pos != t.pos)
				bad++;
			continue;
		}
		if (suit_cbor_get(&u, &b)) {
			bad++;
			break;
		}
		t = *c;
		if (suit_cbor_get(&t, &a) || a.type != b.type || a.val != b.val ||
		    a.raw.ptr != b.raw.ptr || a.raw.len != b.raw.len ||
		    a.data.ptr != b.data.ptr || a.data.len != b.data.len) {
			bad++;
			break;
		}
		if ((a.type == SUIT_CBOR_ARRAY || a.type == SUIT_CBOR_MAP) &&
		    d + 1 < SUIT_ARRAY_SIZE(st)) {
			if ((a.type == SUIT_CBOR_ARRAY ?
			     suit_cbor_enter_array(c, &st[d + 1], &n) :
			     suit_cbor_enter_map(c, &st[d + 1], &n)) ||
			    !st[d + 1].checked || c->pos != t.pos) {
				bad++;
				break;
			}
			d++;
		} else {
			*c = t;
		}
	}
	return bad;
}

static void test_envelope(const char *name)
{
	char rel[512];
	uint8_t *buf, *out;
	size_t len, k, bad_at = SIZE_MAX;
	int bad_ret = 0;
	struct suit_cbor c;
	struct suit_cbor_enc e;

	snprintf(rel, sizeof(rel), CORPUS "%s", name);
	buf = test_read_file(rel, &len);
	if (!buf)
		return;
	test_ctx("%s", name);
	CHECK(len > 0);
	EXPECT_INT_EQ(suit_cbor_init_single(&c, buf, len), 0);

	/* every strict prefix is a truncated item */
	for (k = 0; k < len; k++) {
		struct suit_cbor t;
		int ret = suit_cbor_init_single(&t, buf, k);

		if (ret != -EBADMSG && bad_at == SIZE_MAX) {
			bad_at = k;
			bad_ret = ret;
		}
	}
	CHECK_MSG(bad_at == SIZE_MAX, "prefix of %zu bytes gave %d", bad_at, bad_ret);

	/* every prefix as a sequence: get fails with -EBADMSG, cursor kept */
	bad_at = SIZE_MAX;
	for (k = 1; k < len; k++) {
		struct suit_cbor t;
		struct suit_cbor_item it;
		int ret;

		suit_cbor_init(&t, buf, k);
		ret = suit_cbor_get(&t, &it);
		if ((ret != -EBADMSG || t.pos != buf) && bad_at == SIZE_MAX) {
			bad_at = k;
			bad_ret = ret;
		}
	}
	CHECK_MSG(bad_at == SIZE_MAX, "sequence prefix of %zu bytes gave %d", bad_at, bad_ret);

	/* checked cursors read exactly what unchecked ones read */
	EXPECT_INT_EQ(checked_equiv(buf, len), 0);

	/* a trailing byte is rejected */
	{
		uint8_t *ext = malloc(len + 1);

		if (ext) {
			memcpy(ext, buf, len);
			ext[len] = 0;
			EXPECT_INT_EQ(suit_cbor_init_single(&c, ext, len + 1), -EBADMSG);
			free(ext);
		}
	}

	/* full descent and re-encoding gives the same bytes */
	out = malloc(len + 16);
	if (out) {
		int ret;

		suit_cbor_init(&c, buf, len);
		suit_cbor_enc_init(&e, out, len + 16);
		maps_seen = 0;
		maps_unordered = 0;
		reenc_base = buf;
		ret = reencode(&c, &e, 0);
		EXPECT_INT_EQ(ret, 0);
		EXPECT_INT_EQ(e.err, 0);
		EXPECT_MEM_EQ(out, e.len, buf, len);
		CHECK(suit_cbor_at_end(&c));
		free(out);
	}

	/* map order: informational here (the processor decides the policy) */
	printf("# %s: %u maps (all layers), %u not in deterministic order%s\n",
	       name, maps_seen, maps_unordered, maps_unordered ? ", first at" : "");
	if (maps_unordered)
		printf("#   offset %ld\n", first_unordered);

	/* single-bit corruption never crashes and never reads out of bounds
	 * (ASan build); the result is either an error or a valid item
	 */
	for (k = 0; k < len && k < 512; k++) {
		uint8_t *cp = malloc(len);
		struct suit_cbor t;

		if (!cp)
			break;
		memcpy(cp, buf, len);
		cp[k] ^= 0x80;
		(void)suit_cbor_init_single(&t, cp, len);
		free(cp);
	}
	test_ctx(NULL);
	free(buf);
}

int main(int argc, char **argv)
{
	size_t i;
	int a;

	test_init("cbor", argc, argv);
	test_appendix_a();
	test_getters();
	test_appendix_f();
	test_preferred();
	test_utf8();
	test_depth();
	test_containers();
	test_map_check();
	test_encoder();
	for (i = 0; i < SUIT_ARRAY_SIZE(envelopes); i++)
		test_envelope(envelopes[i]);

	for (a = 2; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		static uint8_t buf[1 << 20];
		size_t n;

		if (!f) {
			printf("# survey %s: cannot open\n", argv[a]);
			continue;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		survey_one(argv[a], buf, n);
	}
	return test_done();
}
