#!/bin/sh
# powercut: suit.ko in UML with the power cut at flash operations of an
# A/B, an in-place and an atomic two-component install (every 4th cut
# point and the last two here, all of them in `make powercut`), the A/B boot protocol
# (trial boot, confirm, rollback) and NAND bad blocks / bit flips.
# See tools/testing/powercut/run.sh and Documentation/device-classes.rst.
set -u
cd "$(dirname "$0")/../../.." || exit 1
logdir=${B:-build}/check/powercut
mkdir -p "$logdir"

if ! tools/testing/uml/kernel-env.sh --build > "$logdir/kernel.log" 2>&1 ||
   ! make -s module > "$logdir/module.log" 2>&1; then
	tail -n 30 "$logdir/kernel.log" "$logdir/module.log"
	echo "powercut: 0 passed, 1 failed"
	exit 1
fi
POWERCUT_LOG=$logdir/uml.log sh tools/testing/powercut/run.sh --sample "${POWERCUT_SAMPLE:-4}" \
	> "$logdir/run.log" 2>&1
rc=$?
grep -E 'FAIL|^powercut:|^cut points:' "$logdir/run.log"
line=$(grep -E '^cut points: [0-9]+, failed: [0-9]+$' "$logdir/run.log" | tail -n 1)
if [ -z "$line" ]; then
	tail -n 20 "$logdir/run.log"
	echo "powercut: 0 passed, 1 failed"
	exit 1
fi
n=$(echo "$line" | sed -E 's/cut points: ([0-9]+),.*/\1/')
pp=$(grep -c '^PC PASS' "$logdir/run.log")
pf=$(grep -c '^PC FAIL' "$logdir/run.log")
f=$(echo "$line" | sed -E 's/.*failed: ([0-9]+)/\1/')
[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
echo "powercut: $((n - (f - pf) + pp)) passed, $f failed"
[ "$f" -eq 0 ]
