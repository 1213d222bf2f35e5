/* block_foreign.c - refuse a block of ours that holds a line not ours */
#include "block.h"

#include <errno.h>
#include <string.h>

#include "dropin.h"

static int
is_mark(const struct ka_line *l, const char *mark)
{
	size_t n = strlen(mark);

	return l->kind == KA_LINE_COMMENT && l->len >= n &&
	    memcmp(l->text, mark, n) == 0;
}

/* Our Include names the drop-in or its directory's glob, nothing else. */
static int
our_include(const struct ka_line *l)
{
	int i;

	if (!ka_line_is(l, "include") || l->argc == 0)
		return 0;
	for (i = 0; i < l->argc; i++)
		if (strcmp(l->argv[i], KA_DROPIN_PATH) != 0 &&
		    strcmp(l->argv[i], KA_DROPIN_DIR "/*.conf") != 0)
			return 0;
	return 1;
}

static int
ours(const struct ka_line *l)
{
	return l->kind == KA_LINE_BLANK ||
	    ka_line_is(l, "clientaliveinterval") ||
	    ka_line_is(l, "clientalivecountmax") ||
	    ka_line_is(l, "tcpkeepalive") || our_include(l);
}

static int
refuse(const struct ka_cfg *cfg, const struct ka_line *l, struct ka_err *e)
{
	size_t len = l->len;

	while (len > 0 && strchr(" \t\r\n", l->text[len - 1]) != NULL)
		len--;
	return ka_err_set(e, EINVAL, cfg->path, l->lineno, "'%.*s' is inside "
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

		if (is_mark(l, KA_MARK_BEGIN)) {
			if (open)
				return 0;   /* unbalanced: ka_block_strip says so */
			open = 1;
			foreign = NULL;
		} else if (is_mark(l, KA_MARK_END)) {
			if (open && foreign != NULL)
				return refuse(cfg, foreign, e);
			open = 0;
		} else if (open && foreign == NULL && !ours(l)) {
			foreign = l;
		}
	}
	return 0;
}
