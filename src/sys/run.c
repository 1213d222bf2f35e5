/* run.c - run a program by absolute path, never through a shell */
#include "sys/run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sys/paths.h"

/* What the child tells the parent on its close-on-exec pipe. */
enum { MSG_PREP, MSG_EXEC, MSG_JAIL, MSG_MADE, MSG_INNER };

static void
child_say(int err_fd, int kind, int err, int extra)
{
	int msg[3];

	msg[0] = kind;
	msg[1] = err;
	msg[2] = extra;
	(void)!write(err_fd, msg, sizeof(msg));
}

/* Tell the parent which step failed, and go. */
static void
child_fail(int err_fd, int kind, int err, int extra)
{
	child_say(err_fd, kind, err, extra);
	_exit(KA_RUN_EXEC_FAILED);
}

static void
child_stdio(int out_fd)
{
	int null = open("/dev/null", O_RDONLY);   /* before any chroot */

	if (null >= 0 ? dup2(null, 0) < 0 : close(0) < 0 && errno != EBADF)
		_exit(KA_RUN_EXEC_FAILED);
	if (dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		_exit(KA_RUN_EXEC_FAILED);
}

/* A confined child dies with us, and takes its own process group, which
 * the parent kills at the end with whatever it left behind. */
static void
child_tie(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(KA_RUN_EXEC_FAILED);
	(void)setpgid(0, 0);
}

static void
child(const struct ka_run_how *how, char *const argv[], pid_t parent,
    int out_fd, int err_fd)
{
	static char *const envp[] = { "PATH=" KA_SAFE_PATH, "LANG=C", NULL };
	struct ka_jail j;
	int r, exe = -1;

	child_stdio(out_fd);
	memset(&j, 0, sizeof(j));
	j.root = how->root;
	j.flags = how->jail | (how->root != NULL ? KA_JAIL_CONFINE : 0);
	if (j.flags & KA_JAIL_CONFINE)
		child_tie(parent);
	if ((r = ka_jail_enter(&j)) < 0)
		child_fail(err_fd, MSG_JAIL, -r, j.step);
	if (how->prep != NULL && (r = how->prep(how->ctx, 0)) < 0)
		child_fail(err_fd, MSG_PREP, -r, 0);
	if ((r = ka_jail_root(&j)) < 0)
		child_fail(err_fd, j.step == 0 ? MSG_EXEC : MSG_JAIL, -r, j.step);
	if (how->prep != NULL && (r = how->prep(how->ctx, 1)) < 0)
		child_fail(err_fd, MSG_PREP, -r, 0);
	/* uid 65534 may not reach the program's directory: open it first */
	if ((j.flags & KA_JAIL_NOBODY) &&
	    (exe = open(argv[0], O_RDONLY | O_CLOEXEC)) < 0)
		child_fail(err_fd, MSG_EXEC, errno, 0);
	if ((r = ka_jail_fork(&j)) > 0) {
		/* the namespace's first process runs the program; this one
		 * waits for it, and the parent kills that one at the limit */
		child_say(err_fd, MSG_INNER, 0, r);
		close(err_fd);
		ka_jail_relay(r);
	}
	if (r < 0 || (r = ka_jail_drop(&j, err_fd, exe)) < 0)
		child_fail(err_fd, MSG_JAIL, -r, j.step);
	child_say(err_fd, MSG_MADE, 0, j.made);
	if (exe >= 0)
		fexecve(exe, argv, envp);
	else
		execve(argv[0], argv, envp);
	child_fail(err_fd, MSG_EXEC, errno, 0);
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
collect(int fd, long deadline, struct ka_buf *out)
{
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

/* Wait until pid has ended (not reaping it) or the deadline: 1 when it
 * ended in time. */
static int
ended_by(pid_t pid, long deadline)
{
	for (;;) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
			return errno != EINTR;
		if (si.si_pid == pid)
			return 1;
		if (now_ms() >= deadline)
			return 0;
		poll(NULL, 0, 10);
	}
}

/* What the child said on its close-on-exec pipe before it executed the
 * program or gave up; block: wait for the end of it. */
static void
child_messages(int fd, struct ka_run *res, int block)
{
	int msg[3];

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (!block && poll(&p, 1, 0) != 1)
			return;
		n = read(fd, msg, sizeof(msg));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(msg))
			return;
		if (msg[0] == MSG_PREP)
			res->prep_errno = msg[1];
		else if (msg[0] == MSG_EXEC)
			res->exec_errno = msg[1];
		else if (msg[0] == MSG_JAIL) {
			res->jail_errno = msg[1];
			res->jail_step = msg[2];
		} else if (msg[0] == MSG_MADE)
			res->jail_made = msg[2];
		else
			res->inner = msg[2];
	}
}

/* The exit status.  A child that has not ended by the deadline is
 * killed: in a PID namespace its first process (its waiter then exits
 * once the namespace is empty), else the child and its process group. */
static int
wait_child(pid_t pid, long deadline, int confined, int errfd,
    struct ka_run *res)
{
	int st;

	if (!ended_by(pid, deadline)) {
		child_messages(errfd, res, 0);
		kill(res->inner > 0 ? (pid_t)res->inner : pid, SIGKILL);
		res->killed = 1;
	}
	if (confined && res->inner <= 0)
		kill(-pid, SIGKILL);   /* the group is ours while pid is unreaped */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

static int
open_pipes(int out[2], int errp[2], const char *prog, struct ka_err *e)
{
	if (pipe2(out, O_CLOEXEC) < 0)
		return ka_err_set(e, errno, prog, 0, "pipe: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) < 0) {
		int r = errno;

		close(out[0]);
		close(out[1]);
		return ka_err_set(e, r, prog, 0, "pipe: %s", strerror(r));
	}
	return 0;
}

int
ka_run_with(const struct ka_run_how *how, char *const argv[],
    struct ka_run *res, struct ka_err *e)
{
	int confined = how->root != NULL || (how->jail & KA_JAIL_CONFINE);
	long limit = confined ? KA_RUN_CONFINED_TIMEOUT_MS : KA_RUN_TIMEOUT_MS;
	long deadline = now_ms() + limit;
	int out[2] = { -1, -1 }, errp[2] = { -1, -1 }, r;
	pid_t pid, self = getpid();

	memset(res, 0, sizeof(*res));
	res->status = -1;
	if ((r = open_pipes(out, errp, argv[0], e)) < 0)
		return r;
	if ((pid = fork()) == 0)
		child(how, argv, self, out[1], errp[1]);
	r = pid < 0 ? -errno : 0;
	close(out[1]);
	close(errp[1]);
	if (r == 0)
		r = collect(out[0], deadline, &res->out);
	close(out[0]);
	if (pid > 0) {
		res->status = wait_child(pid, r == -ETIMEDOUT ? 0 : deadline,
		    confined, errp[0], res);
		child_messages(errp[0], res, 1);
	}
	close(errp[0]);
	if (res->out.data == NULL)
		ka_buf_add(&res->out, "", 0);
	if (r == -ETIMEDOUT || res->killed)
		return ka_err_set(e, ETIMEDOUT, NULL, 0, "%s%s did not finish in "
		    "%ld s: killed, with all it started", how->root != NULL ?
		    "the image's " : "", argv[0], limit / 1000);
	if (r < 0)
		return ka_err_set(e, -r, argv[0], 0, "%s", strerror(-r));
	return 0;
}

int
ka_run_prep(const char *root, char *const argv[], ka_run_prep_fn prep,
    void *ctx, struct ka_run *res, struct ka_err *e)
{
	struct ka_run_how how;

	memset(&how, 0, sizeof(how));
	how.root = root;
	how.prep = prep;
	how.ctx = ctx;
	return ka_run_with(&how, argv, res, e);
}

int
ka_run(const char *root, char *const argv[], struct ka_run *res,
    struct ka_err *e)
{
	return ka_run_prep(root, argv, NULL, NULL, res, e);
}

void
ka_run_free(struct ka_run *res)
{
	ka_buf_free(&res->out);
}
