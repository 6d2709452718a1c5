#!/bin/sh
# lib-unit: the userspace unit tests of lib/ (tools/testing/lib/test_*.c).
#
# Builds the plain tests (make host-tests) and a second copy of the tests and
# of lib/ with -fsanitize=address,undefined (make host-tests-san), then runs
# every sanitized test binary. Each binary prints TAP and ends with
# "# <name>: N passed, M failed"; the counts are summed. A binary that
# crashes, exits non-zero without counting a failure, prints no summary or
# triggers a sanitizer report counts as one more failure. Also compiles lib/
# with -m32 when the compiler can (one more pass, or a skip).
#
# Full logs: $B/check/lib-unit/<test>.log
set -u
cd "$(dirname "$0")/../../.."
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
export SRCTREE B
logdir=$B/check/lib-unit
mkdir -p "$logdir"

passed=0; failed=0; skipped=0

if ! make -s host-tests > "$logdir/build.log" 2>&1 ||
   ! make -s host-tests-san >> "$logdir/build.log" 2>&1; then
	cat "$logdir/build.log"
	echo "lib-unit: build failed"
	echo "lib-unit: $passed passed, 1 failed"
	exit 1
fi

# Sanitizers: abort on the first report; leaks are reports too.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

found=0
for t in "$B"/host-san/tests/test_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	found=$((found + 1))
	name=$(basename "$t")
	log=$logdir/$name.log
	timeout 900 "$t" "$SRCTREE" > "$log" 2>&1
	rc=$?
	line=$(grep -E '^# [A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=0; f=0
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	fi
	extra=""
	if grep -qE 'runtime error:|ERROR: (Address|Leak|Undefined)Sanitizer' "$log"; then
		extra="sanitizer report"
	elif [ -z "$line" ]; then
		extra="no summary line (crashed? rc=$rc)"
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		extra="exit status $rc with no failure counted"
	fi
	grep -E '^not ok|^#   at' "$log" | head -n 50
	if [ -n "$extra" ]; then
		f=$((f + 1))
		echo "$name: $extra; last lines of $log:"
		tail -n 30 "$log"
	fi
	echo "$name: $p passed, $f failed"
	passed=$((passed + p)); failed=$((failed + f))
done
if [ "$found" -eq 0 ]; then
	echo "lib-unit: no test binaries found"
	failed=$((failed + 1))
fi

# 32-bit compile of lib/ (needs only the compiler's freestanding headers).
if echo 'int x;' | ${CC:-cc} -m32 -ffreestanding -x c -c -o /dev/null - 2>/dev/null; then
	if make -s host-lib-m32 > "$logdir/m32.log" 2>&1; then
		echo "lib-m32: compiled"
		passed=$((passed + 1))
	else
		cat "$logdir/m32.log"
		echo "lib-m32: FAILED"
		failed=$((failed + 1))
	fi
else
	echo "lib-m32: compiler cannot target -m32, skipped"
	skipped=$((skipped + 1))
fi

if [ "$skipped" -gt 0 ]; then
	echo "lib-unit: $passed passed, $failed failed, $skipped skipped"
else
	echo "lib-unit: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
