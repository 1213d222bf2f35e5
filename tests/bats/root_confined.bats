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

load ../lib/common

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
	assert_line --regexp '^TCPKeepAlive +no \(from -o in OPTIONS'
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
