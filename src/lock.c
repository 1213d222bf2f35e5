/* lock.c - one change at a time */
#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

int
ka_lock(const char *root, int shared, struct ka_err *e)
{
	struct timespec pause = { 0, 50 * 1000000L };
	char *dir = ka_fs_join(root, "/etc/ssh");
	int fd, waited = 0, r;

	if (dir == NULL)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return ka_err_set(e, errno, "/etc/ssh", 0, "%s", strerror(errno));
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
