#!/usr/bin/env bats
# How the mode is decided: --mode; else whether the installed sshd
# understands Include: the running system's own sshd is asked (the real
# sshd 9.2: see live.bats); in an image root (here: one without sshd),
# the version string in its sshd or openssh-server's version in the
# image's rpm database, read from a private copy by keepalive-rpmq (the
# one program linked with librpm); with no answer at all, inline mode.

load ../lib/common
load ../lib/rpmdb

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel8 "$root"
}

mode_for() {
	ka_rpmdb_openssh "$root" "$1" "$2"
	run "$KA_TUNE" --root "$root" --verbose
	assert_success
}

@test "openssh-server 8.0p1-13.el8 (RHEL 8.6, the Include backport): include mode" {
	mode_for 8.0p1 13.el8
	assert_line "mode: not applied (sshd_config does not read the drop-in); auto mode would choose include (rpm database: openssh-server 8.0p1-13.el8 understands Include)"
}

@test "openssh-server 8.0p1-12.el8 (the first backport release): include mode" {
	mode_for 8.0p1 12.el8
	assert_line --partial "; auto mode would choose include ("
}

@test "openssh-server 8.0p1-11.el8 (RHEL 8.5): inline mode" {
	mode_for 8.0p1 11.el8
	assert_line --partial "openssh-server 8.0p1-11.el8 does not understand Include)"
	assert_line --partial "; auto mode would choose inline ("
}

@test "openssh-server 7.4p1-22.el7_9 (CentOS 7, Amazon Linux 2): inline mode" {
	mode_for 7.4p1 22.el7_9
	assert_line --partial "; auto mode would choose inline ("
}

@test "openssh-server 5.3p1-124.el6_10 (CentOS 6): inline mode" {
	mode_for 5.3p1 124.el6_10
	assert_line --partial "; auto mode would choose inline ("
}

@test "openssh-server 8.7p1-38.el9 (EL9): include mode" {
	mode_for 8.7p1 38.el9
	assert_line --partial "; auto mode would choose include ("
}

@test "openssh-server 10.0p1-2.fc42: include mode (10 sorts after 8.2 as rpm compares)" {
	mode_for 10.0p1 2.fc42
	assert_line --partial "; auto mode would choose include ("
}

@test "no rpm database: inline mode, and no database is created in the image" {
	run "$KA_TUNE" --root "$root" --verbose
	assert_success
	assert_line --partial "(no /usr/sbin/sshd in the image; no openssh-server in the rpm database: inline mode, which works everywhere)"
	assert_not_exists "$root/var/lib/rpm"
}

@test "apply in an 8.0p1-13 image writes an Include, not an inline block" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	run "$KA_HELPER" --root "$root" --verbose apply
	assert_success
	assert_line --partial "keepalive-helper: include mode: "
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config"
	run grep -c '^ClientAlive' "$root/etc/ssh/sshd_config"
	assert_output 0
}

@test "--mode overrides what the rpm database says" {
	ka_rpmdb_openssh "$root" 8.7p1 38.el9
	run "$KA_HELPER" --root "$root" --mode inline --verbose status
	assert_success
	assert_line "mode: not applied (sshd_config does not read the drop-in); a change would make it inline (--mode inline)"
	run "$KA_TUNE" --root "$root" --mode inline --verbose
	assert_success
	assert_line "ssh-keepalive-tune: inline mode: --mode inline"
}

@test "mode: the files in inline mode where the rpm database says include: both are shown" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	"$KA_HELPER" --root "$root" --mode inline --quiet apply 2>/dev/null
	run "$KA_TUNE" --root "$root" --verbose
	assert_success
	assert_line --regexp "^mode: inline \\(ssh-keepalive's block holds the values, /etc/ssh/sshd_config:[0-9]+\\); auto mode would choose include \\(.*openssh-server 8.0p1-13.el8 understands Include\\)$"
}

@test "keepalive-rpmq prints openssh-server's version and release from the image's database" {
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	run "$KA_BUILD/asan/keepalive-rpmq" --root "$root" openssh-server
	assert_success
	assert_output "$(printf 'version=8.0p1\nrelease=13.el8')"
	run "$KA_BUILD/asan/keepalive-rpmq" --root "$root" no-such-package
	assert_failure 1
	assert_output ""
}

@test "keepalive-rpmq without a database: exit 1, and no database is created" {
	run "$KA_BUILD/asan/keepalive-rpmq" --root "$root" openssh-server
	assert_failure 1
	assert_not_exists "$root/var/lib/rpm"
	run "$KA_BUILD/asan/keepalive-rpmq" --root
	assert_failure 2
	assert_output "usage: keepalive-rpmq [--root DIR] [--dbpath DIR] NAME"
}

@test "without keepalive-rpmq the rpm database cannot be read: inline mode, and the reason names it" {
	ka_rpmdb_openssh "$root" 8.7p1 38.el9
	mkdir "$BATS_TEST_TMPDIR/bin"
	cp "$KA_TUNE" "$BATS_TEST_TMPDIR/bin/"
	[ ! -e /usr/libexec/ssh-keepalive/keepalive-rpmq ] || skip "installed on this host"
	run "$BATS_TEST_TMPDIR/bin/${KA_TUNE##*/}" --root "$root" --verbose
	assert_success
	assert_line --partial "; auto mode would choose inline (no /usr/sbin/sshd in the image; cannot read the rpm database (/usr/libexec/ssh-keepalive/keepalive-rpmq: No such file or directory): inline mode, which works everywhere)"
}

@test "the programs do not link librpm: only keepalive-rpmq does" {
	for p in keepalive-helper ssh-keepalive-tune ka-engine; do
		run ldd "$KA_BUILD/$p"
		assert_success
		refute_output --partial librpm
	done
	run ldd "$KA_BUILD/keepalive-rpmq"
	assert_output --partial librpm
}
