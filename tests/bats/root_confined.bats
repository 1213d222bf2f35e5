#!/usr/bin/env bats
# --root never leaves the image: every path component resolves inside the
# root as chroot(2) would see it (absolute links restart at the root, `..`
# stops there), for every read, write, lock, temp and probe file, the
# drop-in directory, the rpm database and the Include globs.
#
# Each case turns one component of an image into a symbolic link whose
# target means one file inside the image (as chroot sees it) and another
# one on the host: a decoy under $BATS_TEST_TMPDIR (never the host's own
# /etc).  The four commands must read and write the file inside the image
# and leave every decoy byte for byte (and every decoy directory's mtime)
# as it was.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/live
load ../lib/rpmdb
load ../lib/sshd

setup() {
	T=$BATS_TEST_TMPDIR
	img="$T/img"
	decoy="$T/decoy"
	tpl="$T/tpl"
	# the image: EL9's stock sshd_config (it includes sshd_config.d/*.conf),
	# no sshd, no rpm database: nothing validates, inline mode
	make_tree "$img" 123 4 5 no
	# what the decoys hold: other values, so that a read of one shows
	make_tree "$tpl" 999 99 55 yes
}

# make_tree DIR INTERVAL COUNT MAIN_COUNT TCP: an EL9-like tree whose
# drop-in sets INTERVAL and COUNT, whose sshd_config starts with
# ClientAliveCountMax MAIN_COUNT and whose /etc/sysconfig/sshd passes
# -o TCPKeepAlive=TCP.
make_tree() {
	ka_make_system rhel9 "$1"
	printf 'ClientAliveInterval %s\nClientAliveCountMax %s\n' "$2" "$3" \
		>"$1/etc/ssh/sshd_config.d/01-keepalive.conf"
	{ printf 'ClientAliveCountMax %s\n' "$4"; cat "$1/etc/ssh/sshd_config"; } \
		>"$1/etc/ssh/sshd_config.new"
	mv "$1/etc/ssh/sshd_config.new" "$1/etc/ssh/sshd_config"
	mkdir -p "$1/etc/sysconfig"
	printf 'OPTIONS="-o TCPKeepAlive=%s"\n' "$5" >"$1/etc/sysconfig/sshd"
}

# snap DIR: names, types, modes, sizes, mtimes and link targets of
# everything under DIR, and the digest of every file.  A directory's mtime
# shows a file made and removed in it (a temp or probe file).
snap() {
	(cd "$1" && find . -printf '%y %m %T@ %s %p -> %l\n' | LC_ALL=C sort &&
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

# contents DIR: the same without mtimes (a dry run makes and removes its
# temp files beside the targets inside the image, to validate them).
contents() {
	(cd "$1" && find . -printf '%y %m %s %p -> %l\n' | LC_ALL=C sort &&
		ka_tree_sum .)
}

# dots N: N times "../".
dots() {
	local i s=
	for ((i = 0; i < $1; i++)); do s="$s../"; done
	printf '%s' "$s"
}

# link_component COMP KIND: replace $img/COMP by a link of KIND; set
# $inside (where COMP now is, as chroot sees the link) and put a decoy
# where the host would see it.
#   abs       /T/decoy/COMP        (chroot: IMG/T/decoy/COMP)
#   rel       ../../decoy/COMP     climbs above the image on the host
#   dotdot    /../../../T/decoy/COMP
#   physical  hop/../BASE with hop -> /T/decoy/deep/down: `..` after a
#             link is the link target's parent, not the link's directory
link_component() {
	local comp=$1 kind=$2 depth target host base
	depth=$(($(tr -cd / <<<"$comp" | wc -c)))
	base=${comp##*/}
	case $kind in
	abs) target="$decoy/$comp" host="$decoy/$comp" inside="$img$decoy/$comp" ;;
	rel) target="$(dots $((depth + 1)))decoy/$comp" host="$decoy/$comp"
		inside="$img/decoy/$comp" ;;
	dotdot) target="/../../../..$decoy/$comp" host="$decoy/$comp"
		inside="$img$decoy/$comp" ;;
	physical) target="hop/../$base" host="$decoy/deep/$base"
		inside="$img$decoy/deep/$base"
		mkdir -p "$decoy/deep/down" "$img$decoy/deep/down"
		ln -s "$decoy/deep/down" "$(dirname "$img/$comp")/hop" ;;
	esac
	mkdir -p "$(dirname "$host")" "$(dirname "$inside")"
	cp -a "$tpl/$comp" "$host"
	mv "$img/$comp" "$inside"
	ln -s "$target" "$img/$comp"
}

# where FILE (a path inside the image, without the leading /) really is
in_image() {
	case $1 in
	"$comp") printf '%s\n' "$inside" ;;
	"$comp"/*) printf '%s\n' "$inside/${1#"$comp"/}" ;;
	*) printf '%s\n' "$img/$1" ;;
	esac
}

# confined COMP KIND: the four commands on an image whose COMP is a link
# of KIND.
confined() {
	comp=$1
	link_component "$1" "$2"
	local before dropin main
	before=$(snap "$T/decoy")
	dropin=$(in_image etc/ssh/sshd_config.d/01-keepalive.conf)
	main=$(in_image etc/ssh/sshd_config)

	run "$KA_TUNE" --root "$img" --status
	assert_success
	assert_line --regexp '^ClientAliveInterval +123 \(from /etc/ssh/sshd_config.d/01-keepalive.conf:1'
	assert_line --regexp '^ClientAliveCountMax +5 \(from /etc/ssh/sshd_config:1\)'
	assert_line --regexp '^TCPKeepAlive +no \(-o in OPTIONS'
	assert_equal "$(snap "$T/decoy")" "$before"

	local img_before
	img_before=$(contents "$img")
	run "$KA_TUNE" --root "$img" --interval 7m --dry-run
	assert_success
	assert_line -- "-ClientAliveInterval 123"
	assert_line -- "+ClientAliveInterval 420"
	assert_equal "$(snap "$T/decoy")" "$before"
	assert_equal "$(contents "$img")" "$img_before"

	run "$KA_HELPER" --root "$img" apply
	assert_success
	assert_line "keepalive-helper: /etc/ssh/sshd_config: updated"
	run sed -n '/^# BEGIN ssh-keepalive/,/^# END/p' "$main"
	assert_line "ClientAliveInterval 123"
	assert_equal "$(snap "$T/decoy")" "$before"

	run "$KA_TUNE" --root "$img" --interval 7m
	assert_success
	grep -qx 'ClientAliveInterval 420' "$dropin"
	run sed -n '/^# BEGIN ssh-keepalive/,/^# END/p' "$main"
	assert_line "ClientAliveInterval 420"
	assert_equal "$(snap "$T/decoy")" "$before"
	# the links are still links, written through
	assert [ -L "$img/$comp" ]
	run find "$img" "$T/decoy" -name '.*.ka-*' -o -name '.ssh-keepalive-probe.*'
	assert_output ""
}

@test "an absolute /etc link: reads and writes stay inside the image" { confined etc abs; }
@test "a relative /etc link that climbs out with ..: stays inside" { confined etc rel; }
@test "an /etc link to /../../..: .. stops at the image's root" { confined etc dotdot; }
@test "an /etc link through another link and ..: resolved as chroot does" { confined etc physical; }

@test "an absolute /etc/ssh link: reads and writes stay inside the image" { confined etc/ssh abs; }
@test "a relative /etc/ssh link that climbs out with ..: stays inside" { confined etc/ssh rel; }
@test "an /etc/ssh link to /../../..: .. stops at the image's root" { confined etc/ssh dotdot; }
@test "an /etc/ssh link through another link and ..: resolved as chroot does" { confined etc/ssh physical; }

@test "an absolute sshd_config.d link: reads and writes stay inside the image" { confined etc/ssh/sshd_config.d abs; }
@test "a relative sshd_config.d link that climbs out with ..: stays inside" { confined etc/ssh/sshd_config.d rel; }
@test "an sshd_config.d link to /../../..: .. stops at the image's root" { confined etc/ssh/sshd_config.d dotdot; }
@test "an sshd_config.d link through another link and ..: resolved as chroot does" { confined etc/ssh/sshd_config.d physical; }

@test "an absolute sshd_config link: reads and writes stay inside the image" { confined etc/ssh/sshd_config abs; }
@test "a relative sshd_config link that climbs out with ..: stays inside" { confined etc/ssh/sshd_config rel; }
@test "an sshd_config link to /../../..: .. stops at the image's root" { confined etc/ssh/sshd_config dotdot; }
@test "an sshd_config link through another link and ..: resolved as chroot does" { confined etc/ssh/sshd_config physical; }

@test "an absolute drop-in link: reads and writes stay inside the image" { confined etc/ssh/sshd_config.d/01-keepalive.conf abs; }
@test "a relative drop-in link that climbs out with ..: stays inside" { confined etc/ssh/sshd_config.d/01-keepalive.conf rel; }
@test "a drop-in link to /../../..: .. stops at the image's root" { confined etc/ssh/sshd_config.d/01-keepalive.conf dotdot; }
@test "a drop-in link through another link and ..: resolved as chroot does" { confined etc/ssh/sshd_config.d/01-keepalive.conf physical; }

@test "an absolute /etc/sysconfig/sshd link: read inside the image" { confined etc/sysconfig/sshd abs; }
@test "a relative /etc/sysconfig/sshd link that climbs out with ..: read inside" { confined etc/sysconfig/sshd rel; }
@test "an /etc/sysconfig/sshd link to /../../..: .. stops at the image's root" { confined etc/sysconfig/sshd dotdot; }
@test "an /etc/sysconfig/sshd link through another link and ..: resolved as chroot does" { confined etc/sysconfig/sshd physical; }

@test "the drop-in directory is made inside the image when /etc/ssh is an absolute link" {
	rm -rf "$img/etc/ssh/sshd_config.d" "$tpl/etc/ssh/sshd_config.d"
	comp=etc/ssh
	link_component etc/ssh abs
	before=$(snap "$decoy")
	run "$KA_TUNE" --root "$img" --interval 7m
	assert_success
	assert_equal "$(stat -c %a "$inside/sshd_config.d")" 700
	grep -qx 'ClientAliveInterval 420' "$inside/sshd_config.d/01-keepalive.conf"
	assert_equal "$(snap "$decoy")" "$before"
}

@test "a dangling sshd_config.d link: exit 1, nothing made in the image or on the host" {
	rm -rf "$img/etc/ssh/sshd_config.d"
	mkdir -p "$decoy/sshd_config.d"
	ln -s "$decoy/sshd_config.d" "$img/etc/ssh/sshd_config.d"
	before=$(snap "$decoy")
	img_before=$(contents "$img")
	run --separate-stderr "$KA_TUNE" --root "$img" --interval 7m
	assert_failure 1
	assert_equal "$stderr" "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: No such file or directory"
	assert_equal "$(snap "$decoy")" "$before"
	assert_equal "$(contents "$img")" "$img_before"
}

@test "the lock is taken on /etc/ssh as chroot sees it, not on the host's" {
	comp=etc/ssh
	link_component etc/ssh abs
	flock "$inside" sh -c 'touch "$1/holding"; sleep 1; touch "$1/released"' sh "$T" &
	while [ ! -e "$T/holding" ]; do sleep 0.05; done
	run "$KA_TUNE" --root "$img" --interval 7m
	assert_success
	# it could only write once the holder had let go
	assert_file_exists "$T/released"
	wait
}

@test "Include globs with a wildcard in a directory component stay inside the image" {
	sed -i '1i Include /etc/ssh/conf*.d/*.conf' "$img/etc/ssh/sshd_config"
	mkdir -p "$decoy/conf1.d" "$img$decoy/conf1.d"
	printf 'ClientAliveInterval 11\n' >"$img$decoy/conf1.d/a.conf"
	printf 'ClientAliveInterval 999\n' >"$decoy/conf1.d/a.conf"
	ln -s "$decoy/conf1.d" "$img/etc/ssh/conf1.d"
	run "$KA_TUNE" --root "$img" --status
	assert_success
	assert_line --regexp '^ClientAliveInterval +11 \(from /etc/ssh/conf1.d/a.conf:1\)'
}

@test "a linked /var/lib/rpm: the image's rpm database decides the mode, not the host's" {
	ka_rpmdb_openssh "$T/db-in" 8.7p1 38.el9 >/dev/null
	ka_rpmdb_openssh "$T/db-out" 7.4p1 22.el7_9 >/dev/null
	mkdir -p "$img$decoy/var/lib" "$decoy/var/lib" "$img/var/lib"
	mv "$T/db-in/var/lib/rpm" "$img$decoy/var/lib/rpm"
	mv "$T/db-out/var/lib/rpm" "$decoy/var/lib/rpm"
	ln -s "$decoy/var/lib/rpm" "$img/var/lib/rpm"
	before=$(snap "$decoy")
	run "$KA_TUNE" --root "$img" --status --verbose
	assert_success
	assert_line --partial "rpm database: openssh-server 8.7p1-38.el9 understands Include"
	assert_equal "$(snap "$decoy")" "$before"
}

@test "an image with the real sshd (mock el9) behind an absolute /etc/ssh link: validated and written inside" {
	"$KA_TOP/mock/build-packages" "$KA_TOP/build/mock-packages"
	local r="$T/el9"
	"$KA_TOP/mock/mkroot" el9 "$r" "$KA_TOP/build/mock-packages"
	mkdir -p "$r$decoy/etc" "$decoy/etc"
	mv "$r/etc/ssh" "$r$decoy/etc/ssh"
	cp -a "$r$decoy/etc/ssh" "$decoy/etc/ssh"
	# sshd would reject the host's copy: validating it would show
	printf 'Bogus yes\n' >>"$decoy/etc/ssh/sshd_config"
	ln -s "$decoy/etc/ssh" "$r/etc/ssh"
	before=$(snap "$decoy")
	run --separate-stderr "$KA_TUNE" --root "$r" --interval 5m --dry-run --verbose
	assert_success
	assert_line "ssh-keepalive-tune: include mode: rpm database: openssh-server 8.7p1-38.el9 understands Include"
	assert_line "ssh-keepalive-tune: dry run: nothing written; sshd accepts the change"
	run --separate-stderr "$KA_TUNE" --root "$r" --interval 7m
	assert_success
	assert_equal "$stderr" ""
	grep -qx 'ClientAliveInterval 420' "$r$decoy/etc/ssh/sshd_config.d/01-keepalive.conf"
	assert_equal "$(snap "$decoy")" "$before"
}

@test "without --root, links resolve as the kernel does on the running system" {
	ka_mock_init
	local r="$T/live"
	ka_make_system rhel9 "$r"
	mkdir "$r/etc/ssh/real"
	mv "$r/etc/ssh/sshd_config" "$r/etc/ssh/real/sshd_config"
	ln -s /etc/ssh/real/sshd_config "$r/etc/ssh/sshd_config"
	mv "$r/etc/ssh/sshd_config.d" "$r/etc/ssh/real/conf.d"
	ln -s real/../real/conf.d "$r/etc/ssh/sshd_config.d"
	run ka_live "$r" none "$KA_TUNE" --interval 7m
	assert_success
	assert_line "ssh-keepalive-tune: /etc/ssh/sshd_config.d/01-keepalive.conf: updated"
	grep -qx 'ClientAliveInterval 420' "$r/etc/ssh/real/conf.d/01-keepalive.conf"
	assert [ -L "$r/etc/ssh/sshd_config" ]
	assert [ -L "$r/etc/ssh/sshd_config.d" ]
	run ka_engine_winners "$r"
	assert_line "clientaliveinterval 420"
	assert_equal "$output" "$(ka_sshd_winners "$r")"
}
