/* run.h - run a program by absolute path, never through a shell */
#ifndef KA_RUN_H
#define KA_RUN_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"

#define KA_RUN_TIMEOUT_MS 30000
#define KA_RUN_OUTPUT_MAX 65536
#define KA_RUN_EXEC_FAILED 127

struct ka_run {
	int status;          /* exit status, 128+signal, or -1 */
	int exec_errno;      /* errno of a failed chroot or exec, else 0 */
	int prep_errno;      /* errno of a failed prep step (ka_run_prep) */
	struct ka_buf out;   /* stdout and stderr, at most KA_RUN_OUTPUT_MAX */
};

/* Run argv[0] (an absolute path) with argv, chrooted into root when root
 * is not NULL, stdin from /dev/null, an environment of PATH and LANG=C
 * only; collect its output; kill it after KA_RUN_TIMEOUT_MS. */
int ka_run(const char *root, char *const argv[], struct ka_run *res,
    struct ka_err *e);
void ka_run_free(struct ka_run *res);

/* A step run in the child, once before the chroot (after_chroot 0) and
 * once after it (1): 0, or -errno to give up (prep_errno says why, and
 * nothing is executed). */
typedef int (*ka_run_prep_fn)(void *ctx, int after_chroot);

/* ka_run() with prep called in the child before it executes argv. */
int ka_run_prep(const char *root, char *const argv[], ka_run_prep_fn prep,
    void *ctx, struct ka_run *res, struct ka_err *e);

#endif
