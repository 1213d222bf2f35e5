#!/usr/bin/env bats
# Changes that cannot take effect: the files are written, then the
# setting that sshd keeps using instead is named, exit 5.  A source that
# wins with the same value gets a warning and exit 0; a Match on other
# criteria concerns only some connections and is shown by --status.

load ../lib/common
load ../lib/live
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
