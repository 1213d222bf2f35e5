/* sysconf_keys.h - the client keys of /etc/sysconfig/ssh-keepalive,
 * and the one writer of any of its keys (issue 20, doc/client.md)
 *
 *   CLIENT=yes|no                  the client side is on (yes) or off
 *   CLIENT_MODE=auto|include|inline  how ssh_config reads the drop-in
 *   CLIENT_NAT_TIMEOUT=TIME        the units of --nat-timeout (5m, 350)
 *
 * Read like MODE and NAT_TIMEOUT (one word or one quoted string, then
 * blanks and a comment); each at most once.  A bad value is only noted
 * in struct ka_modefile (client_bad, client_mode_bad, client_nat_bad,
 * client_err): a broken client line never stops the server side. */
#ifndef KA_SYSCONF_KEYS_H
#define KA_SYSCONF_KEYS_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"
#include "engine/modefile.h"

#define KA_KEY_CLIENT "CLIENT"
#define KA_KEY_CLIENT_MODE "CLIENT_MODE"
#define KA_KEY_CLIENT_NAT "CLIENT_NAT_TIMEOUT"

/* Line no, "KEY=value..." at kv (n bytes, the key's klen bytes first):
 * when KEY is a client key in some case, read it into m and return 1;
 * a key in another case, or one set twice, is an error naming the line;
 * 0 for any other key. */
int ka_sysconf_client_key(size_t no, const char *kv, size_t klen, size_t n,
    struct ka_modefile *m, struct ka_err *e);

/* The file's bytes (data, len) with KEY=value: the value alone replaced
 * (its quotes, blanks and a comment after it kept byte for byte), a
 * line whose value cannot be read replaced whole (its ending kept), or
 * KEY=value added at the end in the file's line ending (\n or \r\n;
 * one is added first when the last line has none).  value NULL: KEY's
 * line and its ending taken out (no line: the same bytes).  data NULL
 * (a missing file): the file as the package ships it, so set.  Every
 * other byte is kept.  Errors (-EINVAL, e set, out untouched): key not
 * a key, a value the file cannot hold as one bare word, KEY twice or
 * in another case (FILE:LINE), a NUL byte. */
int ka_modefile_set_key(const char *data, size_t len, const char *key,
    const char *value, struct ka_buf *out, struct ka_err *e);

#endif
