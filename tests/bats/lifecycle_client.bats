#!/usr/bin/env bats
# The client side (issue 20) through the package's whole life, with real
# rpm transactions in mock/ roots that have openssh-clients installed
# (mock/specs/openssh-clients.spec: the profile's stock ssh_config):
# off by default; ssh-keepalive-tune --root R --client switches it on;
# upgrades of ssh-keepalive and of openssh-clients (our %triggerin) keep
# it on; CLIENT=yes laid down before the install switches it on in the
# first %post; erase and --client --off give ssh_config back byte for
# byte.  Four profiles, one for each way the edit is made
# (doc/client.md): el6 (5.3p1: an inline block before Host *), el7
# (7.4p1: an Include of the drop-in inserted before Host *), el9 (8.7p1:
# the stock Include reads the drop-in, ssh_config untouched) and oe2203
# (8.8p1, openEuler: the upstream file, an Include inserted).
# The values ssh takes are read with the root's own ssh binary (Debian's
# 9.2p1 parser, /usr/bin/ssh.real behind the stand-in: EL6's 5.3p1 has
# no -G) run in the root.

load ../lib/common
load ../lib/rpmroot

SSHCONF=etc/ssh/ssh_config
CDIR=etc/ssh/ssh_config.d
CDROPIN=etc/ssh/ssh_config.d/01-keepalive.conf
SYSCONF=etc/sysconfig/ssh-keepalive

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# client_rpm PROFILE [update]: the profile's openssh-clients, or its
# later build (Release .1, one more comment line in ssh_config).
client_rpm() {
	local v rel
	v=$(ka_profile_field "$1" 3)
	rel=$(ka_profile_field "$1" 4)
	[ "${2:-}" = update ] && rel=$rel.1
	ls "$KA_PKGS"/RPMS/*/openssh-clients-"$v-$rel".[a-z]*.rpm
}

# The file an openssh-clients package ships as ssh_config, on stdout.
shipped_ssh_config() {
	(cd "$BATS_TEST_TMPDIR" && rpm2cpio "$1" | cpio -i --quiet --to-stdout ./etc/ssh/ssh_config)
}

# ServerAlive* as ssh reads the root's ssh_config (-G, in the root).
ssh_values() {
	chroot "$root" /usr/bin/ssh.real -G -F /etc/ssh/ssh_config ka-keepalive-check \
		</dev/null 2>/dev/null | awk '/^serveralive/ { print $1, $2 }'
}

# The files of ssh_config.d (names and contents), or "absent".
cdir_sum() {
	if [ -d "$root/$CDIR" ]; then ka_tree_sum "$root/$CDIR"; else echo absent; fi
}

# Save the stock client files before anything of ours runs.
save_stock() {
	cp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/stock"
	cdir_sum >"$BATS_TEST_TMPDIR/stock.d"
}

install_ours() {
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
}

client_on() {
	run "$KA_TUNE" --root "$root" --client --interval 300
	assert_success
}

# The edit each profile's mode makes, and the values ssh takes: on.
# $2: the interval expected.
assert_client_on() {
	local p=$1 interval=$2 host
	grep -qx 'CLIENT=yes' "$root/$SYSCONF"
	host=$(grep -n -m1 '^Host \*' "$root/$SSHCONF" | cut -d: -f1)
	case $p in
	el6)
		# inline: the two values in our block, before Host *
		run sed -n '/^# BEGIN ssh-keepalive$/,/^# END ssh-keepalive$/p' "$root/$SSHCONF"
		assert_line "ServerAliveInterval $interval"
		assert_line "ServerAliveCountMax 10"
		[ "$(grep -n -m1 '^# END ssh-keepalive$' "$root/$SSHCONF" | cut -d: -f1)" -lt "$host" ]
		;;
	el7 | oe2203)
		# include: a block naming the drop-in alone, before any Host
		run sed -n '/^# BEGIN ssh-keepalive$/,/^# END ssh-keepalive$/p' "$root/$SSHCONF"
		assert_output "# BEGIN ssh-keepalive
Include /etc/ssh/ssh_config.d/01-keepalive.conf
# END ssh-keepalive"
		[ -z "$host" ] ||
			[ "$(grep -n -m1 '^# END ssh-keepalive$' "$root/$SSHCONF" | cut -d: -f1)" -lt "$host" ]
		;;
	el9)
		# the stock Include reads the drop-in: nothing to insert
		run grep -c '^# BEGIN ssh-keepalive' "$root/$SSHCONF"
		assert_output 0
		;;
	esac
	if [ "$p" != el6 ]; then
		grep -qx "ServerAliveInterval $interval" "$root/$CDROPIN"
		grep -qx "ServerAliveCountMax 10" "$root/$CDROPIN"
		assert_equal "$(stat -c %a:%u:%g "$root/$CDROPIN")" 644:0:0
	fi
	run ssh_values
	assert_line "serveraliveinterval $interval"
	assert_line "serveralivecountmax 10"
}

# Off: ssh_config is $1 byte for byte, no drop-in, ssh's defaults.
assert_client_off() {
	cmp "$root/$SSHCONF" "$1"
	assert_file_not_exists "$root/$CDROPIN"
	run grep -c '^# BEGIN ssh-keepalive' "$root/$SSHCONF"
	assert_output 0
	run ssh_values
	assert_line "serveraliveinterval 0"
	assert_line "serveralivecountmax 3"
}

check_install_off() {
	ka_mkroot "$1" "$root"
	save_stock
	install_ours
	cmp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/stock"
	assert_equal "$(cdir_sum)" "$(cat "$BATS_TEST_TMPDIR/stock.d")"
	run grep -c '^CLIENT=yes' "$root/$SYSCONF"
	assert_output 0
	assert_client_off "$BATS_TEST_TMPDIR/stock"
}

check_switch_on() {
	local sshd
	ka_mkroot "$1" "$root"
	save_stock
	install_ours
	sshd=$(ka_tree_sum "$root/etc/ssh" | grep -v '/ssh_config')
	client_on
	assert_client_on "$1" 300
	[ "$1" != el9 ] || cmp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/stock"
	# the server side is not touched by a client change
	assert_equal "$(ka_tree_sum "$root/etc/ssh" | grep -v '/ssh_config')" "$sshd"
}

check_upgrade_ours() {
	local before
	ka_mkroot "$1" "$root"
	install_ours
	client_on
	before=$(ka_tree_sum "$root/etc/ssh" | grep '/ssh_config')
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	run ka_rpm "$root" -q ssh-keepalive
	assert_output --regexp '^ssh-keepalive-[0-9.]+-2'
	assert_equal "$(ka_tree_sum "$root/etc/ssh" | grep '/ssh_config')" "$before"
	assert_client_on "$1" 300
}

# An openssh-clients update whose ssh_config differs from the installed
# build's: rpm keeps an edited %config(noreplace) ssh_config and puts
# the new one beside it as .rpmnew; an untouched one (EL9: the edit is
# the drop-in alone) it replaces.  Our trigger applies again: still on.
check_update_clients() {
	local p=$1 new
	ka_mkroot "$p" "$root"
	install_ours
	client_on
	cp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/edited"
	cp "$root/$CDROPIN" "$BATS_TEST_TMPDIR/dropin" 2>/dev/null || :
	new=$(client_rpm "$p" update)
	shipped_ssh_config "$new" >"$BATS_TEST_TMPDIR/new"
	run cmp -s "$BATS_TEST_TMPDIR/new" "$BATS_TEST_TMPDIR/edited"
	assert_failure    # the update does change ssh_config
	run ka_rpm "$root" -U "$new"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	if [ "$p" = el9 ]; then
		refute_output --partial ".rpmnew"
		cmp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/new"
		assert_file_not_exists "$root/$SSHCONF.rpmnew"
	else
		assert_output --partial "/etc/ssh/ssh_config created as /etc/ssh/ssh_config.rpmnew"
		cmp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/edited"
		cmp "$root/$SSHCONF.rpmnew" "$BATS_TEST_TMPDIR/new"
	fi
	run ka_rpm "$root" -q openssh-clients
	assert_output --regexp '^openssh-clients-.*\.1\.'
	[ ! -f "$BATS_TEST_TMPDIR/dropin" ] || cmp "$root/$CDROPIN" "$BATS_TEST_TMPDIR/dropin"
	assert_client_on "$p" 300
}

# The trigger is what puts the edit back: the administrator gave
# ssh_config back its stock bytes (so rpm replaces it with the update's
# file); the update's trigger edits the new file, with the values of the
# drop-in (include mode) or the recorded ones.
check_trigger_reapplies() {
	local p=$1
	ka_mkroot "$p" "$root"
	save_stock
	install_ours
	client_on
	cp "$BATS_TEST_TMPDIR/stock" "$root/$SSHCONF"
	run ssh_values
	assert_line "serveraliveinterval 0"
	run ka_rpm "$root" -U "$(client_rpm "$p" update)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_file_not_exists "$root/$SSHCONF.rpmnew"
	grep -q '^# (mock: this comment is the one change of the update build' "$root/$SSHCONF"
	assert_client_on "$p" 300
}

# CLIENT=yes laid down before the install (a kickstart's %pre-install, a
# cloud-init write_files): the first %post switches the client side on
# with the shipped values; rpm keeps the file and puts its own beside it.
check_kickstart() {
	ka_mkroot "$1" "$root"
	mkdir -p "$root/etc/sysconfig"
	printf 'CLIENT=yes\n' >"$root/$SYSCONF"
	install_ours
	assert_equal "$(cat "$root/$SYSCONF")" "CLIENT=yes"
	assert_file_exists "$root/$SYSCONF.rpmnew"
	assert_client_on "$1" 600
	# and the server side as always
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
}

check_erase() {
	ka_mkroot "$1" "$root"
	save_stock
	install_ours
	client_on
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_client_off "$BATS_TEST_TMPDIR/stock"
	run ls "$root/$CDIR"
	refute_output --partial 01-keepalive
	run ka_rpm "$root" -q ssh-keepalive
	assert_failure
}

check_off() {
	local p=$1 new
	ka_mkroot "$p" "$root"
	save_stock
	install_ours
	client_on
	run "$KA_TUNE" --root "$root" --client --off
	assert_success
	assert_client_off "$BATS_TEST_TMPDIR/stock"
	grep -qx 'CLIENT=no' "$root/$SYSCONF"
	run grep -c '^CLIENT=yes' "$root/$SYSCONF"
	assert_output 0
	# an upgrade of ours: %post leaves it off
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_client_off "$BATS_TEST_TMPDIR/stock"
	grep -qx 'CLIENT=no' "$root/$SYSCONF"
	# an openssh-clients update: rpm replaces the untouched file, the
	# trigger leaves it off
	new=$(client_rpm "$p" update)
	shipped_ssh_config "$new" >"$BATS_TEST_TMPDIR/new"
	run ka_rpm "$root" -U "$new"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_file_not_exists "$root/$SSHCONF.rpmnew"
	assert_client_off "$BATS_TEST_TMPDIR/new"
	grep -qx 'CLIENT=no' "$root/$SYSCONF"
}

@test "the stand-in openssh-clients: the profile's stock ssh_config %config(noreplace) 0644, ssh_config.d where the real package has it, ssh -V and the release in /usr/bin/ssh's bytes" {
	local p v
	for p in el6 el7 el9 oe2203; do
		rm -rf "$root"
		ka_mkroot "$p" "$root"
		v=$(ka_profile_field "$p" 3)
		cmp "$root/$SSHCONF" "$KA_FIXTURES/stock/client/$(awk -v p="$p" '$1 == p { print $2 }' "$KA_FIXTURES/stock/client/profiles").conf"
		run ka_rpm "$root" -q --qf '[%{FILENAMES} %{FILEMODES:perms} %{FILEFLAGS:fflags}\n]' openssh-clients
		assert_line "/etc/ssh/ssh_config -rw-r--r-- cn"
		case $p in
		el6 | el7) assert_file_not_exists "$root/$CDIR" ;;
		*) assert_line "/etc/ssh/ssh_config.d drwxr-xr-x " ;;
		esac
		run chroot "$root" /usr/bin/ssh -V
		assert_success
		assert_output --regexp "^OpenSSH_$v, OpenSSL "
		run python3 -c 'import re, sys
d = open(sys.argv[1], "rb").read()
print(*[t.decode() for t in d.split(b"\0") if re.fullmatch(rb"OpenSSH_\d+\.\d+(p\d+)?", t)])' "$root/usr/bin/ssh"
		assert_output "OpenSSH_$v"
	done
	# 5.3p1 has no -G: ssh's own usage error
	rm -rf "$root"
	ka_mkroot el6 "$root"
	run chroot "$root" /usr/bin/ssh -G -F /etc/ssh/ssh_config x
	assert_failure 255
	assert_line "unknown option -- G"
}

@test "el6: install leaves ssh_config byte for byte as it was: the client side is off by default" { check_install_off el6; }
@test "el6: ssh-keepalive-tune --root R --client --interval 300 switches it on: the inline block before Host *, CLIENT=yes recorded" { check_switch_on el6; }
@test "el6: an upgrade of ssh-keepalive keeps the client side on, ssh_config unchanged" { check_upgrade_ours el6; }
@test "el6: an openssh-clients update keeps the edited ssh_config (the new one as .rpmnew); the client side stays on" { check_update_clients el6; }
@test "el6: ssh_config given back its stock bytes, then an openssh-clients update: the trigger edits the new file again" { check_trigger_reapplies el6; }
@test "el6: CLIENT=yes laid down before rpm -i (kickstart): the first %post switches the client side on, 600 and 10" { check_kickstart el6; }
@test "el6: erase gives back ssh_config byte for byte and leaves no client drop-in" { check_erase el6; }
@test "el6: --client --off gives back ssh_config byte for byte, records CLIENT=no, and later upgrades leave it off" { check_off el6; }

@test "el7: install leaves ssh_config byte for byte as it was and makes no ssh_config.d: the client side is off by default" { check_install_off el7; }
@test "el7: ssh-keepalive-tune --root R --client --interval 300 switches it on: the drop-in, its Include inserted before Host *, CLIENT=yes recorded" { check_switch_on el7; }
@test "el7: an upgrade of ssh-keepalive keeps the client side on, ssh_config and the drop-in unchanged" { check_upgrade_ours el7; }
@test "el7: an openssh-clients update keeps the edited ssh_config (the new one as .rpmnew); the client side stays on" { check_update_clients el7; }
@test "el7: ssh_config given back its stock bytes, then an openssh-clients update: the trigger inserts the Include again" { check_trigger_reapplies el7; }
@test "el7: CLIENT=yes laid down before rpm -i (kickstart): the first %post switches the client side on, 600 and 10" { check_kickstart el7; }
@test "el7: erase gives back ssh_config byte for byte and takes the client drop-in away" { check_erase el7; }
@test "el7: --client --off gives back ssh_config byte for byte, records CLIENT=no, and later upgrades leave it off" { check_off el7; }

@test "el9: install leaves ssh_config and ssh_config.d byte for byte as they were: the client side is off by default" { check_install_off el9; }
@test "el9: ssh-keepalive-tune --root R --client --interval 300 switches it on: the drop-in only (the stock Include reads it), CLIENT=yes recorded" { check_switch_on el9; }
@test "el9: an upgrade of ssh-keepalive keeps the client side on, ssh_config and the drop-in unchanged" { check_upgrade_ours el9; }
@test "el9: an openssh-clients update replaces the untouched ssh_config; the drop-in and the client side stay on" { check_update_clients el9; }
@test "el9: CLIENT=yes laid down before rpm -i (kickstart): the first %post switches the client side on, 600 and 10" { check_kickstart el9; }
@test "el9: erase leaves ssh_config and takes the client drop-in away" { check_erase el9; }
@test "el9: --client --off takes the drop-in away, records CLIENT=no, and later upgrades leave it off" { check_off el9; }

@test "oe2203: install leaves ssh_config and ssh_config.d byte for byte as they were: the client side is off by default" { check_install_off oe2203; }
@test "oe2203: ssh-keepalive-tune --root R --client --interval 300 switches it on: the drop-in and its Include inserted, CLIENT=yes recorded" { check_switch_on oe2203; }
@test "oe2203: an upgrade of ssh-keepalive keeps the client side on, ssh_config and the drop-in unchanged" { check_upgrade_ours oe2203; }
@test "oe2203: an openssh-clients update keeps the edited ssh_config (the new one as .rpmnew); the client side stays on" { check_update_clients oe2203; }
@test "oe2203: ssh_config given back its stock bytes, then an openssh-clients update: the trigger inserts the Include again" { check_trigger_reapplies oe2203; }
@test "oe2203: CLIENT=yes laid down before rpm -i (kickstart): the first %post switches the client side on, 600 and 10" { check_kickstart oe2203; }
@test "oe2203: erase gives back ssh_config byte for byte and takes the client drop-in away" { check_erase oe2203; }
@test "oe2203: --client --off gives back ssh_config byte for byte, records CLIENT=no, and later upgrades leave it off" { check_off oe2203; }

@test "el7: an unbalanced marker in ssh_config: the upgrade's client apply names it and warns, the transaction succeeds, ssh_config unchanged" {
	ka_mkroot el7 "$root"
	install_ours
	client_on
	sed -i '/^# END ssh-keepalive$/d' "$root/$SSHCONF"
	cp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/broken"
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	assert_output --regexp "/etc/ssh/ssh_config:[0-9]+"
	assert_line "ssh-keepalive: warning: the client keepalive settings were not applied (see above); ssh_config was left as it was"
	cmp "$root/$SSHCONF" "$BATS_TEST_TMPDIR/broken"
	run ka_rpm "$root" -q ssh-keepalive
	assert_output --regexp '^ssh-keepalive-[0-9.]+-2'
	# and the server side was applied as always
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
}

@test "the scriptlets as shipped: %post applies the client side after the server's, %preun on erase removes it before the server's, the openssh-clients trigger applies it" {
	local rpm
	rpm=$(ka_our_rpm)
	# line numbers of the helper calls inside one scriptlet
	at() {
		rpm -qp --qf "%{$1}" "$rpm" | grep -n -F -- "$2" | cut -d: -f1 | head -n 1
	}
	[ -n "$(at POSTIN 'keepalive-helper --quiet apply --client')" ]
	[ "$(at POSTIN 'keepalive-helper --quiet apply; rc=')" -lt "$(at POSTIN 'keepalive-helper --quiet apply --client')" ]
	[ -n "$(at PREUN 'keepalive-helper --quiet remove --client')" ]
	[ "$(at PREUN 'keepalive-helper --quiet remove --client')" -lt "$(at PREUN 'keepalive-helper --quiet --no-reload remove')" ]
	run rpm -qp --triggers "$rpm"
	assert_success
	printf '%s\n' "$output" | awk '/^triggerin scriptlet .* -- openssh-clients$/ { on = 1; next }
		/scriptlet/ { on = 0 } on' >"$BATS_TEST_TMPDIR/trigger"
	grep -q 'keepalive-helper --quiet apply --client; rc=' "$BATS_TEST_TMPDIR/trigger"
	assert_equal "$(grep -v '^$' "$BATS_TEST_TMPDIR/trigger" | tail -n 1)" "exit 0"
}
