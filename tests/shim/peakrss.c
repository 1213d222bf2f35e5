/* peakrss.c - the peak RSS of one process, not of its children
 *
 *   peakrss OUT CMD [ARG...]
 *
 * Runs CMD and writes its own peak resident set size in KiB (VmHWM, read
 * from /proc at the moment it exits, while its memory still exists) to
 * OUT; exits as CMD did (128 + N when killed by signal N).  The peak RSS
 * that wait4() reports (time -f %M) is the largest of the process and
 * every child it reaped: a program that runs sshd -t or keepalive-rpmq
 * would be charged for them.  Here only CMD counts, whatever it runs.
 *
 * How: CMD is traced (PTRACE_TRACEME) only to stop it at its exit
 * (PTRACE_O_TRACEEXIT); every signal it receives is passed on; its own
 * children are not traced.  Peak RSS depends on what the program
 * allocates, not on the machine's load.  Built by tests/bats/memory.bats
 * and bench/run. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* VmHWM of pid in KiB, or -1. */
static long
vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0) {
			kib = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return kib;
}

static pid_t
start(char **argv)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
		perror("peakrss: ptrace");
		_exit(126);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "peakrss: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Follow pid to its end; *kib: its VmHWM when it exits.  Its exit
 * status as a shell gives it. */
static int
follow(pid_t pid, long *kib)
{
	int st, first = 1;

	for (;;) {
		int sig = 0;

		if (waitpid(pid, &st, 0) < 0)
			return perror("peakrss: waitpid"), 125;
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		if (WIFSIGNALED(st))
			return 128 + WTERMSIG(st);
		if (first) {   /* the stop after exec */
			first = 0;
			if (ptrace(PTRACE_SETOPTIONS, pid, NULL,
			    (void *)(long)(PTRACE_O_TRACEEXIT |
			    PTRACE_O_EXITKILL)) < 0)
				return perror("peakrss: ptrace"), 125;
		} else if (st >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
			*kib = vm_hwm(pid);
		} else if (WIFSTOPPED(st)) {
			sig = WSTOPSIG(st);   /* not ours: deliver it */
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
}

int
main(int argc, char **argv)
{
	long kib = -1;
	FILE *out;
	pid_t pid;
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: peakrss OUT CMD [ARG...]\n");
		return 125;
	}
	if ((pid = start(argv + 2)) < 0)
		return perror("peakrss: fork"), 125;
	rc = follow(pid, &kib);
	if ((out = fopen(argv[1], "w")) == NULL ||
	    fprintf(out, "%ld\n", kib) < 0 || fclose(out) != 0) {
		perror(argv[1]);
		return 125;
	}
	return rc;
}
