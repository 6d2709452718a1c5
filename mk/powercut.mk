# SPDX-License-Identifier: GPL-2.0-only
# Power-fail safety of suit.ko (Documentation/device-classes.rst).
#
#   make powercut      the full sweep: the power cut at every flash
#                      operation of an A/B, an in-place and an atomic
#                      two-component install, each followed by a boot and
#                      the next update; the boot protocol; NAND bad blocks
#                      and bit flips; a real kill of UML on block2mtd.
#                      `make check` runs a sample (check.d/50-powercut.sh).

.PHONY: powercut

powercut: module
	sh tools/testing/powercut/run.sh
	sh tools/testing/powercut/kill.sh
