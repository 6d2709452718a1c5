/work/main/build/suit-tool-obj/cmd_process.o: \
 userspace/suit-tool/cmd_process.c userspace/suit-tool/commands.h
userspace/suit-tool/commands.h:
