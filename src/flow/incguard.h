/* incguard.h - include mode that sshd cannot be asked about
 *
 * Where sshd cannot run (an image root with an empty /dev, another
 * architecture), the change goes in unvalidated.  An Include that the
 * rpm database already says the installed sshd rejects is not written:
 * that sshd would not start (RHEL up to 8.5, CentOS 6 and 7, Amazon
 * Linux 2 with --mode include or MODE=include). */
#ifndef KA_INCGUARD_H
#define KA_INCGUARD_H

#include "engine/err.h"
#include "flow/opts.h"
#include "flow/plan.h"

/* 0, or KA_EXIT_REJECTED with e set when the plan is in include mode
 * and openssh-server in the rpm database under o->root does not
 * understand Include.  No answer from the database: 0, as before. */
int ka_include_guard(const struct ka_change_opts *o,
    const struct ka_plan *p, struct ka_err *e);

#endif
