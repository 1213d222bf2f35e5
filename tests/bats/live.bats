#!/usr/bin/env bats
# Both programs on a system that looks live: the test tree is /etc/ssh in
# private mount and PID namespaces, the real sshd 9.2 validates, and
# stand-ins for systemctl and service record every call.  The host's own
# /etc/ssh and sshd are never touched.

load ../lib/common
load ../lib/live
load ../lib/sshd

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
}

live() {
	local init=$1
	shift
	run ka_live "$root" "$init" "$@"
}

@test "systemd, sshd running: include mode from sshd's own parser, then a reload" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	live systemd "$KA_HELPER" --verbose apply
	assert_success
	assert_line "keepalive-helper: include mode: the installed sshd's parser accepts Include"
	assert_line "keepalive-helper: reloaded sshd; open sessions keep running"
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/stock/rhel8.include"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "systemd, sshd stopped: files changed, sshd neither reloaded nor started" {
	ka_make_system rhel8 "$root"
	live systemd "$KA_HELPER" apply
	assert_success
	assert_line --partial "not reloading sshd: "
	assert_line --partial "is-active sshd.service: not running"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl is-active --quiet sshd.socket"
}

@test "SysV (EL6), sshd running: service sshd status, then service sshd reload" {
	ka_make_system centos6 "$root"
	ka_mock_sshd running
	live sysv "$KA_TUNE" --interval 300
	assert_success
	run ka_mock_calls
	assert_output "service sshd status
service sshd reload"
}

@test "SysV, sshd stopped: no reload and no start" {
	ka_make_system centos6 "$root"
	live sysv "$KA_HELPER" apply
	assert_success
	run ka_mock_calls
	assert_output "service sshd status"
}

@test "no init system to ask: the files change, nothing is run" {
	ka_make_system centos6 "$root"
	live none "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: not reloading sshd: neither systemd nor a SysV service command: not reloading"
	run ka_mock_calls
	assert_output ""
}

@test "--no-reload: the files change, systemctl is not even asked" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	live systemd "$KA_TUNE" --interval 200 --no-reload
	assert_success
	assert_line "ssh-keepalive-tune: not reloading sshd: --no-reload"
	run ka_mock_calls
	assert_output ""
}

@test "SYSTEMD_OFFLINE=1 (an image build): treated as a chroot, nothing reloaded" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	live systemd env SYSTEMD_OFFLINE=1 "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: not reloading sshd: in a chroot or image build: no running sshd to reload"
	run ka_mock_calls
	assert_output ""
}

# %post on a fresh EL9 install: the stock Include already reads the
# drop-in rpm has just put in place, dated with the package's build time
# (older than sshd): nothing to write, but sshd must read the drop-in.
@test "helper apply with nothing to write reloads a running sshd: the drop-in rpm installed, dated before sshd started" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	touch -d "2 days ago" "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
	live_pid_dated systemd "1 hour ago" "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	assert_line "keepalive-helper: reloading sshd so that it reads the files as installed"
	assert_line "keepalive-helper: reloaded sshd; open sessions keep running"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "helper apply --no-reload, or sshd stopped: nothing to change, no write and no reload" {
	ka_make_system debian12 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
	live systemd "$KA_HELPER" --no-reload apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	refute_output --partial "reload"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output ""
	ka_mock_sshd stopped
	live systemd "$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	refute_output --partial "reload"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl is-active --quiet sshd.socket"
}

@test "a reload that fails: exit 4, the files are changed and valid" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	touch "$KA_MOCK/reload-fails"
	live systemd "$KA_TUNE" --interval 400
	assert_failure 4
	assert_line "ssh-keepalive-tune: reloading sshd failed (exit 1): Job for sshd.service failed."
	grep -qx 'ClientAliveInterval 400' "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "a broken drop-in beside ours: sshd's message, exit 3, nothing changed, no reload" {
	ka_make_system debian12 "$root"
	printf 'Bogus yes\n' >"$root/etc/ssh/sshd_config.d/50-broken.conf"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
	live systemd "$KA_HELPER" apply
	assert_failure 3
	# the problem was there before the change: named as such
	assert_line "keepalive-helper: sshd already rejects /etc/ssh/sshd_config.d/50-broken.conf: line 1: Bad configuration option: Bogus"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output ""
}

@test "a hand edit sshd rejects in our drop-in: --apply refuses with sshd's words, names our file" {
	ka_make_system rhel8 "$root"
	live none "$KA_HELPER" --quiet apply
	printf 'ClientAliveInterval 600\nClientAliveCountMax 10\nBogusKeepAlive 1\n' \
		>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	sed -i 's/^PermitRootLogin yes$/PermitRootLogin no/' "$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	live none "$KA_TUNE" --interval 100
	assert_failure 3
	assert_line --partial "/etc/ssh/sshd_config.d/01-keepalive.conf: line 3: Bad configuration option: BogusKeepAlive"
	refute_output --partial ".ka-"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "the result is what the real sshd -T reports, in include and in inline mode" {
	for mode in include inline; do
		rm -rf "$root"
		ka_make_system rhel86 "$root"
		live none "$KA_TUNE" --mode "$mode" --interval 7m --count-max 4 --tcp-keepalive no
		assert_success
		run ka_sshd_winners "$root"
		assert_output "clientaliveinterval 420
clientalivecountmax 4
tcpkeepalive no"
	done
}

@test "--status on the live system: sshd running, its config older than the files" {
	ka_make_system rhel8 "$root"
	live none "$KA_HELPER" --quiet apply
	ka_mock_sshd running
	live systemd sh -c 'touch -d "1 hour ago" /run/sshd.pid && exec "$1" --status' sh "$KA_TUNE"
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is older than the files: reload it"
	live systemd sh -c 'touch -d "1 hour" /run/sshd.pid && exec "$1" --json' sh "$KA_TUNE"
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["sshd"] == {"running": True, "stale": False,
    "how": "/usr/bin/systemctl is-active sshd.service: running",
    "socket_activated": False}, d["sshd"]
assert d["mode"] == "include", d["mode"]'
}

@test "in a real chroot (a kickstart or image build) nothing is reloaded or asked" {
	ka_make_system rhel8 "$root"
	ka_mock_sshd running
	mkdir -p "$root/usr" "$root/proc" "$root/run/systemd/system" "$root/run/ka-mock" \
		"$root$KA_TOP" "$root/dev" "$root/tmp"
	for l in bin sbin lib lib64; do ln -s "usr/$l" "$root/$l"; done
	run unshare -m --propagation private /bin/sh -c '
		root=$1 state=$2 top=$3 ov=$4; shift 4
		mount --bind /usr "$root/usr" && mount --bind "$top" "$root$top" &&
		mount --bind /dev "$root/dev" && mount --bind "$state" "$root/run/ka-mock" &&
		mount -t proc proc "$root/proc" &&
		mkdir -p "$ov/up" "$ov/work" && cp "$top/mock/bin/systemctl" "$ov/up/" &&
		mount -t overlay ka-ov -o lowerdir="$root/usr/bin,upperdir=$ov/up,workdir=$ov/work" "$root/usr/bin" &&
		exec chroot "$root" "$@"' sh "$root" "$KA_MOCK" "$KA_TOP" "$BATS_TEST_TMPDIR/ov" \
		"$KA_HELPER" apply
	assert_success
	assert_line "keepalive-helper: not reloading sshd: in a chroot or image build: no running sshd to reload"
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config"
	run ka_mock_calls
	assert_output ""
}

@test "every change goes to syslog (authpriv, notice) for an audit trail" {
	ka_make_system rhel8 "$root"
	run unshare -m --propagation private /bin/sh -c '
		root=$1 log=$2; shift 2
		mount --bind "$root/etc/ssh" /etc/ssh &&
		mount -t tmpfs -o mode=0755 ka-run /run && mkdir /run/sshd &&
		mount -t tmpfs -o mode=0755 ka-dev /dev &&
		mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/urandom c 1 9 || exit 90
		python3 -c "
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(\"/dev/log\")
open(sys.argv[1] + \".ready\", \"w\").close()
s.settimeout(120)
with open(sys.argv[1], \"wb\") as f:
    while True:
        f.write(s.recv(4096) + b\"\\n\")
        f.flush()
" "$log" &
		i=0
		while [ ! -e "$log.ready" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
		"$@"; rc=$?
		# the message is sent before the program exits: wait until the
		# listener wrote it (at most 60 s), then stop it
		i=0
		while ! grep -q "ssh-keepalive-tune" "$log" 2>/dev/null && [ $i -lt 1200 ]; do
			sleep 0.05; i=$((i + 1))
		done
		kill $!
		exit $rc' sh "$root" "$BATS_TEST_TMPDIR/syslog" "$KA_TUNE" --interval 7m --no-reload
	assert_success
	run cat "$BATS_TEST_TMPDIR/syslog"
	# <85> = authpriv (10) * 8 + notice (5)
	assert_output --regexp '^<85>.*ssh-keepalive-tune\[[0-9]+\]: /etc/ssh/sshd_config.d/01-keepalive.conf: include mode: ClientAliveInterval 420, ClientAliveCountMax 10$'
}

@test "a change sshd rejects leaves no drop-in directory behind either" {
	ka_make_system rhel8 "$root"
	printf 'Bogus yes\n' >>"$root/etc/ssh/sshd_config"
	before=$(ka_tree_sum "$root")
	rmdir "$root/etc/ssh/sshd_config.d" 2>/dev/null || true
	live none "$KA_TUNE" --interval 100
	assert_failure 3
	assert_line --partial "Bad configuration option: Bogus"
	assert_not_exists "$root/etc/ssh/sshd_config.d"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

# ka_live with sshd's pid file dated $1 ("1 hour ago": sshd is older than
# the files; "1 hour": it is not), then the command.
live_pid_dated() {
	local init=$1 when=$2
	shift 2
	live "$init" sh -c 'touch -d "$1" /run/sshd.pid && shift && exec "$@"' \
		sh "$when" "$@"
}

@test "--apply after a hand edit of the drop-in reloads a running sshd that is older than the files" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	find "$root" -exec touch -h -d "2 hours ago" {} +
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 90/' \
		"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	assert_line "ssh-keepalive-tune: sshd runs with older files than these (/etc/ssh/sshd_config.d/01-keepalive.conf changed since sshd started): reloading it"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "--apply with nothing to write and an sshd newer than the files: no reload" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_sshd running
	live_pid_dated systemd "1 hour" "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	refute_output --partial "reload"
	run ka_mock_calls
	assert_output ""
}

@test "--apply will not reload an older sshd onto files that sshd rejects: exit 3, no reload" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	printf 'Bogus yes\n' >"$root/etc/ssh/sshd_config.d/50-broken.conf"
	ka_mock_sshd running
	before=$(ka_tree_sum "$root")
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --apply
	assert_failure 3
	assert_equal "$(ka_tree_sum "$root")" "$before"
	assert_line "ssh-keepalive-tune: sshd rejects the configuration as it is; sshd was not reloaded:"
	assert_line "/etc/ssh/sshd_config.d/50-broken.conf: line 1: Bad configuration option: Bogus"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service"
}

# ka_live with pid files dated first (PATH=WHEN ..., then --), then the
# command: where sshd writes its pid file is what decides.
live_pids() {
	local init=$1
	shift
	live "$init" sh -c 'while [ "$1" != -- ]; do
		touch -d "${1#*=}" "${1%%=*}" || exit 91; shift; done
		shift && exec "$@"' sh "$@"
}

# A rhel9 tree with our drop-in, every file 2 hours old, then the drop-in
# edited by hand (ClientAliveInterval 90) and sshd running.
hand_edited_rhel9() {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	"$@"
	find "$root" -exec touch -h -d "2 hours ago" {} +
	sed -i 's/^ClientAliveInterval 600$/ClientAliveInterval 90/' \
		"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	ka_mock_sshd running
}

# --status, --json and --apply agree: stale (true), a reload naming the
# drop-in, nothing written.  $@: the pid files, as for live_pids.
assert_stale_then_reloaded() {
	live_pids systemd "$@" -- "$KA_TUNE" --status
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is older than the files: reload it"
	live_pids systemd "$@" -- "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["sshd"]["running"] is True and d["sshd"]["stale"] is True, d["sshd"]'
	before=$(ka_tree_sum "$root")
	: >"$KA_MOCK/calls"
	live_pids systemd "$@" -- "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	assert_line "ssh-keepalive-tune: sshd runs with older files than these (/etc/ssh/sshd_config.d/01-keepalive.conf changed since sshd started): reloading it"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

# --status, --json and --apply agree: up to date (false), no reload.
assert_up_to_date_no_reload() {
	live_pids systemd "$@" -- "$KA_TUNE" --status
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is up to date"
	: >"$KA_MOCK/calls"
	live_pids systemd "$@" -- "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	refute_output --partial "reload"
	run ka_mock_calls
	assert_output ""
}

# --status, --json and --apply agree: staleness unknown (null) for the
# reason $1, so --apply reloads and says why.  $2...: the pid files.
assert_unknown_then_reloaded() {
	local why=$1
	shift
	live_pids systemd "$@" -- "$KA_TUNE" --status
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; cannot tell whether its running config is older than the files ($why): --apply reloads it"
	live_pids systemd "$@" -- "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["sshd"]["running"] is True and d["sshd"]["stale"] is None, d["sshd"]'
	before=$(ka_tree_sum "$root")
	: >"$KA_MOCK/calls"
	live_pids systemd "$@" -- "$KA_TUNE" --apply --dry-run
	assert_success
	assert_line "ssh-keepalive-tune: dry run: cannot tell whether sshd runs with older files than these ($why); --apply would reload it"
	live_pids systemd "$@" -- "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	assert_line "ssh-keepalive-tune: cannot tell whether sshd runs with older files than these ($why): reloading it anyway, a reload is harmless"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service
systemctl is-active --quiet sshd.service
systemctl reload sshd.service"
}

@test "--apply after a hand edit reads the pid file that PidFile in sshd_config names, not /var/run/sshd.pid" {
	hand_edited_rhel9 sed -i '1i PidFile /run/sshd-alt.pid' "$root/etc/ssh/sshd_config"
	# the default pid file is newer (another sshd's): it is not the one
	assert_stale_then_reloaded /run/sshd-alt.pid="1 hour ago" /run/sshd.pid="1 hour"
	# and the other way round: the one PidFile names is newer
	assert_up_to_date_no_reload /run/sshd-alt.pid="1 hour" /run/sshd.pid="1 hour ago"
}

@test "--apply after a hand edit reads the pid file that the first PidFile, in an included drop-in, names" {
	hand_edited_rhel9 eval '
		printf "PidFile /run/sshd-dropin.pid\n" >"$root/etc/ssh/sshd_config.d/00-pid.conf"
		sed -i "/^Include /a PidFile /run/sshd-late.pid" "$root/etc/ssh/sshd_config"'
	# sshd keeps the first PidFile: the drop-in's, read through the Include
	assert_stale_then_reloaded /run/sshd-dropin.pid="1 hour ago" \
		/run/sshd-late.pid="1 hour" /run/sshd.pid="1 hour"
	assert_up_to_date_no_reload /run/sshd-dropin.pid="1 hour" \
		/run/sshd-late.pid="1 hour ago" /run/sshd.pid="1 hour ago"
}

@test "--apply after a hand edit reads the pid file that -o PidFile= in OPTIONS names, before the files' PidFile" {
	hand_edited_rhel9 eval '
		sed -i "1i PidFile /run/sshd-file.pid" "$root/etc/ssh/sshd_config"
		mkdir -p "$root/etc/sysconfig"
		printf "# sshd options\nOPTIONS=\"-u0 -o PidFile=/run/sshd-opt.pid\"\n" >"$root/etc/sysconfig/sshd"'
	assert_stale_then_reloaded /run/sshd-opt.pid="1 hour ago" \
		/run/sshd-file.pid="1 hour" /run/sshd.pid="1 hour"
	assert_up_to_date_no_reload /run/sshd-opt.pid="1 hour" \
		/run/sshd-file.pid="1 hour ago" /run/sshd.pid="1 hour ago"
}

@test "PidFile none: staleness is unknown, --status says so and --apply reloads, saying why" {
	hand_edited_rhel9 sed -i '1i PidFile none' "$root/etc/ssh/sshd_config"
	# a pid file at the default place, newer than the files, is not sshd's
	assert_unknown_then_reloaded "PidFile none at /etc/ssh/sshd_config:1: sshd keeps no pid file" \
		/run/sshd.pid="1 hour"
}

@test "a pid file that cannot be read: staleness is unknown, --status says so and --apply reloads, saying why" {
	hand_edited_rhel9 true
	# no pid file where sshd writes it by default
	assert_unknown_then_reloaded "/var/run/sshd.pid (sshd's default PidFile): No such file or directory"
	# a PidFile that names a directory
	sed -i '1i PidFile /run/sshd' "$root/etc/ssh/sshd_config"
	assert_unknown_then_reloaded "/run/sshd (PidFile at /etc/ssh/sshd_config:1): not a regular file"
	# a relative PidFile: relative to sshd's working directory at start
	sed -i '1s|.*|PidFile sshd.pid|' "$root/etc/ssh/sshd_config"
	assert_unknown_then_reloaded "PidFile sshd.pid at /etc/ssh/sshd_config:1 is not an absolute path" \
		/run/sshd.pid="1 hour"
}

@test "ClientAliveCountMax 0 with ClientAliveInterval 0: the note promises no probe" {
	ka_make_system rhel9 "$root"
	live none "$KA_TUNE" --interval 0 --count-max 0
	assert_success
	refute_output --partial "probes are sent"
	assert_line "ssh-keepalive-tune: note: ClientAliveCountMax 0 does nothing while ClientAliveInterval is 0: no probe is sent and no client is dropped"
	live none "$KA_TUNE" --status
	refute_output --partial "probes are sent"
	assert_line "  note: ClientAliveCountMax 0 does nothing while ClientAliveInterval is 0: no probe is sent and no client is dropped"
	# with an interval, this sshd (9.2) probes but never drops
	live none "$KA_TUNE" --interval 60
	live none "$KA_TUNE" --status
	assert_line "  note: ClientAliveCountMax 0 on this sshd (OpenSSH 8.2p1+, RHEL 8.6+): probes are sent but a silent client is never dropped"
}

# A system whose files all date from two hours ago, sshd (its pid file)
# from one hour ago; then FILE (relative to ROOT) edited now.
files_older_then_edit() {
	find "$root" -exec touch -h -d "2 hours ago" {} +
	printf '%s\n' "$2" >"$root/$1"
}

@test "--status: another drop-in edited since sshd started makes its running config stale" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	files_older_then_edit etc/ssh/sshd_config.d/50-other.conf "PermitRootLogin no"
	ka_mock_sshd running
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --status
	assert_success
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is older than the files: reload it"
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --json
	assert_success
	printf '%s\n' "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["sshd"]["stale"] is True, d["sshd"]'
	# --apply validates the files as they are and reloads, naming the file
	before=$(ka_tree_sum "$root")
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --apply
	assert_success
	assert_line "ssh-keepalive-tune: sshd runs with older files than these (/etc/ssh/sshd_config.d/50-other.conf changed since sshd started): reloading it"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	# and not stale when nothing changed since sshd started
	live_pid_dated systemd "1 minute" "$KA_TUNE" --status
	assert_line "sshd: /usr/bin/systemctl is-active sshd.service: running; its running config is up to date"
}

@test "a change reloaded onto an sshd with someone else's pending edit says the reload applies that edit too" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	files_older_then_edit etc/ssh/sshd_config.d/50-other.conf "PermitRootLogin no"
	ka_mock_sshd running
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --interval 300
	assert_success
	assert_line "ssh-keepalive-tune: warning: sshd runs with older files than these: /etc/ssh/sshd_config.d/50-other.conf changed since sshd started; this reload applies that change too"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
	# the warning comes before the reload
	[[ "$output" == *"applies that change too"*"reloaded sshd"* ]]
	# with an sshd newer than every file: no such warning
	files_older_then_edit etc/ssh/sshd_config.d/50-other.conf "PermitRootLogin no"
	live_pid_dated systemd "1 minute" "$KA_TUNE" --interval 200
	assert_success
	refute_output --partial "changed since sshd started"
	assert_line "ssh-keepalive-tune: reloaded sshd; open sessions keep running"
}

@test "--apply will not reload a running sshd that would not start again (no host key): exit 3, no reload" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_sshd running
	rm -f "$root"/etc/ssh/ssh_host_*
	before=$(ka_tree_sum "$root")
	live_pid_dated systemd "1 hour ago" "$KA_TUNE" --apply
	assert_failure 3
	assert_line "ssh-keepalive-tune: sshd runs, and would not start again with the files as they are; sshd was not reloaded:"
	assert_line --partial "no hostkeys available"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	run ka_mock_calls
	assert_output "systemctl is-active --quiet sshd.service"
	# a stopped sshd (its keys are made when it starts): the change is written
	ka_mock_sshd stopped
	live systemd "$KA_TUNE" --interval 300
	assert_success
	assert_line --partial "not reloading sshd: "
}
