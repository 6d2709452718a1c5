// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SHA-512 (FIPS 180-4 §6.4), freestanding. Needed by Ed25519.
 */
#include <suit/sw_crypto.h>

static const u64 sha512_k[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline u64 ror64(u64 x, unsigned int n)
{
	return (x >> n) | (x << (64 - n));
}

static inline u64 get_be64(const u8 *p)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static inline void put_be64(u8 *p, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = (u8)(v >> (56 - 8 * i));
}

static void sha512_block(u64 h[8], const u8 *p)
{
	u64 w[16];
	u64 a = h[0], b = h[1], c = h[2], d = h[3];
	u64 e = h[4], f = h[5], g = h[6], hh = h[7];
	unsigned int i;

	for (i = 0; i < 80; i++) {
		u64 t1, t2;

		if (i < 16) {
			w[i] = get_be64(p + 8 * i);
		} else {
			u64 w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];
			u64 s0 = ror64(w15, 1) ^ ror64(w15, 8) ^ (w15 >> 7);
			u64 s1 = ror64(w2, 19) ^ ror64(w2, 61) ^ (w2 >> 6);

			w[i & 15] += s0 + w[(i - 7) & 15] + s1;
		}
		t1 = hh + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) +
		     ((e & f) ^ (~e & g)) + sha512_k[i] + w[i & 15];
		t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

/**
 * suit_sha512_init() - start a SHA-512 computation
 * @ctx: state to initialise
 */
void suit_sha512_init(struct suit_sha512_ctx *ctx)
{
	static const u64 iv[8] = {
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
		0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
		0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
		0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
	};

	suit_memcpy(ctx->h, iv, sizeof(iv));
	ctx->bytes = 0;
	ctx->buf_len = 0;
}

/**
 * suit_sha512_update() - hash more data
 * @ctx: state
 * @data: bytes to hash (may be NULL when @len is 0)
 * @len: number of bytes
 */
void suit_sha512_update(struct suit_sha512_ctx *ctx, const void *data, size_t len)
{
	const u8 *p = data;

	if (!len)
		return;
	ctx->bytes += len;
	if (ctx->buf_len) {
		size_t n = SUIT_SHA512_BLOCK_SIZE - ctx->buf_len;

		if (n > len)
			n = len;
		suit_memcpy(ctx->buf + ctx->buf_len, p, n);
		ctx->buf_len += (unsigned int)n;
		p += n;
		len -= n;
		if (ctx->buf_len < SUIT_SHA512_BLOCK_SIZE)
			return;
		sha512_block(ctx->h, ctx->buf);
		ctx->buf_len = 0;
	}
	while (len >= SUIT_SHA512_BLOCK_SIZE) {
		sha512_block(ctx->h, p);
		p += SUIT_SHA512_BLOCK_SIZE;
		len -= SUIT_SHA512_BLOCK_SIZE;
	}
	if (len) {
		suit_memcpy(ctx->buf, p, len);
		ctx->buf_len = (unsigned int)len;
	}
}

/**
 * suit_sha512_final() - finish and output the digest
 * @ctx: state, wiped on return
 * @out: 64-byte digest
 */
void suit_sha512_final(struct suit_sha512_ctx *ctx, u8 out[SUIT_SHA512_DIGEST_SIZE])
{
	unsigned int i, n = ctx->buf_len;

	ctx->buf[n++] = 0x80;
	if (n > SUIT_SHA512_BLOCK_SIZE - 16) {
		suit_memset(ctx->buf + n, 0, SUIT_SHA512_BLOCK_SIZE - n);
		sha512_block(ctx->h, ctx->buf);
		n = 0;
	}
	suit_memset(ctx->buf + n, 0, SUIT_SHA512_BLOCK_SIZE - 16 - n);
	/* 128-bit length in bits: high part is bytes >> 61 */
	put_be64(ctx->buf + 112, ctx->bytes >> 61);
	put_be64(ctx->buf + 120, ctx->bytes << 3);
	sha512_block(ctx->h, ctx->buf);
	for (i = 0; i < 8; i++)
		put_be64(out + 8 * i, ctx->h[i]);
	suit_memset(ctx, 0, sizeof(*ctx));
}

/**
 * suit_sha512() - one-shot SHA-512
 * @data: bytes to hash (may be NULL when @len is 0)
 * @len: number of bytes
 * @out: 64-byte digest
 */
void suit_sha512(const void *data, size_t len, u8 out[SUIT_SHA512_DIGEST_SIZE])
{
	struct suit_sha512_ctx ctx;

	suit_sha512_init(&ctx);
	suit_sha512_update(&ctx, data, len);
	suit_sha512_final(&ctx, out);
}
