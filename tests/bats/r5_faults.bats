#!/usr/bin/env bats
# Faults and the package life cycle, as an administrator meets them, in
# real rpm roots of the mock/ profiles.

load ../lib/common
load ../lib/rpmroot

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# An administrator's drop-in, read only through the Include that
# ssh-keepalive added (RHEL 8.6: the stock file has none).
add_hardening() {
	printf 'PasswordAuthentication no\n' \
		>"$root/etc/ssh/sshd_config.d/10-hardening.conf"
	chmod 600 "$root/etc/ssh/sshd_config.d/10-hardening.conf"
}

# What the root's own sshd says (sshd -T; a throwaway host key).
root_passwordauth() {
	[ -f "$root/tmp/ka-hostkey" ] || {
		mkdir -p "$root/tmp" &&
			ssh-keygen -q -t ed25519 -N '' -f "$root/tmp/ka-hostkey"
	}
	chroot "$root" /usr/sbin/sshd -T -h /tmp/ka-hostkey \
		-C user=root,host=localhost,addr=127.0.0.1 2>/dev/null |
		awk '$1 == "passwordauthentication" { print $2 }'
}

@test "el8.6: erase keeps the Include that an administrator's later drop-in is read through, unmarked, with a warning" {
	ka_mkroot el8.6 "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	n=$(grep -n '^Include /etc/ssh/sshd_config.d/\*.conf$' \
		"$root/etc/ssh/sshd_config" | cut -d: -f1)
	[ -n "$n" ]
	add_hardening
	assert_equal "$(root_passwordauth)" no
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	assert_line "keepalive-helper: warning: /etc/ssh/sshd_config:$n: kept the Include, no longer marked as ssh-keepalive's: /etc/ssh/sshd_config.d/10-hardening.conf is read through it"
	# the administrator's setting still holds; nothing of ours is left
	assert_equal "$(root_passwordauth)" no
	run grep -c 'ssh-keepalive' "$root/etc/ssh/sshd_config"
	assert_output 0
	assert_file_not_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	# the stock file plus that one line, where it stood
	diff <(grep -v '^Include /etc/ssh/sshd_config.d/\*.conf$' \
		"$root/etc/ssh/sshd_config") "$BATS_TEST_TMPDIR/stock"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	refute_output --partial "line "
	# a reinstall reuses that Include: no block, the values take effect
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/kept"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial warning
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/kept"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
}

@test "el8.6: erase with no other drop-in still gives back the stock sshd_config byte for byte, with no warning" {
	ka_mkroot el8.6 "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	refute_output --partial warning
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
}
