/* verscan.h - the OpenSSH release named in a binary's bytes
 *
 * Pure: fed the bytes of an sshd binary in pieces of any size, it looks
 * at every NUL-terminated string and keeps those that are exactly
 * "OpenSSH_X.Y" or "OpenSSH_X.YpZ": sshd holds SSH_VERSION and
 * SSH_RELEASE as such (version.h), while the other strings that begin
 * so (compat.c's patterns "OpenSSH_7.4*", "OpenSSH_2*,OpenSSH_3*", a
 * vendor's "OpenSSH_9.2p1 Debian-2") are not of that form.  The release
 * is known when every such string names the same X.Y. */
#ifndef KA_VERSCAN_H
#define KA_VERSCAN_H

#include <stddef.h>

#include "engine/period.h"

#define KA_VERSCAN_TOKEN 32   /* longer strings are not a release */

struct ka_verscan {
	char tok[KA_VERSCAN_TOKEN];
	size_t len;          /* bytes of the current string, up to a NUL */
	int found;           /* strings of the form seen */
	int conflict;        /* two of them named different releases */
	struct ka_sshver v;  /* the release, with its pN where one gave it */
};

void ka_verscan_init(struct ka_verscan *s);
void ka_verscan_feed(struct ka_verscan *s, const char *buf, size_t len);
/* 0 with *v the release, or -ENOENT (no such string) or -EINVAL (they
 * disagree). */
int ka_verscan_result(const struct ka_verscan *s, struct ka_sshver *v);

#endif
