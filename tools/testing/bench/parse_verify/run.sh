#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# parse_verify: cost of suit_cose_authenticate() (parse + SHA-256 digest +
# COSE Sig_structure + ECDSA P-256 verify) per public signed envelope, as a
# ratio to OpenSSL's bare ECDSA P-256 verify (EVP_DigestVerify) of the same
# Sig_structure, measured in the same process: wall time (median of rounds)
# and instructions (valgrind --tool=callgrind). Prints NAME: VALUE lines.
#
# Environment: B (build dir), SUIT_VECTORS, PV_ROUNDS, PV_ITERS, PV_INSTR_ITERS,
# PV_NO_CALLGRIND=1 to skip the instruction counts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
B=${B:-$top/build}
out=$B/bench/parse_verify
mkdir -p "$out"
CC=${CC:-cc}
CFLAGS="-std=gnu11 -O2 -g -Wall -Wno-unused-parameter -I$top/include -I$top/userspace/common"

# Build only what the benchmark needs, so that work in progress elsewhere in
# lib/ cannot break it.
objs=""
for f in cbor cbor_enc cose_auth; do
	$CC $CFLAGS -ffreestanding -fno-common -c "$top/lib/$f.c" -o "$out/$f.o"
	objs="$objs $out/$f.o"
done
for f in keystore ossl_crypto; do
	$CC $CFLAGS -c "$top/userspace/common/$f.c" -o "$out/$f.o"
	objs="$objs $out/$f.o"
done
$CC $CFLAGS "$here/bench.c" $objs -lcrypto -o "$out/bench"

# With the processor (engineer B's suit_process()) when all of lib/ builds:
# also measure parse + verify of the whole envelope up to the first command.
proc_ok=0
if [ "${PV_NO_PROCESS:-0}" != 1 ] && [ -f "$top/lib/envelope.c" ]; then
	mkdir -p "$out/lib"
	pobjs=""
	proc_ok=1
	for c in "$top"/lib/*.c; do
		o="$out/lib/$(basename "$c" .c).o"
		if ! $CC $CFLAGS -ffreestanding -fno-common -c "$c" -o "$o" 2>"$out/lib/build.log"; then
			proc_ok=0
			break
		fi
		pobjs="$pobjs $o"
	done
	if [ $proc_ok = 1 ] &&
	   $CC $CFLAGS -DPV_PROCESS "$here/bench.c" $pobjs "$out/keystore.o" "$out/ossl_crypto.o" \
		-lcrypto -o "$out/bench-process" 2>>"$out/lib/build.log" &&
	   "$out/bench-process" check 2>>"$out/lib/build.log"; then
		:
	else
		proc_ok=0
	fi
fi
if [ $proc_ok = 1 ]; then
	bench="$out/bench-process"
else
	echo "process_vs_ecdsa_time: skipped (lib/ with suit_process() does not build)"
	bench="$out/bench"
fi

"$bench" time "${PV_ROUNDS:-21}" "${PV_ITERS:-50}" | tee "$out/time.txt"

if [ "${PV_NO_CALLGRIND:-0}" = 1 ] || ! command -v valgrind >/dev/null 2>&1; then
	echo "parse_verify_vs_ecdsa_instr: skipped"
	exit 0
fi

iters=${PV_INSTR_ITERS:-10}
rm -f "$out"/callgrind.out*
valgrind --tool=callgrind --collect-atstart=no \
	--callgrind-out-file="$out/callgrind.out" \
	"$bench" instr "$iters" > "$out/callgrind.log" 2>&1

# One dump per vector and side; "desc: Trigger: Client Request: ours NAME".
for f in $(ls "$out"/callgrind.out.* | sort -t. -k3,3n); do
	desc=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	tot=$(sed -n 's/^totals: //p' "$f")
	echo "$desc $tot"
done | awk -v iters="$iters" '
	$1 == "ours" { o[$2] = $3; names[++n] = $2 }
	$1 == "base" { b[$2] = $3 }
	$1 == "proc" { p[$2] = $3 }
	END {
		if (!n) { print "parse_verify_vs_ecdsa_instr: error (no callgrind dumps)"; exit 1 }
		for (k = 1; k <= n; k++) {
			v = names[k]
			so += o[v]; sb += b[v]; sp += p[v]
			printf "parse_verify_vs_ecdsa_instr_%s: %.3f\n", v, o[v] / b[v]
			if (v in p)
				printf "process_vs_ecdsa_instr_%s: %.3f\n", v, p[v] / b[v]
		}
		printf "parse_verify_instr_per_call: %d\n", so / n / iters
		printf "ecdsa_verify_instr_per_call: %d\n", sb / n / iters
		printf "parse_verify_vs_ecdsa_instr: %.3f\n", so / sb
		if (sp)
			printf "process_vs_ecdsa_instr: %.3f\n", sp / sb
	}' | tee "$out/instr.txt"
