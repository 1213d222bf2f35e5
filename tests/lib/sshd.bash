# sshd.bash - run the real sshd on a test tree, never on the host's
#
# ka_sshd ROOT ARGS...: run /usr/sbin/sshd ARGS in a private mount
# namespace in which ROOT/etc/ssh is /etc/ssh and /run is a fresh tmpfs
# holding the privilege separation directory.  The host's /etc/ssh is
# never read or written.  A throwaway host key is passed with -h.

ka_sshd_hostkey() {
	local key="$BATS_FILE_TMPDIR/ssh_host_ed25519_key"
	if [ ! -f "$key" ]; then
		ssh-keygen -q -t ed25519 -N '' -f "$key" >/dev/null
	fi
	printf '%s\n' "$key"
}

ka_sshd() {
	local root=$1 key
	shift
	key=$(ka_sshd_hostkey)
	unshare -m --propagation private /bin/sh -c '
		root=$1; shift
		mount --bind "$root/etc/ssh" /etc/ssh &&
		mount -t tmpfs -o mode=0755 ka-run /run &&
		mkdir -m 0755 /run/sshd &&
		exec /usr/sbin/sshd "$@"' sh "$root" -h "$key" "$@"
}

# ka_sshd_T ROOT: sshd -T for a root session from localhost.
ka_sshd_T() {
	ka_sshd "$1" -T -f /etc/ssh/sshd_config \
		-C user=root,host=localhost,addr=127.0.0.1
}

# ka_sshd_value ROOT KEY: one value of sshd -T (keys parsed
# case-insensitively, as 10.4p1 prints mixed case).
ka_sshd_value() {
	ka_sshd_T "$1" | awk -v k="$2" 'tolower($1) == k { print $2; exit }'
}

# ka_engine_winners ROOT: "key value" for each keyword, as ka-engine
# effective computes it.
ka_engine_winners() {
	"$KA_ENGINE" --root "$1" effective /etc/ssh/sshd_config |
		awk '/^[a-z]/ { print $1, $2 }'
}

# ka_sshd_winners ROOT: the same three from the real sshd -T.
ka_sshd_winners() {
	ka_sshd_T "$1" 2>/dev/null | awk '
		{ k = tolower($1) }
		k == "clientaliveinterval" || k == "clientalivecountmax" ||
		k == "tcpkeepalive" { v[k] = $2 }
		END {
			print "clientaliveinterval", v["clientaliveinterval"]
			print "clientalivecountmax", v["clientalivecountmax"]
			print "tcpkeepalive", v["tcpkeepalive"]
		}'
}

# ka_check_sshd SET/NAME OP [INTERVAL]: after OP, the real sshd accepts
# the file if it accepted the original, agrees with our effective values,
# and uses INTERVAL (default 600) and 10.
ka_check_sshd() {
	local fx=$1 op=$2 want=${3:-600} root="$BATS_TEST_TMPDIR/root"
	local input_ok=0
	ka_make_root "$fx" "$root"
	ka_sshd "$root" -t -f /etc/ssh/sshd_config 2>/dev/null && input_ok=1
	ka_apply "$root" "$op"
	if [ "$input_ok" = 1 ]; then
		run ka_sshd "$root" -t -f /etc/ssh/sshd_config
		assert_success
	fi
	run ka_sshd_winners "$root"
	assert_success
	assert_line "clientaliveinterval $want"
	assert_line "clientalivecountmax 10"
	assert_equal "$output" "$(ka_engine_winners "$root")"
}
