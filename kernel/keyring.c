// SPDX-License-Identifier: GPL-2.0-only
/*
 * The .suit keyring of trust anchors and device keys.
 *
 *  - X.509 certificates (key type "asymmetric", DER) are ES256 anchors,
 *    found by COSE kid = the certificate's SubjectKeyIdentifier;
 *  - raw keys are "user" or "logon" keys named "suit:<kind>:<kid hex>"
 *    (or "suit:<kind>:default" for COSE blocks without a kid):
 *    es256 (65-byte 0x04||X||Y or 64-byte X||Y public key), ed25519
 *    (32-byte public key), hss (60-byte HSS public key), hmac (32-byte
 *    secret), aeskw (16/24/32-byte KEK), ecdh (32-byte P-256 private key).
 *
 * Root adds keys with keyctl/add_key to the serial in
 * /sys/module/suit/parameters/keyring_serial and may lock the keyring with
 * `keyctl restrict_keyring <serial>`.
 */
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/key.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <keys/asymmetric-type.h>
#include <keys/user-type.h>

#include "suit_core.h"

struct key *suit_keyring;

/**
 * suit_keyring_init() - create the .suit keyring
 *
 * Return: 0 or a negative errno.
 */
int suit_keyring_init(void)
{
	suit_keyring = keyring_alloc(".suit", GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
				     current_cred(),
				     (KEY_POS_ALL & ~KEY_POS_SETATTR) |
				     KEY_USR_VIEW | KEY_USR_READ |
				     KEY_USR_WRITE | KEY_USR_SEARCH |
				     KEY_USR_SETATTR,
				     KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(suit_keyring)) {
		int ret = PTR_ERR(suit_keyring);

		suit_keyring = NULL;
		return ret;
	}
	return 0;
}

/** suit_keyring_exit() - drop the .suit keyring */
void suit_keyring_exit(void)
{
	if (suit_keyring) {
		key_revoke(suit_keyring);
		key_put(suit_keyring);
		suit_keyring = NULL;
	}
}

/**
 * suit_keyring_locked() - has root restricted the keyring?
 *
 * Return: true when a restriction is in place.
 */
bool suit_keyring_locked(void)
{
	return suit_keyring && READ_ONCE(suit_keyring->restrict_link);
}

/**
 * suit_find_x509() - the X.509 anchor whose SubjectKeyIdentifier is @kid
 * @kid: the COSE kid
 * @kid_len: its length, 1..64
 *
 * Return: a key reference (key_put() it) or an ERR_PTR (-ENOENT).
 */
struct key *suit_find_x509(const u8 *kid, size_t kid_len)
{
	struct asymmetric_key_id *id;
	struct key *key;

	if (!kid_len || kid_len > 64)
		return ERR_PTR(-ENOENT);
	id = kmalloc(sizeof(*id) + kid_len, GFP_KERNEL);
	if (!id)
		return ERR_PTR(-ENOMEM);
	id->len = kid_len;
	memcpy(id->data, kid, kid_len);
	key = find_asymmetric_key(suit_keyring, NULL, id, NULL, false);
	kfree(id);
	if (IS_ERR(key) && PTR_ERR(key) != -ENOMEM)
		return ERR_PTR(-ENOENT);
	return key;
}

static struct key *suit_search(struct key_type *type, const char *desc)
{
	key_ref_t ref = keyring_search(make_key_ref(suit_keyring, true), type,
				       desc, false);

	if (IS_ERR(ref))
		return ERR_CAST(ref);
	return key_ref_to_ptr(ref);
}

/**
 * suit_user_key() - copy the payload of raw key "suit:<kind>:<kid hex>"
 * @kind: "es256", "ed25519", "hss", "hmac", "aeskw", "ecdh"
 * @kid: the COSE kid; empty to look up "suit:<kind>:default"
 * @kid_len: its length (at most 64)
 * @out: where the payload goes
 * @cap: size of @out
 * @len: payload length
 *
 * Logon keys are searched first, then user keys.
 *
 * Return: 0, -ENOENT (no such key), -EKEYREVOKED, -EMSGSIZE (bigger than
 * @cap), -ENOMEM.
 */
int suit_user_key(const char *kind, const u8 *kid, size_t kid_len,
		  u8 *out, size_t cap, size_t *len)
{
	const struct user_key_payload *upayload;
	struct key *key;
	char *desc;
	int ret;

	if (!suit_keyring)
		return -ENOENT;
	if (kid_len > 64)
		return -ENOENT;
	desc = kmalloc(16 + strlen(kind) + 2 * kid_len, GFP_KERNEL);
	if (!desc)
		return -ENOMEM;
	if (kid_len)
		sprintf(desc, "suit:%s:%*phN", kind, (int)kid_len, kid);
	else
		sprintf(desc, "suit:%s:default", kind);
	key = suit_search(&key_type_logon, desc);
	if (IS_ERR(key))
		key = suit_search(&key_type_user, desc);
	kfree(desc);
	if (IS_ERR(key))
		return -ENOENT;

	down_read(&key->sem);
	upayload = user_key_payload_locked(key);
	if (!upayload) {
		ret = -EKEYREVOKED;
	} else if (upayload->datalen > cap) {
		ret = -EMSGSIZE;
	} else {
		memcpy(out, upayload->data, upayload->datalen);
		*len = upayload->datalen;
		ret = 0;
	}
	up_read(&key->sem);
	key_put(key);
	return ret;
}
