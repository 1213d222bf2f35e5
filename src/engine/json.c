/* json.c - JSON text that is valid UTF-8 whatever the bytes it shows */
#include "engine/json.h"

#include <stddef.h>

/* The length of the valid UTF-8 sequence at s (1-4), or 0; *prefix is
 * how many bytes of it were valid (what one U+FFFD replaces). */
static size_t
utf8_len(const unsigned char *s, size_t *prefix)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	*prefix = 1;
	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;          /* no overlong forms */
	else if (s[0] == 0xed)
		hi = 0x9f;          /* no surrogates */
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;          /* nothing past U+10FFFF */
	for (i = 1; i < n; i++) {
		if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
			return 0;
		*prefix = i + 1;
	}
	return n;
}

int
ka_json_str(struct ka_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int r;

	if (s == NULL)
		return ka_buf_adds(b, "null");
	r = ka_buf_adds(b, "\"");
	while (r == 0 && *s != '\0') {
		size_t prefix, n = utf8_len(s, &prefix);

		if (*s == '"' || *s == '\\')
			r = ka_buf_addf(b, "\\%c", *s);
		else if (*s < 0x20 || *s == 0x7f)
			r = ka_buf_addf(b, "\\u%04x", *s);
		else if (n == 0)
			r = ka_buf_adds(b, "\xef\xbf\xbd");   /* U+FFFD */
		else
			r = ka_buf_add(b, s, n);
		s += n ? n : prefix;
	}
	return r == 0 ? ka_buf_adds(b, "\"") : r;
}

int
ka_json_key(struct ka_buf *b, const char *key, int first)
{
	int r = first ? 0 : ka_buf_adds(b, ",");

	if (r == 0)
		r = ka_json_str(b, key);
	return r == 0 ? ka_buf_adds(b, ":") : r;
}
