#!/bin/sh
# kernel-static: the static checks a kernel maintainer runs, over suit.ko
# and every lib/ source it builds in:
#  - kbuild with W=1 and sparse (C=2): one failure per warning line;
#  - scripts/kernel-doc -none on kernel/, lib/, include/suit/ and the uapi
#    header: one test per file.
set -u
cd "$(dirname "$0")/../../.."
logdir=${B:-build}/check/kernel-static
mkdir -p "$logdir"
pass=0; fail=0

if ! eval "$(tools/testing/uml/kernel-env.sh --build 2> "$logdir/kernel.log")"; then
	tail -n 20 "$logdir/kernel.log"
	echo "kernel-static: 0 passed, 1 failed"
	exit 1
fi

if make -s module-check > "$logdir/w1-sparse.log" 2>&1; then
	warn=$(grep -cE '(warning|error):' "$logdir/w1-sparse.log")
	if [ "$warn" -eq 0 ]; then
		pass=$((pass + 1)); echo "ok - W=1 + sparse: no warnings"
	else
		fail=$((fail + warn)); echo "not ok - W=1 + sparse: $warn warnings"
		grep -E '(warning|error):' "$logdir/w1-sparse.log" | head -n 40
	fi
else
	fail=$((fail + 1)); echo "not ok - W=1 + sparse build failed"
	tail -n 30 "$logdir/w1-sparse.log"
fi
# Leave objects built the ordinary way for the suites that load them.
make -s module > "$logdir/module.log" 2>&1 || { fail=$((fail + 1)); echo "not ok - make module"; }

for f in $(ls kernel/*.[ch] lib/*.[ch] include/suit/*.h include/uapi/linux/suit.h 2>/dev/null); do
	out=$("$KSRC/scripts/kernel-doc" -none "$f" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "not ok - kernel-doc $f"
		echo "$out" | sed 's/^/#   /' | head -n 20
	fi
done
echo "kernel-static: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
