#!/bin/sh
# Run the libFuzzer harnesses built by `make fuzz-build` ($B/fuzz/fuzz_*).
#
#   run.sh [-t SECONDS] [-s] [NAME...]
#
# NAME is a harness without the fuzz_ prefix (default: all). Each harness
# fuzzes for SECONDS (default 60) on tools/testing/fuzz/corpus/NAME/, which
# is only read: new interesting inputs go to $B/fuzz/new/NAME/ and crash
# inputs to $B/fuzz/artifacts/NAME/. Nothing is ever written into the tree.
#
# -s (smoke): first replay the committed corpus, then fuzz into a fresh
# scratch directory; print one result per harness and the line
# "fuzz-smoke: N passed, M failed"; exit 1 if any harness failed.
set -u
cd "$(dirname "$0")/../../.."
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
secs=60; smoke=0
while getopts "t:s" o; do
	case $o in
	t) secs=$OPTARG ;;
	s) smoke=1 ;;
	*) echo "usage: $0 [-t SECONDS] [-s] [NAME...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

names="$*"
if [ -z "$names" ]; then
	for f in tools/testing/fuzz/fuzz_*.c; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .c); names="$names ${n#fuzz_}"
	done
fi

passed=0; failed=0
for n in $names; do
	bin=$B/fuzz/fuzz_$n
	corpus=tools/testing/fuzz/corpus/$n
	art=$B/fuzz/artifacts/$n
	log=$B/fuzz/log/$n.log
	mkdir -p "$art" "$B/fuzz/log"
	if [ "$smoke" -eq 1 ]; then
		new=$B/fuzz/smoke/$n
		rm -rf "$new"
	else
		new=$B/fuzz/new/$n
	fi
	mkdir -p "$new"
	if [ ! -x "$bin" ]; then
		echo "fuzz_$n: not built ($bin)"
		failed=$((failed + 1))
		continue
	fi
	dirs=$new
	[ -d "$corpus" ] && dirs="$new $corpus"
	ok=1
	: > "$log"
	if [ "$smoke" -eq 1 ] && [ -d "$corpus" ]; then
		# Replay: execute every committed input once, no mutation.
		if ! "$bin" -runs=0 -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$art/" "$corpus" >> "$log" 2>&1; then
			ok=0
			echo "fuzz_$n: corpus replay failed"
		fi
	fi
	if [ "$ok" -eq 1 ]; then
		echo "fuzz_$n: fuzzing for ${secs}s"
		if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-print_final_stats=1 -artifact_prefix="$art/" \
			$dirs >> "$log" 2>&1; then
			ok=0
			echo "fuzz_$n: FAILED (crash inputs in $art/)"
		fi
	fi
	grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done )' "$log" |
		sed "s/^/fuzz_$n: /"
	if [ "$ok" -eq 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		grep -E 'ERROR:|runtime error:|SUMMARY:|Test unit written' "$log" | head -n 20
		echo "fuzz_$n: full log $log"
	fi
done

if [ "$smoke" -eq 1 ]; then
	echo "fuzz-smoke: $passed passed, $failed failed"
else
	echo "fuzz: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
