#!/usr/bin/env bats
# The real sshd (Debian's 9.2) on every fixture, both modes, run in a
# private mount namespace so that the host's /etc/ssh is never touched:
# whatever sshd accepted before, it accepts after; sshd -T shows our
# values; and it agrees with ka-engine's own effective values.

load ../lib/common
load ../lib/sshd

@test "stock centos6, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/centos6 include; }
@test "stock centos6, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/centos6 inline; }
@test "stock centos7, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/centos7 include; }
@test "stock centos7, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/centos7 inline; }
@test "stock rhel8, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel8 include; }
@test "stock rhel8, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel8 inline; }
@test "stock rhel86, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel86 include; }
@test "stock rhel86, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel86 inline; }
@test "stock rhel9, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel9 include; }
@test "stock rhel9, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/rhel9 inline; }
@test "stock fedora, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/fedora include; }
@test "stock fedora, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/fedora inline; }
@test "stock al2, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/al2 include; }
@test "stock al2, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/al2 inline; }
@test "stock al2023, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/al2023 include; }
@test "stock al2023, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/al2023 inline; }
@test "stock debian12, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/debian12 include; }
@test "stock debian12, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd stock/debian12 inline; }

@test "match-at-end, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/match-at-end include; }
@test "match-at-end, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/match-at-end inline; }
@test "several-match, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/several-match include; }
@test "several-match, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/several-match inline; }
@test "include-top, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-top include; }
@test "include-top, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-top inline; }
@test "include-bottom, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-bottom include; }
@test "include-bottom, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-bottom inline; }
@test "include-bottom-after-conflict, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-bottom-after-conflict include; }
@test "include-bottom-after-conflict, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-bottom-after-conflict inline; }
@test "include-in-match, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-in-match include; }
@test "include-in-match, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-in-match inline; }
@test "include-quoted-relative, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-quoted-relative include; }
@test "include-quoted-relative, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-quoted-relative inline; }
@test "conflict-earlier, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/conflict-earlier include; }
@test "conflict-earlier, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/conflict-earlier inline; }
@test "lowercase-equals, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/lowercase-equals include; }
@test "lowercase-equals, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/lowercase-equals inline; }
@test "crlf, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/crlf include; }
@test "crlf, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/crlf inline; }
@test "no-final-newline, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/no-final-newline include; }
@test "no-final-newline, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/no-final-newline inline; }
@test "only-comments-no-newline, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/only-comments-no-newline include; }
@test "only-comments-no-newline, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/only-comments-no-newline inline; }
@test "empty, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/empty include; }
@test "empty, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/empty inline; }
@test "only-comments, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/only-comments include; }
@test "only-comments, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/only-comments inline; }
@test "invalid-utf8, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/invalid-utf8 include; }
@test "invalid-utf8, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/invalid-utf8 inline; }
@test "indented-tabs, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/indented-tabs include; }
@test "indented-tabs, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/indented-tabs inline; }
@test "stale-block-below, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/stale-block-below include; }
@test "stale-block-below, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/stale-block-below inline; }
@test "block-in-place, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/block-in-place include; }
@test "block-in-place, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/block-in-place inline; }
@test "include-other-dir-conflict, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-other-dir-conflict include; }
@test "include-other-dir-conflict, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/include-other-dir-conflict inline; }
@test "inactive-dropins, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/inactive-dropins include; }
@test "inactive-dropins, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/inactive-dropins inline; }
@test "long-line, include mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/long-line include; }
@test "long-line, inline mode: sshd -t accepts it, sshd -T shows 600 and 10" { ka_check_sshd hard/long-line inline; }

@test "admin-override-00, include mode: the administrator's 00-admin.conf still wins (300)" {
	ka_check_sshd hard/admin-override-00 include 300
}
@test "admin-override-00, inline mode: the managed block wins (600)" {
	ka_check_sshd hard/admin-override-00 inline
}
