#!/usr/bin/env bats
# A chosen mode lasts: ssh-keepalive-tune --mode records it as MODE in
# /etc/sysconfig/ssh-keepalive and applies it; every later run reads it;
# keepalive-helper's own --mode is a one-off; --mode auto decides again.
# On image roots whose rpm database says openssh-server 8.0p1-13.el8 (RHEL
# 8.6: Include understood), so that left alone the mode is include.
# (The same through real rpm transactions: lifecycle_mode.bats.)

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/rpmdb
load ../lib/live

MODEFILE=/etc/sysconfig/ssh-keepalive

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_make_system rhel86 "$root"
	ka_rpmdb_openssh "$root" 8.0p1 13.el8
}

tune() {
	run "$KA_TUNE" --root "$root" "$@"
}

helper() {
	run "$KA_HELPER" --root "$root" "$@"
}

in_inline_mode() {
	grep -qx 'ClientAliveInterval [0-9]*' "$root/etc/ssh/sshd_config" &&
		! grep -q '^Include' "$root/etc/ssh/sshd_config"
}

in_include_mode() {
	grep -qx 'Include /etc/ssh/sshd_config.d/\*.conf' "$root/etc/ssh/sshd_config" &&
		! grep -q '^ClientAlive' "$root/etc/ssh/sshd_config"
}

# json_mode_source: the mode and mode_source of --json, as one line.
json_mode_source() {
	"$KA_TUNE" --root "$root" --json "$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["mode_source"]
assert set(s) == {"from", "setting", "file", "line", "detected"}, s
print(d["chosen_mode"], s["from"], s["setting"], s["file"], s["line"],
      "detected" if s["detected"] else None)'
}

@test "--mode inline on an Include-capable sshd records MODE=inline, and the next keepalive-helper apply keeps inline mode" {
	tune --mode inline --interval 10m
	assert_success
	assert_line "ssh-keepalive-tune: $MODEFILE: updated"
	in_inline_mode
	grep -qx 'MODE=inline' "$root$MODEFILE"
	helper --verbose apply
	assert_success
	assert_line "keepalive-helper: inline mode: $MODEFILE:22: MODE=inline"
	assert_line "keepalive-helper: nothing to change"
	in_inline_mode
	grep -qx 'ClientAliveInterval 600' "$root/etc/ssh/sshd_config"
}

@test "--mode auto goes back to deciding: include mode again, recorded as MODE=auto" {
	"$KA_TUNE" --root "$root" --quiet --mode inline 2>/dev/null
	in_inline_mode
	tune --verbose --mode auto
	assert_success
	assert_line --partial "ssh-keepalive-tune: include mode: --mode auto: "
	in_include_mode
	grep -qx 'MODE=auto' "$root$MODEFILE"
	helper --verbose apply
	assert_line --partial "keepalive-helper: include mode: $MODEFILE:22: MODE=auto: "
	assert_line "keepalive-helper: nothing to change"
}

@test "--mode alone is a change, not a status request: it applies and records" {
	tune --mode inline
	assert_success
	refute_line --partial "ClientAliveInterval  "
	in_inline_mode
	grep -qx 'MODE=inline' "$root$MODEFILE"
}

@test "--mode with --status or --json is refused, exit 2, nothing written" {
	local before
	before=$(ka_tree_sum "$root")
	for args in "--status --mode inline" "--json --mode auto"; do
		# shellcheck disable=SC2086
		tune $args
		assert_failure 2
		assert_output "ssh-keepalive-tune: --status and --json report; they change nothing (see --help)"
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "where no file exists, --mode auto writes the file the package ships, byte for byte, 0644" {
	rmdir "$root/etc/sysconfig" 2>/dev/null || true
	tune --mode auto
	assert_success
	cmp "$KA_TOP/sysconfig/ssh-keepalive" "$root$MODEFILE"
	assert_equal "$(stat -c %a:%u:%g "$root$MODEFILE")" 644:0:0
	assert_equal "$(stat -c %a "$root/etc/sysconfig")" 755
}

@test "a mode the file already has is no change: nothing to change, nothing written" {
	mkdir -p "$root/etc/sysconfig"
	cp "$KA_TOP/sysconfig/ssh-keepalive" "$root$MODEFILE"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	touch -d '2001-01-01' "$root$MODEFILE"
	tune --mode auto
	assert_success
	assert_line "ssh-keepalive-tune: nothing to change"
	refute_line --partial "updated"
	assert_equal "$(stat -c %Y "$root$MODEFILE")" "$(date -d 2001-01-01 +%s)"
}

@test "a new mode with sshd's files already right: the file is updated, and nothing says 'nothing to change'" {
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	tune --mode include
	assert_success
	refute_line "ssh-keepalive-tune: nothing to change"
	assert_line "ssh-keepalive-tune: $MODEFILE: updated"
	grep -qx 'MODE=include' "$root$MODEFILE"
}

@test "keepalive-helper --mode is a one-off: not recorded, and the next run follows the file again" {
	"$KA_TUNE" --root "$root" --quiet --mode include 2>/dev/null
	cp "$root$MODEFILE" "$BATS_TEST_TMPDIR/recorded"
	helper --mode inline --verbose apply
	assert_success
	assert_line "keepalive-helper: inline mode: --mode inline"
	in_inline_mode
	cmp "$root$MODEFILE" "$BATS_TEST_TMPDIR/recorded"
	helper --verbose apply
	assert_line "keepalive-helper: include mode: $MODEFILE:22: MODE=include"
	in_include_mode
}

@test "keepalive-helper --mode auto decides, whatever the file says" {
	"$KA_TUNE" --root "$root" --quiet --mode inline 2>/dev/null
	helper --mode auto --verbose apply
	assert_success
	assert_line --partial "keepalive-helper: include mode: --mode auto: "
	in_include_mode
	grep -qx 'MODE=inline' "$root$MODEFILE"
}

@test "--dry-run --mode shows the diff of the file too and writes nothing" {
	local before
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	tune --dry-run --mode inline
	assert_success
	assert_line "--- $MODEFILE"
	assert_line "+MODE=inline"
	assert_line "--- /etc/ssh/sshd_config"
	assert_line --partial "dry run: nothing written"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "--dry-run --mode with sshd's files already right: the file's diff, then dry run: nothing written" {
	local before
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	before=$(ka_tree_sum "$root")
	tune --dry-run --mode include
	assert_success
	assert_line "+MODE=include"
	assert_line "ssh-keepalive-tune: dry run: nothing written"
	refute_line "ssh-keepalive-tune: nothing to change"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

bad_file() {
	local content=$1 want=$2 before
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	mkdir -p "$root/etc/sysconfig"
	printf '%b' "$content" >"$root$MODEFILE"
	before=$(ka_tree_sum "$root")
	for cmd in "$KA_HELPER --root $root apply" "$KA_TUNE --root $root --interval 5m" \
		"$KA_TUNE --root $root --status" "$KA_HELPER --root $root status"; do
		# shellcheck disable=SC2086
		run $cmd
		assert_failure 1
		assert_equal "${#lines[@]}" 1
		assert_output --regexp "^(keepalive-helper|ssh-keepalive-tune): $MODEFILE:$want\$"
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "MODE=foo: one line naming the file and line, exit 1, nothing changed" {
	bad_file '# comment\n\nMODE=foo\n' "3: MODE 'foo' is not auto, include or inline"
}

@test "MODE set twice: one line naming both lines, exit 1, nothing changed" {
	bad_file 'MODE=inline\nMODE=include\n' "2: MODE is set twice \\(first at line 1\\)"
}

@test "a line that is not KEY=value: one line naming it, exit 1, nothing changed" {
	bad_file 'MODE=inline\nexport MODE\n' "2: not a KEY=value line"
}

@test "MODE with an unclosed quote is refused" {
	bad_file 'MODE="inline\n' "1: MODE '\"inline' is not auto, include or inline"
}

@test "MODE with words after the value is refused" {
	bad_file 'MODE=in line\n' "1: MODE 'in line' is not auto, include or inline"
}

@test "MODE is read as a shell reads it: quotes, blanks, a comment, CRLF, other keys" {
	mkdir -p "$root/etc/sysconfig"
	printf '  # set by hand\nOTHER_KEY=whatever\n  MODE="inline"   # for SCAP\r\n' >"$root$MODEFILE"
	helper --verbose apply
	assert_success
	assert_line "keepalive-helper: inline mode: $MODEFILE:3: MODE=inline"
	printf "MODE='include'\n" >"$root$MODEFILE"
	helper --verbose apply
	assert_line "keepalive-helper: include mode: $MODEFILE:1: MODE=include"
}

@test "--mode replaces a bad MODE value, and keeps every other line byte for byte" {
	mkdir -p "$root/etc/sysconfig"
	printf '# mine\nOTHER=1\r\nMODE=foo  # broken\r\n# end, no newline' >"$root$MODEFILE"
	tune --mode inline
	assert_success
	printf '# mine\nOTHER=1\r\nMODE=inline  # broken\r\n# end, no newline' >"$BATS_TEST_TMPDIR/want"
	cmp "$root$MODEFILE" "$BATS_TEST_TMPDIR/want"
}

@test "--mode keeps a trailing comment on the MODE line byte for byte, quotes and CRLF too" {
	mkdir -p "$root/etc/sysconfig"
	printf '# mine\nMODE=auto   # inline for the RHEL 8 STIG scan, CHG-4711\n' >"$root$MODEFILE"
	tune --mode inline
	assert_success
	printf '# mine\nMODE=inline   # inline for the RHEL 8 STIG scan, CHG-4711\n' >"$BATS_TEST_TMPDIR/want"
	cmp "$root$MODEFILE" "$BATS_TEST_TMPDIR/want"
	in_inline_mode
	helper --verbose apply
	assert_success
	assert_line "keepalive-helper: inline mode: $MODEFILE:2: MODE=inline"
	printf '  MODE="include"\t# ask before changing\r\n' >"$root$MODEFILE"
	tune --mode auto
	assert_success
	printf '  MODE="auto"\t# ask before changing\r\n' >"$BATS_TEST_TMPDIR/want"
	cmp "$root$MODEFILE" "$BATS_TEST_TMPDIR/want"
}

@test "--mode adds MODE at the end of a file without one" {
	mkdir -p "$root/etc/sysconfig"
	printf '# nothing yet\nOTHER=1' >"$root$MODEFILE"
	tune --mode inline
	assert_success
	printf '# nothing yet\nOTHER=1\nMODE=inline\n' >"$BATS_TEST_TMPDIR/want"
	cmp "$root$MODEFILE" "$BATS_TEST_TMPDIR/want"
}

@test "--mode does not rewrite a file with a line that is not KEY=value" {
	local before
	mkdir -p "$root/etc/sysconfig"
	printf 'MODE=inline\nexport MODE\n' >"$root$MODEFILE"
	before=$(ka_tree_sum "$root")
	tune --mode include
	assert_failure 1
	assert_output "ssh-keepalive-tune: $MODEFILE:2: not a KEY=value line"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "a symlinked file is written through, owner and mode kept; no temp file left" {
	mkdir -p "$root/etc/sysconfig" "$root/srv"
	cp "$KA_TOP/sysconfig/ssh-keepalive" "$root/srv/ka-mode"
	chmod 0640 "$root/srv/ka-mode"
	chown 12:34 "$root/srv/ka-mode"
	ln -s /srv/ka-mode "$root$MODEFILE"
	tune --mode inline
	assert_success
	assert [ -L "$root$MODEFILE" ]
	grep -qx 'MODE=inline' "$root/srv/ka-mode"
	assert_equal "$(stat -c %a:%u:%g "$root/srv/ka-mode")" 640:12:34
	run ls -A "$root/etc/sysconfig" "$root/srv"
	refute_output --partial ".ka-"
}

@test "a temp file that a killed run left beside the file is swept away" {
	mkdir -p "$root/etc/sysconfig"
	touch "$root/etc/sysconfig/.ssh-keepalive.ka-AbC123"
	tune --mode inline
	assert_success
	assert_file_not_exists "$root/etc/sysconfig/.ssh-keepalive.ka-AbC123"
}

@test "a file that cannot be written: exit 1, nothing changed, no /etc/sysconfig left behind" {
	local before
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	rm -rf "$root/etc/sysconfig"
	mkdir -p "$root/etc/sysconfig/ssh-keepalive"   # a directory in the way
	before=$(ka_tree_sum "$root")
	tune --mode inline
	assert_failure 1
	assert_output "ssh-keepalive-tune: $MODEFILE: not a regular file"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	in_include_mode
}

@test "the host's /etc/sysconfig is never touched under --root" {
	local host_before
	host_before=$(ls -la /etc/sysconfig 2>&1 || true)
	tune --mode inline
	assert_success
	assert_equal "$(ls -la /etc/sysconfig 2>&1 || true)" "$host_before"
	assert_file_exists "$root$MODEFILE"
}

@test "--status says where the mode came from: the file and its line" {
	"$KA_TUNE" --root "$root" --quiet --mode inline 2>/dev/null
	tune --status
	assert_line "mode: inline (ssh-keepalive's block holds the values, /etc/ssh/sshd_config:23); set by $MODEFILE:22: MODE=inline"
	run json_mode_source
	assert_output "inline file inline $MODEFILE 22 None"
}

@test "--status says where the mode came from: MODE=auto in the file, and how it was decided" {
	"$KA_TUNE" --root "$root" --quiet --mode auto 2>/dev/null
	tune --status --verbose
	assert_line --regexp "^mode: include \\(ssh-keepalive's Include reads the drop-in, /etc/ssh/sshd_config:23\\); set by $MODEFILE:22: MODE=auto: .*openssh-server 8.0p1-13.el8 understands Include\$"
	run json_mode_source
	assert_output "include file auto $MODEFILE 22 detected"
}

@test "--status says where the mode came from: no file, decided automatically" {
	tune --status --verbose
	assert_line --regexp "^mode: not applied \\(sshd_config does not read the drop-in\\); auto mode would choose include \\(rpm database: openssh-server 8.0p1-13.el8 understands Include\\)\$"
	run json_mode_source
	assert_output "include default auto None None detected"
}

@test "keepalive-helper status --mode says the mode came from the command line" {
	"$KA_TUNE" --root "$root" --quiet --mode include 2>/dev/null
	run "$KA_HELPER" --root "$root" --mode inline --verbose status
	assert_line "mode: include (ssh-keepalive's Include reads the drop-in, /etc/ssh/sshd_config:23); a change would make it inline (--mode inline)"
	run sh -c '"$1" --root "$2" --mode inline --json status' sh "$KA_HELPER" "$root"
	printf '%s\n' "$output" | python3 -c '
import json, sys
s = json.load(sys.stdin)["mode_source"]
assert s == {"from": "option", "setting": "inline", "file": None,
             "line": None, "detected": None}, s'
}

@test "on a live system (no --root) --mode writes /etc/sysconfig/ssh-keepalive, and the next apply reads it" {
	ka_live "$root" systemd "$KA_TUNE" --quiet --mode inline --interval 4m 2>/dev/null
	grep -qx 'MODE=inline' "$root$MODEFILE"
	run ka_live "$root" systemd "$KA_HELPER" --verbose apply
	assert_success
	assert_line "keepalive-helper: inline mode: $MODEFILE:22: MODE=inline"
	assert_line "keepalive-helper: nothing to change"
	assert_file_not_exists /etc/sysconfig/ssh-keepalive
}
