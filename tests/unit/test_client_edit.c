/* test_client_edit.c - the client side's ssh_config edits and drop-in
 *
 * Reads the stock files in tests/fixtures/stock/client and the expected
 * results in tests/fixtures/golden/client from the source tree: the
 * current directory, or KA_SRCDIR when set (make check runs from the
 * top of the tree). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/client_edit.h"
#include "tap.h"

#define DIR KA_CLIENT_DROPIN_DIR
#define DROPIN KA_CLIENT_DROPIN_PATH
#define SSHCONF "/etc/ssh/ssh_config"

#define INC_BLOCK "# BEGIN ssh-keepalive\n" \
	"Include /etc/ssh/ssh_config.d/01-keepalive.conf\n" \
	"# END ssh-keepalive\n"
#define INL_BLOCK "# BEGIN ssh-keepalive\nServerAliveInterval 600\n" \
	"ServerAliveCountMax 10\n# END ssh-keepalive\n"

static const struct ka_client_values shipped = { 600, 10 };

enum mode { INCLUDE, INLINE, REMOVE };

/* A whole file from the source tree, or NULL (said as a comment). */
static char *
slurp(const char *rel, size_t *len)
{
	const char *top = getenv("KA_SRCDIR");
	char path[1024];
	struct ka_buf b = KA_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", top != NULL ? top : ".", rel);
	if ((f = fopen(path, "r")) == NULL) {
		printf("# cannot read %s (run from the top of the tree or set "
		    "KA_SRCDIR)\n", path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ka_buf_add(&b, chunk, n);
	fclose(f);
	if (b.data == NULL)
		ka_buf_add(&b, "", 0);
	*len = b.len;
	return b.data;
}

static struct ka_cfg *
cfg_of(const char *text, size_t len)
{
	struct ka_cfg *c = NULL;
	struct ka_err e;

	if (ka_cfg_parse(SSHCONF, text, len, &c, &e) < 0)
		printf("# %s\n", e.msg);
	return c;
}

/* Run one edit on text; the result in out (NUL-terminated), or < 0
 * with e set. */
static int
run_len(enum mode m, const char *text, size_t len, struct ka_buf *out,
    struct ka_err *e)
{
	struct ka_cfg *c = cfg_of(text, len);
	int r;

	out->data = NULL;
	out->len = out->cap = 0;
	ka_err_clear(e);
	if (c == NULL)
		return -EINVAL;
	if (m == INCLUDE)
		r = ka_client_edit_include(c, DROPIN, DIR, out, e);
	else if (m == INLINE)
		r = ka_client_edit_inline(c, &shipped, out, e);
	else
		r = ka_client_edit_remove(c, out, e);
	ka_cfg_free(c);
	if (r < 0)
		ka_buf_free(out);
	return r;
}

static int
run(enum mode m, const char *text, struct ka_buf *out, struct ka_err *e)
{
	return run_len(m, text, strlen(text), out, e);
}

static int
same(const struct ka_buf *b, const char *want, size_t len)
{
	return b->data != NULL && b->len == len &&
	    memcmp(b->data, want, len) == 0;
}

/* Check one edit of text gives want, byte for byte. */
static void
gives(const char *what, enum mode m, const char *text, const char *want)
{
	struct ka_buf out;
	struct ka_err e;
	int r = run(m, text, &out, &e);

	ok(r == 0 && same(&out, want, strlen(want)), "%s", what);
	if (r < 0)
		printf("#   error: %s\n", e.msg);
	else if (!same(&out, want, strlen(want)))
		printf("#   got:  '%s'\n#   want: '%s'\n", out.data, want);
	ka_buf_free(&out);
}

/* An edit of text fails with a message holding msg. */
static void
fails(const char *what, enum mode m, const char *text, const char *msg)
{
	struct ka_buf out;
	struct ka_err e;
	int r = run(m, text, &out, &e);

	ok(r < 0 && out.data == NULL && strstr(e.msg, msg) != NULL,
	    "%s (\"%s\")", what, r < 0 ? e.msg : "no error");
	if (r < 0 && strstr(e.msg, msg) == NULL)
		printf("#   want a message holding '%s'\n", msg);
	ka_buf_free(&out);
}

static const char *const mode_name[] = { "include", "inline", "remove" };

/* The stock file name in mode m: its golden file, remove(apply) ==
 * input, apply twice == once, the other mode's block replaced. */
static void
stock(const char *name, enum mode m)
{
	char rel[256];
	char *in, *golden;
	size_t inlen = 0, glen = 0;
	struct ka_buf a, a2, back, other, sw;
	struct ka_err e;
	enum mode o = m == INCLUDE ? INLINE : INCLUDE;
	int r;

	snprintf(rel, sizeof(rel), "tests/fixtures/stock/client/%s.conf", name);
	in = slurp(rel, &inlen);
	snprintf(rel, sizeof(rel), "tests/fixtures/golden/client/%s.%s.conf",
	    name, mode_name[m]);
	golden = slurp(rel, &glen);
	if (in == NULL || golden == NULL) {
		ok(0, "%s %s: fixture and golden file read", name,
		    mode_name[m]);
		free(in);
		free(golden);
		return;
	}
	r = run_len(m, in, inlen, &a, &e);
	ok(r == 0 && same(&a, golden, glen), "%s in %s mode gives %s byte for "
	    "byte", name, mode_name[m], rel);
	if (r < 0)
		printf("#   error: %s\n", e.msg);
	if (r < 0) {
		free(in);
		free(golden);
		return;
	}
	r = run_len(REMOVE, a.data, a.len, &back, &e);
	ok(r == 0 && same(&back, in, inlen), "%s: remove after %s gives the "
	    "stock file back byte for byte", name, mode_name[m]);
	if (r == 0)
		ka_buf_free(&back);
	r = run_len(m, a.data, a.len, &a2, &e);
	ok(r == 0 && same(&a2, a.data, a.len), "%s: %s applied twice gives "
	    "the same bytes as once", name, mode_name[m]);
	if (r == 0)
		ka_buf_free(&a2);
	/* the other mode's block first, then this mode: the same result */
	r = run_len(o, in, inlen, &other, &e);
	if (r == 0) {
		r = run_len(m, other.data, other.len, &sw, &e);
		ok(r == 0 && same(&sw, golden, glen), "%s: %s over a block of "
		    "%s mode replaces it (the golden file again)", name,
		    mode_name[m], mode_name[o]);
		if (r == 0)
			ka_buf_free(&sw);
		ka_buf_free(&other);
	} else {
		ok(0, "%s: %s mode applies too (%s)", name, mode_name[o], e.msg);
	}
	ka_buf_free(&a);
	free(in);
	free(golden);
}

static void
test_stock(void)
{
	static const char *const inc[] = {
		"centos7", "rhel8", "rhel9", "el10", "upstream-8.2p1",
		"upstream-8.8p1", "upstream-9.6p1"
	};
	size_t i;

	for (i = 0; i < sizeof(inc) / sizeof(inc[0]); i++)
		stock(inc[i], INCLUDE);
	stock("centos6", INLINE);
	stock("centos7", INLINE);
}

static void
test_shapes(void)
{
	gives("an empty file gets the block alone", INCLUDE, "", INC_BLOCK);
	gives("remove from a file with nothing of ours: the same bytes",
	    REMOVE, "# hi\nHost x\n  User y\n", "# hi\nHost x\n  User y\n");
	gives("a file of comments only: the block at its end", INLINE,
	    "# one\n\n# two\n", "# one\n\n# two\n" INL_BLOCK);
	gives("CRLF kept, and the block written in CRLF", INCLUDE,
	    "# c\r\nHost *\r\n  User x\r\n",
	    "# c\r\n# BEGIN ssh-keepalive\r\n"
	    "Include /etc/ssh/ssh_config.d/01-keepalive.conf\r\n"
	    "# END ssh-keepalive\r\nHost *\r\n  User x\r\n");
	gives("CRLF block taken out gives the CRLF file back", REMOVE,
	    "# c\r\n# BEGIN ssh-keepalive\r\n"
	    "Include /etc/ssh/ssh_config.d/01-keepalive.conf\r\n"
	    "# END ssh-keepalive\r\nHost *\r\n  User x\r\n",
	    "# c\r\nHost *\r\n  User x\r\n");
	gives("no trailing newline, nothing global: the block before the "
	    "last line", INCLUDE, "# a\nForwardAgent no",
	    "# a\n" INC_BLOCK "ForwardAgent no");
	gives("... and remove gives the unterminated file back", REMOVE,
	    "# a\n" INC_BLOCK "ForwardAgent no", "# a\nForwardAgent no");
	gives("no trailing newline on a Host block's last line", INLINE,
	    "Host *\n  User x", INL_BLOCK "Host *\n  User x");
	gives("Match as the first directive: the block before it", INCLUDE,
	    "# c\nMatch final all\n  GSSAPIAuthentication yes\n",
	    "# c\n" INC_BLOCK "Match final all\n  GSSAPIAuthentication yes\n");
	gives("a global ServerAliveInterval before the first Host: ours goes "
	    "before it", INCLUDE,
	    "ForwardAgent no\nServerAliveInterval 30\nHost *\n  User x\n",
	    "ForwardAgent no\n" INC_BLOCK
	    "ServerAliveInterval 30\nHost *\n  User x\n");
	gives("a global ServerAliveCountMax (any case) in inline mode", INLINE,
	    "serveralivecountmax=2\n", INL_BLOCK "serveralivecountmax=2\n");
	gives("an Include of the directory after the first Host does not "
	    "count", INCLUDE, "Host *\n  User x\nInclude " DIR "/*.conf\n",
	    INC_BLOCK "Host *\n  User x\nInclude " DIR "/*.conf\n");
	gives("a global Include of the drop-in itself counts as stock",
	    INCLUDE, "Include " DROPIN "\nHost *\n",
	    "Include " DROPIN "\nHost *\n");
	gives("include mode over a stock Include takes an old block of ours "
	    "out", INCLUDE, INC_BLOCK "Include " DIR "/*.conf\n",
	    "Include " DIR "/*.conf\n");
	gives("inline over an include block: the block replaced in place",
	    INLINE, "# c\n" INC_BLOCK "Host *\n", "# c\n" INL_BLOCK "Host *\n");
	gives("an include block the admin moved after Host * goes back "
	    "before it", INCLUDE, "# c\nHost *\n  User x\n" INC_BLOCK,
	    "# c\n" INC_BLOCK "Host *\n  User x\n");
	gives("comments and blank lines in our block are ours: taken out",
	    REMOVE, "# BEGIN ssh-keepalive\n# note\n\nServerAliveInterval 5m\n"
	    "# END ssh-keepalive\nHost *\n", "Host *\n");
}

/* A failing edit leaves out untouched (NULL) and names FILE:LINE. */
static void
test_refused(void)
{
	static const enum mode all[] = { INCLUDE, INLINE, REMOVE };
	size_t i;

	for (i = 0; i < 3; i++) {
		char what[128];

		snprintf(what, sizeof(what), "%s: BEGIN without END names "
		    "its line", mode_name[all[i]]);
		fails(what, all[i], "# c\n# BEGIN ssh-keepalive\nHost *\n",
		    SSHCONF ":2: '# BEGIN ssh-keepalive' without");
		snprintf(what, sizeof(what), "%s: END without BEGIN names "
		    "its line", mode_name[all[i]]);
		fails(what, all[i], "Host *\n\n# END ssh-keepalive\n",
		    SSHCONF ":3: '# END ssh-keepalive' without");
		snprintf(what, sizeof(what), "%s: a foreign line inside our "
		    "block names its line", mode_name[all[i]]);
		fails(what, all[i], "# BEGIN ssh-keepalive\nServerAliveInterval 60"
		    "\nForwardAgent yes\n# END ssh-keepalive\n",
		    SSHCONF ":3: 'ForwardAgent yes' is inside");
		snprintf(what, sizeof(what), "%s: a Host line inside our "
		    "block is foreign", mode_name[all[i]]);
		fails(what, all[i], "# BEGIN ssh-keepalive\nHost *\n"
		    "# END ssh-keepalive\n", SSHCONF ":2: 'Host *' is inside");
		snprintf(what, sizeof(what), "%s: an Include of the directory "
		    "in our block is not ours", mode_name[all[i]]);
		fails(what, all[i], "# BEGIN ssh-keepalive\nInclude " DIR
		    "/*.conf\n# END ssh-keepalive\n", SSHCONF ":2: 'Include");
	}
}

static void
state_of(const char *text, struct ka_client_state *st, int *r,
    struct ka_err *e)
{
	struct ka_cfg *c = cfg_of(text, strlen(text));

	*r = c != NULL ? ka_client_edit_state(c, DROPIN, DIR, st, e) : -EINVAL;
	ka_cfg_free(c);
}

static void
test_state(void)
{
	struct ka_client_state st;
	struct ka_err e;
	int r;

	state_of("# c\nHost *\n", &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_NONE, "state: nothing of ours");
	state_of("# c\n# c\nInclude " DIR "/*.conf\n", &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_STOCK && st.line == 3 &&
	    !st.misplaced, "state: the stock Include, its line");
	state_of("Host *\nInclude " DIR "/*.conf\n", &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_NONE,
	    "state: an Include after Host is not stock");
	state_of("# c\n" INC_BLOCK "Host *\n", &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_INCLUDE_BLOCK && st.line == 2 &&
	    !st.misplaced, "state: our include block in place");
	state_of("# c\nHost *\n  User x\n" INC_BLOCK, &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_INCLUDE_BLOCK && st.line == 4 &&
	    st.misplaced, "state: our include block after Host * is "
	    "misplaced");
	state_of("ServerAliveInterval 5\n" INC_BLOCK, &st, &r, &e);
	ok(r == 0 && st.misplaced, "state: after another ServerAliveInterval "
	    "line is misplaced");
	state_of("# BEGIN ssh-keepalive\nServerAliveInterval 5m\n"
	    "ServerAliveCountMax 0\n# END ssh-keepalive\n", &st, &r, &e);
	ok(r == 0 && st.found == KA_CLIENT_INLINE_BLOCK && st.line == 1 &&
	    st.inline_values.interval == 300 &&
	    st.inline_values.count_max == 0,
	    "state: an inline block's values read as ssh reads them (5m, 0)");
	state_of("# BEGIN ssh-keepalive\nServerAliveInterval 5x\n"
	    "# END ssh-keepalive\n", &st, &r, &e);
	ok(r < 0 && strstr(e.msg, SSHCONF ":2: ServerAliveInterval '5x'") !=
	    NULL, "state: a bad time in our block names FILE:LINE (%s)",
	    r < 0 ? e.msg : "no error");
	state_of("# BEGIN ssh-keepalive\n", &st, &r, &e);
	ok(r < 0 && strstr(e.msg, SSHCONF ":1:") != NULL,
	    "state: unbalanced markers are an error (%s)",
	    r < 0 ? e.msg : "no error");
}

#define D_HEAD "# ssh-keepalive: keepalive probes for outgoing ssh sessions " \
	"(ssh_config(5)).\n# Managed by ssh-keepalive-tune --client; a " \
	"user's ~/.ssh/config or ssh -o still win.\n"
#define D_PATH DROPIN

static int
dset(const char *text, long interval, long count, struct ka_buf *out,
    struct ka_err *e)
{
	struct ka_client_values v;
	struct ka_cfg *d = NULL;
	int r;

	v.interval = interval;
	v.count_max = count;
	out->data = NULL;
	out->len = out->cap = 0;
	if (text != NULL &&
	    ka_cfg_parse(D_PATH, text, strlen(text), &d, e) < 0)
		return -EINVAL;
	r = ka_client_dropin_set(d, &v, out, e);
	ka_cfg_free(d);
	return r;
}

static void
set_gives(const char *what, const char *text, long i, long c,
    const char *want)
{
	struct ka_buf out;
	struct ka_err e;
	int r = dset(text, i, c, &out, &e);

	ok(r == 0 && out.data != NULL && strcmp(out.data, want) == 0, "%s",
	    what);
	if (r < 0)
		printf("#   error: %s\n", e.msg);
	else
		printf("%s", strcmp(out.data, want) == 0 ? "" : "#   got:\n");
	if (r == 0 && strcmp(out.data, want) != 0)
		printf("%s#   want:\n%s", out.data, want);
	ka_buf_free(&out);
}

static void
set_fails(const char *what, const char *text, long i, long c,
    const char *msg)
{
	struct ka_buf out;
	struct ka_err e;
	int r = dset(text, i, c, &out, &e);

	ok(r < 0 && out.data == NULL && strstr(e.msg, msg) != NULL,
	    "%s (\"%s\")", what, r < 0 ? e.msg : "no error");
	ka_buf_free(&out);
}

static void
values_of(const char *text, struct ka_client_values *v, int *r,
    struct ka_err *e)
{
	struct ka_cfg *d = NULL;

	*r = ka_cfg_parse(D_PATH, text, strlen(text), &d, e);
	if (*r == 0)
		*r = ka_client_dropin_values(d, v, e);
	ka_cfg_free(d);
}

static void
test_dropin(void)
{
	struct ka_client_values v;
	struct ka_err e;
	int r;

	set_gives("no drop-in: the shipped text", NULL, -1, -1,
	    D_HEAD "ServerAliveInterval 600\nServerAliveCountMax 10\n");
	set_gives("no drop-in, values given", NULL, 30, 4,
	    D_HEAD "ServerAliveInterval 30\nServerAliveCountMax 4\n");
	set_gives("values replaced in place, comments and other lines kept",
	    "# mine\nServerAliveCountMax 3 # old\n\n# x\n"
	    "ServerAliveInterval 5m\nForwardAgent no\n", 120, 6,
	    "# mine\nServerAliveCountMax 6\n\n# x\n"
	    "ServerAliveInterval 120\nForwardAgent no\n");
	set_gives("-1 keeps the drop-in's line as written", 
	    "ServerAliveInterval 5m\nServerAliveCountMax 3\n", -1, 7,
	    "ServerAliveInterval 5m\nServerAliveCountMax 7\n");
	set_gives("a missing keyword added at the end (CRLF, unterminated)",
	    "# c\r\nServerAliveInterval 60", -1, -1,
	    "# c\r\nServerAliveInterval 60\r\nServerAliveCountMax 10\r\n");
	set_gives("a value replaced in a CRLF drop-in keeps its CRLF",
	    "# c\r\nServerAliveInterval 60\r\nServerAliveCountMax 3\r\n",
	    90, -1, "# c\r\nServerAliveInterval 90\r\n"
	    "ServerAliveCountMax 3\r\n");
	set_gives("an empty drop-in gets the shipped values", "", -1, -1,
	    "ServerAliveInterval 600\nServerAliveCountMax 10\n");
	set_fails("a Host line in the drop-in is refused",
	    "ServerAliveInterval 60\nHost *\n", 30, 3, D_PATH ":2: a Host or "
	    "Match line");
	set_fails("a Match line in the drop-in is refused",
	    "Match all\n", -1, -1, D_PATH ":1: a Host or Match line");
	set_fails("count 0 is never written", NULL, 60, 0, "never written");

	values_of("# c\nServerAliveInterval 1h30s\nServerAliveCountMax 0\n",
	    &v, &r, &e);
	ok(r == 0 && v.interval == 3630 && v.count_max == 0,
	    "values: time units read as ssh reads them; count 0 reads as 0");
	values_of("# c\n", &v, &r, &e);
	ok(r == 0 && v.interval == -1 && v.count_max == -1,
	    "values: unset when the drop-in sets nothing");
	values_of("ServerAliveInterval 10q\n", &v, &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":1: ServerAliveInterval '10q' is "
	    "not a time") != NULL, "values: a time ssh would reject (%s)",
	    r < 0 ? e.msg : "no error");
	values_of("ServerAliveCountMax 1001\n", &v, &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":1: ServerAliveCountMax '1001'") !=
	    NULL, "values: a count above 1000 (%s)", r < 0 ? e.msg : "none");
	values_of("ServerAliveCountMax -1\n", &v, &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":1:") != NULL,
	    "values: a negative count (%s)", r < 0 ? e.msg : "none");
	values_of("ServerAliveInterval 60\n\nserveraliveinterval 30\n", &v,
	    &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":3: ServerAliveInterval is set a "
	    "second time") != NULL, "values: a keyword twice (%s)",
	    r < 0 ? e.msg : "none");
	values_of("ServerAliveInterval 60 70\n", &v, &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":1: ServerAliveInterval takes "
	    "exactly one value") != NULL, "values: two arguments (%s)",
	    r < 0 ? e.msg : "none");
	values_of("Host x\n", &v, &r, &e);
	ok(r < 0 && strstr(e.msg, D_PATH ":1: a Host or Match") != NULL,
	    "values: a Host line (%s)", r < 0 ? e.msg : "none");
}

int
main(void)
{
	test_stock();
	test_shapes();
	test_refused();
	test_state();
	test_dropin();
	return tap_done();
}
