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
. tools/testing/uml/smoke-modes.sh
smoke_modes "$logdir" " (KASAN)" ${KASAN_SMOKE_MODES:-nor}
unset SUIT_KBUILD
restore
echo "kasan: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
