/* status.c - what sshd will use, where it comes from, what shadows it
 *
 * A report takes no lock: every write is an atomic rename, so it reads
 * whole files, and it answers at once while a change runs. */
#include "flow/status.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "engine/block.h"
#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/dropin.h"
#include "engine/effective.h"
#include "engine/json.h"
#include "engine/modefile.h"
#include "engine/note.h"
#include "engine/value.h"
#include "flow/alive.h"
#include "flow/filemode.h"
#include "flow/inuse.h"
#include "flow/modechoice.h"
#include "flow/verdict.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/paths.h"
#include "sys/reload.h"
#include "sys/stale.h"

struct report {
	struct ka_effective eff;
	struct ka_stripped blocks;       /* where our block is in sshd_config */
	struct ka_files_mode files;      /* the mode the files are in */
	struct ka_mode_choice mode;      /* what a change would use */
	struct ka_mode_origin origin;    /* where the mode came from */
	struct ka_sshd_state sshd;
	int asked;                       /* sshd's state was asked */
	int unknown;                     /* asking it failed */
	int image;                       /* --root: not asked */
	int dropin_missing;
	int stale;                       /* -1 unknown */
	char stale_why[PATH_MAX + 256];  /* unknown while running: why */
	struct ka_inuse use[KA_KW_N];    /* what sshd uses, and where from */
	struct ka_alive alive;           /* probe period, drop time, record */
};

static int
is_ours(const struct report *rp, const struct ka_setting *s)
{
	if (strcmp(s->file, KA_DROPIN_PATH) == 0)
		return 1;
	return strcmp(s->file, KA_PATH_SSHD_CONFIG) == 0 &&
	    rp->blocks.had_block && s->line > rp->blocks.block_begin &&
	    s->line <= rp->blocks.block_end;
}

/* As --apply sees it: unknown makes it reload, and says why. */
static void
running_stale(struct report *rp)
{
	struct ka_stale s;

	rp->stale = ka_sshd_stale(&s);
	if (rp->stale < 0)
		snprintf(rp->stale_why, sizeof(rp->stale_why), "%s", s.why);
}

static void
sshd_state(const struct ka_status_opts *o, struct report *rp,
    struct ka_err *e)
{
	rp->stale = -1;
	if (o->root != NULL) {
		snprintf(rp->sshd.how, sizeof(rp->sshd.how),
		    "not asked: --root names an image");
		rp->image = 1;
		return;
	}
	if (ka_sshd_state(&rp->sshd, e) < 0) {
		snprintf(rp->sshd.how, sizeof(rp->sshd.how), "cannot tell: %.200s",
		    e->msg);
		rp->unknown = 1;
		return;
	}
	rp->asked = !rp->sshd.chroot;
	if (rp->sshd.running)
		running_stale(rp);
}

static int
dropin_missing(const char *root)
{
	struct ka_cfg *d = NULL;
	struct ka_err e;
	int r = ka_cfg_load(root, KA_DROPIN_PATH, &d, &e);

	if (r == 0)
		ka_cfg_free(d);
	return r == -ENOENT;
}

static int
gather(const struct ka_status_opts *o, struct report *rp, struct ka_err *e)
{
	struct ka_files f = ka_files_system(o->root);
	struct ka_cfg *main;
	int kw, r;

	if ((r = ka_cfg_load(o->root, KA_PATH_SSHD_CONFIG, &main, e)) < 0)
		return r;
	rp->dropin_missing = dropin_missing(o->root);
	r = ka_block_strip(main, &rp->blocks, e);
	if (r == 0)
		r = ka_files_mode(o->root, main, &rp->blocks, &rp->files, e);
	if (r == 0)
		r = ka_effective_compute(&f, main, &rp->eff, e);
	ka_cfg_free(main);
	if (r < 0 || (r = ka_mode_resolve(o->root, o->mode, o->mode_given,
	    &rp->mode, &rp->origin, e)) < 0)
		return r;
	for (kw = 0; kw < KA_KW_N; kw++)
		ka_inuse_find(o->root, &rp->eff.kw[kw], (enum ka_kw)kw, &rp->use[kw]);
	sshd_state(o, rp, e);
	if ((r = ka_alive_gather(o->root, &rp->alive, e)) < 0)
		return r;
	return 0;
}

/* The interval sshd uses (flow/inuse.h). */
static long
interval_in_use(const struct report *rp)
{
	const struct ka_inuse *u = &rp->use[KA_KW_IDX_INTERVAL];

	return u->valid ? u->num : rp->eff.kw[KA_KW_IDX_INTERVAL].effective;
}

/* The note for ClientAliveCountMax 0 in effect, or NULL. */
static const char *
count_note(const struct report *rp, int kw)
{
	const struct ka_inuse *u = &rp->use[kw];

	if (kw != KA_KW_IDX_COUNT || (u->kind != KA_INUSE_FILE &&
	    u->kind != KA_INUSE_MATCH) || !u->valid || u->num != 0)
		return NULL;
	return ka_note_count0(rp->alive.c0, interval_in_use(rp));
}

/* 1 when the setting s is overridden, not the one in use. */
static int
is_other(const struct report *rp, int kw, size_t i)
{
	return (int)i != rp->use[kw].set;
}

/* 1 when s, ours, repeats the value of our setting in use: in inline
 * mode our block and the drop-in that an Include below it reads too are
 * one source, not a conflict. */
static int
same_source(const struct report *rp, int kw, const struct ka_setting *s)
{
	const struct ka_inuse *u = &rp->use[kw];
	const struct ka_setting *w = ka_inuse_setting(&rp->eff.kw[kw], u);

	return u->kind == KA_INUSE_FILE && s->match == NULL && s->valid &&
	    u->valid && s->num == u->num && is_ours(rp, s) && is_ours(rp, w);
}

/* "drop-in" or "block": which of ours s is. */
static const char *
our_part(const struct ka_setting *s)
{
	return strcmp(s->file, KA_DROPIN_PATH) == 0 ? "drop-in" : "block";
}

/* Why s is not the one in use. */
static const char *
why_other(const struct report *rp, int kw, char *buf, size_t size)
{
	const struct ka_inuse *u = &rp->use[kw];

	if (u->kind == KA_INUSE_OPTIONS)
		return "the command line wins";
	if (u->kind != KA_INUSE_MATCH)
		return "an earlier value wins";
	snprintf(buf, size, "the Match %.64s block applies to every connection",
	    ka_inuse_criteria(ka_inuse_setting(&rp->eff.kw[kw], u)));
	return buf;
}

static void
text_other(const struct report *rp, int kw, const struct ka_setting *s)
{
	const struct ka_setting *w = ka_inuse_setting(&rp->eff.kw[kw],
	    &rp->use[kw]);
	char why[128];

	if (s->match != NULL)
		printf("  Match %s (%s:%zu): %s at %s:%zu\n", s->match,
		    s->match_file, s->match_line, s->value, s->file, s->line);
	else if (same_source(rp, kw, s))
		printf("  also read: ssh-keepalive's %s, %s at %s:%zu (the same "
		    "value as ssh-keepalive's %s)\n", our_part(s), s->value,
		    s->file, s->line, our_part(w));
	else
		printf("  %s: %s at %s:%zu (%s)\n",
		    is_ours(rp, s) ? "shadowed, ssh-keepalive's" : "ignored",
		    s->value, s->file, s->line, why_other(rp, kw, why, sizeof(why)));
}

/* The line of the value in use: "ClientAliveInterval  600 (from ...)". */
static void
text_in_use(const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	const struct ka_inuse *u = &rp->use[kw];
	const struct ka_setting *s = ka_inuse_setting(k, u);

	if (u->kind == KA_INUSE_OPTIONS) {
		printf("%-20s %s (-o in OPTIONS, %s:%zu: beats every file)\n",
		    k->name, u->written,
		    KA_PATH_SYSCONFIG_SSHD, u->opt_line);
		return;
	}
	if (u->kind == KA_INUSE_DEFAULT) {
		printf("%-20s %s (sshd's default)\n", k->name, u->written);
		return;
	}
	printf("%-20s %s (from %s:%zu%s", k->name, s->value, s->file, s->line,
	    is_ours(rp, s) ? ", ssh-keepalive" : "");
	if (u->kind == KA_INUSE_MATCH)
		printf(", in the Match %s block of %s:%zu, which applies to every "
		    "connection", ka_inuse_criteria(s), s->match_file,
		    s->match_line);
	printf(")%s\n", s->valid ? "" : " INVALID: sshd will refuse it");
}

static void
text_keyword(const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	const char *note = count_note(rp, kw);
	size_t i;

	text_in_use(rp, kw);
	for (i = 0; i < k->n; i++)
		if (is_other(rp, kw, i))
			text_other(rp, kw, &k->set[i]);
	if (note != NULL)
		printf("  note: %s\n", note);
}

/* Where the mode comes from, without the reasoning: "; set by
 * FILE:LINE: MODE=inline", "; set by --mode include", or nothing. */
static void
mode_origin(const struct report *rp, struct ka_buf *b)
{
	const struct ka_mode_origin *o = &rp->origin;

	if (o->from == KA_MODE_FROM_FILE)
		ka_buf_addf(b, "; set by %s:%zu: MODE=%s", KA_PATH_MODEFILE,
		    o->line, ka_mode_name(o->setting));
	else if (o->from == KA_MODE_FROM_OPTION)
		ka_buf_addf(b, "; set by --mode %s", ka_mode_name(o->setting));
}

/* "include (ssh-keepalive's Include reads the drop-in, FILE:LINE)" and,
 * when a change would use another mode, which; with verbose, why. */
static void
mode_text(const struct report *rp, int verbose, struct ka_buf *b)
{
	const struct ka_files_mode *f = &rp->files;

	ka_buf_addf(b, "%s (%s", f->mode == KA_MODE_AUTO ? "not applied" :
	    ka_mode_name(f->mode), f->how);
	if (f->line > 0)
		ka_buf_addf(b, ", %s:%zu", KA_PATH_SSHD_CONFIG, f->line);
	ka_buf_adds(b, ")");
	if (!verbose) {
		if (f->mode == rp->mode.mode)
			mode_origin(rp, b);
		else
			ka_buf_addf(b, "; %s %s", rp->origin.setting == KA_MODE_AUTO ?
			    "auto mode would choose" : "a change would make it",
			    ka_mode_name(rp->mode.mode));
		return;
	}
	if (f->mode == rp->mode.mode) {
		ka_buf_addf(b, "; %s %s", rp->origin.setting == KA_MODE_AUTO &&
		    rp->origin.from == KA_MODE_FROM_DEFAULT ? "auto:" : "set by",
		    rp->mode.why);
		return;
	}
	if (rp->origin.setting == KA_MODE_AUTO)
		ka_buf_addf(b, "; auto mode would choose %s (%s)",
		    ka_mode_name(rp->mode.mode), rp->mode.why);
	else
		ka_buf_addf(b, "; a change would make it %s (%s)",
		    ka_mode_name(rp->mode.mode), rp->mode.why);
}

/* Where the setting in use for kw comes from, into buf. */
static const char *
where_in_use(const struct report *rp, int kw, char *buf, size_t size)
{
	const struct ka_inuse *u = &rp->use[kw];
	const struct ka_setting *w = ka_inuse_setting(&rp->eff.kw[kw], u);

	if (u->kind == KA_INUSE_OPTIONS)
		snprintf(buf, size, "-o in OPTIONS, %s:%zu", KA_PATH_SYSCONFIG_SSHD,
		    u->opt_line);
	else if (u->kind == KA_INUSE_MATCH && w != NULL)
		snprintf(buf, size, "Match %.64s, %s:%zu", ka_inuse_criteria(w),
		    w->file, w->line);
	else if (w != NULL)
		snprintf(buf, size, "%s:%zu", w->file, w->line);
	else
		snprintf(buf, size, "sshd's default");
	return buf;
}

/* ssh-keepalive's global setting of kw, or NULL. */
static const struct ka_setting *
our_setting(const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	size_t i;

	for (i = 0; i < k->n; i++)
		if (k->set[i].match == NULL && is_ours(rp, &k->set[i]))
			return &k->set[i];
	return NULL;
}

/* The first keyword whose value in use is another than ours, as the
 * exit-5 check names it: "ClientAliveInterval 120 from FILE:LINE\n
 * wins over ssh-keepalive's 600"; NULL when sshd uses ours everywhere. */
static const char *
override_text(const struct report *rp, char *buf, size_t size)
{
	char where[PATH_MAX + 96];
	int kw;

	for (kw = 0; kw < KA_KW_N; kw++) {
		const struct ka_inuse *u = &rp->use[kw];
		const struct ka_setting *s = our_setting(rp, kw);
		const struct ka_setting *w = ka_inuse_setting(&rp->eff.kw[kw], u);

		if (s == NULL || (w != NULL && is_ours(rp, w)) ||
		    (u->valid && s->valid && u->num == s->num))
			continue;
		snprintf(buf, size, "%s %s from %s\n  wins over ssh-keepalive's %s",
		    rp->eff.kw[kw].name, u->written,
		    where_in_use(rp, kw, where, sizeof(where)), s->value);
		return buf;
	}
	return NULL;
}

static enum ka_verdict_sshd
sshd_verdict(const struct report *rp)
{
	if (rp->image)
		return KA_VSSHD_IMAGE;
	if (rp->unknown)
		return KA_VSSHD_UNKNOWN;
	if (rp->sshd.chroot)
		return KA_VSSHD_CHROOT;
	if (!rp->sshd.running)
		return rp->sshd.socket ? KA_VSSHD_SOCKET : KA_VSSHD_STOPPED;
	return rp->stale == 1 ? KA_VSSHD_STALE : rp->stale == 0 ?
	    KA_VSSHD_CURRENT : KA_VSSHD_STALE_UNKNOWN;
}

static void
print_verdict(const struct report *rp)
{
	struct ka_verdict_facts f;
	struct ka_buf b = KA_BUF_INIT;
	char over[PATH_MAX + 512];

	f.alive = &rp->alive;
	f.dropin_missing = rp->dropin_missing;
	f.inline_mode = rp->files.mode == KA_MODE_INLINE;
	f.not_read = rp->files.mode == KA_MODE_AUTO;
	f.sshd = sshd_verdict(rp);
	f.override = override_text(rp, over, sizeof(over));
	ka_verdict_head(&f, &b);
	ka_buf_adds(&b, "\n");
	ka_verdict_body(&f, &b);
	ka_buf_adds(&b, "\n");
	if (b.data != NULL)
		fwrite(b.data, 1, b.len, stdout);
	ka_buf_free(&b);
}

static void
print_text(const struct report *rp, int verbose)
{
	struct ka_buf m = KA_BUF_INIT;
	int kw;

	print_verdict(rp);
	for (kw = 0; kw < KA_KW_N; kw++)
		text_keyword(rp, kw);
	ka_alive_text(&rp->alive);
	mode_text(rp, verbose, &m);
	printf("mode: %s\n", m.data ? m.data : "");
	ka_buf_free(&m);
	printf("sshd: %s%s", rp->sshd.how, rp->stale == 1 ?
	    "; its running config is older than the files: reload it" :
	    rp->stale == 0 ? "; its running config is up to date" : "");
	if (rp->stale_why[0] != '\0')
		printf("; cannot tell whether its running config is older than "
		    "the files (%s): --apply reloads it", rp->stale_why);
	printf("\n");
}

/* A value as JSON: seconds or a count, true/false, or null. */
static void
json_value(struct ka_buf *b, int kw, int valid, long num)
{
	if (!valid)
		ka_buf_adds(b, "null");
	else if (kw == KA_KW_IDX_TCP)
		ka_buf_adds(b, num ? "true" : "false");
	else
		ka_buf_addf(b, "%ld", num);
}

/* The Match block s is in: {"criteria":...,"file":...,"line":N}, or
 * null. */
static void
json_match(struct ka_buf *b, const struct ka_setting *s)
{
	if (s == NULL || s->match == NULL) {
		ka_buf_adds(b, "null");
		return;
	}
	ka_buf_adds(b, "{\"criteria\":");
	ka_json_str(b, s->match);
	ka_json_key(b, "file", 0);
	ka_json_str(b, s->match_file);
	ka_buf_addf(b, ",\"line\":%zu}", s->match_line);
}

static void
json_setting(struct ka_buf *b, const struct report *rp, int kw,
    const struct ka_setting *s)
{
	ka_buf_adds(b, "{\"value\":");
	json_value(b, kw, s->valid, s->num);
	ka_json_key(b, "written", 0);
	ka_json_str(b, s->value);
	ka_buf_addf(b, ",\"valid\":%s,\"file\":", s->valid ? "true" : "false");
	ka_json_str(b, s->file);
	ka_buf_addf(b, ",\"line\":%zu,\"ssh_keepalive\":%s,\"effect\":\"%s\","
	    "\"match\":", s->line, is_ours(rp, s) ? "true" : "false",
	    s->match ? "match" : same_source(rp, kw, s) ? "same_source" :
	    is_ours(rp, s) ? "shadowed" : "ignored");
	json_match(b, s);
	ka_buf_adds(b, "}");
}

/* value, written, valid and source of what sshd uses (flow/inuse.h). */
static void
json_in_use(struct ka_buf *b, const struct report *rp, int kw)
{
	static const char *const kind[] = { "default", "file", "command_line",
	    "match" };
	const struct ka_inuse *u = &rp->use[kw];
	const struct ka_setting *s = ka_inuse_setting(&rp->eff.kw[kw], u);

	ka_buf_adds(b, "\"value\":");
	json_value(b, kw, u->valid, u->num);
	ka_json_key(b, "written", 0);
	ka_json_str(b, u->written);
	ka_buf_addf(b, ",\"valid\":%s,\"source\":{\"kind\":\"%s\",\"file\":",
	    u->valid ? "true" : "false", kind[u->kind]);
	if (u->kind == KA_INUSE_OPTIONS)
		ka_buf_addf(b, "\"%s\",\"line\":%zu,\"ssh_keepalive\":false",
		    KA_PATH_SYSCONFIG_SSHD, u->opt_line);
	else if (s == NULL)
		ka_buf_adds(b, "null,\"line\":null,\"ssh_keepalive\":false");
	else {
		ka_json_str(b, s->file);
		ka_buf_addf(b, ",\"line\":%zu,\"ssh_keepalive\":%s", s->line,
		    is_ours(rp, s) ? "true" : "false");
	}
	ka_json_key(b, "match", 0);
	json_match(b, s);
	ka_buf_adds(b, "}");
}

static void
json_keyword(struct ka_buf *b, const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	size_t i;
	int first = 1;

	ka_json_key(b, k->name, kw == 0);
	ka_buf_adds(b, "{");
	json_in_use(b, rp, kw);
	ka_buf_adds(b, ",\"others\":[");
	for (i = 0; i < k->n; i++) {
		if (!is_other(rp, kw, i))
			continue;
		ka_buf_adds(b, first ? "" : ",");
		first = 0;
		json_setting(b, rp, kw, &k->set[i]);
	}
	ka_buf_adds(b, "]");
	ka_json_key(b, "note", 0);
	ka_json_str(b, count_note(rp, kw));
	ka_buf_adds(b, "}");
}

static void
json_mode(struct ka_buf *b, const struct report *rp)
{
	ka_json_key(b, "mode", 0);
	ka_json_str(b, ka_files_mode_name(&rp->files));
	ka_json_key(b, "mode_reason", 0);
	ka_json_str(b, rp->files.how);
	ka_json_key(b, "mode_where", 0);
	if (rp->files.line > 0)
		ka_buf_addf(b, "{\"file\":\"%s\",\"line\":%zu}",
		    KA_PATH_SSHD_CONFIG, rp->files.line);
	else
		ka_buf_adds(b, "null");
	ka_json_key(b, "chosen_mode", 0);
	ka_json_str(b, ka_mode_name(rp->mode.mode));
	ka_json_key(b, "chosen_mode_reason", 0);
	ka_json_str(b, rp->mode.why);
}

static const char *
json_bool(int asked, int v)
{
	return !asked || v < 0 ? "null" : v ? "true" : "false";
}

/* "mode_source": where the mode came from: the file and its line,
 * --mode, or the automatic decision and how it was made. */
static void
json_mode_source(struct ka_buf *b, const struct ka_mode_origin *o)
{
	ka_buf_adds(b, ",\"mode_source\":{\"from\":");
	ka_json_str(b, ka_mode_from_name(o->from));
	ka_buf_adds(b, ",\"setting\":");
	ka_json_str(b, ka_mode_name(o->setting));
	if (o->from == KA_MODE_FROM_FILE)
		ka_buf_addf(b, ",\"file\":\"%s\",\"line\":%zu", KA_PATH_MODEFILE,
		    o->line);
	else
		ka_buf_adds(b, ",\"file\":null,\"line\":null");
	ka_buf_adds(b, ",\"detected\":");
	if (o->setting == KA_MODE_AUTO)
		ka_json_str(b, o->detected);
	else
		ka_buf_adds(b, "null");
	ka_buf_adds(b, "}");
}

static void
print_json(const struct report *rp)
{
	struct ka_buf b = KA_BUF_INIT;
	int kw;

	ka_buf_adds(&b, "{\"values\":{");
	for (kw = 0; kw < KA_KW_N; kw++)
		json_keyword(&b, rp, kw);
	ka_buf_adds(&b, "}");
	json_mode(&b, rp);
	json_mode_source(&b, &rp->origin);
	ka_buf_addf(&b, ",\"sshd\":{\"running\":%s,\"stale\":%s,\"how\":",
	    json_bool(rp->asked, rp->sshd.running),
	    json_bool(rp->asked, rp->stale));
	ka_json_str(&b, rp->sshd.how);
	ka_buf_addf(&b, ",\"socket_activated\":%s}",
	    json_bool(rp->asked, rp->sshd.socket));
	ka_alive_json(&b, &rp->alive);
	ka_buf_adds(&b, "}\n");

	fwrite(b.data, 1, b.len, stdout);
	ka_buf_free(&b);
}

int
ka_status(const struct ka_status_opts *o, struct ka_err *e)
{
	struct report rp;
	int r;

	memset(&rp, 0, sizeof(rp));
	r = gather(o, &rp, e);
	if (r == 0) {
		if (o->json)
			print_json(&rp);
		else
			print_text(&rp, o->verbose);
	}
	ka_effective_free(&rp.eff);
	ka_stripped_free(&rp.blocks);
	return r;
}

void
ka_status_json_error(const struct ka_err *e)
{
	struct ka_buf b = KA_BUF_INIT;
	char file[sizeof(e->msg)];

	ka_buf_adds(&b, "{\"error\":{\"file\":");
	if (e->file_len > 0 && e->file_len < sizeof(file)) {
		memcpy(file, e->msg, e->file_len);
		file[e->file_len] = '\0';
		ka_json_str(&b, file);
	} else {
		ka_buf_adds(&b, "null");
	}
	if (e->line > 0)
		ka_buf_addf(&b, ",\"line\":%zu", e->line);
	else
		ka_buf_adds(&b, ",\"line\":null");
	ka_buf_adds(&b, ",\"message\":");
	ka_json_str(&b, e->msg + (e->what < sizeof(e->msg) ? e->what : 0));
	ka_buf_adds(&b, "}}\n");
	if (b.data != NULL)
		fwrite(b.data, 1, b.len, stdout);
	ka_buf_free(&b);
}
