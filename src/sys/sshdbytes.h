/* sshdbytes.h - an image's sshd release, read from its bytes, not run */
#ifndef KA_SSHDBYTES_H
#define KA_SSHDBYTES_H

#include "engine/period.h"

/* At most this much of the binary is read (sshd is about 1 MiB). */
#define KA_SSHDBYTES_MAX (64L * 1024 * 1024)

/* The release named in root's /usr/sbin/sshd (links resolved inside
 * root), without executing it: 0, or -ENOENT (no such file, not a
 * regular file, or no release string in it), -EINVAL (strings that
 * disagree), another -errno. */
int ka_sshd_release_from_bytes(const char *root, struct ka_sshver *v);

/* The same for any program of the image (path inside root): its ssh. */
int ka_release_from_bytes(const char *root, const char *path,
    struct ka_sshver *v);

/* 1 when root holds a regular file at path (links resolved inside it). */
int ka_program_in_image(const char *root, const char *path);

/* 1 when root holds a regular file at /usr/sbin/sshd (links resolved
 * inside root). */
int ka_sshd_in_image(const char *root);

#endif
