#!/bin/bash
# Run inside a private mount namespace (see tests/bats/property.bats):
# /etc/ssh is a tmpfs here.  For each generated tree, in both modes:
# whenever the real sshd accepted the input, it accepts our output and
# sshd -T reports ClientAliveInterval 600 and ClientAliveCountMax 10.
# usage: check.sh GENDIR ENGINE HOSTKEY DROPIN
gen=$1 engine=$2 key=$3 dropin=$4
accepted=0 checked=0 failed=0
out=$(mktemp)                      # /tmp is shared with other runs
trap 'rm -f "$out" "$out.err"' EXIT
T() { /usr/sbin/sshd -T -f /etc/ssh/sshd_config -h "$key" \
	-C user=root,host=localhost,addr=127.0.0.1,laddr=127.0.0.1,lport=22 2>/dev/null |
	awk '{ k = tolower($1) } k == "clientaliveinterval" || k == "clientalivecountmax" { printf "%s %s;", k, $2 }'; }
for t in "$gen"/*/; do
	for mode in inline include; do
		rm -rf /etc/ssh/*
		cp -r "$t". /etc/ssh/
		mkdir -p /etc/ssh/sshd_config.d
		cp "$dropin" /etc/ssh/sshd_config.d/01-keepalive.conf
		/usr/sbin/sshd -t -f /etc/ssh/sshd_config -h "$key" >/dev/null 2>&1 || continue
		[ "$mode" = inline ] && accepted=$((accepted + 1))
		if [ "$mode" = inline ]; then
			"$engine" --root / --interval 600 --count-max 10 inline /etc/ssh/sshd_config >"$out"
		else
			"$engine" --root / include /etc/ssh/sshd_config >"$out"
		fi 2>"$out.err" || { echo "FAIL engine $mode $t: $(cat "$out.err")"; failed=$((failed + 1)); continue; }
		cat "$out" >/etc/ssh/sshd_config
		checked=$((checked + 1))
		if ! err=$(/usr/sbin/sshd -t -f /etc/ssh/sshd_config -h "$key" 2>&1); then
			echo "FAIL sshd rejects our $mode output of $t: $err"
			failed=$((failed + 1))
		elif [ "$(T)" != "clientaliveinterval 600;clientalivecountmax 10;" ]; then
			echo "FAIL $mode $t: sshd -T says $(T)"
			failed=$((failed + 1))
		fi
	done
done
echo "generated $(ls "$gen" | wc -l), sshd accepted $accepted, checked $checked results, failed $failed"
[ "$failed" -eq 0 ]
