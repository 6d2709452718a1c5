// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites for suit.ko, in their own module (suit_kunit.ko) so that
 * they run after suit.ko's init: insmod kunit.ko, suit.ko, suit_kunit.ko.
 *
 *  suit-der     the COSE r||s -> DER ECDSA-Sig-Value shim
 *  suit-es256   RFC 6979 A.2.5 (P-256, SHA-256, "sample") through the
 *               kernel's public_key_verify_signature()
 *  suit-cipher  AES-GCM (GCM spec test case 4), AES-CTR (SP 800-38A
 *               F.5.1) and ChaCha20/Poly1305 (RFC 8439 2.8.2) through the
 *               streaming cipher ops, odd chunk sizes
 *  suit-cbor    lib/ CBOR decoding: values and rejected encodings
 *  suit-config  UUID and component-map parsing
 *  suit-mtd     the MTD slot backend on partition "slot_a" (skipped
 *               when there is none)
 *  suit-nand    the backend on a fake NAND registered by the test: page
 *               programming rules, bad-block skipping, erase failures,
 *               -ENOSPC, bitflip and ECC-error reads; the two-copy
 *               metadata record (newest wins, torn copy falls back);
 *               resuming a write after its whole blocks, the journal in
 *               the record and version 1 records
 *  suit-processor  lib/'s suit_process() on a crafted manifest with a
 *               fake platform: accept, wrong vendor, image mismatch,
 *               tampered and truncated envelopes
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/mtd/mtd.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/crc32.h>
#include <asm/unaligned.h>

#include <suit/cbor.h>
#include <suit/processor.h>
#include "suit_core.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

/* ---- suit-der ---------------------------------------------------------- */

static void suit_der_plain(struct kunit *test)
{
	u8 raw[64], der[72];
	size_t len;

	memset(raw, 0x11, 32);
	memset(raw + 32, 0x22, 32);
	KUNIT_ASSERT_EQ(test, suit_ecdsa_raw_to_der(raw, 64, der, sizeof(der),
						    &len), 0);
	KUNIT_ASSERT_EQ(test, len, (size_t)70);
	KUNIT_EXPECT_EQ(test, der[0], 0x30);
	KUNIT_EXPECT_EQ(test, der[1], 68);
	KUNIT_EXPECT_EQ(test, der[2], 0x02);
	KUNIT_EXPECT_EQ(test, der[3], 32);
	KUNIT_EXPECT_EQ(test, der[4], 0x11);
	KUNIT_EXPECT_EQ(test, der[36], 0x02);
	KUNIT_EXPECT_EQ(test, der[37], 32);
	KUNIT_EXPECT_EQ(test, der[38], 0x22);
}

static void suit_der_high_bit_and_zeros(struct kunit *test)
{
	u8 raw[64] = {}, der[72];
	size_t len;

	/* r = 0x80 00 .. 00 01 needs a 0x00 pad; s = 0x00 00 7f .. */
	raw[0] = 0x80;
	raw[31] = 0x01;
	raw[34] = 0x7f;
	raw[63] = 0x05;
	KUNIT_ASSERT_EQ(test, suit_ecdsa_raw_to_der(raw, 64, der, sizeof(der),
						    &len), 0);
	/* 30 L | 02 21 00 80..01 | 02 1e 7f .. 05 */
	KUNIT_EXPECT_EQ(test, der[2], 0x02);
	KUNIT_EXPECT_EQ(test, der[3], 33);
	KUNIT_EXPECT_EQ(test, der[4], 0x00);
	KUNIT_EXPECT_EQ(test, der[5], 0x80);
	KUNIT_EXPECT_EQ(test, der[4 + 33], 0x02);
	KUNIT_EXPECT_EQ(test, der[5 + 33], 30);
	KUNIT_EXPECT_EQ(test, der[6 + 33], 0x7f);
	KUNIT_EXPECT_EQ(test, len, (size_t)(2 + 2 + 33 + 2 + 30));
	KUNIT_EXPECT_EQ(test, der[1], (u8)(len - 2));
}

static void suit_der_reject(struct kunit *test)
{
	u8 raw[64] = {}, der[72];
	size_t len;

	raw[63] = 1;	/* r == 0 */
	KUNIT_EXPECT_EQ(test, suit_ecdsa_raw_to_der(raw, 64, der, sizeof(der),
						    &len), -EBADMSG);
	raw[0] = 1;
	raw[63] = 0;	/* s == 0 */
	KUNIT_EXPECT_EQ(test, suit_ecdsa_raw_to_der(raw, 64, der, sizeof(der),
						    &len), -EBADMSG);
	raw[63] = 1;
	KUNIT_EXPECT_EQ(test, suit_ecdsa_raw_to_der(raw, 63, der, sizeof(der),
						    &len), -EBADMSG);
	KUNIT_EXPECT_EQ(test, suit_ecdsa_raw_to_der(raw, 64, der, 10, &len),
			-ENOSPC);
}

static struct kunit_case suit_der_cases[] = {
	KUNIT_CASE(suit_der_plain),
	KUNIT_CASE(suit_der_high_bit_and_zeros),
	KUNIT_CASE(suit_der_reject),
	{}
};

static struct kunit_suite suit_der_suite = {
	.name = "suit-der",
	.test_cases = suit_der_cases,
};

/* ---- suit-es256: RFC 6979 A.2.5 --------------------------------------- */

static const u8 rfc6979_pub[65] = {
	0x04,
	0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d, 0x31, 0xc9, 0x61, 0xeb, 0x74,
	0xc6, 0x35, 0x6d, 0x68, 0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa, 0x6c,
	0xe6, 0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f, 0xb6,
	0x79, 0x03, 0xfe, 0x10, 0x08, 0xb8, 0xbc, 0x99, 0xa4, 0x1a, 0xe9, 0xe9,
	0x56, 0x28, 0xbc, 0x64, 0xf2, 0xf1, 0xb2, 0x0c, 0x2d, 0x7e, 0x9f, 0x51,
	0x77, 0xa3, 0xc2, 0x94, 0xd4, 0x46, 0x22, 0x99,
};

static const u8 rfc6979_sig[64] = {
	0xef, 0xd4, 0x8b, 0x2a, 0xac, 0xb6, 0xa8, 0xfd, 0x11, 0x40, 0xdd, 0x9c,
	0xd4, 0x5e, 0x81, 0xd6, 0x9d, 0x2c, 0x87, 0x7b, 0x56, 0xaa, 0xf9, 0x91,
	0xc3, 0x4d, 0x0e, 0xa8, 0x4e, 0xaf, 0x37, 0x16,
	0xf7, 0xcb, 0x1c, 0x94, 0x2d, 0x65, 0x7c, 0x41, 0xd4, 0x36, 0xc7, 0xa1,
	0xb6, 0xe2, 0x9f, 0x65, 0xf3, 0xe9, 0x00, 0xdb, 0xb9, 0xaf, 0xf4, 0x06,
	0x4d, 0xc4, 0xab, 0x2f, 0x84, 0x3a, 0xcd, 0xa8,
};

static void suit_es256_good(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub, 65,
						    (const u8 *)"sample", 6,
						    rfc6979_sig, 64), 0);
	/* the 64-byte X||Y form of the same key */
	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub + 1, 64,
						    (const u8 *)"sample", 6,
						    rfc6979_sig, 64), 0);
}

static void suit_es256_bad(struct kunit *test)
{
	u8 sig[64];

	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub, 65,
						    (const u8 *)"samplf", 6,
						    rfc6979_sig, 64), -EBADMSG);
	memcpy(sig, rfc6979_sig, 64);
	sig[40] ^= 0x01;
	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub, 65,
						    (const u8 *)"sample", 6,
						    sig, 64), -EBADMSG);
	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub, 65,
						    (const u8 *)"sample", 6,
						    rfc6979_sig, 63), -EBADMSG);
	KUNIT_EXPECT_EQ(test, suit_es256_verify_raw(rfc6979_pub, 33,
						    (const u8 *)"sample", 6,
						    rfc6979_sig, 64), -EINVAL);
}

static struct kunit_case suit_es256_cases[] = {
	KUNIT_CASE(suit_es256_good),
	KUNIT_CASE(suit_es256_bad),
	{}
};

static struct kunit_suite suit_es256_suite = {
	.name = "suit-es256",
	.test_cases = suit_es256_cases,
};

/* ---- suit-cipher ------------------------------------------------------- */

static const u8 gcm_key[16] = {
	0xfe, 0xff, 0xe9, 0x92, 0x86, 0x65, 0x73, 0x1c,
	0x6d, 0x6a, 0x8f, 0x94, 0x67, 0x30, 0x83, 0x08,
};

static const u8 gcm_iv[12] = {
	0xca, 0xfe, 0xba, 0xbe, 0xfa, 0xce, 0xdb, 0xad, 0xde, 0xca, 0xf8, 0x88,
};

static const u8 gcm_aad[20] = {
	0xfe, 0xed, 0xfa, 0xce, 0xde, 0xad, 0xbe, 0xef, 0xfe, 0xed, 0xfa, 0xce,
	0xde, 0xad, 0xbe, 0xef, 0xab, 0xad, 0xda, 0xd2,
};

static const u8 gcm_pt[60] = {
	0xd9, 0x31, 0x32, 0x25, 0xf8, 0x84, 0x06, 0xe5, 0xa5, 0x59, 0x09, 0xc5,
	0xaf, 0xf5, 0x26, 0x9a, 0x86, 0xa7, 0xa9, 0x53, 0x15, 0x34, 0xf7, 0xda,
	0x2e, 0x4c, 0x30, 0x3d, 0x8a, 0x31, 0x8a, 0x72, 0x1c, 0x3c, 0x0c, 0x95,
	0x95, 0x68, 0x09, 0x53, 0x2f, 0xcf, 0x0e, 0x24, 0x49, 0xa6, 0xb5, 0x25,
	0xb1, 0x6a, 0xed, 0xf5, 0xaa, 0x0d, 0xe6, 0x57, 0xba, 0x63, 0x7b, 0x39,
};

static const u8 gcm_ct[60] = {
	0x42, 0x83, 0x1e, 0xc2, 0x21, 0x77, 0x74, 0x24, 0x4b, 0x72, 0x21, 0xb7,
	0x84, 0xd0, 0xd4, 0x9c, 0xe3, 0xaa, 0x21, 0x2f, 0x2c, 0x02, 0xa4, 0xe0,
	0x35, 0xc1, 0x7e, 0x23, 0x29, 0xac, 0xa1, 0x2e, 0x21, 0xd5, 0x14, 0xb2,
	0x54, 0x66, 0x93, 0x1c, 0x7d, 0x8f, 0x6a, 0x5a, 0xac, 0x84, 0xaa, 0x05,
	0x1b, 0xa3, 0x0b, 0x39, 0x6a, 0x0a, 0xac, 0x97, 0x3d, 0x58, 0xe0, 0x91,
};

static const u8 gcm_tag[16] = {
	0x5b, 0xc9, 0x4f, 0xbc, 0x32, 0x21, 0xa5, 0xdb,
	0x94, 0xfa, 0xe9, 0x5a, 0xe7, 0x12, 0x1a, 0x47,
};

/* Decrypt @ct in chunks of 1, 7, 16, 17, ... bytes. */
static int suit_decrypt_chunks(void *ctx, const u8 *ct, u8 *out, size_t len)
{
	static const size_t steps[] = { 1, 7, 16, 17, 3, 64 };
	size_t off = 0, i = 0;
	int ret;

	while (off < len) {
		size_t n = min(steps[i++ % ARRAY_SIZE(steps)], len - off);

		ret = suit_cipher_update(NULL, ctx, ct + off, out + off, n);
		if (ret)
			return ret;
		off += n;
	}
	return 0;
}

static void suit_gcm_vector(struct kunit *test)
{
	struct suit_cipher_req req = {
		.alg = SUIT_COSE_ALG_A128GCM,
		.key = { gcm_key, sizeof(gcm_key) },
		.iv = { gcm_iv, sizeof(gcm_iv) },
		.aad = { gcm_aad, sizeof(gcm_aad) },
	};
	u8 out[60], tag[16];
	struct suit_buf good_tag = { gcm_tag, 16 }, bad_tag = { tag, 16 };
	void *ctx;

	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, gcm_ct, out, 60), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out, gcm_pt, 60), 0);
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, good_tag), 0);

	/* a wrong tag is refused */
	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, gcm_ct, out, 60), 0);
	memcpy(tag, gcm_tag, 16);
	tag[15] ^= 0x80;
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, bad_tag), -EBADMSG);

	/* tampered ciphertext is refused */
	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	memcpy(out, gcm_ct, 60);
	out[30] ^= 1;
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, out, out, 60), 0);
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, good_tag), -EBADMSG);
}

static const u8 ctr_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};

static const u8 ctr_iv[16] = {
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

static const u8 ctr_pt[64] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96, 0xe9, 0x3d, 0x7e, 0x11,
	0x73, 0x93, 0x17, 0x2a, 0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51, 0x30, 0xc8, 0x1c, 0x46,
	0xa3, 0x5c, 0xe4, 0x11, 0xe5, 0xfb, 0xc1, 0x19, 0x1a, 0x0a, 0x52, 0xef,
	0xf6, 0x9f, 0x24, 0x45, 0xdf, 0x4f, 0x9b, 0x17, 0xad, 0x2b, 0x41, 0x7b,
	0xe6, 0x6c, 0x37, 0x10,
};

static const u8 ctr_ct[64] = {
	0x87, 0x4d, 0x61, 0x91, 0xb6, 0x20, 0xe3, 0x26, 0x1b, 0xef, 0x68, 0x64,
	0x99, 0x0d, 0xb6, 0xce, 0x98, 0x06, 0xf6, 0x6b, 0x79, 0x70, 0xfd, 0xff,
	0x86, 0x17, 0x18, 0x7b, 0xb9, 0xff, 0xfd, 0xff, 0x5a, 0xe4, 0xdf, 0x3e,
	0xdb, 0xd5, 0xd3, 0x5e, 0x5b, 0x4f, 0x09, 0x02, 0x0d, 0xb0, 0x3e, 0xab,
	0x1e, 0x03, 0x1d, 0xda, 0x2f, 0xbe, 0x03, 0xd1, 0x79, 0x21, 0x70, 0xa0,
	0xf3, 0x00, 0x9c, 0xee,
};

static void suit_ctr_vector(struct kunit *test)
{
	struct suit_cipher_req req = {
		.alg = SUIT_COSE_ALG_A128CTR,
		.key = { ctr_key, sizeof(ctr_key) },
		.iv = { ctr_iv, sizeof(ctr_iv) },
	};
	struct suit_buf no_tag = { NULL, 0 };
	u8 out[64];
	void *ctx;

	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, ctr_ct, out, 64), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out, ctr_pt, 64), 0);
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, no_tag), 0);
}

/* RFC 8439 2.8.2 */
static const u8 cc_key[32] = {
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b,
	0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
};

static const u8 cc_nonce[12] = {
	0x07, 0x00, 0x00, 0x00, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
};

static const u8 cc_aad[12] = {
	0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
};

/* "Ladies and Gentlemen of the class of '99: If I could offer you only
 * one tip for the future, sunscreen would be it."
 */
static const u8 cc_pt[114] = {
	0x4c, 0x61, 0x64, 0x69, 0x65, 0x73, 0x20, 0x61, 0x6e, 0x64, 0x20, 0x47,
	0x65, 0x6e, 0x74, 0x6c, 0x65, 0x6d, 0x65, 0x6e, 0x20, 0x6f, 0x66, 0x20,
	0x74, 0x68, 0x65, 0x20, 0x63, 0x6c, 0x61, 0x73, 0x73, 0x20, 0x6f, 0x66,
	0x20, 0x27, 0x39, 0x39, 0x3a, 0x20, 0x49, 0x66, 0x20, 0x49, 0x20, 0x63,
	0x6f, 0x75, 0x6c, 0x64, 0x20, 0x6f, 0x66, 0x66, 0x65, 0x72, 0x20, 0x79,
	0x6f, 0x75, 0x20, 0x6f, 0x6e, 0x6c, 0x79, 0x20, 0x6f, 0x6e, 0x65, 0x20,
	0x74, 0x69, 0x70, 0x20, 0x66, 0x6f, 0x72, 0x20, 0x74, 0x68, 0x65, 0x20,
	0x66, 0x75, 0x74, 0x75, 0x72, 0x65, 0x2c, 0x20, 0x73, 0x75, 0x6e, 0x73,
	0x63, 0x72, 0x65, 0x65, 0x6e, 0x20, 0x77, 0x6f, 0x75, 0x6c, 0x64, 0x20,
	0x62, 0x65, 0x20, 0x69, 0x74, 0x2e,
};

static const u8 cc_ct[114] = {
	0xd3, 0x1a, 0x8d, 0x34, 0x64, 0x8e, 0x60, 0xdb, 0x7b, 0x86, 0xaf, 0xbc,
	0x53, 0xef, 0x7e, 0xc2, 0xa4, 0xad, 0xed, 0x51, 0x29, 0x6e, 0x08, 0xfe,
	0xa9, 0xe2, 0xb5, 0xa7, 0x36, 0xee, 0x62, 0xd6, 0x3d, 0xbe, 0xa4, 0x5e,
	0x8c, 0xa9, 0x67, 0x12, 0x82, 0xfa, 0xfb, 0x69, 0xda, 0x92, 0x72, 0x8b,
	0x1a, 0x71, 0xde, 0x0a, 0x9e, 0x06, 0x0b, 0x29, 0x05, 0xd6, 0xa5, 0xb6,
	0x7e, 0xcd, 0x3b, 0x36, 0x92, 0xdd, 0xbd, 0x7f, 0x2d, 0x77, 0x8b, 0x8c,
	0x98, 0x03, 0xae, 0xe3, 0x28, 0x09, 0x1b, 0x58, 0xfa, 0xb3, 0x24, 0xe4,
	0xfa, 0xd6, 0x75, 0x94, 0x55, 0x85, 0x80, 0x8b, 0x48, 0x31, 0xd7, 0xbc,
	0x3f, 0xf4, 0xde, 0xf0, 0x8e, 0x4b, 0x7a, 0x9d, 0xe5, 0x76, 0xd2, 0x65,
	0x86, 0xce, 0xc6, 0x4b, 0x61, 0x16,
};

static const u8 cc_tag[16] = {
	0x1a, 0xe1, 0x0b, 0x59, 0x4f, 0x09, 0xe2, 0x6a, 0x7e, 0x90, 0x2e, 0xcb,
	0xd0, 0x60, 0x06, 0x91,
};

static void suit_chacha_vector(struct kunit *test)
{
	struct suit_cipher_req req = {
		.alg = SUIT_COSE_ALG_CHACHA20_POLY1305,
		.key = { cc_key, sizeof(cc_key) },
		.iv = { cc_nonce, sizeof(cc_nonce) },
		.aad = { cc_aad, sizeof(cc_aad) },
	};
	struct suit_buf good_tag = { cc_tag, 16 };
	u8 out[114];
	void *ctx;

	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, cc_ct, out, 114), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out, cc_pt, 114), 0);
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, good_tag), 0);

	/* altered ciphertext */
	KUNIT_ASSERT_EQ(test, suit_cipher_init(NULL, &req, &ctx), 0);
	memcpy(out, cc_ct, 114);
	out[100] ^= 4;
	KUNIT_ASSERT_EQ(test, suit_decrypt_chunks(ctx, out, out, 114), 0);
	KUNIT_EXPECT_EQ(test, suit_cipher_final(NULL, ctx, good_tag), -EBADMSG);
}

static void suit_cipher_unsupported(struct kunit *test)
{
	struct suit_cipher_req req = {
		.alg = 99,
		.key = { ctr_key, sizeof(ctr_key) },
		.iv = { gcm_iv, sizeof(gcm_iv) },
	};
	void *ctx;

	KUNIT_EXPECT_EQ(test, suit_cipher_init(NULL, &req, &ctx), -EOPNOTSUPP);
	/* ChaCha20 needs a 256-bit key */
	req.alg = SUIT_COSE_ALG_CHACHA20_POLY1305;
	KUNIT_EXPECT_EQ(test, suit_cipher_init(NULL, &req, &ctx), -EINVAL);
}

static struct kunit_case suit_cipher_cases[] = {
	KUNIT_CASE(suit_gcm_vector),
	KUNIT_CASE(suit_ctr_vector),
	KUNIT_CASE(suit_chacha_vector),
	KUNIT_CASE(suit_cipher_unsupported),
	{}
};

static struct kunit_suite suit_cipher_suite = {
	.name = "suit-cipher",
	.test_cases = suit_cipher_cases,
};

/* ---- suit-cbor --------------------------------------------------------- */

static int suit_cbor_uint_of(const u8 *b, size_t len, u64 *v)
{
	struct suit_cbor c;
	int ret = suit_cbor_init_single(&c, b, len);

	return ret ? ret : suit_cbor_get_uint(&c, v);
}

static void suit_cbor_values(struct kunit *test)
{
	static const u8 u100[] = { 0x18, 0x64 };
	static const u8 u1m[] = { 0x1a, 0x00, 0x0f, 0x42, 0x40 };
	static const u8 n500[] = { 0x39, 0x01, 0xf3 };
	static const u8 arr[] = { 0x83, 0x01, 0x02, 0x03 };
	struct suit_cbor c, in;
	size_t n;
	s64 i;
	u64 v;

	KUNIT_ASSERT_EQ(test, suit_cbor_uint_of(u100, sizeof(u100), &v), 0);
	KUNIT_EXPECT_EQ(test, v, 100ULL);
	KUNIT_ASSERT_EQ(test, suit_cbor_uint_of(u1m, sizeof(u1m), &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1000000ULL);

	suit_cbor_init(&c, n500, sizeof(n500));
	KUNIT_ASSERT_EQ(test, suit_cbor_get_int(&c, &i), 0);
	KUNIT_EXPECT_EQ(test, i, -500LL);

	suit_cbor_init(&c, arr, sizeof(arr));
	KUNIT_ASSERT_EQ(test, suit_cbor_enter_array(&c, &in, &n), 0);
	KUNIT_EXPECT_EQ(test, n, (size_t)3);
	KUNIT_ASSERT_EQ(test, suit_cbor_get_uint(&in, &v), 0);
	KUNIT_EXPECT_EQ(test, v, 1ULL);
}

static void suit_cbor_rejects(struct kunit *test)
{
	static const u8 truncated[] = { 0x19, 0x01 };
	static const u8 not_shortest[] = { 0x18, 0x05 };
	static const u8 indefinite[] = { 0x9f, 0x01, 0xff };
	static const u8 flt[] = { 0xf9, 0x3c, 0x00 };
	static const u8 bstr_short[] = { 0x45, 0x01, 0x02 };
	static const u8 trailing[] = { 0x01, 0x02 };
	static const u8 unsorted_map[] = { 0xa2, 0x02, 0x00, 0x01, 0x00 };
	static const u8 dup_map[] = { 0xa2, 0x01, 0x00, 0x01, 0x00 };
	struct suit_cbor c;
	struct suit_cbor_item it;
	u64 v;

	KUNIT_EXPECT_EQ(test, suit_cbor_uint_of(truncated, 2, &v), -EBADMSG);
	KUNIT_EXPECT_EQ(test, suit_cbor_uint_of(not_shortest, 2, &v), -EBADMSG);
	suit_cbor_init(&c, indefinite, sizeof(indefinite));
	KUNIT_EXPECT_EQ(test, suit_cbor_get(&c, &it), -EBADMSG);
	suit_cbor_init(&c, flt, sizeof(flt));
	KUNIT_EXPECT_EQ(test, suit_cbor_get(&c, &it), -EBADMSG);
	suit_cbor_init(&c, bstr_short, sizeof(bstr_short));
	KUNIT_EXPECT_EQ(test, suit_cbor_get(&c, &it), -EBADMSG);
	KUNIT_EXPECT_NE(test, suit_cbor_init_single(&c, trailing, 2), 0);
	suit_cbor_init(&c, unsorted_map, sizeof(unsorted_map));
	KUNIT_EXPECT_EQ(test, suit_cbor_map_check(&c), -EBADMSG);
	suit_cbor_init(&c, dup_map, sizeof(dup_map));
	KUNIT_EXPECT_EQ(test, suit_cbor_map_check(&c), -EBADMSG);
}

static struct kunit_case suit_cbor_cases[] = {
	KUNIT_CASE(suit_cbor_values),
	KUNIT_CASE(suit_cbor_rejects),
	{}
};

static struct kunit_suite suit_cbor_suite = {
	.name = "suit-cbor",
	.test_cases = suit_cbor_cases,
};

/* ---- suit-config ------------------------------------------------------- */

static void suit_config_uuid(struct kunit *test)
{
	static const u8 want[16] = {
		0xfa, 0x6b, 0x4a, 0x53, 0xd5, 0xad, 0x5f, 0xdf,
		0xbe, 0x9d, 0xe6, 0x63, 0xe4, 0xd4, 0x1f, 0xfe,
	};
	u8 out[16];

	KUNIT_ASSERT_EQ(test, suit_parse_uuid("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe",
					      out), 0);
	KUNIT_EXPECT_EQ(test, memcmp(out, want, 16), 0);
	KUNIT_EXPECT_EQ(test, suit_parse_uuid("fa6b4a53d5ad5fdfbe9de663e4d41ffe",
					      out), 0);
	KUNIT_EXPECT_EQ(test, suit_parse_uuid("fa6b4a53-d5ad", out), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_uuid("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe00",
					      out), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_uuid("xa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe",
					      out), -EINVAL);
}

static void suit_config_components(struct kunit *test)
{
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	static const char map[] = "814100:slot_a,slot_b; 8241004101:fw";

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_EQ(test, suit_parse_components(d, map), 0);
	KUNIT_ASSERT_EQ(test, d->ncomps, 2U);
	KUNIT_EXPECT_EQ(test, d->comps[0].id_len, (size_t)3);
	KUNIT_EXPECT_EQ(test, d->comps[0].id[0], 0x81);
	KUNIT_EXPECT_EQ(test, d->comps[0].nslots, 2U);
	KUNIT_EXPECT_STREQ(test, d->comps[0].mtd_name[1], "slot_b");
	KUNIT_EXPECT_EQ(test, d->comps[1].id_len, (size_t)5);
	KUNIT_EXPECT_EQ(test, d->comps[1].nslots, 1U);
	KUNIT_EXPECT_STREQ(test, d->comps[1].mtd_name[0], "fw");

	d->ncomps = 0;
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "81410:slot_a"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:a,b,c"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "zz:slot_a"), -EINVAL);
	KUNIT_EXPECT_EQ(test, d->ncomps, 0U);
}

/* "@ram" and "@rproc=<name>[,<hook>]" component kinds */
static void suit_config_kinds(struct kunit *test)
{
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	static const char map[] =
		"814100:slot_a;8141aa:@ram;814101:@rproc=m4;814102:@rproc=r5,r5_expect";
	static const char long_name[] =
		"814100:@rproc=0123456789abcdef0123456789abcdef";

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_EQ(test, suit_parse_components(d, map), 0);
	KUNIT_ASSERT_EQ(test, d->ncomps, 4U);
	KUNIT_EXPECT_EQ(test, d->comps[0].kind, (u32)SUIT_KCOMP_MTD);
	KUNIT_EXPECT_EQ(test, d->comps[1].kind, (u32)SUIT_KCOMP_RAM);
	KUNIT_EXPECT_EQ(test, d->comps[1].nslots, 1U);
	KUNIT_EXPECT_EQ(test, d->comps[1].id[2], 0xaa);
	KUNIT_EXPECT_EQ(test, d->comps[2].kind, (u32)SUIT_KCOMP_RPROC);
	KUNIT_EXPECT_STREQ(test, d->comps[2].mtd_name[0], "m4");
	KUNIT_EXPECT_STREQ(test, d->comps[2].mtd_name[1], "");
	KUNIT_EXPECT_EQ(test, d->comps[3].kind, (u32)SUIT_KCOMP_RPROC);
	KUNIT_EXPECT_STREQ(test, d->comps[3].mtd_name[0], "r5");
	KUNIT_EXPECT_STREQ(test, d->comps[3].mtd_name[1], "r5_expect");

	d->ncomps = 0;
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:@rom"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:@ramx"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:@rproc="), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:@rproc=a,"), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, "814100:@rproc=a,b,c"),
			-EINVAL);
	/* a name of 32 characters does not fit */
	KUNIT_EXPECT_EQ(test, suit_parse_components(d, long_name), -EINVAL);
	KUNIT_EXPECT_EQ(test, d->ncomps, 0U);
}

static struct kunit_case suit_config_cases[] = {
	KUNIT_CASE(suit_config_uuid),
	KUNIT_CASE(suit_config_components),
	KUNIT_CASE(suit_config_kinds),
	{}
};

static struct kunit_suite suit_config_suite = {
	.name = "suit-config",
	.test_cases = suit_config_cases,
};

/* ---- suit-ram: transient RAM components, swap, unlink ------------------ */

static struct suit_session *ram_session(struct kunit *test, const char *map)
{
	struct suit_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	mutex_init(&d->lock);
	mutex_init(&s->lock);
	init_waitqueue_head(&s->wq);
	KUNIT_ASSERT_EQ(test, suit_parse_components(d, map), 0);
	s->dev = d;
	return s;
}

static void suit_ram_roundtrip(struct kunit *test)
{
	const struct suit_platform_ops *ops = &suit_kernel_ops;
	int (*swap_op)(void *plat, u32 comp, u32 src) = ops->swap;
	struct suit_session *s = ram_session(test, "8141aa:@ram;8141bb:@ram");
	static const u8 ida[] = { 0x81, 0x41, 0xaa }, idx[] = { 0x81, 0x41, 0x01 };
	struct suit_component_info info;
	struct suit_buf view = {};
	const size_t total = 5000;
	u8 *img, back[100];
	u32 h = 99;
	size_t i;

	img = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	for (i = 0; i < total; i++)
		img[i] = (u8)(i * 7 + 3);
	KUNIT_EXPECT_EQ(test, ops->comp_lookup(s, (struct suit_buf){ idx, 3 }, &h),
			-ENOENT);
	KUNIT_ASSERT_EQ(test, ops->comp_lookup(s, (struct suit_buf){ ida, 3 }, &h), 0);
	KUNIT_ASSERT_EQ(test, h, 0U);
	/* nothing written yet: empty, nothing to map */
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 0, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, 0ULL);
	KUNIT_EXPECT_EQ(test, info.max_size, (u64)SUIT_RAM_COMP_MAX);
	KUNIT_EXPECT_EQ(test, ops->comp_map(s, 0, 0, &view), -ENOENT);

	KUNIT_ASSERT_EQ(test, ops->comp_open(s, 0, 0, SUIT_COMP_WRITE, total), 0);
	KUNIT_EXPECT_EQ(test, ops->comp_map(s, 0, 0, &view), -EBUSY);
	KUNIT_ASSERT_EQ(test, ops->comp_write(s, 0, img, 1), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_write(s, 0, img + 1, 4095), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_write(s, 0, img + 4096, total - 4096), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_close(s, 0, true), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 0, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, (u64)total);

	KUNIT_ASSERT_EQ(test, ops->comp_open(s, 0, 0, SUIT_COMP_READ, 0), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_read(s, 0, 4950, back, 50), 0);
	KUNIT_EXPECT_EQ(test, memcmp(back, img + 4950, 50), 0);
	KUNIT_EXPECT_EQ(test, ops->comp_read(s, 0, 4951, back, 50), -EINVAL);
	KUNIT_ASSERT_EQ(test, ops->comp_close(s, 0, true), 0);

	KUNIT_ASSERT_EQ(test, ops->comp_map(s, 0, 0, &view), 0);
	KUNIT_ASSERT_EQ(test, view.len, total);
	KUNIT_EXPECT_EQ(test, memcmp(view.ptr, img, total), 0);

	/* swap: the content moves to [h'bb'], [h'aa'] is empty */
	KUNIT_ASSERT_EQ(test, swap_op(s, 0, 1), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 0, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, 0ULL);
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 1, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, (u64)total);
	KUNIT_ASSERT_EQ(test, ops->comp_map(s, 1, 0, &view), 0);
	KUNIT_EXPECT_EQ(test, memcmp(view.ptr, img, total), 0);

	/* unlink drops it */
	KUNIT_ASSERT_EQ(test, ops->unlink(s, 1), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 1, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, 0ULL);
	KUNIT_EXPECT_EQ(test, ops->comp_map(s, 1, 0, &view), -ENOENT);
	KUNIT_EXPECT_EQ(test, swap_op(s, 0, 2), -ENOENT);
	suit_platform_free(s);
}

static void suit_ram_bounds(struct kunit *test)
{
	const struct suit_platform_ops *ops = &suit_kernel_ops;
	int (*swap_op)(void *plat, u32 comp, u32 src) = ops->swap;
	struct suit_session *s = ram_session(test, "8141aa:@ram;814100:slot_a");
	struct suit_component_info info;
	size_t chunk = 64 * 1024, done = 0;
	u8 *buf;

	buf = kunit_kzalloc(test, chunk, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, ops->comp_open(s, 0, 0, SUIT_COMP_WRITE,
					     SUIT_RAM_COMP_MAX + 1ULL), -ENOSPC);
	KUNIT_ASSERT_EQ(test, ops->comp_open(s, 0, 0, SUIT_COMP_WRITE, 0), 0);
	while (done < SUIT_RAM_COMP_MAX) {
		KUNIT_ASSERT_EQ(test, ops->comp_write(s, 0, buf, chunk), 0);
		done += chunk;
	}
	KUNIT_EXPECT_EQ(test, ops->comp_write(s, 0, buf, 1), -ENOSPC);
	/* a failed write is discarded */
	KUNIT_ASSERT_EQ(test, ops->comp_close(s, 0, false), 0);
	KUNIT_ASSERT_EQ(test, ops->comp_info(s, 0, 0, &info), 0);
	KUNIT_EXPECT_EQ(test, info.size, 0ULL);
	/* MTD components are not swapped or unlinked */
	KUNIT_EXPECT_EQ(test, swap_op(s, 0, 1), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, swap_op(s, 1, 0), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, ops->unlink(s, 1), -EOPNOTSUPP);
	suit_platform_free(s);
}

static struct kunit_case suit_ram_cases[] = {
	KUNIT_CASE(suit_ram_roundtrip),
	KUNIT_CASE(suit_ram_bounds),
	{}
};

static struct kunit_suite suit_ram_suite = {
	.name = "suit-ram",
	.test_cases = suit_ram_cases,
};

/* ---- suit-mtd ---------------------------------------------------------- */

static void suit_mtd_roundtrip(struct kunit *test)
{
	struct suit_mtd_slot s = {};
	const size_t total = 200000;
	size_t off = 0, n, step = 1;
	u8 *img, *back;
	int ret;

	ret = suit_mtd_open(&s, "slot_a", true);
	if (ret == -ENOENT)
		kunit_skip(test, "no MTD partition named slot_a");
	KUNIT_ASSERT_EQ(test, ret, 0);
	img = kunit_kmalloc(test, total, GFP_KERNEL);
	back = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, back);
	for (n = 0; n < total; n++)
		img[n] = n * 7 + (n >> 8);
	/* chunks of 1, 2, 4 .. 4096 bytes, then 4096 at a time */
	while (off < total) {
		n = min(step, total - off);
		KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, img + off, n), 0);
		off += n;
		step = min_t(size_t, step * 2 + 1, 4096);
	}
	KUNIT_ASSERT_EQ(test, suit_mtd_finish(&s), 0);
	KUNIT_EXPECT_EQ(test, s.total, (u64)total);
	KUNIT_EXPECT_GE(test, suit_mtd_capacity(&s), (u64)total);
	suit_mtd_close(&s);

	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "slot_a", false), 0);
	KUNIT_ASSERT_EQ(test, suit_mtd_read(&s, 0, back, total), 0);
	KUNIT_EXPECT_EQ(test, memcmp(img, back, total), 0);
	/* an unaligned read in the middle */
	KUNIT_ASSERT_EQ(test, suit_mtd_read(&s, 65535, back, 3), 0);
	KUNIT_EXPECT_EQ(test, memcmp(img + 65535, back, 3), 0);
	/* beyond the partition */
	KUNIT_EXPECT_EQ(test, suit_mtd_read(&s, s.mtd->size, back, 1), -ENOSPC);
	/* reading does not allow writing */
	KUNIT_EXPECT_EQ(test, suit_mtd_append(&s, img, 1), -EBADF);
	suit_mtd_close(&s);
}

static void suit_mtd_full(struct kunit *test)
{
	struct suit_mtd_slot s = {};
	u8 *buf;
	u64 cap, off;
	int ret;

	ret = suit_mtd_open(&s, "slot_a", true);
	if (ret == -ENOENT)
		kunit_skip(test, "no MTD partition named slot_a");
	KUNIT_ASSERT_EQ(test, ret, 0);
	buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	cap = suit_mtd_capacity(&s);
	for (off = 0; off < cap; off += 4096)
		KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, buf, 4096), 0);
	/* one page more than the good blocks hold */
	ret = suit_mtd_append(&s, buf, s.mtd->writesize);
	KUNIT_EXPECT_EQ(test, ret ? ret : suit_mtd_finish(&s), -ENOSPC);
	suit_mtd_close(&s);
}

static void suit_mtd_missing(struct kunit *test)
{
	struct suit_mtd_slot s = {};

	KUNIT_EXPECT_EQ(test, suit_mtd_open(&s, "no-such-partition", false),
			-ENOENT);
}

static struct kunit_case suit_mtd_cases[] = {
	KUNIT_CASE(suit_mtd_roundtrip),
	KUNIT_CASE(suit_mtd_full),
	KUNIT_CASE(suit_mtd_missing),
	{}
};

static struct kunit_suite suit_mtd_suite = {
	.name = "suit-mtd",
	.test_cases = suit_mtd_cases,
};

/* ---- suit-nand: the backend on a fake NAND with bad blocks ------------ */

#define FN_BLOCK	16384
#define FN_PAGE		512
#define FN_BLOCKS	16

/**
 * struct suit_fake_nand - a RAM NAND that checks how it is used
 * @mtd: the MTD device
 * @data: contents
 * @bad: bad block flags
 * @erase_fails: blocks whose next erase fails (worn out, not yet bad)
 * @erased: block erased since its last write cycle began
 * @next_page: next page to program in each block (in-order programming)
 * @violations: writes that a real NAND would refuse
 * @read_mode: 0 clean, 1 report corrected bitflips, 2 uncorrectable
 */
struct suit_fake_nand {
	struct mtd_info mtd;
	u8 *data;
	bool bad[FN_BLOCKS];
	bool erase_fails[FN_BLOCKS];
	bool erased[FN_BLOCKS];
	unsigned int next_page[FN_BLOCKS];
	unsigned int violations;
	int read_mode;
};

static struct suit_fake_nand *to_fn(struct mtd_info *mtd)
{
	return container_of(mtd, struct suit_fake_nand, mtd);
}

static int fn_erase(struct mtd_info *mtd, struct erase_info *ei)
{
	struct suit_fake_nand *fn = to_fn(mtd);
	u64 b;

	for (b = ei->addr; b < ei->addr + ei->len; b += FN_BLOCK) {
		unsigned int i = div_u64(b, FN_BLOCK);

		if (fn->bad[i] || fn->erase_fails[i]) {
			ei->fail_addr = b;
			return -EIO;
		}
		memset(fn->data + b, 0xff, FN_BLOCK);
		fn->erased[i] = true;
		fn->next_page[i] = 0;
	}
	return 0;
}

static int fn_write(struct mtd_info *mtd, loff_t to, size_t len,
		    size_t *retlen, const u_char *buf)
{
	struct suit_fake_nand *fn = to_fn(mtd);
	unsigned int blk = div_u64(to, FN_BLOCK);
	unsigned int page = div_u64(to - (u64)blk * FN_BLOCK, FN_PAGE);

	/* whole pages, in order, into an erased good block */
	if (to % FN_PAGE || len % FN_PAGE || fn->bad[blk] ||
	    !fn->erased[blk] || page != fn->next_page[blk] ||
	    (to % FN_BLOCK) + len > FN_BLOCK) {
		fn->violations++;
		return -EIO;
	}
	memcpy(fn->data + to, buf, len);
	fn->next_page[blk] += len / FN_PAGE;
	*retlen = len;
	return 0;
}

static int fn_read(struct mtd_info *mtd, loff_t from, size_t len,
		   size_t *retlen, u_char *buf)
{
	struct suit_fake_nand *fn = to_fn(mtd);

	memcpy(buf, fn->data + from, len);
	*retlen = len;
	if (fn->read_mode == 2)
		return -EBADMSG;
	return fn->read_mode == 1 ? 2 : 0;	/* max bitflips per step */
}

static int fn_isbad(struct mtd_info *mtd, loff_t ofs)
{
	return to_fn(mtd)->bad[div_u64(ofs, FN_BLOCK)];
}

static int fn_markbad(struct mtd_info *mtd, loff_t ofs)
{
	to_fn(mtd)->bad[div_u64(ofs, FN_BLOCK)] = true;
	return 0;
}

static int suit_nand_init(struct kunit *test)
{
	struct suit_fake_nand *fn;
	int ret;

	fn = kunit_kzalloc(test, sizeof(*fn), GFP_KERNEL);
	if (!fn)
		return -ENOMEM;
	fn->data = vmalloc(FN_BLOCK * FN_BLOCKS);
	if (!fn->data)
		return -ENOMEM;
	memset(fn->data, 0x5a, FN_BLOCK * FN_BLOCKS);
	fn->bad[2] = true;
	fn->bad[5] = true;
	fn->mtd.name = "suit-kunit-nand";
	fn->mtd.type = MTD_NANDFLASH;
	fn->mtd.flags = MTD_CAP_NANDFLASH;
	fn->mtd.size = FN_BLOCK * FN_BLOCKS;
	fn->mtd.erasesize = FN_BLOCK;
	fn->mtd.writesize = FN_PAGE;
	fn->mtd.writebufsize = FN_PAGE;
	fn->mtd.ecc_strength = 4;
	fn->mtd.bitflip_threshold = 1;
	fn->mtd.owner = THIS_MODULE;
	fn->mtd._erase = fn_erase;
	fn->mtd._write = fn_write;
	fn->mtd._read = fn_read;
	fn->mtd._block_isbad = fn_isbad;
	fn->mtd._block_markbad = fn_markbad;
	ret = mtd_device_register(&fn->mtd, NULL, 0);
	if (ret) {
		vfree(fn->data);
		return ret;
	}
	test->priv = fn;
	return 0;
}

static void suit_nand_exit(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;

	mtd_device_unregister(&fn->mtd);
	vfree(fn->data);
}

static void suit_nand_bad_blocks(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_mtd_slot s = {};
	const size_t total = 5 * FN_BLOCK + 1000;	/* 6 good blocks */
	size_t off, n;
	u8 *img, *back;

	img = kunit_kmalloc(test, total, GFP_KERNEL);
	back = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, back);
	for (n = 0; n < total; n++)
		img[n] = n ^ (n >> 9);

	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", true), 0);
	KUNIT_EXPECT_EQ(test, suit_mtd_capacity(&s), (u64)14 * FN_BLOCK);
	for (off = 0; off < total; off += n) {
		n = min_t(size_t, total - off, 777);	/* not page sized */
		KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, img + off, n), 0);
	}
	KUNIT_ASSERT_EQ(test, suit_mtd_finish(&s), 0);
	suit_mtd_close(&s);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
	/* bad blocks untouched, good ones used in order: 0 1 3 4 6 7 */
	KUNIT_EXPECT_EQ(test, fn->data[2 * FN_BLOCK], 0x5a);
	KUNIT_EXPECT_EQ(test, fn->data[5 * FN_BLOCK], 0x5a);
	KUNIT_EXPECT_EQ(test, memcmp(fn->data + 3 * FN_BLOCK,
				     img + 2 * FN_BLOCK, FN_BLOCK), 0);
	KUNIT_EXPECT_EQ(test, memcmp(fn->data + 7 * FN_BLOCK,
				     img + 5 * FN_BLOCK, 1000), 0);
	/* the tail of the last page is padding */
	KUNIT_EXPECT_EQ(test, fn->data[7 * FN_BLOCK + 1000], 0xff);
	KUNIT_EXPECT_EQ(test, fn->next_page[7], 2U);

	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", false), 0);
	KUNIT_ASSERT_EQ(test, suit_mtd_read(&s, 0, back, total), 0);
	KUNIT_EXPECT_EQ(test, memcmp(img, back, total), 0);
	/* corrected bitflips are fine, uncorrectable data is -EIO */
	fn->read_mode = 1;
	KUNIT_EXPECT_EQ(test, suit_mtd_read(&s, 100, back, 10), 0);
	fn->read_mode = 2;
	KUNIT_EXPECT_EQ(test, suit_mtd_read(&s, 100, back, 10), -EIO);
	fn->read_mode = 0;
	suit_mtd_close(&s);
}

static void suit_nand_erase_failure(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_mtd_slot s = {};
	u8 page[FN_PAGE];

	/* block 0 wears out at erase: it must be retired and skipped */
	memset(page, 0xa5, sizeof(page));
	fn->erase_fails[0] = true;
	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", true), 0);
	KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, page, FN_PAGE), 0);
	suit_mtd_close(&s);
	KUNIT_EXPECT_TRUE(test, fn->bad[0]);
	KUNIT_EXPECT_EQ(test, fn->data[FN_BLOCK], 0xa5);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
}

static void suit_nand_out_of_good_blocks(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_mtd_slot s = {};
	u8 *buf;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < FN_BLOCKS; i++)
		fn->bad[i] = !(i & 1);	/* the 8 odd blocks are good */
	buf = kunit_kzalloc(test, FN_BLOCK, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", true), 0);
	KUNIT_EXPECT_EQ(test, suit_mtd_capacity(&s), (u64)8 * FN_BLOCK);
	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, buf, FN_BLOCK), 0);
	ret = suit_mtd_append(&s, buf, FN_PAGE);
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	suit_mtd_close(&s);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
}

static void suit_nand_meta_record(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct suit_meta m = {};
	int newest;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	fn->bad[0] = true;	/* the copies go to blocks 1 and 3 */
	strscpy(d->meta_mtd, "suit-kunit-nand", sizeof(d->meta_mtd));
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 0ULL);	/* blank flash */

	m.sequence = 1;
	m.active[0] = 1;
	m.valid[0] = 0x2;
	m.size[0][1] = 12345;
	KUNIT_ASSERT_EQ(test, suit_meta_store(d, &m), 0);
	m.sequence = 2;
	m.active[0] = 0;
	m.valid[0] = 0x3;
	KUNIT_ASSERT_EQ(test, suit_meta_store(d, &m), 0);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);

	memset(&d->meta, 0, sizeof(d->meta));
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 2ULL);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 0);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x3);
	KUNIT_EXPECT_EQ(test, d->meta.size[0][1], 12345ULL);

	/* a torn write of the newest copy: the previous record wins */
	newest = d->meta_slot;
	fn->data[(newest ? 3 : 1) * FN_BLOCK + 17] ^= 0x40;
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 1ULL);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x2);

	/* the next store overwrites the broken copy, not the good one */
	m.sequence = 3;
	KUNIT_ASSERT_EQ(test, suit_meta_store(d, &m), 0);
	KUNIT_EXPECT_EQ(test, d->meta_slot, newest);
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 3ULL);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
}

/* block_done callback of the resume test: records what it was told */
struct suit_kunit_journal {
	u64 done[FN_BLOCKS];
	unsigned int calls;
	unsigned int fail_at;	/* 1-based call that fails, 0 none */
};

static int suit_kunit_block_done(void *arg, struct suit_mtd_slot *s)
{
	struct suit_kunit_journal *j = arg;

	if (j->calls < FN_BLOCKS)
		j->done[j->calls] = s->done;
	j->calls++;
	return j->calls == j->fail_at ? -EIO : 0;
}

static void suit_nand_resume(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_kunit_journal *j = kunit_kzalloc(test, sizeof(*j), GFP_KERNEL);
	struct suit_mtd_slot s = {};
	const size_t total = 5 * FN_BLOCK + 1000;	/* blocks 0 1 3 4 6 7 */
	const u64 kept = 3 * FN_BLOCK;	/* logical blocks 0-2: 0 1 3 */
	u8 *img, *back;
	size_t n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, j);
	img = kunit_kmalloc(test, total, GFP_KERNEL);
	back = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, img);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, back);
	for (n = 0; n < total; n++)
		img[n] = n ^ (n >> 9);

	/* the interrupted write: its 5th block callback "loses power" */
	j->fail_at = 5;
	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", true), 0);
	s.block_done = suit_kunit_block_done;
	s.arg = j;
	KUNIT_EXPECT_EQ(test, suit_mtd_append(&s, img, total), -EIO);
	suit_mtd_close(&s);
	/* called before each erase with the whole blocks written so far */
	KUNIT_EXPECT_EQ(test, j->calls, 5U);
	for (n = 0; n < 5; n++)
		KUNIT_EXPECT_EQ(test, j->done[n], (u64)n * FN_BLOCK);
	/* logical block 4 (physical 6) was never erased or written */
	KUNIT_EXPECT_EQ(test, fn->data[6 * FN_BLOCK], 0x5a);

	/* resume after logical block 2: blocks 0, 1 and 3 are kept as is */
	memset(fn->erased, 0, sizeof(fn->erased));
	memset(j, 0, sizeof(*j));
	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", true), 0);
	KUNIT_EXPECT_EQ(test, suit_mtd_resume(&s, kept + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, suit_mtd_resume(&s, 15 * FN_BLOCK), -ENOSPC);
	KUNIT_ASSERT_EQ(test, suit_mtd_resume(&s, kept), 0);
	KUNIT_EXPECT_EQ(test, suit_mtd_resume(&s, kept), -EINVAL);
	s.block_done = suit_kunit_block_done;
	s.arg = j;
	KUNIT_ASSERT_EQ(test, suit_mtd_append(&s, img + kept, total - kept), 0);
	KUNIT_ASSERT_EQ(test, suit_mtd_finish(&s), 0);
	KUNIT_EXPECT_EQ(test, s.total, (u64)total);
	suit_mtd_close(&s);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
	KUNIT_EXPECT_FALSE(test, fn->erased[0]);
	KUNIT_EXPECT_FALSE(test, fn->erased[1]);
	KUNIT_EXPECT_FALSE(test, fn->erased[3]);
	KUNIT_EXPECT_TRUE(test, fn->erased[4]);
	KUNIT_EXPECT_TRUE(test, fn->erased[7]);
	KUNIT_EXPECT_EQ(test, j->calls, 3U);
	KUNIT_EXPECT_EQ(test, j->done[0], kept);
	KUNIT_EXPECT_EQ(test, j->done[2], kept + 2 * FN_BLOCK);

	KUNIT_ASSERT_EQ(test, suit_mtd_open(&s, "suit-kunit-nand", false), 0);
	KUNIT_ASSERT_EQ(test, suit_mtd_read(&s, 0, back, total), 0);
	KUNIT_EXPECT_EQ(test, memcmp(img, back, total), 0);
	/* a slot opened for reading does not resume */
	KUNIT_EXPECT_EQ(test, suit_mtd_resume(&s, kept), -EINVAL);
	suit_mtd_close(&s);
}

/* A version 1 record (before the journal) as an older suit.ko wrote it. */
static void suit_put_v1_record(u8 *b, u64 gen, u64 seq)
{
	memset(b, 0, 228);
	put_unaligned_le32(0x54495553, b);
	put_unaligned_le32(1, b + 4);
	put_unaligned_le64(gen, b + 8);
	put_unaligned_le64(seq, b + 16);
	put_unaligned_le32(SUIT_KMAX_COMPS, b + 24);
	put_unaligned_le32(SUIT_META_HAS_SEQ, b + 28);
	b[32] = 1;	/* component 0: slot 1 active and valid */
	b[33] = 0x2;
	put_unaligned_le32(crc32_le(~0, b, 224) ^ ~0U, b + 224);
}

static void suit_nand_meta_journal(struct kunit *test)
{
	struct suit_fake_nand *fn = test->priv;
	struct suit_dev *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct suit_meta m = {};

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	strscpy(d->meta_mtd, "suit-kunit-nand", sizeof(d->meta_mtd));

	/* an upgrade: the old version 1 record is read, journal empty */
	suit_put_v1_record(fn->data, 7, 41);
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, 7ULL);
	KUNIT_EXPECT_EQ(test, d->meta.sequence, 41ULL);
	KUNIT_EXPECT_EQ(test, d->meta.active[0], 1);
	KUNIT_EXPECT_EQ(test, d->meta.valid[0], 0x2);
	KUNIT_EXPECT_EQ(test, suit_resume_mask(&d->meta), 0U);

	/* the journal survives a store and a load */
	m = d->meta;
	memset(m.jr.env, 0xab, sizeof(m.jr.env));
	m.jr.kept[3] = 5 * FN_BLOCK;
	m.jr.slot[3] = 1;
	m.jr.nth[3] = 2;
	KUNIT_ASSERT_EQ(test, suit_meta_write(d, &m), 0);
	memset(&d->meta, 0, sizeof(d->meta));
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, d->meta.gen, 8ULL);
	KUNIT_EXPECT_EQ(test, d->meta.jr.kept[3], 5ULL * FN_BLOCK);
	KUNIT_EXPECT_EQ(test, d->meta.jr.slot[3], 1);
	KUNIT_EXPECT_EQ(test, d->meta.jr.nth[3], 2);
	KUNIT_EXPECT_EQ(test, d->meta.jr.env[31], 0xab);
	KUNIT_EXPECT_EQ(test, suit_resume_mask(&d->meta), BIT(3));

	/* a store that makes the journaled slot valid ends its entry */
	m = d->meta;
	m.valid[3] = 0x2;
	KUNIT_ASSERT_EQ(test, suit_meta_store(d, &m), 0);
	KUNIT_EXPECT_EQ(test, d->meta.jr.kept[3], 0ULL);
	KUNIT_ASSERT_EQ(test, suit_meta_load(d), 0);
	KUNIT_EXPECT_EQ(test, suit_resume_mask(&d->meta), 0U);
	KUNIT_EXPECT_EQ(test, fn->violations, 0U);
}

static struct kunit_case suit_nand_cases[] = {
	KUNIT_CASE(suit_nand_bad_blocks),
	KUNIT_CASE(suit_nand_erase_failure),
	KUNIT_CASE(suit_nand_out_of_good_blocks),
	KUNIT_CASE(suit_nand_meta_record),
	KUNIT_CASE(suit_nand_resume),
	KUNIT_CASE(suit_nand_meta_journal),
	{}
};

static struct kunit_suite suit_nand_suite = {
	.name = "suit-nand",
	.init = suit_nand_init,
	.exit = suit_nand_exit,
	.test_cases = suit_nand_cases,
};

/* ---- suit-processor: lib/'s processor on a fake in-kernel platform ---- */

#ifdef SUIT_HAVE_PROCESSOR
/*
 * An unsigned envelope (SUIT_Digest only; the fake platform allows that):
 * sequence 7, component [h'00'], vendor fa6b4a53-..., class 1492af14-...,
 * validate = image-match of "hello" (SHA-256, size 5).
 */
static const u8 proc_env[154] = {
	0xd8, 0x6b, 0xa2, 0x02, 0x58, 0x27, 0x81, 0x58, 0x24, 0x82, 0x2f, 0x58,
	0x20, 0x68, 0x79, 0xdc, 0x6d, 0xce, 0x9a, 0xcd, 0xa0, 0xf5, 0xac, 0xec,
	0x7d, 0xc0, 0x94, 0xae, 0x3f, 0xff, 0xf7, 0xc8, 0x59, 0xbe, 0x21, 0x00,
	0x58, 0x13, 0x15, 0x17, 0x8b, 0x64, 0x92, 0x86, 0xbb, 0x03, 0x58, 0x6a,
	0xa4, 0x01, 0x01, 0x02, 0x07, 0x03, 0x58, 0x5d, 0xa2, 0x02, 0x81, 0x81,
	0x41, 0x00, 0x04, 0x58, 0x54, 0x86, 0x14, 0xa4, 0x01, 0x50, 0xfa, 0x6b,
	0x4a, 0x53, 0xd5, 0xad, 0x5f, 0xdf, 0xbe, 0x9d, 0xe6, 0x63, 0xe4, 0xd4,
	0x1f, 0xfe, 0x02, 0x50, 0x14, 0x92, 0xaf, 0x14, 0x25, 0x69, 0x5e, 0x48,
	0xbf, 0x42, 0x9b, 0x2d, 0x51, 0xf2, 0xab, 0x45, 0x03, 0x58, 0x24, 0x82,
	0x2f, 0x58, 0x20, 0x2c, 0xf2, 0x4d, 0xba, 0x5f, 0xb0, 0xa3, 0x0e, 0x26,
	0xe8, 0x3b, 0x2a, 0xc5, 0xb9, 0xe2, 0x9e, 0x1b, 0x16, 0x1e, 0x5c, 0x1f,
	0xa7, 0x42, 0x5e, 0x73, 0x04, 0x33, 0x62, 0x93, 0x8b, 0x98, 0x24, 0x0e,
	0x05, 0x01, 0x0f, 0x02, 0x0f, 0x07, 0x43, 0x82, 0x03, 0x0f,
};

static const u8 proc_vendor[16] = {
	0xfa, 0x6b, 0x4a, 0x53, 0xd5, 0xad, 0x5f, 0xdf,
	0xbe, 0x9d, 0xe6, 0x63, 0xe4, 0xd4, 0x1f, 0xfe,
};

static const u8 proc_class[16] = {
	0x14, 0x92, 0xaf, 0x14, 0x25, 0x69, 0x5e, 0x48,
	0xbf, 0x42, 0x9b, 0x2d, 0x51, 0xf2, 0xab, 0x45,
};

/**
 * struct suit_fake_plat - the fake platform's state
 * @content: the bytes of component [h'00']
 * @vendor: vendor UUID it reports
 * @committed: commit() was called
 * @aborted: abort() was called
 * @sequence: what commit() stored
 */
struct suit_fake_plat {
	const char *content;
	u8 vendor[16];
	bool committed;
	bool aborted;
	u64 sequence;
};

static int fp_lookup(void *plat, struct suit_buf id, u32 *comp)
{
	static const u8 want[] = { 0x81, 0x41, 0x00 };

	if (id.len != sizeof(want) || memcmp(id.ptr, want, sizeof(want)))
		return -ENOENT;
	*comp = 0;
	return 0;
}

static int fp_info(void *plat, u32 comp, u32 slot,
		   struct suit_component_info *info)
{
	struct suit_fake_plat *fp = plat;

	memset(info, 0, sizeof(*info));
	info->slots = 1;
	info->max_size = 4096;
	info->size = strlen(fp->content);
	return 0;
}

static int fp_open(void *plat, u32 comp, u32 slot, unsigned int flags,
		   u64 size)
{
	return flags & SUIT_COMP_WRITE ? -EROFS : 0;
}

static int fp_read(void *plat, u32 comp, u64 off, u8 *buf, size_t len)
{
	struct suit_fake_plat *fp = plat;
	size_t have = strlen(fp->content);

	if (off > have || len > have - off)
		return -EIO;
	memcpy(buf, fp->content + off, len);
	return 0;
}

static int fp_close(void *plat, u32 comp, bool ok)
{
	return 0;
}

static int fp_identity(void *plat, struct suit_identity *id)
{
	struct suit_fake_plat *fp = plat;

	memset(id, 0, sizeof(*id));
	memcpy(id->vendor_id, fp->vendor, 16);
	memcpy(id->class_id, proc_class, 16);
	return 0;
}

static int fp_sequence(void *plat, struct suit_buf mc, u64 *seq)
{
	*seq = 0;
	return 0;
}

static int fp_commit(void *plat, u64 sequence)
{
	struct suit_fake_plat *fp = plat;

	fp->committed = true;
	fp->sequence = sequence;
	return 0;
}

static void fp_abort(void *plat)
{
	((struct suit_fake_plat *)plat)->aborted = true;
}

static const struct suit_platform_ops fp_ops = {
	.hash_init = suit_hash_init,
	.hash_update = suit_hash_update,
	.hash_final = suit_hash_final,
	.comp_lookup = fp_lookup,
	.comp_info = fp_info,
	.comp_open = fp_open,
	.comp_read = fp_read,
	.comp_close = fp_close,
	.get_identity = fp_identity,
	.get_sequence = fp_sequence,
	.commit = fp_commit,
	.abort = fp_abort,
};

/* Run proc_env (or a modified copy) on a fresh processor. */
static int fp_run(struct kunit *test, struct suit_fake_plat *fp,
		  const u8 *env, size_t len, struct suit_result *res)
{
	struct suit_platform *plat;
	struct suit_processor *p;
	int ret;

	plat = kunit_kzalloc(test, sizeof(*plat), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, plat);
	plat->chunk = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, plat->chunk);
	p = kvzalloc(sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	plat->ops = &fp_ops;
	plat->priv = fp;
	plat->max_components = 4;
	plat->chunk_len = 512;
	plat->allow_unsigned = true;
	suit_processor_init(p, plat);
	memset(res, 0, sizeof(*res));
	ret = suit_process(p, env, len, SUIT_PROC_UPDATE, res);
	kvfree(p);
	return ret;
}

static struct suit_fake_plat *fp_new(struct kunit *test, const char *content)
{
	struct suit_fake_plat *fp = kunit_kzalloc(test, sizeof(*fp), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fp);
	fp->content = content;
	memcpy(fp->vendor, proc_vendor, 16);
	return fp;
}

static void suit_proc_accepts(struct kunit *test)
{
	struct suit_fake_plat *fp = fp_new(test, "hello");
	struct suit_result res;

	KUNIT_EXPECT_EQ(test, fp_run(test, fp, proc_env, sizeof(proc_env),
				     &res), 0);
	KUNIT_EXPECT_EQ(test, res.reason, SUIT_REASON_OK);
	KUNIT_EXPECT_TRUE(test, fp->committed);
	KUNIT_EXPECT_FALSE(test, fp->aborted);
	KUNIT_EXPECT_EQ(test, fp->sequence, 7ULL);
	KUNIT_EXPECT_EQ(test, res.sequence, 7ULL);
}

static void suit_proc_wrong_vendor(struct kunit *test)
{
	struct suit_fake_plat *fp = fp_new(test, "hello");
	struct suit_result res;

	fp->vendor[0] ^= 1;
	KUNIT_EXPECT_NE(test, fp_run(test, fp, proc_env, sizeof(proc_env),
				     &res), 0);
	KUNIT_EXPECT_EQ(test, res.reason, SUIT_REASON_CONDITION_FAILED);
	KUNIT_EXPECT_FALSE(test, fp->committed);
}

static void suit_proc_image_mismatch(struct kunit *test)
{
	struct suit_fake_plat *fp = fp_new(test, "hellp");
	struct suit_result res;

	KUNIT_EXPECT_NE(test, fp_run(test, fp, proc_env, sizeof(proc_env),
				     &res), 0);
	KUNIT_EXPECT_EQ(test, res.reason, SUIT_REASON_CONDITION_FAILED);
	KUNIT_EXPECT_EQ(test, res.section, 7);
	KUNIT_EXPECT_EQ(test, res.command, 3);
	KUNIT_EXPECT_FALSE(test, fp->committed);
}

static void suit_proc_tampered(struct kunit *test)
{
	struct suit_fake_plat *fp = fp_new(test, "hello");
	struct suit_result res;
	u8 *env = kunit_kmalloc(test, sizeof(proc_env), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, env);
	/* sequence number 7 -> 8 inside the manifest: digest mismatch */
	memcpy(env, proc_env, sizeof(proc_env));
	KUNIT_ASSERT_EQ(test, env[52], 0x07);
	env[52] = 0x08;
	KUNIT_EXPECT_NE(test, fp_run(test, fp, env, sizeof(proc_env), &res), 0);
	KUNIT_EXPECT_FALSE(test, fp->committed);
	/* truncated */
	KUNIT_EXPECT_NE(test, fp_run(test, fp, proc_env, sizeof(proc_env) - 9,
				     &res), 0);
	KUNIT_EXPECT_FALSE(test, fp->committed);
}

static struct kunit_case suit_proc_cases[] = {
	KUNIT_CASE(suit_proc_accepts),
	KUNIT_CASE(suit_proc_wrong_vendor),
	KUNIT_CASE(suit_proc_image_mismatch),
	KUNIT_CASE(suit_proc_tampered),
	{}
};

static struct kunit_suite suit_proc_suite = {
	.name = "suit-processor",
	.test_cases = suit_proc_cases,
};
#endif

kunit_test_suites(&suit_der_suite, &suit_es256_suite, &suit_cipher_suite,
		  &suit_cbor_suite, &suit_config_suite, &suit_mtd_suite,
		  &suit_nand_suite, &suit_ram_suite);
#ifdef SUIT_HAVE_PROCESSOR
kunit_test_suite(suit_proc_suite);
#endif

MODULE_DESCRIPTION("KUnit tests for suit.ko");
MODULE_LICENSE("GPL");
