/* inuse.h - the value sshd uses for every connection, and where from
 *
 * The one decision that the exit-5 verdict (shadow), the report
 * (status) and its keepalive figures (alive) share.  sshd keeps the
 * first value of a keyword: a -o on its command line (the last OPTIONS=
 * line of /etc/sysconfig/sshd) comes before every file; then the first
 * global line.  A Match block that applies to every connection ("Match
 * all", User, Host, Address, LocalAddress "*") is applied after all of
 * those, so its first value is what every connection gets.  A Match on
 * other criteria concerns only some connections: it decides nothing
 * here. */
#ifndef KA_INUSE_H
#define KA_INUSE_H

#include <stddef.h>

#include "engine/effective.h"
#include "engine/value.h"

enum ka_inuse_kind {
	KA_INUSE_DEFAULT,       /* nothing sets it: sshd's default */
	KA_INUSE_FILE,          /* the first global line */
	KA_INUSE_OPTIONS,       /* -o in OPTIONS of /etc/sysconfig/sshd */
	KA_INUSE_MATCH          /* a Match block for every connection */
};

struct ka_inuse {
	enum ka_inuse_kind kind;
	int set;                /* FILE, MATCH: index into the report's set */
	char written[128];      /* as written there; sshd -T's form of a
	                         * default */
	long num;               /* seconds, a count, 1/0 for yes/no */
	int valid;              /* sshd accepts written */
	size_t opt_line;        /* OPTIONS: its line in /etc/sysconfig/sshd */
};

/* What sshd uses for kw, whose settings in the files k holds, on the
 * system under root (NULL for /). */
void ka_inuse_find(const char *root, const struct ka_kw_report *k,
    enum ka_kw kw, struct ka_inuse *u);

/* The setting in use (FILE, MATCH), or NULL. */
const struct ka_setting *ka_inuse_setting(const struct ka_kw_report *k,
    const struct ka_inuse *u);

/* The criteria of s's Match line as the messages show them ("all" in
 * whatever case it was written). */
const char *ka_inuse_criteria(const struct ka_setting *s);

#endif
