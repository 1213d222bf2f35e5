/* sysconfig.h - "-o Keyword=value" in OPTIONS of /etc/sysconfig/sshd */
#ifndef KA_SYSCONFIG_H
#define KA_SYSCONFIG_H

#include <stddef.h>

/* The value an -o option in OPTIONS gives keyword (lower case), and its
 * line; 0 if none, 1 if found.  sshd's command line beats every file. */
int ka_sysconfig_option(const char *root, const char *keyword,
    char *value, size_t vlen, size_t *line);

#endif
