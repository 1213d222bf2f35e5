/* verdict.h - the first lines of --status, and what a change ends with:
 * is keepalive on, what does it survive, and has sshd loaded it
 *
 * Pure: it reads only the facts handed to it, the ones the details of
 * --status and --json print (flow/alive.h, flow/inuse.h, sys/stale.h),
 * so the verdict and the details cannot disagree. */
#ifndef KA_VERDICT_H
#define KA_VERDICT_H

#include "engine/buf.h"
#include "flow/alive.h"

enum ka_verdict_state {
	KA_VERDICT_BROKEN,       /* sshd refuses a value in use */
	KA_VERDICT_NOT_APPLIED,  /* no drop-in, or sshd does not read it */
	KA_VERDICT_OFF,          /* ClientAliveInterval 0: no probes */
	KA_VERDICT_IDLE_CUT,     /* CountMax 0 where it closes idle sessions */
	KA_VERDICT_COUNT0_UNSURE,/* CountMax 0 on an unknown release */
	KA_VERDICT_ON            /* probes that keep sessions alive */
};

/* What sshd does with the files, as far as this run could tell. */
enum ka_verdict_sshd {
	KA_VSSHD_IMAGE,          /* --root: an image, no sshd asked */
	KA_VSSHD_UNKNOWN,        /* its state could not be learned */
	KA_VSSHD_CHROOT,         /* in a chroot: nothing runs to ask */
	KA_VSSHD_STOPPED,        /* not running: it reads the files on start */
	KA_VSSHD_SOCKET,         /* sshd.socket: every connection reads them */
	KA_VSSHD_CURRENT,        /* running, loaded the files as they are */
	KA_VSSHD_STALE,          /* running with older files: reload */
	KA_VSSHD_STALE_UNKNOWN   /* running; whether it is older: unknown */
};

struct ka_verdict_facts {
	const struct ka_alive *alive;  /* what the values in use do */
	int dropin_missing;            /* no drop-in file */
	int inline_mode;               /* ssh-keepalive's block holds the
	                                * values: a missing drop-in matters
	                                * only to the next apply */
	int not_read;                  /* sshd_config does not read it */
	enum ka_verdict_sshd sshd;
	const char *override;          /* "ClientAliveInterval 120 from
	                                * FILE:LINE\n  wins over
	                                * ssh-keepalive's 600", or NULL */
};

enum ka_verdict_state ka_verdict_state(const struct ka_verdict_facts *f);

/* The headline: "keepalive on: probes every 315 s; sshd up to date". */
void ka_verdict_head(const struct ka_verdict_facts *f, struct ka_buf *b);

/* The lines under it, each "  ...\n": what it survives, when a silent
 * client goes, what overrides ssh-keepalive, what to run. */
void ka_verdict_body(const struct ka_verdict_facts *f, struct ka_buf *b);

/* What a change ends with, two lines: the values in use and what they
 * do ("keepalive on: probes every 315 s\nsurvives ... 315 s\n"). */
void ka_verdict_change(const struct ka_alive *a, struct ka_buf *b);

/* "survives firewalls and NATs whose idle timeout exceeds 315 s", or
 * NULL when the values keep nothing alive. */
const char *ka_verdict_survives(const struct ka_alive *a, char *buf,
    size_t size);

#endif
