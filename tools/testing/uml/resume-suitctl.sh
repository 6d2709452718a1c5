#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# suitctl install / resume of an in-place component, in its own UML boot
# (called by tools/testing/check.d/40-uml.sh; the main boot's flash has no
# in-place slot, and this one reloads suit.ko, which would disturb it).
#
#   resume-suitctl.sh [--no-journal] RUNDIR KBUILD MODDIR
#
# MODDIR/kernel/suit.ko is tested on the UML kernel KBUILD; $B/suitctl is
# the suitctl under test. Results go to RUNDIR (console.log, out/). Prints
# "resume: ok: ..." / "resume: FAIL: ..." lines and last
# "resume: P passed, F failed". Inside UML (init-test.sh runs each step
# as `resume-suitctl.sh step NAME`):
#
#   - resume with no record says "nothing to resume" (exit 0);
#   - an install whose payload file is missing fails, names the file and
#     its error and keeps its record; resume retries it and fails the same
#     way;
#   - an envelope the device refuses (bad signature) leaves that record as
#     it was;
#   - an install that succeeds (its flash operations counted) replaces
#     the record and then removes it; the slot holds its image;
#   - an install with the power cut after half of its flash operations
#     (fault_cut_after) fails and keeps its record; suit.ko is reloaded
#     (the reboot) and status reports the interrupted install;
#   - an install of it with a payload file shorter than the resume point
#     fails naming the file, and changes nothing;
#   - resume succeeds: it says "resuming at byte N of SIZE" with N > 0,
#     writes exactly SIZE - N payload bytes, removes the record, and the
#     slot holds the image;
#   - resume again: nothing to resume, status clean.
#
# --no-journal: for a suit.ko without the resume journal (no
# SUIT_CAP_RESUME; 40-uml.sh with UML_RESUME_JOURNAL=0): status must then
# say "`suitctl resume` installs it again" and resume rewrites the whole
# image (no "resuming at byte" line, SIZE bytes written); the short-file
# step only expects the install to fail. On a kernel with the journal
# this mode fails.
set -u

here=$(cd "$(dirname "$0")" && pwd)
P=/sys/module/suit/parameters
# Larger than 2 MiB: the kernel journals a write at most every
# resume_every_kib (default 1024), so the cut after half of the flash
# operations falls after the first journal entry.
SIZE=2500007
URI=https://fw.example/inplace.bin

# --- inside UML -------------------------------------------------------
if [ "${1:-}" = step ]; then
	# shellcheck disable=SC1090
	. "$SUIT_ENV"
	ST=/tmp/suit-state
	D=$RS_DATA
	ctl() { "$RS_SUITCTL" "$@" --state-dir "$ST"; }
	slot_dev() {
		for m in /sys/class/mtd/mtd*; do
			case $m in *ro) continue ;; esac
			[ "$(cat "$m/name")" = inplace ] && { echo "/dev/${m##*/}"; return; }
		done
	}
	set -x
	case $2 in
	nothing-first)
		ctl resume > /tmp/o; r=$?; cat /tmp/o
		[ $r = 0 ] && grep -qx 'suitctl: nothing to resume' /tmp/o && [ ! -e "$ST" ]
		;;
	install-ok)
		echo 0 > $P/fault_ops &&
		ctl install "$D/warm.suit" --payload "$D/warm.bin" > /tmp/o; r=$?; cat /tmp/o
		cat $P/fault_ops > /tmp/ops; echo "flash operations: $(cat /tmp/ops)"
		[ $r = 0 ] && grep -q 'install succeeded: sequence 1,' /tmp/o &&
			[ -d "$ST" ] && [ ! -e "$ST/pending" ] && [ ! -e "$ST/pending.prev" ] &&
			grep -q ' interrupted=0x0' $P/boot_state &&
			cmp -n $SIZE "$(slot_dev)" "$D/warm.bin"
		;;
	fetch-fails)
		ctl install "$D/image.suit" --payload "$URI=$D/missing.bin" > /tmp/o 2>&1; r=$?
		cat /tmp/o
		[ $r = 1 ] && grep -qF "fetch 1 ($URI): $D/missing.bin: No such file or directory" /tmp/o &&
			grep -q 'install FAILED' /tmp/o && [ -f "$ST/pending" ] || exit 1
		ctl status > /tmp/s; cat /tmp/s
		grep -q "^pending: *$D/image.suit (saved in $ST/pending)" /tmp/s || exit 1
		ctl resume > /tmp/o 2>&1; r=$?; cat /tmp/o
		[ $r = 1 ] && grep -q "resuming the install of $D/image.suit" /tmp/o &&
			grep -qF "fetch 1 ($URI): $D/missing.bin: No such file or directory" /tmp/o &&
			[ -f "$ST/pending" ]
		;;
	refused)
		# the pending record of image.suit stays as it was
		cp "$ST/pending" /tmp/pending.before || exit 1
		ctl install "$D/badsig.suit" --payload "$D/image.bin" > /tmp/o; r=$?; cat /tmp/o
		[ $r = 1 ] && grep -q 'install FAILED: reason unauthorised' /tmp/o &&
			cmp "$ST/pending" /tmp/pending.before && [ ! -e "$ST/pending.prev" ]
		;;
	cut)
		ops=$(cat /tmp/ops) && [ "$ops" -gt 4 ] &&
		echo 0 > $P/fault_ops && echo $((ops / 2)) > $P/fault_cut_after &&
		ctl install "$D/image.suit" --payload "$URI=$D/image.bin" > /tmp/o 2>&1; r=$?
		cat /tmp/o; cat $P/boot_state
		[ $r = 1 ] && grep -q 'install FAILED' /tmp/o && [ -f "$ST/pending" ] &&
			grep -q "kept in $ST/pending: .suitctl resume. tries it again" /tmp/o
		;;
	reboot)
		rmmod suit &&
		eval "insmod \"\$SUIT_KO\" ${SUIT_KO_PARAMS:-}" &&
		keyctl padd asymmetric "" "$(cat $P/keyring_serial)" < "$D/anchor.der" &&
		cat $P/boot_state
		;;
	status)
		ctl status > /tmp/s; r=$?; cat /tmp/s
		if [ "$RS_JOURNAL" = 1 ]; then
			want='interrupted: `suitctl resume` continues it'
			grep -q '^boot: .* resumable=0x1$' /tmp/s || r=9
		else
			want='interrupted: `suitctl resume` installs it again'
			grep -q '^boot: .* interrupted=0x1$' /tmp/s || r=9
		fi
		[ $r = 0 ] && grep -qF "an in-place install was $want" /tmp/s &&
			grep -q "^pending: *$D/image.suit" /tmp/s
		;;
	short)
		# a payload file shorter than where the write resumes: the fetch
		# fails naming it, no byte is written, the journal stays (other
		# state dir: the pending record stays as it is)
		head -c 1000 "$D/image.bin" > /tmp/short.bin
		"$RS_SUITCTL" install "$D/image.suit" --payload "$URI=/tmp/short.bin" \
			--state-dir /tmp/other-state > /tmp/o 2>&1; r=$?; cat /tmp/o
		if [ "$RS_JOURNAL" = 1 ]; then
			grep -qE "^suitctl: fetch 1 \($URI\): /tmp/short.bin: cannot resume at byte [1-9][0-9]*: the resource is shorter$" /tmp/o &&
				grep -q 'resumable=0x1$' $P/boot_state || r=9
		fi
		[ $r = 1 ] && grep -q 'install FAILED' /tmp/o &&
			ctl status | grep -q "^pending: *$D/image.suit"
		;;
	resume)
		ctl resume > /tmp/o 2>&1; r=$?; cat /tmp/o
		n=$(sed -nE "s/^suitctl: resuming at byte ([0-9]+) of $SIZE \(kept from an interrupted install\)$/\1/p" /tmp/o)
		w=$(sed -nE 's/^suitctl: install succeeded: sequence 2, ([0-9]+) payload bytes$/\1/p' /tmp/o)
		echo "resumed at: ${n:-none}; written: ${w:-none}"
		[ "$RS_JOURNAL" = 1 ] || [ -z "$n" ] || r=9
		[ "$RS_JOURNAL" = 1 ] || n=0
		[ $r = 0 ] && [ -n "$n" ] && [ -n "$w" ] &&
			{ [ "$RS_JOURNAL" = 0 ] || [ "$n" -gt 0 ]; } &&
			[ $((n + w)) = $SIZE ] && [ ! -e "$ST/pending" ] &&
			cmp -n $SIZE "$(slot_dev)" "$D/image.bin"
		;;
	nothing-after)
		ctl resume > /tmp/o; r=$?; cat /tmp/o
		ctl status > /tmp/s; cat /tmp/s
		[ $r = 0 ] && grep -qx 'suitctl: nothing to resume' /tmp/o &&
			! grep -q 'interrupted:\|^pending:' /tmp/s &&
			grep -q '^boot: .* interrupted=0x0' /tmp/s
		;;
	*)
		echo "unknown step $2"
		false
		;;
	esac
	exit
fi

# --- on the host ------------------------------------------------------
journal=1
if [ "${1:-}" = --no-journal ]; then
	journal=0
	shift
fi
[ $# = 3 ] || { echo "usage: resume-suitctl.sh [--no-journal] RUNDIR KBUILD MODDIR" >&2; exit 2; }
run=$1; kb=$2; moddir=$3
SRCTREE=${SRCTREE:-$(cd "$here/../../.." && pwd)}
B=${B:-$SRCTREE/build}
passed=0; failed=0
pass() { passed=$((passed + 1)); echo "resume: ok: $*"; }
fail() { failed=$((failed + 1)); echo "resume: FAIL: $*"; }
finish() { echo "resume: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

rm -rf "$run"
d=$run/data
mkdir -p "$d" "$run/out"
mk="/usr/bin/python3 $here/mkenvelope.py"
VENDOR=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe
CLASS=1492af14-2569-5e48-bf42-9b2d51f2ab45
ids="--vendor-id $VENDOR --class-id $CLASS --component 01"
if ! {
	$mk keygen -o "$d/key.pem" &&
	$mk cert --key "$d/key.pem" -o "$d/anchor.der" --kid-out "$d/kid.hex" &&
	$mk keygen -o "$d/other.pem" &&
	head -c $SIZE /dev/urandom > "$d/warm.bin" &&
	head -c $SIZE /dev/urandom > "$d/image.bin" &&
	$mk envelope --key "$d/key.pem" --seq 1 $ids --image "$d/warm.bin" \
		--uri https://fw.example/warm.bin -o "$d/warm.suit" &&
	$mk envelope --key "$d/key.pem" --seq 2 $ids --image "$d/image.bin" \
		--uri $URI -o "$d/image.suit" &&
	$mk envelope --key "$d/other.pem" --kid "$(cat "$d/kid.hex")" --seq 3 $ids \
		--image "$d/image.bin" --uri $URI -o "$d/badsig.suit"
} > "$run/mkdata.log" 2>&1; then
	cat "$run/mkdata.log"
	fail "test envelopes"
	finish
fi
[ -x "$B/suitctl" ] || { fail "no $B/suitctl (make suitctl)"; finish; }
[ -f "$moddir/kernel/suit.ko" ] || { fail "no $moddir/kernel/suit.ko"; finish; }

steps="nothing-first fetch-fails refused install-ok cut reboot status short resume nothing-after"
for s in $steps; do
	echo "$here/resume-suitctl.sh step $s"
done > "$run/steps"
cat > "$run/env" <<EOF
SUIT_OUT=$run/out
SUIT_FLASH=mtdram
MTDRAM_PARAMS="total_size=4096 erase_size=16"
SUIT_KO=$moddir/kernel/suit.ko
SUIT_KO_PARAMS='vendor_id=$VENDOR class_id=$CLASS meta=meta components=814101:inplace'
SUIT_ANCHORS=$d/anchor.der
SUIT_STEPS=$run/steps
RS_DATA=$d
RS_SUITCTL=$B/suitctl
RS_JOURNAL=$journal
EOF
t0=$(date +%s)
"$here/boot.sh" -k "$kb" -t "${UML_TIMEOUT:-900}" -e "$run/env" -i "$here/init-test.sh" \
	'mtdparts="mtdram test device:3M(inplace),-(meta)"' > "$run/console.log" 2>&1
rc=$?
echo "resume: boot took $(($(date +%s) - t0))s (exit $rc)"
if grep -q '^rig: done' "$run/out/rig.log" 2>/dev/null; then
	pass "UML boot ran to the end"
else
	tail -n 30 "$run/console.log"
	fail "UML boot did not finish (exit $rc; see $run/console.log)"
fi
if grep -qE '^rig: insmod suit.ko ok$' "$run/out/rig.log" 2>/dev/null &&
   grep -qE '^rig: anchor .* added' "$run/out/rig.log"; then
	pass "suit.ko loaded with an in-place component, anchor added"
else
	fail "suit.ko load or anchor (see $run/out/rig.log)"
fi
i=0
for s in $steps; do
	i=$((i + 1))
	if [ ! -f "$run/out/step-$i.rc" ]; then
		fail "step $s did not run"
	elif [ "$(cat "$run/out/step-$i.rc")" = 0 ]; then
		pass "step $s"
	else
		grep -v '^+' "$run/out/step-$i.log" | sed 's/^/    /' | tail -n 20
		fail "step $s (exit $(cat "$run/out/step-$i.rc"); see $run/out/step-$i.log)"
	fi
done
dmesg=$run/out/dmesg.log
if [ ! -f "$dmesg" ]; then
	fail "no kernel log"
elif grep -qE 'WARNING:|BUG:|Oops|UBSAN|list_(add|del) corruption' "$dmesg"; then
	grep -nE -A3 'WARNING:|BUG:|Oops|UBSAN|corruption' "$dmesg" | head -n 40
	fail "kernel log has WARNING/BUG/Oops lines"
else
	pass "kernel log has no WARNING/BUG/Oops"
fi
if [ -f "$run/out/kmemleak.log" ]; then
	n=$(grep -c '^unreferenced object' "$run/out/kmemleak.log")
	if [ "$n" -eq 0 ]; then
		pass "kmemleak: no leaks"
	else
		head -n 40 "$run/out/kmemleak.log"
		fail "kmemleak: $n suspected leaks"
	fi
fi
finish
