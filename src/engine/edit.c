/* edit.c - remove and inline mode */
#include "engine/edit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/block.h"

#define INLINE_TITLE "managed by ssh-keepalive; change with ssh-keepalive-tune"

int
ka_edit_sets_key(const struct ka_line *l, const struct ka_values *v)
{
	return (v->interval >= 0 && ka_line_is(l, KA_KW_INTERVAL)) ||
	    (v->count_max >= 0 && ka_line_is(l, KA_KW_COUNT)) ||
	    (v->tcp_keepalive >= 0 && ka_line_is(l, KA_KW_TCP));
}

int
ka_edit_remove(const struct ka_cfg *cfg, struct ka_buf *out,
    struct ka_err *e)
{
	struct ka_stripped s;
	int r;

	if ((r = ka_block_strip(cfg, &s, e)) < 0)
		return r;
	r = ka_block_copy_kept(&s, out);
	ka_stripped_free(&s);
	if (r < 0)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	return 0;
}

int
ka_edit_inline(const struct ka_cfg *cfg, const struct ka_values *v,
    struct ka_buf *out, struct ka_err *e)
{
	char lines[KA_KW_N][64];
	const char *body[KA_KW_N];
	size_t n = 0;
	struct ka_stripped s;
	int kw, r;

	for (kw = 0; kw < KA_KW_N; kw++)
		if (ka_values_line((enum ka_kw)kw, v, lines[n], sizeof(lines[n])) > 0)
			n++;
	if (n == 0)
		return ka_err_set(e, EINVAL, cfg->path, 0,
		    "no keepalive value to write");
	for (size_t i = 0; i < n; i++)
		body[i] = lines[i];
	if ((r = ka_block_strip(cfg, &s, e)) < 0)
		return r;
	r = ka_block_insert(&s, INLINE_TITLE, body, n, out);
	ka_stripped_free(&s);
	if (r < 0)
		return ka_err_set(e, ENOMEM, cfg->path, 0, "out of memory");
	return 0;
}
