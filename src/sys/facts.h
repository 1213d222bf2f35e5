/* facts.h - what is known of the installed sshd, learned once a run
 *
 * The release (the probe period, what ClientAliveCountMax 0 does) and
 * whether sshd_config may hold an Include: learned on first use and the
 * same for every part of the run, so that the text, the JSON and a
 * change give one answer.
 *
 * The running system's own sshd is asked: sshd -V, and sshd -t on a
 * probe file in a private tmpfs (nothing is written anywhere).  An
 * image's programs are never run for a report: its release comes from
 * the version string in its sshd's bytes and from its rpm database (read
 * from a private copy).  A change may run the image's sshd, confined
 * (sys/confine.h), when those do not tell whether it takes Include. */
#ifndef KA_FACTS_H
#define KA_FACTS_H

#include "engine/period.h"
#include "sys/sshdver.h"

struct ka_facts {
	struct ka_release rel;
	int include;             /* sshd understands Include: 1, 0, -1 unknown */
	char include_why[512];   /* how that was learned, or why not */
	enum ka_count0 c0;       /* what ClientAliveCountMax 0 does */
};

/* From now on this run may run an image's sshd, confined, for what its
 * files do not tell (a change); a report never calls this. */
void ka_facts_allow_image_run(void);

/* The facts for root (NULL: this system). */
const struct ka_facts *ka_facts_get(const char *root);

#endif
