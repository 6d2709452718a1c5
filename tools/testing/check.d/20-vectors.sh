#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# vectors: the public SUIT test vectors run through `suit-tool process` on
# the simulated device, one process per case of
# tools/testing/vectors/cases.tsv (expected exit status, report reason,
# failing record, final component contents, report structure; rejected
# cases must leave --state byte-for-byte unchanged).
#
# SUIT_VECTORS overrides the vector directory (default ../shared/vectors beside the checkout);
# SUIT_VECTORS_VALGRIND=1 runs every suit-tool process under valgrind.
# Full log: $B/check/vectors/run.log
set -u
cd "$(dirname "$0")/../../.."
SRCTREE=$(pwd)
B=${B:-$SRCTREE/build}
export SRCTREE B
VECTORS=${SUIT_VECTORS:-$SRCTREE/../shared/vectors}
logdir=$B/check/vectors
mkdir -p "$logdir"

ncases=$(grep -cv -E '^(#|[[:space:]]*$)' tools/testing/vectors/cases.tsv)

if [ ! -d "$VECTORS" ]; then
	echo "vectors: $VECTORS not found (set SUIT_VECTORS); $ncases cases cannot run"
	echo "vectors: 0 passed, $ncases failed"
	exit 1
fi
if ! command -v python3 > /dev/null 2>&1; then
	echo "vectors: python3 is needed by the runner (scripts/install-deps.sh installs it)"
	echo "vectors: 0 passed, 1 failed"
	exit 1
fi
if ! make -s suit-tool > "$logdir/build.log" 2>&1; then
	tail -n 40 "$logdir/build.log"
	echo "vectors: building suit-tool failed"
	echo "vectors: 0 passed, 1 failed"
	exit 1
fi

tool=$B/suit-tool
if [ "${SUIT_VECTORS_VALGRIND:-0}" = 1 ]; then
	if ! command -v valgrind > /dev/null 2>&1; then
		echo "vectors: SUIT_VECTORS_VALGRIND=1 but valgrind is not installed"
		echo "vectors: 0 passed, 1 failed"
		exit 1
	fi
	# Memory errors and definite leaks make the tool exit 99: a bad exit.
	tool=$logdir/suit-tool-valgrind
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$@"\n' \
		"$B/suit-tool" > "$tool"
	chmod +x "$tool"
fi

python3 tools/testing/vectors/run_vectors.py --tool "$tool" \
	--vectors "$VECTORS" > "$logdir/run.log" 2>&1
rc=$?
cat "$logdir/run.log"
if ! grep -qE '^vectors: [0-9]+ passed, [0-9]+ failed' "$logdir/run.log"; then
	echo "vectors: 0 passed, 1 failed"
	exit 1
fi
exit $rc
