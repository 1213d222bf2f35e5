/* helper_main.c - keepalive-helper: what the RPM scriptlets run
 *
 *   keepalive-helper [--root DIR] [--mode M] [--no-reload] [--quiet|--verbose]
 *                    apply|remove|status
 *   keepalive-helper --client [--root DIR] [--quiet|--verbose] apply|remove
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/popt_once.h"
#include "cli/version.h"
#include "flow/change.h"
#include "flow/client.h"
#include "flow/status.h"
#include "sys/rootfs.h"

#define PROG "keepalive-helper"

struct helper_opts {
	char *root;
	char *mode;
	int no_reload;
	int quiet;
	int verbose;
	int json;
	int version;
	int client;
};

static int
usage_error(const char *what)
{
	fprintf(stderr, PROG ": %s (see --help)\n", what);
	return KA_EXIT_USAGE;
}

/* --root and --mode: popt hands each value to ka_popt_read(). */
enum { OPT_ROOT = 1, OPT_MODE };

static int
read_opts(poptContext pc, struct helper_opts *h)
{
	const struct ka_popt_slot slots[] = { { NULL, NULL },
	    { "--root", &h->root }, { "--mode", &h->mode } };

	return ka_popt_read(PROG, pc, slots);
}

/* One verb, and the options that go with it. */
static int
check_verb(poptContext pc, const struct helper_opts *h, const char **verb)
{
	const char *v = poptGetArg(pc), *more = poptPeekArg(pc);

	*verb = v;
	if (v == NULL)
		return usage_error("say one of apply, remove or status");
	if (strcmp(v, "apply") != 0 && strcmp(v, "remove") != 0 &&
	    strcmp(v, "status") != 0) {
		fprintf(stderr, PROG ": '%s' is not apply, remove or status "
		    "(see --help)\n", v);
		return KA_EXIT_USAGE;
	}
	if (more != NULL) {
		fprintf(stderr, PROG ": one verb at a time: %s, then '%s' "
		    "(see --help)\n", v, more);
		return KA_EXIT_USAGE;
	}
	if (h->json && strcmp(v, "status") != 0)
		return usage_error("--json goes with status only");
	if (h->verbose && (h->quiet || h->json))
		return usage_error("--verbose does not go with --quiet or --json");
	if (h->client && strcmp(v, "status") == 0)
		return usage_error("--client goes with apply or remove "
		    "(ssh-keepalive-tune --client reports)");
	if (h->client && (h->no_reload || h->mode))
		return usage_error("--client takes no --no-reload or --mode");
	if (h->no_reload && strcmp(v, "status") == 0)
		return usage_error("--no-reload goes with apply or remove");
	return 0;
}

/* The one line on stderr, and with --json (status) the same error as
 * one object on stdout: a report always prints one.  Returns code. */
static int
fail(const struct helper_opts *h, const struct ka_err *e, int code)
{
	if (h->json)
		ka_status_json_error(e);
	fprintf(stderr, PROG ": %s\n", e->msg);
	return code;
}

static int
need_root(const struct helper_opts *h)
{
	struct ka_err e;

	if (geteuid() == 0)
		return 0;
	ka_err_set(&e, EPERM, NULL, 0, "must be run as root");
	return fail(h, &e, KA_EXIT_ERROR);
}

/* The client side: apply again where CLIENT=yes (%post, the
 * openssh-clients trigger), remove on erase. */
static int
run_client(const struct helper_opts *h, const char *verb)
{
	struct ka_client_opts o;
	struct ka_err e;
	int r;

	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	o.set.interval = o.set.count_max = -1;
	if (ka_root_check(h->root, &o.root, &e) < 0)
		return fail(h, &e, KA_EXIT_USAGE);
	o.quiet = h->quiet;
	o.verbose = h->verbose;
	r = ka_client_change(&o, strcmp(verb, "apply") == 0 ? KA_CLIENT_APPLY :
	    KA_CLIENT_REMOVE, &e);
	if (r != KA_EXIT_OK)
		fprintf(stderr, PROG ": %s\n", e.msg);
	return r;
}

static int
run(const struct helper_opts *h, const char *verb)
{
	struct ka_change_opts o;
	struct ka_status_opts so;
	struct ka_err e;
	int r;

	if (h->client)
		return run_client(h, verb);
	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	if (ka_root_check(h->root, &o.root, &e) < 0)
		return fail(h, &e, KA_EXIT_USAGE);
	o.no_reload = h->no_reload;
	o.installed = strcmp(verb, "apply") == 0;
	o.quiet = h->quiet;
	o.verbose = h->verbose;
	o.set.interval = o.set.count_max = -1;
	o.set.tcp_keepalive = -1;
	if (h->mode != NULL && ka_mode_parse(h->mode, &o.mode) < 0) {
		fprintf(stderr, PROG ": --mode: '%s' is not auto, include or "
		    "inline\n", h->mode);
		return KA_EXIT_USAGE;
	}
	o.mode_given = h->mode != NULL;   /* this run only: never recorded */
	if (strcmp(verb, "status") == 0) {
		memset(&so, 0, sizeof(so));
		so.root = o.root;
		so.mode = o.mode;
		so.mode_given = o.mode_given;
		so.json = h->json;
		so.verbose = h->verbose;
		ka_err_clear(&e);
		if (ka_status(&so, &e) < 0)
			return fail(h, &e, KA_EXIT_ERROR);
		return KA_EXIT_OK;
	}
	r = ka_change(&o, strcmp(verb, "apply") == 0 ? KA_OP_APPLY :
	    KA_OP_REMOVE, &e);
	if (r != KA_EXIT_OK)
		fprintf(stderr, PROG ": %s\n", e.msg);
	return r;
}

int
main(int argc, const char **argv)
{
	struct helper_opts h = { NULL, NULL, 0, 0, 0, 0, 0, 0 };
	struct poptOption table[] = {
		{ "root", 'r', POPT_ARG_STRING, NULL, OPT_ROOT,
		  "operate on the system image mounted at DIR (no reload)", "DIR" },
		{ "mode", 'm', POPT_ARG_STRING, NULL, OPT_MODE,
		  "how sshd reads the drop-in, this run only: auto, include, "
		  "inline (default: MODE in /etc/sysconfig/ssh-keepalive)",
		  "MODE" },
		{ "no-reload", 0, POPT_ARG_NONE, &h.no_reload, 0,
		  "change the files but do not reload sshd", NULL },
		{ "quiet", 'q', POPT_ARG_NONE, &h.quiet, 0,
		  "print errors and warnings only", NULL },
		{ "verbose", 'v', POPT_ARG_NONE, &h.verbose, 0,
		  "say how the mode was decided, in full", NULL },
		{ "client", 'C', POPT_ARG_NONE, &h.client, 0,
		  "the client side (ssh_config): apply again where CLIENT=yes "
		  "in /etc/sysconfig/ssh-keepalive, or remove it", NULL },
		{ "json", 'j', POPT_ARG_NONE, &h.json, 0,
		  "status as one JSON object", NULL },
		{ "version", 'V', POPT_ARG_NONE, &h.version, 0,
		  "print the version and exit", NULL },
		KA_POPT_HELP_OPTIONS
		POPT_TABLEEND
	};
	poptContext pc;
	const char *verb = NULL;
	int r;

	setvbuf(stdout, NULL, _IOLBF, 0);   /* in order with stderr */
	pc = poptGetContext(PROG, argc, argv, table, 0);
	poptSetOtherOptionHelp(pc, "[OPTION...] apply|remove|status");
	if ((r = read_opts(pc, &h)) == 0 && h.version)
		printf(PROG " (ssh-keepalive) " KA_VERSION "\n");
	else if (r == 0 && (r = check_verb(pc, &h, &verb)) == 0)
		r = need_root(&h) != 0 ? KA_EXIT_ERROR : run(&h, verb);
	poptFreeContext(pc);
	free(h.root);
	free(h.mode);
	return r;
}
