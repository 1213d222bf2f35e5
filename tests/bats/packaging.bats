#!/usr/bin/env bats
# The package itself: what it installs and how, rpmlint, the SRPM.

load ../lib/common
load ../lib/rpmroot

setup_file() {
	ka_build_packages
}

@test "rpmlint reports no errors or warnings on the spec, the RPM and the SRPM" {
	run ka_make_locked rpmlint
	assert_success
	assert_line --regexp '^ ?2 packages and 1 specfiles checked; 0 errors, 0 warnings'
}

@test "the drop-in is %config(noreplace) 0600 and its directory %dir 0700 root:root" {
	run rpm -qp --qf '[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILEFLAGS:fflags} %{FILENAMES}\n]' "$(ka_our_rpm)"
	assert_success
	assert_line "drwx------ root:root  /etc/ssh/sshd_config.d"
	assert_line "-rw------- root:root cn /etc/ssh/sshd_config.d/01-keepalive.conf"
	assert_line --regexp '^-rwxr-xr-x root:root  /usr/sbin/ssh-keepalive-tune$'
	assert_line --regexp '^-rwxr-xr-x root:root  /usr/libexec/ssh-keepalive/keepalive-helper$'
	assert_line --regexp '^-rwxr-xr-x root:root  /usr/libexec/ssh-keepalive/keepalive-rpmq$'
	assert_line --regexp ' /usr/share/man/man8/ssh-keepalive-tune\.8'
	assert_line --regexp ' /usr/share/man/man8/keepalive-helper\.8'
	assert_line --regexp ' /usr/share/bash-completion/completions/ssh-keepalive-tune$'
	assert_line --regexp 'LICENSE$'
}

@test "it requires openssh-server, before its %post runs, and has the triggers on openssh-server and openssh-clients" {
	run rpm -qp --requires "$(ka_our_rpm)"
	assert_line "openssh-server"
	refute_line "openssh-clients"
	run rpm -qp --qf '[%{REQUIREFLAGS:deptype} %{REQUIRENAME}\n]' "$(ka_our_rpm)"
	assert_line "post openssh-server"
	run rpm -qp --triggers "$(ka_our_rpm)"
	assert_line --partial "triggerin scriptlet (using /bin/sh) -- openssh-server"
	assert_line --partial "triggerin scriptlet (using /bin/sh) -- openssh-clients"
}

@test "every scriptlet ends in success" {
	run rpm -qp --scripts --triggers "$(ka_our_rpm)"
	assert_success
	[ "$(printf '%s\n' "$output" | grep -c 'scriptlet (using /bin/sh)')" -eq 5 ]
	[ "$(printf '%s\n' "$output" | grep -c '^exit 0$')" -eq 5 ]
}

@test "make srpm builds a source RPM that carries the spec and the tarball" {
	run ka_make_locked srpm
	assert_success
	run rpm -qlp "$KA_TOP"/build/rpmbuild/SRPMS/ssh-keepalive-*.src.rpm
	assert_line keepalive.spec
	assert_line --regexp '^ssh-keepalive-[0-9.]+\.tar\.gz$'
}

@test "an image root with an empty /dev: installs, says validation was skipped, values applied" {
	root="$BATS_TEST_TMPDIR/root"
	# RHEL 8.6: include mode (from the rpm database, as sshd cannot start)
	# and a stock file without Include, so there is a change to validate
	"$KA_TOP/mock/mkroot" el8.6 "$root" "$KA_PKGS" --no-dev 2>/dev/null
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	assert_line --partial "warning: validation skipped: /usr/sbin/sshd cannot start: no /dev/null"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
	# include mode: keepalive-rpmq read 8.0p1-12+ from the root's database
	grep -q '^Include /etc/ssh/sshd_config\.d/' "$root/etc/ssh/sshd_config"
}
