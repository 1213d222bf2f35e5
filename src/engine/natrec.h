/* natrec.h - the nat-timeout record: one comment line in the drop-in
 *
 *   # nat-timeout 350: ClientAliveInterval 157 derived from it ...
 *
 * ssh-keepalive-tune --nat-timeout writes it; every apply re-derives
 * the interval from it for the installed release; --interval, --reset
 * and a hand edit of ClientAliveInterval take it out.  A comment, so
 * sshd never sees it. */
#ifndef KA_NATREC_H
#define KA_NATREC_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"

#define KA_NATREC_PREFIX "# nat-timeout "

struct ka_natrec {
	long timeout;     /* seconds, 1 to KA_NAT_TIMEOUT_MAX */
	long interval;    /* the interval derived from it; -1 not written */
	size_t line;      /* where it is (find), 0 for a new one */
};

/* The first record in the drop-in: 1 found, 0 none.  A line that only
 * looks like one (a bad number) is an ordinary comment. */
int ka_natrec_find(const struct ka_cfg *dropin, struct ka_natrec *r);

/* The drop-in's bytes (data, len) without any record, and with want's
 * line (want not NULL) just before the first global ClientAliveInterval
 * line, else at the end; line endings follow the file's. */
int ka_natrec_write(const char *path, const char *data, size_t len,
    const struct ka_natrec *want, struct ka_buf *out, struct ka_err *e);

#endif
