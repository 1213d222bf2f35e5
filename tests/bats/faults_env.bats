#!/usr/bin/env bats
# Faults underneath: a full disk, and an environment that tries to change
# what runs.  One clear error, a documented exit code, nothing changed.

load ../lib/common
load ../lib/live

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

@test "the disk fills up mid-write: exit 1, 'No space left on device', nothing changed, no temp file" {
	ka_make_system centos7 "$root"
	"$KA_BUILD/keepalive-helper" --root "$root" --quiet apply 2>/dev/null
	# a 300 KiB sshd_config on a tmpfs with room for it, not for a copy
	# (gcov's counters are left out of the digests, as in ka_tree_sum)
	{ printf '# '; head -c 300000 /dev/zero | tr '\0' x; printf '\n'; } >>"$root/etc/ssh/sshd_config"
	run unshare -m --propagation private /bin/sh -c '
		root=$1 tune=$2 small=$3
		mkdir -p "$small" && mount -t tmpfs -o size=512k ka-small "$small" &&
		cp -a "$root/." "$small/" && before=$(find "$small" -type f ! -name "*.gcda" -exec sha256sum {} + | sort) &&
		head -c 150000 /dev/zero >"$small/filler" || exit 90
		before=$(find "$small" -type f ! -name "*.gcda" -exec sha256sum {} + | sort)
		"$tune" --root "$small" --interval 99; echo "exit $?"
		after=$(find "$small" -type f ! -name "*.gcda" -exec sha256sum {} + | sort)
		[ "$before" = "$after" ] && echo "nothing changed"
		find "$small" -name ".*.ka-*" | grep -q . || echo "no temp file left"' \
		sh "$root" "$KA_TUNE" "$BATS_TEST_TMPDIR/small"
	assert_line "exit 1"
	assert_line --partial "No space left on device"
	assert_line "nothing changed"
	assert_line "no temp file left"
}

@test "PATH, LD_PRELOAD and IFS change nothing about what runs" {
	ka_make_system rhel8 "$root"
	mkdir -p "$BATS_TEST_TMPDIR/evil"
	for p in sshd systemctl service; do
		printf '#!/bin/sh\ntouch %s/ran-%s\nexit 0\n' "$BATS_TEST_TMPDIR" "$p" \
			>"$BATS_TEST_TMPDIR/evil/$p"
		chmod +x "$BATS_TEST_TMPDIR/evil/$p"
	done
	ka_mock_init
	ka_mock_sshd running
	run ka_live "$root" systemd env PATH="$BATS_TEST_TMPDIR/evil" \
		LD_PRELOAD=/nonexistent/libevil.so IFS=/ "$KA_TUNE" --verbose --interval 321
	assert_success
	assert_line "ssh-keepalive-tune: include mode: the installed sshd's parser accepts Include"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
	assert_file_not_exists "$BATS_TEST_TMPDIR/ran-sshd"
	assert_file_not_exists "$BATS_TEST_TMPDIR/ran-systemctl"
	assert_file_not_exists "$BATS_TEST_TMPDIR/ran-service"
}

@test "sshd_config is a directory: exit 1, one line" {
	mkdir -p "$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --interval 5
	assert_failure 1
	assert_output "ssh-keepalive-tune: /etc/ssh/sshd_config: not a regular file"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "the drop-in directory is missing: made 0700, the drop-in 0600" {
	ka_make_system centos7 "$root"
	run "$KA_TUNE" --root "$root" --quiet --interval 60
	assert_success
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d")" 700
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d/01-keepalive.conf")" 600
}

@test "a drop-in directory with other permissions is left as the administrator set it" {
	ka_make_system centos7 "$root"
	chmod 0755 "$root/etc/ssh/sshd_config.d"
	run "$KA_TUNE" --root "$root" --quiet --interval 60
	assert_success
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d")" 755
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d/01-keepalive.conf")" 600
}
