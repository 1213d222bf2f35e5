#!/usr/bin/env bats
# ssh-keepalive-tune on throwaway image roots: every option, every exit
# code, and after every failure nothing changed on disk.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
}

assert_unchanged() {
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

tune() {
	run "$KA_TUNE" --root "$root" "$@"
}

block_line() {
	sed -n "/^# BEGIN ssh-keepalive/,/^# END ssh-keepalive/p" \
		"$root/etc/ssh/sshd_config" | grep "^$1 "
}

bad_value() {
	local opt=$1 val=$2 want=$3
	tune "$opt=$val"
	assert_failure 2
	assert_equal "${#lines[@]}" 1
	assert_output --partial "ssh-keepalive-tune: $opt: "
	assert_output --partial "$want"
	assert_unchanged
}

@test "--interval 300 changes the drop-in and the managed block" {
	tune --interval 300
	assert_success
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config: updated"
	grep -qx 'ClientAliveInterval 300' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	assert_equal "$(block_line ClientAliveInterval)" "ClientAliveInterval 300"
	assert_equal "$(block_line ClientAliveCountMax)" "ClientAliveCountMax 10"
}

@test "time units are taken and written as whole seconds" {
	tune --interval 1h30m
	assert_success
	assert_equal "$(block_line ClientAliveInterval)" "ClientAliveInterval 5400"
	tune --interval 1H30S
	assert_equal "$(block_line ClientAliveInterval)" "ClientAliveInterval 3630"
}

@test "--count-max and --tcp-keepalive are written, the drop-in's comments kept" {
	tune --count-max 5 --tcp-keepalive NO
	assert_success
	assert_equal "$(block_line ClientAliveCountMax)" "ClientAliveCountMax 5"
	assert_equal "$(block_line TCPKeepAlive)" "TCPKeepAlive no"
	head -10 "$root/etc/ssh/sshd_config.d/01-keepalive.conf" >"$BATS_TEST_TMPDIR/head"
	head -10 "$KA_TOP/sshd_config.d/01-keepalive.conf" | cmp - "$BATS_TEST_TMPDIR/head"
}

@test "lines an administrator added to the drop-in stay" {
	printf '# mine\nClientAliveCountMax 7\n' >>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	tune --interval 60
	assert_success
	grep -qx '# mine' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	grep -qx 'ClientAliveCountMax 7' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "--reset goes back to the shipped values and drops TCPKeepAlive" {
	tune --interval 60 --count-max 2 --tcp-keepalive no
	tune --reset
	assert_success
	cmp "$root/etc/ssh/sshd_config.d/01-keepalive.conf" "$KA_TOP/sshd_config.d/01-keepalive.conf"
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/stock/centos7.inline"
}

@test "--apply applies a hand-edited drop-in" {
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 90/' \
		"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	tune --apply
	assert_success
	assert_equal "$(block_line ClientAliveInterval)" "ClientAliveInterval 90"
}

@test "the same values again: nothing to change, nothing written" {
	tune --interval 600 --count-max 10
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	assert_unchanged
}

@test "--dry-run prints a unified diff of both files and writes nothing" {
	tune --interval 5m --dry-run
	assert_success
	assert_line "--- /etc/ssh/sshd_config.d/01-keepalive.conf"
	assert_line "+++ /etc/ssh/sshd_config"
	assert_line "-ClientAliveInterval 600"
	assert_line "+ClientAliveInterval 300"
	assert_line "ssh-keepalive-tune: dry run: nothing written"
	assert_unchanged
	# and the diff applies: patch gives the files tune would write
	cp -a "$root" "$BATS_TEST_TMPDIR/copy"
	"$KA_TUNE" --root "$root" --interval 5m --dry-run 2>/dev/null |
		grep -v '^ssh-keepalive-tune:' >"$BATS_TEST_TMPDIR/p"
	patch -s -p1 -d "$BATS_TEST_TMPDIR/copy" <"$BATS_TEST_TMPDIR/p"
	"$KA_TUNE" --root "$root" --quiet --interval 5m 2>/dev/null
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/copy/etc/ssh/sshd_config"
	cmp "$root/etc/ssh/sshd_config.d/01-keepalive.conf" \
		"$BATS_TEST_TMPDIR/copy/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "--quiet prints nothing on success" {
	run --separate-stderr "$KA_TUNE" --root "$root" --quiet --interval 120
	assert_success
	assert_output ""
}

@test "no option means --status" {
	tune
	assert_success
	assert_line "ClientAliveInterval  600 (from /etc/ssh/sshd_config:23, ssh-keepalive)"
	tune --status
	assert_line "ClientAliveCountMax  10 (from /etc/ssh/sshd_config:24, ssh-keepalive)"
}

@test "--status shows ignored and Match-scoped settings" {
	printf 'Match User bob\n\tClientAliveInterval 30\n' >>"$root/etc/ssh/sshd_config"
	sed -i 's/^SyslogFacility AUTHPRIV$/SyslogFacility AUTHPRIV\nClientAliveCountMax 2/' \
		"$root/etc/ssh/sshd_config"
	tune --status
	assert_success
	assert_line "  Match User bob (/etc/ssh/sshd_config:145): 30 at /etc/ssh/sshd_config:146"
	assert_line "  ignored: 2 at /etc/ssh/sshd_config:37 (an earlier value wins)"
}

@test "--status names an -o option in OPTIONS of /etc/sysconfig/sshd, which beats every file" {
	mkdir -p "$root/etc/sysconfig"
	printf '# sshd options\nOPTIONS="-u0 -o ClientAliveInterval=45"\n' >"$root/etc/sysconfig/sshd"
	tune --status
	assert_line "ClientAliveInterval  45 (-o in OPTIONS, /etc/sysconfig/sshd:2: beats every file)"
}

@test "--status shows our value shadowed by an earlier drop-in" {
	ka_make_system rhel9 "$root"
	"$KA_HELPER" --root "$root" --mode include --quiet apply 2>/dev/null
	printf 'ClientAliveInterval 20\n' >"$root/etc/ssh/sshd_config.d/00-admin.conf"
	tune --status
	assert_line "ClientAliveInterval  20 (from /etc/ssh/sshd_config.d/00-admin.conf:1)"
	assert_line "  shadowed, ssh-keepalive's: 600 at /etc/ssh/sshd_config.d/01-keepalive.conf:11 (an earlier value wins)"
}

@test "--json is one valid JSON object with the same facts" {
	tune --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
v = d["values"]
assert v["ClientAliveInterval"]["value"] == 600, v
assert v["ClientAliveInterval"]["written"] == "600", v
assert v["ClientAliveInterval"]["source"] == {"kind": "file",
    "file": "/etc/ssh/sshd_config", "line": 23, "ssh_keepalive": True,
    "match": None}, v
assert v["TCPKeepAlive"]["value"] is True, v
assert v["TCPKeepAlive"]["source"] == {"kind": "default", "file": None,
    "line": None, "ssh_keepalive": False, "match": None}, v
assert d["mode"] == "inline" and d["chosen_mode"] == "inline", d
# under --root sshd is not asked: null, not false
assert d["sshd"]["running"] is None and d["sshd"]["stale"] is None, d
'
}

@test "--json shows values as numbers and the value as written beside them" {
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 5m/' \
		"$root/etc/ssh/sshd_config"
	tune --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
v = json.load(sys.stdin)["values"]["ClientAliveInterval"]
assert v["value"] == 300 and v["written"] == "5m" and v["valid"] is True, v
'
}

@test "--count-max 0 where the release is not known (no sshd, no rpm database): both meanings are named" {
	local both="ClientAliveCountMax 0 on an OpenSSH release that is not known: before 8.2p1 (RHEL up to 8.5) a client is dropped at its first idle interval, without a probe; from 8.2p1 (RHEL 8.6) probes are sent and a silent client is never dropped"
	tune --count-max 0
	assert_success
	assert_line "ssh-keepalive-tune: note: $both"
	tune --status
	assert_line "  note: $both"
}

@test "interval -5 is refused: one line, the range, nothing changed" { bad_value --interval -5 "accepted: 0 (off) or 1 s to 24 h"; }
@test "interval 1.5 is refused: no decimals" { bad_value --interval 1.5 "'1.5' is not a time"; }
@test "interval 0x10 is refused: no hex" { bad_value --interval 0x10 "'0x10' is not a time"; }
@test "interval '10 m' is refused: no spaces" { bad_value --interval '10 m' "'10 m' is not a time"; }
@test "interval 99999999999 is refused: no overflow" { bad_value --interval 99999999999 "is more than 24 h"; }
@test "an empty interval is refused" { bad_value --interval '' "empty value"; }
@test "count-max abc is refused with its range" { bad_value --count-max abc "accepted: 0 to 1000"; }
@test "count-max 1001 is refused with its range" { bad_value --count-max 1001 "accepted: 0 to 1000"; }
@test "tcp-keepalive maybe is refused" { bad_value --tcp-keepalive maybe "accepted: yes or no"; }

@test "an option without its value is a usage error" {
	tune --interval
	assert_failure 2
	assert_output "ssh-keepalive-tune: --interval: missing argument"
	assert_unchanged
}

@test "options that do not go together are refused, exit 2" {
	for args in "--reset --interval 5" "--apply --count-max 3" \
		"--status --interval 5" "--json --interval 5" "--dry-run" \
		"--no-reload" "--mode sideways" "stray-word"; do
		# shellcheck disable=SC2086
		run "$KA_TUNE" --root "$root" $args
		assert_failure 2
		assert_equal "${#lines[@]}" 1
	done
	assert_unchanged
}

@test "--help describes every option; --usage and --version work" {
	tune --help
	assert_success
	for o in --interval --count-max --tcp-keepalive --reset --apply --status \
		--json --dry-run --no-reload --root --mode --quiet --version; do
		assert_output --partial -- "$o"
	done
	tune --usage
	assert_success
	tune --version
	assert_output --regexp '^ssh-keepalive-tune \(ssh-keepalive\) [0-9.]+$'
}

@test "a symlinked sshd_config is written through: the link stays a link" {
	mv "$root/etc/ssh/sshd_config" "$root/etc/ssh/sshd_config.real"
	ln -s sshd_config.real "$root/etc/ssh/sshd_config"
	tune --interval 77
	assert_success
	assert [ -L "$root/etc/ssh/sshd_config" ]
	grep -qx 'ClientAliveInterval 77' "$root/etc/ssh/sshd_config.real"
}

@test "an absolute symlink resolves inside --root, never on the host" {
	mkdir -p "$root/srv"
	mv "$root/etc/ssh/sshd_config" "$root/srv/sshd_config"
	ln -s /srv/sshd_config "$root/etc/ssh/sshd_config"
	tune --interval 78
	assert_success
	grep -qx 'ClientAliveInterval 78' "$root/srv/sshd_config"
	assert [ ! -e /srv/sshd_config ]
}

@test "owner and mode of sshd_config are kept" {
	chown 12:34 "$root/etc/ssh/sshd_config"
	chmod 0640 "$root/etc/ssh/sshd_config"
	tune --interval 79
	assert_success
	assert_equal "$(stat -c '%u:%g %a' "$root/etc/ssh/sshd_config")" "12:34 640"
}

@test "an immutable sshd_config: exit 1, one line, nothing changed, no temp file left" {
	chattr +i "$root/etc/ssh/sshd_config" || skip "chattr +i not supported here"
	tune --interval 80
	chattr -i "$root/etc/ssh/sshd_config"
	assert_failure 1
	assert_output --partial "ssh-keepalive-tune: /etc/ssh/sshd_config: cannot replace it: "
	assert_output --partial "Operation not permitted"
	# the drop-in was already renamed when sshd_config failed: it is put back
	assert_unchanged
	run find "$root" -name '.*.ka-*'
	assert_output ""
}

@test "a read-only file system: exit 1, nothing changed" {
	run unshare -m --propagation private /bin/sh -c '
		mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
		exec "$2" --root "$1" --interval 81' sh "$root" "$KA_TUNE"
	assert_failure 1
	assert_output --partial "Read-only file system"
	assert_unchanged
}

# wait_for FILE: until FILE exists, at most 60 s.
wait_for() {
	local i=0
	while [ ! -e "$1" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
	assert_file_exists "$1"
}

@test "a second run waits for the lock that another run holds on /etc/ssh" {
	flock "$root/etc/ssh" sh -c 'touch "$1/holding"; sleep 1; touch "$1/released"' \
		sh "$BATS_TEST_TMPDIR" &
	wait_for "$BATS_TEST_TMPDIR/holding"
	tune --interval 82
	assert_success
	# it could only write once the holder had let go
	assert_file_exists "$BATS_TEST_TMPDIR/released"
	grep -qx 'ClientAliveInterval 82' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	wait
}

@test "--status answers while a change holds the lock: a report takes no lock" {
	local t="$BATS_TEST_TMPDIR"
	flock "$root/etc/ssh" sh -c 'touch "$1/holding"; i=0
		while [ ! -e "$1/release" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
		touch "$1/released"' sh "$t" &
	wait_for "$t/holding"
	tune --status
	# it answered while the holder still held the lock (looked at before
	# the holder is told to go: it goes within 50 ms of that)
	held=no
	[ -e "$t/released" ] || held=yes
	touch "$t/release"
	assert_success
	assert_line "ClientAliveInterval  600 (from /etc/ssh/sshd_config:23, ssh-keepalive)"
	assert_equal "$held" yes
	tune --json
	assert_success
	wait
	assert_file_exists "$t/released"
}

@test "our drop-in read twice (an Include above ours reads it too) is listed once, not as shadowed by itself" {
	ka_make_system rhel8 "$root"
	"$KA_HELPER" --root "$root" --mode include --quiet apply 2>/dev/null
	# the administrator's own Include of the same drop-in, further down
	sed -i 's|^SyslogFacility AUTHPRIV$|SyslogFacility AUTHPRIV\nInclude /etc/ssh/sshd_config.d/01-keepalive.conf|' \
		"$root/etc/ssh/sshd_config"
	run "$KA_HELPER" --root "$root" --mode include status
	assert_success
	assert_line "ClientAliveInterval  600 (from /etc/ssh/sshd_config.d/01-keepalive.conf:11, ssh-keepalive)"
	refute_output --partial "shadowed"
	refute_output --partial "ignored"
}

# el9_inline: stock EL9 files put in inline mode as doc/compliance.md's SCAP
# recipe does: our block above the stock Include, which reads our drop-in
# too; $blk and $dl are the lines of ClientAliveInterval in each.
el9_inline() {
	root="$BATS_TEST_TMPDIR/el9"
	ka_make_system rhel9 "$root"
	tune --quiet --mode inline
	assert_success
	blk=$(grep -n '^ClientAliveInterval ' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	dl=$(grep -n '^ClientAliveInterval ' "$root/etc/ssh/sshd_config.d/01-keepalive.conf" | cut -d: -f1)
	[ -n "$blk" ] && [ -n "$dl" ]
	[ "$(grep -n '^Include ' "$root/etc/ssh/sshd_config" | cut -d: -f1)" -gt "$blk" ]
}

@test "--mode inline on the stock EL9 file: our block and our drop-in holding the same value are one source, not ours shadowed" {
	el9_inline
	run ka_sshd_winners "$root"
	assert_line "clientaliveinterval 600"
	assert_line "clientalivecountmax 10"
	before=$(ka_tree_sum "$root")
	tune --status
	assert_success
	assert_line "ClientAliveInterval  600 (from /etc/ssh/sshd_config:$blk, ssh-keepalive)"
	assert_line "  also read: ssh-keepalive's drop-in, 600 at /etc/ssh/sshd_config.d/01-keepalive.conf:$dl (the same value as ssh-keepalive's block)"
	assert_line "ClientAliveCountMax  10 (from /etc/ssh/sshd_config:$((blk + 1)), ssh-keepalive)"
	refute_output --partial "shadowed"
	refute_output --partial "ignored"
	refute_output --partial "wins"
	tune --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for kw, v in (("ClientAliveInterval", 600), ("ClientAliveCountMax", 10)):
    k = d["values"][kw]
    assert k["value"] == v and k["source"]["ssh_keepalive"] is True, k
    assert [(o["effect"], o["value"], o["ssh_keepalive"]) for o in k["others"]] == \
        [("same_source", v, True)], k["others"]
'
	run "$KA_HELPER" --root "$root" status
	assert_success
	refute_output --partial "shadowed"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--mode inline on the stock EL9 file: a block edited by hand to another value is still ours shadowed, and apply warns" {
	el9_inline
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 300/' "$root/etc/ssh/sshd_config"
	run ka_sshd_winners "$root"
	assert_line "clientaliveinterval 300"
	tune --status
	assert_success
	assert_line "ClientAliveInterval  300 (from /etc/ssh/sshd_config:$blk, ssh-keepalive)"
	assert_line "  shadowed, ssh-keepalive's: 600 at /etc/ssh/sshd_config.d/01-keepalive.conf:$dl (an earlier value wins)"
	refute_output --partial "also read: ssh-keepalive's drop-in, 600"
	run "$KA_HELPER" --root "$root" apply
	assert_success
	assert_line "keepalive-helper: warning: /etc/ssh/sshd_config:$blk: ClientAliveInterval 300 in ssh-keepalive's block is not the drop-in's (600): the block follows the drop-in and gets 600; to keep 300, run ssh-keepalive-tune --interval 300"
}

@test "mode: says the mode the files are in, and what auto mode would choose when that differs" {
	# the files are in inline mode (setup); no sshd and no rpm database
	# in the image: auto mode would choose inline too
	tune --status
	assert_success
	assert_line "mode: inline (ssh-keepalive's block holds the values, /etc/ssh/sshd_config:23)"
	# --verbose: how auto mode decided
	tune --status --verbose
	assert_success
	assert_line "mode: inline (ssh-keepalive's block holds the values, /etc/ssh/sshd_config:23); auto: no /usr/sbin/sshd in the image; no openssh-server in the rpm database: inline mode, which works everywhere"
	# a change with --mode include would change them (the helper's
	# one-off --mode: ssh-keepalive-tune --mode is a change)
	run "$KA_HELPER" --root "$root" --mode include status
	assert_line "mode: inline (ssh-keepalive's block holds the values, /etc/ssh/sshd_config:23); a change would make it include"
	run "$KA_HELPER" --root "$root" --mode include --verbose status
	assert_line "mode: inline (ssh-keepalive's block holds the values, /etc/ssh/sshd_config:23); a change would make it include (--mode include)"
	run "$KA_HELPER" --root "$root" --mode include --json status
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["mode"] == "inline" and d["chosen_mode"] == "include", d
assert d["mode_where"] == {"file": "/etc/ssh/sshd_config", "line": 23}, d
assert d["chosen_mode_reason"] == "--mode include", d
'
}

@test "mode: an Include already in sshd_config that reads the drop-in is include mode" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	run "$KA_HELPER" --root "$root" --mode include status
	assert_success
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); set by --mode include"
	# auto mode in this image (no sshd, no rpm database) would go inline
	tune --status
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); auto mode would choose inline"
	tune --status --verbose
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); auto mode would choose inline (no /usr/sbin/sshd in the image; no openssh-server in the rpm database: inline mode, which works everywhere)"
}

@test "mode: not applied when nothing makes sshd read the drop-in" {
	ka_make_system rhel8 "$root"
	run "$KA_HELPER" --root "$root" --mode include --verbose status
	assert_success
	assert_line "mode: not applied (sshd_config does not read the drop-in); a change would make it include (--mode include)"
	run "$KA_HELPER" --root "$root" --mode include --json status
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["mode"] == "none" and d["mode_where"] is None, d
'
}
