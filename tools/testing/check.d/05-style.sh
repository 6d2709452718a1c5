#!/bin/sh
# checkpatch.pl --strict on every C source and header of lib/, kernel/ and
# include/: one test per file. Needs the kernel source (unpacked by
# build-kernel.sh; only the unpack step runs here when nothing is cached).
set -u
cd "$(dirname "$0")/../../.."
cache="${SUIT_CACHE:-$HOME/.cache/linux-suit}"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
ksrc="$cache/linux-source-6.1-$srcver"
if [ ! -x "$ksrc/scripts/checkpatch.pl" ]; then
	tools/testing/uml/build-kernel.sh >/dev/null || { echo "style: 0 passed, 1 failed"; exit 1; }
fi

# Rules that cannot apply to an out-of-tree project with a dual-licensed
# lib/: the SPDX tag style for headers shared with userspace, and the
# kernel tree's own file list.
ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG

# include/suit/types.h is where lib/ gets the kernel's type names and
# attribute macros in userspace: it must spell out what it defines.
shim_ignore=PREFER_DEFINED_ATTRIBUTE_MACRO

pass=0; fail=0
for f in $(find lib kernel include -name '*.[ch]' 2>/dev/null | sort); do
	ign=$ignore
	[ "$f" != include/suit/types.h ] || ign="$ignore,$shim_ignore"
	out=$("$ksrc/scripts/checkpatch.pl" --no-tree --strict --quiet \
		--ignore "$ign" --show-types -f "$f" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok - checkpatch $f"
		echo "$out" | sed 's/^/#   /' | head -40
	fi
done
echo "style: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
