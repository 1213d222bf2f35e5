/* stale.c - is the running sshd older than its config files? */
#include "sys/stale.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "engine/dropin.h"
#include "engine/effective.h"
#include "engine/walk.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/paths.h"
#include "sys/sysconfig.h"

static long long
ns_of(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL +
	    st->st_mtim.tv_nsec;
}

/* Modification time in nanoseconds, or -1. */
static long long
mtime_of(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 ? -1 : ns_of(&st);
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
walk_includes(struct newer *n, struct ka_cfg *main)
{
	struct ka_files f = ka_files_system(NULL);
	struct ka_err e;

	n->base = f;
	f.glob = newer_glob;
	f.load = newer_load;
	f.ctx = n;
	/* errors (a file sshd cannot open) leave what was found so far */
	ka_walk_files(&f, main, stop_when_found, n, &e);
}

/* Where sshd writes its pid file: the first PidFile it obtains, -o in
 * OPTIONS (its command line) before the files.  1 with value and where
 * ("FILE:LINE"), 0 when none (the compiled-in default), -1 with s->why. */
static int
pidfile_setting(struct ka_stale *s, struct ka_cfg *main, char *value,
    size_t vlen, char *where, size_t wlen)
{
	struct ka_files f = ka_files_system(NULL);
	struct ka_setting set;
	struct ka_err e;
	size_t line;
	int r;

	if (ka_sysconfig_option(NULL, "pidfile", value, vlen, &line) == 1) {
		snprintf(where, wlen, "%s:%zu (-o in OPTIONS)",
		    KA_PATH_SYSCONFIG_SSHD, line);
		return 1;
	}
	if ((r = ka_effective_first(&f, main, "pidfile", &set, &e)) < 0) {
		snprintf(s->why, sizeof(s->why), "where sshd writes its pid "
		    "file: %s", e.msg);
		return -1;
	}
	if (r == 0)
		return 0;
	snprintf(where, wlen, "%s:%zu", set.file, set.line);
	r = set.valid && strlen(set.value) < vlen;
	if (r)
		memcpy(value, set.value, strlen(set.value) + 1);
	else
		snprintf(s->why, sizeof(s->why), "PidFile at %.2000s: not one "
		    "path", where);
	ka_setting_free(&set);
	return r ? 1 : -1;
}

/* The pid file sshd writes: 0 with its path in pid and what says so in
 * from, or -1 with s->why when it keeps none or it cannot be told. */
static int
pidfile_path(struct ka_stale *s, struct ka_cfg *main, char *pid,
    size_t plen, char *from, size_t flen)
{
	char where[PATH_MAX + 32];
	int r = pidfile_setting(s, main, pid, plen, where, sizeof(where));

	if (r < 0)
		return -1;
	if (r == 0) {
		snprintf(pid, plen, "%s", KA_PATH_SSHD_PID);
		snprintf(from, flen, "sshd's default PidFile");
		return 0;
	}
	/* none: no pid file (6.8p1+; before, a file named none where
	 * sshd started: unknown either way) */
	if (strcasecmp(pid, "none") == 0) {
		snprintf(s->why, sizeof(s->why), "PidFile none at %.2000s: sshd "
		    "keeps no pid file", where);
		return -1;
	}
	/* relative (or ~): sshd's working directory or home at start */
	if (pid[0] != '/') {
		snprintf(s->why, sizeof(s->why), "PidFile %.1500s at %.1500s is "
		    "not an absolute path", pid, where);
		return -1;
	}
	snprintf(from, flen, "PidFile at %s", where);
	return 0;
}

/* The pid file's modification time, or -1 with s->why. */
static long long
pidfile_mtime(struct ka_stale *s, struct ka_cfg *main)
{
	char pid[PATH_MAX], from[PATH_MAX + 64];
	struct stat st;

	if (pidfile_path(s, main, pid, sizeof(pid), from, sizeof(from)) < 0)
		return -1;
	if (stat(pid, &st) < 0) {
		snprintf(s->why, sizeof(s->why), "%.1500s (%.1500s): %s", pid,
		    from, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(s->why, sizeof(s->why), "%.1500s (%.1500s): not a "
		    "regular file", pid, from);
		return -1;
	}
	return ns_of(&st);
}

int
ka_sshd_stale(struct ka_stale *s)
{
	struct ka_cfg *main;
	struct newer n;
	struct ka_err e;

	memset(s, 0, sizeof(*s));
	s->stale = -1;
	if (ka_cfg_load(NULL, KA_PATH_SSHD_CONFIG, &main, &e) < 0) {
		snprintf(s->why, sizeof(s->why), "%s", e.msg);
		return -1;
	}
	memset(&n, 0, sizeof(n));
	n.pid = pidfile_mtime(s, main);
	if (n.pid >= 0) {
		n.which = s->which;
		n.size = sizeof(s->which);
		if (!note(&n, KA_PATH_SSHD_CONFIG))
			walk_includes(&n, main);
		/* in inline mode sshd does not read the drop-in, but the
		 * next apply writes its values into sshd_config */
		note(&n, KA_DROPIN_PATH);
		s->stale = n.found;
	}
	ka_cfg_free(main);
	return s->stale;
}
