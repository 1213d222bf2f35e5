/* rpmver.c - openssh-server's version from the rpm database (librpm) */
#include "rpmver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>

#include "rootfs.h"

int
ka_rpm_version_has_include(const char *version, const char *release)
{
	if (rpmvercmp(version, "8.2p1") >= 0)
		return 1;
	return rpmvercmp(version, "8.0p1") == 0 &&
	    rpmvercmp(release, "12") >= 0;
}

static int
read_header(rpmts ts, char *version, size_t vlen, char *release,
    size_t rlen)
{
	rpmdbMatchIterator mi;
	Header h;
	int r = -ENOENT;

	mi = rpmtsInitIterator(ts, RPMTAG_NAME, "openssh-server", 0);
	if (mi == NULL)
		return -ENOENT;
	if ((h = rpmdbNextIterator(mi)) != NULL) {
		const char *v = headerGetString(h, RPMTAG_VERSION);
		const char *rel = headerGetString(h, RPMTAG_RELEASE);

		if (v != NULL && rel != NULL) {
			snprintf(version, vlen, "%s", v);
			snprintf(release, rlen, "%s", rel);
			r = 0;
		}
	}
	rpmdbFreeIterator(mi);
	return r;
}

/* The database directory, every link in it resolved inside the root
 * (librpm joins root and dbpath into a host path, which must then hold
 * no link), or NULL when no database file is there: opening a database
 * that is not there would create one in the root. */
static char *
database_dir(const char *root)
{
	static const char *const files[] = {
		"rpmdb.sqlite", "Packages", "Packages.db", NULL
	};
	struct ka_rpath rp;
	struct stat st;
	char *dir = NULL;
	int i, fd;

	if (ka_rp_resolve(root, "/var/lib/rpm", 0, &rp, NULL) < 0)
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

int
ka_rpm_openssh_version(const char *root, char *version, size_t vlen,
    char *release, size_t rlen, struct ka_err *e)
{
	char *dbdir = database_dir(root);
	rpmts ts;
	int r;

	if (dbdir == NULL)
		return -ENOENT;
	if (rpmReadConfigFiles(NULL, NULL) != 0) {
		free(dbdir);
		return ka_err_set(e, EIO, NULL, 0, "cannot read rpm's configuration");
	}
	/* EL keeps its database in /var/lib/rpm; Debian's rpm would look in
	 * ~/.rpmdb */
	addMacro(NULL, "_dbpath", NULL, dbdir, RMIL_CMDLINE);
	free(dbdir);
	ts = rpmtsCreate();
	rpmtsSetRootDir(ts, root != NULL && root[0] != '\0' ? root : "/");
	rpmtsSetVSFlags(ts, RPMVSF_MASK_NODIGESTS | RPMVSF_MASK_NOSIGNATURES);
	if (rpmtsOpenDB(ts, O_RDONLY) != 0)
		r = -ENOENT;
	else
		r = read_header(ts, version, vlen, release, rlen);
	rpmtsFree(ts);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	return r;
}
