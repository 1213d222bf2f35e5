/* pathlist.h - a sorted list of paths, as sshd expands a glob */
#ifndef KA_PATHLIST_H
#define KA_PATHLIST_H

#include <stddef.h>

/* Paths sorted in byte order. */
struct ka_pathlist {
	char **paths;
	size_t n;
};

/* Add path in sorted position unless present.  0 or -ENOMEM. */
int ka_pathlist_add_sorted(struct ka_pathlist *pl, const char *path);
void ka_pathlist_free(struct ka_pathlist *pl);

#endif
