// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * SHA-256 (FIPS 180-4 §6.2), freestanding.
 */
#include <suit/sw_crypto.h>

static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 |
	       (u32)p[2] << 8 | p[3];
}

static inline void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

static void sha256_block(u32 h[8], const u8 *p)
{
	u32 w[16];
	u32 a = h[0], b = h[1], c = h[2], d = h[3];
	u32 e = h[4], f = h[5], g = h[6], hh = h[7];
	unsigned int i;

	for (i = 0; i < 64; i++) {
		u32 t1, t2;

		if (i < 16) {
			w[i] = get_be32(p + 4 * i);
		} else {
			u32 w15 = w[(i - 15) & 15], w2 = w[(i - 2) & 15];
			u32 s0 = ror32(w15, 7) ^ ror32(w15, 18) ^ (w15 >> 3);
			u32 s1 = ror32(w2, 17) ^ ror32(w2, 19) ^ (w2 >> 10);

			w[i & 15] += s0 + w[(i - 7) & 15] + s1;
		}
		t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i & 15];
		t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) +
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
 * suit_sha256_init() - start a SHA-256 computation
 * @ctx: state to initialise
 */
void suit_sha256_init(struct suit_sha256_ctx *ctx)
{
	static const u32 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	suit_memcpy(ctx->h, iv, sizeof(iv));
	ctx->bytes = 0;
	ctx->buf_len = 0;
}

/**
 * suit_sha256_update() - hash more data
 * @ctx: state
 * @data: bytes to hash (may be NULL when @len is 0)
 * @len: number of bytes
 */
void suit_sha256_update(struct suit_sha256_ctx *ctx, const void *data, size_t len)
{
	const u8 *p = data;

	if (!len)
		return;
	ctx->bytes += len;
	if (ctx->buf_len) {
		size_t n = SUIT_SHA256_BLOCK_SIZE - ctx->buf_len;

		if (n > len)
			n = len;
		suit_memcpy(ctx->buf + ctx->buf_len, p, n);
		ctx->buf_len += (unsigned int)n;
		p += n;
		len -= n;
		if (ctx->buf_len < SUIT_SHA256_BLOCK_SIZE)
			return;
		sha256_block(ctx->h, ctx->buf);
		ctx->buf_len = 0;
	}
	while (len >= SUIT_SHA256_BLOCK_SIZE) {
		sha256_block(ctx->h, p);
		p += SUIT_SHA256_BLOCK_SIZE;
		len -= SUIT_SHA256_BLOCK_SIZE;
	}
	if (len) {
		suit_memcpy(ctx->buf, p, len);
		ctx->buf_len = (unsigned int)len;
	}
}

/**
 * suit_sha256_final() - finish and output the digest
 * @ctx: state, wiped on return
 * @out: 32-byte digest
 */
void suit_sha256_final(struct suit_sha256_ctx *ctx, u8 out[SUIT_SHA256_DIGEST_SIZE])
{
	u64 bits = ctx->bytes << 3;
	unsigned int i, n = ctx->buf_len;

	ctx->buf[n++] = 0x80;
	if (n > SUIT_SHA256_BLOCK_SIZE - 8) {
		suit_memset(ctx->buf + n, 0, SUIT_SHA256_BLOCK_SIZE - n);
		sha256_block(ctx->h, ctx->buf);
		n = 0;
	}
	suit_memset(ctx->buf + n, 0, SUIT_SHA256_BLOCK_SIZE - 8 - n);
	put_be32(ctx->buf + 56, (u32)(bits >> 32));
	put_be32(ctx->buf + 60, (u32)bits);
	sha256_block(ctx->h, ctx->buf);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, ctx->h[i]);
	suit_memset(ctx, 0, sizeof(*ctx));
}

/**
 * suit_sha256() - one-shot SHA-256
 * @data: bytes to hash (may be NULL when @len is 0)
 * @len: number of bytes
 * @out: 32-byte digest
 */
void suit_sha256(const void *data, size_t len, u8 out[SUIT_SHA256_DIGEST_SIZE])
{
	struct suit_sha256_ctx ctx;

	suit_sha256_init(&ctx);
	suit_sha256_update(&ctx, data, len);
	suit_sha256_final(&ctx, out);
}
