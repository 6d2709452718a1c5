#!/bin/sh
# kernel-smoke: suit.ko driven through real installs in UML, on mtdram (NOR)
# and on nandsim (NAND with a bad block inside the target slot): A/B
# install and flip, rollback replay, bad digest, cancel, busy component,
# keyring lock, the public encryption and trust-domain vectors in the
# kernel, KUnit. See kernel/tests/uml-smoke.sh.
set -u
cd "$(dirname "$0")/../../.."
logdir=${B:-build}/check/kernel-smoke
mkdir -p "$logdir"

if ! tools/testing/uml/kernel-env.sh --build > "$logdir/kernel.log" 2>&1 ||
   ! make -s module > "$logdir/module.log" 2>&1; then
	tail -n 30 "$logdir/kernel.log" "$logdir/module.log"
	echo "kernel-smoke: 0 passed, 1 failed"
	exit 1
fi

tp=0; tf=0
for mode in nor nand; do
	arg=""
	[ "$mode" = nor ] || arg=--nand
	sh kernel/tests/uml-smoke.sh $arg > "$logdir/$mode.log" 2>&1
	rc=$?
	grep -E 'SMOKE (FAIL|SKIP)|^not ok' "$logdir/$mode.log"
	line=$(grep -E '^kernel-smoke: [0-9]+ passed, [0-9]+ failed' "$logdir/$mode.log" | tail -n 1)
	if [ -z "$line" ]; then
		tail -n 20 "$logdir/$mode.log"
		tf=$((tf + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	echo "$mode: $line"
	tp=$((tp + p)); tf=$((tf + f))
done
echo "kernel-smoke: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
