# scap.bash - OpenSCAP scans of mock/ roots with the SCAP Security Guide
#
# oscap evaluates an image root when OSCAP_PROBE_ROOT names it (what
# oscap-chroot, from Debian's openscap-utils, sets); its rpminfo probe
# reads the root's rpm database with the host's librpm, so HOME gets an
# .rpmmacros with EL's %_dbpath.  A root gets a stand-in redhat-release
# package of its major version (mock/specs/ka-release.spec), or the
# content finds every rule "notapplicable".

KA_SSG=/usr/share/xml/scap/ssg/content
KA_STIG=xccdf_org.ssgproject.content_profile_stig

# ka_scap_content PROFILE: the data stream for a mock/ profile.
ka_scap_content() {
	case $1 in
	el7) echo "$KA_SSG/ssg-rhel7-ds.xml" ;;
	el8 | el8.6) echo "$KA_SSG/ssg-rhel8-ds.xml" ;;
	el9) echo "$KA_SSG/ssg-rhel9-ds.xml" ;;
	*) return 1 ;;
	esac
}

# ka_scap_release PROFILE: the stand-in release package for it.
ka_scap_release() {
	local name
	case $1 in
	el7) name=redhat-release-server-7.9 ;;
	el8) name=redhat-release-8.5 ;;
	el8.6) name=redhat-release-8.6 ;;
	el9) name=redhat-release-9.4 ;;
	*) return 1 ;;
	esac
	ls "$KA_PKGS"/RPMS/noarch/"$name"-1.ka.noarch.rpm
}

# ka_scap_values PROFILE: what the STIG profile of its content asks
# (tests/lib/scap_values.py), worked out once per test file.
ka_scap_values() {
	local f="$BATS_FILE_TMPDIR/scap-values-$(basename "$(ka_scap_content "$1")")"
	if [ ! -s "$f" ]; then
		python3 "$KA_TOP/tests/lib/scap_values.py" "$(ka_scap_content "$1")" \
			"$KA_STIG" >"$f.new" || return 1
		mv "$f.new" "$f"
	fi
	cat "$f"
}

# ka_scap_value PROFILE KEYWORD: the value to set for KEYWORD.
ka_scap_value() {
	ka_scap_values "$1" | awk -v k="$2" '$1 == k { print $2 }'
}

# ka_scap_rules PROFILE: the rules that check the keepalive keywords.
ka_scap_rules() {
	ka_scap_values "$1" | awk '$1 == "rule" { print $2 }'
}

# ka_scap_root PROFILE ROOT: a mock/ root with its release package.
ka_scap_root() {
	ka_mkroot "$1" "$2" &&
		ka_rpm "$2" -i --quiet "$(ka_scap_release "$1")"
}

# ka_scap_scan PROFILE ROOT: scan ROOT with exactly the keepalive rules
# of the STIG profile; one line per rule, "RULE RESULT", sorted, rule
# names without their xccdf_org.ssgproject.content_rule_ prefix.
ka_scap_scan() {
	local p=$1 root=$2 home="$BATS_TEST_TMPDIR/scap-home" out rc r
	local args=()
	mkdir -p "$home"
	echo '%_dbpath /var/lib/rpm' >"$home/.rpmmacros"
	for r in $(ka_scap_rules "$p"); do
		args+=(--rule "$r")
	done
	out="$BATS_TEST_TMPDIR/scap.out"
	rc=0
	(cd "$BATS_TEST_TMPDIR" && HOME="$home" OSCAP_PROBE_ROOT="$root" \
		oscap xccdf eval --profile "$KA_STIG" "${args[@]}" \
		"$(ka_scap_content "$p")") >"$out" 2>"$out.err" || rc=$?
	# 0 all passed, 2 some failed; anything else is an error
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
		cat "$out" "$out.err" >&2
		return 1
	fi
	# oscap writes "Rule\r\tID" (a CR before the tab, for terminals)
	tr -d '\r' <"$out" | awk -F '\t' '
		$1 == "Rule" { r = $2; sub(/^xccdf_org\.ssgproject\.content_rule_/, "", r) }
		$1 == "Result" { print r, $2 }' | sort
}
