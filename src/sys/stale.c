/* stale.c - is the running sshd older than its config files? */
#include "sys/stale.h"

#include <sys/stat.h>

#include "engine/dropin.h"
#include "sys/paths.h"

/* Modification time in nanoseconds, or -1. */
static long long
mtime_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL +
	    st.st_mtim.tv_nsec;
}

int
ka_sshd_stale(void)
{
	long long pid = mtime_of(KA_PATH_SSHD_PID);

	if (pid < 0)
		return -1;
	return mtime_of(KA_PATH_SSHD_CONFIG) > pid ||
	    mtime_of(KA_DROPIN_PATH) > pid;
}
