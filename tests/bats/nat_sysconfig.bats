#!/usr/bin/env bats
# NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive on image roots: the
# nat-timeout an administrator states (laid down before the package or
# written by --nat-timeout) is the source of truth; every apply derives
# ClientAliveInterval from it for the release in the image's rpm
# database and keeps the drop-in's record in step; --interval and
# --reset drop it with the record.  Through real rpm transactions:
# lifecycle_natsys.bats.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/rpmdb

DROPIN=etc/ssh/sshd_config.d/01-keepalive.conf
SYSCONF=etc/sysconfig/ssh-keepalive

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel9 "$root"
	mkdir -p "$root/etc/sysconfig"
	cp "$KA_TOP/sysconfig/ssh-keepalive" "$root/$SYSCONF"
	release 8.7p1 38.el9
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	# the line a key appended to the shipped file lands on
	L=$(($(grep -c '' "$KA_TOP/sysconfig/ssh-keepalive") + 1))
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

apply() {
	run "$KA_HELPER" --root "$root" apply
}

interval() {
	sed -n 's/^ClientAliveInterval //p' "$root/$DROPIN"
}

record() {
	grep '^# nat-timeout ' "$root/$DROPIN"
}

key() {
	grep -n '^NAT_TIMEOUT' "$root/$SYSCONF"
}

@test "NAT_TIMEOUT=300 laid down: apply derives ClientAliveInterval 270 on 8.7p1 and records it in the drop-in" {
	echo 'NAT_TIMEOUT=300' >>"$root/$SYSCONF"
	before=$(sha256sum "$root/$SYSCONF")
	apply
	assert_success
	assert_equal "$(interval)" 270
	run record
	assert_output --regexp '^# nat-timeout 300: ClientAliveInterval 270 derived from it'
	assert_equal "$(sha256sum "$root/$SYSCONF")" "$before"
	# a second apply changes nothing
	ka_tree_sum "$root" >"$BATS_TEST_TMPDIR/sum"
	apply
	assert_success
	assert_equal "$(ka_tree_sum "$root")" "$(cat "$BATS_TEST_TMPDIR/sum")"
}

@test "units as --nat-timeout takes them, quoted, with a comment: NAT_TIMEOUT=\"4m\" # azure gives 216 on 8.7p1, 108 on 9.3p1" {
	echo 'NAT_TIMEOUT="4m"   # Azure load balancer' >>"$root/$SYSCONF"
	apply
	assert_success
	assert_equal "$(interval)" 216
	release 9.3p1 9.fc39
	apply
	assert_success
	assert_equal "$(interval)" 108
	run record
	assert_output --regexp '^# nat-timeout 240: ClientAliveInterval 108 '
}

@test "NAT_TIMEOUT wins over a record of another timeout, and says so" {
	tune --quiet --nat-timeout 350
	assert_equal "$(interval)" 315
	sed -i 's/^NAT_TIMEOUT=.*/NAT_TIMEOUT=20m/' "$root/$SYSCONF"
	apply
	assert_success
	assert_line --partial "/etc/sysconfig/ssh-keepalive:"
	assert_line --partial "NAT_TIMEOUT=1200 replaces the nat-timeout 350 s recorded in /etc/ssh/sshd_config.d/01-keepalive.conf:"
	assert_equal "$(interval)" 1080
}

@test "--nat-timeout writes NAT_TIMEOUT beside MODE (its comment kept), and the record; --dry-run shows both diffs and writes nothing" {
	sed -i 's/^MODE=auto$/MODE=auto  # decided per run/' "$root/$SYSCONF"
	echo 'NAT_TIMEOUT=300   # the NAT gateway' >>"$root/$SYSCONF"
	"$KA_HELPER" --root "$root" --quiet apply
	before=$(ka_tree_sum "$root")
	tune --dry-run --nat-timeout 350
	assert_success
	assert_line "+NAT_TIMEOUT=350   # the NAT gateway"
	assert_line "-NAT_TIMEOUT=300   # the NAT gateway"
	assert_line "+ClientAliveInterval 315"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	tune --nat-timeout 350
	assert_success
	assert_line "ssh-keepalive-tune: /etc/sysconfig/ssh-keepalive: updated"
	run key
	assert_output "$(grep -c '' "$root/$SYSCONF"):NAT_TIMEOUT=350   # the NAT gateway"
	grep -qx 'MODE=auto  # decided per run' "$root/$SYSCONF"
	assert_equal "$(interval)" 315
}

@test "--nat-timeout on a file without the key adds NAT_TIMEOUT at its end; where no file exists, makes the shipped one with it" {
	tune --quiet --nat-timeout 5m
	assert_success
	assert_equal "$(tail -n 1 "$root/$SYSCONF")" "NAT_TIMEOUT=300"
	head -n -1 "$root/$SYSCONF" | cmp - "$KA_TOP/sysconfig/ssh-keepalive"
	rm "$root/$SYSCONF"
	tune --quiet --nat-timeout 350
	assert_success
	assert_equal "$(tail -n 1 "$root/$SYSCONF")" "NAT_TIMEOUT=350"
	head -n -1 "$root/$SYSCONF" | cmp - "$KA_TOP/sysconfig/ssh-keepalive"
	assert_equal "$(stat -c %a "$root/$SYSCONF")" 644
}

@test "--interval and --reset drop NAT_TIMEOUT with the record; the file is otherwise byte for byte as before" {
	cp "$root/$SYSCONF" "$BATS_TEST_TMPDIR/orig"
	tune --quiet --nat-timeout 350
	tune --interval 400
	assert_success
	assert_line "ssh-keepalive-tune: /etc/sysconfig/ssh-keepalive: updated"
	cmp "$root/$SYSCONF" "$BATS_TEST_TMPDIR/orig"
	run record
	assert_failure
	assert_equal "$(interval)" 400
	tune --quiet --nat-timeout 350
	tune --reset
	assert_success
	cmp "$root/$SYSCONF" "$BATS_TEST_TMPDIR/orig"
	assert_equal "$(interval)" 600
	# with neither the key nor the file, --interval makes no file
	rm "$root/$SYSCONF"
	tune --interval 500
	assert_success
	assert_file_not_exists "$root/$SYSCONF"
}

@test "a ClientAliveInterval edited by hand wins, as over a record alone: the record and NAT_TIMEOUT go together, said" {
	cp "$root/$SYSCONF" "$BATS_TEST_TMPDIR/orig"
	tune --quiet --nat-timeout 350
	sed -i 's/^ClientAliveInterval 315$/ClientAliveInterval 100/' "$root/$DROPIN"
	apply
	assert_success
	assert_line --partial "ClientAliveInterval was edited by hand (100, not the 315 derived from nat-timeout 350 s): the hand edit wins; the nat-timeout record is dropped"
	assert_line "keepalive-helper: warning: /etc/sysconfig/ssh-keepalive:$L: NAT_TIMEOUT=350 goes with the record"
	assert_line "keepalive-helper: /etc/sysconfig/ssh-keepalive: updated"
	assert_equal "$(interval)" 100
	run record
	assert_failure
	cmp "$root/$SYSCONF" "$BATS_TEST_TMPDIR/orig"
}

@test "NAT_TIMEOUT edited by hand after the hand edit of the interval is the newer word: it wins" {
	tune --quiet --nat-timeout 350
	sed -i 's/^ClientAliveInterval 315$/ClientAliveInterval 100/' "$root/$DROPIN"
	sed -i 's/^NAT_TIMEOUT=350$/NAT_TIMEOUT=300/' "$root/$SYSCONF"
	apply
	assert_success
	assert_equal "$(interval)" 270
}

@test "a malformed record in the drop-in gives way to NAT_TIMEOUT, said" {
	echo 'NAT_TIMEOUT=350' >>"$root/$SYSCONF"
	apply
	sed -i 's/^# nat-timeout 350:.*/# nat-timeout 5 m/' "$root/$DROPIN"
	apply
	assert_success
	assert_line --partial "a malformed nat-timeout record: NAT_TIMEOUT=350 (/etc/sysconfig/ssh-keepalive:"
	run record
	assert_output --regexp '^# nat-timeout 350: ClientAliveInterval 315 '
}

@test "a bad NAT_TIMEOUT: one line naming the file and line, exit 1, nothing changed, for apply, --apply, --count-max and --mode" {
	for bad in '5 m' '0' '8d' '' 'abc' '"300'; do
		cp "$KA_TOP/sysconfig/ssh-keepalive" "$root/$SYSCONF"
		printf 'NAT_TIMEOUT=%s\n' "$bad" >>"$root/$SYSCONF"
		n=$(grep -c '' "$root/$SYSCONF")
		before=$(ka_tree_sum "$root")
		for args in "$KA_HELPER --root $root apply" \
		    "$KA_TUNE --root $root --apply" \
		    "$KA_TUNE --root $root --count-max 3" \
		    "$KA_TUNE --root $root --mode inline"; do
			# shellcheck disable=SC2086
			run $args
			assert_failure 1
			assert_equal "${#lines[@]}" 1
			assert_output --regexp "^(keepalive-helper|ssh-keepalive-tune): /etc/sysconfig/ssh-keepalive:$n: NAT_TIMEOUT=.*: .*\(correct the line, or let --nat-timeout rewrite it or --interval drop it\)$"
			assert_equal "$(ka_tree_sum "$root")" "$before"
		done
	done
}

@test "the message for NAT_TIMEOUT=5 m names what is accepted" {
	echo 'NAT_TIMEOUT=5 m' >>"$root/$SYSCONF"
	apply
	assert_failure 1
	assert_output --partial "/etc/sysconfig/ssh-keepalive:$L: NAT_TIMEOUT=5 m: not one value; accepted: 1 s to 7 d"
}

@test "NAT_TIMEOUT twice, or in another case, is refused naming the line, nothing changed" {
	printf 'NAT_TIMEOUT=300\nNAT_TIMEOUT=350\n' >>"$root/$SYSCONF"
	before=$(ka_tree_sum "$root")
	apply
	assert_failure 1
	assert_output "keepalive-helper: /etc/sysconfig/ssh-keepalive:$((L + 1)): NAT_TIMEOUT is set twice (first at line $L)"
	cp "$KA_TOP/sysconfig/ssh-keepalive" "$root/$SYSCONF"
	echo 'Nat_Timeout=300' >>"$root/$SYSCONF"
	before=$(ka_tree_sum "$root")
	apply
	assert_failure 1
	assert_output "keepalive-helper: /etc/sysconfig/ssh-keepalive:$L: 'Nat_Timeout' is not NAT_TIMEOUT: keys are case-sensitive"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--nat-timeout replaces a bad NAT_TIMEOUT and --interval drops it, each saying so" {
	echo 'NAT_TIMEOUT=5 m  # typo' >>"$root/$SYSCONF"
	tune --nat-timeout 350
	assert_success
	assert_line --partial "warning: /etc/sysconfig/ssh-keepalive:$L: NAT_TIMEOUT=5 m  # typo: not one value"
	assert_line --partial "--nat-timeout replaces it"
	assert_equal "$(tail -n 1 "$root/$SYSCONF")" "NAT_TIMEOUT=350"
	sed -i 's/^NAT_TIMEOUT=.*/NAT_TIMEOUT=0/' "$root/$SYSCONF"
	tune --interval 300
	assert_success
	assert_line --partial "--interval drops it"
	cmp "$root/$SYSCONF" "$KA_TOP/sysconfig/ssh-keepalive"
}

@test "--count-max 0 where NAT_TIMEOUT is set and 0 closes idle sessions (RHEL 8.5) is refused, exit 2, nothing changed" {
	release 8.0p1 10.el8
	echo 'NAT_TIMEOUT=350' >>"$root/$SYSCONF"
	before=$(ka_tree_sum "$root")
	tune --count-max 0
	assert_failure 2
	assert_output --partial "nat-timeout 350 s"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a NAT_TIMEOUT too short for this release is warned about on every apply and changes nothing" {
	release 9.3p1 9.fc39
	"$KA_HELPER" --root "$root" --quiet apply
	echo 'NAT_TIMEOUT=3' >>"$root/$SYSCONF"
	before=$(ka_tree_sum "$root")
	apply
	assert_success
	assert_output --partial "warning: /etc/sysconfig/ssh-keepalive:$L: NAT_TIMEOUT=3 cannot be kept: 3 s is too short for OpenSSH 9.3p1"
	assert_output --partial "the smallest that works on this sshd is 4 s; ClientAliveInterval stays 600"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--status names NAT_TIMEOUT as the source, before and after the apply that derives it; the report writes nothing" {
	echo 'NAT_TIMEOUT=300' >>"$root/$SYSCONF"
	before=$(ka_tree_sum "$root")
	tune
	assert_success
	assert_line "  nat-timeout 300 s (NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive:$L, which wins over the drop-in's record); this release needs ClientAliveInterval 270: the next apply sets it (ssh-keepalive-tune --apply)"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	"$KA_HELPER" --root "$root" --quiet apply
	tune
	assert_line --regexp "^  nat-timeout 300 s \(/etc/ssh/sshd_config.d/01-keepalive.conf:[0-9]+\): ClientAliveInterval 270 derived from it$"
	assert_line "  from NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive:$L, the nat-timeout stated, which the record follows"
}

@test "--json: the source, no record yet, derived, and a bad NAT_TIMEOUT, each valid against the schema" {
	echo 'NAT_TIMEOUT=300' >>"$root/$SYSCONF"
	check() {
		"$KA_TUNE" --root "$root" --json | python3 -c '
import json, sys, jsonschema
d = json.load(sys.stdin)
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(d)
n = d["keepalive"]["nat_timeout"]
exec(sys.argv[2])' "$KA_TOP/doc/status.schema.json" "$1"
	}
	run check '
assert n["timeout"] == 300 and n["interval"] is None and n["file"] is None, n
assert n["interval_for_this_release"] == 270, n
assert n["source"] == {"from": "sysconfig", "file": "/etc/sysconfig/ssh-keepalive", "line": '"$L"'}, n'
	assert_success
	"$KA_HELPER" --root "$root" --quiet apply
	run check '
assert n["interval"] == 270 and n["file"].endswith("01-keepalive.conf") and not n["hand_edited"], n'
	assert_success
	sed -i 's/^NAT_TIMEOUT=300/NAT_TIMEOUT=5 m/' "$root/$SYSCONF"
	run check '
assert n["file"] == "/etc/sysconfig/ssh-keepalive" and n["line"] == '"$L"', n
assert n["malformed"].startswith("NAT_TIMEOUT=5 m: not one value"), n
assert n["source"]["from"] == "sysconfig", n'
	assert_success
}
