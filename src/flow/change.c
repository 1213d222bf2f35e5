/* change.c - one change from start to end: lock, sweep what a killed
 * run left, plan (plan.c), carry it out (commit.c), record the mode */
#include "flow/change.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/dropin.h"
#include "flow/commit.h"
#include "flow/moderecord.h"
#include "flow/plan.h"
#include "sys/facts.h"
#include "sys/lock.h"
#include "sys/rootfs.h"

/* 1 if it made the directory, 0 if it was there, < 0 on error. */
static int
ensure_dropin_dir(const struct ka_change_opts *o, struct ka_err *e)
{
	int r = ka_root_mkdir(o->root, KA_DROPIN_DIR, 0700, e);

	return r == -EEXIST ? 0 : r < 0 ? r : 1;
}

/* A failed change leaves no empty drop-in directory behind. */
static void
undo_dropin_dir(const struct ka_change_opts *o)
{
	ka_root_rmdir(o->root, KA_DROPIN_DIR);
}

/* 1 while a report (which takes no lock) holds the probe file open. */
static int
probe_in_use(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW), busy;

	if (fd < 0)
		return 0;
	busy = flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return busy;
}

/* Under the lock no other run is writing: temp files that match ours
 * exactly are what a killed run left behind.  sshd never reads them (a
 * leading dot, no .conf suffix), but they are litter.  A report takes
 * no lock: its probe file is flocked while in use, and left alone. */
static void
sweep_leftovers(const char *root, const char *dir, const char *prefix)
{
	int fd = ka_root_open(root, dir, O_RDONLY | O_DIRECTORY, NULL);
	size_t pl = strlen(prefix);
	struct dirent *d;
	DIR *dp;

	if (fd < 0)
		return;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((d = readdir(dp)) != NULL)
		if (strncmp(d->d_name, prefix, pl) == 0 &&
		    strlen(d->d_name) == pl + 6 &&
		    !probe_in_use(dirfd(dp), d->d_name))
			unlinkat(dirfd(dp), d->d_name, 0);
	closedir(dp);
}

static void
sweep(const char *root)
{
	sweep_leftovers(root, "/etc/ssh", ".sshd_config.ka-");
	sweep_leftovers(root, "/etc/ssh", ".ssh-keepalive-probe.");
	sweep_leftovers(root, KA_DROPIN_DIR, ".01-keepalive.conf.ka-");
	sweep_leftovers(root, "/etc/sysconfig", ".ssh-keepalive.ka-");
}

int
ka_change(const struct ka_change_opts *o, enum ka_op op, struct ka_err *e)
{
	struct ka_moderec rec;
	struct ka_plan p;
	int lock, made_dir = 0, r;

	ka_plan_init(&p);
	memset(&rec, 0, sizeof(rec));
	ka_facts_allow_image_run();
	if ((lock = ka_lock(o->root, 0, e)) < 0)
		return KA_EXIT_ERROR;
	if (!o->dry_run)
		sweep(o->root);
	r = ka_plan_build(o, op, &p, e);
	if (r == 0 && (ka_moderec_wanted(o, op) || p.drop_nat_key) &&
	    (r = ka_moderec_begin(o, op, p.drop_nat_key, &rec, e)) == 0)
		p.side_changed = rec.changed;
	/* a dry run needs it too, for its temp file, as the real run */
	if (r == 0 && p.dropin_changed)
		r = made_dir = ensure_dropin_dir(o, e);
	r = r < 0 ? KA_EXIT_ERROR : ka_commit_plan(o, op, &p, e);
	if (made_dir > 0 && (o->dry_run || (r != KA_EXIT_OK &&
	    r != KA_EXIT_RELOAD)))
		undo_dropin_dir(o);
	r = ka_moderec_end(o, &rec, r, p.main_changed || p.dropin_changed, e);
	ka_unlock(lock);
	ka_plan_free(&p);
	return r;
}
