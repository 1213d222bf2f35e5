#!/usr/bin/env bats
# An Include that ssh-keepalive added and an administrator's later
# drop-ins came to rely on outlives our need for it (erase, a switch to
# inline mode): kept, unmarked, with a warning.  Real rpm roots of the
# mock/ profiles.

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
	# the line where it stands now
	n=$(grep -n '^Include ' "$root/etc/ssh/sshd_config" | cut -d: -f1)
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

@test "el8.6: --mode inline keeps the Include that an administrator's later drop-in is read through, unmarked, with a warning; the inline values win" {
	ka_mkroot el8.6 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	n=$(grep -n '^Include /etc/ssh/sshd_config.d/\*.conf$' \
		"$root/etc/ssh/sshd_config" | cut -d: -f1)
	[ -n "$n" ]
	add_hardening
	chroot "$root" /usr/sbin/ssh-keepalive-tune --interval 300
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --mode inline
	assert_success
	n=$(grep -n '^Include ' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	assert_line "ssh-keepalive-tune: warning: /etc/ssh/sshd_config:$n: kept the Include, no longer marked as ssh-keepalive's: /etc/ssh/sshd_config.d/10-hardening.conf is read through it"
	assert_equal "$(root_passwordauth)" no
	grep -qx 'ClientAliveInterval 300' "$root/etc/ssh/sshd_config"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	assert_line "clientalivecountmax 10"
	# and back to include mode: that Include is reused, nothing added
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --mode include
	assert_success
	run grep -c '^Include ' "$root/etc/ssh/sshd_config"
	assert_output 1
	run grep -c 'ssh-keepalive' "$root/etc/ssh/sshd_config"
	assert_output 0
	assert_equal "$(root_passwordauth)" no
}

@test "el7 after a downgrade left our Include behind: auto mode goes inline and takes that Include out, since this sshd rejects it, even with other drop-ins there" {
	ka_mkroot el7 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	# our include-mode block, as a newer openssh-server had it
	sed -i '/^# BEGIN ssh-keepalive/,/^# END ssh-keepalive/d' \
		"$root/etc/ssh/sshd_config"
	sed -i '1i # BEGIN ssh-keepalive: added by ssh-keepalive so that sshd reads its drop-in\nInclude /etc/ssh/sshd_config.d/*.conf\n# END ssh-keepalive' \
		"$root/etc/ssh/sshd_config"
	add_hardening
	run chroot "$root" /usr/libexec/ssh-keepalive/keepalive-helper --verbose apply
	assert_success
	assert_output --partial "inline mode"
	refute_output --partial "kept the Include"
	run grep -c '^Include' "$root/etc/ssh/sshd_config"
	assert_output 0
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	refute_output --partial "line "
}
