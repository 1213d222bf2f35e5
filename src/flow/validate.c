/* validate.c - ask sshd about a change before anything is renamed */
#include "flow/validate.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/dropin.h"
#include "flow/tell.h"
#include "sys/paths.h"
#include "sys/reload.h"
#include "sys/setcheck.h"
#include "sys/sshdcheck.h"

int
ka_validate_live(const struct ka_change_opts *o, const char *what, int *ran,
    struct ka_err *e)
{
	struct ka_check c;
	int r;

	if ((r = ka_sshd_check(o->root, KA_PATH_SSHD_CONFIG, &c, e)) < 0)
		return r;
	*ran = c.verdict == KA_SSHD_NOT_RUN ? -1 :
	    c.verdict == KA_SSHD_PARSED ? 2 : 1;
	if (c.verdict == KA_SSHD_NOT_RUN || c.verdict == KA_SSHD_PARSED)
		ka_err_set(e, 0, NULL, 0, "%s", c.msg);
	if (c.verdict != KA_SSHD_REJECTED)
		return 0;
	ka_err_set(e, EINVAL, NULL, 0, "%s%s", what, c.msg);
	return 1;
}

/* The set was rejected: blame the files as they are if sshd rejects
 * them too, else the change. */
static int
rejected(const struct ka_change_opts *o, const struct ka_check *cand,
    struct ka_err *e)
{
	int ran, r = ka_validate_live(o, "sshd already rejects ", &ran, e);

	if (r < 0)
		return KA_EXIT_ERROR;
	if (r == 0)
		ka_err_set(e, EINVAL, NULL, 0, "sshd rejects the new "
		    "configuration; nothing was changed:\n%s", cand->msg);
	return KA_EXIT_REJECTED;
}

/* No private namespace: say so (not in a chroot or image build, where
 * no running sshd reads the files in between), and check after the
 * rename; a dry run cannot do that. */
static void
no_namespace(const struct ka_change_opts *o, int ns_err,
    struct ka_validation *v)
{
	char why[160];

	snprintf(why, sizeof(why), "%s: %s", ka_setcheck_step_name(ns_err),
	    strerror(KA_SETCHECK_ERRNO(ns_err)));
	if (o->dry_run) {
		ka_warn(o, "validation skipped: the new files cannot be checked "
		    "together in a private mount namespace (%s)", why);
		v->ran = -1;
		return;
	}
	v->fallback = 1;
	if (!ka_in_chroot())
		ka_warn(o, "the new files cannot be checked together in a private "
		    "mount namespace (%s): they are checked in place, and the old "
		    "ones put back if sshd rejects them", why);
}

int
ka_validate_set(const struct ka_change_opts *o, const struct ka_safe *dropin,
    const struct ka_safe *main_file, struct ka_validation *v,
    struct ka_err *e)
{
	struct ka_swap sw[2];
	struct ka_check c;
	size_t n = 0;
	int ns_err;

	memset(v, 0, sizeof(*v));
	if (dropin->tmp != NULL) {
		sw[n].target = dropin->target;
		sw[n].tmp = dropin->tmp;
		sw[n].path = KA_DROPIN_PATH;
		sw[n++].tmp_inroot = dropin->tmp_inroot;
	}
	if (main_file->tmp != NULL) {
		sw[n].target = main_file->target;
		sw[n].tmp = main_file->tmp;
		sw[n].path = KA_PATH_SSHD_CONFIG;
		sw[n++].tmp_inroot = main_file->tmp_inroot;
	}
	if (ka_sshd_check_set(o->root, sw, n, &c, &ns_err, e) < 0)
		return KA_EXIT_ERROR;
	if (ns_err != 0) {
		no_namespace(o, ns_err, v);
		return 0;
	}
	if (c.verdict == KA_SSHD_NOT_RUN) {
		ka_warn(o, "validation skipped: %s", c.msg);
		v->ran = -1;
		return 0;
	}
	v->ran = 1;
	if (c.verdict == KA_SSHD_PARSED) {
		v->parsed = 1;
		ka_err_set(e, 0, NULL, 0, "%s", c.msg);
	}
	return c.verdict == KA_SSHD_REJECTED ? rejected(o, &c, e) : 0;
}
