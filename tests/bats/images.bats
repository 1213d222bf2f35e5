#!/usr/bin/env bats
# Image roots as an image builder makes them: real rpm roots of the
# mock/ profiles with an empty /dev (a bare dnf --installroot), where
# ssh-keepalive-tune --root gives the image's sshd a private /dev to run
# in, or without a /dev at all, where that sshd cannot run and the rpm
# database is all there is to ask; and the package's own scriptlets in
# such a root (chrooted by rpm: no private /dev there).

load ../lib/common
load ../lib/rpmroot

MODEFILE=/etc/sysconfig/ssh-keepalive

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

@test "an EL7 image without /dev: --mode include, which the rpm database says 7.4p1 rejects, is refused (exit 3), nothing changed or recorded" {
	local before
	ka_devless_root el7 "$root"
	before=$(ka_image_sums "$root")
	run "$KA_TUNE" --root "$root" --mode include
	assert_failure 3
	assert_output --partial "validation skipped: the image's /usr/sbin/sshd cannot start: no /dev/null in the image"
	assert_output --partial "the rpm database says openssh-server 7.4p1-22.el7_9, whose sshd rejects Include: it would not start; nothing was changed"
	assert_equal "$(ka_image_sums "$root")" "$before"
	assert_file_not_exists "$root$MODEFILE"
}

@test "an EL7 image with an empty /dev: its sshd, run confined with a private /dev, rejects --mode include itself (exit 3), nothing changed or recorded" {
	local before
	ka_bare_root el7 "$root"
	before=$(ka_image_sums "$root")
	run "$KA_TUNE" --root "$root" --mode include
	assert_failure 3
	refute_output --partial "validation skipped"
	assert_output --partial "sshd rejects the new configuration; nothing was changed:"
	assert_output --partial "/etc/ssh/sshd_config: line 23: Bad configuration option: Include"
	assert_equal "$(ka_image_sums "$root")" "$before"
	assert_file_not_exists "$root$MODEFILE"
	# the private /dev was the child's alone
	run ls -A "$root/dev"
	assert_output ""
}

@test "an EL7 image with an empty /dev and MODE=include laid down before the install: %post warns, leaves sshd_config as it was, and the transaction succeeds" {
	ka_bare_root el7 "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	mkdir -p "$root/etc/sysconfig"
	echo MODE=include >"$root$MODEFILE"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	assert_output --partial "whose sshd rejects Include: it would not start"
	assert_output --partial "ssh-keepalive: warning: the keepalive settings were not applied"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
}

@test "an EL8.6 image with an empty /dev: --mode include, which the rpm database says 8.0p1-13 understands, is validated by the image's sshd and written" {
	ka_bare_root el8.6 "$root"
	run "$KA_TUNE" --root "$root" --mode include
	assert_success
	refute_output --partial "validation skipped"
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config"
	grep -qx 'MODE=include' "$root$MODEFILE"
}

@test "an EL7 image without /dev: --dry-run --mode include is refused the same way (exit 3), nothing changed" {
	local before
	ka_devless_root el7 "$root"
	before=$(ka_image_sums "$root")
	run "$KA_TUNE" --root "$root" --dry-run --mode include
	assert_failure 3
	assert_output --partial "whose sshd rejects Include: it would not start"
	assert_equal "$(ka_image_sums "$root")" "$before"
}

@test "an EL7 image with an empty /dev: --mode auto picks inline from the rpm database and is written" {
	ka_bare_root el7 "$root"
	run "$KA_TUNE" --root "$root" --mode auto --verbose
	assert_success
	assert_output --partial "inline mode"
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
	run grep -c '^Include' "$root/etc/ssh/sshd_config"
	assert_output 0
}
