#!/usr/bin/env bats
# --status --json against its checked-in schema, doc/status.schema.json
# (JSON Schema draft 2020-12, checked with python3-jsonschema), in every
# situation the report knows; and every key of the schema documented in
# both man pages, so that neither can drift.

bats_require_minimum_version 1.5.0
load ../lib/common
load ../lib/live

SCHEMA="$KA_TOP/doc/status.schema.json"

setup() {
	root="$BATS_TEST_TMPDIR/root"
	ka_mock_init
}

# check_json [PYTHON [ARG...]]: stdin is strict UTF-8, one JSON object,
# valid against the schema; PYTHON (with d the object, ARGs from
# sys.argv[3]) checks more.
check_json() {
	python3 -c '
import json, sys, jsonschema
raw = sys.stdin.buffer.read()
text = raw.decode("utf-8")          # strict: invalid UTF-8 fails here
assert text.endswith("}\n") and text.count("\n") == 1, repr(text[-40:])
d = json.loads(text)
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
errors = sorted(v.iter_errors(d), key=lambda e: list(e.path))
for e in errors:
    print("schema: %s: %s" % ("/".join(map(str, e.path)), e.message))
assert not errors
exec(sys.argv[2])
' "$SCHEMA" "${1:-pass}" "${@:2}"
}

# report ARGS...: the JSON report of ssh-keepalive-tune --root $root.
report() {
	"$KA_TUNE" --root "$root" --json "$@"
}

@test "the schema is a valid draft 2020-12 schema, closed to undocumented keys" {
	run python3 -c '
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(s)
assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
def walk(n, where):
    if isinstance(n, dict):
        if n.get("type") == "object" or "required" in n:
            assert n.get("additionalProperties") is False, where
        for k, v in n.items():
            walk(v, where + "/" + k)
    elif isinstance(n, list):
        for i, v in enumerate(n):
            walk(v, where + "/%d" % i)
walk(s, "#")
' "$SCHEMA"
	assert_success
}

@test "stock image root (--root): valid, sshd not asked is null, not false" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	report | check_json '
assert d["sshd"]["running"] is None and d["sshd"]["stale"] is None
assert d["values"]["ClientAliveInterval"]["value"] == 600
assert d["values"]["ClientAliveCountMax"]["value"] == 10
assert d["values"]["TCPKeepAlive"]["source"]["kind"] == "default"
assert d["mode"] == "inline"'
	"$KA_HELPER" --root "$root" --json status | check_json
}

@test "shadowed by an earlier drop-in: valid, ours listed as shadowed" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	printf 'ClientAliveInterval 20\n' >"$root/etc/ssh/sshd_config.d/00-admin.conf"
	"$KA_HELPER" --root "$root" --mode include --json status | check_json '
k = d["values"]["ClientAliveInterval"]
assert k["value"] == 20 and k["source"]["file"].endswith("00-admin.conf")
assert [o["effect"] for o in k["others"]] == ["shadowed"], k["others"]
assert k["others"][0]["ssh_keepalive"] is True and k["others"][0]["value"] == 600
assert d["mode"] == "include" and d["mode_where"]["line"] == 15'
}

@test "Match blocks, an ignored later value, and a Match all that beats our ClientAliveCountMax 0: valid, the Match all line the source" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	"$KA_TUNE" --root "$root" --quiet --count-max 0 2>/dev/null
	printf 'ClientAliveInterval 5\nMatch User bob\n\tClientAliveInterval 30\nMatch all\n\tClientAliveCountMax 4\n' \
		>>"$root/etc/ssh/sshd_config"
	n=$(wc -l <"$root/etc/ssh/sshd_config")
	# sshd -T (9.2) for root: clientalivecountmax 4, the Match all value
	report | check_json '
n = '"$n"'
k = d["values"]["ClientAliveInterval"]
assert [o["effect"] for o in k["others"]] == ["ignored", "match"], k
m = k["others"][1]["match"]
assert m["criteria"] == "User bob" and m["file"] == "/etc/ssh/sshd_config"
assert k["source"]["match"] is None, k
c = d["values"]["ClientAliveCountMax"]
assert c["value"] == 4 and c["source"]["kind"] == "match", c
assert c["source"]["line"] == n and c["source"]["match"] == {"criteria": "all",
    "file": "/etc/ssh/sshd_config", "line": n - 1}, c
assert [(o["effect"], o["value"]) for o in c["others"]] == [("shadowed", 0)], c
assert c["note"] is None, c
assert d["keepalive"]["count_max"] == 4, d["keepalive"]'
}

@test "ClientAliveCountMax 0 from a Match User * block: valid, its note, and the keepalive figures for 0" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	printf 'Match User *\n\tClientAliveCountMax 0\n' >>"$root/etc/ssh/sshd_config"
	report | check_json '
c = d["values"]["ClientAliveCountMax"]
assert c["value"] == 0 and c["source"]["match"]["criteria"] == "User *", c
assert "never dropped" in c["note"] or "dropped at its first idle interval" in c["note"], c
assert d["keepalive"]["count_max"] == 0, d["keepalive"]'
}

@test "inline mode on the stock EL9 file: the drop-in the stock Include reads too is same_source, valid" {
	ka_make_system rhel9 "$root"
	"$KA_TUNE" --root "$root" --quiet --mode inline 2>/dev/null
	report | check_json '
for kw in ("ClientAliveInterval", "ClientAliveCountMax"):
    k = d["values"][kw]
    assert [o["effect"] for o in k["others"]] == ["same_source"], k
    assert k["source"]["ssh_keepalive"] is True, k'
}

@test "-o in OPTIONS of /etc/sysconfig/sshd: a command_line source, still one shape" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	mkdir -p "$root/etc/sysconfig"
	printf 'OPTIONS="-o ClientAliveInterval=45 -oTCPKeepAlive=no"\n' >"$root/etc/sysconfig/sshd"
	report | check_json '
k = d["values"]["ClientAliveInterval"]
assert k["value"] == 45 and k["written"] == "45"
assert k["source"] == {"kind": "command_line", "file": "/etc/sysconfig/sshd",
    "line": 1, "ssh_keepalive": False, "match": None}, k["source"]
assert [o["effect"] for o in k["others"]] == ["shadowed"], k["others"]
assert d["values"]["TCPKeepAlive"]["value"] is False'
}

@test "bytes that are not UTF-8 and control characters in a value: valid UTF-8 JSON, the value null" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	printf 'ClientAliveInterval 10\377\300m\001x\n' >"$root/etc/ssh/sshd_config.d/00-bad.conf"
	"$KA_HELPER" --root "$root" --mode include --json status | check_json '
k = d["values"]["ClientAliveInterval"]
assert k["value"] is None and k["valid"] is False, k
assert k["written"] == "10\ufffd\ufffdm\x01x", repr(k["written"])'
	"$KA_HELPER" --root "$root" --mode include --json status | grep -q '\\u0001'
}

@test "a live system: sshd asked through systemctl, running and stale are booleans" {
	ka_make_system rhel9 "$root"
	cp "$KA_TOP/sshd_config.d/01-keepalive.conf" "$root/etc/ssh/sshd_config.d/"
	ka_mock_sshd running
	ka_live "$root" systemd sh -c 'touch -d "1 hour ago" /run/sshd.pid && exec "$1" --json' \
		sh "$KA_TUNE" | check_json '
assert d["sshd"]["running"] is True and d["sshd"]["stale"] is True, d["sshd"]
assert d["mode"] == "include" and d["chosen_mode"] == "include", d'
	ka_mock_sshd stopped
	ka_live "$root" systemd "$KA_HELPER" --json status | check_json '
assert d["sshd"]["running"] is False and d["sshd"]["stale"] is None, d["sshd"]'
}

@test "nat-timeout records: written, written by hand in units, malformed: valid, and told apart" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	"$KA_TUNE" --root "$root" --quiet --nat-timeout 350 2>/dev/null
	report | check_json '
n = d["keepalive"]["nat_timeout"]
assert n["timeout"] == 350 and n["interval"] == 157 and n["line"] == 11, n
assert n["source"]["from"] == "sysconfig" and n["source"]["file"] == "/etc/sysconfig/ssh-keepalive", n'
	rm "$root/etc/sysconfig/ssh-keepalive"
	report | check_json '
n = d["keepalive"]["nat_timeout"]
assert n["source"] == {"from": "dropin", "line": 11,
    "file": "/etc/ssh/sshd_config.d/01-keepalive.conf"}, n'
	printf '# nat-timeout 4m: Azure\nClientAliveInterval 600\n' \
		>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	report | check_json '
n = d["keepalive"]["nat_timeout"]
assert n["timeout"] == 240 and n["interval"] is None, n'
	printf 'ClientAliveInterval 600\n# nat-timeout 4 min\n' \
		>"$root/etc/ssh/sshd_config.d/01-keepalive.conf"
	report | check_json '
n = d["keepalive"]["nat_timeout"]
assert n["line"] == 2 and set(n) == {"file", "line", "malformed", "source"}, n
assert n["source"] == {"from": "dropin", "file": n["file"], "line": 2}, n
assert n["malformed"].startswith("nat-timeout record: \x274 min\x27 is not a time"), n'
}

# report_fails FILE LINE MESSAGE: the report of both programs cannot
# finish: exit 1, one schema-valid object {"error": {FILE, LINE,
# MESSAGE}} on stdout (FILE and LINE "null" for none), the one-line
# message on stderr, nothing written.
report_fails() {
	local file=$1 line=$2 msg=$3 where="" before prog
	[ "$file" = null ] || where="$file:"
	[ "$line" = null ] || where="$where$line:"
	before=$(ka_tree_sum "$root")
	for prog in tune helper; do
		if [ $prog = tune ]; then
			run --separate-stderr "$KA_TUNE" --root "$root" --json
			prog=ssh-keepalive-tune
		else
			run --separate-stderr "$KA_HELPER" --root "$root" --json status
			prog=keepalive-helper
		fi
		assert_failure 1
		assert_equal "$stderr" "$prog: ${where:+$where }$msg"
		printf '%s\n' "$output" | check_json '
want = {"file": None if sys.argv[3] == "null" else sys.argv[3],
        "line": None if sys.argv[4] == "null" else int(sys.argv[4]),
        "message": sys.argv[5]}
assert d == {"error": want}, d' "$file" "$line" "$msg"
	done
	assert_equal "$(ka_tree_sum "$root")" "$before"
}

@test "status cannot finish for a bad MODE line: --json still prints one schema-valid object with the error, exit 1" {
	ka_make_system centos7 "$root"
	"$KA_HELPER" --root "$root" --quiet apply 2>/dev/null
	mkdir -p "$root/etc/sysconfig"
	printf '# mine\nMODE=inlin\n' >"$root/etc/sysconfig/ssh-keepalive"
	report_fails /etc/sysconfig/ssh-keepalive 2 "MODE 'inlin' is not auto, include or inline"
}

@test "status cannot finish for a NUL byte in sshd_config: --json still prints one schema-valid object with the error, exit 1" {
	ka_make_system rhel9 "$root"
	local n
	n=$(($(wc -l <"$root/etc/ssh/sshd_config") + 1))
	printf 'Port 22\0 2222\n' >>"$root/etc/ssh/sshd_config"
	report_fails /etc/ssh/sshd_config "$n" "contains a NUL byte, which sshd would misread; refusing to edit"
}

@test "status cannot finish for a missing sshd_config: --json still prints one schema-valid object with the error, exit 1" {
	ka_make_system rhel9 "$root"
	rm "$root/etc/ssh/sshd_config"
	report_fails /etc/ssh/sshd_config null "No such file or directory"
}

@test "status cannot finish for an Include match that is a dangling link: --json still prints one schema-valid object with the error, exit 1" {
	ka_make_system rhel9 "$root"
	ln -s /nonexistent/10-gone.conf "$root/etc/ssh/sshd_config.d/10-gone.conf"
	report_fails /etc/ssh/sshd_config.d/10-gone.conf null \
		'a dangling symbolic link: sshd refuses to start ("/etc/ssh/sshd_config.d/10-gone.conf: No such file or directory")'
}

# The keys of the schema as dotted paths, the keywords under values as
# KEYWORD and array items as [].
schema_paths() {
	python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
out = set()
def walk(n, path):
    if "$ref" in n:                 # applies beside n own keywords
        t = s
        for p in n["$ref"][2:].split("/"):
            t = t[p]
        walk(t, path)
    for alt in n.get("oneOf", []):
        walk(alt, path)
    if "items" in n:
        walk(n["items"], path + "[]")
    for k, v in n.get("properties", {}).items():
        name = "KEYWORD" if path == "values" else k
        p = path + "." + name if path else name
        out.add(p)
        walk(v, p)
walk(s, "")
print("\n".join(sorted(out)))
' "$SCHEMA"
}

# The .TP tags of the JSON OUTPUT section of a man page, as plain text.
man_json_tags() {
	awk '/^\.SH/ { sec = $0; next }
		sec ~ /JSON OUTPUT/ && tag { print; tag = 0 }
		sec ~ /JSON OUTPUT/ && /^\.TP/ { tag = 1 }' "$1" |
		sed -E 's/\\f[BIRP]//g; s/\\-/-/g; s/^\.[A-Z]+[ \t]+//; s/"//g' | sort -u
}

@test "both man pages document every key of the schema, and no other" {
	local page want
	want=$(schema_paths)
	[ -n "$want" ] || fail "no keys in the schema"
	for page in "$KA_TOP/man/ssh-keepalive-tune.8" "$KA_TOP/man/keepalive-helper.8"; do
		run diff <(printf '%s\n' "$want") <(man_json_tags "$page")
		assert_success
		for kw in ClientAliveInterval ClientAliveCountMax TCPKeepAlive; do
			grep -q "$kw" <(sed -n '/^\.SH "JSON OUTPUT"/,/^\.SH [A-Z]/p' "$page")
		done
	done
}
