#!/usr/bin/env bats
# The whole package lifecycle, for every profile in mock/profiles, with
# real rpm transactions in throwaway roots: the scriptlets really run,
# chrooted, and the root's own sshd validates.

load ../lib/common
load ../lib/rpmroot

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# install: the right mode; files as expected; sshd -t accepts the
# result; the values are 600 and 10; nothing reloaded in an image root.
check_install() {
	local p=$1 mode
	ka_mkroot "$p" "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial warning
	assert_file_exists "$root/usr/sbin/ssh-keepalive-tune"
	assert_file_exists "$root/usr/libexec/ssh-keepalive/keepalive-helper"
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d")" 700
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d/01-keepalive.conf")" 600
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	[ "$status" -eq 0 ] || assert_output --regexp "host ?keys?"
	refute_output --partial "line "
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
	assert_line "clientalivecountmax 10"
	mode=$(chroot "$root" /usr/sbin/ssh-keepalive-tune --json |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["mode"])')
	if [ "$(ka_profile_field "$p" 6)" = yes ]; then
		assert_equal "$mode" include
		run grep -c '^ClientAlive' "$root/etc/ssh/sshd_config"
		assert_output 0
	else
		assert_equal "$mode" inline
	fi
	run ka_root_calls "$root"
	refute_output --partial reload
}

# tune, then upgrade to a newer build: the tuned values survive and
# nothing is duplicated.
check_upgrade() {
	ka_mkroot "$1" "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --interval 5m --count-max 4
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial warning
	run ka_rpm "$root" -q ssh-keepalive
	assert_output --regexp '^ssh-keepalive-[0-9.]+-2'
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	assert_line "clientalivecountmax 4"
	run grep -c '^# BEGIN ssh-keepalive' "$root/etc/ssh/sshd_config"
	[ "$output" -le 1 ]
	assert_file_not_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf.rpmnew"
}

# erase: sshd_config byte for byte as before; the drop-in gone, or kept
# as .rpmsave when it was tuned.
check_erase() {
	local tuned=$2
	ka_mkroot "$1" "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	[ "$tuned" = tuned ] &&
		chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --interval 120
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	assert_file_not_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	if [ "$tuned" = tuned ]; then
		assert_file_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf.rpmsave"
	fi
	run ka_root_calls "$root"
	refute_output --partial reload
}

# An administrator's change to the stock file before install stays, and
# the keepalive values still win.
check_admin_edit() {
	ka_mkroot "$1" "$root"
	sed -i '0,/^[A-Za-z]/s//ClientAliveInterval 30\n&/' "$root/etc/ssh/sshd_config"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/edited"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	grep -qx 'ClientAliveInterval 30' "$root/etc/ssh/sshd_config"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
	ka_rpm "$root" -e ssh-keepalive
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/edited"
}

# The lighter pass, for a profile whose openssh release, stock file and
# init are those of a profile above (mock/profiles says which): install,
# tune, and erase giving back the stock bytes, each for real.
check_light() {
	ka_mkroot "$1" "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --interval 5m --count-max 4
	assert_success
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	assert_line "clientalivecountmax 4"
	run chroot "$root" /usr/sbin/sshd -t -f /etc/ssh/sshd_config
	[ "$status" -eq 0 ] || assert_output --regexp "host ?keys?"
	refute_output --partial "line "
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	assert_file_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf.rpmsave"
}

@test "el6: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el6; }
@test "el6: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el6; }
@test "el6: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el6 untouched; }
@test "el6: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el6 tuned; }
@test "el6: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el6; }
@test "el7: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el7; }
@test "el7: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el7; }
@test "el7: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el7 untouched; }
@test "el7: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el7 tuned; }
@test "el7: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el7; }
@test "el8: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el8; }
@test "el8: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el8; }
@test "el8: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el8 untouched; }
@test "el8: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el8 tuned; }
@test "el8: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el8; }
@test "el8.6: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el8.6; }
@test "el8.6: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el8.6; }
@test "el8.6: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el8.6 untouched; }
@test "el8.6: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el8.6 tuned; }
@test "el8.6: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el8.6; }
@test "el9: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el9; }
@test "el9: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el9; }
@test "el9: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el9 untouched; }
@test "el9: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el9 tuned; }
@test "el9: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el9; }
@test "el10: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install el10; }
@test "el10: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade el10; }
@test "el10: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase el10 untouched; }
@test "el10: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase el10 tuned; }
@test "el10: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit el10; }
@test "al2: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install al2; }
@test "al2: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade al2; }
@test "al2: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase al2 untouched; }
@test "al2: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase al2 tuned; }
@test "al2: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit al2; }
@test "al2023: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install al2023; }
@test "al2023: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade al2023; }
@test "al2023: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase al2023 untouched; }
@test "al2023: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase al2023 tuned; }
@test "al2023: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit al2023; }

@test "oe2003: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install oe2003; }
@test "oe2003: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade oe2003; }
@test "oe2003: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase oe2003 untouched; }
@test "oe2003: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase oe2003 tuned; }
@test "oe2003: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit oe2003; }
@test "oe2203: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install oe2203; }
@test "oe2203: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade oe2203; }
@test "oe2203: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase oe2203 untouched; }
@test "oe2203: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase oe2203 tuned; }
@test "oe2203: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit oe2203; }
@test "oe2403: install picks the right mode, sshd accepts it, values 600 and 10, no reload in an image" { check_install oe2403; }
@test "oe2403: tuned values survive an upgrade to a newer build, nothing duplicated" { check_upgrade oe2403; }
@test "oe2403: erase gives back sshd_config byte for byte and takes the drop-in away" { check_erase oe2403 untouched; }
@test "oe2403: erase after tuning keeps the tuned drop-in as .rpmsave" { check_erase oe2403 tuned; }
@test "oe2403: an administrator's edit to the stock file stays, and the keepalive values win" { check_admin_edit oe2403; }
@test "euler2 (as el7: same openssh release, stock file and init): install picks the right mode, sshd accepts it, values 600 and 10" { check_install euler2; }
@test "euler2 (as el7): tune, then erase gives back sshd_config byte for byte" { check_light euler2; }
@test "hce2 (as oe2203: same openssh release, stock file and init): install picks the right mode, sshd accepts it, values 600 and 10" { check_install hce2; }
@test "hce2 (as oe2203): tune, then erase gives back sshd_config byte for byte" { check_light hce2; }

@test "openssh-server 8.0p1-10 to 8.0p1-13 (RHEL 8.5 to 8.6): the trigger moves inline mode to include mode" {
	ka_mkroot el8 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
	run ka_rpm "$root" -U "$(ls "$KA_PKGS"/RPMS/*/openssh-server-8.0p1-13.el8*.rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	run grep -c '^ClientAlive' "$root/etc/ssh/sshd_config"
	assert_output 0
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config"
	run grep -c '^# BEGIN ssh-keepalive' "$root/etc/ssh/sshd_config"
	assert_output 1
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
	assert_line "clientalivecountmax 10"
}

@test "el9: an earlier drop-in that sets another value: install names the winner, warns and succeeds" {
	ka_mkroot el9 "$root"
	printf 'ClientAliveInterval 300\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	assert_line "keepalive-helper: ClientAliveInterval: sshd keeps using 300 from /etc/ssh/sshd_config.d/00-local.conf:1 (an earlier setting wins), not 600"
	assert_line "ssh-keepalive: warning: sshd keeps using another value than the drop-in's (see above)"
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
}

@test "el7: a line of the administrator's inside the managed block: the upgrade leaves it, names it, warns and succeeds" {
	ka_mkroot el7 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	sed -i '/^# BEGIN ssh-keepalive/a PermitRootLogin no' "$root/etc/ssh/sshd_config"
	n=$(grep -n '^PermitRootLogin no$' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/edited"
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	assert_line "keepalive-helper: /etc/ssh/sshd_config:$n: 'PermitRootLogin no' is inside ssh-keepalive's managed block; move it out of the block"
	assert_line --partial "ssh-keepalive: warning: the keepalive settings were not applied"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/edited"
	run ka_rpm "$root" -q ssh-keepalive
	assert_output --regexp '^ssh-keepalive-[0-9.]+-2'
}

@test "dnf --installroot installs from the repository that make repo made" {
	ka_make_locked repo >/dev/null
	ka_mkroot el9 "$root"
	# dnf's librpm must look where EL keeps the database, not in ~/.rpmdb
	echo '%_dbpath /var/lib/rpm' >"$BATS_TEST_TMPDIR/.rpmmacros"
	run env HOME="$BATS_TEST_TMPDIR" dnf -y -q --installroot="$root" --releasever=9 \
		--repofrompath=ka,"$KA_TOP/build/repo" --repo=ka --nogpgcheck \
		--setopt=install_weak_deps=False --setopt=cachedir="$BATS_TEST_TMPDIR/dnf-cache" \
		install ssh-keepalive
	assert_success
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
	assert_file_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
}
