/* err.c - error messages that name file and line */
#include "engine/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
ka_err_set(struct ka_err *e, int err, const char *file, size_t line,
    const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;

	if (e == NULL)
		return -err;
	ka_err_clear(e);
	if (file != NULL && line > 0)
		n = (size_t)snprintf(e->msg, sizeof(e->msg), "%s:%zu: ", file,
		    line);
	else if (file != NULL)
		n = (size_t)snprintf(e->msg, sizeof(e->msg), "%s: ", file);
	if (n >= sizeof(e->msg))
		n = sizeof(e->msg) - 1;
	else if (file != NULL) {
		e->file_len = strlen(file);
		e->line = line;
	}
	e->what = n;
	va_start(ap, fmt);
	vsnprintf(e->msg + n, sizeof(e->msg) - n, fmt, ap);
	va_end(ap);
	return -err;
}

void
ka_err_clear(struct ka_err *e)
{
	if (e == NULL)
		return;
	e->msg[0] = '\0';
	e->file_len = e->line = e->what = 0;
}
