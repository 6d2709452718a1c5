# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the check.d suites that run kernel/tests/uml-smoke.sh.
#
# smoke_modes LOGDIR LABEL MODE...: run the smoke test once per MODE (nor
# or nand), log each run to LOGDIR/MODE.log, show its failures, and add
# its counts to $tp and $tf. A run with no count line, or one that exits
# non-zero with no failure counted, counts as one failure.
smoke_modes() {
	_dir=$1; _label=$2; shift 2
	for _mode in "$@"; do
		_arg=""
		[ "$_mode" = nor ] || _arg=--nand
		sh kernel/tests/uml-smoke.sh $_arg > "$_dir/$_mode.log" 2>&1
		_rc=$?
		grep -E 'SMOKE (FAIL|SKIP)|^not ok|KASAN|BUG:' "$_dir/$_mode.log" | head -n 20
		_line=$(grep -E '^kernel-smoke: [0-9]+ passed, [0-9]+ failed' "$_dir/$_mode.log" | tail -n 1)
		if [ -z "$_line" ]; then
			tail -n 20 "$_dir/$_mode.log"
			tf=$((tf + 1))
			continue
		fi
		_p=$(echo "$_line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
		_f=$(echo "$_line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
		[ "$_rc" -eq 0 ] || [ "$_f" -gt 0 ] || _f=1
		echo "$_mode$_label: $_line"
		tp=$((tp + _p)); tf=$((tf + _f))
	done
}
