#!/usr/bin/env bats
# Validation of a change: the new sshd_config and the new drop-in are
# checked together by the real sshd (9.2 on test trees, the mock/
# profiles' sshd in rpm roots), each in place of the file it replaces in
# a private mount namespace; problems already there are named as such,
# with their real file and line; after every refusal nothing changed.

load ../lib/common
load ../lib/live
load ../lib/sshd

setup_file() {
	"$KA_TOP/mock/build-packages" "$KA_TOP/build/mock-packages"
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
}

live() {
	local init=$1
	shift
	run ka_live "$root" "$init" "$@"
}

dropin() {
	printf '%s\n' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

# An EL8 tree in include mode whose drop-in has a typo sshd rejects.
typo_in_dropin() {
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_HELPER" --quiet apply
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 10mn/' "$(dropin)"
}

@test "a typo in our drop-in is repaired by --interval: the new files are checked together" {
	typo_in_dropin
	live none "$KA_TUNE" --interval 10m
	assert_success
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
	grep -qx 'ClientAliveInterval 600' "$(dropin)"
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
}

@test "a typo in our drop-in is repaired by --reset" {
	typo_in_dropin
	live none "$KA_TUNE" --reset
	assert_success
	cmp "$(dropin)" "$KA_TOP/sshd_config.d/01-keepalive.conf"
}

@test "--dry-run of the repair says sshd accepts the change and writes nothing" {
	typo_in_dropin
	before=$(ka_tree_sum "$root")
	live none "$KA_TUNE" --interval 10m --dry-run
	assert_success
	assert_line "ssh-keepalive-tune: dry run: nothing written; sshd accepts the change"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a typo already in sshd_config: 'sshd already rejects' with its real line, exit 3, nothing changed, no reload" {
	for mode in include inline; do
		rm -rf "$root"
		ka_make_system rhel8 "$root"
		sed -i '2i Bogus yes' "$root/etc/ssh/sshd_config"
		ka_mock_sshd running
		before=$(ka_tree_sum "$root")
		live systemd "$KA_TUNE" --mode "$mode" --interval 5m
		assert_failure 3
		assert_line "ssh-keepalive-tune: sshd already rejects /etc/ssh/sshd_config: line 2: Bad configuration option: Bogus"
		refute_output --partial "new configuration"
		refute_output --partial ".ka-"
		assert_equal "$(ka_tree_sum "$root")" "$before"
		run ka_mock_calls
		assert_output ""
	done
}

@test "a change sshd rejects: 'rejects the new configuration', naming the real file, nothing changed" {
	# inline mode, so sshd does not read the drop-in yet; the hand edit
	# in it only matters once include mode makes sshd read it
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_HELPER" --mode inline --quiet apply
	printf 'BogusKeepAlive 1\n' >>"$(dropin)"
	n=$(wc -l <"$(dropin)")
	before=$(ka_tree_sum "$root")
	live none "$KA_TUNE" --mode include --interval 5m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd rejects the new configuration; nothing was changed:"
	assert_line "/etc/ssh/sshd_config.d/01-keepalive.conf: line $n: Bad configuration option: BogusKeepAlive"
	refute_output --partial ".ka-"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a host key that others can read is not a config error" {
	ka_make_system rhel9 "$root"
	ssh-keygen -q -t ed25519 -N '' -f "$root/etc/ssh/ssh_host_ed25519_key"
	chmod 0644 "$root/etc/ssh/ssh_host_ed25519_key"
	live none /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	assert_failure
	assert_output --partial "UNPROTECTED PRIVATE KEY FILE"
	live none "$KA_HELPER" apply
	assert_success
	refute_output --partial "warning"
	assert_file_exists "$(dropin)"
}

@test "a missing drop-in is checked with the files beside it, a broken one included" {
	ka_make_system rhel9 "$root"
	mkdir -p "$root/etc/ssh/elsewhere"
	printf 'Bogus yes\n' >"$root/etc/ssh/elsewhere/broken"
	ln -s ../elsewhere/broken "$root/etc/ssh/sshd_config.d/60-link.conf"
	before=$(ka_tree_sum "$root")
	live none "$KA_HELPER" apply
	assert_failure 3
	assert_line "keepalive-helper: sshd already rejects /etc/ssh/sshd_config.d/60-link.conf: line 1: Bad configuration option: Bogus"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	assert_not_exists "$(dropin)"
	rm "$root/etc/ssh/sshd_config.d/60-link.conf"
	live none "$KA_TUNE" --interval 5m --dry-run
	assert_success
	assert_line "ssh-keepalive-tune: dry run: nothing written; sshd accepts the change"
}

@test "the candidates never show outside the check: no mount leaks into a shared namespace" {
	typo_in_dropin
	run unshare -m --propagation unchanged /bin/sh -c '
		root=$1 tune=$2
		mount --make-rshared / &&
		mount --bind "$root/etc/ssh" /etc/ssh &&
		mount -t tmpfs -o mode=0755 ka-run /run && mkdir /run/sshd || exit 90
		before=$(cat /proc/self/mountinfo)
		"$tune" --interval 10m --no-reload; echo "exit $?"
		[ "$(cat /proc/self/mountinfo)" = "$before" ] && echo "no new mount"' \
		sh "$root" "$KA_TUNE"
	assert_line "exit 0"
	assert_line "no new mount"
}

@test "without a private namespace (no CAP_SYS_ADMIN) a change is checked in place, with one warning" {
	ka_make_system rhel8 "$root"
	live none setpriv --bounding-set -sys_admin "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: warning: the new files cannot be checked together in a private mount namespace (unshare: Operation not permitted): they are checked in place, and the old ones put back if sshd rejects them"
	assert_equal "$(grep -c warning <<<"$output")" 1
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
}

@test "without a private namespace a change sshd rejects is put back: exit 3, nothing changed" {
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_HELPER" --mode inline --quiet apply
	printf 'BogusKeepAlive 1\n' >>"$(dropin)"
	before=$(ka_tree_sum "$root")
	live none setpriv --bounding-set -sys_admin "$KA_TUNE" --mode include --interval 5m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd rejects the new configuration; nothing was changed:"
	assert_line --partial "/etc/ssh/sshd_config.d/01-keepalive.conf: line "
	assert_equal "$(ka_tree_sum "$root")" "$before"
	# and a problem that was there before is still named as such
	sed -i '2i Bogus yes' "$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	live none setpriv --bounding-set -sys_admin "$KA_TUNE" --mode inline --interval 6m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd already rejects /etc/ssh/sshd_config: line 2: Bad configuration option: Bogus"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "without a private namespace a running sshd that would not start again (no host key) is not reloaded: the old files put back, exit 3" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_sshd running
	rm -f "$root"/etc/ssh/ssh_host_*
	before=$(ka_tree_sum "$root")
	live systemd setpriv --bounding-set -sys_admin "$KA_TUNE" --interval 5m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd runs, and would not start again after a reload: the old files were put back:"
	assert_line --partial "no hostkeys available"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service"
}

@test "without a private namespace --dry-run says that validation was skipped" {
	ka_make_system rhel8 "$root"
	live none setpriv --bounding-set -sys_admin "$KA_TUNE" --interval 5m --dry-run
	assert_success
	assert_line "ssh-keepalive-tune: warning: validation skipped: the new files cannot be checked together in a private mount namespace (unshare: Operation not permitted)"
	assert_line "ssh-keepalive-tune: dry run: nothing written"
}

# The mock/ rpm roots: EL7's sshd (the stand-in rejects Include, as
# 7.4p1 does), run chrooted into the image with --root.
el7_root() {
	"$KA_TOP/mock/mkroot" el7 "$root" "$KA_TOP/build/mock-packages"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
}

@test "EL7 image, inline mode: a typo in sshd_config is named with its real line, nothing changed" {
	el7_root
	sed -i '2i Bogus yes' "$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --interval 5m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd already rejects /etc/ssh/sshd_config: line 2: Bad configuration option: Bogus"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "EL7 image, inline mode: a typo in the managed block is repaired by --apply" {
	el7_root
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 10mn/' "$root/etc/ssh/sshd_config"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	assert_output --partial "invalid time value"
	run "$KA_TUNE" --root "$root" --apply
	assert_success
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config: updated"
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
}

@test "EL7 image: --mode include is refused by its sshd with the real file name, nothing changed" {
	el7_root
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --mode include --interval 5m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd rejects the new configuration; nothing was changed:"
	assert_line --regexp "^/etc/ssh/sshd_config: line [0-9]+: Bad configuration option: Include$"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "in a chroot whose / is no mount point (rpm --root, kickstart): checked in place, put back when rejected, no warning" {
	el7_root
	cp "$KA_BUILD/ssh-keepalive-tune" "$root/tmp/ssh-keepalive-tune"
	run chroot "$root" /tmp/ssh-keepalive-tune --interval 7m
	assert_success
	refute_output --partial "warning"
	grep -qx 'ClientAliveInterval 420' "$root/etc/ssh/sshd_config"
	sed -i '2i Bogus yes' "$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	run chroot "$root" /tmp/ssh-keepalive-tune --interval 8m
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd already rejects /etc/ssh/sshd_config: line 2: Bad configuration option: Bogus"
	refute_output --partial "warning"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}
