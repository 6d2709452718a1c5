// SPDX-License-Identifier: GPL-2.0-only
/*
 * coproc_mkenv: build a signed SUIT envelope for the co-processor tests
 * with lib/'s CBOR encoder and OpenSSL (ES256 COSE_Sign1), independently
 * of suit-tool. 45-coproc.sh uses it for one envelope always (so this
 * path is tested) and for every envelope when suit-tool is unusable.
 *
 *   coproc_mkenv -k KEY.pem -s SEQ -V VENDOR -C CLASS -i IMAGE
 *                (-u URI | -I NAME) -o OUT
 *
 * The manifest: component [h'00']; shared sequence: override vendor,
 * class, image digest and size, check vendor and class; install: set the
 * URI (or "#NAME" for an integrated payload), fetch, image-match;
 * validate: image-match.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <suit/cbor.h>

#define MAXB	(256 * 1024)

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = malloc(MAXB);

	if (!f || !b) {
		fprintf(stderr, "coproc_mkenv: %s: cannot read\n", path);
		exit(2);
	}
	*len = fread(b, 1, MAXB, f);
	fclose(f);
	return b;
}

static int hex(const char *s, uint8_t *out, size_t n)
{
	unsigned int v;
	size_t i;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* ECDSA P-256 over @tbs, raw r||s into @sig (64 bytes). */
static int sign_es256(EVP_PKEY *k, const uint8_t *tbs, size_t len,
		      uint8_t sig[64])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	uint8_t der[80];
	size_t dlen = sizeof(der);
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *es;
	int ret = -1;

	if (c && EVP_DigestSignInit(c, NULL, EVP_sha256(), NULL, k) == 1 &&
	    EVP_DigestSign(c, der, &dlen, tbs, len) == 1) {
		es = d2i_ECDSA_SIG(NULL, &p, (long)dlen);
		if (es) {
			ECDSA_SIG_get0(es, &r, &s);
			if (BN_bn2binpad(r, sig, 32) == 32 &&
			    BN_bn2binpad(s, sig + 32, 32) == 32)
				ret = 0;
			ECDSA_SIG_free(es);
		}
	}
	EVP_MD_CTX_free(c);
	return ret;
}

int main(int argc, char **argv)
{
	static uint8_t shared[512], common[1024], validate[16], install[512],
		       manifest[4096], bman[4200], digest[128], sigs[512],
		       cose[512], auth[1024], out[MAXB + 8192];
	const char *key = NULL, *image = NULL, *uri = NULL, *integ = NULL,
		   *outp = NULL;
	uint8_t vendor[16], class_id[16], md[32], sig[64];
	static const uint8_t prot[] = { 0xa1, 0x01, 0x26 };	/* {1: -7} */
	struct suit_cbor_enc e;
	unsigned long long seq = 0;
	size_t ilen, n_sh, n_co, n_va, n_in, n_ma, n_bm, n_di, n_si, n_cs,
	       n_au;
	char name[128];
	uint8_t *img;
	EVP_PKEY *k;
	FILE *f;
	int o;

	while ((o = getopt(argc, argv, "k:s:V:C:i:u:I:o:")) != -1) {
		switch (o) {
		case 'k':
			key = optarg;
			break;
		case 's':
			seq = strtoull(optarg, NULL, 0);
			break;
		case 'V':
			if (hex(optarg, vendor, 16))
				return 2;
			break;
		case 'C':
			if (hex(optarg, class_id, 16))
				return 2;
			break;
		case 'i':
			image = optarg;
			break;
		case 'u':
			uri = optarg;
			break;
		case 'I':
			integ = optarg;
			break;
		case 'o':
			outp = optarg;
			break;
		default:
			return 2;
		}
	}
	if (!key || !image || !outp || !!uri == !!integ ||
	    (uri && strlen(uri) > 256) || (integ && strlen(integ) > 100)) {
		fprintf(stderr, "usage: coproc_mkenv -k KEY -s SEQ -V VENDOR -C CLASS -i IMAGE (-u URI | -I NAME) -o OUT\n");
		return 2;
	}
	f = fopen(key, "r");
	k = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	if (!k) {
		fprintf(stderr, "coproc_mkenv: %s: not a PEM private key\n", key);
		return 2;
	}
	img = slurp(image, &ilen);
	EVP_Digest(img, ilen, md, NULL, EVP_sha256(), NULL);
	if (integ)
		snprintf(name, sizeof(name), "#%s", integ);

	/* image digest: << [-16, h'...'] >> */
	suit_cbor_enc_init(&e, digest, sizeof(digest));
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_int(&e, -16);
	suit_cbor_put_bstr(&e, md, 32);
	n_di = e.len;

	suit_cbor_enc_init(&e, shared, sizeof(shared));
	suit_cbor_put_array(&e, 6);
	suit_cbor_put_uint(&e, 20);		/* override-parameters */
	suit_cbor_put_map(&e, 4);
	suit_cbor_put_uint(&e, 1);
	suit_cbor_put_bstr(&e, vendor, 16);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_bstr(&e, class_id, 16);
	suit_cbor_put_uint(&e, 3);
	suit_cbor_put_bstr(&e, digest, n_di);
	suit_cbor_put_uint(&e, 14);
	suit_cbor_put_uint(&e, ilen);
	suit_cbor_put_uint(&e, 1);		/* vendor-identifier */
	suit_cbor_put_uint(&e, 15);
	suit_cbor_put_uint(&e, 2);		/* class-identifier */
	suit_cbor_put_uint(&e, 15);
	n_sh = e.len;

	suit_cbor_enc_init(&e, common, sizeof(common));
	suit_cbor_put_map(&e, 2);
	suit_cbor_put_uint(&e, 2);		/* components: [[h'00']] */
	suit_cbor_put_array(&e, 1);
	suit_cbor_put_array(&e, 1);
	suit_cbor_put_bstr(&e, (const uint8_t *)"", 1);
	suit_cbor_put_uint(&e, 4);
	suit_cbor_put_bstr(&e, shared, n_sh);
	n_co = e.len;

	suit_cbor_enc_init(&e, validate, sizeof(validate));
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_uint(&e, 3);		/* image-match */
	suit_cbor_put_uint(&e, 15);
	n_va = e.len;

	suit_cbor_enc_init(&e, install, sizeof(install));
	suit_cbor_put_array(&e, 6);
	suit_cbor_put_uint(&e, 20);
	suit_cbor_put_map(&e, 1);
	suit_cbor_put_uint(&e, 21);		/* uri */
	if (integ)
		suit_cbor_put_tstr(&e, name, strlen(name));
	else
		suit_cbor_put_tstr(&e, uri, strlen(uri));
	suit_cbor_put_uint(&e, 21);		/* fetch */
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_uint(&e, 3);		/* image-match */
	suit_cbor_put_uint(&e, 15);
	n_in = e.len;

	suit_cbor_enc_init(&e, manifest, sizeof(manifest));
	suit_cbor_put_map(&e, 5);
	suit_cbor_put_uint(&e, 1);
	suit_cbor_put_uint(&e, 1);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_uint(&e, seq);
	suit_cbor_put_uint(&e, 3);
	suit_cbor_put_bstr(&e, common, n_co);
	suit_cbor_put_uint(&e, 7);
	suit_cbor_put_bstr(&e, validate, n_va);
	suit_cbor_put_uint(&e, 20);
	suit_cbor_put_bstr(&e, install, n_in);
	n_ma = e.len;

	/* the manifest digest covers the bstr-wrapped manifest */
	suit_cbor_enc_init(&e, bman, sizeof(bman));
	suit_cbor_put_bstr(&e, manifest, n_ma);
	n_bm = e.len;
	EVP_Digest(bman, n_bm, md, NULL, EVP_sha256(), NULL);
	suit_cbor_enc_init(&e, digest, sizeof(digest));
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_int(&e, -16);
	suit_cbor_put_bstr(&e, md, 32);
	n_di = e.len;

	/* Sig_structure = ["Signature1", prot, h'', << SUIT_Digest >>] */
	suit_cbor_enc_init(&e, sigs, sizeof(sigs));
	suit_cbor_put_array(&e, 4);
	suit_cbor_put_tstr(&e, "Signature1", 10);
	suit_cbor_put_bstr(&e, prot, sizeof(prot));
	suit_cbor_put_bstr(&e, NULL, 0);
	suit_cbor_put_bstr(&e, digest, n_di);
	n_si = e.len;
	if (sign_es256(k, sigs, n_si, sig)) {
		fprintf(stderr, "coproc_mkenv: signing failed\n");
		return 1;
	}

	suit_cbor_enc_init(&e, cose, sizeof(cose));
	suit_cbor_put_tag(&e, 18);
	suit_cbor_put_array(&e, 4);
	suit_cbor_put_bstr(&e, prot, sizeof(prot));
	suit_cbor_put_map(&e, 0);
	suit_cbor_put_null(&e);
	suit_cbor_put_bstr(&e, sig, 64);
	n_cs = e.len;

	suit_cbor_enc_init(&e, auth, sizeof(auth));
	suit_cbor_put_array(&e, 2);
	suit_cbor_put_bstr(&e, digest, n_di);
	suit_cbor_put_bstr(&e, cose, n_cs);
	n_au = e.len;

	suit_cbor_enc_init(&e, out, sizeof(out));
	suit_cbor_put_tag(&e, 107);
	suit_cbor_put_map(&e, integ ? 3 : 2);
	suit_cbor_put_uint(&e, 2);
	suit_cbor_put_bstr(&e, auth, n_au);
	suit_cbor_put_uint(&e, 3);
	suit_cbor_put_raw(&e, bman, n_bm);
	if (integ) {
		suit_cbor_put_tstr(&e, name, strlen(name));
		suit_cbor_put_bstr(&e, img, ilen);
	}
	if (e.err) {
		fprintf(stderr, "coproc_mkenv: envelope too large\n");
		return 1;
	}
	f = fopen(outp, "wb");
	if (!f || fwrite(out, 1, e.len, f) != e.len || fclose(f)) {
		fprintf(stderr, "coproc_mkenv: %s: cannot write\n", outp);
		return 2;
	}
	EVP_PKEY_free(k);
	free(img);
	return 0;
}
