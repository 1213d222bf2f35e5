/* rpmq_main.c - keepalive-rpmq: a package's version and release from
 * the rpm database
 *
 *   keepalive-rpmq [--root DIR] [--dbpath DIR] NAME
 *
 * Prints "version=V" and "release=R", exit 0; exit 1 when NAME is not
 * installed or there is no rpm database (none is created); exit 2 on
 * bad usage.  --dbpath (default /var/lib/rpm) is the database directory
 * as seen inside the root, every link in it already resolved there by
 * the caller: librpm joins the two into a host path.  The only program of the package linked with librpm:
 * keepalive-helper and ssh-keepalive-tune run it only when the installed
 * sshd cannot say whether it understands Include, so that they start
 * without loading librpm and all it pulls in.  Built against the build
 * host's own librpm headers (rpm 4.8 on EL6 to 4.20 and later). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>

#include "sys/paths.h"

#define PROG KA_RPMQ_NAME

#if defined(RPMVSF_MASK_NODIGESTS)
#define NO_CHECKS (RPMVSF_MASK_NODIGESTS | RPMVSF_MASK_NOSIGNATURES)
#else   /* rpm 4.8 to 4.14.1 */
#define NO_CHECKS (_RPMVSF_NODIGESTS | _RPMVSF_NOSIGNATURES)
#endif

/* Opening a database that is not there would create one in the root. */
static int
have_database(const char *root, const char *dbpath)
{
	static const char *const files[] = KA_RPMDB_NAMES;
	char path[4096];
	struct stat st;
	int i;

	for (i = 0; files[i] != NULL; i++) {
		if (snprintf(path, sizeof(path), "%s%s/%s", strcmp(root, "/") == 0 ?
		    "" : root, dbpath, files[i]) >= (int)sizeof(path))
			return 0;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			return 1;
	}
	return 0;
}

/* During an update the database holds the old package and the new one
 * until the old is erased (after the triggers of the new one ran): the
 * one installed last is the one whose files are on disk.  Installed
 * last: the greater transaction id, then the greater database instance
 * (both transactions within the same second). */
static int
newer(Header h, unsigned int off, uint64_t best_tid, unsigned int best_off)
{
	uint64_t tid = headerGetNumber(h, RPMTAG_INSTALLTID);

	return tid > best_tid || (tid == best_tid && off > best_off);
}

static int
print_header(rpmts ts, const char *name)
{
	rpmdbMatchIterator mi;
	Header h, best = NULL;
	uint64_t best_tid = 0;
	unsigned int best_off = 0;
	int r = 1;

	if ((mi = rpmtsInitIterator(ts, RPMTAG_NAME, name, 0)) == NULL)
		return 1;
	while ((h = rpmdbNextIterator(mi)) != NULL) {
		unsigned int off = rpmdbGetIteratorOffset(mi);

		if (best == NULL || newer(h, off, best_tid, best_off)) {
			headerFree(best);
			best = headerLink(h);
			best_tid = headerGetNumber(h, RPMTAG_INSTALLTID);
			best_off = off;
		}
	}
	if (best != NULL) {
		const char *v = headerGetString(best, RPMTAG_VERSION);
		const char *rel = headerGetString(best, RPMTAG_RELEASE);

		if (v != NULL && rel != NULL) {
			printf("version=%s\nrelease=%s\n", v, rel);
			r = fflush(stdout) == 0 ? 0 : 1;
		}
		headerFree(best);
	}
	rpmdbFreeIterator(mi);
	return r;
}

static int
query(const char *root, const char *dbpath, const char *name)
{
	rpmts ts;
	int r;

	if (rpmReadConfigFiles(NULL, NULL) != 0) {
		fprintf(stderr, PROG ": cannot read rpm's configuration\n");
		return 1;
	}
	/* EL keeps its database here; Debian's rpm would look in ~/.rpmdb */
	addMacro(NULL, "_dbpath", NULL, dbpath, RMIL_CMDLINE);
	ts = rpmtsCreate();
	rpmtsSetRootDir(ts, root);
	rpmtsSetVSFlags(ts, NO_CHECKS);
	if (rpmtsOpenDB(ts, O_RDONLY) != 0)
		r = 1;
	else
		r = print_header(ts, name);
	rpmtsFree(ts);
	rpmFreeMacros(NULL);
	rpmFreeRpmrc();
	return r;
}

/* With fd 0, 1 or 2 closed (keepalive-helper in an image root without
 * /dev/null closes stdin), librpm's database would land on it, and
 * sqlite refuses that: fill them with the ends of an empty pipe. */
static void
fill_std_fds(void)
{
	int p[2];

	while (fcntl(0, F_GETFD) < 0 || fcntl(1, F_GETFD) < 0 ||
	    fcntl(2, F_GETFD) < 0) {
		if (pipe(p) < 0)
			return;
		if (p[0] > 2)
			close(p[0]);
		if (p[1] > 2)
			close(p[1]);
	}
}

/* --root DIR and --dbpath DIR (absolute), in any order, then NAME. */
static int
parse_args(int argc, char **argv, const char **root, const char **dbpath)
{
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--root") == 0 && argv[i + 1][0] != '\0')
			*root = argv[i + 1];
		else if (strcmp(argv[i], "--dbpath") == 0 && argv[i + 1][0] == '/')
			*dbpath = argv[i + 1];
		else
			return -1;
	}
	return i == argc - 1 && argv[i][0] != '-' ? i : -1;
}

int
main(int argc, char **argv)
{
	const char *root = "/", *dbpath = KA_PATH_RPMDB;
	int name = parse_args(argc, argv, &root, &dbpath);

	if (name < 0) {
		fprintf(stderr, "usage: " PROG " [--root DIR] [--dbpath DIR] NAME\n");
		return 2;
	}
	fill_std_fds();
	if (!have_database(root, dbpath))
		return 1;
	return query(root, dbpath, argv[name]);
}
