/* blockvals.h - the values in our block of sshd_config, as they are now
 *
 * In inline mode the block holds the drop-in's values; an administrator
 * may edit them there by hand, and the next run puts the drop-in's
 * values back.  This reads what the block says, to tell them so. */
#ifndef KA_BLOCKVALS_H
#define KA_BLOCKVALS_H

#include <stddef.h>

#include "engine/cfgfile.h"
#include "engine/value.h"

struct ka_block_values {
	struct ka_values v;      /* the first value of each keyword in the
	                          * first block; unset if absent or bad */
	size_t line[KA_KW_N];    /* its line number (1-based), 0 if unset */
};

/* Read cfg's first block (nothing set when there is none).  0 or
 * -ENOMEM. */
int ka_block_values(const struct ka_cfg *cfg, struct ka_block_values *b);

/* A keyword's value in v, -1 when unset. */
long ka_values_get(const struct ka_values *v, enum ka_kw kw);

#endif
