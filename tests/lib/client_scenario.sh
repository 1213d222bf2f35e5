# client_scenario.sh - sourced by a scenario that runs inside ka_live with
# KA_LIVE_NET=1: the middlebox and the echo session of nat_scenario.sh,
# but the ssh client is the real one as an administrator runs it: no -F,
# no ServerAlive* or TCPKeepAlive on its command line, so it reads root's
# ~/.ssh and the system /etc/ssh/ssh_config (the test tree's copy of the
# host's, bound there by ka_live) with what that file Includes.
# Needs: KA_PORT, KA_TUNE, KA_HOME (a home holding .ssh/ with only the
# test key and known_hosts).

. "$(dirname "${BASH_SOURCE[0]}")/nat_scenario.sh"

# Not BatchMode: Debian's ssh makes ServerAliveInterval default to 300
# with it (ssh -G: serveraliveinterval 300), which would be a keepalive
# that no file set.  The key is accepted and the host key known, so
# nothing is asked; stdin is never a terminal here, so nothing could be.
SSH_ARGS=(-p "$KA_PORT" -o ConnectTimeout=10 root@127.0.0.1)

# ssh finds ~/.ssh through root's passwd entry (/root), not $HOME: the
# test home is bound over it, in this mount namespace only.
client_home() {
	mount --bind "$KA_HOME" /root
}

# client_values: the two values ssh uses for the test host, as ssh -G
# prints them from the system file.
client_values() {
	ssh -G -T "${SSH_ARGS[@]}" | grep -E '^serveralive(interval|countmax) '
}

# flow_state: the conntrack state of the session's flow (its original
# direction goes to the server's port), or "none" when conntrack has
# forgotten it.
flow_state() {
	s=$(awk -v d="dport=$KA_PORT" '
		$3 == "tcp" { for (i = 1; i <= NF; i++) if ($i == d) { print $6; next } }' \
		/proc/net/nf_conntrack)
	echo "${s:-none}"
}

# idle NAME SECONDS WORD: nothing for SECONDS, the flow's conntrack state
# then (before anything is written), then WORD; one line as silence's.
idle() {
	s0=$(count from_server) c0=$(count from_client) d0=$(count dropped)
	sleep "$2"
	f=$(flow_state)
	say "$1" "$3"
	t=$(echo_after "$1" "$3" 15)
	echo "after $2 s of silence: flow $f, $([ "$t" = none ] && echo dead || echo alive)" \
		"(echo: $t) server segments $(($(count from_server) - s0))," \
		"client segments $(($(count from_client) - c0))," \
		"dropped $(($(count dropped) - d0))"
}

# descendants PID: every process under PID, children first.
descendants() {
	local c
	for c in $(pgrep -P "$1"); do
		descendants "$c"
		echo "$c"
	done
}

# frozen NAME WORD LIMIT: WORD echoed once more, then every process of
# the session on the server side (its sshd processes and command) is
# stopped; prints how long the client took to end, counted from just
# before WORD was written (no server packet can come before that, so this
# is at least the time since the server's last packet), and its exit
# status; "gave up: no" when it still runs after LIMIT s.
frozen() {
	eval "pid=\$$1_pid"
	t0=$(now)
	say "$1" "$2"
	[ "$(echo_after "$1" "$2" 15)" != none ] || { echo "session $1 does not echo"; return 1; }
	kill -STOP $(descendants "$(cat /run/sshd-test.pid)") || return
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt $(($3 * 20)) ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "gave up: no, still running after $3 s"
		return
	fi
	d=$(elapsed "$t0")
	wait "$pid"
	echo "gave up: after $d s, exit $?"
}
