# signrepo.bash - a throwaway signing key and signed repositories
#
# The key lives in this test file's own GNUPGHOME (never the host's
# keyring), RSA as EL's rpm wants, without a passphrase (%no-protection).
# Call ka_gpg_stop from teardown_file: it ends the gpg-agent that gpg
# started for that GNUPGHOME, and only it.

# ka_gpg_key NAME: make a key; its fingerprint on stdout.  The first call
# sets up GNUPGHOME=$BATS_FILE_TMPDIR/gnupg (export it in setup_file).
ka_gpg_key() {
	local params="$BATS_FILE_TMPDIR/key-$1.params"
	mkdir -p -m 0700 "$GNUPGHOME"
	cat >"$params" <<-EOF
		%no-protection
		Key-Type: RSA
		Key-Length: 3072
		Key-Usage: sign
		Name-Real: ssh-keepalive $1
		Name-Email: $1@ssh-keepalive.invalid
		Expire-Date: 1d
		%commit
	EOF
	gpg --batch --quiet --gen-key "$params" 2>/dev/null || return
	gpg --batch --with-colons --list-secret-keys "$1@ssh-keepalive.invalid" |
		awk -F: '$1 == "fpr" { print $10; exit }'
}

ka_gpg_stop() {
	gpgconf --kill gpg-agent 2>/dev/null || true
}

# ka_gpg_stop_under DIR: end the gpg-agents that dnf's librepo started
# for the keyrings of repo_gpgcheck (a "pubring" directory in each
# repository's cache) under DIR, and only them.
ka_gpg_stop_under() {
	local d
	find "$1" -type d -name pubring 2>/dev/null | while read -r d; do
		gpgconf --homedir "$d" --kill gpg-agent 2>/dev/null || true
	done
}
