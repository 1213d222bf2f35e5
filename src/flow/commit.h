/* commit.h - validate, write, check again, reload */
#ifndef KA_COMMIT_H
#define KA_COMMIT_H

#include "buf.h"
#include "cfgfile.h"
#include "opts.h"
#include "plan.h"
#include "mode.h"
#include "value.h"

/* Carry the plan out (or, with --dry-run, show it); an exit code. */
int ka_commit_plan(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e);

#endif
