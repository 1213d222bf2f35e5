#!/usr/bin/env bats
# The chosen mode through the package's whole life, with real rpm
# transactions in mock/ roots: /etc/sysconfig/ssh-keepalive is shipped
# %config(noreplace); a mode chosen with ssh-keepalive-tune --mode lasts
# through keepalive-helper apply, an upgrade of ssh-keepalive and the
# openssh-server trigger; erase does what rpm does with such a file.

load ../lib/common
load ../lib/rpmroot

MODEFILE=/etc/sysconfig/ssh-keepalive

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

in_root() {
	chroot "$root" "$@"
}

# inline: the managed block holds the values (EL9's own Include stays)
is_inline() {
	sed -n '/^# BEGIN ssh-keepalive/,/^# END ssh-keepalive/p' \
		"$root/etc/ssh/sshd_config" | grep -q '^ClientAliveInterval '
}

is_include() {
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config" &&
		! grep -q '^ClientAlive' "$root/etc/ssh/sshd_config"
}

json_mode() {
	in_root /usr/sbin/ssh-keepalive-tune --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["mode_source"]
print(d["mode"], s["from"], s["setting"], s["line"])'
}

@test "the package ships $MODEFILE: MODE=auto, 0644, %config(noreplace), and rpm -V finds it intact" {
	ka_mkroot el9 "$root"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	cmp "$KA_TOP/sysconfig/ssh-keepalive" "$root$MODEFILE"
	assert_equal "$(stat -c %a:%u:%g "$root$MODEFILE")" 644:0:0
	run ka_rpm "$root" -qc ssh-keepalive
	assert_line "$MODEFILE"
	run ka_rpm "$root" -q --qf '[%{FILENAMES} %{FILEFLAGS:fflags}\n]' ssh-keepalive
	assert_line "$MODEFILE cn"
	run ka_rpm "$root" -V ssh-keepalive
	assert_success
	run json_mode
	assert_output "include file auto 22"
}

# mode_lasts PROFILE: --mode inline where auto would say include; then
# apply, an upgrade of ours and an openssh-server reinstall (the trigger)
# each keep inline mode and the tuned value.
mode_lasts() {
	ka_mkroot "$1" "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	is_include
	run in_root /usr/sbin/ssh-keepalive-tune --mode inline --interval 5m
	assert_success
	is_inline
	grep -qx 'ClientAliveInterval 300' "$root/etc/ssh/sshd_config"
	run in_root /usr/libexec/ssh-keepalive/keepalive-helper apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	is_inline
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial warning
	is_inline
	grep -qx 'MODE=inline' "$root$MODEFILE"
	assert_file_not_exists "$root$MODEFILE.rpmnew"
	run ka_rpm "$root" -U --replacepkgs "$(ls "$KA_PKGS"/RPMS/*/openssh-server-"$(ka_profile_field "$1" 3)-$(ka_profile_field "$1" 4)".*.rpm)"
	assert_success
	refute_output --partial warning
	is_inline
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	run json_mode
	assert_output "inline file inline 22"
}

@test "el8.6: --mode inline lasts through keepalive-helper apply, an upgrade of ssh-keepalive and the openssh-server trigger" {
	mode_lasts el8.6
}

@test "el9: --mode inline lasts through keepalive-helper apply, an upgrade of ssh-keepalive and the openssh-server trigger" {
	mode_lasts el9
}

@test "oe2403: --mode inline lasts through keepalive-helper apply, an upgrade of ssh-keepalive and the openssh-server trigger" {
	mode_lasts oe2403
}

@test "openssh-server 8.0p1-10 to 8.0p1-13 (RHEL 8.5 to 8.6) with MODE=inline: the trigger keeps inline mode" {
	ka_mkroot el8 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	in_root /usr/sbin/ssh-keepalive-tune --quiet --mode inline
	is_inline
	run ka_rpm "$root" -U "$(ls "$KA_PKGS"/RPMS/*/openssh-server-8.0p1-13.el8*.rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	is_inline
	run grep -c '^# BEGIN ssh-keepalive' "$root/etc/ssh/sshd_config"
	assert_output 1
	# and --mode auto afterwards goes to include mode on the new sshd
	run in_root /usr/sbin/ssh-keepalive-tune --mode auto
	assert_success
	is_include
}

@test "erase with the shipped $MODEFILE takes it away" {
	ka_mkroot el9 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	assert_file_not_exists "$root$MODEFILE"
	assert_file_not_exists "$root$MODEFILE.rpmsave"
}

@test "erase after --mode inline keeps the choice as $MODEFILE.rpmsave and gives sshd_config back byte for byte" {
	ka_mkroot el8.6 "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	in_root /usr/sbin/ssh-keepalive-tune --quiet --mode inline
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	assert_file_not_exists "$root$MODEFILE"
	grep -qx 'MODE=inline' "$root$MODEFILE.rpmsave"
}

@test "a MODE=inline laid down before the install (kickstart %pre, config management) is what the first install applies" {
	ka_mkroot el9 "$root"
	mkdir -p "$root/etc/sysconfig"
	printf 'MODE=inline\n' >"$root$MODEFILE"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	is_inline
	assert_equal "$(cat "$root$MODEFILE")" "MODE=inline"
	assert_file_exists "$root$MODEFILE.rpmnew"
}

@test "el8.6: a bad MODE stops the upgrade's apply with a warning; the transaction succeeds and sshd_config is unchanged" {
	ka_mkroot el8.6 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	sed -i 's/^MODE=.*/MODE=sideways/' "$root$MODEFILE"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/before"
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	assert_line "keepalive-helper: $MODEFILE:22: MODE 'sideways' is not auto, include or inline"
	assert_line --partial "ssh-keepalive: warning: the keepalive settings were not applied"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/before"
	run ka_rpm "$root" -q ssh-keepalive
	assert_output --regexp '^ssh-keepalive-[0-9.]+-2'
}

@test "el7: --mode include, which sshd 7.4p1 rejects: exit 3, sshd's message, nothing changed or recorded" {
	local before
	ka_mkroot el7 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	before=$(ka_tree_sum "$root")
	run in_root /usr/sbin/ssh-keepalive-tune --mode include
	assert_failure 3
	assert_output --partial "Bad configuration option: Include"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	grep -qx 'MODE=auto' "$root$MODEFILE"
}
