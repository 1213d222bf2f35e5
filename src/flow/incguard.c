/* incguard.c - include mode that sshd cannot be asked about */
#include "flow/incguard.h"

#include <errno.h>

#include "sys/rpmver.h"

int
ka_include_guard(const struct ka_change_opts *o, const struct ka_plan *p,
    struct ka_err *e)
{
	char v[64], rel[64];
	struct ka_err re;

	/* auto mode chose include from sshd or the database: no need to ask */
	if (p->mode.mode != KA_MODE_INCLUDE || p->mode.include_ok == 1 ||
	    ka_rpm_openssh_version(o->root, v, sizeof(v), rel, sizeof(rel),
	    &re) < 0 || ka_rpm_version_has_include(v, rel))
		return 0;
	ka_err_set(e, EINVAL, NULL, 0, "include mode (%.300s), but the rpm "
	    "database says openssh-server %s-%s, whose sshd rejects Include: "
	    "it would not start; nothing was changed (inline mode works with "
	    "it: --mode inline or --mode auto)", p->mode.why, v, rel);
	return KA_EXIT_REJECTED;
}
