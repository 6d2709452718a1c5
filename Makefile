# SPDX-License-Identifier: GPL-2.0-only
# linux-suit: top-level build. `make help` lists the targets.
#
# Each part of the tree adds its rules in mk/<part>.mk; test suites run by
# `make check` are the scripts in tools/testing/check.d/, in name order.

SRCTREE := $(CURDIR)
B ?= $(SRCTREE)/build
CC ?= cc
HOST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror=implicit-function-declaration \
	-Wno-unused-parameter -I$(SRCTREE)/include
export SRCTREE B

.PHONY: all check demo bench fuzz deps clean help
all:

include $(sort $(wildcard mk/*.mk))

deps:
	scripts/install-deps.sh

check: deps
	scripts/check.sh

demo: deps
	scripts/demo.sh

bench: deps
	scripts/bench.sh

clean:
	rm -rf $(B)

help:
	@echo "make all     build lib/, the userspace tools and (with a kernel build) suit.ko"
	@echo "make check   install dependencies, build everything, run every test suite"
	@echo "make demo    boot a UML device and update it"
	@echo "make bench   run the benchmarks under tools/testing/bench/"
	@echo "make fuzz    run the libFuzzer harnesses (FUZZ_SECONDS=N each)"
	@echo "make powercut  cut power at every flash operation of an install, in UML"
