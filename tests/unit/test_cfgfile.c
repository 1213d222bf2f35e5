/* test_cfgfile.c - sshd_config split into lines and tokens as sshd does */
#include <errno.h>

#include "engine/cfgfile.h"
#include "sys/fsutil.h"
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

/* is_str on argument i of line n, split on demand. */
static void
is_arg(const struct ka_cfg *c, size_t n, int i, const char *want,
    const char *what)
{
	struct ka_args a;

	if (ka_line_args(&c->lines[n], &a) < 0 || i >= a.argc)
		ok(0, "%s", what);
	else
		is_str(a.argv[i], want, "%s", what);
	ka_args_free(&a);
}

static int
argc_of(const struct ka_cfg *c, size_t n, int *bad)
{
	struct ka_args a;
	int argc = ka_line_args(&c->lines[n], &a) < 0 ? -1 : a.argc;

	if (bad != NULL)
		*bad = a.bad_quotes;
	ka_args_free(&a);
	return argc;
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
	int bad = 0;

	ok(c != NULL && c->nlines == 7, "seven lines");
	if (c == NULL)
		return;
	is_str(c->lines[0].keyword, "port", "keyword lower case");
	is_str(c->lines[1].keyword, "clientaliveinterval", "Keyword=value");
	is_arg(c, 1, 0, "300", "Keyword=value argument");
	is_arg(c, 2, 0, "5", "Keyword = value argument");
	ok(argc_of(c, 2, NULL) == 1, "Keyword = value: one argument");
	is_str(c->lines[3].keyword, "tcpkeepalive", "tabs and CRLF");
	is_arg(c, 3, 0, "no", "CR is not part of the value");
	ok(argc_of(c, 4, &bad) == 3 && !bad, "quoted Include has three arguments");
	is_arg(c, 4, 0, "/etc/ssh/a b/*.conf", "double quotes");
	is_arg(c, 4, 1, "x", "single quotes");
	is_arg(c, 4, 2, "y z", "escaped space");
	ok(argc_of(c, 5, NULL) == 1, "a '#' argument ends the line");
	ok(argc_of(c, 6, &bad) == 2 && bad, "unterminated quote is flagged");
	is_str(c->eol, "\n", "LF file gets LF for new lines");
	ka_cfg_free(c);
}

/* Keywords as sshd's strdelim() takes them (OpenSSH 5.3p1 to 9.x). */
static void
test_quoted_keywords(void)
{
	struct ka_cfg *c = parse(
	    "\"ClientAliveInterval\" 120\n"
	    "Client\"Alive\"Interval 5\n"
	    "\"ClientAliveInterval 7\n"
	    "=Port 22\n"
	    "\"\"Port 23\n"
	    "\"#Port\" 24\n"
	    "\"Client Alive\" 9\n"
	    "\"Port\"=25\n");

	ok(c != NULL && c->nlines == 8, "eight lines");
	if (c == NULL)
		return;
	is_str(c->lines[0].keyword, "clientaliveinterval", "quoted keyword");
	is_arg(c, 0, 0, "120", "quoted keyword's argument");
	ok(argc_of(c, 0, NULL) == 1, "quoted keyword: one argument");
	is_str(c->lines[1].keyword, "clientalive", "a quote inside ends it");
	is_arg(c, 1, 0, "Interval", "and the rest is an argument");
	ok(c->lines[2].kind == KA_LINE_COMMENT, "unterminated quote: sshd skips the line");
	is_str(c->lines[3].keyword, "port", "a leading '=' is skipped");
	is_str(c->lines[4].keyword, "port", "an empty quoted token is skipped");
	ok(c->lines[5].kind == KA_LINE_COMMENT, "a quoted '#' keyword is a comment");
	is_str(c->lines[6].keyword, "client alive", "a quoted keyword keeps its space");
	is_arg(c, 7, 0, "=25", "no '=' is skipped after a closing quote");
	ka_cfg_free(c);
}

static void
test_lines_share_keywords(void)
{
	struct ka_cfg *c = parse("Port 22\nport 23\nPORT=24\n# Port 25\n"
	    "X\n\n");
	struct ka_args a;

	if (c == NULL)
		return;
	ok(sizeof(struct ka_line) <= 24, "a line takes %zu bytes",
	    sizeof(struct ka_line));
	ok(c->lines[0].keyword == c->lines[1].keyword &&
	    c->lines[1].keyword == c->lines[2].keyword,
	    "equal keywords share one copy, whatever their case");
	ok(c->lines[3].keyword == NULL && c->lines[5].keyword == NULL,
	    "comments and blank lines have no keyword");
	ok(ka_line_args(&c->lines[3], &a) == 0 && a.argc == 0 &&
	    a.argv[0] == NULL, "a comment has no arguments");
	ka_args_free(&a);
	ok(ka_line_args(&c->lines[4], &a) == 0 && a.argc == 0 &&
	    a.argv[0] == NULL, "a keyword alone has no arguments");
	ka_args_free(&a);
	ok(c->lines[2].lineno == 3 && c->lines[4].len == 2,
	    "line numbers and lengths");
	ka_cfg_free(c);
}

/* Many distinct keywords: the table grows, every keyword kept right. */
static void
test_many_keywords(void)
{
	struct ka_buf b = KA_BUF_INIT;
	struct ka_cfg *c = NULL;
	struct ka_err e;
	size_t i, bad = 0;
	char want[32];

	for (i = 0; i < 5000; i++)
		ka_buf_addf(&b, "KeyWord%zu value\nkeyword%zu again\n", i, i);
	ok(ka_cfg_parse("many.conf", b.data, b.len, &c, &e) == 0 &&
	    c->nlines == 10000, "10000 lines, 5000 distinct keywords");
	for (i = 0; c != NULL && i < 5000; i++) {
		snprintf(want, sizeof(want), "keyword%zu", i);
		bad += strcmp(c->lines[2 * i].keyword, want) != 0 ||
		    c->lines[2 * i].keyword != c->lines[2 * i + 1].keyword;
	}
	ok(bad == 0, "each keyword lower case, one copy for both its lines");
	ka_cfg_free(c);
	ka_buf_free(&b);
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
	/* the size is checked before a byte is read */
	ok(ka_cfg_parse("big.conf", "", KA_CFG_MAX_SIZE + 1, &c, &e) == -EFBIG &&
	    c == NULL, "a file over 256 MiB is refused");
	is_str(e.msg, "big.conf: larger than 256 MiB; refusing to edit",
	    "its message");
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
	test_quoted_keywords();
	test_lines_share_keywords();
	test_many_keywords();
	test_kinds();
	test_match_scope();
	test_crlf_and_empty();
	test_load_errors();
	return tap_done();
}
