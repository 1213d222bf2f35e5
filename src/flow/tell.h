/* tell.h - what a change says: progress on stdout, warnings on stderr */
#ifndef KA_TELL_H
#define KA_TELL_H

#include "engine/err.h"
#include "flow/opts.h"

/* "PROG: what" on stdout, unless o->quiet. */
void ka_say(const struct ka_change_opts *o, const char *fmt, ...)
    KA_PRINTF(2, 3);

/* "PROG: warning: what" on stderr, always. */
void ka_warn(const struct ka_change_opts *o, const char *fmt, ...)
    KA_PRINTF(2, 3);

#endif
