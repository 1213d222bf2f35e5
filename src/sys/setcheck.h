/* setcheck.h - validate the new files together, as sshd will read them
 *
 * sshd -t -f /etc/ssh/sshd_config runs in a child that has its own,
 * private mount namespace, in which each candidate (a temporary file
 * beside the file it will replace) is bind-mounted over that file; the
 * child then chroots into the root, if any.  sshd reads the whole new
 * set (sshd_config with the new drop-in), its messages name the real
 * files, and nothing outside that child ever sees a candidate. */
#ifndef KA_SETCHECK_H
#define KA_SETCHECK_H

#include <stddef.h>

#include "engine/err.h"
#include "sys/sshdcheck.h"

/* One file of the candidate set. */
struct ka_swap {
	const char *target;      /* the file it replaces, root included */
	const char *tmp;         /* the candidate, root included */
	const char *path;        /* the file inside root: /etc/ssh/... */
	const char *tmp_inroot;  /* the candidate inside root */
};

/* Run sshd -t on the set.  0 with c set, or < 0 with e set.  When the
 * private namespace cannot be made (no CAP_SYS_ADMIN in a container, a
 * chroot whose / is no mount point), *ns_err is set to why (errno, and
 * the step in KA_SETCHECK_STEP) and c is not set: the caller falls back
 * to checking the live files after the rename. */
int ka_sshd_check_set(const char *root, const struct ka_swap *sw, size_t n,
    struct ka_check *c, int *ns_err, struct ka_err *e);

/* The same for any program: argv run as how->jail says (sys/confine.h;
 * always confined inside an image), seeing the set.  0 with res to be
 * freed (ka_run_free) whatever *ns_err says, or < 0 with e set. */
struct ka_run;
int ka_check_set_run(const char *root, char *const argv[], int jail,
    const struct ka_swap *sw, size_t n, struct ka_run *res, int *ns_err,
    struct ka_err *e);

#define KA_SETCHECK_STEP(ns_err) ((ns_err) >> 16)
#define KA_SETCHECK_ERRNO(ns_err) ((ns_err) & 0xffff)

/* "unshare", "make / private", "bind-mount", "cover the directory". */
const char *ka_setcheck_step_name(int ns_err);

#endif
