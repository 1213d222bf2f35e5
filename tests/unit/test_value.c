/* test_value.c - parsing of interval, count and yes/no */
#include <errno.h>

#include "engine/value.h"
#include "tap.h"

static void
interval_ok(const char *s, long want)
{
	struct ka_err e;
	long v = -1;
	int r = ka_value_parse_interval(s, &v, &e);

	ok(r == 0 && v == want, "interval '%s' is %ld (got %ld, r=%d)", s,
	    want, v, r);
}

static void
interval_bad(const char *s, int err, const char *in_msg)
{
	struct ka_err e;
	long v = 12345;
	int r = ka_value_parse_interval(s, &v, &e);

	ok(r == -err && v == 12345 && strstr(e.msg, in_msg) != NULL,
	    "interval '%s' is refused (%s)", s, e.msg);
	ok(strstr(e.msg, "0 (off) or 1 s to 24 h") != NULL,
	    "interval '%s': the message names the accepted range", s);
}

static void
test_interval(void)
{
	interval_ok("600", 600);
	interval_ok("0", 0);
	interval_ok("10m", 600);
	interval_ok("1h30m", 5400);
	interval_ok("1H30S", 3630);
	interval_ok("1h30s", 3630);   /* upstream 8.0p1 misread this */
	interval_ok("10m30", 630);
	interval_ok("86400", 86400);
	interval_ok("1d", 86400);
	interval_ok("23h59m60s", 86400);
	interval_ok("0000600", 600);
	interval_bad("86401", ERANGE, "more than 24 h");
	interval_bad("1w", ERANGE, "more than 24 h");
	interval_bad("99999999999", ERANGE, "more than 24 h");
	interval_bad("99999999999999999999999999h", ERANGE, "more than 24 h");
	interval_bad("-5", EINVAL, "not a time");
	interval_bad("+5", EINVAL, "not a time");
	interval_bad("1.5", EINVAL, "not a time");
	interval_bad("0.5", EINVAL, "not a time");
	interval_bad("0x10", EINVAL, "not a time");
	interval_bad("10 m", EINVAL, "not a time");
	interval_bad(" 10", EINVAL, "not a time");
	interval_bad("10m ", EINVAL, "not a time");
	interval_bad("m", EINVAL, "not a time");
	interval_bad("10mm", EINVAL, "not a time");
	interval_bad("10x", EINVAL, "not a time");
	interval_bad("", EINVAL, "empty value");
}

static void
test_count_max(void)
{
	struct ka_err e;
	long v = -1;

	ok(ka_value_parse_count_max("10", &v, &e) == 0 && v == 10, "count 10");
	ok(ka_value_parse_count_max("0", &v, &e) == 0 && v == 0, "count 0");
	ok(ka_value_parse_count_max("1000", &v, &e) == 0 && v == 1000,
	    "count 1000 is the upper bound");
	v = 7;
	ok(ka_value_parse_count_max("1001", &v, &e) == -ERANGE && v == 7 &&
	    strstr(e.msg, "0 to 1000") != NULL, "count 1001 refused: %s", e.msg);
	ok(ka_value_parse_count_max("abc", &v, &e) == -EINVAL &&
	    strstr(e.msg, "not a whole number") != NULL, "count abc: %s", e.msg);
	ok(ka_value_parse_count_max("-1", &v, &e) == -EINVAL, "count -1");
	ok(ka_value_parse_count_max("1.0", &v, &e) == -EINVAL, "count 1.0");
	ok(ka_value_parse_count_max("", &v, &e) == -EINVAL, "count empty");
	ok(ka_value_parse_count_max("99999999999999999999999", &v, &e) ==
	    -ERANGE, "count overflow is a range error");
}

static void
test_yesno(void)
{
	struct ka_err e;
	int y = -1;

	ok(ka_value_parse_yesno("yes", &y, &e) == 0 && y == 1, "yes");
	ok(ka_value_parse_yesno("NO", &y, &e) == 0 && y == 0, "NO");
	ok(ka_value_parse_yesno("true", &y, &e) == -EINVAL &&
	    strstr(e.msg, "yes or no") != NULL, "true refused: %s", e.msg);
	ok(ka_value_parse_yesno(NULL, &y, &e) == -EINVAL, "NULL refused");
}

static void
test_sshd_readers(void)
{
	long v = -1;

	ok(ka_value_sshd_time("10m", &v) == 0 && v == 600, "sshd time 10m");
	ok(ka_value_sshd_time("2w", &v) == 0 && v == 1209600, "sshd time 2w");
	ok(ka_value_sshd_time("1.5", &v) < 0, "sshd time rejects decimals");
	ok(ka_value_sshd_time("-1", &v) < 0, "sshd time rejects negatives");
	ok(ka_value_sshd_time("4000000000", &v) < 0, "sshd time > INT_MAX");
	ok(ka_value_sshd_time("", &v) < 0, "sshd time empty");
	ok(ka_value_sshd_time("3000000h", &v) < 0, "sshd time unit overflow");
	ok(ka_value_sshd_int("2147483647", &v) == 0, "sshd int INT_MAX");
	ok(ka_value_sshd_int("2147483648", &v) < 0, "sshd int > INT_MAX");
	ok(ka_value_sshd_int("1x", &v) < 0, "sshd int 1x");
	ok(ka_value_sshd_int("", &v) < 0, "sshd int empty");
}

int
main(void)
{
	test_interval();
	test_count_max();
	test_yesno();
	test_sshd_readers();
	return tap_done();
}
