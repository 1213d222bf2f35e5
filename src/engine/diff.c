/* diff.c - a unified diff of two versions of a file, for --dry-run
 *
 * One hunk from the first line that differs to the last: the common
 * first and last lines are found by walking both buffers, forward and
 * backward, without a table of lines (on a 10 MiB sshd_config a table
 * of both versions cost 1.6 times the file). */
#include "engine/diff.h"

#include <errno.h>
#include <string.h>

#define CONTEXT 3

/* A buffer and the part of it still to look at: [from, to). */
struct text {
	const char *s;
	size_t size;
};

/* The end of the line that starts at i (after its newline, if any). */
static size_t
line_end(const struct text *t, size_t i)
{
	const char *nl = memchr(t->s + i, '\n', t->size - i);

	return nl != NULL ? (size_t)(nl - t->s) + 1 : t->size;
}

/* The start of the line that ends at end (> floor), not before floor. */
static size_t
line_start(const struct text *t, size_t floor, size_t end)
{
	size_t i = end - 1;

	while (i > floor && t->s[i - 1] != '\n')
		i--;
	return i;
}

static size_t
count_lines(const struct text *t, size_t from, size_t to)
{
	size_t n = 0;

	while (from < to) {
		from = line_end(t, from);
		n++;
	}
	return n;
}

/* The lines of t in [from, to), each after tag. */
static int
emit(struct ka_buf *out, char tag, const struct text *t, size_t from,
    size_t to)
{
	int r = 0;

	while (from < to && r == 0) {
		size_t end = line_end(t, from);

		r = ka_buf_add(out, &tag, 1);
		if (r == 0)
			r = ka_buf_add(out, t->s + from, end - from);
		if (r == 0 && t->s[end - 1] != '\n')
			r = ka_buf_adds(out, "\n\\ No newline at end of file\n");
		from = end;
	}
	return r;
}

/* Where the hunk starts and ends in each version (byte offsets). */
struct hunk {
	size_t pre;            /* lines in common at the start */
	size_t ctx0;           /* the start of the context before */
	size_t a0, b0;         /* the first line that differs */
	size_t a1, b1;         /* the end of what differs */
	size_t ctx1;           /* the end of the context after (in a) */
};

static void
common_start(const struct text *a, const struct text *b, struct hunk *h)
{
	size_t starts[CONTEXT + 1] = { 0 };   /* the last line starts seen */

	h->pre = h->a0 = h->b0 = 0;
	while (h->a0 < a->size && h->b0 < b->size) {
		size_t ea = line_end(a, h->a0), eb = line_end(b, h->b0);

		if (ea - h->a0 != eb - h->b0 ||
		    memcmp(a->s + h->a0, b->s + h->b0, ea - h->a0) != 0)
			break;
		starts[h->pre++ % (CONTEXT + 1)] = h->a0;
		h->a0 = ea;
		h->b0 = eb;
	}
	/* the CONTEXT lines before the first difference, or fewer */
	h->ctx0 = h->pre > CONTEXT ?
	    starts[(h->pre - CONTEXT) % (CONTEXT + 1)] : 0;
}

/* Common last lines, none of them inside the common start. */
static void
common_end(const struct text *a, const struct text *b, struct hunk *h)
{
	size_t n;

	h->a1 = a->size;
	h->b1 = b->size;
	while (h->a1 > h->a0 && h->b1 > h->b0) {
		size_t sa = line_start(a, h->a0, h->a1);
		size_t sb = line_start(b, h->b0, h->b1);

		if (h->a1 - sa != h->b1 - sb ||
		    memcmp(a->s + sa, b->s + sb, h->a1 - sa) != 0)
			break;
		h->a1 = sa;
		h->b1 = sb;
	}
	for (h->ctx1 = h->a1, n = 0; n < CONTEXT && h->ctx1 < a->size; n++)
		h->ctx1 = line_end(a, h->ctx1);
}

int
ka_diff_unified(const char *name, const char *a, size_t alen,
    const char *b, size_t blen, struct ka_buf *out)
{
	struct text ta = { a, alen }, tb = { b, blen };
	size_t start, ctx, na, nb;
	struct hunk h;
	int r;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	common_start(&ta, &tb, &h);
	common_end(&ta, &tb, &h);
	start = h.pre > CONTEXT ? h.pre - CONTEXT : 0;
	ctx = count_lines(&ta, h.ctx0, h.a0) + count_lines(&ta, h.a1, h.ctx1);
	na = ctx + count_lines(&ta, h.a0, h.a1);
	nb = ctx + count_lines(&tb, h.b0, h.b1);
	r = ka_buf_addf(out, "--- %s\n+++ %s\n@@ -%zu,%zu +%zu,%zu @@\n", name,
	    name, na ? start + 1 : start, na, nb ? start + 1 : start, nb);
	if (r == 0)
		r = emit(out, ' ', &ta, h.ctx0, h.a0);
	if (r == 0)
		r = emit(out, '-', &ta, h.a0, h.a1);
	if (r == 0)
		r = emit(out, '+', &tb, h.b0, h.b1);
	if (r == 0)
		r = emit(out, ' ', &ta, h.a1, h.ctx1);
	return r;
}
