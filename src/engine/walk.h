/* walk.h - visit every directive sshd reads, following Include */
#ifndef KA_WALK_H
#define KA_WALK_H

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/files.h"

#define KA_INCLUDE_MAX_DEPTH 16   /* sshd's SERVCONF_MAX_DEPTH */
#define KA_SSHDIR "/etc/ssh"      /* relative Include paths start here */

struct ka_walk_event {
	const struct ka_cfg *cfg;     /* the file the directive is in */
	const struct ka_line *line;   /* the directive */
	const struct ka_line *match;  /* the Match line in force, or NULL */
	const struct ka_cfg *match_cfg;
	int depth;                    /* 0: the main file */
};

/* Return 0 to go on, 1 to stop the walk (which returns 1), < 0 error. */
typedef int (*ka_walk_fn)(void *ctx, const struct ka_walk_event *ev);

/* Visit the directives of cfg in sshd's order, descending into the
 * files each Include names (globs expanded by f, in byte order) after
 * calling fn for the Include line itself.  A glob that matches nothing
 * is skipped as sshd does; a match f cannot load is an error (the
 * system's source, files_sys.h, loads as sshd does); nesting past
 * KA_INCLUDE_MAX_DEPTH is an error, as in sshd. */
int ka_walk_files(const struct ka_files *f, const struct ka_cfg *cfg,
    ka_walk_fn fn, void *ctx, struct ka_err *e);

/* A file that is not written yet: the walk reads cfg wherever sshd
 * would read path (an Include glob covers it even before it exists). */
struct ka_walk_overlay {
	const char *path;
	const struct ka_cfg *cfg;
};

/* ka_walk_files(), reading the overlay (which may be NULL) from memory
 * and everything else from base. */
int ka_walk_overlay(const struct ka_files *base, const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, ka_walk_fn fn, void *ctx,
    struct ka_err *e);

/* The absolute form of an Include argument (relative to /etc/ssh). */
char *ka_include_abspath(const char *arg);

#endif
