/* effective.c - the keepalive values sshd will use, and where from */
#include "engine/effective.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/buf.h"
#include "engine/value.h"
#include "engine/walk.h"

static const struct {
	const char *name, *key;
	long dflt;
} keywords[KA_KW_N] = {
	{ "ClientAliveInterval", "clientaliveinterval", 0 },
	{ "ClientAliveCountMax", "clientalivecountmax", 3 },
	{ "TCPKeepAlive", "tcpkeepalive", 1 },
};

int
ka_effective_parse(enum ka_kw kw, const char *s, long *num)
{
	int yes;

	switch (kw) {
	case KA_KW_IDX_INTERVAL:
		return ka_value_sshd_time(s, num);
	case KA_KW_IDX_COUNT:
		return ka_value_sshd_int(s, num);
	default:
		if (ka_value_sshd_yesno(s, &yes) < 0)
			return -EINVAL;
		*num = yes;
		return 0;
	}
}

/* The arguments joined by single spaces. */
static char *
join_args(const struct ka_args *a)
{
	struct ka_buf b = KA_BUF_INIT;
	int i;

	for (i = 0; i < a->argc; i++)
		if (ka_buf_addf(&b, "%s%s", i > 0 ? " " : "", a->argv[i]) < 0) {
			ka_buf_free(&b);
			return NULL;
		}
	if (b.data == NULL && ka_buf_add(&b, "", 0) < 0)
		return NULL;
	return b.data;
}

static char *
join_line_args(const struct ka_line *l)
{
	struct ka_args a;
	char *s = ka_line_args(l, &a) == 0 ? join_args(&a) : NULL;

	ka_args_free(&a);
	return s;
}

static int
fill_setting(struct ka_setting *s, enum ka_kw kw,
    const struct ka_walk_event *ev)
{
	const struct ka_line *l = ev->line;
	struct ka_args a;
	int r;

	memset(s, 0, sizeof(*s));
	s->line = l->lineno;
	s->file = strdup(ev->cfg->path);
	r = ka_line_args(l, &a);
	s->value = r == 0 ? join_args(&a) : NULL;
	if (s->value != NULL)
		s->valid = a.argc == 1 && ka_effective_parse(kw, a.argv[0], &s->num) == 0;
	ka_args_free(&a);
	if (s->file == NULL || s->value == NULL)
		return -ENOMEM;
	if (ev->match != NULL) {
		s->match = join_line_args(ev->match);
		s->match_file = strdup(ev->match_cfg->path);
		s->match_line = ev->match->lineno;
		if (s->match == NULL || s->match_file == NULL)
			return -ENOMEM;
	}
	return 0;
}

/* A line read a second time (an Include above ours also reads our
 * drop-in) changes nothing: sshd already has its first value. */
static int
seen(const struct ka_kw_report *k, const struct ka_walk_event *ev)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->set[i].line == ev->line->lineno &&
		    strcmp(k->set[i].file, ev->cfg->path) == 0)
			return 1;
	return 0;
}

static int
record_cb(void *ctx, const struct ka_walk_event *ev)
{
	struct ka_effective *eff = ctx;
	int kw;

	for (kw = 0; kw < KA_KW_N; kw++) {
		struct ka_kw_report *k = &eff->kw[kw];
		struct ka_setting *ns;

		if (!ka_line_is(ev->line, k->key) || seen(k, ev))
			continue;
		ns = realloc(k->set, (k->n + 1) * sizeof(*ns));
		if (ns == NULL)
			return -ENOMEM;
		k->set = ns;
		if (fill_setting(&ns[k->n++], (enum ka_kw)kw, ev) < 0)
			return -ENOMEM;
		/* sshd keeps the first global value; an invalid one makes
		 * it refuse the whole file, so it wins here too */
		if (k->winner < 0 && ev->match == NULL) {
			k->winner = (int)(k->n - 1);
			if (ns[k->n - 1].valid)
				k->effective = ns[k->n - 1].num;
		}
	}
	return 0;
}

int
ka_effective_compute(const struct ka_files *f, const struct ka_cfg *cfg,
    struct ka_effective *out, struct ka_err *e)
{
	return ka_effective_compute_overlay(f, cfg, NULL, out, e);
}

int
ka_effective_compute_overlay(const struct ka_files *f,
    const struct ka_cfg *cfg,
    const struct ka_walk_overlay *ov, struct ka_effective *out,
    struct ka_err *e)
{
	int kw, r;

	memset(out, 0, sizeof(*out));
	for (kw = 0; kw < KA_KW_N; kw++) {
		out->kw[kw].name = keywords[kw].name;
		out->kw[kw].key = keywords[kw].key;
		out->kw[kw].dflt = keywords[kw].dflt;
		out->kw[kw].effective = keywords[kw].dflt;
		out->kw[kw].winner = -1;
	}
	r = ka_walk_overlay(f, cfg, ov, record_cb, out, e);
	if (r == -ENOMEM)
		ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	if (r < 0)
		ka_effective_free(out);
	return r < 0 ? r : 0;
}

/* The first global line of one keyword: where it is, its argument. */
struct first {
	const char *key;
	struct ka_setting *s;
};

static int
first_cb(void *ctx, const struct ka_walk_event *ev)
{
	struct first *fi = ctx;
	struct ka_setting *s = fi->s;
	struct ka_args a;

	if (ev->match != NULL || !ka_line_is(ev->line, fi->key))
		return 0;
	s->line = ev->line->lineno;
	s->file = strdup(ev->cfg->path);
	if (ka_line_args(ev->line, &a) == 0)
		s->value = join_args(&a);
	s->valid = a.argc == 1 && !a.bad_quotes;
	ka_args_free(&a);
	if (s->file == NULL || s->value == NULL)
		return -ENOMEM;
	return 1;
}

int
ka_effective_first(const struct ka_files *f, const struct ka_cfg *cfg,
    const char *key, struct ka_setting *out, struct ka_err *e)
{
	struct first fi;
	int r;

	memset(out, 0, sizeof(*out));
	fi.key = key;
	fi.s = out;
	r = ka_walk_files(f, cfg, first_cb, &fi, e);
	if (r == -ENOMEM)
		ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	if (r != 1)
		ka_setting_free(out);
	return r;
}

void
ka_setting_free(struct ka_setting *s)
{
	free(s->file);
	free(s->value);
	free(s->match);
	free(s->match_file);
	memset(s, 0, sizeof(*s));
}

void
ka_effective_free(struct ka_effective *eff)
{
	int kw;

	for (kw = 0; kw < KA_KW_N; kw++) {
		struct ka_kw_report *k = &eff->kw[kw];

		for (size_t i = 0; i < k->n; i++)
			ka_setting_free(&k->set[i]);
		free(k->set);
		k->set = NULL;
		k->n = 0;
	}
}

/* The next word of s (words separated by single spaces, as join_args()
 * joins them): its start, and its length in *len; NULL at the end. */
static const char *
next_word(const char *s, size_t *len)
{
	s += strspn(s, " ");
	*len = strcspn(s, " ");
	return *len > 0 ? s : NULL;
}

static int
word_is(const char *w, size_t len, const char *what)
{
	return len == strlen(what) && strncasecmp(w, what, len) == 0;
}

int
ka_match_every(const char *criteria)
{
	const char *w = criteria;
	size_t len;
	int pairs = 0;

	if (strcasecmp(criteria, "all") == 0)
		return 1;
	while ((w = next_word(w, &len)) != NULL) {
		const char *attr = w;
		size_t alen = len;

		if (!word_is(attr, alen, "user") && !word_is(attr, alen, "host") &&
		    !word_is(attr, alen, "address") &&
		    !word_is(attr, alen, "localaddress"))
			return 0;
		if ((w = next_word(w + len, &len)) == NULL || len != 1 || *w != '*')
			return 0;
		w += len;
		pairs++;
	}
	return pairs > 0;
}

int
ka_effective_every(const struct ka_kw_report *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->set[i].match != NULL && ka_match_every(k->set[i].match))
			return (int)i;
	return -1;
}

const char *
ka_effective_show(const struct ka_kw_report *k, long v, char *buf,
    size_t size)
{
	if (strcmp(k->key, "tcpkeepalive") == 0)
		snprintf(buf, size, "%s", v ? "yes" : "no");
	else
		snprintf(buf, size, "%ld", v);
	return buf;
}
