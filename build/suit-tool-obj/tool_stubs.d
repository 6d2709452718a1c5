/work/main/build/suit-tool-obj/tool_stubs.o: \
 userspace/suit-tool/tool_stubs.c userspace/suit-tool/commands.h
userspace/suit-tool/commands.h:
