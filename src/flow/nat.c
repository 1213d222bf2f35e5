/* nat.c - --nat-timeout: pick the interval, keep the record, re-derive */
#include "flow/nat.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/dropin.h"
#include "engine/modefile.h"
#include "engine/natkey.h"
#include "flow/modechoice.h"
#include "flow/natkey_plan.h"
#include "engine/period.h"
#include "sys/facts.h"

/* The interval for timeout on rel; -ERANGE and *smallest if none fits. */
static int
compute(const struct ka_release *rel, long timeout, struct ka_nat_choice *c,
    long *smallest)
{
	memset(c, 0, sizeof(*c));
	c->rel = *rel;
	c->timeout = timeout;
	c->margin = ka_nat_margin(timeout);
	if (ka_nat_interval(&rel->v, timeout, &c->interval, smallest) < 0)
		return -ERANGE;
	c->period = ka_period(&rel->v, c->interval);
	return 0;
}

static int
refuse(struct ka_err *e, const struct ka_release *rel, long timeout,
    long smallest)
{
	char name[320];

	return ka_err_set(e, ERANGE, NULL, 0, "--nat-timeout: %ld s is too short "
	    "for %s, which probes every %sClientAliveInterval: the smallest "
	    "that works on this sshd is %ld s", timeout,
	    ka_release_describe(rel, name, sizeof(name)),
	    ka_period_doubles(&rel->v) ? "2 x " : "", smallest);
}

int
ka_nat_choose(const char *root, long timeout, struct ka_nat_choice *c,
    struct ka_err *e)
{
	const struct ka_release *rel = &ka_facts_get(root)->rel;
	long smallest = 0;

	if (compute(rel, timeout, c, &smallest) < 0)
		return refuse(e, rel, timeout, smallest);
	return 0;
}

void
ka_nat_explain(const char *prog, const struct ka_nat_choice *c)
{
	char rel[320];

	printf("%s: nat-timeout %ld s: %s probes every %sClientAliveInterval"
	    "%s; keeping %ld s (10%%, at least 2 s) below %ld s for the round "
	    "trip, a retransmission and coarse middlebox timers: "
	    "ClientAliveInterval %ld, a probe every %ld s\n", prog, c->timeout,
	    ka_release_describe(&c->rel, rel, sizeof(rel)),
	    ka_period_doubles(&c->rel.v) ? "2 x " : "",
	    c->rel.src == KA_REL_UNKNOWN ? " (assumed: the worse case, "
	    "OpenSSH 9.2p1 to 9.4p1)" : "", c->margin, c->timeout,
	    c->interval, c->period);
}

const char *
ka_nat_count0_where(enum ka_count0 c0)
{
	return c0 == KA_COUNT0_UNKNOWN ? "on this sshd (its OpenSSH release is "
	    "unknown: taken as one before 8.2p1 and RHEL 8.6, the safe answer)" :
	    "on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5)";
}

static void
set_record(struct ka_nat_step *s, long timeout, long interval)
{
	s->action = KA_NAT_SET;
	s->rec.timeout = timeout;
	s->rec.interval = interval;
	s->rec.line = 0;
}

static void
warn_unkept(const struct ka_change_opts *o, const struct ka_natrec *rec,
    const struct ka_release *rel, long smallest, long current)
{
	char name[320];

	fprintf(stderr, "%s: warning: %s:%zu: nat-timeout %ld s cannot be kept "
	    "on %s (the smallest that works is %ld s); ClientAliveInterval "
	    "stays %ld\n", o->prog, KA_DROPIN_PATH, rec->line, rec->timeout,
	    ka_release_describe(rel, name, sizeof(name)), smallest, current);
}

/* apply: derive the interval again from the record for this release. */
static void
rederive(const struct ka_change_opts *o, const struct ka_natrec *rec,
    const struct ka_release *rel, long current, struct ka_values *v,
    int *rewrite, struct ka_nat_step *s)
{
	struct ka_nat_choice c;
	long smallest = 0;

	if (compute(rel, rec->timeout, &c, &smallest) < 0) {
		warn_unkept(o, rec, rel, smallest, current);
		return;
	}
	if (c.interval == current && rec->interval == current)
		return;
	set_record(s, rec->timeout, c.interval);
	if (c.interval == current)
		return;
	v->interval = c.interval;
	*rewrite = 1;
	if (!o->quiet) {
		ka_nat_explain(o->prog, &c);
		printf("%s: ClientAliveInterval %ld becomes %ld on this release\n",
		    o->prog, current, c.interval);
	}
}

/* ClientAliveInterval edited by hand (or its line deleted) since the
 * record was written: the hand edit wins, the record goes. */
static void
hand_edit_wins(const struct ka_change_opts *o, const struct ka_natrec *rec,
    long current, struct ka_nat_step *s)
{
	if (current < 0)
		fprintf(stderr, "%s: warning: %s:%zu: the ClientAliveInterval line "
		    "was deleted by hand (it held the %ld derived from nat-timeout "
		    "%ld s): the hand edit wins; the nat-timeout record is "
		    "dropped\n", o->prog, KA_DROPIN_PATH, rec->line, rec->interval,
		    rec->timeout);
	else
		fprintf(stderr, "%s: warning: %s:%zu: ClientAliveInterval was "
		    "edited by hand (%ld, not the %ld derived from nat-timeout "
		    "%ld s): the hand edit wins; the nat-timeout record is "
		    "dropped\n", o->prog, KA_DROPIN_PATH, rec->line, current,
		    rec->interval, rec->timeout);
	s->action = KA_NAT_CLEAR;
}

/* ssh-keepalive-tune --apply: a tune that sets nothing. */
static int
applies_as_is(const struct ka_change_opts *o, enum ka_op op)
{
	return op == KA_OP_TUNE && !o->reset && o->set.interval < 0 &&
	    o->set.count_max < 0 && o->set.tcp_keepalive < 0;
}

/* A nat-timeout kept beside ClientAliveCountMax 0 where 0 closes every
 * idle session (or may): it keeps nothing alive.  Said, not refused:
 * the apply that switches an Include away from an sshd that would
 * refuse it must go on. */
void
ka_nat_warn_count_zero(const struct ka_change_opts *o, const char *file,
    size_t line, long timeout)
{
	enum ka_count0 c0 = ka_facts_get(o->root)->c0;

	if (c0 == KA_COUNT0_NEVER)
		return;
	fprintf(stderr, "%s: warning: %s:%zu: nat-timeout %ld s keeps no "
	    "session alive: ClientAliveCountMax 0 %s closes every session idle "
	    "for one interval; run ssh-keepalive-tune --count-max 1 (or more)\n",
	    o->prog, file, line, timeout, ka_nat_count0_where(c0));
}

/* The record stays: derive the interval again for this release (apply),
 * and warn where ClientAliveCountMax 0 makes it keep nothing alive. */
static int
plan_keep(const struct ka_change_opts *o, enum ka_op op,
    const struct ka_cfg *dropin, const struct ka_natrec *rec,
    struct ka_values *v, int *rewrite, struct ka_nat_step *s,
    struct ka_err *e)
{
	int apply = op == KA_OP_APPLY || applies_as_is(o, op), r;
	const struct ka_release *rel = &ka_facts_get(o->root)->rel;
	struct ka_values cur;
	long count;

	if ((r = ka_dropin_values(dropin, &cur, e)) < 0)
		return r;
	if (apply && rec->interval >= 0 && cur.interval != rec->interval) {
		hand_edit_wins(o, rec, cur.interval, s);
		return 0;
	}
	count = v->count_max >= 0 ? v->count_max : cur.count_max;
	if (!apply && count != 0)
		return 0;
	if (apply)
		rederive(o, rec, rel, cur.interval, v, rewrite, s);
	if (count == 0)
		ka_nat_warn_count_zero(o, KA_DROPIN_PATH, rec->line, rec->timeout);
	return 0;
}

/* A malformed record that this change replaces or drops: said, since
 * the line goes. */
static void
warn_replaced(const struct ka_change_opts *o, const struct ka_err *bad)
{
	fprintf(stderr, "%s: warning: %s: %s\n", o->prog, bad->msg,
	    o->nat_timeout > 0 ? "--nat-timeout replaces it" : o->reset ?
	    "--reset drops it" : "--interval drops it");
}

/* A malformed record that this change would keep: refused, so that
 * nothing is acted on that the administrator did not mean. */
static int
refuse_malformed(const struct ka_err *bad, struct ka_err *e)
{
	*e = *bad;
	snprintf(e->msg + strlen(e->msg), sizeof(e->msg) - strlen(e->msg),
	    " (correct the line, or let --nat-timeout rewrite it or "
	    "--interval drop it)");
	return -EINVAL;
}

/* A record dropped (a hand edit won) takes NAT_TIMEOUT with it: the
 * two never disagree. */
static void
key_goes_with_record(const struct ka_change_opts *o,
    const struct ka_modefile *sc, struct ka_nat_step *s)
{
	if (sc->nat_line == 0 || s->action != KA_NAT_CLEAR)
		return;
	s->drop_key = 1;
	fprintf(stderr, "%s: warning: %s:%zu: " KA_NATKEY "=%ld goes with the "
	    "record\n", o->prog, KA_PATH_MODEFILE, sc->nat_line,
	    sc->nat_timeout);
}

int
ka_nat_plan(const struct ka_change_opts *o, enum ka_op op,
    const struct ka_cfg *dropin, int dropin_missing, struct ka_values *v,
    int *rewrite, struct ka_nat_step *s, struct ka_err *e)
{
	struct ka_modefile sc;
	struct ka_natrec rec;
	struct ka_err bad;
	int found, r;

	memset(s, 0, sizeof(*s));
	*rewrite = 0;
	if (op == KA_OP_REMOVE)
		return 0;   /* rpm takes the drop-in away, record and all */
	if ((r = ka_modefile_load(o->root, 1, &sc, e)) < 0)
		return r;
	found = dropin_missing ? 0 : ka_natrec_find(dropin, &rec, &bad);
	if (op == KA_OP_TUNE && (o->nat_timeout > 0 || o->set.interval >= 0 ||
	    o->reset)) {
		if (o->nat_timeout > 0)
			set_record(s, o->nat_timeout, o->set.interval);
		else
			s->action = KA_NAT_CLEAR;
		if (found < 0)
			warn_replaced(o, &bad);
		if (sc.nat_bad)
			warn_replaced(o, &sc.nat_err);
		return 0;
	}
	if (sc.nat_bad)
		return refuse_malformed(&sc.nat_err, e);
	if (sc.nat_line > 0 && (found <= 0 || rec.timeout != sc.nat_timeout))
		return ka_natkey_plan(o, dropin, found, &rec, &sc, v, rewrite, s,
		    e);   /* the stated nat-timeout wins */
	if (found < 0)
		return refuse_malformed(&bad, e);
	if (found == 0)
		return 0;
	if ((r = plan_keep(o, op, dropin, &rec, v, rewrite, s, e)) == 0)
		key_goes_with_record(o, &sc, s);
	return r;
}

int
ka_nat_finish(const struct ka_nat_step *s, struct ka_buf *dropin_new,
    struct ka_err *e)
{
	struct ka_buf out = KA_BUF_INIT;
	int r;

	if (s->action == KA_NAT_KEEP)
		return 0;
	r = ka_natrec_write(KA_DROPIN_PATH, dropin_new->data, dropin_new->len,
	    s->action == KA_NAT_SET ? &s->rec : NULL, &out, e);
	if (r < 0) {
		ka_buf_free(&out);
		return r;
	}
	ka_buf_free(dropin_new);
	*dropin_new = out;
	return 0;
}
