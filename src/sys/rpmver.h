/* rpmver.h - openssh-server's version from the rpm database */
#ifndef KA_RPMVER_H
#define KA_RPMVER_H

#include <stddef.h>

#include "engine/err.h"

/* Version and release of the installed openssh-server, from the rpm
 * database under root, read by keepalive-rpmq (librpm) in a child
 * process.  -ENOENT when it is not installed or there is no database
 * (e says so); another -errno when keepalive-rpmq cannot run or fails. */
int ka_rpm_openssh_version(const char *root, char *version, size_t vlen,
    char *release, size_t rlen, struct ka_err *e);

/* 1 if an sshd of this version-release understands Include in
 * sshd_config: 8.2p1 and later, or Red Hat's backport from 8.0p1-12. */
int ka_rpm_version_has_include(const char *version, const char *release);

#endif
