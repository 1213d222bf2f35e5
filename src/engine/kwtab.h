/* kwtab.h - one lower-case copy of each keyword of a file
 *
 * A file's lines point at these copies instead of holding their own:
 * a 10 MiB sshd_config has a few dozen distinct keywords, not 300,000
 * allocations.  Strings live in a few large chunks; a hash table finds
 * them.  Memory stays linear even when every keyword differs. */
#ifndef KA_KWTAB_H
#define KA_KWTAB_H

#include <stddef.h>

struct ka_kwtab;

/* An empty table; NULL when out of memory. */
struct ka_kwtab *ka_kwtab_new(void);

/* The lower-case (ASCII), NUL-terminated copy of s[0..n): the same
 * pointer for keywords equal but for case; NULL when out of memory. */
const char *ka_kwtab_get(struct ka_kwtab *t, const char *s, size_t n);

void ka_kwtab_free(struct ka_kwtab *t);

#endif
