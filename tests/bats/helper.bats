#!/usr/bin/env bats
# keepalive-helper on throwaway system roots (--root): apply, remove,
# status, exit codes, and nothing changed after any failure.

load ../lib/common

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

@test "apply on a CentOS 7 image root writes the drop-in and an inline block" {
	ka_make_system centos7 "$root"
	run "$KA_HELPER" --root "$root" apply
	assert_success
	assert_line "keepalive-helper: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
	assert_line "keepalive-helper: /etc/ssh/sshd_config: updated"
	assert_line "keepalive-helper: not reloading sshd: --root names an image"
	assert_output --partial "warning: validation skipped: cannot run the image's /usr/sbin/sshd"
	assert_file_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d")" 700
	assert_equal "$(stat -c %a "$root/etc/ssh/sshd_config.d/01-keepalive.conf")" 600
	cmp "$root/etc/ssh/sshd_config.d/01-keepalive.conf" "$KA_TOP/sshd_config.d/01-keepalive.conf"
	# no sshd and no rpm database in the root: inline mode, which works everywhere
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/stock/centos7.inline"
}

@test "apply twice changes nothing the second time" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	run "$KA_HELPER" --root "$root" apply
	assert_success
	assert_line "keepalive-helper: nothing to change"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "remove after apply gives back the original sshd_config byte for byte" {
	ka_make_system al2 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	run "$KA_HELPER" --root "$root" remove
	assert_success
	cmp "$root/etc/ssh/sshd_config" "$KA_FIXTURES/stock/al2.conf"
	# the drop-in is the package's: rpm takes it away, not the helper
	assert_file_exists "$root/etc/ssh/sshd_config.d/01-keepalive.conf"
}

@test "--mode include on an EL9 root changes nothing: the stock Include reads the drop-in" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	before=$(ka_tree_sum "$root")
	run "$KA_HELPER" --root "$root" --mode include --verbose apply
	assert_success
	assert_line "keepalive-helper: include mode: --mode include"
	assert_line "keepalive-helper: nothing to change"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--mode include on an Amazon Linux 2023 image without the Include names our file alone" {
	ka_make_root hard/inactive-dropins "$root"
	run "$KA_HELPER" --root "$root" --mode include apply
	assert_success
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/hard/inactive-dropins.include"
}

@test "a missing drop-in is put back as shipped" {
	ka_make_system rhel8 "$root"
	run "$KA_HELPER" --root "$root" --mode inline --quiet apply
	assert_success
	cmp "$root/etc/ssh/sshd_config.d/01-keepalive.conf" "$KA_TOP/sshd_config.d/01-keepalive.conf"
}

@test "the values come from the drop-in: a hand-edited drop-in is honoured" {
	ka_make_system centos6 "$root"
	printf 'ClientAliveInterval 2m\nClientAliveCountMax 4\nTCPKeepAlive no\n' \
		>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	run "$KA_HELPER" --root "$root" --mode inline --quiet apply
	assert_success
	run grep -A3 '^# BEGIN ssh-keepalive' "$root/etc/ssh/sshd_config"
	assert_line --index 1 "ClientAliveInterval 120"
	assert_line --index 2 "ClientAliveCountMax 4"
	assert_line --index 3 "TCPKeepAlive no"
}

@test "status on an image root reports values, sources and the mode" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	run "$KA_HELPER" --root "$root" status
	assert_success
	assert_line "ClientAliveInterval  600 (from /etc/ssh/sshd_config:23, ssh-keepalive)"
	assert_line "ClientAliveCountMax  10 (from /etc/ssh/sshd_config:24, ssh-keepalive)"
	assert_line "TCPKeepAlive         yes (sshd's default)"
	assert_line --partial "mode: inline ("
	assert_line "sshd: not asked: --root names an image"
}

@test "a missing sshd_config is one error line, exit 1" {
	mkdir -p "$root/etc/ssh"
	run "$KA_HELPER" --root "$root" apply
	assert_failure 1
	assert_output "keepalive-helper: /etc/ssh/sshd_config: No such file or directory"
	assert_dir_not_exists "$root/etc/ssh/sshd_config.d"
}

@test "a root without /etc/ssh cannot be locked: exit 1, nothing created" {
	mkdir -p "$root"
	run "$KA_HELPER" --root "$root" apply
	assert_failure 1
	assert_output "keepalive-helper: /etc/ssh: No such file or directory"
	assert_equal "$(find "$root" | wc -l)" 1
}

@test "unbalanced markers: exit 1 naming the line, nothing changed" {
	ka_make_root hard/unbalanced-markers "$root"
	before=$(ka_tree_sum "$root")
	run "$KA_HELPER" --root "$root" --mode inline apply
	assert_failure 1
	assert_line "keepalive-helper: /etc/ssh/sshd_config:2: '# BEGIN ssh-keepalive' without '# END ssh-keepalive'; fix the file by hand"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a NUL byte in sshd_config: exit 1, nothing changed" {
	ka_make_root hard/nul-byte "$root"
	before=$(ka_tree_sum "$root")
	run "$KA_HELPER" --root "$root" --mode inline apply
	assert_failure 1
	assert_output --partial "/etc/ssh/sshd_config:3: contains a NUL byte"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a bad --mode is a usage error, exit 2" {
	ka_make_system centos7 "$root"
	run "$KA_HELPER" --root "$root" --mode sideways apply
	assert_failure 2
	assert_output "keepalive-helper: --mode: 'sideways' is not auto, include or inline"
}

@test "no verb, two verbs or an unknown verb is a usage error, exit 2" {
	run "$KA_HELPER"
	assert_failure 2
	assert_output "keepalive-helper: say one of apply, remove or status (see --help)"
	run "$KA_HELPER" apply remove
	assert_failure 2
	run "$KA_HELPER" frob
	assert_failure 2
}

@test "an unknown option names itself, exit 2" {
	run "$KA_HELPER" --frob apply
	assert_failure 2
	assert_output "keepalive-helper: --frob: unknown option"
}

@test "--json goes with status only" {
	run "$KA_HELPER" --json apply
	assert_failure 2
	assert_output "keepalive-helper: --json goes with status only (see --help)"
}

@test "--help lists every option, --version prints the version" {
	run "$KA_HELPER" --help
	assert_success
	for o in --root --mode --no-reload --quiet --json --version --help --usage; do
		assert_output --partial -- "$o"
	done
	run "$KA_HELPER" --version
	assert_success
	assert_output --regexp '^keepalive-helper \(ssh-keepalive\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "a line of the administrator's inside the managed block: apply, tune and remove refuse, naming it; nothing changed" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	sed -i '/^# BEGIN ssh-keepalive/a PermitRootLogin no' "$root/etc/ssh/sshd_config"
	n=$(grep -n '^PermitRootLogin no$' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	before=$(ka_tree_sum "$root")
	for cmd in "keepalive-helper apply" "keepalive-helper remove" \
		"ssh-keepalive-tune --interval 300" "ssh-keepalive-tune --apply"; do
		set -- $cmd
		run "$KA_BUILD/asan/$1" --root "$root" "${@:2}"
		assert_failure 1
		assert_output "$1: /etc/ssh/sshd_config:$n: 'PermitRootLogin no' is inside ssh-keepalive's managed block; move it out of the block"
		assert_equal "$(ka_tree_sum "$root")" "$before"
	done
}

@test "a typo in our own Include inside the managed block: refused, naming it and the Includes ssh-keepalive writes; nothing changed" {
	ka_make_system rhel86 "$root"
	"$KA_HELPER" --root "$root" --mode include --quiet apply 2>/dev/null
	sed -i 's|^Include /etc/ssh/sshd_config.d/\*.conf$|Include /etc/ssh/sshd_conf.d/*.conf|' "$root/etc/ssh/sshd_config"
	n=$(grep -n '^Include /etc/ssh/sshd_conf.d/\*.conf$' "$root/etc/ssh/sshd_config" | cut -d: -f1)
	[ -n "$n" ]
	before=$(ka_tree_sum "$root")
	run "$KA_TUNE" --root "$root" --mode include --apply
	assert_failure 1
	assert_output "ssh-keepalive-tune: /etc/ssh/sshd_config:$n: 'Include /etc/ssh/sshd_conf.d/*.conf' inside ssh-keepalive's managed block is not an Include ssh-keepalive writes (of /etc/ssh/sshd_config.d/*.conf or /etc/ssh/sshd_config.d/01-keepalive.conf): correct it, or move it out of the block"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "blank lines and our own keywords in any case inside the managed block are ours" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	sed -i -e '/^# BEGIN ssh-keepalive/a clientaliveinterval=600' \
		-e '/^# BEGIN ssh-keepalive/G' "$root/etc/ssh/sshd_config"
	run "$KA_HELPER" --root "$root" --quiet apply
	assert_success
	cmp "$root/etc/ssh/sshd_config" "$KA_GOLDEN/stock/centos7.inline"
}
