#!/bin/sh
# Run every benchmark: tools/testing/bench/*/run.sh, in name order.
# Each prints its figures as `NAME: VALUE` lines.
set -eu
cd "$(dirname "$0")/.."
rc=0
for b in tools/testing/bench/*/run.sh; do
	[ -f "$b" ] || continue
	echo "=== $(basename "$(dirname "$b")")"
	sh "$b" || rc=1
done
exit $rc
