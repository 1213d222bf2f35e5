/* client_plan.h - what a client-side change will write, computed before
 * anything is written: the values, the mode, the three files' new bytes */
#ifndef KA_CLIENT_PLAN_H
#define KA_CLIENT_PLAN_H

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "flow/client.h"
#include "sys/sshdver.h"

struct ka_cplan {
	struct ka_release rel;       /* the installed ssh */
	enum ka_mode mode;           /* include or inline, decided */
	char mode_why[256];
	struct ka_client_values v;   /* what the drop-in will set */
	struct ka_modefile sc;       /* /etc/sysconfig/ssh-keepalive */
	struct ka_buf sys_old;       /* its bytes (empty: missing) */
	int sys_missing;
	struct ka_cfg *main;         /* ssh_config as it is */
	struct ka_cfg *dropin;       /* the drop-in as it is, or NULL */
	struct ka_buf main_new, dropin_new, sys_new;
	int main_changed, dropin_changed, sys_changed;
	int dropin_delete;           /* off/remove: the drop-in goes */
	int rmdir_after;             /* ... and the directory we made */
	int nothing;                 /* apply with CLIENT not yes */
};

void ka_cplan_init(struct ka_cplan *p);
void ka_cplan_free(struct ka_cplan *p);

/* Read the files and decide.  An exit code (flow/opts.h), e set when
 * it is not 0. */
int ka_cplan_build(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_cplan *p, struct ka_err *e);

#endif
