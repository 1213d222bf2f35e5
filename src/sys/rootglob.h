/* rootglob.h - Include globs expanded inside a root, as sshd expands them
 *
 * sshd expands Include with OpenBSD's glob(3) (openbsd-compat/glob.c,
 * flags 0): a component without wildcards is taken as it is; one with
 * wildcards is matched against the names in its directory, a leading
 * dot only by a leading dot in the pattern; the whole path must then
 * exist by lstat (a dangling link matches); the results are sorted in
 * byte order.  Here every directory is found with the resolver of
 * rootfs.h, so no link leads out of the root. */
#ifndef KA_ROOTGLOB_H
#define KA_ROOTGLOB_H

#include "engine/err.h"
#include "sys/fsutil.h"

/* Expand the absolute pattern under root (NULL: "/") into pl: paths as
 * seen inside the root, links not resolved, as sshd names them.  No
 * match is an empty list; an unreadable directory matches nothing. */
int ka_root_glob(const char *root, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e);

#endif
