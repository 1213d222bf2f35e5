/* stale.c - is the running sshd older than its config files? */
#include "sys/stale.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/dropin.h"
#include "engine/walk.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
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

/* The walk's files, each compared with the pid file as it is loaded
 * (a file with no directive left is still a file sshd reads). */
struct newer {
	struct ka_files base;
	long long pid;
	char *which;
	size_t size;
	int found;
};

static int
note(struct newer *n, const char *path)
{
	if (n->found || mtime_of(path) <= n->pid)
		return n->found;
	n->found = 1;
	if (n->which != NULL)
		snprintf(n->which, n->size, "%s", path);
	return 1;
}

static int
newer_load(const struct ka_files *f, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	struct newer *n = f->ctx;

	note(n, path);
	return n->base.load(&n->base, path, out, e);
}

static int
newer_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	struct newer *n = f->ctx;

	return n->base.glob(&n->base, pattern, pl, e);
}

static int
stop_when_found(void *ctx, const struct ka_walk_event *ev)
{
	(void)ev;
	return ((struct newer *)ctx)->found;
}

/* Every file sshd_config's Includes match, as sshd reads them. */
static void
walk_includes(struct newer *n)
{
	struct ka_files f = ka_files_system(NULL);
	struct ka_cfg *main;
	struct ka_err e;

	n->base = f;
	f.glob = newer_glob;
	f.load = newer_load;
	f.ctx = n;
	if (ka_cfg_load(NULL, KA_PATH_SSHD_CONFIG, &main, &e) < 0)
		return;
	/* errors (a file sshd cannot open) leave what was found so far */
	ka_walk_files(&f, main, stop_when_found, n, &e);
	ka_cfg_free(main);
}

int
ka_sshd_stale_which(char *which, size_t size)
{
	struct newer n;

	memset(&n, 0, sizeof(n));
	n.pid = mtime_of(KA_PATH_SSHD_PID);
	if (n.pid < 0)
		return -1;
	n.which = which;
	n.size = size;
	if (!note(&n, KA_PATH_SSHD_CONFIG))
		walk_includes(&n);
	/* in inline mode sshd does not read the drop-in, but the next
	 * apply writes its values into sshd_config */
	note(&n, KA_DROPIN_PATH);
	return n.found;
}

int
ka_sshd_stale(void)
{
	return ka_sshd_stale_which(NULL, 0);
}
