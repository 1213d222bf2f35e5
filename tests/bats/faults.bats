#!/usr/bin/env bats
# Killed mid-write, or racing each other: sshd_config and the drop-in
# are always one whole version, never torn, empty or mixed.

load ../lib/common

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system centos7 "$root"
	"$KA_BUILD/keepalive-helper" --root "$root" --quiet apply 2>/dev/null
	# every whole version a run may leave: values 100 and 200
	for v in 100 200; do
		cp -a "$root" "$BATS_TEST_TMPDIR/v$v"
		"$KA_BUILD/ssh-keepalive-tune" --root "$BATS_TEST_TMPDIR/v$v" --quiet \
			--interval "$v" 2>/dev/null
	done
}

# 0 if ROOT's file F is byte for byte one of the whole versions.
whole() {
	local f=$1
	cmp -s "$root/$f" "$BATS_TEST_TMPDIR/v100/$f" ||
		cmp -s "$root/$f" "$BATS_TEST_TMPDIR/v200/$f"
}

@test "SIGKILL at random points, 300 times: each file stays one whole version" {
	local i v pid torn=0 kills=0
	"$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet --interval 100 2>/dev/null
	for i in $(seq 1 300); do
		v=$((i % 2 ? 200 : 100))
		"$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet --interval "$v" \
			2>/dev/null &
		pid=$!
		sleep "0.00$((RANDOM % 10))"
		kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
		wait "$pid" 2>/dev/null || true
		whole etc/ssh/sshd_config || torn=$((torn + 1))
		whole etc/ssh/sshd_config.d/01-keepalive.conf || torn=$((torn + 1))
	done
	echo "# $kills of 300 runs killed while running" >&3
	assert_equal "$torn" 0
	# leftovers of killed runs are never files sshd reads ...
	run find "$root/etc/ssh" -name '*.conf' ! -name 01-keepalive.conf
	assert_output ""
	# ... and the next run sweeps them away
	"$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet --interval 100 2>/dev/null
	run find "$root/etc/ssh" -name '.*'
	assert_output ""
}

@test "twenty concurrent runs with different values: the result is one of them, whole" {
	local i ok=0 busy=0 t="$BATS_TEST_TMPDIR"
	for i in $(seq 1 20); do
		("$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet \
			--interval "$((i * 10))" 2>"$t/err.$i"; echo $? >"$t/rc.$i") &
	done
	wait
	# each run succeeds, or (on a machine slow enough that 19 others take
	# more than the 30 s the lock waits) says the lock is still held
	for i in $(seq 1 20); do
		if [ "$(cat "$t/rc.$i")" = 0 ]; then
			ok=$((ok + 1))
		elif grep -q "still holds the lock on /etc/ssh" "$t/err.$i"; then
			busy=$((busy + 1))
		else
			fail "run $i: exit $(cat "$t/rc.$i"): $(cat "$t/err.$i")"
		fi
	done
	echo "# $ok of 20 concurrent runs done, $busy timed out on the lock" >&3
	[ "$ok" -ge 1 ]
	v=$(sed -n 's/^ClientAliveInterval //p' "$root/etc/ssh/sshd_config.d/01-keepalive.conf")
	[ "$((v % 10))" -eq 0 ] && [ "$v" -ge 10 ] && [ "$v" -le 200 ]
	# sshd_config and the drop-in agree: the last run wrote both
	run sed -n '/^# BEGIN ssh-keepalive/,/^# END/s/^ClientAliveInterval //p' \
		"$root/etc/ssh/sshd_config"
	assert_output "$v"
	cp -a "$root" "$BATS_TEST_TMPDIR/check"
	"$KA_BUILD/ssh-keepalive-tune" --root "$BATS_TEST_TMPDIR/check" --quiet --apply 2>/dev/null
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/check/etc/ssh/sshd_config"
}

@test "temp files a killed run left are swept by the next run; nothing else is" {
	touch "$root/etc/ssh/.sshd_config.ka-AbC123" \
		"$root/etc/ssh/sshd_config.d/.01-keepalive.conf.ka-x1y2z3" \
		"$root/etc/ssh/.ssh-keepalive-probe.Q9w8e7" \
		"$root/etc/ssh/.sshd_config.ka-not-ours" \
		"$root/etc/ssh/sshd_config.d/.hidden"
	"$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet --interval 100 2>/dev/null
	run sh -c 'find "$1" -name ".*" -printf "%P\n" | sort' sh "$root/etc/ssh"
	assert_output "$(printf '%s\n' .sshd_config.ka-not-ours sshd_config.d/.hidden | sort)"
}

@test "--dry-run sweeps nothing: it writes nothing at all" {
	touch "$root/etc/ssh/.sshd_config.ka-AbC123"
	"$KA_BUILD/ssh-keepalive-tune" --root "$root" --quiet --interval 100 --dry-run 2>/dev/null
	assert_file_exists "$root/etc/ssh/.sshd_config.ka-AbC123"
}
