/* nat.h - --nat-timeout: pick the interval for the installed release,
 * record the timeout in the drop-in, re-derive on every apply */
#ifndef KA_NAT_H
#define KA_NAT_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/natrec.h"
#include "engine/value.h"
#include "flow/opts.h"
#include "sys/sshdver.h"

struct ka_nat_choice {
	struct ka_release rel;
	long timeout;      /* the middlebox's idle timeout */
	long margin;       /* kept below it */
	long interval;     /* the largest that fits */
	long period;       /* its probe period on rel */
};

/* The interval for timeout on the installed release (under root).  0,
 * or -ERANGE with e naming --nat-timeout and the smallest timeout that
 * works on this sshd. */
int ka_nat_choose(const char *root, long timeout, struct ka_nat_choice *c,
    struct ka_err *e);

/* "PROG: --nat-timeout 350 s: ... ClientAliveInterval 157 ..." */
void ka_nat_explain(const char *prog, const struct ka_nat_choice *c);

/* For a ClientAliveCountMax 0 that c0 (sys/facts.h) says closes idle sessions, or may:
 * "on this sshd (before OpenSSH 8.2p1, RHEL up to 8.5)", or, for
 * KA_COUNT0_UNKNOWN, that the release is unknown and the safe answer is
 * taken. */
const char *ka_nat_count0_where(enum ka_count0 c0);

/* A nat-timeout (from file:line) kept beside ClientAliveCountMax 0,
 * where 0 closes every idle session or may: a warning. */
void ka_nat_warn_count_zero(const struct ka_change_opts *o, const char *file,
    size_t line, long timeout);

enum ka_nat_action { KA_NAT_KEEP, KA_NAT_SET, KA_NAT_CLEAR };

struct ka_nat_step {
	enum ka_nat_action action;
	struct ka_natrec rec;      /* for KA_NAT_SET */
	int drop_key;              /* NAT_TIMEOUT goes with the record (a hand
	                            * edit of ClientAliveInterval won) */
};

/* Before the new drop-in is built: what becomes of the record.  tune:
 * --nat-timeout sets it, --interval and --reset clear it (a malformed
 * record too, with a warning).  apply: the interval is derived again
 * from the record for the installed release (v->interval set and
 * *rewrite = 1 when it changes); a ClientAliveInterval edited by hand
 * wins and the record goes.  NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive,
 * when set, is the source of truth: a record of its timeout is the
 * derivation, kept as above (a hand edit still wins, and the key goes
 * with the record: s->drop_key); with no such record it wins
 * (flow/natkey_plan.h); a bad one is refused as a malformed record is.  Every other change keeps the record: a
 * malformed one is refused (-EINVAL, e names its line), and a kept
 * record beside ClientAliveCountMax 0 where 0 closes idle sessions gets
 * a warning (the change goes on: an apply must never be stopped by it). */
int ka_nat_plan(const struct ka_change_opts *o, enum ka_op op,
    const struct ka_cfg *dropin, int dropin_missing, struct ka_values *v,
    int *rewrite, struct ka_nat_step *s, struct ka_err *e);

/* After: the record written into, or taken out of, the new drop-in. */
int ka_nat_finish(const struct ka_nat_step *s, struct ka_buf *dropin_new,
    struct ka_err *e);

#endif
