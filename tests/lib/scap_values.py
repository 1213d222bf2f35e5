#!/usr/bin/env python3
"""What a profile of an SCAP source data stream asks of sshd's keepalive.

usage: scap_values.py DATASTREAM PROFILE_ID

Reads the data stream itself, nothing hard-coded: the rules the profile
selects, the OVAL definitions they check (extended definitions
included), the textfilecontent54 tests among them whose object pattern
reads ClientAliveInterval or ClientAliveCountMax, and the states those
tests compare with: a literal, or an XCCDF Value exported to OVAL whose
value is the profile's refine-value (else the Value's default).
Prints:

    rule RULE_ID                  one line per rule that checks a keyword
    ClientAliveInterval N         a value that meets every state
    ClientAliveCountMax N
    check KEYWORD OPERATION VALUE one line per state (for the report)

Exit 1 when no value meets every state of a keyword.
"""
import re
import sys
import xml.etree.ElementTree as ET

X = "{http://checklists.nist.gov/xccdf/1.2}"
OVAL = "{http://oval.mitre.org/XMLSchema/oval-definitions-5}"
IND = "{http://oval.mitre.org/XMLSchema/oval-definitions-5#independent}"
KEYWORDS = ("ClientAliveInterval", "ClientAliveCountMax")


def selected_rules(profile):
    sel = {}
    for s in profile.findall(X + "select"):
        sel[s.get("idref")] = s.get("selected") == "true"
    return [r for r, on in sel.items() if on]


def value_of(root, profile, value_id):
    """The profile's refine-value of value_id, else its default."""
    selector = None
    for rv in profile.findall(X + "refine-value"):
        if rv.get("idref") == value_id:
            selector = rv.get("selector")
    for v in root.iter(X + "Value"):
        if v.get("id") != value_id:
            continue
        for val in v.findall(X + "value"):
            if val.get("selector") == selector:
                return val.text
    raise SystemExit("no value %s (selector %s)" % (value_id, selector))


def tests_of(ids, def_id, seen):
    """Every test a definition uses, through extended definitions."""
    out = []
    if def_id in seen:
        return out
    seen.add(def_id)
    for el in ids[def_id].iter():
        if el.tag == OVAL + "criterion":
            out.append(el.get("test_ref"))
        elif el.tag == OVAL + "extend_definition":
            out.extend(tests_of(ids, el.get("definition_ref"), seen))
    return out


def keyword_of(ids, test):
    obj = test.find(IND + "object")
    if test.tag != IND + "textfilecontent54_test" or obj is None:
        return None
    pattern = ids[obj.get("object_ref")].findtext(IND + "pattern") or ""
    for kw in KEYWORDS:
        if kw in pattern:
            return kw
    return None


def states_of(ids, test, exports, root, profile):
    """(operation, value) of each state of a test."""
    out = []
    for st in test.findall(IND + "state"):
        sub = ids[st.get("state_ref")].find(IND + "subexpression")
        op = sub.get("operation", "equals")
        if sub.get("var_ref"):
            out.append((op, value_of(root, profile, exports[sub.get("var_ref")])))
        else:
            out.append((op, sub.text))
    return out


def rule_checks(root, ids, profile, rule):
    """[(keyword, operation, value)] that a rule's OVAL check compares."""
    out = []
    for check in rule.findall(X + "check"):
        ref = check.find(X + "check-content-ref")
        if (check.get("system") != OVAL[1:-1] or ref is None or
                ref.get("name") not in ids):
            continue
        exports = {e.get("export-name"): e.get("value-id")
                   for e in check.findall(X + "check-export")}
        for tid in tests_of(ids, ref.get("name"), set()):
            kw = keyword_of(ids, ids[tid])
            if kw:
                out += [(kw, op, v) for op, v in
                        states_of(ids, ids[tid], exports, root, profile)]
    return out


def meets(n, op, v):
    if op == "pattern match":
        return re.search(v, str(n)) is not None
    v = int(v)
    return {"equals": n == v, "less than or equal": n <= v,
            "less than": n < v, "greater than": n > v,
            "greater than or equal": n >= v}[op]


def pick(checks):
    """The largest whole number up to 24 h that meets every check."""
    for n in range(86400, -1, -1):
        if all(meets(n, op, v) for op, v in checks):
            return n
    return None


def main():
    root = ET.parse(sys.argv[1]).getroot()
    profile = next(p for p in root.iter(X + "Profile")
                   if p.get("id") == sys.argv[2])
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    by_kw = {kw: [] for kw in KEYWORDS}
    for rid in selected_rules(profile):
        checks = rule_checks(root, ids, profile, ids[rid])
        if checks:
            print("rule", rid)
        for kw, op, v in checks:
            by_kw[kw].append((op, v))
    status = 0
    for kw in KEYWORDS:
        n = pick(by_kw[kw]) if by_kw[kw] else None
        if n is None:
            print("no value of %s meets %s" % (kw, by_kw[kw]), file=sys.stderr)
            status = 1
        print(kw, n)
        for op, v in sorted(set(by_kw[kw])):
            print("check", kw, op.replace(" ", "_"), v)
    return status


if __name__ == "__main__":
    sys.exit(main())
