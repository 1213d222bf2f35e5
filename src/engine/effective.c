/* effective.c - the keepalive values sshd will use, and where from */
#include "engine/effective.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* What the walk carries while it records.  A file of thousands of
 * Match blocks that set our keywords gives thousands of settings: each
 * costs its struct and the bytes of its strings (in eff->strings), file
 * names and Match criteria are shared, and telling a line read twice
 * costs a look at one number. */
struct rec_file {
	const char *path;      /* in eff->strings */
	size_t last;           /* the last line of it recorded */
};

struct recorder {
	struct ka_effective *eff;
	struct rec_file *files;        /* every file recorded from */
	size_t nfiles;
	const struct ka_line *match;   /* the last Match line joined: ... */
	const char *match_file;        /* ... in this file, */
	size_t match_line;             /* ... at this line; */
	const char *match_text;        /* its criteria */
};

/* The file named path, added when new; NULL when out of memory. */
static struct rec_file *
rec_file(struct recorder *rc, const char *path)
{
	struct rec_file *nf;
	size_t i;

	for (i = rc->nfiles; i-- > 0;)
		if (strcmp(rc->files[i].path, path) == 0)
			return &rc->files[i];
	nf = realloc(rc->files, (rc->nfiles + 1) * sizeof(*nf));
	if (nf == NULL)
		return NULL;
	rc->files = nf;
	nf = &rc->files[rc->nfiles];
	if ((nf->path = ka_strpool_add(&rc->eff->strings, path,
	    strlen(path))) == NULL)
		return NULL;
	nf->last = 0;
	rc->nfiles++;
	return nf;
}

/* l's arguments joined by single spaces, in the report's strings. */
static char *
join_args(struct ka_strpool *sp, const struct ka_line *l, struct ka_args *a)
{
	size_t len = 0;
	char *s, *p;
	int i;

	if (ka_line_args(l, a) < 0)
		return NULL;
	for (i = 0; i < a->argc; i++)
		len += strlen(a->argv[i]) + (i > 0);
	if ((s = p = ka_strpool_alloc(sp, len)) == NULL)
		return NULL;
	for (i = 0; i < a->argc; i++) {
		size_t n = strlen(a->argv[i]);

		if (i > 0)
			*p++ = ' ';
		memcpy(p, a->argv[i], n);
		p += n;
	}
	*p = '\0';
	return s;
}

/* The criteria of the Match line in force: joined once a block. */
static int
fill_match(struct recorder *rc, struct ka_setting *s,
    const struct ka_walk_event *ev)
{
	struct rec_file *mf = rec_file(rc, ev->match_cfg->path);
	struct ka_args a;

	if (mf == NULL)
		return -ENOMEM;
	s->match_file = (char *)mf->path;
	s->match_line = ev->match->lineno;
	if (rc->match != ev->match || rc->match_file != mf->path ||
	    rc->match_line != s->match_line) {
		rc->match_text = join_args(&rc->eff->strings, ev->match, &a);
		ka_args_free(&a);
		if (rc->match_text == NULL) {
			rc->match = NULL;
			return -ENOMEM;
		}
		rc->match = ev->match;
		rc->match_file = mf->path;
		rc->match_line = s->match_line;
	}
	s->match = (char *)rc->match_text;
	return 0;
}

static int
fill_setting(struct recorder *rc, struct ka_setting *s, enum ka_kw kw,
    const char *file, const struct ka_walk_event *ev)
{
	struct ka_args a;

	memset(s, 0, sizeof(*s));
	s->line = ev->line->lineno;
	s->file = (char *)file;
	s->value = join_args(&rc->eff->strings, ev->line, &a);
	if (s->value != NULL)
		s->valid = a.argc == 1 &&
		    ka_effective_parse(kw, a.argv[0], &s->num) == 0;
	ka_args_free(&a);
	if (s->value == NULL)
		return -ENOMEM;
	return ev->match != NULL ? fill_match(rc, s, ev) : 0;
}

/* Room for one more setting: the array doubles (from 4). */
static int
grow(struct ka_kw_report *k)
{
	struct ka_setting *ns;
	size_t cap = k->n == 0 ? 4 : 2 * k->n;

	if (k->n != 0 && (k->n < 4 || (k->n & (k->n - 1)) != 0))
		return 0;
	if (cap > SIZE_MAX / sizeof(*ns) ||
	    (ns = realloc(k->set, cap * sizeof(*ns))) == NULL)
		return -ENOMEM;
	k->set = ns;
	return 0;
}

static int
record_cb(void *ctx, const struct ka_walk_event *ev)
{
	struct recorder *rc = ctx;
	struct rec_file *rf;
	int kw;

	for (kw = 0; kw < KA_KW_N; kw++) {
		struct ka_kw_report *k = &rc->eff->kw[kw];

		if (!ka_line_is(ev->line, k->key))
			continue;
		if ((rf = rec_file(rc, ev->cfg->path)) == NULL)
			return -ENOMEM;
		/* A line read a second time (an Include above ours also
		 * reads our drop-in) changes nothing: sshd already has
		 * its first value.  A file is read whole, in order: a
		 * line of it not after the last one recorded was read. */
		if (ev->line->lineno <= rf->last)
			return 0;
		rf->last = ev->line->lineno;
		if (grow(k) < 0 || fill_setting(rc, &k->set[k->n++],
		    (enum ka_kw)kw, rf->path, ev) < 0)
			return -ENOMEM;
		/* sshd keeps the first global value; an invalid one makes
		 * it refuse the whole file, so it wins here too */
		if (k->winner < 0 && ev->match == NULL) {
			k->winner = (int)(k->n - 1);
			if (k->set[k->n - 1].valid)
				k->effective = k->set[k->n - 1].num;
		}
		return 0;
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
	struct recorder rc;
	int kw, r;

	memset(out, 0, sizeof(*out));
	for (kw = 0; kw < KA_KW_N; kw++) {
		out->kw[kw].name = keywords[kw].name;
		out->kw[kw].key = keywords[kw].key;
		out->kw[kw].dflt = keywords[kw].dflt;
		out->kw[kw].effective = keywords[kw].dflt;
		out->kw[kw].winner = -1;
	}
	memset(&rc, 0, sizeof(rc));
	rc.eff = out;
	r = ka_walk_overlay(f, cfg, ov, record_cb, &rc, e);
	free(rc.files);
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
	struct ka_strpool tmp = KA_STRPOOL_INIT;
	struct ka_args a;
	const char *v;

	if (ev->match != NULL || !ka_line_is(ev->line, fi->key))
		return 0;
	s->line = ev->line->lineno;
	s->file = strdup(ev->cfg->path);
	v = join_args(&tmp, ev->line, &a);
	s->valid = v != NULL && a.argc == 1 && !a.bad_quotes;
	s->value = v != NULL ? strdup(v) : NULL;
	ka_args_free(&a);
	ka_strpool_free(&tmp);
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

		free(k->set);
		k->set = NULL;
		k->n = 0;
	}
	ka_strpool_free(&eff->strings);
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
