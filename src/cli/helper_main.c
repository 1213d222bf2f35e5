/* helper_main.c - keepalive-helper: what the RPM scriptlets run
 *
 *   keepalive-helper [--root DIR] [--mode M] [--no-reload] [--quiet]
 *                    apply|remove|status
 */
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/version.h"
#include "flow/change.h"
#include "flow/status.h"
#include "sys/rootfs.h"

#define PROG "keepalive-helper"

struct helper_opts {
	char *root;
	char *mode;
	int no_reload;
	int quiet;
	int json;
	int version;
};

static int
usage_error(poptContext pc, const char *what)
{
	fprintf(stderr, PROG ": %s\n", what);
	poptPrintUsage(pc, stderr, 0);
	return KA_EXIT_USAGE;
}

static int
run(const struct helper_opts *h, const char *verb)
{
	struct ka_change_opts o;
	struct ka_status_opts so;
	struct ka_err e;
	int r;

	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	if (ka_root_check(h->root, &o.root, &e) < 0) {
		fprintf(stderr, PROG ": %s\n", e.msg);
		return KA_EXIT_USAGE;
	}
	o.no_reload = h->no_reload;
	o.quiet = h->quiet;
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
		r = ka_status(&so, &e) < 0 ? KA_EXIT_ERROR : KA_EXIT_OK;
	} else {
		r = ka_change(&o, strcmp(verb, "apply") == 0 ? KA_OP_APPLY :
		    KA_OP_REMOVE, &e);
	}
	if (r != KA_EXIT_OK)
		fprintf(stderr, PROG ": %s\n", e.msg);
	return r;
}

int
main(int argc, const char **argv)
{
	struct helper_opts h = { NULL, NULL, 0, 0, 0, 0 };
	struct poptOption table[] = {
		{ "root", 'r', POPT_ARG_STRING, &h.root, 0,
		  "operate on the system image mounted at DIR (no reload)", "DIR" },
		{ "mode", 'm', POPT_ARG_STRING, &h.mode, 0,
		  "how sshd reads the drop-in, this run only: auto, include, "
		  "inline (default: MODE in /etc/sysconfig/ssh-keepalive)",
		  "MODE" },
		{ "no-reload", 'n', POPT_ARG_NONE, &h.no_reload, 0,
		  "change the files but do not reload sshd", NULL },
		{ "quiet", 'q', POPT_ARG_NONE, &h.quiet, 0,
		  "print errors and warnings only", NULL },
		{ "json", 'j', POPT_ARG_NONE, &h.json, 0,
		  "status as one JSON object", NULL },
		{ "version", 'V', POPT_ARG_NONE, &h.version, 0,
		  "print the version and exit", NULL },
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc;
	const char *verb;
	int rc, r;

	setvbuf(stdout, NULL, _IOLBF, 0);   /* in order with stderr */
	pc = poptGetContext(PROG, argc, argv, table, 0);
	poptSetOtherOptionHelp(pc, "[OPTION...] apply|remove|status");
	if ((rc = poptGetNextOpt(pc)) < -1) {
		fprintf(stderr, PROG ": %s: %s\n",
		    poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		poptFreeContext(pc);
		return KA_EXIT_USAGE;
	}
	if (h.version) {
		printf(PROG " (ssh-keepalive) " KA_VERSION "\n");
		poptFreeContext(pc);
		return KA_EXIT_OK;
	}
	verb = poptGetArg(pc);
	if (geteuid() != 0) {
		fprintf(stderr, PROG ": must be run as root\n");
		r = KA_EXIT_ERROR;
	} else if (verb == NULL || poptPeekArg(pc) != NULL ||
	    (strcmp(verb, "apply") != 0 && strcmp(verb, "remove") != 0 &&
	    strcmp(verb, "status") != 0))
		r = usage_error(pc, "say one of apply, remove or status");
	else if (h.json && strcmp(verb, "status") != 0)
		r = usage_error(pc, "--json goes with status only");
	else
		r = run(&h, verb);
	poptFreeContext(pc);
	free(h.root);
	free(h.mode);
	return r;
}
