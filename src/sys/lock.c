/* lock.c - one change at a time */
#include "sys/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "sys/rootfs.h"

int
ka_lock(const char *root, int shared, struct ka_err *e)
{
	struct timespec pause = { 0, 50 * 1000000L };
	int fd = ka_root_open(root, "/etc/ssh", O_RDONLY | O_DIRECTORY, e);
	int waited = 0, r;

	if (fd < 0)
		return fd;
	while ((r = flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB)) < 0 &&
	    (errno == EWOULDBLOCK || errno == EINTR) &&
	    waited < KA_LOCK_WAIT_MS) {
		nanosleep(&pause, NULL);
		waited += 50;
	}
	if (r < 0) {
		r = errno;
		close(fd);
		if (r == EWOULDBLOCK)
			return ka_err_set(e, EBUSY, NULL, 0, "another ssh-keepalive "
			    "run still holds the lock on /etc/ssh after %d s",
			    KA_LOCK_WAIT_MS / 1000);
		return ka_err_set(e, r, "/etc/ssh", 0, "lock: %s", strerror(r));
	}
	return fd;
}

void
ka_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
