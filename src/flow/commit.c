/* commit.c - validate, write, reload, and say what sshd will use */
#include "flow/commit.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "engine/diff.h"
#include "engine/dropin.h"
#include "flow/alive.h"
#include "flow/incguard.h"
#include "flow/shadow.h"
#include "flow/tell.h"
#include "flow/validate.h"
#include "flow/verdict.h"
#include "sys/fsutil.h"
#include "sys/paths.h"
#include "sys/reload.h"
#include "sys/rootfs.h"
#include "sys/safewrite.h"
#include "sys/stale.h"

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

/* Put back what was there before: the old bytes, or no drop-in. */
static void
restore(const struct ka_change_opts *o, const struct ka_plan *p,
    int dropin, int main_file)
{
	struct ka_safe w;
	struct ka_err e;

	if (dropin && p->dropin_missing) {
		/* the file we made: through a link, the link's target */
		ka_root_unlink(o->root, KA_DROPIN_PATH, 0);
	} else if (dropin && (ka_safe_begin(&w, o->root, KA_DROPIN_PATH,
	    p->dropin->data, p->dropin->size, 0600, &e) < 0 ||
	    ka_safe_commit(&w, &e) < 0)) {
		ka_warn(o, "could not put the old drop-in back: %s", e.msg);
	}
	if (main_file && (ka_safe_begin(&w, o->root, KA_PATH_SSHD_CONFIG,
	    p->main->data, p->main->size, 0600, &e) < 0 ||
	    ka_safe_commit(&w, &e) < 0))
		ka_warn(o, "could not put the old sshd_config back: %s", e.msg);
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

struct live;
static int no_restart(const struct ka_change_opts *o, struct live *lv,
    const char *what, struct ka_err *e);

/* Without a private namespace the new files went into place unchecked:
 * check them now; if sshd rejects them, put the old ones back and say
 * whether those were rejected already. */
static int
check_after_rename(const struct ka_change_opts *o, const struct ka_plan *p,
    struct live *lv, struct ka_err *e)
{
	struct ka_err now;
	int ran, r = ka_validate_live(o, "", &ran, &now);

	if (r == 0 && ran == 2 &&
	    (r = no_restart(o, lv, "the old files were put back", &now)) != 0) {
		restore(o, p, p->dropin_changed, p->main_changed);
		*e = now;
		return r;
	}
	if (r == 0 && ran < 0) {
		ka_warn(o, "validation skipped: %s", now.msg);
		if ((r = ka_include_guard(o, p, e)) != 0) {
			restore(o, p, p->dropin_changed, p->main_changed);
			return r;
		}
	}
	if (r == 0)
		return 0;
	restore(o, p, p->dropin_changed, p->main_changed);
	if (r < 0) {
		*e = now;
		return KA_EXIT_ERROR;
	}
	if (ka_validate_live(o, "sshd already rejects ", &ran, e) == 1)
		return KA_EXIT_REJECTED;
	ka_err_set(e, EINVAL, NULL, 0, "sshd rejects the new configuration; "
	    "nothing was changed:\n%s", now.msg);
	return KA_EXIT_REJECTED;
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

/* Reload; on failure, say what to run once the cause is fixed. */
static int
do_reload(const struct ka_change_opts *o, const struct ka_sshd_state *st,
    struct ka_err *e)
{
	char why[640];

	if (ka_sshd_reload(st, e) == 0) {
		ka_say(o, "%s", "reloaded sshd; open sessions keep running");
		return 0;
	}
	snprintf(why, sizeof(why), "%.600s", e->msg);
	ka_err_set(e, EIO, NULL, 0, "%s\n%s: the files are written and valid; "
	    "fix what the reload reported, then run: %s", why, o->prog,
	    st->init == KA_INIT_SYSV ? "service sshd reload" :
	    "systemctl reload sshd.service");
	return KA_EXIT_RELOAD;
}

/* The state of a running sshd that may be reloaded, or 0 with *st not
 * to be reloaded (and why said). */
static int
reloadable(const struct ka_change_opts *o, struct ka_sshd_state *st,
    int chatty, struct ka_err *e)
{
	if (o->no_reload || o->root != NULL) {
		if (chatty)
			ka_say(o, "%s", o->root ? "not reloading sshd: --root names "
			    "an image" : "not reloading sshd: --no-reload");
		return 0;
	}
	if (ka_sshd_state(st, e) < 0) {
		ka_warn(o, "cannot tell whether sshd runs: %s", e->msg);
		return 0;
	}
	if (st->chroot || !st->running) {
		if (chatty)
			ka_say(o, "not reloading sshd: %s", st->how);
		return 0;
	}
	return 1;
}

/* Whether this run reloads a running sshd, asked once: before the
 * write when sshd would not start again with the files, else after. */
struct live {
	int asked;
	int reload;
	struct ka_sshd_state st;
	char pending[PATH_MAX];   /* changed since sshd started, or "" */
};

static int
will_reload(const struct ka_change_opts *o, struct live *lv, struct ka_err *e)
{
	if (!lv->asked) {
		lv->asked = 1;
		lv->reload = reloadable(o, &lv->st, 0, e);
	}
	return lv->reload;
}

/* sshd -t parsed the files, then stopped (e: its words, such as "no
 * hostkeys available"): fine where nothing is reloaded, but a running
 * sshd reloaded onto them would exit, and with it the listener. */
static int
no_restart(const struct ka_change_opts *o, struct live *lv, const char *what,
    struct ka_err *e)
{
	char words[900];

	snprintf(words, sizeof(words), "%.880s", e->msg);
	if (!will_reload(o, lv, e))
		return 0;
	ka_err_set(e, EINVAL, NULL, 0, "sshd runs, and would not start again "
	    "after a reload: %s:\n%s", what, words);
	return KA_EXIT_REJECTED;
}

/* lv->pending: a file that changed after sshd started, before this run
 * wrote anything: the reload applies that change too. */
static int
reload(const struct ka_change_opts *o, struct live *lv, struct ka_err *e)
{
	if (!will_reload(o, lv, e)) {
		if (o->no_reload || o->root != NULL)
			ka_say(o, "%s", o->root ? "not reloading sshd: --root names "
			    "an image" : "not reloading sshd: --no-reload");
		else if (lv->st.how[0] != '\0')
			ka_say(o, "not reloading sshd: %s", lv->st.how);
		return 0;
	}
	if (lv->pending[0] != '\0')
		ka_warn(o, "sshd runs with older files than these: %s changed "
		    "since sshd started; this reload applies that change too",
		    lv->pending);
	return do_reload(o, &lv->st, e);
}

/* lv->pending: the file that changed since sshd started, if one did. */
static void
pending_edit(struct live *lv)
{
	struct ka_stale s;

	if (ka_sshd_stale(&s) == 1)
		snprintf(lv->pending, sizeof(lv->pending), "%s", s.which);
}

/* --apply with nothing to write: make a running sshd that is older than
 * the files use them, once sshd accepts them as they are.  keepalive-helper
 * apply always does: the files rpm has just installed carry their build
 * time, so staleness cannot be told from them. */
static int
apply_live(const struct ka_change_opts *o, struct ka_err *e)
{
	struct ka_sshd_state st;
	struct ka_stale s;
	int ran, r;

	/* unknown (no pid file to tell): reload, which is harmless */
	if (!(o->apply || o->installed) || o->root != NULL)
		return 0;
	if (ka_sshd_stale(&s) == 0 && !o->installed)
		return 0;
	if (!reloadable(o, &st, 0, e))
		return 0;
	if (o->dry_run) {
		if (o->installed)
			ka_say(o, "%s", "dry run: apply would reload sshd so that "
			    "it reads the files as installed");
		else if (s.stale == 1)
			ka_say(o, "%s", "dry run: sshd runs with older files than "
			    "these; --apply would reload it");
		else
			ka_say(o, "dry run: cannot tell whether sshd runs with older "
			    "files than these (%s); --apply would reload it", s.why);
		return 0;
	}
	r = ka_validate_live(o, "sshd rejects the configuration as it is; "
	    "sshd was not reloaded:\n", &ran, e);
	if (r != 0)
		return r < 0 ? KA_EXIT_ERROR : KA_EXIT_REJECTED;
	if (ran == 2) {
		char words[900];

		snprintf(words, sizeof(words), "%.880s", e->msg);
		ka_err_set(e, EINVAL, NULL, 0, "sshd runs, and would not start "
		    "again with the files as they are; sshd was not reloaded:\n%s",
		    words);
		return KA_EXIT_REJECTED;
	}
	if (o->installed)
		ka_say(o, "%s", "reloading sshd so that it reads the files as "
		    "installed");
	else if (s.stale == 1)
		ka_say(o, "sshd runs with older files than these (%s changed since "
		    "sshd started): reloading it", s.which);
	else
		ka_say(o, "cannot tell whether sshd runs with older files than "
		    "these (%s): reloading it anyway, a reload is harmless", s.why);
	return do_reload(o, &st, e);
}

/* What wins over the new files' values, from the candidates in memory.
 * Comes last: the old sshd_config is let go (ka_plan_new_main). */
static int
find_shadows(const struct ka_change_opts *o, struct ka_plan *p,
    struct ka_shadows *sh, struct ka_err *e)
{
	const struct ka_cfg *m;
	struct ka_cfg *d = NULL;
	int r;

	memset(sh, 0, sizeof(*sh));
	if ((m = ka_plan_new_main(p, e)) == NULL)
		return -ENOMEM;
	if ((r = ka_cfg_parse(KA_DROPIN_PATH, p->dropin_new.data,
	    p->dropin_new.len, &d, e)) == 0)
		r = ka_shadow_find(o->root, m, d, &p->values, sh, e);
	ka_cfg_free(d);
	return r;
}

/* Name each setting that wins over ours; KA_EXIT_SHADOWED when sshd
 * uses another value than ours. */
static int
report_shadows(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, const char *done, struct ka_err *e)
{
	struct ka_buf names = KA_BUF_INIT;
	struct ka_shadows sh;
	size_t i;
	int r;

	if (op == KA_OP_REMOVE)
		return 0;
	if (find_shadows(o, p, &sh, e) < 0) {
		ka_warn(o, "cannot tell whether sshd uses the new values: %s", e->msg);
		return 0;
	}
	for (i = 0; i < sh.n; i++) {
		const struct ka_shadow *s = &sh.s[i];

		if (!s->differs) {
			ka_warn(o, "%s: %s comes from %s (%s), with the same value",
			    s->name, s->value, s->where, s->why);
			continue;
		}
		fprintf(stderr, "%s: %s: sshd keeps using %s from %s (%s), not %s\n",
		    o->prog, s->name, s->value, s->where, s->why, s->ours);
		ka_buf_addf(&names, "%s%s", names.len ? ", " : "", s->name);
	}
	r = sh.differ > 0 ? KA_EXIT_SHADOWED : 0;
	if (r != 0)
		ka_err_set(e, EEXIST, NULL, 0, "%s, but sshd keeps using another "
		    "value for %s", done, names.data ? names.data : "");
	ka_buf_free(&names);
	return r;
}

/* What the values sshd now uses do, in two lines (flow/verdict.h). */
static void
say_effect(const struct ka_change_opts *o)
{
	struct ka_buf b = KA_BUF_INIT;
	struct ka_alive a;
	struct ka_err e;
	char *line, *save = NULL;

	if (o->quiet || ka_alive_gather(o->root, &a, &e) < 0)
		return;
	ka_verdict_change(&a, &b);
	for (line = b.data ? strtok_r(b.data, "\n", &save) : NULL; line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		ka_say(o, "%s", line);
	ka_buf_free(&b);
}

static int
nothing_to_change(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	int r;

	if (!p->side_changed)   /* only the recorded mode changed */
		ka_say(o, "%s", "nothing to change");
	if ((r = apply_live(o, e)) != 0)
		return r;
	return report_shadows(o, op, p, "nothing to change", e);
}

/* remove kept our Include: other drop-ins are read only through it. */
static void
report_kept(const struct ka_change_opts *o, const struct ka_plan *p)
{
	if (p->kept.reads != NULL)
		ka_warn(o, "%s:%zu: kept the Include, no longer marked as "
		    "ssh-keepalive's: %s is read through it", KA_PATH_SSHD_CONFIG,
		    p->kept.lineno, p->kept.reads);
}

static int
dry_run(const struct ka_change_opts *o, enum ka_op op, struct ka_plan *p,
    struct ka_err *e)
{
	struct ka_validation v;
	struct temps t;
	struct live lv;
	int r;

	if (print_diffs(p) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory"),
		    KA_EXIT_ERROR;
	if (begin_temps(o, p, &t, e) < 0) {
		abort_temps(&t);
		return KA_EXIT_ERROR;
	}
	memset(&lv, 0, sizeof(lv));
	r = ka_validate_set(o, &t.dropin, &t.main, &v, e);
	abort_temps(&t);
	if (r == 0 && v.ran < 0)
		r = ka_include_guard(o, p, e);
	if (r == 0 && v.parsed)
		r = no_restart(o, &lv, "dry run: nothing written", e);
	if (r != 0)
		return r;
	report_kept(o, p);
	ka_say(o, "dry run: nothing written%s", v.ran == 1 ?
	    "; sshd accepts the change" : "");
	return report_shadows(o, op, p, "dry run: nothing written", e);
}

int
ka_commit_plan(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	struct ka_validation v;
	struct ka_err se;
	struct temps t;
	struct live lv;
	int r, shadowed;

	if (op != KA_OP_REMOVE && o->verbose)
		ka_say(o, "%s mode: %s", ka_mode_name(p->mode.mode), p->mode.why);
	if (!p->main_changed && !p->dropin_changed)
		return nothing_to_change(o, op, p, e);
	if (o->dry_run)
		return dry_run(o, op, p, e);
	memset(&lv, 0, sizeof(lv));
	if (!o->no_reload && o->root == NULL)
		pending_edit(&lv);
	if (begin_temps(o, p, &t, e) < 0) {
		abort_temps(&t);
		return KA_EXIT_ERROR;
	}
	if ((r = ka_validate_set(o, &t.dropin, &t.main, &v, e)) != 0 ||
	    (v.ran < 0 && (r = ka_include_guard(o, p, e)) != 0) ||
	    (v.parsed && (r = no_restart(o, &lv, "nothing was changed", e)) !=
	    0) || (r = commit_temps(o, p, &t, e)) != 0) {
		abort_temps(&t);
		return r;
	}
	if (v.fallback && (r = check_after_rename(o, p, &lv, e)) != 0)
		return r;
	audit(o, op, p);
	if (p->dropin_changed)
		ka_say(o, "%s: updated", KA_DROPIN_PATH);
	if (p->main_changed)
		ka_say(o, "%s: updated", KA_PATH_SSHD_CONFIG);
	report_kept(o, p);
	r = reload(o, &lv, e);
	shadowed = report_shadows(o, op, p, "written", &se);
	if (r == 0 && shadowed != 0) {
		*e = se;
		r = shadowed;
	}
	if (op != KA_OP_REMOVE && (r == 0 || r == KA_EXIT_RELOAD ||
	    r == KA_EXIT_SHADOWED))
		say_effect(o);
	return r;
}
