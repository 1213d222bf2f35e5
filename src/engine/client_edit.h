/* client_edit.h - the client side's drop-in and its edits of ssh_config
 *
 * Pure, on buffers, like edit.h for sshd_config.  Every line that is not
 * ours is kept byte for byte; what we add goes where ka_client_place()
 * says (before the first Host/Match line and before any other
 * ServerAlive* line); applying twice gives the same bytes as once;
 * remove after apply gives back the input; the input's line endings are
 * kept. */
#ifndef KA_CLIENT_EDIT_H
#define KA_CLIENT_EDIT_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/client_paths.h"
#include "engine/err.h"

/* The drop-in: d (NULL when there is none) with v's values set (-1:
 * keep d's, or the shipped one when d has none): a value replaced in
 * place, its line otherwise kept; a missing keyword added at the end;
 * for NULL the file as doc/client.md shows it.  A Host or Match line in
 * d is an error naming FILE:LINE. */
int ka_client_dropin_set(const struct ka_cfg *d,
    const struct ka_client_values *v, struct ka_buf *out, struct ka_err *e);

/* The values d sets (-1 for a keyword it does not set).  A bad value
 * (not a time / not 0..1000), a keyword twice, or a Host or Match line:
 * an error naming FILE:LINE. */
int ka_client_dropin_values(const struct ka_cfg *d,
    struct ka_client_values *v, struct ka_err *e);

/* Include mode: make ssh_config read dropin (in dir) first: nothing
 * when a global Include already reads it (ka_client_place), else a
 * marked block `Include DROPIN`.  An inline block of ours is replaced. */
int ka_client_edit_include(const struct ka_cfg *cfg, const char *dropin,
    const char *dir, struct ka_buf *out, struct ka_err *e);

/* Inline mode: a marked block setting v (both set).  An Include block of
 * ours is replaced. */
int ka_client_edit_inline(const struct ka_cfg *cfg,
    const struct ka_client_values *v, struct ka_buf *out,
    struct ka_err *e);

/* Take our block out (nothing to do: out equals the input). */
int ka_client_edit_remove(const struct ka_cfg *cfg, struct ka_buf *out,
    struct ka_err *e);

/* What ssh_config holds of ours, for reports. */
enum ka_client_found {
	KA_CLIENT_NONE,          /* no block, and no Include that reads it */
	KA_CLIENT_STOCK,         /* a global Include of its own reads it */
	KA_CLIENT_INCLUDE_BLOCK, /* our block with the Include */
	KA_CLIENT_INLINE_BLOCK   /* our block with the values */
};

struct ka_client_state {
	enum ka_client_found found;
	size_t line;             /* that Include's or block's BEGIN line */
	struct ka_client_values inline_values;   /* an inline block's */
	int misplaced;           /* it is after a Host/Match line or after
	                          * another ServerAlive* line */
};

int ka_client_edit_state(const struct ka_cfg *cfg, const char *dropin,
    const char *dir, struct ka_client_state *st, struct ka_err *e);

/* 1 if l sets ServerAliveInterval or ServerAliveCountMax. */
int ka_client_sets_value(const struct ka_line *l);

/* Read the ServerAlive* line l of cfg into v as ssh reads it (a time
 * such as 5m; a count 0..1000): a bad value, or a keyword v already
 * holds, is an error naming FILE:LINE. */
int ka_client_line_value(const struct ka_cfg *cfg, const struct ka_line *l,
    struct ka_client_values *v, struct ka_err *e);

#endif
