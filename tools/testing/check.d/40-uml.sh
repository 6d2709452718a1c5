#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# uml: suit.ko inside User-Mode Linux.
#
# Builds (or reuses) the UML kernel, suit.ko and its KUnit module (make
# module), libsuit, suitctl and the kselftest (make userspace-device), makes
# signed test envelopes on the host (tools/testing/uml/mkdata.sh), then boots
# UML once with mtdram (NOR) and nandsim (NAND, one bad block) loaded and
# runs, as init, tools/testing/uml/init-test.sh:
#   - the KUnit suites (KTAP parsed by the kernel's kunit.py),
#   - tools/testing/selftests/suit/suit_test (kselftest TAP),
#   - suitctl status / anchors / install steps (exit status),
#   - a kmemleak scan; every WARNING/BUG/Oops line in the kernel log and
#     every suspected leak counts as one failure.
# After each of these boots, tools/testing/uml/resume-suitctl.sh boots UML
# once more with an in-place component for suitctl install / resume across
# a power cut (fault_cut_after and a suit.ko reload), which must continue
# from the kernel's resume journal. UML_RESUME_JOURNAL=0 (a suit.ko without
# the journal, SUIT_CAP_RESUME) expects a rewrite from byte 0 instead.
# Then the same again on the KASAN kernel (kasan.config; suit.ko rebuilt
# against it in $B/uml-kasan-mod), without kmemleak.
# A module that does not build or load, a boot that does not finish, or a
# test binary that crashes counts as failures, never as skips.
#
# Logs: $B/check/uml/{plain,kasan}/ (console.log, out/dmesg.log,
# out/step-N.log, kunit.txt). Development knobs: UML_KBUILD=DIR (use that
# kernel and the suit.ko in kernel/ as they are), UML_KASAN=0 (no KASAN
# boot; counted as a skip), UML_TIMEOUT=S (per boot, default 900).
set -u
cd "$(dirname "$0")/../../.." || exit 1
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
export SRCTREE B
run=$B/check/uml
uml=$SRCTREE/tools/testing/uml
rm -rf "$run"
mkdir -p "$run"

passed=0; failed=0; skipped=0
pass() { passed=$((passed + 1)); echo "uml: ok: ${label:+$label: }$*"; }
fail() { failed=$((failed + ${2:-1})); echo "uml: FAIL: ${label:+$label: }$1"; }
finish() {
	if [ "$skipped" -gt 0 ]; then
		echo "uml: $passed passed, $failed failed, $skipped skipped"
	else
		echo "uml: $passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	exit
}
label=""

# --- build ------------------------------------------------------------
# UML_KBUILD=DIR (development only): use that kernel build as it is and the
# suit.ko already in kernel/, without taking the build lock.
if [ -n "${UML_KBUILD:-}" ]; then
	eval "$("$uml/kernel-env.sh")"
	KBUILD=$UML_KBUILD
elif ! eval "$("$uml/kernel-env.sh" --build 2> "$run/kernel-build.log")" ||
   [ ! -x "$KBUILD/linux" ]; then
	tail -n 30 "$run/kernel-build.log"
	fail "UML kernel build"
	finish
fi
echo "uml: kernel $KBUILD"
if ! grep -qx 'CONFIG_MTD_NAND_ECC_SW_HAMMING=y' "$KBUILD/.config"; then
	echo "uml: note: CONFIG_MTD_NAND_ECC_SW_HAMMING is not set in suit.config;" \
	     "nandsim cannot load and the NAND tests will fail"
fi

if [ -n "${UML_KBUILD:-}" ] && [ -f kernel/suit.ko ]; then
	pass "kernel/suit.ko present (UML_KBUILD: not rebuilt)"
elif make -s module > "$run/module.log" 2>&1 && [ -f kernel/suit.ko ]; then
	pass "make module"
else
	tail -n 40 "$run/module.log"
	fail "make module (kernel/suit.ko)"
	finish
fi

if make -s userspace-device > "$run/userspace.log" 2>&1; then
	pass "make userspace-device"
else
	tail -n 40 "$run/userspace.log"
	fail "make userspace-device"
	finish
fi

# suit-tool makes one of the envelopes (interoperability of the two
# implementations); without it that step fails.
if make -s suit-tool > "$run/suit-tool.log" 2>&1 && [ -x "$B/suit-tool" ]; then
	SUIT_TOOL=$B/suit-tool
	export SUIT_TOOL
else
	tail -n 20 "$run/suit-tool.log"
	fail "make suit-tool (the suit-tool interoperability step will fail too)"
fi
data=$run/data
if "$uml/mkdata.sh" "$data" > "$run/mkdata.log" 2>&1; then
	pass "test envelopes"
else
	cat "$run/mkdata.log"
	fail "test envelopes (mkdata.sh)"
	finish
fi
. "$data/params"

# --- what runs inside -------------------------------------------------
cat > "$run/steps" <<EOF
SUIT_TEST_DATA=$data $B/selftests/suit/suit_test
$B/suitctl status
$B/suitctl anchors list | grep -q '1 anchor'
$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/next.suit --payload $NEXT_URI=$data/mtdram/next.bin | grep 'install succeeded: sequence 30'
cmp -n $(stat -c %s "$data/mtdram/next.bin") /dev/\$(basename \$(dirname \$(grep -lx slot_a /sys/class/mtd/mtd*/name))) $data/mtdram/next.bin
$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/good.suit --payload $data/mtdram/image.bin; test \$? = 1
$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/integrated.suit | grep 'install succeeded: sequence 40'
cmp -n $(stat -c %s "$data/mtdram/integrated.bin") /dev/\$(basename \$(dirname \$(grep -lx slot_b /sys/class/mtd/mtd*/name))) $data/mtdram/integrated.bin
script -qfec "$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/bar.suit --payload $data/mtdram/bar.bin" /dev/null > /tmp/bar.txt; r=\$?; cat /tmp/bar.txt; test \$r = 0 && grep -q '100%.*MiB' /tmp/bar.txt && grep -q 'install succeeded: sequence 50' /tmp/bar.txt
$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/st.suit --payload https://fw.example/suit-tool.bin=$data/mtdram/st.bin | grep 'install succeeded: sequence 60'
cmp -n 300001 /dev/\$(basename \$(dirname \$(grep -lx slot_b /sys/class/mtd/mtd*/name))) $data/mtdram/st.bin
$B/suitctl install --state-dir /tmp/suit-state $data/mtdram/esp256.suit --payload $data/mtdram/esp256.bin | grep 'install succeeded: sequence 70'
cmp -n 50001 /dev/\$(basename \$(dirname \$(grep -lx slot_a /sys/class/mtd/mtd*/name))) $data/mtdram/esp256.bin
$B/suitctl anchors lock
! $B/suitctl anchors add $data/other-anchor.der
EOF
# boot_and_check LABEL KBUILD MODDIR KMEMLEAK(0/1): one UML boot running
# the KUnit modules of MODDIR/kernel/tests, suit.ko from MODDIR and every
# step, then the checks. Results go to $run/LABEL/.
boot_and_check() {
label=$1; kb=$2; moddir=$3; leak=$4
r=$run/$label
mkdir -p "$r/out"
kos=$(ls "$moddir"/kernel/tests/*.ko 2>/dev/null | tr '\n' ' ')
[ -n "$kos" ] || fail "$label: no KUnit test module in $moddir/kernel/tests/"
echo "uml: === $label boot ($kb)"
cat > "$r/env" <<EOF
SUIT_OUT=$r/out
SUIT_FLASH="mtdram nandsim"
MTDRAM_PARAMS="$MTDRAM_PARAMS"
NANDSIM_PARAMS="$NANDSIM_PARAMS"
SUIT_KO=$moddir/kernel/suit.ko
SUIT_KO_PARAMS=$(printf '%s' "$SUIT_KO_PARAMS" | sed "s/'/'\\\\''/g; s/^/'/; s/\$/'/")
SUIT_KUNIT_KOS="$kos"
SUIT_KMEMLEAK=$leak
SUIT_ANCHORS=$data/anchor.der
SUIT_STEPS=$run/steps
EOF

# --- boot -------------------------------------------------------------
t0=$(date +%s)
"$uml/boot.sh" -k "$kb" -t "${UML_TIMEOUT:-900}" -e "$r/env" \
	-i "$uml/init-test.sh" "$MTDPARTS" > "$r/console.log" 2>&1
rc=$?
echo "uml: $label boot took $(($(date +%s) - t0))s (exit $rc)"
if grep -q '^rig: done' "$r/out/rig.log" 2>/dev/null; then
	pass "UML boot ran to the end"
else
	tail -n 40 "$r/console.log"
	fail "UML boot did not finish (exit $rc; see $r/console.log)"
fi

# Module loads and anchor provisioning.
if [ -f "$r/out/rig.log" ]; then
	grep -E '^rig: (insmod|anchor)' "$r/out/rig.log" | while read -r l; do
		echo "$l"
	done
	n=$(grep -cE '^rig: insmod .* ok$|^rig: anchor .* added' "$r/out/rig.log")
	m=$(grep -cE '^rig: insmod .* FAILED$|^rig: anchor .* NOT added' "$r/out/rig.log")
	passed=$((passed + n))
	[ "$m" -eq 0 ] || fail "$m module loads or anchor additions failed" "$m"
fi

# --- KUnit --------------------------------------------------------------
dmesg=$r/out/dmesg.log
if [ -n "$kos" ] && [ -f "$dmesg" ]; then
	sed -n '/suit-rig: kunit begin/,/suit-rig: kunit end/p' "$dmesg" > "$r/kunit.raw"
	nsuites=$(grep -cE '^\[[ 0-9.]+\]     # Subtest:' "$r/kunit.raw")
	{
		echo "[    0.000000] KTAP version 1"
		echo "[    0.000000] 1..$nsuites"
		grep -v 'suit-rig: kunit' "$r/kunit.raw"
	} > "$r/kunit.ktap"
	/usr/bin/python3 "$KSRC/tools/testing/kunit/kunit.py" parse "$r/kunit.ktap" \
		> "$r/kunit.txt" 2>&1
	grep -E '\[(FAILED|CRASHED|SKIPPED)\]|ERROR|Testing complete' "$r/kunit.txt"
	line=$(grep 'Testing complete' "$r/kunit.txt" | tail -n 1)
	if [ -z "$line" ] || [ "$nsuites" -eq 0 ]; then
		fail "KUnit: no results parsed ($nsuites suites; see $r/kunit.txt)"
	else
		kp=$(echo "$line" | sed -nE 's/.*passed: ([0-9]+).*/\1/p')
		kf=$(echo "$line" | sed -nE 's/.*failed: ([0-9]+).*/\1/p')
		kc=$(echo "$line" | sed -nE 's/.*crashed: ([0-9]+).*/\1/p')
		ke=$(echo "$line" | sed -nE 's/.*errors: ([0-9]+).*/\1/p')
		ks=$(echo "$line" | sed -nE 's/.*skipped: ([0-9]+).*/\1/p')
		kbad=$((${kf:-0} + ${kc:-0} + ${ke:-0}))
		echo "kunit: ${kp:-0} passed, $kbad failed, ${ks:-0} skipped ($nsuites suites)"
		passed=$((passed + ${kp:-0}))
		[ "$kbad" -eq 0 ] || fail "KUnit: $kbad failed/crashed/errors" "$kbad"
		# A skipped KUnit case is not a pass; report it as a failure too,
		# so a skip cannot hide a missing feature.
		[ "${ks:-0}" -eq 0 ] || fail "KUnit: ${ks} skipped" "${ks}"
	fi
fi

# --- steps: the kselftest, then suitctl ------------------------------
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	log=$r/out/step-$i.log
	rcf=$r/out/step-$i.rc
	if [ ! -f "$rcf" ]; then
		fail "step $i did not run: $cmd"
		continue
	fi
	src=$(cat "$rcf")
	case $cmd in
	*suit_test)
		# kselftest TAP: top-level "ok N" / "not ok N" lines; the plan
		# "1..N" says how many there should be (missing = crashed).
		plan=$(sed -nE 's/^1\.\.([0-9]+)$/\1/p' "$log" | head -n 1)
		sp=$(grep -cE '^ok [0-9]+ ' "$log")
		sk=$(grep -cE '^ok [0-9]+ .*# SKIP' "$log")
		sf=$(grep -cE '^not ok [0-9]+ ' "$log")
		sp=$((sp - sk))
		grep -E '^not ok|^ok .*# SKIP|^# .*(Expected|FAIL|ERROR|timeout|suit_test.c:[0-9]+:)' "$log" | head -n 80
		echo "kselftest suit_test: $sp passed, $sf failed, $sk skipped (plan ${plan:-none}, exit $src)"
		passed=$((passed + sp))
		[ "$sf" -eq 0 ] || fail "kselftest: $sf failed" "$sf"
		[ "$sk" -eq 0 ] || fail "kselftest: $sk skipped" "$sk"
		if [ -z "$plan" ]; then
			fail "kselftest: no TAP plan (crashed?)"
		elif [ $((sp + sf + sk)) -ne "$plan" ]; then
			fail "kselftest: $((plan - sp - sf - sk)) tests missing" $((plan - sp - sf - sk))
		fi
		if [ "$src" -ne 0 ] && [ "$sf" -eq 0 ]; then
			fail "kselftest: exit status $src with no failed test"
		fi
		;;
	*)
		if [ "$src" -eq 0 ]; then
			pass "step $i: $cmd"
		else
			sed 's/^/    /' "$log" | tail -n 20
			fail "step $i (exit $src): $cmd"
		fi
		;;
	esac
done < "$run/steps"

# --- kernel health ----------------------------------------------------
if [ -f "$dmesg" ] && ! head -n 1 "$dmesg" | grep -q 'Linux version'; then
	fail "kernel log wrapped (log buffer too small): early messages not checked"
fi
if [ -f "$dmesg" ]; then
	nbad=$(grep -cE 'WARNING:|BUG:|Oops|UBSAN|list_(add|del) corruption|kmemleak: [0-9]+ new suspected' "$dmesg")
	if [ "$nbad" -eq 0 ]; then
		pass "kernel log has no WARNING/BUG/Oops"
	else
		grep -nE -A3 'WARNING:|BUG:|Oops|UBSAN|corruption|new suspected' "$dmesg" | head -n 60
		fail "kernel log: $nbad WARNING/BUG/Oops lines" "$nbad"
	fi
else
	fail "no kernel log"
fi
if [ "$leak" = 0 ]; then
	:	# no kmemleak in this kernel (KASAN build)
elif [ -f "$r/out/kmemleak.log" ]; then
	nleak=$(grep -c '^unreferenced object' "$r/out/kmemleak.log")
	if [ "$nleak" -eq 0 ]; then
		pass "kmemleak: no leaks"
	else
		head -n 60 "$r/out/kmemleak.log"
		fail "kmemleak: $nleak suspected leaks" "$nleak"
	fi
else
	fail "no kmemleak report"
fi

}

# resume_check LABEL KBUILD MODDIR: tools/testing/uml/resume-suitctl.sh
# (its own boot; results in $run/LABEL-resume/).
resume_check() {
	set -- "$run/$1-resume" "$2" "$3"
	[ "${UML_RESUME_JOURNAL:-1}" = 1 ] || set -- --no-journal "$@"
	out=$(sh "$uml/resume-suitctl.sh" "$@" 2>&1)
	echo "$out"
	line=$(echo "$out" | sed -nE 's/^resume: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' | tail -n 1)
	if [ -z "$line" ]; then
		fail "resume-suitctl.sh gave no result"
		return
	fi
	passed=$((passed + ${line% *}))
	[ "${line#* }" -eq 0 ] || fail "resume-suitctl.sh: ${line#* } failed" "${line#* }"
}

boot_and_check plain "$KBUILD" "$SRCTREE" 1
label=""
resume_check plain "$KBUILD" "$SRCTREE"

# --- the same under KASAN (tools/testing/uml/kasan.config) ---------------
# suit.ko and its KUnit module are rebuilt against the KASAN kernel in a
# copy of the sources (an M= build writes next to them). UML_KASAN=0 skips
# this boot (development only; it is counted as one skip).
if [ "${UML_KASAN:-1}" = 0 ]; then
	skipped=$((skipped + 1))
	echo "uml: KASAN boot skipped (UML_KASAN=0)"
elif ! kkb=$("$uml/build-kernel.sh" "$uml/kasan.config" 2> "$run/kasan-build.log") ||
     [ ! -x "$kkb/linux" ]; then
	tail -n 30 "$run/kasan-build.log"
	fail "KASAN UML kernel build"
else
	km=$B/uml-kasan-mod
	rm -rf "$km"
	mkdir -p "$km"
	tar -cf - --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude=modules.order \
		--exclude=Module.symvers Kbuild kernel lib include | tar -xf - -C "$km"
	if make -s -C "$KSRC" O="$kkb" ARCH=um M="$km" modules > "$run/kasan-module.log" 2>&1 &&
	   [ -f "$km/kernel/suit.ko" ]; then
		pass "suit.ko built against the KASAN kernel"
		boot_and_check kasan "$kkb" "$km" 0
		label=""
		resume_check kasan "$kkb" "$km"
	else
		tail -n 40 "$run/kasan-module.log"
		fail "suit.ko build against the KASAN kernel"
	fi
fi

finish
