/* sshdcheck.h - ask the installed sshd's own parser */
#ifndef KA_SSHDCHECK_H
#define KA_SSHDCHECK_H

#include "engine/err.h"
#include "sys/run.h"

enum ka_verdict {
	KA_SSHD_ACCEPTED,    /* sshd -t exited 0 */
	KA_SSHD_PARSED,      /* it parsed the file, then stopped for lack of
	                      * host keys or privilege separation: an image
	                      * being built; the config itself is fine */
	KA_SSHD_REJECTED,    /* a parse error: msg holds sshd's words */
	KA_SSHD_NOT_RUN      /* no sshd to run here: validation skipped */
};

struct ka_check {
	enum ka_verdict verdict;
	char msg[2048];       /* sshd's output, trimmed, or why not run */
};

/* sshd -t -f CONFIG, CONFIG as seen inside root; sshd runs chrooted into
 * root when root is given (the image's own sshd). */
int ka_sshd_check(const char *root, const char *config, struct ka_check *c,
    struct ka_err *e);

/* What sshd -t's run (res) means, for an sshd chrooted into root. */
void ka_sshd_verdict(const char *root, const struct ka_run *res,
    struct ka_check *c);

enum ka_include_support { KA_INC_UNKNOWN, KA_INC_YES, KA_INC_NO };

/* Does this sshd's parser understand Include?  sshd -t on a one-line
 * probe file that lives in a private tmpfs at /tmp, seen by that sshd
 * alone: nothing is written anywhere.  Under root the image's sshd runs
 * confined (sys/confine.h).  < 0 only when it could not be run at all
 * for another reason than a missing binary or namespace. */
int ka_sshd_probe_include(const char *root, enum ka_include_support *s,
    char *why, size_t whylen, struct ka_err *e);

#endif
