#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The power-cut sweep inside UML (PID 1), started by run.sh through
# tools/testing/uml/boot.sh. $SUIT_ENV gives W (work dir with envelopes),
# TOP, KBUILD, SAMPLE (0: every cut point, K: every K-th plus the last two),
# SCEN (scenarios to run). Output lines: "PC PASS|FAIL ...", "PC CUT ...".
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs none /mnt
# shellcheck source=/dev/null
. "$SUIT_ENV"

D=$W/suit_drive
S=/sys/class/misc/suit
P=/sys/module/suit/parameters
IDS="vendor_id=fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe class_id=1492af14-2569-5e48-bf42-9b2d51f2ab45"
COMPS="components=814100:slot_a,slot_b;814101:inplace;8241004101:slot_c,slot_d"
TRIES=2
pass=0
fail=0

t() {
	if [ "$1" = "$2" ]; then
		pass=$((pass + 1)); echo "PC PASS $3"
	else
		fail=$((fail + 1)); echo "PC FAIL $3: got '$1' want '$2'"
	fi
}

dev_of() {	# partition name -> /dev/mtdN
	for m in /sys/class/mtd/mtd*; do
		case $m in *ro) continue ;; esac
		[ "$(cat "$m/name")" = "$1" ] && { echo "/dev/${m##*/}"; return; }
	done
}

flash_fresh() {
	rmmod suit 2>/dev/null
	rmmod mtdram 2>/dev/null
	insmod "$KBUILD/drivers/mtd/devices/mtdram.ko" total_size=4096 erase_size=16
}

# "boot": load suit.ko (the load-time boot decision runs) with a fresh keyring;
# writes are journaled at every 16 KiB erase block
boot() {
	rmmod suit 2>/dev/null
	insmod "$W/suit.ko" $IDS "$COMPS" meta=meta boot_tries=$TRIES \
		resume_every_kib=16 "$@" || return 1
	$D addkey asymmetric "" "$W/key.der" >/dev/null
}

field() {	# field N of a sysfs file
	cut -d' ' -f"$2" "$1"
}

slot_name() {	# component index, slot -> partition
	case $1:$2 in
	0:0) echo slot_a ;; 0:1) echo slot_b ;;
	1:*) echo inplace ;;
	2:0) echo slot_c ;; 2:1) echo slot_d ;;
	esac
}

# content of envelope dir $1 is what the device runs: every component's
# active slot is valid and holds payload-i.bin. Prints ok or the reason.
runs() {
	while read -r i c; do
		a=$(field $S/active_slots $((c + 1)))
		v=$(field $S/valid_slots $((c + 1)))
		[ $((v & (1 << a))) -ne 0 ] || { echo "comp$c-slot$a-invalid"; return; }
		f=$1/payload-$i.bin
		cmp -s -n "$(stat -c %s "$f")" "$(dev_of "$(slot_name "$c" "$a")")" "$f" ||
			{ echo "comp$c-content"; return; }
	done < "$1/map"
	echo ok
}

# cmp_bb DEV FILE [BAD]: FILE is at the start of DEV, erase block BAD
# (16 KiB NAND blocks) skipped
cmp_bb() {
	# nandsim's bitflips= flips bits on read: an uncorrectable read of
	# ours is noise, so a match on any of five reads counts
	for _ in 1 2 3 4 5; do
		cmp_bb1 "$@" && return 0
	done
	return 1
}

cmp_bb1() {
	n=$(stat -c %s "$2")
	[ -n "$3" ] || { cmp -s -n "$n" "$1" "$2"; return; }
	h=$(($3 * 16384))
	cmp -s -n "$h" "$1" "$2" && cmp -s -n $((n - h)) "$1" "$2" $((h + 16384)) "$h"
}

# What the device runs after the cut: old, new, interrupted (in place,
# reported) or BAD.
classify() {	# old new
	seq=$(cat $S/sequence)
	if [ "$seq" = "$(cat "$2/seq")" ] && [ "$(runs "$2")" = ok ]; then
		echo new
	elif [ "$seq" = "$(cat "$1/seq")" ] && [ "$(runs "$1")" = ok ]; then
		echo old
	elif [ "$seq" = "$(cat "$1/seq")" ] &&
	     [ "$(field $P/boot_state 4)" = "interrupted=0x2" ] &&
	     [ $(( $(field $S/valid_slots 2) & 1 )) -eq 0 ]; then
		echo interrupted
	else
		echo "BAD(seq=$seq old:$(runs "$1") new:$(runs "$2") $(cat $P/boot_state))"
	fi
}

# One cut point: fresh flash, old installed and confirmed, power cut after
# $4 flash operations of the install of new, boot, check, install next.
cut_point() {	# old new next k
	flash_fresh
	boot
	$D install "$1/env.suit" >/dev/null 2>&1 || { echo BASE; return; }
	echo 1 > $P/confirm
	echo 0 > $P/fault_ops
	echo "$4" > $P/fault_cut_after
	$D install "$2/env.suit" >/dev/null 2>&1
	r=$?
	ops=$(cat $P/fault_ops)
	boot
	c=$(classify "$1" "$2")
	# the install reports success only when the new image is committed
	if [ $r = 0 ] && [ "$c" != new ]; then
		c="BAD(install-ok-but-$c)"
	fi
	# an interrupted in-place install (or an A/B one with a journal): the
	# same envelope again continues it from the journaled offset and the
	# device then runs the new image
	jr=$(field $P/boot_state 5)
	if [ "$c" = interrupted ] || { [ "$c" = old ] && [ "$jr" != resumable=0x0 ]; }; then
		out=$($D install "$2/env.suit" 2>&1)
		r=$?
		off=$(echo "$out" | sed -n 's/^fetch 1: .* offset \([0-9]*\)$/\1/p')
		boot
		was=$c
		c=$(classify "$1" "$2")
		if [ $r = 0 ] && [ "$c" = new ]; then
			[ "$was" = old ] && c="old+resumed@${off:-none}" ||
				c="resumed@${off:-none}"
			echo 1 > $P/confirm
		else
			c="BAD(resume-r$r-$c)"
		fi
	fi
	case $c in
	new)
		st=$(field $P/boot_state 1)
		if grep -q ' [02]$' "$2/map"; then
			[ "$st" = trial ] || c="BAD(new-not-trial:$st)"
		fi
		echo 1 > $P/confirm ;;
	esac
	# the device accepts the next update
	if $D install "$3/env.suit" >/dev/null 2>&1; then
		boot
		[ "$(cat $S/sequence)" = "$(cat "$3/seq")" ] && [ "$(runs "$3")" = ok ] ||
			c="$c+BAD(next-content)"
		echo 1 > $P/confirm
	else
		c="$c+BAD(next-refused)"
	fi
	echo "$c $ops"
}

sweep() {	# name old new next
	flash_fresh
	boot
	$D install "$2/env.suit" >/dev/null 2>&1
	echo 1 > $P/confirm
	echo 0 > $P/fault_ops
	$D install "$3/env.suit" >/dev/null 2>&1
	total=$(cat $P/fault_ops)
	echo "PC OPS $1 $total"
	k=0
	while [ $k -le "$total" ]; do
		if [ "$SAMPLE" -gt 0 ] && [ $((k % SAMPLE)) -ne 0 ] &&
		   [ $k -lt $((total - 1)) ]; then
			k=$((k + 1)); continue
		fi
		out=$(cut_point "$2" "$3" "$4" $k)
		res=${out% *}
		case $res in
		old|new|resumed@[0-9]*|old+resumed@[0-9]*) echo "PC CUT $1 $k/$total ok $res" ;;
		*) echo "PC CUT $1 $k/$total FAIL $out" ;;
		esac
		k=$((k + 1))
	done
}

for s in $SCEN; do
	sweep "$s" "$W/$s-1" "$W/$s-2" "$W/$s-3"
done

# ---- cuts in the boot decision and in confirm -------------------------
# Each is one record store (erase, write): cut before either (k = 0, 1),
# boot again, and the decision must be made again (or the confirm lost,
# the trial still running), never half of it.
trial_setup() {	# fresh flash: ab-1 confirmed, ab-2 installed (trial)
	flash_fresh
	boot
	$D install "$W/ab-1/env.suit" >/dev/null 2>&1 && echo 1 > $P/confirm &&
		$D install "$W/ab-2/env.suit" >/dev/null 2>&1
}
bcut() {	# name k got want
	if [ "$3" = "$4" ]; then
		echo "PC CUT $1 $2/2 ok $(echo "$4" | cut -d' ' -f1)"
	else
		echo "PC CUT $1 $2/2 FAIL got '$3' want '$4'"
	fi
}
if [ "$PROTO" = 1 ]; then
	for k in 0 1; do
		trial_setup
		boot fault_cut_after=$k
		boot
		bcut boot-count $k "$(field $P/boot_state 1-2) $(runs "$W/ab-2")" \
			"trial tries=1/$TRIES ok"
		trial_setup
		boot; boot
		boot fault_cut_after=$k
		boot
		bcut boot-rollback $k "$(field $P/boot_state 1) $(runs "$W/ab-1")" "rolled-back ok"
		trial_setup
		boot
		echo 0 > $P/fault_ops
		echo $k > $P/fault_cut_after
		echo 1 > $P/confirm 2>/dev/null
		boot
		r="$(field $P/boot_state 1-2) $(runs "$W/ab-2")"
		echo 1 > $P/confirm
		boot
		bcut confirm $k "$r $(field $P/boot_state 1) $(runs "$W/ab-2")" \
			"trial tries=2/$TRIES ok confirmed ok"
	done
fi

# ---- the boot protocol (not a cut sweep) ------------------------------
if [ "$PROTO" = 1 ]; then
	flash_fresh
	boot
	$D install "$W/ab-1/env.suit" >/dev/null 2>&1; t $? 0 proto-install-1
	echo 1 > $P/confirm
	$D install "$W/ab-2/env.suit" >/dev/null 2>&1; t $? 0 proto-install-2
	t "$(field $P/boot_state 1) $(field $S/active_slots 1)" "trial 0" proto-trial-after-commit
	boot; t "$(field $P/boot_state 1-2)" "trial tries=1/$TRIES" proto-trial-boot-1
	# the write to the parameter fails when the confirm record is not stored
	if echo 1 > $P/confirm; then r=0; else r=1; fi
	t $r 0 proto-confirm
	t "$(field $P/boot_state 1)" confirmed proto-confirmed
	boot; boot; boot
	t "$(field $P/boot_state 1) $(field $S/active_slots 1) $(runs "$W/ab-2")" "confirmed 0 ok" proto-confirmed-stays
	$D install "$W/ab-3/env.suit" >/dev/null 2>&1; t $? 0 proto-install-3
	boot; t "$(field $P/boot_state 1-2)" "trial tries=1/$TRIES" proto-unconfirmed-1
	boot; t "$(field $P/boot_state 1-2)" "trial tries=2/$TRIES" proto-unconfirmed-2
	boot; t "$(field $P/boot_state 1) $(field $S/active_slots 1) $(runs "$W/ab-2")" \
		"rolled-back 0 ok" proto-rolled-back
	boot; t "$(field $P/boot_state 1) $(field $S/active_slots 1)" "rolled-back 0" proto-rollback-stable
	# the bootloader's reader (tools/bootmeta) sees the same record
	dd if="$(dev_of meta)" of=/mnt/meta.img bs=16k count=2 2>/dev/null
	$W/suit-bootmeta /mnt/meta.img 16384 > /mnt/bm.txt
	t "$(grep -c '^boot=rolled-back tries=0' /mnt/bm.txt) $(grep '^comp0 ' /mnt/bm.txt | cut -d' ' -f2-3) $(grep -o 'sequence=[0-9]*' /mnt/bm.txt)" \
		"1 active=0 valid=3 sequence=3" proto-bootmeta-reads-rollback
	echo 1 > $P/confirm; t "$(field $P/boot_state 1)" rolled-back proto-confirm-after-rollback-noop
	# atomic: both components switch, and both roll back, together
	$D install "$W/pa-1/env.suit" >/dev/null 2>&1; t $? 0 proto-atomic-install-1
	echo 1 > $P/confirm
	$D install "$W/pa-2/env.suit" >/dev/null 2>&1; t $? 0 proto-atomic-install-2
	t "$(runs "$W/pa-2") $(field $P/boot_state 1) $(field $P/boot_state 3)" "ok trial trial=0x5" proto-atomic-trial-both
	boot; boot; boot
	t "$(runs "$W/pa-1") $(field $S/active_slots 1) $(field $S/active_slots 3) $(field $P/boot_state 1)" \
		"ok 1 1 rolled-back" proto-atomic-rolled-back-both
	# boot_tries=0: a commit is final at once
	TRIES=0
	boot
	$D install "$W/ab-4/env.suit" >/dev/null 2>&1; t $? 0 proto-no-trial-install
	boot; t "$(field $P/boot_state 1) $(runs "$W/ab-4")" "confirmed ok" proto-no-trial
	TRIES=2
fi

# ---- NAND: bad blocks and bit flips during install --------------------
if [ "$NAND" = 1 ]; then
	rmmod suit 2>/dev/null; rmmod mtdram 2>/dev/null
	N="NAND simulator partition"
	# nd-1 goes to slot 1 (blocks 64-127), nd-2 to slot 0 (blocks 0-63)
	for case in "badblocks=3,70 ok" "bitflips=1 ok" "bitflips=3 any" \
	    "badblocks=$(seq -s, 8 63) fail"; do
		want=${case##* }
		bb0=""	# bad block of partition 0 (slot 0) that suit.ko skips
		case $case in badblocks=3,*) bb0=3 ;; esac
		case=${case% *}
		tag=nand-$(echo "$case" | cut -c1-12)
		insmod "$KBUILD/drivers/mtd/nand/raw/nandsim.ko" parts=64,64,64 $case
		insmod "$W/suit.ko" $IDS "components=\"814100:$N 0,$N 1\"" "meta=\"$N 2\"" ||
			{ t insmod-failed ok "$tag"; rmmod nandsim; continue; }
		$D addkey asymmetric "" "$W/key.der" >/dev/null
		# (with read-side bit flips an install may fail cleanly: retry)
		for _ in 1 2 3; do
			$D install "$W/nd-1/env.suit" >/dev/null 2>&1 && break
		done
		t "$(cat $S/sequence)" 1 "$tag-first-install"
		echo 1 > $P/confirm
		$D install "$W/nd-2/env.suit" >/dev/null 2>&1; r2=$?
		a2=$(field $S/active_slots 1)
		# ok: must install; fail: must fail cleanly; any: either of them
		if [ $r2 = 0 ]; then
			f=$W/nd-2/payload-0.bin
			cmp_bb "$(dev_of "$N $a2")" "$f" "$bb0"; ok=$?
			got="installed $ok $a2 $(cat $S/sequence)"
		else
			cmp_bb "$(dev_of "$N 1")" "$W/nd-1/payload-0.bin" ""; ok=$?
			got="failed $ok $a2 $(cat $S/sequence) $(cat $S/valid_slots)"
		fi
		case $want:$r2 in
		ok:*|any:0) exp="installed 0 0 2" ;;
		*) exp="failed 0 1 1 0x2" ;;
		esac
		t "$got" "$exp" "$tag-$want"
		# and the result survives a reboot
		rmmod suit
		insmod "$W/suit.ko" $IDS "components=\"814100:$N 0,$N 1\"" "meta=\"$N 2\""
		t "$(field $S/active_slots 1)" "$a2" "$tag-after-reboot"
		rmmod suit; rmmod nandsim
	done
fi
echo "PC DONE pass=$pass fail=$fail"
poweroff -f
