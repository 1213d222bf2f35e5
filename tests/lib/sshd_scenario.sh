# sshd_scenario.sh - sourced by a scenario that runs inside ka_live (see
# live.bash): a real sshd on 127.0.0.1, real ssh clients, and timings.
# Everything ends with the scenario: it is PID 1 of its namespace.
# Needs: KA_PORT, KA_CLIENT_KEY, KA_TUNE.  Bounded loops only, with
# generous bounds: a loaded machine is slow, and a reload has a window
# in which new connections are refused, so every connection that must
# succeed is retried while it is refused.

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

SSH_ARGS=(-F /dev/null -i "$KA_CLIENT_KEY" -p "$KA_PORT" -o BatchMode=yes
	-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
	-o LogLevel=ERROR -o ConnectTimeout=10 root@127.0.0.1)

ka_ssh() {
	ssh "${SSH_ARGS[@]}" "$@"
}

# ka_ssh, retried while the connection is refused (a reload's window,
# or a listener that is not up yet): at most 300 tries, 0.1 s apart.
ka_ssh_up() {
	j=0
	while [ $j -lt 300 ]; do
		if err=$(ka_ssh "$@" 2>&1); then return 0; fi
		printf '%s' "$err" | grep -q "Connection refused" ||
			{ printf '%s\n' "$err" >&2; return 1; }
		sleep 0.1
		j=$((j + 1))
	done
	return 1
}

start_sshd() {
	/usr/sbin/sshd -f /etc/ssh/sshd_config || return
	i=0
	while [ ! -s /run/sshd-test.pid ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	cp /run/sshd-test.pid /run/ka-mock/sshd.pid      # for systemctl reload
	echo running >/run/ka-mock/sshd-state
}

# The listener's pid once its pid file is back (sshd removes it on SIGHUP
# and writes it again when it has re-executed).
listener_pid() {
	i=0
	while [ ! -s /run/sshd-test.pid ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	cat /run/sshd-test.pid
}

# open_session NAME: an idle session running "sleep 600"; sets NAME_pid
# (the client) and NAME_port (its local port).  A client that ends before
# its session is up (refused in a reload's window) is started again.
open_session() {
	tries=0
	while [ $tries -lt 20 ]; do
		(exec ssh "${SSH_ARGS[@]}" "touch /run/ka-mock/up-$1; exec sleep 600") \
			</dev/null >/dev/null 2>&1 &
		eval "$1_pid=$!"
		eval "pid=\$$1_pid"
		i=0
		# bounded: 60 s even for a slow or loaded machine
		while [ ! -e "/run/ka-mock/up-$1" ] && kill -0 "$pid" 2>/dev/null &&
			[ $i -lt 1200 ]; do
			sleep 0.05
			i=$((i + 1))
		done
		[ -e "/run/ka-mock/up-$1" ] && break
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		tries=$((tries + 1))
		sleep 0.2
	done
	[ -e "/run/ka-mock/up-$1" ] || { echo "session $1 did not start"; return 1; }
	port=$(ss -Htnp state established "( dport = :$KA_PORT )" |
		awk -v p="pid=$pid," 'index($0, p) { n = split($3, a, ":"); print a[n]; exit }')
	eval "$1_port=$port"
}

# 0 while the server still holds NAME's connection open.
server_holds() {
	eval "port=\$$1_port"
	[ -n "$(ss -Htn state established "( sport = :$KA_PORT and dport = :$port )")" ]
}

# seconds until the server drops NAME, or "kept" after LIMIT seconds
seconds_until_dropped() {
	t0=$(now)
	i=0
	while server_holds "$1"; do
		[ $i -ge $(($2 * 10)) ] && { echo kept; return; }
		sleep 0.1
		i=$((i + 1))
	done
	elapsed "$t0"
}
