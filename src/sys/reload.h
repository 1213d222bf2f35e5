/* reload.h - reload a running sshd, and only a running one */
#ifndef KA_RELOAD_H
#define KA_RELOAD_H

#include <stddef.h>

#include "engine/err.h"

enum ka_init { KA_INIT_NONE, KA_INIT_SYSTEMD, KA_INIT_SYSV };

struct ka_sshd_state {
	enum ka_init init;
	int chroot;          /* we run in a chroot or image build */
	int running;         /* sshd's service is active */
	int socket;          /* not running, but sshd.socket is active: each
	                      * connection starts sshd@.service, which reads
	                      * the files itself: nothing to reload */
	char how[256];       /* how that was found out, for --status */
};

/* 1 in a chroot, an image build or with SYSTEMD_OFFLINE=1: the device
 * and inode of / differ from /proc/1/root's, or that is unreadable. */
int ka_in_chroot(void);

/* Which init runs the system and whether sshd's service is active.  In
 * a chroot nothing is asked: there is no running init to ask. */
int ka_sshd_state(struct ka_sshd_state *st, struct ka_err *e);

/* systemctl reload sshd.service or service sshd reload: never a stop
 * and start, never a start of a stopped sshd.  Call only when running. */
int ka_sshd_reload(const struct ka_sshd_state *st, struct ka_err *e);

#endif
