/* tune_main.c - ssh-keepalive-tune: change and inspect the values */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/popt_once.h"
#include "cli/version.h"
#include "engine/cfgfile.h"
#include "engine/dropin.h"
#include "engine/natrec.h"
#include "engine/note.h"
#include "engine/value.h"
#include "flow/alive.h"
#include "flow/change.h"
#include "flow/client.h"
#include "flow/modechoice.h"
#include "flow/nat.h"
#include "flow/status.h"
#include "sys/facts.h"
#include "sys/fsutil.h"
#include "sys/mode.h"
#include "sys/rootfs.h"
#include "sys/sshdver.h"

#define PROG "ssh-keepalive-tune"

struct tune_opts {
	char *interval, *count_max, *tcp, *root, *mode, *nat, *host;
	int reset, apply, status, json, dry_run, no_reload, quiet, verbose,
	    version, client, on, off;
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

/* --interval and --count-max, for either side. */
static int
parse_interval_count(const struct tune_opts *t, long *interval, long *count)
{
	struct ka_err e;

	if (t->interval && ka_value_parse_interval(t->interval, interval,
	    &e) < 0)
		return bad_value("--interval", &e);
	if (t->count_max && ka_value_parse_count_max(t->count_max, count,
	    &e) < 0)
		return bad_value("--count-max", &e);
	return 0;
}

/* Parse the values; check that the options asked for go together. */
static int
check_opts(const struct tune_opts *t, struct ka_change_opts *o, int *change)
{
	struct ka_err e;
	int yes, r;

	if ((r = parse_interval_count(t, &o->set.interval, &o->set.count_max))
	    != 0)
		return r;
	if (t->tcp) {
		if (ka_value_parse_yesno(t->tcp, &yes, &e) < 0)
			return bad_value("--tcp-keepalive", &e);
		o->set.tcp_keepalive = yes;
	}
	if (t->nat && ka_value_parse_nat_timeout(t->nat, &o->nat_timeout,
	    &e) < 0)
		return bad_value("--nat-timeout", &e);
	if (t->host || t->on || t->off)
		return usage("--host, --on and --off go with --client");
	if (t->mode && ka_mode_parse(t->mode, &o->mode) < 0)
		return usage("--mode takes auto, include or inline");
	/* --mode is a change: it is recorded and applied */
	o->mode_given = o->record_mode = t->mode != NULL;
	*change = t->interval || t->count_max || t->tcp || t->reset ||
	    t->apply || t->nat || t->mode;
	if (t->reset && (t->interval || t->count_max || t->tcp || t->nat))
		return usage("--reset goes alone, without new values");
	if (t->apply && (t->interval || t->count_max || t->tcp || t->reset ||
	    t->nat))
		return usage("--apply goes alone: it applies the drop-in as it is");
	if (t->nat && t->interval)
		return usage("--nat-timeout picks the interval: it does not go "
		    "with --interval");
	if (*change && (t->status || t->json))
		return usage("--status and --json report; they change nothing");
	if (t->verbose && (t->quiet || t->json))
		return usage("--verbose does not go with --quiet or --json");
	if (!*change && (t->dry_run || t->no_reload))
		return usage("--dry-run and --no-reload go with a change");
	return 0;
}

/* The interval that goes with the new values: given, or the drop-in's. */
static long
new_interval(const struct ka_change_opts *o)
{
	struct ka_values v = KA_VALUES_UNSET;
	struct ka_cfg *d;
	struct ka_err e;

	if (o->set.interval >= 0 || o->reset)
		return o->reset ? 600 : o->set.interval;
	if (ka_cfg_load(o->root, KA_DROPIN_PATH, &d, &e) < 0)
		return -1;
	if (ka_dropin_values(d, &v, &e) < 0)
		v.interval = -1;
	ka_cfg_free(d);
	return v.interval;
}

static void
explain_count_zero(const struct ka_change_opts *o)
{
	if (o->set.count_max != 0 || o->quiet)
		return;
	printf(PROG ": note: %s\n", ka_note_count0(ka_facts_get(o->root)->c0,
	    new_interval(o)));
}

/* --client: the options of the client side, checked as check_opts()
 * checks the server's. */
static int
check_client_opts(const struct tune_opts *t, struct ka_client_opts *o,
    enum ka_client_op *op, int *change)
{
	struct ka_err e;
	int r;

	if (t->tcp || t->apply || t->no_reload)
		return usage("--tcp-keepalive, --apply and --no-reload are for "
		    "sshd; with --client they mean nothing");
	if ((r = parse_interval_count(t, &o->set.interval, &o->set.count_max))
	    != 0)
		return r;
	if (o->set.count_max == 0)
		return usage("--count-max 0 with --client makes ssh hang up on a "
		    "server after one quiet interval: give 1 or more");
	if (t->nat && ka_value_parse_nat_timeout(t->nat, &o->nat_timeout,
	    &e) < 0)
		return bad_value("--nat-timeout", &e);
	if (t->mode && ka_mode_parse(t->mode, &o->mode) < 0)
		return usage("--mode takes auto, include or inline");
	o->mode_given = t->mode != NULL;
	*change = t->interval || t->count_max || t->reset || t->nat ||
	    t->mode || t->on || t->off;
	*op = t->off ? KA_CLIENT_OFF : KA_CLIENT_ON;
	if (t->off && (t->interval || t->count_max || t->reset || t->nat ||
	    t->mode || t->on))
		return usage("--off goes alone: it takes the client side out");
	if (t->reset && (t->interval || t->count_max || t->nat))
		return usage("--reset goes alone, without new values");
	if (t->nat && t->interval)
		return usage("--nat-timeout picks the interval: it does not go "
		    "with --interval");
	if (*change && (t->status || t->json || t->host))
		return usage("--status, --json and --host report; they change "
		    "nothing");
	if (t->verbose && (t->quiet || t->json))
		return usage("--verbose does not go with --quiet or --json");
	if (!*change && t->dry_run)
		return usage("--dry-run goes with a change");
	return 0;
}

/* A report asked for as JSON (no change, which --json does not go
 * with): whatever stops it, stdout still gets one object. */
static int
json_report(const struct tune_opts *t)
{
	return t->json && !(t->interval || t->count_max || t->tcp || t->reset ||
	    t->apply || t->nat || t->mode || t->dry_run || t->no_reload ||
	    t->on || t->off);
}

/* The one line on stderr, and with a JSON report the same error as one
 * object on stdout; returns code. */
static int
fail(const struct tune_opts *t, const struct ka_err *e, int code)
{
	if (json_report(t))
		ka_status_json_error(e);
	fprintf(stderr, PROG ": %s\n", e->msg);
	return code;
}

/* Everything but --help, --usage and --version changes or reads files
 * only root may. */
static int
need_root(const struct tune_opts *t)
{
	struct ka_err e;

	if (geteuid() == 0)
		return 0;
	ka_err_set(&e, EPERM, NULL, 0, "must be run as root");
	return fail(t, &e, KA_EXIT_ERROR);
}

/* The drop-in's ClientAliveCountMax and the nat-timeout in force:
 * NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive, else the drop-in's
 * record (0: none, or malformed: the change says why); -1 each when it
 * cannot be read (the change will say why). */
static void
dropin_now(const struct ka_change_opts *o, long *count, long *timeout)
{
	struct ka_modefile sc;
	struct ka_natrec rec;
	struct ka_values v;
	struct ka_cfg *d;
	struct ka_err e;

	*count = *timeout = -1;
	if (ka_modefile_load(o->root, 1, &sc, &e) == 0 && sc.nat_timeout > 0)
		*timeout = sc.nat_timeout;
	if (ka_cfg_load(o->root, KA_DROPIN_PATH, &d, &e) < 0)
		return;
	if (ka_dropin_values(d, &v, &e) == 0)
		*count = v.count_max;
	if (*timeout < 0)
		*timeout = ka_natrec_find(d, &rec, &e) > 0 ? rec.timeout : 0;
	ka_cfg_free(d);
}

/* ClientAliveCountMax 0 beside a nat-timeout where 0 closes every
 * session idle for one interval (before 8.2p1 and RHEL 8.6; an unknown
 * release is taken as one, the safe answer): an idle timeout, the
 * opposite of a keepalive.  The same refusal, exit 2, in either order. */
static int
refuse_count_zero(const struct ka_change_opts *o, const char *opt,
    long timeout)
{
	enum ka_count0 c0 = ka_facts_get(o->root)->c0;

	if (c0 == KA_COUNT0_NEVER)
		return KA_EXIT_OK;
	fprintf(stderr, PROG ": %s: ClientAliveCountMax 0 %s closes every "
	    "session idle for one interval instead of keeping it alive through "
	    "nat-timeout %ld s; give --count-max 1 or more, or --interval "
	    "instead of a nat-timeout\n", opt, ka_nat_count0_where(c0),
	    timeout);
	return KA_EXIT_USAGE;
}

/* --count-max 0 where the drop-in keeps a recorded nat-timeout. */
static int
count_zero_keeps_record(const struct ka_change_opts *o)
{
	long count, timeout;

	if (o->set.count_max != 0 || o->nat_timeout > 0 ||
	    o->set.interval >= 0 || o->reset)
		return KA_EXIT_OK;
	dropin_now(o, &count, &timeout);
	if (timeout <= 0)
		return KA_EXIT_OK;
	return refuse_count_zero(o, "--count-max", timeout);
}

/* --nat-timeout: the largest interval that keeps it on this sshd. */
static int
choose_interval(struct ka_change_opts *o)
{
	struct ka_nat_choice c;
	struct ka_err e;
	long count, timeout;
	int r;

	if (ka_nat_choose(o->root, o->nat_timeout, &c, &e) < 0) {
		fprintf(stderr, PROG ": %s\n", e.msg);
		return KA_EXIT_USAGE;
	}
	dropin_now(o, &count, &timeout);
	if (o->set.count_max >= 0)
		count = o->set.count_max;
	if (count == 0 && (r = refuse_count_zero(o, "--nat-timeout",
	    o->nat_timeout)) != KA_EXIT_OK)
		return r;
	o->set.interval = c.interval;
	if (!o->quiet)
		ka_nat_explain(PROG, &c);
	return KA_EXIT_OK;
}

/* The options that take a value: popt hands each value to
 * ka_popt_read(). */
enum { OPT_INTERVAL = 1, OPT_NAT, OPT_COUNT, OPT_TCP, OPT_ROOT, OPT_MODE,
    OPT_HOST };

static int
read_opts(poptContext pc, struct tune_opts *t)
{
	const struct ka_popt_slot slots[] = { { NULL, NULL },
	    { "--interval", &t->interval }, { "--nat-timeout", &t->nat },
	    { "--count-max", &t->count_max }, { "--tcp-keepalive", &t->tcp },
	    { "--root", &t->root }, { "--mode", &t->mode },
	    { "--host", &t->host } };

	return ka_popt_read(PROG, pc, slots);
}

static int
run_client(const struct tune_opts *t)
{
	struct ka_client_status_opts so;
	struct ka_client_opts o;
	enum ka_client_op op;
	struct ka_err e;
	int change = 0, r;

	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	o.set.interval = o.set.count_max = -1;
	if ((r = check_client_opts(t, &o, &op, &change)) != 0)
		return r;
	if (ka_root_check(t->root, &o.root, &e) < 0)
		return fail(t, &e, KA_EXIT_USAGE);
	if (!change) {
		memset(&so, 0, sizeof(so));
		so.root = o.root;
		so.host = t->host;
		so.json = t->json;
		so.verbose = t->verbose;
		if (ka_client_status(&so, &e) < 0)
			return fail(t, &e, KA_EXIT_ERROR);
		return KA_EXIT_OK;
	}
	o.dry_run = t->dry_run;
	o.quiet = t->quiet;
	o.verbose = t->verbose;
	o.reset = t->reset;
	r = ka_client_change(&o, op, &e);
	if (r != KA_EXIT_OK)
		fprintf(stderr, PROG ": %s\n", e.msg);
	return r;
}

static int
run(const struct tune_opts *t)
{
	struct ka_change_opts o;
	struct ka_status_opts so;
	struct ka_err e;
	int change = 0, r;

	if (t->client)
		return run_client(t);
	memset(&o, 0, sizeof(o));
	o.prog = PROG;
	o.set.interval = o.set.count_max = -1;
	o.set.tcp_keepalive = -1;
	if ((r = check_opts(t, &o, &change)) != 0)
		return r;
	if (ka_root_check(t->root, &o.root, &e) < 0)
		return fail(t, &e, KA_EXIT_USAGE);
	o.dry_run = t->dry_run;
	o.no_reload = t->no_reload;
	o.quiet = t->quiet;
	o.verbose = t->verbose;
	o.reset = t->reset;
	o.apply = t->apply;
	if (!change) {
		memset(&so, 0, sizeof(so));
		so.root = o.root;
		so.json = t->json;
		so.verbose = t->verbose;
		ka_err_clear(&e);
		if (ka_status(&so, &e) < 0)
			return fail(t, &e, KA_EXIT_ERROR);
		return KA_EXIT_OK;
	}
	ka_facts_allow_image_run();   /* a change: the image's sshd may run */
	if (o.nat_timeout > 0 && (r = choose_interval(&o)) != KA_EXIT_OK)
		return r;
	if ((r = count_zero_keeps_record(&o)) != KA_EXIT_OK)
		return r;
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
	free(t->nat);
	free(t->host);
}

int
main(int argc, const char **argv)
{
	struct tune_opts t;
	struct poptOption table[] = {
		{ "interval", 'i', POPT_ARG_STRING, NULL, OPT_INTERVAL,
		  "seconds without data before sshd probes the client: 0 (off) "
		  "or 1s to 24h, in seconds or units (600, 10m, 1h30m)", "TIME" },
		{ "nat-timeout", 0, POPT_ARG_STRING, NULL, OPT_NAT,
		  "the shortest idle timeout of any firewall, NAT or load "
		  "balancer between clients and this server: sets the largest "
		  "interval whose probes stay safely under it on the installed "
		  "sshd (1s to 7d; same units)", "TIME" },
		{ "count-max", 'c', POPT_ARG_STRING, NULL, OPT_COUNT,
		  "unanswered probes before sshd drops the client (0 to 1000)", "N" },
		{ "tcp-keepalive", 't', POPT_ARG_STRING, NULL, OPT_TCP,
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
		{ "root", 'r', POPT_ARG_STRING, NULL, OPT_ROOT,
		  "operate on the system image mounted at DIR (no reload)", "DIR" },
		{ "mode", 'm', POPT_ARG_STRING, NULL, OPT_MODE,
		  "how sshd reads the drop-in, recorded in /etc/sysconfig/"
		  "ssh-keepalive and applied: include, inline or auto (decide "
		  "on every run)", "MODE" },
		{ "client", 'C', POPT_ARG_NONE, &t.client, 0,
		  "the client side: ServerAliveInterval and ServerAliveCountMax "
		  "for outgoing ssh sessions, in /etc/ssh/ssh_config.d/"
		  "01-keepalive.conf (off until switched on)", NULL },
		{ "on", 0, POPT_ARG_NONE, &t.on, 0,
		  "with --client: switch the client side on, with the drop-in's "
		  "values or the shipped ones (600 s, 10)", NULL },
		{ "off", 0, POPT_ARG_NONE, &t.off, 0,
		  "with --client: take the client side out (ssh_config back as "
		  "it was) and record it off", NULL },
		{ "host", 'H', POPT_ARG_STRING, NULL, OPT_HOST,
		  "with --client --status: the effective values for this host "
		  "(ssh -G)", "NAME" },
		{ "quiet", 'q', POPT_ARG_NONE, &t.quiet, 0,
		  "print errors and warnings only", NULL },
		{ "verbose", 'v', POPT_ARG_NONE, &t.verbose, 0,
		  "say how the mode was decided, in full (a change and --status)",
		  NULL },
		{ "version", 'V', POPT_ARG_NONE, &t.version, 0,
		  "print the version and exit", NULL },
		KA_POPT_HELP_OPTIONS
		POPT_TABLEEND
	};
	poptContext pc;
	int r;

	memset(&t, 0, sizeof(t));
	setvbuf(stdout, NULL, _IOLBF, 0);   /* in order with stderr */
	pc = poptGetContext(PROG, argc, argv, table, 0);
	if ((r = read_opts(pc, &t)) != 0) {
		;   /* said */
	} else if (poptPeekArg(pc) != NULL) {
		r = usage("takes options only");
	} else if (t.version) {
		printf(PROG " (ssh-keepalive) " KA_VERSION "\n");
		r = KA_EXIT_OK;
	} else if ((r = need_root(&t)) == 0) {
		r = run(&t);
	}
	poptFreeContext(pc);
	free_opts(&t);
	return r;
}
