/* popt_once.h - read every option popt finds; a value option given
 * twice with two values is refused instead of the last silently winning
 * (--root twice names two images) */
#ifndef KA_POPT_ONCE_H
#define KA_POPT_ONCE_H

#include <popt.h>

/* Where the value of the option whose popt val is i goes: slots[i]
 * (slots[0] unused); name is how --help spells it. */
struct ka_popt_slot {
	const char *name;
	char **value;           /* NULL until given; malloc'd by popt */
};

/* 0, or KA_EXIT_USAGE after one line "PROG: ..." on stderr. */
int ka_popt_read(const char *prog, poptContext pc,
    const struct ka_popt_slot *slots);

#endif
