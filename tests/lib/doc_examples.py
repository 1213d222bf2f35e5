#!/usr/bin/env python3
"""Checks on the examples and links of the README and doc/*.md.

usage:
  doc_examples.py paths ALLOWED FILE...   build/ paths and package file
                                          names not in ALLOWED (one a line)
  doc_examples.py installs FILE...        fenced examples that install
                                          ssh-keepalive more than once
  doc_examples.py links FILE...           relative links and anchors that
                                          lead nowhere

Each finding is one line, FILE:LINE: what; exit 1 when there is one.
"""
import os
import re
import sys

PKG = "ssh-keepalive"

# build/... as a word of its own: not rpmbuild/, $PWD/build/, /x/build/
BUILD_PATH = re.compile(r"(?<![A-Za-z0-9_./$~-])build/[A-Za-z0-9_.+/-]*")
PKG_FILE = re.compile(r"(?<![A-Za-z0-9_.-])" + PKG +
                      r"-[0-9][A-Za-z0-9_.+-]*\.rpm")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*```")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def fenced_blocks(lines):
    """(first line number, [(line number, text)]) of each fenced block."""
    blocks, cur, start = [], None, 0
    for n, line in enumerate(lines, 1):
        if FENCE.match(line):
            if cur is None:
                cur, start = [], n
            else:
                blocks.append((start, cur))
                cur = None
        elif cur is not None:
            cur.append((n, line))
    return blocks


def in_fence(lines):
    """The line numbers that are inside a fenced block (fences included)."""
    inside, on = set(), False
    for n, line in enumerate(lines, 1):
        if FENCE.match(line):
            inside.add(n)
            on = not on
        elif on:
            inside.add(n)
    return inside


def check_paths(allowed_file, files):
    with open(allowed_file, encoding="utf-8") as f:
        allowed = {a.strip().rstrip("/") for a in f if a.strip()}
    names = {os.path.basename(a) for a in allowed if a.endswith(".rpm")}
    bad = 0
    for path in files:
        for n, line in enumerate(read_lines(path), 1):
            for m in BUILD_PATH.finditer(line):
                tok = m.group(0).rstrip(".,:;").rstrip("/")
                if tok == "build":
                    continue
                if tok not in allowed:
                    print(f"{path}:{n}: {tok}: not a file the build makes")
                    bad = 1
            for m in PKG_FILE.finditer(line):
                if m.group(0) not in names:
                    print(f"{path}:{n}: {m.group(0)}: not a package the build makes")
                    bad = 1
    return bad


INSTALL_CMD = re.compile(
    r"\b(dnf|yum)\b.*\b(install|localinstall|reinstall)\b.*\b" + PKG +
    r"\b|\brpm\b.*(\s-[iUF][a-zA-Z]*|\s--install|\s--upgrade|\s--freshen)\b.*\b" +
    PKG + r"\b")


def installs_in(block):
    """(line number, how) of each install of the package in a block."""
    found, section, yaml_pkgs = [], None, False
    for n, line in block:
        code = line.split(" #", 1)[0]
        text = code.strip()
        if text.startswith("%"):
            section = text.split()[0]
            continue
        if section == "%packages" and text == PKG:
            found.append((n, "%packages"))
            continue
        if re.match(r"^packages:\s*$", code):
            yaml_pkgs = True
            continue
        if yaml_pkgs:
            if re.match(r"^\s+-\s*" + re.escape(PKG) + r"\s*$", code):
                found.append((n, "cloud-init packages"))
                continue
            if not re.match(r"^\s", code):
                yaml_pkgs = False
        if INSTALL_CMD.search(code):
            found.append((n, text))
    return found


def check_installs(files):
    bad = 0
    for path in files:
        for start, block in fenced_blocks(read_lines(path)):
            found = installs_in(block)
            if len(found) > 1:
                lines = ", ".join(str(n) for n, _ in found)
                print(f"{path}:{start}: the example installs {PKG} "
                      f"{len(found)} times (lines {lines})")
                bad = 1
    return bad


def slug(heading):
    """GitHub's anchor for a heading."""
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path):
    seen, out = {}, set()
    lines = read_lines(path)
    fenced = in_fence(lines)
    for n, line in enumerate(lines, 1):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not m or n in fenced:
            continue
        a = slug(m.group(1))
        k = seen.get(a, 0)
        seen[a] = k + 1
        out.add(a if k == 0 else f"{a}-{k}")
    return out


def check_links(files):
    bad = 0
    for path in files:
        lines = read_lines(path)
        fenced = in_fence(lines)
        for n, line in enumerate(lines, 1):
            if n in fenced:
                continue
            for m in LINK.finditer(line):
                target = m.group(1)
                if re.match(r"^[a-z]+:", target):
                    continue
                file_part, _, anchor = target.partition("#")
                dest = path if file_part == "" else os.path.normpath(
                    os.path.join(os.path.dirname(path), file_part))
                if not os.path.exists(dest):
                    print(f"{path}:{n}: {target}: no such file")
                    bad = 1
                elif anchor and dest.endswith(".md") and \
                        anchor not in anchors(dest):
                    print(f"{path}:{n}: {target}: no such heading")
                    bad = 1
    return bad


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "paths" and len(argv) >= 4:
        return check_paths(argv[2], argv[3:])
    if cmd == "installs":
        return check_installs(argv[2:])
    if cmd == "links":
        return check_links(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
