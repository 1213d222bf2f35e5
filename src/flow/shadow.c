/* shadow.c - does sshd use the values we set, or does something win? */
#include "flow/shadow.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine/block.h"
#include "engine/dropin.h"
#include "engine/effective.h"
#include "sys/files_sys.h"
#include "sys/paths.h"
#include "sys/sysconfig.h"

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

/* 1 if criteria (a Match line's arguments joined by spaces) select every
 * connection: "all", or only User, Host, Address and LocalAddress with
 * the pattern "*" (a connection always has a user, a host name or
 * address, an address and a local address; sshd matches "*" to any). */
static int
every_connection(const char *criteria)
{
	char buf[256], *save = NULL, *attr;
	int pairs = 0;

	if (strcasecmp(criteria, "all") == 0)
		return 1;
	if (snprintf(buf, sizeof(buf), "%s", criteria) >= (int)sizeof(buf))
		return 0;
	for (attr = strtok_r(buf, " ", &save); attr != NULL;
	    attr = strtok_r(NULL, " ", &save), pairs++) {
		const char *pat;

		if ((pat = strtok_r(NULL, " ", &save)) == NULL ||
		    strcmp(pat, "*") != 0)
			return 0;
		if (strcasecmp(attr, "user") != 0 &&
		    strcasecmp(attr, "host") != 0 &&
		    strcasecmp(attr, "address") != 0 &&
		    strcasecmp(attr, "localaddress") != 0)
			return 0;
	}
	return pairs > 0;
}

/* The first setting in a Match block that applies to every connection,
 * or NULL. */
static const struct ka_setting *
match_all(const struct ka_kw_report *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->set[i].match != NULL && every_connection(k->set[i].match))
			return &k->set[i];
	return NULL;
}

/* What wins over ours for one keyword, if anything: 1 found, 0 not. */
static int
winner(const char *root, const struct ka_kw_report *k,
    const struct ka_stripped *b, struct ka_shadow *sh)
{
	const struct ka_setting *s;
	size_t line = 0;

	if ((s = match_all(k)) != NULL) {
		snprintf(sh->where, sizeof(sh->where), "%s:%zu", s->file, s->line);
		snprintf(sh->why, sizeof(sh->why), "in the Match %.64s block of "
		    "%s:%zu, which applies to every connection",
		    strcasecmp(s->match, "all") == 0 ? "all" : s->match,
		    s->match_file, s->match_line);
	} else if (ka_sysconfig_option(root, k->key, sh->value,
	    sizeof(sh->value), &line)) {
		snprintf(sh->where, sizeof(sh->where), "-o in OPTIONS, %s:%zu",
		    KA_PATH_SYSCONFIG_SSHD, line);
		snprintf(sh->why, sizeof(sh->why), "the command line beats every file");
		return 1;
	} else if (k->winner < 0) {
		ka_effective_show(k, k->dflt, sh->value, sizeof(sh->value));
		snprintf(sh->where, sizeof(sh->where), "sshd's default");
		snprintf(sh->why, sizeof(sh->why), "nothing that sshd reads sets it");
		return 1;
	} else {
		s = &k->set[k->winner];
		if (is_ours(b, s))
			return 0;
		snprintf(sh->where, sizeof(sh->where), "%s:%zu", s->file, s->line);
		snprintf(sh->why, sizeof(sh->why), "an earlier setting wins");
	}
	snprintf(sh->value, sizeof(sh->value), "%s", s->value);
	return 1;
}

static void
check_keyword(const char *root, const struct ka_kw_report *k, int kw,
    long ours, const struct ka_stripped *b, struct ka_shadows *out)
{
	struct ka_shadow *sh = &out->s[out->n];
	long num;

	memset(sh, 0, sizeof(*sh));
	if (ours < 0 || !winner(root, k, b, sh))
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
