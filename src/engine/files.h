/* files.h - how the engine reads the files that sshd_config includes
 *
 * The engine works on buffers; the few files it must read (what an
 * Include names, the drop-in directory) come through this interface:
 * the system's under a root (ka_files_system, files_sys.h), or any other
 * source, such as the fuzzer's files in memory. */
#ifndef KA_FILES_H
#define KA_FILES_H

#include "engine/cfgfile.h"
#include "engine/err.h"
#include "engine/pathlist.h"

struct ka_files {
	/* Expand an absolute glob as sshd does: byte order, no match is an
	 * empty list.  0 or -errno with e set. */
	int (*glob)(const struct ka_files *f, const char *pattern,
	    struct ka_pathlist *pl, struct ka_err *e);
	/* Read and parse one file; -ENOENT (e set) when it is not there.
	 * The engine only reads what it gets, and gives it back. */
	int (*load)(const struct ka_files *f, const char *path,
	    struct ka_cfg **out, struct ka_err *e);
	/* Take back what load gave (NULL: it is freed), so that a source
	 * may hand out the same parsed file again. */
	void (*release)(const struct ka_files *f, struct ka_cfg *cfg);
	const char *root;    /* the system's: files under root (NULL: /) */
	void *ctx;           /* the others' own */
};

/* Give cfg back to f (release, or ka_cfg_free). */
void ka_files_release(const struct ka_files *f, struct ka_cfg *cfg);

#endif
