# live.bash - run a program as if on a live system, without touching it
#
# ka_live ROOT INIT CMD...: CMD in private mount and PID namespaces (so
# that PID 1 shares our root, as on a booted system: no chroot), where
#   /etc/ssh      is ROOT/etc/ssh (the host's own is never seen);
#   /run          is a fresh tmpfs with /run/sshd (sshd's privsep dir)
#                 and /run/ka-mock, the stand-ins' state (= $KA_MOCK);
#   INIT=systemd  /run/systemd/system exists and mock/bin/systemctl is
#                 /usr/bin/systemctl (overlayfs over the host's /usr/bin);
#   INIT=sysv     mock/bin/service is /usr/sbin/service (= /sbin/service);
#   INIT=none     neither: the host's service command is hidden.
# Set the stand-ins' view of sshd with ka_mock_sshd running|stopped.

ka_mock_init() {
	KA_MOCK="$BATS_TEST_TMPDIR/mock-state"
	mkdir -p "$KA_MOCK"
	: >"$KA_MOCK/calls"
	echo stopped >"$KA_MOCK/sshd-state"
}

ka_mock_sshd() {
	echo "$1" >"$KA_MOCK/sshd-state"
}

ka_live() {
	local root=$1 init=$2 ov="$BATS_TEST_TMPDIR/overlay"
	shift 2
	[ -n "${KA_MOCK:-}" ] || ka_mock_init
	rm -rf "$ov"
	mkdir -p "$ov/up" "$ov/work"
	unshare -m -p -f --mount-proc --propagation private /bin/sh -c '
		root=$1 init=$2 state=$3 top=$4 ov=$5
		shift 5
		mount --bind "$root/etc/ssh" /etc/ssh &&
		mount -t tmpfs -o mode=0755 ka-run /run &&
		mkdir -m 0755 /run/sshd /run/ka-mock &&
		mount --bind "$state" /run/ka-mock || exit 90
		case $init in
		systemd)
			mkdir -p /run/systemd/system
			cp "$top/mock/bin/systemctl" "$ov/up/"
			dir=/usr/bin ;;
		sysv)
			cp "$top/mock/bin/service" "$ov/up/"
			dir=/usr/sbin ;;
		none)
			mknod "$ov/up/service" c 0 0   # an overlayfs whiteout
			dir=/usr/sbin ;;
		esac
		mount -t overlay ka-ov -o "lowerdir=$dir,upperdir=$ov/up,workdir=$ov/work" "$dir" ||
			exit 90
		exec "$@"' sh "$root" "$init" "$KA_MOCK" "$KA_TOP" "$ov" "$@"
}

# The calls the stand-ins saw, one a line.
ka_mock_calls() {
	cat "$KA_MOCK/calls"
}
