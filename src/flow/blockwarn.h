/* blockwarn.h - say so when a run puts back a value edited by hand in
 * our block of sshd_config (inline mode: the drop-in is the source of
 * truth, the block a copy of its values). */
#ifndef KA_BLOCKWARN_H
#define KA_BLOCKWARN_H

#include "flow/opts.h"
#include "flow/plan.h"

/* A warning on stderr for each value of the block in p->main that
 * differs from the old drop-in's (one of them was edited by hand), that
 * this run does not set itself and that the new block does not keep. */
void ka_block_warn(const struct ka_change_opts *o, const struct ka_plan *p);

#endif
