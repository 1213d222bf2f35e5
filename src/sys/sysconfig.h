/* sysconfig.h - "-o Keyword=value" in OPTIONS of /etc/sysconfig/sshd */
#ifndef KA_SYSCONFIG_H
#define KA_SYSCONFIG_H

#include <stddef.h>

/* The value an -o option in OPTIONS gives keyword (lower case), and its
 * line: 1 if found; 0 if not (value "", line 0).  Only the last
 * OPTIONS= line counts, as for the shell and systemd.  sshd's command
 * line beats every file but a Match block for every connection (see
 * flow/inuse.h, the one place that decides). */
int ka_sysconfig_option(const char *root, const char *keyword,
    char *value, size_t vlen, size_t *line);

#endif
