/* mode.h - include mode or inline mode, and why */
#ifndef KA_MODE_H
#define KA_MODE_H

#include "engine/err.h"
#include "engine/modefile.h"

struct ka_mode_choice {
	enum ka_mode mode;
	int include_ok;     /* the installed sshd understands Include: 1,
	                     * it does not: 0, not asked (--mode, MODE, no
	                     * answer): -1 */
	char why[768];
};

/* --mode when given; else whether the installed sshd understands
 * Include (sys/facts.h); with no answer, inline mode, which works
 * everywhere. */
int ka_mode_decide(const char *root, enum ka_mode requested,
    struct ka_mode_choice *c, struct ka_err *e);

#endif
