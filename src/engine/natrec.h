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

/* The first record in the drop-in: a comment line "# nat-timeout TIME",
 * TIME in the units --nat-timeout takes (350, 4m, 350s, 1h30m), up to
 * the end of the line or a ':' after which anything may follow (what
 * ssh-keepalive writes there: "ClientAliveInterval N derived ...").
 * 1 found, 0 none, -EINVAL for a malformed one (a TIME --nat-timeout
 * would refuse): r->line is its line and e says what is wrong,
 * "FILE:LINE: nat-timeout record: '5 m' is not a time; accepted: ...". */
int ka_natrec_find(const struct ka_cfg *dropin, struct ka_natrec *r,
    struct ka_err *e);

/* The drop-in's bytes (data, len) without any record, malformed ones
 * too, and with want's line (want not NULL) just before the first
 * global ClientAliveInterval line, else at the end; line endings follow
 * the file's. */
int ka_natrec_write(const char *path, const char *data, size_t len,
    const struct ka_natrec *want, struct ka_buf *out, struct ka_err *e);

#endif
