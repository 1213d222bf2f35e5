/* client_place.h - where ssh_config must read the client drop-in
 *
 * Pure: decides, for a parsed ssh_config, what the client side's edit
 * has to do (doc/client.md): ssh takes the first value it obtains, and a
 * Host or Match line ends the global part of the file, so the drop-in's
 * values must be read before the first Host/Match line and before any
 * other ServerAliveInterval/ServerAliveCountMax line. */
#ifndef KA_CLIENT_PLACE_H
#define KA_CLIENT_PLACE_H

#include <stddef.h>

#include "engine/cfgfile.h"

enum ka_client_place {
	KA_CLIENT_STOCK_INCLUDE,  /* an Include there already reads it */
	KA_CLIENT_ADD_INCLUDE,    /* ssh reads Include: add one */
	KA_CLIENT_ADD_BLOCK       /* it does not (before 7.3p1): a block */
};

/* What cfg needs so that the drop-in dropin (absolute) in directory dir
 * (absolute) is read first, for a client that understands Include or
 * not.  An Include qualifies when its argument is dir + "/" + "*.conf" or
 * dropin itself, as written.  *before is the index of the line anything
 * added must go before: the first Host or Match line, or the first line
 * setting ServerAliveInterval or ServerAliveCountMax, or the first
 * Include line when something is to be added (a file it reads could set
 * them first), or cfg->nlines.
 * 0, or -ENOMEM. */
int ka_client_place(const struct ka_cfg *cfg, int has_include,
    const char *dropin, const char *dir, enum ka_client_place *place,
    size_t *before);

/* 1 if l is a Host or Match line (either ends the global part). */
int ka_client_scope_line(const struct ka_line *l);

#endif
