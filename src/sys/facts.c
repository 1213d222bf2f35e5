/* facts.c - what is known of the installed sshd, learned once a run */
#include "sys/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/sshdbytes.h"
#include "sys/sshdcheck.h"

static struct {
	int have;            /* facts learned */
	int probed;          /* the image's sshd was asked */
	int may_run;         /* ka_facts_allow_image_run() */
	char *root;
	struct ka_facts f;
} cache;

void
ka_facts_allow_image_run(void)
{
	cache.may_run = 1;
}

static int
same_root(const char *root)
{
	if (root == NULL || cache.root == NULL)
		return root == cache.root;
	return strcmp(root, cache.root) == 0;
}

/* Include from the release: 8.2p1 on, or Red Hat's 8.0p1-12 on. */
static void
include_from_release(struct ka_facts *f)
{
	char name[64];

	if (f->c0 == KA_COUNT0_UNKNOWN) {
		f->include = -1;
		snprintf(f->include_why, sizeof(f->include_why), "%s%s",
		    f->rel.src == KA_REL_UNKNOWN ? "" : "the release ",
		    f->rel.src == KA_REL_UNKNOWN ? f->rel.how :
		    "(8.0p1) without its rpm release does not tell");
		return;
	}
	f->include = f->c0 == KA_COUNT0_NEVER;
	ka_sshver_name(&f->rel.v, name, sizeof(name));
	snprintf(f->include_why, sizeof(f->include_why), "%s %s Include",
	    f->rel.how, f->include ? "understands" : "does not understand");
	if (f->rel.src != KA_REL_RPM)
		snprintf(f->include_why, sizeof(f->include_why), "%s (%s) %s "
		    "Include", name, f->rel.how, f->include ? "understands" :
		    "does not understand");
}

/* sshd -t on a probe file; its answer wins where it gives one. */
static void
probe(const char *root, struct ka_facts *f)
{
	enum ka_include_support s;
	struct ka_err e;
	char why[400];

	if (ka_sshd_probe_include(root, &s, why, sizeof(why), &e) < 0)
		snprintf(why, sizeof(why), "%.300s", e.msg);
	if (s != KA_INC_UNKNOWN) {
		f->include = s == KA_INC_YES;
		snprintf(f->include_why, sizeof(f->include_why), "%s", why);
		if (f->c0 == KA_COUNT0_UNKNOWN)   /* both came with one change */
			f->c0 = f->include ? KA_COUNT0_NEVER : KA_COUNT0_DROPS;
		return;
	}
	if (f->include < 0) {
		char known[sizeof(f->include_why)];

		snprintf(known, sizeof(known), "%s", f->include_why);
		snprintf(f->include_why, sizeof(f->include_why), "%.250s; %.250s",
		    why, known);
	}
}

static void
learn(const char *root, struct ka_facts *f)
{
	struct ka_err e;

	memset(f, 0, sizeof(*f));
	ka_release_detect(root, &f->rel, &e);
	f->c0 = ka_count0_meaning(&f->rel.v);
	include_from_release(f);
	if (root == NULL)
		probe(NULL, f);   /* the system's own sshd: always asked */
}

const struct ka_facts *
ka_facts_get(const char *root)
{
	if (root != NULL && (root[0] == '\0' || strcmp(root, "/") == 0))
		root = NULL;
	if (!cache.have || !same_root(root)) {
		free(cache.root);
		cache.root = root != NULL ? strdup(root) : NULL;
		cache.probed = 0;
		learn(root, &cache.f);
		cache.have = 1;
	}
	if (root != NULL && cache.f.include < 0 && cache.may_run &&
	    !cache.probed && ka_sshd_in_image(cache.root)) {
		cache.probed = 1;
		probe(root, &cache.f);
	}
	return &cache.f;
}
