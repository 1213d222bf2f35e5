/* client_edit.c - the client side's marked block in ssh_config
 *
 * Our block is taken out first (ka_block_strip), the rest is parsed
 * again, and ka_client_place() says on that where the block goes: so a
 * block of ours that an administrator moved, or one of the other mode,
 * is replaced, and apply(apply(x)) == apply(x). */
#include "engine/client_edit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/block.h"
#include "engine/client_place.h"
#include "engine/value.h"

/* 1 if the Include line l names dropin alone, 0 if not, -ENOMEM. */
static int
our_include(const struct ka_line *l, const char *dropin)
{
	struct ka_args a;
	int r;

	if ((r = ka_line_args(l, &a)) == 0)
		r = a.argc == 1 && !a.bad_quotes &&
		    strcmp(a.argv[0], dropin) == 0;
	ka_args_free(&a);
	return r;
}

/* 1 for a line that may stand in our block, 0 not, -ENOMEM. */
static int
ours(const struct ka_line *l, const char *dropin)
{
	if (l->kind != KA_LINE_DIRECTIVE || ka_client_sets_value(l))
		return 1;
	return ka_line_is(l, "include") ? our_include(l, dropin) : 0;
}

static int
refuse(const struct ka_cfg *cfg, const struct ka_line *l, struct ka_err *e)
{
	size_t len = l->len;

	while (len > 0 && strchr(" \t\r\n", l->text[len - 1]) != NULL)
		len--;
	return ka_err_set(e, EINVAL, cfg->path, l->lineno, "'%.*s' is inside "
	    "ssh-keepalive's managed block; move it out of the block",
	    (int)len, l->text);
}

/* Our blocks, and every line in them ours: else an error. */
static int
strip(const struct ka_cfg *cfg, const char *dropin, struct ka_stripped *s,
    struct ka_err *e)
{
	size_t i;
	int inside = 0, r;

	if ((r = ka_block_strip(cfg, s, e)) < 0)
		return r;
	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (!ka_stripped_ours(s, i, &inside) || ka_block_marker(l))
			continue;
		if ((r = ours(l, dropin)) < 0)
			return ka_err_set(e, ENOMEM, cfg->path, 0,
			    "out of memory");
		if (r == 0)
			return refuse(cfg, l, e);
	}
	return 0;
}

/* cfg without our blocks, parsed again. */
static int
kept(const struct ka_cfg *cfg, const char *dropin, struct ka_cfg **k,
    struct ka_err *e)
{
	struct ka_stripped s;
	struct ka_buf b = KA_BUF_INIT;
	int r;

	*k = NULL;
	if ((r = strip(cfg, dropin, &s, e)) < 0)
		return r;
	if (ka_block_copy_kept(&s, &b) < 0) {
		ka_buf_free(&b);
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	}
	return ka_cfg_adopt(cfg->path, &b, k, e);
}

/* k with our block (body: nbody lines without endings) before line
 * before, in eol's line endings.  At the end of a file whose last line
 * lacks its newline the block goes before that line, so that taking it
 * out gives back the same bytes. */
static int
insert(const struct ka_cfg *k, size_t before, const char *eol,
    const char *const *body, size_t nbody, struct ka_buf *out)
{
	size_t i;
	int r = ka_buf_reserve(out, k->size + 128);

	if (before == k->nlines && before > 0) {
		const struct ka_line *last = &k->lines[before - 1];

		if (last->len == 0 || last->text[last->len - 1] != '\n')
			before--;
	}
	if (r == 0)
		r = ka_cfg_add_lines(k, 0, before, out);
	if (r == 0)
		r = ka_buf_addf(out, "%s%s", KA_MARK_BEGIN, eol);
	for (i = 0; i < nbody && r == 0; i++)
		r = ka_buf_addf(out, "%s%s", body[i], eol);
	if (r == 0)
		r = ka_buf_addf(out, "%s%s", KA_MARK_END, eol);
	if (r == 0)
		r = ka_cfg_add_lines(k, before, k->nlines, out);
	return r;
}

/* Our block with body, where ka_client_place() says, or (stock) no
 * block at all. */
static int
apply(const struct ka_cfg *cfg, int has_include, const char *dropin,
    const char *dir, const char *const *body, size_t nbody,
    struct ka_buf *out, struct ka_err *e)
{
	struct ka_cfg *k;
	enum ka_client_place place;
	size_t before;
	int r;

	if ((r = kept(cfg, dropin, &k, e)) < 0)
		return r;
	if (k == NULL)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	r = ka_client_place(k, has_include, dropin, dir, &place, &before);
	if (r == 0 && place == KA_CLIENT_STOCK_INCLUDE)
		r = ka_block_copy(k, out);
	else if (r == 0)
		r = insert(k, before, cfg->eol, body, nbody, out);
	if (r == 0 && out->data == NULL)
		r = ka_buf_add(out, "", 0);
	ka_cfg_free(k);
	return r < 0 ? ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory") : 0;
}

int
ka_client_edit_include(const struct ka_cfg *cfg, const char *dropin,
    const char *dir, struct ka_buf *out, struct ka_err *e)
{
	char line[1024];
	const char *body[1];

	if (snprintf(line, sizeof(line), "Include %s", dropin) >=
	    (int)sizeof(line) || strpbrk(dropin, " \t\"'#\\") != NULL)
		return ka_err_set(e, EINVAL, NULL, 0, "'%s': not a path the "
		    "client drop-in can have", dropin);
	body[0] = line;
	return apply(cfg, 1, dropin, dir, body, 1, out, e);
}

int
ka_client_edit_inline(const struct ka_cfg *cfg,
    const struct ka_client_values *v, struct ka_buf *out, struct ka_err *e)
{
	char lines[2][64];
	const char *body[2];

	if (v->interval < 1 || v->count_max < 1 ||
	    v->count_max > KA_COUNT_MAX_MAX)
		return ka_err_set(e, EINVAL, cfg->path, 0, "an inline block "
		    "needs ServerAliveInterval 1 or more and "
		    "ServerAliveCountMax 1 to 1000 (got %ld and %ld)",
		    v->interval, v->count_max);
	snprintf(lines[0], sizeof(lines[0]), "ServerAliveInterval %ld",
	    v->interval);
	snprintf(lines[1], sizeof(lines[1]), "ServerAliveCountMax %ld",
	    v->count_max);
	body[0] = lines[0];
	body[1] = lines[1];
	return apply(cfg, 0, KA_CLIENT_DROPIN_PATH, KA_CLIENT_DROPIN_DIR,
	    body, 2, out, e);
}

int
ka_client_edit_remove(const struct ka_cfg *cfg, struct ka_buf *out,
    struct ka_err *e)
{
	struct ka_stripped s;
	int r;

	if ((r = strip(cfg, KA_CLIENT_DROPIN_PATH, &s, e)) < 0)
		return r;
	r = ka_block_copy_kept(&s, out);
	if (r == 0 && out->data == NULL)
		r = ka_buf_add(out, "", 0);
	return r < 0 ? ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory") : 0;
}

/* 1 if the Include line l reads dropin (itself or dir's *.conf). */
static int
include_reads(const struct ka_line *l, const char *dropin, const char *dir)
{
	struct ka_args a;
	size_t n = strlen(dir);
	int i, hit = 0;

	if (ka_line_args(l, &a) < 0) {
		ka_args_free(&a);
		return -ENOMEM;
	}
	for (i = 0; i < a.argc && !a.bad_quotes; i++)
		hit |= strcmp(a.argv[i], dropin) == 0 ||
		    (strncmp(a.argv[i], dir, n) == 0 &&
		    strcmp(a.argv[i] + n, "/*.conf") == 0);
	ka_args_free(&a);
	return hit;
}

/* Our first block: what it holds, and whether a line outside our blocks
 * that ends the global part or sets a ServerAlive* value comes first. */
static int
read_block(const struct ka_cfg *cfg, const struct ka_stripped *s,
    struct ka_client_state *st, struct ka_err *e)
{
	size_t i;
	int inc = 0, r;

	for (i = 0; i < s->block_begin; i++) {
		const struct ka_line *l = &cfg->lines[i];

		/* no line before the first block is ours */
		if (ka_client_scope_line(l) || ka_client_sets_value(l))
			st->misplaced = 1;
	}
	for (i = s->block_begin + 1; i < s->block_end; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (ka_line_is(l, "include"))
			inc = 1;
		else if (ka_client_sets_value(l) && (r = ka_client_line_value(
		    cfg, l, &st->inline_values, e)) < 0)
			return r;
	}
	st->line = cfg->lines[s->block_begin].lineno;
	if (inc)
		st->found = KA_CLIENT_INCLUDE_BLOCK;
	else if (st->inline_values.interval >= 0 ||
	    st->inline_values.count_max >= 0)
		st->found = KA_CLIENT_INLINE_BLOCK;
	return 0;
}

/* A global Include outside our blocks that reads the drop-in. */
static int
find_stock(const struct ka_cfg *cfg, const struct ka_stripped *s,
    const char *dropin, const char *dir, struct ka_client_state *st,
    struct ka_err *e)
{
	size_t i;
	int inside = 0, r;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (ka_stripped_ours(s, i, &inside) ||
		    l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_client_scope_line(l) || ka_client_sets_value(l))
			break;
		if (!ka_line_is(l, "include"))
			continue;
		if ((r = include_reads(l, dropin, dir)) < 0)
			return ka_err_set(e, ENOMEM, cfg->path, 0,
			    "out of memory");
		if (r > 0) {
			st->found = KA_CLIENT_STOCK;
			st->line = l->lineno;
			break;
		}
	}
	return 0;
}

int
ka_client_edit_state(const struct ka_cfg *cfg, const char *dropin,
    const char *dir, struct ka_client_state *st, struct ka_err *e)
{
	struct ka_stripped s;
	int r;

	memset(st, 0, sizeof(*st));
	st->found = KA_CLIENT_NONE;
	st->inline_values.interval = st->inline_values.count_max = -1;
	if ((r = strip(cfg, dropin, &s, e)) < 0)
		return r;
	if (s.had_block && (r = read_block(cfg, &s, st, e)) < 0)
		return r;
	if (st->found == KA_CLIENT_NONE)
		r = find_stock(cfg, &s, dropin, dir, st, e);
	return r;
}
