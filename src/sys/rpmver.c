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
#include "sys/dbcopy.h"
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
 * root, open; or -ENOENT when no database file is there. */
static int
database_in(const char *root, const char *dbpath)
{
	static const char *const files[] = KA_RPMDB_NAMES;
	struct ka_rpath rp;
	struct stat st;
	int i, fd, found = 0;

	if (ka_rp_resolve(root, dbpath, 0, &rp, NULL) < 0)
		return -ENOENT;
	fd = openat(rp.dirfd, rp.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	for (i = 0; fd >= 0 && files[i] != NULL && !found; i++)
		found = fstatat(fd, files[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode);
	ka_rp_free(&rp);
	if (fd >= 0 && !found)
		close(fd);
	return found ? fd : -ENOENT;
}

/* EL's /var/lib/rpm (EL6 to EL9, or a link to the new place), else
 * where rpm 4.17+ keeps it. */
static int
database_dir(const char *root)
{
	int fd = database_in(root, KA_PATH_RPMDB);

	return fd >= 0 ? fd : database_in(root, KA_PATH_RPMDB_SYSIMAGE);
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
	if (res->jail_errno != 0)
		return ka_err_set(e, EIO, prog, 0, "cannot confine it (%s: %s)",
		    ka_jail_step_name(res->jail_step), strerror(res->jail_errno));
	if (res->prep_errno != 0)
		return ka_err_set(e, EIO, NULL, 0, "cannot copy the rpm database: "
		    "%s", strerror(res->prep_errno));
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

/* In the child, in its private /tmp: the copy keepalive-rpmq reads. */
static int
copy_database(void *ctx, int after_chroot)
{
	return after_chroot ? ka_dbcopy(*(int *)ctx, KA_RPMDB_COPY,
	    KA_JAIL_UID) : 0;
}

/* keepalive-rpmq on a copy of the database in dbdir: in a private
 * tmpfs; where no private mount namespace can be made (a container, a
 * chroot), in a temporary directory of /tmp, removed afterwards. */
static int
query_copy(char *argv[], int dbfd, struct ka_run *res, struct ka_err *e)
{
	struct ka_run_how how;
	char tmp[] = "/tmp/ssh-keepalive-rpmdb.XXXXXX", db[sizeof(tmp) + 3];
	int r;

	memset(&how, 0, sizeof(how));
	how.jail = KA_JAIL_CONFINE | KA_JAIL_SCRATCH | KA_JAIL_NOBODY;
	how.prep = copy_database;
	how.ctx = &dbfd;
	argv[4] = KA_RPMDB_COPY;
	if ((r = ka_run_with(&how, argv, res, e)) < 0 ||
	    (res->jail_step != KA_JAIL_STEP_UNSHARE &&
	    res->jail_step != KA_JAIL_STEP_PRIVATE))
		return r;
	ka_run_free(res);
	memset(res, 0, sizeof(*res));
	if (mkdtemp(tmp) == NULL)
		return ka_err_set(e, errno, "/tmp", 0, "%s", strerror(errno));
	snprintf(db, sizeof(db), "%s/db", tmp);
	if (chown(tmp, KA_JAIL_UID, KA_JAIL_UID) < 0)
		r = -errno;
	else
		r = ka_dbcopy(dbfd, db, KA_JAIL_UID);
	if (r < 0) {
		r = ka_err_set(e, -r, NULL, 0, "cannot copy the rpm database into "
		    "%s: %s", tmp, strerror(-r));
	} else {
		how.jail = KA_JAIL_CONFINE | KA_JAIL_NOBODY;
		how.prep = NULL;
		argv[4] = db;
		r = ka_run_with(&how, argv, res, e);
	}
	ka_dbcopy_remove(db);
	rmdir(tmp);
	return r;
}

int
ka_rpm_openssh_version(const char *root, char *version, size_t vlen,
    char *release, size_t rlen, struct ka_err *e)
{
	char prog[PATH_MAX], o_root[] = "--root", slash[] = "/";
	char o_db[] = "--dbpath", name[] = "openssh-server";
	char *argv[7];
	struct ka_run res;
	int r, dbfd = database_dir(root);

	if (dbfd < 0)
		return ka_err_set(e, ENOENT, NULL, 0, "openssh-server is not in "
		    "the rpm database");
	rpmq_path(prog, sizeof(prog));
	argv[0] = prog;
	argv[1] = o_root;
	argv[2] = slash;
	argv[3] = o_db;
	argv[5] = name;
	argv[6] = NULL;
	if ((r = query_copy(argv, dbfd, &res, e)) == 0)
		r = read_result(&res, prog, version, vlen, release, rlen, e);
	ka_run_free(&res);
	close(dbfd);
	return r;
}
