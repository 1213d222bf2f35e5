/* sshclient.c - the installed ssh client: its release, and ssh -G */
#include "sys/sshclient.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/cfgfile.h"
#include "engine/pathlist.h"
#include "sys/confine.h"
#include "sys/fsutil.h"
#include "sys/run.h"
#include "sys/sshdbytes.h"
#include "sys/rootfs.h"

/* ssh -V prints "OpenSSH_9.2p1 Debian-2, OpenSSL ..." on stderr, on
 * every release.  The system's own ssh only. */
static int
from_ssh(struct ka_release *r)
{
	char *argv[] = { KA_PATH_SSH, "-V", NULL };
	struct ka_run res;
	struct ka_err e;
	int got = 0;

	if (ka_run(NULL, argv, &res, &e) == 0 && res.exec_errno == 0 &&
	    ka_sshver_from_line(res.out.data, &r->v) == 0) {
		r->src = KA_REL_SSHD;
		snprintf(r->how, sizeof(r->how), "%s -V", KA_PATH_SSH);
		got = 1;
	} else if (res.exec_errno != 0)
		snprintf(r->how, sizeof(r->how), "no %s to ask", KA_PATH_SSH);
	else
		snprintf(r->how, sizeof(r->how), "%s -V names no release",
		    KA_PATH_SSH);
	ka_run_free(&res);
	return got;
}

static int
from_bytes(const char *root, struct ka_release *r)
{
	int e = ka_release_from_bytes(root, KA_PATH_SSH, &r->v);

	if (e == 0) {
		r->src = KA_REL_BINARY;
		snprintf(r->how, sizeof(r->how), "the version string in the "
		    "image's %s", KA_PATH_SSH);
		return 1;
	}
	if (e == -ENOENT && !ka_program_in_image(root, KA_PATH_SSH))
		snprintf(r->how, sizeof(r->how), "no %s in the image",
		    KA_PATH_SSH);
	else
		snprintf(r->how, sizeof(r->how), e == -ENOENT ? "no version "
		    "string in the image's %s" : e == -EINVAL ? "the version "
		    "strings in the image's %s disagree" : "the image's %s "
		    "cannot be read", KA_PATH_SSH);
	return 0;
}

int
ka_client_release_detect(const char *root, struct ka_release *r,
    struct ka_err *e)
{
	(void)e;
	root = ka_root_or_null(root);
	memset(r, 0, sizeof(*r));
	ka_sshver_from_line(NULL, &r->v);
	r->src = KA_REL_UNKNOWN;
	if (root == NULL ? from_ssh(r) : from_bytes(root, r))
		return 0;
	ka_sshver_from_line(NULL, &r->v);
	r->src = KA_REL_UNKNOWN;
	return 0;
}

/* "serveraliveinterval 600" lines of ssh -G's output. */
static void
read_values(const char *out, struct ka_client_values *v)
{
	const char *p = out;

	v->interval = v->count_max = -1;
	while (p != NULL && *p != '\0') {
		if (strncmp(p, KA_KW_SA_INTERVAL " ", 20) == 0)
			v->interval = strtol(p + 20, NULL, 10);
		else if (strncmp(p, KA_KW_SA_COUNT " ", 20) == 0)
			v->count_max = strtol(p + 20, NULL, 10);
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
}

/* ssh's words on one line: its lines joined with "; ", no CRs. */
static void
trim_into(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	while (*src == '\n' || *src == '\r')
		src++;
	for (; *src != '\0' && n + 3 < size; src++)
		if (*src == '\n' && src[1] != '\0' && src[1] != '\n') {
			dst[n++] = ';';   /* one line: its lines joined */
			dst[n++] = ' ';
		} else if (*src != '\r' && *src != '\n') {
			dst[n++] = *src;
		}
	dst[n] = '\0';
}

/* ssh -G printed its dump: "host NAME" at the start of a line, and the
 * keepalive keywords. */
static int
dumped(const char *out)
{
	return out != NULL && (strncmp(out, "host ", 5) == 0 ||
	    strstr(out, "\nhost ") != NULL) &&
	    strstr(out, "\n" KA_KW_SA_INTERVAL " ") != NULL;
}

static void
verdict(const char *root, const struct ka_run *res, struct ka_sshg *g)
{
	g->v.interval = g->v.count_max = -1;
	if (res->jail_errno != 0) {
		g->verdict = KA_SSHG_NOT_RUN;
		snprintf(g->msg, sizeof(g->msg), "%s%s was not run: it cannot be "
		    "confined here (%s: %s)", root ? "the image's " : "",
		    KA_PATH_SSH, ka_jail_step_name(res->jail_step),
		    strerror(res->jail_errno));
	} else if (res->exec_errno != 0) {
		g->verdict = KA_SSHG_NOT_RUN;
		snprintf(g->msg, sizeof(g->msg), "cannot run %s%s: %s",
		    root ? "the image's " : "", KA_PATH_SSH,
		    strerror(res->exec_errno));
	} else if (res->status == 0 || dumped(res->out.data)) {
		/* the dump comes only after the whole configuration parsed */
		g->verdict = KA_SSHG_ACCEPTED;
		read_values(res->out.data, &g->v);
		g->msg[0] = '\0';
	} else {
		g->verdict = KA_SSHG_REJECTED;
		trim_into(g->msg, sizeof(g->msg), res->out.data);
		if (g->msg[0] == '\0')
			snprintf(g->msg, sizeof(g->msg), "%s -G exited %d",
			    KA_PATH_SSH, res->status);
	}
}

int
ka_ssh_g(const char *root, const char *config, const char *host,
    const struct ka_swap *sw, size_t n, struct ka_sshg *g, int *ns_err,
    struct ka_err *e)
{
	char *argv[] = { KA_PATH_SSH, "-G", "-F", (char *)config, "--",
	    (char *)host, NULL };
	struct ka_run res;
	int r;

	root = ka_root_or_null(root);
	r = ka_check_set_run(root, argv, KA_JAIL_CONFINE, sw, n, &res, ns_err,
	    e);
	if (r == 0 && *ns_err == 0)
		verdict(root, &res, g);
	ka_run_free(&res);
	return r;
}

/* A Match line one of whose words is "exec" (ssh's criteria are
 * case-insensitive; "!exec" negates it and still runs it). */
static int
line_has_exec(const struct ka_line *l)
{
	struct ka_args a;
	int i, found = 0;

	if (!ka_line_is(l, "match"))
		return 0;
	if (ka_line_args(l, &a) < 0)
		found = 1;   /* out of memory: assume it has */
	for (i = 0; !found && i < a.argc; i++)
		found = strcasecmp(a.argv[i], "exec") == 0 ||
		    strcasecmp(a.argv[i], "!exec") == 0;
	ka_args_free(&a);
	return found;
}

static int
file_has_exec(const char *root, const char *path)
{
	struct ka_cfg *cfg;
	struct ka_err e;
	size_t i;
	int found = 0;

	if (ka_cfg_load(root, path, &cfg, &e) < 0)
		return 0;
	for (i = 0; i < cfg->nlines && !found; i++)
		found = line_has_exec(&cfg->lines[i]);
	ka_cfg_free(cfg);
	return found;
}

int
ka_ssh_config_has_exec(const char *root)
{
	struct ka_pathlist pl;
	struct ka_err e;
	size_t i;
	int found;

	memset(&pl, 0, sizeof(pl));
	root = ka_root_or_null(root);
	found = file_has_exec(root, KA_PATH_SSH_CONFIG);
	if (found || ka_fs_glob(root, KA_CLIENT_DROPIN_DIR "/*.conf", &pl,
	    &e) < 0)
		return found;
	for (i = 0; i < pl.n && !found; i++)
		found = file_has_exec(root, pl.paths[i]);
	ka_pathlist_free(&pl);
	return found;
}
