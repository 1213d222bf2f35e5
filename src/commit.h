/* commit.h - validate, write, check again, reload */
#ifndef KA_COMMIT_H
#define KA_COMMIT_H

#include "buf.h"
#include "cfgfile.h"
#include "change.h"
#include "mode.h"
#include "value.h"

/* What a change will do, built in memory before anything is written. */
struct ka_plan {
	struct ka_cfg *main;        /* sshd_config as it is */
	struct ka_cfg *dropin;      /* the drop-in as it is (or shipped) */
	int dropin_missing;
	struct ka_mode_choice mode;
	struct ka_values values;    /* what the new drop-in sets */
	struct ka_buf main_new;
	struct ka_buf dropin_new;
	int main_changed;
	int dropin_changed;
	int side_changed;           /* a file sshd never reads changes too
	                             * (the recorded mode): not "nothing" */
};

void ka_plan_init(struct ka_plan *p);
void ka_plan_free(struct ka_plan *p);

/* Carry the plan out (or, with --dry-run, show it); an exit code. */
int ka_commit_plan(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e);

#endif
