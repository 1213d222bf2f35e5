/* edit.h - the three edits ssh-keepalive makes to sshd_config
 *
 * Each builds a candidate in out from cfg and never touches a file.
 * Every line that is not ours is kept byte for byte; our lines always
 * go before the first directive of the file (so never inside a Match
 * block and never after another setting), or stay where an earlier run
 * put them when that is still such a place.  Applying twice gives the
 * same bytes as once; remove after apply gives back the input. */
#ifndef KA_EDIT_H
#define KA_EDIT_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/files.h"
#include "engine/value.h"

/* Where the drop-in is, and what it sets. */
struct ka_target {
	const struct ka_files *files;  /* what Include globs and files read */
	const char *dropin;      /* absolute: /etc/ssh/sshd_config.d/01-keepalive.conf */
	const char *dropin_dir;  /* absolute: /etc/ssh/sshd_config.d */
	struct ka_values keys;   /* the keywords the drop-in sets */
};

/* How a candidate came about, for messages and --status. */
enum ka_edit_result {
	KA_EDIT_UNCHANGED = 0,   /* out equals the input */
	KA_EDIT_CHANGED = 1
};

/* Take out what ka_edit_include() or ka_edit_inline() added. */
int ka_edit_remove(const struct ka_cfg *cfg, struct ka_buf *out,
    struct ka_err *e);

/* Inline mode: a marked block setting v. */
int ka_edit_inline(const struct ka_cfg *cfg, const struct ka_values *v,
    struct ka_buf *out, struct ka_err *e);

/* Include mode: make sure an Include covers the drop-in before any other
 * setting of its keywords and before any Match; reuse a qualifying
 * Include, else add a marked one naming the directory (no other drop-in
 * there) or the drop-in alone. */
int ka_edit_include(const struct ka_cfg *cfg, const struct ka_target *t,
    struct ka_buf *out, struct ka_err *e);

/* 1 if an Include of cfg (a file without our block) already reads the
 * drop-in as ka_edit_include() requires; *lineno is that Include's. */
int ka_edit_include_reads(const struct ka_cfg *cfg, const struct ka_target *t,
    size_t *lineno, struct ka_err *e);

/* The keyword names ssh-keepalive manages, lower case, as sshd -T. */
#define KA_KW_INTERVAL "clientaliveinterval"
#define KA_KW_COUNT "clientalivecountmax"
#define KA_KW_TCP "tcpkeepalive"

/* 1 if the directive l sets a keyword that v sets. */
int ka_edit_sets_key(const struct ka_line *l, const struct ka_values *v);

#endif
