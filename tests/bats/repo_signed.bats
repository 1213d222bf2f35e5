#!/usr/bin/env bats
# A repository fleets can trust: make repo SIGN_KEY=... signs the RPMs
# (rpmsign --addsign) and repodata/repomd.xml (repomd.xml.asc), exports
# the public key and writes ssh-keepalive.repo with gpgcheck=1 and
# repo_gpgcheck=1.  The real dnf installs from it into a mock/ root with
# both checks on, and refuses a tampered package, an unsigned package and
# a repomd.xml changed after signing.  The key is a throwaway one made
# here, in this file's own GNUPGHOME; the host's keyring is never used.

load ../lib/common
load ../lib/rpmroot
load ../lib/signrepo

setup_file() {
	ka_build_packages
	export GNUPGHOME="$BATS_FILE_TMPDIR/gnupg"
	KA_KEY=$(ka_gpg_key test-signing-key)
	# another key, as an attacker's
	KA_OTHER_KEY=$(ka_gpg_key someone-else)
	export KA_KEY KA_OTHER_KEY
	[ -n "$KA_KEY" ] && [ -n "$KA_OTHER_KEY" ]
	KA_SIGNED="$BATS_FILE_TMPDIR/signed"
	KA_UNSIGNED="$BATS_FILE_TMPDIR/unsigned"
	export KA_SIGNED KA_UNSIGNED
	ka_make_locked repo SIGN_KEY="$KA_KEY" REPO_DIR="$KA_SIGNED" \
		REPO_BASEURL="https://repo.example.com/ssh-keepalive" >/dev/null 2>&1
	ka_make_locked repo REPO_DIR="$KA_UNSIGNED" >/dev/null 2>&1
}

teardown_file() {
	ka_gpg_stop
}

teardown() {
	ka_gpg_stop_under "$BATS_TEST_TMPDIR"
	# gpg removes its output when signing fails: never /dev/null
	[ -c /dev/null ] || {
		echo "# /dev/null is no longer a device" >&3
		return 1
	}
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
	repo="$BATS_TEST_TMPDIR/repo"
	echo '%_dbpath /var/lib/rpm' >"$BATS_TEST_TMPDIR/.rpmmacros"
}

# use_repo DIR: a copy of DIR at $repo, and a reposdir whose
# ssh-keepalive.repo (the one make repo wrote) points at the copy.
use_repo() {
	cp -a "$1" "$repo"
	mkdir -p "$BATS_TEST_TMPDIR/repos.d"
	sed "s,https://repo.example.com/ssh-keepalive,file://$repo," \
		"$KA_SIGNED/ssh-keepalive.repo" >"$BATS_TEST_TMPDIR/repos.d/ssh-keepalive.repo"
}

# dnf_install: the real dnf, both checks on (from the .repo file), into
# a fresh el9 root; nothing of the host's dnf or rpm configuration.
dnf_install() {
	ka_mkroot el9 "$root"
	run env HOME="$BATS_TEST_TMPDIR" dnf -y --installroot="$root" --releasever=9 \
		--setopt=reposdir="$BATS_TEST_TMPDIR/repos.d" \
		--setopt=cachedir="$BATS_TEST_TMPDIR/dnf-cache" \
		--setopt=install_weak_deps=False --disablerepo='*' \
		--enablerepo=ssh-keepalive install ssh-keepalive
}

not_installed() {
	run ka_rpm "$root" -q ssh-keepalive
	assert_failure
	assert_file_not_exists "$root/usr/sbin/ssh-keepalive-tune"
}

# sign_repomd: repomd.xml signed again, as a repository owner would.
sign_repomd() {
	gpg --batch --yes --local-user "$KA_KEY" --armor --detach-sign \
		--output "$repo/repodata/repomd.xml.asc" "$repo/repodata/repomd.xml"
}

@test "make repo SIGN_KEY=... signs every package with that key" {
	local db="$BATS_TEST_TMPDIR/rpmdb"
	run rpm -qp --qf '%{SIGPGP:pgpsig}|%{RSAHEADER:pgpsig}\n' "$KA_SIGNED"/ssh-keepalive-*.rpm
	assert_success
	assert_output --partial "Key ID $(printf %s "${KA_KEY: -16}" | tr A-F a-f)"
	mkdir -p "$db"
	HOME="$BATS_TEST_TMPDIR" rpmkeys --dbpath "$db" --import "$KA_SIGNED/RPM-GPG-KEY-ssh-keepalive"
	run env HOME="$BATS_TEST_TMPDIR" rpmkeys --dbpath "$db" --checksig "$KA_SIGNED"/ssh-keepalive-*.rpm
	assert_success
	assert_output --regexp ': digests signatures OK$'
}

@test "make repo SIGN_KEY=... signs repodata/repomd.xml (detached, armored) and exports the public key" {
	run head -n 1 "$KA_SIGNED/repodata/repomd.xml.asc"
	assert_output -- "-----BEGIN PGP SIGNATURE-----"
	run gpg --batch --verify "$KA_SIGNED/repodata/repomd.xml.asc" "$KA_SIGNED/repodata/repomd.xml"
	assert_success
	assert_output --partial "Good signature"
	run gpg --batch --with-colons --show-keys "$KA_SIGNED/RPM-GPG-KEY-ssh-keepalive"
	assert_line --regexp "^fpr:+$KA_KEY:\$"
	refute_output --partial "sec:"
}

@test "make repo SIGN_KEY=... writes a ready ssh-keepalive.repo from REPO_BASEURL" {
	run cat "$KA_SIGNED/ssh-keepalive.repo"
	assert_output "[ssh-keepalive]
name=ssh-keepalive
baseurl=https://repo.example.com/ssh-keepalive/
enabled=1
gpgcheck=1
repo_gpgcheck=1
gpgkey=https://repo.example.com/ssh-keepalive/RPM-GPG-KEY-ssh-keepalive"
}

@test "make repo without SIGN_KEY works as before: unsigned packages, no signature, key or .repo file" {
	run rpm -qp --qf '%{RSAHEADER:pgpsig}\n' "$KA_UNSIGNED"/ssh-keepalive-*.rpm
	assert_output "(none)"
	assert_file_exists "$KA_UNSIGNED/repodata/repomd.xml"
	assert_file_not_exists "$KA_UNSIGNED/repodata/repomd.xml.asc"
	assert_file_not_exists "$KA_UNSIGNED/RPM-GPG-KEY-ssh-keepalive"
	assert_file_not_exists "$KA_UNSIGNED/ssh-keepalive.repo"
}

@test "make repo with a SIGN_KEY that gpg does not have stops with one clear line" {
	run ka_make_locked repo SIGN_KEY=0000000000000000 REPO_DIR="$BATS_TEST_TMPDIR/nokey"
	assert_failure
	assert_line --partial "make-repo: no secret key '0000000000000000' in $GNUPGHOME"
}

@test "dnf --installroot installs from the signed repository with gpgcheck=1 and repo_gpgcheck=1" {
	use_repo "$KA_SIGNED"
	grep -qx 'gpgcheck=1' "$BATS_TEST_TMPDIR/repos.d/ssh-keepalive.repo"
	grep -qx 'repo_gpgcheck=1' "$BATS_TEST_TMPDIR/repos.d/ssh-keepalive.repo"
	dnf_install
	assert_success
	assert_output --partial "Key imported successfully"
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
	run ka_rpm "$root" -q gpg-pubkey --qf '%{VERSION}\n'
	assert_output "$(printf '%s' "${KA_KEY: -8}" | tr 'A-F' 'a-f')"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 600"
}

@test "dnf refuses a tampered package (a byte of its header changed, repodata and repomd.xml.asc made again)" {
	local f off
	use_repo "$KA_SIGNED"
	f=$(ls "$repo"/ssh-keepalive-*.rpm)
	# a byte of the description, in the signed header: only the
	# package's signature is wrong, the repository's metadata is right
	off=$(grep -obUa 'Idle SSH sessions die' "$f" | head -n 1 | cut -d: -f1)
	[ -n "$off" ]
	printf 'J' | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
	createrepo_c --quiet "$repo"
	sign_repomd
	dnf_install
	assert_failure
	assert_line "Problem opening package ${f##*/}"
	assert_line "Error: GPG check FAILED"
	not_installed
}

@test "dnf refuses a package signed with another key, in a repository signed with ours" {
	use_repo "$KA_SIGNED"
	cp "$KA_UNSIGNED"/ssh-keepalive-*.rpm "$repo/"
	GPG_TTY=/dev/null rpmsign --addsign --define "__gpg $(command -v gpg)" \
		--define "_gpg_name $KA_OTHER_KEY" "$repo"/ssh-keepalive-*.rpm >/dev/null
	createrepo_c --quiet "$repo"
	sign_repomd
	dnf_install
	assert_failure
	assert_line "Error: GPG check FAILED"
	not_installed
}

@test "dnf refuses an unsigned package in a signed repository" {
	use_repo "$KA_SIGNED"
	cp "$KA_UNSIGNED"/ssh-keepalive-*.rpm "$repo/"
	createrepo_c --quiet "$repo"
	sign_repomd
	dnf_install
	assert_failure
	assert_line "Package $(basename "$KA_UNSIGNED"/ssh-keepalive-*.rpm) is not signed"
	assert_line "Error: GPG check FAILED"
	not_installed
}

@test "dnf refuses a repomd.xml changed after it was signed" {
	use_repo "$KA_SIGNED"
	sed -i 's,<revision>,<revision>1,' "$repo/repodata/repomd.xml"
	dnf_install
	assert_failure
	assert_line --partial "repomd.xml GPG signature verification error: Bad GPG signature"
	not_installed
}

@test "the host's keyring is never touched: the key lives in this file's GNUPGHOME" {
	assert_equal "$GNUPGHOME" "$BATS_FILE_TMPDIR/gnupg"
	assert_file_not_exists "$HOME/.gnupg/pubring.kbx.ka-test"
	run env -u GNUPGHOME HOME="$BATS_TEST_TMPDIR" gpg --batch --list-secret-keys "$KA_KEY"
	assert_failure
}

# remake OUTDIR [gpg key]: scripts/make-repo (what make repo runs) into
# OUTDIR, with no terminal, as from cron or CI; bounded by a timeout.
remake() {
	run env SIGN_KEY="${2:-}" REPO_BASEURL=https://repo.example.com/ssh-keepalive \
		timeout 120 "$KA_TOP/scripts/make-repo" "$1" "$(ka_our_rpm)" </dev/null
}

# ka_gpg_key_with NAME PARAM...: a key with extra gen-key parameters
# (Passphrase: ...), its fingerprint on stdout; gpg's own options first.
ka_gpg_key_with() {
	local name=$1 params="$BATS_TEST_TMPDIR/key-$1.params"
	shift
	cat >"$params" <<-EOF
		Key-Type: RSA
		Key-Length: 2048
		Key-Usage: sign
		Name-Real: ssh-keepalive $name
		Name-Email: $name@ssh-keepalive.invalid
		Expire-Date: 1d
	EOF
	printf '%s\n' "$@" >>"$params"
	echo '%commit' >>"$params"
	gpg --batch --quiet ${KA_GPG_OPTS:-} --pinentry-mode loopback --gen-key "$params" 2>/dev/null || return
	gpg --batch --with-colons --list-secret-keys "$name@ssh-keepalive.invalid" |
		awk -F: '$1 == "fpr" { print $10; exit }'
}

@test "make repo run twice replaces the repository with a complete one, and leaves nothing beside it" {
	local out="$BATS_TEST_TMPDIR/pub/repo"
	remake "$out" "$KA_KEY"
	assert_success
	remake "$out" "$KA_KEY"
	assert_success
	assert_file_exists "$out/repodata/repomd.xml.asc"
	assert_file_exists "$out/RPM-GPG-KEY-ssh-keepalive"
	run grep -x 'baseurl=https://repo.example.com/ssh-keepalive/' "$out/ssh-keepalive.repo"
	assert_success
	run ls -A "$BATS_TEST_TMPDIR/pub"
	assert_output repo
}

@test "make repo with a key whose passphrase nobody can give (no terminal) fails at once; the repository made before is left as it was" {
	local out="$BATS_TEST_TMPDIR/repo" key before
	key=$(ka_gpg_key_with locked 'Passphrase: secret')
	[ -n "$key" ]
	gpgconf --kill gpg-agent # no passphrase cached
	remake "$out" "$KA_KEY"
	assert_success
	before=$(ka_tree_sum "$out")
	remake "$out" "$key"
	assert_equal "$status" 1
	assert_output --partial "make-repo: cannot sign with '$key'"
	assert_output --partial "nothing changed"
	assert_equal "$(ka_tree_sum "$out")" "$before"
	run ls -A "$BATS_TEST_TMPDIR"
	refute_output --partial "repo.new"
}

@test "make repo with an expired key fails with one clear line; the repository made before is left as it was" {
	local out="$BATS_TEST_TMPDIR/repo" key before
	key=$(KA_GPG_OPTS='--faked-system-time 20200101T000000' ka_gpg_key_with expired '%no-protection')
	[ -n "$key" ]
	remake "$out" "$KA_KEY"
	assert_success
	before=$(ka_tree_sum "$out")
	remake "$out" "$key"
	assert_equal "$status" 1
	assert_output --partial "make-repo: cannot sign with '$key' (expired or revoked"
	assert_equal "$(ka_tree_sum "$out")" "$before"
}

@test "make repo into a directory that holds other files is refused: nothing there is removed" {
	local out="$BATS_TEST_TMPDIR/www" before
	mkdir -p "$out/other-repo/repodata"
	echo '<html>' >"$out/index.html"
	echo x >"$out/other-repo/repodata/repomd.xml"
	before=$(ka_tree_sum "$out")
	remake "$out" "$KA_KEY"
	assert_equal "$status" 1
	assert_output --partial "not empty and not a repository"
	assert_equal "$(ka_tree_sum "$out")" "$before"
}
