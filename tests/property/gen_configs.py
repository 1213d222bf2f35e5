#!/usr/bin/env python3
"""Generate N sshd_config trees from real-world pieces, deterministically.

gen_configs.py OUTDIR N SEED: OUTDIR/NNNN/ holds sshd_config and, for
Include lines, files under extra.d/ and sshd_config.d/ (names sorting
after our 01-keepalive.conf, so that none overrides it on purpose).
Match criteria never match the -C spec the check uses (user root from
127.0.0.1), so the global values are what sshd -T reports."""
import os
import random
import sys

GLOBAL = [
    "Port {port}", "PermitRootLogin {prl}", "X11Forwarding {yn}",
    "AcceptEnv LANG LC_*", "UsePAM {yn}", "MaxAuthTries {n}",
    "LoginGraceTime {t}", "PrintMotd {yn}", "PasswordAuthentication {yn}",
    "AllowTcpForwarding {yn}", "Banner none", "SyslogFacility AUTHPRIV",
    "ClientAliveInterval {t}", "ClientAliveCountMax {n}", "TCPKeepAlive {yn}",
]
IN_MATCH = [
    "PasswordAuthentication {yn}", "X11Forwarding {yn}", "AllowTcpForwarding {yn}",
    "ForceCommand internal-sftp", "ClientAliveInterval {t}",
    "ClientAliveCountMax {n}", "PermitTTY {yn}", "Banner none",
]
CRITERIA = ["User alice", "Group sftponly", "Address 10.0.0.0/8",
            "User bob,carol", "Host *.example.com", "LocalPort 2222"]
COMMENTS = ["# a comment", "#Port 22", "  # indented comment", "#", "",
            "\t", "# ClientAliveInterval 0"]


def fill(r, tmpl):
    return tmpl.format(port=r.choice([22, 2222]),
                       prl=r.choice(["yes", "no", "prohibit-password"]),
                       yn=r.choice(["yes", "no"]), n=r.randint(0, 20),
                       t=r.choice(["0", "30", "5m", "1h", "90", "2m30s"]))


def spell(r, line):
    """Keyword case and separator variants sshd accepts."""
    if not line or line.lstrip().startswith("#"):
        return line
    kw, _, rest = line.partition(" ")
    kw = r.choice([kw, kw.lower(), kw.upper()])
    sep = r.choice([" ", "\t", "=", " = ", "  "])
    return r.choice(["", " ", "\t"]) + kw + sep + rest


def block(r, count, pieces):
    return [spell(r, fill(r, r.choice(pieces))) if r.random() < 0.75
            else r.choice(COMMENTS) for _ in range(count)]


def tree(r, out):
    lines = block(r, r.randint(0, 12), GLOBAL)
    if r.random() < 0.5:
        inc = r.choice(['Include /etc/ssh/extra.d/*.conf',
                        'Include "extra.d/*.conf"',
                        'Include /etc/ssh/sshd_config.d/*.conf'])
        lines.insert(r.randint(0, len(lines)), inc)
        os.makedirs(os.path.join(out, "extra.d"), exist_ok=True)
        os.makedirs(os.path.join(out, "sshd_config.d"), exist_ok=True)
        for name in r.sample(["10-a.conf", "20-b.conf"], r.randint(0, 2)):
            with open(os.path.join(out, "extra.d", name), "w") as f:
                f.write("\n".join(block(r, r.randint(0, 4), GLOBAL)) + "\n")
        if r.random() < 0.5:
            with open(os.path.join(out, "sshd_config.d", "50-vendor.conf"), "w") as f:
                f.write("\n".join(block(r, r.randint(0, 3), GLOBAL)) + "\n")
    lines.append(spell(r, "Subsystem sftp internal-sftp"))
    for _ in range(r.randint(0, 3)):
        lines.append("")
        lines.append(spell(r, "Match " + r.choice(CRITERIA)))
        lines += ["\t" + l for l in block(r, r.randint(1, 4), IN_MATCH)]
    eol = "\r\n" if r.random() < 0.1 else "\n"
    text = eol.join(lines)
    if r.random() < 0.85:
        text += eol
    with open(os.path.join(out, "sshd_config"), "w", newline="") as f:
        f.write(text)


def main():
    outdir, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    r = random.Random(seed)
    for i in range(n):
        out = os.path.join(outdir, "%04d" % i)
        os.makedirs(out)
        tree(r, out)


main()
