/* rootfs.h - paths inside a root directory, resolved as chroot(2) would
 *
 * Every file ssh-keepalive reads, writes, locks, creates or removes is
 * named as seen from inside a root (--root DIR, or "/" for the running
 * system) and reached through here, component by component: a symbolic
 * link's absolute target starts again at the root, a relative one goes
 * on from the link's own directory, ".." never climbs above the root,
 * and more than 40 links is ELOOP.  Directories are opened one by one
 * with O_NOFOLLOW, and the last component is opened with O_NOFOLLOW in
 * the directory found, so a link swapped in by someone writing to the
 * image at the same time makes the call fail instead of leading out.
 *
 * What remains: the directories are opened by name, so a directory
 * that is renamed while we hold it keeps its fd (we still act inside
 * the root, just on a directory that has moved); ".." is taken by
 * walking again from the root, never from the kernel's parent, so a
 * directory moved outside the root cannot lead out.  Magic links
 * (/proc/PID/fd/N, /proc/PID/root) are read as plain links here, not
 * jumped through as the kernel would: nothing we read lives in /proc.
 * With the root "/" the result is the kernel's own resolution. */
#ifndef KA_ROOTFS_H
#define KA_ROOTFS_H

#include <sys/stat.h>
#include <sys/types.h>

#include "engine/err.h"

#define KA_ROOTFS_MAX_LINKS 40   /* as the kernel's MAXSYMLINKS */

/* Where a path ends up: the last component `name` in the open directory
 * `dirfd`, and the whole path as seen from inside the root, every link
 * resolved ("/" for the root itself, whose name is "."). */
struct ka_rpath {
	int dirfd;
	char *name;
	char *inroot;
};

#define KA_RP_NOFOLLOW 1   /* a link in the last component stays a link */

/* root as the running system means it: NULL for NULL, "" and "/". */
const char *ka_root_or_null(const char *root);

/* Resolve path (absolute, inside root; root NULL is "/").  Every
 * component but the last must be a directory (after links); the last
 * need not exist.  0, or -errno with e naming path. */
int ka_rp_resolve(const char *root, const char *path, int flags,
    struct ka_rpath *rp, struct ka_err *e);
void ka_rp_free(struct ka_rpath *rp);

/* openat() of the resolved last component, always with O_NOFOLLOW. */
int ka_root_open(const char *root, const char *path, int flags,
    struct ka_err *e);
/* stat() (flags 0) or lstat() (KA_RP_NOFOLLOW) inside root. */
int ka_root_stat(const char *root, const char *path, int flags,
    struct stat *st, struct ka_err *e);
/* mkdir(), rmdir(), unlink() inside root: as the system calls, they act
 * on a link in the last component itself, except ka_root_unlink with
 * flags 0, which removes the file a link points to. */
int ka_root_mkdir(const char *root, const char *path, mode_t mode,
    struct ka_err *e);
int ka_root_rmdir(const char *root, const char *path);
int ka_root_unlink(const char *root, const char *path, int flags);

/* Create a new file ".PREFIX" + 6 random characters in dirfd, O_EXCL,
 * mode 0600: the fd, or -errno; *name is the malloc'd name. */
int ka_rp_create_temp(int dirfd, const char *prefix, char **name);

/* Check a --root argument: NULL stays NULL; "" or a path that is not a
 * directory is an error (-EINVAL, -ENOENT, -ENOTDIR, e says what); a
 * directory that is the running system's "/" becomes NULL. */
int ka_root_check(const char *root, const char **out, struct ka_err *e);

#endif
