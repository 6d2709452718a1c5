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
#include <linux/limits.h>
#include <linux/string.h>
/* <stdint.h> limits lib/ may use; the kernel spells them S64_MIN etc. */
#ifndef INT64_MIN
#define INT8_MIN	S8_MIN
#define INT8_MAX	S8_MAX
#define UINT8_MAX	U8_MAX
#define INT16_MIN	S16_MIN
#define INT16_MAX	S16_MAX
#define UINT16_MAX	U16_MAX
#define INT32_MIN	S32_MIN
#define INT32_MAX	S32_MAX
#define UINT32_MAX	U32_MAX
#define INT64_MIN	S64_MIN
#define INT64_MAX	S64_MAX
#define UINT64_MAX	U64_MAX
#endif
#ifndef SIZE_MAX
#define SIZE_MAX	(~(size_t)0)
#endif
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>	/* errno values only; Linux numbering in both homes */

/* lib/ is kernel code first: it uses the kernel's fixed-width type names
 * (u8 .. s64), provided here for its userspace home.
 */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
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
