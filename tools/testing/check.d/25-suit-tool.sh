#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# suit-tool: build it, then run tools/testing/suit-tool/run.sh (round trips
# over the public vectors, Appendix B rebuilds, OpenSSL cross-checks,
# process acceptance, error handling). Build log: $B/check/suit-tool/build.log
cd "$(dirname "$0")/../../.." || exit 1
B=${B:-$PWD/build}
export B
mkdir -p "$B/check/suit-tool"
if ! make -s suit-tool B="$B" > "$B/check/suit-tool/build.log" 2>&1; then
	tail -20 "$B/check/suit-tool/build.log"
	echo "suit-tool: 0 passed, 1 failed"
	exit 1
fi
exec tools/testing/suit-tool/run.sh "$B/suit-tool"
