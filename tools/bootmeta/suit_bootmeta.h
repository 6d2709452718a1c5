/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * suit_bootmeta: a portable reader of the linux-suit metadata record
 * (kernel/meta.c, record versions 1 and 2) for bootloaders such as U-Boot
 * or barebox. C99, freestanding: no libc, no allocation; the caller
 * supplies a read callback for the metadata partition.
 *
 * See Documentation/device-classes.rst, "Reading the metadata record in a
 * bootloader".
 */
#ifndef SUIT_BOOTMETA_H
#define SUIT_BOOTMETA_H

#include <stddef.h>
#include <stdint.h>

#define SUIT_BOOTMETA_MAGIC	0x54495553u	/* "SUIT" as a LE u32 */
#define SUIT_BOOTMETA_VERSION	2u	/* written; version 1 is still read */
#define SUIT_BOOTMETA_COMPS	8u	/* SUIT_KMAX_COMPS of suit.ko */
#define SUIT_BOOTMETA_SLOTS	2u	/* SUIT_KMAX_SLOTS of suit.ko */
#define SUIT_BOOTMETA_COMP_SIZE	24u
/* version 1: header, components, CRC (228 bytes) */
#define SUIT_BOOTMETA_V1_LEN	(32u + SUIT_BOOTMETA_COMPS * SUIT_BOOTMETA_COMP_SIZE + 4u)
/* version 2: the resume journal at 224, between the components and the CRC */
#define SUIT_BOOTMETA_JOURNAL	(SUIT_BOOTMETA_V1_LEN - 4u)
#define SUIT_BOOTMETA_DIGEST_LEN 32u	/* envelope SHA-256 */
#define SUIT_BOOTMETA_JR_COMP_SIZE 16u	/* u64 kept, u8 slot, u8 write, 6 x 0 */
#define SUIT_BOOTMETA_JOURNAL_LEN (SUIT_BOOTMETA_DIGEST_LEN + \
				   SUIT_BOOTMETA_COMPS * SUIT_BOOTMETA_JR_COMP_SIZE)
/* version 2 length (388): what suit_bootmeta_load() reads and _encode() writes */
#define SUIT_BOOTMETA_LEN	(SUIT_BOOTMETA_JOURNAL + SUIT_BOOTMETA_JOURNAL_LEN + 4u)
#define SUIT_BOOTMETA_HAS_SEQ	0x1u	/* flags: @sequence is meaningful */
#define SUIT_BOOTMETA_TRIAL	0x2u	/* an A/B switch awaits confirmation */
#define SUIT_BOOTMETA_FELLBACK	0x4u	/* the last trial was rolled back */
#define SUIT_BOOTMETA_TRIES_SHIFT 8	/* bits 8-15: trial boots made */
#define SUIT_BOOTMETA_TRIES_MASK 0xff00u
#define SUIT_BOOTMETA_TMASK_SHIFT 16	/* bits 16-23: components on trial */
#define SUIT_BOOTMETA_TMASK_MASK 0xff0000u
#define SUIT_BOOTMETA_IPMASK_SHIFT 24	/* bits 24-31: in-place installs cut */
#define SUIT_BOOTMETA_IPMASK_MASK 0xff000000u
#define SUIT_BOOTMETA_KNOWN	0xffffff07u	/* bits the kernel keeps */

/* suit_bootmeta_decide() results */
#define SUIT_BOOTMETA_BOOT	0	/* boot the active slots, no write */
#define SUIT_BOOTMETA_TRIALBOOT	1	/* trial boot counted: write back */
#define SUIT_BOOTMETA_ROLLBACK	2	/* switched back: write back */
/* trial expired, not every component has a previous image: kept, write back */
#define SUIT_BOOTMETA_KEPT	3

/* Return codes (no errno.h in a bootloader-neutral header). */
#define SUIT_BOOTMETA_OK	0
#define SUIT_BOOTMETA_EFORMAT	(-1)	/* magic, version or count wrong */
#define SUIT_BOOTMETA_ECRC	(-2)	/* CRC mismatch: torn or corrupt */
#define SUIT_BOOTMETA_ENOVALID	(-3)	/* neither copy is valid */
/* bad argument, or a buffer shorter than its record's version needs */
#define SUIT_BOOTMETA_EINVAL	(-4)

/**
 * struct suit_bootmeta - one decoded metadata record
 * @generation: generation of the copy (the higher valid one wins)
 * @flags: SUIT_BOOTMETA_HAS_SEQ once a root manifest has been accepted,
 *	the trial boot state (SUIT_BOOTMETA_TRIAL, _FELLBACK, trial boots
 *	in bits 8-15, components on trial in bits 16-23) and in-place
 *	installs interrupted (bits 24-31); unknown bits are masked off
 *	(bits 3-7), as the kernel does
 * @sequence: highest accepted root manifest sequence number
 * @active: active slot of each component (0 or 1)
 * @valid: per component, bit s set when slot s holds a checked image
 * @size: image bytes of each slot of each component
 * @journal: the kernel's resume journal of an interrupted install (record
 *	bytes 224..383 of version 2, all zero when read from version 1),
 *	kept opaque and written back unchanged by suit_bootmeta_encode():
 *	the envelope SHA-256, then per component { u64 LE bytes kept, u8
 *	slot, u8 write number, 6 bytes }; suit_bootmeta_resumable() tells
 *	which components have a journaled write
 * @copy: which copy (0 or 1) this record came from, -1 for none
 */
struct suit_bootmeta {
	uint64_t generation;
	uint32_t flags;
	uint64_t sequence;
	uint8_t active[SUIT_BOOTMETA_COMPS];
	uint8_t valid[SUIT_BOOTMETA_COMPS];
	uint64_t size[SUIT_BOOTMETA_COMPS][SUIT_BOOTMETA_SLOTS];
	uint8_t journal[SUIT_BOOTMETA_JOURNAL_LEN];
	int copy;
};

/**
 * typedef suit_bootmeta_read_fn - read from the metadata partition
 * @ctx: the caller's context
 * @offset: byte offset in the partition
 * @buf: destination
 * @len: bytes to read
 *
 * Return: 0 on success (corrected bitflips count as success), nonzero on
 * failure (that copy is then treated as invalid).
 */
typedef int (*suit_bootmeta_read_fn)(void *ctx, uint64_t offset, void *buf,
				     size_t len);

uint32_t suit_bootmeta_crc32(const uint8_t *p, size_t len);
int suit_bootmeta_decode(const uint8_t *rec, size_t len,
			 struct suit_bootmeta *m);
int suit_bootmeta_load(suit_bootmeta_read_fn read, void *ctx,
		       uint64_t off0, uint64_t off1, struct suit_bootmeta *m);
int suit_bootmeta_boot_slot(const struct suit_bootmeta *m, unsigned int comp);
uint32_t suit_bootmeta_resumable(const struct suit_bootmeta *m);
int suit_bootmeta_encode(const struct suit_bootmeta *m, uint8_t *rec,
			 size_t len);
int suit_bootmeta_decide(struct suit_bootmeta *m, unsigned int max_tries);

#endif /* SUIT_BOOTMETA_H */
