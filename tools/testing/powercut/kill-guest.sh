#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of kill.sh: block2mtd on three UML block devices (host
# files, so the flash survives the kill). $SUIT_ENV gives W, TOP, KBUILD
# and PHASE: setup (install k-1, confirm), cut (install k-2: the host
# kills UML meanwhile) or check (what runs now, then install k-3).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
# shellcheck source=/dev/null
. "$SUIT_ENV"
D=$W/suit_drive
S=/sys/class/misc/suit
P=/sys/module/suit/parameters

insmod "$KBUILD/drivers/mtd/devices/block2mtd.ko" block2mtd=/dev/ubda,16384,slot_a \
	block2mtd=/dev/ubdb,16384,slot_b block2mtd=/dev/ubdc,16384,meta
insmod "$W/suit.ko" vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe \
	class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45 components=814100:slot_a,slot_b \
	meta=meta boot_tries=2
$D addkey asymmetric "" "$W/key.der" >/dev/null

dev_of() {
	for m in /sys/class/mtd/mtd*; do
		case $m in *ro) continue ;; esac
		[ "$(cat "$m/name")" = "$1" ] && { echo "/dev/${m##*/}"; return; }
	done
}

runs() {	# envelope dir: its payload is in the active, valid slot
	a=$(cut -d' ' -f1 $S/active_slots)
	v=$(cut -d' ' -f1 $S/valid_slots)
	f=$1/payload-0.bin
	[ $((v & (1 << a))) -ne 0 ] &&
		cmp -s -n "$(stat -c %s "$f")" "$(dev_of "$([ "$a" = 0 ] && echo slot_a || echo slot_b)")" "$f"
}

case $PHASE in
setup)
	$D install "$W/k-1/env.suit" >/dev/null 2>&1 && echo 1 > $P/confirm &&
		runs "$W/k-1" && echo "KILL SETUP ok"
	;;
cut)
	echo "KILL GO"
	# PAUSE_AT > 0: the fetch stops 2 s at that payload offset (the host
	# kills meanwhile); otherwise CHUNK-byte writes slow the install down
	if [ "$PAUSE_AT" -gt 0 ]; then
		$D install "$W/k-2/env.suit" 4096 "$PAUSE_AT" 2 >/dev/null 2>&1
	else
		$D install "$W/k-2/env.suit" "$CHUNK" >/dev/null 2>&1
	fi && echo "KILL INSTALLED"
	;;
check)
	seq=$(cat $S/sequence)
	if [ "$seq" = 2 ] && runs "$W/k-2"; then
		r=new
		[ "$(cut -d' ' -f1 $P/boot_state)" = trial ] || r="BAD(new-not-trial)"
		echo 1 > $P/confirm
	elif [ "$seq" = 1 ] && runs "$W/k-1"; then
		r=old
	else
		r="BAD(seq=$seq $(cat $S/active_slots) $(cat $S/valid_slots))"
	fi
	if $D install "$W/k-3/env.suit" >/dev/null 2>&1 && runs "$W/k-3"; then
		:
	else
		r="$r+BAD(next)"
	fi
	echo "KILL RESULT $r"
	;;
esac
rmmod suit
rmmod block2mtd
poweroff -f
