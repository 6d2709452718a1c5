// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-memory fake platform for the processor unit tests. See
 * support_fakeplat.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include "support_fakeplat.h"

static void tr(struct fakeplat *f, const char *op)
{
	size_t l = strlen(f->trace);

	if (l + strlen(op) + 2 < sizeof(f->trace))
		snprintf(f->trace + l, sizeof(f->trace) - l, "%s%s",
			 l ? " " : "", op);
}

void fp_init(struct fakeplat *f)
{
	memset(f, 0, sizeof(*f));
	f->now = 1000000;
	f->battery = 1000;
	for (unsigned int i = 0; i < FP_MAX_COMP; i++)
		f->comp[i].open_slot = -1;
}

void fp_free(struct fakeplat *f)
{
	unsigned int i, s;

	for (i = 0; i < f->ncomp; i++)
		for (s = 0; s < FP_MAX_SLOTS; s++) {
			free(f->comp[i].data[s]);
			free(f->comp[i].stage[s]);
		}
	for (i = 0; i < FP_MAX_COMP; i++) {
		free(f->comp[i].keep);
		f->comp[i].keep = NULL;
		f->comp[i].have_keep = false;
	}
	for (i = 0; i < f->ntrust; i++)
		EVP_PKEY_free(f->trust[i]);
	f->ncomp = 0;
	f->ntrust = 0;
}

int fp_add_comp_raw(struct fakeplat *f, const uint8_t *id, size_t id_len,
		    uint64_t max_size, uint32_t slots)
{
	struct fp_comp *c;

	if (f->ncomp >= FP_MAX_COMP || id_len > sizeof(c->id) ||
	    slots < 1 || slots > FP_MAX_SLOTS)
		return -1;
	c = &f->comp[f->ncomp];
	memcpy(c->id, id, id_len);
	c->id_len = id_len;
	c->max_size = max_size;
	c->slots = slots;
	c->open_slot = -1;
	return (int)f->ncomp++;
}

int fp_add_comp(struct fakeplat *f, const char *name, uint64_t max_size,
		uint32_t slots)
{
	uint8_t id[64];
	size_t n = strlen(name);

	if (n > 23 || n + 2 > sizeof(id))
		return -1;
	id[0] = 0x81;			/* array(1) */
	id[1] = (uint8_t)(0x40 | n);	/* bstr(n) */
	memcpy(id + 2, name, n);
	return fp_add_comp_raw(f, id, n + 2, max_size, slots);
}

void fp_set_content(struct fakeplat *f, unsigned int comp, unsigned int slot,
		    const void *data, size_t len)
{
	struct fp_comp *c = &f->comp[comp];

	free(c->data[slot]);
	c->data[slot] = malloc(len ? len : 1);
	if (len)
		memcpy(c->data[slot], data, len);
	c->len[slot] = len;
}

const uint8_t *fp_content(const struct fakeplat *f, unsigned int comp,
			  unsigned int slot, uint64_t *len)
{
	*len = f->comp[comp].len[slot];
	return f->comp[comp].data[slot];
}

void fp_add_uri(struct fakeplat *f, const char *uri, const void *data,
		size_t len)
{
	if (f->nuri >= FP_MAX_URI)
		return;
	f->uri[f->nuri].uri = uri;
	f->uri[f->nuri].data = data;
	f->uri[f->nuri].len = len;
	f->nuri++;
}

void fp_trust_key(struct fakeplat *f, void *pkey)
{
	if (f->ntrust < FP_MAX_TRUST && EVP_PKEY_up_ref(pkey) == 1)
		f->trust[f->ntrust++] = pkey;
}

int fp_trust_pem(struct fakeplat *f, const char *path)
{
	FILE *fp = fopen(path, "r");
	EVP_PKEY *k;

	if (!fp)
		return -1;
	k = PEM_read_PUBKEY(fp, NULL, NULL, NULL);
	fclose(fp);
	if (!k)
		return -1;
	fp_trust_key(f, k);
	EVP_PKEY_free(k);
	return 0;
}

/* ---- hashing ------------------------------------------------------------ */

static const EVP_MD *md_of(int32_t alg)
{
	switch (alg) {
	case SUIT_COSE_ALG_SHA256: return EVP_sha256();
	case SUIT_COSE_ALG_SHA384: return EVP_sha384();
	case SUIT_COSE_ALG_SHA512: return EVP_sha512();
	default: return NULL;
	}
}

static int fp_hash_init(void *plat, int32_t alg, void **ctx)
{
	struct fakeplat *f = plat;
	const EVP_MD *md = md_of(alg);
	EVP_MD_CTX *c;

	if (!md)
		return -EOPNOTSUPP;
	c = EVP_MD_CTX_new();
	if (!c || EVP_DigestInit_ex(c, md, NULL) != 1) {
		EVP_MD_CTX_free(c);
		return -ENOMEM;
	}
	f->hash_inits++;
	f->open_hashes++;
	*ctx = c;
	return 0;
}

static int fp_hash_update(void *plat, void *ctx, const uint8_t *data,
			  size_t len)
{
	return EVP_DigestUpdate(ctx, data, len) == 1 ? 0 : -EIO;
}

static int fp_hash_final(void *plat, void *ctx, uint8_t *out, size_t out_len)
{
	struct fakeplat *f = plat;
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	int ret = 0;

	f->open_hashes--;
	if (out) {
		if (EVP_DigestFinal_ex(ctx, md, &n) != 1 || n != out_len)
			ret = -EINVAL;
		else
			memcpy(out, md, n);
	}
	EVP_MD_CTX_free(ctx);
	return ret;
}

void fp_sha256(const void *data, size_t len, uint8_t *out)
{
	unsigned int n;

	EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

/* ---- authentication ------------------------------------------------------ */

static int ecdsa_verify(EVP_PKEY *k, const uint8_t *tbs, size_t len,
			const uint8_t *sig, size_t sig_len)
{
	ECDSA_SIG *s;
	BIGNUM *r, *sv;
	unsigned char *der = NULL;
	EVP_MD_CTX *c;
	int dl, ok;

	if (sig_len != 64)
		return 0;
	s = ECDSA_SIG_new();
	r = BN_bin2bn(sig, 32, NULL);
	sv = BN_bin2bn(sig + 32, 32, NULL);
	ECDSA_SIG_set0(s, r, sv);
	dl = i2d_ECDSA_SIG(s, &der);
	ECDSA_SIG_free(s);
	if (dl <= 0)
		return 0;
	c = EVP_MD_CTX_new();
	ok = EVP_DigestVerifyInit(c, NULL, EVP_sha256(), NULL, k) == 1 &&
	     EVP_DigestVerify(c, der, dl, tbs, len) == 1;
	EVP_MD_CTX_free(c);
	OPENSSL_free(der);
	return ok;
}

static int fp_auth_verify(void *plat, const struct suit_auth_req *req)
{
	struct fakeplat *f = plat;
	uint8_t mac[32];
	unsigned int ml = 0, i, diff = 0;

	f->auth_calls++;
	tr(f, "auth");
	if (req->kind == SUIT_AUTH_SIGNATURE &&
	    (req->alg == SUIT_COSE_ALG_ES256 || req->alg == SUIT_COSE_ALG_ESP256)) {
		if (!f->ntrust)
			return -ENOENT;
		for (i = 0; i < f->ntrust; i++)
			if (ecdsa_verify(f->trust[i], req->tbs.ptr, req->tbs.len,
					 req->sig.ptr, req->sig.len))
				return 0;
		return -EBADMSG;
	}
	if (req->kind == SUIT_AUTH_MAC && req->alg == SUIT_COSE_ALG_HMAC256) {
		if (!f->have_hmac)
			return -ENOENT;
		HMAC(EVP_sha256(), f->hmac_key, 32, req->tbs.ptr, req->tbs.len,
		     mac, &ml);
		if (req->sig.len != 32)
			return -EBADMSG;
		for (i = 0; i < 32; i++)
			diff |= mac[i] ^ req->sig.ptr[i];
		return diff ? -EBADMSG : 0;
	}
	return -EOPNOTSUPP;
}

void *fp_gen_p256(void)
{
	return EVP_EC_gen("P-256");
}

void *fp_load_priv_pem(const char *path)
{
	FILE *fp = fopen(path, "r");
	EVP_PKEY *k;

	if (!fp)
		return NULL;
	k = PEM_read_PrivateKey(fp, NULL, NULL, NULL);
	fclose(fp);
	return k;
}

void fp_key_free(void *pkey)
{
	EVP_PKEY_free(pkey);
}

int fp_sign_es256(void *pkey, const uint8_t *tbs, size_t len, uint8_t *sig)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char der[80];
	const unsigned char *dp = der;
	size_t dl = sizeof(der);
	const BIGNUM *r, *s;
	ECDSA_SIG *es;
	int ok;

	ok = EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, pkey) == 1 &&
	     EVP_DigestSign(c, der, &dl, tbs, len) == 1;
	EVP_MD_CTX_free(c);
	if (!ok)
		return -1;
	es = d2i_ECDSA_SIG(NULL, &dp, (long)dl);
	if (!es)
		return -1;
	ECDSA_SIG_get0(es, &r, &s);
	BN_bn2binpad(r, sig, 32);
	BN_bn2binpad(s, sig + 32, 32);
	ECDSA_SIG_free(es);
	return 0;
}

/* ---- key unwrap and ciphers ---------------------------------------------- */

static int fp_cek_unwrap(void *plat, const struct suit_unwrap_req *req,
			 uint8_t *cek, size_t *cek_len)
{
	struct fakeplat *f = plat;
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *x;
	int l1 = 0, l2 = 0, ok;

	switch (req->alg) {
	case SUIT_COSE_ALG_A128KW: c = EVP_aes_128_wrap(); break;
	case SUIT_COSE_ALG_A256KW: c = EVP_aes_256_wrap(); break;
	default: return -EOPNOTSUPP;
	}
	if (!f->kek_len)
		return -ENOENT;
	if ((size_t)EVP_CIPHER_key_length(c) != f->kek_len)
		return -ENOENT;
	if (req->wrapped.len < 16 || req->wrapped.len - 8 > SUIT_MAX_KEY_LEN)
		return -EBADMSG;
	x = EVP_CIPHER_CTX_new();
	ok = EVP_DecryptInit_ex(x, c, NULL, f->kek, NULL) == 1 &&
	     EVP_DecryptUpdate(x, cek, &l1, req->wrapped.ptr,
			       (int)req->wrapped.len) == 1 &&
	     EVP_DecryptFinal_ex(x, cek + l1, &l2) == 1;
	EVP_CIPHER_CTX_free(x);
	if (!ok)
		return -EBADMSG;
	*cek_len = (size_t)(l1 + l2);
	return 0;
}

static int fp_cipher_init(void *plat, const struct suit_cipher_req *req,
			  void **ctx)
{
	struct fakeplat *f = plat;
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *x;
	int l;

	switch (req->alg) {
	case SUIT_COSE_ALG_A128GCM: c = EVP_aes_128_gcm(); break;
	case SUIT_COSE_ALG_A256GCM: c = EVP_aes_256_gcm(); break;
	default: return -EOPNOTSUPP;
	}
	if ((size_t)EVP_CIPHER_key_length(c) != req->key.len)
		return -EINVAL;
	x = EVP_CIPHER_CTX_new();
	if (EVP_DecryptInit_ex(x, c, NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_GCM_SET_IVLEN, (int)req->iv.len,
				NULL) != 1 ||
	    EVP_DecryptInit_ex(x, NULL, NULL, req->key.ptr, req->iv.ptr) != 1 ||
	    (req->aad.len &&
	     EVP_DecryptUpdate(x, NULL, &l, req->aad.ptr, (int)req->aad.len) != 1)) {
		EVP_CIPHER_CTX_free(x);
		return -EIO;
	}
	f->open_ciphers++;
	*ctx = x;
	return 0;
}

static int fp_cipher_update(void *plat, void *ctx, const uint8_t *in,
			    uint8_t *out, size_t len)
{
	int l;

	return EVP_DecryptUpdate(ctx, out, &l, in, (int)len) == 1 &&
	       (size_t)l == len ? 0 : -EIO;
}

static int fp_cipher_final(void *plat, void *ctx, struct suit_buf tag)
{
	struct fakeplat *f = plat;
	uint8_t buf[16];
	int l, ret = 0;

	f->open_ciphers--;
	if (tag.ptr) {
		if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, (int)tag.len,
					(void *)tag.ptr) != 1 ||
		    EVP_DecryptFinal_ex(ctx, buf, &l) != 1)
			ret = -EBADMSG;
	}
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/* ---- components ------------------------------------------------------- */

static int fp_comp_lookup(void *plat, struct suit_buf id, uint32_t *comp)
{
	struct fakeplat *f = plat;
	unsigned int i;

	if (f->deny && id.len == strlen(f->deny) + 2 &&
	    !memcmp(id.ptr + 2, f->deny, id.len - 2))
		return -EACCES;
	for (i = 0; i < f->ncomp; i++)
		if (f->comp[i].id_len == id.len &&
		    !memcmp(f->comp[i].id, id.ptr, id.len)) {
			*comp = i;
			return 0;
		}
	if (f->auto_comp) {
		int n = fp_add_comp_raw(f, id.ptr, id.len, 1 << 20, 1);

		if (n >= 0) {
			*comp = (uint32_t)n;
			return 0;
		}
	}
	return -ENOENT;
}

static const uint8_t *cur_data(const struct fp_comp *c, uint32_t slot,
			       uint64_t *len)
{
	if (c->staged[slot]) {
		*len = c->stage_len[slot];
		return c->stage[slot];
	}
	*len = c->len[slot];
	return c->data[slot];
}

static int fp_comp_info(void *plat, uint32_t comp, uint32_t slot,
			struct suit_component_info *info)
{
	struct fakeplat *f = plat;
	struct fp_comp *c;

	if (comp >= f->ncomp)
		return -ENOENT;
	c = &f->comp[comp];
	if (slot >= c->slots)
		return -ENOENT;
	memset(info, 0, sizeof(*info));
	info->slots = c->slots;
	info->active_slot = c->active_slot;
	info->max_size = c->max_size;
	cur_data(c, slot, &info->size);
	memcpy(info->version, c->version, sizeof(info->version));
	info->version_len = c->version_len;
	return 0;
}

static int fp_comp_open(void *plat, uint32_t comp, uint32_t slot,
			unsigned int flags, uint64_t size)
{
	struct fakeplat *f = plat;
	struct fp_comp *c;

	if (comp >= f->ncomp)
		return -ENOENT;
	c = &f->comp[comp];
	if (slot >= c->slots || c->open_slot >= 0)
		return -EBUSY;
	if (flags & SUIT_COMP_WRITE) {
		if (size > c->max_size)
			return -ENOSPC;
		free(c->stage[slot]);
		c->stage[slot] = malloc(c->max_size ? c->max_size : 1);
		c->stage_len[slot] = 0;
		c->staged[slot] = true;
		c->open_kept = 0;
		if (f->resume_on && c->have_keep) {
			/* the interrupted write's bytes, used once */
			if (c->keep_len)
				memcpy(c->stage[slot], c->keep, c->keep_len);
			c->stage_len[slot] = c->keep_len;
			c->open_kept = c->keep_len;
			free(c->keep);
			c->keep = NULL;
			c->have_keep = false;
		}
		tr(f, "open-w");
	}
	c->open_slot = (int)slot;
	c->open_flags = flags;
	return 0;
}

static int fp_comp_read(void *plat, uint32_t comp, uint64_t off, uint8_t *buf,
			size_t len)
{
	struct fakeplat *f = plat;
	struct fp_comp *c = &f->comp[comp];
	const uint8_t *d;
	uint64_t l;

	if (comp >= f->ncomp || c->open_slot < 0)
		return -EBADF;
	d = cur_data(c, (uint32_t)c->open_slot, &l);
	if (off > l || len > l - off)
		return -EIO;
	memcpy(buf, d + off, len);
	c->reads++;
	c->read_bytes += len;
	return 0;
}

static int fp_comp_write(void *plat, uint32_t comp, const uint8_t *buf,
			 size_t len)
{
	struct fakeplat *f = plat;
	struct fp_comp *c = &f->comp[comp];
	int s = c->open_slot;

	if (comp >= f->ncomp || s < 0 || !(c->open_flags & SUIT_COMP_WRITE))
		return -EBADF;
	if (len > c->max_size - c->stage_len[s])
		return -ENOSPC;
	memcpy(c->stage[s] + c->stage_len[s], buf, len);
	c->stage_len[s] += len;
	c->writes++;
	c->written += len;
	return 0;
}

static int fp_comp_close(void *plat, uint32_t comp, bool ok)
{
	struct fakeplat *f = plat;
	struct fp_comp *c = &f->comp[comp];

	if (comp >= f->ncomp || c->open_slot < 0)
		return -EBADF;
	if ((c->open_flags & SUIT_COMP_WRITE) && !ok)
		c->stage_len[c->open_slot] = 0;	/* partial write: invalid */
	c->open_slot = -1;
	return 0;
}

static int fp_comp_resume(void *plat, uint32_t comp, uint64_t *kept)
{
	struct fakeplat *f = plat;
	struct fp_comp *c = &f->comp[comp];

	if (comp >= f->ncomp || c->open_slot < 0 ||
	    !(c->open_flags & SUIT_COMP_WRITE))
		return -EBADF;
	tr(f, "resume");
	c->resumes++;
	if (f->resume_ret)
		return f->resume_ret;
	*kept = c->open_kept;
	c->resumed = c->open_kept;
	return 0;
}

int fp_set_kept(struct fakeplat *f, unsigned int comp, const void *data,
		size_t len)
{
	struct fp_comp *c;

	if (comp >= f->ncomp || len > f->comp[comp].max_size)
		return -1;
	c = &f->comp[comp];
	free(c->keep);
	c->keep = malloc(len ? len : 1);
	if (!c->keep)
		return -1;
	if (len)
		memcpy(c->keep, data, len);
	c->keep_len = len;
	c->have_keep = true;
	return 0;
}

static int fp_comp_map(void *plat, uint32_t comp, uint32_t slot,
		       struct suit_buf *view)
{
	struct fakeplat *f = plat;
	uint64_t l;

	if (comp >= f->ncomp || slot >= f->comp[comp].slots)
		return -ENOENT;
	view->ptr = cur_data(&f->comp[comp], slot, &l);
	view->len = (size_t)l;
	return 0;
}

static int fp_comp_metadata(void *plat, uint32_t comp, struct suit_buf meta)
{
	struct fakeplat *f = plat;

	f->comp[comp].metadata_calls++;
	return 0;
}

/* ---- fetch --------------------------------------------------------------- */

struct fp_stream {
	struct fp_uri *u;
	size_t off;
	unsigned int reads;	/* fetch_read calls */
};

static int fp_fetch_open(void *plat, struct suit_buf uri, struct suit_buf args,
			 uint64_t size_hint, void **stream)
{
	struct fakeplat *f = plat;
	struct fp_stream *s;
	unsigned int i;

	f->fetch_opens++;
	tr(f, "fetch");
	f->fetch_args_len = args.len < sizeof(f->fetch_args) ?
			    args.len : sizeof(f->fetch_args);
	if (f->fetch_args_len)
		memcpy(f->fetch_args, args.ptr, f->fetch_args_len);
	f->fetch_hint = size_hint;
	for (i = 0; i < f->nuri; i++) {
		if (strlen(f->uri[i].uri) != uri.len ||
		    memcmp(f->uri[i].uri, uri.ptr, uri.len))
			continue;
		s = calloc(1, sizeof(*s));
		s->u = &f->uri[i];
		s->u->fetched++;
		f->open_streams++;
		*stream = s;
		return 0;
	}
	return -ENOENT;
}

static int fp_fetch_read(void *plat, void *stream, uint8_t *buf, size_t cap,
			 size_t *got)
{
	struct fp_stream *s = stream;
	size_t n = s->u->len - s->off;

	/* Deliver odd-sized pieces to exercise the chunking. */
	if (n > 100)
		n = 100;
	if (n > cap)
		n = cap;
	memcpy(buf, s->u->data + s->off, n);
	s->off += n;
	s->reads++;
	s->u->served += n;
	((struct fakeplat *)plat)->fetched_bytes += n;
	*got = n;
	return 0;
}

static int fp_fetch_skip(void *plat, void *stream, uint64_t off)
{
	struct fakeplat *f = plat;
	struct fp_stream *s = stream;

	tr(f, "skip");
	f->skips++;
	f->skip_off = off;
	if (f->skip_ret)
		return f->skip_ret;
	if (s->reads)
		return -EPROTO;		/* only before the first read */
	if (off > s->u->len)
		return -EINVAL;		/* as a range past the end */
	s->off = (size_t)off;
	return 0;
}

static void fp_fetch_close(void *plat, void *stream)
{
	struct fakeplat *f = plat;

	f->open_streams--;
	free(stream);
}

/* ---- device state and effects ------------------------------------------ */

static int fp_get_identity(void *plat, struct suit_identity *id)
{
	*id = ((struct fakeplat *)plat)->id;
	return 0;
}

static int fp_get_time(void *plat, uint64_t *secs)
{
	*secs = ((struct fakeplat *)plat)->now;
	return 0;
}

static int fp_get_battery(void *plat, uint64_t *mwh)
{
	*mwh = ((struct fakeplat *)plat)->battery;
	return 0;
}

static int fp_get_sequence(void *plat, struct suit_buf mc, uint64_t *seq)
{
	struct fakeplat *f = plat;

	if (mc.len) {
		if (!f->have_dep_seq)
			return -ENOENT;
		*seq = f->dep_seq;
		return 0;
	}
	if (!f->have_seq)
		return -ENOENT;
	*seq = f->seq;
	return 0;
}

static int fp_update_authorized(void *plat, int64_t prio)
{
	return ((struct fakeplat *)plat)->authorized;
}

static int fp_wait(void *plat, struct suit_buf info)
{
	struct fakeplat *f = plat;

	f->waits++;
	tr(f, "wait");
	return f->wait_ret;
}

static int fp_invoke(void *plat, uint32_t comp, struct suit_buf args)
{
	struct fakeplat *f = plat;
	struct fp_comp *c = &f->comp[comp];

	tr(f, "invoke");
	c->invoked++;
	c->invoke_args_len = args.len < sizeof(c->invoke_args) ?
			     args.len : sizeof(c->invoke_args);
	if (c->invoke_args_len)
		memcpy(c->invoke_args, args.ptr, c->invoke_args_len);
	return f->invoke_ret;
}

static int fp_swap(void *plat, uint32_t comp, uint32_t src)
{
	struct fakeplat *f = plat;
	struct fp_comp *a = &f->comp[comp], *b = &f->comp[src];
	uint64_t al, bl;
	const uint8_t *ad = cur_data(a, 0, &al), *bd = cur_data(b, 0, &bl);
	uint8_t *na = malloc(bl + 1), *nb = malloc(al + 1);

	tr(f, "swap");
	f->swaps++;
	if (bl > a->max_size || al > b->max_size) {
		free(na);
		free(nb);
		return -ENOSPC;
	}
	memcpy(na, bd, bl);
	memcpy(nb, ad, al);
	free(a->stage[0]);
	free(b->stage[0]);
	a->stage[0] = na;
	a->stage_len[0] = bl;
	a->staged[0] = true;
	b->stage[0] = nb;
	b->stage_len[0] = al;
	b->staged[0] = true;
	return 0;
}

static int fp_unlink(void *plat, uint32_t comp)
{
	struct fakeplat *f = plat;

	tr(f, "unlink");
	f->comp[comp].unlinked++;
	return f->unlink_ret;
}

static int fp_custom(void *plat, uint32_t comp, int64_t cmd, struct suit_buf arg)
{
	struct fakeplat *f = plat;

	tr(f, "custom");
	f->customs++;
	f->last_custom = cmd;
	return f->custom_ret;
}

static void fp_progress(void *plat, const struct suit_progress *pr)
{
	struct fakeplat *f = plat;

	f->progress_calls++;
	if (pr->done) {
		f->progress_done = pr->done;
		f->progress_total = pr->total;
	}
}

static int fp_commit(void *plat, uint64_t seq)
{
	struct fakeplat *f = plat;
	unsigned int i, s;

	tr(f, "commit");
	f->commits++;
	f->commit_seq = seq;
	for (i = 0; i < f->ncomp; i++)
		for (s = 0; s < FP_MAX_SLOTS; s++) {
			struct fp_comp *c = &f->comp[i];

			if (!c->staged[s])
				continue;
			free(c->data[s]);
			c->data[s] = c->stage[s];
			c->len[s] = c->stage_len[s];
			c->stage[s] = NULL;
			c->staged[s] = false;
		}
	f->seq = seq;
	f->have_seq = true;
	return 0;
}

static void fp_abort(void *plat)
{
	struct fakeplat *f = plat;
	unsigned int i, s;

	tr(f, "abort");
	f->aborts++;
	for (i = 0; i < f->ncomp; i++)
		for (s = 0; s < FP_MAX_SLOTS; s++) {
			free(f->comp[i].stage[s]);
			f->comp[i].stage[s] = NULL;
			f->comp[i].staged[s] = false;
		}
}

void fp_enable_resume(struct fakeplat *f, struct suit_platform_ops *ops,
		      bool skip)
{
	f->resume_on = true;
	ops->comp_resume = fp_comp_resume;
	if (skip)
		ops->fetch_skip = fp_fetch_skip;
}

void fp_platform(struct fakeplat *f, struct suit_platform *plat,
		 struct suit_platform_ops *ops, uint8_t *chunk, size_t chunk_len)
{
	memset(ops, 0, sizeof(*ops));
	ops->hash_init = fp_hash_init;
	ops->hash_update = fp_hash_update;
	ops->hash_final = fp_hash_final;
	ops->auth_verify = fp_auth_verify;
	ops->cek_unwrap = fp_cek_unwrap;
	ops->cipher_init = fp_cipher_init;
	ops->cipher_update = fp_cipher_update;
	ops->cipher_final = fp_cipher_final;
	ops->comp_lookup = fp_comp_lookup;
	ops->comp_info = fp_comp_info;
	ops->comp_open = fp_comp_open;
	ops->comp_read = fp_comp_read;
	ops->comp_write = fp_comp_write;
	ops->comp_close = fp_comp_close;
	ops->comp_map = fp_comp_map;
	ops->comp_metadata = fp_comp_metadata;
	ops->fetch_open = fp_fetch_open;
	ops->fetch_read = fp_fetch_read;
	ops->fetch_close = fp_fetch_close;
	ops->get_identity = fp_get_identity;
	ops->get_time = fp_get_time;
	ops->get_battery = fp_get_battery;
	ops->get_sequence = fp_get_sequence;
	ops->update_authorized = fp_update_authorized;
	ops->wait = fp_wait;
	ops->invoke = fp_invoke;
	ops->swap = fp_swap;
	ops->unlink = fp_unlink;
	ops->custom = fp_custom;
	ops->progress = fp_progress;
	ops->commit = fp_commit;
	ops->abort = fp_abort;
	memset(plat, 0, sizeof(*plat));
	plat->ops = ops;
	plat->priv = f;
	plat->max_components = 8;
	plat->chunk = chunk;
	plat->chunk_len = chunk_len;
}

/* ---- manifest builders ----------------------------------------------- */

void sq_init(struct sq *s)
{
	memset(s, 0, sizeof(*s));
	suit_cbor_enc_init(&s->e, s->body, sizeof(s->body));
}

void sq_cmd(struct sq *s, int64_t code, uint64_t policy)
{
	suit_cbor_put_int(&s->e, code);
	suit_cbor_put_uint(&s->e, policy);
	s->n++;
}

void sq_idx(struct sq *s, uint64_t idx)
{
	sq_cmd(s, 12, idx);
}

void sq_idx_true(struct sq *s)
{
	suit_cbor_put_int(&s->e, 12);
	suit_cbor_put_bool(&s->e, true);
	s->n++;
}

void sq_idx_list(struct sq *s, size_t n, const uint64_t *idx)
{
	size_t i;

	suit_cbor_put_int(&s->e, 12);
	suit_cbor_put_array(&s->e, n);
	for (i = 0; i < n; i++)
		suit_cbor_put_uint(&s->e, idx[i]);
	s->n++;
}

struct suit_cbor_enc *sq_arg(struct sq *s, int64_t code)
{
	suit_cbor_put_int(&s->e, code);
	s->n++;
	return &s->e;
}

void sq_run(struct sq *s, const struct sq *inner)
{
	suit_cbor_put_int(&s->e, 32);
	suit_cbor_put_bstr(&s->e, inner->out, inner->len);
	s->n++;
}

void sq_try(struct sq *s, size_t n, struct sq *const *branch, bool nil)
{
	size_t i;

	suit_cbor_put_int(&s->e, 15);
	suit_cbor_put_array(&s->e, n + (nil ? 1 : 0));
	for (i = 0; i < n; i++)
		suit_cbor_put_bstr(&s->e, branch[i]->out, branch[i]->len);
	if (nil)
		suit_cbor_put_null(&s->e);
	s->n++;
}

const uint8_t *sq_end(struct sq *s, size_t *len)
{
	struct suit_cbor_enc o;

	suit_cbor_enc_init(&o, s->out, sizeof(s->out));
	suit_cbor_put_array(&o, s->n * 2);
	suit_cbor_put_raw(&o, s->body, s->e.len);
	s->len = o.err || s->e.err ? 0 : o.len;
	if (len)
		*len = s->len;
	return s->out;
}

void pm_uint(struct suit_cbor_enc *e, int64_t key, uint64_t v)
{
	suit_cbor_put_int(e, key);
	suit_cbor_put_uint(e, v);
}

void pm_int(struct suit_cbor_enc *e, int64_t key, int64_t v)
{
	suit_cbor_put_int(e, key);
	suit_cbor_put_int(e, v);
}

void pm_bool(struct suit_cbor_enc *e, int64_t key, bool v)
{
	suit_cbor_put_int(e, key);
	suit_cbor_put_bool(e, v);
}

void pm_bstr(struct suit_cbor_enc *e, int64_t key, const void *p, size_t len)
{
	suit_cbor_put_int(e, key);
	suit_cbor_put_bstr(e, p, len);
}

void pm_tstr(struct suit_cbor_enc *e, int64_t key, const char *s)
{
	suit_cbor_put_int(e, key);
	suit_cbor_put_tstr(e, s, strlen(s));
}

static size_t digest_enc(const void *data, size_t len, uint8_t *out)
{
	struct suit_cbor_enc d;
	uint8_t h[32];

	fp_sha256(data, len, h);
	suit_cbor_enc_init(&d, out, 64);
	suit_cbor_put_array(&d, 2);
	suit_cbor_put_int(&d, SUIT_COSE_ALG_SHA256);
	suit_cbor_put_bstr(&d, h, 32);
	return d.len;
}

void pm_digest(struct suit_cbor_enc *e, const void *data, size_t len)
{
	uint8_t dg[64];
	size_t n = digest_enc(data, len, dg);

	pm_bstr(e, 3, dg, n);
}

static void put_comp_id_n(struct suit_cbor_enc *e, const char *name,
			  size_t len)
{
	suit_cbor_put_array(e, 1);
	suit_cbor_put_bstr(e, (const uint8_t *)name, len ? len : strlen(name));
}

static void put_comp_id(struct suit_cbor_enc *e, const char *name)
{
	put_comp_id_n(e, name, 0);
}

/* The bstr-wrapped sequence (head included), as digests cover it. */
static size_t wrap_bstr(const uint8_t *p, size_t len, uint8_t *out, size_t cap)
{
	struct suit_cbor_enc e;

	suit_cbor_enc_init(&e, out, cap);
	suit_cbor_put_bstr(&e, p, len);
	return e.err ? 0 : e.len;
}

size_t mf_encode(const struct mf *m, uint8_t *out, size_t cap)
{
	static uint8_t common[4096], tmp[8192];
	struct suit_cbor_enc e, c;
	size_t pairs = 3, i, k, cp;

	suit_cbor_enc_init(&c, common, sizeof(common));
	cp = 1 + (m->ndep ? 1 : 0) + (m->shared ? 1 : 0);
	suit_cbor_put_map(&c, cp);
	if (m->ndep) {
		suit_cbor_put_uint(&c, 1);
		suit_cbor_put_map(&c, m->ndep);
		for (i = 0; i < m->ndep; i++) {
			suit_cbor_put_uint(&c, m->dep_idx[i]);
			suit_cbor_put_map(&c, m->dep_prefix[i] ? 1 : 0);
			if (m->dep_prefix[i]) {
				suit_cbor_put_uint(&c, 1);
				put_comp_id(&c, m->dep_prefix[i]);
			}
		}
	}
	suit_cbor_put_uint(&c, 2);
	suit_cbor_put_array(&c, m->ncomp);
	for (i = 0; i < m->ncomp; i++)
		put_comp_id_n(&c, m->comp[i], m->comp_len[i]);
	if (m->shared) {
		suit_cbor_put_uint(&c, 4);
		suit_cbor_put_bstr(&c, m->shared, m->shared_len);
	}

	if (m->ref_uri)
		pairs++;
	if (m->mcid)
		pairs++;
	if (m->extra_key)
		pairs++;
	for (k = 0; k < MF_MAX_KEY; k++)
		if (m->sec[k])
			pairs++;
	suit_cbor_enc_init(&e, out, cap);
	suit_cbor_put_map(&e, pairs);
	for (k = 1; k < MF_MAX_KEY; k++) {
		if (k == 1) {
			suit_cbor_put_uint(&e, 1);
			suit_cbor_put_uint(&e, m->version ? m->version : 1);
		} else if (k == 2) {
			suit_cbor_put_uint(&e, 2);
			suit_cbor_put_uint(&e, m->seq);
		} else if (k == 3) {
			suit_cbor_put_uint(&e, 3);
			suit_cbor_put_bstr(&e, common, c.len);
		} else if (k == 4 && m->ref_uri) {
			pm_tstr(&e, 4, m->ref_uri);
		} else if (k == 5 && m->mcid) {
			suit_cbor_put_uint(&e, 5);
			put_comp_id(&e, m->mcid);
		}
		if (m->sec[k]) {
			suit_cbor_put_uint(&e, k);
			if (m->sever[k]) {
				uint8_t dg[64];
				size_t wl = wrap_bstr(m->sec[k], m->sec_len[k],
						      tmp, sizeof(tmp));
				size_t dl = digest_enc(tmp, wl, dg);

				suit_cbor_put_raw(&e, dg, dl);
			} else {
				suit_cbor_put_bstr(&e, m->sec[k], m->sec_len[k]);
			}
		}
		if (m->extra_key == k) {
			suit_cbor_put_uint(&e, k);
			suit_cbor_put_uint(&e, 0);
		}
	}
	return e.err || c.err ? 0 : e.len;
}

static size_t env_encode_x(const uint8_t *manifest, size_t mlen, void *key,
			   const struct mf *m, const struct env_int *ints,
			   size_t nint, const struct suit_buf *xb, size_t nx,
			   uint8_t *out, size_t cap);

size_t env_encode(const uint8_t *manifest, size_t mlen, void *key,
		  const struct mf *m, const struct env_int *ints, size_t nint,
		  uint8_t *out, size_t cap)
{
	return env_encode_x(manifest, mlen, key, m, ints, nint, NULL, 0, out,
			    cap);
}

size_t env_encode_blocks(const uint8_t *manifest, size_t mlen, void *key,
			 const struct mf *m, const struct suit_buf *blk,
			 size_t nblk, uint8_t *out, size_t cap)
{
	return env_encode_x(manifest, mlen, key, m, NULL, 0, blk, nblk, out,
			    cap);
}

static size_t env_encode_x(const uint8_t *manifest, size_t mlen, void *key,
			   const struct mf *m, const struct env_int *ints,
			   size_t nint, const struct suit_buf *xb, size_t nx,
			   uint8_t *out, size_t cap)
{
	static uint8_t mraw[16384], auth[2048], blk[256], tbs[256];
	uint8_t dg[64], dgw[80], sig[64];
	static const uint8_t prot[] = { 0xa1, 0x01, 0x26 };
	struct suit_cbor_enc e, a, b, t;
	size_t ml, dl, dwl, pairs = 2, i, k;

	ml = wrap_bstr(manifest, mlen, mraw, sizeof(mraw));
	dl = digest_enc(mraw, ml, dg);
	dwl = wrap_bstr(dg, dl, dgw, sizeof(dgw));
	suit_cbor_enc_init(&a, auth, sizeof(auth));
	suit_cbor_put_array(&a, (key ? 2 : 1) + nx);
	suit_cbor_put_raw(&a, dgw, dwl);
	if (key) {
		suit_cbor_enc_init(&t, tbs, sizeof(tbs));
		suit_cbor_put_array(&t, 4);
		suit_cbor_put_tstr(&t, "Signature1", 10);
		suit_cbor_put_bstr(&t, prot, sizeof(prot));
		suit_cbor_put_bstr(&t, NULL, 0);
		suit_cbor_put_raw(&t, dgw, dwl);
		if (fp_sign_es256(key, tbs, t.len, sig))
			return 0;
		suit_cbor_enc_init(&b, blk, sizeof(blk));
		suit_cbor_put_tag(&b, 18);
		suit_cbor_put_array(&b, 4);
		suit_cbor_put_bstr(&b, prot, sizeof(prot));
		suit_cbor_put_map(&b, 0);
		suit_cbor_put_null(&b);
		suit_cbor_put_bstr(&b, sig, 64);
		suit_cbor_put_bstr(&a, blk, b.len);
	}
	for (i = 0; i < nx; i++)
		suit_cbor_put_bstr(&a, xb[i].ptr, xb[i].len);
	if (a.err)
		return 0;
	if (m)
		for (k = 0; k < MF_MAX_KEY; k++)
			if (m->sec[k] && m->sever[k] && !m->sever_drop[k])
				pairs++;
	pairs += nint;
	suit_cbor_enc_init(&e, out, cap);
	suit_cbor_put_tag(&e, 107);
	suit_cbor_put_map(&e, pairs);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_bstr(&e, auth, a.len);
	suit_cbor_put_uint(&e, 3);
	suit_cbor_put_raw(&e, mraw, ml);
	if (m)
		for (k = 0; k < MF_MAX_KEY; k++)
			if (m->sec[k] && m->sever[k] && !m->sever_drop[k]) {
				suit_cbor_put_uint(&e, k);
				suit_cbor_put_bstr(&e, m->sec[k], m->sec_len[k]);
			}
	for (i = 0; i < nint; i++) {
		suit_cbor_put_tstr(&e, ints[i].name, strlen(ints[i].name));
		suit_cbor_put_bstr(&e, ints[i].data, ints[i].len);
	}
	return e.err ? 0 : e.len;
}
