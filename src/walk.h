/* walk.h - visit every directive sshd reads, following Include */
#ifndef KA_WALK_H
#define KA_WALK_H

#include "cfgfile.h"
#include "err.h"

#define KA_INCLUDE_MAX_DEPTH 16   /* sshd's SERVCONF_MAX_DEPTH */
#define KA_SSHDIR "/etc/ssh"      /* relative Include paths start here */

struct ka_walk_event {
	const struct ka_cfg *cfg;     /* the file the directive is in */
	const struct ka_line *line;   /* the directive */
	const struct ka_line *match;  /* the Match line in force, or NULL */
	const struct ka_cfg *match_cfg;
	int depth;                    /* 0: the main file */
};

/* Return 0 to go on, 1 to stop the walk (ka_walk returns 1), < 0 error. */
typedef int (*ka_walk_fn)(void *ctx, const struct ka_walk_event *ev);

/* Visit the directives of cfg in sshd's order, descending into included
 * files (globs expanded under root, in byte order) after calling fn for
 * the Include line itself.  A glob that matches nothing is skipped as
 * sshd does; matches are loaded with ka_walk_load(); nesting past
 * KA_INCLUDE_MAX_DEPTH is an error, as in sshd. */
int ka_walk(const char *root, const struct ka_cfg *cfg, ka_walk_fn fn,
    void *ctx, struct ka_err *e);

/* A file that is not written yet: the walk reads cfg wherever sshd
 * would read path (an Include glob covers it even before it exists). */
struct ka_walk_overlay {
	const char *path;
	const struct ka_cfg *cfg;
};

/* ka_walk(), reading the overlay (which may be NULL) from memory. */
int ka_walk_overlay(const char *root, const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, ka_walk_fn fn, void *ctx,
    struct ka_err *e);

/* Load a file an Include matched, as sshd's load_server_config() does
 * (8.2p1 to 9.x): a directory reads as empty, and sshd accepts it; a
 * file sshd cannot open (a dangling link, a link loop) makes sshd exit
 * at start: an error that names the file and gives sshd's words. */
int ka_walk_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e);

/* The absolute form of an Include argument (relative to /etc/ssh). */
char *ka_include_abspath(const char *arg);

#endif
