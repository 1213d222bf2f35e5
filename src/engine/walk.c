/* walk.c - visit every directive sshd reads, following Include */
#include "engine/walk.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

struct walk {
	const struct ka_files *f;
	ka_walk_fn fn;
	void *ctx;
	struct ka_err *e;
};

static int walk_cfg(struct walk *w, const struct ka_cfg *cfg, int depth,
    const struct ka_line *match, const struct ka_cfg *match_cfg);

char *
ka_include_abspath(const char *arg)
{
	char *p;

	if (arg[0] == '/')
		return strdup(arg);
	if ((p = malloc(strlen(KA_SSHDIR) + strlen(arg) + 2)) == NULL)
		return NULL;
	strcpy(p, KA_SSHDIR "/");
	strcat(p, arg);
	return p;
}

static int
walk_file(struct walk *w, const char *path, int depth,
    const struct ka_line *match, const struct ka_cfg *match_cfg)
{
	struct ka_cfg *cfg;
	int r;

	/* a match sshd cannot open makes it refuse to start: the source
	 * says so (files_sys.c); a source that lost a file says -ENOENT */
	r = w->f->load(w->f, path, &cfg, w->e);
	if (r < 0)
		return r;
	r = walk_cfg(w, cfg, depth, match, match_cfg);
	ka_files_release(w->f, cfg);
	return r;
}

static int
walk_include(struct walk *w, const struct ka_cfg *cfg,
    const struct ka_line *l, int depth, const struct ka_line *match,
    const struct ka_cfg *match_cfg)
{
	struct ka_args a;
	int i, r;

	if (depth + 1 > KA_INCLUDE_MAX_DEPTH)
		return ka_err_set(w->e, ELOOP, cfg->path, l->lineno,
		    "Include nested more than %d deep", KA_INCLUDE_MAX_DEPTH);
	r = ka_line_args(l, &a);
	for (i = 0; i < a.argc && r == 0; i++) {
		struct ka_pathlist pl;
		char *abs = ka_include_abspath(a.argv[i]);
		size_t k;

		if (abs == NULL) {
			r = -ENOMEM;
			break;
		}
		r = w->f->glob(w->f, abs, &pl, w->e);
		free(abs);
		for (k = 0; r == 0 && k < pl.n; k++)
			r = walk_file(w, pl.paths[k], depth + 1, match,
			    match_cfg);
		ka_pathlist_free(&pl);
	}
	ka_args_free(&a);
	if (r == -ENOMEM)
		return ka_err_set(w->e, ENOMEM, cfg->path, l->lineno,
		    "out of memory");
	return r;
}

static int
walk_cfg(struct walk *w, const struct ka_cfg *cfg, int depth,
    const struct ka_line *match, const struct ka_cfg *match_cfg)
{
	size_t i;
	int r;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];
		struct ka_walk_event ev;

		if (l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_line_is(l, "match")) {
			match = l;
			match_cfg = cfg;
		}
		ev.cfg = cfg;
		ev.line = l;
		ev.match = match;
		ev.match_cfg = match_cfg;
		ev.depth = depth;
		if ((r = w->fn(w->ctx, &ev)) != 0)
			return r;
		if (ka_line_is(l, "include") &&
		    (r = walk_include(w, cfg, l, depth, match, match_cfg)) != 0)
			return r;
	}
	return 0;
}

int
ka_walk_files(const struct ka_files *f, const struct ka_cfg *cfg,
    ka_walk_fn fn, void *ctx, struct ka_err *e)
{
	struct walk w;

	w.f = f;
	w.fn = fn;
	w.ctx = ctx;
	w.e = e;
	return walk_cfg(&w, cfg, 0, NULL, NULL);
}

/* An overlay: the files of another source, but ov->cfg wherever sshd
 * would read ov->path (an Include glob covers it even before it is
 * written). */
struct overlay {
	const struct ka_files *base;
	const struct ka_walk_overlay *ov;
};

static int
overlay_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	const struct overlay *o = f->ctx;
	int r = o->base->glob(o->base, pattern, pl, e);

	if (r == 0 && fnmatch(pattern, o->ov->path, FNM_PATHNAME | FNM_PERIOD)
	    == 0 && ka_pathlist_add_sorted(pl, o->ov->path) < 0) {
		ka_pathlist_free(pl);
		return ka_err_set(e, ENOMEM, pattern, 0, "out of memory");
	}
	return r;
}

static int
overlay_load(const struct ka_files *f, const char *path,
    struct ka_cfg **out, struct ka_err *e)
{
	const struct overlay *o = f->ctx;

	if (strcmp(path, o->ov->path) == 0) {
		*out = (struct ka_cfg *)o->ov->cfg;   /* handed back, not freed */
		return 0;
	}
	return o->base->load(o->base, path, out, e);
}

static void
overlay_release(const struct ka_files *f, struct ka_cfg *cfg)
{
	const struct overlay *o = f->ctx;

	if (cfg != o->ov->cfg)
		ka_files_release(o->base, cfg);
}

int
ka_walk_overlay(const struct ka_files *base, const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, ka_walk_fn fn, void *ctx,
    struct ka_err *e)
{
	struct overlay o;
	struct ka_files f;

	if (ov == NULL)
		return ka_walk_files(base, cfg, fn, ctx, e);
	o.base = base;
	o.ov = ov;
	f.glob = overlay_glob;
	f.load = overlay_load;
	f.release = overlay_release;
	f.root = base->root;
	f.ctx = &o;
	return ka_walk_files(&f, cfg, fn, ctx, e);
}
