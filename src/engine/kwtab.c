/* kwtab.c - one lower-case copy of each keyword of a file */
#include "engine/kwtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_SLOTS 32      /* a power of two */
#define CHUNK_BYTES 512     /* the first chunk; then twice the last */

struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

struct ka_kwtab {
	const char **slots;   /* open addressing, at most half full */
	size_t nslots, n;
	struct chunk *chunks;
	unsigned nchunks;
};

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* FNV-1a of the lower-case bytes */
static size_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The first slots come in the same allocation, right after t. */
static const char **
first_slots(struct ka_kwtab *t)
{
	return (const char **)(void *)(t + 1);
}

struct ka_kwtab *
ka_kwtab_new(void)
{
	struct ka_kwtab *t = calloc(1, sizeof(*t) +
	    FIRST_SLOTS * sizeof(const char *));

	if (t != NULL) {
		t->slots = first_slots(t);
		t->nslots = FIRST_SLOTS;
	}
	return t;
}

static int
grow(struct ka_kwtab *t)
{
	size_t ns = t->nslots * 2, i;
	const char **s = calloc(ns, sizeof(*s));

	if (s == NULL)
		return -1;
	for (i = 0; i < t->nslots; i++) {
		const char *k = t->slots[i];
		size_t j;

		if (k == NULL)
			continue;
		for (j = hash(k, strlen(k)) & (ns - 1); s[j] != NULL;
		    j = (j + 1) & (ns - 1))
			;
		s[j] = k;
	}
	if (t->slots != first_slots(t))
		free(t->slots);
	t->slots = s;
	t->nslots = ns;
	return 0;
}

/* n + 1 free bytes at the end of the newest chunk, or of a new one
 * (each new chunk twice the last, up to 1024 times the first); the
 * caller takes them by adding to used. */
static char *
room(struct ka_kwtab *t, size_t n)
{
	struct chunk *c = t->chunks;

	if (c == NULL || c->cap - c->used < n + 1) {
		size_t cap = (size_t)CHUNK_BYTES << (t->nchunks < 10 ? t->nchunks : 10);

		if (cap < n + 1)
			cap = n + 1;
		if ((c = malloc(sizeof(*c) + cap)) == NULL)
			return NULL;
		c->next = t->chunks;
		c->used = 0;
		c->cap = cap;
		t->chunks = c;
		t->nchunks++;
	}
	return c->data + c->used;
}

/* Slot of the lower-case low[0..n): where it is, or the empty slot
 * where it goes. */
static size_t
find(const struct ka_kwtab *t, const char *low, size_t n)
{
	size_t j;

	for (j = hash(low, n) & (t->nslots - 1); t->slots[j] != NULL;
	    j = (j + 1) & (t->nslots - 1))
		if (strncmp(t->slots[j], low, n) == 0 && t->slots[j][n] == '\0')
			break;
	return j;
}

/* s[0..n) in lower case into the newest chunk's free room (not yet
 * taken): compared there, kept there when new. */
const char *
ka_kwtab_get(struct ka_kwtab *t, const char *s, size_t n)
{
	size_t i, j;
	char *k;

	if ((k = room(t, n)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		k[i] = lower(s[i]);
	k[n] = '\0';
	j = find(t, k, n);
	if (t->slots[j] != NULL)
		return t->slots[j];
	t->chunks->used += n + 1;
	t->slots[j] = k;
	if (++t->n * 2 > t->nslots && grow(t) < 0)
		return NULL;
	return k;
}

void
ka_kwtab_free(struct ka_kwtab *t)
{
	struct chunk *c, *next;

	if (t == NULL)
		return;
	for (c = t->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	if (t->slots != first_slots(t))
		free(t->slots);
	free(t);
}
