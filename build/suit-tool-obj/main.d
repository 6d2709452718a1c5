/work/main/build/suit-tool-obj/main.o: userspace/suit-tool/main.c \
 userspace/suit-tool/commands.h
userspace/suit-tool/commands.h:
