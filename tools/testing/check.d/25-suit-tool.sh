#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# suit-tool: build it and run tools/testing/suit-tool/run.sh
cd "$(dirname "$0")/../../.." || exit 1
B=${B:-$PWD/build}
if ! make -s suit-tool B="$B" >/dev/null 2>"$B.suit-tool-build.log"; then
	cat "$B.suit-tool-build.log" | tail -20
	echo "suit-tool: 0 passed, 1 failed"
	exit 1
fi
exec tools/testing/suit-tool/run.sh "$B/suit-tool"
