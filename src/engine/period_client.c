/* period_client.c - how often an OpenSSH client probes, and when it gives up */
#include "engine/period_client.h"

#include <errno.h>

#include "engine/value.h"

/* 1 when v is known and at least major.minor. */
static int
at_least(const struct ka_sshver *v, int major, int minor)
{
	return v != NULL && v->known && ka_sshver_cmp(v, major, minor) >= 0;
}

enum ka_client_reset
ka_client_reset(const struct ka_sshver *v)
{
	if (v == NULL || !v->known)
		return KA_CLIENT_RESET_UNKNOWN;
	return at_least(v, 8, 4) ? KA_CLIENT_RESET_SERVER : KA_CLIENT_RESET_ANY;
}

long
ka_client_period(const struct ka_sshver *v, long interval)
{
	(void)v;	/* no release rounds the client's period */
	return interval > 0 ? interval : 0;
}

long
ka_client_early(const struct ka_sshver *v)
{
	return ka_client_reset(v) == KA_CLIENT_RESET_ANY ? 0 : 1;
}

long
ka_client_drop_after(long interval, long count)
{
	if (interval <= 0)
		return KA_NEVER;
	return interval * (count > 0 ? count + 1 : 1);
}

int
ka_client_has_include(const struct ka_sshver *v)
{
	return at_least(v, 7, 3);
}

int
ka_client_has_config_dump(const struct ka_sshver *v)
{
	return at_least(v, 6, 8);
}

/* The interval for timeout, or 0 when none fits. */
static long
fit(const struct ka_sshver *v, long timeout)
{
	long room = timeout - ka_nat_margin(timeout);

	/* the period is the interval itself on every release */
	if (ka_client_period(v, room) != room || room < 1)
		return 0;
	return room > KA_INTERVAL_MAX ? KA_INTERVAL_MAX : room;
}

int
ka_client_nat_interval(const struct ka_sshver *v, long timeout,
    long *interval, long *smallest)
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
