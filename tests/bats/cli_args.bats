#!/usr/bin/env bats
# The command lines of ssh-keepalive-tune and keepalive-helper as popt
# reads them: an option given twice, a verb missing or doubled, options
# that mean nothing with a verb.  Every refusal is exit 2, one line, and
# nothing changed on disk.

bats_require_minimum_version 1.5.0
load ../lib/common

setup() {
	root="$BATS_TEST_TMPDIR/root"
	other="$BATS_TEST_TMPDIR/other"
	ka_make_system centos7 "$root"
	ka_make_system centos7 "$other"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	"$KA_HELPER" --root "$other" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	before_other=$(ka_tree_sum "$other")
}

assert_unchanged() {
	assert_equal "$(ka_tree_sum "$root")" "$before"
	assert_equal "$(ka_tree_sum "$other")" "$before_other"
}

# refused PROG ARGS...: exit 2, one line, nothing changed.
refused() {
	run "$@"
	assert_failure 2
	assert_equal "${#lines[@]}" 1
	assert_unchanged
}

@test "tune: an option given twice with two values is refused, naming both, instead of silently taking the last" {
	refused "$KA_TUNE" --root "$root" --interval 300 --interval 400
	assert_output "ssh-keepalive-tune: --interval given twice, '300' and '400': give it once (see --help)"
	refused "$KA_TUNE" --root "$root" -i300 --interval=400
	refused "$KA_TUNE" --root "$root" --count-max 3 -c 5
	refused "$KA_TUNE" --root "$root" --tcp-keepalive yes --tcp-keepalive no
	refused "$KA_TUNE" --root "$root" --nat-timeout 350 --nat-timeout 240
	refused "$KA_TUNE" --root "$root" --mode inline --mode include
	assert_output "ssh-keepalive-tune: --mode given twice, 'inline' and 'include': give it once (see --help)"
}

@test "tune: --root given twice with two images is refused: neither image changes" {
	refused "$KA_TUNE" --root "$root" --root "$other" --interval 300
	assert_output --partial "--root given twice"
}

@test "tune: the same value given twice is taken, once" {
	run "$KA_TUNE" --root "$root" -i300 --interval=300
	assert_success
	grep -qx 'ClientAliveInterval 300' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "helper: --root given twice with two images is refused: neither image changes" {
	refused "$KA_HELPER" --root "$root" --root "$other" remove
	assert_output "keepalive-helper: --root given twice, '$root' and '$other': give it once (see --help)"
	refused "$KA_HELPER" --root "$root" --mode inline --mode include apply
}

@test "helper: an unknown option or --version after --root: exit 2 (or 0), one line, nothing left allocated" {
	refused "$KA_HELPER" --root "$root" --frob apply
	assert_output "keepalive-helper: --frob: unknown option"
	run "$KA_HELPER" --root "$root" --mode inline --version
	assert_success
	assert_output --regexp '^keepalive-helper \(ssh-keepalive\) [0-9.]+$'
}

@test "helper: a missing, unknown or second verb is one line that names it, exit 2" {
	refused "$KA_HELPER" --root "$root"
	assert_output "keepalive-helper: say one of apply, remove or status (see --help)"
	refused "$KA_HELPER" --root "$root" APPLY
	assert_output "keepalive-helper: 'APPLY' is not apply, remove or status (see --help)"
	refused "$KA_HELPER" --root "$root" apply remove
	assert_output "keepalive-helper: one verb at a time: apply, then 'remove' (see --help)"
	refused "$KA_HELPER" --root "$root" --json apply
	assert_output "keepalive-helper: --json goes with status only (see --help)"
}

@test "helper: --no-reload with status is refused as tune refuses it: a report reloads nothing" {
	refused "$KA_HELPER" --root "$root" --no-reload status
	assert_output "keepalive-helper: --no-reload goes with apply or remove (see --help)"
	refused "$KA_TUNE" --root "$root" --no-reload --status
}

@test "-h is help in both programs, the same text as --help, exit 0; nothing changed" {
	for prog in "$KA_TUNE" "$KA_HELPER"; do
		run "$prog" --help
		assert_success
		help=$output
		assert_line --partial "-h, --help"
		run "$prog" -h
		assert_success
		assert_equal "$output" "$help"
		run "$prog" -\?
		assert_success
		assert_equal "$output" "$help"
	done
	assert_unchanged
}

@test "-n means --dry-run or nothing: keepalive-helper refuses it instead of writing without a reload" {
	refused "$KA_HELPER" --root "$root" -n apply
	assert_output "keepalive-helper: -n: unknown option"
	run "$KA_TUNE" --root "$root" -n --interval 300
	assert_success
	assert_output --partial "+ClientAliveInterval 300"
	assert_unchanged
	run "$KA_HELPER" --help
	refute_output --partial "-n,"
}
