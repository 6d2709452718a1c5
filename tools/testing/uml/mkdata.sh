#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Make the host-side test data of the UML kselftests (suit_test):
#
#   mkdata.sh OUTDIR
#
# OUTDIR/anchor.der           trust anchor (self-signed X.509, SKID = COSE kid)
# OUTDIR/other-anchor.der     a second certificate (for "anchors lock" tests)
# OUTDIR/<variant>/config     see tools/testing/selftests/suit/suit_test.c
# OUTDIR/<variant>/*.suit     envelopes, made by mkenvelope.py
# OUTDIR/<variant>/image.bin  the payload good.suit fetches
# OUTDIR/mtdram/next.suit     sequence 30 into slot_a, for the suitctl step
# OUTDIR/mtdram/st.suit       made by $SUIT_TOOL (if set): sequence 60, slot_b
# OUTDIR/params               suit.ko parameters and flash layout (sourced)
#
# Variants: mtdram (NOR; component [h'00'] on slot_a/slot_b) and nandsim
# (2 KiB-page NAND with a bad block inside the target slot; component
# [h'01'] on nandsim partitions 0/1).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: mkdata.sh OUTDIR}
py=/usr/bin/python3
mk="$py $here/mkenvelope.py"

VENDOR=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe
CLASS=1492af14-2569-5e48-bf42-9b2d51f2ab45

rm -rf "$out"
mkdir -p "$out"
$mk keygen -o "$out/key.pem"
$mk cert --key "$out/key.pem" -o "$out/anchor.der" --kid-out "$out/kid.hex"
$mk keygen -o "$out/other.pem"
$mk cert --key "$out/other.pem" -o "$out/other-anchor.der" --cn "other anchor"
kid=$(cat "$out/kid.hex")

# variant NAME COMPONENT TARGET ACTIVE TARGET_SLOT ACTIVE_SLOT COMP SEQ SIZE URI
variant() {
	d="$out/$1"
	mkdir -p "$d"
	head -c "$9" /dev/urandom > "$d/image.bin"
	head -c "$9" /dev/urandom > "$d/other.bin"
	common="--vendor-id $VENDOR --class-id $CLASS --component $2 --image $d/image.bin --uri ${10}"
	$mk envelope --key "$out/key.pem" --seq "$8" --slot "$5" $common -o "$d/good.suit"
	$mk envelope --key "$out/other.pem" --kid "$kid" --seq "$8" --slot "$5" $common -o "$d/badsig.suit"
	$mk envelope --key "$out/other.pem" --seq "$8" --slot "$5" $common -o "$d/unknownkid.suit"
	$mk envelope --key "$out/key.pem" --seq "$8" --slot "$5" --tamper $common -o "$d/tampered.suit"
	$mk envelope --no-sign --seq "$8" --slot "$5" $common -o "$d/unsigned.suit"
	$mk envelope --key "$out/key.pem" --seq "$8" --slot "$5" --digest-of "$d/other.bin" \
		$common -o "$d/mismatch.suit"
	$mk envelope --key "$out/key.pem" --seq "$(($8 - 1))" --slot "$6" $common -o "$d/old.suit"
	cat > "$d/config" <<EOF
target=$3
active=$4
comp=$7
target_slot=$5
seq=$8
uri=${10}
EOF
}

variant mtdram 00 slot_b slot_a 1 0 0 10 200003 "https://fw.example/nor.bin"
variant nandsim 01 "NAND simulator partition 1" "NAND simulator partition 0" 1 0 1 20 \
	1000001 "https://fw.example/nand.bin"

# For the parallel test (runs after both variants' install_ok): one
# session per component at the same time; sequences 25 (NOR, cancelled)
# and 26 (NAND, committed), back into slot 0.
for v in mtdram:00:25 nandsim:01:26; do
	n=${v%%:*}; rest=${v#*:}; c=${rest%%:*}; q=${rest#*:}
	head -c 300007 /dev/urandom > "$out/$n/par.bin"
	$mk envelope --key "$out/key.pem" --seq "$q" --slot 0 --vendor-id $VENDOR \
		--class-id $CLASS --component "$c" --image "$out/$n/par.bin" \
		--uri "https://fw.example/par-$n.bin" -o "$out/$n/par.suit"
done

# For the suitctl step: a later install back into slot_a (after the
# kselftest made slot_b active with sequence 10, then nandsim 20).
NEXT_URI=https://fw.example/nor-next.bin
head -c 150001 /dev/urandom > "$out/mtdram/next.bin"
$mk envelope --key "$out/key.pem" --seq 30 --slot 0 --vendor-id $VENDOR --class-id $CLASS \
	--component 00 --image "$out/mtdram/next.bin" --uri $NEXT_URI -o "$out/mtdram/next.suit"

# ... and then an envelope carrying its payload (no fetch) into slot_b.
head -c 70001 /dev/urandom > "$out/mtdram/integrated.bin"
$mk envelope --key "$out/key.pem" --seq 40 --slot 1 --vendor-id $VENDOR --class-id $CLASS \
	--component 00 --image "$out/mtdram/integrated.bin" --integrated "#fw.bin" \
	-o "$out/mtdram/integrated.suit"

# ... and one into slot_a again, installed under a pseudo-terminal to see
# suitctl's progress bar.
head -c 600001 /dev/urandom > "$out/mtdram/bar.bin"
$mk envelope --key "$out/key.pem" --seq 50 --slot 0 --vendor-id $VENDOR --class-id $CLASS \
	--component 00 --image "$out/mtdram/bar.bin" --uri https://fw.example/bar.bin \
	-o "$out/mtdram/bar.suit"

# Interoperability: the same kind of update made by suit-tool (create from
# a component description, sign ES256), sequence 60 into slot_b, when
# SUIT_TOOL names the binary.
if [ -n "${SUIT_TOOL:-}" ]; then
	head -c 300001 /dev/urandom > "$out/mtdram/st.bin"
	cat > "$out/mtdram/st.json" <<EOF
{"manifest-version": 1, "manifest-sequence-number": 60,
 "components": [{"install-id": ["00"], "vendor-id": "$VENDOR", "class-id": "$CLASS",
   "file": "st.bin", "uri": "https://fw.example/suit-tool.bin", "slot": 1}]}
EOF
	"$SUIT_TOOL" create -i "$out/mtdram/st.json" -o "$out/mtdram/st-unsigned.suit"
	"$SUIT_TOOL" sign -e "$out/mtdram/st-unsigned.suit" -k "$out/key.pem" --alg ES256 \
		--kid "$kid" -o "$out/mtdram/st.suit"
fi

# ESP256 (-9, the fully specified ECDSA alg of draft-ietf-suit-mti),
# sequence 70 into slot_a.
head -c 50001 /dev/urandom > "$out/mtdram/esp256.bin"
$mk envelope --key "$out/key.pem" --alg esp256 --seq 70 --slot 0 --vendor-id $VENDOR \
	--class-id $CLASS --component 00 --image "$out/mtdram/esp256.bin" \
	--uri https://fw.example/esp256.bin -o "$out/mtdram/esp256.suit"

# Flash layout and module parameters. The nandsim ids give a 128 MiB chip
# with 2 KiB pages and 128 KiB erase blocks; parts are in erase blocks, and
# block 66 (the third block of partition 1, the nandsim target) is bad.
cat > "$out/params" <<EOF
NEXT_URI=$NEXT_URI
VENDOR=$VENDOR
CLASS=$CLASS
MTDPARTS='mtdparts="mtdram test device:1M(slot_a),1M(slot_b),-(meta)"'
MTDRAM_PARAMS="total_size=4096 erase_size=64"
NANDSIM_PARAMS="first_id_byte=0x20 second_id_byte=0xf1 third_id_byte=0x00 fourth_id_byte=0x15 parts=64,64 badblocks=66"
SUIT_KO_PARAMS="vendor_id=$VENDOR class_id=$CLASS meta=meta 'components=\"814100:slot_a,slot_b;814101:NAND simulator partition 0,NAND simulator partition 1\"'"
EOF
