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
. tools/testing/uml/smoke-modes.sh
smoke_modes "$logdir" "" nor nand
echo "kernel-smoke: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
