/* sysconf_keys.c - CLIENT, CLIENT_MODE, CLIENT_NAT_TIMEOUT in
 * /etc/sysconfig/ssh-keepalive, and ka_modefile_set_key */
#include "engine/sysconf_keys.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "engine/value.h"

#define KEYS_N 3
static const char *const client_keys[KEYS_N] = {
	KA_KEY_CLIENT, KA_KEY_CLIENT_MODE, KA_KEY_CLIENT_NAT
};

/* The longest value the parsers read (their buffers are 64 bytes). */
#define VALUE_MAX 63

static int
is_key_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (!first && c >= '0' && c <= '9');
}

/* A bad value: noted, and named in client_err when it is the first. */
static void
note_bad(struct ka_modefile *m, int *bad, size_t no, const char *kv,
    size_t n, const char *why)
{
	*bad = 1;
	if (m->client_err.msg[0] == '\0')
		ka_err_set(&m->client_err, EINVAL, KA_PATH_MODEFILE, no,
		    "%.*s: %s", (int)(n > 60 ? 60 : n), kv, why);
}

/* key i's value (val, or NULL when it cannot be read) into m */
static void
read_client_value(size_t i, const char *val, size_t no, const char *kv,
    size_t n, struct ka_modefile *m)
{
	struct ka_err pe;

	if (i == 0) {
		if (val != NULL && strcmp(val, "yes") == 0)
			m->client = 1;
		else if (val != NULL && strcmp(val, "no") == 0)
			m->client = 0;
		else
			note_bad(m, &m->client_bad, no, kv, n, "not yes or no");
	} else if (i == 1) {
		if (val == NULL || ka_mode_parse(val, &m->client_mode) < 0) {
			m->client_mode = KA_MODE_AUTO;
			note_bad(m, &m->client_mode_bad, no, kv, n,
			    "not auto, include or inline");
		}
	} else if (val == NULL) {
		note_bad(m, &m->client_nat_bad, no, kv, n, "not one value; "
		    "accepted: " KA_NAT_TIMEOUT_RANGE);
	} else if (ka_value_parse_nat_timeout(val, &m->client_nat_timeout,
	    &pe) < 0) {
		m->client_nat_timeout = 0;
		note_bad(m, &m->client_nat_bad, no, kv, n, pe.msg);
	}
}

int
ka_sysconf_client_key(size_t no, const char *kv, size_t klen, size_t n,
    struct ka_modefile *m, struct ka_err *e)
{
	size_t i, *line, at = 0;
	char val[VALUE_MAX + 1];
	int readable;

	for (i = 0; i < KEYS_N; i++)
		if (klen == strlen(client_keys[i]) &&
		    strncasecmp(kv, client_keys[i], klen) == 0)
			break;
	if (i == KEYS_N)
		return 0;
	if (strncmp(kv, client_keys[i], klen) != 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, "'%.*s' is not "
		    "%s: keys are case-sensitive", (int)klen, kv, client_keys[i]);
	line = i == 0 ? &m->client_line : i == 1 ? &m->client_mode_line :
	    &m->client_nat_line;
	if (*line > 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, "%s is set "
		    "twice (first at line %zu)", client_keys[i], *line);
	*line = no;
	readable = ka_modefile_value(kv + klen + 1, n - klen - 1, val,
	    sizeof(val), &at) == 0;
	read_client_value(i, readable ? val : NULL, no, kv, n, m);
	return 1;
}

/* KEY's line in a file, as set_key needs it */
struct keyline {
	size_t no;                   /* 0: none */
	size_t start, text_end, next;
	int value_found;             /* as ka_modefile's value_found */
	size_t value_at, value_len;
};

/* Line [start, end) (end before its ending): KEY's line into f? */
static int
match_line(const char *data, size_t start, size_t end, size_t no,
    const char *key, struct keyline *f, struct ka_err *e)
{
	const char *s = data + start, *v;
	size_t k = 0, kl = strlen(key), at = 0;
	char val[VALUE_MAX + 1];

	while (s < data + end && (*s == ' ' || *s == '\t'))
		s++;
	while (s + k < data + end && is_key_char(s[k], k == 0))
		k++;
	if (k != kl || s + k == data + end || s[k] != '=' ||
	    strncasecmp(s, key, kl) != 0)
		return 0;
	if (strncmp(s, key, kl) != 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, "'%.*s' is not "
		    "%s: keys are case-sensitive", (int)kl, s, key);
	if (f->no > 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, "%s is set "
		    "twice (first at line %zu)", key, f->no);
	f->no = no;
	f->start = start;
	f->text_end = end;
	v = s + kl + 1;
	if (ka_modefile_value(v, (size_t)(data + end - v), val, sizeof(val),
	    &at) == 0) {
		f->value_found = 1;
		f->value_at = (size_t)(v - data) + at;
		f->value_len = strlen(val);
	}
	return 0;
}

static int
find_key(const char *data, size_t len, const char *key, struct keyline *f,
    struct ka_err *e)
{
	size_t i = 0, no = 0;

	memset(f, 0, sizeof(*f));
	if (memchr(data, '\0', len) != NULL)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, 0,
		    "a NUL byte: not a text file");
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		size_t next = nl ? end + 1 : len, start = i;
		int r;

		if (end > start && data[end - 1] == '\r')
			end--;
		if ((r = match_line(data, start, end, ++no, key, f, e)) < 0)
			return r;
		if (f->no == no)
			f->next = next;
		i = next;
	}
	return 0;
}

static int
check_key_value(const char *key, const char *value, struct ka_err *e)
{
	size_t i, n = strlen(key);

	for (i = 0; i < n; i++)
		if (!is_key_char(key[i], i == 0))
			break;
	if (n == 0 || i < n || n > VALUE_MAX)
		return ka_err_set(e, EINVAL, NULL, 0, "'%s' is not a key", key);
	if (value == NULL)
		return 0;
	n = strlen(value);
	for (i = 0; i < n; i++)
		if (!is_key_char(value[i], 0) &&
		    strchr("-.:/+@%", value[i]) == NULL)
			break;
	if (n == 0 || i < n || n > VALUE_MAX)
		return ka_err_set(e, EINVAL, NULL, 0, "%s=%s: not a value this "
		    "file can hold (letters, digits and _ - . : / + @ %%)", key,
		    value);
	return 0;
}

/* data with [from, to) replaced by text */
static int
splice(const char *data, size_t len, size_t from, size_t to,
    const char *a, const char *b, const char *c, struct ka_buf *out)
{
	int r = ka_buf_add(out, data, from);

	if (r == 0)
		r = ka_buf_addf(out, "%s%s%s", a, b, c);
	if (r == 0)
		r = ka_buf_add(out, data + to, len - to);
	return r;
}

/* the file's line ending: that of its last line with one */
static const char *
file_eol(const char *data, size_t len)
{
	size_t i = len;

	while (i > 0 && data[i - 1] != '\n')
		i--;
	return i > 1 && data[i - 2] == '\r' ? "\r\n" : "\n";
}

static int
set_in(const char *data, size_t len, const char *key, const char *value,
    struct ka_buf *out, struct ka_err *e)
{
	const char *eol = file_eol(data, len);
	struct keyline f;
	int r;

	if ((r = find_key(data, len, key, &f, e)) < 0)
		return r;
	if (f.no > 0 && value == NULL)
		return splice(data, len, f.start, f.next, "", "", "", out);
	if (f.no > 0 && f.value_found)
		return splice(data, len, f.value_at, f.value_at + f.value_len,
		    value, "", "", out);
	if (f.no > 0)
		return splice(data, len, f.start, f.text_end, key, "=", value,
		    out);
	r = ka_buf_add(out, data, len);
	if (r == 0 && value != NULL && len > 0 && data[len - 1] != '\n')
		r = ka_buf_adds(out, eol);
	if (r == 0 && value != NULL)
		r = ka_buf_addf(out, "%s=%s%s", key, value, eol);
	return r;
}

int
ka_modefile_set_key(const char *data, size_t len, const char *key,
    const char *value, struct ka_buf *out, struct ka_err *e)
{
	struct ka_buf ship = KA_BUF_INIT;
	int r;

	if ((r = check_key_value(key, value, e)) < 0)
		return r;
	if (data != NULL)
		return set_in(data, len, key, value, out, e);
	r = ka_modefile_render(NULL, 0, NULL, KA_MODE_AUTO, &ship);
	if (r == 0)
		r = set_in(ship.data, ship.len, key, value, out, e);
	ka_buf_free(&ship);
	return r;
}
