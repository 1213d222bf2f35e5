#!/usr/bin/env bats
# The stock ssh_config fixtures (tests/fixtures/stock/client, issue 20):
# one for every mock profile, what the mode choice in doc/client.md rests
# on (where an Include and the first Host/Match line stand), and the
# installed ssh's own parser (ssh -G) accepting each of them.

load ../lib/common

CLIENT="$KA_FIXTURES/stock/client"

# profile NAME -> its fixture name, from the profile map
client_fixture() {
	awk -v p="$1" '$1 == p { print $2 }' "$CLIENT/profiles"
}

# profile NAME -> the mode words of the profile map
client_mode() {
	awk -v p="$1" '$1 == p { $1 = $2 = $3 = ""; print }' "$CLIENT/profiles"
}

# The first Host, Match or Include line of FILE (case-insensitive).
first_scope_line() {
	grep -i -m1 -E '^[[:space:]]*(host|match|include)([[:space:]=]|$)' "$1" || true
}

# A copy of fixture NAME and its drop-ins under $BATS_TEST_TMPDIR/NAME,
# its absolute /etc paths pointed there, so ssh reads nothing of the host.
copy_fixture() {
	local name=$1 dir="$BATS_TEST_TMPDIR/$1"
	mkdir -p "$dir/etc/ssh/ssh_config.d"
	if [ -d "$CLIENT/$name.root" ]; then
		cp -R "$CLIENT/$name.root/." "$dir/"
	fi
	sed -e "s#/etc/ssh/ssh_config.d#$dir/etc/ssh/ssh_config.d#" \
	    "$CLIENT/$name.conf" > "$dir/etc/ssh/ssh_config"
	for f in "$dir"/etc/ssh/ssh_config.d/*.conf; do
		[ -f "$f" ] || continue
		sed -i -e "s#/etc/crypto-policies#$dir/etc/crypto-policies#" "$f"
	done
	chmod -R go-w "$dir"
	printf '%s\n' "$dir"
}

@test "every mock profile has a client ssh_config fixture that exists" {
	local name fx missing=""
	while read -r name _; do
		case $name in '#'* | '') continue ;; esac
		fx=$(client_fixture "$name")
		[ -n "$fx" ] && [ -f "$CLIENT/$fx.conf" ] || missing="$missing $name"
	done < "$KA_TOP/mock/profiles"
	[ -z "$missing" ] || fail "no client fixture for:$missing"
}

@test "where the stock Include qualifies, it is the first Host/Match/Include line and covers ssh_config.d" {
	local name n=0
	for name in el8 el8.6 el9 el10 al2023 fc39; do
		[[ $(client_mode "$name") == *qualifies* ]] ||
			fail "$name: the map does not say the Include qualifies"
		run first_scope_line "$CLIENT/$(client_fixture "$name").conf"
		assert_output 'Include /etc/ssh/ssh_config.d/*.conf'
		n=$((n + 1))
	done
	[ "$n" -eq 6 ]
}

@test "EL6 and EL7 files have no Include and an active Host * block" {
	local fx
	for fx in centos6 centos7; do
		run first_scope_line "$CLIENT/$fx.conf"
		assert_output 'Host *'
		run grep -c -i '^[[:space:]]*include' "$CLIENT/$fx.conf"
		assert_output 0
	done
}

@test "the upstream files have no active line at all" {
	local fx
	for fx in upstream-8.2p1 upstream-8.8p1 upstream-9.6p1; do
		run grep -c -v -E '^[[:space:]]*(#|$)' "$CLIENT/$fx.conf"
		assert_output 0
	done
}

@test "the installed ssh accepts every fixture with its drop-ins: ServerAlive at the defaults" {
	command -v ssh >/dev/null || skip "no ssh client here"
	local f name dir
	for f in "$CLIENT"/*.conf; do
		name=$(basename "$f" .conf)
		dir=$(copy_fixture "$name")
		run ssh -G -F "$dir/etc/ssh/ssh_config" somehost
		assert_success
		assert_line 'serveraliveinterval 0'
		assert_line 'serveralivecountmax 3'
	done
}

@test "where the stock Include qualifies, a 01- drop-in sets every host's values before Red Hat's Match final block" {
	command -v ssh >/dev/null || skip "no ssh client here"
	local name dir
	for name in rhel8 rhel9 el10; do
		dir=$(copy_fixture "$name")
		printf 'ServerAliveInterval 240\nServerAliveCountMax 5\n' \
		    > "$dir/etc/ssh/ssh_config.d/01-keepalive.conf"
		printf 'Match final all\n\tServerAliveInterval 7\n' \
		    >> "$dir/etc/ssh/ssh_config.d/50-redhat.conf"
		run ssh -G -F "$dir/etc/ssh/ssh_config" any.host.example
		assert_success
		assert_line 'serveraliveinterval 240'
		assert_line 'serveralivecountmax 5'
	done
}

@test "in EL7's file a setting after Host * is not global: ssh_config's first value wins" {
	command -v ssh >/dev/null || skip "no ssh client here"
	local dir
	dir=$(copy_fixture centos7)
	printf 'Host special\n\tServerAliveInterval 30\n' >> "$dir/etc/ssh/ssh_config"
	run ssh -G -F "$dir/etc/ssh/ssh_config" special
	assert_line 'serveraliveinterval 30'
	run ssh -G -F "$dir/etc/ssh/ssh_config" other
	assert_line 'serveraliveinterval 0'
	run ssh -G -F "$dir/etc/ssh/ssh_config" -o ServerAliveInterval=9 special
	assert_line 'serveraliveinterval 9'
}
