#!/usr/bin/env bats
# What --root accepts: a directory.  An empty name, a missing path or a
# file is a usage error (exit 2, one line, nothing changed); a directory
# that is the running system's / is the running system, exactly as with
# no --root.  Run in private namespaces (tests/lib/live.bash): /etc/ssh
# is the test tree, so a bug that edits "the live system" edits that.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/live

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
}

# refused ROOT WANT: both programs, with a change and with a report,
# refuse --root ROOT with exit 2 and the one line PROG: WANT.
refused() {
	local args
	for args in "$KA_TUNE --interval 7m" "$KA_TUNE --status" \
		"$KA_HELPER apply" "$KA_HELPER status"; do
		set -- $args
		run --separate-stderr ka_live "$root" systemd "$1" --root "$ROOT" "${@:2}"
		assert_failure 2
		assert_equal "$output" ""
		assert_equal "$stderr" "${1##*/}: --root: $WANT"
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output ""
}

@test "--root '' is refused by both programs: exit 2, one line, the live files untouched" {
	ROOT='' WANT="an empty name; give the directory the image is mounted at" refused
}

@test "a --root that does not exist is refused by both programs: exit 2, one line" {
	ROOT="$BATS_TEST_TMPDIR/nowhere" WANT="$BATS_TEST_TMPDIR/nowhere: No such file or directory" refused
}

@test "a --root that is a file is refused by both programs: exit 2, one line" {
	touch "$BATS_TEST_TMPDIR/file"
	ROOT="$BATS_TEST_TMPDIR/file" WANT="$BATS_TEST_TMPDIR/file: Not a directory" refused
}

@test "ka-engine refuses an empty --root too" {
	run --separate-stderr "$KA_ENGINE" --root '' effective /etc/ssh/sshd_config
	assert_failure 2
	assert_equal "$stderr" "ka-engine: --root: an empty name; give the directory the image is mounted at"
}

@test "--root / is the running system: ssh-keepalive-tune reloads the running sshd" {
	run ka_live "$root" systemd "$KA_TUNE" --root / --interval 7m
	assert_success
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "a --root that resolves to / (/etc/..) is the running system for keepalive-helper" {
	run ka_live "$root" systemd "$KA_HELPER" --root /etc/.. apply
	assert_success
	assert_line "keepalive-helper: reloaded sshd; open sessions keep running"
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/stock/rhel8.include"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "--status with --root / asks the running sshd, as without --root" {
	run ka_live "$root" systemd "$KA_TUNE" --root / --status
	assert_success
	assert_line --regexp '^sshd: /usr/bin/systemctl is-active sshd.service: running'
	run ka_live "$root" systemd "$KA_HELPER" --root // status
	assert_success
	assert_line --regexp '^sshd: /usr/bin/systemctl is-active sshd.service: running'
}
