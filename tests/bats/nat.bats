#!/usr/bin/env bats
# --nat-timeout on image roots: the interval it picks for the release in
# the image's rpm database (no sshd to run there), the record it keeps in
# the drop-in, and how every apply derives the interval again.  The
# period model itself: tests/unit/test_period.c; through a real
# conntrack idle timeout: nat_live.bats.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/rpmdb

DROPIN=etc/ssh/sshd_config.d/01-keepalive.conf

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel9 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
}

# release V R: openssh-server V-R is what the image's rpm database holds.
release() {
	HOME="$BATS_TEST_TMPDIR" rpm --root "$root" --dbpath /var/lib/rpm \
		-e --justdb --nodeps openssh-server >/dev/null 2>&1 || true
	ka_rpmdb_openssh "$root" "$1" "$2"
}

tune() {
	run "$KA_TUNE" --root "$root" "$@"
}

dropin_line() {
	grep "^$1" "$root/$DROPIN"
}

record() {
	grep '^# nat-timeout ' "$root/$DROPIN"
}

@test "RHEL 9 (8.7p1): --nat-timeout 350 sets ClientAliveInterval 315 and says what and why" {
	release 8.7p1 38.el9
	tune --nat-timeout 350
	assert_success
	assert_line "ssh-keepalive-tune: nat-timeout 350 s: OpenSSH 8.7p1 (from rpm database: openssh-server 8.7p1-38.el9) probes every ClientAliveInterval; keeping 35 s (10%, at least 2 s) below 350 s for the round trip, a retransmission and coarse middlebox timers: ClientAliveInterval 315, a probe every 315 s"
	assert_line "ssh-keepalive-tune: keepalive on: probes every 315 s"
	assert_line "ssh-keepalive-tune: survives firewalls and NATs with idle timeouts over 315 s"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 315"
	assert_equal "$(dropin_line ClientAliveCountMax)" "ClientAliveCountMax 10"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 derived from it'
}

@test "Fedora 39 (9.3p1) probes every 2 x interval: --nat-timeout 350 sets 157" {
	release 9.3p1 9.fc39
	tune --nat-timeout 350
	assert_success
	assert_line --partial "OpenSSH 9.3p1 (from rpm database: openssh-server 9.3p1-9.fc39) probes every 2 x ClientAliveInterval; keeping 35 s"
	assert_line --partial "ClientAliveInterval 157, a probe every 314 s"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 157"
}

@test "an unknown release: the worse case (the doubling) is assumed, and said" {
	tune --nat-timeout 240
	assert_success
	assert_line --partial "an unknown OpenSSH release (no /usr/sbin/sshd in the image; no openssh-server in the rpm database) probes every 2 x ClientAliveInterval (assumed: the worse case, OpenSSH 9.2p1 to 9.4p1)"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 108"
}

@test "time units: 4m on 8.7p1 gives 216, 20m gives 1080, 7d is capped at 24 h" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 4m
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 216"
	tune --quiet --nat-timeout 20m
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 1080"
	tune --quiet --nat-timeout 7d
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 86400"
	run record
	assert_output --regexp '^# nat-timeout 604800: ClientAliveInterval 86400 '
}

@test "a timeout no interval can meet is refused: exit 2, one line with the smallest that works, nothing changed" {
	release 9.3p1 9.fc39
	before=$(ka_tree_sum "$root/etc")
	tune --nat-timeout 3
	assert_failure 2
	assert_output "ssh-keepalive-tune: --nat-timeout: 3 s is too short for OpenSSH 9.3p1 (from rpm database: openssh-server 9.3p1-9.fc39), which probes every 2 x ClientAliveInterval: the smallest that works on this sshd is 4 s"
	release 8.7p1 38.el9
	before=$(ka_tree_sum "$root/etc")
	tune --nat-timeout 2
	assert_failure 2
	assert_output --partial "the smallest that works on this sshd is 3 s"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "bad nat timeouts are refused with the accepted range, nothing changed" {
	before=$(ka_tree_sum "$root/etc")
	for v in 0 8d 1.5 -5 '' 0x10 '5 m'; do
		tune "--nat-timeout=$v"
		assert_failure 2
		assert_equal "${#lines[@]}" 1
		assert_output --partial "ssh-keepalive-tune: --nat-timeout: "
		assert_output --partial "accepted: 1 s to 7 d"
	done
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "--nat-timeout goes with --count-max, not with --interval, --reset or --apply" {
	release 8.7p1 38.el9
	before=$(ka_tree_sum "$root/etc")
	for args in "--interval 5" "--reset" "--apply" "--status" "--json"; do
		# shellcheck disable=SC2086
		run "$KA_TUNE" --root "$root" --nat-timeout 350 $args
		assert_failure 2
		assert_equal "${#lines[@]}" 1
	done
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	tune --quiet --nat-timeout 350 --count-max 3
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 315"
	assert_equal "$(dropin_line ClientAliveCountMax)" "ClientAliveCountMax 3"
}

@test "--dry-run shows the record and the interval in the diff and writes nothing" {
	release 8.7p1 38.el9
	before=$(ka_tree_sum "$root/etc")
	tune --nat-timeout 350 --dry-run
	assert_success
	assert_line "+# nat-timeout 350: ClientAliveInterval 315 derived from it for the installed sshd, again after every openssh-server update (--interval or --reset drops this line)"
	assert_line "+ClientAliveInterval 315"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "--interval and --reset take the record out; --count-max alone keeps it" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 350
	tune --quiet --count-max 4
	run record
	assert_output --partial "nat-timeout 350"
	tune --interval 200
	assert_success
	assert_line "ssh-keepalive-tune: keepalive on: probes every 200 s"
	assert_line "ssh-keepalive-tune: survives firewalls and NATs with idle timeouts over 200 s"
	run record
	assert_output ""
	tune --quiet --nat-timeout 350
	tune --quiet --reset
	run record
	assert_output ""
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 600"
}

@test "apply derives the interval again when openssh-server moves into and out of 9.2p1-9.4p1" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 350
	release 9.3p1 9.fc39
	run "$KA_HELPER" --root "$root" apply
	assert_success
	assert_line --partial "keepalive-helper: nat-timeout 350 s: OpenSSH 9.3p1 (from rpm database: openssh-server 9.3p1-9.fc39) probes every 2 x ClientAliveInterval"
	assert_line "keepalive-helper: ClientAliveInterval 315 becomes 157 on this release"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 157"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 157 '
	release 9.5p1 1.fc40
	run "$KA_TUNE" --root "$root" --apply
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 315"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 '
}

@test "apply on an unchanged release changes nothing" {
	release 9.3p1 9.fc39
	tune --quiet --nat-timeout 350
	before=$(ka_tree_sum "$root/etc")
	run "$KA_HELPER" --root "$root" apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "a hand edit of ClientAliveInterval wins: apply keeps it, drops the record, and says so" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 350
	sed -i 's/^ClientAliveInterval 315$/ClientAliveInterval 200/' "$root/$DROPIN"
	release 9.3p1 9.fc39
	run "$KA_TUNE" --root "$root" --status
	assert_line --partial "nat-timeout 350 s (/etc/ssh/sshd_config.d/01-keepalive.conf:11): ClientAliveInterval 315 derived from it; the drop-in's ClientAliveInterval was edited by hand since (200): the next apply drops the record"
	run "$KA_HELPER" --root "$root" --quiet apply
	assert_success
	assert_line "keepalive-helper: warning: /etc/ssh/sshd_config.d/01-keepalive.conf:11: ClientAliveInterval was edited by hand (200, not the 315 derived from nat-timeout 350 s): the hand edit wins; the nat-timeout record is dropped"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 200"
	run record
	assert_output ""
}

@test "a record written by hand (# nat-timeout 240) is honoured by --apply" {
	release 8.7p1 38.el9
	printf '# nat-timeout 240\nClientAliveInterval 600\nClientAliveCountMax 10\n' >"$root/$DROPIN"
	run "$KA_TUNE" --root "$root" --apply
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 216"
	run record
	assert_output --regexp '^# nat-timeout 240: ClientAliveInterval 216 '
	assert_equal "$(grep -c 'nat-timeout' "$root/$DROPIN")" 1
}

@test "a hand-written record in the units --nat-timeout takes (4m, 350s) is honoured, and status never prints -1" {
	release 8.7p1 38.el9
	printf '# nat-timeout 4m\nClientAliveInterval 600\nClientAliveCountMax 10\n' >"$root/$DROPIN"
	tune --status
	assert_success
	assert_line "  nat-timeout 240 s (/etc/ssh/sshd_config.d/01-keepalive.conf:1): written by hand, without the interval derived from it; this release needs 216: the next apply sets it"
	refute_output --partial -- "-1"
	tune --json
	printf '%s\n' "$output" | python3 -c '
import json, sys
n = json.load(sys.stdin)["keepalive"]["nat_timeout"]
assert n == {"timeout": 240, "interval": None, "line": 1, "hand_edited": False,
    "interval_for_this_release": 216,
    "file": "/etc/ssh/sshd_config.d/01-keepalive.conf",
    "source": {"from": "dropin", "line": 1,
        "file": "/etc/ssh/sshd_config.d/01-keepalive.conf"}}, n
'
	run "$KA_TUNE" --root "$root" --apply
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 216"
	run record
	assert_output --regexp '^# nat-timeout 240: ClientAliveInterval 216 '
	printf '# nat-timeout 350s: AWS NAT gateway\nClientAliveInterval 600\n' >"$root/$DROPIN"
	run "$KA_HELPER" --root "$root" --quiet apply
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 315"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 '
}

@test "a deleted ClientAliveInterval line is said in words, never as -1: status, then apply drops the record" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 350
	sed -i '/^ClientAliveInterval /d' "$root/$DROPIN"
	tune --status
	assert_success
	assert_line "  nat-timeout 350 s (/etc/ssh/sshd_config.d/01-keepalive.conf:11): ClientAliveInterval 315 derived from it; the drop-in's ClientAliveInterval line was deleted by hand since: the next apply drops the record"
	refute_output --partial -- "-1"
	run --separate-stderr "$KA_HELPER" --root "$root" --quiet apply
	assert_success
	assert_equal "${stderr_lines[0]}" "keepalive-helper: warning: /etc/ssh/sshd_config.d/01-keepalive.conf:11: the ClientAliveInterval line was deleted by hand (it held the 315 derived from nat-timeout 350 s): the hand edit wins; the nat-timeout record is dropped"
	run record
	assert_output ""
	run dropin_line ClientAliveInterval
	assert_output ""
}

# malformed_record TEXT WHAT: the drop-in's record line 1 is TEXT, which
# every report and change names as FILE:1 with WHAT.
malformed_record() {
	printf '%s\nClientAliveInterval 600\nClientAliveCountMax 10\n' "$1" >"$root/$DROPIN"
	local msg="/etc/ssh/sshd_config.d/01-keepalive.conf:1: nat-timeout record: $2"
	tune --status
	assert_success
	assert_line "  nat-timeout: $msg: a change refuses until it is corrected (--nat-timeout TIME rewrites it, --interval or --reset drops it)"
	tune --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
n = json.load(sys.stdin)["keepalive"]["nat_timeout"]
assert n == {"file": "/etc/ssh/sshd_config.d/01-keepalive.conf", "line": 1,
    "malformed": "nat-timeout record: " + sys.argv[1],
    "source": {"from": "dropin", "line": 1,
        "file": "/etc/ssh/sshd_config.d/01-keepalive.conf"}}, n
' "$2"
	before=$(ka_tree_sum "$root/etc")
	for args in "--apply" "--count-max 3" "--tcp-keepalive no" "--mode inline"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$KA_TUNE" --root "$root" --quiet $args
		assert_failure 1
		assert_equal "$stderr" "ssh-keepalive-tune: $msg (correct the line, or let --nat-timeout rewrite it or --interval drop it)"
		assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	done
	run --separate-stderr "$KA_HELPER" --root "$root" --quiet apply
	assert_failure 1
	assert_equal "$stderr" "keepalive-helper: $msg (correct the line, or let --nat-timeout rewrite it or --interval drop it)"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "a malformed record (5 m, 35x0, 8d, 0, none) is named with FILE:LINE and what is wrong; a change that would keep it refuses, exit 1, nothing changed" {
	release 8.7p1 38.el9
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	local range="accepted: 1 s to 7 d, as whole seconds or time units (350, 4m, 20m)"
	malformed_record '# nat-timeout 5 m' "'5 m' is not a time; $range"
	malformed_record '# nat-timeout 35x0: ClientAliveInterval 315 derived' "'35x0' is not a time; $range"
	malformed_record '# nat-timeout 8d' "'8d' is more than 7 d; $range"
	malformed_record '# nat-timeout 0' "'0' is no idle timeout; $range"
	malformed_record '# nat-timeout' "empty value; $range"
}

@test "a malformed record: --nat-timeout replaces it, --interval and --reset drop it, each saying so" {
	release 8.7p1 38.el9
	local bad="/etc/ssh/sshd_config.d/01-keepalive.conf:1: nat-timeout record: '5 m' is not a time; accepted: 1 s to 7 d, as whole seconds or time units (350, 4m, 20m)"
	printf '# nat-timeout 5 m\nClientAliveInterval 600\nClientAliveCountMax 10\n' >"$root/$DROPIN"
	run --separate-stderr "$KA_TUNE" --root "$root" --quiet --nat-timeout 5m
	assert_success
	assert_equal "${stderr_lines[0]}" "ssh-keepalive-tune: warning: $bad: --nat-timeout replaces it"
	run record
	assert_output --regexp '^# nat-timeout 300: ClientAliveInterval 270 '
	assert_equal "$(grep -c 'nat-timeout' "$root/$DROPIN")" 1
	for opt in "--interval 200" "--reset"; do
		printf '# nat-timeout 5 m\nClientAliveInterval 600\nClientAliveCountMax 10\n' >"$root/$DROPIN"
		# shellcheck disable=SC2086
		run --separate-stderr "$KA_TUNE" --root "$root" --quiet $opt
		assert_success
		assert_equal "${stderr_lines[0]}" "ssh-keepalive-tune: warning: $bad: ${opt%% *} drops it"
		run record
		assert_output ""
		refute grep -q 'nat-timeout' "$root/$DROPIN"
	done
}

@test "a comment that only starts like a record (#nat-timeout, # nat-timeouts) is an ordinary comment" {
	release 8.7p1 38.el9
	printf '#nat-timeout 5 m\n# nat-timeouts are set with ssh-keepalive-tune\nClientAliveInterval 600\n' >"$root/$DROPIN"
	tune --status
	assert_success
	assert_line "  nat-timeout: none recorded (ssh-keepalive-tune --nat-timeout TIME sets one)"
	run "$KA_TUNE" --root "$root" --quiet --apply
	assert_success
	assert_equal "$(head -2 "$root/$DROPIN")" "$(printf '#nat-timeout 5 m\n# nat-timeouts are set with ssh-keepalive-tune')"
}

@test "a recorded timeout too short for the new release: apply warns and leaves the interval" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 3
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 1"
	release 9.3p1 9.fc39
	run "$KA_HELPER" --root "$root" --quiet apply
	assert_success
	assert_line "keepalive-helper: warning: /etc/ssh/sshd_config.d/01-keepalive.conf:11: nat-timeout 3 s cannot be kept on OpenSSH 9.3p1 (from rpm database: openssh-server 9.3p1-9.fc39) (the smallest that works is 4 s); ClientAliveInterval stays 1"
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 1"
}

@test "status and --json show the release, the period, the drop time and the record" {
	release 9.3p1 9.fc39
	tune --quiet --nat-timeout 350
	tune --status
	assert_line "keepalive: a probe every 314 s (2 x ClientAliveInterval)"
	assert_line "  release: OpenSSH 9.3p1 (from rpm database: openssh-server 9.3p1-9.fc39)"
	assert_line "  keeps idle sessions alive through idle timeouts longer than 314 s"
	assert_line "  a silent client is dropped after about 3454 s (314 s x (10 + 1))"
	assert_line "  nat-timeout 350 s (/etc/ssh/sshd_config.d/01-keepalive.conf:11): ClientAliveInterval 157 derived from it"
	assert_line --regexp "^  from NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive:[0-9]+, the nat-timeout stated, which the record follows$"
	tune --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
k = json.load(sys.stdin)["keepalive"]
assert k["release"] == "9.3p1" and k["release_source"] == "rpm", k
assert k["probe_period_doubled"] is True
assert k["interval"] == 157 and k["count_max"] == 10, k
assert k["probe_period"] == 314, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] == 314, k
assert k["silent_client_dropped_after"] == 3454, k
assert k["count_max_zero"] == "never", k
n = k["nat_timeout"]
assert n == {"timeout": 350, "interval": 157, "line": 11, "hand_edited": False,
    "interval_for_this_release": 157,
    "file": "/etc/ssh/sshd_config.d/01-keepalive.conf",
    "source": {"from": "sysconfig", "file": "/etc/sysconfig/ssh-keepalive",
        "line": n["source"]["line"]}}, n
assert "socket_activated" not in k
'
}

@test "status: interval 0 sends no probes; no record is said so" {
	release 8.7p1 38.el9
	tune --quiet --interval 0
	tune --status
	assert_line "keepalive: ClientAliveInterval 0: sshd sends no probes"
	assert_line "  release: OpenSSH 8.7p1 (from rpm database: openssh-server 8.7p1-38.el9)"
	assert_line "  idle sessions are not kept alive through idle timeouts"
	assert_line "  a silent client is never dropped by probes"
	assert_line "  nat-timeout: none recorded (ssh-keepalive-tune --nat-timeout TIME sets one)"
	tune --json
	printf '%s\n' "$output" | python3 -c '
import json, sys
k = json.load(sys.stdin)["keepalive"]
assert k["probe_period"] is None and k["silent_client_dropped_after"] is None, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] is None, k
assert k["nat_timeout"] is None, k
'
}

@test "ClientAliveCountMax 0, per release: an idle timeout before 8.2p1 (RHEL 8.5), never a drop on RHEL 8.6" {
	release 8.0p1 10.el8
	tune --quiet --count-max 0
	tune --status
	assert_line "  every session idle for about 600 s is closed: ClientAliveCountMax 0 on this release drops a client at its first idle interval, without a probe"
	release 8.0p1 13.el8
	tune --status
	assert_line "  keeps idle sessions alive through idle timeouts longer than 600 s"
	assert_line "  a silent client is never dropped: ClientAliveCountMax 0 on this release sends probes but drops nobody"
}

@test "status: a value sshd refuses (a typo in the drop-in) is not read as 0: it says sshd would not start" {
	release 8.7p1 38.el9
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null   # include mode now
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 10mn/' "$root/$DROPIN"
	tune --status
	assert_success
	assert_line "ClientAliveInterval  10mn (from /etc/ssh/sshd_config.d/01-keepalive.conf:11, ssh-keepalive) INVALID: sshd will refuse it"
	assert_line "keepalive: sshd refuses the ClientAliveInterval or ClientAliveCountMax"
	assert_line "  it would use (see above): with these files it does not start"
	refute_output --partial "sends no probes"
	refute_output --partial "not kept alive"
	tune --json
	printf '%s\n' "$output" | python3 -c '
import json, sys
k = json.load(sys.stdin)["keepalive"]
assert k["interval"] is None and k["probe_period"] is None, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] is None, k
assert k["silent_client_dropped_after"] is None, k
assert k["count_max"] == 10, k
'
}

# The one reason ClientAliveCountMax 0 and a nat-timeout are refused
# together on a release where 0 closes idle sessions, after "OPTION: ".
COUNT0_OLD="ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5) closes every session idle for one interval instead of keeping it alive through nat-timeout 350 s; give --count-max 1 or more, or --interval instead of a nat-timeout"

@test "--nat-timeout with ClientAliveCountMax 0 where 0 closes idle sessions (before 8.2p1): refused, nothing changed" {
	release 7.4p1 22.el7_9
	# (the rpm database is left out: librpm touches it when it reads)
	before=$(ka_tree_sum "$root/etc")
	run --separate-stderr "$KA_TUNE" --root "$root" --nat-timeout 350 --count-max 0
	assert_failure 2
	assert_equal "$stderr" "ssh-keepalive-tune: --nat-timeout: $COUNT0_OLD"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	# a 0 already in the drop-in counts too, with the same reason
	sed -i 's/^ClientAliveCountMax 10$/ClientAliveCountMax 0/' "$root/$DROPIN"
	before=$(ka_tree_sum "$root/etc")
	run --separate-stderr "$KA_TUNE" --root "$root" --nat-timeout 350
	assert_failure 2
	assert_equal "$stderr" "ssh-keepalive-tune: --nat-timeout: $COUNT0_OLD"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	tune --nat-timeout 350 --count-max 3
	assert_success
	# where 0 never drops (8.2p1+, RHEL 8.6+) it keeps sessions alive: fine
	release 8.7p1 38.el9
	tune --nat-timeout 350 --count-max 0
	assert_success
}

@test "--count-max 0 with a recorded nat-timeout where 0 closes idle sessions (EL7): refused, exit 2, the same reason, nothing changed" {
	release 7.4p1 22.el7_9
	tune --quiet --nat-timeout 350
	assert_success
	before=$(ka_tree_sum "$root/etc")
	for args in "--count-max 0" "--count-max=0 --tcp-keepalive no" "--count-max 0 --dry-run"; do
		# shellcheck disable=SC2086
		run --separate-stderr "$KA_TUNE" --root "$root" $args
		assert_failure 2
		assert_equal "$stderr" "ssh-keepalive-tune: --count-max: $COUNT0_OLD"
		assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	done
	# the STIG's idle timeout, on purpose: --interval with it drops the record
	tune --quiet --interval 600 --count-max 0
	assert_success
	assert_equal "$(dropin_line ClientAliveCountMax)" "ClientAliveCountMax 0"
	run record
	assert_output ""
}

@test "ClientAliveCountMax 0 with a nat-timeout where 0 never drops (8.2p1+, RHEL 8.6's 8.0p1-13): allowed in either order" {
	release 8.0p1 13.el8
	tune --quiet --nat-timeout 350
	tune --count-max 0
	assert_success
	assert_equal "$(dropin_line ClientAliveCountMax)" "ClientAliveCountMax 0"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 '
	tune --quiet --nat-timeout 4m
	assert_success
	assert_equal "$(dropin_line ClientAliveInterval)" "ClientAliveInterval 216"
}

@test "an unknown release: ClientAliveCountMax 0 with a nat-timeout is refused in either order as the safe answer, and says so" {
	local why="ClientAliveCountMax 0 on this sshd (its OpenSSH release is unknown: taken as one before 8.2p1 and RHEL 8.6, the safe answer) closes every session idle for one interval instead of keeping it alive through nat-timeout"
	local give="give --count-max 1 or more, or --interval instead of a nat-timeout"
	tune --quiet --nat-timeout 350
	assert_success
	before=$(ka_tree_sum "$root/etc")
	run --separate-stderr "$KA_TUNE" --root "$root" --count-max 0
	assert_failure 2
	assert_equal "$stderr" "ssh-keepalive-tune: --count-max: $why 350 s; $give"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	run --separate-stderr "$KA_TUNE" --root "$root" --nat-timeout 300 --count-max 0
	assert_failure 2
	assert_equal "$stderr" "ssh-keepalive-tune: --nat-timeout: $why 300 s; $give"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "keepalive-helper apply with ClientAliveCountMax 0 and a record on a release where 0 closes idle sessions: applies, warns with the line and what to run" {
	release 8.7p1 38.el9
	tune --quiet --nat-timeout 350 --count-max 0
	assert_success
	# the same drop-in on EL7 (an image built from EL9's files, a downgrade)
	release 7.4p1 22.el7_9
	run --separate-stderr "$KA_HELPER" --root "$root" apply
	assert_success
	assert_equal "${stderr_lines[0]}" "keepalive-helper: warning: /etc/ssh/sshd_config.d/01-keepalive.conf:11: nat-timeout 350 s keeps no session alive: ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5) closes every session idle for one interval; run ssh-keepalive-tune --count-max 1 (or more)"
	# applied all the same: inline mode, the values in sshd_config itself
	grep -qx 'ClientAliveInterval 315' "$root/etc/ssh/sshd_config"
	grep -qx 'ClientAliveCountMax 0' "$root/etc/ssh/sshd_config"
	tune --status
	assert_line "  nat-timeout 350 s (/etc/ssh/sshd_config.d/01-keepalive.conf:11): ClientAliveInterval 315 derived from it; ClientAliveCountMax 0 on this release closes every session idle for one interval: it keeps no session alive (ssh-keepalive-tune --count-max 1 or more)"
	run --separate-stderr "$KA_TUNE" --root "$root" --quiet --tcp-keepalive no
	assert_success
	assert_equal "${stderr_lines[0]}" "ssh-keepalive-tune: warning: /etc/ssh/sshd_config.d/01-keepalive.conf:11: nat-timeout 350 s keeps no session alive: ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5) closes every session idle for one interval; run ssh-keepalive-tune --count-max 1 (or more)"
	run --separate-stderr "$KA_TUNE" --root "$root" --quiet --count-max 2
	assert_success
	refute_output --partial "keeps no session alive"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 '
}
