# SPDX-License-Identifier: GPL-2.0-only
# The co-processor device class (Documentation/device-classes.rst).
#
#   make coproc        $(B)/coproc/suit-coproc (the co-processor stand-in),
#                      $(B)/coproc/suit-coproc-host (the main side),
#                      $(B)/coproc/coproc_test (the pty test driver) and
#                      $(B)/coproc/coproc_mkenv (envelopes without suit-tool)
#   make bootmeta-test $(B)/bootmeta/test_bootmeta (tools/bootmeta/ tests) and
#                      $(B)/bootmeta/suit-bootmeta (prints a metadata image)

.PHONY: coproc bootmeta-test

COPROC_CFLAGS = $(HOST_CFLAGS) -I$(SRCTREE)/userspace/common -I$(SRCTREE)/userspace/coproc
COPROC_COMMON := proto flash
COPROC_COMMON_OBJS := $(patsubst %,$(B)/coproc/obj/%.o,$(COPROC_COMMON))
COPROC_LIBS := $(B)/host/libsuitcore.a $(B)/host/libsuitossl.a -lcrypto

all: coproc

coproc: $(B)/coproc/suit-coproc $(B)/coproc/suit-coproc-host $(B)/coproc/coproc_test \
	$(B)/coproc/coproc_mkenv

$(B)/coproc/obj/%.o: userspace/coproc/%.c
	@mkdir -p $(@D)
	$(CC) $(COPROC_CFLAGS) -MMD -MP -c $< -o $@

$(B)/coproc/obj/test/%.o: tools/testing/coproc/%.c
	@mkdir -p $(@D)
	$(CC) $(COPROC_CFLAGS) -MMD -MP -c $< -o $@

$(B)/coproc/suit-coproc: $(B)/coproc/obj/coproc_main.o $(COPROC_COMMON_OBJS) \
		$(B)/host/libsuitcore.a $(B)/host/libsuitossl.a
	$(CC) -o $@ $(filter %.o,$^) $(COPROC_LIBS)

$(B)/coproc/suit-coproc-host: $(B)/coproc/obj/main_side.o $(B)/coproc/obj/host_main.o \
		$(COPROC_COMMON_OBJS)
	$(CC) -o $@ $(filter %.o,$^)

$(B)/coproc/coproc_mkenv: $(B)/coproc/obj/test/mkenv.o $(B)/host/libsuitcore.a
	$(CC) -o $@ $(filter %.o,$^) $(B)/host/libsuitcore.a -lcrypto

$(B)/coproc/coproc_test: $(B)/coproc/obj/test/coproc_test.o $(COPROC_COMMON_OBJS)
	$(CC) -o $@ $(filter %.o,$^) -lutil -lcrypto

# tools/bootmeta: the portable metadata reader and its host tests
BOOTMETA_CFLAGS = -std=c99 -O2 -g -Wall -Wextra -Wpedantic -I$(SRCTREE)/tools/bootmeta

bootmeta-test: $(B)/bootmeta/test_bootmeta $(B)/bootmeta/suit-bootmeta

$(B)/bootmeta/suit-bootmeta: tools/bootmeta/suit_bootmeta.c tools/bootmeta/suit_bootmeta.h \
		tools/bootmeta/bootmeta_dump.c
	@mkdir -p $(@D)
	$(CC) $(BOOTMETA_CFLAGS) -o $@ tools/bootmeta/suit_bootmeta.c tools/bootmeta/bootmeta_dump.c

$(B)/bootmeta/test_bootmeta: tools/bootmeta/suit_bootmeta.c tools/bootmeta/suit_bootmeta.h \
		tools/bootmeta/test_bootmeta.c
	@mkdir -p $(@D)
	$(CC) $(BOOTMETA_CFLAGS) -o $@ tools/bootmeta/suit_bootmeta.c \
		tools/bootmeta/test_bootmeta.c -lz

-include $(wildcard $(B)/coproc/obj/*.d $(B)/coproc/obj/test/*.d)

# tools/testing/fake_rproc: TEST-ONLY remoteproc module, built out of tree
# against the UML kernel in a copy under $(B) (6.1 kbuild writes objects
# next to the sources).
.PHONY: fake-rproc
FAKE_RPROC_KENV := tools/testing/uml/kernel-env.sh
fake-rproc:
	@eval "$$($(FAKE_RPROC_KENV) --build)"; \
	mkdir -p $(B)/fake_rproc && \
	cp tools/testing/fake_rproc/Kbuild tools/testing/fake_rproc/*.[ch] $(B)/fake_rproc/ && \
	$(MAKE) -C "$$KSRC" O="$$KBUILD" ARCH=um M=$(B)/fake_rproc modules
