#!/usr/bin/env bats
# The erase-time reload in %postun is shell in the spec, so it is tested
# as shipped: taken out of the built RPM and run, with the argument rpm
# gives it, on a system that looks live (tests/lib/live.bash).

load ../lib/common
load ../lib/live
load ../lib/rpmroot

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel9 "$root"
	ssh-keygen -q -A -f "$root"       # a live system has its host keys
	rpm -qp --qf '%{POSTUN}' "$(ka_our_rpm)" >"$BATS_TEST_TMPDIR/postun"
	ka_mock_init
}

postun() {
	run ka_live "$root" "$1" /bin/sh "$BATS_TEST_TMPDIR/postun" "$2"
}

@test "%postun on erase, systemd, sshd running: sshd -t, then systemctl reload" {
	ka_mock_sshd running
	postun systemd 0
	assert_success
	assert_output ""
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "%postun on erase, sshd stopped: not started, not reloaded" {
	postun systemd 0
	assert_success
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service"
}

@test "%postun on erase, EL6: service sshd status, then service sshd reload" {
	ka_mock_sshd running
	postun sysv 0
	assert_success
	run ka_mock_calls
	assert_output "service sshd status
service sshd reload"
}

@test "%postun on erase, a config sshd rejects: a warning, no reload, still exit 0" {
	printf 'Bogus yes\n' >"$root/etc/ssh/sshd_config.d/60-broken.conf"
	ka_mock_sshd running
	postun systemd 0
	assert_success
	assert_output "ssh-keepalive: warning: sshd -t rejects the configuration; sshd not reloaded"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service"
}

@test "%postun on erase, the reload fails: a warning, still exit 0" {
	ka_mock_sshd running
	touch "$KA_MOCK/reload-fails"
	postun systemd 0
	assert_success
	assert_line "ssh-keepalive: warning: reloading sshd failed"
}

@test "%postun on upgrade (\$1 = 1): nothing at all" {
	ka_mock_sshd running
	postun systemd 1
	assert_success
	run ka_mock_calls
	assert_output ""
}

@test "%postun on erase in an image build (SYSTEMD_OFFLINE=1): nothing at all" {
	ka_mock_sshd running
	run ka_live "$root" systemd env SYSTEMD_OFFLINE=1 /bin/sh "$BATS_TEST_TMPDIR/postun" 0
	assert_success
	run ka_mock_calls
	assert_output ""
}
