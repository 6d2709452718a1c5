#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot test of the TEST-ONLY fake remoteproc module in UML: build it, make
# two firmware files, boot UML (tools/testing/uml/boot.sh) with init.sh as
# init. Prints "fake-rproc: N passed, M failed" (the last line).
set -u
cd "$(dirname "$0")/../../.." || exit 1
B=${B:-$PWD/build}
if ! make -s fake-rproc B="$B" > "$B/fake-rproc-build.log" 2>&1; then
	tail -20 "$B/fake-rproc-build.log"
	echo "fake-rproc: 0 passed, 1 failed"
	exit 1
fi
FW=$B/fake_rproc/fw
mkdir -p "$FW"
head -c 70000 /dev/urandom > "$FW/suit-fake.bin"
head -c 3000 /dev/urandom > "$FW/other.bin"
out=$B/fake_rproc/console.log
tools/testing/uml/boot.sh -t 120 -i "$PWD/tools/testing/fake_rproc/init.sh" \
	firmware_class.path="$FW" FAKE_KO="$B/fake_rproc/suit_fake_rproc.ko" \
	FAKE_FW="$FW" > "$out" 2>&1
grep -E '^FAIL|^fake-rproc:' "$out"
line=$(tr -d '\r' < "$out" | grep '^fake-rproc: ' | tail -1)
if [ -z "$line" ]; then
	tail -20 "$out"
	echo "fake-rproc: 0 passed, 1 failed"
	exit 1
fi
case $line in *", 0 failed") exit 0 ;; *) exit 1 ;; esac
