#!/usr/bin/env bats
# Real compliance scans: OpenSCAP with the SCAP Security Guide's RHEL 7, 8
# and 9 data streams, STIG profile, on mock/ roots with our RPM installed
# by the real rpm.  Only the rules that check ClientAliveInterval and
# ClientAliveCountMax are scanned, and the values they ask for are read
# from the data stream (tests/lib/scap_values.py), never written here.
#
#   content  root                      mode            verdict
#   rhel7    el7 (7.4p1, RHEL 7.9)     inline (auto)   pass
#   rhel8    el8 (8.0p1-10, RHEL 8.5)  inline (auto)   pass
#   rhel8    el8.6 (8.0p1-13, RHEL 8.6) include (auto) fail: the content
#            reads only /etc/ssh/sshd_config, not the drop-in
#   rhel8    el8.6                     --mode inline   pass, and it lasts
#   rhel9    el9 (8.7p1, RHEL 9.4)     include (auto)  pass (the content
#            reads sshd_config.d too); inline passes as well

load ../lib/common
load ../lib/rpmroot
load ../lib/scap

setup_file() {
	ka_build_packages
}

setup() {
	command -v oscap >/dev/null || skip "oscap is not installed (Debian: openscap-scanner)"
	[ -f "$KA_SSG/ssg-rhel9-ds.xml" ] || skip "no SSG content (Debian: ssg-nondebian)"
	root="$BATS_TEST_TMPDIR/root"
}

tune() {
	chroot "$root" /usr/sbin/ssh-keepalive-tune "$@"
}

# Tell the report what was scanned and found (shown by bats --tap).
note() {
	printf '# %s\n' "$*" >&3
}

# all_are PROFILE VERDICT: every keepalive rule got VERDICT.
all_are() {
	local p=$1 want=$2 n
	run ka_scap_scan "$p" "$root"
	assert_success
	note "$p: $(printf '%s\n' "$output" | tr '\n' ' ')"
	n=$(ka_scap_rules "$p" | wc -l)
	assert_equal "${#lines[@]}" "$n"
	run grep -vc " $want\$" <<<"$output"
	assert_output 0
}

# some_fail PROFILE: at least one keepalive rule fails, none errs.
some_fail() {
	local p=$1
	run ka_scap_scan "$p" "$root"
	assert_success
	note "$p: $(printf '%s\n' "$output" | tr '\n' ' ')"
	assert_output --regexp ' fail$'
	refute_output --regexp ' (error|unknown|notapplicable|notchecked)$'
}

# set_stig_values [--mode M]: what the profile's STIG asks, with our tool.
set_stig_values() {
	local i c
	i=$(ka_scap_value "$p" ClientAliveInterval)
	c=$(ka_scap_value "$p" ClientAliveCountMax)
	[ -n "$i" ] && [ -n "$c" ]
	run tune --verbose "$@" --interval "$i" --count-max "$c"
	assert_success
}

# applied_again: keepalive-helper apply (what %post and the openssh-server
# trigger run) changes nothing.
applied_again() {
	local before
	before=$(ka_tree_sum "$root/etc")
	run chroot "$root" /usr/libexec/ssh-keepalive/keepalive-helper apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
}

# stock_fails PROFILE: the stock files fail; with our package and its
# shipped values (600 s, 10) some rule still fails.
stock_fails() {
	p=$1
	ka_scap_root "$p" "$root"
	some_fail "$p"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	some_fail "$p"
}

# tuned_passes PROFILE MODE [--mode M]: the STIG's values pass, and still
# after keepalive-helper apply.
tuned_passes() {
	p=$1
	local mode=$2
	shift 2
	ka_scap_root "$p" "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	set_stig_values "$@"
	assert_line --partial "ssh-keepalive-tune: $mode mode: "
	all_are "$p" pass
	applied_again
	all_are "$p" pass
}

@test "each STIG profile has rules for both keywords, and its data stream says which values" {
	local p kw v
	for p in el7 el8 el9; do
		run ka_scap_values "$p"
		assert_success
		note "$(ka_scap_content "$p" | sed 's,.*/,,'): $(printf '%s\n' "$output" | tr '\n' ';')"
		assert_output --regexp "check ClientAliveInterval "
		assert_output --regexp "check ClientAliveCountMax "
		v=$(ka_scap_value "$p" ClientAliveInterval)
		[ "$v" -ge 1 ] && [ "$v" -le 86400 ]
		v=$(ka_scap_value "$p" ClientAliveCountMax)
		[ "$v" -ge 0 ] && [ "$v" -le 1000 ]
	done
}

@test "the scan reads the root, not this host: without a release package every rule is notapplicable" {
	ka_mkroot el9 "$root"
	run ka_scap_scan el9 "$root"
	assert_success
	refute_output --regexp ' (pass|fail)$'
	assert_output --regexp ' notapplicable$'
}

@test "el7 (RHEL 7.9): stock files fail, and so do the shipped values" { stock_fails el7; }
@test "el8 (RHEL 8.5): stock files fail, and so do the shipped values" { stock_fails el8; }
@test "el9 (RHEL 9.4): stock files fail, and so do the shipped values" { stock_fails el9; }

@test "el7 (RHEL 7.9), inline mode: the STIG's values set with ssh-keepalive-tune pass, and still after keepalive-helper apply" {
	tuned_passes el7 inline
}

@test "el8 (RHEL 8.5), inline mode: the STIG's values set with ssh-keepalive-tune pass, and still after keepalive-helper apply" {
	tuned_passes el8 inline
}

@test "el9 (RHEL 9.4), include mode: the STIG's values set with ssh-keepalive-tune pass, and still after keepalive-helper apply" {
	tuned_passes el9 include
}

@test "el9 (RHEL 9.4) with --mode inline: pass as well" {
	tuned_passes el9 inline --mode inline
}

@test "el8.6 (RHEL 8.6), include mode: the STIG's values fail, for the RHEL 8 content reads only /etc/ssh/sshd_config" {
	p=el8.6
	ka_scap_root "$p" "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	set_stig_values
	assert_line --partial "ssh-keepalive-tune: include mode: "
	run ka_root_values "$root"
	assert_line "clientaliveinterval $(ka_scap_value "$p" ClientAliveInterval)"
	all_are "$p" fail
}

@test "el8.6 (RHEL 8.6) with --mode inline: pass, and still after keepalive-helper apply and an upgrade of ssh-keepalive" {
	tuned_passes el8.6 inline --mode inline
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial warning
	all_are "$p" pass
}
