/* popt_once.c - read every option popt finds, each value once */
#include "cli/popt_once.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/opts.h"

static int
take_value(const char *prog, const struct ka_popt_slot *s, char *val)
{
	int r = 0;

	if (val == NULL)   /* popt refuses an option without its value */
		return KA_EXIT_USAGE;
	if (*s->value == NULL) {
		*s->value = val;
		return 0;
	}
	if (strcmp(*s->value, val) != 0) {
		fprintf(stderr, "%s: %s given twice, '%s' and '%s': give it "
		    "once (see --help)\n", prog, s->name, *s->value, val);
		r = KA_EXIT_USAGE;
	}
	free(val);
	return r;
}

static void
help_and_exit(poptContext pc, int which)
{
	if (which == KA_POPT_HELP_VAL)
		poptPrintHelp(pc, stdout, 0);
	else
		poptPrintUsage(pc, stdout, 0);
	exit(0);   /* as popt's own --help */
}

int
ka_popt_read(const char *prog, poptContext pc,
    const struct ka_popt_slot *slots)
{
	int rc, r = 0;

	while (r == 0 && (rc = poptGetNextOpt(pc)) > 0) {
		if (rc == KA_POPT_HELP_VAL || rc == KA_POPT_USAGE_VAL)
			help_and_exit(pc, rc);
		r = take_value(prog, &slots[rc], poptGetOptArg(pc));
	}
	if (r == 0 && rc < -1) {
		fprintf(stderr, "%s: %s: %s\n", prog,
		    poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		r = KA_EXIT_USAGE;
	}
	return r;
}
