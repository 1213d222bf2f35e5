#!/usr/bin/env bats
# Changes that cannot take effect: the files are written, then the
# setting that sshd keeps using instead is named, exit 5.  A source that
# wins with the same value gets a warning and exit 0; a Match on other
# criteria concerns only some connections and is shown by --status.

load ../lib/common
load ../lib/live
load ../lib/rpmdb
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	# EL9: the stock Include reads sshd_config.d/*.conf, ours included
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_init
}

dropin() {
	printf '%s\n' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

live() {
	run ka_live "$root" none "$@"
}

@test "an earlier drop-in (00-local.conf) keeps its value: written, the winner named, exit 5" {
	printf 'ClientAliveInterval 300\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
	assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 300 from /etc/ssh/sshd_config.d/00-local.conf:1 (an earlier setting wins), not 420"
	assert_line "ssh-keepalive-tune: written, but sshd keeps using another value for ClientAliveInterval"
	grep -qx 'ClientAliveInterval 420' "$(dropin)"
}

@test "--dry-run says the same, exit 5, and writes nothing" {
	printf 'ClientAliveInterval 300\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	before=$(ka_tree_sum "$root")
	live "$KA_TUNE" --interval 7m --dry-run
	assert_failure 5
	assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 300 from /etc/ssh/sshd_config.d/00-local.conf:1 (an earlier setting wins), not 420"
	assert_line "ssh-keepalive-tune: dry run: nothing written, but sshd keeps using another value for ClientAliveInterval"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "nothing to write, but our value is shadowed: 'nothing to change' and the winner, exit 5" {
	printf 'ClientAliveCountMax 2\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	before=$(ka_tree_sum "$root")
	live "$KA_HELPER" apply
	assert_failure 5
	assert_line "keepalive-helper: nothing to change"
	assert_line "keepalive-helper: ClientAliveCountMax: sshd keeps using 2 from /etc/ssh/sshd_config.d/00-local.conf:1 (an earlier setting wins), not 10"
	assert_line "keepalive-helper: nothing to change, but sshd keeps using another value for ClientAliveCountMax"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "-o in OPTIONS of /etc/sysconfig/sshd beats every file: named with its line, exit 5" {
	mkdir -p "$root/etc/sysconfig"
	printf '# sshd options\nOPTIONS="-o ClientAliveInterval=30"\n' >"$root/etc/sysconfig/sshd"
	run "$KA_TUNE" --root "$root" --interval 7m
	assert_failure 5
	assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 30 from -o in OPTIONS, /etc/sysconfig/sshd:2 (the command line beats every file), not 420"
	grep -qx 'ClientAliveInterval 420' "$(dropin)"
}

@test "a trailing Match all with its own value: named, exit 5" {
	printf 'Match all\n\tClientAliveInterval 45\n' >>"$root/etc/ssh/sshd_config"
	n=$(wc -l <"$root/etc/ssh/sshd_config")
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 45 from /etc/ssh/sshd_config:$n (in the Match all block of /etc/ssh/sshd_config:$((n - 1)), which applies to every connection), not 420"
}

@test "a Match all block's ClientAliveInterval is the one the figures of --status and --json use, named with its Match line, as sshd -T says" {
	printf 'Match all\n\tClientAliveInterval 5\n' >>"$root/etc/ssh/sshd_config"
	n=$(wc -l <"$root/etc/ssh/sshd_config")
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	assert_line --partial "ClientAliveInterval: sshd keeps using 5 from /etc/ssh/sshd_config:$n (in the Match all block"
	run ka_sshd_winners "$root"
	assert_line "clientaliveinterval 5"
	assert_line "clientalivecountmax 10"
	before=$(ka_tree_sum "$root")
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  5 (from /etc/ssh/sshd_config:$n, in the Match all block of /etc/ssh/sshd_config:$((n - 1)), which applies to every connection)"
	assert_line "  shadowed, ssh-keepalive's: 420 at /etc/ssh/sshd_config.d/01-keepalive.conf:11 (the Match all block applies to every connection)"
	# sshd 9.2 probes every 2 x 5 s
	assert_line "  keeps idle sessions alive through idle timeouts longer than 10 s"
	assert_line "  a silent client is dropped after about 110 s (10 s x (10 + 1))"
	live "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
n = int(sys.argv[1])
d = json.load(sys.stdin)
i = d["values"]["ClientAliveInterval"]
assert i["value"] == 5 and i["written"] == "5" and i["valid"] is True, i
assert i["source"] == {"kind": "match", "file": "/etc/ssh/sshd_config",
    "line": n, "ssh_keepalive": False, "match": {"criteria": "all",
    "file": "/etc/ssh/sshd_config", "line": n - 1}}, i["source"]
assert [(o["effect"], o["value"], o["ssh_keepalive"]) for o in i["others"]] == \
    [("shadowed", 420, True)], i["others"]
k = d["keepalive"]
assert k["interval"] == 5 and k["count_max"] == 10, k
assert k["probe_period"] == 10, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] == 10, k
assert k["silent_client_dropped_after"] == 110, k
' "$n"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "Match User * with ClientAliveCountMax 0 on OpenSSH 8.7p1: the report says a silent client is never dropped, from the Match line, as sshd -T keeps 0" {
	ka_rpmdb_openssh "$root" 8.7p1 38.el9
	printf 'Match User *\n\tClientAliveCountMax 0\n' >>"$root/etc/ssh/sshd_config"
	n=$(wc -l <"$root/etc/ssh/sshd_config")
	run ka_sshd_winners "$root"
	assert_line "clientaliveinterval 600"
	assert_line "clientalivecountmax 0"
	# (the rpm database is left out: librpm touches it when it reads)
	before=$(ka_tree_sum "$root/etc")
	run "$KA_TUNE" --root "$root" --status
	assert_success
	assert_line "ClientAliveCountMax  0 (from /etc/ssh/sshd_config:$n, in the Match User * block of /etc/ssh/sshd_config:$((n - 1)), which applies to every connection)"
	assert_line "  shadowed, ssh-keepalive's: 10 at /etc/ssh/sshd_config.d/01-keepalive.conf:12 (the Match User * block applies to every connection)"
	assert_line "  note: ClientAliveCountMax 0 on this sshd (OpenSSH 8.2p1+, RHEL 8.6+): probes are sent but a silent client is never dropped"
	assert_line "  keeps idle sessions alive through idle timeouts longer than 600 s"
	assert_line "  a silent client is never dropped: ClientAliveCountMax 0 on this release sends probes but drops nobody"
	refute_output --partial "dropped after about"
	run "$KA_TUNE" --root "$root" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = d["values"]["ClientAliveCountMax"]
assert c["value"] == 0 and c["source"]["kind"] == "match", c
assert c["source"]["match"]["criteria"] == "User *", c
assert c["note"] is not None and "never dropped" in c["note"], c
k = d["keepalive"]
assert k["release"] == "8.7p1" and k["interval"] == 600, k
assert k["count_max"] == 0 and k["count_max_zero"] == "never", k
assert k["silent_client_dropped_after"] is None, k
'
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "a Match all block beats -o in OPTIONS as well: --status, the figures and the exit-5 verdict all name it, as sshd -T with that -o says" {
	mkdir -p "$root/etc/sysconfig"
	printf 'OPTIONS="-o ClientAliveInterval=30"\n' >"$root/etc/sysconfig/sshd"
	printf 'Match all\n\tClientAliveInterval 5\n' >>"$root/etc/ssh/sshd_config"
	n=$(wc -l <"$root/etc/ssh/sshd_config")
	run ka_sshd "$root" -T -f /etc/ssh/sshd_config \
		-C user=root,host=localhost,addr=127.0.0.1 -o ClientAliveInterval=30
	assert_line "clientaliveinterval 5"
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	assert_line --partial "ClientAliveInterval: sshd keeps using 5 from /etc/ssh/sshd_config:$n (in the Match all block"
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  5 (from /etc/ssh/sshd_config:$n, in the Match all block of /etc/ssh/sshd_config:$((n - 1)), which applies to every connection)"
	assert_line "  a silent client is dropped after about 110 s (10 s x (10 + 1))"
	refute_output --partial "-o in OPTIONS"
}

@test "a Match on other criteria only concerns some connections: exit 0, shown by --status" {
	printf 'Match User bob\n\tClientAliveInterval 45\n' >>"$root/etc/ssh/sshd_config"
	live "$KA_TUNE" --interval 7m
	assert_success
	refute_output --partial "keeps using"
	live "$KA_TUNE" --status
	assert_line --regexp "^  Match User bob \(/etc/ssh/sshd_config:[0-9]+\): 45 at /etc/ssh/sshd_config:[0-9]+$"
}

@test "another source that wins with the same value: a warning line, exit 0" {
	printf 'ClientAliveInterval 420\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	live "$KA_TUNE" --interval 7m
	assert_success
	assert_line "ssh-keepalive-tune: warning: ClientAliveInterval: 420 comes from /etc/ssh/sshd_config.d/00-local.conf:1 (an earlier setting wins), with the same value"
	assert_equal "$(grep -c 'warning' <<<"$output")" 1
}

@test "the value sshd -T reports is the one named as winning" {
	printf 'ClientAliveInterval 300\n' >"$root/etc/ssh/sshd_config.d/00-local.conf"
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	run ka_sshd_value "$root" clientaliveinterval
	assert_output 300
}
