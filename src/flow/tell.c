/* tell.c - what a change says: progress on stdout, warnings on stderr */
#include "flow/tell.h"

#include <stdarg.h>
#include <stdio.h>

void
ka_say(const struct ka_change_opts *o, const char *fmt, ...)
{
	va_list ap;

	if (o->quiet)
		return;
	va_start(ap, fmt);
	printf("%s: ", o->prog);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

void
ka_warn(const struct ka_change_opts *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: warning: ", o->prog);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}
