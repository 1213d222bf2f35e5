#!/usr/bin/env bats
# The shipped (non-sanitizer) build under valgrind: no memory error and
# no definite or indirect leak on the main paths of both programs.

load ../lib/common
load ../lib/rpmdb

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system centos7 "$root"
}

vg() {
	run valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$@"
	[ "$status" -ne 99 ] || fail "valgrind found errors: $output"
}

@test "valgrind: helper apply, status and remove on an image root" {
	vg "$KA_BUILD/keepalive-helper" --root "$root" apply
	assert_success
	vg "$KA_BUILD/keepalive-helper" --root "$root" --json status
	assert_success
	vg "$KA_BUILD/keepalive-helper" --root "$root" remove
	assert_success
}

@test "valgrind: tune with every kind of change, dry run and report" {
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --interval 5m --dry-run
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --interval 1h --count-max 3 --tcp-keepalive no
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --reset
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --status
	assert_success
}

@test "valgrind: bad values and bad options" {
	vg "$KA_BUILD/ssh-keepalive-tune" --interval=1.5
	assert_failure 2
	vg "$KA_BUILD/ssh-keepalive-tune" --frob
	assert_failure 2
	vg "$KA_BUILD/keepalive-helper" frob
	assert_failure 2
}

@test "valgrind: the librpm mode decision" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root"
	assert_success
	assert_line --partial "openssh-server 8.0p1-13.el8 understands Include"
}

@test "valgrind: keepalive-rpmq, found and not found" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	vg "$KA_BUILD/keepalive-rpmq" --root "$root" openssh-server
	assert_success
	vg "$KA_BUILD/keepalive-rpmq" --root "$root" no-such-package
	assert_failure 1
}
