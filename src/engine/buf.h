/* buf.h - a growable byte buffer for building candidate files */
#ifndef KA_BUF_H
#define KA_BUF_H

#include <stddef.h>

struct ka_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define KA_BUF_INIT { NULL, 0, 0 }

/* Room for extra more bytes (and the NUL) without another allocation;
 * 0 or -ENOMEM. */
int ka_buf_reserve(struct ka_buf *b, size_t extra);
/* Append n bytes; 0 or -ENOMEM.  data stays NUL-terminated. */
int ka_buf_add(struct ka_buf *b, const void *p, size_t n);
/* Append a C string. */
int ka_buf_adds(struct ka_buf *b, const char *s);
/* Append formatted text. */
int ka_buf_addf(struct ka_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ka_buf_free(struct ka_buf *b);

#endif
