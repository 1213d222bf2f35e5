/* cfgkw.c - a line's keyword, found as OpenSSH's strdelim() finds it */
#include "engine/cfgkw.h"

#include <string.h>

/* OpenSSH's WHITESPACE: " \t\r\n". */
static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t
skip_ws(const char *s, size_t i, size_t end)
{
	while (i < end && is_ws(s[i]))
		i++;
	return i;
}

/* The bytes that end a keyword's first piece: OpenSSH's WHITESPACE, '"'
 * and '='.  A table: one test a byte (the lexer reads every keyword of
 * every file; under the fuzzer each comparison is traced). */
static const unsigned char ends_piece[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, ['"'] = 1, ['='] = 1
};

/* One strdelim() token from i: its pieces in k, the next token's start
 * in k->args.  -1 for a quote that is never closed. */
static int
token(const char *s, size_t i, size_t end, struct ka_kwspan *k)
{
	size_t p = i, q;

	while (p < end && !ends_piece[(unsigned char)s[p]])
		p++;
	k->head = i;
	k->head_end = p;
	k->quoted = k->quoted_end = p;
	if (p == end) {
		k->args = end;
		return 0;
	}
	if (s[p] == '"') {
		const char *close = memchr(s + p + 1, '"', end - p - 1);

		if (close == NULL)
			return -1;
		q = (size_t)(close - s);
		k->quoted = p + 1;
		k->quoted_end = q;
		k->args = skip_ws(s, q + 1, end);
		return 0;
	}
	q = skip_ws(s, p + 1, end);
	if (s[p] != '=' && q < end && s[q] == '=')
		q = skip_ws(s, q + 1, end);
	k->args = q;
	return 0;
}

static int
is_empty(const struct ka_kwspan *k)
{
	return k->head == k->head_end && k->quoted == k->quoted_end;
}

int
ka_kw_find(const char *s, size_t end, struct ka_kwspan *k)
{
	if (token(s, 0, end, k) < 0)
		return 0;
	if (is_empty(k) && token(s, k->args, end, k) < 0)
		return 0;
	if (is_empty(k))
		return 0;
	return (k->head < k->head_end ? s[k->head] : s[k->quoted]) != '#';
}
