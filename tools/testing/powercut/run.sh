#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Power-cut sweep of suit.ko in UML: for an A/B install ("ab"), an in-place
# install ("ip") and an atomic two-component install ("at"), cut the power
# at every flash operation in turn (fault_cut_after=k: operation k+1 and
# every later one fail, the module stops touching flash), boot again
# (reload suit.ko: the flash, an mtdram device, keeps its content) and
# check that the device runs a complete old or a complete new image,
# reports which, and accepts the next update. An in-place install cut
# mid-way has no old image left: the device reports it interrupted, the
# same envelope submitted again continues it from the journal, and then
# it must run the complete new image ("resumed@OFFSET"). Then the boot protocol
# (trial boot, confirm, rollback) and NAND bad blocks / bit flips.
#
#   run.sh [--sample K] [--scen "ab ip at"] [--no-proto] [--no-nand]
#
# --sample K: only every K-th cut point (plus the last two) of each sweep.
# Needs `make module`. Last line: "cut points: N, failed: M" (protocol
# and NAND checks count as failed cut points too when they fail).
set -eu

top=$(cd "$(dirname "$0")/../../.." && pwd)
eval "$("$top/tools/testing/uml/kernel-env.sh")"
sample=0
scen="ab ip at"
proto=1
nand=1
while [ $# -gt 0 ]; do
	case $1 in
	--sample) sample=$2; shift ;;
	--scen) scen=$2; shift ;;
	--no-proto) proto=0 ;;
	--no-nand) nand=0 ;;
	*) echo "usage: run.sh [--sample K] [--scen LIST] [--no-proto] [--no-nand]" >&2; exit 2 ;;
	esac
	shift
done
[ -f "$top/kernel/suit.ko" ] || { echo "powercut: build suit.ko first (make module)" >&2; exit 1; }
[ -x "$KBUILD/linux" ] || { echo "powercut: no UML kernel in $KBUILD" >&2; exit 1; }

w=$(mktemp -d /tmp/suit-powercut.XXXXXX)
trap 'rm -rf "$w"' EXIT
# a private copy: other builds may replace kernel/suit.ko meanwhile
cp "$top/kernel/suit.ko" "$w/suit.ko"
gcc -O2 -Wall -I "$top/include/uapi" -o "$w/suit_drive" "$top/kernel/tests/suit_drive.c"
gcc -O2 -Wall -I "$top/tools/bootmeta" -o "$w/suit-bootmeta" \
	"$top/tools/bootmeta/suit_bootmeta.c" "$top/tools/bootmeta/bootmeta_dump.c"
mk="$top/tools/testing/powercut/mkenv_multi.py"
python3 "$top/kernel/tests/mkenv.py" "$w/key" --size 16 >/dev/null
cp "$w/key/key.der" "$w/key.der"

# env NAME SEQ COMPINDEX:HEXID:SIZE...
env() {
	d=$w/$1 s=$2
	shift 2
	mkdir -p "$d"
	cp "$w/key/key.pem" "$w/key/key.der" "$w/key/kid.hex" "$d/"
	args="" i=0
	: > "$d/map"
	for c in "$@"; do
		args="$args --comp ${c#*:}"
		echo "$i ${c%%:*}" >> "$d/map"
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	python3 "$mk" "$d" --seq "$s" --reuse-key $args >/dev/null
	echo "$s" > "$d/seq"
}
env ab-1 1 0:814100:150000
env ab-2 2 0:814100:120000
env ab-3 3 0:814100:90000
env ab-4 12 0:814100:50000
env ip-1 1 1:814101:150000
env ip-2 2 1:814101:120000
env ip-3 3 1:814101:90000
env at-1 1 0:814100:100000 2:8241004101:60000
env at-2 2 0:814100:80000 2:8241004101:70000
env at-3 3 0:814100:60000 2:8241004101:50000
env pa-1 10 0:814100:40000 2:8241004101:30000
env pa-2 11 0:814100:35000 2:8241004101:25000
env nd-1 1 0:814100:300000
env nd-2 2 0:814100:250000

cat > "$w/env" <<EOF
W=$w
TOP=$top
KBUILD=$KBUILD
SAMPLE=$sample
SCEN="$scen"
PROTO=$proto
NAND=$nand
cat > "$w/env" <<EOF
W=$w
TOP=$top
KBUILD=$KBUILD
SAMPLE=$sample
SCEN="$scen"
PROTO=$proto
NAND=$nand
EOF
start=$(date +%s)
"$top/tools/testing/uml/boot.sh" -t 1500 -m 256M -e "$w/env" \
	-i "$top/tools/testing/powercut/guest.sh" \
	'mtdparts="mtdram test device:768k(slot_a),768k(slot_b),768k(inplace),512k(slot_c),512k(slot_d),-(meta)"' \
	>"$w/log" 2>&1 || true
[ -z "${POWERCUT_LOG:-}" ] || cp "$w/log" "$POWERCUT_LOG"
grep -E '^PC ' "$w/log" | grep -v '^PC DONE' || true
ncut=$(grep -c '^PC CUT ' "$w/log" || true)
fcut=$(grep -c '^PC CUT .* FAIL' "$w/log" || true)
ninterrupted=$(grep -c '^PC CUT .* ok resumed@' "$w/log" || true)
nfromoff=$(grep -c '^PC CUT .* ok resumed@[1-9]' "$w/log" || true)
nold=$(grep -c '^PC CUT .* ok old[^+]*$' "$w/log" || true)
nabres=$(grep -c '^PC CUT .* ok old+resumed@[1-9]' "$w/log" || true)
nnew=$(grep -c '^PC CUT .* ok new' "$w/log" || true)
done_line=$(grep '^PC DONE' "$w/log" || true)
if [ -z "$done_line" ]; then
	echo "powercut: the UML run did not finish; log tail:"
	tail -30 "$w/log"
	fcut=$((fcut + 1))
fi
pf=$(grep -c '^PC FAIL' "$w/log" || true)
pp=$(grep -c '^PC PASS' "$w/log" || true)
for s in $scen; do
	grep -q "^PC OPS $s [1-9]" "$w/log" ||
		{ echo "powercut: no operations counted for $s"; fcut=$((fcut + 1)); }
done
# the in-place sweep must show resumes that start past byte 0
case " $scen " in *" ip "*)
	[ "$nfromoff" -gt 0 ] ||
		{ echo "powercut: no in-place install resumed from a journaled offset"; fcut=$((fcut + 1)); }
esac
echo "powercut: $nold old, $nnew new, $ninterrupted in-place interrupted and resumed" \
	"($nfromoff from a journaled offset), $nabres old then resumed from an offset;" \
	"protocol/NAND checks: $pp passed, $pf failed; $(($(date +%s) - start)) s"
echo "cut points: $ncut, failed: $((fcut + pf))"
[ $((fcut + pf)) -eq 0 ]
