// SPDX-License-Identifier: GPL-2.0-only
/*
 * suit-bootmeta: print the current metadata record found in an image of
 * the metadata partition, with suit_bootmeta (an example of a caller
 * that provides the read callback over stdio).
 *
 *   suit-bootmeta FILE ERASESIZE
 *
 * Copy 0 is read at offset 0, copy 1 at ERASESIZE (no bad blocks in a
 * file). Exit status 0 with a valid record, 1 with none, 2 usage error.
 * The boot= line ends with resumable=0xMASK: the components with a write
 * in the kernel's resume journal (record version 2; 0 for version 1).
 */
#include <stdio.h>
#include <stdlib.h>

#include "suit_bootmeta.h"

static int file_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	FILE *f = ctx;

	if (fseek(f, (long)off, SEEK_SET))
		return -1;
	return fread(buf, 1, len, f) != len;
}

int main(int argc, char **argv)
{
	struct suit_bootmeta m;
	unsigned long es;
	unsigned int i;
	FILE *f;
	int ret;

	if (argc != 3) {
		fprintf(stderr, "usage: suit-bootmeta FILE ERASESIZE\n");
		return 2;
	}
	es = strtoul(argv[2], NULL, 0);
	f = fopen(argv[1], "rb");
	if (!f || !es) {
		fprintf(stderr, "suit-bootmeta: cannot open %s\n", argv[1]);
		return 2;
	}
	ret = suit_bootmeta_load(file_read, f, 0, es, &m);
	fclose(f);
	if (ret) {
		printf("no valid record (%d)\n", ret);
		return 1;
	}
	printf("copy=%d generation=%llu flags=%u sequence=%llu\n", m.copy,
	       (unsigned long long)m.generation, (unsigned int)m.flags,
	       (unsigned long long)m.sequence);
	printf("boot=%s tries=%u trial-components=0x%x interrupted=0x%x resumable=0x%x\n",
	       m.flags & SUIT_BOOTMETA_TRIAL ? "trial" :
	       m.flags & SUIT_BOOTMETA_FELLBACK ? "rolled-back" : "confirmed",
	       (unsigned int)((m.flags & SUIT_BOOTMETA_TRIES_MASK) >> SUIT_BOOTMETA_TRIES_SHIFT),
	       (unsigned int)((m.flags & SUIT_BOOTMETA_TMASK_MASK) >> SUIT_BOOTMETA_TMASK_SHIFT),
	       (unsigned int)((m.flags & SUIT_BOOTMETA_IPMASK_MASK) >> SUIT_BOOTMETA_IPMASK_SHIFT),
	       (unsigned int)suit_bootmeta_resumable(&m));
	for (i = 0; i < SUIT_BOOTMETA_COMPS; i++)
		printf("comp%u active=%u valid=%u size0=%llu size1=%llu boot=%d\n",
		       i, m.active[i], m.valid[i],
		       (unsigned long long)m.size[i][0],
		       (unsigned long long)m.size[i][1],
		       suit_bootmeta_boot_slot(&m, i));
	return 0;
}
