/* change.c - build the candidates for apply, remove and tune */
#include "change.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block.h"
#include "buf.h"
#include "cfgfile.h"
#include "commit.h"
#include "dropin.h"
#include "edit.h"
#include "fsutil.h"
#include "lock.h"
#include "nat.h"
#include "modefile.h"
#include "moderecord.h"
#include "paths.h"
#include "rootfs.h"

static int
load_dropin(const struct ka_change_opts *o, struct ka_plan *p,
    struct ka_err *e)
{
	int r = ka_cfg_load(o->root, KA_DROPIN_PATH, &p->dropin, e);

	if (r != -ENOENT)
		return r;
	p->dropin_missing = 1;
	return ka_cfg_parse(KA_DROPIN_PATH, ka_dropin_default,
	    strlen(ka_dropin_default), &p->dropin, e);
}

/* The new drop-in: the old one, tuned; the shipped one if missing. */
static int
build_dropin(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	struct ka_values v = o->set;
	struct ka_nat_step ns;
	int rewrite, r;

	if (op == KA_OP_TUNE && o->reset) {
		v.interval = 600;
		v.count_max = 10;
		v.tcp_keepalive = -1;
	}
	if ((r = ka_nat_plan(o, op, p->dropin, p->dropin_missing, &v,
	    &rewrite, &ns, e)) < 0)
		return r;
	if (op == KA_OP_TUNE || rewrite)
		r = ka_dropin_set(p->dropin, &v, op == KA_OP_TUNE && o->reset,
		    &p->dropin_new, e);
	else
		r = ka_block_copy(p->dropin, &p->dropin_new);
	if (r < 0 || (r = ka_nat_finish(&ns, &p->dropin_new, e)) < 0)
		return r;
	p->dropin_changed = p->dropin_missing ||
	    p->dropin_new.len != p->dropin->size ||
	    memcmp(p->dropin_new.data, p->dropin->data, p->dropin->size) != 0;
	return 0;
}

static int
build_main(const struct ka_change_opts *o, enum ka_op op, struct ka_plan *p,
    struct ka_err *e)
{
	struct ka_cfg *nd;
	struct ka_target t;
	int r;

	if (op == KA_OP_REMOVE)
		return ka_edit_remove(p->main, &p->main_new, e);
	if ((r = ka_cfg_parse(KA_DROPIN_PATH, p->dropin_new.data,
	    p->dropin_new.len, &nd, e)) < 0)
		return r;
	r = ka_dropin_values(nd, &p->values, e);
	ka_cfg_free(nd);
	if (r < 0)
		return r;
	if (p->mode.mode == KA_MODE_INLINE)
		return ka_edit_inline(p->main, &p->values, &p->main_new, e);
	t.root = o->root;
	t.dropin = KA_DROPIN_PATH;
	t.dropin_dir = KA_DROPIN_DIR;
	t.keys = p->values;
	return ka_edit_include(p->main, &t, &p->main_new, e);
}

static int
plan(const struct ka_change_opts *o, enum ka_op op, struct ka_plan *p,
    struct ka_err *e)
{
	int r;

	if ((r = ka_cfg_load(o->root, KA_PATH_SSHD_CONFIG, &p->main, e)) < 0)
		return r;
	if ((r = ka_block_check_foreign(p->main, e)) < 0)
		return r;
	if ((r = load_dropin(o, p, e)) < 0)
		return r;
	if (op != KA_OP_REMOVE &&
	    (r = ka_mode_resolve(o->root, o->mode, o->mode_given, &p->mode,
	    NULL, e)) < 0)
		return r;
	if ((r = build_dropin(o, op, p, e)) < 0)
		return r;
	if (op == KA_OP_REMOVE)
		p->dropin_changed = 0;   /* rpm takes the drop-in away */
	if ((r = build_main(o, op, p, e)) < 0)
		return r;
	p->main_changed = p->main_new.len != p->main->size ||
	    memcmp(p->main_new.data, p->main->data, p->main->size) != 0;
	return 0;
}

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
	if ((lock = ka_lock(o->root, 0, e)) < 0)
		return KA_EXIT_ERROR;
	if (!o->dry_run)
		sweep(o->root);
	r = plan(o, op, &p, e);
	if (r == 0 && o->record_mode && (r = ka_moderec_begin(o, &rec, e)) == 0)
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
