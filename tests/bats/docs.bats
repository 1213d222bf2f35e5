#!/usr/bin/env bats
# The man pages and the bash completion against the programs themselves:
# they render cleanly, and every option in --help is documented and
# completed (and nothing else is), so that they cannot drift apart.

bats_require_minimum_version 1.5.0
load ../lib/common

MAN_TUNE="$KA_TOP/man/ssh-keepalive-tune.8"
MAN_HELPER="$KA_TOP/man/keepalive-helper.8"
COMPLETION="$KA_TOP/completion/ssh-keepalive-tune.bash"

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
