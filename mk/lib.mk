# SPDX-License-Identifier: GPL-2.0-only
# lib/ for the host: libsuitcore.a and the unit tests under tools/testing/lib/.
#
#   make host-lib          $(B)/host/libsuitcore.a from every lib/*.c
#   make host-tests        $(B)/host/tests/test_<name> for every
#                          tools/testing/lib/test_<name>.c
#   make host-tests-san    the same tests, lib/ included, built with
#                          -fsanitize=address,undefined into $(B)/host-san/
#   make host-lib-m32      compile lib/*.c with -m32 (syntax/width check only)
#
# Every test is linked with every tools/testing/lib/support_*.c, with
# libsuitcore.a and with $(HOST_TEST_LIBS). By default that is
# $(B)/host/libsuitossl.a (built by `make host-ossl`, mk/userspace-common.mk)
# when userspace/common/*.c exists, and -lcrypto.

.PHONY: host-lib host-tests host-tests-san host-lib-m32

HOST_LIB_SRCS := $(sort $(wildcard lib/*.c))
HOST_LIB_FLAGS = $(HOST_CFLAGS) -ffreestanding -fno-common
HOST_LIB := $(B)/host/libsuitcore.a

HOST_TEST_SRCS := $(sort $(wildcard tools/testing/lib/test_*.c))
HOST_SUPPORT_SRCS := $(sort $(wildcard tools/testing/lib/support_*.c))
HOST_TEST_FLAGS = $(HOST_CFLAGS) -I$(SRCTREE)/tools/testing/lib

ifneq ($(wildcard userspace/common/*.c),)
HOST_OSSL_LIB := $(B)/host/libsuitossl.a
HOST_TEST_PREREQ := host-ossl
else
HOST_OSSL_LIB :=
HOST_TEST_PREREQ :=
endif
HOST_TEST_LIBS ?= $(HOST_OSSL_LIB) -lcrypto
# Archives named in HOST_TEST_LIBS that exist now: relink when they change.
HOST_TEST_LIBDEPS := $(wildcard $(filter %.a,$(HOST_TEST_LIBS)))

all: host-lib

host-lib: $(HOST_LIB)

# --- unit tests, plain and sanitized --------------------------------------
#
# $(call host_test_rules,DIR,EXTRA_CFLAGS): lib objects, test and support
# objects and one binary per test under DIR.
define host_test_rules
$(1)/lib/%.o: lib/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(HOST_LIB_FLAGS) $(2) -MMD -MP -c $$< -o $$@

$(1)/libsuitcore.a: $(patsubst lib/%.c,$(1)/lib/%.o,$(HOST_LIB_SRCS))
	@mkdir -p $$(@D)
	rm -f $$@
	ar rcs $$@ $(patsubst lib/%.c,$(1)/lib/%.o,$(HOST_LIB_SRCS))

$(1)/tests/obj/%.o: tools/testing/lib/%.c
	@mkdir -p $$(@D)
	$$(CC) $$(HOST_TEST_FLAGS) $(2) -MMD -MP -c $$< -o $$@

$(1)/tests/test_%: $(1)/tests/obj/test_%.o \
		$(patsubst tools/testing/lib/%.c,$(1)/tests/obj/%.o,$(HOST_SUPPORT_SRCS)) \
		$(1)/libsuitcore.a $(HOST_TEST_LIBDEPS) | $(HOST_TEST_PREREQ)
	$$(CC) $(2) -o $$@ $$< \
		$(patsubst tools/testing/lib/%.c,$(1)/tests/obj/%.o,$(HOST_SUPPORT_SRCS)) \
		$(1)/libsuitcore.a $$(HOST_TEST_LIBS)

-include $(patsubst lib/%.c,$(1)/lib/%.d,$(HOST_LIB_SRCS))
-include $(patsubst tools/testing/lib/%.c,$(1)/tests/obj/%.d,$(HOST_TEST_SRCS) $(HOST_SUPPORT_SRCS))
endef

HOST_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

$(eval $(call host_test_rules,$(B)/host,))
$(eval $(call host_test_rules,$(B)/host-san,$(HOST_SAN_FLAGS)))

host-tests: $(patsubst tools/testing/lib/%.c,$(B)/host/tests/%,$(HOST_TEST_SRCS))
host-tests-san: $(patsubst tools/testing/lib/%.c,$(B)/host-san/tests/%,$(HOST_TEST_SRCS))

# -m32 compile of lib/: catches size_t/uint64_t mix-ups. Needs only the
# compiler (freestanding headers), not a 32-bit libc: <errno.h> is replaced
# by a shim over the kernel's arch-independent <asm-generic/errno.h>.
host-lib-m32: $(patsubst lib/%.c,$(B)/host-m32/lib/%.o,$(HOST_LIB_SRCS))

$(B)/host-m32/include/errno.h:
	@mkdir -p $(@D)
	echo '#include <asm-generic/errno.h>' > $@

$(B)/host-m32/lib/%.o: lib/%.c $(B)/host-m32/include/errno.h
	@mkdir -p $(@D)
	$(CC) $(HOST_LIB_FLAGS) -m32 -I$(B)/host-m32/include -MMD -MP -c $< -o $@

-include $(patsubst lib/%.c,$(B)/host-m32/lib/%.d,$(HOST_LIB_SRCS))
