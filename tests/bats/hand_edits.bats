#!/usr/bin/env bats
# Hand edits and typos an administrator makes in the files we read: the
# product reads them as sshd does (keywords quoted as sshd's strdelim()
# allows, a MODE key typed in another case) and never says "done" while
# sshd keeps another value.

load ../lib/common
load ../lib/live
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
}

live() {
	run ka_live "$root" none "$@"
}

# The ClientAliveInterval the real sshd uses for a root login.
sshd_interval() {
	ka_sshd_value "$root" clientaliveinterval 2>/dev/null
}

# prepend LINE...: put the lines at the top of the tree's sshd_config.
prepend() {
	local f="$root/etc/ssh/sshd_config"
	{ printf '%s\n' "$@"; cat "$f"; } >"$f.new"
	mv "$f.new" "$f"
}

@test "a quoted keyword above EL9's Include is read as sshd reads it: ours goes first and sshd uses the new value" {
	ka_make_system rhel9 "$root"
	prepend '"ClientAliveInterval" 120'
	run sshd_interval
	assert_output 120
	live "$KA_TUNE" --interval 7m
	assert_success
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
	run sshd_interval
	assert_output 420
}

@test "--status names a quoted keyword's value and line, as sshd -T sees it" {
	ka_make_system rhel8 "$root"
	prepend '"ClientAliveInterval" 120' '"clientalivecountmax"	4'
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  120 (from /etc/ssh/sshd_config:1)"
	assert_line "ClientAliveCountMax  4 (from /etc/ssh/sshd_config:2)"
}

@test "a quoted \"Match\" all that sets ClientAliveInterval is exit 5, naming it" {
	ka_make_system rhel9 "$root"
	printf '"Match" all\n\tClientAliveInterval 45\n' >>"$root/etc/ssh/sshd_config"
	run sshd_interval
	assert_output 45
	live "$KA_TUNE" --interval 7m
	assert_failure 5
	assert_line --partial "ClientAliveInterval: sshd keeps using 45 from /etc/ssh/sshd_config:"
}

@test "an unterminated quote before the keyword makes sshd skip the line: so do we" {
	ka_make_system rhel8 "$root"
	prepend '"ClientAliveInterval 120' 'ClientAliveInterval 30'
	run sshd_interval
	assert_output 30
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  30 (from /etc/ssh/sshd_config:2)"
}

@test "mode=inline (the key in lower case) in /etc/sysconfig/ssh-keepalive is refused, naming the line, not silently ignored" {
	ka_make_system rhel8 "$root"
	mkdir -p "$root/etc/sysconfig"
	sed 's/^MODE=auto$/mode=inline/' "$KA_TOP/sysconfig/ssh-keepalive" \
		>"$root/etc/sysconfig/ssh-keepalive"
	line=$(grep -n '^mode=inline$' "$root/etc/sysconfig/ssh-keepalive" | cut -d: -f1)
	before=$(ka_tree_sum "$root")
	live "$KA_HELPER" apply
	assert_failure 1
	assert_output "keepalive-helper: /etc/sysconfig/ssh-keepalive:$line: 'mode' is not MODE: keys are case-sensitive"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	live "$KA_TUNE" --interval 7m
	assert_failure 1
	assert_output "ssh-keepalive-tune: /etc/sysconfig/ssh-keepalive:$line: 'mode' is not MODE: keys are case-sensitive"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "Match User * and Match Address * apply to every connection: a value set there is exit 5, named" {
	for m in 'User *' 'Address *' 'user * Address *'; do
		ka_make_system rhel9 "$root"
		printf 'Match %s\n\tClientAliveInterval 45\n' "$m" >>"$root/etc/ssh/sshd_config"
		n=$(wc -l <"$root/etc/ssh/sshd_config")
		run sshd_interval
		assert_output 45
		live "$KA_TUNE" --interval 7m
		assert_failure 5
		assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 45 from /etc/ssh/sshd_config:$n (in the Match $m block of /etc/ssh/sshd_config:$((n - 1)), which applies to every connection), not 420"
		rm -rf "$root"
	done
}

@test "Match User * with a negated pattern or another criterion concerns only some connections: exit 0" {
	for m in 'User *,!bob' 'User * LocalPort 2222' 'Group *'; do
		ka_make_system rhel9 "$root"
		printf 'Match %s\n\tClientAliveInterval 45\n' "$m" >>"$root/etc/ssh/sshd_config"
		live "$KA_TUNE" --interval 7m
		assert_success
		refute_output --partial "keeps using"
		rm -rf "$root"
	done
}

# An EL8 tree in inline mode whose block in sshd_config was edited by
# hand: ClientAliveInterval 300 where the drop-in says 600.
inline_block_edited() {
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_TUNE" --quiet --mode inline
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 300/' "$root/etc/ssh/sshd_config"
	n=$(grep -n '^ClientAliveInterval 300$' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	[ -n "$n" ]
}

@test "apply over a hand-edited value in the inline block says that the drop-in's value replaces it" {
	inline_block_edited
	live "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: warning: /etc/ssh/sshd_config:$n: ClientAliveInterval 300 in ssh-keepalive's block is not the drop-in's (600): the block follows the drop-in and gets 600; to keep 300, run ssh-keepalive-tune --interval 300"
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
}

@test "--count-max over a hand-edited interval in the inline block warns about the interval, and --interval 300 does not" {
	inline_block_edited
	live "$KA_TUNE" --count-max 5
	assert_success
	assert_line --partial "ssh-keepalive-tune: warning: /etc/ssh/sshd_config:$n: ClientAliveInterval 300 in ssh-keepalive's block is not the drop-in's (600)"
	inline_block_edited
	live "$KA_TUNE" --interval 300
	assert_success
	refute_output --partial "warning"
	grep -qx "ClientAliveInterval 300" "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "-o inside combined flags in OPTIONS of /etc/sysconfig/sshd (-4o, -Do) is read as sshd's getopt reads it: exit 5" {
	for o in '-4o ClientAliveInterval=30' '-Do ClientAliveInterval=30' '-4oClientAliveInterval=30'; do
		ka_make_system rhel9 "$root"
		mkdir -p "$root/etc/sysconfig"
		printf 'OPTIONS="%s"\n' "$o" >"$root/etc/sysconfig/sshd"
		run "$KA_TUNE" --root "$root" --interval 7m
		assert_failure 5
		assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 30 from -o in OPTIONS, /etc/sysconfig/sshd:1 (the command line beats every file), not 420"
		rm -rf "$root"
	done
}

@test "an argument that merely looks like -o (-E -o...) or a later OPTIONS= that replaces the first is not a -o: exit 0" {
	for f in 'OPTIONS="-E -oClientAliveInterval=30"' \
	    'OPTIONS="-o ClientAliveInterval=30"\nOPTIONS=""' \
	    'OPTIONS="-o ClientAliveInterval=30"\nOPTIONS="-u0"'; do
		ka_make_system rhel9 "$root"
		mkdir -p "$root/etc/sysconfig"
		printf "$f\n" >"$root/etc/sysconfig/sshd"
		run "$KA_TUNE" --root "$root" --interval 7m
		assert_success
		refute_output --partial "keeps using"
		rm -rf "$root"
	done
}

@test "of two OPTIONS= lines the last one counts, as for systemd and the shell: its -o is named with its line" {
	ka_make_system rhel9 "$root"
	mkdir -p "$root/etc/sysconfig"
	printf 'OPTIONS="-o ClientAliveInterval=30"\nOPTIONS="-o ClientAliveInterval=40"\n' >"$root/etc/sysconfig/sshd"
	run "$KA_TUNE" --root "$root" --interval 7m
	assert_failure 5
	assert_line "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 40 from -o in OPTIONS, /etc/sysconfig/sshd:2 (the command line beats every file), not 420"
}

# sysconfig_sshd LINE...: the tree's /etc/sysconfig/sshd, one line each.
sysconfig_sshd() {
	mkdir -p "$root/etc/sysconfig"
	printf '%s\n' "$@" >"$root/etc/sysconfig/sshd"
}

# "key value" for ClientAliveInterval and ClientAliveCountMax as the real
# sshd uses them when started as systemd (EnvironmentFile) and the init
# script (the shell) start it: with $OPTIONS from the tree's
# /etc/sysconfig/sshd, of whose OPTIONS= lines the last one counts.
sshd_with_options() {
	local OPTIONS=
	. "$root/etc/sysconfig/sshd"
	# shellcheck disable=SC2086 # split as systemd and the shell split it
	ka_sshd "$root" -T -f /etc/ssh/sshd_config \
		-C user=root,host=localhost,addr=127.0.0.1 $OPTIONS 2>/dev/null |
		awk '{ k = tolower($1) }
			k == "clientaliveinterval" || k == "clientalivecountmax" { print k, $2 }'
}

@test "--status with two OPTIONS= lines reads the last: a -o that a later OPTIONS= replaces is no winner, ours is not shadowed, and the figures agree" {
	ka_make_system rhel9 "$root"
	live "$KA_TUNE" --quiet --interval 7m
	assert_success
	sysconfig_sshd '# sshd options' 'OPTIONS="-o ClientAliveInterval=30"' \
		'OPTIONS="-u0 -o ClientAliveCountMax=5"'
	run sshd_with_options
	assert_output "clientaliveinterval 420
clientalivecountmax 5"
	before=$(ka_tree_sum "$root")
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  420 (from /etc/ssh/sshd_config.d/01-keepalive.conf:11, ssh-keepalive)"
	assert_line "ClientAliveCountMax  5 (-o in OPTIONS, /etc/sysconfig/sshd:3: beats every file)"
	refute_output --partial "sysconfig/sshd:2"
	refute_output --partial "shadowed, ssh-keepalive's: 420"
	assert_line --partial "a silent client is dropped after about 5040 s (840 s x (5 + 1))"
	live "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
i = d["values"]["ClientAliveInterval"]
assert i["value"] == 420 and i["source"]["kind"] == "file", i
assert i["source"]["ssh_keepalive"] is True and i["others"] == [], i
c = d["values"]["ClientAliveCountMax"]
assert c["value"] == 5 and c["source"]["kind"] == "command_line", c
assert c["source"]["line"] == 3, c
k = d["keepalive"]
assert k["interval"] == 420 and k["count_max"] == 5, k
'
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--status with two OPTIONS= lines that both set the keyword names the last one, its line and its value" {
	ka_make_system rhel9 "$root"
	live "$KA_TUNE" --quiet --interval 7m
	assert_success
	sysconfig_sshd 'OPTIONS="-o ClientAliveInterval=30"' 'OPTIONS="-o ClientAliveInterval=40"'
	run sshd_with_options
	assert_line "clientaliveinterval 40"
	live "$KA_TUNE" --status
	assert_success
	assert_line "ClientAliveInterval  40 (-o in OPTIONS, /etc/sysconfig/sshd:2: beats every file)"
	assert_line "  shadowed, ssh-keepalive's: 420 at /etc/ssh/sshd_config.d/01-keepalive.conf:11 (the command line wins)"
	refute_output --partial "sysconfig/sshd:1"
	live "$KA_TUNE" --json
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
i = d["values"]["ClientAliveInterval"]
assert i["value"] == 40 and i["source"]["line"] == 2, i
assert d["keepalive"]["interval"] == 40, d["keepalive"]
'
}

@test "inline mode: a drop-in edited by hand, then --interval: no warning about the block, which simply follows" {
	ka_make_system rhel8 "$root"
	ka_live "$root" none "$KA_TUNE" --quiet --mode inline
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 300/' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	live "$KA_TUNE" --interval 7m
	assert_success
	refute_output --partial "warning"
	grep -qx 'ClientAliveInterval 420' "$root/etc/ssh/sshd_config"
}

@test "--mode inline over a mode=inline line refuses it too, naming the line: no file that every later run refuses" {
	ka_make_system rhel8 "$root"
	mkdir -p "$root/etc/sysconfig"
	printf 'mode=inline\n' >"$root/etc/sysconfig/ssh-keepalive"
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --mode inline
	assert_failure 1
	assert_output "ssh-keepalive-tune: /etc/sysconfig/ssh-keepalive:1: 'mode' is not MODE: keys are case-sensitive"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}
