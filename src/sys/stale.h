/* stale.h - is the running sshd older than its config files? */
#ifndef KA_STALE_H
#define KA_STALE_H

#include <stddef.h>

/* 1 when a file sshd reads (sshd_config and every file its Includes
 * match) or the drop-in changed after sshd last (re)started (sshd
 * rewrites its pid file on every start and reload), 0 when not, -1
 * when there is no pid file to tell.  For this system, not a root. */
int ka_sshd_stale(void);

/* ka_sshd_stale(), and when 1 the first such file, in which (size
 * bytes; which may be NULL). */
int ka_sshd_stale_which(char *which, size_t size);

#endif
