#!/usr/bin/env bats
# Idle sessions through a real stateful idle timeout.  In private mount,
# PID and network namespaces: conntrack forgets an established TCP flow
# after T s of silence (nf_conntrack_tcp_timeout_established = T,
# nf_conntrack_tcp_loose = 0) and nftables drops what comes after (ct
# state invalid drop), as a NAT gateway or stateful firewall does.  The
# real sshd 9.2 on 127.0.0.1, a real ssh client that sends nothing of its
# own (ServerAliveInterval 0, TCPKeepAlive no), a session that stays
# silent and then must echo a word.  "Dead" and "alive" are events: the
# word comes back, or the middlebox dropped a segment of the flow and
# nothing came back.
#
# sshd 9.2 probes every 2 x ClientAliveInterval (period.h): with T = 5,
# --nat-timeout 5 must pick 1 (a probe every 2 s); 3 (every 6 s) dies.

load ../lib/common
load ../lib/live

T=5

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_sshd_tree "$root"
	ka_mock_init
	command -v nft >/dev/null || skip "nft is not installed (Debian: nftables)"
}

# scenario SCRIPT: in the namespaces, the middlebox up, then SCRIPT.
scenario() {
	KA_LIVE_NET=1 ka_live "$root" systemd env KA_PORT="$KA_PORT" \
		KA_CLIENT_KEY="$KA_CLIENT_KEY" KA_TUNE="$KA_TUNE" T="$T" bash -c \
		". '$KA_TOP/tests/lib/nat_scenario.sh'
		middlebox $T || { echo 'no middlebox'; exit 1; }
		echo \"kernel tcp_keepalive_time: \$(sysctl -n net.ipv4.tcp_keepalive_time)\"
		$1"
}

report() {
	local what=$1 line
	line=$(grep '^after ' <<<"$output" || true)
	echo "# T = $T s, $what: ${line:-no result}" >&3
}

@test "no keepalive (ClientAliveInterval 0): an idle session dies behind the idle timeout" {
	run scenario '$KA_TUNE --quiet --interval 0 && start_sshd && open_echo a &&
		silence a $((2 * T)) ping'
	report "ClientAliveInterval 0"
	assert_success
	assert_line --regexp '^after 10 s of silence: dead \(echo: none\) .*dropped [1-9]'
	# the kernel's TCP keepalive (sshd's TCPKeepAlive yes) is far off:
	# it is not what keeps the other sessions alive
	assert_line --regexp '^kernel tcp_keepalive_time: ([0-9]{3,})$'
}

@test "--nat-timeout T: the session survives 3 x T of silence and echoes" {
	run scenario '$KA_TUNE --nat-timeout $T && start_sshd && open_echo a &&
		silence a $((3 * T + 1)) ping'
	report "--nat-timeout $T"
	assert_success
	assert_line --regexp '^after 16 s of silence: alive \(echo: [0-9.]+\) .*dropped 0$'
	assert_line --partial "ssh-keepalive-tune: nat-timeout 5 s: OpenSSH 9.2 (from /usr/sbin/sshd -V) probes every 2 x ClientAliveInterval"
	assert_line --partial "ClientAliveInterval 1, a probe every 2 s"
}

@test "ClientAliveInterval 3, under T but probing every 6 s on sshd 9.2: dead" {
	run scenario '$KA_TUNE --quiet --interval 3 && start_sshd && open_echo a &&
		silence a $((3 * T + 1)) ping'
	report "ClientAliveInterval 3"
	assert_success
	assert_line --regexp '^after 16 s of silence: dead \(echo: none\) .*dropped [1-9]'
}

@test "the shipped 600 s against an idle timeout shorter than its period: dead" {
	run scenario '$KA_TUNE --quiet --reset && start_sshd && open_echo a &&
		silence a $((2 * T)) ping'
	report "shipped ClientAliveInterval 600"
	assert_success
	assert_line --regexp '^after 10 s of silence: dead \(echo: none\) .*dropped [1-9]'
}
