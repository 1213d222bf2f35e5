/* confine.c - run a program from an image without the host's privileges */
#include "sys/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>

/* What older C libraries and kernel headers may not name (the values
 * are the kernel's own, the same on every architecture). */
#ifndef MS_REC
#define MS_REC 16384
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 2
#endif
#ifndef CLONE_NEWPID
#define CLONE_NEWPID 0x20000000
#endif
#ifndef CLONE_NEWNET
#define CLONE_NEWNET 0x40000000
#endif
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#endif
#ifndef PR_GET_NO_NEW_PRIVS
#define PR_GET_NO_NEW_PRIVS 39
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#ifndef PR_SET_SECUREBITS
#define PR_SET_SECUREBITS 28
#endif
/* linux/securebits.h: NOROOT and NO_SETUID_FIXUP with their locks, and
 * KEEP_CAPS locked off: uid 0 gains nothing from exec, for good. */
#define KA_SECUREBITS 0x2f

#define KA_JAIL_CPU_SECONDS 20
#define KA_CAP_MAX 63

enum {
	J_UNSHARE = 1, J_PRIVATE, J_BIND, J_REMOUNT, J_PIVOT, J_CHROOT, J_DEV,
	J_SCRATCH, J_FORK, J_LIMITS, J_BOUNDING, J_SECUREBITS, J_UID,
	J_NNP, J_CAPS, J_VERIFY
};

const char *
ka_jail_step_name(int step)
{
	static const char *const names[] = { "?", "unshare", "make / private",
	    "bind the image", "make the image read-only", "pivot_root", "chroot",
	    "a private /dev", "a private /tmp", "fork", "limits", "drop the bounding set", "securebits", "uid 65534",
	    "no_new_privs", "drop capabilities", "check capabilities" };

	return step > 0 && step <= J_VERIFY ? names[step] : names[0];
}

static int
fail(struct ka_jail *j, int step)
{
	int err = errno ? errno : EPERM;

	j->step = step;
	return -err;
}

/* The namespaces: all of them, else mount and PID, else mount alone. */
static int
unshare_some(struct ka_jail *j)
{
	static const int sets[] = {
		CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC |
		    CLONE_NEWUTS,
		CLONE_NEWNS | CLONE_NEWPID,
		CLONE_NEWNS,
	};
	size_t i = (j->flags & KA_JAIL_CONFINE) ? 0 : 2;

	for (; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (unshare(sets[i]) == 0) {
			j->made = KA_JAIL_MOUNTNS |
			    ((sets[i] & CLONE_NEWPID) ? KA_JAIL_PIDNS : 0);
			return 0;
		}
	return -1;
}

/* The image alone, without what is mounted below it, read-only, nodev,
 * nosuid (and noexec where it was mounted so). */
static int
bind_root(struct ka_jail *j)
{
	unsigned long fl = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NODEV |
	    MS_NOSUID;
	struct statvfs sv;

	if (statvfs(j->root, &sv) == 0 && (sv.f_flag & ST_NOEXEC))
		fl |= MS_NOEXEC;
	if (mount(j->root, j->root, "none", MS_BIND, NULL) < 0)
		return fail(j, J_BIND);
	if (mount("none", j->root, "none", fl, NULL) < 0)
		return fail(j, J_REMOUNT);
	return 0;
}

int
ka_jail_enter(struct ka_jail *j)
{
	j->made = 0;
	j->step = 0;
	if (!(j->flags & (KA_JAIL_CONFINE | KA_JAIL_SCRATCH)))
		return 0;
	if (unshare_some(j) < 0) {
		/* a container without CAP_SYS_ADMIN: capabilities still go,
		 * but a scratch directory needs a mount of its own */
		if (j->flags & KA_JAIL_SCRATCH)
			return fail(j, J_UNSHARE);
		return 0;
	}
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) < 0) {
		/* a chroot whose / is no mount point (rpm's scriptlets): no
		 * mount can be made here that would not show elsewhere */
		j->made &= ~KA_JAIL_MOUNTNS;
		if (errno != EINVAL || (j->flags & KA_JAIL_SCRATCH))
			return fail(j, J_PRIVATE);
		return 0;
	}
	if (j->root != NULL && (j->flags & KA_JAIL_CONFINE))
		return bind_root(j);
	return 0;
}

/* The image becomes the root of the mount namespace: the old root is
 * detached, and with it every path to the host's tree. */
static int
pivot(struct ka_jail *j)
{
	if (chdir(j->root) < 0)
		return fail(j, J_PIVOT);
	if (syscall(SYS_pivot_root, ".", ".") < 0) {
		/* a kernel or a chroot where that cannot be done */
		if (chroot(".") < 0)
			return fail(j, J_CHROOT);
		return chdir("/") < 0 ? fail(j, J_CHROOT) : 0;
	}
	if (umount2(".", MNT_DETACH) < 0)
		return fail(j, J_PIVOT);
	return chdir("/") < 0 ? fail(j, J_PIVOT) : 0;
}

/* A tmpfs at /dev with the four devices a program may need. */
static int
private_dev(struct ka_jail *j)
{
	static const struct { const char *name; int minor; } dev[] = {
		{ "/dev/null", 3 }, { "/dev/zero", 5 }, { "/dev/random", 8 },
		{ "/dev/urandom", 9 },
	};
	struct stat st;
	size_t i;

	/* no /dev at all: the program finds no /dev/null and says so */
	if (lstat("/dev", &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (mount("ka-dev", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
	    "mode=0755,size=16k") < 0)
		return fail(j, J_DEV);
	for (i = 0; i < sizeof(dev) / sizeof(dev[0]); i++)
		if (mknod(dev[i].name, S_IFCHR | 0666, makedev(1, dev[i].minor))
		    < 0 || chmod(dev[i].name, 0666) < 0)
			return fail(j, J_DEV);
	return 0;
}

static int
scratch(struct ka_jail *j)
{
	struct stat st;

	if (lstat("/tmp", &st) < 0)
		return fail(j, J_SCRATCH);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return fail(j, J_SCRATCH);
	}
	if (mount("ka-scratch", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV |
	    MS_NOEXEC, "mode=0755,size=512m") < 0)
		return fail(j, J_SCRATCH);
	return 0;
}

int
ka_jail_root(struct ka_jail *j)
{
	int r;

	if (j->root != NULL) {
		if ((j->made & KA_JAIL_MOUNTNS) && (j->flags & KA_JAIL_CONFINE))
			r = pivot(j);
		else if (chroot(j->root) < 0 || chdir("/") < 0)
			r = fail(j, J_CHROOT);
		else
			r = 0;
		if (r < 0)
			return r;
	}
	if ((j->made & KA_JAIL_MOUNTNS) && (j->flags & KA_JAIL_CONFINE) &&
	    (r = private_dev(j)) < 0)
		return r;
	if (j->flags & KA_JAIL_SCRATCH)
		return scratch(j);
	return 0;
}

/* In the namespace's first process: die with the process that waits
 * for us; and if it is already gone, go. */
static void
tie_to_parent(int alive_fd)
{
	struct pollfd p = { alive_fd, POLLIN, 0 };

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
	    (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLIN))))
		_exit(127);
	close(alive_fd);
}

void
ka_jail_relay(int pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			_exit(127);
	if (WIFEXITED(st))
		_exit(WEXITSTATUS(st));
	_exit(WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 127);
}

int
ka_jail_fork(struct ka_jail *j)
{
	int alive[2];
	pid_t pid;

	if (!(j->made & KA_JAIL_PIDNS))
		return 0;
	if (pipe(alive) < 0)
		return fail(j, J_FORK);
	if ((pid = fork()) < 0) {
		close(alive[0]);
		close(alive[1]);
		return fail(j, J_FORK);
	}
	if (pid == 0) {
		close(alive[1]);
		tie_to_parent(alive[0]);
		return 0;
	}
	close(alive[0]);   /* the write end stays open until this one exits */
	return (int)pid;
}

/* The highest descriptor a loop needs to close: the open-files limit,
 * at most 65535 (nothing here opens more). */
static long
highest_fd(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (long)rl.rlim_cur - 1 < 65535)
		return (long)rl.rlim_cur - 1;
	return 65535;
}

/* Close the descriptors from..to (inclusive; to < 0: all from on). */
static void
close_span(long from, long to)
{
	long fd, max = highest_fd();

#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)from,
	    to < 0 ? ~0U : (unsigned)to, 0U) == 0)
		return;
#endif
	if (to < 0 || to > max)
		to = max;
	for (fd = from; fd <= to; fd++)
		close((int)fd);
}

/* Close every descriptor from 3 on but a and b. */
static void
close_others(int a, int b)
{
	long lo = a < b ? a : b, hi = a < b ? b : a, from = 3;

	if (lo >= from) {
		if (lo > from)
			close_span(from, lo - 1);
		from = lo + 1;
	}
	if (hi >= from) {
		if (hi > from)
			close_span(from, hi - 1);
		from = hi + 1;
	}
	close_span(from, -1);
}

static int
limits(struct ka_jail *j)
{
	struct rlimit none = { 0, 0 };
	struct rlimit cpu = { KA_JAIL_CPU_SECONDS, KA_JAIL_CPU_SECONDS };

	if (setrlimit(RLIMIT_CORE, &none) < 0 || setrlimit(RLIMIT_CPU, &cpu) < 0)
		return fail(j, J_LIMITS);
	return 0;
}

/* The bounding set: nothing a later exec could give back.  Without
 * CAP_SETPCAP (some containers) it cannot shrink; no_new_privs then
 * does the same, and the check below requires one of the two. */
static int
drop_bounding(struct ka_jail *j, int *all)
{
	int c;

	*all = 1;
	for (c = 0; c <= KA_CAP_MAX; c++) {
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) == 0 || errno == EINVAL)
			continue;
		if (errno != EPERM)
			return fail(j, J_BOUNDING);
		*all = 0;
	}
	if (*all && prctl(PR_SET_SECUREBITS, KA_SECUREBITS, 0, 0, 0) < 0 &&
	    errno != EPERM)
		return fail(j, J_SECUREBITS);
	return 0;
}

static int
become_nobody(struct ka_jail *j)
{
	gid_t g = KA_JAIL_UID;

	if (setgroups(1, &g) < 0 || setresgid(g, g, g) < 0 ||
	    setresuid(KA_JAIL_UID, KA_JAIL_UID, KA_JAIL_UID) < 0)
		return fail(j, J_UID);
	return 0;
}

/* Every set empty: effective, permitted, inheritable, ambient. */
static int
drop_caps(struct ka_jail *j)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[2];
	int i;

	memset(&h, 0, sizeof(h));
	memset(d, 0, sizeof(d));
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capset, &h, d) < 0)
		return fail(j, J_CAPS);
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 &&
	    errno != EINVAL)
		return fail(j, J_CAPS);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &h, d) < 0)
		return fail(j, J_VERIFY);
	for (i = 0; i < 2; i++)
		if (d[i].effective || d[i].permitted || d[i].inheritable) {
			errno = EPERM;
			return fail(j, J_VERIFY);
		}
	return 0;
}

int
ka_jail_drop(struct ka_jail *j, int keep_a, int keep_b)
{
	int r, bounded, nnp;

	if (!(j->flags & KA_JAIL_CONFINE))
		return 0;
	close_others(keep_a, keep_b);
	if ((r = limits(j)) < 0 ||
	    (r = drop_bounding(j, &bounded)) < 0)
		return r;
	if ((j->flags & KA_JAIL_NOBODY) && (r = become_nobody(j)) < 0)
		return r;
	nnp = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
	if (!nnp && errno != EINVAL)
		return fail(j, J_NNP);
	if ((r = drop_caps(j)) < 0)
		return r;
	/* a kernel before 3.5 has no no_new_privs: the bounding set must
	 * then be empty, or uid 0 would get it back at exec */
	if (!nnp && !bounded) {
		errno = EPERM;
		return fail(j, J_NNP);
	}
	return 0;
}
