#!/usr/bin/env bats
# Include targets that are not regular files, read as the real sshd 9.2
# reads them (servconf.c load_server_config, the same at 8.2p1, 8.7p1 and
# 9.2p1: glob(3) matches by lstat, then fopen and getline): a directory
# that a glob matches reads as empty, and sshd accepts it; a dangling
# link matches too, fopen fails and sshd exits at start with
# "FILE: No such file or directory".  Each verdict here is compared with
# the real sshd's on the same tree.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_root stock/rhel9 "$root"
	d="$root/etc/ssh/sshd_config.d"
}

@test "a directory named 00-dir.conf in sshd_config.d: sshd accepts it, and so does --status" {
	mkdir "$d/00-dir.conf"
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
	run "$KA_TUNE" --root "$root" --status
	assert_success
	assert_line --regexp '^ClientAliveInterval +600 \(from /etc/ssh/sshd_config.d/01-keepalive.conf:[0-9]+, ssh-keepalive\)'
	run "$KA_HELPER" --root "$root" status
	assert_success
	run ka_engine_winners "$root"
	assert_success
	assert_equal "$output" "$(ka_sshd_winners "$root")"
}

@test "a directory an earlier Include matches is read as empty: the stock Include still qualifies" {
	mkdir -p "$root/etc/ssh/early/00-dir.conf"
	sed -i '1i Include /etc/ssh/early/*.conf' "$root/etc/ssh/sshd_config"
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
	before=$(ka_tree_sum "$root")
	run "$KA_HELPER" --root "$root" --mode include apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run "$KA_ENGINE" --root "$root" include /etc/ssh/sshd_config
	assert_success
	assert_equal "$output" "$(cat "$root/etc/ssh/sshd_config")"
}

@test "an Include that names a directory itself reads nothing, as in sshd" {
	printf 'Include /etc/ssh/sshd_config.d\n' >"$root/etc/ssh/extra"
	sed -i '1i Include /etc/ssh/extra' "$root/etc/ssh/sshd_config"
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
	run ka_engine_winners "$root"
	assert_success
	assert_equal "$output" "$(ka_sshd_winners "$root")"
	run "$KA_TUNE" --root "$root" --status
	assert_success
}

# sshd's own words on root's config: the line it prints when it refuses.
sshd_refusal() {
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_failure
	refusal=$output
}

@test "a dangling 00-x.conf link: sshd refuses to start, and --status says so, naming the file" {
	ln -s /nonexistent.conf "$d/00-x.conf"
	sshd_refusal
	assert_equal "$refusal" "/etc/ssh/sshd_config.d/00-x.conf: No such file or directory"
	want="/etc/ssh/sshd_config.d/00-x.conf: a dangling symbolic link: sshd refuses to start (\"$refusal\")"
	run --separate-stderr "$KA_TUNE" --root "$root" --status
	assert_failure 1
	assert_equal "$stderr" "ssh-keepalive-tune: $want"
	run --separate-stderr "$KA_HELPER" --root "$root" status
	assert_failure 1
	assert_equal "$stderr" "keepalive-helper: $want"
	run --separate-stderr "$KA_ENGINE" --root "$root" effective /etc/ssh/sshd_config
	assert_failure
	assert_equal "$stderr" "ka-engine: $want"
}

@test "a dangling link an earlier Include matches: include mode refuses to build on it, nothing changed" {
	mkdir "$root/etc/ssh/early"
	ln -s /nonexistent.conf "$root/etc/ssh/early/00-x.conf"
	sed -i '1i Include /etc/ssh/early/*.conf' "$root/etc/ssh/sshd_config"
	sshd_refusal
	before=$(ka_tree_sum "$root")
	run --separate-stderr "$KA_HELPER" --root "$root" --mode include apply
	assert_failure 1
	assert_equal "$stderr" "keepalive-helper: /etc/ssh/early/00-x.conf: a dangling symbolic link: sshd refuses to start (\"$refusal\")"
	run --separate-stderr "$KA_TUNE" --root "$root" --mode include --interval 5m
	assert_failure 1
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a link loop in sshd_config.d: sshd refuses to start, and so does --status" {
	ln -s 00-loop.conf "$d/00-loop.conf"
	sshd_refusal
	assert_equal "$refusal" "/etc/ssh/sshd_config.d/00-loop.conf: Too many levels of symbolic links"
	run --separate-stderr "$KA_TUNE" --root "$root" --status
	assert_failure 1
	assert_equal "$stderr" "ssh-keepalive-tune: /etc/ssh/sshd_config.d/00-loop.conf: cannot be opened: sshd refuses to start (\"$refusal\")"
}

@test "a drop-in that is a link to a file elsewhere in /etc/ssh is read through, as sshd reads it" {
	printf 'ClientAliveInterval 42\n' >"$root/etc/ssh/elsewhere.conf"
	ln -s ../elsewhere.conf "$d/00-x.conf"
	run ka_sshd "$root" -t -f /etc/ssh/sshd_config
	assert_success
	run ka_engine_winners "$root"
	assert_line "clientaliveinterval 42"
	assert_equal "$output" "$(ka_sshd_winners "$root")"
	run "$KA_TUNE" --root "$root" --status
	assert_success
	assert_line --regexp '^ClientAliveInterval +42 \(from /etc/ssh/sshd_config.d/00-x.conf:1\)'
}

@test "a dotfile in sshd_config.d is not matched by *.conf, as glob(3) without GLOB_PERIOD" {
	printf 'ClientAliveInterval 43\n' >"$d/.hidden.conf"
	run ka_engine_winners "$root"
	assert_line "clientaliveinterval 600"
	assert_equal "$output" "$(ka_sshd_winners "$root")"
}
