#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the co-processor tests. Usage: run.sh BUILD-DIR
# Prints `cut points: N, failed: M` and, last, `coproc: N passed, M failed`.
cd "$(dirname "$0")/../../.." || exit 1
B=${1:-$PWD/build}
case $B in /*) ;; *) B=$OLDPWD/$B ;; esac
LOG=$B/coproc-build.log
mkdir -p "$B"
fail() {
	echo "coproc: $1"
	echo "coproc: 0 passed, 1 failed"
	exit 1
}
make -s host-lib host-ossl coproc bootmeta-test B="$B" > "$LOG" 2>&1 ||
	{ tail -20 "$LOG"; fail "build failed (see $LOG)"; }
# suit-tool makes the envelopes when it builds and works (else coproc_mkenv)
make -s suit-tool B="$B" >> "$LOG" 2>&1
T=${COPROC_SUIT_TOOL:-$B/suit-tool}
W=$(mktemp -d "${TMPDIR:-/tmp}/coproc-test.XXXXXX") || fail "mktemp"
trap 'rm -rf "$W"' EXIT

# Images: three different 20 KiB payloads (several DATA chunks each).
head -c 20000 /dev/urandom > "$W/old.bin"
head -c 20480 /dev/urandom > "$W/new.bin"
head -c 17000 /dev/urandom > "$W/new3.bin"
desc() { # seq uri file
	cat > "$W/d$1.json" <<JSON
{ "manifest-sequence-number": $1,
  "components": [ { "install-id": ["00"], "vendor-domain": "coproc.example.com",
    "model-info": "coproc-1", "file": "$3", "uri": "$2" } ] }
JSON
}
desc 2 coproc:new new.bin
desc 3 coproc:new3 new3.bin
head -c 70000 /dev/urandom > "$W/big.bin"	# larger than a 64 KiB slot
desc 4 coproc:big big.bin
desc 5 coproc:missing new3.bin		# a URI the main side does not serve
# an envelope carrying its payload (about 30 KiB: BEGIN plus FETCHes)
head -c 30000 /dev/urandom > "$W/int.bin"
cat > "$W/d6.json" <<JSON
{ "manifest-sequence-number": 6,
  "components": [ { "install-id": ["00"], "vendor-domain": "coproc.example.com",
    "model-info": "coproc-1", "file": "int.bin", "integrated": true } ] }
JSON
M=$B/coproc/coproc_mkenv
head -c 12000 /dev/urandom > "$W/gen.bin"
if {
	"$T" keygen -t p256 -o "$W/signer.pem" --pub "$W/anchor.pub" &&
	"$T" keygen -t p256 -o "$W/other.pem" &&
	"$T" create -i "$W/d2.json" -o "$W/u2.suit" &&
	"$T" create -i "$W/d3.json" -o "$W/u3.suit" &&
	"$T" sign -e "$W/u2.suit" -k "$W/signer.pem" -o "$W/e2.suit" &&
	"$T" sign -e "$W/u3.suit" -k "$W/signer.pem" -o "$W/e3.suit" &&
	"$T" sign -e "$W/u2.suit" -k "$W/other.pem" -o "$W/ebad.suit" &&
	"$T" create -i "$W/d4.json" -o "$W/u4.suit" &&
	"$T" sign -e "$W/u4.suit" -k "$W/signer.pem" -o "$W/ebig.suit" &&
	"$T" create -i "$W/d5.json" -o "$W/u5.suit" &&
	"$T" sign -e "$W/u5.suit" -k "$W/signer.pem" -o "$W/enouri.suit" &&
	"$T" create -i "$W/d6.json" -o "$W/u6.suit" &&
	"$T" sign -e "$W/u6.suit" -k "$W/signer.pem" -o "$W/eint.suit"
} > "$W/tool.log" 2>&1; then
	# The device identity the manifests check, from the manifest itself.
	ids=$("$T" inspect "$W/e2.suit" | sed -n "s/.*-identifier \/ [12]: h'\([0-9a-f]*\)'.*/\1/p")
	VENDOR=$(echo "$ids" | sed -n 1p)
	CLASS=$(echo "$ids" | sed -n 2p)
	[ ${#VENDOR} = 32 ] && [ ${#CLASS} = 32 ] || fail "no vendor/class id in the envelope"
else
	# suit-tool unusable: the same envelopes from lib/'s CBOR encoder
	tail -3 "$W/tool.log"
	echo "coproc: note: suit-tool unusable; envelopes made with coproc_mkenv"
	VENDOR=7609cb6231685be9a1f3250718a0720c
	CLASS=965bc7300e46507eb6d43f8d4da4480e
	mk() { # key seq image (-u URI | -I NAME) out
		"$M" -k "$W/$1" -s "$2" -V $VENDOR -C $CLASS -i "$W/$3" "$4" "$5" -o "$W/$6"
	}
	{
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/signer.pem" &&
		openssl pkey -in "$W/signer.pem" -pubout -out "$W/anchor.pub" &&
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/other.pem" &&
		mk signer.pem 2 new.bin -u coproc:new e2.suit &&
		mk signer.pem 3 new3.bin -u coproc:new3 e3.suit &&
		mk other.pem 2 new.bin -u coproc:new ebad.suit &&
		mk signer.pem 4 big.bin -u coproc:big ebig.suit &&
		mk signer.pem 5 new3.bin -u coproc:missing enouri.suit &&
		mk signer.pem 6 int.bin -I int.bin eint.suit
	} > "$W/mkenv.log" 2>&1 || { cat "$W/mkenv.log"; fail "coproc_mkenv could not make the envelopes"; }
fi
# always one envelope from coproc_mkenv (sequence 7), so that path is tested
"$M" -k "$W/signer.pem" -s 7 -V "$VENDOR" -C "$CLASS" -i "$W/gen.bin" -u coproc:gen \
	-o "$W/e7.suit" || fail "coproc_mkenv failed"

"$B/coproc/coproc_test" "$B/coproc" "$W" "$VENDOR" "$CLASS" > "$W/out.txt"
rc=$?
grep -v '^coproc: ' "$W/out.txt"
if [ $rc != 0 ]; then
	echo "--- last lines of the processes' log:"
	tail -15 "$W/log.txt"
fi
line=$(grep '^coproc: ' "$W/out.txt" | tail -1)
p=$(echo "$line" | sed -n 's/^coproc: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(echo "$line" | sed -n 's/^coproc: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
[ -n "$p" ] || { p=0; f=1; echo "coproc: test driver crashed (rc $rc)"; }

# style: checkpatch --strict on the kernel module and tools/bootmeta (the
# portable reader keeps <stdint.h> types: PREFER_KERNEL_TYPES ignored)
eval "$(tools/testing/uml/kernel-env.sh)"
if [ -x "$KSRC/scripts/checkpatch.pl" ]; then
	for c in tools/bootmeta/*.[ch] tools/testing/fake_rproc/*.[ch]; do
		out=$("$KSRC/scripts/checkpatch.pl" --no-tree --strict --quiet --show-types \
			--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,PREFER_KERNEL_TYPES -f "$c" 2>&1)
		if [ -z "$out" ]; then
			p=$((p + 1))
		else
			f=$((f + 1))
			echo "checkpatch $c:"
			echo "$out" | head -20
		fi
	done
fi

# tools/bootmeta unit tests
if "$B/bootmeta/test_bootmeta" > "$W/bm.txt" 2>&1; then
	p=$((p + 1))
else
	f=$((f + 1))
fi
grep -v '^ok' "$W/bm.txt"

# the TEST-ONLY fake remoteproc module, booted in UML (only when the UML
# kernel has been built already: building it takes minutes)
s=0
if [ -f "$KBUILD/.built" ] && [ -x "$KBUILD/linux" ]; then
	if B=$B tools/testing/fake_rproc/uml-test.sh; then
		p=$((p + 1))
	else
		f=$((f + 1))
	fi
else
	echo "coproc: no UML kernel build yet: fake remoteproc boot test skipped"
	s=1
fi
# tools/bootmeta against a record written by the real suit.ko in UML
B=$B tools/testing/coproc/bootmeta-uml.sh > "$W/bmu.txt" 2>&1
r=$?
cat "$W/bmu.txt"
case $r in
0) p=$((p + 1)) ;;
77) s=$((s + 1)) ;;
*) f=$((f + 1)) ;;
esac
if [ "$s" = 0 ]; then
	echo "coproc: $p passed, $f failed"
else
	echo "coproc: $p passed, $f failed, $s skipped"
fi
[ "$f" = 0 ]
