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

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The text after "# nat-timeout" on a record-like comment line, without
 * its line ending; NULL when l is no such line. */
static const char *
after_prefix(const struct ka_line *l, const char **end)
{
	static const char prefix[] = "# nat-timeout";
	const char *p = l->text, *e = l->text + l->len;
	size_t pl = sizeof(prefix) - 1;

	if (l->kind != KA_LINE_COMMENT)
		return NULL;
	while (e > p && (e[-1] == '\n' || e[-1] == '\r'))
		e--;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(e - p) < pl || memcmp(p, prefix, pl) != 0)
		return NULL;
	p += pl;
	if (p < e && !is_blank(*p) && *p != ':')
		return NULL;    /* "# nat-timeouts ...": another word */
	*end = e;
	return p;
}

/* TIME, the text up to a ':' or the end, as --nat-timeout reads it;
 * *p moves to that ':' or the end. */
static int
record_time(const char **p, const char *end, long *secs, struct ka_err *e)
{
	const char *s = *p, *te = s;
	char v[64];
	size_t n;

	while (te < end && *te != ':')
		te++;
	*p = te;
	while (s < te && is_blank(*s))
		s++;
	while (te > s && is_blank(te[-1]))
		te--;
	n = (size_t)(te - s);
	if (n >= sizeof(v))
		return ka_err_set(e, EINVAL, NULL, 0, "'%.20s...' is not a time; "
		    "accepted: %s", s, KA_NAT_TIMEOUT_RANGE);
	memcpy(v, s, n);
	v[n] = '\0';
	return ka_value_parse_nat_timeout(v, secs, e);
}

/* 1 if l is a record (r filled), -EINVAL if malformed (r->line and e
 * set), else 0. */
static int
parse(const char *path, const struct ka_line *l, struct ka_natrec *r,
    struct ka_err *e)
{
	static const char iv[] = ": ClientAliveInterval ";
	const char *end, *p = after_prefix(l, &end);
	struct ka_err pe;

	if (p == NULL)
		return 0;
	r->line = l->lineno;
	r->interval = -1;
	if (record_time(&p, end, &r->timeout, &pe) < 0)
		return ka_err_set(e, EINVAL, path, l->lineno, "nat-timeout record: "
		    "%s", pe.msg);
	if ((size_t)(end - p) > sizeof(iv) - 1 &&
	    memcmp(p, iv, sizeof(iv) - 1) == 0) {
		p += sizeof(iv) - 1;
		r->interval = number(&p, end, KA_INTERVAL_MAX);
	}
	return 1;
}

int
ka_natrec_find(const struct ka_cfg *dropin, struct ka_natrec *r,
    struct ka_err *e)
{
	size_t i;

	for (i = 0; i < dropin->nlines; i++) {
		int found = parse(dropin->path, &dropin->lines[i], r, e);

		if (found != 0)
			return found;
	}
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

		if (parse(c->path, l, &seen, NULL) != 0)
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
