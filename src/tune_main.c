/* tune_main.c - ssh-keepalive-tune: change and inspect the values */
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "mode.h"
#include "status.h"
#include "value.h"
#include "version.h"

#define PROG "ssh-keepalive-tune"

struct tune_opts {
	char *interval, *count_max, *tcp, *root, *mode;
	int reset, apply, status, json, dry_run, no_reload, quiet, version;
};

static int
bad_value(const char *opt, const struct ka_err *e)
{
	fprintf(stderr, PROG ": %s: %s\n", opt, e->msg);
	return KA_EXIT_USAGE;
}

static int
usage(const char *what)
{
	fprintf(stderr, PROG ": %s (see --help)\n", what);
	return KA_EXIT_USAGE;
}

/* Parse the values; check that the options asked for go together. */
static int
check_opts(const struct tune_opts *t, struct ka_change_opts *o, int *change)
{
	struct ka_err e;
	int yes;

	if (t->interval && ka_value_parse_interval(t->interval,
	    &o->set.interval, &e) < 0)
		return bad_value("--interval", &e);
	if (t->count_max && ka_value_parse_count_max(t->count_max,
	    &o->set.count_max, &e) < 0)
		return bad_value("--count-max", &e);
	if (t->tcp) {
		if (ka_value_parse_yesno(t->tcp, &yes, &e) < 0)
			return bad_value("--tcp-keepalive", &e);
		o->set.tcp_keepalive = yes;
	}
	if (t->mode && ka_mode_parse(t->mode, &o->mode) < 0)
		return usage("--mode takes auto, include or inline");
	/* --mode is a change: it is recorded and applied */
	o->mode_given = o->record_mode = t->mode != NULL;
	*change = t->interval || t->count_max || t->tcp || t->reset ||
	    t->apply || t->mode;
	if (t->reset && (t->interval || t->count_max || t->tcp))
		return usage("--reset goes alone, without new values");
	if (t->apply && (t->interval || t->count_max || t->tcp || t->reset))
		return usage("--apply goes alone: it applies the drop-in as it is");
	if (*change && (t->status || t->json))
		return usage("--status and --json report; they change nothing");
	if (!*change && (t->dry_run || t->no_reload))
		return usage("--dry-run and --no-reload go with a change");
	return 0;
}

static void
explain_count_zero(const struct ka_change_opts *o)
{
	struct ka_mode_choice c;
	struct ka_err e;

	if (o->set.count_max != 0 || o->quiet ||
	    ka_mode_decide(o->root, KA_MODE_AUTO, &c, &e) < 0)
		return;
	if (c.mode == KA_MODE_INCLUDE)
		printf(PROG ": note: ClientAliveCountMax 0 on this sshd (OpenSSH "
		    "8.2p1+, RHEL 8.6+) never drops a silent client\n");
	else
		printf(PROG ": note: ClientAliveCountMax 0 on this sshd (before "
		    "OpenSSH 8.2p1, RHEL up to 8.5) drops a client at its first "
		    "idle interval, without a probe\n");
}

static int
run(const struct tune_opts *t)
{
	struct ka_change_opts o;
	struct ka_status_opts so;
	struct ka_err e;
	int change = 0, r;

	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	o.set.interval = o.set.count_max = -1;
	o.set.tcp_keepalive = -1;
	if ((r = check_opts(t, &o, &change)) != 0)
		return r;
	o.root = t->root;
	o.dry_run = t->dry_run;
	o.no_reload = t->no_reload;
	o.quiet = t->quiet;
	o.reset = t->reset;
	if (!change) {
		memset(&so, 0, sizeof(so));
		so.root = t->root;
		so.json = t->json;
		if (ka_status(&so, &e) < 0) {
			fprintf(stderr, PROG ": %s\n", e.msg);
			return KA_EXIT_ERROR;
		}
		return KA_EXIT_OK;
	}
	r = ka_change(&o, KA_OP_TUNE, &e);
	if (r != KA_EXIT_OK)
		fprintf(stderr, PROG ": %s\n", e.msg);
	else
		explain_count_zero(&o);
	return r;
}

static void
free_opts(struct tune_opts *t)
{
	free(t->interval);
	free(t->count_max);
	free(t->tcp);
	free(t->root);
	free(t->mode);
}

int
main(int argc, const char **argv)
{
	struct tune_opts t;
	struct poptOption table[] = {
		{ "interval", 'i', POPT_ARG_STRING, &t.interval, 0,
		  "seconds without data before sshd probes the client: 0 (off) "
		  "or 1s to 24h, in seconds or units (600, 10m, 1h30m)", "TIME" },
		{ "count-max", 'c', POPT_ARG_STRING, &t.count_max, 0,
		  "unanswered probes before sshd drops the client (0 to 1000)", "N" },
		{ "tcp-keepalive", 't', POPT_ARG_STRING, &t.tcp, 0,
		  "also send TCP keepalives (yes or no)", "yes|no" },
		{ "reset", 0, POPT_ARG_NONE, &t.reset, 0,
		  "back to the shipped values (600 s, 10; TCPKeepAlive unset)", NULL },
		{ "apply", 'a', POPT_ARG_NONE, &t.apply, 0,
		  "apply the drop-in as it is, after editing it by hand", NULL },
		{ "status", 's', POPT_ARG_NONE, &t.status, 0,
		  "show the effective values and where they come from (default)",
		  NULL },
		{ "json", 'j', POPT_ARG_NONE, &t.json, 0,
		  "with --status: one JSON object", NULL },
		{ "dry-run", 'n', POPT_ARG_NONE, &t.dry_run, 0,
		  "show the change as a unified diff, validate it, write nothing",
		  NULL },
		{ "no-reload", 0, POPT_ARG_NONE, &t.no_reload, 0,
		  "write the files but do not reload sshd", NULL },
		{ "root", 'r', POPT_ARG_STRING, &t.root, 0,
		  "operate on the system image mounted at DIR (no reload)", "DIR" },
		{ "mode", 'm', POPT_ARG_STRING, &t.mode, 0,
		  "how sshd reads the drop-in, recorded in /etc/sysconfig/"
		  "ssh-keepalive and applied: include, inline or auto (decide "
		  "on every run)", "MODE" },
		{ "quiet", 'q', POPT_ARG_NONE, &t.quiet, 0,
		  "print errors and warnings only", NULL },
		{ "version", 'V', POPT_ARG_NONE, &t.version, 0,
		  "print the version and exit", NULL },
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc;
	int rc, r;

	memset(&t, 0, sizeof(t));
	pc = poptGetContext(PROG, argc, argv, table, 0);
	if ((rc = poptGetNextOpt(pc)) < -1) {
		fprintf(stderr, PROG ": %s: %s\n",
		    poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		r = KA_EXIT_USAGE;
	} else if (poptPeekArg(pc) != NULL) {
		r = usage("takes options only");
	} else if (t.version) {
		printf(PROG " (ssh-keepalive) " KA_VERSION "\n");
		r = KA_EXIT_OK;
	} else {
		r = run(&t);
	}
	poptFreeContext(pc);
	free_opts(&t);
	return r;
}
