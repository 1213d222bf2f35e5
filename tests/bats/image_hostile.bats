#!/usr/bin/env bats
# An image given with --root is untrusted input.  Its /usr/sbin/sshd is
# replaced by a program that tries to reach the host (tests/shim/
# hostile.c): a report must not run it at all, and a change, which does
# run it (sshd -t), must run it confined, so that nothing it tries
# reaches the host: no file written outside the image, no mount left,
# no process left, no capability.  The host marker is a file the hostile
# program writes if it gets out; every test checks it is not there.

load ../lib/common
load ../lib/rpmroot

setup_file() {
	ka_build_packages
	gcc -static -O1 -o "$BATS_FILE_TMPDIR/hostile" "$KA_TOP/tests/shim/hostile.c"
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	host="$BATS_TEST_TMPDIR/host"
	mkdir -p "$host"
	ka_mkroot el9 "$root"
	install -m 0755 "$BATS_FILE_TMPDIR/hostile" "$root/usr/sbin/sshd"
	mounts_before=$(mounts_here)
}

teardown() {
	pkill -KILL -x ka-hostile 2>/dev/null || true
}

# The mounts under this test's directory, as the host sees them.
mounts_here() {
	findmnt -rn -o TARGET | grep -F "$BATS_TEST_TMPDIR" || true
}

# hostile ACTION: what the image's sshd tries, and where it would write.
hostile() {
	printf '%s\n%s\n' "$1" "$host/escaped" >"$root/etc/ka-hostile"
}

# The host as it was: no marker, no new mount, no process of it left.
assert_host_untouched() {
	assert_file_not_exists "$host/escaped"
	refute_output --partial "ESCAPED"
	assert_equal "$(mounts_here)" "$mounts_before"
	run pgrep -x ka-hostile
	assert_failure 1
}

# A change that runs the image's sshd: refused, since it "rejects" the
# files (exit 1 from it, for the new files and the old), nothing written
# in the image either.
change_refused() {
	local before
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --interval 300
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd already rejects hostile ran: $1"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--status, --json and keepalive-helper status on an image run nothing from it" {
	local log="$BATS_TEST_TMPDIR/execs"
	hostile chroot
	for cmd in "$KA_TUNE --root $root --status" \
		"$KA_TUNE --root $root --status --json" \
		"$KA_HELPER --root $root status"; do
		: >"$log"
		# LeakSanitizer cannot run under ptrace
		run env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -y \
			-e trace=execve,execveat -o "$log" $cmd
		assert_success
		run grep -c 'sshd' "$log"
		assert_output 0
		# the rpm database was read, by our own reader
		run grep -c 'keepalive-rpmq' "$log"
		refute_output 0
	done
	run "$KA_TUNE" --root "$root" --status --verbose
	assert_line "keepalive: ClientAliveInterval 0: sshd sends no probes"
	assert_line "  release: OpenSSH 8.7p1 (from rpm database: openssh-server 8.7p1-38.el9)"
	assert_line "mode: include (its Include reads the drop-in, /etc/ssh/sshd_config:15); auto: rpm database: openssh-server 8.7p1-38.el9 understands Include"
	assert_host_untouched
}

@test "a change: the image's sshd trying the double chroot, as uid 0 and in a user namespace of its own, stays in the image" {
	hostile chroot
	change_refused chroot
	assert_output --partial "hostile: as uid 0: chroot /dev/ka-x: Operation not permitted"
	assert_host_untouched
}

@test "a change: the image's sshd trying to mount proc, tmpfs over /etc and binds is refused every one" {
	hostile mount
	change_refused mount
	assert_output --partial "hostile: mount proc: Operation not permitted"
	assert_output --partial "hostile: mount tmpfs on /etc: Operation not permitted"
	assert_output --partial "hostile: remount / read-write: Operation not permitted"
	assert_host_untouched
}

@test "a change: the image's sshd can neither make a device node nor use one the image ships (the image is nodev)" {
	hostile mknod
	mknod "$root/ka-kmsg" c 1 11   # the numbers of /dev/kmsg
	change_refused mknod
	assert_output --partial "hostile: mknod a block device: Operation not permitted"
	assert_output --partial "hostile: open the image's own device node: Permission denied"
	assert_host_untouched
}

@test "a change: the image's sshd cannot see, trace or signal the program that runs it" {
	hostile ptrace
	change_refused ptrace
	assert_output --partial "hostile: getppid is 0: ok"
	assert_host_untouched
}

@test "a change: an image with the host's /proc and /dev mounted in it (as image builders do): its sshd sees neither" {
	hostile proc
	mkdir "$root/proc"
	run unshare -m --propagation private /bin/sh -c '
		mount -t proc proc "$1/proc" && mount --bind /dev "$1/dev" &&
		exec "$2" --root "$1" --interval 300' sh "$root" "$KA_TUNE"
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd already rejects hostile ran: proc"
	assert_output --partial "hostile: write through /proc/1/root: No such file or directory"
	assert_output --partial "hostile: open the host's /dev/kmsg: No such file or directory"
	assert_host_untouched
}

@test "a change: children the image's sshd leaves behind and its endless loop are killed at the time limit, with all it started" {
	hostile daemons
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --interval 300
	assert_failure 1
	assert_output --partial "the image's /usr/sbin/sshd did not finish in 10 s: killed, with all it started"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	assert_host_untouched
}

@test "a change: a setuid-root image sshd with file capabilities gets no capability and no privilege" {
	hostile setuid
	chmod 4755 "$root/usr/sbin/sshd"
	setcap cap_sys_admin,cap_sys_chroot,cap_dac_override+ep "$root/usr/sbin/sshd"
	change_refused setuid
	assert_output --partial "hostile: capabilities 0000000000000000"
	assert_output --partial "hostile: mount proc: Operation not permitted"
	assert_host_untouched
}

@test "keepalive-helper apply and an image whose release nothing tells (the Include probe) run it confined too" {
	hostile mount
	rm -rf "$root/var/lib/rpm"
	run "$KA_HELPER" --root "$root" apply
	assert_output --partial "hostile ran: mount"
	assert_output --partial "hostile: mount proc: Operation not permitted"
	assert_host_untouched
}
