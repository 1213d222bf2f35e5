#!/usr/bin/env bats
# The client side through a real stateful idle timeout.  As nat_live.bats:
# private mount, PID and network namespaces in which conntrack forgets an
# established TCP flow after T s of silence (tcp_loose 0, nftables "ct
# state invalid drop"), the real sshd 9.2 on 127.0.0.1, a session that
# stays silent and then must echo a word.  Here the sshd sends no probes
# (ClientAliveInterval 0) and the client is the real /usr/bin/ssh run as
# an administrator runs it: no -F and nothing keepalive-related on its
# command line, so it reads root's ~/.ssh (a test home bound over /root:
# the test key and known_hosts only) and the system /etc/ssh/ssh_config,
# a copy of the host's (Debian's stock file: `Include
# /etc/ssh/ssh_config.d/*.conf` at the top) in the test tree bound over
# /etc/ssh.  Only the client's ServerAlive probes can keep the flow alive.
#
# The client probes every ServerAliveInterval (doc/client.md): with T = 5
# --nat-timeout 5 must pick an interval below 5.

load ../lib/common
load ../lib/live

T=5

setup() {
	[ -f /etc/ssh/ssh_config ] || skip "the host has no /etc/ssh/ssh_config to copy (Debian: openssh-client)"
	command -v nft >/dev/null || skip "nft is not installed (Debian: nftables)"
	root="$BATS_TEST_TMPDIR/root"
	ka_sshd_tree "$root"
	# the server sends no probes: only the client's keep the flow alive
	echo "ClientAliveInterval 0" >>"$root/etc/ssh/sshd_config"
	cp -a /etc/ssh/ssh_config /etc/ssh/ssh_config.d "$root/etc/ssh/"
	KA_HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p -m 0700 "$KA_HOME/.ssh"
	cp "$KA_CLIENT_KEY" "$KA_HOME/.ssh/id_ed25519"
	cp "$KA_CLIENT_KEY.pub" "$KA_HOME/.ssh/id_ed25519.pub"
	echo "[127.0.0.1]:$KA_PORT $(cat "$root/etc/ssh/ssh_host_ed25519_key.pub")" \
		>"$KA_HOME/.ssh/known_hosts"
	ka_mock_init
	host_etc_ssh=$(ka_tree_sum /etc/ssh)
}

teardown() {
	# the host's own files were neither changed nor read in their place
	[ -z "${host_etc_ssh:-}" ] || assert_equal "$(ka_tree_sum /etc/ssh)" "$host_etc_ssh"
}

# scenario SCRIPT: in the namespaces, the middlebox up and the test home
# as root's, then SCRIPT.
scenario() {
	KA_LIVE_NET=1 ka_live "$root" systemd env KA_PORT="$KA_PORT" \
		KA_CLIENT_KEY="$KA_CLIENT_KEY" KA_HOME="$KA_HOME" KA_TUNE="$KA_TUNE" \
		T="$T" bash -c \
		". '$KA_TOP/tests/lib/client_scenario.sh'
		middlebox $T || { echo 'no middlebox'; exit 1; }
		client_home || { echo 'no test home'; exit 1; }
		$1"
}

report() {
	local what=$1 line
	line=$(grep -E '^(after|gave up)' <<<"$output" || true)
	echo "# T = $T s, $what: ${line:-no result}" >&3
}

dropin_value() {
	awk -v k="$1" 'tolower($1) == tolower(k) { print $2; exit }' \
		"$root/etc/ssh/ssh_config.d/01-keepalive.conf"
}

@test "an idle ssh session through a 5 s established timeout dies without the client side" {
	run scenario 'client_values && start_sshd && open_echo a &&
		idle a $((2 * T)) ping'
	report "no client side"
	assert_success
	assert_line "serveraliveinterval 0"
	assert_line --regexp '^after 10 s of silence: flow none, dead \(echo: none\) .*dropped [1-9]'
}

@test "an idle ssh session survives a 5 s established timeout with --client --nat-timeout 5" {
	# the premise: the system file's stock Include reads the drop-in
	run grep -m1 -E '^[^#[:space:]]' "$root/etc/ssh/ssh_config"
	assert_output 'Include /etc/ssh/ssh_config.d/*.conf'
	run scenario '"$KA_TUNE" --client --nat-timeout $T -q && client_values && start_sshd && open_echo a &&
		idle a $((3 * T + 1)) ping'
	report "--client --nat-timeout $T"
	assert_success
	iv=$(dropin_value ServerAliveInterval)
	[ "$iv" -ge 1 ] && [ "$iv" -lt "$T" ]
	assert_line "serveraliveinterval $iv"
	# several timeouts idle, and conntrack still holds the flow: the
	# server answered the client's probes, and nothing was dropped
	assert_line --regexp '^after 16 s of silence: flow ESTABLISHED, alive \(echo: [0-9.]+\) server segments [1-9][0-9]*, .*dropped 0$'
	# the stock Include qualifies: the system file itself is not edited
	cmp "$root/etc/ssh/ssh_config" /etc/ssh/ssh_config
}

@test "a frozen server is given up after (count+1) x interval" {
	local I=1 N=2 secs
	run scenario "\"\$KA_TUNE\" --client --interval $I --count-max $N -q && client_values && start_sshd && open_echo a &&
		frozen a pong $((20 * (N + 1) * I))"
	report "ServerAliveInterval $I, ServerAliveCountMax $N, sshd stopped"
	assert_success
	assert_line "serveraliveinterval $I"
	assert_line "serveralivecountmax $N"
	assert_line --regexp '^gave up: after [0-9.]+ s, exit 255$'
	secs=$(awk '/^gave up/ { print $4 }' <<<"$output")
	# what ssh wrote (its log lines end in CR LF)
	run tr -d '\r' <"$KA_MOCK/out-a"
	assert_line 'Timeout, server 127.0.0.1 not responding.'
	# doc/client.md: (N + 1) x I after the server's last packet, up to 1 s
	# earlier on 8.4p1+; counted here from before the last echo was asked
	awk -v s="$secs" -v min=$(((N + 1) * I - 1)) 'BEGIN { exit !(s >= min) }' ||
		fail "gave up after $secs s, before $(((N + 1) * I - 1)) s"
}

@test "on the system itself a report does not run ssh -G where a Match exec line would run its command" {
	local mark="$BATS_TEST_TMPDIR/match-exec-ran"
	printf 'Match exec "touch %s"\n\tServerAliveInterval 7\n' "$mark" \
		>>"$root/etc/ssh/ssh_config"
	local before; before=$(ka_tree_sum "$root/etc")
	run scenario '"$KA_TUNE" --client'
	assert_success
	assert_line '  ssh -G:      not asked: a Match exec line would run its command, and a report runs nothing'
	assert_not_exist "$mark"
	[ "$(ka_tree_sum "$root/etc")" = "$before" ]
}

@test "on the system itself --client --on checks with ssh -G and a later --off gives the system file back" {
	printf 'Host *\n\tForwardX11 no\n' >>"$root/etc/ssh/ssh_config"
	# Debian's stock Include is at the top, before Host *: it qualifies
	cp "$root/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	run scenario '"$KA_TUNE" --client --on && "$KA_TUNE" --client --off'
	assert_success
	assert_line --partial 'checked with ssh -G: serveraliveinterval 600, serveralivecountmax 10 for every host'
	cmp "$root/etc/ssh/ssh_config" "$BATS_TEST_TMPDIR/orig"
	assert_not_exist "$root/etc/ssh/ssh_config.d/01-keepalive.conf"
	run grep -x CLIENT=no "$root/etc/sysconfig/ssh-keepalive"
	assert_success
}
