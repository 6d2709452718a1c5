/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Kernel attribute macros for lib/'s userspace home. Private to lib/: the
 * public headers in include/suit/ must not define kernel names that
 * userspace programs may use themselves.
 */
#ifndef SUIT_LIB_COMPILER_H
#define SUIT_LIB_COMPILER_H

#ifndef __KERNEL__
#define SUIT_ATTR(x)	__attribute__((x))
#ifndef noinline
#define noinline	SUIT_ATTR(__noinline__)
#endif
#endif

#endif /* SUIT_LIB_COMPILER_H */
