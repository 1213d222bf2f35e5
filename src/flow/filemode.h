/* filemode.h - which mode the files are in now, whatever auto would say */
#ifndef KA_FILEMODE_H
#define KA_FILEMODE_H

#include <stddef.h>

#include "engine/block.h"
#include "engine/cfgfile.h"
#include "engine/err.h"
#include "sys/mode.h"

struct ka_files_mode {
	enum ka_mode mode;   /* KA_MODE_AUTO: not applied */
	size_t line;         /* sshd_config's line that makes it so, or 0 */
	char how[160];       /* what is there */
};

/* From sshd_config (cfg, its blocks found by ka_block_strip): our block
 * holding values (inline), our block's Include, or an Include already
 * there that reads the drop-in first (include), or none of them. */
int ka_files_mode(const char *root, const struct ka_cfg *cfg,
    const struct ka_stripped *blocks, struct ka_files_mode *fm,
    struct ka_err *e);

/* "include", "inline", or "none" for not applied. */
const char *ka_files_mode_name(const struct ka_files_mode *fm);

#endif
