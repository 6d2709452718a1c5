#!/bin/sh
# Print the UML kernel source and build directories, as shell assignments:
#   KSRC=/root/.cache/linux-suit/linux-source-6.1-<ver>
#   KBUILD=/root/.cache/linux-suit/uml-<key>
# Derived exactly as build-kernel.sh derives them (same cache, same key),
# without building anything. Use: eval "$(tools/testing/uml/kernel-env.sh)".
# With --build, run build-kernel.sh first (under the cache lock) so that
# KBUILD exists. SUIT_KBUILD=<dir> overrides KBUILD (e.g. an older build
# while a new one is being made).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
frag="$here/suit.config"
cache="${SUIT_CACHE:-$HOME/.cache/linux-suit}"

if [ "${1:-}" = "--build" ] && [ -z "${SUIT_KBUILD:-}" ]; then
	mkdir -p "$cache"
	flock "$cache/.lock" "$here/build-kernel.sh" >/dev/null
fi
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
key=$( (cat "$frag"; echo "$srcver") | sha256sum | cut -c1-16)
echo "KSRC=$cache/linux-source-6.1-$srcver"
echo "KBUILD=${SUIT_KBUILD:-$cache/uml-$key}"
