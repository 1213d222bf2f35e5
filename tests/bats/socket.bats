#!/usr/bin/env bats
# A socket-activated sshd (sshd.socket active, sshd.service not): every
# connection starts its own sshd@.service, which reads the files, so a
# change needs no reload and gets none.  The systemctl stand-in answers
# from /run/ka-mock (sshd-state, socket-state) and records every call.

load ../lib/common
load ../lib/live

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
	ka_make_system rhel8 "$root"
}

socket_active() {
	echo active >"$KA_MOCK/socket-state"
}

@test "sshd.socket active: a change is written, nothing is reloaded, and the output says why" {
	socket_active
	run ka_live "$root" systemd "$KA_TUNE" --interval 300
	assert_success
	assert_line "ssh-keepalive-tune: not reloading sshd: /usr/bin/systemctl is-active sshd.socket: active: sshd is socket-activated; each connection starts its own sshd (sshd@.service), which reads the files itself: no reload needed"
	grep -qx 'ClientAliveInterval 300' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl is-active --quiet sshd.socket"
}

@test "sshd.socket active: keepalive-helper apply reloads nothing either" {
	socket_active
	run ka_live "$root" systemd "$KA_HELPER" apply
	assert_success
	assert_line --partial "keepalive-helper: not reloading sshd: /usr/bin/systemctl is-active sshd.socket: active: sshd is socket-activated"
	run ka_mock_calls
	refute_output --partial reload
}

@test "sshd.socket active: status says sshd is socket-activated, in text and in JSON" {
	socket_active
	run ka_live "$root" systemd "$KA_TUNE" --status
	assert_success
	assert_line --partial "sshd: /usr/bin/systemctl is-active sshd.socket: active: sshd is socket-activated"
	run ka_live "$root" systemd "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["sshd"]["socket_activated"] is True, d["sshd"]
assert d["sshd"]["running"] is False, d["sshd"]
'
	run ka_mock_calls
	refute_output --partial reload
}

@test "sshd.service running: it is reloaded, and sshd.socket is not even asked" {
	socket_active
	ka_mock_sshd running
	run ka_live "$root" systemd "$KA_TUNE" --interval 300
	assert_success
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "neither sshd.service nor sshd.socket active: no reload, and not socket-activated" {
	run ka_live "$root" systemd "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
assert json.load(sys.stdin)["sshd"]["socket_activated"] is False'
}
