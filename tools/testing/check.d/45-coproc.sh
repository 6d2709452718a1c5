#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The co-processor device class: build suit-coproc, suit-coproc-host and
# the pty test driver, make signed envelopes with suit-tool, run the
# end-to-end tests and the power-cut sweeps (tools/testing/coproc/), and
# the tools/bootmeta reader's unit tests.
cd "$(dirname "$0")/../../.." || exit 1
B=${B:-$PWD/build}
exec tools/testing/coproc/run.sh "$B"
