/* status.h - what sshd will use, where it comes from, what shadows it */
#ifndef KA_STATUS_H
#define KA_STATUS_H

#include "engine/err.h"
#include "sys/mode.h"

struct ka_status_opts {
	const char *root;
	enum ka_mode mode;   /* requested mode, for "how it was decided" */
	int mode_given;      /* --mode given (even auto): MODE in
	                      * /etc/sysconfig/ssh-keepalive is not asked */
	int json;
	int verbose;         /* text: how the mode was decided, in full */
};

/* Print the status report to stdout: the verdict (flow/verdict.h),
 * then the details.  0, or < 0 with e set. */
int ka_status(const struct ka_status_opts *o, struct ka_err *e);

/* With --json, when the report cannot be made: one object all the same,
 * {"error":{"file":...,"line":...,"message":...}} (file and line null
 * when e names none), on stdout. */
void ka_status_json_error(const struct ka_err *e);

#endif
