/* strpool.c - many small strings that live and die together */
#include "engine/strpool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 4096   /* bytes of strings a chunk holds, unless one is longer */

struct ka_strchunk {
	struct ka_strchunk *next;
	size_t used, cap;
	char data[];
};

char *
ka_strpool_alloc(struct ka_strpool *p, size_t n)
{
	struct ka_strchunk *c = p->head;

	if (n >= SIZE_MAX - sizeof(*c) - CHUNK)
		return NULL;
	if (c == NULL || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;

		if ((c = malloc(sizeof(*c) + cap)) == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		/* a string that fills a chunk alone goes behind the one
		 * being filled, which keeps its room */
		if (p->head != NULL && cap > CHUNK) {
			c->next = p->head->next;
			p->head->next = c;
		} else {
			c->next = p->head;
			p->head = c;
		}
	}
	c->used += n + 1;
	return c->data + c->used - (n + 1);
}

char *
ka_strpool_add(struct ka_strpool *p, const char *s, size_t n)
{
	char *d = ka_strpool_alloc(p, n);

	if (d != NULL) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

void
ka_strpool_free(struct ka_strpool *p)
{
	struct ka_strchunk *c = p->head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->head = NULL;
}
