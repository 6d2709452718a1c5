# SPDX-License-Identifier: GPL-2.0-only
# suit.ko and its KUnit module, built out of tree against the UML kernel.
#
#   make module        build kernel/suit.ko and kernel/tests/suit_kunit.ko
#                      (builds the cached UML kernel first if needed)
#   make module-clean  remove what kbuild left in kernel/ and lib/
#   make module-check  sparse (C=2) and W=1 over the module sources
#   make module-smoke  boot UML: KUnit + /dev/suit sessions + vectors
#
# KMAKEFLAGS passes extra flags to kbuild, e.g. KMAKEFLAGS="W=1 C=2".
# `make all` builds the module only when the UML kernel is already built.

.PHONY: module module-clean module-check module-if-built module-smoke

KERNEL_ENV := tools/testing/uml/kernel-env.sh
KMAKEFLAGS ?=

module:
	@eval "$$($(KERNEL_ENV) --build)"; \
	$(MAKE) -C "$$KSRC" O="$$KBUILD" ARCH=um M=$(SRCTREE) $(KMAKEFLAGS) modules

module-check:
	@eval "$$($(KERNEL_ENV) --build)"; \
	touch $(SRCTREE)/kernel/*.c $(SRCTREE)/kernel/tests/*.c $(SRCTREE)/lib/*.c; \
	$(MAKE) -C "$$KSRC" O="$$KBUILD" ARCH=um M=$(SRCTREE) W=1 C=2 modules

module-smoke: module
	kernel/tests/uml-smoke.sh

module-clean:
	@eval "$$($(KERNEL_ENV))"; \
	if [ -d "$$KBUILD" ]; then \
		$(MAKE) -C "$$KSRC" O="$$KBUILD" ARCH=um M=$(SRCTREE) clean; \
	fi; \
	rm -f $(SRCTREE)/lib/*.o $(SRCTREE)/lib/.*.cmd

module-if-built:
	@eval "$$($(KERNEL_ENV))"; \
	if [ -f "$$KBUILD/.built" ]; then \
		$(MAKE) -C "$$KSRC" O="$$KBUILD" ARCH=um M=$(SRCTREE) $(KMAKEFLAGS) modules; \
	else \
		echo "kernel.mk: no UML kernel build yet; 'make module' builds it"; \
	fi

all: module-if-built
