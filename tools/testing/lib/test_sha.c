// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-256 / SHA-512 (lib/sha256.c, lib/sha512.c): FIPS 180-4 example
 * vectors, streaming at odd split points, and a differential test against
 * OpenSSL on random messages.
 */
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <suit/sw_crypto.h>
#include "test.h"

struct sha_vec {
	const char *name;
	const char *msg;	/* NULL: one million 'a' */
	const char *sha256, *sha512;
};

static const char m448[] =
	"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char m896[] =
	"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static const struct sha_vec vecs[] = {
	{ "empty", "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ "abc", "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ "448-bit", m448,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ "896-bit", m896,
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
	{ "million a", NULL,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

static void test_vectors(void)
{
	static uint8_t million[1000000];
	size_t i;

	memset(million, 'a', sizeof(million));
	for (i = 0; i < SUIT_ARRAY_SIZE(vecs); i++) {
		const struct sha_vec *v = &vecs[i];
		const uint8_t *m = v->msg ? (const uint8_t *)v->msg : million;
		size_t len = v->msg ? strlen(v->msg) : sizeof(million);
		uint8_t want256[32], want512[64], got[64];
		struct suit_sha256_ctx c256;
		struct suit_sha512_ctx c512;
		size_t k;

		test_ctx("%s", v->name);
		CHECK(test_unhex(v->sha256, want256, 32) == 32);
		CHECK(test_unhex(v->sha512, want512, 64) == 64);
		suit_sha256(m, len, got);
		EXPECT_MEM_EQ(got, 32, want256, 32);
		suit_sha512(m, len, got);
		EXPECT_MEM_EQ(got, 64, want512, 64);

		/* byte at a time (FIPS "million a" as 1e6 one-byte updates) */
		suit_sha256_init(&c256);
		suit_sha512_init(&c512);
		for (k = 0; k < len; k++) {
			suit_sha256_update(&c256, m + k, 1);
			suit_sha512_update(&c512, m + k, 1);
		}
		suit_sha256_final(&c256, got);
		EXPECT_MEM_EQ(got, 32, want256, 32);
		suit_sha512_final(&c512, got);
		EXPECT_MEM_EQ(got, 64, want512, 64);
	}
	test_ctx(NULL);
}

/* Stream a message at odd split points and compare with one-shot. */
static void test_streaming(void)
{
	static const size_t steps[] = { 1, 3, 7, 55, 56, 63, 64, 65, 111, 112,
					127, 128, 129, 200 };
	static uint8_t msg[2000];
	unsigned int bad256 = 0, bad512 = 0;
	size_t s, len;

	for (len = 0; len < sizeof(msg); len++)
		msg[len] = (uint8_t)(len * 7 + 3);
	for (s = 0; s < SUIT_ARRAY_SIZE(steps); s++) {
		for (len = 0; len <= 300; len++) {
			uint8_t one[64], str[64];
			struct suit_sha256_ctx c256;
			struct suit_sha512_ctx c512;
			size_t off;

			suit_sha256_init(&c256);
			suit_sha512_init(&c512);
			suit_sha256_update(&c256, NULL, 0);
			for (off = 0; off < len; off += steps[s]) {
				size_t n = len - off < steps[s] ? len - off : steps[s];

				suit_sha256_update(&c256, msg + off, n);
				suit_sha512_update(&c512, msg + off, n);
			}
			suit_sha256_final(&c256, str);
			suit_sha256(msg, len, one);
			bad256 += memcmp(one, str, 32) != 0;
			suit_sha512_final(&c512, str);
			suit_sha512(msg, len, one);
			bad512 += memcmp(one, str, 64) != 0;
		}
	}
	EXPECT_UINT_EQ(bad256, 0);
	EXPECT_UINT_EQ(bad512, 0);
}

static void test_openssl(unsigned int rounds)
{
	static uint8_t msg[2001];
	unsigned int i, bad256 = 0, bad512 = 0, err = 0, fsplit = 0;

	for (i = 0; i < rounds; i++) {
		uint8_t want[64], got[64], r[4];
		unsigned int wl = 0;
		size_t len, split;
		struct suit_sha256_ctx c256;
		struct suit_sha512_ctx c512;

		RAND_bytes(r, sizeof(r));
		len = (r[0] | r[1] << 8) % 2001;
		split = len ? (r[2] | r[3] << 8) % (len + 1) : 0;
		RAND_bytes(msg, (int)(len ? len : 1));

		suit_sha256_init(&c256);
		suit_sha256_update(&c256, msg, split);
		suit_sha256_update(&c256, msg + split, len - split);
		suit_sha256_final(&c256, got);
		if (EVP_Digest(msg, len, want, &wl, EVP_sha256(), NULL) != 1) {
			err++;
			continue;
		}
		if (memcmp(got, want, 32) && !bad256++)
			fsplit = (unsigned int)len;

		suit_sha512_init(&c512);
		suit_sha512_update(&c512, msg, split);
		suit_sha512_update(&c512, msg + split, len - split);
		suit_sha512_final(&c512, got);
		if (EVP_Digest(msg, len, want, &wl, EVP_sha512(), NULL) != 1) {
			err++;
			continue;
		}
		if (memcmp(got, want, 64) && !bad512++)
			fsplit = (unsigned int)len;
	}
	EXPECT_UINT_EQ(err, 0);
	CHECK_MSG(bad256 == 0, "%u SHA-256 mismatches (first len %u)", bad256, fsplit);
	CHECK_MSG(bad512 == 0, "%u SHA-512 mismatches (first len %u)", bad512, fsplit);
	/* every length 0..300 too, not just random ones */
	for (i = 0; i <= 300; i++) {
		uint8_t want[64], got[64];
		unsigned int wl = 0;

		suit_sha256(msg, i, got);
		EVP_Digest(msg, i, want, &wl, EVP_sha256(), NULL);
		bad256 += memcmp(got, want, 32) != 0;
		suit_sha512(msg, i, got);
		EVP_Digest(msg, i, want, &wl, EVP_sha512(), NULL);
		bad512 += memcmp(got, want, 64) != 0;
	}
	EXPECT_UINT_EQ(bad256, 0);
	EXPECT_UINT_EQ(bad512, 0);
}

int main(int argc, char **argv)
{
	test_init("sha", argc, argv);
	test_vectors();
	test_streaming();
	test_openssl(3000);
	return test_done();
}
