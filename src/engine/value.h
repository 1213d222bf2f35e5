/* value.h - the keepalive values and how they are parsed */
#ifndef KA_VALUE_H
#define KA_VALUE_H

#include <stddef.h>

#include "engine/err.h"

#define KA_INTERVAL_MAX 86400L  /* 24 h */
#define KA_COUNT_MAX_MAX 1000L
#define KA_NAT_TIMEOUT_MAX 604800L  /* 7 d: above Linux conntrack's 5 d */

/* The values a drop-in or managed block sets; a member < 0 is not set. */
struct ka_values {
	long interval;       /* ClientAliveInterval, whole seconds */
	long count_max;      /* ClientAliveCountMax */
	int tcp_keepalive;   /* TCPKeepAlive: 1 yes, 0 no */
};

#define KA_VALUES_UNSET { -1, -1, -1 }

/* The keywords, in the order sshd -T and our lines list them. */
enum ka_kw { KA_KW_IDX_INTERVAL, KA_KW_IDX_COUNT, KA_KW_IDX_TCP, KA_KW_N };

/* The directive that sets kw to its value in v ("ClientAliveInterval
 * 600"), as we write it: whole seconds, lower-case yes/no.  Returns its
 * length, or 0 when v leaves kw unset. */
int ka_values_line(enum ka_kw kw, const struct ka_values *v, char *buf,
    size_t size);

/* Strict parsers for what an administrator types: whole seconds or
 * OpenSSH time units (600, 10m, 1h30m, 1H30S); no signs, spaces,
 * decimals or hex.  On error e holds one line without the option name. */
int ka_value_parse_interval(const char *s, long *secs, struct ka_err *e);
int ka_value_parse_count_max(const char *s, long *n, struct ka_err *e);
int ka_value_parse_yesno(const char *s, int *yes, struct ka_err *e);
/* A middlebox's idle timeout: 1 s to 7 d, in the same units. */
#define KA_NAT_TIMEOUT_RANGE "1 s to 7 d, as whole seconds or time units " \
	"(350, 4m, 20m)"
int ka_value_parse_nat_timeout(const char *s, long *secs, struct ka_err *e);

/* What sshd itself accepts when it reads a config (convtime, strtonum,
 * yes/no): used to read values an administrator wrote by hand. */
int ka_value_sshd_time(const char *s, long *secs);
int ka_value_sshd_int(const char *s, long *n);
int ka_value_sshd_yesno(const char *s, int *yes);

#endif
