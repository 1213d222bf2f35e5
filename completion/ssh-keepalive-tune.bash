# bash completion for ssh-keepalive-tune(8)                -*- shell-script -*-
#
# Self-contained: it needs neither bash-completion's helpers nor sshd.
# Options that take a value complete in every spelling: "--mode inline",
# "-m inline", and "--mode=inline" whether or not COMP_WORDBREAKS splits
# it at the "=".

# _ssh_keepalive_tune_reply PREFIX CUR WORDS...: COMPREPLY = the WORDS that
# start with CUR, each with PREFIX in front.
_ssh_keepalive_tune_reply()
{
	local pre=$1 cur=$2 w
	shift 2
	COMPREPLY=()
	for w in "$@"; do
		if [[ $w == "$cur"* ]]; then
			COMPREPLY+=("$pre$w")
		fi
	done
}

_ssh_keepalive_tune()
{
	local cur prev opt pre=
	local long=(--interval --nat-timeout --count-max --tcp-keepalive
		--reset --apply --status --json --dry-run --no-reload --root
		--mode --client --on --off --host --quiet --verbose --version
		--help --usage)
	local short=(-i -c -t -a -s -j -n -r -m -C -H -q -v -V -h)

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	if [ "$COMP_CWORD" -gt 0 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi

	# Which option the word is the value of.
	if [ "$cur" = "=" ] && [[ $prev == --* ]]; then
		# "--mode=" split by COMP_WORDBREAKS: readline completes after "="
		opt=$prev
		cur=
	elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then
		# "--mode=in" split into "--mode" "=" "in"
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		# "--mode=in" kept whole: the reply must keep "--mode="
		opt=${cur%%=*}
		pre=$opt=
		cur=${cur#*=}
	else
		opt=$prev
	fi

	case $opt in
	-m | --mode)
		_ssh_keepalive_tune_reply "$pre" "$cur" auto include inline
		return 0 ;;
	-t | --tcp-keepalive)
		_ssh_keepalive_tune_reply "$pre" "$cur" yes no
		return 0 ;;
	-i | --interval)
		_ssh_keepalive_tune_reply "$pre" "$cur" 300 600 10m 1h
		return 0 ;;
	--nat-timeout)
		# AWS NAT gateway and Network Firewall, Azure, GCP Cloud NAT
		_ssh_keepalive_tune_reply "$pre" "$cur" 350 4m 20m
		return 0 ;;
	-c | --count-max)
		_ssh_keepalive_tune_reply "$pre" "$cur" 3 5 10
		return 0 ;;
	-H | --host)
		# the hosts of the system file's own Host lines, no patterns
		local h hosts=()
		while read -r h; do
			[[ $h == *[*?!]* ]] || hosts+=("$h")
		done < <(awk 'tolower($1) == "host" { for (i = 2; i <= NF; i++) print $i }' \
			/etc/ssh/ssh_config 2>/dev/null)
		_ssh_keepalive_tune_reply "$pre" "$cur" "${hosts[@]}"
		return 0 ;;
	-r | --root)
		local d
		compopt -o filenames 2>/dev/null
		COMPREPLY=()
		while IFS= read -r d; do
			COMPREPLY+=("$pre$d")
		done < <(compgen -d -- "$cur")
		return 0 ;;
	esac
	if [ -n "$pre" ]; then
		return 0    # "--reset=...": no option takes a value that way
	fi

	# The program takes options only: offer them for any word.
	case $cur in
	--*) _ssh_keepalive_tune_reply "" "$cur" "${long[@]}" ;;
	-*) _ssh_keepalive_tune_reply "" "$cur" "${short[@]}" "${long[@]}" ;;
	*) _ssh_keepalive_tune_reply "" "$cur" "${long[@]}" ;;
	esac
	return 0
}
complete -F _ssh_keepalive_tune ssh-keepalive-tune
