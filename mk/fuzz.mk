# SPDX-License-Identifier: GPL-2.0-only
# libFuzzer harnesses: tools/testing/fuzz/fuzz_<name>.c -> $(B)/fuzz/fuzz_<name>
#
#   make fuzz-build         build every harness (clang, libFuzzer, ASan, UBSan)
#   make fuzz               build, then run each harness FUZZ_SECONDS (60) on
#                           tools/testing/fuzz/corpus/<name>/; new inputs go to
#                           $(B)/fuzz/new/<name>/, crashes to
#                           $(B)/fuzz/artifacts/<name>/ (never into the tree)
#   make fuzz FUZZ_TARGETS="cbor"   only some harnesses
#
# lib/*.c is compiled again into $(B)/fuzz/lib/ with the same sanitizers.
# A harness that needs more sources names them, relative to the repository
# root, on a comment line in its source:
#	/* FUZZ_USES: tools/testing/lib/support_foo.c */
# and may add link flags in $(FUZZ_LIBS_fuzz_<name>) (default: none).

.PHONY: fuzz-build

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra \
	-Wno-unused-parameter -Werror=implicit-function-declaration \
	-I$(SRCTREE)/include -I$(SRCTREE)/tools/testing/lib $(FUZZ_SAN)

FUZZ_SRCS := $(sort $(wildcard tools/testing/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst tools/testing/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRCS))
FUZZ_LIB_OBJS := $(patsubst lib/%.c,$(B)/fuzz/lib/%.o,$(sort $(wildcard lib/*.c)))

fuzz_uses = $(shell sed -n 's|.*FUZZ_USES:\(.*\)\*/.*|\1|p' $(1))
fuzz_obj = $(patsubst %.c,$(B)/fuzz/obj/%.o,$(1))

fuzz-build: $(FUZZ_BINS)

$(B)/fuzz/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -ffreestanding -fno-common \
		-fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(B)/fuzz/libsuitcore.a: $(FUZZ_LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJS)

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

define fuzz_bin_rule
$(B)/fuzz/$(1): $(call fuzz_obj,tools/testing/fuzz/$(1).c $(call fuzz_uses,tools/testing/fuzz/$(1).c)) \
		$(B)/fuzz/libsuitcore.a
	$$(FUZZ_CC) $$(FUZZ_CFLAGS) -fsanitize=fuzzer -o $$@ $$(filter %.o,$$^) \
		$(B)/fuzz/libsuitcore.a $$(FUZZ_LIBS_$(1))
endef
$(foreach f,$(FUZZ_SRCS),$(eval $(call fuzz_bin_rule,$(basename $(notdir $(f))))))

fuzz: fuzz-build
	tools/testing/fuzz/run.sh -t $(FUZZ_SECONDS) $(FUZZ_TARGETS)

-include $(FUZZ_LIB_OBJS:.o=.d)
-include $(shell find $(B)/fuzz/obj -name '*.d' 2>/dev/null)
