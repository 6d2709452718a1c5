/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Helpers shared by lib/cose_auth.c and lib/cose_encrypt.c: COSE header
 * bucket parsing (RFC 9052 section 3).
 */
#ifndef SUIT_COSE_INTERNAL_H
#define SUIT_COSE_INTERNAL_H

#include <suit/cbor.h>
#include <suit/cose.h>

/* COSE common header labels (RFC 9052 section 3.1, RFC 9053). */
#define COSE_HDR_ALG		1
#define COSE_HDR_CRIT		2
#define COSE_HDR_CTYPE		3
#define COSE_HDR_KID		4
#define COSE_HDR_IV		5
#define COSE_HDR_PARTIAL_IV	6
#define COSE_HDR_EPHEMERAL	(-1)
#define COSE_HDR_SALT		(-20)

/* COSE tags. */
#define COSE_TAG_ENCRYPT	96
#define COSE_TAG_MAC		97
#define COSE_TAG_SIGN		98
#define COSE_TAG_MAC0		17
#define COSE_TAG_SIGN1		18

/* Where a header was found. */
#define COSE_IN_PROT		0x1
#define COSE_IN_UNPROT		0x2

/**
 * struct cose_hdrs - the header parameters SUIT cares about
 * @prot: content of the protected bstr (the serialized map, or empty)
 * @prot_raw: the protected bstr as encoded, head included
 * @alg: algorithm; valid when @alg_where != 0
 * @alg_where: COSE_IN_PROT or COSE_IN_UNPROT, 0 when absent
 * @kid: key identifier (empty when absent)
 * @iv: IV (empty when absent)
 * @eph: ephemeral key (raw encoded COSE_Key map, empty when absent)
 * @salt: salt (empty when absent)
 * @has_partial_iv: a Partial IV is present (not supported by SUIT)
 */
struct cose_hdrs {
	struct suit_buf prot;
	struct suit_buf prot_raw;
	s64 alg;
	unsigned int alg_where;
	struct suit_buf kid;
	struct suit_buf iv;
	struct suit_buf eph;
	struct suit_buf salt;
	bool has_partial_iv;
};

int suit_cose_read_hdrs(struct suit_cbor *c, struct cose_hdrs *h);

#endif /* SUIT_COSE_INTERNAL_H */
