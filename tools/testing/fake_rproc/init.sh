#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Init (PID 1) of the fake remoteproc boot test, run INSIDE UML by
# uml-test.sh. Environment (from the kernel command line):
#   FAKE_KO   the module, FAKE_FW  the firmware directory (also given as
#   firmware_class.path=), holding suit-fake.bin and other.bin
# Prints "fake-rproc: N passed, M failed" on the console, then powers off.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t debugfs debugfs /sys/kernel/debug
pass=0
fail=0
t() { # what cmd...
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $what"
	fi
}
D=/sys/kernel/debug/suit_fake_rproc
R=/sys/class/remoteproc/remoteproc0
want=$(sha256sum "$FAKE_FW/suit-fake.bin" | cut -c1-64)
other=$(sha256sum "$FAKE_FW/other.bin" | cut -c1-64)

t "insmod" insmod "$FAKE_KO"
t "rproc registered" test "$(cat $R/name 2>/dev/null)" = suit-fake
t "offline after insmod" test "$(cat $R/state)" = offline
t "firmware name" test "$(cat $R/firmware)" = suit-fake.bin
t "boot" sh -c "echo start > $R/state"
t "running state" test "$(cat $R/state)" = running
t "module sees running" test "$(cat $D/running)" = 1
t "loaded digest = sha256 of the file" test "$(cat $D/loaded_sha256)" = "$want"
t "loaded size" test "$(cat $D/loaded_size)" = "$(stat -c %s "$FAKE_FW/suit-fake.bin")"
t "shutdown" sh -c "echo stop > $R/state"
t "offline after stop" test "$(cat $R/state)" = offline
t "module sees stopped" test "$(cat $D/running)" = 0
# update: shutdown -> set firmware -> boot
t "set firmware" sh -c "echo other.bin > $R/firmware"
t "boot other" sh -c "echo start > $R/state"
t "other digest" test "$(cat $D/loaded_sha256)" = "$other"
t "stop other" sh -c "echo stop > $R/state"
# the digest check: armed with suit-fake.bin's digest, other.bin is refused
t "arm" sh -c "echo $want > $D/expected_sha256"
t "armed digest reads back" test "$(cat $D/expected_sha256)" = "$want"
t "mismatching firmware refused" sh -c "! echo start > $R/state"
t "not running after refusal" test "$(cat $D/running)" = 0
t "one reject counted" test "$(cat $D/rejects)" = 1
t "bad hex refused" sh -c "! echo nothex > $D/expected_sha256"
t "set matching firmware" sh -c "echo suit-fake.bin > $R/firmware"
t "matching firmware boots" sh -c "echo start > $R/state"
t "loads counted" test "$(cat $D/loads)" = 3
t "stop" sh -c "echo stop > $R/state"
# fail_start: a co-processor that does not come up
t "start failure armed" sh -c "echo 1 > $D/fail_start"
t "failing start refused" sh -c "! echo start > $R/state"
t "not running after failed start" test "$(cat $D/running)" = 0
t "knob consumed" test "$(cat $D/fail_start)" = 0
t "next start works" sh -c "echo start > $R/state"
t "starts counted" test "$(cat $D/starts)" = 4
t "stop after retry" sh -c "echo stop > $R/state"
t "disarm" sh -c "echo > $D/expected_sha256"
t "rmmod" rmmod suit_fake_rproc
t "gone" test ! -e $R
echo "fake-rproc: $pass passed, $fail failed"
sync
poweroff -f
