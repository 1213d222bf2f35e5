/* diff.h - a unified diff of two versions of a file, for --dry-run */
#ifndef KA_DIFF_H
#define KA_DIFF_H

#include <stddef.h>

#include "engine/buf.h"

/* One hunk spanning everything between the common first and last lines,
 * with 3 lines of context: exact, if not always minimal.  Nothing is
 * added to out when a and b are equal. */
int ka_diff_unified(const char *name, const char *a, size_t alen,
    const char *b, size_t blen, struct ka_buf *out);

#endif
