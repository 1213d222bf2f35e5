/* blockwarn.c - a value edited by hand in our block is put back: say so */
#include "flow/blockwarn.h"

#include <stdio.h>
#include <string.h>

#include "engine/blockvals.h"
#include "engine/dropin.h"
#include "sys/paths.h"

static const char *const option[KA_KW_N] = {
	"--interval", "--count-max", "--tcp-keepalive"
};

/* The value part of kw's line in v ("600", "yes"), or "" when unset. */
static const char *
value_text(enum ka_kw kw, const struct ka_values *v, char *buf, size_t size)
{
	const char *sp;

	if (ka_values_line(kw, v, buf, size) == 0)
		return "";
	sp = strchr(buf, ' ');
	return sp != NULL ? sp + 1 : buf;
}

static void
warn_one(const struct ka_change_opts *o, enum ka_kw kw,
    const struct ka_block_values *b, const struct ka_values *now)
{
	char was[64], old[64];
	const char *oldv = value_text(kw, &b->v, old, sizeof(old));

	ka_values_line(kw, &b->v, was, sizeof(was));
	if (ka_values_get(now, kw) < 0) {
		fprintf(stderr, "%s: warning: %s:%zu: %s was edited by hand in "
		    "ssh-keepalive's block; the drop-in does not set it, so it "
		    "goes (ssh-keepalive-tune %s %s keeps it)\n", o->prog,
		    KA_PATH_SSHD_CONFIG, b->line[kw], was, option[kw], oldv);
	} else {
		char nv[64];

		fprintf(stderr, "%s: warning: %s:%zu: %s was edited by hand in "
		    "ssh-keepalive's block; the drop-in's %s replaces it "
		    "(ssh-keepalive-tune %s %s keeps it)\n", o->prog,
		    KA_PATH_SSHD_CONFIG, b->line[kw], was,
		    value_text(kw, now, nv, sizeof(nv)), option[kw], oldv);
	}
}

void
ka_block_warn(const struct ka_change_opts *o, const struct ka_plan *p)
{
	struct ka_block_values b;
	struct ka_values old;
	struct ka_err e;
	int kw;

	if (p->mode.mode != KA_MODE_INLINE || p->dropin == NULL ||
	    ka_block_values(p->main, &b) < 0 ||
	    ka_dropin_values(p->dropin, &old, &e) < 0)
		return;
	for (kw = 0; kw < KA_KW_N; kw++) {
		long v = ka_values_get(&b.v, (enum ka_kw)kw);

		if (v >= 0 && v != ka_values_get(&old, (enum ka_kw)kw) &&
		    v != ka_values_get(&p->values, (enum ka_kw)kw))
			warn_one(o, (enum ka_kw)kw, &b, &p->values);
	}
}
