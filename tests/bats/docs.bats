#!/usr/bin/env bats
# The man pages and the bash completion against the programs themselves:
# they render cleanly, and every option in --help is documented and
# completed (and nothing else is), so that they cannot drift apart.
# The README and doc/*.md against the build: every path under build/ and
# every package file an example names is one the build makes, no example
# installs the package twice, every relative link leads somewhere, and
# the README is a front door (install, tune, status, remove, then build
# and test, with the first screen enough to get going).

bats_require_minimum_version 1.5.0
load ../lib/common

MAN_TUNE="$KA_TOP/man/ssh-keepalive-tune.8"
MAN_HELPER="$KA_TOP/man/keepalive-helper.8"
COMPLETION="$KA_TOP/completion/ssh-keepalive-tune.bash"
README="$KA_TOP/README.md"
DOC_CHECK="$KA_TOP/tests/lib/doc_examples.py"

# prog_path NAME: the built program (make builds $KA_BUILD/NAME).
prog_path() {
	local p="$KA_BUILD/$1"
	if [ ! -x "$p" ]; then
		echo "# $p is missing: build it with make -C $KA_TOP" >&2
		return 1
	fi
	printf '%s\n' "$p"
}

man_page() {
	case $1 in
	ssh-keepalive-tune) printf '%s\n' "$MAN_TUNE" ;;
	keepalive-helper) printf '%s\n' "$MAN_HELPER" ;;
	esac
}

# help_options NAME: one line per option in NAME --help, "-x --long" or
# "--long" (popt's layout: options start within the first columns, the
# wrapped descriptions far to the right).
help_options() {
	local p out
	p=$(prog_path "$1") || return 1
	out=$("$p" --help) || return 1
	printf '%s\n' "$out" |
		sed -nE 's/^ {1,8}(-([^ ,-]), +)?(--[a-z][a-z-]*).*/\2 \3/p' |
		sed -E 's/^ //; s/^([^-])/-\1/' | sort
}

help_long_options() {
	help_options "$1" | sed -E 's/.*(--[a-z-]+)$/\1/' | sort
}

# man_section FILE NAME: the source lines of section NAME (up to the next
# .SH).
man_section() {
	awk -v want="$2" '
		/^\.SH/ {
			name = $0
			sub(/^\.SH[ \t]+/, "", name)
			gsub(/"/, "", name)
			in_sec = (name == want)
			next
		}
		in_sec' "$1"
}

# man_tags FILE NAME: the .TP tags of section NAME, without font changes
# and macro names, "\-" as "-".
man_tags() {
	man_section "$1" "$2" | awk 'tag { print; tag = 0 } /^\.TP/ { tag = 1 }' |
		sed -E 's/\\f[BIRP]//g; s/\\-/-/g; s/"//g; s/^\.[A-Z]+[ \t]+//'
}

# man_options FILE: one line per tag in OPTIONS, "-x --long" or "--long".
man_options() {
	local tag opts
	while IFS= read -r tag; do
		opts=$(printf '%s\n' "$tag" |
			grep -oE -- '(^|[ ,])-(-[a-z][a-z-]*|[[:alnum:]?])' |
			sed -E 's/^[ ,]//' | tr '\n' ' ')
		printf '%s\n' "${opts% }"
	done < <(man_tags "$1" OPTIONS) | sort
}

man_long_options() {
	man_options "$1" | grep -oE -- '--[a-z][a-z-]*' | sort
}

man_short_options() {
	man_options "$1" | grep -oE -- '(^| )-[^- ]' | tr -d ' ' | sort
}

help_short_options() {
	help_options "$1" | grep -oE -- '^-[^- ]' | sort
}

# missing_from WANT HAVE: the lines of WANT that are not in HAVE.
missing_from() {
	comm -23 <(printf '%s\n' "$1" | sort -u) <(printf '%s\n' "$2" | sort -u)
}

renders_cleanly() {
	local page=$1
	if ! command -v groff >/dev/null 2>&1; then
		skip "groff is not installed (Debian: groff-base)"
	fi
	run groff -man -ww -z "$page"
	assert_success
	assert_output ''
	if command -v man >/dev/null 2>&1; then
		run sh -c 'MANWIDTH=80 man --warnings -l "$1" 2>&1 >/dev/null' sh "$page"
		assert_success
		assert_output ''
	fi
}

help_in_man() {
	local prog=$1 help man
	help=$(help_long_options "$prog")
	[ -n "$help" ] || fail "no long options in $prog --help"
	man=$(man_long_options "$(man_page "$prog")")
	run missing_from "$help" "$man"
	assert_success
	assert_output ''
}

man_in_help() {
	local prog=$1 page help man
	page=$(man_page "$prog")
	man=$(man_options "$page" | tr ' ' '\n')
	[ -n "$man" ] || fail "no options in the OPTIONS section of $page"
	help=$( (help_long_options "$prog"; help_short_options "$prog") )
	run missing_from "$man" "$help"
	assert_success
	assert_output ''
}

exit_codes_listed() {
	run man_tags "$1" "EXIT STATUS"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | tr -d ' ' | sort | tr '\n' ' ')" \
		"0 1 2 3 4 5 "
}

# complete_words WORD...: the completions of the last WORD after the
# others, sorted, one a line.
complete_words() {
	# shellcheck source=/dev/null
	source "$COMPLETION" || return 1
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_ssh_keepalive_tune || return 1
	if [ "${#COMPREPLY[@]}" -gt 0 ]; then
		printf '%s\n' "${COMPREPLY[@]}" | sort
	fi
}

sorted() {
	printf '%s\n' "$@" | sort
}

@test "the ssh-keepalive-tune man page renders without warnings" {
	renders_cleanly "$MAN_TUNE"
}

@test "the keepalive-helper man page renders without warnings" {
	renders_cleanly "$MAN_HELPER"
}

@test "every long option in ssh-keepalive-tune --help is in its man page" {
	help_in_man ssh-keepalive-tune
}

@test "every long option in keepalive-helper --help is in its man page" {
	help_in_man keepalive-helper
}

@test "every option in the OPTIONS of ssh-keepalive-tune(8) exists in --help" {
	man_in_help ssh-keepalive-tune
}

@test "every option in the OPTIONS of keepalive-helper(8) exists in --help" {
	man_in_help keepalive-helper
}

@test "each man page pairs short and long options as --help does" {
	local prog
	for prog in ssh-keepalive-tune keepalive-helper; do
		assert_equal "$(man_options "$(man_page "$prog")")" \
			"$(help_options "$prog")"
	done
}

@test "the man pages document exactly the short options of --help" {
	local prog
	for prog in ssh-keepalive-tune keepalive-helper; do
		assert_equal "$(man_short_options "$(man_page "$prog")")" \
			"$(help_short_options "$prog")"
	done
}

@test "the EXIT STATUS of ssh-keepalive-tune(8) lists 0, 1, 2, 3, 4 and 5" {
	exit_codes_listed "$MAN_TUNE"
}

@test "the EXIT STATUS of keepalive-helper(8) lists 0, 1, 2, 3, 4 and 5" {
	exit_codes_listed "$MAN_HELPER"
}

@test "the man pages have every section they should" {
	local page sec
	for page in "$MAN_TUNE" "$MAN_HELPER"; do
		for sec in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" FILES \
			EXAMPLES "SEE ALSO"; do
			run grep -cx "\\.SH \"\\{0,1\\}$sec\"\\{0,1\\}" "$page"
			assert_output 1
		done
	done
}

@test "the completion script passes bash -n" {
	run bash -n "$COMPLETION"
	assert_success
	assert_output ''
}

@test "the completion script registers _ssh_keepalive_tune for ssh-keepalive-tune" {
	run bash -c 'source "$1" && complete -p ssh-keepalive-tune' bash "$COMPLETION"
	assert_success
	assert_output 'complete -F _ssh_keepalive_tune ssh-keepalive-tune'
}

@test "completing --mo gives --mode" {
	run complete_words ssh-keepalive-tune --mo
	assert_success
	assert_output -- --mode
}

@test "completing after --mode gives auto, include and inline" {
	run complete_words ssh-keepalive-tune --mode ''
	assert_success
	assert_output "$(sorted auto include inline)"
	run complete_words ssh-keepalive-tune -m in
	assert_output "$(sorted include inline)"
}

@test "completing --mode= completes the value, split at = or not" {
	run complete_words ssh-keepalive-tune --mode =
	assert_output "$(sorted auto include inline)"
	run complete_words ssh-keepalive-tune --mode = inl
	assert_output inline
	run complete_words ssh-keepalive-tune --mode=in
	assert_output "$(sorted --mode=include --mode=inline)"
}

@test "completing after --tcp-keepalive gives yes and no" {
	run complete_words ssh-keepalive-tune --tcp-keepalive ''
	assert_success
	assert_output "$(sorted yes no)"
	run complete_words ssh-keepalive-tune -t y
	assert_output yes
}

@test "completing after --interval and --count-max offers typical values" {
	run complete_words ssh-keepalive-tune --interval ''
	assert_output "$(sorted 300 600 10m 1h)"
	run complete_words ssh-keepalive-tune --count-max ''
	assert_output "$(sorted 3 5 10)"
}

@test "completing after --nat-timeout offers the common middlebox timeouts" {
	run complete_words ssh-keepalive-tune --nat-timeout ''
	assert_output "$(sorted 350 4m 20m)"
	run complete_words ssh-keepalive-tune --nat-timeout=3
	assert_output -- --nat-timeout=350
}

@test "completing after --root offers directories only" {
	mkdir -p "$BATS_TEST_TMPDIR/img/mnt one" "$BATS_TEST_TMPDIR/img/mnt2"
	touch "$BATS_TEST_TMPDIR/img/mnt-file"
	cd "$BATS_TEST_TMPDIR/img"
	run complete_words ssh-keepalive-tune --root mnt
	assert_success
	assert_output "$(sorted 'mnt one' mnt2)"
}

@test "completing -- offers exactly the long options of --help" {
	local help
	help=$(help_long_options ssh-keepalive-tune)
	[ -n "$help" ] || fail "no long options in ssh-keepalive-tune --help"
	run complete_words ssh-keepalive-tune --
	assert_success
	assert_output "$help"
}

@test "completing - offers every option of --help, short and long" {
	local help
	help=$( (help_long_options ssh-keepalive-tune
		help_short_options ssh-keepalive-tune) | sort)
	run complete_words ssh-keepalive-tune -
	assert_success
	assert_output "$help"
}

# --- the README and doc/ ------------------------------------------------

docs() {
	printf '%s\n' "$README" "$KA_TOP"/doc/*.md
}

# make_var NAME: the value of a variable of the Makefile.
make_var() {
	make -s --no-print-directory -C "$KA_TOP" \
		--eval 'ka-print-%: ; @echo $($*)' "ka-print-$1"
}

# built_rpm, built_srpm: the packages make rpm and make srpm write, under
# the build directory, named by rpm itself from the spec (rpmbuild names
# its output with %{_build_name_fmt}); HOME keeps ~/.rpmmacros out, as
# the Makefile's does.
built_rpm() {
	local fmt
	fmt=$(HOME="$BATS_TEST_TMPDIR" rpm --eval '%{_build_name_fmt}') || return
	HOME="$BATS_TEST_TMPDIR" rpmspec -q --qf "%{NAME} $fmt\n" \
		"$KA_TOP/keepalive.spec" 2>/dev/null |
		awk -v b="$(make_var B)" '$1 == "ssh-keepalive" {
			print b "/rpmbuild/RPMS/" $2 }'
}

built_srpm() {
	HOME="$BATS_TEST_TMPDIR" rpmspec -q --srpm \
		--qf "$(make_var B)/rpmbuild/SRPMS/%{NAME}-%{VERSION}-%{RELEASE}.src.rpm\n" \
		"$KA_TOP/keepalive.spec" 2>/dev/null
}

# produced_paths: every path under the build directory the docs may
# name, one a line: the packages of make rpm and make srpm, make repo's
# directory, the programs of make all and their ASan builds (make check),
# make portable's directory, and the directory scripts/run-tests writes
# a run into.
produced_paths() {
	local b p
	b=$(make_var B) || return
	built_rpm
	built_srpm
	make_var REPO_DIR
	for p in $(make_var PROGS); do
		printf '%s\n' "$b/$p" "$b/asan/$p"
	done
	make_var P
	grep -q '/test-run}' "$KA_TOP/scripts/run-tests" &&
		printf '%s\n' "$b/test-run"
}

@test "the package names the docs build on are the ones rpm gives the spec" {
	run built_rpm
	assert_success
	assert_output --regexp '^build/rpmbuild/RPMS/[^/]+/ssh-keepalive-[0-9][^/]*\.rpm$'
	run built_srpm
	assert_success
	assert_output --regexp '^build/rpmbuild/SRPMS/ssh-keepalive-[0-9][^/]*\.src\.rpm$'
}

@test "every path under build/ and every package file the README and doc/ name is one the build makes" {
	produced_paths >"$BATS_TEST_TMPDIR/allowed"
	run grep -c . "$BATS_TEST_TMPDIR/allowed"
	assert_output 13
	cd "$KA_TOP"
	run python3 "$DOC_CHECK" paths "$BATS_TEST_TMPDIR/allowed" \
		README.md doc/*.md
	assert_success
	assert_output ''
}

@test "no example in the README or doc/ installs the package twice" {
	run python3 "$DOC_CHECK" installs $(docs)
	assert_success
	assert_output ''
}

@test "every relative link and anchor in the README and doc/ leads somewhere" {
	run python3 "$DOC_CHECK" links $(docs)
	assert_success
	assert_output ''
}

@test "the checks catch the old image example, a package the build never makes and a dead link" {
	local bad="$KA_TOP/tests/fixtures/docs/bad.md"
	printf '%s\n' "$(built_rpm)" build/ka-engine >"$BATS_TEST_TMPDIR/allowed"
	run python3 "$DOC_CHECK" paths "$BATS_TEST_TMPDIR/allowed" "$bad"
	assert_failure
	assert_line "$bad:8: ssh-keepalive-1.0.0-1.el9.x86_64.rpm: not a package the build makes"
	assert_line "$bad:31: build/rpmbuild/RPMS/x86_64/ssh-keepalive-1.0.0-1.el9.x86_64.rpm: not a file the build makes"
	refute_output --partial "build/ka-engine"
	refute_output --partial ":26:"
	run python3 "$DOC_CHECK" installs "$bad"
	assert_failure
	assert_output "$bad:6: the example installs ssh-keepalive 2 times (lines 7, 8)
$bad:14: the example installs ssh-keepalive 2 times (lines 16, 19)"
	run python3 "$DOC_CHECK" links "$bad"
	assert_failure
	assert_output "$bad:34: no-such-file.md: no such file
$bad:34: #no-such-heading: no such heading"
}

# heading_line TITLE: the line of the README's "## TITLE", once only.
heading_line() {
	local n
	n=$(grep -nx "## $1" "$README" | cut -d: -f1)
	[ "$(printf '%s\n' "$n" | grep -c .)" -eq 1 ] ||
		{ echo "README: '## $1' $(printf '%s' "$n" | grep -c .) times" >&2; return 1; }
	printf '%s\n' "$n"
}

@test "the README goes: install, set it for the network, status, remove, distributions, build and test" {
	local t n prev=0
	for t in "Install on a fleet" "Set it for your network" \
		"See what is in effect" "Remove" "Distributions" "Build and test"; do
		n=$(heading_line "$t") || fail "no single '## $t' in the README"
		[ "$n" -gt "$prev" ] || fail "'## $t' (line $n) comes too early"
		prev=$n
	done
}

@test "the README's first screen takes an EL9 admin from a clone to a --nat-timeout in force" {
	local rpm first setup install nat
	rpm=$(built_rpm)
	[ -n "$rpm" ] || fail "no package name from the spec"
	first=$(head -n 40 "$README")
	setup=$(printf '%s\n' "$first" | grep -nx 'scripts/setup && make rpm' | cut -d: -f1)
	install=$(printf '%s\n' "$first" | grep -nxF "dnf install ./${rpm##*/}" | cut -d: -f1)
	nat=$(printf '%s\n' "$first" |
		grep -nxE 'ssh-keepalive-tune --nat-timeout [0-9]+[smhdw]?' | cut -d: -f1)
	[ -n "$setup" ] || fail "no 'scripts/setup && make rpm' in the first 40 lines"
	[ -n "$install" ] || fail "no 'dnf install ./${rpm##*/}' in the first 40 lines"
	[ -n "$nat" ] || fail "no 'ssh-keepalive-tune --nat-timeout N' in the first 40 lines"
	[ "$setup" -lt "$install" ] && [ "$install" -lt "$nat" ] ||
		fail "build ($setup), install ($install), nat-timeout ($nat): out of order"
	printf '%s\n' "$first" | grep -qF "${rpm}" ||
		fail "the first screen does not say where the package is ($rpm)"
}

@test "the README's Build and test keeps the two commands" {
	local from
	from=$(heading_line "Build and test")
	run sh -c 'tail -n +"$1" "$2" | grep -E "^scripts/setup && make (demo|check)( |$)" | cut -d" " -f1-4' \
		sh "$from" "$README"
	assert_output "scripts/setup && make demo
scripts/setup && make check"
}

@test "the README and doc/ speak to administrators, not from a lab notebook" {
	run grep -n -i -E 'this machine|search index|our search|(checked|measured|runs|unknown|proven) here|first-hand here|this session' $(docs)
	assert_failure 1
	assert_output ''
}
