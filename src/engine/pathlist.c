/* pathlist.c - a sorted list of paths, as sshd expands a glob */
#include "engine/pathlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int
ka_pathlist_add_sorted(struct ka_pathlist *pl, const char *path)
{
	size_t i;
	char **np;

	for (i = 0; i < pl->n && strcmp(pl->paths[i], path) < 0; i++)
		;
	if (i < pl->n && strcmp(pl->paths[i], path) == 0)
		return 0;
	np = realloc(pl->paths, (pl->n + 2) * sizeof(char *));
	if (np == NULL)
		return -ENOMEM;
	pl->paths = np;
	memmove(&np[i + 1], &np[i], (pl->n - i) * sizeof(char *));
	if ((np[i] = strdup(path)) == NULL) {
		memmove(&np[i], &np[i + 1], (pl->n - i) * sizeof(char *));
		return -ENOMEM;
	}
	pl->n++;
	np[pl->n] = NULL;
	return 0;
}

void
ka_pathlist_free(struct ka_pathlist *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->paths[i]);
	free(pl->paths);
	pl->paths = NULL;
	pl->n = 0;
}
