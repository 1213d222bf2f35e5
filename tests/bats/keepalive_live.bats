#!/usr/bin/env bats
# What a running sshd does: Debian's sshd 9.2 on 127.0.0.1 (a free high
# port, its own host key, config tree and pid file), real ssh clients with
# a throwaway key, ssh-keepalive-tune changing its config and reloading
# it through the systemctl stand-in.  Every scenario runs as PID 1 of its
# own namespace, so nothing outlives it.  Times are printed; bounds are
# generous, and what is asserted never depends on the machine's speed:
# connections that must succeed are retried while a reload refuses them,
# and counts are of events, not of how many fit in a time.
#
# Measured fact, sshd 9.2 (serverloop.c): a probe is sent when ppoll
# times out AND now > last + ClientAliveInterval in whole seconds, so
# probes come every 2 x interval, and the client goes at the
# (ClientAliveCountMax + 1)th unanswered one: 2 x interval x (count + 1).

load ../lib/common
load ../lib/live
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_sshd_tree "$root"
	ka_mock_init
}

@test "the values take effect: sshd -T shows them in include and in inline mode, and the running sshd reloads" {
	for mode in include inline; do
		run ka_scenario "$root" "start_sshd && open_session a || exit 1
			pid=\$(listener_pid)
			\$KA_TUNE --mode $mode --interval 4m --count-max 7
			[ \"\$(listener_pid)\" = \"\$pid\" ] && echo 'same listener process'
			server_holds a && echo 'session kept'
			ka_ssh_up true && echo 'new connections accepted'"
		assert_success
		assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
		assert_line "same listener process"
		assert_line "session kept"
		assert_line "new connections accepted"
		run ka_sshd_winners "$root"
		assert_output "clientaliveinterval 240
clientalivecountmax 7
tcpkeepalive yes"
		# back to the bare test config for the next mode
		rm -rf "$root/etc/ssh/sshd_config.d"
		sed -i '/^# BEGIN ssh-keepalive/,/^# END ssh-keepalive/d' "$root/etc/ssh/sshd_config"
	done
}

@test "a frozen client is dropped after interval x count, and not before" {
	run ka_scenario "$root" 'start_sshd && $KA_TUNE --quiet --interval 1 --count-max 3 &&
		open_session a && sleep 0.5 && kill -STOP $a_pid &&
		echo "dropped after $(seconds_until_dropped a 30) s"'
	assert_success
	t=$(printf '%s\n' "$output" | sed -n 's/^dropped after \([0-9.]*\) s$/\1/p')
	echo "# interval 1, count-max 3: a frozen client was dropped after $t s" >&3
	[ -n "$t" ] || fail "not dropped: $output"
	# never before interval x count; about 2 x interval x (count + 1) = 8 s,
	# with a generous bound for a loaded machine
	awk -v t="$t" 'BEGIN { exit !(t >= 3 - 0.5 && t <= 8 + 12) }' ||
		fail "dropped after $t s: outside 2.5 .. 20 s"
}

@test "with keepalive off (interval 0) a frozen client stays" {
	run ka_scenario "$root" 'start_sshd && $KA_TUNE --quiet --interval 0 --count-max 1 &&
		open_session a && kill -STOP $a_pid &&
		echo "frozen client: $(seconds_until_dropped a 12)"'
	assert_success
	assert_line "frozen client: kept"
}

@test "a live idle client is kept far longer than the probes would take to drop it" {
	run ka_scenario "$root" 'start_sshd && $KA_TUNE --quiet --interval 1 --count-max 2 &&
		open_session a && echo "idle client: $(seconds_until_dropped a 15)"'
	assert_success
	# 15 s > 2 x 1 x (2 + 1) = 6 s: probes were sent and answered
	assert_line "idle client: kept"
}

@test "ten changes in a row drop no session; new connections only meet reload windows" {
	# The connection loop starts before the first change and goes on
	# until 10 connections succeeded after the last one (bounded by 300 s,
	# not by a number of attempts): counts of events, whatever the speed.
	run ka_scenario "$root" 'start_sshd && $KA_TUNE --quiet --interval 300 &&
		open_session a && open_session b && open_session c || exit 1
		(	ok=0 refused=0 other=0 i=0 after=0 deadline=$((SECONDS + 300))
			while [ $SECONDS -lt $deadline ] && [ $after -lt 10 ]; do
				[ -e /run/ka-mock/changes-done ] && last=1 || last=0
				if err=$(ka_ssh true 2>&1); then ok=$((ok + 1))
					[ $last = 1 ] && after=$((after + 1))
				elif printf "%s" "$err" | grep -q "Connection refused"
				then refused=$((refused + 1))
				else other=$((other + 1)); echo "other: $err"; fi
				i=$((i + 1))
				[ $i = 1 ] && touch /run/ka-mock/loop-started
			done
			echo "new connections: ok $ok refused $refused other $other, ok after the last change $after"
		) &
		loop=$!
		i=0
		while [ ! -e /run/ka-mock/loop-started ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
		for v in 301 302 303 304 305 306 307 308 309 310; do
			$KA_TUNE --quiet --interval $v || echo "change $v failed"
		done
		touch /run/ka-mock/changes-done
		wait $loop
		for s in a b c; do server_holds $s && echo "session $s: kept"; done'
	assert_success
	assert_line "session a: kept"
	assert_line "session b: kept"
	assert_line "session c: kept"
	refute_line --partial "failed"
	line=$(grep '^new connections:' <<<"$output" || true)
	run grep -c 'systemctl reload sshd.service' "$KA_MOCK/calls"
	assert_output 11
	echo "# ${line:-no count}" >&3
	[[ "$line" =~ ok\ ([0-9]+)\ refused\ ([0-9]+)\ other\ ([0-9]+),\ ok\ after\ the\ last\ change\ ([0-9]+) ]] ||
		fail "no count"
	# every failure is a refused connect in a reload's re-exec window (see
	# doc/limits.md); none is a reset, a timeout or an auth error;
	# and the daemon serves once the changes are done
	assert_equal "${BASH_REMATCH[3]}" 0
	assert_equal "${BASH_REMATCH[4]}" 10
}

@test "a hand edit reaches a real sshd with its own PidFile: --status says stale, --apply reloads it, then it is up to date" {
	# the test sshd writes /run/sshd-test.pid (PidFile in its
	# sshd_config), not /var/run/sshd.pid
	run ka_scenario "$root" '$KA_TUNE --quiet --interval 300 --no-reload &&
		start_sshd || exit 1
		dropin=/etc/ssh/sshd_config.d/01-keepalive.conf
		# file times come from a coarse clock: edit in a later tick
		sleep 0.1
		sed -i "s/^ClientAliveInterval 300$/ClientAliveInterval 90/" $dropin
		$KA_TUNE --status | grep "^sshd:"
		pid=$(listener_pid)
		: >/run/ka-mock/calls
		$KA_TUNE --apply; echo "apply exit $?"
		sed "s/^/call: /" /run/ka-mock/calls
		# sshd writes its pid file again once it has re-executed
		i=0
		while ! [ /run/sshd-test.pid -nt $dropin ] && [ $i -lt 1200 ]; do
			sleep 0.05; i=$((i + 1))
		done
		[ "$(listener_pid)" = "$pid" ] && echo "same listener process"
		$KA_TUNE --status | grep "^sshd:"
		: >/run/ka-mock/calls
		$KA_TUNE --apply; echo "apply exit $?"
		sed "s/^/call: /" /run/ka-mock/calls
		ka_ssh_up true && echo "new connections accepted"'
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is older than the files: reload it"
	assert_line "ssh-keepalive-tune: sshd runs with older files than these (/etc/ssh/sshd_config.d/01-keepalive.conf changed since sshd started): reloading it"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	assert_line "same listener process"
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is up to date"
	# the first --apply reloaded, the second did not
	run grep -c "^call: systemctl reload sshd.service$" <<<"$output"
	assert_output 1
}

@test "a broken change never reaches the daemon: refused, nothing changed, sshd still serves" {
	run ka_scenario "$root" 'start_sshd && $KA_TUNE --quiet --interval 300 &&
		open_session a || exit 1
		printf "NoSuchOption yes\n" >/etc/ssh/sshd_config.d/50-broken.conf
		sum() { find /etc/ssh -type f -print0 | sort -z | xargs -0 sha256sum; }
		before=$(sum)
		: >/run/ka-mock/calls
		$KA_TUNE --interval 200; echo "tune exit $?"
		[ "$(sum)" = "$before" ] && echo "nothing changed"
		grep -q reload /run/ka-mock/calls || echo "no reload"
		server_holds a && echo "session kept"
		ka_ssh_up true && echo "new connections accepted"'
	assert_line "tune exit 3"
	assert_line --partial "/etc/ssh/sshd_config.d/50-broken.conf: line 1: Bad configuration option: NoSuchOption"
	assert_line "nothing changed"
	assert_line "no reload"
	assert_line "session kept"
	assert_line "new connections accepted"
}

@test "a HostKey edited by someone else and not yet reloaded: a change is refused rather than reloading sshd onto a config it cannot start with" {
	run ka_scenario "$root" 'start_sshd && open_session a || exit 1
		sed -i "s#^HostKey .*#HostKey /etc/ssh/ssh_host_ed25519_key.typo#" /etc/ssh/sshd_config
		sum() { find /etc/ssh -type f -print0 | sort -z | xargs -0 sha256sum; }
		before=$(sum)
		$KA_TUNE --interval 200; echo "tune exit $?"
		[ "$(sum)" = "$before" ] && echo "nothing changed"
		grep -q reload /run/ka-mock/calls || echo "no reload"
		$KA_TUNE --interval 200 --dry-run >/dev/null 2>&1; echo "dry run exit $?"
		server_holds a && echo "session kept"
		ka_ssh_up true && echo "new connections accepted"'
	assert_line "tune exit 3"
	assert_line "ssh-keepalive-tune: sshd runs, and would not start again after a reload: nothing was changed:"
	assert_line --partial "no hostkeys available"
	assert_line "nothing changed"
	assert_line "no reload"
	assert_line "dry run exit 3"
	assert_line "session kept"
	assert_line "new connections accepted"
}
