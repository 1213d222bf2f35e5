/* strpool.h - many small strings that live and die together
 *
 * A report of every setting in a file of thousands of Match blocks
 * holds tens of thousands of short strings ("30", "User deploy").  One
 * allocation apiece costs more than the strings; here they are packed
 * into chunks, never move, and go in one ka_strpool_free(). */
#ifndef KA_STRPOOL_H
#define KA_STRPOOL_H

#include <stddef.h>

struct ka_strchunk;

struct ka_strpool {
	struct ka_strchunk *head;    /* the chunk being filled first */
};

#define KA_STRPOOL_INIT { NULL }

/* Room for n bytes and a NUL, valid until the pool is freed; NULL when
 * out of memory. */
char *ka_strpool_alloc(struct ka_strpool *p, size_t n);
/* A copy of the n bytes at s, NUL-terminated; NULL when out of memory. */
char *ka_strpool_add(struct ka_strpool *p, const char *s, size_t n);
void ka_strpool_free(struct ka_strpool *p);

#endif
