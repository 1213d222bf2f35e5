/* modefile.h - the mode that lasts: MODE in /etc/sysconfig/ssh-keepalive
 *
 * A commented KEY=value file an administrator can read and edit (and a
 * shell can source).  MODE is auto, include or inline; other keys are
 * left alone, for settings a later version may keep there.  Every run
 * reads it; ssh-keepalive-tune --mode writes it; keepalive-helper's
 * --mode is a one-off override that is never recorded. */
#ifndef KA_MODEFILE_H
#define KA_MODEFILE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "mode.h"

#define KA_PATH_MODEFILE "/etc/sysconfig/ssh-keepalive"

/* What the file says. */
struct ka_modefile {
	int present;          /* the file exists */
	enum ka_mode mode;    /* MODE's value; auto when unset or bad */
	size_t line;          /* MODE's line, 0 when there is none */
	int bad_value;        /* lenient parse: MODE's value is not a mode */
};

/* Parse the file's bytes.  Lines are blank, comments (#) or KEY=value;
 * MODE at most once, its value auto, include or inline, optionally
 * quoted.  Anything else is an error naming KA_PATH_MODEFILE:LINE.  With
 * lenient, a bad MODE value is only noted (for a writer replacing it). */
int ka_modefile_parse(const char *data, size_t len, int lenient,
    struct ka_modefile *m, struct ka_err *e);

/* Read root's file; a missing file is present = 0, mode auto. */
int ka_modefile_read(const char *root, struct ka_modefile *m,
    struct ka_err *e);

/* The file with MODE=mode: the old bytes (data, len; NULL for a missing
 * file) with MODE's line replaced, or MODE added at the end; for a
 * missing file, the file as the package ships it. */
int ka_modefile_render(const char *data, size_t len,
    const struct ka_modefile *m, enum ka_mode mode, struct ka_buf *out);

/* Where the mode of a run comes from. */
enum ka_mode_from {
	KA_MODE_FROM_DEFAULT,  /* no file, or no MODE in it: decided */
	KA_MODE_FROM_OPTION,   /* --mode on the command line */
	KA_MODE_FROM_FILE      /* MODE in KA_PATH_MODEFILE */
};

struct ka_mode_origin {
	enum ka_mode_from from;
	enum ka_mode setting;  /* what that source asks for; auto: decided */
	size_t line;           /* MODE's line, for KA_MODE_FROM_FILE */
	char detected[512];    /* with setting auto: how it was decided */
};

/* The mode of this run: --mode when given, else MODE in the file, else
 * decided as ka_mode_decide() does; c->why says which.  origin may be
 * NULL.  A bad file is an error naming its line. */
int ka_mode_resolve(const char *root, enum ka_mode requested, int given,
    struct ka_mode_choice *c, struct ka_mode_origin *origin,
    struct ka_err *e);

const char *ka_mode_from_name(enum ka_mode_from f);

#endif
