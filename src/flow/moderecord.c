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
#include "engine/natkey.h"
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

/* What this change does to NAT_TIMEOUT: the seconds to set, 0 to drop
 * it, -1 to leave it (engine/natkey.h: the record's own rules). */
static long
nat_wanted(const struct ka_change_opts *o, enum ka_op op)
{
	if (op != KA_OP_TUNE)
		return -1;
	if (o->nat_timeout > 0)
		return o->nat_timeout;
	return o->set.interval >= 0 || o->reset ? 0 : -1;
}

int
ka_moderec_wanted(const struct ka_change_opts *o, enum ka_op op)
{
	return o->record_mode || nat_wanted(o, op) >= 0;
}

static void
describe(const struct ka_change_opts *o, long nat, struct ka_moderec *rec)
{
	char n[48] = "";

	if (nat > 0)
		snprintf(n, sizeof(n), KA_NATKEY "=%ld", nat);
	else if (nat == 0)
		snprintf(n, sizeof(n), "no " KA_NATKEY);
	snprintf(rec->what, sizeof(rec->what), "%s%s%s%s",
	    o->record_mode ? "MODE=" : "", o->record_mode ?
	    ka_mode_name(o->mode) : "", o->record_mode && nat >= 0 ? " and " :
	    "", n);
}

/* nb, the file as this change leaves it so far, with NAT_TIMEOUT set
 * (nat > 0) or dropped (0). */
static int
render_nat(long nat, struct ka_buf *nb, struct ka_err *e)
{
	struct ka_buf out = KA_BUF_INIT;
	struct ka_modefile m;
	const char *data = nb->data ? nb->data : "";
	int r;

	if ((r = ka_modefile_parse(data, nb->len, 1, &m, e)) < 0)
		return r;
	if (ka_natkey_render(data, nb->len, &m, nat, &out) < 0) {
		ka_buf_free(&out);
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	}
	ka_buf_free(nb);
	*nb = out;
	return 0;
}

/* The file's bytes now (ob; missing: *missing = 1) and as this change
 * leaves it (nb): MODE (--mode), NAT_TIMEOUT (--nat-timeout sets it,
 * --interval and --reset drop it). */
static int
build(const struct ka_change_opts *o, long nat, struct ka_buf *ob,
    struct ka_buf *nb, int *missing, struct ka_err *e)
{
	struct ka_modefile m;
	int r;

	memset(&m, 0, sizeof(m));
	r = ka_fs_read_file(o->root, KA_PATH_MODEFILE, ob, e);
	if ((*missing = r == -ENOENT) != 0)
		ka_err_clear(e);
	else if (r < 0 || (r = ka_modefile_parse(ob->data, ob->len, 1, &m, e)) < 0)
		return r;
	if (o->record_mode && ka_modefile_render(*missing ? NULL : ob->data,
	    ob->len, &m, o->mode, nb) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	if (nat < 0 || (*missing && !o->record_mode && nat == 0))
		return 0;   /* a missing file is not made to drop a key */
	if (!o->record_mode && ka_modefile_render(*missing ? NULL : ob->data,
	    ob->len, &m, KA_MODE_AUTO, nb) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	return render_nat(nat, nb, e);
}

int
ka_moderec_begin(const struct ka_change_opts *o, enum ka_op op,
    int drop_key, struct ka_moderec *rec, struct ka_err *e)
{
	struct ka_buf ob = KA_BUF_INIT, nb = KA_BUF_INIT;
	long nat = drop_key ? 0 : nat_wanted(o, op);
	int r, missing = 0;

	memset(rec, 0, sizeof(*rec));
	describe(o, nat, rec);
	if ((r = build(o, nat, &ob, &nb, &missing, e)) == 0)
		rec->changed = missing ? nb.data != NULL : nb.len != ob.len ||
		    (ob.len > 0 && memcmp(nb.data, ob.data, ob.len) != 0);
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
audit(const struct ka_change_opts *o, const struct ka_moderec *rec)
{
	openlog(o->prog, LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "%s%s: recorded %s", o->root ? o->root : "",
	    KA_PATH_MODEFILE, rec->what);
	closelog();
}

int
ka_moderec_end(const struct ka_change_opts *o, struct ka_moderec *rec,
    int r, int sshd_changed, struct ka_err *e)
{
	struct ka_err ce;

	if (!rec->changed || (r != KA_EXIT_OK && r != KA_EXIT_RELOAD &&
	    r != KA_EXIT_SHADOWED) || o->dry_run) {
		if (o->dry_run && rec->changed && !sshd_changed && r == KA_EXIT_OK &&
		    !o->quiet)
			printf("%s: dry run: nothing written\n", o->prog);
		drop(o, rec);
		return r;
	}
	if (ka_safe_commit(&rec->w, &ce) < 0) {
		drop(o, rec);
		if (r == KA_EXIT_RELOAD || r == KA_EXIT_SHADOWED) {
			fprintf(stderr, "%s: warning: %s\n", o->prog, ce.msg);
			return r;
		}
		ka_err_set(e, EIO, KA_PATH_MODEFILE, 0, "%s not recorded%s: "
		    "%s", rec->what, sshd_changed ? " (sshd's files were changed; "
		    "the next run reads this file as it is)" : "", ce.msg);
		return KA_EXIT_ERROR;
	}
	audit(o, rec);
	if (!o->quiet)
		printf("%s: %s: updated\n", o->prog, KA_PATH_MODEFILE);
	return r;
}
