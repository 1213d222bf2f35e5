/* rpm_dl.c - keepalive-rpmq's librpm calls, loaded at run time by soname,
 * for the portable build only
 *
 * EL6 has librpm.so.1 (rpm 4.8), EL7 librpm.so.3 (4.11), EL8
 * librpm.so.8 (4.14), EL9 librpm.so.9 (4.16), EL10 and Fedora
 * librpm.so.10 (4.19, 4.20, 6.0): one binary cannot be linked against
 * all of them.  keepalive-rpmq is compiled against this machine's rpm
 * headers as usual; these definitions stand in for librpm's and call
 * the first library of SONAMES that loads.  Every call here has the
 * same C signature and meaning in rpm 4.8 to 6.0 (RPM-NOTES.md;
 * tests/fixtures/oldapi holds the 4.8 and 4.11 declarations), except
 * addMacro, which rpm 4.14 renamed rpmPushMacro (the old name is a
 * macro since).  The library comes from the host's library path, as a
 * linked one would: keepalive-rpmq runs confined, on a copy of the
 * database, and never loads an image's librpm.  Exit 3 when no librpm
 * loads or a call is missing (1 means "not installed"). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <rpm/header.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmts.h>

#include "sys/paths.h"

#define KA_RPMDL_EXIT 3

static const char *const sonames[] = {
	"librpm.so.10", "librpm.so.9", "librpm.so.8", "librpm.so.3",
	"librpm.so.1", NULL
};

static void *
rpm_library(void)
{
	static void *lib;
	int i;

	for (i = 0; lib == NULL && sonames[i] != NULL; i++)
		lib = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		fprintf(stderr, KA_RPMQ_NAME ": cannot load librpm (librpm.so.1, "
		    ".3, .8, .9 or .10)\n");
		exit(KA_RPMDL_EXIT);
	}
	return lib;
}

/* name's address in librpm or a library it loaded (librpmio), or NULL */
static void *
rpm_find(const char *name)
{
	return dlsym(rpm_library(), name);
}

static void *
rpm_call(const char *name)
{
	void *f = rpm_find(name);

	if (f == NULL) {
		fprintf(stderr, KA_RPMQ_NAME ": librpm has no %s\n", name);
		exit(KA_RPMDL_EXIT);
	}
	return f;
}

/* RET NAME(PARAMS) calling librpm's NAME with ARGS (PARAMS and ARGS are
 * parenthesized lists: no parentheses around them) */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define KA_RPM_CALL(ret, name, params, args) \
ret name params \
{ \
	static ret (*f) params; \
	if (f == NULL) \
		f = (ret (*) params)rpm_call(#name); \
	return f args; \
}
#define KA_RPM_CALL_VOID(name, params, args) \
void name params \
{ \
	static void (*f) params; \
	if (f == NULL) \
		f = (void (*) params)rpm_call(#name); \
	f args; \
}
/* NOLINTEND(bugprone-macro-parentheses) */

KA_RPM_CALL(int, rpmReadConfigFiles, (const char *file, const char *target),
    (file, target))
KA_RPM_CALL(rpmts, rpmtsCreate, (void), ())
KA_RPM_CALL(int, rpmtsSetRootDir, (rpmts ts, const char *dir), (ts, dir))
KA_RPM_CALL(rpmVSFlags, rpmtsSetVSFlags, (rpmts ts, rpmVSFlags flags),
    (ts, flags))
KA_RPM_CALL(int, rpmtsOpenDB, (rpmts ts, int mode), (ts, mode))
KA_RPM_CALL(rpmdbMatchIterator, rpmtsInitIterator, (const rpmts ts,
    rpmDbiTagVal tag, const void *key, size_t keylen), (ts, tag, key, keylen))
KA_RPM_CALL(Header, rpmdbNextIterator, (rpmdbMatchIterator mi), (mi))
KA_RPM_CALL(unsigned int, rpmdbGetIteratorOffset, (rpmdbMatchIterator mi),
    (mi))
KA_RPM_CALL(rpmdbMatchIterator, rpmdbFreeIterator, (rpmdbMatchIterator mi),
    (mi))
KA_RPM_CALL(uint64_t, headerGetNumber, (Header h, rpmTagVal tag), (h, tag))
KA_RPM_CALL(const char *, headerGetString, (Header h, rpmTagVal tag),
    (h, tag))
KA_RPM_CALL(Header, headerLink, (Header h), (h))
KA_RPM_CALL(Header, headerFree, (Header h), (h))
KA_RPM_CALL(rpmts, rpmtsFree, (rpmts ts), (ts))
KA_RPM_CALL_VOID(rpmFreeMacros, (rpmMacroContext mc), (mc))
KA_RPM_CALL_VOID(rpmFreeRpmrc, (void), ())

/* rpm 4.14 and later: rpmPushMacro; rpm 4.8 to 4.13: addMacro, the same
 * arguments, no result */
int
rpmPushMacro(rpmMacroContext mc, const char *n, const char *o,
    const char *b, int level)
{
	static int (*push)(rpmMacroContext, const char *, const char *,
	    const char *, int);
	static void (*add)(rpmMacroContext, const char *, const char *,
	    const char *, int);

	if (push == NULL && add == NULL) {
		push = (int (*)(rpmMacroContext, const char *, const char *,
		    const char *, int))rpm_find("rpmPushMacro");
		if (push == NULL)
			add = (void (*)(rpmMacroContext, const char *,
			    const char *, const char *, int))rpm_call("addMacro");
	}
	if (push != NULL)
		return push(mc, n, o, b, level);
	add(mc, n, o, b, level);
	return 0;
}
