/* test_modefile.c - MODE in /etc/sysconfig/ssh-keepalive: parse, render */
#include <errno.h>

#include "engine/modefile.h"
#include "tap.h"

static int n_case;

static void
parses(const char *text, enum ka_mode want, size_t line)
{
	struct ka_modefile m;
	struct ka_err e;
	int r = ka_modefile_parse(text, strlen(text), 0, &m, &e);

	ok(r == 0 && m.mode == want && m.line == line && m.present,
	    "case %d is MODE=%s at line %zu (r=%d, got %s at %zu)", ++n_case,
	    ka_mode_name(want), line, r, ka_mode_name(m.mode), m.line);
}

static void
refused_n(const char *text, size_t len, const char *msg)
{
	struct ka_modefile m;
	struct ka_err e;
	int r = ka_modefile_parse(text, len, 0, &m, &e);

	ok(r == -EINVAL && strcmp(e.msg, msg) == 0, "case %d is refused: %s",
	    ++n_case, e.msg);
}

static void
refused(const char *text, const char *msg)
{
	refused_n(text, strlen(text), msg);
}

static void
renders(const char *old, enum ka_mode mode, const char *want)
{
	struct ka_buf b = KA_BUF_INIT;
	struct ka_modefile m;
	struct ka_err e;
	int r = ka_modefile_parse(old, strlen(old), 1, &m, &e);

	if (r == 0)
		r = ka_modefile_render(old, strlen(old), &m, mode, &b);
	is_str(r == 0 ? b.data : NULL, want, "case %d: MODE=%s written",
	    ++n_case, ka_mode_name(mode));
	ka_buf_free(&b);
}

int
main(void)
{
	struct ka_buf b = KA_BUF_INIT;

	parses("", KA_MODE_AUTO, 0);
	parses("# only a comment\n\n", KA_MODE_AUTO, 0);
	parses("MODE=inline\n", KA_MODE_INLINE, 1);
	parses("#\nOTHER=x y z\n  MODE=include\n", KA_MODE_INCLUDE, 3);
	parses("MODE=\"inline\"  # why\r\n", KA_MODE_INLINE, 1);
	parses("MODE='auto'", KA_MODE_AUTO, 1);
	parses("\tMODE=inline\t\n", KA_MODE_INLINE, 1);
	refused("MODE=foo\n", KA_PATH_MODEFILE ":1: MODE 'foo' is not auto, "
	    "include or inline");
	refused("MODE=\n", KA_PATH_MODEFILE ":1: MODE '' is not auto, "
	    "include or inline");
	refused("MODE=Inline\n", KA_PATH_MODEFILE ":1: MODE 'Inline' is not "
	    "auto, include or inline");
	refused("MODE=inline#x\n", KA_PATH_MODEFILE ":1: MODE 'inline#x' is "
	    "not auto, include or inline");
	refused("MODE=inline\nMODE=inline\n", KA_PATH_MODEFILE ":2: MODE is "
	    "set twice (first at line 1)");
	refused("MODE inline\n", KA_PATH_MODEFILE ":1: not a KEY=value line");
	refused("=inline\n", KA_PATH_MODEFILE ":1: not a KEY=value line");
	refused("1MODE=inline\n", KA_PATH_MODEFILE ":1: not a KEY=value line");
	refused_n("MODE=inline\n\0", 13, KA_PATH_MODEFILE ": a NUL byte: not "
	    "a text file");
	renders("MODE=auto\n", KA_MODE_INLINE, "MODE=inline\n");
	renders("# a\nMODE=bad # x\r\n# b", KA_MODE_INCLUDE,
	    "# a\nMODE=include # x\r\n# b");
	renders("MODE=auto   # chosen for SCAP, ticket 42\n", KA_MODE_INLINE,
	    "MODE=inline   # chosen for SCAP, ticket 42\n");
	renders("  MODE=\"inline\"\t# why\r\n", KA_MODE_AUTO,
	    "  MODE=\"auto\"\t# why\r\n");
	renders("MODE=  # none yet\n", KA_MODE_INLINE, "MODE=inline  # none yet\n");
	renders("MODE=in line # x\n", KA_MODE_INLINE, "MODE=inline\n");
	renders("X=1", KA_MODE_INLINE, "X=1\nMODE=inline\n");
	renders("", KA_MODE_INLINE, "MODE=inline\n");
	ok(ka_modefile_render(NULL, 0, NULL, KA_MODE_AUTO, &b) == 0 &&
	    b.len > 10 && strcmp(b.data + b.len - 10, "MODE=auto\n") == 0 &&
	    b.data[0] == '#', "a missing file gets the shipped one");
	ka_buf_free(&b);
	return tap_done();
}
