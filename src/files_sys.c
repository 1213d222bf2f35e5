/* files_sys.c - the engine's files from the file system, under a root */
#include "files.h"

static int
sys_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	return ka_fs_glob(f->root, pattern, pl, e);
}

static int
sys_load(const struct ka_files *f, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	return ka_cfg_load(f->root, path, out, e);
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

void
ka_files_release(const struct ka_files *f, struct ka_cfg *cfg)
{
	if (f->release != NULL)
		f->release(f, cfg);
	else
		ka_cfg_free(cfg);
}
