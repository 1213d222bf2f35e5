/* natkey_plan.h - NAT_TIMEOUT, the nat-timeout an administrator stated
 * in /etc/sysconfig/ssh-keepalive, wins
 *
 * Present, it is the source of truth.  Where the drop-in holds no
 * record of its timeout (laid down before the package, edited since, a
 * malformed record), every change that neither sets nor drops it
 * (apply from %post and the openssh-server trigger, --apply,
 * --count-max, --mode...) derives ClientAliveInterval from it for the
 * installed release and writes the record to match, said.  A record of
 * its timeout is handled as any record (flow/nat.h). */
#ifndef KA_NATKEY_PLAN_H
#define KA_NATKEY_PLAN_H

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/modefile.h"
#include "engine/natrec.h"
#include "engine/value.h"
#include "flow/nat.h"
#include "flow/opts.h"

/* found, rec: the drop-in's record (0 none, -1 malformed, 1 one of
 * another timeout);
 * sc: the file, with a good NAT_TIMEOUT.  v->interval and *rewrite are
 * set when the interval changes; s says what becomes of the record. */
int ka_natkey_plan(const struct ka_change_opts *o, const struct ka_cfg *dropin,
    int found, const struct ka_natrec *rec, const struct ka_modefile *sc,
    struct ka_values *v, int *rewrite, struct ka_nat_step *s,
    struct ka_err *e);

#endif
