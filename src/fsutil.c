/* fsutil.c - reading files and expanding globs under an optional root */
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
root_is_empty(const char *root)
{
	return root == NULL || root[0] == '\0' || strcmp(root, "/") == 0;
}

char *
ka_fs_join(const char *root, const char *path)
{
	size_t rl;
	char *p;

	if (root_is_empty(root))
		return strdup(path);
	rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if ((p = malloc(rl + strlen(path) + 2)) == NULL)
		return NULL;
	memcpy(p, root, rl);
	p[rl] = '\0';
	if (path[0] != '/')
		strcat(p, "/");
	strcat(p, path);
	return p;
}

#define MAX_LINKS 40

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

/* One step: the target of link `inroot` (a path inside root). */
static char *
follow_link(const char *inroot, const char *target)
{
	char *dir, *p;

	if (target[0] == '/')
		return strdup(target);
	if ((dir = ka_fs_dirname(inroot)) == NULL)
		return NULL;
	p = malloc(strlen(dir) + strlen(target) + 2);
	if (p != NULL)
		sprintf(p, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, target);
	free(dir);
	return p;
}

char *
ka_fs_resolve(const char *root, const char *path, struct ka_err *e)
{
	char *cur = strdup(path), *full = NULL, buf[PATH_MAX];
	int hops;

	for (hops = 0; cur != NULL && hops <= MAX_LINKS; hops++) {
		struct stat st;
		ssize_t n;
		char *next;

		free(full);
		if ((full = ka_fs_join(root, cur)) == NULL)
			break;
		if (lstat(full, &st) < 0 || !S_ISLNK(st.st_mode)) {
			free(cur);
			return full;
		}
		if ((n = readlink(full, buf, sizeof(buf) - 1)) < 0) {
			ka_err_set(e, errno, path, 0, "%s", strerror(errno));
			free(cur);
			free(full);
			return NULL;
		}
		buf[n] = '\0';
		next = follow_link(cur, buf);
		free(cur);
		cur = next;
	}
	if (cur == NULL || full == NULL)
		ka_err_set(e, ENOMEM, path, 0, "out of memory");
	else
		ka_err_set(e, ELOOP, path, 0, "too many levels of symbolic links");
	free(cur);
	free(full);
	return NULL;
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
	char *full = ka_fs_resolve(root, path, e);
	struct stat st;
	int fd, r;

	if (full == NULL)
		return -EINVAL;
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	free(full);
	if (fd < 0)
		return ka_err_set(e, errno, path, 0, "%s", strerror(errno));
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

static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
glob_to_list(const glob_t *g, size_t strip, struct ka_pathlist *pl)
{
	size_t i;

	pl->paths = calloc(g->gl_pathc + 1, sizeof(char *));
	if (pl->paths == NULL)
		return -ENOMEM;
	for (i = 0; i < g->gl_pathc; i++) {
		if ((pl->paths[i] = strdup(g->gl_pathv[i] + strip)) == NULL)
			return -ENOMEM;
		pl->n++;
	}
	qsort(pl->paths, pl->n, sizeof(char *), cmp_paths);
	return 0;
}

int
ka_fs_glob(const char *root, const char *pattern, struct ka_pathlist *pl,
    struct ka_err *e)
{
	char *full;
	size_t strip = 0;
	glob_t g;
	int r;

	pl->paths = NULL;
	pl->n = 0;
	if (!root_is_empty(root) && strpbrk(root, "*?[\\") != NULL)
		return ka_err_set(e, EINVAL, root, 0,
		    "a root directory with glob characters is not supported");
	if ((full = ka_fs_join(root, pattern)) == NULL)
		return ka_err_set(e, ENOMEM, pattern, 0, "out of memory");
	strip = strlen(full) - strlen(pattern);
	r = glob(full, GLOB_NOSORT, NULL, &g);
	free(full);
	if (r == GLOB_NOMATCH)
		return 0;
	if (r != 0)
		return ka_err_set(e, EIO, pattern, 0, "cannot expand the glob");
	r = glob_to_list(&g, strip, pl);
	globfree(&g);
	if (r < 0) {
		ka_pathlist_free(pl);
		return ka_err_set(e, ENOMEM, pattern, 0, "out of memory");
	}
	return 0;
}

int
ka_pathlist_add_sorted(struct ka_pathlist *pl, const char *path)
{
	size_t i;
	char **np;

	for (i = 0; i < pl->n && strcmp(pl->paths[i], path) < 0; i++)
		;
	if (i < pl->n && strcmp(pl->paths[i], path) == 0)
		return 0;
	np = realloc(pl->paths, (pl->n + 2) * sizeof(char *));
	if (np == NULL)
		return -ENOMEM;
	pl->paths = np;
	memmove(&np[i + 1], &np[i], (pl->n - i) * sizeof(char *));
	if ((np[i] = strdup(path)) == NULL) {
		memmove(&np[i], &np[i + 1], (pl->n - i) * sizeof(char *));
		return -ENOMEM;
	}
	pl->n++;
	np[pl->n] = NULL;
	return 0;
}

void
ka_pathlist_free(struct ka_pathlist *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->paths[i]);
	free(pl->paths);
	pl->paths = NULL;
	pl->n = 0;
}
