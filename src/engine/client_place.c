/* client_place.c - where ssh_config must read the client drop-in */
#include "engine/client_place.h"

#include <errno.h>
#include <string.h>

int
ka_client_scope_line(const struct ka_line *l)
{
	return ka_line_is(l, "host") || ka_line_is(l, "match");
}

/* 1 if l sets one of the keywords the client drop-in sets. */
static int
sets_ours(const struct ka_line *l)
{
	return ka_line_is(l, "serveraliveinterval") ||
	    ka_line_is(l, "serveralivecountmax");
}

/* 1 if the argument a is dropin, or dir and then the glob of every .conf. */
static int
names_dropin(const char *a, const char *dropin, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(a, dropin) == 0)
		return 1;
	return strncmp(a, dir, n) == 0 && strcmp(a + n, "/*.conf") == 0;
}

/* 1 if the Include line l reads the drop-in, 0 if not; -ENOMEM. */
static int
include_reads(const struct ka_line *l, const char *dropin, const char *dir)
{
	struct ka_args a;
	int i, hit = 0;

	if (ka_line_args(l, &a) < 0) {
		ka_args_free(&a);
		return -ENOMEM;
	}
	for (i = 0; i < a.argc && !a.bad_quotes; i++)
		hit |= names_dropin(a.argv[i], dropin, dir);
	ka_args_free(&a);
	return hit;
}

int
ka_client_place(const struct ka_cfg *cfg, int has_include, const char *dropin,
    const char *dir, enum ka_client_place *place, size_t *before)
{
	size_t i, first_include = cfg->nlines;
	int found = 0, r;

	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_client_scope_line(l) || sets_ours(l))
			break;
		if (ka_line_is(l, "include") && first_include == cfg->nlines)
			first_include = i;
		if (!has_include || found || !ka_line_is(l, "include"))
			continue;
		if ((r = include_reads(l, dropin, dir)) < 0)
			return r;
		found = r;
	}
	/* what we add goes before any Include too: a file it reads could
	 * set the values first */
	*before = found || first_include > i ? i : first_include;
	if (!has_include)
		*place = KA_CLIENT_ADD_BLOCK;
	else
		*place = found ? KA_CLIENT_STOCK_INCLUDE : KA_CLIENT_ADD_INCLUDE;
	return 0;
}
