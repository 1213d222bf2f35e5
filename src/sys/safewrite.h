/* safewrite.h - replace a file atomically, never leaving it torn
 *
 * ka_safe_begin() finds the file inside the root (links resolved as
 * chroot would: rootfs.h), checks that it can be replaced at all, and
 * writes the new bytes to a temporary file beside it (same directory, so
 * the rename is atomic), with the target's owner, mode and SELinux label,
 * flushed to disk.  The caller validates that temporary file, then
 * either commits (rename over the target and fsync the directory) or
 * aborts (unlink it).  A symlinked target is written through: the file
 * it points to is replaced, the link stays.  --dry-run runs
 * ka_safe_begin() too, so it fails where the real run would. */
#ifndef KA_SAFEWRITE_H
#define KA_SAFEWRITE_H

#include <stddef.h>
#include <sys/types.h>

#include "engine/err.h"
#include "sys/rootfs.h"

struct ka_safe {
	char *target;     /* the real file, root included, every link in it
	                   * resolved inside the root (a host path: for
	                   * mount(2); our own calls use at) */
	char *tmp;        /* the temporary file, root included */
	char *tmp_inroot; /* the same, as seen from inside root */
	char *path;       /* the file as named inside the root, for messages */
	char *tmp_name;   /* the temporary file's name in at.dirfd */
	struct ka_rpath at; /* where the file really is: directory and name */
};

/* mode is used when the target does not exist yet (root:root). */
int ka_safe_begin(struct ka_safe *w, const char *root, const char *path,
    const void *data, size_t len, mode_t mode, struct ka_err *e);
int ka_safe_commit(struct ka_safe *w, struct ka_err *e);
void ka_safe_abort(struct ka_safe *w);

#endif
