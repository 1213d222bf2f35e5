/* validate.h - ask sshd about a change before anything is renamed
 *
 * The candidate set (the new sshd_config with the new drop-in) is
 * checked as one, in a private mount namespace (setcheck.h).  When sshd
 * rejects it, the files as they are get checked too, so that a problem
 * already there is named as such, with its real file and line.  Where no
 * private namespace can be made, the caller renames first and checks
 * the live files (ka_validate_live), putting the old ones back. */
#ifndef KA_VALIDATE_H
#define KA_VALIDATE_H

#include "engine/err.h"
#include "flow/opts.h"
#include "sys/safewrite.h"

struct ka_validation {
	int ran;        /* 1 sshd parsed the set; -1 it could not run */
	int fallback;   /* no private namespace: check after the rename */
	int parsed;     /* sshd parsed the set but would not start with it
	                 * (no host key, no privilege separation): fine in
	                 * an image, fatal to a reload; e holds sshd's words */
};

/* dropin and main are the temp files (tmp NULL: that file is kept).
 * 0 accepted (or not asked: see v), KA_EXIT_REJECTED or KA_EXIT_ERROR,
 * with e set. */
int ka_validate_set(const struct ka_change_opts *o,
    const struct ka_safe *dropin, const struct ka_safe *main_file,
    struct ka_validation *v, struct ka_err *e);

/* sshd -t on the files as they are now.  0 accepted (or sshd could not
 * run: *ran -1, and e says why; or it parsed them but would not start
 * with them: *ran 2, sshd's words in e), 1 rejected with sshd's words
 * in e, prefixed by what, or < 0. */
int ka_validate_live(const struct ka_change_opts *o, const char *what,
    int *ran, struct ka_err *e);

#endif
