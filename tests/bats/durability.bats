#!/usr/bin/env bats
# The new file is on disk before it replaces the old one: when fsync()
# of the temp file fails (an LD_PRELOAD shim, tests/shim/fsync_eio.c,
# makes it return EIO), the change fails with exit 1, nothing changed and
# no temp file left.  A run that skipped the fsync would succeed here.
#
# The shim runs with the shipped (non-ASan) build: ASan refuses a preload
# that comes before its runtime, and this is the build the RPM installs.

bats_require_minimum_version 1.5.0
load ../lib/common

setup_file() {
	cc -shared -fPIC -O2 -Wall -Wextra -Werror \
		-o "$BATS_FILE_TMPDIR/fsync_eio.so" "$KA_TOP/tests/shim/fsync_eio.c"
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	shim="$BATS_FILE_TMPDIR/fsync_eio.so"
}

assert_untouched() {
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run find "$root" -name '.*.ka-*'
	assert_output ""
}

@test "fsync of the new drop-in fails: ssh-keepalive-tune exits 1, nothing changed, no temp file" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	run --separate-stderr env LD_PRELOAD="$shim" "$KA_BUILD/ssh-keepalive-tune" \
		--root "$root" --interval 80
	assert_failure 1
	assert_equal "$stderr" "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: cannot write the new file: Input/output error"
	assert_untouched
}

@test "fsync of the new sshd_config fails: keepalive-helper apply exits 1, nothing changed, no temp file" {
	ka_make_system rhel8 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	before=$(ka_tree_sum "$root")
	run --separate-stderr env LD_PRELOAD="$shim" "$KA_BUILD/keepalive-helper" \
		--root "$root" apply
	assert_failure 1
	assert_equal "$stderr" "keepalive-helper: /etc/ssh/sshd_config: cannot write the new file: Input/output error"
	assert_untouched
}
