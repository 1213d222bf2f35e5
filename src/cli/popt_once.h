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

/* The help options, in place of POPT_AUTOHELP: -h and --help (popt's
 * own answer only to --help and -?, and -h is what an administrator
 * types first), -? as popt has it (not listed), and --usage.
 * ka_popt_read() prints popt's help or usage text and exits 0, as popt
 * does. */
enum { KA_POPT_HELP_VAL = 1000, KA_POPT_USAGE_VAL };
#define KA_POPT_HELP_OPTIONS \
	{ "help", 'h', POPT_ARG_NONE, NULL, KA_POPT_HELP_VAL, \
	  "Show this help message", NULL }, \
	{ NULL, '?', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, NULL, \
	  KA_POPT_HELP_VAL, NULL, NULL }, \
	{ "usage", 0, POPT_ARG_NONE, NULL, KA_POPT_USAGE_VAL, \
	  "Display brief usage message", NULL },

/* 0, or KA_EXIT_USAGE after one line "PROG: ..." on stderr. */
int ka_popt_read(const char *prog, poptContext pc,
    const struct ka_popt_slot *slots);

#endif
