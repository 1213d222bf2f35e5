/* filemode.c - which mode the files are in now, whatever auto would say */
#include "flow/filemode.h"

#include <stdio.h>
#include <string.h>

#include "engine/dropin.h"
#include "engine/edit.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/paths.h"

/* Our first block: values (inline) or an Include (include). */
static void
from_block(const struct ka_cfg *cfg, const struct ka_stripped *b,
    struct ka_files_mode *fm)
{
	size_t i;

	for (i = b->block_begin + 1; i < b->block_end; i++) {
		const struct ka_line *l = &cfg->lines[i];

		if (ka_line_is(l, KA_KW_INTERVAL) || ka_line_is(l, KA_KW_COUNT) ||
		    ka_line_is(l, KA_KW_TCP)) {
			fm->mode = KA_MODE_INLINE;
			fm->line = l->lineno;
			snprintf(fm->how, sizeof(fm->how), "ssh-keepalive's block "
			    "holds the values");
			return;
		}
		if (ka_line_is(l, "include")) {
			fm->mode = KA_MODE_INCLUDE;
			fm->line = l->lineno;
			snprintf(fm->how, sizeof(fm->how), "ssh-keepalive's "
			    "Include reads the drop-in");
			return;
		}
	}
}

/* The keywords the drop-in sets, or all of them when it cannot say. */
static void
dropin_keys(const char *root, struct ka_values *v)
{
	struct ka_cfg *d;
	struct ka_err e;

	v->interval = v->count_max = v->tcp_keepalive = -1;
	if (ka_cfg_load(root, KA_DROPIN_PATH, &d, &e) == 0 &&
	    ka_dropin_values(d, v, &e) == 0 &&
	    (v->interval >= 0 || v->count_max >= 0 || v->tcp_keepalive >= 0)) {
		ka_cfg_free(d);
		return;
	}
	ka_cfg_free(d);
	v->interval = v->count_max = v->tcp_keepalive = 1;
}

int
ka_files_mode(const char *root, const struct ka_cfg *cfg,
    const struct ka_stripped *blocks, struct ka_files_mode *fm,
    struct ka_err *e)
{
	struct ka_files f = ka_files_system(root);
	struct ka_target t;
	int r;

	memset(fm, 0, sizeof(*fm));
	fm->mode = KA_MODE_AUTO;
	snprintf(fm->how, sizeof(fm->how), "sshd_config does not read the "
	    "drop-in");
	if (blocks->had_block) {
		from_block(cfg, blocks, fm);
		return 0;
	}
	t.files = &f;
	t.dropin = KA_DROPIN_PATH;
	t.dropin_dir = KA_DROPIN_DIR;
	dropin_keys(root, &t.keys);
	if ((r = ka_edit_include_reads(cfg, &t, &fm->line, e)) < 0)
		return r;
	if (r > 0) {
		fm->mode = KA_MODE_INCLUDE;
		snprintf(fm->how, sizeof(fm->how), "its Include reads the "
		    "drop-in");
	} else {
		fm->line = 0;
	}
	return 0;
}

const char *
ka_files_mode_name(const struct ka_files_mode *fm)
{
	return fm->mode == KA_MODE_AUTO ? "none" : ka_mode_name(fm->mode);
}
