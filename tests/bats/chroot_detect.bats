#!/usr/bin/env bats
# Chroot detection (src/sys/reload.c ka_in_chroot): inside a chroot there is
# no running sshd of its own to reload, whatever the stand-in systemctl
# says.  The two cases a kickstart %post or an image build can meet and
# that a weaker test lets through:
#   - the chroot is on the same file system as the init's root, so only
#     the inode of / differs from /proc/1/root's (the device is equal);
#   - no /proc in the chroot at all, so /proc/1/root cannot be read.
# In both, sshd is "running" for the systemctl stand-in (mock/bin), the
# image has /run/systemd/system, and a change must call nothing.
#
# The layout does not depend on where $BATS_TEST_TMPDIR lives: in new
# mount and PID namespaces, PID 1 itself chroots into $T/outer, and the
# image is $T/outer/img, so the two roots always share one file system.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/live

setup() {
	ka_mock_init
	ka_mock_sshd running
	outer="$BATS_TEST_TMPDIR/outer"
	img="$outer/img"
	ka_make_system rhel8 "$img"
	mkdir -p "$img/run/systemd/system"
	local r
	for r in "$outer" "$img"; do
		mkdir -p "$r/usr" "$r/dev" "$r/proc" "$r/tmp" "$r/run/ka-mock" "$r$KA_TOP"
		for l in bin sbin lib lib64; do ln -s "usr/$l" "$r/$l"; done
	done
}

# in_chroot PROC CMD...: CMD chrooted into $img by a child of PID 1,
# whose own root is $outer; PROC=proc mounts the namespace's /proc in
# the image, PROC=noproc leaves it out.  The stand-in systemctl is
# /usr/bin/systemctl in the image (overlayfs).
in_chroot() {
	local proc=$1
	shift
	unshare -m -p -f --propagation private /bin/sh -c '
		outer=$1 top=$2 state=$3 proc=$4; shift 4
		for r in "$outer" "$outer/img"; do
			mount --bind /usr "$r/usr" && mount --bind /dev "$r/dev" &&
			mount --bind "$top" "$r$top" || exit 90
		done
		mount --bind "$state" "$outer/img/run/ka-mock" &&
		mount -t tmpfs ka-ov "$outer/tmp" &&
		mkdir "$outer/tmp/up" "$outer/tmp/work" &&
		cp "$top/mock/bin/systemctl" "$outer/tmp/up/" &&
		mount -t overlay ka-ov -o "lowerdir=$outer/img/usr/bin,upperdir=$outer/tmp/up,workdir=$outer/tmp/work" \
			"$outer/img/usr/bin" || exit 90
		# PID 1 takes $outer as its root; the command is its child
		exec chroot "$outer" /bin/sh -c "
			[ \"\$1\" = noproc ] || mount -t proc proc /img/proc || exit 90
			shift
			chroot /img \"\$@\"" sh "$proc" "$@"' \
		sh "$outer" "$KA_TOP" "$KA_MOCK" "$proc" "$@"
}

@test "a chroot on the same file system as /, /proc mounted: only the inode differs, nothing is reloaded" {
	# the premise: inside, / and /proc/1/root share the device, not the inode
	run in_chroot proc stat -L -c '%d %i' / /proc/1/root
	assert_success
	assert_equal "${lines[0]%% *}" "${lines[1]%% *}"
	[ "${lines[0]#* }" != "${lines[1]#* }" ]
	run in_chroot proc "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: not reloading sshd: in a chroot or image build: no running sshd to reload"
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$img/etc/ssh/sshd_config"
	# --root / is the system the program runs on: here, the chroot
	run in_chroot proc "$KA_TUNE" --root / --interval 7m
	assert_success
	assert_line "ssh-keepalive-tune: not reloading sshd: in a chroot or image build: no running sshd to reload"
	run ka_mock_calls
	assert_output ""
}

@test "a chroot without /proc: /proc/1/root cannot be read, nothing is reloaded" {
	run in_chroot noproc stat -L -c '%d %i' /proc/1/root
	assert_failure
	# ASan needs /proc (its own maps): the shipped build runs here
	run in_chroot noproc "$KA_BUILD/keepalive-helper" apply
	assert_success
	assert_line "keepalive-helper: not reloading sshd: in a chroot or image build: no running sshd to reload"
	run in_chroot noproc "$KA_BUILD/ssh-keepalive-tune" --interval 7m
	assert_success
	assert_line "ssh-keepalive-tune: not reloading sshd: in a chroot or image build: no running sshd to reload"
	grep -qx 'ClientAliveInterval 420' "$img/etc/ssh/sshd_config.d/01-keepalive.conf"
	run ka_mock_calls
	assert_output ""
}
