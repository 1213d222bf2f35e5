#!/usr/bin/env bats
# An OpenSSH release nothing tells (an image whose sshd cannot be read or
# run and whose rpm database has no openssh-server): what depends on it
# reads as unknown everywhere, the change's note, its summary line, the
# report and the JSON alike, with both possibilities named where they
# differ (ClientAliveCountMax 0), and the worse case said where one is
# assumed (the probe period).

load ../lib/common
load ../lib/rpmdb

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel9 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
}

BOTH="ClientAliveCountMax 0 on an OpenSSH release that is not known: before 8.2p1 (RHEL up to 8.5) a client is dropped at its first idle interval, without a probe; from 8.2p1 (RHEL 8.6) probes are sent and a silent client is never dropped"

@test "ClientAliveCountMax 0 on an unknown release: the note, the summary, the report and the JSON all say unknown and name both meanings" {
	run "$KA_TUNE" --root "$root" --interval 300 --count-max 0
	assert_success
	assert_line "ssh-keepalive-tune: note: $BOTH"
	assert_line "ssh-keepalive-tune: keepalive unsure: ClientAliveCountMax 0, release unknown"
	assert_line "ssh-keepalive-tune: closes sessions idle for 300 s before 8.2p1; probes every 600 s from 8.2p1"
	refute_output --partial "never dropped by probes"
	run "$KA_TUNE" --root "$root" --status
	assert_success
	assert_line "  note: $BOTH"
	assert_line "  ClientAliveCountMax 0 on a release that is not known: before 8.2p1 (RHEL up to 8.5) every session idle for about 300 s is closed; from 8.2p1 (RHEL 8.6) idle sessions are kept alive through idle timeouts longer than 600 s and a silent client is never dropped"
	refute_output --partial "a silent client is never dropped:"
	refute_output --partial "every session idle for about 300 s is closed:"
	run "$KA_TUNE" --root "$root" --status --json
	assert_success
	echo "$output" | python3 -c 'import json, sys
d = json.load(sys.stdin)
k = d["keepalive"]
assert k["release"] is None and k["release_source"] == "unknown", k
assert k["count_max_zero"] is None, k
assert k["silent_client_dropped_after"] is None, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] is None, k
assert k["probe_period"] == 600 and k["probe_period_doubled"], k
note = d["values"]["ClientAliveCountMax"]["note"]
assert "not known" in note and "before 8.2p1" in note and "from 8.2p1" in note, note'
}

@test "ClientAliveCountMax 0 on a known old release (EL7, 7.4p1): the same places all say sessions are closed" {
	ka_rpmdb_openssh "$root" 7.4p1 22.el7_9
	run "$KA_TUNE" --root "$root" --interval 300 --count-max 0
	assert_success
	assert_line "ssh-keepalive-tune: note: ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5): a client is dropped at its first idle interval, without a probe"
	assert_line "ssh-keepalive-tune: keepalive off: idle sessions closed after 300 s"
	assert_line "ssh-keepalive-tune: OpenSSH 7.4p1 drops the client, with no probe (ClientAliveCountMax 0)"
	run "$KA_TUNE" --root "$root" --status --json
	echo "$output" | python3 -c 'import json, sys
k = json.load(sys.stdin)["keepalive"]
assert k["count_max_zero"] == "drops" and k["release"] == "7.4p1", k
assert k["silent_client_dropped_after"] == 300, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] is None, k'
}
