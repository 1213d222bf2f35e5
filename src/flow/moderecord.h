/* moderecord.h - ssh-keepalive-tune --mode: record the mode so it lasts;
 * --nat-timeout: record NAT_TIMEOUT; --interval, --reset: drop it
 *
 * The new /etc/sysconfig/ssh-keepalive is prepared (a temp file beside
 * it, flushed) before the change to sshd's files, and renamed into place
 * only when that change went through; with --dry-run its diff is shown. */
#ifndef KA_MODERECORD_H
#define KA_MODERECORD_H

#include "engine/err.h"
#include "flow/opts.h"
#include "sys/safewrite.h"

struct ka_moderec {
	struct ka_safe w;
	int changed;     /* the file will say something new */
	int made_dir;    /* /etc/sysconfig was made for it */
	char what[64];   /* "MODE=inline", "NAT_TIMEOUT=350", "no NAT_TIMEOUT" */
};

/* This change records something in /etc/sysconfig/ssh-keepalive. */
int ka_moderec_wanted(const struct ka_change_opts *o, enum ka_op op);

/* Prepare MODE=o->mode (--mode) and NAT_TIMEOUT (tune: --nat-timeout
 * sets it, --interval and --reset drop it; drop_key: it goes with the
 * record, whatever the op); rec->changed stays 0 when the file says so
 * already.  0, or < 0 with e set (nothing written). */
int ka_moderec_begin(const struct ka_change_opts *o, enum ka_op op,
    int drop_key, struct ka_moderec *rec, struct ka_err *e);

/* The change to sshd's files ended with exit code r (sshd_changed: it
 * wrote them): commit the record when r is a success, else drop it.
 * Returns the exit code of the whole change. */
int ka_moderec_end(const struct ka_change_opts *o, struct ka_moderec *rec,
    int r, int sshd_changed, struct ka_err *e);

#endif
