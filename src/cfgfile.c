/* cfgfile.c - split sshd_config into lines and tokens as sshd does */
#include "cfgfile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* sshd strips trailing " \t\r\n\f" before it parses a line. */
static size_t
content_end(const char *s, size_t len)
{
	while (len > 0 && strchr(" \t\r\n\f", s[len - 1]) != NULL)
		len--;
	return len;
}

static void
free_argv(char **argv, int argc)
{
	int i;

	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

/* One argument as OpenSSH's argv_split() reads it: quotes ' and ",
 * backslash escapes of quotes, backslash and (unquoted) space. */
static int
split_one(const char *s, size_t *i, size_t end, char **out, int *bad)
{
	char *arg = malloc(end - *i + 1);
	size_t j = 0;
	char quote = 0;

	if (arg == NULL)
		return -ENOMEM;
	for (; *i < end; (*i)++) {
		char c = s[*i];

		if (c == '\\' && *i + 1 < end && (s[*i + 1] == '\'' ||
		    s[*i + 1] == '"' || s[*i + 1] == '\\' ||
		    (quote == 0 && s[*i + 1] == ' ')))
			arg[j++] = s[++(*i)];
		else if (quote == 0 && is_blank(c))
			break;
		else if (quote == 0 && (c == '"' || c == '\''))
			quote = c;
		else if (quote != 0 && c == quote)
			quote = 0;
		else
			arg[j++] = c;
	}
	arg[j] = '\0';
	if (quote != 0)
		*bad = 1;
	*out = arg;
	return 0;
}

/* Arguments after the keyword; a '#' starting an argument ends them. */
static int
split_args(struct ka_line *l, const char *s, size_t i, size_t end)
{
	char **argv = NULL;
	int argc = 0;

	for (;;) {
		char **nv;
		int r;

		while (i < end && is_blank(s[i]))
			i++;
		if (i >= end || s[i] == '#')
			break;
		nv = realloc(argv, sizeof(*argv) * ((size_t)argc + 2));
		if (nv == NULL) {
			free_argv(argv, argc);
			return -ENOMEM;
		}
		argv = nv;
		if ((r = split_one(s, &i, end, &argv[argc], &l->bad_quotes)) < 0) {
			free_argv(argv, argc);
			return r;
		}
		argv[++argc] = NULL;
	}
	l->argc = argc;
	l->argv = argv;
	return 0;
}

/* Keyword: up to white space or '='; then white space, at most one '='
 * and white space again (OpenSSH's strdelim()). */
static int
lex_line(struct ka_line *l)
{
	const char *s = l->text;
	size_t end = content_end(s, l->len), i = 0, k;

	while (i < end && (is_blank(s[i]) || s[i] == '\r'))
		i++;
	if (i >= end) {
		l->kind = KA_LINE_BLANK;
		return 0;
	}
	if (s[i] == '#') {
		l->kind = KA_LINE_COMMENT;
		return 0;
	}
	l->kind = KA_LINE_DIRECTIVE;
	for (k = i; k < end && !is_blank(s[k]) && s[k] != '='; k++)
		;
	if ((l->keyword = malloc(k - i + 1)) == NULL)
		return -ENOMEM;
	for (size_t n = 0; n < k - i; n++)
		l->keyword[n] = (char)tolower((unsigned char)s[i + n]);
	l->keyword[k - i] = '\0';
	while (k < end && is_blank(s[k]))
		k++;
	if (k < end && s[k] == '=')
		k++;
	return split_args(l, s, k, end);
}

static int
count_lines(const char *data, size_t size, size_t *n)
{
	size_t i, count = 0;

	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			count++;
	if (size > 0 && data[size - 1] != '\n')
		count++;
	*n = count;
	return 0;
}

static void
mark_match_scope(struct ka_cfg *cfg)
{
	int in_match = 0;
	size_t i;

	for (i = 0; i < cfg->nlines; i++) {
		struct ka_line *l = &cfg->lines[i];

		if (ka_line_is(l, "match"))
			in_match = 1;
		l->in_match = in_match;
	}
}

static int
check_no_nul(const char *path, const char *data, size_t size,
    struct ka_err *e)
{
	const char *nul = memchr(data, '\0', size);
	size_t line = 1;

	if (nul == NULL)
		return 0;
	for (const char *p = data; p < nul; p++)
		if (*p == '\n')
			line++;
	return ka_err_set(e, EINVAL, path, line,
	    "contains a NUL byte, which sshd would misread; refusing to edit");
}

static int
split_lines(struct ka_cfg *cfg, struct ka_err *e)
{
	size_t i = 0, n = 0;

	count_lines(cfg->data, cfg->size, &cfg->nlines);
	cfg->lines = calloc(cfg->nlines ? cfg->nlines : 1, sizeof(*cfg->lines));
	if (cfg->lines == NULL)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	while (i < cfg->size) {
		const char *nl = memchr(cfg->data + i, '\n', cfg->size - i);
		size_t len = nl ? (size_t)(nl - (cfg->data + i)) + 1 :
		    cfg->size - i;
		struct ka_line *l = &cfg->lines[n];
		int r;

		l->text = cfg->data + i;
		l->len = len;
		l->lineno = ++n;
		if ((r = lex_line(l)) < 0)
			return ka_err_set(e, -r, cfg->path, n, "out of memory");
		i += len;
	}
	return 0;
}

static const char *
detect_eol(const struct ka_cfg *cfg)
{
	if (cfg->nlines > 0) {
		const struct ka_line *l = &cfg->lines[0];

		if (l->len >= 2 && l->text[l->len - 1] == '\n' &&
		    l->text[l->len - 2] == '\r')
			return "\r\n";
	}
	return "\n";
}

int
ka_cfg_parse(const char *path, const char *data, size_t size,
    struct ka_cfg **out, struct ka_err *e)
{
	struct ka_cfg *cfg;
	int r;

	*out = NULL;
	if ((r = check_no_nul(path, data, size, e)) < 0)
		return r;
	if ((cfg = calloc(1, sizeof(*cfg))) == NULL ||
	    (cfg->path = strdup(path)) == NULL ||
	    (cfg->data = malloc(size + 1)) == NULL) {
		ka_cfg_free(cfg);
		return ka_err_set(e, ENOMEM, path, 0, "out of memory");
	}
	memcpy(cfg->data, data, size);
	cfg->data[size] = '\0';
	cfg->size = size;
	if ((r = split_lines(cfg, e)) < 0) {
		ka_cfg_free(cfg);
		return r;
	}
	mark_match_scope(cfg);
	cfg->eol = detect_eol(cfg);
	*out = cfg;
	return 0;
}

int
ka_cfg_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	int r;

	*out = NULL;
	if ((r = ka_fs_read_file(root, path, &b, e)) < 0)
		return r;
	r = ka_cfg_parse(path, b.data ? b.data : "", b.len, out, e);
	ka_buf_free(&b);
	return r;
}

void
ka_cfg_free(struct ka_cfg *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; cfg->lines != NULL && i < cfg->nlines; i++) {
		free(cfg->lines[i].keyword);
		free_argv(cfg->lines[i].argv, cfg->lines[i].argc);
	}
	free(cfg->lines);
	free(cfg->data);
	free(cfg->path);
	free(cfg);
}

int
ka_line_is(const struct ka_line *l, const char *kw)
{
	return l->kind == KA_LINE_DIRECTIVE && strcmp(l->keyword, kw) == 0;
}

size_t
ka_cfg_first_directive(const struct ka_cfg *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nlines; i++)
		if (cfg->lines[i].kind == KA_LINE_DIRECTIVE)
			break;
	return i;
}
