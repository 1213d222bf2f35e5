/* modefile.c - the mode that lasts: MODE in /etc/sysconfig/ssh-keepalive */
#include "engine/modefile.h"
#include "engine/natkey.h"
#include "engine/sysconf_keys.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>


/* The file as the package ships it (sysconfig/ssh-keepalive), up to its
 * MODE line; tests/bats/mode_persist.bats holds the two together. */
static const char shipped_head[] =
"# /etc/sysconfig/ssh-keepalive: the choices of ssh-keepalive that last\n"
"#\n"
"# MODE: how sshd is made to read /etc/ssh/sshd_config.d/01-keepalive.conf\n"
"#   auto     decide on every run: include where the installed sshd\n"
"#            understands Include (OpenSSH 8.2p1+, RHEL 8.6+), else inline\n"
"#   include  an Include line at the top of /etc/ssh/sshd_config\n"
"#   inline   a marked block at the top of /etc/ssh/sshd_config with the\n"
"#            values themselves (for scanners that read only sshd_config,\n"
"#            such as the SCAP content for RHEL 8)\n"
"# NAT_TIMEOUT (not set as shipped): the shortest idle timeout of any\n"
"#   firewall, NAT gateway or load balancer between the clients and this\n"
"#   server, in the units of ssh-keepalive-tune --nat-timeout (350, 4m,\n"
"#   20m).  When set it wins: every run derives ClientAliveInterval from it\n"
"#   for the installed OpenSSH release, and the drop-in records what was\n"
"#   derived.  Lay it down before the package (kickstart %pre, cloud-init\n"
"#   write_files) and the first install applies it.  \"ssh-keepalive-tune\n"
"#   --nat-timeout T\" writes it; --interval and --reset drop it.\n"
"# Every run of keepalive-helper reads it: on install, on upgrade, and when\n"
"# openssh-server is installed or updated.  \"ssh-keepalive-tune --mode M\"\n"
"# writes it and applies the change; after an edit by hand, run\n"
"# \"ssh-keepalive-tune --apply\".\n";

/* One line of the file, without its line ending. */
struct line {
	const char *s;
	size_t len;
	size_t no;
};

static int
is_key_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (!first && c >= '0' && c <= '9');
}

int
ka_modefile_value(const char *v, size_t n, char *out, size_t outlen, size_t *at)
{
	size_t i = 0, start = 0, end;

	if (n > 0 && (v[0] == '"' || v[0] == '\'')) {
		const char *close = memchr(v + 1, v[0], n - 1);

		if (close == NULL)
			return -EINVAL;
		start = 1;
		end = (size_t)(close - v);
		i = end + 1;
	} else {
		while (i < n && v[i] != ' ' && v[i] != '\t')
			i++;
		end = i;
	}
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if ((i < n && v[i] != '#') || end - start >= outlen)
		return -EINVAL;
	memcpy(out, v + start, end - start);
	out[end - start] = '\0';
	*at = start;
	return 0;
}

static int
parse_mode(const char *data, const struct line *l, const char *v, size_t n,
    int lenient, struct ka_modefile *m, struct ka_err *e)
{
	char val[64];
	size_t at = 0;

	if (m->line > 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, l->no,
		    "MODE is set twice (first at line %zu)", m->line);
	m->line = l->no;
	if (ka_modefile_value(v, n, val, sizeof(val), &at) == 0) {
		m->value_found = 1;
		m->value_at = (size_t)(v - data) + at;
		m->value_len = strlen(val);
		if (ka_mode_parse(val, &m->mode) == 0)
			return 0;
	}
	m->mode = KA_MODE_AUTO;
	m->bad_value = 1;
	if (lenient)
		return 0;
	return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, l->no, "MODE '%.*s' is "
	    "not auto, include or inline", (int)(n > 40 ? 40 : n), v);
}

static int
parse_line(const char *data, const struct line *l, int lenient,
    struct ka_modefile *m, struct ka_err *e)
{
	const char *s = l->s, *end = l->s + l->len;
	size_t k = 0;
	int r;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s == '#')
		return 0;
	while (s + k < end && is_key_char(s[k], k == 0))
		k++;
	if (k == 0 || s + k == end || s[k] != '=')
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, l->no,
		    "not a KEY=value line");
	/* a typo of MODE, refused even when a bad value is not (--mode
	 * would add a MODE line beside it, which the next run refuses) */
	if (k == 4 && strncasecmp(s, "MODE", 4) == 0 &&
	    strncmp(s, "MODE", 4) != 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, l->no,
		    "'%.4s' is not MODE: keys are case-sensitive", s);
	if (k == 11 && strncasecmp(s, KA_NATKEY, 11) == 0)
		return ka_natkey_parse(data, l->no, s, (size_t)(end - s), m, e);
	if ((r = ka_sysconf_client_key(l->no, s, k, (size_t)(end - s), m,
	    e)) != 0)
		return r < 0 ? r : 0;
	if (k != 4 || strncmp(s, "MODE", 4) != 0)
		return 0;   /* another setting: not ours to judge */
	return parse_mode(data, l, s + 5, (size_t)(end - s - 5), lenient, m,
	    e);
}

/* The line that starts at offset *i; *i moves past its ending. */
static void
next_line(const char *data, size_t len, size_t *i, struct line *l)
{
	const char *nl = memchr(data + *i, '\n', len - *i);
	size_t n = nl ? (size_t)(nl - (data + *i)) : len - *i;

	l->s = data + *i;
	l->len = n > 0 && l->s[n - 1] == '\r' ? n - 1 : n;
	l->no++;
	*i += nl ? n + 1 : n;
}

void
ka_modefile_init(struct ka_modefile *m)
{
	memset(m, 0, sizeof(*m));
	m->mode = KA_MODE_AUTO;
	m->client = -1;
	m->client_mode = KA_MODE_AUTO;
}

int
ka_modefile_parse(const char *data, size_t len, int lenient,
    struct ka_modefile *m, struct ka_err *e)
{
	struct line l = { NULL, 0, 0 };
	size_t i = 0;

	ka_modefile_init(m);
	m->present = 1;
	if (memchr(data, '\0', len) != NULL)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, 0,
		    "a NUL byte: not a text file");
	while (i < len) {
		int r;

		next_line(data, len, &i, &l);
		if ((r = parse_line(data, &l, lenient, m, e)) < 0)
			return r;
	}
	return 0;
}

int
ka_modefile_line_span(const char *data, size_t len, size_t no,
    size_t *start, size_t *next)
{
	struct line l = { NULL, 0, 0 };
	size_t i = 0;

	while (i < len && l.no < no) {
		*start = i;
		next_line(data, len, &i, &l);
	}
	if (l.no != no)
		return -EINVAL;
	*next = i;
	return 0;
}

/* The old bytes with line `no`'s text (not its ending) replaced. */
static int
replace_line(const char *data, size_t len, size_t no, const char *text,
    struct ka_buf *out)
{
	struct line l = { NULL, 0, 0 };
	size_t i = 0;
	int r = 0;

	while (i < len && l.no < no)
		next_line(data, len, &i, &l);
	if (l.no != no)
		return -EINVAL;
	r = ka_buf_add(out, data, (size_t)(l.s - data));
	if (r == 0)
		r = ka_buf_adds(out, text);
	if (r == 0)
		r = ka_buf_add(out, l.s + l.len, len - (size_t)(l.s + l.len - data));
	return r;
}

/* The old bytes with MODE's value alone replaced: what is around it on
 * its line (quotes, blanks, a comment) stays byte for byte. */
static int
replace_value(const char *data, size_t len, const struct ka_modefile *m,
    enum ka_mode mode, struct ka_buf *out)
{
	size_t after = m->value_at + m->value_len;
	int r;

	if (after > len)
		return -EINVAL;
	r = ka_buf_add(out, data, m->value_at);
	if (r == 0)
		r = ka_buf_adds(out, ka_mode_name(mode));
	if (r == 0)
		r = ka_buf_add(out, data + after, len - after);
	return r;
}

int
ka_modefile_render(const char *data, size_t len,
    const struct ka_modefile *m, enum ka_mode mode, struct ka_buf *out)
{
	char text[32];
	int r;

	snprintf(text, sizeof(text), "MODE=%s", ka_mode_name(mode));
	if (data == NULL)
		return ka_buf_addf(out, "%s%s\n", shipped_head, text);
	if (m->line > 0 && m->value_found)
		return replace_value(data, len, m, mode, out);
	if (m->line > 0)
		return replace_line(data, len, m->line, text, out);
	r = ka_buf_add(out, data, len);
	if (r == 0 && len > 0 && data[len - 1] != '\n')
		r = ka_buf_adds(out, "\n");
	return r == 0 ? ka_buf_addf(out, "%s\n", text) : r;
}

const char *
ka_mode_name(enum ka_mode m)
{
	return m == KA_MODE_INCLUDE ? "include" :
	    m == KA_MODE_INLINE ? "inline" : "auto";
}

int
ka_mode_parse(const char *s, enum ka_mode *m)
{
	if (strcmp(s, "auto") == 0)
		*m = KA_MODE_AUTO;
	else if (strcmp(s, "include") == 0)
		*m = KA_MODE_INCLUDE;
	else if (strcmp(s, "inline") == 0)
		*m = KA_MODE_INLINE;
	else
		return -EINVAL;
	return 0;
}
