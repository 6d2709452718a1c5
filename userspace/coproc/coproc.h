/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The co-processor's flash layout and state record, shared by the
 * co-processor (coproc_main.c) and its offline status reader.
 *
 * Flash file: record copy 0 at 0, copy 1 at 4096 (REC_BLOCK each), slot 0
 * at 8192, slot 1 at 8192 + CP_SLOT_SIZE.
 *
 * Record (little endian, CP_REC_LEN bytes):
 *   0  u32 magic "SCPR"   4  u32 version 1     8  u64 generation
 *  16  u64 sequence (committed)
 *  24  u8 active  25 u8 valid bits  26 u8 prepared  27 u8 pending slot
 *  28  u32 zero
 *  32  u64 size[0]        40 u64 size[1]       48 u64 pending sequence
 *  56  u8 pending SHA-256[32]
 *  88  u32 CRC-32 of bytes 0..87
 */
#ifndef SUIT_COPROC_H
#define SUIT_COPROC_H

#include <stdbool.h>
#include <stdint.h>

#define CP_REC_MAGIC	0x52504353	/* "SCPR" */
#define CP_REC_LEN	92
#define CP_SLOT_SIZE	(64 * 1024)
#define CP_SLOT_OFF(s)	(2 * 4096 + (off_t)(s) * CP_SLOT_SIZE)
#define CP_FLASH_SIZE	CP_SLOT_OFF(2)

/**
 * struct cp_state - the co-processor's persistent state
 * @sequence: highest committed sequence number
 * @active: slot the co-processor runs
 * @valid: bit s set when slot s holds a verified image
 * @prepared: an update waits in @pending_slot for COMMIT or ABORT
 * @pending_slot: slot of the prepared update
 * @size: image bytes per slot
 * @pending_seq: sequence number of the prepared update
 * @pending_digest: SHA-256 of the prepared image
 */
struct cp_state {
	uint64_t sequence;
	uint8_t active;
	uint8_t valid;
	bool prepared;
	uint8_t pending_slot;
	uint64_t size[2];
	uint64_t pending_seq;
	uint8_t pending_digest[32];
};

#endif /* SUIT_COPROC_H */
