/* files_sys.h - the engine's files from the file system, under a root:
 * Include matches loaded as sshd loads them */
#ifndef KA_FILES_SYS_H
#define KA_FILES_SYS_H

#include "engine/files.h"

/* The system's files under root (NULL: /). */
struct ka_files ka_files_system(const char *root);

#endif
