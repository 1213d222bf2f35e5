/* stale.h - is the running sshd older than its config files? */
#ifndef KA_STALE_H
#define KA_STALE_H

#include <limits.h>

struct ka_stale {
	int stale;              /* 1, 0, or -1 when it cannot be told */
	char which[PATH_MAX];   /* 1: the first file changed since sshd
	                         * started, as sshd reads them */
	char why[PATH_MAX + 256]; /* -1: why it cannot be told */
};

/* Whether a file sshd reads (sshd_config and every file its Includes
 * match) or the drop-in changed after sshd last (re)started: sshd
 * rewrites its pid file on every start and reload.  The pid file is
 * where sshd writes it: the first PidFile it obtains (-o in OPTIONS of
 * /etc/sysconfig/sshd, then the files), else /var/run/sshd.pid; none
 * (no pid file), a relative path, or one not there leave it unknown.
 * Returns s->stale.  For this system, never a root: under --root no
 * sshd runs to ask about. */
int ka_sshd_stale(struct ka_stale *s);

#endif
