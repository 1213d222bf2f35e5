#!/usr/bin/env bats
# Image roots as administrators name and build them: a --root given
# relative to the working directory, rpm databases where newer rpm keeps
# them.  Real rpm roots of the mock/ profiles; the host's /etc/ssh is
# summed before and after every test.

load ../lib/common
load ../lib/rpmroot

MODEFILE=/etc/sysconfig/ssh-keepalive

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	host_before=$(ka_tree_sum /etc/ssh 2>/dev/null)
}

teardown() {
	assert_equal "$(ka_tree_sum /etc/ssh 2>/dev/null)" "$host_before"
}

@test "an EL7 image without /dev named by a relative --root: --mode include, which the rpm database says 7.4p1 rejects, is refused (exit 3), nothing changed" {
	local before
	ka_devless_root el7 "$root"
	before=$(ka_image_sums "$root")
	cd "$BATS_TEST_TMPDIR"
	run "$KA_TUNE" --root root --mode include
	assert_failure 3
	assert_output --partial "the rpm database says openssh-server 7.4p1-22.el7_9, whose sshd rejects Include: it would not start; nothing was changed"
	assert_equal "$(ka_image_sums "$root")" "$before"
	assert_file_not_exists "$root$MODEFILE"
}

@test "an EL8.6 image with an empty /dev named by a relative --root (./root): --status --json takes the mode from the rpm database" {
	ka_bare_root el8.6 "$root"
	cd "$BATS_TEST_TMPDIR"
	run "$KA_TUNE" --root ./root --status --json
	assert_success
	echo "$output" | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["chosen_mode"] == "include", d["chosen_mode"]
assert "rpm database: openssh-server 8.0p1-13.el8 understands Include" in d["chosen_mode_reason"], d["chosen_mode_reason"]'
}

# sysimage ROOT: the database where rpm 4.17+ keeps it (Fedora 36+, EL10),
# with no /var/lib/rpm at all: an image without the rpm package, or built
# by a host whose rpm keeps it there.
sysimage() {
	mkdir -p "$1/usr/lib/sysimage"
	mv "$1/var/lib/rpm" "$1/usr/lib/sysimage/rpm"
}

@test "an EL10 image with an empty /dev and its rpm database only in /usr/lib/sysimage/rpm: --status --json takes the mode from that database" {
	ka_bare_root el10 "$root"
	sysimage "$root"
	run "$KA_TUNE" --root "$root" --status --json
	assert_success
	echo "$output" | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["chosen_mode"] == "include", d["chosen_mode"]
assert "rpm database: openssh-server 9.9p1-1.el10 understands Include" in d["chosen_mode_reason"], d["chosen_mode_reason"]'
}

@test "an EL7 image without /dev and its rpm database only in /usr/lib/sysimage/rpm: --mode include is refused (exit 3), nothing changed" {
	local before
	ka_devless_root el7 "$root"
	sysimage "$root"
	before=$(ka_image_sums "$root")
	run "$KA_TUNE" --root "$root" --mode include
	assert_failure 3
	assert_output --partial "the rpm database says openssh-server 7.4p1-22.el7_9, whose sshd rejects Include: it would not start; nothing was changed"
	assert_equal "$(ka_image_sums "$root")" "$before"
}

openssh_rpm() {
	ls "$KA_PKGS"/RPMS/*/openssh-server-"$1".*.rpm
}

# During an update the database holds the old openssh-server and the new
# one until the old is erased, after our trigger ran: the one installed
# last is the one whose sshd is on disk.
@test "an EL8.6 image with an empty /dev, openssh-server downgraded to 8.0p1-10: the trigger goes back to inline mode, no Include that sshd rejects is left" {
	ka_bare_root el8.6 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config"
	run ka_rpm "$root" -U --oldpackage "$(openssh_rpm 8.0p1-10.el8)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	run ka_rpm "$root" -q openssh-server
	assert_output --partial 8.0p1-10.el8
	run grep -c '^Include' "$root/etc/ssh/sshd_config"
	assert_output 0
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
	assert_line "clientalivecountmax 10"
}

@test "an EL9 image with an empty /dev and a recorded nat-timeout, openssh-server updated to 9.3p1: the trigger derives the interval for 9.3p1" {
	ka_bare_root el9 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run "$KA_TUNE" --root "$root" --nat-timeout 350
	assert_success
	assert_output --partial "ClientAliveInterval 315"
	run ka_rpm "$root" -U "$(openssh_rpm 9.3p1-9.fc39)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 157"
}

# The RPMs the lifecycle suites install are built from the tarball: a
# source file changed in a layer of src/ must make it again, or they
# test the package as it was.
@test "make dist makes the tarball again when a source file in a layer of src/ changes" {
	make -s -C "$KA_TOP" dist >/dev/null
	run make -C "$KA_TOP" -q dist
	assert_success
	run make -C "$KA_TOP" -q -W src/cli/rpmq_main.c dist
	assert_failure 1
	run make -C "$KA_TOP" -q -W src/engine/value.c dist
	assert_failure 1
}

# A shell redirection to /dev/null where there is none creates a plain
# file there, in the image.
@test "an EL9 image with an empty /dev: installing and erasing the package leave /dev empty (no plain file /dev/null made by a scriptlet)" {
	ka_bare_root el9 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	run ls -A "$root/dev"
	assert_output ""
	run ka_rpm "$root" -q ssh-keepalive
	assert_failure
}
