#!/usr/bin/env bats
# CentOS 6 and 7 builds, checked on this Debian machine: the programs
# linked against glibc 2.12's and 2.17's ABI by the Makefile's own rules
# (scripts/check-el-abi, Zig's per-release symbol lists), keepalive-rpmq
# compiled against librpm 4.8.0's and 4.11.3's API and the option code
# against popt 1.13's (tests/fixtures/oldapi), the spec parsed with the
# EL6 and EL7 macros that matter, SELinux kept without libselinux.pc and
# make dist with a tar older than 1.28.  No gcc 4.4, EL toolchain or
# 2.6.32 kernel runs here: see doc/limits.md.

load ../lib/common
load ../lib/rpmroot

OLDAPI="$KA_TOP/tests/fixtures/oldapi"
STD=(-std=gnu99 -D_GNU_SOURCE -DKA_VERSION='"test"' -Wall -Wextra -Werror)

# el_spec 6|7: the spec as rpmbuild on that release would read it: %rhel,
# %dist, %_licensedir (rpm 4.8 has none; EL7's rpm 4.11.3 has it), and
# the link flags (EL6 none; EL7 __global_ldflags, here with what its
# hardened-build specs amount to; build_ldflags only from EL8 on).
el_spec_defs() {
	case $1 in
	6) printf '%s\n' --define "rhel 6" --define "dist .el6" \
		--undefine _licensedir --undefine build_ldflags \
		--undefine __global_ldflags ;;
	7) printf '%s\n' --define "rhel 7" --define "dist .el7" \
		--define "_licensedir /usr/share/licenses" \
		--undefine build_ldflags \
		--define "__global_ldflags -Wl,-z,relro -Wl,-z,now" ;;
	esac
}
el_spec() {
	local -a defs
	mapfile -t defs < <(el_spec_defs "$1")
	HOME="$BATS_TEST_TMPDIR" rpmspec -P "${defs[@]}" "$KA_TOP/keepalive.spec"
}

# the LDFLAGS="..." the spec's make line passes, from el_spec's output
el_ldflags() {
	sed -n 's/.*LDFLAGS="\([^"]*\)".*/\1/p'
}

# the %build make line with its continuation lines (rpmspec -P prints
# %build's body without its header)
el_make_line() {
	sed -n '/^make .*CFLAGS=/,/[^\\]$/p'
}

# el_section NAME: the lines of one section of el_spec's output
el_section() {
	awk -v s="%$1" '/^%(install|post|preun|postun|triggerin|files|changelog|description|prep)( |$)/ { on = ($1 == s) ; next } on'
}

@test "every program links against glibc 2.12 (CentOS 6) by the Makefile's rules, librt named where libc lacks a call" {
	run "$KA_TOP/scripts/check-el-abi" 2.12 "$BATS_TEST_TMPDIR/2.12"
	assert_success
	# every program of the Makefile, and nothing failed
	[ "$(printf '%s\n' "$output" | grep -c ': glibc 2.12: links;')" -eq 4 ]
	assert_line --regexp '^keepalive-helper: glibc 2\.12: links; .*clock_gettime\(librt\.so\.1\)'
	assert_line --regexp '^keepalive-rpmq: glibc 2\.12: links;'
	# the bindings it read are real: librt's clock_gettime@GLIBC_2.2
	run readelf --dyn-syms -W "$BATS_TEST_TMPDIR/2.12/bin/keepalive-helper"
	assert_output --regexp 'UND clock_gettime@GLIBC_2\.2\.5 '
}

@test "the programs in make rpm's RPM (the portable build) bind only symbols glibc 2.12 has, from the library that has them there" {
	ka_build_packages
	x="$BATS_TEST_TMPDIR/x"
	mkdir -p "$x"
	(cd "$x" && rpm2cpio "$(ka_our_rpm)" | cpio -id --quiet)
	progs=("$x"/usr/sbin/ssh-keepalive-tune "$x"/usr/libexec/ssh-keepalive/keepalive-helper
		"$x"/usr/libexec/ssh-keepalive/keepalive-rpmq)
	run "$KA_TOP/scripts/check-el-abi" --bound 2.12 "${progs[@]}"
	assert_success
	[ "$(printf '%s\n' "$output" | grep -c ': glibc 2.12 has all [0-9]* symbols it binds$')" -eq 3 ]
	run "$KA_TOP/scripts/glibc-stubs" check 2.12 "${progs[@]}"
	assert_success
	# librt's clock_gettime, libdl's dlopen (in libc only from 2.17, 2.34)
	run readelf -V -W "$x"/usr/libexec/ssh-keepalive/keepalive-helper
	assert_output --regexp 'File: librt\.so\.1'
	run readelf -d "$x"/usr/libexec/ssh-keepalive/keepalive-rpmq
	assert_output --partial '[libdl.so.2]'
	refute_output --partial librpm
	# and the same check fails on a program built the ordinary way here
	run "$KA_TOP/scripts/check-el-abi" --bound 2.12 "$(command -v rpm)"
	assert_failure
	assert_output --partial "__libc_start_main@GLIBC_2.34(libc.so.6)"
}

@test "the spec with EL6's macros and --with portable selects the portable build; without it, the native one" {
	el_spec 6 >"$BATS_TEST_TMPDIR/native"
	run grep -c '^make .* portable ' "$BATS_TEST_TMPDIR/native"
	assert_output 0
	run grep -c 'BIN=build ' "$BATS_TEST_TMPDIR/native"
	assert_output 1
	mapfile -t defs < <(el_spec_defs 6)
	HOME="$BATS_TEST_TMPDIR" rpmspec -P "${defs[@]}" --with portable \
		"$KA_TOP/keepalive.spec" >"$BATS_TEST_TMPDIR/portable"
	run grep -c '^make .* portable ' "$BATS_TEST_TMPDIR/portable"
	assert_output 1
	run grep -c 'BIN=build/portable ' "$BATS_TEST_TMPDIR/portable"
	assert_output 1
	run env HOME="$BATS_TEST_TMPDIR" rpmspec -q --with portable \
		--qf '%{NAME}\n' "$KA_TOP/keepalive.spec"
	assert_success
}

@test "every program links against glibc 2.17 (CentOS 7) with the spec's EL7 link flags, and the flags reach the binaries" {
	el_spec 7 >"$BATS_TEST_TMPDIR/spec"
	ld=$(el_ldflags <"$BATS_TEST_TMPDIR/spec")
	[ "$ld" = "-Wl,-z,relro -Wl,-z,now" ]
	run "$KA_TOP/scripts/check-el-abi" 2.17 "$BATS_TEST_TMPDIR/2.17" LDFLAGS="$ld"
	assert_success
	[ "$(printf '%s\n' "$output" | grep -c ': glibc 2.17: links;')" -eq 4 ]
	# glibc 2.17 has clock_gettime in libc: no librt
	refute_output --partial librt
	for p in "$BATS_TEST_TMPDIR"/2.17/bin/*; do
		run readelf -d "$p"
		assert_output --partial BIND_NOW
	done
}

@test "keepalive-rpmq compiles with -Werror against librpm 4.8.0's and 4.11.3's API, every rpm header from the fixture" {
	for v in rpm-4.8.0 rpm-4.11.3; do
		run gcc "${STD[@]}" -fsyntax-only -I"$KA_TOP/src" -I"$OLDAPI/$v" \
			"$KA_TOP/src/cli/rpmq_main.c"
		assert_success
		assert_output ""
		run gcc "${STD[@]}" -M -I"$KA_TOP/src" -I"$OLDAPI/$v" \
			"$KA_TOP/src/cli/rpmq_main.c"
		assert_success
		assert_output --partial "$OLDAPI/$v/rpm/rpmts.h"
		refute_output --partial /usr/include/rpm/
	done
}

@test "the option code compiles with -Werror against popt 1.13's API, popt.h from the fixture" {
	make -s -C "$KA_TOP" build/gen/dropin_default.inc
	for f in popt_once.c helper_main.c tune_main.c; do
		run gcc "${STD[@]}" -fsyntax-only -I"$KA_TOP/src" -I"$KA_BUILD/gen" \
			-I"$OLDAPI/popt-1.13" "$KA_TOP/src/cli/$f"
		assert_success
		assert_output ""
		run gcc "${STD[@]}" -M -I"$KA_TOP/src" -I"$KA_BUILD/gen" \
			-I"$OLDAPI/popt-1.13" "$KA_TOP/src/cli/$f"
		assert_output --partial "$OLDAPI/popt-1.13/popt.h"
		refute_output --partial /usr/include/popt.h
	done
}

@test "the spec with EL6's macros: %doc for the license, /etc/bash_completion.d, no link flags, SELinux required" {
	el_spec 6 >"$BATS_TEST_TMPDIR/spec"
	run grep -c '^Release: *1\.el6$' "$BATS_TEST_TMPDIR/spec"
	assert_output 1
	# rpm 4.8 expands %license as a macro: the spec's own definition
	# (rpm 4.18 here keeps %license for its file parser, so ask it)
	run env HOME="$BATS_TEST_TMPDIR" rpm --undefine _licensedir --eval \
		"$(grep '^%{!?_licensedir' "$KA_TOP/keepalive.spec")[%{?license}]"
	assert_output "[%doc]"
	run el_section files <"$BATS_TEST_TMPDIR/spec"
	assert_line "/etc/bash_completion.d/ssh-keepalive-tune"
	assert_line "/usr/libexec/ssh-keepalive/keepalive-helper"
	assert_line "%dir %attr(0700,root,root) /etc/ssh/sshd_config.d"
	run el_make_line <"$BATS_TEST_TMPDIR/spec"
	assert_output --partial 'LDFLAGS=""'
	assert_output --partial 'WITH_SELINUX=yes'
}

@test "the spec with EL7's macros: %license, the completions directory, __global_ldflags as LDFLAGS" {
	el_spec 7 >"$BATS_TEST_TMPDIR/spec"
	run env HOME="$BATS_TEST_TMPDIR" rpm --define "_licensedir /usr/share/licenses" --eval \
		"$(grep '^%{!?_licensedir' "$KA_TOP/keepalive.spec")[%{?license}]"
	assert_output "[]"
	run el_section files <"$BATS_TEST_TMPDIR/spec"
	assert_line "%license LICENSE"
	assert_line "/usr/share/bash-completion/completions/ssh-keepalive-tune"
	run el_make_line <"$BATS_TEST_TMPDIR/spec"
	assert_output --partial 'LDFLAGS="-Wl,-z,relro -Wl,-z,now"'
	assert_output --partial 'WITH_SELINUX=yes'
}

@test "with EL6's and EL7's macros every scriptlet calls the helper where it is installed and ends in exit 0, nothing left unexpanded" {
	for v in 6 7; do
		el_spec "$v" >"$BATS_TEST_TMPDIR/spec"
		for s in post preun triggerin; do
			run el_section "$s" <"$BATS_TEST_TMPDIR/spec"
			assert_output --partial "/usr/libexec/ssh-keepalive/keepalive-helper --quiet"
		done
		for s in post preun postun triggerin; do
			run el_section "$s" <"$BATS_TEST_TMPDIR/spec"
			[ "$(printf '%s\n' "$output" | grep -v '^$' | tail -1)" = "exit 0" ]
		done
		run grep -n '%{' "$BATS_TEST_TMPDIR/spec"
		assert_failure
	done
}

@test "without libselinux.pc (EL6's libselinux-devel may ship none) the build still copies SELinux labels" {
	mkdir "$BATS_TEST_TMPDIR/bin"
	printf '#!/bin/sh\nexit 1\n' >"$BATS_TEST_TMPDIR/bin/pkg-config"
	chmod +x "$BATS_TEST_TMPDIR/bin/pkg-config"
	for sel in "" WITH_SELINUX=yes; do
		run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" make -n -B -C "$KA_TOP" \
			B="$BATS_TEST_TMPDIR/b" $sel "$BATS_TEST_TMPDIR/b/keepalive-helper"
		assert_success
		assert_output --regexp "-DHAVE_SELINUX .*-o $BATS_TEST_TMPDIR/b/keepalive-helper .* -lpopt .*-lselinux"
	done
}

@test "make dist works with a tar that has no --sort=name (EL6 1.23, EL7 1.26) and gives the same tarball twice" {
	mkdir "$BATS_TEST_TMPDIR/bin"
	# a tar that refuses what tar 1.26 does not know, and logs each call
	cat >"$BATS_TEST_TMPDIR/bin/tar" <<-SH
	#!/bin/sh
	echo "\$*" >>"$BATS_TEST_TMPDIR/tar.calls"
	for a; do case \$a in --sort*) echo "tar: unrecognized option '\$a'" >&2; exit 64 ;; esac; done
	exec /usr/bin/tar "\$@"
	SH
	chmod +x "$BATS_TEST_TMPDIR/bin/tar"
	for n in 1 2; do
		run env PATH="$BATS_TEST_TMPDIR/bin:$PATH" make -s -C "$KA_TOP" \
			B="$BATS_TEST_TMPDIR/d$n" dist
		assert_success
	done
	[ -s "$BATS_TEST_TMPDIR/tar.calls" ]
	t1=$(ls "$BATS_TEST_TMPDIR"/d1/ssh-keepalive-*.tar.gz)
	t2=$(ls "$BATS_TEST_TMPDIR"/d2/ssh-keepalive-*.tar.gz)
	cmp "$t1" "$t2"
	run /usr/bin/tar -tzf "$t1"
	assert_line --regexp '^ssh-keepalive-[0-9.]+/keepalive\.spec$'
	assert_line --regexp '^ssh-keepalive-[0-9.]+/src/cli/rpmq_main\.c$'
	# one order everywhere: the names sorted in the C locale
	printf '%s\n' "$output" | sed 's,/$,,' >"$BATS_TEST_TMPDIR/names"
	LC_ALL=C sort -c "$BATS_TEST_TMPDIR/names"
}
