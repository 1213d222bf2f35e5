/* cfgfile.h - an sshd_config file as sshd reads it, kept byte for byte */
#ifndef KA_CFGFILE_H
#define KA_CFGFILE_H

#include <stddef.h>

#include "err.h"

enum ka_line_kind {
	KA_LINE_BLANK,       /* empty or only white space */
	KA_LINE_COMMENT,     /* first token starts with '#' */
	KA_LINE_DIRECTIVE    /* anything else: "Keyword args" */
};

struct ka_line {
	const char *text;    /* into ka_cfg.data; not NUL-terminated */
	size_t len;          /* bytes, line ending included */
	size_t lineno;       /* 1-based */
	enum ka_line_kind kind;
	char *keyword;       /* directives: keyword in lower case */
	int argc;            /* directives: arguments as sshd splits them */
	char **argv;
	int bad_quotes;      /* directives: an unterminated quote */
	int in_match;        /* a Match line or a line after one */
};

struct ka_cfg {
	char *path;          /* the name used in messages */
	char *data;
	size_t size;
	struct ka_line *lines;
	size_t nlines;
	const char *eol;     /* "\n" or "\r\n", for lines we add */
};

/* Split data (size bytes, copied) into lines.  Refuses NUL bytes, which
 * sshd would silently truncate a line at.  0, -EINVAL or -ENOMEM. */
int ka_cfg_parse(const char *path, const char *data, size_t size,
    struct ka_cfg **out, struct ka_err *e);

/* Read path (the file at root + path when root is not NULL); messages
 * name path.  -ENOENT etc. from the file system. */
int ka_cfg_load(const char *root, const char *path, struct ka_cfg **out,
    struct ka_err *e);

void ka_cfg_free(struct ka_cfg *cfg);

/* 1 if the directive's keyword is kw (lower case). */
int ka_line_is(const struct ka_line *l, const char *kw);

/* Index of the first directive, or cfg->nlines when there is none. */
size_t ka_cfg_first_directive(const struct ka_cfg *cfg);

#endif
