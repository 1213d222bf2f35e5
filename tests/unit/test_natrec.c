/* test_natrec.c - the nat-timeout record line in the drop-in */
#include <errno.h>
#include <stdlib.h>

#include "engine/cfgfile.h"
#include "engine/natrec.h"
#include "engine/value.h"
#include "tap.h"

static int
find(const char *text, struct ka_natrec *r)
{
	struct ka_cfg *c;
	struct ka_err e;
	int found;

	if (ka_cfg_parse("d.conf", text, strlen(text), &c, &e) < 0)
		return -1;
	found = ka_natrec_find(c, r);
	ka_cfg_free(c);
	return found;
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
	ok(find("# nat-timeout 0\n", &r) == 0, "0 is no record");
	ok(find("# nat-timeout 604801\n", &r) == 0, "more than 7 d is no record");
	ok(find("# nat-timeout 35x0\n", &r) == 0, "350 with a letter is no record");
	ok(find("# nat-timeout\n", &r) == 0, "no number is no record");
	ok(find("#nat-timeout 350\n", &r) == 0, "the exact prefix only");
	ok(find("ClientAliveInterval 600 # nat-timeout 350\n", &r) == 0,
	    "never inside a directive");
	ok(find("# nat-timeout 350: ClientAliveInterval 99999999\n", &r) == 1 &&
	    r.interval == -1, "an interval over 24 h is not taken");
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
	is_str(rewrite("# nat-timeout 35x0\n", 0, 0, &b), "# nat-timeout 35x0\n",
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
	test_write();
	test_parse_timeout();
	return tap_done();
}
