#!/usr/bin/env bats
# ssh-keepalive-tune --client and keepalive-helper --client (issue 20) on
# image roots: what is written where, what ssh's own parser (ssh -G, the
# host's ssh copied into the root, run confined) says, and that every
# refusal leaves every file as it was.

load ../lib/common

CLIENT="$KA_FIXTURES/stock/client"
DROPIN=etc/ssh/ssh_config.d/01-keepalive.conf
SYSCONF=etc/sysconfig/ssh-keepalive

# client_root FIXTURE DIR [ssh|fake VERSION|none]: an image holding the
# stock ssh_config FIXTURE, and the host's ssh with the libraries it
# needs (the default), a file naming only VERSION (read, never run), or
# no ssh.
client_root() {
	local fx=$1 root=$2 how=${3:-ssh} lib
	mkdir -p "$root/etc/ssh" "$root/dev" "$root/tmp" "$root/usr/bin"
	cp "$CLIENT/$fx.conf" "$root/etc/ssh/ssh_config"
	if [ -d "$CLIENT/$fx.root" ]; then
		cp -a "$CLIENT/$fx.root/." "$root/"
	fi
	case $how in
	ssh)
		cp /usr/bin/ssh "$root/usr/bin/ssh"
		for lib in $(ldd /usr/bin/ssh | grep -o '/[^ ]*'); do
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
		grep '^root:' /etc/passwd >"$root/etc/passwd"
		grep '^root:' /etc/group >"$root/etc/group"
		;;
	fake) printf 'x\0OpenSSH_%s\0y\0' "$4" >"$root/usr/bin/ssh" ;;
	none) ;;
	esac
}

tune() { "$KA_TUNE" "$@"; }

setup() {
	R="$BATS_TEST_TMPDIR/root"
}

@test "the client side is off until switched on: the report says so and writes nothing" {
	client_root centos7 "$R"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client
	assert_success
	assert_line --index 0 --partial 'client side: off: no client configuration changed'
	assert_line --partial 'ssh -G ka-keepalive-check: serveraliveinterval 0, serveralivecountmax 3'
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "EL7: --client --interval 300 adds the Include before Host *, writes the drop-in, records CLIENT=yes, and ssh -G agrees" {
	client_root centos7 "$R"
	run tune --root "$R" --client --interval 300
	assert_success
	assert_output --partial 'client side now: ServerAliveInterval 300, ServerAliveCountMax 10 (mode include: OpenSSH 9.2p1 reads Include)'
	assert_output --partial 'checked with ssh -G: serveraliveinterval 300, serveralivecountmax 10'
	run grep -n -e 'Include /etc/ssh/ssh_config.d/01-keepalive.conf' -e '^Host \*' "$R/etc/ssh/ssh_config"
	[ "${#lines[@]}" -eq 2 ]
	[[ ${lines[0]} == *Include* ]]
	[[ ${lines[1]} == *'Host *'* ]]
	run cat "$R/$DROPIN"
	assert_line 'ServerAliveInterval 300'
	assert_line 'ServerAliveCountMax 10'
	[ "$(stat -c %a "$R/$DROPIN")" = 644 ]
	run grep -x 'CLIENT=yes' "$R/$SYSCONF"
	assert_success
	run tune --root "$R" --client
	assert_line --index 0 --partial 'client side: on: ssh probes an idle server every 300 s and gives up on a silent one after 3300 s'
}

@test "--client --off gives back ssh_config byte for byte, removes the drop-in and the directory it made, and records CLIENT=no" {
	client_root centos7 "$R"
	cp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	run tune --root "$R" --client --on
	assert_success
	run tune --root "$R" --client --off
	assert_success
	cmp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	assert_not_exist "$R/$DROPIN"
	assert_not_exist "$R/etc/ssh/ssh_config.d"
	run grep -x 'CLIENT=no' "$R/$SYSCONF"
	assert_success
}

@test "EL9: the stock Include reads the drop-in, so ssh_config stays as it is" {
	client_root rhel9 "$R"
	cp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	run tune --root "$R" --client --interval 120 --count-max 4
	assert_success
	cmp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	assert_output --partial 'serveraliveinterval 120, serveralivecountmax 4'
	run tune --root "$R" --client --off
	assert_success
	assert_not_exist "$R/$DROPIN"
	assert_file_exist "$R/etc/ssh/ssh_config.d/50-redhat.conf"
}

@test "EL6: ssh 5.3p1 gets an inline block before Host *, and is said not to check it" {
	client_root centos6 "$R" fake 5.3p1
	cp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	run tune --root "$R" --client --interval 240
	assert_success
	assert_output --partial '(mode inline: OpenSSH 5.3p1 does not read Include)'
	assert_output --partial 'OpenSSH 5.3p1 cannot check a config (no ssh -G): the two lines were checked by ssh-keepalive'
	run grep -A3 '^# BEGIN ssh-keepalive' "$R/etc/ssh/ssh_config"
	assert_line 'ServerAliveInterval 240'
	assert_line 'ServerAliveCountMax 10'
	run grep -c '^Include' "$R/etc/ssh/ssh_config"
	assert_output 0
	run tune --root "$R" --client --off
	cmp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
}

@test "--client --mode include on ssh 5.3p1 is refused, nothing written" {
	client_root centos6 "$R" fake 5.3p1
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --mode include
	assert_failure 2
	assert_output --partial 'does not understand Include'
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "--client --count-max 0 is refused with one line: ssh would hang up after one quiet interval" {
	client_root centos7 "$R"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --count-max 0
	assert_failure 2
	[ "${#lines[@]}" -eq 1 ]
	assert_output --partial 'hang up'
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "a hand-edited drop-in with a bad value is named FILE:LINE, exit 1, nothing changed" {
	client_root rhel9 "$R"
	printf 'ServerAliveInterval 60\nServerAliveCountMax lots\n' >"$R/$DROPIN"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --interval 100
	assert_failure 1
	assert_output --partial '/etc/ssh/ssh_config.d/01-keepalive.conf:2:'
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "a hand edit of the drop-in's count is kept by a later --interval" {
	client_root rhel9 "$R"
	run tune --root "$R" --client --on
	assert_success
	sed -i 's/^ServerAliveCountMax .*/ServerAliveCountMax 7/' "$R/$DROPIN"
	run tune --root "$R" --client --interval 90
	assert_success
	run cat "$R/$DROPIN"
	assert_line 'ServerAliveInterval 90'
	assert_line 'ServerAliveCountMax 7'
}

@test "an ssh_config that ssh already rejects: exit 3, ssh's words, nothing written" {
	client_root centos7 "$R"
	sed -i '1i Bogusoption yes' "$R/etc/ssh/ssh_config"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --on
	assert_failure 3
	assert_output --partial 'ssh already rejects the files as they are'
	assert_output --partial 'line 1: Bad configuration option: bogusoption; /etc/ssh/ssh_config: terminating'
	[ "${#lines[@]}" -eq 1 ]
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "an admin's drop-in read first wins: exit 5, written, and the report says not in effect" {
	client_root rhel9 "$R"
	printf 'ServerAliveInterval 30\n' >"$R/etc/ssh/ssh_config.d/00-admin.conf"
	run tune --root "$R" --client --interval 300
	assert_failure 5
	assert_output --partial 'ssh -G gives serveraliveinterval 30'
	assert_file_exist "$R/$DROPIN"
	run tune --root "$R" --client
	assert_success
	assert_line --partial 'ssh -G ka-keepalive-check: serveraliveinterval 30'
}

@test "--client --dry-run shows the diffs and writes nothing" {
	client_root centos7 "$R"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --interval 200 --dry-run
	assert_success
	assert_output --partial '+ServerAliveInterval 200'
	assert_output --partial '+Include /etc/ssh/ssh_config.d/01-keepalive.conf'
	assert_output --partial '+CLIENT=yes'
	[ "$(ka_tree_sum "$R")" = "$before" ]
	assert_not_exist "$R/etc/ssh/ssh_config.d"
}

@test "--client --nat-timeout records CLIENT_NAT_TIMEOUT and picks an interval below it; --interval drops it" {
	client_root rhel9 "$R"
	run tune --root "$R" --client --nat-timeout 300
	assert_success
	run grep -x 'CLIENT_NAT_TIMEOUT=300' "$R/$SYSCONF"
	assert_success
	local iv; iv=$(awk '$1 == "ServerAliveInterval" { print $2 }' "$R/$DROPIN")
	[ "$iv" -gt 0 ] && [ "$iv" -lt 300 ]
	run tune --root "$R" --client --interval 100
	assert_success
	run grep -c CLIENT_NAT_TIMEOUT "$R/$SYSCONF"
	assert_output 0
}

@test "--client --json is one object with the effective values and a user's override" {
	client_root rhel9 "$R"
	mkdir -p "$R/home/ann/.ssh"
	printf 'Host slow\n  ServerAliveInterval 15\n' >"$R/home/ann/.ssh/config"
	run tune --root "$R" --client --interval 300
	assert_success
	run tune --root "$R" --client --json
	assert_success
	python3 -c '
import json, sys
d = json.loads(sys.argv[1])["client"]
assert d["on"] is True and d["effective"] is True, d
assert d["interval"] == 300 and d["count_max"] == 10, d
assert d["read_by"] == "stock-include", d
assert d["gives_up_after"] == 3300, d
o = d["overrides"]
assert len(o) == 1 and o[0]["file"] == "/home/ann/.ssh/config" and o[0]["line"] == 2 and o[0]["scoped"], o
' "$output"
}

@test "--client --host NAME gives that host's values from the system file's Host blocks" {
	client_root centos7 "$R"
	printf 'Host slowbox\n\tServerAliveInterval 45\n' >>"$R/etc/ssh/ssh_config"
	run tune --root "$R" --client --on
	assert_success
	run tune --root "$R" --client --host slowbox
	assert_success
	assert_line --partial 'ssh -G slowbox: serveraliveinterval 600, serveralivecountmax 10'
}

@test "a Match exec line in an image runs confined: nothing in the image or on the host is written" {
	client_root rhel9 "$R"
	local mark="$BATS_TEST_TMPDIR/pwned"
	printf 'Match exec "touch %s /tmp/pwned-in-image"\n  ServerAliveInterval 5\n' "$mark" \
		>>"$R/etc/ssh/ssh_config"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --host x
	assert_success
	assert_not_exist "$mark"
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "options that are sshd's own are refused with --client, and --on/--off/--host without it" {
	client_root centos7 "$R"
	local before; before=$(ka_tree_sum "$R")
	run tune --root "$R" --client --tcp-keepalive yes
	assert_failure 2
	run tune --root "$R" --client --no-reload --interval 5
	assert_failure 2
	run tune --root "$R" --on
	assert_failure 2
	run tune --root "$R" --host x
	assert_failure 2
	run tune --root "$R" --client --off --interval 5
	assert_failure 2
	run tune --root "$R" --client --interval 5 --json
	assert_failure 2
	[ "$(ka_tree_sum "$R")" = "$before" ]
}

@test "keepalive-helper --client apply does nothing until CLIENT=yes, then applies; remove takes it out" {
	client_root centos7 "$R"
	cp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	local before; before=$(ka_tree_sum "$R")
	run "$KA_HELPER" --root "$R" --client apply
	assert_success
	[ "$(ka_tree_sum "$R")" = "$before" ]
	mkdir -p "$R/etc/sysconfig"
	printf 'CLIENT=yes\nCLIENT_NAT_TIMEOUT=5m\n' >"$R/$SYSCONF"
	run "$KA_HELPER" --root "$R" --client apply
	assert_success
	run grep -c 'Include /etc/ssh/ssh_config.d/01-keepalive.conf' "$R/etc/ssh/ssh_config"
	assert_output 1
	local iv; iv=$(awk '$1 == "ServerAliveInterval" { print $2 }' "$R/$DROPIN")
	[ "$iv" -gt 0 ] && [ "$iv" -lt 300 ]
	run "$KA_HELPER" --root "$R" --client remove
	assert_success
	cmp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	assert_not_exist "$R/$DROPIN"
}

@test "a symlinked ssh_config inside the image is followed inside the image, and the link stays" {
	client_root centos7 "$R"
	mv "$R/etc/ssh/ssh_config" "$R/etc/ssh/ssh_config.real"
	ln -s /etc/ssh/ssh_config.real "$R/etc/ssh/ssh_config"
	run tune --root "$R" --client --on
	assert_success
	[ -L "$R/etc/ssh/ssh_config" ]
	run grep -c 'Include /etc/ssh/ssh_config.d/01-keepalive.conf' "$R/etc/ssh/ssh_config.real"
	assert_output 1
}

@test "--client --mode inline on EL9 goes before the stock Include, so a drop-in it reads cannot win" {
	client_root rhel9 "$R"
	printf 'ServerAliveInterval 30\n' >"$R/etc/ssh/ssh_config.d/00-admin.conf"
	cp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	run tune --root "$R" --client --mode inline --interval 200
	assert_success
	assert_output --partial 'checked with ssh -G: serveraliveinterval 200, serveralivecountmax 10'
	run grep -n -e '^# BEGIN ssh-keepalive' -e '^Include' "$R/etc/ssh/ssh_config"
	[[ ${lines[0]} == *BEGIN* ]] && [[ ${lines[1]} == *Include* ]]
	run grep -x CLIENT_MODE=inline "$R/$SYSCONF"
	assert_success
	run tune --root "$R" --client --off
	cmp "$R/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
}
