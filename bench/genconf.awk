# genconf.awk - a generated sshd_config of about SIZE bytes for bench/run
# part 2: a commented global section as distributions ship it, then Match
# blocks as a large site grows them (sftp jails, partner networks, deploy
# users), each under a comment saying why, some indented with a TAB, some
# with spaces, some flush, a few setting ClientAliveInterval themselves.
# Deterministic (fixed seed).  Never more than SIZE bytes.
#   awk -v size=BYTES -f bench/genconf.awk > FILE
function emit(line) {
	if (total + length(line) + 1 > size)
		exit
	print line
	total += length(line) + 1
}
BEGIN {
	srand(20261124)
	total = 0
	split("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent victor walter", users, " ")
	split("acme globex initech umbrella hooli vehement massive soylent", partners, " ")
	split("sftp-partners,backup,deploy,ops,dba,ci,monitoring", groups, ",")
	nu = length(users); np = length(partners); ng = length(groups)
	n = split("#\t$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $\n" \
		"\n" \
		"# This is the sshd server system-wide configuration file.  See\n" \
		"# sshd_config(5) for more information.\n" \
		"\n" \
		"#Port 22\n" \
		"#AddressFamily any\n" \
		"#ListenAddress 0.0.0.0\n" \
		"\n" \
		"HostKey /etc/ssh/ssh_host_rsa_key\n" \
		"HostKey /etc/ssh/ssh_host_ecdsa_key\n" \
		"HostKey /etc/ssh/ssh_host_ed25519_key\n" \
		"\n" \
		"SyslogFacility AUTHPRIV\n" \
		"#LogLevel INFO\n" \
		"\n" \
		"#LoginGraceTime 2m\n" \
		"PermitRootLogin prohibit-password\n" \
		"#MaxAuthTries 6\n" \
		"AuthorizedKeysFile\t.ssh/authorized_keys\n" \
		"PasswordAuthentication no\n" \
		"#TCPKeepAlive yes\n" \
		"#ClientAliveInterval 0\n" \
		"#ClientAliveCountMax 3\n" \
		"X11Forwarding no\n" \
		"Subsystem\tsftp\t/usr/libexec/openssh/sftp-server\n" \
		"\n" \
		"# Site policy below: one block a team, partner or jail; keep sorted by ticket.", head, "\n")
	for (i = 1; i <= n; i++)
		emit(head[i])
	for (b = 1; ; b++) {
		u = users[1 + int(rand() * nu)]
		p = partners[1 + int(rand() * np)]
		g = groups[1 + int(rand() * ng)]
		ind = b % 3 == 0 ? "" : (b % 3 == 1 ? "\t" : "    ")
		emit("")
		emit(sprintf("# OPS-%d: %s for %s, requested by %s on 20%02d-%02d-%02d", \
			1000 + b, b % 4 == 0 ? "sftp jail" : (b % 4 == 1 ? "partner network" : \
			(b % 4 == 2 ? "deploy user" : "backup window")), p, u, \
			18 + b % 8, 1 + b % 12, 1 + b % 28))
		if (b % 5 == 0)
			emit("# reviewed by the security team; do not widen without a new ticket")
		if (b % 4 == 0) {
			emit(sprintf("Match Group %s-%s", g, p))
			emit(ind "ChrootDirectory /srv/sftp/%u")
			emit(ind "ForceCommand internal-sftp -l INFO")
			emit(ind "AllowTcpForwarding no")
			emit(ind "X11Forwarding no")
		} else if (b % 4 == 1) {
			emit(sprintf("Match Address 10.%d.%d.0/24,192.168.%d.0/24", \
				b % 250, int(b / 250) % 250, b % 200))
			emit(ind "PasswordAuthentication no")
			emit(ind "AuthenticationMethods publickey")
			emit(sprintf("%sPermitOpen 10.%d.%d.%d:5432", ind, b % 250, \
				int(rand() * 250), 1 + int(rand() * 250)))
			if (b % 8 == 1) {
				emit(ind "ClientAliveInterval 30")
				emit(ind "ClientAliveCountMax 2")
			}
		} else if (b % 4 == 2) {
			emit(sprintf("Match User deploy%d,%s LocalPort 22", b, u))
			emit(ind "PermitTTY no")
			emit(ind "AllowAgentForwarding no")
			emit(sprintf("%sBanner /etc/ssh/banner-%s", ind, p))
		} else {
			emit(sprintf("Match User backup-%s Address 172.16.%d.0/24", p, b % 250))
			emit(ind "MaxSessions 4")
			emit(ind "#ClientAliveInterval 0")
			emit(ind "ForceCommand /usr/local/bin/backup-shell")
		}
		if (b > size)	# bounded: there are always more than size/100 bytes a block
			exit
	}
}
