#!/usr/bin/env bats
# Files that cannot be replaced: an immutable or append-only file or
# directory, a read-only mount.  The real run fails naming the file (as
# seen inside the root), exit 1, nothing changed, no temp file left; and
# --dry-run fails with the same line and the same exit code instead of
# claiming success.

bats_require_minimum_version 1.5.0
load ../lib/common

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	flagged=()
}

teardown() {
	local f
	for f in "${flagged[@]}"; do chattr -i -a "$f" 2>/dev/null || true; done
}

# flag +i|+a PATH: chattr, undone in teardown.
flag() {
	chattr "$1" "$2" || skip "chattr $1 is not supported here"
	flagged+=("$2")
}

# real_and_dry WANT: --interval 80 fails with exit 1 and the error line
# WANT, with and without --dry-run; nothing changed, no temp file left.
real_and_dry() {
	local want=$1 dry
	for dry in "" --dry-run; do
		# shellcheck disable=SC2086
		run --separate-stderr "$KA_TUNE" --root "$root" --interval 80 $dry
		assert_failure 1
		assert_equal "$stderr" "$want"
		assert_equal "$(ka_tree_sum "$root")" "$before"
		run find "$root" -name '.*.ka-*'
		assert_output ""
	done
}

@test "an immutable sshd_config: both runs name /etc/ssh/sshd_config, exit 1" {
	flag +i "$root/etc/ssh/sshd_config"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config: cannot replace it: Operation not permitted (the file is immutable)"
}

@test "an immutable drop-in: both runs name the drop-in, exit 1" {
	flag +i "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: cannot replace it: Operation not permitted (the file is immutable)"
}

@test "an append-only sshd_config: both runs name it, exit 1" {
	flag +a "$root/etc/ssh/sshd_config"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config: cannot replace it: Operation not permitted (the file is append-only)"
}

@test "an immutable /etc/ssh: both runs name sshd_config, exit 1" {
	printf 'ClientAliveInterval 80\nClientAliveCountMax 10\n' >"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	before=$(ka_tree_sum "$root")
	flag +i "$root/etc/ssh"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config: cannot replace it: Operation not permitted (its directory is immutable)"
}

@test "an immutable sshd_config.d: both runs name the drop-in, exit 1" {
	flag +i "$root/etc/ssh/sshd_config.d"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: cannot replace it: Operation not permitted (its directory is immutable)"
}

@test "an append-only sshd_config.d: refused before a temp file it could not remove is made" {
	flag +a "$root/etc/ssh/sshd_config.d"
	real_and_dry "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: cannot replace it: Operation not permitted (its directory is append-only)"
}

@test "keepalive-helper apply on an immutable sshd_config names it too" {
	ka_make_system rhel8 "$BATS_TEST_TMPDIR/r2"
	root="$BATS_TEST_TMPDIR/r2"
	before=$(ka_tree_sum "$root")
	flag +i "$root/etc/ssh/sshd_config"
	run --separate-stderr "$KA_HELPER" --root "$root" apply
	assert_failure 1
	assert_equal "$stderr" "keepalive-helper: /etc/ssh/sshd_config: cannot replace it: Operation not permitted (the file is immutable)"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a read-only mount: --dry-run fails as the real run does" {
	local dry
	for dry in "" --dry-run; do
		run --separate-stderr unshare -m --propagation private /bin/sh -c '
			mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
			shift && exec "$@"' sh "$root" "$KA_TUNE" --root "$root" \
			--interval 81 $dry
		assert_failure 1
		assert_equal "$stderr" "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: cannot create a temporary file beside it: Read-only file system"
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--dry-run without the drop-in directory succeeds as the real run does, and leaves no directory" {
	ka_make_system centos7 "$BATS_TEST_TMPDIR/r3"
	root="$BATS_TEST_TMPDIR/r3"
	rmdir "$root/etc/ssh/sshd_config.d"
	before=$(ka_tree_sum "$root")
	run --separate-stderr "$KA_TUNE" --root "$root" --interval 80 --dry-run
	assert_success
	assert_line "ssh-keepalive-tune: dry run: nothing written"
	assert_not_exists "$root/etc/ssh/sshd_config.d"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run "$KA_TUNE" --root "$root" --interval 80
	assert_success
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d")" 700
}
