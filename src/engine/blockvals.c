/* blockvals.c - the values in our block of sshd_config, as they are now */
#include "engine/blockvals.h"

#include <errno.h>
#include <string.h>

#include "engine/block.h"
#include "engine/edit.h"

long
ka_values_get(const struct ka_values *v, enum ka_kw kw)
{
	return kw == KA_KW_IDX_INTERVAL ? v->interval :
	    kw == KA_KW_IDX_COUNT ? v->count_max : (long)v->tcp_keepalive;
}

/* Which of our keywords l sets, or KA_KW_N. */
static enum ka_kw
kw_of(const struct ka_line *l)
{
	return ka_line_is(l, KA_KW_INTERVAL) ? KA_KW_IDX_INTERVAL :
	    ka_line_is(l, KA_KW_COUNT) ? KA_KW_IDX_COUNT :
	    ka_line_is(l, KA_KW_TCP) ? KA_KW_IDX_TCP : KA_KW_N;
}

/* Parse one argument for kw into v; a bad one leaves it unset. */
static void
take(enum ka_kw kw, const char *arg, struct ka_values *v)
{
	long n;
	int yes;

	if (kw == KA_KW_IDX_INTERVAL && ka_value_sshd_time(arg, &n) == 0)
		v->interval = n;
	else if (kw == KA_KW_IDX_COUNT && ka_value_sshd_int(arg, &n) == 0)
		v->count_max = n;
	else if (kw == KA_KW_IDX_TCP && ka_value_sshd_yesno(arg, &yes) == 0)
		v->tcp_keepalive = yes;
}

static int
take_line(const struct ka_line *l, struct ka_block_values *b)
{
	enum ka_kw kw = kw_of(l);
	struct ka_args a;

	if (kw == KA_KW_N || b->line[kw] != 0)
		return 0;
	if (ka_line_args(l, &a) < 0) {
		ka_args_free(&a);
		return -ENOMEM;
	}
	if (a.argc == 1 && !a.bad_quotes)
		take(kw, a.argv[0], &b->v);
	if (ka_values_get(&b->v, kw) >= 0)
		b->line[kw] = l->lineno;
	ka_args_free(&a);
	return 0;
}

int
ka_block_values(const struct ka_cfg *cfg, struct ka_block_values *b)
{
	size_t i;
	int inside = 0, r;

	memset(b, 0, sizeof(*b));
	b->v.interval = b->v.count_max = -1;
	b->v.tcp_keepalive = -1;
	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];
		int m = ka_block_marker(l);

		if (m == 1)
			inside = 1;
		else if (m == -1 && inside)
			break;
		else if (inside && l->kind == KA_LINE_DIRECTIVE &&
		    (r = take_line(l, b)) < 0)
			return r;
	}
	return 0;
}
