#!/usr/bin/env bats
# The nat-timeout record through real rpm transactions in mock/ roots:
# an openssh-server update runs our %triggerin, whose keepalive-helper
# apply derives ClientAliveInterval again for the new release (its sshd
# answers -V as that release does: mock/root/sshd-front).

load ../lib/common
load ../lib/rpmroot

DROPIN=etc/ssh/sshd_config.d/01-keepalive.conf

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

openssh_rpm() {
	ls "$KA_PKGS"/RPMS/*/openssh-server-"$1".*.rpm
}

interval() {
	sed -n 's/^ClientAliveInterval //p' "$root/$DROPIN"
}

@test "openssh-server 8.7p1 (RHEL 9) to 9.3p1 (Fedora 39) and back: the trigger derives the interval from the recorded nat timeout" {
	ka_mkroot el9 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --nat-timeout 350
	assert_success
	assert_line --partial "OpenSSH 8.7p1 (from /usr/sbin/sshd -V) probes every ClientAliveInterval"
	assert_equal "$(interval)" 315
	run ka_rpm "$root" -U "$(openssh_rpm 9.3p1-9.fc39)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 157
	grep -q '^# nat-timeout 350: ClientAliveInterval 157 ' "$root/$DROPIN"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 157"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	[ "$status" -eq 0 ] || assert_output --regexp "host ?keys?"
	run ka_rpm "$root" -U --oldpackage "$(openssh_rpm 8.7p1-38.el9)"
	assert_success
	assert_equal "$(interval)" 315
	run ka_root_calls "$root"
	refute_output --partial reload
}

@test "an upgrade of ssh-keepalive itself keeps the record and the derived interval" {
	ka_mkroot fc39 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --nat-timeout 4m
	assert_equal "$(interval)" 108
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	assert_equal "$(interval)" 108
	grep -q '^# nat-timeout 240: ClientAliveInterval 108 ' "$root/$DROPIN"
	assert_file_not_exists "$root/$DROPIN.rpmnew"
}

@test "openEuler 20.03 (8.2p1) to 22.03 (8.8p1) to 24.03 (9.6p1): nat-timeout 300 (Huawei Cloud ELB) keeps ClientAliveInterval 270, each release read from its own sshd" {
	ka_mkroot oe2003 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --nat-timeout 300
	assert_success
	assert_line --partial "OpenSSH 8.2p1 (from /usr/sbin/sshd -V) probes every ClientAliveInterval"
	assert_equal "$(interval)" 270
	run ka_rpm "$root" -U "$(openssh_rpm 8.8p1-37.oe2203sp3)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune
	assert_line "keepalive: a probe every 270 s (ClientAliveInterval)"
	assert_line "  release: OpenSSH 8.8p1 (from /usr/sbin/sshd -V)"
	run ka_rpm "$root" -U "$(openssh_rpm 9.6p1-16.oe2403sp4)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 270
	grep -q '^# nat-timeout 300: ClientAliveInterval 270 ' "$root/$DROPIN"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune
	assert_line "keepalive: a probe every 270 s (ClientAliveInterval)"
	assert_line "  release: OpenSSH 9.6p1 (from /usr/sbin/sshd -V)"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 270"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	[ "$status" -eq 0 ] || assert_output --regexp "host ?keys?"
	run ka_root_calls "$root"
	refute_output --partial reload
}

@test "openEuler 24.03 (9.6p1) to Fedora 39's 9.3p1 and back: the trigger halves and restores the interval for nat-timeout 300" {
	ka_mkroot oe2403 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --nat-timeout 300
	assert_equal "$(interval)" 270
	run ka_rpm "$root" -U --oldpackage "$(openssh_rpm 9.3p1-9.fc39)"
	assert_success
	assert_equal "$(interval)" 135
	run ka_rpm "$root" -U "$(openssh_rpm 9.6p1-16.oe2403sp4)"
	assert_success
	assert_equal "$(interval)" 270
}
