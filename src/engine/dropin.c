/* dropin.c - the values our drop-in sets */
#include "engine/dropin.h"

#include <errno.h>

#include "engine/edit.h"

static int
take_one(const struct ka_cfg *cfg, const struct ka_line *l,
    const char *arg, struct ka_values *v, struct ka_err *e)
{
	long n;
	int yes;

	if (arg == NULL)
		return ka_err_set(e, EINVAL, cfg->path, l->lineno,
		    "%s takes exactly one value", l->keyword);
	if (ka_line_is(l, KA_KW_INTERVAL) && v->interval < 0) {
		if (ka_value_sshd_time(arg, &n) < 0)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "ClientAliveInterval '%s' is not a time", arg);
		v->interval = n;
	} else if (ka_line_is(l, KA_KW_COUNT) && v->count_max < 0) {
		if (ka_value_sshd_int(arg, &n) < 0)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "ClientAliveCountMax '%s' is not a whole number",
			    arg);
		v->count_max = n;
	} else if (ka_line_is(l, KA_KW_TCP) && v->tcp_keepalive < 0) {
		if (ka_value_sshd_yesno(arg, &yes) < 0)
			return ka_err_set(e, EINVAL, cfg->path, l->lineno,
			    "TCPKeepAlive '%s' is not yes or no", arg);
		v->tcp_keepalive = yes;
	}
	return 0;
}

static int
take_value(const struct ka_cfg *cfg, const struct ka_line *l,
    struct ka_values *v, struct ka_err *e)
{
	struct ka_args a;
	int r = ka_line_args(l, &a);

	if (r < 0)
		r = ka_err_set(e, ENOMEM, cfg->path, l->lineno, "out of memory");
	else
		r = take_one(cfg, l, a.argc == 1 ? a.argv[0] : NULL, v, e);
	ka_args_free(&a);
	return r;
}

int
ka_dropin_values(const struct ka_cfg *dropin, struct ka_values *v,
    struct ka_err *e)
{
	size_t i;
	int r;

	v->interval = v->count_max = -1;
	v->tcp_keepalive = -1;
	for (i = 0; i < dropin->nlines; i++) {
		const struct ka_line *l = &dropin->lines[i];

		if (l->kind != KA_LINE_DIRECTIVE)
			continue;
		if (ka_line_is(l, "match"))
			break;
		if ((ka_line_is(l, KA_KW_INTERVAL) || ka_line_is(l, KA_KW_COUNT) ||
		    ka_line_is(l, KA_KW_TCP)) &&
		    (r = take_value(dropin, l, v, e)) < 0)
			return r;
	}
	return 0;
}
