#!/bin/sh
# kasan: the kernel smoke tests again (NOR; 40-uml already runs the NAND
# selftests under KASAN), on a UML kernel built with KASAN
# (tools/testing/uml/kasan.config; kmemleak runs in the default kernel,
# since the two do not work together for modules on UML). Any KASAN
# report is a "BUG:" line in the kernel log, which the smoke test counts
# as a failure. Runs last: it rebuilds suit.ko for the KASAN kernel and
# then back for the default one.
set -u
cd "$(dirname "$0")/../../.."
logdir=${B:-build}/check/kasan
mkdir -p "$logdir"

restore() {
	make -s module > "$logdir/module-restore.log" 2>&1 ||
		echo "kasan: rebuilding suit.ko for the default kernel failed"
}

if ! kb=$(tools/testing/uml/build-kernel.sh tools/testing/uml/kasan.config 2> "$logdir/kernel.log"); then
	tail -n 30 "$logdir/kernel.log"
	echo "kasan: 0 passed, 1 failed"
	exit 1
fi
grep -qx 'CONFIG_KASAN=y' "$kb/.config" || { echo "kasan: $kb has no KASAN"; echo "kasan: 0 passed, 1 failed"; exit 1; }
export SUIT_KBUILD="$kb"
if ! make -s module > "$logdir/module.log" 2>&1; then
	tail -n 30 "$logdir/module.log"
	unset SUIT_KBUILD; restore
	echo "kasan: 0 passed, 1 failed"
	exit 1
fi

tp=0; tf=0
for mode in ${KASAN_SMOKE_MODES:-nor}; do
	arg=""
	[ "$mode" = nor ] || arg=--nand
	sh kernel/tests/uml-smoke.sh $arg > "$logdir/$mode.log" 2>&1
	rc=$?
	grep -E 'SMOKE FAIL|KASAN|BUG:' "$logdir/$mode.log" | head -n 20
	line=$(grep -E '^kernel-smoke: [0-9]+ passed, [0-9]+ failed' "$logdir/$mode.log" | tail -n 1)
	if [ -z "$line" ]; then
		tail -n 20 "$logdir/$mode.log"
		tf=$((tf + 1))
		continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	echo "$mode (KASAN): $line"
	tp=$((tp + p)); tf=$((tf + f))
done
unset SUIT_KBUILD
restore
echo "kasan: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
