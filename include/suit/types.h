/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Basic types for the freestanding lib/ code, which builds unchanged in
 * the kernel (suit.ko) and in userspace (suit-tool, libsuit, fuzzers).
 * Only compiler-provided headers are used outside the kernel: no libc.
 */
#ifndef SUIT_TYPES_H
#define SUIT_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>	/* errno values only; Linux numbering in both homes */
#endif

/**
 * struct suit_buf - a read-only view into a caller-owned buffer
 * @ptr: first byte
 * @len: number of bytes
 */
struct suit_buf {
	const uint8_t *ptr;
	size_t len;
};

/* lib/ never calls libc: these lower to builtins in userspace and to the
 * kernel's own string functions in the kernel.
 */
#ifdef __KERNEL__
#define suit_memcpy(d, s, n)	memcpy((d), (s), (n))
#define suit_memset(d, c, n)	memset((d), (c), (n))
#define suit_memcmp(a, b, n)	memcmp((a), (b), (n))
#else
#define suit_memcpy(d, s, n)	__builtin_memcpy((d), (s), (n))
#define suit_memset(d, c, n)	__builtin_memset((d), (c), (n))
#define suit_memcmp(a, b, n)	__builtin_memcmp((a), (b), (n))
#endif

#define SUIT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* SUIT_TYPES_H */
