/* reload.c - reload a running sshd, and only a running one */
#include "sys/reload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/paths.h"
#include "sys/run.h"

int
ka_in_chroot(void)
{
	const char *offline = getenv("SYSTEMD_OFFLINE");
	struct stat root, init_root;

	if (offline != NULL && strcmp(offline, "1") == 0)
		return 1;
	if (stat("/", &root) < 0 || stat("/proc/1/root", &init_root) < 0)
		return 1;
	return root.st_dev != init_root.st_dev || root.st_ino != init_root.st_ino;
}

static const char *
first_executable(const char *a, const char *b)
{
	if (access(a, X_OK) == 0)
		return a;
	return access(b, X_OK) == 0 ? b : NULL;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Run a service-manager command; its exit status, or < 0. */
static int
run_status(const char *prog, const char *a, const char *b, const char *c,
    struct ka_run *res, struct ka_err *e)
{
	char *argv[5] = { (char *)prog, (char *)a, (char *)b, (char *)c, NULL };
	int r = ka_run(NULL, argv, res, e);

	if (r < 0)
		return r;
	if (res->exec_errno != 0)
		return ka_err_set(e, res->exec_errno, prog, 0, "%s",
		    strerror(res->exec_errno));
	return res->status;
}

/* sshd.service inactive: a socket-activated sshd (sshd.socket, one
 * sshd@.service per connection) reads the files on every connection. */
static int
query_socket(struct ka_sshd_state *st, const char *prog, struct ka_err *e)
{
	struct ka_run res;
	int r = run_status(prog, "is-active", "--quiet", "sshd.socket", &res, e);

	ka_run_free(&res);
	if (r < 0)
		return r;
	if (r == 0) {
		st->socket = 1;
		snprintf(st->how, sizeof(st->how), "%s is-active sshd.socket: "
		    "active: sshd is socket-activated; each connection starts its "
		    "own sshd (sshd@.service), which reads the files itself: no "
		    "reload needed", prog);
	}
	return 0;
}

static int
query_running(struct ka_sshd_state *st, const char *prog, struct ka_err *e)
{
	struct ka_run res;
	int r;

	if (st->init == KA_INIT_SYSTEMD)
		r = run_status(prog, "is-active", "--quiet", "sshd.service",
		    &res, e);
	else
		r = run_status(prog, "sshd", "status", NULL, &res, e);
	ka_run_free(&res);
	if (r < 0)
		return r;
	st->running = r == 0;
	snprintf(st->how, sizeof(st->how), "%s %s: %s", prog,
	    st->init == KA_INIT_SYSTEMD ? "is-active sshd.service" :
	    "sshd status", st->running ? "running" : "not running");
	if (!st->running && st->init == KA_INIT_SYSTEMD)
		return query_socket(st, prog, e);
	return 0;
}

int
ka_sshd_state(struct ka_sshd_state *st, struct ka_err *e)
{
	const char *prog;

	memset(st, 0, sizeof(*st));
	if ((st->chroot = ka_in_chroot())) {
		snprintf(st->how, sizeof(st->how),
		    "in a chroot or image build: no running sshd to reload");
		return 0;
	}
	if (is_dir(KA_PATH_SYSTEMD_RUNDIR) &&
	    (prog = first_executable(KA_PATH_SYSTEMCTL, KA_PATH_SYSTEMCTL_OLD))) {
		st->init = KA_INIT_SYSTEMD;
	} else if ((prog = first_executable(KA_PATH_SERVICE,
	    KA_PATH_SERVICE_USR)) != NULL) {
		st->init = KA_INIT_SYSV;
	} else {
		snprintf(st->how, sizeof(st->how),
		    "neither systemd nor a SysV service command: not reloading");
		return 0;
	}
	return query_running(st, prog, e);
}

int
ka_sshd_reload(const struct ka_sshd_state *st, struct ka_err *e)
{
	struct ka_run res;
	const char *prog;
	int r;

	memset(&res, 0, sizeof(res));
	if (st->init == KA_INIT_SYSTEMD) {
		prog = first_executable(KA_PATH_SYSTEMCTL, KA_PATH_SYSTEMCTL_OLD);
		r = prog ? run_status(prog, "reload", "sshd.service", NULL, &res,
		    e) : -ENOENT;
	} else {
		prog = first_executable(KA_PATH_SERVICE, KA_PATH_SERVICE_USR);
		r = prog ? run_status(prog, "sshd", "reload", NULL, &res, e) :
		    -ENOENT;
	}
	if (r > 0) {
		size_t n = res.out.len;

		while (n > 0 && res.out.data[n - 1] == '\n')
			n--;
		ka_err_set(e, EIO, NULL, 0, "reloading sshd failed (exit %d)%s%.*s",
		    r, n ? ": " : "", (int)n, res.out.data);
	}
	ka_run_free(&res);
	if (prog == NULL)
		return ka_err_set(e, ENOENT, NULL, 0, "no command to reload sshd");
	return r == 0 ? 0 : (r < 0 ? r : -EIO);
}
