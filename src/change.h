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

#include "err.h"
#include "mode.h"
#include "value.h"

/* Exit codes of both programs. */
#define KA_EXIT_OK 0        /* done, or nothing to do */
#define KA_EXIT_ERROR 1     /* a file or the system said no; nothing changed */
#define KA_EXIT_USAGE 2     /* bad option or value; nothing changed */
#define KA_EXIT_REJECTED 3  /* sshd rejected the candidate; nothing changed */
#define KA_EXIT_RELOAD 4    /* changed and valid, but the reload failed */
#define KA_EXIT_SHADOWED 5  /* written (or nothing to write), but sshd
                             * keeps using another value: named */

enum ka_op { KA_OP_APPLY, KA_OP_REMOVE, KA_OP_TUNE };

struct ka_change_opts {
	const char *prog;        /* for messages and syslog */
	const char *root;        /* an image root, or NULL for this system */
	enum ka_mode mode;       /* requested mode (auto by default) */
	int mode_given;          /* --mode given (even auto): the file's MODE
	                          * is not asked */
	int record_mode;         /* tune --mode: record it in
	                          * /etc/sysconfig/ssh-keepalive */
	int dry_run;             /* print a diff, validate, write nothing */
	int no_reload;
	int quiet;
	struct ka_values set;    /* tune: the values to set (-1: keep) */
	int reset;               /* tune: back to the shipped values */
	int apply;               /* tune --apply: also reload an sshd that
	                          * runs with older files than these */
	long nat_timeout;        /* tune: record it (set.interval derived
	                          * from it); 0: none */
};

/* Run op; messages go to stdout/stderr prefixed with prog.  Returns one
 * of the exit codes above; e holds the error for the non-zero ones. */
int ka_change(const struct ka_change_opts *o, enum ka_op op,
    struct ka_err *e);

#endif
