/* fsutil.h - reading files and expanding globs under an optional root */
#ifndef KA_FSUTIL_H
#define KA_FSUTIL_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/pathlist.h"

/* Write all len bytes at p to fd, again after a signal; 0 or -errno. */
int ka_fs_write_all(int fd, const void *p, size_t len);

/* The directory part of path ("/" for "/x", "." for "x"). */
char *ka_fs_dirname(const char *path);

/* Read all of path inside root into b (every link resolved inside the
 * root: rootfs.h); messages name path.  Not a regular file: -EISDIR for
 * a directory, else -EINVAL. */
int ka_fs_read_file(const char *root, const char *path, struct ka_buf *b,
    struct ka_err *e);

/* Read path inside root and parse it (cfgfile.h), in one buffer of its
 * size; messages name path.  -ENOENT etc. */
int ka_cfg_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e);

/* Expand an absolute glob under root, sorted in byte order as sshd does;
 * no match is an empty list, not an error (rootglob.h). */
int ka_fs_glob(const char *root, const char *pattern, struct ka_pathlist *pl,
    struct ka_err *e);

#endif
