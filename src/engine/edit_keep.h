/* edit_keep.h - remove, keeping an Include that others now rely on
 *
 * include mode may add an Include of the whole directory (sshd_config.d,
 * every .conf) where sshd_config had none (RHEL 8.6, Amazon Linux 2023
 * images).  Drop-ins an administrator puts there later are read only
 * through it: taking it out on erase would silently switch their
 * settings off (such as PasswordAuthentication no).  Such an Include stays where it is,
 * without our markers: it is the administrator's from then on. */
#ifndef KA_EDIT_KEEP_H
#define KA_EDIT_KEEP_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/files.h"

/* What ka_edit_remove_keep() kept: the Include's line number in the
 * output (0: none kept) and the first other file it reads. */
struct ka_kept {
	size_t lineno;
	char *reads;        /* malloc'd; NULL when nothing was kept */
};

/* ka_edit_remove(), except that an Include inside our block that reads
 * a file other than dropin (absolute) is kept, unmarked.  With out
 * NULL, only k is filled: whether such an Include is there (no copy of
 * the file). */
int ka_edit_remove_keep(const struct ka_cfg *cfg, const struct ka_files *f,
    const char *dropin, struct ka_buf *out, struct ka_kept *k,
    struct ka_err *e);

void ka_kept_free(struct ka_kept *k);

#endif
