/* plan.h - what a change will do, built in memory before anything is
 * written: the files as they are, the mode, the new files */
#ifndef KA_PLAN_H
#define KA_PLAN_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/edit_keep.h"
#include "engine/value.h"
#include "flow/opts.h"
#include "sys/mode.h"

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
	int main_is_new;            /* main holds the new file (after
	                             * ka_plan_new_main) */
	int dropin_changed;
	int side_changed;           /* a file sshd never reads changes too
	                             * (the recorded mode): not "nothing" */
	int drop_nat_key;           /* NAT_TIMEOUT goes with the record */
	struct ka_kept kept;        /* remove: our Include that other
	                             * drop-ins need, kept unmarked */
};

void ka_plan_init(struct ka_plan *p);
void ka_plan_free(struct ka_plan *p);

/* Load sshd_config and the drop-in (the shipped one when it is missing),
 * decide the mode, and build the new files for op: apply, remove or
 * tune (with the nat-timeout record kept up to date). */
int ka_plan_build(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e);

/* The new sshd_config, parsed, for what is said once the change is
 * made or shown (which setting sshd keeps using).  When it does not
 * change: main itself (no second parse), and main_new, the same bytes,
 * is let go.  Else main_new is taken over (no copy) once the old file
 * is let go: the old and the new file are never held parsed at the
 * same time.  Nothing may use the old bytes or main_new afterwards:
 * call it last.  NULL on error (e set). */
const struct ka_cfg *ka_plan_new_main(struct ka_plan *p, struct ka_err *e);

#endif
