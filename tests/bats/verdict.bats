#!/usr/bin/env bats
# The first lines of --status: the verdict, one state a test, from the
# same facts as the details and --json; and what a change ends with.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/rpmdb
load ../lib/live
load ../lib/sshd

DROPIN=etc/ssh/sshd_config.d/01-keepalive.conf

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# an image with openssh-server $1-$2 in its rpm database, applied
image() {
	ka_make_system "${3:-rhel9}" "$root"
	ka_rpmdb_openssh "$root" "$1" "$2"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
}

status() {
	run "$KA_TUNE" --root "$root" --status "$@"
}

# the verdict: the lines before the first empty one
verdict() {
	printf '%s\n' "$output" | sed '/^$/q' | sed '$d'
}

@test "on and current: RHEL 9 image, probes every 600 s, what it survives and when a silent client goes" {
	image 8.7p1 38.el9
	before=$(ka_tree_sum "$root/etc")
	status
	assert_success
	assert_line --index 0 "keepalive on: probes every 600 s; image: no sshd asked"
	assert_equal "$(verdict)" "keepalive on: probes every 600 s; image: no sshd asked
  survives firewalls and NATs with idle timeouts over 600 s
  a silent client is dropped after about 6600 s"
	# the details follow, after one empty line
	assert_equal "$(printf '%s\n' "$output" | sed -n 4,5p)" "
ClientAliveInterval  600 (from /etc/ssh/sshd_config.d/01-keepalive.conf:11, ssh-keepalive)"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "the verdict's figures are the ones --json reports" {
	image 9.3p1 9.fc39 fedora
	"$KA_TUNE" --root "$root" --quiet --interval 157 2>/dev/null
	status
	assert_line --index 0 "keepalive on: probes every 314 s; image: no sshd asked"
	assert_line "  survives firewalls and NATs with idle timeouts over 314 s"
	assert_line "  a silent client is dropped after about 3454 s"
	run "$KA_TUNE" --root "$root" --json
	printf '%s\n' "$output" | python3 -c '
import json, sys
k = json.load(sys.stdin)["keepalive"]
assert k["probe_period"] == 314, k
assert k["keeps_alive_through_idle_timeouts_longer_than"] == 314, k
assert k["silent_client_dropped_after"] == 3454, k'
}

@test "off: ClientAliveInterval 0 says keepalive off and what that means" {
	image 8.7p1 38.el9
	"$KA_TUNE" --root "$root" --quiet --interval 0 2>/dev/null
	status
	assert_success
	assert_equal "$(verdict)" "keepalive off: ClientAliveInterval 0, no probes; image: no sshd asked
  idle sessions are cut by any firewall or NAT idle timeout"
}

@test "CountMax 0 where it closes idle sessions (7.4p1): keepalive off, an idle timeout" {
	image 7.4p1 22.el7_9 centos7
	"$KA_TUNE" --root "$root" --quiet --interval 60 --count-max 0 2>/dev/null
	status
	assert_equal "$(verdict)" "keepalive off: idle sessions closed after 60 s; image: no sshd asked
  OpenSSH 7.4p1 drops the client, with no probe (ClientAliveCountMax 0)"
}

@test "CountMax 0 on 8.7p1: keepalive on, a silent client is never dropped" {
	image 8.7p1 38.el9
	"$KA_TUNE" --root "$root" --quiet --count-max 0 2>/dev/null
	status
	assert_equal "$(verdict)" "keepalive on: probes every 600 s; image: no sshd asked
  survives firewalls and NATs with idle timeouts over 600 s
  a silent client is never dropped"
}

@test "unknown release: probes at least every 2 x interval, and says it assumed that" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	status
	assert_equal "$(verdict)" "keepalive on: probes at least every 1200 s; image: no sshd asked
  survives firewalls and NATs with idle timeouts over 1200 s
  (release unknown: taken as OpenSSH 9.2p1-9.4p1, a probe every 2 x 600 s)
  a silent client is dropped after about 13200 s"
}

@test "CountMax 0 on an unknown release: unsure, both readings given" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	"$KA_TUNE" --root "$root" --quiet --interval 60 --count-max 0 2>/dev/null
	status
	assert_equal "$(verdict)" "keepalive unsure: ClientAliveCountMax 0, release unknown; image: no sshd asked
  closes sessions idle for 60 s before 8.2p1; probes every 120 s from 8.2p1"
}

@test "not installed: sshd_config does not read the drop-in; what sshd uses instead" {
	ka_make_system rhel86 "$root"
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/$DROPIN"
	status
	assert_success
	assert_equal "$(verdict)" "keepalive not applied: sshd_config does not apply the drop-in; image: no sshd asked
  sshd uses instead: keepalive off: ClientAliveInterval 0, no probes
  ssh-keepalive-tune --apply applies it
  idle sessions are cut by any firewall or NAT idle timeout"
}

@test "drop-in missing in include mode: not applied, and --apply writes it" {
	image 8.7p1 38.el9
	rm "$root/$DROPIN"
	status
	assert_success
	assert_line --index 0 "keepalive not applied: the drop-in is missing; image: no sshd asked"
	assert_line "  ssh-keepalive-tune --apply writes and applies it"
}

@test "drop-in missing in inline mode: still on (the block holds the values), and says what the next apply does" {
	image 7.4p1 22.el7_9 centos7
	rm "$root/$DROPIN"
	status
	assert_line --index 0 "keepalive on: probes every 600 s; image: no sshd asked"
	assert_line "  the drop-in is missing: the next apply writes the shipped one"
}

@test "another setting wins (the exit-5 case): overridden, and by what" {
	image 8.7p1 38.el9
	mkdir -p "$root/etc/sysconfig"
	printf '# sshd options\nOPTIONS="-o ClientAliveInterval=120"\n' >"$root/etc/sysconfig/sshd"
	run "$KA_TUNE" --root "$root" --interval 300
	assert_failure 5
	status
	assert_equal "$(verdict)" "keepalive on, overridden: probes every 120 s; image: no sshd asked
  overridden: ClientAliveInterval 120 from -o in OPTIONS, /etc/sysconfig/sshd:2
  wins over ssh-keepalive's 300
  survives firewalls and NATs with idle timeouts over 120 s
  a silent client is dropped after about 1320 s"
}

@test "another setting with the same value is no override" {
	image 8.7p1 38.el9
	mkdir -p "$root/etc/sysconfig"
	printf 'OPTIONS="-o ClientAliveInterval=600"\n' >"$root/etc/sysconfig/sshd"
	status
	assert_line --index 0 "keepalive on: probes every 600 s; image: no sshd asked"
	refute_output --partial "overridden"
}

@test "config sshd rejects: keepalive broken, pointing at the INVALID line" {
	image 8.7p1 38.el9
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 10mn/' "$root/$DROPIN"
	status
	assert_success
	assert_equal "$(verdict)" "keepalive broken: sshd refuses a value in use; image: no sshd asked
  the INVALID value below must be fixed before sshd restarts"
	assert_line --partial "INVALID: sshd will refuse it"
}

# --status on a system that looks live (live.bash), sshd's pid file
# dated $1: "1 hour ago", older than the files; "1 hour", newer.
live_status() {
	ka_mock_init
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_HELPER" --quiet apply
	ka_mock_sshd running
	run ka_live "$root" systemd sh -c 'touch -d "$1" /run/sshd.pid &&
		exec "$2" --status' sh "$1" "$KA_TUNE"
}

@test "live, sshd has loaded the files: sshd up to date" {
	live_status "1 hour"
	assert_success
	assert_line --index 0 --regexp "^keepalive on: probes every [0-9]+ s; sshd up to date$"
	refute_line --partial "--apply reloads it"
}

@test "live, sshd runs with older files: not reloaded yet, and what reloads it" {
	live_status "1 hour ago"
	assert_success
	assert_line --index 0 --regexp "^keepalive on: probes every [0-9]+ s; sshd not reloaded yet$"
	assert_line "  sshd runs with older files: ssh-keepalive-tune --apply reloads it"
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is older than the files: reload it"
}

@test "a change says what changed and two short lines of why; the mode's reasoning only with --verbose" {
	image 8.7p1 38.el9
	run "$KA_TUNE" --root "$root" --interval 300
	assert_success
	assert_output --partial "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated
ssh-keepalive-tune: not reloading sshd: --root names an image
ssh-keepalive-tune: keepalive on: probes every 300 s
ssh-keepalive-tune: survives firewalls and NATs with idle timeouts over 300 s"
	refute_output --partial "include mode"
	run "$KA_TUNE" --root "$root" --verbose --interval 200
	assert_success
	assert_line "ssh-keepalive-tune: include mode: rpm database: openssh-server 8.7p1-38.el9 understands Include"
	assert_line "ssh-keepalive-tune: keepalive on: probes every 200 s"
}

@test "--status --verbose gives the mode's reasoning; --status alone only the mode" {
	image 8.7p1 38.el9
	status
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15)"
	status --verbose
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); auto: rpm database: openssh-server 8.7p1-38.el9 understands Include"
	status -v
	assert_line --partial "; auto: rpm database: "
}

@test "--verbose goes with neither --quiet nor --json" {
	image 8.7p1 38.el9
	before=$(ka_tree_sum "$root/etc")
	run "$KA_TUNE" --root "$root" --verbose --quiet --interval 300
	assert_failure 2
	assert_output "ssh-keepalive-tune: --verbose does not go with --quiet or --json (see --help)"
	run "$KA_HELPER" --root "$root" --verbose --json status
	assert_failure 2
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

@test "keepalive-helper apply in an rpm transaction: what changed and two lines of effect" {
	ka_make_system rhel86 "$root"
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	run --separate-stderr "$KA_HELPER" --root "$root" apply
	assert_success
	assert_output "keepalive-helper: /etc/ssh/sshd_config.d/01-keepalive.conf: updated
keepalive-helper: /etc/ssh/sshd_config: updated
keepalive-helper: not reloading sshd: --root names an image
keepalive-helper: keepalive on: probes every 600 s
keepalive-helper: survives firewalls and NATs with idle timeouts over 600 s"
	run "$KA_HELPER" --root "$root" apply
	assert_output "keepalive-helper: nothing to change"
}

# every line of stdin under 80 columns; with "paths", each absolute path
# counts as one column (a path is as long as it is and may overflow; the
# words around it may not)
assert_narrow() {
	local line n=0 w
	while IFS= read -r line; do
		n=$((n + 1))
		[ "${1:-}" != paths ] ||
			line=$(printf '%s' "$line" | sed -E 's#/[^ ,;:()]+#P#g')
		w=${#line}
		[ "$w" -lt 80 ] || fail "line $n is $w columns: $line"
	done
}

@test "lines under 80 columns, paths counted as one column: the verdict, the details and a change's output" {
	local state
	for state in on off unknown overridden; do
		rm -rf "$root"
		case $state in
		unknown)
			ka_make_system centos7 "$root"
			"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null ;;
		*) image 8.7p1 38.el9 ;;
		esac
		case $state in
		off) set -- --interval 0 ;;
		overridden)
			mkdir -p "$root/etc/sysconfig"
			printf 'OPTIONS="-o ClientAliveInterval=120"\n' >"$root/etc/sysconfig/sshd"
			set -- --interval 86400 ;;
		*) set -- --interval 3600 --count-max 999 ;;
		esac
		run --separate-stderr "$KA_TUNE" --root "$root" "$@"
		printf '%s\n' "$output" | assert_narrow paths
		status
		assert_success
		verdict | assert_narrow paths
		printf '%s\n' "$output" | sed '1,/^$/d' | assert_narrow paths
	done
}
