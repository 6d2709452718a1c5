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
#include <linux/export.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <kunit/visibility.h>
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
typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT8_TYPE__ s8;
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;
typedef __INT64_TYPE__ s64;
#endif

/**
 * struct suit_buf - a read-only view into a caller-owned buffer
 * @ptr: first byte
 * @len: number of bytes
 */
struct suit_buf {
	const u8 *ptr;
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

/*
 * Export a lib/ function to the KUnit test module only (namespace
 * EXPORTED_FOR_KUNIT_TESTING, and only with CONFIG_KUNIT): suit.ko's own
 * API is /dev/suit, not symbols.
 */
#ifdef __KERNEL__
#define EXPORT_SYMBOL_FOR_SUIT_TESTS(sym)	EXPORT_SYMBOL_IF_KUNIT(sym)
#else
#define EXPORT_SYMBOL_FOR_SUIT_TESTS(sym)
#endif

#define SUIT_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* SUIT_TYPES_H */
