/* lock.h - one change at a time */
#ifndef KA_LOCK_H
#define KA_LOCK_H

#include "engine/err.h"

#define KA_LOCK_WAIT_MS 30000

/* Take a flock on root's /etc/ssh directory, waiting up to
 * KA_LOCK_WAIT_MS for another run to finish: exclusive for a change,
 * shared for a report (which writes only its probe file).  Returns the
 * fd to pass to ka_unlock(), or < 0. */
int ka_lock(const char *root, int shared, struct ka_err *e);
void ka_unlock(int fd);

#endif
