#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Cross-check of tools/bootmeta against the real kernel: boot UML with
# mtdram, load suit.ko (as built in kernel/), install one envelope with
# suitctl, copy the metadata partition out, and read it on the host with
# suit-bootmeta. Needs kernel/suit.ko, $B/suitctl and a built UML kernel
# (exit 77 = skipped when one is missing). Prints
# "bootmeta-uml: N passed, M failed".
set -u
cd "$(dirname "$0")/../../.." || exit 1
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
uml=$SRCTREE/tools/testing/uml
run=$B/bootmeta/uml
eval "$("$uml/kernel-env.sh")"
if [ ! -f "$KBUILD/.built" ] || [ ! -f kernel/suit.ko ] || [ ! -x "$B/suitctl" ]; then
	echo "bootmeta-uml: needs a UML kernel build, kernel/suit.ko and $B/suitctl"
	exit 77
fi
make -s bootmeta-test B="$B" || exit 1
rm -rf "$run"
mkdir -p "$run/out"
data=$run/data
if ! "$uml/mkdata.sh" "$data" > "$run/mkdata.log" 2>&1; then
	cat "$run/mkdata.log"
	echo "bootmeta-uml: 0 passed, 1 failed"
	exit 1
fi
. "$data/params"
meta='$(basename $(dirname $(grep -lx meta /sys/class/mtd/mtd*/name)))'
cat > "$run/steps" <<EOF
$B/suitctl install $data/mtdram/integrated.suit | grep 'install succeeded: sequence 40'
cat /sys/class/mtd/$meta/erasesize > /tmp/out/erasesize
dd if=/dev/$meta of=/tmp/out/meta.bin bs=\$(cat /tmp/out/erasesize) count=2
EOF
cat > "$run/env" <<EOF
SUIT_OUT=$run/out
SUIT_FLASH="mtdram nandsim"
MTDRAM_PARAMS="$MTDRAM_PARAMS"
NANDSIM_PARAMS="$NANDSIM_PARAMS"
SUIT_KO=$SRCTREE/kernel/suit.ko
SUIT_KO_PARAMS=$(printf '%s' "$SUIT_KO_PARAMS" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")
SUIT_KUNIT_KOS=""
SUIT_ANCHORS=$data/anchor.der
SUIT_STEPS=$run/steps
SUIT_KMEMLEAK=0
EOF
"$uml/boot.sh" -k "$KBUILD" -t 300 -e "$run/env" -i "$uml/init-test.sh" \
	"$MTDPARTS" > "$run/console.log" 2>&1
p=0
f=0
for i in 1 2 3; do
	if [ "$(cat "$run/out/step-$i.rc" 2>/dev/null)" = 0 ]; then
		p=$((p + 1))
	else
		f=$((f + 1))
		echo "bootmeta-uml: FAIL: step $i: $(sed -n "${i}p" "$run/steps")"
		tail -5 "$run/out/step-$i.log" 2>/dev/null
	fi
done
es=$(cat "$run/out/erasesize" 2>/dev/null)
"$B/bootmeta/suit-bootmeta" "$run/out/meta.bin" "${es:-0}" > "$run/bootmeta.txt" 2>&1
head -2 "$run/bootmeta.txt"
want_size=$(stat -c %s "$data/mtdram/integrated.bin")
check() { # what pattern
	if grep -qx "$2" "$run/bootmeta.txt"; then
		p=$((p + 1))
	else
		f=$((f + 1))
		echo "bootmeta-uml: FAIL: $1"
	fi
}
# flags 65539 = 0x10003: sequence set, trial boot pending (A/B switch not
# yet confirmed, kernel/boot.c), component 0 on trial
check "record with sequence 40" 'copy=[01] generation=[0-9]* flags=65539 sequence=40'
check "trial boot of component 0 pending" 'boot=trial tries=0 trial-components=0x1 interrupted=0x0 resumable=0x0'
check "component 0: slot 1 active, valid, $want_size bytes, boots slot 1" \
	"comp0 active=1 valid=[23] size0=[0-9]* size1=$want_size boot=1"
echo "bootmeta-uml: $p passed, $f failed"
[ "$f" = 0 ]
