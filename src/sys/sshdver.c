/* sshdver.c - which OpenSSH release is installed, and how we know */
#include "sys/sshdver.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sys/paths.h"
#include "sys/rpmver.h"
#include "sys/sshdbytes.h"
#include "sys/run.h"
#include "sys/rootfs.h"

/* sshd -V: 9.2p1 and later print "OpenSSH_x.y[pz], OpenSSL ..." and
 * exit 0; older ones reject -V and print the same in their usage.  The
 * line is in the output either way.  The running system's own sshd
 * only: an image's is never run for this. */
static int
from_sshd(struct ka_release *r)
{
	char *argv[] = { KA_PATH_SSHD, "-V", NULL };
	struct ka_run res;
	struct ka_err e;
	int got = 0;

	if (ka_run(NULL, argv, &res, &e) == 0 && res.exec_errno == 0 &&
	    ka_sshver_from_line(res.out.data, &r->v) == 0) {
		r->src = KA_REL_SSHD;
		snprintf(r->how, sizeof(r->how), "%s -V", KA_PATH_SSHD);
		got = 1;
	}
	ka_run_free(&res);
	return got;
}

/* An image's sshd: the release its bytes name, read, not run; else
 * why not, in r->how. */
static int
from_bytes(const char *root, struct ka_release *r)
{
	int e = ka_sshd_release_from_bytes(root, &r->v);

	if (e < 0) {
		snprintf(r->how, sizeof(r->how), e == -ENOENT ? "no version string "
		    "in the image's %s" : e == -EINVAL ? "the version strings in the "
		    "image's %s disagree" : "the image's %s cannot be read", KA_PATH_SSHD);
		if (e == -ENOENT && !ka_sshd_in_image(root))
			snprintf(r->how, sizeof(r->how), "no %s in the image",
			    KA_PATH_SSHD);
		return 0;
	}
	r->src = KA_REL_BINARY;
	snprintf(r->how, sizeof(r->how), "the version string in the image's %s",
	    KA_PATH_SSHD);
	return 1;
}

/* openssh-server in the rpm database; else how says why not ("no
 * openssh-server in the rpm database", "cannot read the rpm database
 * (...)"). */
static int
from_rpm(const char *root, struct ka_sshver *v, char *how, size_t howlen)
{
	char ver[64], rel[64];
	struct ka_err e;
	int r;

	r = ka_rpm_openssh_version(root, ver, sizeof(ver), rel, sizeof(rel), &e);
	if (r == 0 && ka_sshver_from_rpm(ver, rel, v) < 0)
		snprintf(e.msg, sizeof(e.msg), "openssh-server %.60s-%.60s is no "
		    "release", ver, rel);
	else if (r == 0) {
		snprintf(how, howlen, "rpm database: openssh-server %s-%s", ver,
		    rel);
		return 1;
	}
	if (r == -ENOENT)
		snprintf(how, howlen, "no openssh-server in the rpm database");
	else
		snprintf(how, howlen, "cannot read the rpm database (%.200s)",
		    e.msg);
	return 0;
}

/* 8.0p1 from sshd: only the rpm release tells RHEL 8.6's backport. */
static void
take_rpm_release(const char *root, struct ka_release *r)
{
	struct ka_sshver rpmv;
	char how[sizeof(r->how)];

	if (ka_sshver_cmp(&r->v, 8, 0) == 0 &&
	    from_rpm(root, &rpmv, how, sizeof(how)) &&
	    ka_sshver_cmp(&rpmv, 8, 0) == 0)
		r->v.rel = rpmv.rel;
}

int
ka_release_detect(const char *root, struct ka_release *r, struct ka_err *e)
{
	char rpm[sizeof(r->how) - 64];

	(void)e;
	root = ka_root_or_null(root);
	memset(r, 0, sizeof(*r));
	ka_sshver_from_line(NULL, &r->v);
	r->src = KA_REL_UNKNOWN;
	if (root == NULL ? from_sshd(r) : from_bytes(root, r)) {
		take_rpm_release(root, r);
		return 0;
	}
	if (from_rpm(root, &r->v, rpm, sizeof(rpm))) {
		r->src = KA_REL_RPM;
		snprintf(r->how, sizeof(r->how), "%s", rpm);
		return 0;
	}
	if (root == NULL)
		snprintf(r->how, sizeof(r->how), "no sshd to ask");
	snprintf(r->how + strlen(r->how), sizeof(r->how) - strlen(r->how),
	    "; %s", rpm);
	return 0;
}

const char *
ka_release_describe(const struct ka_release *r, char *buf, size_t size)
{
	char name[64];

	ka_sshver_name(&r->v, name, sizeof(name));
	if (r->src == KA_REL_UNKNOWN)
		snprintf(buf, size, "%s (%s)", name, r->how);
	else
		snprintf(buf, size, "%s (from %s)", name, r->how);
	return buf;
}
