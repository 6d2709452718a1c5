/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated flash in a file, with a power-cut hook, and a two-copy
 * record (the idea of kernel/meta.c, in userspace) kept in it.
 */
#ifndef SUIT_COPROC_FLASH_H
#define SUIT_COPROC_FLASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Exit status of a process "losing power" at a cut point. */
#define FLASH_CUT_EXIT	86

/**
 * flash_cut_setup() - arm the power-cut hook
 * @after: cut immediately before the @after-th flash operation (1-based);
 *	0 disables the hook
 * @torn: instead of cutting before the operation, do the first half of
 *	it (a torn write or erase) and then cut
 * @name: name for the message printed at the cut
 */
void flash_cut_setup(long after, bool torn, const char *name);

/* Flash operations done so far (erase, write, record write). */
long flash_ops(void);

/* Count one step that is not a flash operation (a message send). */
void flash_step(void);

int flash_erase(int fd, off_t off, size_t len);
int flash_write(int fd, off_t off, const void *buf, size_t len);
int flash_read(int fd, off_t off, void *buf, size_t len);

#define REC_BLOCK	4096
#define REC_HDR		16	/* u32 magic, u32 version, u64 generation */
#define REC_MAX		512

/**
 * struct rec_file - a record kept as two copies at @off[0] and @off[1]
 * @fd: the flash file
 * @off: byte offsets of the two copies (REC_BLOCK bytes each)
 * @magic: record magic
 * @len: record length including header and the trailing CRC-32
 * @newest: copy holding the newest good record, -1 for none
 * @gen: its generation
 */
struct rec_file {
	int fd;
	off_t off[2];
	uint32_t magic;
	size_t len;
	int newest;
	uint64_t gen;
};

int rec_load(struct rec_file *r, uint8_t *buf);
int rec_store(struct rec_file *r, uint8_t *buf);

#endif /* SUIT_COPROC_FLASH_H */
