# live.bash - run a program as if on a live system, without touching it
#
# ka_live ROOT INIT CMD...: CMD in private mount and PID namespaces (so
# that PID 1 shares our root, as on a booted system: no chroot), where
#   /etc          is an overlay: what CMD writes there never reaches the host;
#   /etc/ssh      is ROOT/etc/ssh (the host's own is never seen);
#   /etc/sysconfig is ROOT/etc/sysconfig (ssh-keepalive's MODE, sshd's OPTIONS);
#   /run          is a fresh tmpfs with /run/sshd (sshd's privsep dir)
#                 and /run/ka-mock, the stand-ins' state (= $KA_MOCK);
#   INIT=systemd  /run/systemd/system exists and mock/bin/systemctl is
#                 /usr/bin/systemctl (overlayfs over the host's /usr/bin);
#   INIT=sysv     mock/bin/service is /usr/sbin/service (= /sbin/service);
#   INIT=none     neither: the host's service command is hidden.
# Set the stand-ins' view of sshd with ka_mock_sshd running|stopped
# (running also gives the tree $root, if any, a host key).
# With KA_LIVE_NET=1, CMD also gets a network namespace of its own.

ka_mock_init() {
	KA_MOCK="$BATS_TEST_TMPDIR/mock-state"
	mkdir -p "$KA_MOCK"
	: >"$KA_MOCK/calls"
	echo stopped >"$KA_MOCK/sshd-state"
}

ka_mock_sshd() {
	echo "$1" >"$KA_MOCK/sshd-state"
	# a running sshd has a host key: without one, sshd -t stops with "no
	# hostkeys available", and a reload onto those files is refused
	if [ "$1" = running ] && [ -d "${root:-}/etc/ssh" ] && [ -n "${root:-}" ] &&
		! compgen -G "$root/etc/ssh/ssh_host_*_key" >/dev/null; then
		ssh-keygen -q -t ed25519 -N '' -f "$root/etc/ssh/ssh_host_ed25519_key"
	fi
}

ka_live() {
	local root=$1 init=$2 ov="$BATS_TEST_TMPDIR/overlay"
	shift 2
	[ -n "${KA_MOCK:-}" ] || ka_mock_init
	rm -rf "$ov"
	mkdir -p "$ov/up" "$ov/work" "$ov/etc-up" "$ov/etc-work" "$root/etc/sysconfig"
	# KA_LIVE_NET=1: a private network namespace too (only lo, down)
	unshare -m -p -f ${KA_LIVE_NET:+-n} --mount-proc --propagation private /bin/sh -c '
		root=$1 init=$2 state=$3 top=$4 ov=$5
		shift 5
		mount -t overlay ka-etc -o "lowerdir=/etc,upperdir=$ov/etc-up,workdir=$ov/etc-work" /etc &&
		mkdir -p /etc/sysconfig &&
		mount --bind "$root/etc/sysconfig" /etc/sysconfig &&
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

# ka_sshd_tree ROOT: a config tree for a test sshd on 127.0.0.1:$KA_PORT
# with a throwaway host key, and a client key it accepts for root
# (AuthorizedKeysFile in the tree: root's own ~/.ssh is never touched).
ka_sshd_tree() {
	local root=$1
	mkdir -p "$root/etc/ssh"
	KA_PORT=$((20000 + RANDOM % 30000))
	while ss -Htln "( sport = :$KA_PORT )" | grep -q .; do
		KA_PORT=$((20000 + RANDOM % 30000))
	done
	ssh-keygen -q -t ed25519 -N '' -f "$root/etc/ssh/ssh_host_ed25519_key"
	KA_CLIENT_KEY="$BATS_TEST_TMPDIR/client_key"
	ssh-keygen -q -t ed25519 -N '' -f "$KA_CLIENT_KEY"
	cp "$KA_CLIENT_KEY.pub" "$root/etc/ssh/test_authorized_keys"
	cat >"$root/etc/ssh/sshd_config" <<CONF
# a test sshd: loopback only, its own key, pid file and authorized keys
Port $KA_PORT
ListenAddress 127.0.0.1
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd-test.pid
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile /etc/ssh/test_authorized_keys
MaxStartups 100
MaxSessions 50
LogLevel ERROR
CONF
	export KA_PORT KA_CLIENT_KEY
}

# ka_scenario ROOT SCRIPT: run the bash SCRIPT inside ka_live with the
# systemd stand-in, tests/lib/sshd_scenario.sh sourced.
ka_scenario() {
	ka_live "$1" systemd env KA_PORT="$KA_PORT" KA_CLIENT_KEY="$KA_CLIENT_KEY" \
		KA_TUNE="$KA_TUNE" KA_HELPER="$KA_HELPER" bash -c \
		". '$KA_TOP/tests/lib/sshd_scenario.sh'; $2"
}
