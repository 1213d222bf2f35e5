/* test_natrec.c - the nat-timeout record line in the drop-in */
#include <errno.h>
#include <stdlib.h>

#include "engine/cfgfile.h"
#include "engine/natrec.h"
#include "engine/value.h"
#include "tap.h"

static struct ka_err last;   /* what the last find() said */

static int
find(const char *text, struct ka_natrec *r)
{
	struct ka_cfg *c;
	int found;

	ka_err_clear(&last);
	if (ka_cfg_parse("d.conf", text, strlen(text), &c, &last) < 0)
		return -100;
	found = ka_natrec_find(c, r, &last);
	ka_cfg_free(c);
	return found;
}

/* text holds a malformed record at line, and last says so with msg. */
static void
malformed(const char *text, size_t line, const char *msg)
{
	struct ka_natrec r;
	int found = find(text, &r);

	ok(found == -EINVAL && r.line == line && strcmp(last.msg, msg) == 0,
	    "malformed: %s (%d, line %zu)", last.msg, found, r.line);
}

static void
test_find(void)
{
	struct ka_natrec r;

	ok(find("# nat-timeout 350: ClientAliveInterval 157 derived ...\n"
	    "ClientAliveInterval 157\n", &r) == 1 && r.timeout == 350 &&
	    r.interval == 157 && r.line == 1, "a written record is read");
	ok(find("ClientAliveInterval 600\n# nat-timeout 240\n", &r) == 1 &&
	    r.timeout == 240 && r.interval == -1 && r.line == 2,
	    "a record written by hand, without the interval, is read");
	ok(find("  # nat-timeout 60 \r\n", &r) == 1 && r.timeout == 60,
	    "leading blanks and CRLF are fine");
	ok(find("#nat-timeout 350\n", &r) == 0, "the exact prefix only");
	ok(find("# nat-timeouts are set by the tool\n", &r) == 0,
	    "a longer word is no record");
	ok(find("ClientAliveInterval 600 # nat-timeout 350\n", &r) == 0,
	    "never inside a directive");
	ok(find("# nat-timeout 350: ClientAliveInterval 99999999\n", &r) == 1 &&
	    r.interval == -1, "an interval over 24 h is not taken");
}

/* The units --nat-timeout takes, through the same parser. */
static void
test_units(void)
{
	struct ka_natrec r;

	ok(find("# nat-timeout 4m\n", &r) == 1 && r.timeout == 240 &&
	    r.interval == -1 && r.line == 1, "4m is 240 s");
	ok(find("# nat-timeout 350s\r\n", &r) == 1 && r.timeout == 350,
	    "350s is 350 s");
	ok(find("# nat-timeout 20M: for GCP Cloud NAT\n", &r) == 1 &&
	    r.timeout == 1200 && r.interval == -1, "20M, then a remark");
	ok(find("# nat-timeout 1h30m: ClientAliveInterval 4860 derived\n",
	    &r) == 1 && r.timeout == 5400 && r.interval == 4860,
	    "1h30m, with the interval written after it");
	ok(find("\t# nat-timeout\t7d\n", &r) == 1 && r.timeout == 604800,
	    "tabs, and 7 d");
}

static void
test_malformed(void)
{
	struct ka_natrec r;

	malformed("# nat-timeout 0\n", 1, "d.conf:1: nat-timeout record: "
	    "'0' is no idle timeout; accepted: 1 s to 7 d, as whole seconds or "
	    "time units (350, 4m, 20m)");
	malformed("X 1\n# nat-timeout 604801\n", 2, "d.conf:2: nat-timeout "
	    "record: '604801' is more than 7 d; accepted: 1 s to 7 d, as whole "
	    "seconds or time units (350, 4m, 20m)");
	malformed("# nat-timeout 35x0\n", 1, "d.conf:1: nat-timeout record: "
	    "'35x0' is not a time; accepted: 1 s to 7 d, as whole seconds or "
	    "time units (350, 4m, 20m)");
	malformed("# nat-timeout 5 m\n", 1, "d.conf:1: nat-timeout record: "
	    "'5 m' is not a time; accepted: 1 s to 7 d, as whole seconds or "
	    "time units (350, 4m, 20m)");
	malformed("# nat-timeout 1.5m: x\n", 1, "d.conf:1: nat-timeout "
	    "record: '1.5m' is not a time; accepted: 1 s to 7 d, as whole "
	    "seconds or time units (350, 4m, 20m)");
	malformed("# nat-timeout\n", 1, "d.conf:1: nat-timeout record: "
	    "empty value; accepted: 1 s to 7 d, as whole seconds or time units "
	    "(350, 4m, 20m)");
	malformed("# nat-timeout : 350\r\n", 1, "d.conf:1: nat-timeout "
	    "record: empty value; accepted: 1 s to 7 d, as whole seconds or "
	    "time units (350, 4m, 20m)");
	malformed("# nat-timeout 3500000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000\n", 1, "d.conf:1: "
	    "nat-timeout record: '35000000000000000000...' is not a time; "
	    "accepted: 1 s to 7 d, as whole seconds or time units (350, 4m, "
	    "20m)");
	ok(find("# nat-timeout x\n# nat-timeout 350\n", &r) == -EINVAL &&
	    r.line == 1, "the first record-like line counts, malformed or not");
}

static const char *
rewrite(const char *text, long timeout, long interval, struct ka_buf *out)
{
	struct ka_natrec w = { timeout, interval, 0 };
	struct ka_err e;

	ka_buf_free(out);
	if (ka_natrec_write("d.conf", text, strlen(text),
	    timeout > 0 ? &w : NULL, out, &e) < 0)
		return "(error)";
	return out->data;
}

#define REC(t, i) "# nat-timeout " t ": ClientAliveInterval " i " derived " \
	"from it for the installed sshd, again after every openssh-server " \
	"update (--interval or --reset drops this line)"

static void
test_write(void)
{
	struct ka_buf b = KA_BUF_INIT;

	is_str(rewrite("# c\nClientAliveInterval 600\nClientAliveCountMax 10\n",
	    350, 315, &b), "# c\n" REC("350", "315") "\nClientAliveInterval 600\n"
	    "ClientAliveCountMax 10\n",
	    "the record goes just before ClientAliveInterval");
	is_str(rewrite("# a\n" REC("350", "315") "\nClientAliveInterval 315\n",
	    350, 157, &b), "# a\n" REC("350", "157") "\nClientAliveInterval 315\n",
	    "an old record is replaced, not doubled");
	is_str(rewrite("# nat-timeout 240\r\nClientAliveInterval 600\r\n", 0, 0,
	    &b), "ClientAliveInterval 600\r\n", "clearing takes every record out");
	is_str(rewrite("ClientAliveCountMax 3", 240, 216, &b),
	    "ClientAliveCountMax 3\n" REC("240", "216") "\n",
	    "no ClientAliveInterval: at the end, after a newline");
	is_str(rewrite("Match User x\n\tClientAliveInterval 5\n", 240, 216, &b),
	    "Match User x\n\tClientAliveInterval 5\n" REC("240", "216") "\n",
	    "a ClientAliveInterval inside Match is not ours");
	is_str(rewrite("# nat-timeout 35x0\nX 1\n", 0, 0, &b), "X 1\n",
	    "clearing takes a malformed record out too");
	is_str(rewrite("# nat-timeout 5 m\nClientAliveInterval 600\n", 300, 270,
	    &b), REC("300", "270") "\nClientAliveInterval 600\n",
	    "a new record replaces a malformed one");
	is_str(rewrite("#nat-timeout 35x0\n", 0, 0, &b), "#nat-timeout 35x0\n",
	    "a comment that is no record is kept");
	is_str(rewrite("", 0, 0, &b), "", "an empty drop-in stays empty");
	ka_buf_free(&b);
}

static void
test_parse_timeout(void)
{
	struct ka_err e;
	long v = -1;

	ok(ka_value_parse_nat_timeout("350", &v, &e) == 0 && v == 350,
	    "--nat-timeout 350");
	ok(ka_value_parse_nat_timeout("4m", &v, &e) == 0 && v == 240,
	    "--nat-timeout 4m");
	ok(ka_value_parse_nat_timeout("7d", &v, &e) == 0 && v == 604800,
	    "--nat-timeout 7d");
	ok(ka_value_parse_nat_timeout("0", &v, &e) == -ERANGE &&
	    strstr(e.msg, "no idle timeout") != NULL, "0 is refused: %s", e.msg);
	ok(ka_value_parse_nat_timeout("7d1s", &v, &e) == -ERANGE &&
	    strstr(e.msg, "more than 7 d") != NULL, "7d1s is refused: %s", e.msg);
	ok(ka_value_parse_nat_timeout("1.5", &v, &e) == -EINVAL &&
	    strstr(e.msg, "accepted: 1 s to 7 d") != NULL, "1.5 is refused");
	ok(ka_value_parse_nat_timeout("", &v, &e) == -EINVAL, "'' is refused");
	ok(ka_value_parse_nat_timeout("99999999999999999999", &v, &e) == -ERANGE,
	    "no overflow");
}

int
main(void)
{
	test_find();
	test_units();
	test_malformed();
	test_write();
	test_parse_timeout();
	return tap_done();
}
