/* block_foreign.c - refuse a block of ours that holds a line not ours */
#include "engine/block.h"

#include <errno.h>
#include <string.h>

#include "engine/dropin.h"

/* Our Include names the drop-in or its directory's glob, nothing else:
 * 1 yes, 0 no, -ENOMEM. */
static int
our_include(const struct ka_line *l)
{
	struct ka_args a;
	int i, r;

	if (!ka_line_is(l, "include"))
		return 0;
	if ((r = ka_line_args(l, &a)) == 0)
		r = a.argc > 0;
	for (i = 0; r > 0 && i < a.argc; i++)
		if (strcmp(a.argv[i], KA_DROPIN_PATH) != 0 &&
		    strcmp(a.argv[i], KA_DROPIN_DIR "/*.conf") != 0)
			r = 0;
	ka_args_free(&a);
	return r;
}

/* 1 for a line ssh-keepalive writes in its block, 0 not, -ENOMEM. */
static int
ours(const struct ka_line *l)
{
	if (l->kind == KA_LINE_BLANK ||
	    ka_line_is(l, "clientaliveinterval") ||
	    ka_line_is(l, "clientalivecountmax") ||
	    ka_line_is(l, "tcpkeepalive"))
		return 1;
	return our_include(l);
}

static int
refuse(const struct ka_cfg *cfg, const struct ka_line *l, struct ka_err *e)
{
	size_t len = l->len;

	while (len > 0 && strchr(" \t\r\n", l->text[len - 1]) != NULL)
		len--;
	if (ka_line_is(l, "include"))
		return ka_err_set(e, EINVAL, cfg->path, (size_t)l->lineno,
		    "'%.*s' inside ssh-keepalive's managed block is not an "
		    "Include ssh-keepalive writes (of " KA_DROPIN_DIR "/*.conf "
		    "or " KA_DROPIN_PATH "): correct it, or move it out of the "
		    "block", (int)len, l->text);
	return ka_err_set(e, EINVAL, cfg->path, (size_t)l->lineno, "'%.*s' is inside "
	    "ssh-keepalive's managed block; move it out of the block",
	    (int)len, l->text);
}

int
ka_block_check_foreign(const struct ka_cfg *cfg, struct ka_err *e)
{
	const struct ka_line *foreign = NULL;
	size_t i;
	int open = 0;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		int mark = ka_block_marker(l), mine;

		if (mark > 0) {
			if (open)
				return 0;   /* unbalanced: ka_block_strip says so */
			open = 1;
			foreign = NULL;
		} else if (mark < 0) {
			if (open && foreign != NULL)
				return refuse(cfg, foreign, e);
			open = 0;
		} else if (open && foreign == NULL) {
			if ((mine = ours(l)) < 0)
				return ka_err_set(e, ENOMEM, cfg->path, 0,
				    "out of memory");
			if (!mine)
				foreign = l;
		}
	}
	return 0;
}
