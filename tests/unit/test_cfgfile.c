/* test_cfgfile.c - sshd_config split into lines and tokens as sshd does */
#include <errno.h>

#include "cfgfile.h"
#include "tap.h"

static struct ka_cfg *
parse(const char *s)
{
	struct ka_cfg *cfg = NULL;
	struct ka_err e;

	if (ka_cfg_parse("t.conf", s, strlen(s), &cfg, &e) < 0)
		printf("# parse failed: %s\n", e.msg);
	return cfg;
}

static void
test_tokens(void)
{
	struct ka_cfg *c = parse(
	    "Port 22\n"
	    "  clientaliveinterval=300\n"
	    "ClientAliveCountMax = 5\n"
	    "\tTCPKeepAlive\tno\r\n"
	    "Include \"/etc/ssh/a b/*.conf\" 'x' y\\ z\n"
	    "AcceptEnv LANG # trailing comment\n"
	    "Subsystem sftp \"/usr/lib/x\n");

	ok(c != NULL && c->nlines == 7, "seven lines");
	if (c == NULL)
		return;
	is_str(c->lines[0].keyword, "port", "keyword lower case");
	is_str(c->lines[1].keyword, "clientaliveinterval", "Keyword=value");
	is_str(c->lines[1].argv[0], "300", "Keyword=value argument");
	is_str(c->lines[2].argv[0], "5", "Keyword = value argument");
	ok(c->lines[2].argc == 1, "Keyword = value: one argument");
	is_str(c->lines[3].keyword, "tcpkeepalive", "tabs and CRLF");
	is_str(c->lines[3].argv[0], "no", "CR is not part of the value");
	ok(c->lines[4].argc == 3, "quoted Include has three arguments");
	is_str(c->lines[4].argv[0], "/etc/ssh/a b/*.conf", "double quotes");
	is_str(c->lines[4].argv[1], "x", "single quotes");
	is_str(c->lines[4].argv[2], "y z", "escaped space");
	ok(c->lines[5].argc == 1, "a '#' argument ends the line");
	ok(c->lines[6].bad_quotes, "unterminated quote is flagged");
	is_str(c->eol, "\n", "LF file gets LF for new lines");
	ka_cfg_free(c);
}

static void
test_kinds(void)
{
	struct ka_cfg *c = parse("# c\n   \n\t# indented\n\f\nX y");

	ok(c != NULL && c->nlines == 5, "missing final newline still a line");
	if (c == NULL)
		return;
	ok(c->lines[0].kind == KA_LINE_COMMENT, "comment");
	ok(c->lines[1].kind == KA_LINE_BLANK, "white space only is blank");
	ok(c->lines[2].kind == KA_LINE_COMMENT, "indented comment");
	ok(c->lines[3].kind == KA_LINE_BLANK, "form feed only is blank");
	ok(c->lines[4].kind == KA_LINE_DIRECTIVE && c->lines[4].len == 3,
	    "last line without newline");
	ok(ka_cfg_first_directive(c) == 4, "first directive found");
	ka_cfg_free(c);
}

static void
test_match_scope(void)
{
	struct ka_cfg *c = parse("A 1\nMatch User x\n B 2\n\nmatch all\nC 3\n");

	if (c == NULL)
		return;
	ok(!c->lines[0].in_match, "before Match: global");
	ok(c->lines[1].in_match, "Match line itself");
	ok(c->lines[2].in_match && c->lines[3].in_match, "lines after Match");
	ok(c->lines[5].in_match, "lower-case match, and 'Match all' too");
	ka_cfg_free(c);
}

static void
test_crlf_and_empty(void)
{
	struct ka_cfg *c = parse("Port 22\r\nX 1\r\n");
	struct ka_err e;

	if (c != NULL)
		is_str(c->eol, "\r\n", "CRLF file gets CRLF for new lines");
	ka_cfg_free(c);
	c = parse("");
	ok(c != NULL && c->nlines == 0, "empty file: no lines");
	ka_cfg_free(c);
	c = NULL;
	ok(ka_cfg_parse("n.conf", "A 1\nB\0 2\n", 9, &c, &e) == -EINVAL &&
	    c == NULL, "NUL byte refused");
	is_str(e.msg, "n.conf:2: contains a NUL byte, which sshd would "
	    "misread; refusing to edit", "NUL message names file and line");
}

static void
test_load_errors(void)
{
	struct ka_cfg *c = NULL;
	struct ka_err e;

	ok(ka_cfg_load(NULL, "/nonexistent/x", &c, &e) == -ENOENT,
	    "missing file is -ENOENT");
	is_str(e.msg, "/nonexistent/x: No such file or directory",
	    "missing file message");
	ok(ka_cfg_load(NULL, "/", &c, &e) == -EISDIR, "directory refused");
	ok(ka_cfg_load("/", "/proc/self/status", &c, &e) == 0 && c != NULL,
	    "root '/' is no prefix");
	ka_cfg_free(c);
}

int
main(void)
{
	test_tokens();
	test_kinds();
	test_match_scope();
	test_crlf_and_empty();
	test_load_errors();
	return tap_done();
}
