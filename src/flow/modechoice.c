/* modechoice.c - the mode of a run: --mode, MODE in the file, or auto */
#include "flow/modechoice.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/buf.h"
#include "sys/fsutil.h"

int
ka_modefile_read(const char *root, struct ka_modefile *m, struct ka_err *e)
{
	return ka_modefile_load(root, 0, m, e);
}

int
ka_modefile_load(const char *root, int lenient, struct ka_modefile *m,
    struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	int r;

	ka_modefile_init(m);
	r = ka_fs_read_file(root, KA_PATH_MODEFILE, &b, e);
	if (r == -ENOENT) {
		ka_err_clear(e);
		return 0;
	}
	if (r == 0)
		r = ka_modefile_parse(b.data, b.len, lenient, m, e);
	ka_buf_free(&b);
	return r;
}

const char *
ka_mode_from_name(enum ka_mode_from f)
{
	return f == KA_MODE_FROM_OPTION ? "option" :
	    f == KA_MODE_FROM_FILE ? "file" : "default";
}

/* why for the file's MODE: "FILE:LINE: MODE=inline", and for MODE=auto
 * how it was decided. */
static void
file_why(const struct ka_modefile *f, const char *detected,
    struct ka_mode_choice *c)
{
	if (f->mode != KA_MODE_AUTO)
		snprintf(c->why, sizeof(c->why), "%s:%zu: MODE=%s",
		    KA_PATH_MODEFILE, f->line, ka_mode_name(f->mode));
	else
		snprintf(c->why, sizeof(c->why), "%s:%zu: MODE=auto: %.500s",
		    KA_PATH_MODEFILE, f->line, detected);
}

int
ka_mode_resolve(const char *root, enum ka_mode requested, int given,
    struct ka_mode_choice *c, struct ka_mode_origin *origin,
    struct ka_err *e)
{
	struct ka_mode_origin o;
	struct ka_modefile f;
	char detected[512];
	int r;

	memset(&o, 0, sizeof(o));
	memset(&f, 0, sizeof(f));
	if (given || requested != KA_MODE_AUTO) {
		o.from = KA_MODE_FROM_OPTION;
		o.setting = requested;
	} else if ((r = ka_modefile_read(root, &f, e)) < 0) {
		return r;
	} else {
		o.from = f.line > 0 ? KA_MODE_FROM_FILE : KA_MODE_FROM_DEFAULT;
		o.setting = f.mode;
		o.line = f.line;
	}
	if ((r = ka_mode_decide(root, o.setting, c, e)) < 0)
		return r;
	if (o.setting == KA_MODE_AUTO)
		snprintf(o.detected, sizeof(o.detected), "%.500s", c->why);
	snprintf(detected, sizeof(detected), "%s", o.detected);
	if (o.from == KA_MODE_FROM_FILE)
		file_why(&f, detected, c);
	else if (o.from == KA_MODE_FROM_OPTION && o.setting == KA_MODE_AUTO)
		snprintf(c->why, sizeof(c->why), "--mode auto: %.500s", detected);
	if (origin != NULL)
		*origin = o;
	return 0;
}
