#!/usr/bin/env bats
# src/ is the architecture (doc/internals.md, "Source map"): engine, sys, flow, cli,
# each using only itself and the layers before it, and an engine that
# makes no system call.  scripts/check-layers reads the include lines and
# the compiled objects' symbols; here it runs on the real tree, and on a
# copy broken on purpose, which it must refuse.

load ../lib/common

@test "every include and every call in src/ points to the same layer or an earlier one; the engine is pure" {
	run "$KA_TOP/scripts/check-layers" "$KA_BUILD"
	assert_success
	assert_output --regexp '^check-layers: [0-9]+ files in engine sys flow cli: every arrow points down, the engine is pure$'
}

@test "the check refuses an engine file that includes a system header, calls the system layer, or opens a file" {
	cp -a "$KA_TOP/src" "$BATS_TEST_TMPDIR/src"
	cat >>"$BATS_TEST_TMPDIR/src/engine/value.c" <<'C'
#include "sys/rootfs.h"
#include <fcntl.h>
int ka_value_broken(void);
int ka_value_broken(void) { return open("/etc/passwd", O_RDONLY) + ka_root_check(0, 0, 0); }
C
	KA_LAYERS_SRC="$BATS_TEST_TMPDIR/src" run "$KA_TOP/scripts/check-layers" "$KA_BUILD"
	assert_failure 1
	assert_line --regexp '^check-layers: src/engine/value.c:[0-9]+: engine includes sys/rootfs.h \(a later layer\)$'
	assert_line "check-layers: src/engine/value.c calls ka_root_check, defined in a later layer or nowhere"
	assert_line "check-layers: src/engine/value.c (engine) calls open: the engine makes no system call"
}

@test "the check refuses an arrow from the system layer up to the change flow" {
	cp -a "$KA_TOP/src" "$BATS_TEST_TMPDIR/src"
	cat >>"$BATS_TEST_TMPDIR/src/sys/stale.c" <<'C'
#include "flow/change.h"
int ka_stale_broken(void);
int ka_stale_broken(void) { return ka_change(0, KA_OP_APPLY, 0); }
C
	KA_LAYERS_SRC="$BATS_TEST_TMPDIR/src" run "$KA_TOP/scripts/check-layers" "$KA_BUILD"
	assert_failure 1
	assert_line --regexp '^check-layers: src/sys/stale.c:[0-9]+: sys includes flow/change.h \(a later layer\)$'
	assert_line "check-layers: src/sys/stale.c calls ka_change, defined in a later layer or nowhere"
}
