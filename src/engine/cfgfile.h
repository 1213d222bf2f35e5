/* cfgfile.h - an sshd_config file as sshd reads it, kept byte for byte
 *
 * One buffer holds the file; a table of 24-byte lines points into it.
 * Nothing is allocated per line: keywords are shared copies (one per
 * distinct keyword in the file) and a directive's arguments are split
 * only when asked for (ka_line_args). */
#ifndef KA_CFGFILE_H
#define KA_CFGFILE_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"

enum ka_line_kind {
	KA_LINE_BLANK,       /* empty or only white space */
	KA_LINE_COMMENT,     /* first token starts with '#' */
	KA_LINE_DIRECTIVE    /* anything else: "Keyword args" */
};

struct ka_line {
	const char *text;          /* into ka_cfg.data; not NUL-terminated */
	const char *keyword;       /* directives: keyword in lower case,
	                            * NUL-terminated; NULL for the others */
	unsigned int len;          /* bytes, line ending included */
	unsigned int lineno : 29;  /* 1-based */
	unsigned int kind : 2;     /* enum ka_line_kind */
	unsigned int in_match : 1; /* a Match line or a line after one */
};

/* Larger files are refused (so that lengths and line numbers fit). */
#define KA_CFG_MAX_SIZE ((size_t)256 << 20)

struct ka_kwtab;

struct ka_cfg {
	char *path;          /* the name used in messages */
	char *data;          /* size bytes and a NUL, owned */
	size_t size;
	struct ka_line *lines;
	size_t nlines;
	const char *eol;     /* "\n" or "\r\n", for lines we add */
	struct ka_kwtab *kw; /* where the keywords of lines are kept */
};

/* Split data (size bytes, copied) into lines.  Refuses NUL bytes, which
 * sshd would silently truncate a line at, and files larger than
 * KA_CFG_MAX_SIZE.  0, -EINVAL, -EFBIG or -ENOMEM. */
int ka_cfg_parse(const char *path, const char *data, size_t size,
    struct ka_cfg **out, struct ka_err *e);

/* The same, taking over b's buffer (b is left empty, whatever the
 * outcome): no copy. */
int ka_cfg_adopt(const char *path, struct ka_buf *b, struct ka_cfg **out,
    struct ka_err *e);

void ka_cfg_free(struct ka_cfg *cfg);

/* 1 if the directive's keyword is kw (lower case). */
int ka_line_is(const struct ka_line *l, const char *kw);

/* Append the bytes of lines [from, to) of cfg to out, in one go.
 * 0 or -ENOMEM. */
int ka_cfg_add_lines(const struct ka_cfg *cfg, size_t from, size_t to,
    struct ka_buf *out);

/* l's own line ending: "\r\n", "\n", or "" for a last line without one. */
const char *ka_line_eol(const struct ka_line *l);

/* Index of the first directive, or cfg->nlines when there is none. */
size_t ka_cfg_first_directive(const struct ka_cfg *cfg);

/* A directive's arguments as sshd splits them (OpenSSH's argv_split):
 * quotes ' and ", backslash escapes; a '#' starting an argument ends
 * them.  argv holds argc strings and a NULL, in one allocation. */
struct ka_args {
	int argc;
	char **argv;
	int bad_quotes;      /* an unterminated quote */
};

/* Split l's arguments into a (none for a line that is not a directive).
 * 0 or -ENOMEM; free with ka_args_free() either way. */
int ka_line_args(const struct ka_line *l, struct ka_args *a);
void ka_args_free(struct ka_args *a);

#endif
