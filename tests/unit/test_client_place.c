/* test_client_place.c - where ssh_config must read the client drop-in */
#include <string.h>

#include "engine/client_place.h"
#include "tap.h"

#define DIR "/etc/ssh/ssh_config.d"
#define DROPIN DIR "/01-keepalive.conf"

/* Shapes of the stock files in tests/fixtures/stock/client. */
static const char centos7[] =
    "#\t$OpenBSD: ssh_config,v 1.30 2016/02/20 23:06:23 sobrado Exp $\n"
    "\n# Host *\n#   ForwardAgent no\n#\n"
    "# Uncomment this if you want to use .local domain\n# Host *.local\n"
    "#   CheckHostIP no\n\nHost *\n\tGSSAPIAuthentication yes\n"
    "\tSendEnv XMODIFIERS\n";
static const char rhel8[] =
    "# Host *\n#   RekeyLimit 1G 1h\n#\n"
    "# To modify the system-wide ssh configuration, create a  *.conf  "
    "file under\n#  /etc/ssh/ssh_config.d/  which will be automatically "
    "included below\nInclude /etc/ssh/ssh_config.d/*.conf\n";
static const char upstream[] =
    "# Host *\n#   ForwardAgent no\n#   RekeyLimit 1G 1h\n";

static void
check(const char *what, const char *text, int has_include,
    enum ka_client_place want, size_t want_before)
{
	struct ka_cfg *cfg = NULL;
	struct ka_err e;
	enum ka_client_place got = (enum ka_client_place)-1;
	size_t before = (size_t)-1;
	int r;

	if (ka_cfg_parse("t", text, strlen(text), &cfg, &e) < 0) {
		ok(0, "%s: parses", what);
		return;
	}
	r = ka_client_place(cfg, has_include, DROPIN, DIR, &got, &before);
	ok(r == 0 && got == want && before == want_before,
	    "%s: place %d before line index %zu (got %d, %zu)", what, (int)want,
	    want_before, (int)got, before);
	ka_cfg_free(cfg);
}

static void
test_stock_shapes(void)
{
	check("EL7 7.4p1: add an Include before Host *", centos7, 1,
	    KA_CLIENT_ADD_INCLUDE, 9);
	check("EL6 5.3p1: a block before Host *", centos7, 0,
	    KA_CLIENT_ADD_BLOCK, 9);
	check("EL8/EL9: the stock Include at the end qualifies", rhel8, 1,
	    KA_CLIENT_STOCK_INCLUDE, 6);
	check("openEuler (upstream file): add an Include at the end", upstream,
	    1, KA_CLIENT_ADD_INCLUDE, 3);
	/* the block goes before the stock Include: a file it reads could
	 * set the values first */
	check("EL8 file, a client without Include: a block, before the "
	    "Include", rhel8, 0,
	    KA_CLIENT_ADD_BLOCK, 5);
}

static void
test_scope_and_order(void)
{
	check("an Include inside a Host block does not qualify",
	    "Host foo\nInclude " DIR "/*.conf\n", 1, KA_CLIENT_ADD_INCLUDE, 0);
	check("an Include after a Match line does not qualify",
	    "Match user bob\n  ForwardAgent no\nInclude " DIR "/*.conf\n", 1,
	    KA_CLIENT_ADD_INCLUDE, 0);
	check("a ServerAliveInterval before the Include wins: add before it",
	    "ServerAliveInterval 30\nInclude " DIR "/*.conf\n", 1,
	    KA_CLIENT_ADD_INCLUDE, 0);
	check("ServerAliveCountMax before the Include, any case, = form",
	    "# c\nserveralivecountmax=2\nInclude " DIR "/*.conf\n", 1,
	    KA_CLIENT_ADD_INCLUDE, 1);
	check("a ServerAlive line after the qualifying Include is fine",
	    "Include " DIR "/*.conf\nServerAliveInterval 30\n", 1,
	    KA_CLIENT_STOCK_INCLUDE, 1);
	check("HOST in capitals ends the global part",
	    "ForwardAgent no\nHOST x\n", 1, KA_CLIENT_ADD_INCLUDE, 1);
	check("Host=x ends the global part", "Host=x\n", 0,
	    KA_CLIENT_ADD_BLOCK, 0);
	check("an empty file: at the end", "", 1, KA_CLIENT_ADD_INCLUDE, 0);
}

static void
test_which_includes_qualify(void)
{
	check("an Include naming the drop-in alone qualifies",
	    "Include " DROPIN "\n", 1, KA_CLIENT_STOCK_INCLUDE, 1);
	check("an Include with the glob as its second argument qualifies",
	    "Include /etc/ssh/other.conf \"" DIR "/*.conf\"\n", 1,
	    KA_CLIENT_STOCK_INCLUDE, 1);
	check("an Include of another glob does not, and ours goes before it",
	    "Include " DIR "/*.config\n", 1, KA_CLIENT_ADD_INCLUDE, 0);
	check("a relative Include does not (it names ~/.ssh under -F)",
	    "Include ssh_config.d/*.conf\n", 1, KA_CLIENT_ADD_INCLUDE, 0);
	check("a commented Include does not",
	    "#Include " DIR "/*.conf\n", 1, KA_CLIENT_ADD_INCLUDE, 1);
	check("an Include with a bad quote does not",
	    "Include \"" DIR "/*.conf\n", 1, KA_CLIENT_ADD_INCLUDE, 0);
	check("CRLF lines: the Include still qualifies",
	    "# x\r\nInclude " DIR "/*.conf\r\nHost *\r\n", 1,
	    KA_CLIENT_STOCK_INCLUDE, 2);
}

static void
test_scope_lines(void)
{
	struct ka_cfg *cfg = NULL;
	struct ka_err e;
	static const char t[] = "Host a\nMatch all\nHostName b\n#Host c\n";

	if (ka_cfg_parse("t", t, strlen(t), &cfg, &e) < 0) {
		ok(0, "parses");
		return;
	}
	ok(ka_client_scope_line(&cfg->lines[0]), "Host is a scope line");
	ok(ka_client_scope_line(&cfg->lines[1]), "Match is a scope line");
	ok(!ka_client_scope_line(&cfg->lines[2]), "HostName is not");
	ok(!ka_client_scope_line(&cfg->lines[3]), "a comment is not");
	ka_cfg_free(cfg);
}

int
main(void)
{
	test_stock_shapes();
	test_scope_and_order();
	test_which_includes_qualify();
	test_scope_lines();
	return tap_done();
}
