/* sshdver.h - which OpenSSH release is installed, and how we know */
#ifndef KA_SSHDVER_H
#define KA_SSHDVER_H

#include "engine/err.h"
#include "engine/period.h"

enum ka_relsrc {
	KA_REL_SSHD,      /* the installed sshd's version line */
	KA_REL_RPM,       /* openssh-server in the rpm database */
	KA_REL_UNKNOWN,   /* neither: assume the worse case */
	KA_REL_BINARY     /* the version string in an image's sshd */
};

struct ka_release {
	struct ka_sshver v;
	enum ka_relsrc src;
	char how[256];    /* "/usr/sbin/sshd -V", "rpm database: ..." */
};

/* The installed release under root (NULL: this system): the version
 * line of the system's own sshd (sshd -V), or for an image the version
 * string in its sshd's bytes (an image's program is never run for it);
 * else openssh-server's version and release in the rpm database; else
 * unknown.  An 8.0p1 learned from sshd also takes its rpm release, which
 * tells what ClientAliveCountMax 0 means.  Returns 0. */
int ka_release_detect(const char *root, struct ka_release *r,
    struct ka_err *e);

/* "OpenSSH 9.2 (from /usr/sbin/sshd -V)" and the like. */
const char *ka_release_describe(const struct ka_release *r, char *buf,
    size_t size);

#endif
