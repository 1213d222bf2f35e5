/* hostile.c - a stand-in for an image's /usr/sbin/sshd that tries to
 * reach the host it is run from (tests/bats/image_hostile.bats).
 *
 * /etc/ka-hostile in the image says what to try (first line) and the
 * host path to write if it gets out (second line).  Every attempt is
 * printed as "hostile: STEP: ok" or "hostile: STEP: ERROR"; an attempt
 * that gets through to the host also prints "ESCAPED STEP".  Exit 1, so
 * that sshd -t counts as a rejection and nothing is written. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <linux/capability.h>

static char marker[4096];

static void
said(const char *step, int r)
{
	printf("hostile: %s: %s\n", step, r == 0 ? "ok" : strerror(errno));
	fflush(stdout);
}

/* Write the host marker through path; ESCAPED if it got there. */
static void
try_write(const char *step, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	said(step, fd < 0 ? -1 : 0);
	if (fd >= 0) {
		(void)!write(fd, "escaped\n", 8);
		close(fd);
		printf("ESCAPED %s (%s)\n", step, path);
	}
}

/* The classic way out of a chroot: chroot deeper, climb, chroot there. */
static void
climb(const char *step)
{
	char name[64];
	int i, r;

	snprintf(name, sizeof(name), "%s: chroot /dev/ka-x", step);
	said(name, r = chroot("/dev/ka-x"));
	if (r == 0) {
		for (i = 0; i < 64; i++)
			(void)!chdir("..");
		snprintf(name, sizeof(name), "%s: chroot at the top", step);
		said(name, chroot("."));
	}
	snprintf(name, sizeof(name), "%s: write the host marker", step);
	try_write(name, marker);
}

static void
double_chroot(void)
{
	said("mkdir /dev/ka-x", mkdir("/dev/ka-x", 0755));
	climb("as uid 0");
	if (fork() == 0) {
		/* a user namespace of its own gives it every capability there */
		int r = unshare(CLONE_NEWUSER | CLONE_NEWNS);

		said("unshare a user namespace", r);
		if (r == 0)
			climb("in a user namespace");
		exit(0);
	}
	sleep(1);
}

static void
mounts(void)
{
	char path[4200];

	(void)mkdir("/dev/p", 0755);
	said("mount proc", mount("proc", "/dev/p", "proc", 0, NULL));
	snprintf(path, sizeof(path), "/dev/p/1/root%s", marker);
	try_write("write through the new proc", path);
	said("mount tmpfs on /etc", mount("ka", "/etc", "tmpfs", 0, NULL));
	said("bind / onto /mnt", mount("/", "/mnt", NULL, MS_BIND, NULL));
	said("remount / read-write", mount(NULL, "/", NULL, MS_REMOUNT, NULL));
}

static void
devices(void)
{
	static const char line[] = "ka-hostile-kmsg-marker\n";
	int fd;

	said("mknod a block device", mknod("/dev/ka-sda", S_IFBLK | 0600,
	    makedev(7, 250)));
	/* a device node the image itself ships: /dev/kmsg's numbers */
	fd = open("/ka-kmsg", O_WRONLY);
	said("open the image's own device node", fd < 0 ? -1 : 0);
	if (fd >= 0 && write(fd, line, sizeof(line) - 1) > 0)
		printf("ESCAPED wrote to the kernel log\n");
}

static void
ptraces(void)
{
	pid_t pid, parent = getppid();
	char step[64];

	snprintf(step, sizeof(step), "getppid is %d", (int)parent);
	said(step, 0);
	if (parent > 1) {
		said("ptrace the parent", ptrace(PTRACE_ATTACH, parent, 0, 0) < 0 ?
		    -1 : 0);
		said("signal the parent", kill(parent, 0));
	}
	for (pid = 1; pid < 400; pid++)
		if (pid != getpid() && ptrace(PTRACE_ATTACH, pid, 0, 0) == 0)
			printf("ESCAPED ptrace of %d\n", (int)pid);
}

static void
proc(void)
{
	static const char line[] = "ka-hostile-kmsg-marker\n";
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "/proc/1/root%s", marker);
	try_write("write through /proc/1/root", path);
	snprintf(path, sizeof(path), "/proc/self/root/../../../..%s", marker);
	try_write("write through /proc/self/root", path);
	fd = open("/dev/kmsg", O_WRONLY);
	said("open the host's /dev/kmsg", fd < 0 ? -1 : 0);
	if (fd >= 0 && write(fd, line, sizeof(line) - 1) > 0)
		printf("ESCAPED wrote to the kernel log through /dev/kmsg\n");
}

/* Children that outlive it, holding its output, and an endless loop. */
static void
daemons(void)
{
	int i;

	for (i = 0; i < 64; i++)
		if (fork() == 0) {
			setsid();
			prctl(PR_SET_NAME, "ka-hostile", 0, 0, 0);
			for (;;)
				pause();
		}
	prctl(PR_SET_NAME, "ka-hostile", 0, 0, 0);
	said("64 children left behind", 0);
	for (;;)
		;
}

static void
capabilities(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int gained;

	memset(d, 0, sizeof(d));
	said("capget", syscall(SYS_capget, &h, d) < 0 ? -1 : 0);
	gained = d[0].effective || d[1].effective || d[0].permitted ||
	    d[1].permitted;
	printf("hostile: capabilities %08x%08x\n", d[1].effective,
	    d[0].effective);
	if (gained)
		printf("ESCAPED capabilities after exec\n");
	said("euid 0", geteuid() == 0 ? 0 : -1);
	mounts();
}

int
main(void)
{
	char action[64] = "";
	FILE *f = fopen("/etc/ka-hostile", "r");

	if (f == NULL || fgets(action, sizeof(action), f) == NULL ||
	    fgets(marker, sizeof(marker), f) == NULL)
		return 2;
	fclose(f);
	action[strcspn(action, "\n")] = '\0';
	marker[strcspn(marker, "\n")] = '\0';
	printf("hostile ran: %s\n", action);
	if (strcmp(action, "chroot") == 0)
		double_chroot();
	else if (strcmp(action, "mount") == 0)
		mounts();
	else if (strcmp(action, "mknod") == 0)
		devices();
	else if (strcmp(action, "ptrace") == 0)
		ptraces();
	else if (strcmp(action, "proc") == 0)
		proc();
	else if (strcmp(action, "daemons") == 0)
		daemons();
	else if (strcmp(action, "loop") == 0)
		for (;;)
			;
	else if (strcmp(action, "setuid") == 0)
		capabilities();
	fflush(stdout);
	return 1;
}
