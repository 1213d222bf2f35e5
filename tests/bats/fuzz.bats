#!/usr/bin/env bats
# A short libFuzzer run in every check (make fuzz runs longer, make
# fuzz-long 10 million executions): the editor's properties
# (fuzz/fuzz_config.c) and the value parsers (fuzz/fuzz_value.c), seeded
# with every fixture; and proof that the properties catch a broken editor.

load ../lib/common

@test "libFuzzer, 40 s: no crash, no leak, no property broken" {
	run "$KA_TOP/fuzz/run" 40
	assert_success
	printf '%s\n' "$output" | sed 's/^/# /' >&3
	assert_line --regexp '^fuzz_config: [0-9]+ executions'
	assert_line --regexp '^fuzz_value: [0-9]+ executions'
}

@test "fuzz_config catches an editor that appends its block at the end" {
	RUNS=100000 run "$KA_TOP/fuzz/mutants" block-at-end
	assert_success
	assert_output --regexp '^block-at-end: caught by check_kept_and_placed'
}
