/* run.c - run a program by absolute path, never through a shell */
#include "sys/run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sys/paths.h"

struct prep {
	ka_run_prep_fn fn;
	void *ctx;
};

/* Tell the parent which step failed (0 prep, 1 chroot or exec), and go. */
static void
child_fail(int err_fd, int stage, int err)
{
	int msg[2];

	msg[0] = stage;
	msg[1] = err;
	(void)!write(err_fd, msg, sizeof(msg));
	_exit(KA_RUN_EXEC_FAILED);
}

static void
child(const char *root, char *const argv[], const struct prep *p,
    int out_fd, int err_fd)
{
	static char *const envp[] = { "PATH=" KA_SAFE_PATH, "LANG=C", NULL };
	int null = open("/dev/null", O_RDONLY);   /* before any chroot */
	int r;

	if (null >= 0 ? dup2(null, 0) < 0 : close(0) < 0 && errno != EBADF)
		_exit(KA_RUN_EXEC_FAILED);
	if (dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		_exit(KA_RUN_EXEC_FAILED);
	if (p->fn != NULL && (r = p->fn(p->ctx, 0)) < 0)
		child_fail(err_fd, 0, -r);
	if (root != NULL && (chroot(root) < 0 || chdir("/") < 0))
		child_fail(err_fd, 1, errno);
	if (p->fn != NULL && (r = p->fn(p->ctx, 1)) < 0)
		child_fail(err_fd, 0, -r);
	execve(argv[0], argv, envp);
	child_fail(err_fd, 1, errno);
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

/* The error the child reported on its close-on-exec pipe. */
static void
child_error(int fd, struct ka_run *res)
{
	int msg[2] = { 0, 0 };
	ssize_t n;

	do
		n = read(fd, msg, sizeof(msg));
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof(msg))
		return;
	if (msg[0] == 0)
		res->prep_errno = msg[1];
	else
		res->exec_errno = msg[1];
}

int
ka_run(const char *root, char *const argv[], struct ka_run *res,
    struct ka_err *e)
{
	return ka_run_prep(root, argv, NULL, NULL, res, e);
}

int
ka_run_prep(const char *root, char *const argv[], ka_run_prep_fn prep,
    void *ctx, struct ka_run *res, struct ka_err *e)
{
	struct prep p;
	int out[2], errp[2], r;
	pid_t pid;

	p.fn = prep;
	p.ctx = ctx;
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
		child(root, argv, &p, out[1], errp[1]);
	r = pid < 0 ? -errno : 0;
	close(out[1]);
	close(errp[1]);
	if (r == 0 && (r = collect(out[0], &res->out)) == -ETIMEDOUT)
		kill(pid, SIGKILL);
	close(out[0]);
	if (pid > 0) {
		res->status = wait_child(pid);
		child_error(errp[0], res);
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
