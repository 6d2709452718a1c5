#!/bin/sh
# Build (or reuse) the UML test kernel.
#
# The build directory is cached under $SUIT_CACHE (default ~/.cache/linux-suit),
# keyed on a hash of the config fragment, the kernel source package and the
# test-rig patches (tools/testing/uml/patches/*.patch, applied to the unpacked
# source), so a second `make check` on the same machine reuses it. Prints
# the build dir.
#
# Usage: build-kernel.sh [--env] [EXTRA_FRAGMENT]
#   EXTRA_FRAGMENT is merged after suit.config (e.g. kasan.config) and is
#   part of the cache key, so each variant has its own build dir.
#   --env prints KSRC=... and KBUILD=... (shell assignments) and builds
#   nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
frag="$here/suit.config"
env_only=0
[ "${1:-}" != --env ] || { env_only=1; shift; }
extra="${1:-}"
[ -z "$extra" ] || [ -f "$extra" ] || { echo "build-kernel: no such fragment $extra" >&2; exit 2; }
cache="${SUIT_CACHE:-$HOME/.cache/linux-suit}"
tarball=/usr/src/linux-source-6.1.tar.xz

[ "$env_only" = 1 ] || [ -f "$tarball" ] ||
	{ echo "build-kernel: $tarball missing; run scripts/install-deps.sh" >&2; exit 1; }

srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
patches=$(ls "$here"/patches/*.patch 2>/dev/null | sort || true)
# shellcheck disable=SC2086
phash=$(cat /dev/null $patches | sha256sum | cut -c1-16)
key=$( (cat "$frag" ${extra:+"$extra"}; echo "$srcver $phash") | sha256sum | cut -c1-16)
ksrc="$cache/linux-source-6.1-$srcver"
kbuild="$cache/uml-$key"
if [ "$env_only" = 1 ]; then
	echo "KSRC=$ksrc"
	echo "KBUILD=$kbuild"
	exit 0
fi

mkdir -p "$cache"
if [ -f "$kbuild/.built" ] && [ -f "$ksrc/.unpacked" ] &&
   [ "$(cat "$ksrc/.patched" 2>/dev/null)" = "$phash" ]; then
	echo "$kbuild"
	exit 0
fi
# One build at a time per machine: concurrent callers wait, then reuse.
if [ -z "${SUIT_KBUILD_LOCKED:-}" ] && command -v flock >/dev/null; then
	SUIT_KBUILD_LOCKED=1 exec flock "$cache/.lock" "$0" "$@"
fi
# a tree patched with other patches is unpacked again
if [ -f "$ksrc/.patched" ] && [ "$(cat "$ksrc/.patched")" != "$phash" ]; then
	rm -f "$ksrc/.unpacked"
fi
if [ ! -f "$ksrc/.unpacked" ]; then
	echo "build-kernel: unpacking $tarball" >&2
	rm -rf "$ksrc" "$ksrc.tmp"
	mkdir -p "$ksrc.tmp"
	tar -xJf "$tarball" -C "$ksrc.tmp" --strip-components=1
	mv "$ksrc.tmp" "$ksrc"
	touch "$ksrc/.unpacked"
fi
if [ "$(cat "$ksrc/.patched" 2>/dev/null)" != "$phash" ]; then
	for p in $patches; do
		echo "build-kernel: applying $(basename "$p")" >&2
		patch -s -p1 -N -d "$ksrc" < "$p" >&2
	done
	echo "$phash" > "$ksrc/.patched"
fi

if [ -f "$kbuild/.built" ]; then
	echo "$kbuild"
	exit 0
fi

echo "build-kernel: building UML kernel in $kbuild (config $key)" >&2
mkdir -p "$kbuild"
allconfig="$kbuild/suit.allconfig"
cat "$frag" ${extra:+"$extra"} > "$allconfig"
make -s -C "$ksrc" O="$kbuild" ARCH=um KCONFIG_ALLCONFIG="$allconfig" allnoconfig >&2
# Check that every =y/=m line of the fragment survived olddefconfig.
# The last assignment of a symbol wins (an extra fragment may turn one off).
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$allconfig" | tac | awk -F= '!seen[$1]++' |
	grep -E '=[ym]$' | while read -r l; do
	grep -qx "$l" "$kbuild/.config" || echo "$l"
done)
if [ -n "$missing" ]; then
	echo "build-kernel: options dropped by Kconfig:" $missing >&2
	exit 1
fi
make -s -C "$ksrc" O="$kbuild" ARCH=um -j"$(nproc)" all >&2
touch "$kbuild/.built"
echo "$kbuild"
