// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/ functions the KUnit module suit_kunit.ko tests, exported only when
 * KUnit is enabled (namespace EXPORTED_FOR_KUNIT_TESTING). They are
 * exported here rather than after their definitions because lib/ also
 * builds in userspace; kernel/ functions are exported where defined.
 */
#include <linux/export.h>
#include <kunit/visibility.h>

#include <suit/cbor.h>
#include <suit/processor.h>
#include "suit_core.h"

EXPORT_SYMBOL_IF_KUNIT(suit_cbor_init);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_init_single);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_get);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_get_uint);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_get_int);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_enter_array);
EXPORT_SYMBOL_IF_KUNIT(suit_cbor_map_check);
#ifdef SUIT_HAVE_PROCESSOR
EXPORT_SYMBOL_IF_KUNIT(suit_processor_init);
EXPORT_SYMBOL_IF_KUNIT(suit_process);
#endif
