/* opts.h - what a change is asked to do, and how it ends: the options,
 * the operations and the exit codes of both programs */
#ifndef KA_OPTS_H
#define KA_OPTS_H

#include "engine/err.h"
#include "engine/value.h"
#include "sys/mode.h"

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
	int verbose;             /* say how the mode was decided */
	struct ka_values set;    /* tune: the values to set (-1: keep) */
	int reset;               /* tune: back to the shipped values */
	int apply;               /* tune --apply: also reload an sshd that
	                          * runs with older files than these */
	int installed;           /* keepalive-helper apply (%post, the
	                          * trigger): rpm dates the files it puts in
	                          * place with the package's build time, so
	                          * their times cannot tell whether a running
	                          * sshd read them: reload it anyway */
	long nat_timeout;        /* tune: record it (set.interval derived
	                          * from it); 0: none */
};

#endif
