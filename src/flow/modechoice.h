/* modechoice.h - the mode of a run, and where it comes from: --mode,
 * else MODE in /etc/sysconfig/ssh-keepalive, else decided from the
 * installed sshd (mode.h) */
#ifndef KA_MODECHOICE_H
#define KA_MODECHOICE_H

#include <stddef.h>

#include "engine/err.h"
#include "engine/modefile.h"
#include "sys/mode.h"

/* Read root's file; a missing file is present = 0, mode auto. */
int ka_modefile_read(const char *root, struct ka_modefile *m,
    struct ka_err *e);
/* The same; with lenient, a bad MODE value is only noted. */
int ka_modefile_load(const char *root, int lenient, struct ka_modefile *m,
    struct ka_err *e);

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
