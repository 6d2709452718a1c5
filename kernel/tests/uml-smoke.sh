#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot the UML kernel with mtdram (or nandsim with a bad block), load
# suit.ko and suit_kunit.ko, and drive /dev/suit through real installs:
# A/B install, rollback replay, A/B flip, bad digest, cancel, a second
# session on a busy component, keyring lock.
#
#   kernel/tests/uml-smoke.sh [--nand]
#
# Needs `make module` first. Prints "kernel-smoke: N passed, M failed"
# and exits non-zero on a failure.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
eval "$("$top/tools/testing/uml/kernel-env.sh")"
nand=0
[ "${1:-}" = "--nand" ] && nand=1
[ -f "$top/kernel/suit.ko" ] || { echo "uml-smoke: build suit.ko first (make module)" >&2; exit 1; }

w=$(mktemp -d /tmp/suit-smoke.XXXXXX)
trap 'rm -rf "$w"' EXIT
gcc -O2 -Wall -I "$top/include/uapi" -o "$w/suit_drive" "$top/kernel/tests/suit_drive.c"
python3 "$top/kernel/tests/mkenv.py" "$w/e1" --seq 1 --size 300000 >/dev/null
cp -r "$w/e1" "$w/e2"
python3 "$top/kernel/tests/mkenv.py" "$w/e2" --seq 2 --size 200000 --reuse-key >/dev/null
cp -r "$w/e1" "$w/e3"
python3 "$top/kernel/tests/mkenv.py" "$w/e3" --seq 3 --size 1000 --reuse-key --bad-digest >/dev/null
cp -r "$w/e1" "$w/e4"
python3 "$top/kernel/tests/mkenv.py" "$w/e4" --seq 4 --size 500000 --reuse-key >/dev/null

ids="vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45"
if [ $nand = 1 ]; then
	# 16 KiB blocks, 512 B pages: 64-block (1 MiB) partitions; block 66,
	# the third block of slot 1, is bad
	flash="insmod $KBUILD/drivers/mtd/nand/raw/nandsim.ko parts=64,64,64 badblocks=66"
	p="NAND simulator partition"
	params="$ids 'components=\"814100:$p 0,$p 1\"' 'meta=\"$p 2\"'"
	comps="814100:$p 0,$p 1"
	slot1=/dev/mtd1
	cmpslots=0
else
	flash="insmod $KBUILD/drivers/mtd/devices/mtdram.ko total_size=4096 erase_size=64"
	params="$ids"
	comps="814100:slot_a,slot_b"
	slot1=/dev/mtd1
	cmpslots=1
fi
parts='mtdparts="mtdram test device:1M(slot_a),1M(slot_b),-(meta)"'

cat > "$w/init.sh" <<EOF
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev 2>/dev/null
D=$w/suit_drive
S=/sys/class/misc/suit
t() { if [ "\$1" = "\$2" ]; then echo "SMOKE PASS \$3"; else echo "SMOKE FAIL \$3: got '\$1' want '\$2'"; fi; }
$flash
cat /proc/mtd
insmod $KBUILD/lib/kunit/kunit.ko enable=1
insmod $top/kernel/suit.ko $params
t "\$(cat \$S/components)" "$comps" components
insmod $top/kernel/tests/suit_kunit.ko
\$D info
\$D addkey asymmetric "" $w/e1/key.der >/dev/null; t \$? 0 add-anchor
\$D install $w/e1/env.suit 4096 > $w/o1; t \$? 0 install-1
t "\$(cat \$S/active_slots) \$(cat \$S/valid_slots) \$(cat \$S/sequence)" "1 0x2 1" state-after-1
if [ $cmpslots = 1 ]; then cmp -n 300000 $slot1 $w/e1/payload.bin; t \$? 0 slot1-content; fi
\$D install $w/e1/env.suit > $w/o2; t \$? 2 replay-rejected
grep -q "error -116" $w/o2; t \$? 0 replay-estale
\$D install $w/e2/env.suit 100000 > $w/o3; t \$? 0 install-2-flip
t "\$(cat \$S/active_slots) \$(cat \$S/valid_slots) \$(cat \$S/sequence)" "0 0x3 2" state-after-2
if [ $cmpslots = 1 ]; then cmp -n 300000 $slot1 $w/e1/payload.bin; t \$? 0 old-slot-untouched; fi
\$D install $w/e3/env.suit > $w/o4; t \$? 2 bad-digest-rejected
grep -q "reason 10" $w/o4; t \$? 0 bad-digest-condition-failed
t "\$(cat \$S/active_slots) \$(cat \$S/sequence)" "0 2" state-after-bad
\$D cancel $w/e4/env.suit > $w/o5; t \$? 2 cancel
grep -q "error -125" $w/o5; t \$? 0 cancel-ecanceled
\$D install $w/e4/env.suit 65536 65536 3 > $w/o6 &
sleep 1
\$D install $w/e4/env.suit > $w/o7; t \$? 2 busy-second-session
grep -q "error -16" $w/o7; t \$? 0 busy-ebusy
wait \$!; t \$? 0 install-4-after-busy
t "\$(cat \$S/active_slots) \$(cat \$S/sequence)" "1 4" state-after-4
keyctl restrict_keyring \$(cat /sys/module/suit/parameters/keyring_serial) 2>/dev/null
\$D addkey user suit:es256:default $w/e1/pub.raw >/dev/null 2>&1; t \$? 1 keyring-locked
\$D info | grep -q "flags 0x2"; t \$? 0 info-locked-flag
rmmod suit_kunit; rmmod suit; t \$? 0 rmmod
for f in $w/o*; do echo "== \$f"; cat \$f; done
poweroff -f
EOF
chmod +x "$w/init.sh"
timeout 300 "$KBUILD/linux" mem=384M rootfstype=hostfs rootflags=/ rw \
	init="$w/init.sh" con=null con0=fd:0,fd:1 "$parts" </dev/null \
	>"$w/log" 2>&1 || true
cp "$w/log" /tmp/suit-smoke.log
grep -E "SMOKE|^\[.*\] (    )?(not )?ok |BUG|WARNING|Oops" "$w/log" || true
pass=$(grep -c "SMOKE PASS" "$w/log" || true)
fail=$(grep -c "SMOKE FAIL" "$w/log" || true)
kpass=$(grep -cE "^\[.*\]     ok " "$w/log" || true)
kfail=$(grep -cE "^\[.*\]     not ok " "$w/log" || true)
bad=$(grep -cE "BUG:|WARNING:|Oops|kernel BUG" "$w/log" || true)
pass=$((pass + kpass))
fail=$((fail + kfail + bad))
[ "$pass" -gt 0 ] || fail=$((fail + 1))
echo "kernel-smoke: $pass passed, $fail failed"
[ "$fail" = 0 ]
