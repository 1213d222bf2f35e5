/* rpmver.c - openssh-server's version from the rpm database
 *
 * Read by keepalive-rpmq, the one program linked with librpm, so that
 * the common path never loads librpm; compared without librpm. */
#include "sys/rpmver.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/vercmp.h"
#include "sys/paths.h"
#include "sys/rootfs.h"
#include "sys/run.h"

int
ka_rpm_version_has_include(const char *version, const char *release)
{
	if (ka_vercmp(version, "8.2p1") >= 0)
		return 1;
	return ka_vercmp(version, "8.0p1") == 0 && ka_vercmp(release, "12") >= 0;
}

/* keepalive-rpmq beside the running program (a build tree), else where
 * the package installs it. */
static void
rpmq_path(char *buf, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		char *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(buf, size, "%s/%s", self, KA_RPMQ_NAME) <
			    (int)size && access(buf, X_OK) == 0)
				return;
		}
	}
	snprintf(buf, size, "%s", KA_PATH_RPMQ);
}

/* The database directory dbpath, every link in it resolved inside the
 * root (librpm joins root and dbpath into a host path, which must then
 * hold no link), or NULL when no database file is there: opening a
 * database that is not there would create one in the root. */
static char *
database_in(const char *root, const char *dbpath)
{
	static const char *const files[] = KA_RPMDB_NAMES;
	struct ka_rpath rp;
	struct stat st;
	char *dir = NULL;
	int i, fd;

	if (ka_rp_resolve(root, dbpath, 0, &rp, NULL) < 0)
		return NULL;
	fd = openat(rp.dirfd, rp.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	for (i = 0; fd >= 0 && files[i] != NULL && dir == NULL; i++)
		if (fstatat(fd, files[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			dir = strdup(rp.inroot);
	if (fd >= 0)
		close(fd);
	ka_rp_free(&rp);
	return dir;
}

/* EL's /var/lib/rpm (EL6 to EL9, or a link to the new place), else
 * where rpm 4.17+ keeps it. */
static char *
database_dir(const char *root)
{
	char *dir = database_in(root, KA_PATH_RPMDB);

	return dir != NULL ? dir : database_in(root, KA_PATH_RPMDB_SYSIMAGE);
}

/* The value of "key=" on a line of out, into dst. */
static int
field(const char *out, const char *key, char *dst, size_t size)
{
	size_t kl = strlen(key), n;
	const char *p = out;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, kl) == 0) {
			n = strcspn(p + kl, "\n");
			if (n == 0 || n >= size)
				return -EIO;
			memcpy(dst, p + kl, n);
			dst[n] = '\0';
			return 0;
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return -EIO;
}

static int
read_result(const struct ka_run *res, const char *prog, char *version,
    size_t vlen, char *release, size_t rlen, struct ka_err *e)
{
	if (res->exec_errno != 0)   /* -EIO: only "not there" is -ENOENT */
		return ka_err_set(e, EIO, prog, 0, "%s",
		    strerror(res->exec_errno));
	if (res->status == 1)
		return ka_err_set(e, ENOENT, NULL, 0, "openssh-server is not in "
		    "the rpm database");
	if (res->status != 0)
		return ka_err_set(e, EIO, prog, 0, "exited with status %d: "
		    "%.200s", res->status, res->out.data);
	if (field(res->out.data, "version=", version, vlen) < 0 ||
	    field(res->out.data, "release=", release, rlen) < 0)
		return ka_err_set(e, EIO, prog, 0, "unexpected output: %.200s",
		    res->out.data);
	return 0;
}

/* The root as an absolute path: librpm takes a relative one (--root
 * image, run from /mnt) for no root at all and finds no database. */
static char *
absolute_root(const char *root)
{
	if (root == NULL || root[0] == '\0')
		return strdup("/");
	return realpath(root, NULL);
}

int
ka_rpm_openssh_version(const char *root, char *version, size_t vlen,
    char *release, size_t rlen, struct ka_err *e)
{
	char prog[PATH_MAX], o_root[] = "--root", o_db[] = "--dbpath";
	char name[] = "openssh-server";
	char *argv[7], *dbdir = database_dir(root), *top = absolute_root(root);
	struct ka_run res;
	int r;

	if (dbdir == NULL || top == NULL) {
		free(dbdir);
		free(top);
		return ka_err_set(e, ENOENT, NULL, 0, "openssh-server is not in "
		    "the rpm database");
	}
	rpmq_path(prog, sizeof(prog));
	argv[0] = prog;
	argv[1] = o_root;
	argv[2] = top;
	argv[3] = o_db;
	argv[4] = dbdir;
	argv[5] = name;
	argv[6] = NULL;
	if ((r = ka_run(NULL, argv, &res, e)) == 0)
		r = read_result(&res, prog, version, vlen, release, rlen, e);
	ka_run_free(&res);
	free(dbdir);
	free(top);
	return r;
}
