/* block.c - find, take out and insert ssh-keepalive's marked block
 *
 * Taking the blocks out makes no copy and parses nothing again: the
 * lines outside them are the file without them (each kept line but the
 * file's last ends in a newline, so together they split into the same
 * lines), and they are copied out in runs straight from the buffer. */
#include "engine/block.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Marker lines start "# BEGIN" or "# END": look at the third byte
 * before comparing the whole mark. */
static int
line_starts(const struct ka_line *l, const char *mark, size_t n)
{
	return l->kind == KA_LINE_COMMENT && l->len >= n &&
	    l->text[2] == mark[2] && memcmp(l->text, mark, n) == 0;
}

int
ka_block_marker(const struct ka_line *l)
{
	if (line_starts(l, KA_MARK_BEGIN, sizeof(KA_MARK_BEGIN) - 1))
		return 1;
	return line_starts(l, KA_MARK_END, sizeof(KA_MARK_END) - 1) ? -1 : 0;
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
		int m = ka_block_marker(l);

		if (m == 0)
			continue;
		if (m > 0 && open)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "second '" KA_MARK_BEGIN "' before '"
			    KA_MARK_END "'; fix the file by hand");
		if (m < 0 && !open)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "'" KA_MARK_END "' without '" KA_MARK_BEGIN
			    "'; fix the file by hand");
		if (m > 0)
			open_at = i;
		if (m < 0 && s->nblocks++ == 0) {
			s->block_begin = open_at;
			s->block_end = i;
		}
		open = m > 0;
	}
	if (open)
		return ka_err_set(e, EINVAL, cfg->path,
		    cfg->lines[open_at].lineno, "'" KA_MARK_BEGIN
		    "' without '" KA_MARK_END "'; fix the file by hand");
	return 0;
}

static int
line_has_eol(const struct ka_line *l)
{
	return l->len > 0 && l->text[l->len - 1] == '\n';
}

/* Before the first directive outside our blocks; with none, at the end,
 * but before a last line that lacks its newline so that taking the
 * block out again gives back the same bytes.  (Only the file's last
 * line can lack it; it is ours only if it is an END marker.) */
static size_t
default_place(const struct ka_stripped *s)
{
	const struct ka_cfg *cfg = s->cfg;
	const struct ka_line *last;
	size_t i;
	int inside = 0;

	for (i = 0; i < cfg->nlines; i++)
		if (!ka_stripped_ours(s, i, &inside) &&
		    cfg->lines[i].kind == KA_LINE_DIRECTIVE)
			return i;
	last = cfg->nlines > 0 ? &cfg->lines[cfg->nlines - 1] : NULL;
	if (last != NULL && !line_has_eol(last) && ka_block_marker(last) == 0)
		return cfg->nlines - 1;
	return cfg->nlines;
}

int
ka_stripped_ours(const struct ka_stripped *s, size_t i, int *inside)
{
	int m, ours;

	if (s->nblocks <= 1)
		return s->nblocks == 1 && i >= s->block_begin &&
		    i <= s->block_end;
	m = ka_block_marker(&s->cfg->lines[i]);
	ours = m != 0 || *inside;
	if (m != 0)
		*inside = m > 0;
	return ours;
}

int
ka_block_strip(const struct ka_cfg *cfg, struct ka_stripped *s,
    struct ka_err *e)
{
	int r;

	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	if ((r = scan_blocks(cfg, s, e)) < 0)
		return r;
	s->had_block = s->nblocks > 0;
	s->place = default_place(s);
	if (s->had_block && s->block_begin <= s->place) {
		/* the lines before the first block are all kept */
		s->block_in_place = 1;
		s->place = s->block_begin;
	}
	return 0;
}

void
ka_stripped_free(struct ka_stripped *s)
{
	s->cfg = NULL;
}

/* The lines of [from, to) outside our blocks, in runs.  from is never
 * inside a block (it is 0, or place, which is not).  With one block at
 * most, the runs are known without looking at each line. */
static int
add_kept(const struct ka_stripped *s, size_t from, size_t to,
    struct ka_buf *out)
{
	size_t i, run = from;
	int inside = 0, r = 0;

	if (s->nblocks == 0)
		return ka_cfg_add_lines(s->cfg, from, to, out);
	if (s->nblocks == 1) {
		r = ka_cfg_add_lines(s->cfg, from, to < s->block_begin ? to :
		    s->block_begin, out);
		if (r == 0)
			r = ka_cfg_add_lines(s->cfg, from > s->block_end + 1 ? from :
			    s->block_end + 1, to, out);
		return r;
	}
	for (i = from; i < to && r == 0; i++)
		if (ka_stripped_ours(s, i, &inside)) {
			r = ka_cfg_add_lines(s->cfg, run, i, out);
			run = i + 1;
		}
	if (r == 0)
		r = ka_cfg_add_lines(s->cfg, run, to, out);
	return r;
}

int
ka_block_insert(const struct ka_stripped *s, const char *title,
    const char *const *body, size_t nbody, struct ka_buf *out)
{
	const struct ka_cfg *cfg = s->cfg;
	const char *eol = cfg->eol;
	size_t i;
	int r = ka_buf_reserve(out, cfg->size + 256);

	if (r == 0)
		r = add_kept(s, 0, s->place, out);
	if (r == 0 && (r = ka_buf_adds(out, KA_MARK_BEGIN ": ")) == 0 &&
	    (r = ka_buf_adds(out, title)) == 0)
		r = ka_buf_adds(out, eol);
	for (i = 0; i < nbody && r == 0; i++)
		if ((r = ka_buf_adds(out, body[i])) == 0)
			r = ka_buf_adds(out, eol);
	if (r == 0 && (r = ka_buf_adds(out, KA_MARK_END)) == 0)
		r = ka_buf_adds(out, eol);
	if (r == 0)
		r = add_kept(s, s->place, cfg->nlines, out);
	return r;
}

int
ka_block_copy_kept(const struct ka_stripped *s, struct ka_buf *out)
{
	int r = ka_buf_reserve(out, s->cfg->size);

	if (r == 0)
		r = add_kept(s, 0, s->cfg->nlines, out);
	return r;
}

int
ka_block_copy(const struct ka_cfg *cfg, struct ka_buf *out)
{
	return ka_buf_add(out, cfg->data, cfg->size);
}
