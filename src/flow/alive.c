/* alive.c - what the effective values do on the installed release */
#include "flow/alive.h"

#include <stdio.h>
#include <string.h>

#include "engine/cfgfile.h"
#include "engine/dropin.h"
#include "engine/effective.h"
#include "engine/json.h"
#include "engine/modefile.h"
#include "engine/natkey.h"
#include "engine/value.h"
#include "flow/inuse.h"
#include "flow/modechoice.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/paths.h"
#include "sys/facts.h"

/* The value sshd uses for kw (flow/inuse.h: a Match block for every
 * connection, -o in OPTIONS, the files); *bad is set when that is a
 * value sshd refuses (it would not start). */
static long
value_of(const char *root, const struct ka_kw_report *k, enum ka_kw kw,
    int *bad)
{
	struct ka_inuse u;

	ka_inuse_find(root, k, kw, &u);
	if (!u.valid) {
		*bad = 1;
		return -1;
	}
	return u.num;
}

static int
effective_values(const char *root, struct ka_alive *a, struct ka_err *e)
{
	struct ka_files f;
	struct ka_effective eff;
	struct ka_cfg *main;
	int r;

	if ((r = ka_cfg_load(root, KA_PATH_SSHD_CONFIG, &main, e)) < 0)
		return r;
	f = ka_files_system(root);
	r = ka_effective_compute(&f, main, &eff, e);
	ka_cfg_free(main);
	if (r < 0)
		return r;
	a->interval = value_of(root, &eff.kw[KA_KW_IDX_INTERVAL],
	    KA_KW_IDX_INTERVAL, &a->invalid);
	a->count = value_of(root, &eff.kw[KA_KW_IDX_COUNT], KA_KW_IDX_COUNT,
	    &a->invalid);
	ka_effective_free(&eff);
	return 0;
}

/* The record in the drop-in, and what it gives on this release now. */
static void
record(const char *root, struct ka_alive *a)
{
	struct ka_values v;
	struct ka_cfg *d;
	struct ka_err e;
	long smallest;

	if (ka_cfg_load(root, KA_DROPIN_PATH, &d, &e) < 0)
		return;
	a->has_rec = ka_natrec_find(d, &a->rec, &a->rec_err) < 0 ? -1 :
	    a->rec.line > 0;
	a->rec_dropin = ka_dropin_values(d, &v, &e) == 0 ? v.interval : -1;
	ka_cfg_free(d);
	if (a->has_rec > 0 &&
	    ka_nat_interval(&a->rel.v, a->rec.timeout, &a->rec_now, &smallest) < 0)
		a->rec_now = -1;
}

/* NAT_TIMEOUT, which wins over the record when set. */
static void
stated(const char *root, struct ka_alive *a)
{
	struct ka_modefile sc;
	struct ka_err e;
	long smallest;

	if (ka_modefile_load(root, 1, &sc, &e) < 0 || sc.nat_line == 0)
		return;
	a->key_line = sc.nat_line;
	if (sc.nat_bad) {
		a->key = -1;
		a->key_err = sc.nat_err;
		return;
	}
	a->key = 1;
	a->key_timeout = sc.nat_timeout;
	if (ka_nat_interval(&a->rel.v, a->key_timeout, &a->key_now,
	    &smallest) < 0)
		a->key_now = -1;
}

int
ka_alive_gather(const char *root, struct ka_alive *a, struct ka_err *e)
{
	const struct ka_facts *f;
	int r;

	memset(a, 0, sizeof(*a));
	a->rec_now = a->key_now = -1;
	if ((r = effective_values(root, a, e)) < 0)
		return r;
	f = ka_facts_get(root);
	a->rel = f->rel;
	a->c0 = f->c0;
	record(root, a);
	stated(root, a);
	if (a->invalid) {
		a->drop_after = KA_NEVER;
		return 0;
	}
	a->period = ka_period(&a->rel.v, a->interval);
	a->drop_after = ka_drop_after(a->period, a->interval, a->count, a->c0);
	return 0;
}

/* Dropped at the first idle interval whether it answers or not. */
int
ka_alive_idle_cut(const struct ka_alive *a)
{
	return a->interval > 0 && a->count == 0 && a->c0 == KA_COUNT0_DROPS;
}

/* ClientAliveCountMax 0 on a release that is not known: that, or its
 * opposite. */
int
ka_alive_count0_unsure(const struct ka_alive *a)
{
	return a->interval > 0 && a->count == 0 && a->c0 == KA_COUNT0_UNKNOWN;
}

/* The release the figures are for, and how it was learned. */
static void
text_release_line(const struct ka_alive *a)
{
	if (a->rel.src == KA_REL_UNKNOWN) {
		printf("  release unknown: taken as the worse case, OpenSSH 9.2p1 "
		    "to 9.4p1\n  (%s)\n", a->rel.how);
	} else {
		char rel[320];

		printf("  release: %s\n", ka_release_describe(&a->rel, rel,
		    sizeof(rel)));
	}
}

static void
text_release(const struct ka_alive *a)
{
	if (a->invalid)
		printf("keepalive: sshd refuses the ClientAliveInterval or "
		    "ClientAliveCountMax\n  it would use (see above): with these "
		    "files it does not start\n");
	else if (a->interval <= 0)
		printf("keepalive: ClientAliveInterval 0: sshd sends no probes\n");
	else
		printf("keepalive: a probe every %ld s (%sClientAliveInterval%s)\n",
		    a->period, ka_period_doubles(&a->rel.v) ? "2 x " : "",
		    a->rel.src == KA_REL_UNKNOWN ? ", assumed" : "");
	text_release_line(a);
}

static void
text_effect(const struct ka_alive *a)
{
	if (a->invalid)
		return;
	if (a->interval <= 0) {
		printf("  idle sessions are not kept alive through idle timeouts\n"
		    "  a silent client is never dropped by probes\n");
	} else if (ka_alive_idle_cut(a)) {
		printf("  every session idle for about %ld s is closed: "
		    "ClientAliveCountMax 0 on this release drops a client at its "
		    "first idle interval, without a probe\n", a->interval);
	} else if (ka_alive_count0_unsure(a)) {
		printf("  ClientAliveCountMax 0 on a release that is not known: "
		    "before 8.2p1 (RHEL up to 8.5) every session idle for about "
		    "%ld s is closed; from 8.2p1 (RHEL 8.6) idle sessions are kept "
		    "alive through idle timeouts longer than %ld s and a silent "
		    "client is never dropped\n", a->interval, a->period);
	} else {
		printf("  keeps idle sessions alive through idle timeouts longer "
		    "than %ld s\n", a->period);
		if (a->drop_after != KA_NEVER)
			printf("  a silent client is dropped after about %ld s (%ld s "
			    "x (%ld + 1))\n", a->drop_after, a->period, a->count);
		else
			printf("  a silent client is never dropped%s\n", a->count ==
			    0 ? ": ClientAliveCountMax 0 on this release sends "
			    "probes but drops nobody" : "");
	}
}

/* What the next apply does with the record, after what it says. */
static void
text_record_next(const struct ka_alive *a)
{
	const struct ka_natrec *r = &a->rec;

	if (r->interval >= 0 && a->rec_dropin < 0)
		printf("; the drop-in's ClientAliveInterval line was deleted by "
		    "hand since: the next apply drops the record");
	else if (r->interval >= 0 && a->rec_dropin != r->interval)
		printf("; the drop-in's ClientAliveInterval was edited by hand "
		    "since (%ld): the next apply drops the record", a->rec_dropin);
	else if (a->rec_now < 0)
		printf("; too short for this release: no interval keeps it");
	else if (a->rec_now != a->rec_dropin)
		printf("; this release needs %ld: the next apply sets it",
		    a->rec_now);
	else if (a->rec_now != r->interval)
		printf("; the drop-in's ClientAliveInterval %ld is what it gives "
		    "on this release: the next apply writes it in the record",
		    a->rec_now);
}

/* A kept record beside ClientAliveCountMax 0 where 0 closes every idle
 * session (or may: an unknown release): it keeps nothing alive. */
static void
text_record_count0(const struct ka_alive *a)
{
	if (a->invalid || a->interval <= 0 || a->count != 0 ||
	    a->c0 == KA_COUNT0_NEVER ||
	    (a->rec.interval >= 0 && a->rec_dropin != a->rec.interval))
		return;
	if (a->c0 == KA_COUNT0_DROPS)
		printf("; ClientAliveCountMax 0 on this release closes every "
		    "session idle for one interval: it keeps no session alive");
	else
		printf("; ClientAliveCountMax 0 closes every session idle for one "
		    "interval before OpenSSH 8.2p1 and RHEL 8.6, and this release "
		    "is unknown: it may keep no session alive");
	printf(" (ssh-keepalive-tune --count-max 1 or more)");
}

/* The drop-in's record is the one derived from NAT_TIMEOUT. */
static int
key_recorded(const struct ka_alive *a)
{
	return a->key > 0 && a->has_rec > 0 && a->rec.timeout == a->key_timeout;
}

/* NAT_TIMEOUT with no record of it in the drop-in yet. */
static void
text_key(const struct ka_alive *a)
{
	printf("  nat-timeout %ld s (" KA_NATKEY " in %s:%zu, which wins over "
	    "the drop-in's record)", a->key_timeout, KA_PATH_MODEFILE,
	    a->key_line);
	if (a->key_now < 0)
		printf("; too short for this release: no interval keeps it\n");
	else
		printf("; this release needs ClientAliveInterval %ld: the next "
		    "apply sets it (ssh-keepalive-tune --apply)\n", a->key_now);
}

static void
text_record(const struct ka_alive *a)
{
	if (a->key < 0) {
		printf("  nat-timeout: %s: a change refuses until it is corrected "
		    "(--nat-timeout TIME rewrites it, --interval or --reset drops "
		    "it)\n", a->key_err.msg);
		return;
	}
	if (a->key > 0 && !key_recorded(a)) {
		text_key(a);
		return;
	}
	if (a->has_rec < 0) {
		printf("  nat-timeout: %s: a change refuses until it is corrected "
		    "(--nat-timeout TIME rewrites it, --interval or --reset drops "
		    "it)\n", a->rec_err.msg);
		return;
	}
	if (!a->has_rec) {
		printf("  nat-timeout: none recorded (ssh-keepalive-tune "
		    "--nat-timeout TIME sets one)\n");
		return;
	}
	printf("  nat-timeout %ld s (%s:%zu): ", a->rec.timeout, KA_DROPIN_PATH,
	    a->rec.line);
	if (a->rec.interval >= 0)
		printf("ClientAliveInterval %ld derived from it", a->rec.interval);
	else
		printf("written by hand, without the interval derived from it");
	text_record_next(a);
	text_record_count0(a);
	printf("\n");
	if (a->key > 0)
		printf("  from " KA_NATKEY " in %s:%zu, the nat-timeout stated, "
		    "which the record follows\n", KA_PATH_MODEFILE, a->key_line);
}

void
ka_alive_text(const struct ka_alive *a)
{
	text_release(a);
	text_effect(a);
	text_record(a);
}

/* ,"key":n or ,"key":null for n < 0 */
static void
json_num(struct ka_buf *b, const char *key, long n)
{
	if (n < 0)
		ka_buf_addf(b, ",\"%s\":null", key);
	else
		ka_buf_addf(b, ",\"%s\":%ld", key, n);
}

/* ,"source":{"from":...,"file":...,"line":...} */
static void
json_source(struct ka_buf *b, int key, size_t line)
{
	ka_buf_addf(b, ",\"source\":{\"from\":\"%s\",\"file\":",
	    key ? "sysconfig" : "dropin");
	ka_json_str(b, key ? KA_PATH_MODEFILE : KA_DROPIN_PATH);
	ka_buf_addf(b, ",\"line\":%zu}", line);
}

static void
json_key(struct ka_buf *b, const struct ka_alive *a)
{
	int rec = key_recorded(a);

	if (a->key < 0) {
		ka_buf_adds(b, ",\"nat_timeout\":{\"file\":");
		ka_json_str(b, KA_PATH_MODEFILE);
		ka_buf_addf(b, ",\"line\":%zu,\"malformed\":", a->key_line);
		ka_json_str(b, a->key_err.msg + a->key_err.what);
		json_source(b, 1, a->key_line);
		ka_buf_adds(b, "}");
		return;
	}
	ka_buf_addf(b, ",\"nat_timeout\":{\"timeout\":%ld", a->key_timeout);
	json_num(b, "interval", rec ? a->rec.interval : -1);
	ka_buf_adds(b, ",\"file\":");
	if (rec) {
		ka_json_str(b, KA_DROPIN_PATH);
		ka_buf_addf(b, ",\"line\":%zu", a->rec.line);
	} else {
		ka_buf_adds(b, "null,\"line\":null");
	}
	ka_buf_addf(b, ",\"hand_edited\":%s", rec && a->rec.interval >= 0 &&
	    a->rec_dropin != a->rec.interval ? "true" : "false");
	json_num(b, "interval_for_this_release", a->key_now);
	json_source(b, 1, a->key_line);
	ka_buf_adds(b, "}");
}

static void
json_record(struct ka_buf *b, const struct ka_alive *a)
{
	if (a->key != 0) {
		json_key(b, a);
		return;
	}
	if (!a->has_rec) {
		ka_buf_adds(b, ",\"nat_timeout\":null");
		return;
	}
	if (a->has_rec < 0) {
		ka_buf_adds(b, ",\"nat_timeout\":{\"file\":");
		ka_json_str(b, KA_DROPIN_PATH);
		ka_buf_addf(b, ",\"line\":%zu,\"malformed\":", a->rec.line);
		ka_json_str(b, a->rec_err.msg + a->rec_err.what);
		json_source(b, 0, a->rec.line);
		ka_buf_adds(b, "}");
		return;
	}
	ka_buf_addf(b, ",\"nat_timeout\":{\"timeout\":%ld", a->rec.timeout);
	json_num(b, "interval", a->rec.interval);
	ka_buf_adds(b, ",\"file\":");
	ka_json_str(b, KA_DROPIN_PATH);
	ka_buf_addf(b, ",\"line\":%zu,\"hand_edited\":%s", a->rec.line,
	    a->rec.interval >= 0 && a->rec_dropin != a->rec.interval ?
	    "true" : "false");
	json_num(b, "interval_for_this_release", a->rec_now);
	json_source(b, 0, a->rec.line);
	ka_buf_adds(b, "}");
}

void
ka_alive_json(struct ka_buf *b, const struct ka_alive *a)
{
	static const char *const src[] = { "sshd", "rpm", "unknown", "binary" };
	static const char *const c0[] = { "null", "\"drops\"", "\"never\"" };
	int probes = a->interval > 0;

	ka_buf_adds(b, ",\"keepalive\":{\"release\":");
	if (a->rel.v.known)
		ka_json_str(b, a->rel.v.text);
	else
		ka_buf_adds(b, "null");
	ka_buf_addf(b, ",\"release_source\":\"%s\",\"release_how\":",
	    src[a->rel.src]);
	ka_json_str(b, a->rel.how);
	ka_buf_addf(b, ",\"probe_period_doubled\":%s",
	    ka_period_doubles(&a->rel.v) ? "true" : "false");
	json_num(b, "interval", a->interval);
	json_num(b, "count_max", a->count);
	json_num(b, "probe_period", probes ? a->period : -1);
	json_num(b, "keeps_alive_through_idle_timeouts_longer_than",
	    probes && !ka_alive_idle_cut(a) && !ka_alive_count0_unsure(a) ? a->period : -1);
	json_num(b, "silent_client_dropped_after", a->drop_after);
	ka_buf_addf(b, ",\"count_max_zero\":%s", c0[a->c0]);
	json_record(b, a);
	ka_buf_adds(b, "}");
}
