/* edit_keep.c - remove, keeping an Include that others now rely on */
#include "engine/edit_keep.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/block.h"
#include "engine/edit.h"
#include "engine/pathlist.h"
#include "engine/walk.h"

/* The first file other than dropin that arg reads, into *other. */
static int
arg_other(const struct ka_files *f, const char *arg, const char *dropin,
    char **other, struct ka_err *e)
{
	struct ka_pathlist pl;
	char *abs = ka_include_abspath(arg);
	size_t i;
	int r;

	if (abs == NULL)
		return ka_err_set(e, ENOMEM, arg, 0, "out of memory");
	r = f->glob(f, abs, &pl, e);
	free(abs);
	if (r < 0)
		return r;
	for (i = 0; i < pl.n && *other == NULL; i++)
		if (strcmp(pl.paths[i], dropin) != 0 &&
		    (*other = strdup(pl.paths[i])) == NULL)
			r = ka_err_set(e, ENOMEM, arg, 0, "out of memory");
	ka_pathlist_free(&pl);
	return r;
}

/* *other: the first file other than dropin that the Include l reads. */
static int
include_other(const struct ka_files *f, const struct ka_line *l,
    const char *dropin, char **other, struct ka_err *e)
{
	struct ka_args a;
	int i, r = ka_line_args(l, &a);

	*other = NULL;
	if (r < 0)
		r = ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	for (i = 0; r == 0 && i < a.argc && *other == NULL; i++)
		r = arg_other(f, a.argv[i], dropin, other, e);
	ka_args_free(&a);
	return r;
}

/* Line i is kept: not ours, or an Include of ours that others need;
 * out_lineno: its line number in the output if kept. */
static int
keep_line(const struct ka_stripped *s, const struct ka_files *f,
    const char *dropin, size_t i, size_t out_lineno, int *inside,
    struct ka_kept *k, struct ka_err *e)
{
	const struct ka_line *l = &s->cfg->lines[i];
	char *other = NULL;
	int r;

	if (!ka_stripped_ours(s, i, inside))
		return 1;
	if (!ka_line_is(l, "include"))
		return 0;
	r = include_other(f, l, dropin, &other, e);
	if (r < 0 || other == NULL) {
		free(other);
		return r;
	}
	if (k->reads == NULL) {
		k->lineno = out_lineno;
		k->reads = other;
	} else
		free(other);
	return 1;
}

int
ka_edit_remove_keep(const struct ka_cfg *cfg, const struct ka_files *f,
    const char *dropin, struct ka_buf *out, struct ka_kept *k,
    struct ka_err *e)
{
	struct ka_stripped s;
	int inside = 0, r = 0;
	size_t i, emitted = 0;

	memset(k, 0, sizeof(*k));
	if ((r = ka_block_strip(cfg, &s, e)) < 0)
		return r;
	if (out != NULL && ka_buf_reserve(out, cfg->size) < 0)
		r = ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	for (i = 0; r >= 0 && i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if ((r = keep_line(&s, f, dropin, i, emitted + 1, &inside, k,
		    e)) <= 0)
			continue;
		if (out != NULL && ka_buf_add(out, l->text, l->len) < 0)
			r = ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
		emitted++;
	}
	ka_stripped_free(&s);
	if (r < 0)
		ka_kept_free(k);
	return r < 0 ? r : 0;
}

void
ka_kept_free(struct ka_kept *k)
{
	free(k->reads);
	k->reads = NULL;
	k->lineno = 0;
}
