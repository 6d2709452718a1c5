# SPDX-License-Identifier: GPL-2.0-only
# The device side of userspace: libsuit, suitctl and the /dev/suit
# kselftests.
#
#   make libsuit          $(B)/libsuit.a (public header userspace/libsuit/libsuit.h)
#   make suitctl          $(B)/suitctl
#   make suit-selftests   $(B)/selftests/suit/suit_test (kselftest harness; needs
#                         the unpacked kernel source, see build-kernel.sh)
#   make userspace-device all three
#   make suit-bench       $(B)/bench/suit_bench (install benchmark helper)
#
# SELFTEST_KSRC: kernel source holding tools/testing/selftests/kselftest_harness.h
# (default: the tree build-kernel.sh unpacked under ~/.cache/linux-suit).

.PHONY: libsuit suitctl suit-selftests userspace-device

DEV_CFLAGS = $(HOST_CFLAGS) -I$(SRCTREE)/include/uapi -I$(SRCTREE)/userspace/libsuit
SUIT_CACHE_DIR := $(or $(SUIT_CACHE),$(HOME)/.cache/linux-suit)
SELFTEST_KSRC ?= $(patsubst %/tools/testing/selftests/kselftest_harness.h,%,$(firstword \
	$(wildcard $(SUIT_CACHE_DIR)/linux-source-6.1-*/tools/testing/selftests/kselftest_harness.h)))

all: libsuit suitctl

libsuit: $(B)/libsuit.a
suitctl: $(B)/suitctl
suit-selftests: $(B)/selftests/suit/suit_test
userspace-device: libsuit suitctl suit-selftests

$(B)/libsuit-obj/%.o: userspace/libsuit/%.c userspace/libsuit/libsuit.h include/uapi/linux/suit.h
	@mkdir -p $(@D)
	$(CC) $(DEV_CFLAGS) -c $< -o $@

$(B)/libsuit.a: $(B)/libsuit-obj/libsuit.o
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(B)/suitctl: userspace/suitctl/suitctl.c $(B)/libsuit.a
	@mkdir -p $(@D)
	$(CC) $(DEV_CFLAGS) -o $@ $< $(B)/libsuit.a

SELFTEST_SRCS := $(wildcard tools/testing/selftests/suit/*.c tools/testing/selftests/suit/*.h)

$(B)/selftests/suit/suit_test: $(SELFTEST_SRCS) $(B)/libsuit.a include/uapi/linux/suit.h
	@if [ -z "$(SELFTEST_KSRC)" ]; then \
		echo "userspace-device.mk: no kernel source with kselftest_harness.h;" \
		     "run tools/testing/uml/build-kernel.sh first" >&2; exit 1; fi
	@mkdir -p $(@D)
	$(CC) $(DEV_CFLAGS) -I$(SELFTEST_KSRC)/tools/testing/selftests -Wno-sign-compare -Wno-misleading-indentation \
		-Wno-format-truncation -pthread \
		-o $@ tools/testing/selftests/suit/suit_test.c $(B)/libsuit.a

# The install benchmark's helper (tools/testing/bench/install/run.sh).
.PHONY: suit-bench
suit-bench: $(B)/bench/suit_bench

$(B)/bench/suit_bench: tools/testing/bench/install/suit_bench.c $(B)/libsuit.a
	@mkdir -p $(@D)
	$(CC) $(DEV_CFLAGS) -o $@ $< $(B)/libsuit.a
