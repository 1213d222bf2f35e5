/* client_gather.c - what the client report shows, read without writing */
#include "flow/client_gather.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/pathlist.h"
#include "engine/period_client.h"
#include "flow/modechoice.h"
#include "sys/fsutil.h"

static void
add_override(struct ka_client_report *r, const char *file,
    const struct ka_line *l, int scoped)
{
	struct ka_client_override *o;
	struct ka_args a;

	if (r->nov == KA_CLIENT_MAX_OVERRIDES) {
		r->nov_more++;
		return;
	}
	o = &r->ov[r->nov++];
	snprintf(o->file, sizeof(o->file), "%s", file);
	o->line = l->lineno;
	o->scoped = scoped;
	snprintf(o->keyword, sizeof(o->keyword), "%s",
	    ka_line_is(l, KA_KW_SA_INTERVAL) ? "ServerAliveInterval" :
	    "ServerAliveCountMax");
	o->value[0] = '\0';
	if (ka_line_args(l, &a) == 0 && a.argc > 0)
		snprintf(o->value, sizeof(o->value), "%s", a.argv[0]);
	ka_args_free(&a);
}

/* A user's file: its ServerAlive* lines, in a Host/Match block or not
 * (ssh reads the user's file before the system one, whatever it says). */
static void
scan_user_file(const char *root, const char *path,
    struct ka_client_report *r)
{
	struct ka_cfg *cfg;
	struct ka_err e;
	size_t i;
	int scoped = 0;

	if (ka_cfg_load(root, path, &cfg, &e) < 0)
		return;
	for (i = 0; i < cfg->nlines; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (ka_line_is(l, "host") || ka_line_is(l, "match"))
			scoped = 1;
		if (ka_line_is(l, KA_KW_SA_INTERVAL) ||
		    ka_line_is(l, KA_KW_SA_COUNT))
			add_override(r, path, l, scoped);
	}
	ka_cfg_free(cfg);
}

static void
scan_users(const char *root, struct ka_client_report *r)
{
	struct ka_pathlist pl;
	struct ka_err e;
	size_t i;

	scan_user_file(root, "/root/.ssh/config", r);
	memset(&pl, 0, sizeof(pl));
	if (ka_fs_glob(root, "/home/*/.ssh/config", &pl, &e) < 0)
		return;
	for (i = 0; i < pl.n; i++)
		scan_user_file(root, pl.paths[i], r);
	ka_pathlist_free(&pl);
}

static void
read_files(const char *root, struct ka_client_report *r)
{
	struct ka_cfg *cfg;
	struct ka_err e;

	if (ka_modefile_load(root, 1, &r->sc, &r->sc_err) < 0)
		r->sc_bad = 1;
	if (ka_cfg_load(root, KA_PATH_SSH_CONFIG, &cfg, &r->main_err) < 0) {
		r->main_missing = 1;
	} else {
		if (ka_client_edit_state(cfg, KA_CLIENT_DROPIN_PATH,
		    KA_CLIENT_DROPIN_DIR, &r->st, &r->main_err) < 0)
			r->main_bad = 1;
		ka_cfg_free(cfg);
	}
	r->dropin.interval = r->dropin.count_max = -1;
	if (ka_cfg_load(root, KA_CLIENT_DROPIN_PATH, &cfg, &e) < 0)
		return;
	r->dropin_present = 1;
	if (ka_client_dropin_values(cfg, &r->dropin, &r->dropin_err) < 0)
		r->dropin_bad = 1;
	ka_cfg_free(cfg);
}

/* ssh -G: confined always; on the system itself not at all when a Match
 * exec line would run a command (a report runs nothing of the kind). */
static void
ask_ssh(const struct ka_client_status_opts *so, struct ka_client_report *r)
{
	struct ka_err e;
	char name[64];
	int ns = 0;

	ka_sshver_name(&r->rel.v, name, sizeof(name));
	if (r->rel.v.known && !ka_client_has_config_dump(&r->rel.v))
		snprintf(r->not_asked, sizeof(r->not_asked), "ssh %s has no -G "
		    "(6.8p1 and later have)", name);
	else if (r->rel.src == KA_REL_UNKNOWN && !r->rel.v.known &&
	    strstr(r->rel.how, "no ") == r->rel.how)
		snprintf(r->not_asked, sizeof(r->not_asked), "%s", r->rel.how);
	else if (so->root == NULL && ka_ssh_config_has_exec(NULL))
		snprintf(r->not_asked, sizeof(r->not_asked), "a Match exec line "
		    "would run its command, and a report runs nothing");
	else if (ka_ssh_g(so->root, KA_PATH_SSH_CONFIG, r->host, NULL, 0, &r->g,
	    &ns, &e) < 0)
		snprintf(r->not_asked, sizeof(r->not_asked), "%.500s", e.msg);
	else if (ns != 0)
		snprintf(r->not_asked, sizeof(r->not_asked), "no private "
		    "namespace for ssh here");
	else if (r->g.verdict == KA_SSHG_NOT_RUN)
		snprintf(r->not_asked, sizeof(r->not_asked), "%.500s", r->g.msg);
	else
		r->asked = 1;
}

void
ka_client_gather(const struct ka_client_status_opts *so,
    struct ka_client_report *r)
{
	struct ka_err e;

	memset(r, 0, sizeof(*r));
	r->host = so->host != NULL ? so->host : KA_CLIENT_CHECK_HOST;
	ka_client_release_detect(so->root, &r->rel, &e);
	read_files(so->root, r);
	ask_ssh(so, r);
	scan_users(so->root, r);
}
