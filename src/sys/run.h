/* run.h - run a program by absolute path, never through a shell */
#ifndef KA_RUN_H
#define KA_RUN_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"
#include "sys/confine.h"

#define KA_RUN_TIMEOUT_MS 30000
/* what an image's program (or our reader of its database) may take */
#define KA_RUN_CONFINED_TIMEOUT_MS 10000
#define KA_RUN_OUTPUT_MAX 65536
#define KA_RUN_EXEC_FAILED 127

struct ka_run {
	int status;          /* exit status, 128+signal, or -1 */
	int exec_errno;      /* errno of a failed chroot or exec, else 0 */
	int prep_errno;      /* errno of a failed prep step (ka_run_prep) */
	int jail_errno;      /* errno of a failed confinement step, else 0 */
	int jail_step;       /* which (ka_jail_step_name) */
	int jail_made;       /* KA_JAIL_MOUNTNS, KA_JAIL_PIDNS made */
	int inner;           /* the pid of its PID namespace's first process */
	int killed;          /* it did not end in time */
	struct ka_buf out;   /* stdout and stderr, at most KA_RUN_OUTPUT_MAX */
};

/* A step run in the child, once before the chroot (after_chroot 0) and
 * once after it (1): 0, or -errno to give up (prep_errno says why, and
 * nothing is executed). */
typedef int (*ka_run_prep_fn)(void *ctx, int after_chroot);

struct ka_run_how {
	const char *root;      /* run inside it (an image), or NULL */
	int jail;              /* KA_JAIL_* (sys/confine.h) */
	ka_run_prep_fn prep;   /* or NULL */
	void *ctx;
};

/* Run argv[0] (an absolute path) with argv as how says, stdin from
 * /dev/null, an environment of PATH and LANG=C only; collect its output;
 * kill it (and, confined, all it started) after the time limit.  Inside
 * an image (how->root) it is always confined (sys/confine.h). */
int ka_run_with(const struct ka_run_how *how, char *const argv[],
    struct ka_run *res, struct ka_err *e);

/* The same, with root (NULL: the system's own programs) and no prep. */
int ka_run(const char *root, char *const argv[], struct ka_run *res,
    struct ka_err *e);

/* ka_run() with prep called in the child before it executes argv. */
int ka_run_prep(const char *root, char *const argv[], ka_run_prep_fn prep,
    void *ctx, struct ka_run *res, struct ka_err *e);

void ka_run_free(struct ka_run *res);

#endif
