#!/usr/bin/env bats
# ka-engine, the engine's command-line front end: bad values and bad usage
# get one clear line and exit 2, a bad file exits 1, and no file is ever
# written.

load ../lib/common

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_root hard/conflict-earlier "$root"
	before=$(ka_tree_sum "$root")
}

assert_unchanged() {
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

bad_interval() {
	run "$KA_ENGINE" --root "$root" "--interval=$1" inline /etc/ssh/sshd_config
	assert_failure 2
	assert_equal "${#lines[@]}" 1
	assert_output --partial "ka-engine: --interval: '$1' is "
	assert_output --partial "accepted: 0 (off) or 1 s to 24 h"
	assert_unchanged
}

@test "an interval of -5 is refused with one line naming the range" { bad_interval -5; }
@test "an interval of 1.5 is refused: no decimals" { bad_interval 1.5; }
@test "an interval of 0x10 is refused: no hex" { bad_interval 0x10; }
@test "an interval of '10 m' is refused: no spaces" { bad_interval '10 m'; }
@test "an interval of 99999999999 is refused: no overflow" { bad_interval 99999999999; }
@test "an interval of 86401 is refused: more than 24 h" { bad_interval 86401; }

@test "an empty interval is refused" {
	run "$KA_ENGINE" --root "$root" --interval= inline /etc/ssh/sshd_config
	assert_failure 2
	assert_output "ka-engine: --interval: empty value; accepted: 0 (off) or 1 s to 24 h, as whole seconds or time units (600, 10m, 1h30m)"
	assert_unchanged
}

@test "a count-max of abc is refused with the accepted range" {
	run "$KA_ENGINE" --root "$root" --count-max abc inline /etc/ssh/sshd_config
	assert_failure 2
	assert_output "ka-engine: --count-max: 'abc' is not a whole number; accepted: 0 to 1000"
	assert_unchanged
}

@test "tcp-keepalive takes yes or no only" {
	run "$KA_ENGINE" --root "$root" --tcp-keepalive maybe inline /etc/ssh/sshd_config
	assert_failure 2
	assert_output "ka-engine: --tcp-keepalive: 'maybe' is not yes or no; accepted: yes or no"
}

@test "time units are read and written as whole seconds" {
	run "$KA_ENGINE" --root "$root" --interval 1h30m --count-max 3 \
		--tcp-keepalive no inline /etc/ssh/sshd_config
	assert_success
	assert_line "ClientAliveInterval 5400"
	assert_line "ClientAliveCountMax 3"
	assert_line "TCPKeepAlive no"
	assert_unchanged
}

@test "parse-interval prints seconds" {
	run "$KA_ENGINE" parse-interval 1H30S
	assert_success
	assert_output 3630
	run "$KA_ENGINE" parse-count-max 10
	assert_output 10
	run "$KA_ENGINE" parse-yesno YES
	assert_output 1
}

@test "inline without any value is a usage error" {
	run "$KA_ENGINE" --root "$root" inline /etc/ssh/sshd_config
	assert_failure 1
	assert_output "ka-engine: inline needs --interval, --count-max or --tcp-keepalive"
}

@test "an unknown operation is refused" {
	run "$KA_ENGINE" --root "$root" frobnicate /etc/ssh/sshd_config
	assert_failure 1
	assert_output "ka-engine: unknown operation 'frobnicate'"
}

@test "wrong argument count or option prints usage and exits 2" {
	run "$KA_ENGINE" include
	assert_failure 2
	assert_line --index 0 --partial "usage: ka-engine"
	run "$KA_ENGINE" --bogus include /etc/ssh/sshd_config
	assert_failure 2
}

@test "--help prints usage and exits 0" {
	run "$KA_ENGINE" --help
	assert_success
	assert_line --index 0 --partial "usage: ka-engine"
}

@test "a missing sshd_config is one line naming it" {
	run "$KA_ENGINE" --root "$root" include /etc/ssh/nope
	assert_failure 1
	assert_output "ka-engine: /etc/ssh/nope: No such file or directory"
}

@test "sshd_config that is a directory is refused" {
	run "$KA_ENGINE" --root "$root" include /etc/ssh
	assert_failure 1
	assert_output "ka-engine: /etc/ssh: not a regular file"
}

@test "an unreadable sshd_config is one line naming it" {
	chmod 000 "$root/etc/ssh/sshd_config"
	# root reads anything: drop the capability for this one run
	run setpriv --inh-caps=-all --bounding-set=-dac_override,-dac_read_search \
		"$KA_ENGINE" --root "$root" include /etc/ssh/sshd_config
	chmod 600 "$root/etc/ssh/sshd_config"
	assert_failure 1
	assert_output "ka-engine: /etc/ssh/sshd_config: Permission denied"
}

@test "an invalid value in the drop-in is reported with its file and line" {
	printf 'ClientAliveInterval 1.5\n' >"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	before=$(ka_tree_sum "$root")
	run "$KA_ENGINE" --root "$root" include /etc/ssh/sshd_config
	assert_failure 1
	assert_output "ka-engine: /etc/ssh/sshd_config.d/01-keepalive.conf:1: ClientAliveInterval '1.5' is not a time"
	assert_unchanged
}

@test "effective shows invalid values and the defaults" {
	printf 'ClientAliveInterval 1.5\n' >"$root/etc/ssh/sshd_config"
	run "$KA_ENGINE" --root "$root" effective /etc/ssh/sshd_config
	assert_success
	assert_line "clientaliveinterval 1.5 /etc/ssh/sshd_config:1 (invalid)"
	assert_line "clientalivecountmax 3 default"
	assert_line "tcpkeepalive yes default"
}

@test "include mode without a drop-in on disk uses the shipped keywords" {
	rm "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	run "$KA_ENGINE" --root "$root" include /etc/ssh/sshd_config
	assert_success
	assert_line "Include /etc/ssh/sshd_config.d/*.conf"
}
