#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot the linux-suit UML test kernel with the host's / as a read-only hostfs
# root and a given script as init.
#
#   boot.sh [-k KBUILD] [-t SECONDS] [-m MEM] [-e ENVFILE] -i INIT [ARG...]
#
#   -k KBUILD   UML build dir (default: the output of build-kernel.sh)
#   -t SECONDS  wall-clock limit; a hung kernel is killed (default 300)
#   -m MEM      guest memory (default 512M)
#   -e ENVFILE  file the init script sources (passed as SUIT_ENV=ENVFILE)
#   -i INIT     absolute path of the init script (run as PID 1 in UML)
#   ARG...      more kernel command-line arguments (e.g. mtdparts=...)
#
# The console goes to stdout, stdin is /dev/null. The exit status is 0 when
# the kernel halted by itself within the limit, 124 on a timeout, otherwise
# the kernel's status. The test verdict is in the output, not in the status:
# UML's exit status does not carry the init script's result.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
kbuild=""
tmo=300
mem=512M
envfile=""
init=""

while getopts k:t:m:e:i: o; do
	case $o in
	k) kbuild=$OPTARG ;;
	t) tmo=$OPTARG ;;
	m) mem=$OPTARG ;;
	e) envfile=$OPTARG ;;
	i) init=$OPTARG ;;
	*) echo "usage: boot.sh [-k KBUILD] [-t S] [-m MEM] [-e ENV] -i INIT [ARG...]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))

[ -n "$init" ] || { echo "boot.sh: -i INIT is required" >&2; exit 2; }
case $init in /*) ;; *) echo "boot.sh: INIT must be an absolute path" >&2; exit 2 ;; esac
[ -x "$init" ] || { echo "boot.sh: $init is not executable" >&2; exit 2; }
[ -n "$kbuild" ] || kbuild=$("$here/build-kernel.sh")
[ -x "$kbuild/linux" ] || { echo "boot.sh: no UML kernel at $kbuild/linux" >&2; exit 2; }

envarg=""
if [ -n "$envfile" ]; then
	case $envfile in /*) ;; *) envfile=$(pwd)/$envfile ;; esac
	envarg="SUIT_ENV=$envfile"
fi

# UML keeps guest memory in a file under TMPDIR; give every boot its own.
utmp=$(mktemp -d "${TMPDIR:-/tmp}/suit-uml.XXXXXX")
trap 'rm -rf "$utmp"' EXIT INT TERM

# `timeout` signals the whole process group, which catches UML's helper
# threads too; -k makes sure a kernel that ignores SIGTERM still dies.
rc=0
TMPDIR=$utmp timeout -k 10 "$tmo" "$kbuild/linux" \
	mem="$mem" root=/dev/root rootfstype=hostfs rootflags=/ ro \
	con=null con0=fd:0,fd:1 \
	init="$init" $envarg SUIT_KBUILD="$kbuild" "$@" </dev/null || rc=$?
if [ "$rc" -eq 124 ]; then
	echo "boot.sh: UML timed out after ${tmo}s (killed)"
fi
exit "$rc"
