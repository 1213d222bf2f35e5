# rpmroot.bash - our package in real rpm roots of the mock/ profiles
#
# Built once per test file (setup_file): the mock/ stand-in packages, our
# RPM (release 1) and a newer build of it (release 2) for upgrades.

KA_PKGS="$KA_TOP/build/mock-packages"
KA_RPMS="$KA_TOP/build/test-rpms"

# ka_build_packages: the stand-ins and both builds of ours, into
# $KA_PKGS and $KA_RPMS/{1,2}.
ka_build_packages() {
	mkdir -p "$KA_TOP/build"
	# one at a time: the files that need them run at the same time
	(flock 9 && ka_build_packages_locked) 9>"$KA_TOP/build/.make.lock"
}

ka_build_packages_locked() {
	local tarball
	"$KA_TOP/mock/build-packages" "$KA_PKGS" || return
	# the tarball is remade when any packaged source changed: so are ours
	make -s -C "$KA_TOP" dist >/dev/null || return
	tarball=$(ls -t "$KA_TOP"/build/ssh-keepalive-*.tar.gz | head -n 1)
	[ -n "$(ls "$KA_RPMS"/1/ssh-keepalive-*.rpm 2>/dev/null)" ] &&
		[ -n "$(ls "$KA_RPMS"/2/ssh-keepalive-*.rpm 2>/dev/null)" ] &&
		[ "$KA_RPMS/1" -nt "$KA_TOP/keepalive.spec" ] &&
		[ "$KA_RPMS/1" -nt "$tarball" ] && return 0
	rm -rf "$KA_RPMS"
	mkdir -p "$KA_RPMS/1" "$KA_RPMS/2"
	make -s -C "$KA_TOP" rpm >/dev/null || return
	cp "$KA_TOP"/build/rpmbuild/RPMS/*/ssh-keepalive-*.rpm "$KA_RPMS/1/"
	ka_build_release2 || return
	touch "$KA_RPMS/1"
}

# A newer build: the same sources, Release 2, built as make rpm builds
# (the portable build).
ka_build_release2() {
	local top="$KA_RPMS/rpmbuild2"
	mkdir -p "$top/SOURCES" "$top/SPECS"
	cp "$KA_TOP"/build/ssh-keepalive-*.tar.gz "$top/SOURCES/"
	sed 's/^Release:\([[:space:]]*\)1%/Release:\12%/' "$KA_TOP/keepalive.spec" \
		>"$top/SPECS/keepalive.spec"
	HOME="$top" rpmbuild --quiet --nodeps --define "_topdir $top" \
		--define "debug_package %{nil}" --with portable \
		-bb "$top/SPECS/keepalive.spec" \
		>/dev/null 2>&1 || return
	cp "$top"/RPMS/*/ssh-keepalive-*.rpm "$KA_RPMS/2/"
}

# ka_rpm ROOT ARGS...: the real rpm on ROOT's database, as EL keeps it.
ka_rpm() {
	local root=$1
	shift
	HOME="$BATS_TEST_TMPDIR" rpm --root "$root" --dbpath /var/lib/rpm "$@"
}

# ka_mkroot PROFILE ROOT: a throwaway root of that profile.
ka_mkroot() {
	"$KA_TOP/mock/mkroot" "$1" "$2" "$KA_PKGS"
}

ka_our_rpm() {
	ls "$KA_RPMS/${1:-1}"/ssh-keepalive-*.rpm
}

# The values sshd takes from ROOT's config, as our engine reads them.
ka_root_values() {
	"$KA_ENGINE" --root "$1" effective /etc/ssh/sshd_config |
		awk '/^[a-z]/ { print $1, $2 }'
}

# The calls the init stand-ins recorded in ROOT.
ka_root_calls() {
	cat "$1/var/log/ka-mock-calls" 2>/dev/null
}

# The profile's field N of mock/profiles (1 name, 2 fixture, 3 version,
# 4 release, 5 init, 6 include).
ka_profile_field() {
	awk -v p="$1" -v n="$2" '$1 == p { print $n }' "$KA_TOP/mock/profiles"
}

# ka_image_sums ROOT: ka_tree_sum but for sqlite's shared-memory index of
# the rpm database, which any reader rewrites (rpm -q as well); the
# database itself is summed.
ka_image_sums() {
	ka_tree_sum "$1" | grep -v '/rpmdb\.sqlite-shm$'
}

# ka_bare_root PROFILE ROOT: a root of that profile with an empty /dev,
# as a bare dnf --installroot leaves it: its sshd cannot run there.
ka_bare_root() {
	"$KA_TOP/mock/mkroot" "$1" "$2" "$KA_PKGS" --no-dev 2>/dev/null
}

# ka_devless_root PROFILE ROOT: the same without a /dev at all: the
# image's sshd cannot start even in the private /dev a confined run
# gives it (that needs a /dev to mount on), so the rpm database is all
# there is to ask.
ka_devless_root() {
	ka_bare_root "$1" "$2" && rmdir "$2/dev"
}
