/* shadow.c - does sshd use the values we set, or does something win? */
#include "flow/shadow.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/block.h"
#include "engine/dropin.h"
#include "engine/effective.h"
#include "flow/inuse.h"
#include "sys/files_sys.h"
#include "sys/paths.h"

/* ours[kw] as a number: seconds, a count, 1/0; -1 when unset. */
static long
our_value(const struct ka_values *v, int kw)
{
	return kw == KA_KW_IDX_INTERVAL ? v->interval :
	    kw == KA_KW_IDX_COUNT ? v->count_max : v->tcp_keepalive;
}

static int
is_ours(const struct ka_stripped *b, const struct ka_setting *s)
{
	if (strcmp(s->file, KA_DROPIN_PATH) == 0)
		return s->match == NULL;
	return strcmp(s->file, KA_PATH_SSHD_CONFIG) == 0 && b->had_block &&
	    s->line > b->block_begin && s->line <= b->block_end;
}

/* What wins over ours for one keyword, if anything: 1 found, 0 not. */
static int
winner(const char *root, const struct ka_kw_report *k, enum ka_kw kw,
    const struct ka_stripped *b, struct ka_shadow *sh)
{
	struct ka_inuse u;
	const struct ka_setting *s;

	ka_inuse_find(root, k, kw, &u);
	s = ka_inuse_setting(k, &u);
	switch (u.kind) {
	case KA_INUSE_MATCH:
		snprintf(sh->where, sizeof(sh->where), "%s:%zu", s->file, s->line);
		snprintf(sh->why, sizeof(sh->why), "in the Match %.64s block of "
		    "%s:%zu, which applies to every connection",
		    ka_inuse_criteria(s), s->match_file, s->match_line);
		break;
	case KA_INUSE_OPTIONS:
		snprintf(sh->where, sizeof(sh->where), "-o in OPTIONS, %s:%zu",
		    KA_PATH_SYSCONFIG_SSHD, u.opt_line);
		snprintf(sh->why, sizeof(sh->why), "the command line beats every file");
		break;
	case KA_INUSE_DEFAULT:
		snprintf(sh->where, sizeof(sh->where), "sshd's default");
		snprintf(sh->why, sizeof(sh->why), "nothing that sshd reads sets it");
		break;
	default:
		if (is_ours(b, s))
			return 0;
		snprintf(sh->where, sizeof(sh->where), "%s:%zu", s->file, s->line);
		snprintf(sh->why, sizeof(sh->why), "an earlier setting wins");
	}
	snprintf(sh->value, sizeof(sh->value), "%s", u.written);
	return 1;
}

static void
check_keyword(const char *root, const struct ka_kw_report *k, int kw,
    long ours, const struct ka_stripped *b, struct ka_shadows *out)
{
	struct ka_shadow *sh = &out->s[out->n];
	long num;

	memset(sh, 0, sizeof(*sh));
	if (ours < 0 || !winner(root, k, (enum ka_kw)kw, b, sh))
		return;
	sh->name = k->name;
	ka_effective_show(k, ours, sh->ours, sizeof(sh->ours));
	sh->differs = ka_effective_parse((enum ka_kw)kw, sh->value, &num) < 0 ||
	    num != ours;
	out->differ += sh->differs;
	out->n++;
}

int
ka_shadow_find(const char *root, const struct ka_cfg *main_new,
    const struct ka_cfg *dropin_new, const struct ka_values *ours,
    struct ka_shadows *out, struct ka_err *e)
{
	struct ka_files f;
	struct ka_walk_overlay ov;
	struct ka_effective eff;
	struct ka_stripped b;
	int kw, r;

	memset(out, 0, sizeof(*out));
	ov.path = KA_DROPIN_PATH;
	ov.cfg = dropin_new;
	if ((r = ka_block_strip(main_new, &b, e)) < 0)
		return r;
	f = ka_files_system(root);
	r = ka_effective_compute_overlay(&f, main_new, &ov, &eff, e);
	for (kw = 0; r == 0 && kw < KA_KW_N; kw++)
		check_keyword(root, &eff.kw[kw], kw, our_value(ours, kw), &b, out);
	if (r == 0)
		ka_effective_free(&eff);
	ka_stripped_free(&b);
	return r;
}
