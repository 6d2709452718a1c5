#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Init (PID 1) of a linux-suit UML test boot. Runs INSIDE UML, on the host's
# / mounted read-only through hostfs. Configured by the file named in
# $SUIT_ENV (sourced; written by the host side, e.g. check.d/40-uml.sh):
#
#   SUIT_OUT          host dir mounted read-write at /tmp/out (results go there)
#   SUIT_FLASH        "mtdram", "nandsim", "mtdram nandsim" or "" (no flash)
#   MTDRAM_PARAMS     mtdram.ko parameters (total_size=KiB erase_size=KiB)
#   NANDSIM_PARAMS    nandsim.ko parameters (id bytes, parts=, badblocks=)
#   SUIT_KO           suit.ko to load ("" = none), SUIT_KO_PARAMS its params
#                     (shell words, eval'ed: quote values with spaces)
#   SUIT_KUNIT_KOS    KUnit test modules, loaded after suit.ko
#   SUIT_ANCHORS      DER certificates to add to the suit keyring
#   SUIT_STEPS        file of shell commands, one test step per line;
#                     step N's stdout+stderr go to /tmp/out/step-N.log
#   SUIT_KMEMLEAK     1 (default) to run a kmemleak scan at the end
#
# Everything the host needs is written under /tmp/out:
#   dmesg.log         the full kernel log at the end (KUnit output between
#                     "suit-rig: kunit begin" and "suit-rig: kunit end")
#   step-N.log, step-N.rc
#   kmemleak.log      the kmemleak report (empty when clean)
#   rig.log           what this script did; ends with "rig: done"
# and the machine is powered off. Nothing here decides pass/fail: the host
# parses the files, so a crash of this script shows up as missing files.

PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs -o size=8m run /run
# The checkout may live under /tmp on the host (CI clones it anywhere):
# keep that tree reachable at the same path once /tmp is a tmpfs.
# The same holds for the kernel build (SUIT_CACHE may point under /tmp).
keep=""
for kp in "${SUIT_ENV:-}" "${SUIT_KBUILD:-}"; do
	case "$kp" in
	/tmp/?*/*) keep="$keep /tmp/$(echo "${kp#/tmp/}" | cut -d/ -f1)" ;;
	esac
done
if [ -n "$keep" ]; then
	mkdir -p /run/host-tmp
	mount --bind /tmp /run/host-tmp
fi
mount -t tmpfs -o size=64m tmp /tmp
for k in $keep; do
	if [ ! -d "$k" ]; then
		mkdir -p "$k"
		mount --bind "/run/host-tmp/${k#/tmp/}" "$k"
	fi
done
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mkdir -p /tmp/out

halt_now() {
	sync
	poweroff -f
	# Not reached unless poweroff failed; exiting init panics UML, which
	# also stops it.
	exit 1
}

if [ -z "${SUIT_ENV:-}" ] || [ ! -r "$SUIT_ENV" ]; then
	echo "init-test: SUIT_ENV not set or unreadable ($SUIT_ENV)"
	halt_now
fi
# shellcheck disable=SC1090
. "$SUIT_ENV"

if [ -n "${SUIT_OUT:-}" ]; then
	mount -t hostfs -o "$SUIT_OUT" host-out /tmp/out ||
		echo "init-test: cannot mount $SUIT_OUT"
fi
log=/tmp/out/rig.log
: > "$log"
say() {
	echo "rig: $*" | tee -a "$log"
}

K=$SUIT_KBUILD
kmod() {
	# kmod PATH [PARAMS...]: insmod, logging the result.
	if insmod "$@" >> "$log" 2>&1; then
		say "insmod $(basename "$1") ok"
	else
		say "insmod $(basename "$1") FAILED"
	fi
}

# kmemleak: forget everything allocated during boot.
if [ "${SUIT_KMEMLEAK:-1}" = 1 ] && [ -w /sys/kernel/debug/kmemleak ]; then
	echo clear > /sys/kernel/debug/kmemleak
fi

# CONFIG_KUNIT_DEFAULT_ENABLED is off: enable it, or suites do not run.
kmod "$K/lib/kunit/kunit.ko" enable=1
for f in ${SUIT_FLASH:-}; do
	case $f in
	mtdram)  kmod "$K/drivers/mtd/devices/mtdram.ko" ${MTDRAM_PARAMS:-} ;;
	nandsim) kmod "$K/drivers/mtd/nand/raw/nandsim.ko" ${NANDSIM_PARAMS:-} ;;
	esac
done
cat /proc/mtd >> "$log" 2>&1

# SUIT_KO_PARAMS is shell-quoted (eval): a value with spaces must reach the
# kernel as name="a b", quotes included.
if [ -n "${SUIT_KO:-}" ]; then
	eval "kmod \"\$SUIT_KO\" ${SUIT_KO_PARAMS:-}"
	cat /sys/class/misc/suit/components >> "$log" 2>&1
fi

# Trust anchors, into the keyring the module exports.
for c in ${SUIT_ANCHORS:-}; do
	ring=$(cat /sys/module/suit/parameters/keyring_serial 2>/dev/null)
	if [ -n "$ring" ] && keyctl padd asymmetric "" "$ring" < "$c" >> "$log" 2>&1; then
		say "anchor $(basename "$c") added to keyring $ring"
	else
		say "anchor $(basename "$c") NOT added (keyring '$ring')"
	fi
done

# KUnit: suites run on insmod (before the module's own init). Markers go
# through /dev/kmsg so the host can cut the suites' KTAP out of dmesg.log;
# the host writes the top-level "KTAP version 1" / "1..N" header with N =
# the number of "# Subtest:" lines between the markers.
if [ -n "${SUIT_KUNIT_KOS:-}" ]; then
	echo "suit-rig: kunit begin" > /dev/kmsg
	for m in $SUIT_KUNIT_KOS; do
		kmod "$m"
	done
	echo "suit-rig: kunit end" > /dev/kmsg
fi

# Test steps.
i=0
if [ -n "${SUIT_STEPS:-}" ] && [ -r "$SUIT_STEPS" ]; then
	while IFS= read -r cmd; do
		case $cmd in ''|'#'*) continue ;; esac
		i=$((i + 1))
		say "step $i: $cmd"
		sh -c "$cmd" > "/tmp/out/step-$i.log" 2>&1 < /dev/null
		rc=$?
		echo "$rc" > "/tmp/out/step-$i.rc"
		say "step $i: exit $rc"
	done < "$SUIT_STEPS"
fi

if [ "${SUIT_KMEMLEAK:-1}" = 1 ] && [ -w /sys/kernel/debug/kmemleak ]; then
	# Objects younger than 5 s are never reported; a leak needs two
	# scans to be confirmed.
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak > /tmp/out/kmemleak.log
	say "kmemleak: $(grep -c '^unreferenced object' /tmp/out/kmemleak.log) suspected leaks"
fi

dmesg > /tmp/out/dmesg.log
say "done"
halt_now
