#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install benchmark (make bench): in ONE UML boot,
#   - the kernel's own SHA-256 rate over a 64 MiB image (AF_ALG),
#   - installs of 8 MiB and 256 MiB images into mtdram (kernel memory
#     growth of each, from /proc/meminfo),
#   - a 64 MiB install into mtdram, then flashcp of the same bytes into the
#     same partition,
#   - a 64 MiB install into nandsim (2 KiB pages, one bad block), then
#     flash_erase + nandwrite of the same bytes into the same partition,
#   - flash_erase + dd (1 MiB writes) of the same bytes into each
#     partition: what the kernel's MTD erase + write path alone costs
#     (the erase span includes one exec; dd's own copy time is used),
#   - an install of a 1 MiB image: the fixed cost of an install,
# all with SHA-256 image digests. Prints "NAME: VALUE" lines; ratios are
# throughput ratios (install MB/s divided by the other tool's MB/s).
# Documentation/bench-install.rst explains the figures.
set -eu
cd "$(dirname "$0")/../../../.."
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
export SRCTREE B
uml=$SRCTREE/tools/testing/uml
w=$B/bench/install
mk="/usr/bin/python3 $uml/mkenvelope.py"

if [ -n "${UML_KBUILD:-}" ]; then
	eval "$("$uml/kernel-env.sh")"
	KBUILD=$UML_KBUILD
else
	eval "$("$uml/kernel-env.sh" --build)"
	make -s module >&2
fi
make -s suit-bench >&2
rm -rf "$w"
mkdir -p "$w/out"

VENDOR=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe
CLASS=1492af14-2569-5e48-bf42-9b2d51f2ab45
head -c 8M /dev/urandom > "$w/img8"
head -c 64M /dev/urandom > "$w/img64"
head -c 256M /dev/urandom > "$w/img256"
$mk keygen -o "$w/key.pem"
$mk cert --key "$w/key.pem" -o "$w/anchor.der"
env() { # env OUT SEQ COMPONENT IMAGE URI
	$mk envelope --key "$w/key.pem" --seq "$2" --vendor-id $VENDOR --class-id $CLASS \
		--component "$3" --image "$4" --uri "$5" -o "$1"
}
env "$w/nor8.suit" 1 00 "$w/img8" https://b/8
env "$w/nor256.suit" 2 00 "$w/img256" https://b/256
head -c 1M /dev/urandom > "$w/img1"

sb=$B/bench/suit_bench
devof='/dev/$(basename $(dirname $(grep -lx "$0" /sys/class/mtd/mtd*/name)))'
# Steps 1-2: memory; then REPS rounds of 10 steps: sha256, mtdram install,
# sha256, nandsim install, sha256, flashcp, flash_erase + nandwrite,
# flash_erase + dd into mtdram, flash_erase + dd into nandsim, 1 MiB
# mtdram install. Every install has a SHA-256 measurement right before and
# after it; its ratio to the ceiling is taken against the faster of the two
# and the median over the rounds is reported (the machine may be busy with
# other work, which slows single steps). Throughputs: best round.
REPS=${REPS:-3}
{
	echo "$sb install $w/nor8.suit https://b/8 $w/img8 mem"
	echo "$sb install $w/nor256.suit https://b/256 $w/img256 mem"
	r=1
	while [ $r -le "$REPS" ]; do
		env "$w/nor64-$r.suit" $((10 + 3 * r)) 00 "$w/img64" https://b/64
		env "$w/nand64-$r.suit" $((11 + 3 * r)) 01 "$w/img64" https://b/n64
		env "$w/nor1-$r.suit" $((12 + 3 * r)) 00 "$w/img1" https://b/1
		echo "$sb sha256 $w/img64"
		echo "$sb install $w/nor64-$r.suit https://b/64 $w/img64"
		echo "$sb sha256 $w/img64"
		echo "$sb install $w/nand64-$r.suit https://b/n64 $w/img64"
		echo "$sb sha256 $w/img64"
		echo "sh -c 'd=$devof; date +t0:%s.%N; flashcp $w/img64 \$d; date +t1:%s.%N' big"
		echo "sh -c 'd=$devof; date +t0:%s.%N; flash_erase -q \$d 0 0 && nandwrite -q -p \$d $w/img64; date +t1:%s.%N' \"NAND simulator partition 1\""
		echo "sh -c 'd=$devof; date +t0:%s.%N; flash_erase -q \$d 0 0; date +tm:%s.%N; dd if=$w/img64 of=\$d bs=1M; date +t1:%s.%N' big"
		echo "sh -c 'd=$devof; date +t0:%s.%N; flash_erase -q \$d 0 0; date +tm:%s.%N; dd if=$w/img64 of=\$d bs=1M; date +t1:%s.%N' \"NAND simulator partition 1\""
		echo "$sb install $w/nor1-$r.suit https://b/1 $w/img1"
		r=$((r + 1))
	done
} > "$w/steps"
nsteps=$(wc -l < "$w/steps")
# mtdram: 260 MiB "big" partition (one slot, installed in place) + meta.
# nandsim: 256 MiB, 2 KiB pages, 128 KiB blocks; partition 1 is 70 MiB
# (blocks 8..567) with block 20 bad.
cat > "$w/env" <<EOF
SUIT_OUT=$w/out
SUIT_FLASH="mtdram nandsim"
MTDRAM_PARAMS="total_size=268288 erase_size=128"
NANDSIM_PARAMS="first_id_byte=0x20 second_id_byte=0xaa third_id_byte=0x00 fourth_id_byte=0x15 parts=8,560 badblocks=20"
SUIT_KO=$SRCTREE/kernel/suit.ko
SUIT_KO_PARAMS='vendor_id=$VENDOR class_id=$CLASS meta=meta '\\''components="814100:big;814101:NAND simulator partition 1"'\\'''
SUIT_ANCHORS=$w/anchor.der
SUIT_STEPS=$w/steps
SUIT_KMEMLEAK=0
EOF

"$uml/boot.sh" -k "$KBUILD" -m 1536M -t 1200 -e "$w/env" -i "$uml/init-test.sh" \
	'mtdparts="mtdram test device:260M(big),-(meta)"' > "$w/console.log" 2>&1 || true

ok=1
get() { # get STEP NAME
	sed -n "s/^$2: //p" "$w/out/step-$1.log" 2>/dev/null | head -n 1
}
span() { # seconds between t0 and t1 of a step
	a=$(sed -n 's/^t0://p' "$w/out/step-$1.log" 2>/dev/null)
	b=$(sed -n 's/^t1://p' "$w/out/step-$1.log" 2>/dev/null)
	[ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b - a }'
}
i=0
while [ $i -lt "$nsteps" ]; do
	i=$((i + 1))
	if [ "$(cat "$w/out/step-$i.rc" 2>/dev/null)" != 0 ]; then
		echo "bench-install: step $i failed:" >&2
		sed -n "${i}p" "$w/steps" >&2
		cat "$w/out/step-$i.log" >&2 2>/dev/null || true
		ok=0
	fi
done
if [ "$ok" = 0 ]; then
	tail -n 30 "$w/console.log" >&2
	echo "bench-install: FAILED (logs in $w)"
	exit 1
fi

mb64=64
host_sha=$(sha256sum "$w/img64" | cut -d' ' -f1)
max() { sort -g | tail -n 1; }
sha=""; nor=""; nand=""; fcp_mbps=""; nw_mbps=""; ddn=""; ddm=""; fix=""
# erase span (one exec of flash_erase included) + dd's own copy time
mbps() {
	a=$(sed -n 's/^t0://p' "$w/out/step-$1.log")
	b=$(sed -n 's/^tm://p' "$w/out/step-$1.log")
	c=$(sed -n 's/.* copied, \([0-9.e-]*\) s,.*/\1/p' "$w/out/step-$1.log")
	awk -v a="$a" -v b="$b" -v c="$c" -v m=$mb64 \
		'BEGIN { printf "%.2f", m / (b - a + c) }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# install MB/s over the faster of the SHA-256 runs around it
pair() { awk -v i="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.3f", i / (a > b ? a : b) }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rnor=""; rnand=""
r=0
while [ $r -lt "$REPS" ]; do
	s0=$((3 + 10 * r))
	for k in 0 2 4; do
		[ "$(get $((s0 + k)) sha256_digest)" = "$host_sha" ] ||
			{ echo "bench-install: AF_ALG digest mismatch"; exit 1; }
	done
	sa=$(get $s0 sha256_MBps)
	sb2=$(get $((s0 + 2)) sha256_MBps)
	sc=$(get $((s0 + 4)) sha256_MBps)
	sha="$sha $sa $sb2 $sc"
	i=$(get $((s0 + 1)) install_MBps)
	nor="$nor $i"
	rnor="$rnor $(pair "$i" "$sa" "$sb2")"
	i=$(get $((s0 + 3)) install_MBps)
	nand="$nand $i"
	rnand="$rnand $(pair "$i" "$sb2" "$sc")"
	fcp_mbps="$fcp_mbps $(awk -v s="$(span $((s0 + 5)))" -v m=$mb64 'BEGIN { printf "%.2f", m / s }')"
	nw_mbps="$nw_mbps $(awk -v s="$(span $((s0 + 6)))" -v m=$mb64 'BEGIN { printf "%.2f", m / s }')"
	ddm="$ddm $(mbps $((s0 + 7)))"
	ddn="$ddn $(mbps $((s0 + 8)))"
	fix="$fix $(get $((s0 + 9)) install_seconds)"
	r=$((r + 1))
done
echo "rounds: $REPS (throughputs: best round; ratios to SHA-256: median)"
echo "sha256_kernel_MBps_all:$sha"
echo "mtdram_install_MBps_all:$nor"
echo "flashcp_MBps_all:$fcp_mbps"
echo "nand_install_MBps_all:$nand"
echo "nandwrite_MBps_all:$nw_mbps"
echo "mtdram_erase_dd_MBps_all:$ddm"
echo "nand_erase_dd_MBps_all:$ddn"
echo "install_1MiB_seconds_all:$fix"
echo "mtdram_install_vs_sha256_ceiling_all:$rnor"
echo "nand_install_vs_sha256_ceiling_all:$rnand"
sha=$(echo $sha | tr ' ' '\n' | max)
nor=$(echo $nor | tr ' ' '\n' | max)
nand=$(echo $nand | tr ' ' '\n' | max)
fcp_mbps=$(echo $fcp_mbps | tr ' ' '\n' | max)
nw_mbps=$(echo $nw_mbps | tr ' ' '\n' | max)
ddm=$(echo $ddm | tr ' ' '\n' | max)
ddn=$(echo $ddn | tr ' ' '\n' | max)
fix=$(echo $fix | tr ' ' '\n' | sort -g | head -n 1)
rnor=$(echo $rnor | tr ' ' '\n' | median)
rnand=$(echo $rnand | tr ' ' '\n' | median)

echo "image_MiB: $mb64"
echo "sha256_kernel_MBps: $sha"
echo "mtdram_install_MBps: $nor"
echo "flashcp_MBps: $fcp_mbps"
echo "nand_install_MBps: $nand"
echo "nandwrite_MBps: $nw_mbps"
echo "mtdram_erase_dd_MBps: $ddm"
echo "nand_erase_dd_MBps: $ddn"
echo "install_1MiB_seconds: $fix"
echo "mtdram_install_vs_flashcp: $(ratio "$nor" "$fcp_mbps")"
echo "nand_install_vs_nandwrite: $(ratio "$nand" "$nw_mbps")"
echo "mtdram_install_vs_sha256_ceiling: $rnor"
echo "nand_install_vs_sha256_ceiling: $rnand"
# UML runs one CPU: hashing and flash writes cannot overlap, so an install
# takes at least the hash time plus the write time of the same bytes.
# (An estimate: the erase+dd rate includes one exec of flash_erase.)
serial() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", 1 / (1 / a + 1 / b) }'; }
echo "mtdram_serial_bound_MBps: $(serial "$sha" "$ddm")"
echo "nand_serial_bound_MBps: $(serial "$sha" "$ddn")"
echo "install_8MiB_MBps: $(get 1 install_MBps)"
echo "install_256MiB_MBps: $(get 2 install_MBps)"
echo "install_8MiB_slab_peak_delta_kB: $(get 1 slab_peak_delta_kB)"
echo "install_256MiB_slab_peak_delta_kB: $(get 2 slab_peak_delta_kB)"
echo "install_8MiB_vmalloc_peak_delta_kB: $(get 1 vmalloc_peak_delta_kB)"
echo "install_256MiB_vmalloc_peak_delta_kB: $(get 2 vmalloc_peak_delta_kB)"
echo "install_8MiB_kernel_stack_peak_delta_kB: $(get 1 kernel_stack_peak_delta_kB)"
echo "install_256MiB_kernel_stack_peak_delta_kB: $(get 2 kernel_stack_peak_delta_kB)"
