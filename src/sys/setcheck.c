/* setcheck.c - validate the new files together, as sshd will read them */
#include "sys/setcheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/paths.h"
#include "sys/run.h"
#include "sys/rootfs.h"

/* Linux 2.6.15 has them; older C libraries may not name them. */
#ifndef MS_REC
#define MS_REC 16384
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif

enum step { STEP_UNSHARE = 1, STEP_PRIVATE, STEP_BIND, STEP_COVER };

struct set {
	const struct ka_swap *sw;
	size_t n;
	int *missing;    /* per swap: the target does not exist yet */
};

#define FAIL(step, err) (-(((step) << 16) | ((err) & 0xffff)))

const char *
ka_setcheck_step_name(int ns_err)
{
	switch (KA_SETCHECK_STEP(ns_err)) {
	case STEP_UNSHARE:
		return "unshare";
	case STEP_PRIVATE:
		return "make / private";
	case STEP_BIND:
		return "bind-mount";
	default:
		return "cover the directory";
	}
}

static const char *
base_of(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* Copy the file from (dfd, name) to (nfd, as). */
static int
copy_file(int dfd, const char *name, int nfd, const char *as)
{
	char buf[8192];
	int in = openat(dfd, name, O_RDONLY | O_CLOEXEC), out, r = 0;
	ssize_t n;

	if (in < 0)
		return -errno;
	out = openat(nfd, as, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0) {
		r = -errno;
		close(in);
		return r;
	}
	while (r == 0 && (n = read(in, buf, sizeof(buf))) != 0)
		if (n < 0 ? errno != EINTR : write(out, buf, (size_t)n) != n)
			r = -EIO;
	close(in);
	close(out);
	return r;
}

/* One entry of the real directory, as it is, in the cover. */
static int
copy_entry(int dfd, int nfd, const char *name)
{
	char link[PATH_MAX];
	struct stat st;
	ssize_t n;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (S_ISREG(st.st_mode))
		return copy_file(dfd, name, nfd, name);
	if (S_ISDIR(st.st_mode))
		return mkdirat(nfd, name, 0700) < 0 ? -errno : 0;
	if (!S_ISLNK(st.st_mode))
		return 0;
	if ((n = readlinkat(dfd, name, link, sizeof(link) - 1)) < 0)
		return -errno;
	link[n] = '\0';
	return symlinkat(link, nfd, name) < 0 ? -errno : 0;
}

/* The candidate's directory has no file to bind over: cover it with a
 * tmpfs holding what it holds, plus the candidate under its name. */
static int
cover_dir(const struct ka_swap *s)
{
	char dir[PATH_MAX];
	struct dirent *d;
	DIR *dp;
	int dfd, nfd, r = 0;

	snprintf(dir, sizeof(dir), "%.*s", (int)(base_of(s->path) - s->path),
	    s->path);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	if ((dp = fdopendir(dfd)) == NULL) {
		r = -errno;
		close(dfd);
		return r;
	}
	if (mount("ka-candidate", dir, "tmpfs", MS_NOSUID | MS_NODEV,
	    "mode=0700") < 0 ||
	    (nfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		r = -errno;
		closedir(dp);
		return r;
	}
	while (r == 0 && (d = readdir(dp)) != NULL)
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0 &&
		    strcmp(d->d_name, base_of(s->tmp_inroot)) != 0)
			r = copy_entry(dirfd(dp), nfd, d->d_name);
	if (r == 0)
		r = copy_file(dirfd(dp), base_of(s->tmp_inroot), nfd,
		    base_of(s->path));
	closedir(dp);
	close(nfd);
	return r;
}

/* In the child: a private namespace with the candidates in place. */
static int
prep(void *ctx, int after_chroot)
{
	const struct set *set = ctx;
	size_t i;

	if (after_chroot) {
		for (i = 0; i < set->n; i++) {
			int r = set->missing[i] ? cover_dir(&set->sw[i]) : 0;

			if (r < 0)
				return FAIL(STEP_COVER, -r);
		}
		return 0;
	}
	if (unshare(CLONE_NEWNS) < 0)
		return FAIL(STEP_UNSHARE, errno);
	/* or the mounts below would show in the namespaces we came from */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return FAIL(STEP_PRIVATE, errno);
	for (i = 0; i < set->n; i++)
		if (!set->missing[i] &&
		    mount(set->sw[i].tmp, set->sw[i].target, NULL, MS_BIND,
		    NULL) < 0)
			return FAIL(STEP_BIND, errno);
	return 0;
}

int
ka_check_set_run(const char *root, char *const argv[], int jail,
    const struct ka_swap *sw, size_t n, struct ka_run *res, int *ns_err,
    struct ka_err *e)
{
	struct ka_run_how how;
	struct set set;
	struct stat st;
	size_t i;
	int r;

	*ns_err = 0;
	set.sw = sw;
	set.n = n;
	if ((set.missing = calloc(n ? n : 1, sizeof(int))) == NULL)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	for (i = 0; i < n; i++)
		set.missing[i] = lstat(sw[i].target, &st) < 0 && errno == ENOENT;
	memset(&how, 0, sizeof(how));
	how.root = ka_root_or_null(root);
	how.jail = jail;
	how.prep = prep;
	how.ctx = &set;
	r = ka_run_with(&how, argv, res, e);
	free(set.missing);
	if (r == 0 && res->prep_errno != 0)
		*ns_err = res->prep_errno;
	return r;
}

int
ka_sshd_check_set(const char *root, const struct ka_swap *sw, size_t n,
    struct ka_check *c, int *ns_err, struct ka_err *e)
{
	char *argv[] = { KA_PATH_SSHD, "-t", "-f", KA_PATH_SSHD_CONFIG, NULL };
	struct ka_run res;
	int r;

	r = ka_check_set_run(root, argv, 0, sw, n, &res, ns_err, e);
	if (r == 0 && *ns_err == 0)
		ka_sshd_verdict(root, &res, c);
	ka_run_free(&res);
	return r;
}
