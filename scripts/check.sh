#!/bin/sh
# Run every test suite in tools/testing/check.d/ in name order.
#
# Each suite prints what it likes and ends with a line
#   "<suite>: N passed, M failed[, K skipped]"
# and exits non-zero if anything failed. This driver sums the counts,
# prints one summary and exits non-zero if any suite failed or printed no
# count line (a suite that ran nothing is a failure, not a pass).
set -u
cd "$(dirname "$0")/.."
logdir=${B:-build}/check

# The public SUIT vectors live in shared/ beside the checkout (CI lays a
# copy there); every suite that needs them reads SUIT_VECTORS.
if [ -z "${SUIT_VECTORS:-}" ]; then
	for v in "$(pwd)/../shared/vectors" /work/shared/vectors; do
		if [ -d "$v" ]; then
			SUIT_VECTORS=$(cd "$v" && pwd)
			break
		fi
	done
fi
export SUIT_VECTORS="${SUIT_VECTORS:-$(pwd)/../shared/vectors}"
echo "vectors: $SUIT_VECTORS"
mkdir -p "$logdir"

tp=0; tf=0; ts=0; bad=""
start=$(date +%s)
for s in tools/testing/check.d/*.sh; do
	name=$(basename "$s" .sh)
	echo "=== $name"
	t0=$(date +%s)
	rm -f "$logdir/$name.rc"
	{ sh "$s"; echo $? > "$logdir/$name.rc"; } 2>&1 | tee "$logdir/$name.log"
	rc=$(cat "$logdir/$name.rc" 2>/dev/null || echo 1)
	line=$(grep -E "^[A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed" "$logdir/$name.log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$name: no summary line (counted as 1 failure)"
		tf=$((tf + 1)); bad="$bad $name"
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	k=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
	tp=$((tp + p)); tf=$((tf + f)); ts=$((ts + ${k:-0}))
	if [ "$f" -eq 0 ] && [ "$rc" -ne 0 ]; then
		echo "$name: exit status $rc with no failure counted (counted as 1 failure)"
		tf=$((tf + 1)); f=1
	fi
	[ "$f" -eq 0 ] || bad="$bad $name"
	echo "--- $name: $((($(date +%s) - t0)))s"
done

echo
echo "suites with failures:${bad:- none}"
echo "total time: $(($(date +%s) - start))s"
if [ "$ts" -gt 0 ]; then
	echo "$tp passed, $tf failed, $ts skipped"
else
	echo "$tp passed, $tf failed"
fi
[ "$tf" -eq 0 ] && [ "$tp" -gt 0 ]
