/* rootfs.c - paths inside a root directory, resolved as chroot(2) would */
#include "sys/rootfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/buf.h"

/* A directory we only walk through: O_PATH where the system has it
 * (Linux 2.6.39+), so that search permission is enough. */
#ifdef O_PATH
#define KA_O_SEARCH (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define KA_O_SEARCH (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif

struct walk {
	int root;          /* the root directory */
	int cur;           /* the directory reached so far */
	struct ka_buf at;  /* its path inside the root: "" for the root */
	struct ka_buf todo; /* what is left to resolve */
	int links;
};

enum { STEP_ON, STEP_LINK, STEP_NAME, STEP_DIR };

/* errno after a failed call, never 0; and its negative. */
static int
pos_errno(void)
{
	return errno > 0 ? errno : EIO;
}

static int
neg_errno(void)
{
	return -pos_errno();
}

/* Make fd the current directory; fd < 0 is errno's failure. */
static int
set_cur(struct walk *w, int fd)
{
	if (fd < 0)
		return neg_errno();
	if (w->cur >= 0)
		close(w->cur);
	w->cur = fd;
	return 0;
}

/* Open the directory `at` names again, from the root, by name. */
static int
reopen(struct walk *w)
{
	char *copy = strdup(w->at.data), *c, *save = NULL;
	int fd = fcntl(w->root, F_DUPFD_CLOEXEC, 0), err = 0;

	if (copy == NULL || fd < 0)
		err = copy == NULL ? ENOMEM : pos_errno();
	for (c = err ? NULL : strtok_r(copy, "/", &save); c != NULL;
	    c = strtok_r(NULL, "/", &save)) {
		int next = openat(fd, c, KA_O_SEARCH | O_NOFOLLOW);

		err = next < 0 ? pos_errno() : 0;
		close(fd);
		if ((fd = next) < 0)
			break;
	}
	free(copy);
	if (err != 0) {
		if (fd >= 0)
			close(fd);
		return -err;
	}
	return set_cur(w, fd);
}

/* ".." : one directory up, never above the root. */
static int
go_up(struct walk *w, char **popped)
{
	char *slash;

	if (w->at.len == 0)
		return 0;
	slash = strrchr(w->at.data, '/');
	if (popped != NULL && (*popped = strdup(slash + 1)) == NULL)
		return -ENOMEM;
	*slash = '\0';
	w->at.len = (size_t)(slash - w->at.data);
	return reopen(w);
}

static int
go_down(struct walk *w, const char *c)
{
	int r = set_cur(w, openat(w->cur, c, KA_O_SEARCH | O_NOFOLLOW));

	if (r == 0 && ka_buf_addf(&w->at, "/%s", c) < 0)
		r = -ENOMEM;
	return r;
}

/* Replace the link c by its target in what is left to resolve. */
static int
follow_link(struct walk *w, const char *c, const char *rest)
{
	struct ka_buf todo = KA_BUF_INIT;
	char target[PATH_MAX];
	ssize_t n;

	if (++w->links > KA_ROOTFS_MAX_LINKS)
		return -ELOOP;
	if ((n = readlinkat(w->cur, c, target, sizeof(target))) < 0)
		return neg_errno();
	if (n == 0 || (size_t)n >= sizeof(target))
		return n == 0 ? -ENOENT : -ENAMETOOLONG;
	target[n] = '\0';
	if (ka_buf_addf(&todo, "%s/%s", target, rest) < 0) {
		ka_buf_free(&todo);
		return -ENOMEM;
	}
	ka_buf_free(&w->todo);
	w->todo = todo;
	if (target[0] != '/')
		return STEP_LINK;
	w->at.len = 0;
	w->at.data[0] = '\0';
	n = set_cur(w, fcntl(w->root, F_DUPFD_CLOEXEC, 0));
	return n < 0 ? (int)n : STEP_LINK;
}

static int
step(struct walk *w, const char *c, const char *rest, int last, int follow)
{
	struct stat st;
	int r;

	if (strcmp(c, ".") == 0)
		return last ? STEP_DIR : STEP_ON;
	if (strcmp(c, "..") == 0) {
		r = go_up(w, NULL);
		return r < 0 ? r : last ? STEP_DIR : STEP_ON;
	}
	if (fstatat(w->cur, c, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT && last ? STEP_NAME : neg_errno();
	if (S_ISLNK(st.st_mode) && (!last || follow))
		return follow_link(w, c, rest);
	if (last)
		return STEP_NAME;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	r = go_down(w, c);
	return r < 0 ? r : STEP_ON;
}

/* The path named a directory itself ("/", "x/.", "x/.."): as its name
 * in its parent, or "." in the root. */
static int
name_dir(struct walk *w, char **name)
{
	if (w->at.len == 0)
		return (*name = strdup(".")) == NULL ? -ENOMEM : 0;
	return go_up(w, name);
}

static int
run_walk(struct walk *w, int follow, char **name)
{
	size_t pos = 0;

	for (;;) {
		char *c, *end, saved;
		const char *rest;
		int r;

		pos += strspn(w->todo.data + pos, "/");
		if (w->todo.data[pos] == '\0')
			return name_dir(w, name);
		c = w->todo.data + pos;
		end = c + strcspn(c, "/");
		rest = end + strspn(end, "/");
		saved = *end;
		*end = '\0';
		r = step(w, c, rest, *rest == '\0', follow);
		if (r < 0 || r == STEP_DIR)
			return r < 0 ? r : name_dir(w, name);
		if (r == STEP_NAME)
			return (*name = strdup(c)) == NULL ? -ENOMEM : 0;
		if (r == STEP_LINK) {   /* todo was replaced */
			pos = 0;
			continue;
		}
		*end = saved;
		pos = (size_t)(rest - w->todo.data);
	}
}

static int
walk_init(struct walk *w, const char *root, const char *path)
{
	memset(w, 0, sizeof(*w));
	w->cur = -1;
	w->root = open(root != NULL && root[0] != '\0' ? root : "/",
	    KA_O_SEARCH);
	if (w->root < 0)
		return neg_errno();
	if (path[0] == '\0')
		return -ENOENT;
	if (ka_buf_adds(&w->todo, path) < 0 || ka_buf_adds(&w->at, "") < 0)
		return -ENOMEM;
	return set_cur(w, fcntl(w->root, F_DUPFD_CLOEXEC, 0));
}

static void
walk_done(struct walk *w)
{
	if (w->root >= 0)
		close(w->root);
	if (w->cur >= 0)
		close(w->cur);
	ka_buf_free(&w->todo);
	ka_buf_free(&w->at);
}

/* Hand the directory over, readable where we may (fsync, readdir). */
static int
fill(struct ka_rpath *rp, struct walk *w, char *name)
{
	int fd = openat(w->cur, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		fd = w->cur;
		w->cur = -1;
	}
	rp->dirfd = fd;
	rp->name = name;
	if (strcmp(name, ".") == 0)
		rp->inroot = strdup("/");
	else if ((rp->inroot = malloc(w->at.len + strlen(name) + 2)) != NULL)
		sprintf(rp->inroot, "%s/%s", w->at.data, name);
	return rp->inroot == NULL ? -ENOMEM : 0;
}

int
ka_rp_resolve(const char *root, const char *path, int flags,
    struct ka_rpath *rp, struct ka_err *e)
{
	struct walk w;
	char *name = NULL;
	int r;

	rp->dirfd = -1;
	rp->name = rp->inroot = NULL;
	r = walk_init(&w, root, path);
	if (r == 0 && w.todo.data != NULL)
		r = run_walk(&w, !(flags & KA_RP_NOFOLLOW), &name);
	if (r == 0 && name != NULL) {
		r = fill(rp, &w, name);
		name = NULL;
	} else if (r >= 0) {
		r = -EIO;   /* not reached: a walk that ends has a name */
	}
	walk_done(&w);
	free(name);
	if (r < 0) {
		ka_rp_free(rp);
		ka_err_set(e, -r, path, 0, "%s", strerror(-r));
	}
	return r < 0 ? r : 0;
}

void
ka_rp_free(struct ka_rpath *rp)
{
	if (rp->dirfd >= 0)
		close(rp->dirfd);
	free(rp->name);
	free(rp->inroot);
	rp->dirfd = -1;
	rp->name = rp->inroot = NULL;
}

int
ka_root_open(const char *root, const char *path, int flags,
    struct ka_err *e)
{
	struct ka_rpath rp;
	int fd, r;

	if ((r = ka_rp_resolve(root, path, 0, &rp, e)) < 0)
		return r;
	fd = openat(rp.dirfd, rp.name, flags | O_NOFOLLOW | O_CLOEXEC);
	r = fd < 0 ? pos_errno() : 0;
	ka_rp_free(&rp);
	if (fd < 0)
		return ka_err_set(e, r, path, 0, "%s", strerror(r));
	return fd;
}

int
ka_root_stat(const char *root, const char *path, int flags,
    struct stat *st, struct ka_err *e)
{
	struct ka_rpath rp;
	int r;

	if ((r = ka_rp_resolve(root, path, flags, &rp, e)) < 0)
		return r;
	r = fstatat(rp.dirfd, rp.name, st, AT_SYMLINK_NOFOLLOW) < 0 ? pos_errno() : 0;
	ka_rp_free(&rp);
	return r ? ka_err_set(e, r, path, 0, "%s", strerror(r)) : 0;
}

int
ka_root_mkdir(const char *root, const char *path, mode_t mode,
    struct ka_err *e)
{
	struct ka_rpath rp;
	int r;

	if ((r = ka_rp_resolve(root, path, KA_RP_NOFOLLOW, &rp, e)) < 0)
		return r;
	r = mkdirat(rp.dirfd, rp.name, mode) < 0 ? pos_errno() : 0;
	ka_rp_free(&rp);
	return r ? ka_err_set(e, r, path, 0, "%s", strerror(r)) : 0;
}

static int
unlink_in(const char *root, const char *path, int rflags, int uflags)
{
	struct ka_rpath rp;
	int r;

	if ((r = ka_rp_resolve(root, path, rflags, &rp, NULL)) < 0)
		return r;
	r = unlinkat(rp.dirfd, rp.name, uflags) < 0 ? neg_errno() : 0;
	ka_rp_free(&rp);
	return r;
}

int
ka_root_rmdir(const char *root, const char *path)
{
	return unlink_in(root, path, KA_RP_NOFOLLOW, AT_REMOVEDIR);
}

int
ka_root_unlink(const char *root, const char *path, int flags)
{
	return unlink_in(root, path, flags, 0);
}

/* Six characters as mkstemp(3) uses; unpredictable enough with O_EXCL
 * (only root writes these directories). */
static void
random_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long count;
	struct timespec ts;
	unsigned long x;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	x = (unsigned long)ts.tv_nsec ^ ((unsigned long)ts.tv_sec << 20) ^
	    ((unsigned long)getpid() << 8) ^ (++count * 2654435761UL);
	for (i = 0; i < 6; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s[i] = set[x % (sizeof(set) - 1)];
	}
	s[6] = '\0';
}

int
ka_rp_create_temp(int dirfd, const char *prefix, char **name)
{
	size_t n = strlen(prefix);
	int tries, fd = -1, err = EEXIST;

	if ((*name = malloc(n + 8)) == NULL)
		return -ENOMEM;
	(*name)[0] = '.';
	memcpy(*name + 1, prefix, n);
	for (tries = 0; tries < 100 && fd < 0; tries++) {
		random_suffix(*name + 1 + n);
		fd = openat(dirfd, *name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && (err = pos_errno()) != EEXIST)
			break;
	}
	if (fd < 0) {
		fd = -err;
		free(*name);
		*name = NULL;
	}
	return fd;
}

int
ka_root_check(const char *root, const char **out, struct ka_err *e)
{
	struct stat st, sys;

	*out = root;
	if (root == NULL)
		return 0;
	if (root[0] == '\0')
		return ka_err_set(e, EINVAL, NULL, 0, "--root: an empty name; "
		    "give the directory the image is mounted at");
	if (stat(root, &st) < 0)
		return ka_err_set(e, pos_errno(), NULL, 0, "--root: %s: %s", root,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ka_err_set(e, ENOTDIR, NULL, 0, "--root: %s: %s", root,
		    strerror(ENOTDIR));
	/* the running system's own root: no image, the system itself */
	if (stat("/", &sys) == 0 && st.st_dev == sys.st_dev &&
	    st.st_ino == sys.st_ino)
		*out = NULL;
	return 0;
}

const char *
ka_root_or_null(const char *root)
{
	return root == NULL || root[0] == '\0' || strcmp(root, "/") == 0 ?
	    NULL : root;
}
