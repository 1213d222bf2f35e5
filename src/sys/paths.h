/* paths.h - every path ssh-keepalive uses on a system, in one place
 *
 * All are absolute and looked up inside --root when one is given.
 * Tests reach stand-ins at these same paths through a private mount
 * namespace; nothing here is read from the environment. */
#ifndef KA_PATHS_H
#define KA_PATHS_H

#define KA_PATH_SSHD_CONFIG "/etc/ssh/sshd_config"
#define KA_PATH_SSHD "/usr/sbin/sshd"
#define KA_PATH_SSHD_PID "/var/run/sshd.pid"
#define KA_PATH_SYSCONFIG_SSHD "/etc/sysconfig/sshd"
#define KA_PATH_SYSTEMD_RUNDIR "/run/systemd/system"
#define KA_PATH_SYSTEMCTL "/usr/bin/systemctl"
#define KA_PATH_SYSTEMCTL_OLD "/bin/systemctl"
#define KA_PATH_SERVICE "/sbin/service"
#define KA_PATH_SERVICE_USR "/usr/sbin/service"
#define KA_SAFE_PATH "/usr/sbin:/usr/bin:/sbin:/bin"

/* The one program linked with librpm, run only when the installed sshd
 * cannot say whether it understands Include; looked for beside the
 * running program first (a build tree), then here. */
#define KA_RPMQ_NAME "keepalive-rpmq"
#define KA_PATH_RPMQ "/usr/libexec/ssh-keepalive/" KA_RPMQ_NAME
/* The rpm database as EL keeps it (sqlite on EL9+, Berkeley DB before) */
#define KA_PATH_RPMDB "/var/lib/rpm"
/* where rpm 4.17+ keeps it (Fedora 36+, EL10): /var/lib/rpm may be a link
 * to it, or missing (no rpm package in the image) */
#define KA_PATH_RPMDB_SYSIMAGE "/usr/lib/sysimage/rpm"
/* Where keepalive-rpmq reads its copy of a database: in a private tmpfs
 * at /tmp that nothing else sees (sys/dbcopy.h) */
#define KA_RPMDB_COPY "/tmp/rpmdb"
/* The Include probe's file, in the same kind of private tmpfs */
#define KA_PROBE_PATH "/tmp/ssh-keepalive-probe.conf"
/* The files of an rpm database (sqlite on EL9+, BDB or NDB before). */
#define KA_RPMDB_NAMES { "rpmdb.sqlite", "Packages", "Packages.db", NULL }

#endif
