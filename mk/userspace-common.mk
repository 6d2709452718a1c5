# SPDX-License-Identifier: GPL-2.0-only
# userspace/common: OpenSSL 3 crypto ops and the key store shared by every
# userspace home of lib/ (suit-tool, libsuit, unit tests, benchmarks).
#
#   make host-ossl     $(B)/host/libsuitossl.a from userspace/common/*.c
#
# Link order for users: libsuitcore.a libsuitossl.a -lcrypto.

.PHONY: host-ossl

OSSL_COMMON_SRCS := $(sort $(wildcard userspace/common/*.c))
OSSL_COMMON_OBJS := $(patsubst userspace/common/%.c,$(B)/host/common/%.o,$(OSSL_COMMON_SRCS))
OSSL_COMMON_LIB := $(B)/host/libsuitossl.a
OSSL_COMMON_CFLAGS :=

# HSS-LMS verification comes from lib/hss_lms.c (freestanding). Since users
# link libsuitcore.a before libsuitossl.a, copies of its objects go into
# libsuitossl.a too (an archive member is only pulled for a symbol still
# undefined, so the copies never clash with libsuitcore.a).
ifneq ($(wildcard lib/hss_lms.c),)
OSSL_COMMON_CFLAGS += -DSUIT_OSSL_HSS
OSSL_COMMON_OBJS += $(patsubst lib/%.c,$(B)/host/lib/%.o,$(wildcard lib/hss_lms.c lib/sha256.c))
endif

all: host-ossl

host-ossl: $(OSSL_COMMON_LIB)

# Rebuild the archive when its member list changes (lib/hss_lms.c appears).
OSSL_COMMON_LIST := $(B)/host/common/members.list
$(shell mkdir -p $(B)/host/common; \
	echo '$(OSSL_COMMON_OBJS) $(OSSL_COMMON_CFLAGS)' | cmp -s - $(OSSL_COMMON_LIST) || \
	echo '$(OSSL_COMMON_OBJS) $(OSSL_COMMON_CFLAGS)' > $(OSSL_COMMON_LIST))

$(OSSL_COMMON_LIB): $(OSSL_COMMON_OBJS) $(OSSL_COMMON_LIST)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(OSSL_COMMON_OBJS)

$(B)/host/common/%.o: userspace/common/%.c $(OSSL_COMMON_LIST)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(OSSL_COMMON_CFLAGS) -I$(SRCTREE)/userspace/common -MMD -MP -c $< -o $@

-include $(patsubst userspace/common/%.c,$(B)/host/common/%.d,$(OSSL_COMMON_SRCS))
