#!/usr/bin/env bats
# A property over generated configs (tests/property/): whenever the real
# sshd accepts a config, it accepts what ssh-keepalive makes of it, in
# both modes, and reports our values.  /etc/ssh is a tmpfs in a private
# mount namespace here: the host's is never read.

load ../lib/common
load ../lib/sshd

@test "generated configs (KA_PROPERTY_N, 300): sshd accepts every result and reports 600 and 10" {
	local n=${KA_PROPERTY_N:-300}
	gen="$BATS_TEST_TMPDIR/gen"
	python3 "$KA_TOP/tests/property/gen_configs.py" "$gen" "$n" "${KA_PROPERTY_SEED:-20261124}"
	run unshare -m --propagation private /bin/sh -c '
		mount -t tmpfs -o mode=0755 ka-etc-ssh /etc/ssh &&
		mount -t tmpfs -o mode=0755 ka-run /run && mkdir -m 0755 /run/sshd &&
		exec "$@"' sh "$KA_TOP/tests/property/check.sh" "$gen" "$KA_ENGINE" \
		"$(ka_sshd_hostkey)" "$KA_TOP/sshd_config.d/01-keepalive.conf"
	echo "# ${lines[-1]}" >&3
	assert_success
	assert_line --regexp "^generated $n, sshd accepted [0-9]+, checked [0-9]+ results, failed 0\$"
	[[ "${lines[-1]}" =~ accepted\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge $((n / 2)) ]
}
