// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ed25519 verification (lib/ed25519.c): RFC 8032 §7.1 vectors, malformed
 * and mutated inputs, and a differential test against OpenSSL's Ed25519.
 */
#include <time.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <suit/sw_crypto.h>
#include "test.h"

struct ed_vec {
	const char *name, *pub, *msg, *sig;
};

/* RFC 8032 §7.1 (pure Ed25519). */
static const struct ed_vec rfc8032[] = {
	{ "TEST 1",
	  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
	  "",
	  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	  "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
	{ "TEST 2",
	  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
	  "72",
	  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	  "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
	{ "TEST 3",
	  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
	  "af82",
	  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
	  "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
	{ "TEST 1024",
	  "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
	  "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
	  "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
	  "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
	  "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
	  "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
	  "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
	  "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
	  "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
	  "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
	  "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
	  "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
	  "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
	  "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
	  "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
	  "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
	  "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
	  "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
	  "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
	  "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
	  "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
	  "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
	  "c60c905c15fc910840b94c00a0b9d0",
	  "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
	  "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03" },
	{ "TEST SHA(abc)",
	  "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	  "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
	  "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704" },
};

/* L, little endian */
static const uint8_t order_le[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
	0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0x10,
};

/* a += b over 32 little-endian bytes */
static void add256(uint8_t a[32], const uint8_t b[32])
{
	unsigned int c = 0, i;

	for (i = 0; i < 32; i++) {
		c += a[i] + b[i];
		a[i] = (uint8_t)c;
		c >>= 8;
	}
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void test_rfc_vectors(void)
{
	size_t i;

	for (i = 0; i < SUIT_ARRAY_SIZE(rfc8032); i++) {
		const struct ed_vec *v = &rfc8032[i];
		uint8_t pub[32], sig[64], msg[1100], bad[1100];
		size_t pl, sl, ml;

		test_ctx("%s", v->name);
		pl = test_unhex(v->pub, pub, sizeof(pub));
		sl = test_unhex(v->sig, sig, sizeof(sig));
		ml = test_unhex(v->msg, msg, sizeof(msg));
		if (!CHECK(pl == 32 && sl == 64 && ml != (size_t)-1))
			continue;
		if (!strcmp(v->name, "TEST 1024"))
			EXPECT_UINT_EQ(ml, 1023);
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), 0);

		/* a flipped bit anywhere must be rejected */
		sig[0] ^= 0x01;
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), -EBADMSG);
		sig[0] ^= 0x01;
		sig[40] ^= 0x10;
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), -EBADMSG);
		sig[40] ^= 0x10;
		pub[5] ^= 0x02;
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), -EBADMSG);
		pub[5] ^= 0x02;
		memcpy(bad, msg, ml);
		if (ml) {
			bad[ml - 1] ^= 0x80;
			EXPECT_INT_EQ(suit_ed25519_verify(pub, bad, ml, sig), -EBADMSG);
			/* truncated message */
			EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml - 1, sig), -EBADMSG);
		} else {
			bad[0] = 0;
			EXPECT_INT_EQ(suit_ed25519_verify(pub, bad, 1, sig), -EBADMSG);
		}
		/* malleability: S + L verifies mathematically but S >= L is refused */
		add256(sig + 32, order_le);
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), -EBADMSG);
		/* still intact after all that */
		test_unhex(v->sig, sig, sizeof(sig));
		EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, ml, sig), 0);
	}
	test_ctx(NULL);
}

static void test_malformed(void)
{
	uint8_t pub[32], sig[64], msg[1];
	uint8_t enc[32];

	test_unhex(rfc8032[1].pub, pub, sizeof(pub));
	test_unhex(rfc8032[1].sig, sig, sizeof(sig));
	test_unhex(rfc8032[1].msg, msg, sizeof(msg));

	/* S = L exactly */
	memcpy(sig + 32, order_le, 32);
	EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, 1, sig), -EBADMSG);
	/* S = 2^256 - 1 */
	memset(sig + 32, 0xff, 32);
	EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, 1, sig), -EBADMSG);
	test_unhex(rfc8032[1].sig, sig, sizeof(sig));

	/* non-canonical A: y = p (== 0, a valid point if reduced) */
	memset(enc, 0xff, 32);
	enc[0] = 0xed;
	enc[31] = 0x7f;
	EXPECT_INT_EQ(suit_ed25519_verify(enc, msg, 1, sig), -EBADMSG);
	/* non-canonical A: y = p + 1 (the identity if reduced) */
	enc[0] = 0xee;
	EXPECT_INT_EQ(suit_ed25519_verify(enc, msg, 1, sig), -EBADMSG);
	/* x = 0 with the sign bit set: y = 1 encoded as "negative zero" */
	memset(enc, 0, 32);
	enc[0] = 1;
	enc[31] = 0x80;
	EXPECT_INT_EQ(suit_ed25519_verify(enc, msg, 1, sig), -EBADMSG);
	/* y = 2 is not on the curve ((y^2 - 1)/(d y^2 + 1) is a non-square) */
	memset(enc, 0, 32);
	enc[0] = 2;
	EXPECT_INT_EQ(suit_ed25519_verify(enc, msg, 1, sig), -EBADMSG);
	/* non-canonical R (y = p) */
	memset(sig, 0xff, 32);
	sig[0] = 0xed;
	sig[31] = 0x7f;
	EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, 1, sig), -EBADMSG);
	/* all-zero signature and key */
	memset(sig, 0, 64);
	memset(enc, 0, 32);
	EXPECT_INT_EQ(suit_ed25519_verify(pub, msg, 1, sig), -EBADMSG);
	EXPECT_INT_EQ(suit_ed25519_verify(enc, msg, 1, sig), -EBADMSG);
	/* NULL message with a length */
	test_unhex(rfc8032[1].sig, sig, sizeof(sig));
	EXPECT_INT_EQ(suit_ed25519_verify(pub, NULL, 1, sig), -EBADMSG);
}

static int ossl_verify(const uint8_t pub[32], const uint8_t *msg, size_t len,
		       const uint8_t sig[64])
{
	EVP_PKEY *pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	EVP_MD_CTX *mctx = EVP_MD_CTX_new();
	int ok = 0;

	if (pk && mctx && EVP_DigestVerifyInit(mctx, NULL, NULL, NULL, pk) == 1)
		ok = EVP_DigestVerify(mctx, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(mctx);
	EVP_PKEY_free(pk);
	return ok;
}

static void test_differential(unsigned int rounds)
{
	unsigned int i, sign_fail = 0, good_rejected = 0, msg_mismatch = 0;
	unsigned int sig_mismatch = 0, msg_accepted = 0, sig_accepted = 0;
	unsigned int first_bad = 0;
	static uint8_t msg[512];

	for (i = 0; i < rounds; i++) {
		EVP_PKEY *pk = NULL;
		EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
		EVP_MD_CTX *mctx = EVP_MD_CTX_new();
		uint8_t pub[32], sig[64], rnd[4];
		size_t pl = 32, sl = 64, len;
		unsigned int bit;
		int lib, ossl;

		RAND_bytes(rnd, sizeof(rnd));
		len = (rnd[0] | rnd[1] << 8) % sizeof(msg);
		RAND_bytes(msg, sizeof(msg));
		if (!kctx || !mctx || EVP_PKEY_keygen_init(kctx) != 1 ||
		    EVP_PKEY_keygen(kctx, &pk) != 1 ||
		    EVP_PKEY_get_raw_public_key(pk, pub, &pl) != 1 ||
		    EVP_DigestSignInit(mctx, NULL, NULL, NULL, pk) != 1 ||
		    EVP_DigestSign(mctx, sig, &sl, msg, len) != 1) {
			sign_fail++;
			goto next;
		}
		if (suit_ed25519_verify(pub, msg, len, sig) != 0) {
			if (!good_rejected++)
				first_bad = i;
		}
		/* mutated message: OpenSSL and lib must both reject */
		if (len) {
			bit = (rnd[2] | rnd[3] << 8) % (len * 8);
			msg[bit / 8] ^= (uint8_t)(1 << (bit % 8));
			ossl = ossl_verify(pub, msg, len, sig);
			lib = suit_ed25519_verify(pub, msg, len, sig) == 0;
			msg_accepted += ossl || lib;
			msg_mismatch += ossl != lib;
			msg[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		}
		/* mutated signature: both must agree (and reject) */
		bit = (rnd[2] | rnd[3] << 8) % 512;
		sig[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		ossl = ossl_verify(pub, msg, len, sig);
		lib = suit_ed25519_verify(pub, msg, len, sig) == 0;
		sig_accepted += ossl || lib;
		sig_mismatch += ossl != lib;
next:
		EVP_MD_CTX_free(mctx);
		EVP_PKEY_CTX_free(kctx);
		EVP_PKEY_free(pk);
	}
	EXPECT_UINT_EQ(sign_fail, 0);
	CHECK_MSG(good_rejected == 0,
		  "%u of %u OpenSSL signatures rejected (first at round %u)",
		  good_rejected, rounds, first_bad);
	EXPECT_UINT_EQ(msg_mismatch, 0);
	EXPECT_UINT_EQ(msg_accepted, 0);
	EXPECT_UINT_EQ(sig_mismatch, 0);
	EXPECT_UINT_EQ(sig_accepted, 0);
	printf("# differential: %u OpenSSL key/message pairs verified\n", rounds);
}

static void test_timing(void)
{
	uint8_t pub[32], sig[64], msg[1100];
	size_t ml;
	double t0, t1;
	int i, n = 50, bad = 0;

	test_unhex(rfc8032[3].pub, pub, sizeof(pub));
	test_unhex(rfc8032[3].sig, sig, sizeof(sig));
	ml = test_unhex(rfc8032[3].msg, msg, sizeof(msg));
	t0 = now_us();
	for (i = 0; i < n; i++)
		bad |= suit_ed25519_verify(pub, msg, ml, sig);
	t1 = now_us();
	EXPECT_INT_EQ(bad, 0);
	printf("# perf: one Ed25519 verify (1023-byte message) takes %.1f us\n",
	       (t1 - t0) / n);
}

int main(int argc, char **argv)
{
	const char *r = getenv("ED25519_ROUNDS");

	test_init("ed25519", argc, argv);
	test_rfc_vectors();
	test_malformed();
	test_differential(r ? (unsigned int)atoi(r) : 2000);
	test_timing();
	return test_done();
}
