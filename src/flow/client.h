/* client.h - the client side (issue 20): ssh_config reads a drop-in of
 * ServerAliveInterval/ServerAliveCountMax before its first Host or Match
 * line, switched on by a command or CLIENT=yes in
 * /etc/sysconfig/ssh-keepalive, and off until then (doc/client.md). */
#ifndef KA_CLIENT_H
#define KA_CLIENT_H

#include "engine/client_paths.h"
#include "engine/err.h"
#include "engine/modefile.h"

enum ka_client_op {
	KA_CLIENT_ON,      /* tune --client: set, switch on, record it */
	KA_CLIENT_OFF,     /* tune --client --off: take it out, record it */
	KA_CLIENT_APPLY,   /* keepalive-helper apply --client: again, when
	                    * CLIENT=yes; nothing otherwise */
	KA_CLIENT_REMOVE   /* keepalive-helper remove --client (erase) */
};

struct ka_client_opts {
	const char *prog;
	const char *root;            /* an image, or NULL */
	enum ka_mode mode;           /* --mode (mode_given) */
	int mode_given;
	int dry_run, quiet, verbose;
	struct ka_client_values set; /* -1: keep */
	int reset;                   /* back to the shipped values */
	long nat_timeout;            /* --nat-timeout: > 0 */
};

/* An exit code (flow/opts.h), with e set when it is not 0. */
int ka_client_change(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_err *e);

struct ka_client_status_opts {
	const char *root;
	const char *host;   /* --host: effective values for it */
	int json, verbose;
};

/* The report: writes nothing anywhere.  0, or < 0 with e set. */
int ka_client_status(const struct ka_client_status_opts *so,
    struct ka_err *e);

#endif
