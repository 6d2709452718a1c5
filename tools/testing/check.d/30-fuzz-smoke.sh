#!/bin/sh
# fuzz-smoke: build every libFuzzer harness (tools/testing/fuzz/fuzz_*.c),
# replay its committed corpus and fuzz it for FUZZ_SMOKE_SECONDS (10) each.
# A crash, leak, sanitizer report or timeout is a failure.
set -u
cd "$(dirname "$0")/../../.."
B=${B:-$(pwd)/build}
export B
mkdir -p "$B/check"
if ! make -s fuzz-build > "$B/check/fuzz-build.log" 2>&1; then
	cat "$B/check/fuzz-build.log"
	echo "fuzz-smoke: 0 passed, 1 failed"
	exit 1
fi
exec tools/testing/fuzz/run.sh -s -t "${FUZZ_SMOKE_SECONDS:-10}"
