#!/bin/sh
# Print the UML kernel source and build directories, as shell assignments:
#   KSRC=/root/.cache/linux-suit/linux-source-6.1-<ver>
#   KBUILD=/root/.cache/linux-suit/uml-<key>
# As build-kernel.sh --env derives them (same cache, same key), without
# building anything. Use: eval "$(tools/testing/uml/kernel-env.sh)".
# With --build, run build-kernel.sh first (under the cache lock) so that
# KBUILD exists. SUIT_KBUILD=<dir> overrides KBUILD (e.g. an older build
# while a new one is being made).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache="${SUIT_CACHE:-$HOME/.cache/linux-suit}"

if [ "${1:-}" = "--build" ] && [ -z "${SUIT_KBUILD:-}" ]; then
	mkdir -p "$cache"
	flock "$cache/.lock" "$here/build-kernel.sh" >/dev/null
fi
# the one derivation of both directories is build-kernel.sh's
dirs=$("$here/build-kernel.sh" --env)
echo "$dirs" | grep '^KSRC='
if [ -n "${SUIT_KBUILD:-}" ]; then
	echo "KBUILD=$SUIT_KBUILD"
else
	echo "$dirs" | grep '^KBUILD='
fi
