/* block.c - find, take out and insert ssh-keepalive's marked block */
#include "block.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int
line_starts(const struct ka_line *l, const char *mark)
{
	size_t n = strlen(mark);

	return l->kind == KA_LINE_COMMENT && l->len >= n &&
	    memcmp(l->text, mark, n) == 0;
}

/* Check the markers pair up, and count and locate the blocks. */
static int
scan_blocks(const struct ka_cfg *cfg, struct ka_stripped *s,
    struct ka_err *e)
{
	size_t i, open_at = 0;
	int open = 0;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (line_starts(l, KA_MARK_BEGIN)) {
			if (open)
				return ka_err_set(e, EINVAL, cfg->path, l->lineno,
				    "second '" KA_MARK_BEGIN "' before '"
				    KA_MARK_END "'; fix the file by hand");
			open = 1;
			open_at = i;
		} else if (line_starts(l, KA_MARK_END)) {
			if (!open)
				return ka_err_set(e, EINVAL, cfg->path, l->lineno,
				    "'" KA_MARK_END "' without '" KA_MARK_BEGIN
				    "'; fix the file by hand");
			open = 0;
			if (s->nblocks++ == 0) {
				s->block_begin = open_at;
				s->block_end = i;
			}
		}
	}
	if (open)
		return ka_err_set(e, EINVAL, cfg->path,
		    cfg->lines[open_at].lineno, "'" KA_MARK_BEGIN
		    "' without '" KA_MARK_END "'; fix the file by hand");
	return 0;
}

static int
copy_unmarked(const struct ka_cfg *cfg, struct ka_buf *b)
{
	size_t i;
	int inside = 0;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (line_starts(l, KA_MARK_BEGIN))
			inside = 1;
		if (!inside && ka_buf_add(b, l->text, l->len) < 0)
			return -ENOMEM;
		if (line_starts(l, KA_MARK_END))
			inside = 0;
	}
	return b->data == NULL ? ka_buf_add(b, "", 0) : 0;
}

static int
line_has_eol(const struct ka_line *l)
{
	return l->len > 0 && l->text[l->len - 1] == '\n';
}

/* Before the first directive; with none, at the end, but before a last
 * line that lacks its newline so that taking the block out again gives
 * back the same bytes. */
static size_t
default_place(const struct ka_cfg *base)
{
	size_t first = ka_cfg_first_directive(base);

	if (first == base->nlines && base->nlines > 0 &&
	    !line_has_eol(&base->lines[base->nlines - 1]))
		return base->nlines - 1;
	return first;
}

int
ka_block_strip(const struct ka_cfg *cfg, struct ka_stripped *s,
    struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	int r;

	memset(s, 0, sizeof(*s));
	if ((r = scan_blocks(cfg, s, e)) < 0)
		return r;
	if (copy_unmarked(cfg, &b) < 0)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	r = ka_cfg_parse(cfg->path, b.data, b.len, &s->base, e);
	ka_buf_free(&b);
	if (r < 0)
		return r;
	s->base->eol = cfg->eol;
	s->had_block = s->nblocks > 0;
	s->place = default_place(s->base);
	if (s->had_block && s->block_begin <= s->place) {
		/* lines before the first block are all kept in base */
		s->block_in_place = 1;
		s->place = s->block_begin;
	}
	return 0;
}

void
ka_stripped_free(struct ka_stripped *s)
{
	ka_cfg_free(s->base);
	s->base = NULL;
}

int
ka_block_insert(const struct ka_stripped *s, const char *title,
    const char *const *body, size_t nbody, struct ka_buf *out)
{
	const struct ka_cfg *base = s->base;
	const char *eol = base->eol;
	size_t i;
	int r = 0;

	for (i = 0; i < s->place && r == 0; i++)
		r = ka_buf_add(out, base->lines[i].text, base->lines[i].len);
	if (r == 0)
		r = ka_buf_addf(out, "%s: %s%s", KA_MARK_BEGIN, title, eol);
	for (i = 0; i < nbody && r == 0; i++)
		r = ka_buf_addf(out, "%s%s", body[i], eol);
	if (r == 0)
		r = ka_buf_addf(out, "%s%s", KA_MARK_END, eol);
	for (i = s->place; i < base->nlines && r == 0; i++)
		r = ka_buf_add(out, base->lines[i].text, base->lines[i].len);
	return r;
}

int
ka_block_copy(const struct ka_cfg *cfg, struct ka_buf *out)
{
	return ka_buf_add(out, cfg->data, cfg->size);
}
