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

# sums ROOT: every file but sqlite's shared-memory index, which any
# reader of the database rewrites.
sums() {
	ka_tree_sum "$1" | grep -v '/rpmdb\.sqlite-shm$'
}

# bare PROFILE: a root of that profile with an empty /dev, as a bare
# dnf --installroot leaves it: sshd cannot run there.
bare() {
	"$KA_TOP/mock/mkroot" "$1" "$root" "$KA_PKGS" --no-dev 2>/dev/null
}

@test "an EL7 image with an empty /dev named by a relative --root: --mode include, which the rpm database says 7.4p1 rejects, is refused (exit 3), nothing changed" {
	local before
	bare el7
	before=$(sums "$root")
	cd "$BATS_TEST_TMPDIR"
	run "$KA_TUNE" --root root --mode include
	assert_failure 3
	assert_output --partial "the rpm database says openssh-server 7.4p1-22.el7_9, whose sshd rejects Include: it would not start; nothing was changed"
	assert_equal "$(sums "$root")" "$before"
	assert_file_not_exists "$root$MODEFILE"
}

@test "an EL8.6 image with an empty /dev named by a relative --root (./root): --status --json takes the mode from the rpm database" {
	bare el8.6
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
	bare el10
	sysimage "$root"
	run "$KA_TUNE" --root "$root" --status --json
	assert_success
	echo "$output" | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["chosen_mode"] == "include", d["chosen_mode"]
assert "rpm database: openssh-server 9.9p1-1.el10 understands Include" in d["chosen_mode_reason"], d["chosen_mode_reason"]'
}

@test "an EL7 image with an empty /dev and its rpm database only in /usr/lib/sysimage/rpm: --mode include is refused (exit 3), nothing changed" {
	local before
	bare el7
	sysimage "$root"
	before=$(sums "$root")
	run "$KA_TUNE" --root "$root" --mode include
	assert_failure 3
	assert_output --partial "the rpm database says openssh-server 7.4p1-22.el7_9, whose sshd rejects Include: it would not start; nothing was changed"
	assert_equal "$(sums "$root")" "$before"
}
