/* client_dropin.c - the client drop-in: its values, and writing them */
#include "engine/client_edit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/client_place.h"
#include "engine/value.h"

#define DROPIN_HEAD1 "# ssh-keepalive: keepalive probes for outgoing ssh " \
	"sessions (ssh_config(5))."
#define DROPIN_HEAD2 "# Managed by ssh-keepalive-tune --client; a user's " \
	"~/.ssh/config or ssh -o still win."

/* A value ssh would read from a ServerAlive* line: a time (5m) for the
 * interval, a whole number 0..1000 for the count. */
static int
parse_one(const struct ka_cfg *cfg, const struct ka_line *l, const char *arg,
    struct ka_client_values *v, struct ka_err *e)
{
	long n;

	if (ka_line_is(l, KA_KW_SA_INTERVAL)) {
		if (v->interval >= 0)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "ServerAliveInterval is set a second time; keep "
			    "one line");
		if (ka_value_sshd_time(arg, &n) < 0)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "ServerAliveInterval '%s' is not a time", arg);
		v->interval = n;
		return 0;
	}
	if (v->count_max >= 0)
		return ka_err_set(e, EINVAL, cfg->path, l->lineno,
		    "ServerAliveCountMax is set a second time; keep one line");
	if (ka_value_sshd_int(arg, &n) < 0 || n > KA_COUNT_MAX_MAX)
		return ka_err_set(e, EINVAL, cfg->path, l->lineno,
		    "ServerAliveCountMax '%s' is not a whole number from 0 "
		    "to %ld", arg, KA_COUNT_MAX_MAX);
	v->count_max = n;
	return 0;
}

int
ka_client_line_value(const struct ka_cfg *cfg, const struct ka_line *l,
    struct ka_client_values *v, struct ka_err *e)
{
	struct ka_args a;
	int r = ka_line_args(l, &a);

	if (r < 0)
		r = ka_err_set(e, ENOMEM, cfg->path, l->lineno,
		    "out of memory");
	else if (a.argc != 1 || a.bad_quotes)
		r = ka_err_set(e, EINVAL, cfg->path, l->lineno,
		    "%s takes exactly one value", ka_line_is(l,
		    KA_KW_SA_INTERVAL) ? "ServerAliveInterval" :
		    "ServerAliveCountMax");
	else
		r = parse_one(cfg, l, a.argv[0], v, e);
	ka_args_free(&a);
	return r;
}

int
ka_client_sets_value(const struct ka_line *l)
{
	return ka_line_is(l, KA_KW_SA_INTERVAL) ||
	    ka_line_is(l, KA_KW_SA_COUNT);
}

int
ka_client_dropin_values(const struct ka_cfg *d, struct ka_client_values *v,
    struct ka_err *e)
{
	size_t i;
	int r;

	v->interval = v->count_max = -1;
	for (i = 0; i < d->nlines; i++) {
		const struct ka_line *l = &d->lines[i];

		if (l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_client_scope_line(l))
			return ka_err_set(e, EINVAL, d->path, l->lineno,
			    "a Host or Match line in the client drop-in: its "
			    "values would not apply to every host; take it "
			    "out");
		if (ka_client_sets_value(l) &&
		    (r = ka_client_line_value(d, l, v, e)) < 0)
			return r;
	}
	return 0;
}

/* The line setting kw's value n, with the line ending eol. */
static int
add_value(struct ka_buf *out, int interval, long n, const char *eol)
{
	return ka_buf_addf(out, "%s %ld%s", interval ? "ServerAliveInterval" :
	    "ServerAliveCountMax", n, eol);
}

static int
check_set(const char *path, const struct ka_client_values *v,
    struct ka_err *e)
{
	if (v->count_max == 0)
		return ka_err_set(e, EINVAL, path, 0, "ServerAliveCountMax 0 "
		    "is never written: ssh would hang up after one quiet "
		    "interval");
	if (v->count_max > KA_COUNT_MAX_MAX)
		return ka_err_set(e, EINVAL, path, 0, "ServerAliveCountMax "
		    "%ld is above %ld", v->count_max, KA_COUNT_MAX_MAX);
	return 0;
}

static int
shipped(const struct ka_client_values *v, struct ka_buf *out)
{
	int r = ka_buf_adds(out, DROPIN_HEAD1 "\n" DROPIN_HEAD2 "\n");

	if (r == 0)
		r = add_value(out, 1, v->interval >= 0 ? v->interval :
		    KA_CLIENT_SHIPPED_INTERVAL, "\n");
	if (r == 0)
		r = add_value(out, 0, v->count_max >= 0 ? v->count_max :
		    KA_CLIENT_SHIPPED_COUNT, "\n");
	return r;
}

/* d's lines, each value v sets written over the line that sets it. */
static int
rewrite(const struct ka_cfg *d, const struct ka_client_values *v,
    struct ka_buf *out)
{
	size_t i;
	int r = ka_buf_reserve(out, d->size + 64);

	for (i = 0; i < d->nlines && r == 0; i++) {
		const struct ka_line *l = &d->lines[i];

		if (ka_line_is(l, KA_KW_SA_INTERVAL) && v->interval >= 0)
			r = add_value(out, 1, v->interval, ka_line_eol(l));
		else if (ka_line_is(l, KA_KW_SA_COUNT) && v->count_max >= 0)
			r = add_value(out, 0, v->count_max, ka_line_eol(l));
		else
			r = ka_buf_add(out, l->text, l->len);
	}
	return r;
}

int
ka_client_dropin_set(const struct ka_cfg *d, const struct ka_client_values *v,
    struct ka_buf *out, struct ka_err *e)
{
	struct ka_client_values have;
	int r;

	if ((r = check_set(d != NULL ? d->path : NULL, v, e)) < 0)
		return r;
	if (d == NULL)
		return shipped(v, out) < 0 ? ka_err_set(e, ENOMEM, NULL, 0,
		    "out of memory") : 0;
	if ((r = ka_client_dropin_values(d, &have, e)) < 0)
		return r;
	r = rewrite(d, v, out);
	if (r == 0 && (have.interval < 0 || have.count_max < 0) &&
	    out->len > 0 && out->data[out->len - 1] != '\n')
		r = ka_buf_adds(out, d->eol);
	if (r == 0 && have.interval < 0)
		r = add_value(out, 1, v->interval >= 0 ? v->interval :
		    KA_CLIENT_SHIPPED_INTERVAL, d->eol);
	if (r == 0 && have.count_max < 0)
		r = add_value(out, 0, v->count_max >= 0 ? v->count_max :
		    KA_CLIENT_SHIPPED_COUNT, d->eol);
	if (r == 0 && out->data == NULL)
		r = ka_buf_add(out, "", 0);
	return r < 0 ? ka_err_set(e, ENOMEM, d->path, 0, "out of memory") : 0;
}
