/* dbcopy.c - a private copy of an rpm database, to read without touching */
#include "sys/dbcopy.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/fsutil.h"

static int
copy_fd(int in, int out)
{
	char buf[65536];
	ssize_t n;
	int r;

	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if ((r = ka_fs_write_all(out, buf, (size_t)n)) < 0)
			return r;
	}
	return 0;
}

/* One regular file (name in from) into the directory to. */
static int
copy_one(int from, const char *name, int to, uid_t owner)
{
	struct stat st;
	int in, out, r;

	in = openat(from, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (in < 0)
		return errno == ELOOP ? 0 : -errno;
	if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(in);
		return 0;
	}
	out = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (out < 0) {
		r = -errno;
		close(in);
		return r;
	}
	r = copy_fd(in, out);
	if (r == 0 && fchown(out, owner, owner) < 0)
		r = -errno;
	if (close(out) < 0 && r == 0)
		r = -errno;
	close(in);
	return r;
}

int
ka_dbcopy(int from, const char *to, uid_t owner)
{
	struct dirent *d;
	DIR *dp;
	int dfd, to_fd, r = 0;

	if (mkdir(to, 0700) < 0 && errno != EEXIST)
		return -errno;
	if ((to_fd = open(to, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return -errno;
	if (fchown(to_fd, owner, owner) < 0 ||
	    (dfd = openat(from, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		r = -errno;
		close(to_fd);
		return r;
	}
	if ((dp = fdopendir(dfd)) == NULL) {
		r = -errno;
		close(dfd);
		close(to_fd);
		return r;
	}
	while (r == 0 && (errno = 0, d = readdir(dp)) != NULL)
		if (d->d_name[0] != '.' || (d->d_name[1] != '\0' &&
		    (d->d_name[1] != '.' || d->d_name[2] != '\0')))
			r = copy_one(dirfd(dp), d->d_name, to_fd, owner);
	if (r == 0 && errno != 0)
		r = -errno;
	closedir(dp);
	close(to_fd);
	return r;
}

void
ka_dbcopy_remove(const char *to)
{
	struct dirent *d;
	DIR *dp = opendir(to);

	if (dp == NULL)
		return;
	while ((d = readdir(dp)) != NULL)
		if (d->d_type != DT_DIR)
			unlinkat(dirfd(dp), d->d_name, 0);
	closedir(dp);
	rmdir(to);
}
