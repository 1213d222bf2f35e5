/* files.c - giving back what a file source handed out */
#include "engine/files.h"

void
ka_files_release(const struct ka_files *f, struct ka_cfg *cfg)
{
	if (f->release != NULL)
		f->release(f, cfg);
	else
		ka_cfg_free(cfg);
}
