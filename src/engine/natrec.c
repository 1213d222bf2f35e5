/* natrec.c - the nat-timeout record: one comment line in the drop-in */
#include "engine/natrec.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "engine/edit.h"
#include "engine/value.h"

/* Digits at *p, at most max; moves *p.  -1 if none or too many. */
static long
number(const char **p, const char *end, long max)
{
	long v = 0;
	const char *s = *p;

	if (s >= end || !isdigit((unsigned char)*s))
		return -1;
	for (; s < end && isdigit((unsigned char)*s); s++)
		if ((v = v * 10 + (*s - '0')) > max)
			return -1;
	*p = s;
	return v;
}

/* 1 if l is a record (r filled), else 0. */
static int
parse(const struct ka_line *l, struct ka_natrec *r)
{
	static const char iv[] = ": ClientAliveInterval ";
	const char *p = l->text, *end = l->text + l->len;
	size_t pl = strlen(KA_NATREC_PREFIX);

	if (l->kind != KA_LINE_COMMENT)
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < pl || memcmp(p, KA_NATREC_PREFIX, pl) != 0)
		return 0;
	p += pl;
	if ((r->timeout = number(&p, end, KA_NAT_TIMEOUT_MAX)) < 1)
		return 0;
	if (p < end && !isspace((unsigned char)*p) && *p != ':')
		return 0;
	r->interval = -1;
	if ((size_t)(end - p) > sizeof(iv) - 1 &&
	    memcmp(p, iv, sizeof(iv) - 1) == 0) {
		p += sizeof(iv) - 1;
		r->interval = number(&p, end, KA_INTERVAL_MAX);
	}
	r->line = l->lineno;
	return 1;
}

int
ka_natrec_find(const struct ka_cfg *dropin, struct ka_natrec *r)
{
	size_t i;

	for (i = 0; i < dropin->nlines; i++)
		if (parse(&dropin->lines[i], r))
			return 1;
	memset(r, 0, sizeof(*r));
	return 0;
}

static int
add_record(struct ka_buf *out, const struct ka_natrec *w, const char *eol)
{
	return ka_buf_addf(out, KA_NATREC_PREFIX "%ld: ClientAliveInterval %ld "
	    "derived from it for the installed sshd, again after every "
	    "openssh-server update (--interval or --reset drops this line)%s",
	    w->timeout, w->interval, eol);
}

static int
rewrite(const struct ka_cfg *c, const struct ka_natrec *want,
    struct ka_buf *out)
{
	struct ka_natrec seen;
	int placed = want == NULL, r = 0;
	size_t i;

	for (i = 0; i < c->nlines && r == 0; i++) {
		const struct ka_line *l = &c->lines[i];

		if (parse(l, &seen))
			continue;
		if (!placed && !l->in_match && ka_line_is(l, KA_KW_INTERVAL)) {
			r = add_record(out, want, c->eol);
			placed = 1;
		}
		if (r == 0)
			r = ka_buf_add(out, l->text, l->len);
	}
	if (r == 0 && !placed && out->len > 0 &&
	    out->data[out->len - 1] != '\n')
		r = ka_buf_adds(out, c->eol);
	if (r == 0 && !placed)
		r = add_record(out, want, c->eol);
	if (r == 0 && out->data == NULL)
		r = ka_buf_add(out, "", 0);
	return r;
}

int
ka_natrec_write(const char *path, const char *data, size_t len,
    const struct ka_natrec *want, struct ka_buf *out, struct ka_err *e)
{
	struct ka_cfg *c;
	int r;

	if ((r = ka_cfg_parse(path, data, len, &c, e)) < 0)
		return r;
	r = rewrite(c, want, out);
	ka_cfg_free(c);
	return r < 0 ? ka_err_set(e, ENOMEM, path, 0, "out of memory") : 0;
}
