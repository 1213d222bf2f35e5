# rpmdb.bash - a real rpm database in a throwaway root

# ka_rpmdb_openssh ROOT VERSION RELEASE: record a stand-in openssh-server
# VERSION-RELEASE in ROOT's rpm database (/var/lib/rpm, as on EL).
ka_rpmdb_openssh() {
	local root=$1 v=$2 rel=$3 top="$BATS_TEST_TMPDIR/rpmbuild"
	HOME="$BATS_TEST_TMPDIR" rpmbuild --quiet -bb --nodeps \
		--define "_topdir $top" --define "ossh_version $v" \
		--define "ossh_release $rel" \
		"$KA_TOP/mock/specs/openssh-server-version.spec" >/dev/null 2>&1 ||
		return 1
	HOME="$BATS_TEST_TMPDIR" rpm --root "$root" --dbpath /var/lib/rpm \
		-i --justdb --nodeps --nosignature \
		"$top"/RPMS/noarch/openssh-server-"$v"-"$rel".noarch.rpm
}
