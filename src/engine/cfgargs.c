/* cfgargs.c - a directive's arguments, split as sshd splits them */
#include "engine/cfgfile.h"
#include "engine/cfgkw.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Where the arguments start and end: after the keyword as sshd's
 * strdelim() takes it (cfgkw.h); before the trailing " \t\r\n\f" that
 * sshd strips. */
static void
args_span(const struct ka_line *l, size_t *from, size_t *to)
{
	const char *s = l->text;
	size_t end = l->len;
	struct ka_kwspan k;

	while (end > 0 && (is_blank(s[end - 1]) || s[end - 1] == '\r' ||
	    s[end - 1] == '\n' || s[end - 1] == '\f'))
		end--;
	*from = ka_kw_find(s, end, &k) ? k.args : end;
	*to = end;
}

/* The bytes that are not simply part of an argument: blanks, quotes,
 * backslash.  One test a byte for all the others. */
static const unsigned char special[256] = {
	['\t'] = 1, [' '] = 1, ['"'] = 1, ['\''] = 1, ['\\'] = 1
};

/* One argument as OpenSSH's argv_split() reads it: quotes ' and ",
 * backslash escapes of quotes, backslash and (unquoted) space.  Writes
 * it to out when out is not NULL; returns its length. */
static size_t
split_one(const char *s, size_t *i, size_t end, char *out, int *bad)
{
	size_t j = 0;
	char quote = 0;

	for (; *i < end; (*i)++) {
		char c = s[*i];

		if (!special[(unsigned char)c]) {   /* most bytes: themselves */
			if (out != NULL)
				out[j] = c;
			j++;
			continue;
		}
		if (c == '\\' && *i + 1 < end && (s[*i + 1] == '\'' ||
		    s[*i + 1] == '"' || s[*i + 1] == '\\' ||
		    (quote == 0 && s[*i + 1] == ' ')))
			c = s[++(*i)];
		else if (quote == 0 && is_blank(c))
			break;
		else if (quote == 0 && (c == '"' || c == '\'')) {
			quote = c;
			continue;
		} else if (quote != 0 && c == quote) {
			quote = 0;
			continue;
		}
		if (out != NULL)
			out[j] = c;
		j++;
	}
	if (quote != 0)
		*bad = 1;
	return j;
}

/* Walk the arguments: count them and their bytes (store NULL), or copy
 * them into argv and the bytes after it. */
static int
walk_args(const struct ka_line *l, char **argv, char *store, size_t *bytes,
    int *bad)
{
	size_t i, end;
	int argc = 0;

	args_span(l, &i, &end);
	*bytes = 0;
	for (;;) {
		size_t n;

		while (i < end && is_blank(l->text[i]))
			i++;
		if (i >= end || l->text[i] == '#')
			break;
		n = split_one(l->text, &i, end, store ? store + *bytes : NULL, bad);
		if (argv != NULL) {
			argv[argc] = store + *bytes;
			store[*bytes + n] = '\0';
		}
		*bytes += n + 1;
		argc++;
	}
	return argc;
}

int
ka_line_args(const struct ka_line *l, struct ka_args *a)
{
	size_t bytes = 0;
	int argc = 0, bad = 0;
	char *store;

	if (l->kind == KA_LINE_DIRECTIVE)
		argc = walk_args(l, NULL, NULL, &bytes, &bad);
	a->argc = argc;
	a->bad_quotes = bad;
	a->argv = malloc(sizeof(char *) * ((size_t)argc + 1) + bytes);
	if (a->argv == NULL)
		return -ENOMEM;
	store = (char *)(a->argv + argc + 1);
	if (argc > 0)
		walk_args(l, a->argv, store, &bytes, &bad);
	a->argv[argc] = NULL;
	return 0;
}

void
ka_args_free(struct ka_args *a)
{
	free(a->argv);
	a->argv = NULL;
	a->argc = 0;
}
