/* mode.c - include mode or inline mode, and why */
#include "sys/mode.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sys/rpmver.h"
#include "sys/sshdcheck.h"

static void
from_rpm(const char *root, const char *sshd_why, struct ka_mode_choice *c)
{
	char v[64], rel[64];
	struct ka_err e;
	int r = ka_rpm_openssh_version(root, v, sizeof(v), rel, sizeof(rel), &e);

	if (r < 0) {
		c->mode = KA_MODE_INLINE;
		c->include_ok = -1;
		snprintf(c->why, sizeof(c->why), "%.300s; %s%.300s%s: inline "
		    "mode, which works everywhere", sshd_why, r == -ENOENT ? "" :
		    "cannot read the rpm database (", e.msg,
		    r == -ENOENT ? "" : ")");
		return;
	}
	c->include_ok = ka_rpm_version_has_include(v, rel);
	c->mode = c->include_ok ? KA_MODE_INCLUDE : KA_MODE_INLINE;
	snprintf(c->why, sizeof(c->why), "%.300s; rpm database: openssh-server "
	    "%s-%s %s Include", sshd_why, v, rel,
	    c->mode == KA_MODE_INCLUDE ? "understands" : "does not understand");
}

int
ka_mode_decide(const char *root, enum ka_mode requested,
    struct ka_mode_choice *c, struct ka_err *e)
{
	enum ka_include_support s;
	char why[400];
	int r;

	if (requested != KA_MODE_AUTO) {
		c->mode = requested;
		c->include_ok = -1;
		snprintf(c->why, sizeof(c->why), "--mode %s",
		    ka_mode_name(requested));
		return 0;
	}
	if ((r = ka_sshd_probe_include(root, &s, why, sizeof(why), e)) < 0)
		return r;
	if (s == KA_INC_UNKNOWN) {
		from_rpm(root, why, c);
		return 0;
	}
	c->include_ok = s == KA_INC_YES;
	c->mode = c->include_ok ? KA_MODE_INCLUDE : KA_MODE_INLINE;
	snprintf(c->why, sizeof(c->why), "%s", why);
	return 0;
}
