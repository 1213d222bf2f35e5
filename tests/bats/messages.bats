#!/usr/bin/env bats
# What the reader sees: errors after the lines that explain them (stdout
# and stderr in one pipe, as in a log or a terminal), "must be run as
# root" for everyone else, and a failed reload says what to run next.

load ../lib/common
load ../lib/live

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
}

nobody() {
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

@test "an error and the line that explains it reach the reader in order (one pipe for both)" {
	ka_make_system rhel9 "$root"
	printf 'Bogus yes\n' >"$root/etc/ssh/sshd_config.d/50-broken.conf"
	before=$(ka_tree_sum "$root")
	for prog in "$KA_HELPER --verbose apply" "$KA_TUNE --verbose --interval 5m"; do
		# shellcheck disable=SC2086
		run ka_live "$root" none $prog
		assert_failure 3
		assert_equal "$(ka_tree_sum "$root")" "$before"
		assert_line --index 0 --regexp "^[a-z-]+: include mode: the installed sshd's parser accepts Include$"
		assert_line --index 1 --regexp "^[a-z-]+: sshd already rejects /etc/ssh/sshd_config.d/50-broken.conf: line 1: Bad configuration option: Bogus$"
	done
}

@test "warnings come between the lines they belong to" {
	ka_make_system centos7 "$root"
	run "$KA_HELPER" --root "$root" --verbose apply
	assert_success
	assert_line --index 0 --partial "keepalive-helper: inline mode: "
	assert_line --index 1 --partial "keepalive-helper: warning: validation skipped: "
	assert_line --index 2 "keepalive-helper: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
}

@test "not root: 'must be run as root', exit 1, for anything but --help, --usage and --version" {
	ka_make_system centos7 "$root"
	chmod -R a+rX "$root"
	before=$(ka_tree_sum "$root")
	for args in "" "--status" "--interval 5m --root $root" "--root $root"; do
		# shellcheck disable=SC2086
		nobody "$KA_TUNE" $args
		assert_failure 1
		assert_output "ssh-keepalive-tune: must be run as root"
	done
	for args in "apply" "remove" "status" "--root $root status"; do
		# shellcheck disable=SC2086
		nobody "$KA_HELPER" $args
		assert_failure 1
		assert_output "keepalive-helper: must be run as root"
	done
	# a JSON report: the same line on stderr, and the error as JSON
	for args in "$KA_TUNE --json" "$KA_HELPER --json status"; do
		# shellcheck disable=SC2086
		run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups $args
		assert_failure 1
		assert_equal "$stderr" "$(basename "${args%% *}"): must be run as root"
		assert_output '{"error":{"file":null,"line":null,"message":"must be run as root"}}'
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
	for prog in "$KA_TUNE" "$KA_HELPER"; do
		for args in --help --usage --version; do
			nobody "$prog" "$args"
			assert_success
			refute_output --partial "must be run as root"
		done
	done
}

@test "a failed reload (exit 4) says what to run next: systemd" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	touch "$KA_MOCK/reload-fails"
	run ka_live "$root" systemd "$KA_TUNE" --interval 400
	assert_failure 4
	assert_line "ssh-keepalive-tune: reloading sshd failed (exit 1): Job for sshd.service failed."
	assert_line "ssh-keepalive-tune: the files are written and valid; fix what the reload reported, then run: systemctl reload sshd.service"
}

@test "a failed reload (exit 4) says what to run next: SysV (EL6)" {
	ka_make_system centos6 "$root"
	ka_mock_sshd running
	touch "$KA_MOCK/reload-fails"
	run ka_live "$root" sysv "$KA_HELPER" apply
	assert_failure 4
	assert_line "keepalive-helper: reloading sshd failed (exit 1): Reloading sshd: [FAILED]"
	assert_line "keepalive-helper: the files are written and valid; fix what the reload reported, then run: service sshd reload"
}
