/* inuse.c - the value sshd uses for every connection, and where from */
#include "flow/inuse.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sys/sysconfig.h"

/* From setting i of k. */
static void
from_setting(const struct ka_kw_report *k, int i, enum ka_inuse_kind kind,
    struct ka_inuse *u)
{
	const struct ka_setting *s = &k->set[i];

	u->kind = kind;
	u->set = i;
	snprintf(u->written, sizeof(u->written), "%s", s->value);
	u->num = s->num;
	u->valid = s->valid;
}

void
ka_inuse_find(const char *root, const struct ka_kw_report *k, enum ka_kw kw,
    struct ka_inuse *u)
{
	int i;

	memset(u, 0, sizeof(*u));
	u->set = -1;
	if ((i = ka_effective_every(k)) >= 0) {
		from_setting(k, i, KA_INUSE_MATCH, u);
	} else if (ka_sysconfig_option(root, k->key, u->written,
	    sizeof(u->written), &u->opt_line) > 0) {
		u->kind = KA_INUSE_OPTIONS;
		u->valid = ka_effective_parse(kw, u->written, &u->num) == 0;
	} else if (k->winner >= 0) {
		from_setting(k, k->winner, KA_INUSE_FILE, u);
	} else {
		u->kind = KA_INUSE_DEFAULT;
		u->num = k->dflt;
		u->valid = 1;
		ka_effective_show(k, k->dflt, u->written, sizeof(u->written));
	}
}

const struct ka_setting *
ka_inuse_setting(const struct ka_kw_report *k, const struct ka_inuse *u)
{
	return u->set >= 0 ? &k->set[u->set] : NULL;
}

const char *
ka_inuse_criteria(const struct ka_setting *s)
{
	return strcasecmp(s->match, "all") == 0 ? "all" : s->match;
}
