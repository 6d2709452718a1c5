/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated device behind `suit-tool process`: components with slots
 * held in memory (optionally backed by a state directory), a URI map for
 * fetches, identity/time/battery/sequence from a device JSON file, and a
 * struct suit_platform_ops that stages every write until commit.
 */
#ifndef SUIT_TOOL_SIM_DEVICE_H
#define SUIT_TOOL_SIM_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <suit/platform.h>

#include "ossl_crypto.h"

#define SIM_MAX_COMPONENTS	32
#define SIM_MAX_SLOTS		2
#define SIM_MAX_VERSION		8
#define SIM_MAX_WAIT_EVENTS	16

/**
 * struct sim_slot - one slot of a component
 * @data: committed content (NULL and @present false when empty)
 * @len: bytes of committed content
 * @present: the slot holds content (an empty file counts)
 * @stage: staged content, valid when @dirty
 * @stage_len: bytes of staged content
 * @stage_cap: allocated size of @stage
 * @dirty: a write or swap replaced the content since the start
 */
struct sim_slot {
	uint8_t *data;
	size_t len;
	bool present;
	uint8_t *stage;
	size_t stage_len;
	size_t stage_cap;
	bool dirty;
};

/**
 * struct sim_component - one component of the simulated device
 * @id: the encoded SUIT_Component_Identifier (CBOR array of bstrs)
 * @id_len: its length
 * @slots: 1 or 2
 * @slot_index: the slot condition-component-slot compares against
 * @max_size: largest content one slot holds
 * @version: installed version (update management)
 * @version_len: entries in @version
 * @slot: the slots
 * @open_slot: slot opened by comp_open, or -1
 * @open_flags: SUIT_COMP_READ/WRITE of the open slot
 */
struct sim_component {
	uint8_t *id;
	size_t id_len;
	uint32_t slots;
	uint32_t slot_index;
	uint64_t max_size;
	int64_t version[SIM_MAX_VERSION];
	uint32_t version_len;
	struct sim_slot slot[SIM_MAX_SLOTS];
	int open_slot;
	unsigned int open_flags;
};

/**
 * struct sim_uri - one entry of the URI map
 * @uri: the URI as it appears in manifests
 * @path: the local file that serves it
 */
struct sim_uri {
	char *uri;
	char *path;
};

/**
 * struct sim_device - the whole simulated device
 * @ossl: the OpenSSL crypto state (key store); must stay the first member,
 *	the crypto ops find it at the start of the platform's priv
 * @identity: vendor, class and device identifiers
 * @time: seconds since the epoch
 * @battery_mwh: remaining energy
 * @sequence: highest accepted root manifest sequence number
 * @has_sequence: false until a manifest has been accepted (JSON null)
 * @update_authorized: the answer to condition-update-authorized
 * @wait_events: wait-info event keys that hold on this device
 * @n_wait_events: entries in @wait_events
 * @comp: the components
 * @n_comp: entries in @comp
 * @uris: the URI map
 * @n_uris: entries in @uris
 * @state_dir: directory holding the component files, or NULL
 * @verbose: print each command (progress op)
 * @progress_shown: bytes of the current command last printed
 * @committed: commit ran
 * @invocations: number of invoke calls seen
 */
struct sim_device {
	struct suit_ossl ossl;
	struct suit_identity identity;
	uint64_t time;
	uint64_t battery_mwh;
	uint64_t sequence;
	bool has_sequence;
	bool update_authorized;
	int64_t wait_events[SIM_MAX_WAIT_EVENTS];
	unsigned int n_wait_events;
	struct sim_component comp[SIM_MAX_COMPONENTS];
	unsigned int n_comp;
	struct sim_uri *uris;
	unsigned int n_uris;
	const char *state_dir;
	bool verbose;
	uint64_t progress_shown;
	bool committed;
	unsigned int invocations;
};

/* Name of the file in the state directory that holds the sequence number. */
#define SIM_SEQUENCE_FILE	"sequence-number"

/**
 * sim_device_free() - release everything a device holds
 * @dev: the device (the struct itself is not freed)
 */
void sim_device_free(struct sim_device *dev);

/**
 * sim_state_load() - bring the component contents in from the state dir
 * @dev: device whose components carry their "initial" content
 * @err: a message buffer for the reason of a failure
 * @errlen: its size
 *
 * Files named "<index>.<slot>" that exist replace the initial content; the
 * missing ones are created from the initial content (slots whose initial
 * content is null stay absent). A "sequence-number" file raises
 * @dev->sequence. Without a state dir this does nothing.
 *
 * Return: 0 or -1 with a message in @err.
 */
int sim_state_load(struct sim_device *dev, char *err, size_t errlen);

/**
 * sim_platform_ops() - the ops table of the simulated device
 *
 * Crypto members come from the OpenSSL provider (userspace/common), which
 * finds its key store in @dev->ossl; every other member works on the
 * struct sim_device.
 */
const struct suit_platform_ops *sim_platform_ops(void);

/**
 * sim_uri_map_load() - read a URIS.json file into @dev
 * @dev: the device
 * @path: the JSON file: an object mapping URI => file name relative to it
 * @err: message buffer
 * @errlen: its size
 *
 * Return: 0 or -1 with a message in @err.
 */
int sim_uri_map_load(struct sim_device *dev, const char *path, char *err,
		     size_t errlen);

/**
 * sim_device_load() - read a DEVICE.json file
 * @dev: zeroed device to fill
 * @path: the file
 * @err: message buffer
 * @errlen: its size
 *
 * Return: 0 or -1 with a message in @err (unknown keys are errors).
 */
int sim_device_load(struct sim_device *dev, const char *path, char *err,
		    size_t errlen);

/**
 * sim_format_id() - print an encoded component identifier as [h'..', ...]
 * @id: the CBOR array
 * @len: its length
 * @out: output buffer
 * @cap: its size
 */
void sim_format_id(const uint8_t *id, size_t len, char *out, size_t cap);

#endif /* SUIT_TOOL_SIM_DEVICE_H */
