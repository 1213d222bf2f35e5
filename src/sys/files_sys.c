/* files_sys.c - the engine's files from the file system, under a root */
#include "sys/files_sys.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "sys/fsutil.h"
#include "sys/rootfs.h"

static int
sys_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	return ka_fs_glob(f->root, pattern, pl, e);
}

/* The errors sshd's fopen() of an included file can meet. */
static int
open_error(int r)
{
	return r == -ENOENT || r == -ELOOP || r == -ENOTDIR ||
	    r == -ENAMETOOLONG || r == -ENXIO;
}

/* A file an Include matched, loaded as sshd's load_server_config() does
 * (8.2p1 to 9.x): a directory reads as empty, and sshd accepts it; a
 * file sshd cannot open (a dangling link, a link loop) makes sshd exit
 * at start: an error that names the file and gives sshd's words. */
static int
sys_load(const struct ka_files *f, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	struct stat st;
	int r = ka_cfg_load(f->root, path, out, e);

	if (r == -EISDIR)
		return ka_cfg_parse(path, "", 0, out, e);
	if (!open_error(r))
		return r;
	return ka_err_set(e, -r, path, 0, "%s: sshd refuses to start "
	    "(\"%s: %s\")", r == -ENOENT && ka_root_stat(f->root, path,
	    KA_RP_NOFOLLOW, &st, NULL) == 0 && S_ISLNK(st.st_mode) ?
	    "a dangling symbolic link" : "cannot be opened", path,
	    strerror(-r));
}

struct ka_files
ka_files_system(const char *root)
{
	struct ka_files f;

	f.glob = sys_glob;
	f.load = sys_load;
	f.release = NULL;
	f.root = root;
	f.ctx = NULL;
	return f;
}
