/* effective.h - the keepalive values sshd will use, and where from */
#ifndef KA_EFFECTIVE_H
#define KA_EFFECTIVE_H

#include <stddef.h>

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/strpool.h"
#include "engine/value.h"
#include "engine/walk.h"

/* One line that sets a keyword.  In a report its strings belong to the
 * report (ka_effective_free frees them all); one that
 * ka_effective_first() fills owns its own (ka_setting_free). */
struct ka_setting {
	char *file;
	size_t line;
	char *value;          /* the argument as written */
	long num;             /* seconds, count, or 1/0 for yes/no */
	int valid;            /* sshd would accept value */
	char *match;          /* criteria of the Match block it is in, or NULL */
	char *match_file;     /* where that Match line is */
	size_t match_line;
};

struct ka_kw_report {
	const char *name;        /* ClientAliveInterval ... */
	const char *key;         /* clientaliveinterval ... */
	struct ka_setting *set;  /* every setting, in the order sshd reads */
	size_t n;
	long effective;          /* the value sshd uses outside Match */
	long dflt;               /* sshd's default */
	int winner;              /* index into set, or -1 for the default */
};

struct ka_effective {
	struct ka_kw_report kw[KA_KW_N];
	struct ka_strpool strings;   /* every string of every setting */
};

/* Read cfg (and what it includes, through f) as sshd does: the first
 * global setting wins; later ones are ignored; Match-scoped ones apply
 * only to some connections. */
int ka_effective_compute(const struct ka_files *f, const struct ka_cfg *cfg,
    struct ka_effective *out, struct ka_err *e);
/* The same, with the overlay (may be NULL) read from memory. */
int ka_effective_compute_overlay(const struct ka_files *f,
    const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, struct ka_effective *out,
    struct ka_err *e);
void ka_effective_free(struct ka_effective *eff);

/* The setting of key (any keyword, lower case) that sshd keeps: the
 * first one outside Match in cfg and what it includes, through f.  1
 * with *out filled (free it with ka_setting_free; valid: one argument,
 * value holds it), 0 when no line sets key, < 0 with e set. */
int ka_effective_first(const struct ka_files *f, const struct ka_cfg *cfg,
    const char *key, struct ka_setting *out, struct ka_err *e);
void ka_setting_free(struct ka_setting *s);

/* 1 if Match criteria (the Match line's arguments joined by spaces)
 * select every connection: "all", or only User, Host, Address and
 * LocalAddress with the pattern "*" (a connection always has a user, a
 * host name or address, an address and a local address; sshd matches "*"
 * to any). */
int ka_match_every(const char *criteria);

/* The first setting of k in a Match block that applies to every
 * connection: sshd applies it after the global value and the command
 * line, so it is what every connection gets.  Its index, or -1. */
int ka_effective_every(const struct ka_kw_report *k);

/* A value of kw as sshd reads it: seconds, a count, 1/0 for yes/no.
 * 0, or -EINVAL. */
int ka_effective_parse(enum ka_kw kw, const char *s, long *num);

/* Render the value as sshd -T shows it: "600", "10", "yes". */
const char *ka_effective_show(const struct ka_kw_report *k, long v,
    char *buf, size_t size);

#endif
