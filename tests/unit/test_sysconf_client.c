/* test_sysconf_client.c - the client keys of /etc/sysconfig/ssh-keepalive
 * (CLIENT, CLIENT_MODE, CLIENT_NAT_TIMEOUT): parsed beside the server's
 * keys without ever failing the server on a bad client value, and
 * ka_modefile_set_key, the one writer of any key (issue 20). */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "engine/modefile.h"
#include "engine/sysconf_keys.h"
#include "engine/value.h"
#include "flow/modechoice.h"
#include "tap.h"

#define F KA_PATH_MODEFILE

static int n_case;

static int
parse(const char *text, struct ka_modefile *m, struct ka_err *e)
{
	ka_err_clear(e);
	return ka_modefile_parse(text, strlen(text), 0, m, e);
}

/* text parses (strictly, as the server side reads it) with these client
 * values; bad is "" or the client_err it must note. */
static void
client_is(const char *text, int client, enum ka_mode cmode, long nat,
    const char *bad)
{
	struct ka_modefile m;
	struct ka_err e;
	int r = parse(text, &m, &e);
	int nbad = m.client_bad + m.client_mode_bad + m.client_nat_bad;

	ok(r == 0 && m.client == client && m.client_mode == cmode &&
	    m.client_nat_timeout == nat && (*bad ? nbad > 0 &&
	    strcmp(m.client_err.msg, bad) == 0 : nbad == 0),
	    "case %d: client %d, mode %s, nat %ld%s%s (r=%d: %s; got %d %s %ld, "
	    "err '%s')", ++n_case, client, ka_mode_name(cmode), nat,
	    *bad ? ", noted: " : "", bad, r, e.msg, m.client,
	    ka_mode_name(m.client_mode), m.client_nat_timeout, m.client_err.msg);
}

static void
refused(const char *text, const char *msg)
{
	struct ka_modefile m;
	struct ka_err e;
	int r = parse(text, &m, &e);

	ok(r == -EINVAL && strcmp(e.msg, msg) == 0, "case %d is refused: %s "
	    "(want %s)", ++n_case, e.msg, msg);
}

/* set_key on old gives want, byte for byte; twice gives it again */
static void
sets(const char *old, const char *key, const char *value, const char *want)
{
	struct ka_buf b = KA_BUF_INIT, b2 = KA_BUF_INIT;
	struct ka_err e;
	int r;

	ka_err_clear(&e);
	r = ka_modefile_set_key(old, strlen(old), key, value, &b, &e);
	is_str(r == 0 ? b.data : e.msg, want, "case %d: %s=%s written", ++n_case,
	    key, value ? value : "(removed)");
	if (r == 0)
		r = ka_modefile_set_key(b.data, b.len, key, value, &b2, &e);
	is_str(r == 0 ? b2.data : e.msg, want, "case %d: and again, the same "
	    "bytes", n_case);
	ka_buf_free(&b);
	ka_buf_free(&b2);
}

static void
set_refused(const char *old, const char *key, const char *value,
    const char *msg)
{
	struct ka_buf b = KA_BUF_INIT;
	struct ka_err e;
	int r;

	ka_err_clear(&e);
	r = ka_modefile_set_key(old, old ? strlen(old) : 0, key, value, &b, &e);
	ok(r == -EINVAL && strcmp(e.msg, msg) == 0 && b.len == 0,
	    "case %d: %s=%s is refused: %s (want %s)", ++n_case, key,
	    value ? value : "(removed)", e.msg, msg);
	ka_buf_free(&b);
}

static void
test_parse(void)
{
	struct ka_modefile m;
	struct ka_err e;

	client_is("", -1, KA_MODE_AUTO, 0, "");
	client_is("MODE=inline\n", -1, KA_MODE_AUTO, 0, "");
	client_is("CLIENT=yes\n", 1, KA_MODE_AUTO, 0, "");
	client_is("CLIENT=no\n", 0, KA_MODE_AUTO, 0, "");
	client_is("CLIENT_MODE=inline\n", -1, KA_MODE_INLINE, 0, "");
	client_is("CLIENT_MODE=include\n", -1, KA_MODE_INCLUDE, 0, "");
	client_is("CLIENT_NAT_TIMEOUT=5m\n", -1, KA_MODE_AUTO, 300, "");
	client_is("# all three, quoted and commented\r\n"
	    "  CLIENT=\"yes\"  # kickstart\r\n"
	    "\tCLIENT_MODE='include'\t# why\r\n"
	    "CLIENT_NAT_TIMEOUT=\"350\" # the firewall", 1, KA_MODE_INCLUDE,
	    350, "");
	client_is("#CLIENT=yes\n#CLIENT_MODE=inline\n#CLIENT_NAT_TIMEOUT=300\n",
	    -1, KA_MODE_AUTO, 0, "");
	ok(parse("MODE=inline\nNAT_TIMEOUT=300\nCLIENT=yes\nCLIENT_MODE=inline\n"
	    "CLIENT_NAT_TIMEOUT=600\n", &m, &e) == 0 && m.line == 1 &&
	    m.nat_line == 2 && m.client_line == 3 && m.client_mode_line == 4 &&
	    m.client_nat_line == 5 && m.mode == KA_MODE_INLINE &&
	    m.nat_timeout == 300, "each key's line is kept, the server's too");

	/* a bad client value is only noted: the server side reads on */
	client_is("CLIENT=maybe\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT=maybe: not yes or no");
	client_is("CLIENT=Yes\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT=Yes: not yes or no");
	client_is("CLIENT=\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT=: not yes or no");
	client_is("CLIENT=y es # x\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT=y es # x: not yes or no");
	client_is("\n\nCLIENT_MODE=inlin\n", -1, KA_MODE_AUTO, 0,
	    F ":3: CLIENT_MODE=inlin: not auto, include or inline");
	client_is("CLIENT_NAT_TIMEOUT=5 m  # typo\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT_NAT_TIMEOUT=5 m  # typo: not one value; accepted: "
	    KA_NAT_TIMEOUT_RANGE);
	client_is("CLIENT_NAT_TIMEOUT=0\n", -1, KA_MODE_AUTO, 0,
	    F ":1: CLIENT_NAT_TIMEOUT=0: '0' is no idle timeout; accepted: "
	    KA_NAT_TIMEOUT_RANGE);
	/* the first bad one is named; the good ones still read */
	client_is("CLIENT=yes\nCLIENT_MODE=x\nCLIENT_NAT_TIMEOUT=y\n", 1,
	    KA_MODE_AUTO, 0, F ":2: CLIENT_MODE=x: not auto, include or inline");
	ok(parse("MODE=include\nCLIENT=maybe\nNAT_TIMEOUT=300\n", &m, &e) == 0 &&
	    m.mode == KA_MODE_INCLUDE && m.nat_timeout == 300 && !m.nat_bad &&
	    m.client_bad && m.client_line == 2 && !m.bad_value,
	    "a bad CLIENT line does not stop the server side");
	ok(parse("CLIENT_NAT_TIMEOUT=x\n", &m, &e) == 0 && m.client_nat_bad &&
	    m.client_nat_line == 1 && !m.nat_bad && m.nat_line == 0,
	    "a bad CLIENT_NAT_TIMEOUT is not the server's NAT_TIMEOUT");

	refused("CLIENT=yes\nCLIENT=no\n", F ":2: CLIENT is set twice "
	    "(first at line 1)");
	refused("CLIENT=bad\nCLIENT=yes\n", F ":2: CLIENT is set twice "
	    "(first at line 1)");
	refused("CLIENT_MODE=auto\n#\nCLIENT_MODE=auto\n", F ":3: CLIENT_MODE "
	    "is set twice (first at line 1)");
	refused("CLIENT_NAT_TIMEOUT=1\nCLIENT_NAT_TIMEOUT=1\n", F ":2: "
	    "CLIENT_NAT_TIMEOUT is set twice (first at line 1)");
	refused("client=yes\n", F ":1: 'client' is not CLIENT: keys are "
	    "case-sensitive");
	refused("MODE=auto\nClient_Mode=inline\n", F ":2: 'Client_Mode' is not "
	    "CLIENT_MODE: keys are case-sensitive");
	refused("client_nat_timeout=300\n", F ":1: 'client_nat_timeout' is not "
	    "CLIENT_NAT_TIMEOUT: keys are case-sensitive");
	client_is("CLIENTS=yes\nCLIENT_X=1\nMY_CLIENT=no\n", -1, KA_MODE_AUTO,
	    0, "");
}

static void
test_set_key(void)
{
	/* add: at the end, in the file's line ending */
	sets("MODE=auto\n", "CLIENT", "yes", "MODE=auto\nCLIENT=yes\n");
	sets("", "CLIENT", "yes", "CLIENT=yes\n");
	sets("MODE=auto", "CLIENT", "yes", "MODE=auto\nCLIENT=yes\n");
	sets("# a\r\nMODE=auto\r\n", "CLIENT_MODE", "inline",
	    "# a\r\nMODE=auto\r\nCLIENT_MODE=inline\r\n");
	sets("# a\r\nMODE=auto", "CLIENT_NAT_TIMEOUT", "300",
	    "# a\r\nMODE=auto\r\nCLIENT_NAT_TIMEOUT=300\r\n");
	sets("#CLIENT=no\nMODE=auto\n", "CLIENT", "yes",
	    "#CLIENT=no\nMODE=auto\nCLIENT=yes\n");
	/* replace: the value alone */
	sets("A=1\nCLIENT=no\nB=2\n", "CLIENT", "yes", "A=1\nCLIENT=yes\nB=2\n");
	sets("  CLIENT=\"no\"\t# kickstart, ticket 7\r\nB=2", "CLIENT", "yes",
	    "  CLIENT=\"yes\"\t# kickstart, ticket 7\r\nB=2");
	sets("CLIENT_MODE='auto'  # x\n", "CLIENT_MODE", "include",
	    "CLIENT_MODE='include'  # x\n");
	sets("CLIENT_NAT_TIMEOUT=  # none yet\n", "CLIENT_NAT_TIMEOUT", "4m",
	    "CLIENT_NAT_TIMEOUT=4m  # none yet\n");
	sets("X=1\nCLIENT=no", "CLIENT", "yes", "X=1\nCLIENT=yes");
	/* a value that cannot be read: the line replaced whole */
	sets("A=1\r\nCLIENT=y es # x\r\nB=2\r\n", "CLIENT", "no",
	    "A=1\r\nCLIENT=no\r\nB=2\r\n");
	sets("CLIENT_MODE=\"inline\n", "CLIENT_MODE", "auto", "CLIENT_MODE=auto\n");
	/* remove: the line and its ending; absent: the same bytes */
	sets("A=1\nCLIENT_NAT_TIMEOUT=300 # fw\nB=2\n", "CLIENT_NAT_TIMEOUT",
	    NULL, "A=1\nB=2\n");
	sets("A=1\r\nCLIENT_NAT_TIMEOUT=300\r\n", "CLIENT_NAT_TIMEOUT", NULL,
	    "A=1\r\n");
	sets("A=1\nCLIENT_NAT_TIMEOUT=300", "CLIENT_NAT_TIMEOUT", NULL, "A=1\n");
	sets("A=1\n#CLIENT_NAT_TIMEOUT=300\nB", "CLIENT_NAT_TIMEOUT", NULL,
	    "A=1\n#CLIENT_NAT_TIMEOUT=300\nB");
	sets("", "CLIENT", NULL, "");
	/* any key: the server's too, and only the key named */
	sets("MODE=auto # x\nCLIENT_MODE=auto\n", "MODE", "inline",
	    "MODE=inline # x\nCLIENT_MODE=auto\n");
	sets("MODE=auto\nCLIENT_MODE=auto\n", "CLIENT_MODE", "inline",
	    "MODE=auto\nCLIENT_MODE=inline\n");
	sets("NAT_TIMEOUT=300\nCLIENT_NAT_TIMEOUT=60\n", "NAT_TIMEOUT", NULL,
	    "CLIENT_NAT_TIMEOUT=60\n");

	set_refused("CLIENT=no\nCLIENT=no\n", "CLIENT", "yes",
	    F ":2: CLIENT is set twice (first at line 1)");
	set_refused("Client=no\n", "CLIENT", "yes",
	    F ":1: 'Client' is not CLIENT: keys are case-sensitive");
	set_refused("A=1\n", "CLIENT", "yes no", "CLIENT=yes no: not a value "
	    "this file can hold (letters, digits and _ - . : / + @ %)");
	set_refused("A=1\n", "CLIENT", "", "CLIENT=: not a value this file "
	    "can hold (letters, digits and _ - . : / + @ %)");
	set_refused("A=1\n", "CLIENT", "$(reboot)", "CLIENT=$(reboot): not a "
	    "value this file can hold (letters, digits and _ - . : / + @ %)");
	set_refused("A=1\n", "1CLIENT", "yes", "'1CLIENT' is not a key");
	set_refused("A=1\n", "", "yes", "'' is not a key");
}

/* A missing file: the file the package ships, plus the key */
static void
test_shipped(void)
{
	struct ka_buf ship = KA_BUF_INIT, b = KA_BUF_INIT, want = KA_BUF_INIT;
	struct ka_modefile m;
	struct ka_err e;

	ka_modefile_render(NULL, 0, NULL, KA_MODE_AUTO, &ship);
	ok(ka_modefile_parse(ship.data, ship.len, 0, &m, &e) == 0 &&
	    m.client == -1 && m.client_line == 0 && m.client_mode_line == 0 &&
	    m.client_nat_line == 0 && m.line > 0,
	    "as shipped, the client side is off: no client key is set");
	ka_buf_add(&want, ship.data, ship.len);
	ka_buf_adds(&want, "CLIENT=yes\n");
	ok(ka_modefile_set_key(NULL, 0, "CLIENT", "yes", &b, &e) == 0, "a "
	    "missing file gets CLIENT=yes");
	is_str(b.data, want.data, "a missing file: the shipped one plus "
	    "CLIENT=yes");
	ka_buf_free(&b);
	ok(ka_modefile_set_key(NULL, 0, "MODE", "inline", &b, &e) == 0 &&
	    b.len == ship.len + 2 && strcmp(b.data + b.len - 13,
	    "\nMODE=inline\n") == 0, "a missing file with MODE: the shipped "
	    "MODE replaced, not a second one");
	ka_buf_free(&b);
	ok(ka_modefile_set_key(NULL, 0, "CLIENT", NULL, &b, &e) == 0 &&
	    strcmp(b.data, ship.data) == 0, "a missing file without CLIENT: "
	    "the shipped one");
	ka_buf_free(&b);
	ka_buf_free(&want);
	ka_buf_free(&ship);
}

/* An image without the file: every client key absent */
static void
test_missing_file(void)
{
	char root[] = "/tmp/ka-sysconf-client.XXXXXX";
	struct ka_modefile m;
	struct ka_err e;

	if (mkdtemp(root) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	memset(&m, 0x5a, sizeof(m));
	ok(ka_modefile_load(root, 0, &m, &e) == 0 && !m.present &&
	    m.client == -1 && m.client_line == 0 && !m.client_bad &&
	    m.client_mode == KA_MODE_AUTO && m.client_nat_timeout == 0 &&
	    m.mode == KA_MODE_AUTO, "no file: CLIENT absent (-1), not no");
	rmdir(root);
}

int
main(void)
{
	test_parse();
	test_set_key();
	test_shipped();
	test_missing_file();
	return tap_done();
}
