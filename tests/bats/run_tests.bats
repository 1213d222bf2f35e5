#!/usr/bin/env bats
# scripts/run-tests itself: one progress line per file, the last line
# CI reads, and the check that fails a run which leaves anything outside
# the clone (issue 22: /tmp/ka-ov-up, ~/.rpmdb, ~/.parallel were left).

bats_require_minimum_version 1.5.0
load ../lib/common

setup() {
	fx="$KA_TOP/tests/fixtures/run-tests"
	[ "$(id -u)" -eq 0 ] || skip "the private /tmp needs root"
	# not under /tmp: the inner run binds a /tmp of its own
	out="$KA_BUILD/test-run-inner.$BATS_TEST_NUMBER.$$"
}

teardown() {
	rm -rf "$out" "$out.lock"
}

# inner RUN_OUT FILE...: a run of its own, in its own namespace, with
# nothing of this bats run in its environment (nor bats' own libexec in
# PATH, where its bats is not the command).
inner() {
	local dir=$1
	shift
	local path
	path=$(printf '%s\n' "$PATH" | tr : '\n' | grep -v bats-core | paste -sd:)
	run env -i PATH="$path" KA_RUN_OUT="$dir" KA_JOBS=2 \
		"$KA_TOP/scripts/run-tests" "$KA_BUILD" "$@"
}

@test "a file that leaves something in /tmp fails the run, naming it; what it writes in HOME is the run's own" {
	inner "$out" "$fx/leaves.bats"
	assert_failure
	assert_line --regexp '^# leaves\.bats: 1 passed, 0 failed \([0-9]+ s\)$'
	assert_line "not ok 0 the run left something outside the clone:"
	assert_line "#   /tmp/ka-left-behind"
	refute_output --partial ".ka-home-file"
	assert_equal "${lines[-1]}" "1 passed, 1 failed"
	assert_file_exists "$out/tmp/ka-left-behind"
	assert_file_exists "$out/home/.ka-home-file"
	assert_file_not_exists /tmp/ka-left-behind
}

@test "a clean file passes the check; its failing test counts, with one line per file" {
	inner "$out" "$fx/clean.bats"
	assert_failure
	assert_line --regexp '^# clean\.bats: 1 passed, 1 failed \([0-9]+ s\)$'
	assert_line "ok 0 the run left nothing outside the clone"
	assert_equal "${lines[-1]}" "2 passed, 1 failed"
}

@test "a second run into the same directory is refused, and the first run's files are left alone" {
	mkdir -p "$out/logs"
	echo first >"$out/logs/first.tap"
	exec 8>"$out.lock"
	flock -n 8
	inner "$out" "$fx/clean.bats"
	exec 8>&-
	rm -f "$out.lock"
	assert_failure 2
	assert_output "run-tests: $out: another run is using it; give this one its own KA_RUN_OUT"
	assert_equal "$(cat "$out/logs/first.tap")" first
}
