/* err.h - one error, described once, reported by main() */
#ifndef KA_ERR_H
#define KA_ERR_H

#include <stddef.h>

/* An error message that names a file and line where it can:
 * "FILE:LINE: what", "FILE: what" or "what".  The parts, for a report
 * that shows them apart (--json): msg's first file_len bytes are FILE
 * (0: none), line is LINE (0: none), and msg + what is "what". */
struct ka_err {
	char msg[1024];
	size_t file_len;
	size_t line;
	size_t what;
};

#if defined(__GNUC__)
#define KA_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KA_PRINTF(a, b)
#endif

/* Set e (when not NULL) to "file:line: what"; file may be NULL, line 0
 * leaves the line out.  Returns -err so callers can "return ka_err_set()". */
int ka_err_set(struct ka_err *e, int err, const char *file, size_t line,
    const char *fmt, ...) KA_PRINTF(5, 6);

/* Clear e. */
void ka_err_clear(struct ka_err *e);

#endif
