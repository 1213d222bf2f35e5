/* period.c - how often an OpenSSH release probes, and when it drops */
#include "engine/period.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/value.h"

#define NUM_MAX 100000L   /* no release number comes near it */

/* Digits at *p into *n (at most NUM_MAX); moves *p.  -EINVAL if none. */
static int
take_number(const char **p, long *n)
{
	const char *s = *p;
	long v = 0;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		v = v * 10 + (*s - '0');
		if (v > NUM_MAX)
			return -EINVAL;
	}
	*p = s;
	*n = v;
	return 0;
}

/* "9.2p1" or "9.2" at s; *end after it. */
static int
parse_release(const char *s, const char **end, struct ka_sshver *v)
{
	const char *p = s;
	long major, minor, patch = -1;

	if (take_number(&p, &major) < 0 || *p++ != '.' ||
	    take_number(&p, &minor) < 0)
		return -EINVAL;
	if (*p == 'p') {
		p++;
		if (take_number(&p, &patch) < 0)
			return -EINVAL;
	}
	if ((size_t)(p - s) >= sizeof(v->text))
		return -EINVAL;
	v->major = (int)major;
	v->minor = (int)minor;
	v->patch = (int)patch;
	memcpy(v->text, s, (size_t)(p - s));
	v->text[p - s] = '\0';
	v->known = 1;
	*end = p;
	return 0;
}

static void
clear(struct ka_sshver *v)
{
	memset(v, 0, sizeof(*v));
	v->patch = -1;
	v->rel = -1;
}

int
ka_sshver_from_line(const char *out, struct ka_sshver *v)
{
	const char *hit, *end;

	clear(v);
	if (out == NULL || (hit = strstr(out, "OpenSSH_")) == NULL)
		return -EINVAL;
	if (parse_release(hit + strlen("OpenSSH_"), &end, v) < 0 ||
	    isalnum((unsigned char)*end) || *end == '.') {
		clear(v);
		return -EINVAL;
	}
	return 0;
}

int
ka_sshver_from_rpm(const char *version, const char *release,
    struct ka_sshver *v)
{
	const char *end, *r = release;
	long rel;

	clear(v);
	if (version == NULL || parse_release(version, &end, v) < 0 ||
	    *end != '\0') {
		clear(v);
		return -EINVAL;
	}
	if (r != NULL && take_number(&r, &rel) == 0)
		v->rel = rel;
	return 0;
}

int
ka_sshver_cmp(const struct ka_sshver *v, int major, int minor)
{
	if (v->major != major)
		return v->major < major ? -1 : 1;
	return v->minor < minor ? -1 : v->minor > minor;
}

int
ka_period_doubles(const struct ka_sshver *v)
{
	if (v == NULL || !v->known)
		return 1;
	return ka_sshver_cmp(v, 9, 2) >= 0 && ka_sshver_cmp(v, 9, 5) < 0;
}

long
ka_period(const struct ka_sshver *v, long interval)
{
	if (interval <= 0)
		return 0;
	return ka_period_doubles(v) ? 2 * interval : interval;
}

enum ka_count0
ka_count0_meaning(const struct ka_sshver *v)
{
	if (v == NULL || !v->known)
		return KA_COUNT0_UNKNOWN;
	if (ka_sshver_cmp(v, 8, 2) >= 0)
		return KA_COUNT0_NEVER;
	if (ka_sshver_cmp(v, 8, 0) != 0)
		return KA_COUNT0_DROPS;
	/* 8.0p1: Red Hat backported 8.2p1's meaning in 8.0p1-12 (RHEL 8.6) */
	if (v->rel < 0)
		return KA_COUNT0_UNKNOWN;
	return v->rel >= 12 ? KA_COUNT0_NEVER : KA_COUNT0_DROPS;
}

long
ka_drop_after(long period, long interval, long count, enum ka_count0 c0)
{
	if (interval <= 0 || period <= 0)
		return KA_NEVER;
	if (count > 0)
		return period * (count + 1);
	return c0 == KA_COUNT0_DROPS ? interval : KA_NEVER;
}

long
ka_nat_margin(long timeout)
{
	long tenth = (timeout + 9) / 10;

	return tenth > 2 ? tenth : 2;
}

/* The interval for timeout, or 0 when none fits. */
static long
fit(const struct ka_sshver *v, long timeout)
{
	long room = timeout - ka_nat_margin(timeout);
	long iv = ka_period_doubles(v) ? room / 2 : room;

	if (iv < 1)
		return 0;
	return iv > KA_INTERVAL_MAX ? KA_INTERVAL_MAX : iv;
}

int
ka_nat_interval(const struct ka_sshver *v, long timeout, long *interval,
    long *smallest)
{
	long t;

	if (timeout > 0 && fit(v, timeout) > 0) {
		*interval = fit(v, timeout);
		return 0;
	}
	for (t = 1; fit(v, t) == 0; t++)
		;
	*smallest = t;
	return -ERANGE;
}

const char *
ka_sshver_name(const struct ka_sshver *v, char *buf, size_t size)
{
	if (v == NULL || !v->known)
		snprintf(buf, size, "an unknown OpenSSH release");
	else
		snprintf(buf, size, "OpenSSH %s", v->text);
	return buf;
}
