// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the signature verifiers in lib/ed25519.c and
 * lib/hss_lms.c (mostly for the HSS length parsing).
 *
 * Input: one mode byte, then
 *  mode % 2 == 0: Ed25519: pub[32] || sig[64] || message
 *  mode % 2 == 1: HSS:     pub[60] || u16 msg_len || message || signature
 *
 * Invariants: only the documented return values; the verifiers never read
 * outside the buffers (ASan, with exact-size heap copies); the same input
 * gives the same answer twice; an accepted Ed25519 signature stops
 * verifying when S is replaced by S + L (S < L enforced).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <suit/sw_crypto.h>

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

static uint8_t *copy_of(const uint8_t *p, size_t n)
{
	uint8_t *d = malloc(n ? n : 1);

	if (!d)
		abort();
	if (n)
		memcpy(d, p, n);
	return d;
}

static void fuzz_ed25519(const uint8_t *data, size_t size)
{
	static const uint8_t order[32] = {
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c,
		0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0x10,
	};
	uint8_t pub[32], sig[64], *msg;
	size_t len;
	int r, r2;

	if (size < 96)
		return;
	memcpy(pub, data, 32);
	memcpy(sig, data + 32, 64);
	len = size - 96;
	msg = copy_of(data + 96, len);
	r = suit_ed25519_verify(pub, msg, len, sig);
	FUZZ_ASSERT(r == 0 || r == -EBADMSG);
	r2 = suit_ed25519_verify(pub, msg, len, sig);
	FUZZ_ASSERT(r == r2);
	if (r == 0) {
		unsigned int c = 0, i;

		for (i = 0; i < 32; i++) {
			c += sig[32 + i] + order[i];
			sig[32 + i] = (uint8_t)c;
			c >>= 8;
		}
		FUZZ_ASSERT(suit_ed25519_verify(pub, msg, len, sig) == -EBADMSG);
	}
	free(msg);
}

static void fuzz_hss(const uint8_t *data, size_t size)
{
	uint8_t *pub, *msg, *sig;
	size_t mlen, slen;
	int r;

	if (size < 62)
		return;
	mlen = (size_t)data[60] << 8 | data[61];
	if (mlen > size - 62)
		mlen = size - 62;
	slen = size - 62 - mlen;
	pub = copy_of(data, 60);
	msg = copy_of(data + 62, mlen);
	sig = copy_of(data + 62 + mlen, slen);
	r = suit_hss_verify(pub, 60, msg, mlen, sig, slen);
	FUZZ_ASSERT(r == 0 || r == -EBADMSG || r == -EOPNOTSUPP);
	FUZZ_ASSERT(suit_hss_verify(pub, 60, msg, mlen, sig, slen) == r);
	/* any shorter signature and public key are handled too */
	if (slen) {
		r = suit_hss_verify(pub, 60, msg, mlen, sig, slen - 1);
		FUZZ_ASSERT(r == -EBADMSG || r == -EOPNOTSUPP);
	}
	r = suit_hss_verify(pub, 59, msg, mlen, sig, slen);
	FUZZ_ASSERT(r == -EBADMSG || r == -EOPNOTSUPP);
	free(pub);
	free(msg);
	free(sig);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] % 2 == 0)
		fuzz_ed25519(data + 1, size - 1);
	else
		fuzz_hss(data + 1, size - 1);
	return 0;
}
