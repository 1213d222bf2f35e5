/* rpmver.c - openssh-server's version from the rpm database (librpm) */
#include "rpmver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>

#include "fsutil.h"

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

/* Opening a database that is not there would create one in the root. */
static int
have_database(const char *root)
{
	static const char *const files[] = {
		"/var/lib/rpm/rpmdb.sqlite", "/var/lib/rpm/Packages",
		"/var/lib/rpm/Packages.db", NULL
	};
	struct stat st;
	int i, found = 0;

	for (i = 0; files[i] != NULL && !found; i++) {
		char *p = ka_fs_join(root, files[i]);

		found = p != NULL && stat(p, &st) == 0 && S_ISREG(st.st_mode);
		free(p);
	}
	return found;
}

int
ka_rpm_openssh_version(const char *root, char *version, size_t vlen,
    char *release, size_t rlen, struct ka_err *e)
{
	rpmts ts;
	int r;

	if (!have_database(root))
		return -ENOENT;
	if (rpmReadConfigFiles(NULL, NULL) != 0)
		return ka_err_set(e, EIO, NULL, 0, "cannot read rpm's configuration");
	/* EL keeps its database here; Debian's rpm would look in ~/.rpmdb */
	addMacro(NULL, "_dbpath", NULL, "/var/lib/rpm", RMIL_CMDLINE);
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
