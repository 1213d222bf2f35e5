#!/usr/bin/env bats
# Memory goal (issue 21): on the 10 MiB sshd_config that bench/genconf.awk
# makes, every path a user takes peaks under 3 times the file beyond the
# program's fixed cost, as bench/run defines it:
#
#   (peak RSS on the 10 MiB file - peak RSS on the 1 KiB file) / file size
#
# Peak RSS is what the program allocates, whatever the machine's load: a
# ratio, not a time.  It is the program's own (tests/shim/peakrss.c reads
# VmHWM as it exits): whatever it runs (sshd -t, keepalive-rpmq) is not
# counted, so the guard holds whichever subprocesses a path runs.  The
# shipped build (build/, not ASan's, which inflates memory); KA_MEM_BUILD
# names another (the programs of an older commit, say).

bats_require_minimum_version 1.5.0
load ../lib/common

: "${KA_MEM_BUILD:=$KA_BUILD}"
GOAL=3

setup_file() {
	cc -O2 -Wall -Wextra -Werror -o "$BATS_FILE_TMPDIR/peakrss" \
		"$KA_TOP/tests/shim/peakrss.c"
	awk -v size=10485760 -f "$KA_TOP/bench/genconf.awk" >"$BATS_FILE_TMPDIR/big.conf"
	awk -v size=1024 -f "$KA_TOP/bench/genconf.awk" >"$BATS_FILE_TMPDIR/small.conf"
}

setup() {
	helper=$KA_MEM_BUILD/keepalive-helper
	tune=$KA_MEM_BUILD/ssh-keepalive-tune
}

# make_root DIR CONF: an image root with CONF as sshd_config and the
# shipped drop-in; no sshd, no rpm database.
make_root() {
	rm -rf "$1"
	mkdir -p "$1/etc/ssh/sshd_config.d"
	chmod 0700 "$1/etc/ssh/sshd_config.d"
	cp "$BATS_FILE_TMPDIR/$2.conf" "$1/etc/ssh/sshd_config"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$1/etc/ssh/sshd_config.d/"
}

# peak ROOT CMD...: CMD with --root ROOT must succeed; its peak RSS (KiB)
# goes to $kib.
peak() {
	local root=$1 cmd=$2
	shift 2
	run -0 "$BATS_FILE_TMPDIR/peakrss" "$BATS_TEST_TMPDIR/kib" \
		"$cmd" --root "$root" "$@"
	kib=$(cat "$BATS_TEST_TMPDIR/kib")
}

# within_goal PREPARE CMD...: PREPARE ROOT readies a root (after
# make_root), then CMD runs on it, on the 1 KiB and the 10 MiB file;
# (big - small) / size of the big file must stay under GOAL.
within_goal() {
	local prepare=$1 small big size x
	shift
	make_root "$BATS_TEST_TMPDIR/small" small
	$prepare "$BATS_TEST_TMPDIR/small"
	peak "$BATS_TEST_TMPDIR/small" "$@"
	small=$kib
	make_root "$BATS_TEST_TMPDIR/big" big
	$prepare "$BATS_TEST_TMPDIR/big"
	peak "$BATS_TEST_TMPDIR/big" "$@"
	big=$kib
	size=$(stat -c %s "$BATS_FILE_TMPDIR/big.conf")
	x=$(awk -v b="$big" -v s="$small" -v n="$size" \
		'BEGIN { printf "%.2f", (b - s) * 1024 / n }')
	echo "peak RSS: $small KiB on 1 KiB, $big KiB on $size bytes: ${x}x the file beyond the fixed cost (goal < ${GOAL}x)"
	awk -v x="$x" -v g="$GOAL" 'BEGIN { exit !(x < g) }'
}

nothing() { :; }
applied_inline() { "$helper" --root "$1" --mode inline --quiet apply 2>/dev/null; }
applied_include() { "$helper" --root "$1" --mode include --quiet apply 2>/dev/null; }
nat_recorded() {
	applied_inline "$1"
	printf '# nat-timeout 350\n' >>"$1/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "keepalive-helper --mode inline apply on 10 MiB: under 3x the file" {
	within_goal nothing "$helper" --mode inline --quiet apply
	grep -q '^# BEGIN ssh-keepalive' "$BATS_TEST_TMPDIR/big/etc/ssh/sshd_config"
}

@test "keepalive-helper --mode include apply on 10 MiB: under 3x the file" {
	within_goal nothing "$helper" --mode include --quiet apply
	grep -q '^Include /etc/ssh/sshd_config.d/' "$BATS_TEST_TMPDIR/big/etc/ssh/sshd_config"
}

@test "a second apply that has nothing to change, inline, on 10 MiB: under 3x the file" {
	within_goal applied_inline "$helper" --mode inline apply
	assert_line --partial "nothing to change"
}

@test "a second apply that has nothing to change, include, on 10 MiB: under 3x the file" {
	within_goal applied_include "$helper" --mode include apply
	assert_line --partial "nothing to change"
}

@test "ssh-keepalive-tune --status on 10 MiB: under 3x the file" {
	within_goal applied_inline "$tune" --status
	assert_line --regexp '^ClientAliveInterval +600 '
}

@test "ssh-keepalive-tune --status --json on 10 MiB: under 3x the file" {
	within_goal applied_inline "$tune" --status --json
	[ "${output:0:1}" = "{" ]
}

@test "ssh-keepalive-tune --interval with a nat-timeout recorded, on 10 MiB: under 3x the file" {
	within_goal nat_recorded "$tune" --quiet --interval 300
	! grep -q '^# nat-timeout' "$BATS_TEST_TMPDIR/big/etc/ssh/sshd_config.d/01-keepalive.conf"
	grep -q '^ClientAliveInterval 300$' "$BATS_TEST_TMPDIR/big/etc/ssh/sshd_config"
}

@test "keepalive-helper apply deriving the interval from a nat-timeout recorded, on 10 MiB: under 3x the file" {
	within_goal nat_recorded "$helper" --mode inline --quiet apply
	grep -q '^# nat-timeout 350' "$BATS_TEST_TMPDIR/big/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "ssh-keepalive-tune --dry-run --interval on 10 MiB (the diff): under 3x the file" {
	within_goal applied_inline "$tune" --dry-run --interval 300
	assert_line "+ClientAliveInterval 300"
}
