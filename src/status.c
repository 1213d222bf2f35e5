/* status.c - what sshd will use, where it comes from, what shadows it */
#include "status.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "block.h"
#include "buf.h"
#include "cfgfile.h"
#include "dropin.h"
#include "effective.h"
#include "fsutil.h"
#include "lock.h"
#include "modefile.h"
#include "paths.h"
#include "reload.h"
#include "sysconfig.h"

struct report {
	struct ka_effective eff;
	struct ka_stripped blocks;       /* where our block is in sshd_config */
	struct ka_mode_choice mode;
	struct ka_mode_origin origin;    /* where the mode came from */
	int include_support;             /* from the automatic decision */
	struct ka_sshd_state sshd;
	int stale;                       /* -1 unknown */
	char opt_value[KA_KW_N][128];    /* -o in /etc/sysconfig/sshd */
	size_t opt_line[KA_KW_N];
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

static long
mtime_of(const char *root, const char *path)
{
	char *full = ka_fs_join(root, path);
	struct stat st;
	long t = -1;

	if (full != NULL && stat(full, &st) == 0)
		t = (long)st.st_mtime;
	free(full);
	return t;
}

/* Stale when a config file changed after sshd last (re)started: sshd
 * rewrites its pid file on every start and reload. */
static int
running_is_stale(void)
{
	long pid = mtime_of(NULL, KA_PATH_SSHD_PID);
	long conf = mtime_of(NULL, KA_PATH_SSHD_CONFIG);
	long drop = mtime_of(NULL, KA_DROPIN_PATH);

	if (pid < 0)
		return -1;
	return conf > pid || drop > pid;
}

static int
gather(const struct ka_status_opts *o, struct report *rp, struct ka_err *e)
{
	struct ka_mode_choice autom;
	struct ka_cfg *main;
	int kw, r;

	if ((r = ka_cfg_load(o->root, KA_PATH_SSHD_CONFIG, &main, e)) < 0)
		return r;
	r = ka_block_strip(main, &rp->blocks, e);
	if (r == 0)
		r = ka_effective_compute(o->root, main, &rp->eff, e);
	ka_cfg_free(main);
	if (r < 0 || (r = ka_mode_resolve(o->root, o->mode, o->mode_given,
	    &rp->mode, &rp->origin, e)) < 0)
		return r;
	if (rp->origin.setting == KA_MODE_AUTO)
		autom = rp->mode;
	else if ((r = ka_mode_decide(o->root, KA_MODE_AUTO, &autom, e)) < 0)
		return r;
	rp->include_support = autom.mode == KA_MODE_INCLUDE;
	for (kw = 0; kw < KA_KW_N; kw++)
		ka_sysconfig_option(o->root, rp->eff.kw[kw].key, rp->opt_value[kw],
		    sizeof(rp->opt_value[kw]), &rp->opt_line[kw]);
	rp->stale = -1;
	if (o->root == NULL && ka_sshd_state(&rp->sshd, e) == 0 &&
	    rp->sshd.running)
		rp->stale = running_is_stale();
	else if (o->root != NULL)
		snprintf(rp->sshd.how, sizeof(rp->sshd.how),
		    "not asked: --root names an image");
	return 0;
}

static const char *
count0_note(const struct report *rp)
{
	return rp->include_support ?
	    "0 on this sshd (OpenSSH 8.2p1+, RHEL 8.6+): probes are sent but "
	    "a silent client is never dropped" :
	    "0 on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5): a client "
	    "is dropped at its first idle interval, without a probe";
}

static void
text_keyword(const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	char v[32];
	size_t i;

	if (rp->opt_line[kw] > 0)
		printf("%-20s %s (from -o in OPTIONS, %s:%zu: the command line "
		    "beats every file)\n", k->name, rp->opt_value[kw],
		    KA_PATH_SYSCONFIG_SSHD, rp->opt_line[kw]);
	else if (k->winner < 0)
		printf("%-20s %s (sshd's default)\n", k->name,
		    ka_effective_show(k, k->dflt, v, sizeof(v)));
	else
		printf("%-20s %s (from %s:%zu%s)%s\n", k->name,
		    k->set[k->winner].value, k->set[k->winner].file,
		    k->set[k->winner].line,
		    is_ours(rp, &k->set[k->winner]) ? ", ssh-keepalive" : "",
		    k->set[k->winner].valid ? "" : " INVALID: sshd will refuse it");
	for (i = 0; i < k->n; i++) {
		const struct ka_setting *s = &k->set[i];

		if ((int)i == k->winner)
			continue;
		if (s->match != NULL)
			printf("  Match %s (%s:%zu): %s at %s:%zu\n", s->match,
			    s->match_file, s->match_line, s->value, s->file, s->line);
		else
			printf("  %s: %s at %s:%zu (an earlier value wins)\n",
			    is_ours(rp, s) ? "shadowed, ssh-keepalive's" : "ignored",
			    s->value, s->file, s->line);
	}
	if (kw == KA_KW_IDX_COUNT && k->effective == 0 && k->winner >= 0)
		printf("  note: ClientAliveCountMax %s\n", count0_note(rp));
}

static void
print_text(const struct report *rp)
{
	int kw;

	for (kw = 0; kw < KA_KW_N; kw++)
		text_keyword(rp, kw);
	printf("mode: %s (%s)\n", ka_mode_name(rp->mode.mode), rp->mode.why);
	printf("sshd: %s%s\n", rp->sshd.how, rp->stale == 1 ?
	    "; its running config is older than the files: reload it" :
	    rp->stale == 0 ? "; its running config is up to date" : "");
}

static void
json_str(struct ka_buf *b, const char *s)
{
	ka_buf_adds(b, "\"");
	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			ka_buf_addf(b, "\\%c", c);
		else if (c < 0x20)
			ka_buf_addf(b, "\\u%04x", c);
		else
			ka_buf_add(b, s, 1);
	}
	ka_buf_adds(b, "\"");
}

static void
json_setting(struct ka_buf *b, const struct report *rp,
    const struct ka_setting *s)
{
	ka_buf_adds(b, "{\"value\":");
	json_str(b, s->value);
	ka_buf_addf(b, ",\"file\":");
	json_str(b, s->file);
	ka_buf_addf(b, ",\"line\":%zu,\"valid\":%s,\"ssh_keepalive\":%s",
	    s->line, s->valid ? "true" : "false", is_ours(rp, s) ? "true" : "false");
	if (s->match != NULL) {
		ka_buf_adds(b, ",\"match\":");
		json_str(b, s->match);
	}
	ka_buf_adds(b, "}");
}

static void
json_keyword(struct ka_buf *b, const struct report *rp, int kw)
{
	const struct ka_kw_report *k = &rp->eff.kw[kw];
	size_t i;
	int first = 1;

	json_str(b, k->name);
	ka_buf_adds(b, ":{\"value\":");
	if (rp->opt_line[kw] > 0)
		json_str(b, rp->opt_value[kw]);
	else {
		char v[32];

		json_str(b, k->winner >= 0 ? k->set[k->winner].value :
		    ka_effective_show(k, k->dflt, v, sizeof(v)));
	}
	ka_buf_adds(b, ",\"source\":");
	if (rp->opt_line[kw] > 0)
		ka_buf_addf(b, "{\"file\":\"%s\",\"line\":%zu,\"command_line\":true}",
		    KA_PATH_SYSCONFIG_SSHD, rp->opt_line[kw]);
	else if (k->winner >= 0)
		json_setting(b, rp, &k->set[k->winner]);
	else
		ka_buf_adds(b, "\"default\"");
	ka_buf_adds(b, ",\"others\":[");
	for (i = 0; i < k->n; i++) {
		if ((int)i == k->winner)
			continue;
		ka_buf_adds(b, first ? "" : ",");
		first = 0;
		json_setting(b, rp, &k->set[i]);
	}
	ka_buf_adds(b, "]}");
}

/* "mode_source": where the mode came from: the file and its line,
 * --mode, or the automatic decision and how it was made. */
static void
json_mode_source(struct ka_buf *b, const struct ka_mode_origin *o)
{
	ka_buf_adds(b, ",\"mode_source\":{\"from\":");
	json_str(b, ka_mode_from_name(o->from));
	ka_buf_adds(b, ",\"setting\":");
	json_str(b, ka_mode_name(o->setting));
	if (o->from == KA_MODE_FROM_FILE)
		ka_buf_addf(b, ",\"file\":\"%s\",\"line\":%zu", KA_PATH_MODEFILE,
		    o->line);
	else
		ka_buf_adds(b, ",\"file\":null,\"line\":null");
	ka_buf_adds(b, ",\"detected\":");
	if (o->setting == KA_MODE_AUTO)
		json_str(b, o->detected);
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
	for (kw = 0; kw < KA_KW_N; kw++) {
		ka_buf_adds(&b, kw ? "," : "");
		json_keyword(&b, rp, kw);
	}
	ka_buf_adds(&b, "},\"mode\":");
	json_str(&b, ka_mode_name(rp->mode.mode));
	ka_buf_adds(&b, ",\"mode_reason\":");
	json_str(&b, rp->mode.why);
	json_mode_source(&b, &rp->origin);
	ka_buf_addf(&b, ",\"sshd\":{\"running\":%s,\"stale\":%s,\"how\":",
	    rp->sshd.running ? "true" : "false",
	    rp->stale < 0 ? "null" : rp->stale ? "true" : "false");
	json_str(&b, rp->sshd.how);
	ka_buf_adds(&b, "}}\n");
	fwrite(b.data, 1, b.len, stdout);
	ka_buf_free(&b);
}

int
ka_status(const struct ka_status_opts *o, struct ka_err *e)
{
	struct report rp;
	int lock, r;

	memset(&rp, 0, sizeof(rp));
	if ((lock = ka_lock(o->root, 1, e)) < 0)
		return lock;
	r = gather(o, &rp, e);
	ka_unlock(lock);
	if (r == 0) {
		if (o->json)
			print_json(&rp);
		else
			print_text(&rp);
	}
	ka_effective_free(&rp.eff);
	ka_stripped_free(&rp.blocks);
	return r;
}
