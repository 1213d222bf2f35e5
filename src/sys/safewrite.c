/* safewrite.c - replace a file atomically, never leaving it torn */
#include "sys/safewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_SELINUX
#include <selinux/selinux.h>
#endif

#include "sys/fsutil.h"

/* The target itself, opened without following a link and without
 * blocking on a FIFO, to read its flags and label. */
static int
open_target(const struct ka_safe *w)
{
	return openat(w->at.dirfd, w->at.name, O_RDONLY | O_NONBLOCK |
	    O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
}

#ifdef HAVE_SELINUX
static int
copy_label(int fd, const struct ka_safe *w)
{
	char *con = NULL;
	int tfd, r = 0;

	if (is_selinux_enabled() <= 0)
		return 0;
	if ((tfd = open_target(w)) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (fgetfilecon(tfd, &con) < 0)
		r = errno == ENODATA || errno == ENOTSUP ? 0 : -errno;
	else if (fsetfilecon(fd, con) < 0)
		r = -errno;
	close(tfd);
	freecon(con);
	return r;
}
#else
static int
copy_label(int fd, const struct ka_safe *w)
{
	(void)fd;
	(void)w;
	return 0;
}
#endif

/* Owner, mode and label of the target, or root:root and mode. */
static int
copy_attrs(int fd, const struct ka_safe *w, mode_t mode)
{
	struct stat st;
	uid_t uid = 0;
	gid_t gid = 0;

	if (fstatat(w->at.dirfd, w->at.name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISLNK(st.st_mode)) {
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
	return copy_label(fd, w);
}

/* The immutable and append-only flags of fd (FS_IOC_GETFLAGS), 0 where
 * the file system keeps none. */
static int
fs_flags(int fd)
{
	int f = 0;

	if (ioctl(fd, FS_IOC_GETFLAGS, &f) < 0)
		return 0;
	return f & (FS_IMMUTABLE_FL | FS_APPEND_FL);
}

/* What would make the rename fail: an immutable or append-only file or
 * directory.  Checked before anything is made, so that --dry-run fails
 * as the real run does, and no temp file is left in an append-only
 * directory (where it could not be removed). */
static int
check_replaceable(const struct ka_safe *w, struct ka_err *e)
{
	const char *why = NULL;
	struct stat st;
	int fd, f;

	if ((f = fs_flags(w->at.dirfd)) != 0)
		why = f & FS_IMMUTABLE_FL ? "its directory is immutable" :
		    "its directory is append-only";
	else if ((fd = open_target(w)) >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (f = fs_flags(fd)) != 0)
			why = f & FS_IMMUTABLE_FL ? "the file is immutable" :
			    "the file is append-only";
		close(fd);
	}
	if (why == NULL)
		return 0;
	return ka_err_set(e, EPERM, w->path, 0, "cannot replace it: %s (%s)",
	    strerror(EPERM), why);
}

/* The temp file inside root (the target's directory and the temp's
 * name), and both files as host paths: root + the resolved path. */
static int
set_paths(struct ka_safe *w, const char *root)
{
	size_t dl = (size_t)(strrchr(w->at.inroot, '/') - w->at.inroot);
	size_t rl = root == NULL ? 0 : strlen(root);

	while (rl > 0 && root[rl - 1] == '/')
		rl--;
	if ((w->tmp_inroot = malloc(dl + strlen(w->tmp_name) + 2)) == NULL)
		return -ENOMEM;
	sprintf(w->tmp_inroot, "%.*s/%s", (int)dl, w->at.inroot, w->tmp_name);
	w->target = malloc(rl + strlen(w->at.inroot) + 1);
	w->tmp = malloc(rl + strlen(w->tmp_inroot) + 1);
	if (w->target == NULL || w->tmp == NULL)
		return -ENOMEM;
	sprintf(w->target, "%.*s%s", (int)rl, rl ? root : "", w->at.inroot);
	sprintf(w->tmp, "%.*s%s", (int)rl, rl ? root : "", w->tmp_inroot);
	return 0;
}

/* The temp file: ".NAME.ka-XXXXXX", a leading dot and no .conf suffix,
 * so that no Include glob reads it. */
static int
make_tmp(struct ka_safe *w, const char *root, struct ka_err *e)
{
	char *prefix = malloc(strlen(w->at.name) + 5);
	int fd;

	if (prefix == NULL)
		return ka_err_set(e, ENOMEM, w->path, 0, "out of memory");
	sprintf(prefix, "%s.ka-", w->at.name);
	fd = ka_rp_create_temp(w->at.dirfd, prefix, &w->tmp_name);
	free(prefix);
	if (fd < 0)
		return ka_err_set(e, -fd, w->path, 0, "cannot create a temporary "
		    "file beside it: %s", strerror(-fd));
	if (set_paths(w, root) < 0) {
		close(fd);
		return ka_err_set(e, ENOMEM, w->path, 0, "out of memory");
	}
	return fd;
}

int
ka_safe_begin(struct ka_safe *w, const char *root, const char *path,
    const void *data, size_t len, mode_t mode, struct ka_err *e)
{
	int fd, r;

	memset(w, 0, sizeof(*w));
	w->at.dirfd = -1;
	if ((w->path = strdup(path)) == NULL)
		return ka_err_set(e, ENOMEM, path, 0, "out of memory");
	if ((r = ka_rp_resolve(root, path, 0, &w->at, e)) < 0 ||
	    (r = check_replaceable(w, e)) < 0 || (r = fd = make_tmp(w, root, e)) < 0) {
		ka_safe_abort(w);
		return r;
	}
	if ((r = copy_attrs(fd, w, mode)) == 0 &&
	    (r = ka_fs_write_all(fd, data, len)) == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0) {
		ka_safe_abort(w);
		return ka_err_set(e, -r, path, 0, "cannot write the new file: %s",
		    strerror(-r));
	}
	return 0;
}

int
ka_safe_commit(struct ka_safe *w, struct ka_err *e)
{
	int r = 0;

	if (renameat(w->at.dirfd, w->tmp_name, w->at.dirfd, w->at.name) < 0) {
		r = errno;
		ka_err_set(e, r, w->path, 0, "cannot replace it: %s", strerror(r));
		ka_safe_abort(w);
		return -r;
	}
	free(w->tmp_name);
	w->tmp_name = NULL;
	if (fsync(w->at.dirfd) < 0 && errno != EINVAL) {
		r = errno;
		ka_err_set(e, r, w->path, 0, "replaced, but cannot flush its "
		    "directory: %s", strerror(r));
	}
	ka_safe_abort(w);
	return -r;
}

/* Safe on a struct that was only zeroed: nothing was begun (no path). */
void
ka_safe_abort(struct ka_safe *w)
{
	if (w->path == NULL)
		return;
	if (w->tmp_name != NULL && w->at.dirfd >= 0)
		unlinkat(w->at.dirfd, w->tmp_name, 0);
	free(w->tmp_name);
	free(w->tmp);
	free(w->tmp_inroot);
	free(w->target);
	free(w->path);
	ka_rp_free(&w->at);
	memset(w, 0, sizeof(*w));
}
