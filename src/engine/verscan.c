/* verscan.c - the OpenSSH release named in a binary's bytes */
#include "engine/verscan.h"

#include <errno.h>
#include <string.h>

void
ka_verscan_init(struct ka_verscan *s)
{
	memset(s, 0, sizeof(*s));
}

/* "OpenSSH_" then digits "." digits, optionally "p" digits: no more. */
static int
is_release(const char *t, size_t len)
{
	static const char pfx[] = "OpenSSH_";
	size_t i = sizeof(pfx) - 1, start;
	int dots = 0;

	if (len <= i || memcmp(t, pfx, i) != 0)
		return 0;
	for (start = i; i < len && ((t[i] >= '0' && t[i] <= '9') ||
	    (t[i] == '.' && !dots++ && i > start)); i++)
		;
	if (dots != 1 || t[i - 1] == '.')
		return 0;
	if (i == len)
		return 1;
	if (t[i++] != 'p' || i == len)
		return 0;
	for (; i < len && t[i] >= '0' && t[i] <= '9'; i++)
		;
	return i == len;
}

static void
take(struct ka_verscan *s)
{
	struct ka_sshver v;

	s->tok[s->len] = '\0';
	if (!is_release(s->tok, s->len) || ka_sshver_from_line(s->tok, &v) < 0)
		return;
	if (s->found++ == 0) {
		s->v = v;
		return;
	}
	if (v.major != s->v.major || v.minor != s->v.minor ||
	    (v.patch >= 0 && s->v.patch >= 0 && v.patch != s->v.patch))
		s->conflict = 1;
	else if (s->v.patch < 0)
		s->v = v;   /* "OpenSSH_9.2p1" says more than "OpenSSH_9.2" */
}

void
ka_verscan_feed(struct ka_verscan *s, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\0') {
			if (s->len < sizeof(s->tok))
				take(s);
			s->len = 0;
		} else if (s->len < sizeof(s->tok) - 1) {
			s->tok[s->len++] = buf[i];
		} else {
			s->len = sizeof(s->tok);   /* too long: not a release */
		}
	}
}

int
ka_verscan_result(const struct ka_verscan *s, struct ka_sshver *v)
{
	if (s->found == 0)
		return -ENOENT;
	if (s->conflict)
		return -EINVAL;
	*v = s->v;
	return 0;
}
