# SPDX-License-Identifier: GPL-2.0-only
# suit-tool: the author's and operator's command line.
#
#   make suit-tool     $(B)/suit-tool from userspace/suit-tool/*.c, linked
#                      with libsuitcore.a (lib/), libsuitossl.a
#                      (userspace/common) and libcbor, jansson, libcrypto.

.PHONY: suit-tool

SUIT_TOOL_SRCS := $(sort $(wildcard userspace/suit-tool/*.c))
SUIT_TOOL_OBJS := $(patsubst userspace/suit-tool/%.c,$(B)/suit-tool-obj/%.o,$(SUIT_TOOL_SRCS))
SUIT_TOOL_LIBS := -lcbor -ljansson -lcrypto

all: suit-tool

suit-tool: $(B)/suit-tool

$(B)/suit-tool-obj/%.o: userspace/suit-tool/%.c
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I$(SRCTREE)/userspace/common -I$(SRCTREE)/userspace/suit-tool \
		-MMD -MP -c $< -o $@

$(B)/suit-tool: $(SUIT_TOOL_OBJS) $(B)/host/libsuitcore.a $(B)/host/libsuitossl.a
	$(CC) -o $@ $(SUIT_TOOL_OBJS) $(B)/host/libsuitcore.a $(B)/host/libsuitossl.a \
		$(SUIT_TOOL_LIBS)

-include $(SUIT_TOOL_OBJS:.o=.d)
