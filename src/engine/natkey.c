/* natkey.c - NAT_TIMEOUT in /etc/sysconfig/ssh-keepalive */
#include "engine/natkey.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/value.h"

/* The value's text in v (n bytes) to secs; pe says why not. */
static int
read_value(const char *data, const char *v, size_t n,
    struct ka_modefile *m, long *secs, struct ka_err *pe)
{
	char val[64];
	size_t at = 0;

	if (ka_modefile_value(v, n, val, sizeof(val), &at) < 0)
		return ka_err_set(pe, EINVAL, NULL, 0, "not one value; accepted: "
		    KA_NAT_TIMEOUT_RANGE);
	m->nat_value_found = 1;
	m->nat_value_at = (size_t)(v - data) + at;
	m->nat_value_len = strlen(val);
	return ka_value_parse_nat_timeout(val, secs, pe);
}

int
ka_natkey_parse(const char *data, size_t no, const char *kv, size_t n,
    struct ka_modefile *m, struct ka_err *e)
{
	const size_t kl = sizeof(KA_NATKEY) - 1;
	struct ka_err pe;

	if (strncmp(kv, KA_NATKEY, kl) != 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, "'%.*s' is not "
		    KA_NATKEY ": keys are case-sensitive", (int)kl, kv);
	if (m->nat_line > 0)
		return ka_err_set(e, EINVAL, KA_PATH_MODEFILE, no, KA_NATKEY
		    " is set twice (first at line %zu)", m->nat_line);
	m->nat_line = no;
	if (read_value(data, kv + kl + 1, n - kl - 1, m, &m->nat_timeout,
	    &pe) == 0)
		return 0;
	m->nat_timeout = 0;
	m->nat_bad = 1;
	ka_err_set(&m->nat_err, EINVAL, KA_PATH_MODEFILE, no, "%.*s: %s",
	    (int)(n > 60 ? 60 : n), kv, pe.msg);
	return 0;
}

/* data with [from, to) replaced by text */
static int
splice(const char *data, size_t len, size_t from, size_t to,
    const char *text, struct ka_buf *out)
{
	int r = ka_buf_add(out, data, from);

	if (r == 0)
		r = ka_buf_adds(out, text);
	if (r == 0)
		r = ka_buf_add(out, data + to, len - to);
	return r;
}

static int
add_line(const char *data, size_t len, const char *text, struct ka_buf *out)
{
	int r = ka_buf_add(out, data, len);

	if (r == 0 && len > 0 && data[len - 1] != '\n')
		r = ka_buf_adds(out, "\n");
	if (r == 0)
		r = ka_buf_addf(out, "%s\n", text);
	return r;
}

int
ka_natkey_render(const char *data, size_t len,
    const struct ka_modefile *m, long timeout, struct ka_buf *out)
{
	char num[32], line[48];
	size_t start = 0, next = 0, text_end;

	snprintf(num, sizeof(num), "%ld", timeout);
	snprintf(line, sizeof(line), KA_NATKEY "=%ld", timeout);
	if (m->nat_line == 0)
		return timeout > 0 ? add_line(data, len, line, out) :
		    ka_buf_add(out, data ? data : "", len);
	if (ka_modefile_line_span(data, len, m->nat_line, &start, &next) < 0)
		return -EINVAL;
	if (timeout == 0)
		return splice(data, len, start, next, "", out);
	if (m->nat_value_found)
		return splice(data, len, m->nat_value_at,
		    m->nat_value_at + m->nat_value_len, num, out);
	text_end = next;
	while (text_end > start && (data[text_end - 1] == '\n' ||
	    data[text_end - 1] == '\r'))
		text_end--;
	return splice(data, len, start, text_end, line, out);
}
