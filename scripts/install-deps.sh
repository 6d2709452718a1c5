#!/bin/sh
# Install the Debian bookworm packages that build and test linux-suit.
# Idempotent: packages already present are skipped, so a warm machine
# pays only for a dpkg query.
set -eu

PKGS="build-essential bc bison flex libelf-dev libssl-dev openssl \
libcbor-dev libjansson-dev keyutils mtd-utils sparse python3 \
linux-source-6.1 xz-utils clang llvm libclang-rt-14-dev valgrind \
device-tree-compiler kmod cpio patch \
python3-cbor2 python3-cryptography"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
