/* diff.c - a unified diff of two versions of a file, for --dry-run */
#include "engine/diff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3

struct lines {
	const char **p;
	size_t *len;
	size_t n;
};

/* Room for cap lines in both arrays. */
static int
grow(struct lines *l, size_t cap)
{
	const char **np = realloc(l->p, cap * sizeof(*np));
	size_t *nlen;

	if (np == NULL)
		return -ENOMEM;
	l->p = np;
	if ((nlen = realloc(l->len, cap * sizeof(*nlen))) == NULL)
		return -ENOMEM;
	l->len = nlen;
	return 0;
}

static int
split(const char *s, size_t size, struct lines *l)
{
	size_t i = 0, cap = 16;

	l->n = 0;
	if (grow(l, cap) < 0)
		return -ENOMEM;
	while (i < size) {
		const char *nl = memchr(s + i, '\n', size - i);
		size_t n = nl ? (size_t)(nl - (s + i)) + 1 : size - i;

		if (l->n == cap && grow(l, cap *= 2) < 0)
			return -ENOMEM;
		l->p[l->n] = s + i;
		l->len[l->n++] = n;
		i += n;
	}
	return 0;
}

static int
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

static int
emit(struct ka_buf *out, char tag, const struct lines *l, size_t from,
    size_t to)
{
	size_t i;
	int r = 0;

	for (i = from; i < to && r == 0; i++) {
		r = ka_buf_addf(out, "%c", tag);
		if (r == 0)
			r = ka_buf_add(out, l->p[i], l->len[i]);
		if (r == 0 && l->p[i][l->len[i] - 1] != '\n')
			r = ka_buf_adds(out, "\n\\ No newline at end of file\n");
	}
	return r;
}

static int
emit_hunk(const char *name, const struct lines *a, const struct lines *b,
    size_t pre, size_t suf, struct ka_buf *out)
{
	size_t start = pre > CONTEXT ? pre - CONTEXT : 0;
	size_t a_end = a->n - suf, b_end = b->n - suf;
	size_t ctx_end = suf > CONTEXT ? CONTEXT : suf;
	size_t alen = a_end + ctx_end - start, blen = b_end + ctx_end - start;
	int r;

	r = ka_buf_addf(out, "--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", name,
	    name, alen ? start + 1 : start, alen, blen ? start + 1 : start, blen);
	if (r == 0)
		r = emit(out, ' ', a, start, pre);
	if (r == 0)
		r = emit(out, '-', a, pre, a_end);
	if (r == 0)
		r = emit(out, '+', b, pre, b_end);
	if (r == 0)
		r = emit(out, ' ', a, a_end, a_end + ctx_end);
	return r;
}

int
ka_diff_unified(const char *name, const char *a, size_t alen,
    const char *b, size_t blen, struct ka_buf *out)
{
	struct lines la = { NULL, NULL, 0 }, lb = { NULL, NULL, 0 };
	int r;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	if ((r = split(a, alen, &la)) == 0 && (r = split(b, blen, &lb)) == 0) {
		size_t pre = 0, suf = 0;

		while (pre < la.n && pre < lb.n && same(&la, pre, &lb, pre))
			pre++;
		while (suf < la.n - pre && suf < lb.n - pre &&
		    same(&la, la.n - 1 - suf, &lb, lb.n - 1 - suf))
			suf++;
		r = emit_hunk(name, &la, &lb, pre, suf, out);
	}
	free(la.p);
	free(la.len);
	free(lb.p);
	free(lb.len);
	return r;
}
