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
[ -x "$KBUILD/linux" ] || { echo "uml-smoke: no UML kernel in $KBUILD (make module builds it)" >&2; exit 1; }

w=$(mktemp -d /tmp/suit-smoke.XXXXXX)
trap 'rm -rf "$w"' EXIT
gcc -O2 -Wall -I "$top/include/uapi" -o "$w/suit_drive" "$top/kernel/tests/suit_drive.c"
python3 "$top/kernel/tests/mkenv.py" "$w/e1" --seq 1 --size 300000 >/dev/null
cp -r "$w/e1" "$w/e2"
python3 "$top/kernel/tests/mkenv.py" "$w/e2" --seq 2 --size 200000 --reuse-key >/dev/null
cp -r "$w/e1" "$w/e3"
python3 "$top/kernel/tests/mkenv.py" "$w/e3" --seq 3 --size 1000 --reuse-key --bad-digest >/dev/null
cp -r "$w/e1" "$w/e5"
python3 "$top/kernel/tests/mkenv.py" "$w/e5" --seq 5 --size 70000 --reuse-key --alg eddsa >/dev/null
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
if [ $nand = 1 ]; then t "\$(cat /sys/class/mtd/mtd1/bad_blocks)" 1 nand-slot1-has-bad-block; fi
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
\$D errnos $w/e4/env.suit > $w/o-errnos; t \$? 0 abi-errnos
cat $w/o-errnos
\$D close $w/e4/env.suit > /dev/null; t \$? 3 close-mid-fetch
sleep 1; t "\$(cut -d' ' -f2 \$S/last_result) \$(cat \$S/state) \$(cat \$S/active_slots)" "-125 idle 0" close-aborted
\$D install $w/e4/env.suit 65536 65536 3 > $w/o6 &
sleep 1
\$D install $w/e4/env.suit > $w/o7; t \$? 2 busy-second-session
grep -q "error -16" $w/o7; t \$? 0 busy-ebusy
wait \$!; t \$? 0 install-4-after-busy
t "\$(cat \$S/active_slots) \$(cat \$S/sequence)" "1 4" state-after-4
keyctl restrict_keyring \$(cat /sys/module/suit/parameters/keyring_serial) 2>/dev/null
\$D addkey user suit:es256:default $w/e1/pub.raw >/dev/null 2>&1; t \$? 1 keyring-locked
\$D info | grep -q "flags 0x2"; t \$? 0 info-locked-flag
# Ed25519 (lib/ed25519.c) with a raw key; the keyring is locked by now,
# so reload the module with a fresh keyring (state stays on flash)
rmmod suit_kunit; rmmod suit
insmod $top/kernel/suit.ko $params
\$D install $w/e5/env.suit > $w/o8; t \$? 2 eddsa-no-key
grep -q "reason 4 error -2" $w/o8; t \$? 0 eddsa-no-key-enoent
\$D addkey user suit:ed25519:\$(cat $w/e5/edkid.hex) $w/e5/ed25519.pub >/dev/null; t \$? 0 eddsa-addkey
\$D install $w/e5/env.suit > $w/o9; t \$? 0 eddsa-install
t "\$(cat \$S/active_slots) \$(cat \$S/sequence)" "0 5" state-after-eddsa
mount -t debugfs none /sys/kernel/debug 2>/dev/null
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak; sleep 1; echo scan > /sys/kernel/debug/kmemleak
	t "\$(grep -c 'suit' /sys/kernel/debug/kmemleak)" 0 kmemleak-suit
	grep -B3 -A12 unreferenced /sys/kernel/debug/kmemleak | grep -A15 -B3 suit | head -40
fi
rmmod suit; t \$? 0 rmmod
for f in $w/o*; do echo "== \$f"; cat \$f; done
poweroff -f
EOF
chmod +x "$w/init.sh"
timeout 300 "$KBUILD/linux" mem=384M rootfstype=hostfs rootflags=/ rw \
	init="$w/init.sh" con=null con0=fd:0,fd:1 "$parts" </dev/null \
	>"$w/log" 2>&1 || true
# Device tree: identity and component map from a linux-suit,device node
# (UML boots with dtb=); a map that puts a slot on the metadata partition
# must make insmod fail.
if [ $nand = 0 ] && command -v dtc >/dev/null; then
	for v in good bad; do
		if [ $v = good ]; then c='"814100:slot_a,slot_b", "8241004101:slot_c"'; else c='"814100:slot_a,slot_b", "814101:meta"'; fi
		cat > "$w/$v.dts" <<EOF
/dts-v1/;
/ {
	suit {
		compatible = "linux-suit,device";
		linux-suit,vendor-id = "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe";
		linux-suit,class-id = "1492af14-2569-5e48-bf42-9b2d51f2ab45";
		linux-suit,device-id = "00112233-4455-6677-8899-aabbccddeeff";
		linux-suit,components = $c;
		linux-suit,meta-partition = "meta";
	};
};
EOF
		dtc -q -I dts -O dtb -o "$w/$v.dtb" "$w/$v.dts"
	done
	cat > "$w/init-dt.sh" <<EOF
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev 2>/dev/null
t() { if [ "\$1" = "\$2" ]; then echo "SMOKE PASS \$3"; else echo "SMOKE FAIL \$3: got '\$1' want '\$2'"; fi; }
insmod $KBUILD/drivers/mtd/devices/mtdram.ko total_size=4096 erase_size=64
if grep -q 814101 /proc/device-tree/suit/linux-suit,components; then
	insmod $top/kernel/suit.ko 2>/dev/null; t \$? 1 dt-slot-on-meta-refused
else
	insmod $top/kernel/suit.ko; t \$? 0 dt-insmod
	t "\$(cat /sys/class/misc/suit/components | tr '\n' ' ')" "814100:slot_a,slot_b 8241004101:slot_c " dt-components
	$w/suit_drive info | grep -q "comps 2 .*flags 0x1"; t \$? 0 dt-device-id
fi
poweroff -f
EOF
	chmod +x "$w/init-dt.sh"
	for v in good bad; do
		timeout 60 "$KBUILD/linux" dtb="$w/$v.dtb" mem=128M rootfstype=hostfs \
			rootflags=/ rw init="$w/init-dt.sh" con=null con0=fd:0,fd:1 \
			'mtdparts="mtdram test device:1M(slot_a),1M(slot_b),1M(slot_c),-(meta)"' \
			</dev/null >>"$w/log" 2>&1 || true
	done
fi

# Public vectors (draft-ietf-suit-firmware-encryption, as shipped by
# libcsuit): COSE_Mac0 HMAC-256 + A128KW + A128GCM (expAW integrated,
# expAF fetched then copied with decryption, expAFS into a slot) and
# ESP256 + ECDH-ES+A128KW + A128GCM (expEW); each must install
# "This is a real firmware image." into its component.
vec=/work/shared/vectors/libcsuit-kentakayama/testfiles
ietf=/work/shared/vectors/suit-wg-manifest-spec/examples/derived
td=/work/shared/vectors/suit-wg-suit-multiple-trust-domains/examples/derived
if [ $nand = 0 ] && [ -d "$vec" ]; then
	printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' > "$w/hmac.key"
	printf 'aaaaaaaaaaaaaaaa' > "$w/kek.key"
	python3 - "$w" <<'EOF'
import sys
from cryptography.hazmat.primitives import serialization
w = sys.argv[1]
k = serialization.load_pem_public_key(open('/work/shared/vectors/suit-wg-manifest-spec/examples/derived/public_key.pem', 'rb').read())
open(w + '/ietf.raw', 'wb').write(k.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))
open(w + '/ecdh.key', 'wb').write(bytes.fromhex('60FE6DD6D85D5740A5349B6F91267EEAC5BA81B8CB53EE249E4B4EB102C476B3'))
d = bytearray(open('/work/shared/vectors/suit-wg-manifest-spec/examples/derived/example1.signed.cbor', 'rb').read())
d[100] ^= 1  # inside the ES256 signature
open(w + '/ex1-bad.cbor', 'wb').write(d)
d = bytearray(open('/work/shared/vectors/suit-wg-suit-multiple-trust-domains/examples/derived/example0_dependent.suit', 'rb').read())
d[-1] ^= 1  # the dependency, one byte changed: its digest no longer matches
open(w + '/dep-bad.suit', 'wb').write(d)
open(w + '/aw_ct.bin', 'wb').write(bytes.fromhex('758C4B7BBAE2C4C1D462423E0F0DC3164FFA7B85BB94D4BD6D7ED26AB32FEB063385D4D3465927EC82CB5E198A59'))
EOF
	# remoteproc component (fake rproc) and fetch arguments
	python3 "$top/kernel/tests/mkenv.py" "$w/r1" --seq 1 --size 70000 >/dev/null
	cp -r "$w/r1" "$w/r2"
	python3 "$top/kernel/tests/mkenv.py" "$w/r2" --seq 2 --size 50000 --reuse-key --invoke >/dev/null
	python3 "$top/kernel/tests/mkenv.py" "$w/fa" --seq 1 --size 1000 --fetch-args 0a0b0c0d >/dev/null
	python3 "$top/kernel/tests/mkenv.py" "$w/sw" --seq 1 --mode swap >/dev/null
	cp -r "$w/sw" "$w/ul"
	python3 "$top/kernel/tests/mkenv.py" "$w/ul" --seq 2 --mode unlink --reuse-key >/dev/null
	cp -r "$w/sw" "$w/sm"
	python3 "$top/kernel/tests/mkenv.py" "$w/sm" --seq 3 --mode swap-mtd --reuse-key >/dev/null
	mkdir -p "$w/fw"
	fake=""
	if make -C "$top" -s fake-rproc >"$w/fake-build.log" 2>&1; then
		fake=$top/build/fake_rproc/suit_fake_rproc.ko
	fi
	cat > "$w/init-vec.sh" <<EOF
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev 2>/dev/null
t() { if [ "\$1" = "\$2" ]; then echo "SMOKE PASS \$3"; else echo "SMOKE FAIL \$3: got '\$1' want '\$2'"; fi; }
mount -t debugfs none /sys/kernel/debug 2>/dev/null
K=/sys/kernel/debug/kmemleak
# no unreferenced object allocated by suit.ko (run while it is loaded)
leaks() { if [ -w \$K ]; then echo scan > \$K; sleep 1; echo scan > \$K; t "\$(grep -c suit \$K)" 0 "kmemleak-\$1"; fi; }
insmod $KBUILD/drivers/mtd/devices/mtdram.ko total_size=4096 erase_size=64
for v in expAW:2 expAF:2 expAFS:0 expEW:4; do
	e=\${v%:*}; m=\${v#*:}
	insmod $top/kernel/suit.ko 'components=8152706c61696e746578742d6669726d77617265:slot_c;8152656e637279707465642d6669726d77617265:slot_d;81526465637279707465642d6669726d77617265:slot_e;814100:slot_a;814101:slot_b' meta=
	$w/suit_drive addkey logon suit:hmac:default $w/hmac.key >/dev/null
	$w/suit_drive addkey logon suit:aeskw:6b69642d31 $w/kek.key >/dev/null
	$w/suit_drive addkey logon suit:ecdh:6b69642d32 $w/ecdh.key >/dev/null
	$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
	SUIT_FETCH_FILE=$w/aw_ct.bin $w/suit_drive install $vec/suit_manifest_\$e.suit > $w/v-\$e; t \$? 0 vector-\$e
	t "\$(head -c 30 /dev/mtd\$m)" "This is a real firmware image." vector-\$e-content
	rmmod suit
done
# draft-ietf-suit-manifest example 1: ES256 by the IETF example key (no
# kid: raw key suit:es256:default); authentic, so the kernel asks for
# http://example.com/file.bin, which this client fails with ENOENT
insmod $top/kernel/suit.ko vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 meta=
$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
$w/suit_drive install $ietf/example1.signed.cbor > $w/v-ex1; t \$? 2 ietf-example1
grep -q "fetch 1: http://example.com/file.bin size 34768" $w/v-ex1; t \$? 0 ietf-example1-authentic
grep -q "reason 11 error -2 section 20" $w/v-ex1; t \$? 0 ietf-example1-fetch-failed
$w/suit_drive install $w/ex1-bad.cbor > $w/v-ex1b; t \$? 2 ietf-example1-bad-sig
grep -q "reason 4 error -74" $w/v-ex1b; t \$? 0 ietf-example1-bad-sig-ebadmsg
rmmod suit
# draft-ietf-suit-trust-domains example 2: an integrated dependency
# (process-dependency), sequence number 0 on a fresh device
insmod $top/kernel/suit.ko 'components=81423030:slot_a;81423130:slot_b' meta=
$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
$w/suit_drive install $td/example2_integrated.suit > $w/v-td2; t \$? 0 trust-domains-integrated
t "\$(head -c 11 /dev/mtd0)" "hello world" trust-domains-integrated-content
rmmod suit
# trust-domains example 1: the dependency is fetched (from
# http://example.com/dependent.suit, served as example0_dependent.suit)
# into component ['dependent.suit'], a transient RAM component (@ram);
# without that entry the kernel has nowhere to put it
for m in 0 1; do dd if=/dev/zero of=/dev/mtd\$m bs=1k count=16 2>/dev/null; done
insmod $top/kernel/suit.ko 'components=81423030:slot_a;81423130:slot_b' meta=
$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
SUIT_FETCH_FILE=$td/example0_dependent.suit $w/suit_drive install $td/example1_process.suit > $w/v-td1n; t \$? 2 trust-domains-fetched-no-store
grep -q "reason 6 " $w/v-td1n; t \$? 0 trust-domains-fetched-no-store-component-unsupported
rmmod suit
insmod $top/kernel/suit.ko 'components=81423030:slot_a;81423130:slot_b;814e646570656e64656e742e73756974:@ram' meta=
t "\$(sed -n 3p /sys/class/misc/suit/components)" "814e646570656e64656e742e73756974:@ram" ram-component-listed
$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
SUIT_FETCH_FILE=$w/dep-bad.suit $w/suit_drive install $td/example1_process.suit > $w/v-td1b; t \$? 2 trust-domains-fetched-wrong-dependency
grep -q "reason 10 " $w/v-td1b; t \$? 0 trust-domains-fetched-wrong-dependency-condition-failed
t "\$(head -c 11 /dev/mtd0 | tr -d '\\000')" "" trust-domains-fetched-nothing-written
SUIT_FETCH_FILE=$td/example0_dependent.suit $w/suit_drive install $td/example1_process.suit > $w/v-td1; t \$? 0 trust-domains-fetched
grep -q "fetch 1: http://example.com/dependent.suit size 190" $w/v-td1; t \$? 0 trust-domains-fetched-uri
t "\$(head -c 11 /dev/mtd0)" "hello world" trust-domains-fetched-content
t "\$(head -c 26 /dev/mtd1)" " in multiple trust domains" trust-domains-fetched-own-content
leaks ram-components
rmmod suit
# the same with the dependency fetched into an MTD partition (slot_c):
# comp_map reads the slot back into the kernel
for m in 0 1 2; do dd if=/dev/zero of=/dev/mtd\$m bs=1k count=16 2>/dev/null; done
insmod $top/kernel/suit.ko 'components=81423030:slot_a;81423130:slot_b;814e646570656e64656e742e73756974:slot_c' meta=
$w/suit_drive addkey user suit:es256:default $w/ietf.raw >/dev/null
SUIT_FETCH_FILE=$td/example0_dependent.suit $w/suit_drive install $td/example1_process.suit > $w/v-td1m; t \$? 0 trust-domains-fetched-mtd
t "\$(head -c 11 /dev/mtd0)" "hello world" trust-domains-fetched-mtd-content
t "\$(cmp -n 190 /dev/mtd2 $td/example0_dependent.suit && echo same)" same trust-domains-fetched-mtd-dependency-stored
rmmod suit
# fetch arguments (parameter 25) reach userspace: SUIT_IOC_GET_FETCH_ARGS
insmod $top/kernel/suit.ko vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 components=814100:slot_a meta=
$w/suit_drive addkey asymmetric "" $w/fa/key.der >/dev/null
$w/suit_drive install $w/fa/env.suit > $w/v-fa; t \$? 0 fetch-args-install
grep -q "^fetch-args 0a0b0c0d len 4" $w/v-fa; t \$? 0 fetch-args-bytes
grep -q "^fetch-args-enospc ok" $w/v-fa; t \$? 0 fetch-args-enospc
grep -q "^fetch-args-estale ok" $w/v-fa; t \$? 0 fetch-args-estale
caps=\$($w/suit_drive info | sed -n 's/.*caps \\(0x[0-9a-f]*\\).*/\\1/p')
t "\$((caps & 0x400))" 1024 fetch-args-cap
rmmod suit
# swap (31) of two RAM components; unlink (33) drops one's content; swap
# of an MTD component is refused (-EOPNOTSUPP, operation-failed)
insmod $top/kernel/suit.ko vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 'components=8141aa:@ram;8141bb:@ram;814100:slot_a' meta=
$w/suit_drive addkey asymmetric "" $w/sw/key.der >/dev/null
$w/suit_drive install $w/sw/env.suit > $w/v-sw; t \$? 0 swap-ram-components
$w/suit_drive install $w/ul/env.suit > $w/v-ul; t \$? 2 unlink-drops-content
grep -q "reason 10 " $w/v-ul; t \$? 0 unlink-then-image-match-fails
$w/suit_drive install $w/sm/env.suit > $w/v-sm; t \$? 2 swap-mtd-refused
grep -q "reason 11 error -95" $w/v-sm; t \$? 0 swap-mtd-eopnotsupp
t "\$(cat /sys/class/misc/suit/sequence)" 1 swap-failures-not-committed
leaks swap
rmmod suit
# remoteproc component: the fake co-processor (TEST-ONLY module)
if [ -n "$fake" ]; then
	D=/sys/kernel/debug/suit_fake_rproc
	R=/sys/class/remoteproc/remoteproc0
	mount -t debugfs none /sys/kernel/debug 2>/dev/null
	insmod $fake
	insmod $top/kernel/suit.ko vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 'components=814100:@rproc=suit-fake,suit_fake_rproc_expect' meta= rproc_fw_dir=$w/fw
	t "\$(cat /sys/class/misc/suit/components)" "814100:@rproc=suit-fake,suit_fake_rproc_expect" rproc-component-listed
	$w/suit_drive addkey asymmetric "" $w/r1/key.der >/dev/null
	$w/suit_drive install $w/r1/env.suit > $w/v-r1; t \$? 0 rproc-install
	t "\$(cat \$D/loaded_sha256)" "\$(sha256sum $w/r1/payload.bin | cut -c1-64)" rproc-loaded-digest
	t "\$(cat \$D/loaded_size) \$(cat \$D/running) \$(cat \$R/state)" "70000 1 running" rproc-running
	t "\$(cat \$R/firmware)" suit-suit-fake-a.bin rproc-firmware-name
	t "\$(cat \$D/expected_sha256)" "\$(sha256sum $w/r1/payload.bin | cut -c1-64)" rproc-hook-armed
	echo 1 > \$D/fail_start
	$w/suit_drive install $w/r2/env.suit > $w/v-r2; t \$? 2 rproc-start-failure
	grep -q "reason 11 error -5" $w/v-r2; t \$? 0 rproc-start-failure-eio
	t "\$(cat \$D/loaded_sha256)" "\$(sha256sum $w/r1/payload.bin | cut -c1-64)" rproc-rolled-back-digest
	t "\$(cat \$D/running) \$(cat \$R/state) \$(cat \$R/firmware) \$(cat \$D/fail_start)" "1 running suit-suit-fake-a.bin 0" rproc-rolled-back-running
	t "\$(cat /sys/class/misc/suit/sequence)" 1 rproc-failure-not-committed
	$w/suit_drive install $w/r2/env.suit > $w/v-r3; t \$? 0 rproc-install-2
	t "\$(cat \$D/loaded_sha256) \$(cat \$R/firmware)" "\$(sha256sum $w/r2/payload.bin | cut -c1-64) suit-suit-fake-b.bin" rproc-second-image
	# the staged file changed behind the kernel's back is refused on load
	echo stop > \$R/state
	echo tampered >> $w/fw/suit-suit-fake-b.bin
	echo start > \$R/state 2>/dev/null; t \$? 1 rproc-tampered-file-refused
	t "\$(cat \$D/rejects) \$(cat \$D/running)" "1 0" rproc-tampered-not-running
	# invoke (SUIT_SUBMIT_INVOKE) starts the current image again, staged
	# anew from the kernel's verified copy
	$w/suit_drive invoke $w/r2/env.suit > $w/v-r5; t \$? 0 rproc-invoke
	t "\$(cat \$D/running) \$(cat \$D/loaded_sha256)" "1 \$(sha256sum $w/r2/payload.bin | cut -c1-64)" rproc-invoke-verified-image
	loads=\$(cat \$D/loads)
	$w/suit_drive invoke $w/r2/env.suit > $w/v-r6; t \$? 0 rproc-invoke-running
	t "\$(cat \$D/loads) \$(cat \$D/running)" "\$loads 1" rproc-invoke-running-no-reload
	leaks rproc
	rmmod suit; t \$? 0 rproc-rmmod
	# an rproc that does not exist: the commit fails, nothing changes
	insmod $top/kernel/suit.ko vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 'components=814100:@rproc=no-such-rproc' meta= rproc_fw_dir=$w/fw
	$w/suit_drive addkey asymmetric "" $w/r1/key.der >/dev/null
	$w/suit_drive install $w/r1/env.suit > $w/v-r4; t \$? 2 rproc-missing
	grep -q "reason 11 error -19" $w/v-r4; t \$? 0 rproc-missing-enodev
	t "\$(cat /sys/class/misc/suit/sequence)" 0 rproc-missing-not-committed
	rmmod suit
	rmmod suit_fake_rproc
else
	echo "SMOKE FAIL rproc: fake rproc did not build"
fi
poweroff -f
EOF
	chmod +x "$w/init-vec.sh"
	timeout 120 "$KBUILD/linux" mem=128M rootfstype=hostfs rootflags=/ rw \
		init="$w/init-vec.sh" con=null con0=fd:0,fd:1 firmware_class.path="$w/fw" \
		'mtdparts="mtdram test device:512k(slot_a),512k(slot_b),512k(slot_c),512k(slot_d),512k(slot_e),-(meta)"' \
		</dev/null >>"$w/log" 2>&1 || true
fi

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
