/* stale.h - is the running sshd older than its config files? */
#ifndef KA_STALE_H
#define KA_STALE_H

/* 1 when sshd_config or the drop-in changed after sshd last (re)started
 * (sshd rewrites its pid file on every start and reload), 0 when not,
 * -1 when there is no pid file to tell.  For this system, not a root. */
int ka_sshd_stale(void);

#endif
