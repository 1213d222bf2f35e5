#!/usr/bin/env bats
# --client --json against doc/client-status.schema.json (draft 2020-12,
# python3-jsonschema), in mock el9 and el6 roots.

bats_require_minimum_version 1.5.0
load ../lib/common

SCHEMA="$KA_TOP/doc/client-status.schema.json"

setup() {
	root="$BATS_TEST_TMPDIR/root"
}

# client_json_valid PROFILE: the real --client --json of a PROFILE root is
# valid against the schema, and prints every key the schema lists.
client_json_valid() {
	"$KA_TOP/mock/mkroot" "$1" "$root" >/dev/null
	run --separate-stderr "$KA_TUNE" --root "$root" --client --json
	[ "$status" -eq 0 ]
	printf '%s' "$output" | python3 -c '
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
d = json.loads(sys.stdin.read())
errs = [e.message for e in jsonschema.Draft202012Validator(s).iter_errors(d)]
assert not errs, errs
assert set(d["client"]) == set(s["properties"]["client"]["properties"])
' "$SCHEMA"
}

@test "the client schema is a valid draft 2020-12 schema closed to undocumented keys" {
	python3 -c '
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(s)
assert s["additionalProperties"] is False
assert s["properties"]["client"]["additionalProperties"] is False
' "$SCHEMA"
}

@test "--client --json on an el9 root is valid against the client schema" {
	client_json_valid el9
}

@test "--client --json on an el6 root is valid against the client schema" {
	client_json_valid el6
}
