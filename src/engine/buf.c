/* buf.c - a growable byte buffer */
#include "engine/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first allocation is exactly what is asked for (at least 256
 * bytes): a buffer reserved for a file's size holds just that. */
int
ka_buf_reserve(struct ka_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (extra > SIZE_MAX - b->len - 1)
		return -ENOMEM;
	want = b->len + extra + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : want > 256 ? want : 256;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	p = realloc(b->data, cap);
	if (p == NULL)
		return -ENOMEM;
	p[b->len] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int
ka_buf_add(struct ka_buf *b, const void *p, size_t n)
{
	int r = ka_buf_reserve(b, n);

	if (r < 0)
		return r;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
ka_buf_adds(struct ka_buf *b, const char *s)
{
	return ka_buf_add(b, s, strlen(s));
}

int
ka_buf_addf(struct ka_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, r;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -EINVAL;
	if ((r = ka_buf_reserve(b, (size_t)n)) < 0)
		return r;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void
ka_buf_free(struct ka_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
