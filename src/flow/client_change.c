/* client_change.c - one client-side change: lock, plan, show or write
 * the candidates, ask ssh's own parser, rename them into place */
#include "flow/client.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/diff.h"
#include "engine/period_client.h"
#include "flow/client_plan.h"
#include "flow/opts.h"
#include "sys/lock.h"
#include "sys/rootfs.h"
#include "sys/safewrite.h"
#include "sys/sshclient.h"

#define SYSCONFIG_DIR "/etc/sysconfig"

struct ctemps {
	struct ka_safe dropin, main, sys;
	int have_dropin, have_main, have_sys;
};

static int
show_diffs(const struct ka_cplan *p)
{
	struct ka_buf d = KA_BUF_INIT;
	int r = 0;

	if (p->dropin_changed || p->dropin_delete)
		r = ka_diff_unified(KA_CLIENT_DROPIN_PATH,
		    p->dropin ? p->dropin->data : "", p->dropin ? p->dropin->size : 0,
		    p->dropin_delete ? "" : p->dropin_new.data,
		    p->dropin_delete ? 0 : p->dropin_new.len, &d);
	if (r == 0 && p->main_changed)
		r = ka_diff_unified(KA_PATH_SSH_CONFIG, p->main->data,
		    p->main->size, p->main_new.data, p->main_new.len, &d);
	if (r == 0 && p->sys_changed)
		r = ka_diff_unified(KA_PATH_MODEFILE, p->sys_old.data,
		    p->sys_old.len, p->sys_new.data, p->sys_new.len, &d);
	if (r == 0 && d.len > 0)
		fwrite(d.data, 1, d.len, stdout);
	ka_buf_free(&d);
	return r;
}

static void
abort_temps(struct ctemps *t)
{
	if (t->have_dropin)
		ka_safe_abort(&t->dropin);
	if (t->have_main)
		ka_safe_abort(&t->main);
	if (t->have_sys)
		ka_safe_abort(&t->sys);
	memset(t, 0, sizeof(*t));
}

/* 1 if it made the directory, 0 if it was there, < 0 on error. */
static int
ensure_dir(const char *root, const char *dir, mode_t mode, struct ka_err *e)
{
	int r = ka_root_mkdir(root, dir, mode, e);

	if (r == -EEXIST)
		ka_err_clear(e);
	return r == -EEXIST ? 0 : r < 0 ? r : 1;
}

static int
begin_temps(const struct ka_client_opts *o, const struct ka_cplan *p,
    struct ctemps *t, struct ka_err *e)
{
	int r = 0;

	memset(t, 0, sizeof(*t));
	if (p->dropin_changed && (r = ka_safe_begin(&t->dropin, o->root,
	    KA_CLIENT_DROPIN_PATH, p->dropin_new.data, p->dropin_new.len,
	    KA_CLIENT_DROPIN_MODE, e)) == 0)
		t->have_dropin = 1;
	if (r == 0 && p->main_changed && (r = ka_safe_begin(&t->main, o->root,
	    KA_PATH_SSH_CONFIG, p->main_new.data, p->main_new.len, 0644,
	    e)) == 0)
		t->have_main = 1;
	if (r == 0 && p->sys_changed && (r = ka_safe_begin(&t->sys, o->root,
	    KA_PATH_MODEFILE, p->sys_new.data, p->sys_new.len, 0644, e)) == 0)
		t->have_sys = 1;
	if (r < 0)
		abort_temps(t);
	return r;
}

static void
add_swap(struct ka_swap *sw, size_t *n, const struct ka_safe *s)
{
	sw[*n].target = s->target;
	sw[*n].tmp = s->tmp;
	sw[*n].path = s->path;
	sw[*n].tmp_inroot = s->tmp_inroot;
	(*n)++;
}

/* Each candidate alone, where no private namespace can be made. */
static int
check_alone(const struct ka_client_opts *o, const struct ctemps *t,
    struct ka_sshg *g, struct ka_err *e)
{
	int ns, r = 0;

	g->verdict = KA_SSHG_ACCEPTED;
	if (t->have_dropin)
		r = ka_ssh_g(o->root, t->dropin.tmp_inroot, KA_CLIENT_CHECK_HOST,
		    NULL, 0, g, &ns, e);
	if (r == 0 && g->verdict == KA_SSHG_ACCEPTED && t->have_main)
		r = ka_ssh_g(o->root, t->main.tmp_inroot, KA_CLIENT_CHECK_HOST,
		    NULL, 0, g, &ns, e);
	g->v.interval = g->v.count_max = -1;   /* not the whole set */
	return r;
}

/* ssh -G on the new set.  An exit code; *g says what ssh printed. */
static int
validate(const struct ka_client_opts *o, const struct ka_cplan *p,
    const struct ctemps *t, struct ka_sshg *g, struct ka_err *e)
{
	struct ka_swap sw[2];
	struct ka_sshg now;
	size_t n = 0;
	int ns = 0;

	g->verdict = KA_SSHG_NOT_RUN;
	if (p->rel.v.known && !ka_client_has_config_dump(&p->rel.v))
		return KA_EXIT_OK;   /* said by the caller */
	if (t->have_dropin)
		add_swap(sw, &n, &t->dropin);
	if (t->have_main)
		add_swap(sw, &n, &t->main);
	if (ka_ssh_g(o->root, KA_PATH_SSH_CONFIG, KA_CLIENT_CHECK_HOST, sw, n,
	    g, &ns, e) < 0)
		return KA_EXIT_ERROR;
	if (ns != 0 && check_alone(o, t, g, e) < 0)
		return KA_EXIT_ERROR;
	if (g->verdict != KA_SSHG_REJECTED)
		return KA_EXIT_OK;
	if (ka_ssh_g(o->root, KA_PATH_SSH_CONFIG, KA_CLIENT_CHECK_HOST, NULL, 0,
	    &now, &ns, e) == 0 && ns == 0 && now.verdict == KA_SSHG_REJECTED)
		ka_err_set(e, EINVAL, NULL, 0, "ssh already rejects the files as "
		    "they are, before this change: %s", now.msg);
	else
		ka_err_set(e, EINVAL, NULL, 0, "ssh rejected the change, nothing "
		    "was written: %s", g->msg);
	return KA_EXIT_REJECTED;
}

static int
commit_temps(struct ctemps *t, struct ka_err *e)
{
	int r = 0;

	if (t->have_dropin && (r = ka_safe_commit(&t->dropin, e)) == 0)
		t->have_dropin = 0;
	if (r == 0 && t->have_main && (r = ka_safe_commit(&t->main, e)) == 0)
		t->have_main = 0;
	if (r == 0 && t->have_sys && (r = ka_safe_commit(&t->sys, e)) == 0)
		t->have_sys = 0;
	abort_temps(t);
	return r;
}

static void
say_done(const struct ka_client_opts *o, enum ka_client_op op,
    const struct ka_cplan *p, const struct ka_sshg *g)
{
	char name[64];

	if (o->quiet)
		return;
	if (op == KA_CLIENT_OFF || op == KA_CLIENT_REMOVE) {
		printf("%s: client side %s: ssh_config %s\n", o->prog,
		    o->dry_run ? "would be switched off" : "switched off",
		    p->main_changed ? "without our lines again" : "unchanged");
		return;
	}
	ka_sshver_name(&p->rel.v, name, sizeof(name));
	printf("%s: client side %s: ServerAliveInterval %ld, "
	    "ServerAliveCountMax %ld (mode %s)\n", o->prog, o->dry_run ?
	    "would be" : !p->dropin_changed && !p->main_changed ? "already" :
	    "now", p->v.interval, p->v.count_max, p->mode_why);
	if (g->verdict == KA_SSHG_ACCEPTED && g->v.interval >= 0)
		printf("%s: checked with ssh -G: serveraliveinterval %ld, "
		    "serveralivecountmax %ld for every host\n", o->prog,
		    g->v.interval, g->v.count_max);
	else if (p->rel.v.known && !ka_client_has_config_dump(&p->rel.v))
		printf("%s: %s cannot check a config (no ssh -G): the two "
		    "lines were checked by ssh-keepalive\n", o->prog, name);
	else if (g->verdict == KA_SSHG_NOT_RUN)
		printf("%s: warning: not checked by ssh: %s\n", o->prog, g->msg);
	if (!o->dry_run && (p->dropin_changed || p->main_changed))
		printf("%s: ssh reads it when it starts: sessions already open "
		    "keep their values; a user's ~/.ssh/config or ssh -o still "
		    "come first\n", o->prog);
}

/* ssh printed other values than ours: a file read first sets them. */
static int
shadowed(const struct ka_cplan *p, const struct ka_sshg *g,
    struct ka_err *e)
{
	if (g->verdict != KA_SSHG_ACCEPTED || g->v.interval < 0 ||
	    (g->v.interval == p->v.interval && g->v.count_max == p->v.count_max))
		return KA_EXIT_OK;
	ka_err_set(e, EEXIST, NULL, 0, "written, but ssh -G gives "
	    "serveraliveinterval %ld and serveralivecountmax %ld, not %ld and "
	    "%ld: a file ssh reads first (an earlier drop-in in %s, or lines "
	    "before the Include in %s) sets them", g->v.interval,
	    g->v.count_max, p->v.interval, p->v.count_max, KA_CLIENT_DROPIN_DIR,
	    KA_PATH_SSH_CONFIG);
	return KA_EXIT_SHADOWED;
}

static int
remove_dropin(const struct ka_client_opts *o, struct ka_err *e)
{
	int r = ka_root_unlink(o->root, KA_CLIENT_DROPIN_PATH, 0);

	if (r >= 0 || r == -ENOENT)
		return KA_EXIT_OK;
	ka_err_set(e, -r, KA_CLIENT_DROPIN_PATH, 0, "cannot remove: %s",
	    strerror(-r));
	return KA_EXIT_ERROR;
}

/* The candidates written beside their files, checked, renamed into
 * place (or, with --dry-run, dropped). */
static int
write_set(const struct ka_client_opts *o, const struct ka_cplan *p, int on,
    struct ka_sshg *g, struct ka_err *e)
{
	struct ctemps t;
	int r;

	if (begin_temps(o, p, &t, e) < 0)
		return KA_EXIT_ERROR;
	r = on ? validate(o, p, &t, g, e) : KA_EXIT_OK;
	if (r != KA_EXIT_OK || o->dry_run) {
		abort_temps(&t);
		return r;
	}
	if (commit_temps(&t, e) < 0)
		return KA_EXIT_ERROR;
	return p->dropin_delete ? remove_dropin(o, e) : KA_EXIT_OK;
}

static int
carry_out(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_cplan *p, struct ka_err *e)
{
	struct ka_sshg g;
	int made_dir = 0, made_sys = 0, r = KA_EXIT_OK, on = op == KA_CLIENT_ON ||
	    op == KA_CLIENT_APPLY;

	g.verdict = KA_SSHG_NOT_RUN;
	if (o->dry_run && show_diffs(p) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory"),
		    KA_EXIT_ERROR;
	if (p->dropin_changed && (made_dir = ensure_dir(o->root,
	    KA_CLIENT_DROPIN_DIR, 0755, e)) < 0)
		return KA_EXIT_ERROR;
	if (p->sys_changed && (made_sys = ensure_dir(o->root, SYSCONFIG_DIR,
	    0755, e)) < 0)
		r = KA_EXIT_ERROR;
	else
		r = write_set(o, p, on, &g, e);
	if (p->rmdir_after && r == KA_EXIT_OK && !o->dry_run)
		ka_root_rmdir(o->root, KA_CLIENT_DROPIN_DIR);
	if ((made_dir > 0 && (o->dry_run || r != KA_EXIT_OK)))
		ka_root_rmdir(o->root, KA_CLIENT_DROPIN_DIR);
	if (made_sys > 0 && (o->dry_run || r != KA_EXIT_OK))
		ka_root_rmdir(o->root, SYSCONFIG_DIR);
	if (r != KA_EXIT_OK)
		return r;
	say_done(o, op, p, &g);
	return o->dry_run || !on ? KA_EXIT_OK : shadowed(p, &g, e);
}

int
ka_client_change(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_err *e)
{
	struct ka_cplan p;
	int lock, r;

	ka_err_clear(e);
	ka_cplan_init(&p);
	if ((lock = ka_lock(o->root, 0, e)) < 0)
		return KA_EXIT_ERROR;
	r = ka_cplan_build(o, op, &p, e);
	if (r == KA_EXIT_OK && p.nothing && o->verbose)
		printf("%s: client side off (CLIENT is not yes in %s): nothing "
		    "to do\n", o->prog, KA_PATH_MODEFILE);
	else if (r == KA_EXIT_OK && !p.nothing)
		r = carry_out(o, op, &p, e);
	ka_unlock(lock);
	ka_cplan_free(&p);
	return r;
}
