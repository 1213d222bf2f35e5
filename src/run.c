/* run.c - run a program by absolute path, never through a shell */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"

static void
child(const char *root, char *const argv[], int out_fd, int err_fd)
{
	static char *const envp[] = { "PATH=" KA_SAFE_PATH, "LANG=C", NULL };
	int null = open("/dev/null", O_RDONLY);   /* before any chroot */
	int saved;

	if (null >= 0 ? dup2(null, 0) < 0 : close(0) < 0 && errno != EBADF)
		_exit(KA_RUN_EXEC_FAILED);
	if (dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		_exit(KA_RUN_EXEC_FAILED);
	if (root != NULL && (chroot(root) < 0 || chdir("/") < 0)) {
		saved = errno;
		(void)!write(err_fd, &saved, sizeof(saved));
		_exit(KA_RUN_EXEC_FAILED);
	}
	execve(argv[0], argv, envp);
	saved = errno;
	(void)!write(err_fd, &saved, sizeof(saved));
	_exit(KA_RUN_EXEC_FAILED);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read until EOF or the deadline; keep at most KA_RUN_OUTPUT_MAX bytes. */
static int
collect(int fd, struct ka_buf *out)
{
	long deadline = now_ms() + KA_RUN_TIMEOUT_MS;
	char chunk[4096];

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		long left = deadline - now_ms();
		ssize_t n;
		int r;

		if (left <= 0)
			return -ETIMEDOUT;
		r = poll(&p, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -ETIMEDOUT;
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		if (out->len < KA_RUN_OUTPUT_MAX &&
		    ka_buf_add(out, chunk, (size_t)n) < 0)
			return -ENOMEM;
	}
}

static int
wait_child(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

/* The exec error the child reported on its close-on-exec pipe. */
static int
exec_error(int fd)
{
	int err = 0;
	ssize_t n;

	do
		n = read(fd, &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(err) ? err : 0;
}

int
ka_run(const char *root, char *const argv[], struct ka_run *res,
    struct ka_err *e)
{
	int out[2], errp[2], r;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	res->status = -1;
	if (pipe2(out, O_CLOEXEC) < 0)
		return ka_err_set(e, errno, argv[0], 0, "pipe: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) < 0) {
		r = errno;
		close(out[0]);
		close(out[1]);
		return ka_err_set(e, r, argv[0], 0, "pipe: %s", strerror(r));
	}
	if ((pid = fork()) == 0)
		child(root, argv, out[1], errp[1]);
	r = pid < 0 ? -errno : 0;
	close(out[1]);
	close(errp[1]);
	if (r == 0 && (r = collect(out[0], &res->out)) == -ETIMEDOUT)
		kill(pid, SIGKILL);
	close(out[0]);
	if (pid > 0) {
		res->status = wait_child(pid);
		res->exec_errno = exec_error(errp[0]);
	}
	close(errp[0]);
	if (res->out.data == NULL)
		ka_buf_add(&res->out, "", 0);
	if (r == -ETIMEDOUT)
		return ka_err_set(e, ETIMEDOUT, argv[0], 0,
		    "did not finish in %d s; killed", KA_RUN_TIMEOUT_MS / 1000);
	if (r < 0)
		return ka_err_set(e, -r, argv[0], 0, "%s", strerror(-r));
	return 0;
}

void
ka_run_free(struct ka_run *res)
{
	ka_buf_free(&res->out);
}
