/* moderecord.c - ssh-keepalive-tune --mode: record the mode so it lasts */
#include "flow/moderecord.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "engine/buf.h"
#include "engine/diff.h"
#include "engine/modefile.h"
#include "sys/fsutil.h"
#include "sys/rootfs.h"

#define SYSCONFIG_DIR "/etc/sysconfig"

/* 1 if it made /etc/sysconfig, 0 if it was there, < 0 on error. */
static int
ensure_dir(const char *root, struct ka_err *e)
{
	int r = ka_root_mkdir(root, SYSCONFIG_DIR, 0755, e);

	if (r == -EEXIST)
		ka_err_clear(e);
	return r == -EEXIST ? 0 : r < 0 ? r : 1;
}

static int
write_temp(const struct ka_change_opts *o, const struct ka_buf *nb,
    struct ka_moderec *rec, struct ka_err *e)
{
	int r;

	if ((r = ensure_dir(o->root, e)) < 0)
		return r;
	rec->made_dir = r;
	return ka_safe_begin(&rec->w, o->root, KA_PATH_MODEFILE, nb->data,
	    nb->len, 0644, e);
}

static int
show_diff(const struct ka_buf *ob, const struct ka_buf *nb)
{
	struct ka_buf d = KA_BUF_INIT;
	int r = ka_diff_unified(KA_PATH_MODEFILE, ob->data ? ob->data : "",
	    ob->len, nb->data, nb->len, &d);

	if (r == 0 && d.len > 0)
		fwrite(d.data, 1, d.len, stdout);
	ka_buf_free(&d);
	return r;
}

/* The file's bytes now (ob; missing: *missing = 1) and with MODE=mode (nb). */
static int
build(const struct ka_change_opts *o, struct ka_buf *ob, struct ka_buf *nb,
    int *missing, struct ka_err *e)
{
	struct ka_modefile m;
	int r;

	memset(&m, 0, sizeof(m));
	r = ka_fs_read_file(o->root, KA_PATH_MODEFILE, ob, e);
	if ((*missing = r == -ENOENT) != 0)
		ka_err_clear(e);
	else if (r < 0 || (r = ka_modefile_parse(ob->data, ob->len, 1, &m, e)) < 0)
		return r;
	if (ka_modefile_render(*missing ? NULL : ob->data, ob->len, &m, o->mode,
	    nb) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	return 0;
}

int
ka_moderec_begin(const struct ka_change_opts *o, struct ka_moderec *rec,
    struct ka_err *e)
{
	struct ka_buf ob = KA_BUF_INIT, nb = KA_BUF_INIT;
	int r, missing = 0;

	memset(rec, 0, sizeof(*rec));
	if ((r = build(o, &ob, &nb, &missing, e)) == 0)
		rec->changed = missing || nb.len != ob.len ||
		    memcmp(nb.data, ob.data, ob.len) != 0;
	if (r == 0 && rec->changed && o->dry_run && show_diff(&ob, &nb) < 0)
		r = ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	else if (r == 0 && rec->changed && !o->dry_run)
		r = write_temp(o, &nb, rec, e);
	ka_buf_free(&ob);
	ka_buf_free(&nb);
	return r;
}

static void
drop(const struct ka_change_opts *o, struct ka_moderec *rec)
{
	ka_safe_abort(&rec->w);
	if (rec->made_dir)
		ka_root_rmdir(o->root, SYSCONFIG_DIR);
	rec->made_dir = 0;
}

static void
audit(const struct ka_change_opts *o)
{
	openlog(o->prog, LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "%s%s: recorded MODE=%s", o->root ? o->root : "",
	    KA_PATH_MODEFILE, ka_mode_name(o->mode));
	closelog();
}

int
ka_moderec_end(const struct ka_change_opts *o, struct ka_moderec *rec,
    int r, int sshd_changed, struct ka_err *e)
{
	struct ka_err ce;

	if (!rec->changed || (r != KA_EXIT_OK && r != KA_EXIT_RELOAD) ||
	    o->dry_run) {
		if (o->dry_run && rec->changed && !sshd_changed && r == KA_EXIT_OK &&
		    !o->quiet)
			printf("%s: dry run: nothing written\n", o->prog);
		drop(o, rec);
		return r;
	}
	if (ka_safe_commit(&rec->w, &ce) < 0) {
		drop(o, rec);
		if (r == KA_EXIT_RELOAD) {
			fprintf(stderr, "%s: warning: %s\n", o->prog, ce.msg);
			return r;
		}
		ka_err_set(e, EIO, KA_PATH_MODEFILE, 0, "MODE=%s not recorded%s: "
		    "%s", ka_mode_name(o->mode), sshd_changed ? " (sshd's files "
		    "were changed; the next run decides the mode again)" : "",
		    ce.msg);
		return KA_EXIT_ERROR;
	}
	audit(o);
	if (!o->quiet)
		printf("%s: %s: updated\n", o->prog, KA_PATH_MODEFILE);
	return r;
}
