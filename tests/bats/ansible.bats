#!/usr/bin/env bats
# The Ansible role contrib/ansible/roles/ssh_keepalive, through the
# example playbook, with Debian's real ansible-core: the local connection,
# the role acting on a mock/ el9 image root (ssh_keepalive_installroot):
# the real dnf module installs our RPM from a signed repository with both
# checks on, the image's own ssh-keepalive-tune runs chrooted.
# ansible-playbook runs in a private mount namespace where the host's
# /etc and /var are overlays: whatever it wrote there (dnf's cache and
# history, an rpm database, /etc/ssh) lands in the test's upper
# directories, which must stay empty, and the host never sees it.

load ../lib/common
load ../lib/rpmroot
load ../lib/signrepo

PLAYBOOK="$KA_TOP/contrib/ansible/playbook.yml"

setup_file() {
	ka_build_packages
	export GNUPGHOME="$BATS_FILE_TMPDIR/gnupg"
	local key
	key=$(ka_gpg_key ansible-test)
	[ -n "$key" ]
	export KA_REPO="$BATS_FILE_TMPDIR/repo"
	SIGN_KEY=$key REPO_BASEURL="file://$KA_REPO" \
		"$KA_TOP/scripts/make-repo" "$KA_REPO" "$(ka_our_rpm)" >/dev/null
}

teardown_file() {
	ka_gpg_stop
}

teardown() {
	ka_gpg_stop_under "$BATS_TEST_TMPDIR"
}

setup() {
	command -v ansible-playbook >/dev/null || skip "ansible-core is not installed"
	root="$BATS_TEST_TMPDIR/root"
	ov="$BATS_TEST_TMPDIR/overlay"
	echo '%_dbpath /var/lib/rpm' >"$BATS_TEST_TMPDIR/.rpmmacros"
	ka_mkroot el9 "$root"
}

# playbook ARGS...: the example playbook on the image root, as root
# without become, in a private mount namespace over overlays of /etc and
# /var; output and status as bats's run gives them.
playbook() {
	local d
	for d in etc var; do
		mkdir -p "$ov/$d/up" "$ov/$d/work"
	done
	run unshare -m --propagation private /bin/sh -c '
		ov=$1
		shift
		for d in etc var; do
			mount -t overlay "ka-$d" -o "lowerdir=/$d,upperdir=$ov/$d/up,workdir=$ov/$d/work" "/$d" ||
				exit 90
		done
		exec "$@"' sh "$ov" \
		env HOME="$BATS_TEST_TMPDIR" ANSIBLE_ROLES_PATH="$KA_TOP/contrib/ansible/roles" \
		ANSIBLE_LOCAL_TEMP="$BATS_TEST_TMPDIR/ansible-tmp" \
		ANSIBLE_REMOTE_TEMP="$BATS_TEST_TMPDIR/ansible-remote-tmp" ANSIBLE_NOCOLOR=1 \
		ANSIBLE_RETRY_FILES_ENABLED=0 \
		ansible-playbook -i localhost, -c local "$PLAYBOOK" \
		-e ansible_become=false -e ansible_python_interpreter=/usr/bin/python3 \
		-e ssh_keepalive_installroot="$root" -e ssh_keepalive_releasever=9 \
		-e ssh_keepalive_repo_baseurl="file://$KA_REPO" "$@"
}

# recap KEY: the number after KEY= in the play recap.
recap() {
	printf '%s\n' "$output" | sed -n "s/^localhost .* $1=\\([0-9]*\\).*/\\1/p"
}

# task_result NAME: ok, changed, failed or skipping, for the task NAME.
task_result() {
	printf '%s\n' "$output" | awk -v t="TASK [ssh_keepalive : $1]" '
		index($0, t) == 1 { on = 1; next }
		on && /^(ok|changed|fatal|failed|skipping):/ { sub(/:.*/, ""); print; exit }'
}

host_untouched() {
	run find "$ov/etc/up" "$ov/var/up" -mindepth 1
	assert_output ''
}

# A stand-in for the image's ssh-keepalive-tune that records its
# arguments and answers with exit status $1 (the status report: {}).
fake_tune() {
	cat >"$root/usr/sbin/ssh-keepalive-tune" <<-EOF
		#!/bin/sh
		echo "\$*" >>/var/log/fake-tune-args
		case "\$*" in *--status*) echo '{"values": {"ClientAliveInterval": {"value": "300"},
			"ClientAliveCountMax": {"value": "3"}}, "mode": "inline"}'; exit 0 ;; esac
		echo "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
		[ "$1" -ne 5 ] || echo "ssh-keepalive-tune: ClientAliveInterval: sshd keeps using 20 from /etc/ssh/sshd_config.d/00-admin.conf:1" >&2
		exit $1
	EOF
	chmod 0755 "$root/usr/sbin/ssh-keepalive-tune"
}

@test "first run installs from the signed repository into the image and tunes it (changed); the second changes nothing (changed=0)" {
	playbook
	assert_success
	[ "$(recap changed)" -gt 0 ]
	assert_equal "$(recap failed)" 0
	run ka_rpm "$root" -q ssh-keepalive
	assert_success
	grep -Eqx 'gpgcheck ?= ?1' "$root/etc/yum.repos.d/ssh-keepalive.repo"
	grep -Eqx 'repo_gpgcheck ?= ?1' "$root/etc/yum.repos.d/ssh-keepalive.repo"
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	assert_line "clientalivecountmax 3"
	playbook
	assert_success
	assert_equal "$(recap changed)" 0
	assert_equal "$(recap failed)" 0
	assert_equal "$(task_result 'Tune ssh-keepalive')" ok
	# facts, from ssh-keepalive-tune --status --json (the example prints them)
	assert_output --partial '"msg": "ClientAliveInterval 300, ClientAliveCountMax 3, include mode"'
	# dnf's cache and history in the image, nothing on the host
	assert_file_exists "$root/var/lib/dnf/history.sqlite"
	run ls "$root/var/cache/dnf"
	assert_output --partial ssh-keepalive
	host_untouched
	# nothing asked the init system for anything
	run ka_root_calls "$root"
	assert_output ''
}

@test "--check shows the change and writes nothing: changed, the image's /etc and packages as they were" {
	local before packages
	playbook
	before=$(ka_tree_sum "$root/etc")
	packages=$(ka_rpm "$root" -qa | sort)
	playbook --check -e ssh_keepalive_interval=7m
	assert_success
	assert_equal "$(recap changed)" 1
	assert_equal "$(task_result 'Tune ssh-keepalive')" changed
	assert_equal "$(ka_tree_sum "$root/etc")" "$before"
	assert_equal "$(ka_rpm "$root" -qa | sort)" "$packages"
	host_untouched
}

@test "a package that is not signed is refused: the task fails, nothing installed" {
	local unsigned="$BATS_TEST_TMPDIR/unsigned"
	cp -a "$KA_REPO" "$unsigned"
	rm -f "$unsigned"/ssh-keepalive-*.rpm
	cp "$(ka_our_rpm)" "$unsigned/"
	createrepo_c --quiet "$unsigned"
	gpg --batch --yes --armor --detach-sign --output "$unsigned/repodata/repomd.xml.asc" \
		"$unsigned/repodata/repomd.xml"
	playbook -e ssh_keepalive_repo_baseurl="file://$unsigned"
	assert_failure
	assert_output --partial "Failed to validate GPG signature"
	run ka_rpm "$root" -q ssh-keepalive
	assert_failure
}

@test "ssh_keepalive_mode is passed as --mode, recorded in the image, and lasts" {
	playbook -e ssh_keepalive_mode=inline
	assert_success
	grep -qx 'MODE=inline' "$root/etc/sysconfig/ssh-keepalive"
	run chroot "$root" /usr/libexec/ssh-keepalive/keepalive-helper apply
	assert_line "keepalive-helper: nothing to change"
	playbook -e ssh_keepalive_mode=inline
	assert_equal "$(recap changed)" 0
}

@test "--nat-timeout is passed only when ssh_keepalive_nat_timeout is set" {
	ka_rpm "$root" -i "$(ka_our_rpm)"
	fake_tune 0
	playbook
	assert_success
	run cat "$root/var/log/fake-tune-args"
	assert_line "--interval 5m --count-max 3"
	refute_output --partial -- --nat-timeout
	playbook -e ssh_keepalive_nat_timeout=350
	run cat "$root/var/log/fake-tune-args"
	assert_line "--count-max 3 --nat-timeout 350"
}

@test "exit 5 (written, but sshd keeps using another value): changed and a warning" {
	ka_rpm "$root" -i "$(ka_our_rpm)"
	fake_tune 5
	playbook
	assert_success
	assert_equal "$(task_result 'Tune ssh-keepalive')" changed
	assert_equal "$(recap failed)" 0
	assert_output --partial "ssh-keepalive-tune exit 5: written, but sshd keeps using another value"
	assert_output --partial "sshd keeps using 20 from /etc/ssh/sshd_config.d/00-admin.conf:1"
}

@test "exit 5 with ssh_keepalive_fail_when_shadowed=true fails the play" {
	ka_rpm "$root" -i "$(ka_our_rpm)"
	fake_tune 5
	playbook -e ssh_keepalive_fail_when_shadowed=true
	assert_failure
	assert_equal "$(recap failed)" 1
	assert_equal "$(task_result 'Tune ssh-keepalive')" fatal
}

@test "any other exit status fails the task" {
	ka_rpm "$root" -i "$(ka_our_rpm)"
	fake_tune 3
	playbook
	assert_failure
	assert_equal "$(recap failed)" 1
	assert_equal "$(task_result 'Tune ssh-keepalive')" fatal
}

@test "the role never restarts or reloads sshd: no service or systemd task, no systemctl" {
	# the tasks, comments left out
	run sh -c 'grep -vE "^[[:space:]]*#" "$1" |
		grep -E "ansible\.builtin\.(service|systemd|systemd_service|sysvinit|reboot)|systemctl|[^_-]service|restart"' \
		sh "$KA_TOP/contrib/ansible/roles/ssh_keepalive/tasks/main.yml"
	assert_output ''
}

@test "--check on an image without the package: the run succeeds, shows the install as changed, and writes nothing" {
	local before
	# the rpm database's sqlite shared memory (-shm) changes on every read
	before=$(ka_tree_sum "$root" | grep -v 'rpmdb\.sqlite-shm$')
	playbook --check
	assert_success
	assert_equal "$(recap failed)" 0
	[ "$(recap changed)" -gt 0 ]
	assert_equal "$(task_result 'The ssh-keepalive package (check mode)')" changed
	assert_equal "$(ka_tree_sum "$root" | grep -v 'rpmdb\.sqlite-shm$')" "$before"
	refute [ -e "$root/etc/yum.repos.d" ]
	host_untouched
}

@test "ssh_keepalive_nat_timeout with the example playbook: the interval is derived from it, not also passed as --interval" {
	playbook -e ssh_keepalive_nat_timeout=350
	assert_success
	assert_equal "$(recap failed)" 0
	run chroot "$root" /usr/sbin/ssh-keepalive-tune --status --json
	assert_success
	assert_output --partial '"nat_timeout":{"timeout":350,"interval":315'
}

@test "ssh_keepalive_nat_timeout and ssh_keepalive_interval both set: one clear failure before anything is installed or written" {
	local before
	before=$(ka_tree_sum "$root")
	playbook -e ssh_keepalive_nat_timeout=350 -e ssh_keepalive_interval=300
	assert_failure
	assert_equal "$(recap failed)" 1
	assert_output --partial "ssh_keepalive_nat_timeout (350) picks ClientAliveInterval itself: leave ssh_keepalive_interval (300) empty"
	assert_equal "$(ka_tree_sum "$root")" "$before"
	host_untouched
}

@test "a bad value of each variable: one clear failure naming it, before anything is installed or written" {
	local before kv
	before=$(ka_tree_sum "$root")
	for kv in ssh_keepalive_interval=bogus ssh_keepalive_interval=25h \
		ssh_keepalive_count_max=-1 ssh_keepalive_count_max=many ssh_keepalive_count_max=1001 \
		ssh_keepalive_nat_timeout=soon ssh_keepalive_mode=Inline ssh_keepalive_mode=bogus \
		ssh_keepalive_installroot=relative/dir ssh_keepalive_repo_baseurl=repo.example.com \
		ssh_keepalive_no_reload=maybe ssh_keepalive_fail_when_shadowed=maybe; do
		playbook -e "$kv"
		assert_failure
		assert_equal "$(recap failed)" 1
		assert_output --partial "${kv%%=*} '${kv#*=}': "
		assert_output --partial "nothing was changed"
		assert_equal "$(ka_tree_sum "$root")" "$before"
		host_untouched
	done
}

@test "--check after a run with the same values: nothing to change, changed=0" {
	playbook
	assert_success
	playbook --check
	assert_success
	assert_equal "$(recap changed)" 0
	assert_equal "$(task_result 'Tune ssh-keepalive')" ok
	assert_output --partial '"msg": "ClientAliveInterval 300, ClientAliveCountMax 3, include mode"'
}

@test "a value from the inventory (a host variable) beats the example's own: the example's values are playbook group_vars, not role parameters" {
	printf 'localhost ssh_keepalive_count_max=5\n' >"$BATS_TEST_TMPDIR/inventory"
	playbook -i "$BATS_TEST_TMPDIR/inventory"
	assert_success
	run ka_root_values "$root"
	assert_line "clientaliveinterval 300"
	assert_line "clientalivecountmax 5"
}
