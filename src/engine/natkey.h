/* natkey.h - NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive: the
 * nat-timeout an administrator states, laid down before the package
 * (kickstart %pre, cloud-init write_files, an image pipeline) or
 * written by ssh-keepalive-tune --nat-timeout.
 *
 *   NAT_TIMEOUT=300      (the units of --nat-timeout: 5m, 1h30m)
 *
 * When present it is the source of truth: every apply derives
 * ClientAliveInterval from it for the installed release and writes the
 * drop-in's record (natrec.h) to match. */
#ifndef KA_NATKEY_H
#define KA_NATKEY_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"
#include "engine/modefile.h"

#define KA_NATKEY "NAT_TIMEOUT"

/* Line no of the file (data), "KEY=value..." at kv (n bytes, KEY being
 * NAT_TIMEOUT in some case): into m.  A key in another case, or a
 * second NAT_TIMEOUT, is an error naming the line; a bad value is only
 * noted (m->nat_bad, m->nat_err "FILE:LINE: NAT_TIMEOUT=...: why"). */
int ka_natkey_parse(const char *data, size_t no, const char *kv, size_t n,
    struct ka_modefile *m, struct ka_err *e);

/* The file's bytes (data, len; m their parse) with NAT_TIMEOUT=timeout,
 * or without the NAT_TIMEOUT line for timeout 0: its value alone
 * replaced (quotes, blanks and a comment after it kept), a line whose
 * value cannot be read replaced whole, or the key added at the end. */
int ka_natkey_render(const char *data, size_t len,
    const struct ka_modefile *m, long timeout, struct ka_buf *out);

#endif
