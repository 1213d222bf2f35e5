/* shadow.h - does sshd use the values we set, or does something win?
 *
 * What sshd uses, and why, is decided by flow/inuse.h, as for --status
 * and its figures: a Match block for every connection, else a -o in
 * OPTIONS, else the first global line.  A Match on other criteria only
 * concerns some connections: --status shows those, they do not shadow. */
#ifndef KA_SHADOW_H
#define KA_SHADOW_H

#include <stddef.h>

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/value.h"

struct ka_shadow {
	const char *name;       /* ClientAliveInterval ... */
	int differs;            /* sshd uses another value than ours */
	char ours[32];          /* our value, as sshd -T shows it */
	char value[128];        /* the value that wins, as written */
	char where[640];        /* where it is set */
	char why[320];          /* why it wins */
};

struct ka_shadows {
	struct ka_shadow s[KA_KW_N];
	size_t n;
	int differ;             /* how many differ */
};

/* The settings that win over ours: main_new is the new sshd_config,
 * dropin_new the new drop-in (both maybe not written yet), ours what the
 * drop-in sets. */
int ka_shadow_find(const char *root, const struct ka_cfg *main_new,
    const struct ka_cfg *dropin_new, const struct ka_values *ours,
    struct ka_shadows *out, struct ka_err *e);

#endif
