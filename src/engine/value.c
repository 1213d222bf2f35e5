/* value.c - parse ClientAliveInterval, ClientAliveCountMax, TCPKeepAlive */
#include "engine/value.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INTERVAL_RANGE "0 (off) or 1 s to 24 h, as whole seconds or " \
	"time units (600, 10m, 1h30m)"

static long
unit_seconds(char c)
{
	switch (c) {
	case 's': case 'S': return 1;
	case 'm': case 'M': return 60;
	case 'h': case 'H': return 3600;
	case 'd': case 'D': return 86400;
	case 'w': case 'W': return 604800;
	default: return 0;
	}
}

/* Sum of digit runs with optional units; stops at limit+1 so that no
 * input can overflow.  -EINVAL for anything but [0-9]+[unit]... */
static int
sum_time_units(const char *s, long limit, long *out)
{
	long total = 0;

	if (*s == '\0')
		return -EINVAL;
	while (*s != '\0') {
		long n = 0, mult;

		if (!isdigit((unsigned char)*s))
			return -EINVAL;
		for (; isdigit((unsigned char)*s); s++) {
			n = n * 10 + (*s - '0');
			if (n > limit)
				n = limit + 1;
		}
		mult = *s != '\0' ? unit_seconds(*s++) : 1;
		if (mult == 0)
			return -EINVAL;
		if (n > (limit + 1) / mult)
			n = (limit + 1) / mult + 1;
		total += n * mult;
		if (total > limit)
			total = limit + 1;
	}
	*out = total;
	return 0;
}

/* A time of at most max seconds ("more than TOO_LONG" beyond), in
 * seconds or time units; range says what is accepted. */
static int
parse_time(const char *s, long max, const char *too_long, const char *range,
    long *secs, struct ka_err *e)
{
	long v;

	if (s == NULL || *s == '\0')
		return ka_err_set(e, EINVAL, NULL, 0, "empty value; accepted: %s",
		    range);
	if (sum_time_units(s, max, &v) < 0)
		return ka_err_set(e, EINVAL, NULL, 0,
		    "'%s' is not a time; accepted: %s", s, range);
	if (v > max)
		return ka_err_set(e, ERANGE, NULL, 0,
		    "'%s' is more than %s; accepted: %s", s, too_long, range);
	*secs = v;
	return 0;
}

int
ka_value_parse_interval(const char *s, long *secs, struct ka_err *e)
{
	return parse_time(s, KA_INTERVAL_MAX, "24 h", INTERVAL_RANGE, secs, e);
}

#define NAT_RANGE KA_NAT_TIMEOUT_RANGE

int
ka_value_parse_nat_timeout(const char *s, long *secs, struct ka_err *e)
{
	long v = 0;
	int r = parse_time(s, KA_NAT_TIMEOUT_MAX, "7 d", NAT_RANGE, &v, e);

	if (r < 0)
		return r;
	if (v == 0)
		return ka_err_set(e, ERANGE, NULL, 0, "'%s' is no idle timeout; "
		    "accepted: " NAT_RANGE, s);
	*secs = v;
	return 0;
}

int
ka_value_parse_count_max(const char *s, long *n, struct ka_err *e)
{
	long v = 0;
	const char *p;

	if (s == NULL || *s == '\0')
		return ka_err_set(e, EINVAL, NULL, 0,
		    "empty value; accepted: a whole number from 0 to %ld",
		    KA_COUNT_MAX_MAX);
	for (p = s; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return ka_err_set(e, EINVAL, NULL, 0,
			    "'%s' is not a whole number; accepted: 0 to %ld",
			    s, KA_COUNT_MAX_MAX);
		if (v <= KA_COUNT_MAX_MAX)
			v = v * 10 + (*p - '0');
	}
	if (v > KA_COUNT_MAX_MAX)
		return ka_err_set(e, ERANGE, NULL, 0,
		    "'%s' is more than %ld; accepted: 0 to %ld", s,
		    KA_COUNT_MAX_MAX, KA_COUNT_MAX_MAX);
	*n = v;
	return 0;
}

int
ka_value_parse_yesno(const char *s, int *yes, struct ka_err *e)
{
	if (s != NULL && strcasecmp(s, "yes") == 0)
		*yes = 1;
	else if (s != NULL && strcasecmp(s, "no") == 0)
		*yes = 0;
	else
		return ka_err_set(e, EINVAL, NULL, 0,
		    "'%s' is not yes or no; accepted: yes or no",
		    s == NULL ? "" : s);
	return 0;
}

int
ka_values_line(enum ka_kw kw, const struct ka_values *v, char *buf,
    size_t size)
{
	int n = 0;

	if (kw == KA_KW_IDX_INTERVAL && v->interval >= 0)
		n = snprintf(buf, size, "ClientAliveInterval %ld", v->interval);
	else if (kw == KA_KW_IDX_COUNT && v->count_max >= 0)
		n = snprintf(buf, size, "ClientAliveCountMax %ld", v->count_max);
	else if (kw == KA_KW_IDX_TCP && v->tcp_keepalive >= 0)
		n = snprintf(buf, size, "TCPKeepAlive %s",
		    v->tcp_keepalive ? "yes" : "no");
	return n < 0 ? 0 : n;
}

/* OpenSSH's convtime(): strtol runs with optional units, each term and
 * the total bounded by INT_MAX; negative terms rejected. */
int
ka_value_sshd_time(const char *s, long *secs)
{
	long total = 0;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return -EINVAL;
	while (*p != '\0') {
		char *end;
		long n, mult = 1;

		errno = 0;
		n = strtol(p, &end, 10);
		if (end == p || errno == ERANGE || n < 0 || n > INT_MAX)
			return -EINVAL;
		if (*end != '\0' && (mult = unit_seconds(*end++)) == 0)
			return -EINVAL;
		if (n > INT_MAX / mult || total > INT_MAX - n * mult)
			return -EINVAL;
		total += n * mult;
		p = end;
	}
	*secs = total;
	return 0;
}

/* OpenSSH's parse_int: strtonum(arg, 0, INT_MAX). */
int
ka_value_sshd_int(const char *s, long *n)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v < 0 || v > INT_MAX)
		return -EINVAL;
	*n = v;
	return 0;
}

/* sshd 7.7p1 and later compare yes/no case-insensitively. */
int
ka_value_sshd_yesno(const char *s, int *yes)
{
	return ka_value_parse_yesno(s, yes, NULL);
}
