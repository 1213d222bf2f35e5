#!/usr/bin/env bats
# The shipped (non-sanitizer) build under valgrind: no memory error and
# no definite or indirect leak on the main paths of both programs.

load ../lib/common
load ../lib/rpmdb
load ../lib/live

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

@test "valgrind: the client side: on, report, json, off, and the helper" {
	cp "$KA_FIXTURES/stock/client/centos7.conf" "$root/etc/ssh/ssh_config"
	mkdir -p "$root/usr/bin"
	printf 'x\0OpenSSH_7.4p1\0' >"$root/usr/bin/ssh"   # read, never run
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --client --nat-timeout 5m --dry-run
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --client --interval 300
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --client --host x
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --client --json
	assert_success
	vg "$KA_BUILD/keepalive-helper" --root "$root" --client apply
	assert_success
	vg "$KA_BUILD/keepalive-helper" --root "$root" --client remove
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --client --count-max 0
	assert_failure 2
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
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --verbose
	assert_success
	assert_line --partial "openssh-server 8.0p1-13.el8 understands Include"
}

# vg_live CMD...: vg, inside ka_live (the test tree as /etc/ssh).
vg_live() {
	run ka_live "$root" none valgrind -q --leak-check=full \
		--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 "$@"
	[ "$status" -ne 99 ] || fail "valgrind found errors: $output"
}

@test "valgrind: changes the real sshd validates in a private namespace, exit 5, the JSON report" {
	ka_make_system rhel9 "$root"
	printf 'ClientAliveCountMax 3\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	vg_live "$KA_BUILD/keepalive-helper" apply
	assert_failure 5
	assert_line --partial "sshd keeps using 3 from /etc/ssh/sshd_config.d/00-local.conf:1"
	printf 'Bogus yes\n' >"$root/etc/ssh/sshd_config.d/50-broken.conf"
	vg_live "$KA_BUILD/ssh-keepalive-tune" --interval 5m
	assert_failure 3
	assert_line --partial "sshd already rejects /etc/ssh/sshd_config.d/50-broken.conf: line 1"
	vg_live "$KA_BUILD/ssh-keepalive-tune" --json
	assert_success
}

@test "valgrind: --nat-timeout, its refusal, and apply deriving the interval again" {
	ka_rpmdb_openssh "$root" 8.7p1 38.el9
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --nat-timeout 350
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --nat-timeout 2
	assert_failure 2
	sed -i 's/^ClientAliveInterval 315$/ClientAliveInterval 300/' \
		"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	vg "$KA_BUILD/keepalive-helper" --root "$root" apply
	assert_success
	printf '# nat-timeout 240\n' >>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	vg "$KA_BUILD/keepalive-helper" --root "$root" apply
	assert_success
	vg "$KA_BUILD/ssh-keepalive-tune" --root "$root" --json
	assert_success
	assert_output --partial '"nat_timeout":{"timeout":240'
}

@test "valgrind: keepalive-rpmq, found and not found" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	vg "$KA_BUILD/keepalive-rpmq" --root "$root" openssh-server
	assert_success
	vg "$KA_BUILD/keepalive-rpmq" --root "$root" no-such-package
	assert_failure 1
}
