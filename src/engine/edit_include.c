/* edit_include.c - include mode: make sshd_config read the drop-in */
#include "engine/edit.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "engine/block.h"
#include "engine/walk.h"

#define INCLUDE_TITLE "added by ssh-keepalive so that sshd reads its drop-in"

enum reach {
	REACH_NOT_COVERED,   /* this Include does not read the drop-in */
	REACH_FIRST,         /* reads it before any other setting of ours */
	REACH_SHADOWED       /* something it reads first sets our keywords */
};

static int
abs_covers(const char *abs, const char *dropin)
{
	return fnmatch(abs, dropin, FNM_PATHNAME | FNM_PERIOD) == 0;
}

static int
arg_covers(const char *arg, const char *dropin)
{
	char *abs = ka_include_abspath(arg);
	int r = abs != NULL && abs_covers(abs, dropin);

	free(abs);
	return r;
}

static int
global_setting_cb(void *ctx, const struct ka_walk_event *ev)
{
	const struct ka_values *keys = ctx;

	return ev->match == NULL && ka_edit_sets_key(ev->line, keys);
}

/* 1 if path, or anything it includes, sets one of our keywords at
 * global scope. */
static int
file_sets_keys(const struct ka_target *t, const struct ka_files *f,
    const char *path, struct ka_err *e)
{
	struct ka_cfg *cfg;
	int r;

	/* a match sshd cannot open: the system's source says so */
	if ((r = f->load(f, path, &cfg, e)) < 0)
		return r;
	r = ka_walk_files(f, cfg, global_setting_cb, (void *)&t->keys, e);
	ka_files_release(f, cfg);
	return r;
}

/* Files in the drop-in's own glob that sort before it are read first on
 * purpose: that is how an administrator overrides it (00-*.conf). */
static int
arg_reaches(const struct ka_target *t, const struct ka_files *f,
    const char *arg, enum reach *how, struct ka_err *e)
{
	struct ka_pathlist pl;
	char *abs = ka_include_abspath(arg);
	int covers, r;
	size_t k;

	*how = REACH_NOT_COVERED;
	if (abs == NULL)
		return ka_err_set(e, ENOMEM, arg, 0, "out of memory");
	covers = abs_covers(abs, t->dropin);
	r = f->glob(f, abs, &pl, e);
	free(abs);
	if (r == 0 && covers && ka_pathlist_add_sorted(&pl, t->dropin) < 0)
		r = ka_err_set(e, ENOMEM, arg, 0, "out of memory");
	for (k = 0; r == 0 && k < pl.n; k++) {
		int cmp = strcmp(pl.paths[k], t->dropin);

		if (cmp == 0) {
			*how = REACH_FIRST;
			break;
		}
		if (covers && cmp < 0)
			continue;
		if ((r = file_sets_keys(t, f, pl.paths[k], e)) > 0) {
			*how = REACH_SHADOWED;
			r = 0;
			break;
		}
	}
	ka_pathlist_free(&pl);
	return r;
}

static int
line_reaches(const struct ka_target *t, const struct ka_files *f,
    const struct ka_line *l, enum reach *how, struct ka_err *e)
{
	struct ka_args a;
	int i, r = ka_line_args(l, &a);

	*how = REACH_NOT_COVERED;
	if (r < 0)
		r = ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	for (i = 0; r == 0 && i < a.argc && *how == REACH_NOT_COVERED; i++)
		r = arg_reaches(t, f, a.argv[i], how, e);
	ka_args_free(&a);
	return r;
}

/* 1 if the file without our blocks already reads the drop-in before
 * anything else that sets its keywords and before any Match (*lineno:
 * that Include's line). */
static int
base_qualifies(const struct ka_stripped *s, const struct ka_target *t,
    const struct ka_files *f, size_t *lineno, struct ka_err *e)
{
	const struct ka_cfg *cfg = s->cfg;
	size_t i;
	int inside = 0, r;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];
		enum reach how;

		if (ka_stripped_ours(s, i, &inside) ||
		    l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_line_is(l, "match") || ka_edit_sets_key(l, &t->keys))
			return 0;
		if (!ka_line_is(l, "include"))
			continue;
		if ((r = line_reaches(t, f, l, &how, e)) < 0)
			return r;
		*lineno = l->lineno;
		if (how != REACH_NOT_COVERED)
			return how == REACH_FIRST;
	}
	return 0;
}

/* 1 if our earlier block still stands before every directive and its
 * Include still covers the drop-in: keep it exactly as it is.  0 or
 * -ENOMEM. */
static int
block_still_good(const struct ka_cfg *cfg, const struct ka_stripped *s,
    const struct ka_target *t)
{
	const struct ka_line *inc = NULL;
	struct ka_args a = { 0, NULL, 0 };
	size_t i;
	int covers = 0;

	if (s->nblocks != 1 || !s->block_in_place)
		return 0;
	for (i = s->block_begin + 1; i < s->block_end; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (inc != NULL || !ka_line_is(l, "include"))
			return 0;
		inc = l;
	}
	if (inc == NULL)
		return 0;
	if (ka_line_args(inc, &a) < 0)
		covers = -ENOMEM;
	for (i = 0; covers == 0 && i < (size_t)a.argc; i++)
		covers = arg_covers(a.argv[i], t->dropin);
	ka_args_free(&a);
	return covers;
}

/* The directory's glob when no other drop-in is there, else the file. */
static int
include_line(const struct ka_target *t, const struct ka_files *f,
    struct ka_buf *line, struct ka_err *e)
{
	struct ka_pathlist pl;
	struct ka_buf glob = KA_BUF_INIT;
	int others, r;

	if (ka_buf_addf(&glob, "%s/*.conf", t->dropin_dir) < 0)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	r = f->glob(f, glob.data, &pl, e);
	if (r < 0) {
		ka_buf_free(&glob);
		return r;
	}
	others = pl.n > 1 || (pl.n == 1 && strcmp(pl.paths[0], t->dropin) != 0);
	if (others || !arg_covers(glob.data, t->dropin))
		r = ka_buf_addf(line, "Include %s", t->dropin);
	else
		r = ka_buf_addf(line, "Include %s", glob.data);
	ka_pathlist_free(&pl);
	ka_buf_free(&glob);
	return r < 0 ? ka_err_set(e, ENOMEM, NULL, 0, "out of memory") : 0;
}

int
ka_edit_include(const struct ka_cfg *cfg, const struct ka_target *t,
    struct ka_buf *out, struct ka_err *e)
{
	const struct ka_files *f = t->files;
	struct ka_buf line = KA_BUF_INIT;
	struct ka_stripped s;
	const char *body[1];
	size_t lineno;
	int r;

	if ((r = ka_block_strip(cfg, &s, e)) < 0)
		return r;
	if ((r = block_still_good(cfg, &s, t)) > 0) {
		r = ka_block_copy(cfg, out);
	} else if (r == 0 &&
	    (r = base_qualifies(&s, t, f, &lineno, e)) != 0) {
		if (r > 0)
			r = ka_block_copy_kept(&s, out);
	} else if (r == 0 && (r = include_line(t, f, &line, e)) == 0) {
		body[0] = line.data;
		r = ka_block_insert(&s, INCLUDE_TITLE, body, 1, out);
	}
	ka_buf_free(&line);
	ka_stripped_free(&s);
	if (r == -ENOMEM)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	return r < 0 ? r : 0;
}

int
ka_edit_include_reads(const struct ka_cfg *cfg, const struct ka_target *t,
    size_t *lineno, struct ka_err *e)
{
	struct ka_stripped s;
	int r;

	*lineno = 0;
	if ((r = ka_block_strip(cfg, &s, e)) < 0)
		return r;
	r = base_qualifies(&s, t, t->files, lineno, e);
	ka_stripped_free(&s);
	return r;
}
