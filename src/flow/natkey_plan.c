/* natkey_plan.c - NAT_TIMEOUT, the stated nat-timeout, wins */
#include "flow/natkey_plan.h"

#include <stdio.h>
#include <string.h>

#include "engine/dropin.h"
#include "engine/natkey.h"

/* What the drop-in's record was, now that NAT_TIMEOUT decides. */
static void
tell_record(const struct ka_change_opts *o, int found,
    const struct ka_natrec *rec, const struct ka_modefile *sc)
{
	if (found < 0)
		fprintf(stderr, "%s: warning: %s:%zu: a malformed nat-timeout "
		    "record: " KA_NATKEY "=%ld (%s:%zu) replaces it\n", o->prog,
		    KA_DROPIN_PATH, rec->line, sc->nat_timeout, KA_PATH_MODEFILE,
		    sc->nat_line);
	else if (found > 0 && rec->timeout != sc->nat_timeout && !o->quiet)
		printf("%s: %s:%zu: " KA_NATKEY "=%ld replaces the nat-timeout "
		    "%ld s recorded in %s:%zu\n", o->prog, KA_PATH_MODEFILE,
		    sc->nat_line, sc->nat_timeout, rec->timeout, KA_DROPIN_PATH,
		    rec->line);
}

static void
warn_unkept(const struct ka_change_opts *o, const struct ka_modefile *sc,
    const struct ka_err *why, long current)
{
	const char *msg = why->msg;

	if (strncmp(msg, "--nat-timeout: ", 15) == 0)
		msg += 15;
	fprintf(stderr, "%s: warning: %s:%zu: " KA_NATKEY "=%ld cannot be kept: "
	    "%s; ClientAliveInterval stays %ld\n", o->prog, KA_PATH_MODEFILE,
	    sc->nat_line, sc->nat_timeout, msg, current);
}

static void
tell_change(const struct ka_change_opts *o, const struct ka_nat_choice *c,
    long current)
{
	if (o->quiet)
		return;
	ka_nat_explain(o->prog, c);
	printf("%s: ClientAliveInterval %ld becomes %ld on this release\n",
	    o->prog, current, c->interval);
}

int
ka_natkey_plan(const struct ka_change_opts *o, const struct ka_cfg *dropin,
    int found, const struct ka_natrec *rec, const struct ka_modefile *sc,
    struct ka_values *v, int *rewrite, struct ka_nat_step *s,
    struct ka_err *e)
{
	struct ka_nat_choice c;
	struct ka_values cur;
	struct ka_err why;
	long count;
	int r;

	if ((r = ka_dropin_values(dropin, &cur, e)) < 0)
		return r;
	tell_record(o, found, rec, sc);
	if (ka_nat_choose(o->root, sc->nat_timeout, &c, &why) < 0) {
		warn_unkept(o, sc, &why, cur.interval);
		return 0;
	}
	count = v->count_max >= 0 ? v->count_max : cur.count_max;
	if (count == 0)
		ka_nat_warn_count_zero(o, KA_PATH_MODEFILE, sc->nat_line,
		    sc->nat_timeout);
	s->action = KA_NAT_SET;
	s->rec.timeout = sc->nat_timeout;
	s->rec.interval = c.interval;
	s->rec.line = 0;
	if (cur.interval == c.interval)
		return 0;
	v->interval = c.interval;
	*rewrite = 1;
	tell_change(o, &c, cur.interval);
	return 0;
}
