/* dropin.h - the values our drop-in sets */
#ifndef KA_DROPIN_H
#define KA_DROPIN_H

#include "cfgfile.h"
#include "err.h"
#include "value.h"

#define KA_DROPIN_DIR "/etc/ssh/sshd_config.d"
#define KA_DROPIN_PATH KA_DROPIN_DIR "/01-keepalive.conf"

/* The first value of each keepalive keyword in the drop-in (what sshd
 * would take from it).  A value sshd would reject is an error naming the
 * line; a keyword the drop-in leaves out stays unset. */
int ka_dropin_values(const struct ka_cfg *dropin, struct ka_values *v,
    struct ka_err *e);

#endif
