#!/usr/bin/env bats
# A short libFuzzer run in every check (make fuzz runs longer): the
# editor's properties (fuzz/fuzz_config.c) and the value parsers
# (fuzz/fuzz_value.c), seeded with every fixture.

load ../lib/common

@test "libFuzzer, 40 s: no crash, no leak, no property broken" {
	run "$KA_TOP/fuzz/run" 40
	assert_success
	printf '%s\n' "$output" | sed 's/^/# /' >&3
	assert_line --regexp '^fuzz_config: [0-9]+ executions'
	assert_line --regexp '^fuzz_value: [0-9]+ executions'
}
