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

all: host-ossl

host-ossl: $(OSSL_COMMON_LIB)

$(OSSL_COMMON_LIB): $(OSSL_COMMON_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(OSSL_COMMON_OBJS)

$(B)/host/common/%.o: userspace/common/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I$(SRCTREE)/userspace/common -MMD -MP -c $< -o $@

-include $(patsubst userspace/common/%.c,$(B)/host/common/%.d,$(OSSL_COMMON_SRCS))
