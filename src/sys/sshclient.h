/* sshclient.h - the installed ssh client: its release, and its own
 * parser's view of a configuration (ssh -G)
 *
 * ssh -G evaluates `Match exec` lines, which run commands: ssh always
 * runs confined here (sys/confine.h), the image's ssh inside the image
 * under --root, and a report on the system itself does not run it at all
 * where a Match exec line is in the files (ka_ssh_config_has_exec). */
#ifndef KA_SSHCLIENT_H
#define KA_SSHCLIENT_H

#include <stddef.h>

#include "engine/client_paths.h"
#include "engine/err.h"
#include "sys/setcheck.h"
#include "sys/sshdver.h"

/* The client's release: the system's own ssh -V; an image's ssh's bytes
 * (never run for it); else unknown, r->how saying why. */
int ka_client_release_detect(const char *root, struct ka_release *r,
    struct ka_err *e);

enum ka_sshg_verdict {
	KA_SSHG_ACCEPTED,    /* ssh -G exited 0: values below */
	KA_SSHG_REJECTED,    /* ssh refused the configuration: msg */
	KA_SSHG_NOT_RUN      /* no ssh, or it could not be confined: msg */
};

struct ka_sshg {
	enum ka_sshg_verdict verdict;
	struct ka_client_values v;   /* what ssh -G printed (-1: absent) */
	char msg[2048];
};

/* ssh -G -F config host, with the candidate set sw (n files, may be 0)
 * in place in a private mount namespace.  *ns_err as for
 * ka_sshd_check_set (g not set then).  0, or < 0 with e set. */
int ka_ssh_g(const char *root, const char *config, const char *host,
    const struct ka_swap *sw, size_t n, struct ka_sshg *g, int *ns_err,
    struct ka_err *e);

/* 1 when ssh_config or a file in the client drop-in directory under
 * root has a Match line with an exec criterion. */
int ka_ssh_config_has_exec(const char *root);

#endif
