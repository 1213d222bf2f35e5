/* block.h - the marked block that ssh-keepalive adds to sshd_config */
#ifndef KA_BLOCK_H
#define KA_BLOCK_H

#include <stddef.h>

#include "buf.h"
#include "cfgfile.h"
#include "err.h"

#define KA_MARK_BEGIN "# BEGIN ssh-keepalive"
#define KA_MARK_END "# END ssh-keepalive"

/* The file with every block of ours taken out, and where a block goes. */
struct ka_stripped {
	struct ka_cfg *base;     /* the file without our blocks */
	size_t place;            /* line index in base for a block */
	int had_block;           /* the input had a block */
	int block_in_place;      /* ... and it stood before every directive */
	size_t block_begin;      /* line index of that block in the input */
	size_t block_end;        /* its END line */
	size_t nblocks;
};

/* Take our blocks out.  Unbalanced markers are an error naming the line:
 * we never guess which lines are ours. */
int ka_block_strip(const struct ka_cfg *cfg, struct ka_stripped *s,
    struct ka_err *e);
void ka_stripped_free(struct ka_stripped *s);

/* Every line between our markers must be ours (our keywords, our
 * Include, blank lines): else an error naming the first one that is
 * not, since taking the block out would delete it. */
int ka_block_check_foreign(const struct ka_cfg *cfg, struct ka_err *e);

/* base with body (lines without line endings, already formatted) wrapped
 * in markers and inserted at place, using base's line endings. */
int ka_block_insert(const struct ka_stripped *s, const char *title,
    const char *const *body, size_t nbody, struct ka_buf *out);

/* The input bytes, unchanged (for "nothing to do"). */
int ka_block_copy(const struct ka_cfg *cfg, struct ka_buf *out);

#endif
