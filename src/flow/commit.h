/* commit.h - validate, write, check again, reload */
#ifndef KA_COMMIT_H
#define KA_COMMIT_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/value.h"
#include "flow/opts.h"
#include "flow/plan.h"
#include "sys/mode.h"

/* Carry the plan out (or, with --dry-run, show it); an exit code. */
int ka_commit_plan(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e);

#endif
