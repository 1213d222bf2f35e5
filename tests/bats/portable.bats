#!/usr/bin/env bats
# The RPM make rpm builds is one build for EL6 to EL10 (doc/building.md):
# what it requires is provided by the base system of every mock/ profile
# (tests/fixtures/provides, with their sources), its link binds only calls
# glibc 2.12 has (scripts/glibc-stubs; el_compat.bats checks the RPM's
# programs against glibc 2.12's own lists), and it runs here.

load ../lib/common
load ../lib/rpmroot
load ../lib/rpmdb

PROVIDES="$KA_TOP/tests/fixtures/provides"

setup_file() {
	ka_build_packages
}

# 0 when version $1 <= $2 (rpmlib versions: digits, dots, one release)
ver_le() {
	[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}

# unmet RPM LIST: each requirement of RPM neither LIST (a profile's
# provides) nor RPM itself provides, one a line
unmet() {
	local rpm=$1 list=$2 req name op want have p
	{ grep -v '^#' "$list"; rpm -qp --provides "$rpm"; } >"$BATS_TEST_TMPDIR/have"
	rpm -qp --requires "$rpm" | sort -u | while IFS= read -r req; do
		read -r name op want <<<"$req"
		have=$(awk -v n="$name" '$1 == n { print $3 ($2 == "" ? "*" : ""); exit }' \
			"$BATS_TEST_TMPDIR/have")
		[ -n "$have" ] || { echo "$req"; continue; }
		[ -z "$op" ] && continue
		p=${have%\*}
		[ -z "$p" ] && { echo "$req"; continue; }
		case $op in
		"<=") ver_le "$p" "$want" || echo "$req" ;;
		">=") ver_le "$want" "$p" || echo "$req" ;;
		"=") [ "$p" = "$want" ] || echo "$req" ;;
		*) echo "$req" ;;
		esac
	done
}

# unmet_all RPM: "PROFILE: REQUIREMENT" for every profile of mock/profiles
unmet_all() {
	local prof
	for prof in $(awk '!/^#/ && NF { print $1 }' "$KA_TOP/mock/profiles"); do
		if [ ! -f "$PROVIDES/$prof.provides" ]; then
			echo "$prof: no $PROVIDES/$prof.provides"
			continue
		fi
		unmet "$1" "$PROVIDES/$prof.provides" | sed "s/^/$prof: /"
	done
}

@test "every requirement of make rpm's RPM is provided by the base system of every mock/ profile" {
	run rpm -qp --requires "$(ka_our_rpm)"
	assert_success
	# the requirements themselves: glibc 2.12's, no librpm, popt or
	# libselinux symbol versions, what rpm 4.8 reads
	assert_line "libc.so.6(GLIBC_2.2.5)(64bit)"
	assert_line "libselinux.so.1()(64bit)"
	refute_output --regexp 'GLIBC_2\.(1[3-9]|[2-9][0-9])'
	refute_output --regexp 'librpm|libpopt|LIBSELINUX|PayloadIsZstd'
	run unmet_all "$(ka_our_rpm)"
	assert_success
	assert_output ""
	# every profile of mock/ was checked
	[ "$(ls "$PROVIDES"/*.provides | wc -l)" -eq "$(awk '!/^#/ && NF' "$KA_TOP/mock/profiles" | wc -l)" ]
}

@test "a package needing glibc 2.34, libselinux's symbol versions and a zstd payload is unmet on the profiles that lack them" {
	top="$BATS_TEST_TMPDIR/rpmbuild"
	mkdir -p "$top/SPECS"
	cat >"$top/SPECS/newer.spec" <<'SPEC'
Name: newer
Version: 1
Release: 1
Summary: needs what EL9 has and EL8 has not
License: MIT
BuildArch: x86_64
Requires: libc.so.6(GLIBC_2.34)(64bit)
Requires: libselinux.so.1(LIBSELINUX_1.0)(64bit)
%description
test
%files
SPEC
	HOME="$BATS_TEST_TMPDIR" rpmbuild --quiet -bb --nodeps --define "_topdir $top" \
		--define "_binary_payload w19.zstdio" "$top/SPECS/newer.spec"
	rpm="$top/RPMS/x86_64/newer-1-1.x86_64.rpm"
	run unmet_all "$rpm"
	assert_line "el6: libc.so.6(GLIBC_2.34)(64bit)"
	assert_line "el6: libselinux.so.1(LIBSELINUX_1.0)(64bit)"
	assert_line --regexp '^el6: rpmlib\(PayloadIsZstd\) <= '
	assert_line "el8.6: libc.so.6(GLIBC_2.34)(64bit)"
	assert_line "al2: libc.so.6(GLIBC_2.34)(64bit)"
	assert_line --regexp '^el7: rpmlib\(PayloadIsZstd\) <= '
	# rpm 4.14 (EL8) reads zstd
	refute_line --regexp '^el8: rpmlib'
	refute_line --regexp '^(el9|el10|al2023|fc39|oe2203|oe2403|hce2): '
}

@test "a call glibc 2.12 lacks stops the portable link, named; glibc_compat.c's old names link, run here and keep constructors" {
	d="$BATS_TEST_TMPDIR"
	cat >"$d/p.c" <<'C'
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
static int ran;
__attribute__((constructor)) static void mark(void) { ran = 1; }
int main(void)
{
	struct stat st;
	printf("constructor %d stat %d env %s\n", ran, stat("/", &st),
	    secure_getenv("KA_P") ? secure_getenv("KA_P") : "-");
	return 0;
}
C
	gcc -O2 -o "$d/probe" "$d/p.c"
	run "$KA_TOP/scripts/glibc-stubs" make 2.12 "$d/stubs" gcc "$d/probe"
	assert_failure
	assert_line "glibc-stubs: stat: oldest version in libc.so.6 is GLIBC_2.33, newer than glibc 2.12"
	assert_line "glibc-stubs: secure_getenv: oldest version in libc.so.6 is GLIBC_2.17, newer than glibc 2.12"
	wrap=(-Wl,--wrap=__libc_start_main "$KA_TOP/src/portable/glibc_compat.c")
	gcc -O2 -o "$d/probe" "$d/p.c" "${wrap[@]}"
	run "$KA_TOP/scripts/glibc-stubs" make 2.12 "$d/stubs" gcc "$d/probe"
	assert_success
	gcc -O2 -L"$d/stubs" -o "$d/p" "$d/p.c" "${wrap[@]}"
	run "$KA_TOP/scripts/glibc-stubs" check 2.12 "$d/p"
	assert_success
	run readelf --dyn-syms -W "$d/p"
	assert_output --regexp 'UND __xstat@GLIBC_2\.2\.5 '
	assert_output --regexp 'UND __libc_start_main@GLIBC_2\.2\.5 '
	refute_output --regexp 'GLIBC_2\.(1[3-9]|[2-9][0-9])'
	run env KA_P=x "$d/p"
	assert_success
	assert_output "constructor 1 stat 0 env x"
	# the check itself fails on the ordinary link
	run "$KA_TOP/scripts/glibc-stubs" check 2.12 "$d/probe"
	assert_failure
	assert_line --partial "__libc_start_main@GLIBC_2.34 (libc.so.6) is newer than glibc 2.12"
}

@test "the RPM's keepalive-rpmq loads the host's librpm by soname and reads a real rpm database" {
	x="$BATS_TEST_TMPDIR/x"
	mkdir -p "$x"
	(cd "$x" && rpm2cpio "$(ka_our_rpm)" | cpio -id --quiet)
	rpmq="$x/usr/libexec/ssh-keepalive/keepalive-rpmq"
	run readelf -d "$rpmq"
	refute_output --partial librpm
	root="$BATS_TEST_TMPDIR/root"
	mkdir -p "$root"
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
	run env HOME="$BATS_TEST_TMPDIR" "$rpmq" --root "$root" --dbpath /var/lib/rpm openssh-server
	assert_success
	assert_output "$(printf 'version=8.0p1\nrelease=13.el8')"
	run env HOME="$BATS_TEST_TMPDIR" "$rpmq" --root "$root" --dbpath /var/lib/rpm no-such-package
	assert_failure 1
}
