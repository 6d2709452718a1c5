// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Ed25519 signature verification (RFC 8032 §5.1), freestanding.
 *
 * Field elements mod p = 2^255 - 19 are five 51-bit limbs in u64.
 * Products use unsigned __int128 where the compiler has it (x86_64, arm64)
 * and a two-word emulation otherwise (32-bit builds). Points are in
 * extended twisted Edwards coordinates (X:Y:Z:T), x = X/Z, y = Y/Z,
 * x * y = T/Z (Hisil-Wong-Carter-Dawson 2008, a = -1).
 *
 * Only public data is processed, so the code is not constant time.
 */
#include <suit/sw_crypto.h>

#include "compiler.h"

#define MASK51	((1ULL << 51) - 1)

#if defined(__SIZEOF_INT128__) && !defined(SUIT_ED25519_NO_INT128)
struct acc {
	unsigned __int128 v;
};

static inline struct acc acc_mul(u64 a, u64 b)
{
	struct acc r = { (unsigned __int128)a * b };

	return r;
}

static inline struct acc acc_add(struct acc a, struct acc b)
{
	a.v += b.v;
	return a;
}

static inline struct acc acc_add64(struct acc a, u64 b)
{
	a.v += b;
	return a;
}

static inline u64 acc_lo51(struct acc a)
{
	return (u64)a.v & MASK51;
}

static inline u64 acc_shr51(struct acc a)
{
	return (u64)(a.v >> 51);
}
#else
struct acc {
	u64 lo, hi;
};

static inline struct acc acc_mul(u64 a, u64 b)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
	struct acc r;

	r.lo = (mid << 32) | (u32)ll;
	r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

static inline struct acc acc_add(struct acc a, struct acc b)
{
	struct acc r;

	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo);
	return r;
}

static inline struct acc acc_add64(struct acc a, u64 b)
{
	struct acc r;

	r.lo = a.lo + b;
	r.hi = a.hi + (r.lo < a.lo);
	return r;
}

static inline u64 acc_lo51(struct acc a)
{
	return a.lo & MASK51;
}

static inline u64 acc_shr51(struct acc a)
{
	return (a.lo >> 51) | (a.hi << 13);
}
#endif

/* Limbs are kept below 2^51 + 2^15 after every operation. */
struct fe {
	u64 v[5];
};

struct ge {
	struct fe x, y, z, t;
};

/* Little-endian encodings of constants (checked by the RFC vectors). */
static const u8 ed_d_bytes[32] = {	/* d = -121665/121666 */
	0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41,
	0x41, 0x4d, 0x0a, 0x70, 0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40,
	0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52,
};

static const u8 ed_sqrtm1_bytes[32] = {	/* 2^((p - 1) / 4) */
	0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f,
	0xad, 0x06, 0x18, 0x43, 0x2f, 0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00,
	0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b,
};

/* The base point B: y = 4/5, x even. */
static const u8 ed_base_bytes[32] = {
	0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
};

/* The group order L = 2^252 + 27742317777372353535851937790883648493. */
static const u8 ed_order[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
	0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

/* Exponents, little endian: p - 2 and (p - 5) / 8 = 2^252 - 3. */
static const u8 ed_exp_inv[32] = {
	0xeb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
};

static const u8 ed_exp_p58[32] = {
	0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f,
};

static void fe_carry(struct fe *h)
{
	u64 c;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		c = h->v[i] >> 51;
		h->v[i] &= MASK51;
		h->v[i + 1] += c;
	}
	c = h->v[4] >> 51;
	h->v[4] &= MASK51;
	h->v[0] += 19 * c;
	c = h->v[0] >> 51;
	h->v[0] &= MASK51;
	h->v[1] += c;
}

static void fe_0(struct fe *h)
{
	suit_memset(h, 0, sizeof(*h));
}

static void fe_1(struct fe *h)
{
	fe_0(h);
	h->v[0] = 1;
}

static void fe_copy(struct fe *h, const struct fe *f)
{
	*h = *f;
}

static void fe_add(struct fe *h, const struct fe *f, const struct fe *g)
{
	unsigned int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
	fe_carry(h);
}

/* h = f - g, computed as f + 4p - g so no limb goes negative. */
static void fe_sub(struct fe *h, const struct fe *f, const struct fe *g)
{
	unsigned int i;

	h->v[0] = f->v[0] + 0x1fffffffffffb4ULL - g->v[0];
	for (i = 1; i < 5; i++)
		h->v[i] = f->v[i] + 0x1ffffffffffffcULL - g->v[i];
	fe_carry(h);
}

static void fe_neg(struct fe *h, const struct fe *f)
{
	struct fe z;

	fe_0(&z);
	fe_sub(h, &z, f);
}

/* a0 b0 + a1 b1 + a2 b2 + a3 b3 + a4 b4 */
static inline struct acc sum5(u64 a0, u64 b0, u64 a1,
			      u64 b1, u64 a2, u64 b2,
			      u64 a3, u64 b3, u64 a4,
			      u64 b4)
{
	struct acc r = acc_mul(a0, b0);

	r = acc_add(r, acc_mul(a1, b1));
	r = acc_add(r, acc_mul(a2, b2));
	r = acc_add(r, acc_mul(a3, b3));
	return acc_add(r, acc_mul(a4, b4));
}

static void fe_mul(struct fe *h, const struct fe *f, const struct fe *g)
{
	u64 f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3];
	u64 f4 = f->v[4];
	u64 g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3];
	u64 g4 = g->v[4];
	u64 g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3;
	u64 g4_19 = 19 * g4;
	struct acc r0, r1, r2, r3, r4;
	u64 c;

	r0 = sum5(f0, g0, f1, g4_19, f2, g3_19, f3, g2_19, f4, g1_19);
	r1 = sum5(f0, g1, f1, g0, f2, g4_19, f3, g3_19, f4, g2_19);
	r2 = sum5(f0, g2, f1, g1, f2, g0, f3, g4_19, f4, g3_19);
	r3 = sum5(f0, g3, f1, g2, f2, g1, f3, g0, f4, g4_19);
	r4 = sum5(f0, g4, f1, g3, f2, g2, f3, g1, f4, g0);

	h->v[0] = acc_lo51(r0);
	r1 = acc_add64(r1, acc_shr51(r0));
	h->v[1] = acc_lo51(r1);
	r2 = acc_add64(r2, acc_shr51(r1));
	h->v[2] = acc_lo51(r2);
	r3 = acc_add64(r3, acc_shr51(r2));
	h->v[3] = acc_lo51(r3);
	r4 = acc_add64(r4, acc_shr51(r3));
	h->v[4] = acc_lo51(r4);
	h->v[0] += 19 * acc_shr51(r4);
	c = h->v[0] >> 51;
	h->v[0] &= MASK51;
	h->v[1] += c;
}

static void fe_sq(struct fe *h, const struct fe *f)
{
	fe_mul(h, f, f);
}

/* h = f^e for a public 255-bit little-endian exponent e. */
static void fe_pow(struct fe *h, const struct fe *f, const u8 e[32])
{
	struct fe r;
	int i;

	fe_1(&r);
	for (i = 254; i >= 0; i--) {
		fe_sq(&r, &r);
		if ((e[i >> 3] >> (i & 7)) & 1)
			fe_mul(&r, &r, f);
	}
	fe_copy(h, &r);
}

static void fe_frombytes(struct fe *h, const u8 s[32])
{
	u64 w[4];
	unsigned int i, j;

	for (i = 0; i < 4; i++) {
		w[i] = 0;
		for (j = 0; j < 8; j++)
			w[i] |= (u64)s[8 * i + j] << (8 * j);
	}
	h->v[0] = w[0] & MASK51;
	h->v[1] = ((w[0] >> 51) | (w[1] << 13)) & MASK51;
	h->v[2] = ((w[1] >> 38) | (w[2] << 26)) & MASK51;
	h->v[3] = ((w[2] >> 25) | (w[3] << 39)) & MASK51;
	h->v[4] = (w[3] >> 12) & MASK51;	/* bit 255 ignored */
}

/* Canonical encoding: the unique representative in [0, p). */
static void fe_tobytes(u8 s[32], const struct fe *f)
{
	struct fe h = *f;
	u64 q, w[4];
	unsigned int i, j;

	fe_carry(&h);
	fe_carry(&h);
	/* now h < 2^255 + small < 2p; q = 1 iff h >= p */
	q = (h.v[0] + 19) >> 51;
	for (i = 1; i < 5; i++)
		q = (h.v[i] + q) >> 51;
	h.v[0] += 19 * q;
	for (i = 0; i < 4; i++) {
		h.v[i + 1] += h.v[i] >> 51;
		h.v[i] &= MASK51;
	}
	h.v[4] &= MASK51;
	w[0] = h.v[0] | (h.v[1] << 51);
	w[1] = (h.v[1] >> 13) | (h.v[2] << 38);
	w[2] = (h.v[2] >> 26) | (h.v[3] << 25);
	w[3] = (h.v[3] >> 39) | (h.v[4] << 12);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 8; j++)
			s[8 * i + j] = (u8)(w[i] >> (8 * j));
}

static bool fe_iszero(const struct fe *f)
{
	u8 s[32];
	u8 acc = 0;
	unsigned int i;

	fe_tobytes(s, f);
	for (i = 0; i < 32; i++)
		acc |= s[i];
	return acc == 0;
}

static bool fe_isodd(const struct fe *f)
{
	u8 s[32];

	fe_tobytes(s, f);
	return s[0] & 1;
}

static bool fe_equal(const struct fe *f, const struct fe *g)
{
	struct fe d;

	fe_sub(&d, f, g);
	return fe_iszero(&d);
}

/*
 * Decode a point (RFC 8032 §5.1.3). Rejects y >= p, points not on the
 * curve and x = 0 with the sign bit set. Returns false on failure.
 */
static bool ge_frombytes(struct ge *p, const u8 s[32])
{
	u8 chk[32];
	struct fe u, v, v3, x2, d, t;
	unsigned int sign = s[31] >> 7;

	fe_frombytes(&p->y, s);
	fe_tobytes(chk, &p->y);
	chk[31] |= (u8)(sign << 7);
	if (suit_memcmp(chk, s, 32))
		return false;	/* y not canonical (y >= p) */

	fe_frombytes(&d, ed_d_bytes);
	fe_1(&p->z);
	fe_sq(&u, &p->y);
	fe_mul(&v, &u, &d);
	fe_sub(&u, &u, &p->z);		/* u = y^2 - 1 */
	fe_add(&v, &v, &p->z);		/* v = d y^2 + 1 */

	/* x = u v^3 (u v^7)^((p - 5) / 8) */
	fe_sq(&v3, &v);
	fe_mul(&v3, &v3, &v);		/* v^3 */
	fe_sq(&t, &v3);
	fe_mul(&t, &t, &v);		/* v^7 */
	fe_mul(&t, &t, &u);		/* u v^7 */
	fe_pow(&t, &t, ed_exp_p58);
	fe_mul(&t, &t, &v3);
	fe_mul(&p->x, &t, &u);

	fe_sq(&x2, &p->x);
	fe_mul(&x2, &x2, &v);		/* v x^2 */
	if (!fe_equal(&x2, &u)) {
		fe_neg(&t, &u);
		if (!fe_equal(&x2, &t))
			return false;	/* no square root: not on the curve */
		fe_frombytes(&t, ed_sqrtm1_bytes);
		fe_mul(&p->x, &p->x, &t);
	}
	if (fe_iszero(&p->x) && sign)
		return false;
	if (fe_isodd(&p->x) != sign)
		fe_neg(&p->x, &p->x);
	fe_mul(&p->t, &p->x, &p->y);
	return true;
}

static noinline void ge_tobytes(u8 s[32], const struct ge *p)
{
	struct fe zi, x, y;

	fe_pow(&zi, &p->z, ed_exp_inv);
	fe_mul(&x, &p->x, &zi);
	fe_mul(&y, &p->y, &zi);
	fe_tobytes(s, &y);
	s[31] |= (u8)(fe_isodd(&x) << 7);
}

static void ge_identity(struct ge *p)
{
	fe_0(&p->x);
	fe_1(&p->y);
	fe_1(&p->z);
	fe_0(&p->t);
}

static void ge_neg(struct ge *r, const struct ge *p)
{
	fe_neg(&r->x, &p->x);
	fe_copy(&r->y, &p->y);
	fe_copy(&r->z, &p->z);
	fe_neg(&r->t, &p->t);
}

/* r = p + q ("add-2008-hwcd-3", a = -1); r may alias p or q. */
static void ge_add(struct ge *r, const struct ge *p, const struct ge *q)
{
	struct fe a, b, c, d, e, f, g, h;

	fe_sub(&a, &p->y, &p->x);
	fe_sub(&h, &q->y, &q->x);
	fe_mul(&a, &a, &h);
	fe_add(&b, &p->y, &p->x);
	fe_add(&h, &q->y, &q->x);
	fe_mul(&b, &b, &h);
	fe_frombytes(&h, ed_d_bytes);
	fe_add(&h, &h, &h);		/* 2d */
	fe_mul(&c, &p->t, &q->t);
	fe_mul(&c, &c, &h);
	fe_mul(&d, &p->z, &q->z);
	fe_add(&d, &d, &d);
	fe_sub(&e, &b, &a);
	fe_sub(&f, &d, &c);
	fe_add(&g, &d, &c);
	fe_add(&h, &b, &a);
	fe_mul(&r->x, &e, &f);
	fe_mul(&r->y, &g, &h);
	fe_mul(&r->t, &e, &h);
	fe_mul(&r->z, &f, &g);
}

/* r = 2p ("dbl-2008-hwcd", a = -1, signs folded); r may alias p. */
static void ge_dbl(struct ge *r, const struct ge *p)
{
	struct fe a, b, c, e, f, g, h;

	fe_sq(&a, &p->x);
	fe_sq(&b, &p->y);
	fe_sq(&c, &p->z);
	fe_add(&c, &c, &c);
	fe_add(&h, &a, &b);
	fe_add(&e, &p->x, &p->y);
	fe_sq(&e, &e);
	fe_sub(&e, &h, &e);
	fe_sub(&g, &a, &b);
	fe_add(&f, &c, &g);
	fe_mul(&r->x, &e, &f);
	fe_mul(&r->y, &g, &h);
	fe_mul(&r->t, &e, &h);
	fe_mul(&r->z, &f, &g);
}

/*
 * r = [s]B + [k]P (Straus-Shamir, one shared doubling chain); s and k are
 * 256-bit little-endian scalars. Variable time: inputs are public.
 */
static noinline bool ge_double_scalarmult(struct ge *r, const u8 s[32],
					  const u8 k[32],
					  const struct ge *p)
{
	struct ge tab[3];	/* B, P, B + P */
	int i;

	if (!ge_frombytes(&tab[0], ed_base_bytes))
		return false;	/* cannot happen */
	tab[1] = *p;
	ge_add(&tab[2], &tab[0], p);
	ge_identity(r);
	for (i = 255; i >= 0; i--) {
		unsigned int sel = ((s[i >> 3] >> (i & 7)) & 1) |
				   (((k[i >> 3] >> (i & 7)) & 1) << 1);

		ge_dbl(r, r);
		if (sel)
			ge_add(r, r, &tab[sel - 1]);
	}
	return true;
}

/* True iff the 256-bit little-endian a < L. */
static bool sc_lt_order(const u8 a[32])
{
	int i;

	for (i = 31; i >= 0; i--) {
		if (a[i] != ed_order[i])
			return a[i] < ed_order[i];
	}
	return false;
}

/* out = h mod L for a 512-bit little-endian h (bitwise long division). */
static void sc_reduce512(u8 out[32], const u8 h[64])
{
	u64 r[5] = { 0 }, l[5] = { 0 };
	unsigned int i, j;
	int bit;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 8; j++)
			l[i] |= (u64)ed_order[8 * i + j] << (8 * j);
	for (bit = 511; bit >= 0; bit--) {
		u64 t[5], borrow = 0;

		/* r = 2r + bit; r < 2L < 2^254 so r fits in 4 words + spare */
		for (i = 4; i > 0; i--)
			r[i] = (r[i] << 1) | (r[i - 1] >> 63);
		r[0] = (r[0] << 1) | ((h[bit >> 3] >> (bit & 7)) & 1);
		/* if r >= L then r -= L */
		for (i = 0; i < 5; i++) {
			u64 d = r[i] - l[i];
			u64 b2 = d < borrow;

			t[i] = d - borrow;
			borrow = (r[i] < l[i]) | b2;
		}
		if (!borrow)
			suit_memcpy(r, t, sizeof(r));
	}
	for (i = 0; i < 4; i++)
		for (j = 0; j < 8; j++)
			out[8 * i + j] = (u8)(r[i] >> (8 * j));
}

static noinline void ed25519_challenge(u8 k[32], const u8 *r,
				       const u8 *pub, const u8 *msg,
				       size_t len)
{
	struct suit_sha512_ctx ctx;
	u8 h[SUIT_SHA512_DIGEST_SIZE];

	suit_sha512_init(&ctx);
	suit_sha512_update(&ctx, r, 32);
	suit_sha512_update(&ctx, pub, 32);
	suit_sha512_update(&ctx, msg, len);
	suit_sha512_final(&ctx, h);
	sc_reduce512(k, h);
}

/**
 * suit_ed25519_verify() - verify a pure Ed25519 signature (RFC 8032 §5.1.7)
 * @pub: the 32-byte encoded public key A
 * @msg: the message (may be NULL if @len is 0)
 * @len: message length
 * @sig: the 64-byte signature R || S
 *
 * Rejects S >= L and non-canonical or off-curve encodings of A. R is not
 * decoded: [S]B - [k]A is computed and its canonical encoding compared with
 * the R bytes, so a non-canonical R never matches. The equation is checked
 * without the cofactor (exactly [S]B = R + [k]A).
 *
 * Return: 0 if the signature is valid, -EBADMSG otherwise.
 */
int suit_ed25519_verify(const u8 pub[SUIT_ED25519_PUBKEY_SIZE],
			const u8 *msg, size_t len,
			const u8 sig[SUIT_ED25519_SIG_SIZE])
{
	struct ge a, r;
	u8 k[32], check[32];

	if (!pub || !sig || (!msg && len))
		return -EBADMSG;
	if (!sc_lt_order(sig + 32))
		return -EBADMSG;
	if (!ge_frombytes(&a, pub))
		return -EBADMSG;
	ed25519_challenge(k, sig, pub, msg, len);
	ge_neg(&a, &a);
	if (!ge_double_scalarmult(&r, sig + 32, k, &a))
		return -EBADMSG;
	ge_tobytes(check, &r);
	if (suit_memcmp(check, sig, 32))
		return -EBADMSG;
	return 0;
}
