/* change.h - apply, remove or tune, safely: the one path every change
 * to sshd_config and the drop-in takes
 *
 *   lock; build the candidates in memory; stop if nothing changes;
 *   write them to temp files beside the targets; validate them together
 *   with the installed sshd (sshd -t, in a private mount namespace in
 *   which they stand in for the files they replace); rename; reload a
 *   running sshd, never inside a chroot or image root; say which value
 *   of ours sshd still does not use, and why. */
#ifndef KA_CHANGE_H
#define KA_CHANGE_H

#include "engine/err.h"
#include "flow/opts.h"

/* Run op; messages go to stdout/stderr prefixed with prog.  Returns one
 * of the exit codes above; e holds the error for the non-zero ones. */
int ka_change(const struct ka_change_opts *o, enum ka_op op,
    struct ka_err *e);

#endif
