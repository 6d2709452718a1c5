/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exports of the TEST-ONLY fake remoteproc module (fake_rproc.c), for an
 * updater under test in UML. See Documentation/device-classes.rst.
 */
#ifndef SUIT_FAKE_RPROC_H
#define SUIT_FAKE_RPROC_H

#include <linux/types.h>

struct rproc;

struct rproc *suit_fake_rproc_get(void);
void suit_fake_rproc_expect(const u8 *digest);

#endif /* SUIT_FAKE_RPROC_H */
