#!/usr/bin/env bats
# A report (--status, --json, keepalive-helper status) writes nothing
# anywhere: not a probe file in /etc/ssh (auditd and AIDE watch it), not
# the rpm database's shared-memory index, not on a read-only image.
# Every file and directory is compared before and after, bytes and
# mtime, the rpm database's files included.

load ../lib/common
load ../lib/rpmroot
load ../lib/live

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# snap DIR: type, name, size, mode and mtime of everything under DIR,
# and the bytes of every file.
snap() {
	(cd "$1" && find . -printf '%y %p %s %m %T@\n' | sort &&
		find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

reports() {
	local r=$1
	run "$KA_TUNE" --root "$r" --status
	assert_success
	run "$KA_TUNE" --root "$r" --status --json
	assert_success
	run "$KA_HELPER" --root "$r" status
	assert_success
}

@test "reports on an EL9 image leave every file and directory of it as it was, the rpm database's files included" {
	local before
	ka_mkroot el9 "$root"
	"$KA_TUNE" --root "$root" --quiet --interval 300 # a database and files in use
	before=$(snap "$root")
	reports "$root"
	assert_equal "$(snap "$root")" "$before"
}

@test "reports on an EL7 image whose sshd cannot start (no /dev) leave it as it was" {
	local before
	ka_devless_root el7 "$root"
	before=$(snap "$root")
	reports "$root"
	assert_equal "$(snap "$root")" "$before"
}

@test "a read-only EL9 image without a usable rpm database: the release comes from its sshd's bytes, auto would choose include, nothing is written" {
	local before
	ka_mkroot el9 "$root"
	cp /usr/sbin/sshd "$root/usr/sbin/sshd"   # a real binary: OpenSSH 9.2p1
	rm -rf "$root/var/lib/rpm"
	before=$(snap "$root")
	run unshare -m --propagation private /bin/sh -c '
		mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
		"$2" --root "$1" --status --verbose && "$2" --root "$1" --status --json' \
		sh "$root" "$KA_TUNE"
	assert_success
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); auto: OpenSSH 9.2p1 (the version string in the image's /usr/sbin/sshd) understands Include"
	assert_line "keepalive: ClientAliveInterval 0: sshd sends no probes"
	assert_line "  release: OpenSSH 9.2p1 (from the version string in the image's /usr/sbin/sshd)"
	echo "${lines[-1]}" | python3 -c 'import json, sys
d = json.load(sys.stdin)
k = d["keepalive"]
assert k["release"] == "9.2p1" and k["release_source"] == "binary", k
assert d["chosen_mode"] == "include", d["chosen_mode"]'
	assert_equal "$(snap "$root")" "$before"
}

@test "on the running system, --status and keepalive-helper status write nothing in /etc/ssh (no probe file), and still ask the installed sshd" {
	local before
	ka_mkroot el9 "$root"
	before=$(snap "$root/etc/ssh")
	run ka_live "$root" systemd "$KA_TUNE" --status --verbose
	assert_success
	assert_line --partial "auto: the installed sshd's parser accepts Include"
	run ka_live "$root" systemd "$KA_HELPER" status
	assert_success
	assert_equal "$(snap "$root/etc/ssh")" "$before"
}
