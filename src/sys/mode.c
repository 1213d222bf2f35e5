/* mode.c - include mode or inline mode, and why */
#include "sys/mode.h"

#include <stdio.h>
#include <string.h>

#include "sys/facts.h"

int
ka_mode_decide(const char *root, enum ka_mode requested,
    struct ka_mode_choice *c, struct ka_err *e)
{
	const struct ka_facts *f;

	(void)e;
	if (requested != KA_MODE_AUTO) {
		c->mode = requested;
		c->include_ok = -1;
		snprintf(c->why, sizeof(c->why), "--mode %s",
		    ka_mode_name(requested));
		return 0;
	}
	f = ka_facts_get(root);
	c->include_ok = f->include;
	c->mode = f->include == 1 ? KA_MODE_INCLUDE : KA_MODE_INLINE;
	snprintf(c->why, sizeof(c->why), "%s%s", f->include_why,
	    f->include < 0 ? ": inline mode, which works everywhere" : "");
	return 0;
}
