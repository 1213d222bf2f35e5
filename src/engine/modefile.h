/* modefile.h - the modes, and the file that makes a chosen one last:
 * MODE in /etc/sysconfig/ssh-keepalive
 *
 * A commented KEY=value file an administrator can read and edit (and a
 * shell can source).  MODE is auto, include or inline; other keys are
 * left alone, for settings a later version may keep there.  Every run
 * reads it; ssh-keepalive-tune --mode writes it; keepalive-helper's
 * --mode is a one-off override that is never recorded. */
#ifndef KA_MODEFILE_H
#define KA_MODEFILE_H

#include <stddef.h>

#include "engine/buf.h"
#include "engine/err.h"

/* How sshd is made to read the drop-in: an Include, or the values inline
 * in sshd_config; auto decides from the installed sshd (mode.h). */
enum ka_mode { KA_MODE_AUTO, KA_MODE_INCLUDE, KA_MODE_INLINE };

const char *ka_mode_name(enum ka_mode m);
/* "auto", "include", "inline" to a mode; -EINVAL otherwise. */
int ka_mode_parse(const char *s, enum ka_mode *m);

#define KA_PATH_MODEFILE "/etc/sysconfig/ssh-keepalive"

/* What the file says. */
struct ka_modefile {
	int present;          /* the file exists */
	enum ka_mode mode;    /* MODE's value; auto when unset or bad */
	size_t line;          /* MODE's line, 0 when there is none */
	int bad_value;        /* lenient parse: MODE's value is not a mode */
	int value_found;      /* MODE's value is one word or one quoted
	                       * string, then only blanks and a comment: */
	size_t value_at;      /* where that word, or the text inside the
	                       * quotes, starts in the file's bytes */
	size_t value_len;     /* and its length */
	/* NAT_TIMEOUT (engine/natkey.h): the nat-timeout laid down or
	 * recorded by ssh-keepalive-tune --nat-timeout */
	size_t nat_line;      /* its line, 0 when there is none */
	long nat_timeout;     /* its seconds; 0 when unset or bad */
	int nat_bad;          /* its value is not a time: nat_err says so */
	struct ka_err nat_err;
	int nat_value_found;  /* as value_found, for NAT_TIMEOUT */
	size_t nat_value_at, nat_value_len;
	/* The client side (engine/sysconf_keys.h).  A bad value is only
	 * noted (*_bad, client_err naming the first): the server side
	 * reads on; the client flow says when it stops a run. */
	int client;           /* CLIENT: 1 yes, 0 no, -1 absent or bad */
	size_t client_line;   /* its line, 0 when there is none */
	int client_bad;
	enum ka_mode client_mode; /* CLIENT_MODE; auto when absent or bad */
	size_t client_mode_line;
	int client_mode_bad;
	long client_nat_timeout; /* CLIENT_NAT_TIMEOUT's seconds; 0 when
	                       * absent or bad */
	size_t client_nat_line;
	int client_nat_bad;
	struct ka_err client_err; /* "FILE:LINE: KEY=value: why" */
};

/* What a missing file says: present 0, every key absent (MODE auto,
 * CLIENT -1). */
void ka_modefile_init(struct ka_modefile *m);

/* A value as a shell reads it: one word, or one quoted string, then
 * only blanks and a comment; *at is where its text starts in v.
 * -EINVAL for anything else. */
int ka_modefile_value(const char *v, size_t n, char *out, size_t outlen,
    size_t *at);

/* Where line no (from 1) starts, and where the next one starts. */
int ka_modefile_line_span(const char *data, size_t len, size_t no,
    size_t *start, size_t *next);

/* Parse the file's bytes.  Lines are blank, comments (#) or KEY=value;
 * MODE at most once, its value auto, include or inline, optionally
 * quoted; NAT_TIMEOUT at most once (a bad value is only noted: nat_bad,
 * nat_err; the nat-timeout flow says when it stops a run); CLIENT,
 * CLIENT_MODE and CLIENT_NAT_TIMEOUT at most once each, likewise
 * (engine/sysconf_keys.h).  Our keys in another case, and lines that
 * are not KEY=value, are errors naming KA_PATH_MODEFILE:LINE.  With
 * lenient, a bad MODE value is only noted (for a writer replacing it). */
int ka_modefile_parse(const char *data, size_t len, int lenient,
    struct ka_modefile *m, struct ka_err *e);

/* The file with MODE=mode: the old bytes (data, len; NULL for a missing
 * file) with MODE's value replaced (its quotes, the blanks and a comment
 * after it kept byte for byte; a line whose value cannot be read is
 * replaced whole), or MODE added at the end; for a missing file, the
 * file as the package ships it. */
int ka_modefile_render(const char *data, size_t len,
    const struct ka_modefile *m, enum ka_mode mode, struct ka_buf *out);

#endif
