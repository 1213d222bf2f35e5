# common.bash - shared set-up for every bats suite
#
# KA_BUILD (set by scripts/run-tests) is the build directory; KA_ENGINE
# the ASan+UBSan build of ka-engine.

KA_TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
KA_FIXTURES="$KA_TOP/tests/fixtures"
KA_GOLDEN="$KA_TOP/tests/golden"
: "${KA_BUILD:=$KA_TOP/build}"
: "${KA_ENGINE:=$KA_BUILD/asan/ka-engine}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:exitcode=99}"

bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

# ka_fixture_path SET/NAME: the fixture file (a generated one for
# hard/long-line).
ka_fixture_path() {
	local f="$KA_FIXTURES/$1.conf"
	if [ "$1" = hard/long-line ]; then
		f="$BATS_TEST_TMPDIR/long-line.conf"
		[ -f "$f" ] || ka_make_long_line "$f"
	fi
	printf '%s\n' "$f"
}

# A 1 MiB comment line between two directives.
ka_make_long_line() {
	{
		printf '# A comment line of 1 MiB follows.\nPort 22\n# '
		head -c 1048576 /dev/zero | tr '\0' x
		printf '\nPermitRootLogin no\n'
	} >"$1"
}

# ka_make_root SET/NAME DIR: a system tree for the fixture: its
# sshd_config, our drop-in, and whatever SET/NAME.root/ adds.
ka_make_root() {
	local fx=$1 root=$2
	mkdir -p "$root/etc/ssh/sshd_config.d"
	chmod 0700 "$root/etc/ssh/sshd_config.d"
	cp "$(ka_fixture_path "$fx")" "$root/etc/ssh/sshd_config"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" \
		"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	if [ -d "$KA_FIXTURES/$fx.root" ]; then
		cp -a "$KA_FIXTURES/$fx.root/." "$root/"
	fi
}

# ka_engine_op ROOT OP: the candidate for OP on ROOT's sshd_config, on
# stdout.  OP is include, inline (the shipped values) or remove.
ka_engine_op() {
	local root=$1 op=$2
	case $op in
	inline) "$KA_ENGINE" --root "$root" --interval 600 --count-max 10 \
		inline /etc/ssh/sshd_config ;;
	*) "$KA_ENGINE" --root "$root" "$op" /etc/ssh/sshd_config ;;
	esac
}

# ka_apply ROOT OP: run OP and write the candidate into ROOT.
ka_apply() {
	local out
	out=$(mktemp "$BATS_TEST_TMPDIR/cand.XXXXXX")
	ka_engine_op "$1" "$2" >"$out" || return
	cat "$out" >"$1/etc/ssh/sshd_config"
	rm -f "$out"
}

# ka_tree_sum ROOT: a digest of every file under ROOT, to show that a
# failure changed nothing.
# (gcov's counters are left out: the coverage build flushes them before
# execve in a child that chrooted into ROOT; no real build writes them.)
ka_tree_sum() {
	(cd "$1" && find . -type f ! -name '*.gcda' -print0 | sort -z |
		xargs -0 -r sha256sum)
}

: "${KA_HELPER:=$KA_BUILD/asan/keepalive-helper}"
: "${KA_TUNE:=$KA_BUILD/asan/ssh-keepalive-tune}"

# ka_make_system PROFILE DIR: a system tree with a stock sshd_config
# and its drop-ins, but without our drop-in (as before the package).
ka_make_system() {
	ka_make_root "stock/$1" "$2"
	rm -f "$2/etc/ssh/sshd_config.d/01-keepalive.conf"
}

# ka_make_locked TARGET...: make in the checkout, one at a time across the test
# files that run at the same time (scripts/run-tests runs them in
# parallel): make rpm, srpm, repo and dist share build/rpmbuild and the
# tarball.
ka_make_locked() {
	mkdir -p "$KA_TOP/build"
	flock "$KA_TOP/build/.make.lock" make -s -C "$KA_TOP" "$@"
}
