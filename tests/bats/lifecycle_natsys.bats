#!/usr/bin/env bats
# NAT_TIMEOUT laid down before the package, through real rpm
# transactions in mock/ roots: the README's kickstart and cloud-init
# examples, exactly as written there, are carried out on a root (the
# kickstart's %pre-install with /mnt/sysroot being the root, cloud-init's
# write_files), then rpm -i: the first %post derives the interval for
# the root's release; an openssh-server update re-derives it.

load ../lib/common
load ../lib/rpmroot

DROPIN=etc/ssh/sshd_config.d/01-keepalive.conf
SYSCONF=etc/sysconfig/ssh-keepalive

setup_file() {
	ka_build_packages
}

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

openssh_rpm() {
	ls "$KA_PKGS"/RPMS/*/openssh-server-"$1".*.rpm
}

interval() {
	sed -n 's/^ClientAliveInterval //p' "$root/$DROPIN"
}

# readme_example NAME: the fenced block after the README's
# "<!-- tested: tests/bats/lifecycle_natsys.bats (NAME) -->" line.
readme_example() {
	awk -v m="<!-- tested: tests/bats/lifecycle_natsys.bats ($1) -->" '
		$0 == m { found = 1; next }
		found && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }' "$KA_TOP/README.md"
}

# The kickstart's %pre-install, run with the root as /mnt/sysroot.
kickstart_pre_install() {
	readme_example kickstart | awk '/^%pre-install/ { on = 1; next }
		on && /^%end/ { exit } on { print }' |
		sed "s#/mnt/sysroot#$root#g" | sh -e
}

# cloud-init's write_files into the root.
cloud_init_write_files() {
	readme_example cloud-init | python3 -c '
import os, sys, yaml
root = sys.argv[1]
doc = yaml.safe_load(sys.stdin)
assert "ssh-keepalive" in doc["packages"], doc
for f in doc["write_files"]:
    path = root + f["path"]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(f["content"])
    os.chmod(path, int(f["permissions"], 8))
' "$root"
}

@test "the README's kickstart example: NAT_TIMEOUT=350 before rpm -i on RHEL 9 (8.7p1) gives 315; openssh-server 9.3p1 then 157, and back" {
	readme_example kickstart | grep -qx 'ssh-keepalive'
	ka_mkroot el9 "$root"
	kickstart_pre_install
	assert_equal "$(cat "$root/$SYSCONF")" "NAT_TIMEOUT=350"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 315
	grep -q '^# nat-timeout 350: ClientAliveInterval 315 ' "$root/$DROPIN"
	assert_equal "$(cat "$root/$SYSCONF")" "NAT_TIMEOUT=350"
	assert_file_exists "$root/$SYSCONF.rpmnew"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 315"
	run ka_rpm "$root" -U "$(openssh_rpm 9.3p1-9.fc39)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 157
	grep -q '^# nat-timeout 350: ClientAliveInterval 157 ' "$root/$DROPIN"
	run ka_rpm "$root" -U --oldpackage "$(openssh_rpm 8.7p1-38.el9)"
	assert_success
	assert_equal "$(interval)" 315
	run ka_root_calls "$root"
	refute_output --partial reload
}

@test "the README's cloud-init example: NAT_TIMEOUT=4m before rpm -i on Fedora 39 (9.3p1) gives 108; openssh-server 8.7p1 then 216; an upgrade of ours keeps it" {
	ka_mkroot fc39 "$root"
	cloud_init_write_files
	assert_equal "$(stat -c %a "$root/$SYSCONF")" 644
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 108
	run ka_rpm "$root" -U --oldpackage "$(openssh_rpm 8.7p1-38.el9)"
	assert_success
	assert_equal "$(interval)" 216
	run ka_rpm "$root" -U "$(ka_our_rpm 2)"
	assert_success
	refute_output --partial "ssh-keepalive: warning"
	assert_equal "$(interval)" 216
	assert_equal "$(cat "$root/$SYSCONF")" "NAT_TIMEOUT=4m"
}

@test "a bad NAT_TIMEOUT laid down before rpm -i: the %post warns naming the file and line, the transaction succeeds, sshd_config is as sshd accepts it" {
	ka_mkroot el9 "$root"
	cp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	mkdir -p "$root/etc/sysconfig"
	printf 'NAT_TIMEOUT=5 m\n' >"$root/$SYSCONF"
	run ka_rpm "$root" -i "$(ka_our_rpm)"
	assert_success
	assert_line --partial "keepalive-helper: /etc/sysconfig/ssh-keepalive:1: NAT_TIMEOUT=5 m: not one value"
	assert_line --partial "ssh-keepalive: warning: the keepalive settings were not applied"
	cmp "$root/etc/ssh/sshd_config" "$BATS_TEST_TMPDIR/stock"
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
	# corrected, the next apply derives it
	printf 'NAT_TIMEOUT=5m\n' >"$root/$SYSCONF"
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --apply
	assert_success
	assert_equal "$(interval)" 270
}

@test "the tune in the root: --nat-timeout writes NAT_TIMEOUT, --reset drops it with the record; erase keeps the file as .rpmsave" {
	ka_mkroot el9 "$root"
	ka_rpm "$root" -i "$(ka_our_rpm)"
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --nat-timeout 350
	assert_equal "$(tail -n 1 "$root/$SYSCONF")" "NAT_TIMEOUT=350"
	assert_equal "$(interval)" 315
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --reset
	run grep -c '^NAT_TIMEOUT' "$root/$SYSCONF"
	assert_output 0
	assert_equal "$(interval)" 600
	chroot "$root" /usr/sbin/ssh-keepalive-tune --quiet --nat-timeout 350
	run ka_rpm "$root" -e ssh-keepalive
	assert_success
	grep -qx 'NAT_TIMEOUT=350' "$root/$SYSCONF.rpmsave"
}
