/* safewrite.c - replace a file atomically, never leaving it torn */
#include "safewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_SELINUX
#include <selinux/selinux.h>
#endif

#include "fsutil.h"

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#ifdef HAVE_SELINUX
static int
copy_label(int fd, const char *target)
{
	char *con = NULL;
	int r = 0;

	if (is_selinux_enabled() <= 0)
		return 0;
	if (getfilecon(target, &con) < 0)
		return errno == ENOENT || errno == ENODATA ||
		    errno == ENOTSUP ? 0 : -errno;
	if (fsetfilecon(fd, con) < 0)
		r = -errno;
	freecon(con);
	return r;
}
#else
static int
copy_label(int fd, const char *target)
{
	(void)fd;
	(void)target;
	return 0;
}
#endif

/* Owner, mode and label of the target, or root:root and mode. */
static int
copy_attrs(int fd, const char *target, mode_t mode)
{
	struct stat st;
	uid_t uid = 0;
	gid_t gid = 0;

	if (stat(target, &st) == 0) {
		uid = st.st_uid;
		gid = st.st_gid;
		mode = st.st_mode & 07777;
	} else if (errno != ENOENT) {
		return -errno;
	}
	if (fchown(fd, uid, gid) < 0 && (errno != EPERM || geteuid() == 0))
		return -errno;
	if (fchmod(fd, mode) < 0)
		return -errno;
	return copy_label(fd, target);
}

static int
make_tmp(struct ka_safe *w)
{
	char *dir = ka_fs_dirname(w->target), *base = strrchr(w->target, '/');

	if (dir == NULL)
		return -ENOMEM;
	base = base ? base + 1 : w->target;
	/* a leading dot and no .conf suffix: no Include glob reads it */
	w->tmp = malloc(strlen(dir) + strlen(base) + 32);
	if (w->tmp == NULL) {
		free(dir);
		return -ENOMEM;
	}
	sprintf(w->tmp, "%s/.%s.ka-XXXXXX", dir, base);
	free(dir);
	return mkostemp(w->tmp, O_CLOEXEC);
}

static void
set_inroot(struct ka_safe *w, const char *root)
{
	size_t rl = (root == NULL || strcmp(root, "/") == 0) ? 0 : strlen(root);

	while (rl > 0 && root[rl - 1] == '/')
		rl--;
	w->tmp_inroot = strdup(w->tmp + rl);
}

int
ka_safe_begin(struct ka_safe *w, const char *root, const char *path,
    const void *data, size_t len, mode_t mode, struct ka_err *e)
{
	int fd, r;

	memset(w, 0, sizeof(*w));
	if ((w->target = ka_fs_resolve(root, path, e)) == NULL)
		return -EINVAL;
	if ((fd = make_tmp(w)) < 0) {
		r = fd == -ENOMEM ? ENOMEM : errno;
		free(w->tmp);
		w->tmp = NULL;
		ka_safe_abort(w);
		return ka_err_set(e, r, path, 0,
		    "cannot create a temporary file beside it: %s", strerror(r));
	}
	set_inroot(w, root);
	if ((r = copy_attrs(fd, w->target, mode)) == 0 &&
	    (r = write_all(fd, data, len)) == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && w->tmp_inroot == NULL)
		r = -ENOMEM;
	if (r < 0) {
		ka_safe_abort(w);
		return ka_err_set(e, -r, path, 0, "cannot write the new file: %s",
		    strerror(-r));
	}
	return 0;
}

static int
fsync_dir(const char *file)
{
	char *dir = ka_fs_dirname(file);
	int fd, r = 0;

	if (dir == NULL)
		return -ENOMEM;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0 && errno != EINVAL)
		r = -errno;
	close(fd);
	return r;
}

int
ka_safe_commit(struct ka_safe *w, struct ka_err *e)
{
	int r;

	if (rename(w->tmp, w->target) < 0) {
		r = errno;
		ka_safe_abort(w);
		return ka_err_set(e, r, NULL, 0, "cannot replace %s: %s",
		    w->target, strerror(r));
	}
	free(w->tmp);
	w->tmp = NULL;
	r = fsync_dir(w->target);
	ka_safe_abort(w);
	if (r < 0)
		return ka_err_set(e, -r, NULL, 0,
		    "replaced, but cannot flush its directory: %s", strerror(-r));
	return 0;
}

void
ka_safe_abort(struct ka_safe *w)
{
	if (w->tmp != NULL)
		unlink(w->tmp);
	free(w->tmp);
	free(w->tmp_inroot);
	free(w->target);
	memset(w, 0, sizeof(*w));
}
