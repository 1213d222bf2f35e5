/* blockwarn.c - a value edited by hand in our block is put back: say so */
#include "flow/blockwarn.h"

#include <string.h>

#include "engine/blockvals.h"
#include "engine/dropin.h"
#include "flow/tell.h"
#include "sys/paths.h"

static const char *const option[KA_KW_N] = {
	"--interval", "--count-max", "--tcp-keepalive"
};
static const char *const name[KA_KW_N] = {
	"ClientAliveInterval", "ClientAliveCountMax", "TCPKeepAlive"
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
    const struct ka_block_values *b, const struct ka_values *old,
    const struct ka_values *now)
{
	char was[64], dv[64], nv[64];
	const char *blockv = value_text(kw, &b->v, was, sizeof(was));
	const char *dropv = value_text(kw, old, dv, sizeof(dv));

	ka_warn(o, "%s:%zu: %s %s in ssh-keepalive's block is not the "
	    "drop-in's (%s): the block follows the drop-in and gets %s; to "
	    "keep %s, run ssh-keepalive-tune %s %s", KA_PATH_SSHD_CONFIG,
	    b->line[kw], name[kw], blockv, *dropv != '\0' ? dropv : "none",
	    ka_values_get(now, kw) < 0 ? "none" :
	    value_text(kw, now, nv, sizeof(nv)), blockv, option[kw], blockv);
}

/* 1 if this run sets kw itself (an option, --reset, --nat-timeout). */
static int
asked(const struct ka_change_opts *o, enum ka_kw kw)
{
	return o->reset || ka_values_get(&o->set, kw) >= 0 ||
	    (kw == KA_KW_IDX_INTERVAL && o->nat_timeout > 0);
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

		if (v >= 0 && !asked(o, (enum ka_kw)kw) &&
		    v != ka_values_get(&old, (enum ka_kw)kw) &&
		    v != ka_values_get(&p->values, (enum ka_kw)kw))
			warn_one(o, (enum ka_kw)kw, &b, &old, &p->values);
	}
}
