/* rootglob.c - Include globs expanded inside a root, as sshd expands them */
#include "sys/rootglob.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/buf.h"
#include "sys/rootfs.h"

struct expand {
	const char *root;
	struct ka_pathlist *pl;
};

static int expand(struct expand *x, const char *prefix, const char *rest);

/* A component with an unescaped *, ? or [ is matched against names. */
static int
has_meta(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
	}
	return 0;
}

/* "/" and the component, its backslashes taken out. */
static int
add_literal(struct ka_buf *p, const char *s, size_t len)
{
	size_t i;
	int r = ka_buf_adds(p, "/");

	for (i = 0; r == 0 && i < len; i++) {
		if (s[i] == '\\' && i + 1 < len)
			i++;
		r = ka_buf_add(p, &s[i], 1);
	}
	return r;
}

static int
add_path(struct ka_pathlist *pl, const char *path)
{
	char **np = realloc(pl->paths, (pl->n + 2) * sizeof(char *));

	if (np == NULL)
		return -ENOMEM;
	pl->paths = np;
	if ((np[pl->n] = strdup(path)) == NULL)
		return -ENOMEM;
	np[++pl->n] = NULL;
	return 0;
}

/* The end of the pattern: a match if it exists, by lstat as glob does. */
static int
found(struct expand *x, const char *path)
{
	struct stat st;

	if (path[0] == '\0')
		path = "/";
	if (ka_root_stat(x->root, path, KA_RP_NOFOLLOW, &st, NULL) < 0)
		return 0;
	return add_path(x->pl, path);
}

static int
match_entry(struct expand *x, const char *dir, const char *pat,
    const char *name, const char *rest)
{
	struct ka_buf child = KA_BUF_INIT;
	int r;

	if ((name[0] == '.' && pat[0] != '.') || fnmatch(pat, name, 0) != 0)
		return 0;
	r = ka_buf_addf(&child, "%s/%s", dir, name);
	if (r == 0)
		r = expand(x, child.data, rest);
	ka_buf_free(&child);
	return r;
}

/* A component with wildcards: the names in dir that match it. */
static int
expand_dir(struct expand *x, const char *dir, const char *seg, size_t len,
    const char *rest)
{
	char *pat = strndup(seg, len);
	struct dirent *d;
	DIR *dp = NULL;
	int fd, r = 0;

	if (pat == NULL)
		return -ENOMEM;
	fd = ka_root_open(x->root, dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY,
	    NULL);
	if (fd >= 0 && (dp = fdopendir(fd)) == NULL)
		close(fd);
	while (dp != NULL && r == 0 && (d = readdir(dp)) != NULL)
		r = match_entry(x, dir, pat, d->d_name, rest);
	if (dp != NULL)
		closedir(dp);
	free(pat);
	return r;
}

static int
expand(struct expand *x, const char *prefix, const char *rest)
{
	struct ka_buf p = KA_BUF_INIT;
	int r = ka_buf_adds(&p, prefix);

	while (r == 0) {
		const char *seg;
		size_t len;

		rest += strspn(rest, "/");
		if (*rest == '\0') {
			r = found(x, p.data);
			break;
		}
		seg = rest;
		len = strcspn(seg, "/");
		rest = seg + len;
		if (has_meta(seg, len)) {
			r = expand_dir(x, p.data, seg, len, rest);
			break;
		}
		r = add_literal(&p, seg, len);
	}
	ka_buf_free(&p);
	return r;
}

static int
cmp_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
ka_root_glob(const char *root, const char *pattern, struct ka_pathlist *pl,
    struct ka_err *e)
{
	struct expand x;
	int r;

	pl->paths = NULL;
	pl->n = 0;
	x.root = root;
	x.pl = pl;
	if ((r = expand(&x, "", pattern)) < 0) {
		ka_pathlist_free(pl);
		return ka_err_set(e, -r, pattern, 0, "%s", strerror(-r));
	}
	if (pl->paths != NULL)
		qsort(pl->paths, pl->n, sizeof(char *), cmp_paths);
	return 0;
}
