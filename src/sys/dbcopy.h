/* dbcopy.h - a private copy of an rpm database, to read without touching
 *
 * librpm opens even a read-only query's sqlite database in a way that
 * rewrites rpmdb.sqlite-shm, and Berkeley DB keeps environment files
 * beside Packages: a report must leave an image's database byte- and
 * mtime-identical, so the query reads a copy. */
#ifndef KA_DBCOPY_H
#define KA_DBCOPY_H

#include <sys/types.h>

/* Copy every regular file of the open directory from into the new
 * directory to (mode 0700), owned by owner, each file 0600.  Links and
 * anything else are left out.  0 or -errno. */
int ka_dbcopy(int from, const char *to, uid_t owner);

/* Remove a copy made by ka_dbcopy() (and what was made in it). */
void ka_dbcopy_remove(const char *to);

#endif
