/* sysconfig.c - "-o Keyword=value" in OPTIONS of /etc/sysconfig/sshd */
#include "sys/sysconfig.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine/buf.h"
#include "sys/fsutil.h"
#include "sys/paths.h"

/* Next white-space separated word of s (quotes dropped), into w. */
static const char *
next_word(const char *s, char *w, size_t wlen)
{
	size_t n = 0;

	while (*s == ' ' || *s == '\t' || *s == '"' || *s == '\'')
		s++;
	while (*s != '\0' && !isspace((unsigned char)*s)) {
		if (*s != '"' && *s != '\'' && n + 1 < wlen)
			w[n++] = *s;
		s++;
	}
	w[n] = '\0';
	return n > 0 ? s : NULL;
}

/* "Keyword=value" or "Keyword value" for keyword: the value. */
static int
match_option(const char *opt, const char *keyword, char *value, size_t vlen)
{
	size_t kl = strlen(keyword);

	if (strncasecmp(opt, keyword, kl) != 0 ||
	    (opt[kl] != '=' && opt[kl] != ' '))
		return 0;
	snprintf(value, vlen, "%s", opt + kl + 1);
	return 1;
}

/* sshd's options that take an argument (getopt "C:E:b:c:f:g:h:k:o:p:u:",
 * 5.3p1 to 9.x), but -o, which we look into. */
static const char takes_arg[] = "CEbcfghkpu";

/* Read the words of s as sshd's getopt() reads them: flags may be
 * combined (-4o, -Do); an option that takes an argument takes the rest
 * of its word or the next word; "--" ends the options.  1 when a -o
 * sets keyword (the first one: sshd keeps it), its value in value. */
static int
scan_options(const char *s, const char *keyword, char *value, size_t vlen)
{
	char w[512];

	while ((s = next_word(s, w, sizeof(w))) != NULL) {
		const char *c = w + 1;
		char opt;

		if (strcmp(w, "--") == 0)
			return 0;
		if (w[0] != '-')
			continue;
		while (*c != '\0' && *c != 'o' && strchr(takes_arg, *c) == NULL)
			c++;
		if ((opt = *c) == '\0')
			continue;
		if (c[1] != '\0')
			memmove(w, c + 1, strlen(c + 1) + 1);   /* -oKey=value */
		else if ((s = next_word(s, w, sizeof(w))) == NULL)
			return 0;
		if (opt == 'o' && match_option(w, keyword, value, vlen))
			return 1;
	}
	return 0;
}

/* Of several OPTIONS= lines the last one counts (the shell and systemd's
 * EnvironmentFile assign in turn): value and line describe that line
 * alone, never an earlier one that it replaces. */
int
ka_sysconfig_option(const char *root, const char *keyword, char *value,
    size_t vlen, size_t *line)
{
	struct ka_buf b = KA_BUF_INIT;
	const char *p, *nl;
	char v[512] = "";
	size_t n = 0, last = 0;
	int found = 0;

	*line = 0;
	if (vlen > 0)
		value[0] = '\0';
	if (ka_fs_read_file(root, KA_PATH_SYSCONFIG_SSHD, &b, NULL) < 0)
		return 0;
	for (p = b.data; p != NULL && *p != '\0'; p = nl ? nl + 1 : NULL) {
		char l[2048];
		const char *s = l;

		nl = strchr(p, '\n');
		snprintf(l, sizeof(l), "%.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		n++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, "OPTIONS=", 8) != 0)
			continue;
		found = scan_options(s + 8, keyword, v, sizeof(v));
		last = n;
	}
	ka_buf_free(&b);
	if (found) {
		snprintf(value, vlen, "%s", v);
		*line = last;
	}
	return found;
}
