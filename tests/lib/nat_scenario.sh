# nat_scenario.sh - sourced by a scenario that runs inside ka_live with
# KA_LIVE_NET=1 (private mount, PID and network namespaces): a stateful
# idle timeout on lo, as a NAT gateway or firewall has, and an idle ssh
# session that is asked to echo after a silence.  Everything ends with
# the scenario (PID 1 of its namespace).  Bounded waits only.
# Needs: KA_PORT, KA_CLIENT_KEY, KA_TUNE (sshd_scenario.sh).

. "$(dirname "${BASH_SOURCE[0]}")/sshd_scenario.sh"

# The client sends nothing of its own: no ServerAlive probes, no TCP
# keepalives.
SSH_ARGS=(-o ServerAliveInterval=0 -o TCPKeepAlive=no "${SSH_ARGS[@]}")

# middlebox T: forget an established TCP flow after T s of silence, and
# drop what comes after (with tcp_loose 0 a mid-stream segment of a
# forgotten flow is "invalid": it never re-creates the entry).  Counters:
# the segments dropped, and the segments each side sent.
middlebox() {
	ip link set lo up || return
	sysctl -q -w net.netfilter.nf_conntrack_tcp_timeout_established="$1" \
		net.netfilter.nf_conntrack_tcp_loose=0 || return
	nft -f - <<NFT || return
table inet ka_nat {
	counter dropped { }
	counter from_server { }
	counter from_client { }
	chain input {
		type filter hook input priority 0; policy accept;
		ct state invalid counter name dropped drop
		tcp sport $KA_PORT counter name from_server
		tcp dport $KA_PORT counter name from_client
	}
}
NFT
}

# count NAME: packets of counter NAME so far.
count() {
	nft list counter inet ka_nat "$1" | awk '$1 == "packets" { print $2 }'
}

# open_echo NAME: an idle session whose remote side echoes each line it
# reads ("exec cat"); write to it with say NAME WORD.
open_echo() {
	mkfifo "/run/ka-mock/in-$1"
	(exec ssh "${SSH_ARGS[@]}" "touch /run/ka-mock/up-$1; exec cat") \
		<"/run/ka-mock/in-$1" >"/run/ka-mock/out-$1" 2>&1 &
	eval "$1_pid=$!"
	exec 7>"/run/ka-mock/in-$1"
	i=0
	while [ ! -e "/run/ka-mock/up-$1" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	[ -e "/run/ka-mock/up-$1" ] || { echo "session $1 did not start"; return 1; }
	say "$1" hello && [ "$(echo_after "$1" hello 30)" != none ] ||
		{ echo "session $1 does not echo"; return 1; }
}

say() {
	echo "$2" >&7
}

# echo_after NAME WORD LIMIT: seconds until WORD came back, or "none":
# after LIMIT s, or 3 s after the middlebox dropped a segment (a
# forgotten flow never comes back: no later segment can pass).
echo_after() {
	t0=$(now)
	d0=$(count dropped)
	i=0 seen=
	while [ $i -lt $(($3 * 20)) ]; do
		grep -qx "$2" "/run/ka-mock/out-$1" && { elapsed "$t0"; return; }
		if [ -z "$seen" ] && [ "$(count dropped)" -gt "$d0" ]; then seen=$i; fi
		[ -n "$seen" ] && [ $((i - seen)) -ge 60 ] && break
		sleep 0.05
		i=$((i + 1))
	done
	echo none
}

# silence NAME SECONDS WORD: nothing for SECONDS, then WORD; prints one
# line: the verdict, the time, and what the counters saw meanwhile.
silence() {
	s0=$(count from_server) c0=$(count from_client) d0=$(count dropped)
	sleep "$2"
	say "$1" "$3"
	t=$(echo_after "$1" "$3" 15)
	echo "after $2 s of silence: $([ "$t" = none ] && echo dead || echo alive)" \
		"(echo: $t) server segments $(($(count from_server) - s0))," \
		"client segments $(($(count from_client) - c0))," \
		"dropped $(($(count dropped) - d0))"
}
