/* alive.h - what the effective values do on the installed release: the
 * probe period, the idle timeouts a session survives, when a silent
 * client goes, and the nat-timeout record */
#ifndef KA_ALIVE_H
#define KA_ALIVE_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"
#include "engine/natrec.h"
#include "engine/period.h"
#include "sys/sshdver.h"

struct ka_alive {
	struct ka_release rel;
	long interval, count;    /* what sshd uses (files and -o) */
	int invalid;             /* one of them is a value sshd refuses */
	long period;             /* seconds between probes; 0: none */
	enum ka_count0 c0;       /* ClientAliveCountMax 0 on this release */
	long drop_after;         /* seconds, or KA_NEVER */
	int has_rec;             /* the drop-in holds a nat-timeout record:
	                          * 1; a malformed one: -1 (rec.line) */
	struct ka_natrec rec;
	long rec_dropin;         /* the drop-in's own ClientAliveInterval */
	long rec_now;            /* the interval the record gives on this
	                          * release now; -1 when it cannot be kept */
	struct ka_err rec_err;   /* what is wrong with a malformed record */
	int key;                 /* NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive
	                          * (which wins over the record): 1; a bad
	                          * one: -1 (key_err); none: 0 */
	size_t key_line;
	long key_timeout;
	long key_now;            /* the interval it gives on this release;
	                          * -1 when it cannot be kept */
	struct ka_err key_err;
};

/* Gather it all for the system under root; the release and what
 * ClientAliveCountMax 0 does on it are the run's facts (sys/facts.h). */
int ka_alive_gather(const char *root, struct ka_alive *a,
    struct ka_err *e);

/* ClientAliveCountMax 0 on a release where it closes every session
 * idle for one interval, without a probe: 1. */
int ka_alive_idle_cut(const struct ka_alive *a);

/* ClientAliveCountMax 0 on a release that is not known: it does that,
 * or keeps probing and drops nobody. */
int ka_alive_count0_unsure(const struct ka_alive *a);

/* The lines of --status. */
void ka_alive_text(const struct ka_alive *a);

/* ,"keepalive":{...} for --json. */
void ka_alive_json(struct ka_buf *b, const struct ka_alive *a);

#endif
