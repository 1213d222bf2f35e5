#!/usr/bin/env bats
# make lint: cppcheck and clang-tidy (.clang-tidy says which checks and
# why the few left out are) report nothing on src/.

load ../lib/common

@test "cppcheck and clang-tidy report nothing on src/" {
	run make -s -C "$KA_TOP" lint
	assert_success
	refute_output --regexp '(warning|error|style|performance|portability):'
}
