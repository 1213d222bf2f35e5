/* fsutil.c - reading files and expanding globs under an optional root */
#include "sys/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/rootfs.h"
#include "sys/rootglob.h"

int
ka_fs_write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len > 0) {
		ssize_t n = write(fd, c, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

char *
ka_fs_dirname(const char *path)
{
	char *d = strdup(path), *slash;

	if (d == NULL)
		return NULL;
	slash = strrchr(d, '/');
	if (slash == d)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else
		strcpy(d, ".");
	return d;
}

static int
read_fd(int fd, struct ka_buf *b)
{
	char chunk[65536];

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		if (ka_buf_add(b, chunk, (size_t)n) < 0)
			return -ENOMEM;
	}
}

int
ka_fs_read_file(const char *root, const char *path, struct ka_buf *b,
    struct ka_err *e)
{
	/* O_NONBLOCK: a FIFO is refused below instead of waited on */
	int fd = ka_root_open(root, path, O_RDONLY | O_NOCTTY | O_NONBLOCK, e);
	struct stat st;
	int r;

	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		r = errno;
		close(fd);
		return ka_err_set(e, r, path, 0, "%s", strerror(r));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ka_err_set(e, S_ISDIR(st.st_mode) ? EISDIR : EINVAL,
		    path, 0, "not a regular file");
	}
	/* one buffer of the file's size (it may still grow) */
	r = st.st_size > 0 && ka_buf_reserve(b, (size_t)st.st_size) < 0 ?
	    -ENOMEM : read_fd(fd, b);
	close(fd);
	if (r == 0 && b->data == NULL)
		r = ka_buf_add(b, "", 0);
	if (r < 0)
		return ka_err_set(e, -r, path, 0, "%s", strerror(-r));
	return 0;
}

int
ka_fs_glob(const char *root, const char *pattern, struct ka_pathlist *pl,
    struct ka_err *e)
{
	return ka_root_glob(root, pattern, pl, e);
}

int
ka_cfg_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	int r;

	*out = NULL;
	if ((r = ka_fs_read_file(root, path, &b, e)) < 0) {
		ka_buf_free(&b);
		return r;
	}
	return ka_cfg_adopt(path, &b, out, e);
}
