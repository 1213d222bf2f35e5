/* walk.c - visit every directive sshd reads, following Include */
#include "walk.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"
#include "rootfs.h"

struct walk {
	const char *root;
	ka_walk_fn fn;
	void *ctx;
	struct ka_err *e;
	const struct ka_walk_overlay *ov;
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

/* The errors sshd's fopen() of an included file can meet. */
static int
open_error(int r)
{
	return r == -ENOENT || r == -ELOOP || r == -ENOTDIR ||
	    r == -ENAMETOOLONG || r == -ENXIO;
}

int
ka_walk_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	struct stat st;
	int r = ka_cfg_load(root, path, out, e);

	if (r == -EISDIR)
		return ka_cfg_parse(path, "", 0, out, e);
	if (!open_error(r))
		return r;
	return ka_err_set(e, -r, path, 0, "%s: sshd refuses to start "
	    "(\"%s: %s\")", r == -ENOENT && ka_root_stat(root, path,
	    KA_RP_NOFOLLOW, &st, NULL) == 0 && S_ISLNK(st.st_mode) ?
	    "a dangling symbolic link" : "cannot be opened", path,
	    strerror(-r));
}

static int
walk_file(struct walk *w, const char *path, int depth,
    const struct ka_line *match, const struct ka_cfg *match_cfg)
{
	struct ka_cfg *cfg;
	int r;

	if (w->ov != NULL && strcmp(path, w->ov->path) == 0)
		return walk_cfg(w, w->ov->cfg, depth, match, match_cfg);
	if ((r = ka_walk_load(w->root, path, &cfg, w->e)) < 0)
		return r;
	r = walk_cfg(w, cfg, depth, match, match_cfg);
	ka_cfg_free(cfg);
	return r;
}

static int
walk_include(struct walk *w, const struct ka_cfg *cfg,
    const struct ka_line *l, int depth, const struct ka_line *match,
    const struct ka_cfg *match_cfg)
{
	int i, r = 0;

	if (depth + 1 > KA_INCLUDE_MAX_DEPTH)
		return ka_err_set(w->e, ELOOP, cfg->path, l->lineno,
		    "Include nested more than %d deep", KA_INCLUDE_MAX_DEPTH);
	for (i = 0; i < l->argc && r == 0; i++) {
		struct ka_pathlist pl;
		char *abs = ka_include_abspath(l->argv[i]);
		size_t k;

		if (abs == NULL)
			return ka_err_set(w->e, ENOMEM, cfg->path, l->lineno,
			    "out of memory");
		r = ka_fs_glob(w->root, abs, &pl, w->e);
		if (r == 0 && w->ov != NULL &&
		    fnmatch(abs, w->ov->path, FNM_PATHNAME | FNM_PERIOD) == 0 &&
		    ka_pathlist_add_sorted(&pl, w->ov->path) < 0)
			r = ka_err_set(w->e, ENOMEM, cfg->path, l->lineno,
			    "out of memory");
		free(abs);
		for (k = 0; r == 0 && k < pl.n; k++)
			r = walk_file(w, pl.paths[k], depth + 1, match,
			    match_cfg);
		ka_pathlist_free(&pl);
	}
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
ka_walk(const char *root, const struct ka_cfg *cfg, ka_walk_fn fn,
    void *ctx, struct ka_err *e)
{
	return ka_walk_overlay(root, cfg, NULL, fn, ctx, e);
}

int
ka_walk_overlay(const char *root, const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, ka_walk_fn fn, void *ctx,
    struct ka_err *e)
{
	struct walk w;

	w.root = root;
	w.fn = fn;
	w.ctx = ctx;
	w.e = e;
	w.ov = ov;
	return walk_cfg(&w, cfg, 0, NULL, NULL);
}
