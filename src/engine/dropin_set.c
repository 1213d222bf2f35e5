/* dropin_set.c - write new values into the drop-in, keeping the rest */
#include "engine/dropin.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/edit.h"

const char ka_dropin_default[] =
#include "dropin_default.inc"
    ;

static const char *const kw_lower[KA_KW_N] = {
	KA_KW_INTERVAL, KA_KW_COUNT, KA_KW_TCP
};

/* Which keyword line i sets at global scope, or -1. */
static int
global_kw(const struct ka_line *l)
{
	int kw;

	if (l->in_match)
		return -1;
	for (kw = 0; kw < KA_KW_N; kw++)
		if (ka_line_is(l, kw_lower[kw]))
			return kw;
	return -1;
}

static int
add_missing(const struct ka_cfg *d, const struct ka_values *v,
    const int *done, struct ka_buf *out)
{
	char line[64];
	int kw, r = 0;

	if (out->len > 0 && out->data[out->len - 1] != '\n')
		r = ka_buf_adds(out, d->eol);
	for (kw = 0; kw < KA_KW_N && r == 0; kw++)
		if (!done[kw] &&
		    ka_values_line((enum ka_kw)kw, v, line, sizeof(line)) > 0)
			r = ka_buf_addf(out, "%s%s", line, d->eol);
	return r;
}

int
ka_dropin_set(const struct ka_cfg *d, const struct ka_values *v,
    int drop_tcp, struct ka_buf *out, struct ka_err *e)
{
	int done[KA_KW_N] = { 0, 0, 0 }, added = 0, r = 0;
	char line[64];
	size_t i;

	for (i = 0; i < d->nlines && r == 0; i++) {
		const struct ka_line *l = &d->lines[i];
		int kw = global_kw(l);

		if (!added && ka_line_is(l, "match")) {
			r = add_missing(d, v, done, out);
			added = 1;
		}
		if (r == 0 && kw == KA_KW_IDX_TCP && drop_tcp)
			continue;
		if (r == 0 && kw >= 0 && !done[kw] &&
		    ka_values_line((enum ka_kw)kw, v, line, sizeof(line)) > 0) {
			done[kw] = 1;
			r = ka_buf_addf(out, "%s%s", line, ka_line_eol(l));
		} else if (r == 0) {
			r = ka_buf_add(out, l->text, l->len);
		}
	}
	if (r == 0 && !added)
		r = add_missing(d, v, done, out);
	if (r == 0 && out->data == NULL)
		r = ka_buf_add(out, "", 0);
	return r < 0 ? ka_err_set(e, ENOMEM, d->path, 0, "out of memory") : 0;
}
