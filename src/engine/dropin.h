/* dropin.h - the values our drop-in sets */
#ifndef KA_DROPIN_H
#define KA_DROPIN_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/value.h"

#define KA_DROPIN_DIR "/etc/ssh/sshd_config.d"
#define KA_DROPIN_PATH KA_DROPIN_DIR "/01-keepalive.conf"

/* The first value of each keepalive keyword in the drop-in (what sshd
 * would take from it).  A value sshd would reject is an error naming the
 * line; a keyword the drop-in leaves out stays unset. */
int ka_dropin_values(const struct ka_cfg *dropin, struct ka_values *v,
    struct ka_err *e);

/* The drop-in with each value v sets written over the first global line
 * that sets it (or added before any Match), every other line kept as
 * it is; with drop_tcp, global TCPKeepAlive lines are taken out. */
int ka_dropin_set(const struct ka_cfg *dropin, const struct ka_values *v,
    int drop_tcp, struct ka_buf *out, struct ka_err *e);

/* What the package ships, for a drop-in that is missing. */
extern const char ka_dropin_default[];

#endif
