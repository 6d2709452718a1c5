#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Real power cuts: the flash is block2mtd on UML block devices backed by
# host files; UML is killed (SIGKILL, no shutdown, no sync) at a series of
# moments during an A/B install (the last one 3 s after it, before any
# clean shutdown), booted again on the same files, and the
# device must run the complete old or the complete new image, report
# which, and accept the next update. See tools/testing/powercut/run.sh for
# the fast sweep with the fault hook.
#
#   kill.sh [STEPS]     STEPS kill moments (default 16)
#
# Last line: "cut points: N, failed: M".
set -eu

top=$(cd "$(dirname "$0")/../../.." && pwd)
eval "$("$top/tools/testing/uml/kernel-env.sh")"
steps=${1:-16}
w=$(mktemp -d /tmp/suit-kill.XXXXXX)
[ -n "${KILL_KEEP:-}" ] || trap 'rm -rf "$w"' EXIT
# a private copy: other builds may replace kernel/suit.ko meanwhile
cp "$top/kernel/suit.ko" "$w/suit.ko"
gcc -O2 -Wall -I "$top/include/uapi" -o "$w/suit_drive" "$top/kernel/tests/suit_drive.c"
python3 "$top/kernel/tests/mkenv.py" "$w/key" --size 16 >/dev/null
cp "$w/key/key.der" "$w/key.der"
i=1
for size in 300000 400000 100000; do
	mkdir -p "$w/k-$i"
	cp "$w/key/key.pem" "$w/key/key.der" "$w/key/kid.hex" "$w/k-$i/"
	python3 "$top/tools/testing/powercut/mkenv_multi.py" "$w/k-$i" --seq $i \
		--comp 814100:$size --reuse-key >/dev/null
	i=$((i + 1))
done

# uml PHASE LOG [KILL_DELAY_MS PAUSE_AT CHUNK]
uml() {
	printf 'W=%s\nTOP=%s\nKBUILD=%s\nPHASE=%s\nPAUSE_AT=%s\nCHUNK=%s\n' "$w" "$top" \
		"$KBUILD" "$1" "${4:-0}" "${5:-4096}" > "$w/env"
	mkdir -p "$w/tmp"
	TMPDIR=$w/tmp setsid "$KBUILD/linux" mem=128M root=/dev/root rootfstype=hostfs \
		rootflags=/ ro con=null con0=fd:0,fd:1 init="$top/tools/testing/powercut/kill-guest.sh" \
		SUIT_ENV="$w/env" ubd0="$w/a.img" ubd1="$w/b.img" ubd2="$w/m.img" \
		</dev/null >"$2" 2>&1 &
	pid=$!
	if [ -n "${3:-}" ]; then
		n=0
		while ! grep -q '^KILL GO' "$2" && [ $n -lt 3000 ]; do
			sleep 0.01; n=$((n + 1))
		done
		sleep "$(echo "$3" | awk '{ printf "%.3f", $1 / 1000 }')"
		kill -9 "-$pid" 2>/dev/null || true
	fi
	n=0
	while kill -0 "$pid" 2>/dev/null && [ $n -lt 600 ]; do
		sleep 0.1; n=$((n + 1))
	done
	kill -9 "-$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -rf "$w/tmp"
}

cuts=0 failed=0 old=0 new=0
k=0
while [ $k -lt "$steps" ]; do
	for f in a b m; do
		rm -f "$w/$f.img"
		truncate -s 1M "$w/$f.img"
	done
	uml setup "$w/setup.log"
	if ! grep -q '^KILL SETUP ok' "$w/setup.log"; then
		echo "KILL $k FAIL setup"; tail -5 "$w/setup.log"
		failed=$((failed + 1)); cuts=$((cuts + 1)); k=$((k + 1)); continue
	fi
	# first half: kill while the fetch pauses at an offset (the pages
	# before it written); second half: kill after k * 4 ms of 256-byte
	# writes (anywhere, the metadata writes included)
	if [ $k -lt $((steps / 2)) ]; then
		how="paused at $((k * 50000))"
		uml cut "$w/cut.log" 1000 $((k * 50000 + 1)) 4096
	elif [ $k -lt $((steps - 1)) ]; then
		how="$(((k - steps / 2) * 4)) ms"
		uml cut "$w/cut.log" $(((k - steps / 2) * 4)) 0 256
	else
		# last: killed well after the commit, before any clean shutdown:
		# the new record and image must have reached the host files
		how="3000 ms"
		uml cut "$w/cut.log" 3000 0 4096
	fi
	done_before=no
	grep -q '^KILL INSTALLED' "$w/cut.log" && done_before=yes
	uml check "$w/check.log"
	r=$(sed -n 's/^KILL RESULT //p' "$w/check.log" | tr -d '\r')
	cuts=$((cuts + 1))
	# an install that reported success before the kill must survive it
	[ "$done_before:$r" != yes:old ] || r="BAD(reported success, came back old)"
	case $r in
	old) old=$((old + 1)); echo "KILL $k ($how) ok old" ;;
	new) new=$((new + 1)); echo "KILL $k ($how) ok new (install finished: $done_before)" ;;
	*) failed=$((failed + 1)); echo "KILL $k ($how) FAIL ${r:-no result}"
	   tail -5 "$w/check.log" ;;
	esac
	k=$((k + 1))
done
echo "kill-uml: $old old, $new new"
echo "cut points: $cuts, failed: $failed"
[ "$failed" -eq 0 ]
