#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: sign a firmware image on the host, boot a UML device with
# A/B NOR flash, provision the trust anchor, install the update with
# suitctl, and show the result; then the A/B boot protocol: v2 boots as a
# trial and is confirmed (`suitctl confirm`), v3 installs into the other
# slot but never confirms its boot and is rolled back after boot_tries=2
# trial boots (a "reboot" is a reload of suit.ko, which makes the
# bootloader's decision). Exits 0 only when the update is installed, the
# slot's bytes match the image, the confirmed boot stays and the
# unconfirmed one is rolled back.
#
# Envelopes are made with suit-tool (keygen, anchor, create, sign) when it
# builds and works, otherwise with tools/testing/uml/mkenvelope.py.
# Logs: build/demo/ (console.log, out/step-N.log).
set -eu
cd "$(dirname "$0")/.."
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
export SRCTREE B
uml=$SRCTREE/tools/testing/uml
d=$B/demo
VENDOR=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe
CLASS=1492af14-2569-5e48-bf42-9b2d51f2ab45
URI=https://updates.example.com/demo-device/firmware-v2.bin

if [ -t 1 ]; then
	bold=$(printf '\033[1m'); green=$(printf '\033[32m'); red=$(printf '\033[31m')
	off=$(printf '\033[0m')
else
	bold=""; green=""; red=""; off=""
fi
step() { printf '\n%s==> %s%s\n' "$bold" "$*" "$off"; }
info() { printf '    %s\n' "$*"; }
die() { printf '%sdemo: %s%s\n' "$red" "$*" "$off"; exit 1; }

step "Building the UML kernel, suit.ko, suitctl and suit-tool"
if [ -n "${UML_KBUILD:-}" ]; then
	# Development: that kernel build and the suit.ko already in kernel/.
	eval "$("$uml/kernel-env.sh")"
	KBUILD=$UML_KBUILD
else
	eval "$("$uml/kernel-env.sh" --build)" || die "UML kernel build failed"
	make -s module > /dev/null || die "make module failed"
fi
info "UML kernel: $KBUILD"
make -s suitctl || die "make suitctl failed"
tool=""
# DEMO_MKENVELOPE=1: sign with mkenvelope.py even when suit-tool works.
if [ "${DEMO_MKENVELOPE:-0}" != 1 ] && make -s suit-tool > /dev/null 2>&1 &&
   [ -x "$B/suit-tool" ]; then
	tool=$B/suit-tool
fi

rm -rf "$d"
mkdir -p "$d/out"

step "Author: firmware image, signing key and trust anchor"
{
	printf 'linux-suit demo firmware v2\n'
	head -c 786400 /dev/urandom
} > "$d/firmware-v2.bin"
size=$(stat -c %s "$d/firmware-v2.bin")
digest=$(sha256sum "$d/firmware-v2.bin" | cut -d' ' -f1)
info "image: firmware-v2.bin, $size bytes, sha256 $digest"
URI3=https://updates.example.com/demo-device/firmware-v3.bin
{
	printf 'linux-suit demo firmware v3 (never confirms its boot)\n'
	head -c 300000 /dev/urandom
} > "$d/firmware-v3.bin"

signed=""
if [ -n "$tool" ]; then
	cat > "$d/firmware-v2.json" <<EOF
{"manifest-version": 1, "manifest-sequence-number": 1,
 "components": [{"install-id": ["00"], "vendor-id": "$VENDOR", "class-id": "$CLASS",
   "file": "firmware-v2.bin", "uri": "$URI", "slot": 1}]}
EOF
	if "$tool" keygen -t p256 -o "$d/author.pem" > /dev/null &&
	   "$tool" anchor -k "$d/author.pem" -o "$d/anchor.der" > /dev/null &&
	   "$tool" create -i "$d/firmware-v2.json" -o "$d/unsigned.suit" &&
	   "$tool" sign -e "$d/unsigned.suit" -k "$d/author.pem" --alg ES256 \
		-o "$d/firmware-v2.suit" &&
	   "$tool" keygen -t p256 -o "$d/attacker.pem" > /dev/null; then
		signed="suit-tool"
	fi
	# The attacker signs under the author's kid: only the signature is wrong.
	# v3 for slot A: installs fine, but its boot is never confirmed
	if [ -n "$signed" ]; then
		sed 's/"manifest-sequence-number": 1/"manifest-sequence-number": 2/; s/firmware-v2.bin/firmware-v3.bin/g; s/"slot": 1/"slot": 0/' \
			"$d/firmware-v2.json" > "$d/firmware-v3.json"
		"$tool" create -i "$d/firmware-v3.json" -o "$d/unsigned-v3.suit" &&
		"$tool" sign -e "$d/unsigned-v3.suit" -k "$d/author.pem" --alg ES256 \
			-o "$d/firmware-v3.suit" || signed=""
	fi
	if [ -n "$signed" ]; then
		kid=$("$tool" inspect "$d/firmware-v2.suit" | sed -n "s/.*kid \/ 4: h'\([0-9a-f]*\)'.*/\1/p")
		"$tool" sign -e "$d/unsigned.suit" -k "$d/attacker.pem" --alg ES256 \
			--kid "$kid" -o "$d/attacker.suit" || signed=""
	fi
fi
if [ -z "$signed" ]; then
	mk="/usr/bin/python3 $uml/mkenvelope.py"
	$mk keygen -o "$d/author.pem"
	$mk cert --key "$d/author.pem" -o "$d/anchor.der" --kid-out "$d/kid.hex"
	$mk keygen -o "$d/attacker.pem"
	set -- --seq 1 --slot 1 --vendor-id $VENDOR --class-id $CLASS --component 00 \
		--image "$d/firmware-v2.bin" --uri "$URI"
	$mk envelope --key "$d/author.pem" "$@" -o "$d/firmware-v2.suit"
	$mk envelope --key "$d/attacker.pem" --kid "$(cat "$d/kid.hex")" "$@" -o "$d/attacker.suit"
	$mk envelope --key "$d/author.pem" --seq 2 --slot 0 --vendor-id $VENDOR --class-id $CLASS \
		--component 00 --image "$d/firmware-v3.bin" --uri "$URI3" -o "$d/firmware-v3.suit"
	signed="tools/testing/uml/mkenvelope.py"
fi
info "envelope: firmware-v2.suit ($(stat -c %s "$d/firmware-v2.suit") bytes), signed ES256 with $signed"
info "sequence 1, component [h'00'], slot B, fetched from $URI"
info "trust anchor: anchor.der (self-signed X.509, SubjectKeyIdentifier = COSE kid)"

step "Device: booting UML with A/B NOR flash (mtdram) and suit.ko"
sc=$B/suitctl
kop="vendor_id=$VENDOR class_id=$CLASS components=814100:slot_a,slot_b meta=meta boot_tries=2"
# a reboot: suit.ko loads again and makes the bootloader's decision
reboot="dmesg -C && rmmod suit && insmod $SRCTREE/kernel/suit.ko $kop && $sc anchors add $d/anchor.der > /dev/null && { dmesg | grep -E 'suit: (trial|boot)' | cut -c16- | grep . || echo 'suit: no trial pending: the active slot boots'; } && echo \"active slot:  \$(cat /sys/class/misc/suit/active_slots)\" && $sc status | grep -A1 '^boot:'"
devb='/dev/$(basename $(dirname $(grep -lx slot_b /sys/class/mtd/mtd*/name)))'
cat > "$d/steps" <<EOF
$sc status
$sc anchors add $d/anchor.der
$sc install --state-dir /tmp/suit-state $d/attacker.suit --payload $URI=$d/firmware-v2.bin
$sc install --state-dir /tmp/suit-state $d/firmware-v2.suit --payload $URI=$d/firmware-v2.bin --report /tmp/out/report.cbor
$sc status
head -c $size $devb | sha256sum
$reboot
$sc confirm
$reboot
$sc install --state-dir /tmp/suit-state $d/firmware-v3.suit --payload $URI3=$d/firmware-v3.bin
$reboot
$reboot
$reboot
head -c $size $devb | sha256sum
EOF
cat > "$d/env" <<EOF
SUIT_OUT=$d/out
SUIT_FLASH=mtdram
MTDRAM_PARAMS="total_size=4096 erase_size=64"
SUIT_KO=$SRCTREE/kernel/suit.ko
SUIT_KO_PARAMS="$kop"
SUIT_STEPS=$d/steps
SUIT_KMEMLEAK=0
EOF
"$uml/boot.sh" -k "$KBUILD" -t 300 -e "$d/env" -i "$uml/init-test.sh" \
	'mtdparts="mtdram test device:1M(slot_a),1M(slot_b),-(meta)"' \
	> "$d/console.log" 2>&1 || die "UML did not halt cleanly; see $d/console.log"
grep -q '^rig: done' "$d/out/rig.log" 2>/dev/null || die "the device did not finish; see $d/console.log"
grep -q 'insmod suit.ko ok' "$d/out/rig.log" || die "suit.ko did not load; see $d/out/rig.log"

show() { # show N TITLE
	printf '\n  %s$ %s%s\n' "$bold" "$2" "$off"
	sed 's/^/    /' "$d/out/step-$1.log"
}
rc() { cat "$d/out/step-$1.rc" 2>/dev/null || echo 99; }

step "Device: before the update"
show 1 "suitctl status"
step "Device: provisioning the trust anchor"
show 2 "suitctl anchors add anchor.der"
step "Device: an envelope signed with the wrong key is refused"
show 3 "suitctl install attacker.suit --payload $URI=firmware-v2.bin"
step "Device: installing the update"
show 4 "suitctl install firmware-v2.suit --payload $URI=firmware-v2.bin"
show 5 "suitctl status"
show 6 "head -c $size /dev/mtd(slot_b) | sha256sum"
if [ -n "$tool" ] && [ -f "$d/out/report.cbor" ]; then
	printf '\n  %sSUIT report of the install%s\n' "$bold" "$off"
	"$tool" report "$d/out/report.cbor" 2>&1 | sed 's/^/    /' | head -n 30 || true
fi

step "Device: A/B trial boot of v2, confirmed from userspace"
show 7 "reboot (suit.ko decides what boots)"
show 8 "suitctl confirm"
show 9 "reboot"
step "Device: v3 installs into slot A but never confirms its boot"
show 10 "suitctl install firmware-v3.suit"
show 11 "reboot (trial boot 1 of 2)"
show 12 "reboot (trial boot 2 of 2)"
show 13 "reboot: not confirmed, back to slot B"
show 14 "head -c $size /dev/mtd(slot_b) | sha256sum"

step "Result"
ok=1
[ "$(rc 2)" = 0 ] || { info "${red}anchor provisioning failed$off"; ok=0; }
[ "$(rc 3)" = 1 ] || { info "${red}the attacker's envelope was not refused$off"; ok=0; }
[ "$(rc 4)" = 0 ] || { info "${red}the install failed$off"; ok=0; }
got=$(cut -d' ' -f1 "$d/out/step-6.log" 2>/dev/null || true)
if [ "$got" = "$digest" ]; then
	info "slot B sha256 $got = image sha256"
else
	info "${red}slot B sha256 '$got' != image sha256 $digest$off"
	ok=0
fi
grep -q '^boot: *trial tries=1/2' "$d/out/step-7.log" ||
	{ info "${red}v2 did not boot as a trial$off"; ok=0; }
grep -q '^boot: *confirmed' "$d/out/step-8.log" || { info "${red}confirm failed$off"; ok=0; }
grep -q '^boot: *confirmed' "$d/out/step-9.log" || { info "${red}v2 not confirmed after reboot$off"; ok=0; }
[ "$(rc 10)" = 0 ] || { info "${red}the v3 install failed$off"; ok=0; }
grep -q '^active slot: *1$' "$d/out/step-13.log" &&
grep -q '^boot: *rolled-back' "$d/out/step-13.log" ||
	{ info "${red}the unconfirmed v3 was not rolled back$off"; ok=0; }
got=$(cut -d' ' -f1 "$d/out/step-14.log" 2>/dev/null || true)
if [ "$got" = "$digest" ]; then
	info "after the rollback: slot B still holds v2 (sha256 $got)"
else
	info "${red}after the rollback slot B sha256 '$got' != v2$off"
	ok=0
fi
if [ "$ok" = 1 ]; then
	printf '\n%sdemo: update installed and verified; confirmed boot kept, unconfirmed boot rolled back.%s\n' "$green" "$off"
	exit 0
fi
die "demo failed (logs in $d)"
