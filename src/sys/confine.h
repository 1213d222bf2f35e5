/* confine.h - run a program from an image without the host's privileges
 *
 * An image given with --root is untrusted input: its programs (sshd -t,
 * the Include probe) and our own reader of its rpm database run in a
 * child that, before it executes anything:
 *  1. has its own mount, PID, network, IPC and UTS namespaces, with
 *     private propagation (nothing it mounts is seen anywhere else);
 *  2. sees the image's own file system alone: the root is bound onto
 *     itself without what is mounted below it (the host's /proc, /sys or
 *     /dev an image build bound in are not there), read-only, nodev,
 *     nosuid, and becomes the root of that mount namespace (pivot_root:
 *     the host's tree is not in it at all);
 *  3. gets a private /dev holding null, zero, random and urandom alone,
 *     and no /proc;
 *  4. keeps no file descriptor but its standard ones, no capability in
 *     any set (bounding, effective, permitted, inheritable, ambient),
 *     no way to gain one (securebits, PR_SET_NO_NEW_PRIVS: a setuid
 *     binary in the image runs without privilege), no core dump;
 *  5. dies, with everything it started, when it ends, when the time
 *     limit kills it, or when we do: it is the first process of its
 *     PID namespace, which the kernel empties when it goes.
 * Reading root-owned files (a 0600 host key, a 0600 sshd_config) as uid
 * 0 needs no capability: sshd -t needs none.  Where a namespace cannot
 * be made (a container without CAP_SYS_ADMIN) the program still runs
 * chrooted, with every capability dropped. */
#ifndef KA_CONFINE_H
#define KA_CONFINE_H

/* What a child is to be given (flags). */
#define KA_JAIL_CONFINE 1   /* untrusted: all of the above */
#define KA_JAIL_SCRATCH 2   /* a private, empty tmpfs at /tmp */
#define KA_JAIL_NOBODY 4    /* and run as uid and gid 65534 */

/* The overflow uid and gid: what KA_JAIL_NOBODY runs as. */
#define KA_JAIL_UID 65534

/* The steps ka_jail_enter() fails at when no private mount namespace
 * can be made (KA_JAIL_SCRATCH needs one): no namespace at all, or a
 * chroot whose / is no mount point. */
#define KA_JAIL_STEP_UNSHARE 1
#define KA_JAIL_STEP_PRIVATE 2

/* What was made (ka_jail.made). */
#define KA_JAIL_MOUNTNS 1
#define KA_JAIL_PIDNS 2

struct ka_jail {
	const char *root;   /* the image, or NULL: the system's own / */
	int flags;
	int made;
	int step;           /* the step that failed (ka_jail_step_name) */
};

/* In the child, in this order; each returns 0 or -errno with j->step
 * set.  Namespaces that cannot be made are no failure (j->made says
 * what was); a step that would leave the child with more than it should
 * have is. */
int ka_jail_enter(struct ka_jail *j);   /* 1, and the view of 2 */
int ka_jail_root(struct ka_jail *j);    /* 2's pivot or chroot, 3 */
/* In a new PID namespace: fork.  0 in the namespace's first process,
 * which goes on (and dies when this one does); in this process its pid,
 * for ka_jail_relay(); < 0 with j->step on failure.  Without a PID
 * namespace: 0, and nothing is done. */
int ka_jail_fork(struct ka_jail *j);
/* Wait for the namespace's first process and exit as it did: when it
 * has ended, so has everything it started (the kernel empties the
 * namespace before the wait returns). */
void ka_jail_relay(int pid) __attribute__((noreturn));
/* 4; keep_a and keep_b (or -1) stay open besides 0, 1 and 2. */
int ka_jail_drop(struct ka_jail *j, int keep_a, int keep_b);

const char *ka_jail_step_name(int step);

#endif
