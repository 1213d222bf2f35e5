# golden.bash - golden, idempotence and reversibility checks for an edit
#
# For fixture SET/NAME and OP (include or inline) the golden files are
#   tests/golden/SET/NAME.OP            the candidate sshd_config
#   tests/golden/SET/NAME.OP.effective  ka-engine effective on the result
#   tests/golden/SET/NAME.OP.err        instead: the one error line
#   tests/golden/SET/NAME.OP.sha256     instead of .OP past 64 KiB
# KA_UPDATE_GOLDEN=1 writes them instead of comparing (review the diff).

ka_golden_compare() {
	local got=$1 want=$2
	# outputs over 64 KiB (the 1 MiB line) are kept as a SHA-256 digest
	if [ "$(stat -c %s "$got")" -gt 65536 ]; then
		sha256sum <"$got" | cut -d' ' -f1 >"$got.sha256"
		got=$got.sha256 want=$want.sha256
	fi
	if [ "${KA_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "${want%/*}"
		cp "$got" "$want"
		return 0
	fi
	[ -f "$want" ] || fail "no golden file $want"
	if ! cmp -s "$got" "$want"; then
		diff -u "$want" "$got" | head -40
		fail "$got differs from golden $want"
	fi
}

ka_check_error_golden() {
	local fx=$1 op=$2 root=$3 golden=$4 before
	before=$(ka_tree_sum "$root")
	run ka_engine_op "$root" "$op"
	assert_failure 1
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/err"
	ka_golden_compare "$BATS_TEST_TMPDIR/err" "$golden.err"
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

# ka_check_edit SET/NAME OP
ka_check_edit() {
	local fx=$1 op=$2 root="$BATS_TEST_TMPDIR/root"
	local golden="$KA_GOLDEN/$fx.$op" t="$BATS_TEST_TMPDIR"
	ka_make_root "$fx" "$root"
	if [ -f "$golden.err" ] || { [ "${KA_UPDATE_GOLDEN:-0}" = 1 ] &&
		! ka_engine_op "$root" "$op" >/dev/null 2>&1; }; then
		ka_check_error_golden "$fx" "$op" "$root" "$golden"
		return
	fi
	ka_engine_op "$root" "$op" >"$t/once" || fail "$op failed"
	ka_golden_compare "$t/once" "$golden"

	cp "$t/once" "$root/etc/ssh/sshd_config"
	ka_engine_op "$root" "$op" >"$t/twice" || fail "second $op failed"
	cmp -s "$t/once" "$t/twice" || fail "applying twice differs from once"

	"$KA_ENGINE" --root "$root" effective /etc/ssh/sshd_config \
		>"$t/effective" || fail "effective failed"
	ka_golden_compare "$t/effective" "$golden.effective"

	ka_engine_op "$root" remove >"$t/removed" || fail "remove failed"
	ka_original_without_ours "$fx" >"$t/original"
	cmp -s "$t/removed" "$t/original" ||
		fail "remove after $op does not give back the original bytes"
}

# The fixture's bytes; for a fixture that already holds a block of ours,
# the fixture with that block taken out.
ka_original_without_ours() {
	local f root="$BATS_TEST_TMPDIR/orig-root"
	f=$(ka_fixture_path "$1")
	if ! grep -q '^# BEGIN ssh-keepalive' "$f"; then
		cat "$f"
		return
	fi
	ka_make_root "$1" "$root"
	ka_engine_op "$root" remove
}
