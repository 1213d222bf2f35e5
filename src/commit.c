/* commit.c - validate, write, check again, reload */
#include "commit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "diff.h"
#include "dropin.h"
#include "fsutil.h"
#include "paths.h"
#include "reload.h"
#include "safewrite.h"
#include "sshdcheck.h"

void
ka_plan_init(struct ka_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->values.interval = p->values.count_max = -1;
	p->values.tcp_keepalive = -1;
}

void
ka_plan_free(struct ka_plan *p)
{
	ka_cfg_free(p->main);
	ka_cfg_free(p->dropin);
	ka_buf_free(&p->main_new);
	ka_buf_free(&p->dropin_new);
}

static void
say(const struct ka_change_opts *o, const char *fmt, const char *arg)
{
	if (o->quiet)
		return;
	printf("%s: ", o->prog);
	printf(fmt, arg);
	printf("\n");
}

static void
warn(const struct ka_change_opts *o, const char *what, const char *arg)
{
	fprintf(stderr, "%s: warning: %s%s\n", o->prog, what, arg);
}

static int
print_diffs(const struct ka_plan *p)
{
	struct ka_buf d = KA_BUF_INIT;
	const char *old_dropin = p->dropin_missing ? "" : p->dropin->data;
	size_t old_len = p->dropin_missing ? 0 : p->dropin->size;
	int r = 0;

	if (p->dropin_changed)
		r = ka_diff_unified(KA_DROPIN_PATH, old_dropin, old_len,
		    p->dropin_new.data, p->dropin_new.len, &d);
	if (r == 0 && p->main_changed)
		r = ka_diff_unified(KA_PATH_SSHD_CONFIG, p->main->data,
		    p->main->size, p->main_new.data, p->main_new.len, &d);
	if (r == 0 && d.len > 0)
		fwrite(d.data, 1, d.len, stdout);
	ka_buf_free(&d);
	return r;
}

/* sshd's words, with our temp file's name replaced by the real one. */
static void
mapped_message(const char *msg, const char *tmp, const char *real,
    struct ka_buf *out)
{
	size_t tl = strlen(tmp);
	const char *hit;

	while ((hit = strstr(msg, tmp)) != NULL) {
		ka_buf_add(out, msg, (size_t)(hit - msg));
		ka_buf_adds(out, real);
		msg = hit + tl;
	}
	ka_buf_adds(out, msg);
}

/* 0 accepted (or could not be asked), 1 rejected (e set), < 0 error.
 * *ran: 0 not asked yet, 1 sshd parsed it, -1 sshd could not run (the
 * warning is given once). */
static int
validate(const struct ka_change_opts *o, const char *inroot,
    const char *real, int *ran, struct ka_err *e)
{
	struct ka_check c;
	struct ka_buf m = KA_BUF_INIT;
	int r;

	if ((r = ka_sshd_check(o->root, inroot, &c, e)) < 0)
		return r;
	if (c.verdict == KA_SSHD_NOT_RUN) {
		if (*ran == 0)
			warn(o, "validation skipped: ", c.msg);
		*ran = -1;
		return 0;
	}
	*ran = 1;
	if (c.verdict != KA_SSHD_REJECTED)
		return 0;
	mapped_message(c.msg, inroot, real, &m);
	ka_err_set(e, EINVAL, NULL, 0, "sshd rejects the new configuration; "
	    "nothing was changed:\n%s", m.data ? m.data : "");
	ka_buf_free(&m);
	return 1;
}

struct temps {
	struct ka_safe dropin, main;
};

static int
begin_temps(const struct ka_change_opts *o, const struct ka_plan *p,
    struct temps *t, struct ka_err *e)
{
	int r = 0;

	memset(t, 0, sizeof(*t));
	if (p->dropin_changed)
		r = ka_safe_begin(&t->dropin, o->root, KA_DROPIN_PATH,
		    p->dropin_new.data, p->dropin_new.len, 0600, e);
	if (r == 0 && p->main_changed)
		r = ka_safe_begin(&t->main, o->root, KA_PATH_SSHD_CONFIG,
		    p->main_new.data, p->main_new.len, 0600, e);
	return r;
}

static void
abort_temps(struct temps *t)
{
	ka_safe_abort(&t->dropin);
	ka_safe_abort(&t->main);
}

/* 0 all accepted, KA_EXIT_REJECTED, or KA_EXIT_ERROR. */
/* The new drop-in on its own, then sshd_config: the candidate, or the
 * file as it is when only the drop-in changes (so that a broken file
 * beside ours stops us before anything is written). */
static int
validate_temps(const struct ka_change_opts *o, const struct temps *t,
    int *ran, struct ka_err *e)
{
	int r = 0;

	if (t->dropin.tmp != NULL)
		r = validate(o, t->dropin.tmp_inroot, KA_DROPIN_PATH, ran, e);
	if (r == 0 && t->main.tmp != NULL)
		r = validate(o, t->main.tmp_inroot, KA_PATH_SSHD_CONFIG, ran, e);
	else if (r == 0 && *ran == 1)
		r = validate(o, KA_PATH_SSHD_CONFIG, KA_PATH_SSHD_CONFIG, ran, e);
	return r > 0 ? KA_EXIT_REJECTED : r < 0 ? KA_EXIT_ERROR : 0;
}

/* Put back what was there before: the old bytes, or no drop-in. */
static void
restore(const struct ka_change_opts *o, const struct ka_plan *p,
    int dropin, int main_file)
{
	struct ka_safe w;
	struct ka_err e;

	if (dropin && p->dropin_missing) {
		char *path = ka_fs_join(o->root, KA_DROPIN_PATH);

		if (path != NULL)
			unlink(path);
		free(path);
	} else if (dropin && (ka_safe_begin(&w, o->root, KA_DROPIN_PATH,
	    p->dropin->data, p->dropin->size, 0600, &e) < 0 ||
	    ka_safe_commit(&w, &e) < 0)) {
		warn(o, "could not put the old drop-in back: ", e.msg);
	}
	if (main_file && (ka_safe_begin(&w, o->root, KA_PATH_SSHD_CONFIG,
	    p->main->data, p->main->size, 0600, &e) < 0 ||
	    ka_safe_commit(&w, &e) < 0))
		warn(o, "could not put the old sshd_config back: ", e.msg);
}

static int
commit_temps(const struct ka_change_opts *o, const struct ka_plan *p,
    struct temps *t, struct ka_err *e)
{
	if (t->dropin.tmp != NULL && ka_safe_commit(&t->dropin, e) < 0) {
		abort_temps(t);
		return KA_EXIT_ERROR;
	}
	if (t->main.tmp != NULL && ka_safe_commit(&t->main, e) < 0) {
		restore(o, p, p->dropin_changed, 0);
		return KA_EXIT_ERROR;
	}
	return 0;
}

/* The files sshd will read now, checked once more as a whole. */
static int
check_live(const struct ka_change_opts *o, const struct ka_plan *p,
    struct ka_err *e)
{
	int ran = 0, r = validate(o, KA_PATH_SSHD_CONFIG, KA_PATH_SSHD_CONFIG,
	    &ran, e);

	if (r == 0)
		return 0;
	restore(o, p, p->dropin_changed, p->main_changed);
	return r > 0 ? KA_EXIT_REJECTED : KA_EXIT_ERROR;
}

static void
audit(const struct ka_change_opts *o, enum ka_op op, const struct ka_plan *p)
{
	openlog(o->prog, LOG_PID, LOG_AUTHPRIV);
	if (op == KA_OP_REMOVE)
		syslog(LOG_NOTICE, "%s%s: took out what ssh-keepalive added",
		    o->root ? o->root : "", KA_PATH_SSHD_CONFIG);
	else
		syslog(LOG_NOTICE, "%s%s: %s mode: ClientAliveInterval %ld, "
		    "ClientAliveCountMax %ld%s%s", o->root ? o->root : "",
		    p->dropin_changed ? KA_DROPIN_PATH : KA_PATH_SSHD_CONFIG,
		    ka_mode_name(p->mode.mode), p->values.interval,
		    p->values.count_max, p->values.tcp_keepalive < 0 ? "" :
		    ", TCPKeepAlive ", p->values.tcp_keepalive < 0 ? "" :
		    p->values.tcp_keepalive ? "yes" : "no");
	closelog();
}

static int
reload(const struct ka_change_opts *o, struct ka_err *e)
{
	struct ka_sshd_state st;

	if (o->no_reload || o->root != NULL) {
		say(o, "%s", o->root ? "not reloading sshd: --root names an "
		    "image" : "not reloading sshd: --no-reload");
		return 0;
	}
	if (ka_sshd_state(&st, e) < 0) {
		warn(o, "cannot tell whether sshd runs: ", e->msg);
		return 0;
	}
	if (st.chroot || !st.running) {
		say(o, "not reloading sshd: %s", st.how);
		return 0;
	}
	if (ka_sshd_reload(&st, e) < 0)
		return KA_EXIT_RELOAD;
	say(o, "%s", "reloaded sshd; open sessions keep running");
	return 0;
}

static int
dry_run(const struct ka_change_opts *o, struct ka_plan *p, struct ka_err *e)
{
	struct temps t;
	int ran = 0, r;

	if (print_diffs(p) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory"),
		    KA_EXIT_ERROR;
	if (begin_temps(o, p, &t, e) < 0) {
		abort_temps(&t);
		return KA_EXIT_ERROR;
	}
	r = validate_temps(o, &t, &ran, e);
	abort_temps(&t);
	if (r == 0)
		say(o, "dry run: nothing written%s", ran == 1 ?
		    "; sshd accepts the change" : "");
	return r;
}

int
ka_commit_plan(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	struct temps t;
	int ran = 0, r;

	if (op != KA_OP_REMOVE && !o->quiet)
		printf("%s: %s mode: %s\n", o->prog, ka_mode_name(p->mode.mode),
		    p->mode.why);
	if (!p->main_changed && !p->dropin_changed) {
		if (!p->side_changed)
			say(o, "%s", "nothing to change");
		return KA_EXIT_OK;
	}
	if (o->dry_run)
		return dry_run(o, p, e);
	if (begin_temps(o, p, &t, e) < 0) {
		abort_temps(&t);
		return KA_EXIT_ERROR;
	}
	if ((r = validate_temps(o, &t, &ran, e)) != 0 ||
	    (r = commit_temps(o, p, &t, e)) != 0) {
		abort_temps(&t);
		return r;
	}
	if (ran == 1 && (r = check_live(o, p, e)) != 0)
		return r;
	audit(o, op, p);
	if (p->dropin_changed)
		say(o, "%s: updated", KA_DROPIN_PATH);
	if (p->main_changed)
		say(o, "%s: updated", KA_PATH_SSHD_CONFIG);
	return reload(o, e);
}
