/* effective.h - the keepalive values sshd will use, and where from */
#ifndef KA_EFFECTIVE_H
#define KA_EFFECTIVE_H

#include <stddef.h>

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/strpool.h"
#include "engine/value.h"
#include "engine/walk.h"

/* One line that sets a keyword.  Its strings belong to the report
 * (ka_effective_free frees them all). */
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

/* A value of kw as sshd reads it: seconds, a count, 1/0 for yes/no.
 * 0, or -EINVAL. */
int ka_effective_parse(enum ka_kw kw, const char *s, long *num);

/* Render the value as sshd -T shows it: "600", "10", "yes". */
const char *ka_effective_show(const struct ka_kw_report *k, long v,
    char *buf, size_t size);

#endif
