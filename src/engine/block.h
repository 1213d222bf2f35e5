/* block.h - the marked block that ssh-keepalive adds to sshd_config */
#ifndef KA_BLOCK_H
#define KA_BLOCK_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"

#define KA_MARK_BEGIN "# BEGIN ssh-keepalive"
#define KA_MARK_END "# END ssh-keepalive"

/* The file as it is without our blocks (no copy: the lines of cfg that
 * are not inside a block), and where a block goes. */
struct ka_stripped {
	const struct ka_cfg *cfg;  /* the input, valid while it is */
	size_t place;            /* line index in cfg before which a block
	                          * goes (cfg->nlines: at the end) */
	int had_block;           /* the input had a block */
	int block_in_place;      /* ... and it stood before every directive */
	size_t block_begin;      /* line index of that block in the input */
	size_t block_end;        /* its END line */
	size_t nblocks;
};

/* Find our blocks.  Unbalanced markers are an error naming the line:
 * we never guess which lines are ours. */
int ka_block_strip(const struct ka_cfg *cfg, struct ka_stripped *s,
    struct ka_err *e);
/* Nothing to free any more; kept for the callers. */
void ka_stripped_free(struct ka_stripped *s);

/* Every line between our markers must be ours (our keywords, our
 * Include, blank lines): else an error naming the first one that is
 * not, since taking the block out would delete it. */
int ka_block_check_foreign(const struct ka_cfg *cfg, struct ka_err *e);

/* 1 for a BEGIN marker line, -1 for an END marker line, else 0. */
int ka_block_marker(const struct ka_line *l);

/* 1 if line i of the input is ours: a BEGIN line and every line up to
 * and with its END.  Ask for lines in order (i from 0, or from a line
 * outside our blocks); *inside, 0 at first, carries what it needs. */
int ka_stripped_ours(const struct ka_stripped *s, size_t i, int *inside);

/* The input without our blocks, with body (lines without line endings,
 * already formatted) wrapped in markers and inserted at place, using
 * the input's line endings. */
int ka_block_insert(const struct ka_stripped *s, const char *title,
    const char *const *body, size_t nbody, struct ka_buf *out);

/* The input without our blocks. */
int ka_block_copy_kept(const struct ka_stripped *s, struct ka_buf *out);

/* The input bytes, unchanged (for "nothing to do"). */
int ka_block_copy(const struct ka_cfg *cfg, struct ka_buf *out);

#endif
