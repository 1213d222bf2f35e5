/* plan.c - build the new files for apply, remove and tune, in memory */
#include "flow/plan.h"

#include <errno.h>
#include <string.h>

#include "engine/block.h"
#include "engine/dropin.h"
#include "engine/edit.h"
#include "engine/edit_keep.h"
#include "flow/blockwarn.h"
#include "flow/modechoice.h"
#include "flow/nat.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/paths.h"

void
ka_plan_init(struct ka_plan *p)
{
	memset(p, 0, sizeof(*p));
	p->values.interval = p->values.count_max = -1;
	p->values.tcp_keepalive = -1;
}

void
ka_plan_free(struct ka_plan *p)
{
	ka_cfg_free(p->main);
	ka_cfg_free(p->dropin);
	ka_buf_free(&p->main_new);
	ka_buf_free(&p->dropin_new);
	ka_kept_free(&p->kept);
}

static int
load_dropin(const struct ka_change_opts *o, struct ka_plan *p,
    struct ka_err *e)
{
	int r = ka_cfg_load(o->root, KA_DROPIN_PATH, &p->dropin, e);

	if (r != -ENOENT)
		return r;
	p->dropin_missing = 1;
	return ka_cfg_parse(KA_DROPIN_PATH, ka_dropin_default,
	    strlen(ka_dropin_default), &p->dropin, e);
}

/* The new drop-in: the old one, tuned; the shipped one if missing. */
static int
build_dropin(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	struct ka_values v = o->set;
	struct ka_nat_step ns;
	int rewrite, r;

	if (op == KA_OP_TUNE && o->reset) {
		v.interval = 600;
		v.count_max = 10;
		v.tcp_keepalive = -1;
	}
	if ((r = ka_nat_plan(o, op, p->dropin, p->dropin_missing, &v,
	    &rewrite, &ns, e)) < 0)
		return r;
	if (op == KA_OP_TUNE || rewrite)
		r = ka_dropin_set(p->dropin, &v, op == KA_OP_TUNE && o->reset,
		    &p->dropin_new, e);
	else
		r = ka_block_copy(p->dropin, &p->dropin_new);
	if (r < 0 || (r = ka_nat_finish(&ns, &p->dropin_new, e)) < 0)
		return r;
	p->drop_nat_key = ns.drop_key;
	p->dropin_changed = p->dropin_missing ||
	    p->dropin_new.len != p->dropin->size ||
	    memcmp(p->dropin_new.data, p->dropin->data, p->dropin->size) != 0;
	return 0;
}

static size_t
newlines(const char *s, size_t n)
{
	size_t k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

/* Inline mode.  Our Include goes, unless other drop-ins are read
 * through it and sshd is not known to reject Include: then it stays,
 * unmarked, after the block (whose values come first and win).  The
 * file without our block is made only then: it is one more copy. */
static int
build_inline(struct ka_plan *p, const struct ka_files *f, struct ka_err *e)
{
	struct ka_buf kept = KA_BUF_INIT;
	struct ka_cfg *c;
	size_t before;
	int r = 0;

	if (p->mode.include_ok != 0)
		r = ka_edit_remove_keep(p->main, f, KA_DROPIN_PATH, NULL,
		    &p->kept, e);
	if (r < 0 || p->kept.reads == NULL)
		return r < 0 ? r :
		    ka_edit_inline(p->main, &p->values, &p->main_new, e);
	if ((r = ka_edit_remove_keep(p->main, f, KA_DROPIN_PATH, &kept,
	    &p->kept, e)) < 0) {
		ka_buf_free(&kept);
		return r;
	}
	before = newlines(kept.data, kept.len);
	if ((r = ka_cfg_adopt(p->main->path, &kept, &c, e)) < 0)
		return r;
	r = ka_edit_inline(c, &p->values, &p->main_new, e);
	/* the block goes before the first directive: before it */
	if (r == 0)
		p->kept.lineno += newlines(p->main_new.data, p->main_new.len) -
		    before;
	ka_cfg_free(c);
	return r;
}

static int
build_main(const struct ka_change_opts *o, enum ka_op op, struct ka_plan *p,
    struct ka_err *e)
{
	struct ka_files f = ka_files_system(o->root);
	struct ka_cfg *nd;
	struct ka_target t;
	int r;

	if (op == KA_OP_REMOVE)
		return ka_edit_remove_keep(p->main, &f, KA_DROPIN_PATH,
		    &p->main_new, &p->kept, e);
	if ((r = ka_cfg_parse(KA_DROPIN_PATH, p->dropin_new.data,
	    p->dropin_new.len, &nd, e)) < 0)
		return r;
	r = ka_dropin_values(nd, &p->values, e);
	ka_cfg_free(nd);
	if (r < 0)
		return r;
	ka_block_warn(o, p);
	if (p->mode.mode == KA_MODE_INLINE)
		return build_inline(p, &f, e);
	t.files = &f;
	t.dropin = KA_DROPIN_PATH;
	t.dropin_dir = KA_DROPIN_DIR;
	t.keys = p->values;
	return ka_edit_include(p->main, &t, &p->main_new, e);
}

int
ka_plan_build(const struct ka_change_opts *o, enum ka_op op,
    struct ka_plan *p, struct ka_err *e)
{
	int r;

	if ((r = ka_cfg_load(o->root, KA_PATH_SSHD_CONFIG, &p->main, e)) < 0)
		return r;
	if ((r = ka_block_check_foreign(p->main, e)) < 0)
		return r;
	if ((r = load_dropin(o, p, e)) < 0)
		return r;
	if (op != KA_OP_REMOVE &&
	    (r = ka_mode_resolve(o->root, o->mode, o->mode_given, &p->mode,
	    NULL, e)) < 0)
		return r;
	if ((r = build_dropin(o, op, p, e)) < 0)
		return r;
	if (op == KA_OP_REMOVE)
		p->dropin_changed = 0;   /* rpm takes the drop-in away */
	if ((r = build_main(o, op, p, e)) < 0)
		return r;
	p->main_changed = p->main_new.len != p->main->size ||
	    memcmp(p->main_new.data, p->main->data, p->main->size) != 0;
	return 0;
}

const struct ka_cfg *
ka_plan_new_main(struct ka_plan *p, struct ka_err *e)
{
	struct ka_cfg *c;

	if (!p->main_changed || p->main_is_new) {
		ka_buf_free(&p->main_new);   /* the same bytes as main */
		return p->main;
	}
	ka_cfg_free(p->main);
	p->main = NULL;
	if (ka_cfg_adopt(KA_PATH_SSHD_CONFIG, &p->main_new, &c, e) < 0)
		return NULL;
	p->main = c;
	p->main_is_new = 1;
	return c;
}
