// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * HSS/LMS hash-based signature verification (RFC 8554), freestanding.
 *
 * Supported: LMS_SHA256_M32_H5..H25 and LMOTS_SHA256_N32_W1..W8, HSS with
 * 1..8 levels. Every length and count is checked against the buffer
 * before it is used; a signature must be exactly as long as its typecodes
 * say.
 */
#include <suit/sw_crypto.h>

#define LMS_N		32	/* n = m = 32 for every supported typecode */
#define LMS_I_LEN	16
#define D_PBLC		0x8080
#define D_MESG		0x8181
#define D_LEAF		0x8282
#define D_INTR		0x8383

struct lmots_param {
	unsigned int w;		/* Winternitz parameter, bits */
	unsigned int p;		/* number of n-byte elements */
	unsigned int ls;	/* checksum left shift */
};

/* RFC 8554 §4.1 table 1 */
static const struct lmots_param *lmots_param(u32 type)
{
	static const struct lmots_param params[4] = {
		{ 1, 265, 7 }, { 2, 133, 6 }, { 4, 67, 4 }, { 8, 34, 0 },
	};

	if (type < SUIT_LMOTS_SHA256_N32_W1 || type > SUIT_LMOTS_SHA256_N32_W8)
		return NULL;
	return &params[type - SUIT_LMOTS_SHA256_N32_W1];
}

/* RFC 8554 §5.1 table 2: tree height h, or 0 if unsupported */
static unsigned int lms_height(u32 type)
{
	if (type < SUIT_LMS_SHA256_M32_H5 || type > SUIT_LMS_SHA256_M32_H25)
		return 0;
	return 5 * (type - SUIT_LMS_SHA256_M32_H5 + 1);
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

/* coef(S, i, w) of RFC 8554 §3.1.3 */
static unsigned int coef(const u8 *s, unsigned int i, unsigned int w)
{
	unsigned int mask = (1U << w) - 1;
	unsigned int byte = s[(i * w) / 8];
	unsigned int shift = 8 - (w * (i % (8 / w)) + w);

	return (byte >> shift) & mask;
}

/*
 * Length of the LMS signature starting at @sig (which has @avail bytes),
 * or a negative errno. Reads only the two typecodes, after checking that
 * they are inside the buffer.
 */
static long lms_sig_len(const u8 *sig, size_t avail)
{
	const struct lmots_param *op;
	unsigned int h;
	size_t ots_len;

	if (avail < 8)
		return -EBADMSG;
	op = lmots_param(get_be32(sig + 4));
	if (!op)
		return -EOPNOTSUPP;
	ots_len = 4 + LMS_N + (size_t)op->p * LMS_N;
	if (avail < 4 + ots_len + 4)
		return -EBADMSG;
	h = lms_height(get_be32(sig + 4 + ots_len));
	if (!h)
		return -EOPNOTSUPP;
	if (avail < 4 + ots_len + 4 + (size_t)h * LMS_N)
		return -EBADMSG;
	return (long)(4 + ots_len + 4 + (size_t)h * LMS_N);
}

/*
 * The typecodes inside an LMS signature must be those of the key that is
 * to verify it (@pub, already checked); a mismatch is a bad signature,
 * not an unsupported algorithm. Called before lms_sig_len().
 */
static int lms_sig_types_match(const u8 *pub, const u8 *sig,
			       size_t avail)
{
	const struct lmots_param *op = lmots_param(get_be32(pub + 4));
	size_t at = 4 + 4 + LMS_N + (size_t)op->p * LMS_N;

	if (avail < 8 || get_be32(sig + 4) != get_be32(pub + 4))
		return -EBADMSG;
	if (avail < at + 4 || get_be32(sig + at) != get_be32(pub))
		return -EBADMSG;
	return 0;
}

/* Check an LMS public key's typecodes: 0, -EBADMSG or -EOPNOTSUPP. */
static int lms_pub_check(const u8 *pub, size_t len)
{
	if (len < 8)
		return -EBADMSG;
	if (!lms_height(get_be32(pub)) || !lmots_param(get_be32(pub + 4)))
		return -EOPNOTSUPP;
	if (len != SUIT_LMS_PUBKEY_SIZE)
		return -EBADMSG;
	return 0;
}

/*
 * RFC 8554 Algorithm 4b: the candidate LM-OTS public key Kc for @msg from
 * the LM-OTS signature @ots (typecode, C, y[p]); the length was checked.
 */
static void lmots_candidate(u8 kc[LMS_N], const struct lmots_param *op,
			    const u8 i[LMS_I_LEN], u32 q,
			    const u8 *ots, const u8 *msg,
			    size_t msg_len)
{
	struct suit_sha256_ctx ctx, kctx;
	u8 qs[LMS_N + 2];	/* Q || Cksm(Q) */
	u8 pre[LMS_I_LEN + 4 + 2];
	u8 buf[LMS_I_LEN + 4 + 2 + 1 + LMS_N];
	const u8 *c = ots + 4, *y = ots + 4 + LMS_N;
	unsigned int max = (1U << op->w) - 1;
	unsigned int k, sum = 0;

	suit_memcpy(pre, i, LMS_I_LEN);
	put_be32(pre + LMS_I_LEN, q);
	pre[20] = D_MESG >> 8;
	pre[21] = D_MESG & 0xff;
	suit_sha256_init(&ctx);
	suit_sha256_update(&ctx, pre, sizeof(pre));
	suit_sha256_update(&ctx, c, LMS_N);
	suit_sha256_update(&ctx, msg, msg_len);
	suit_sha256_final(&ctx, qs);

	for (k = 0; k < LMS_N * 8 / op->w; k++)
		sum += max - coef(qs, k, op->w);
	sum <<= op->ls;
	qs[LMS_N] = (u8)(sum >> 8);
	qs[LMS_N + 1] = (u8)sum;

	pre[20] = D_PBLC >> 8;
	pre[21] = D_PBLC & 0xff;
	suit_sha256_init(&kctx);
	suit_sha256_update(&kctx, pre, sizeof(pre));

	suit_memcpy(buf, i, LMS_I_LEN);
	put_be32(buf + LMS_I_LEN, q);
	for (k = 0; k < op->p; k++) {
		unsigned int a = coef(qs, k, op->w), j;

		buf[20] = (u8)(k >> 8);
		buf[21] = (u8)k;
		suit_memcpy(buf + 23, y + (size_t)k * LMS_N, LMS_N);
		for (j = a; j < max; j++) {
			buf[22] = (u8)j;
			suit_sha256(buf, sizeof(buf), buf + 23);
		}
		suit_sha256_update(&kctx, buf + 23, LMS_N);
	}
	suit_sha256_final(&kctx, kc);
}

/*
 * RFC 8554 Algorithm 6a. @pub and @sig have exact, checked lengths
 * (@pub: lms_pub_check() passed; @sig_len == lms_sig_len()).
 */
static int lms_verify_checked(const u8 *pub, const u8 *msg,
			      size_t msg_len, const u8 *sig)
{
	u32 lms_type = get_be32(pub), ots_type = get_be32(pub + 4);
	const struct lmots_param *op = lmots_param(ots_type);
	unsigned int h = lms_height(lms_type);
	const u8 *ident = pub + 8, *root = pub + 8 + LMS_I_LEN;
	const u8 *path;
	u8 node[LMS_N];
	u8 buf[LMS_I_LEN + 4 + 2 + 2 * LMS_N];
	size_t ots_len;
	u32 q, r;
	unsigned int k;

	if (!op || !h)
		return -EOPNOTSUPP;
	q = get_be32(sig);
	if (get_be32(sig + 4) != ots_type)
		return -EBADMSG;
	ots_len = 4 + LMS_N + (size_t)op->p * LMS_N;
	if (get_be32(sig + 4 + ots_len) != lms_type)
		return -EBADMSG;
	if (q >= (1U << h))
		return -EBADMSG;
	path = sig + 4 + ots_len + 4;

	lmots_candidate(node, op, ident, q, sig + 4, msg, msg_len);

	suit_memcpy(buf, ident, LMS_I_LEN);
	r = (1U << h) + q;
	put_be32(buf + LMS_I_LEN, r);
	buf[20] = D_LEAF >> 8;
	buf[21] = D_LEAF & 0xff;
	suit_memcpy(buf + 22, node, LMS_N);
	suit_sha256(buf, 22 + LMS_N, node);

	buf[20] = D_INTR >> 8;
	buf[21] = D_INTR & 0xff;
	for (k = 0; r > 1; k++, r >>= 1) {
		put_be32(buf + LMS_I_LEN, r >> 1);
		if (r & 1) {
			suit_memcpy(buf + 22, path + (size_t)k * LMS_N, LMS_N);
			suit_memcpy(buf + 22 + LMS_N, node, LMS_N);
		} else {
			suit_memcpy(buf + 22, node, LMS_N);
			suit_memcpy(buf + 22 + LMS_N, path + (size_t)k * LMS_N, LMS_N);
		}
		suit_sha256(buf, sizeof(buf), node);
	}
	if (suit_memcmp(node, root, LMS_N))
		return -EBADMSG;
	return 0;
}

/**
 * suit_lms_verify() - verify a single-tree LMS signature (RFC 8554 §5.4.2)
 * @pub: the LMS public key (u32 lms_type || u32 ots_type || I || T[1])
 * @pub_len: length of @pub
 * @msg: message
 * @msg_len: message length
 * @sig: the LMS signature
 * @sig_len: length of @sig, must be exactly the encoded length
 *
 * Return: 0 if valid; -EBADMSG if malformed or invalid; -EOPNOTSUPP for a
 * typecode other than the SHA-256/32-byte ones.
 */
int suit_lms_verify(const u8 *pub, size_t pub_len,
		    const u8 *msg, size_t msg_len,
		    const u8 *sig, size_t sig_len)
{
	long len;
	int ret;

	if (!pub || !sig || (!msg && msg_len))
		return -EBADMSG;
	ret = lms_pub_check(pub, pub_len);
	if (ret)
		return ret;
	ret = lms_sig_types_match(pub, sig, sig_len);
	if (ret)
		return ret;
	len = lms_sig_len(sig, sig_len);
	if (len < 0)
		return (int)len;
	if ((size_t)len != sig_len)
		return -EBADMSG;
	return lms_verify_checked(pub, msg, msg_len, sig);
}

/**
 * suit_hss_verify() - verify an HSS signature (RFC 8554 §6.3)
 * @pub: the HSS public key (u32str(L) || LMS public key), 60 bytes
 * @pub_len: length of @pub
 * @msg: the message (may be NULL if @msg_len is 0)
 * @msg_len: message length
 * @sig: the HSS signature (u32str(Nspk) || signed public keys || LMS sig)
 * @sig_len: length of @sig; must be exactly the encoded length
 *
 * The whole structure is parsed and bounds-checked first, then the
 * chain is verified from the top: each level's LMS signature over the
 * next level's public key, the last one over @msg.
 *
 * Return: 0 if valid; -EBADMSG if malformed or invalid; -EOPNOTSUPP if
 * a typecode is not supported or L > 8.
 */
int suit_hss_verify(const u8 *pub, size_t pub_len,
		    const u8 *msg, size_t msg_len,
		    const u8 *sig, size_t sig_len)
{
	const u8 *sigs[SUIT_HSS_MAX_LEVELS];
	const u8 *keys[SUIT_HSS_MAX_LEVELS];
	u32 levels, nspk;
	size_t off;
	long len;
	unsigned int k;
	int ret;

	if (!pub || !sig || (!msg && msg_len))
		return -EBADMSG;
	if (pub_len < 4)
		return -EBADMSG;
	levels = get_be32(pub);
	if (levels < 1)
		return -EBADMSG;
	if (levels > SUIT_HSS_MAX_LEVELS)
		return -EOPNOTSUPP;
	ret = lms_pub_check(pub + 4, pub_len - 4);
	if (ret)
		return ret;
	if (sig_len < 4)
		return -EBADMSG;
	nspk = get_be32(sig);
	if (nspk + 1 != levels)	/* levels <= 8, so no wrap for valid nspk */
		return -EBADMSG;

	/* Parse: sig[0] pub[1] sig[1] pub[2] ... sig[nspk] */
	keys[0] = pub + 4;
	off = 4;
	for (k = 0; k < levels; k++) {
		ret = lms_sig_types_match(keys[k], sig + off, sig_len - off);
		if (ret)
			return ret;
		len = lms_sig_len(sig + off, sig_len - off);
		if (len < 0)
			return (int)len;
		sigs[k] = sig + off;
		off += (size_t)len;
		if (k + 1 == levels)
			break;
		ret = lms_pub_check(sig + off, sig_len - off < SUIT_LMS_PUBKEY_SIZE ?
				    sig_len - off : SUIT_LMS_PUBKEY_SIZE);
		if (ret)
			return ret;
		keys[k + 1] = sig + off;
		off += SUIT_LMS_PUBKEY_SIZE;
	}
	if (off != sig_len)
		return -EBADMSG;

	for (k = 0; k < levels; k++) {
		if (k + 1 < levels)
			ret = lms_verify_checked(keys[k], keys[k + 1],
						 SUIT_LMS_PUBKEY_SIZE, sigs[k]);
		else
			ret = lms_verify_checked(keys[k], msg, msg_len, sigs[k]);
		if (ret)
			return ret;
	}
	return 0;
}
