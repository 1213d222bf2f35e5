#!/usr/bin/env bats
# Every fixture, both modes: the candidate matches its golden file;
# applying twice gives the same bytes as once; remove after apply gives
# back the original bytes; the effective values match their golden file.

load ../lib/common
load ../lib/golden

@test "stock centos6: include mode matches golden, idempotent, reversible" { ka_check_edit stock/centos6 include; }
@test "stock centos6: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/centos6 inline; }
@test "stock centos7: include mode matches golden, idempotent, reversible" { ka_check_edit stock/centos7 include; }
@test "stock centos7: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/centos7 inline; }
@test "stock rhel8: include mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel8 include; }
@test "stock rhel8: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel8 inline; }
@test "stock rhel86: include mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel86 include; }
@test "stock rhel86: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel86 inline; }
@test "stock rhel9: include mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel9 include; }
@test "stock rhel9: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/rhel9 inline; }
@test "stock fedora: include mode matches golden, idempotent, reversible" { ka_check_edit stock/fedora include; }
@test "stock fedora: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/fedora inline; }
@test "stock al2: include mode matches golden, idempotent, reversible" { ka_check_edit stock/al2 include; }
@test "stock al2: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/al2 inline; }
@test "stock al2023: include mode matches golden, idempotent, reversible" { ka_check_edit stock/al2023 include; }
@test "stock al2023: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/al2023 inline; }
@test "stock debian12: include mode matches golden, idempotent, reversible" { ka_check_edit stock/debian12 include; }
@test "stock debian12: inline mode matches golden, idempotent, reversible" { ka_check_edit stock/debian12 inline; }

@test "match-at-end: include mode matches golden, idempotent, reversible" { ka_check_edit hard/match-at-end include; }
@test "match-at-end: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/match-at-end inline; }
@test "several-match: include mode matches golden, idempotent, reversible" { ka_check_edit hard/several-match include; }
@test "several-match: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/several-match inline; }
@test "include-top: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-top include; }
@test "include-top: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-top inline; }
@test "include-bottom: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-bottom include; }
@test "include-bottom: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-bottom inline; }
@test "include-bottom-after-conflict: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-bottom-after-conflict include; }
@test "include-bottom-after-conflict: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-bottom-after-conflict inline; }
@test "include-in-match: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-in-match include; }
@test "include-in-match: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-in-match inline; }
@test "include-quoted-relative: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-quoted-relative include; }
@test "include-quoted-relative: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-quoted-relative inline; }
@test "conflict-earlier: include mode matches golden, idempotent, reversible" { ka_check_edit hard/conflict-earlier include; }
@test "conflict-earlier: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/conflict-earlier inline; }
@test "lowercase-equals: include mode matches golden, idempotent, reversible" { ka_check_edit hard/lowercase-equals include; }
@test "lowercase-equals: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/lowercase-equals inline; }
@test "crlf: include mode matches golden, idempotent, reversible" { ka_check_edit hard/crlf include; }
@test "crlf: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/crlf inline; }
@test "no-final-newline: include mode matches golden, idempotent, reversible" { ka_check_edit hard/no-final-newline include; }
@test "no-final-newline: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/no-final-newline inline; }
@test "only-comments-no-newline: include mode matches golden, idempotent, reversible" { ka_check_edit hard/only-comments-no-newline include; }
@test "only-comments-no-newline: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/only-comments-no-newline inline; }
@test "empty: include mode matches golden, idempotent, reversible" { ka_check_edit hard/empty include; }
@test "empty: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/empty inline; }
@test "only-comments: include mode matches golden, idempotent, reversible" { ka_check_edit hard/only-comments include; }
@test "only-comments: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/only-comments inline; }
@test "nul-byte: include mode matches golden, idempotent, reversible" { ka_check_edit hard/nul-byte include; }
@test "nul-byte: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/nul-byte inline; }
@test "invalid-utf8: include mode matches golden, idempotent, reversible" { ka_check_edit hard/invalid-utf8 include; }
@test "invalid-utf8: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/invalid-utf8 inline; }
@test "indented-tabs: include mode matches golden, idempotent, reversible" { ka_check_edit hard/indented-tabs include; }
@test "indented-tabs: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/indented-tabs inline; }
@test "stale-block-below: include mode matches golden, idempotent, reversible" { ka_check_edit hard/stale-block-below include; }
@test "stale-block-below: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/stale-block-below inline; }
@test "block-in-place: include mode matches golden, idempotent, reversible" { ka_check_edit hard/block-in-place include; }
@test "block-in-place: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/block-in-place inline; }
@test "unbalanced-markers: include mode matches golden, idempotent, reversible" { ka_check_edit hard/unbalanced-markers include; }
@test "unbalanced-markers: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/unbalanced-markers inline; }
@test "include-other-dir-conflict: include mode matches golden, idempotent, reversible" { ka_check_edit hard/include-other-dir-conflict include; }
@test "include-other-dir-conflict: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/include-other-dir-conflict inline; }
@test "admin-override-00: include mode matches golden, idempotent, reversible" { ka_check_edit hard/admin-override-00 include; }
@test "admin-override-00: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/admin-override-00 inline; }
@test "inactive-dropins: include mode matches golden, idempotent, reversible" { ka_check_edit hard/inactive-dropins include; }
@test "inactive-dropins: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/inactive-dropins inline; }
@test "long-line: include mode matches golden, idempotent, reversible" { ka_check_edit hard/long-line include; }
@test "long-line: inline mode matches golden, idempotent, reversible" { ka_check_edit hard/long-line inline; }
