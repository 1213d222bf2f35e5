/* cfgfile.c - split sshd_config into lines as sshd does */
#include "engine/cfgfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/cfgkw.h"
#include "engine/kwtab.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* sshd strips trailing " \t\r\n\f" before it parses a line. */
static size_t
content_end(const char *s, size_t len)
{
	while (len > 0 && (is_blank(s[len - 1]) || s[len - 1] == '\r' ||
	    s[len - 1] == '\n' || s[len - 1] == '\f'))
		len--;
	return len;
}

/* The keyword's lower-case copy: its pieces joined (a quoted keyword
 * loses its quotes, as in sshd). */
static const char *
keyword_of(struct ka_kwtab *kw, const char *s, const struct ka_kwspan *k)
{
	size_t h = k->head_end - k->head, q = k->quoted_end - k->quoted;
	const char *r;
	char *tmp;

	if (q == 0)
		return ka_kwtab_get(kw, s + k->head, h);
	if ((tmp = malloc(h + q)) == NULL)
		return NULL;
	memcpy(tmp, s + k->head, h);
	memcpy(tmp + h, s + k->quoted, q);
	r = ka_kwtab_get(kw, tmp, h + q);
	free(tmp);
	return r;
}

/* Blank, comment (or another line sshd skips: an unterminated quote in
 * the keyword), or a directive with its keyword (see cfgkw.h). */
static int
lex_line(struct ka_kwtab *kw, struct ka_line *l)
{
	const char *s = l->text;
	size_t end = content_end(s, l->len), i = 0;
	struct ka_kwspan k;

	while (i < end && (is_blank(s[i]) || s[i] == '\r'))
		i++;
	if (i >= end) {
		l->kind = KA_LINE_BLANK;
		return 0;
	}
	if (!ka_kw_find(s, end, &k)) {
		l->kind = KA_LINE_COMMENT;
		return 0;
	}
	l->kind = KA_LINE_DIRECTIVE;
	l->keyword = keyword_of(kw, s, &k);
	return l->keyword == NULL ? -ENOMEM : 0;
}

static size_t
count_lines(const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	size_t count = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		count++;
		p++;
	}
	return count + (size > 0 && data[size - 1] != '\n');
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
		l->in_match = (unsigned)in_match;
	}
}

static int
check_content(const char *path, const char *data, size_t size,
    struct ka_err *e)
{
	const char *nul;
	size_t line = 1;

	if (size > KA_CFG_MAX_SIZE)
		return ka_err_set(e, EFBIG, path, 0, "larger than %zu MiB; "
		    "refusing to edit", KA_CFG_MAX_SIZE >> 20);
	if ((nul = memchr(data, '\0', size)) == NULL)
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

	cfg->nlines = count_lines(cfg->data, cfg->size);
	cfg->lines = calloc(cfg->nlines ? cfg->nlines : 1, sizeof(*cfg->lines));
	if (cfg->lines == NULL || (cfg->kw = ka_kwtab_new()) == NULL)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	while (i < cfg->size) {
		const char *nl = memchr(cfg->data + i, '\n', cfg->size - i);
		size_t len = nl ? (size_t)(nl - (cfg->data + i)) + 1 :
		    cfg->size - i;
		struct ka_line *l = &cfg->lines[n];

		l->text = cfg->data + i;
		l->len = (unsigned)len;
		l->lineno = (unsigned)++n;
		if (lex_line(cfg->kw, l) < 0)
			return ka_err_set(e, ENOMEM, cfg->path, n, "out of memory");
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

/* cfg takes b's buffer. */
static struct ka_cfg *
new_cfg(const char *path, struct ka_buf *b)
{
	struct ka_cfg *cfg = calloc(1, sizeof(*cfg));

	if (cfg == NULL)
		return NULL;
	if ((cfg->path = strdup(path)) == NULL) {
		free(cfg);
		return NULL;
	}
	cfg->data = b->data;
	cfg->size = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return cfg;
}

int
ka_cfg_adopt(const char *path, struct ka_buf *b, struct ka_cfg **out,
    struct ka_err *e)
{
	struct ka_cfg *cfg;
	int r;

	*out = NULL;
	if (b->data == NULL && ka_buf_add(b, "", 0) < 0)
		goto nomem;
	if ((r = check_content(path, b->data, b->len, e)) < 0) {
		ka_buf_free(b);
		return r;
	}
	if ((cfg = new_cfg(path, b)) == NULL)
		goto nomem;
	if ((r = split_lines(cfg, e)) < 0) {
		ka_cfg_free(cfg);
		return r;
	}
	mark_match_scope(cfg);
	cfg->eol = detect_eol(cfg);
	*out = cfg;
	return 0;
nomem:
	ka_buf_free(b);
	return ka_err_set(e, ENOMEM, path, 0, "out of memory");
}

int
ka_cfg_parse(const char *path, const char *data, size_t size,
    struct ka_cfg **out, struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	int r;

	*out = NULL;
	if ((r = check_content(path, data, size, e)) < 0)
		return r;
	if (ka_buf_reserve(&b, size) < 0 || ka_buf_add(&b, data, size) < 0)
		return ka_err_set(e, ENOMEM, path, 0, "out of memory");
	return ka_cfg_adopt(path, &b, out, e);
}

void
ka_cfg_free(struct ka_cfg *cfg)
{
	if (cfg == NULL)
		return;
	ka_kwtab_free(cfg->kw);
	free(cfg->lines);
	free(cfg->data);
	free(cfg->path);
	free(cfg);
}

int
ka_line_is(const struct ka_line *l, const char *kw)
{
	return l->kind == KA_LINE_DIRECTIVE && l->keyword[0] == kw[0] &&
	    strcmp(l->keyword, kw) == 0;
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

int
ka_cfg_add_lines(const struct ka_cfg *cfg, size_t from, size_t to,
    struct ka_buf *out)
{
	const struct ka_line *a, *b;

	if (from >= to)
		return 0;
	a = &cfg->lines[from];
	b = &cfg->lines[to - 1];
	return ka_buf_add(out, a->text, (size_t)(b->text - a->text) + b->len);
}

const char *
ka_line_eol(const struct ka_line *l)
{
	if (l->len >= 2 && l->text[l->len - 2] == '\r' &&
	    l->text[l->len - 1] == '\n')
		return "\r\n";
	return l->len >= 1 && l->text[l->len - 1] == '\n' ? "\n" : "";
}
