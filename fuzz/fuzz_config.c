/* fuzz_config.c - libFuzzer: the sshd_config editor on any input
 *
 * On every input that parses (NUL bytes are refused, by design):
 *   apply is idempotent, in inline and in include mode;
 *   remove after apply gives back remove of the input, and the input
 *   itself when it held no block of ours;
 *   every line that is not ours comes through, in order, byte for byte;
 *   our block stands before the first directive that is not ours;
 *   in include mode, an Include that names the drop-in comes before any
 *   Match and any line that sets one of its keywords.
 * A violation aborts, which libFuzzer reports as a crash.
 *
 * Files come from memory (no file system, no process in the loop).  An
 * input without a line "#%%" is a system with no other file at all.
 * One with it has drop-ins beside ours, an administrator's override that
 * sorts first, files that set our keywords, a Match in an included file
 * and an Include loop; and what follows "#%%" is one more drop-in,
 * 50-fuzz.conf, so that included files are fuzzed too.  The tree's
 * files are parsed once for the whole run, the input's drop-in once an
 * input however often it is included; buffers are reused from one input
 * to the next. */
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/block.h"
#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/dropin.h"
#include "engine/edit.h"
#include "engine/files.h"

#define SPLIT "\n#%%\n"

struct mem_file {
	const char *path;
	const char *text;
	size_t len;
};

/* Sorted by path, as glob(3) sorts. */
static struct mem_file tree[] = {
	{ "/etc/ssh/extra.conf", "ClientAliveCountMax 5\n", 0 },
	{ "/etc/ssh/loop.conf", "Include loop.conf\n", 0 },
	{ "/etc/ssh/match.conf", "Match all\nClientAliveInterval 1\n", 0 },
	{ "/etc/ssh/sshd_config.d/00-admin.conf", "ClientAliveInterval 300\n",
	    0 },
	{ "/etc/ssh/sshd_config.d/01-keepalive.conf",
	    "ClientAliveInterval 600\nClientAliveCountMax 10\n", 0 },
	{ "/etc/ssh/sshd_config.d/50-fuzz.conf", NULL, 0 },   /* the input's */
	{ "/etc/ssh/sshd_config.d/50-redhat.conf", "Include /etc/crypto-"
	    "policies/back-ends/opensshserver.config\nSyslogFacility AUTHPRIV\n"
	    "UsePAM yes\nX11Forwarding yes\n", 0 },
};
#define NTREE (sizeof(tree) / sizeof(tree[0]))

static int
mem_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	size_t i;

	pl->paths = NULL;
	pl->n = 0;
	for (i = 0; f->ctx != NULL && i < NTREE; i++)
		if (tree[i].text != NULL &&
		    fnmatch(pattern, tree[i].path, FNM_PATHNAME | FNM_PERIOD) == 0 &&
		    ka_pathlist_add_sorted(pl, tree[i].path) < 0) {
			ka_pathlist_free(pl);
			return ka_err_set(e, ENOMEM, pattern, 0, "out of memory");
		}
	return 0;
}

/* The files of the tree parsed once for the whole run (LLVMFuzzerInitialize),
 * the input's own drop-in (FUZZ_FILE) once an input; each handed out as
 * often as asked. */
#define FUZZ_FILE 5
static struct ka_cfg *parsed[NTREE];

static int
mem_load(const struct ka_files *f, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	size_t i;
	int r;

	*out = NULL;
	for (i = 0; f->ctx != NULL && i < NTREE; i++) {
		if (tree[i].text == NULL || strcmp(tree[i].path, path) != 0)
			continue;
		if (parsed[i] == NULL && (r = ka_cfg_parse(path, tree[i].text,
		    tree[i].len, &parsed[i], e)) < 0)
			return r;
		*out = parsed[i];
		return 0;
	}
	return ka_err_set(e, ENOENT, path, 0, "No such file or directory");
}

static void
mem_release(const struct ka_files *f, struct ka_cfg *cfg)
{
	(void)f;
	(void)cfg;
}

static void
forget_input_file(void)
{
	ka_cfg_free(parsed[FUZZ_FILE]);
	parsed[FUZZ_FILE] = NULL;
}

/* ctx NULL: no file at all; else the tree above. */
static struct ka_files bare = { mem_glob, mem_load, mem_release, NULL, NULL };
static struct ka_files full = { mem_glob, mem_load, mem_release, NULL, tree };
static const struct ka_files *files;   /* this input's */

/* ASan keeps freed memory out of use for a while to catch a use after
 * free (its quarantine, 256 MB by default).  An input frees everything
 * it allocates before the next one starts, some 20 KB on the corpus (a
 * few MB on the largest inputs): 16 MB still holds the frees of the
 * last few hundred inputs, so any use after free within an input is
 * caught.  The default cycled each allocation through cold memory:
 * 3.6 page faults an execution instead of 0.8, a third of the time.
 * ASAN_OPTIONS still overrides it. */
const char *__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "quarantine_size_mb=16";
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t i;

	(void)argc;
	(void)argv;
	for (i = 0; i < NTREE; i++)
		if (tree[i].text != NULL) {
			struct ka_err e;

			tree[i].len = strlen(tree[i].text);
			if (ka_cfg_parse(tree[i].path, tree[i].text,
			    tree[i].len, &parsed[i], &e) < 0)
				abort();
		}
	return 0;
}

static struct ka_cfg *
parse(const char *data, size_t size)
{
	struct ka_cfg *c = NULL;
	struct ka_err e;

	return ka_cfg_parse("/etc/ssh/sshd_config", data, size, &c, &e) < 0 ?
	    NULL : c;
}

static int
is_marker(const struct ka_line *l)
{
	static const size_t nb = sizeof(KA_MARK_BEGIN) - 1;
	static const size_t ne = sizeof(KA_MARK_END) - 1;

	return l->kind == KA_LINE_COMMENT &&
	    ((l->len >= nb && memcmp(l->text, KA_MARK_BEGIN, nb) == 0) ||
	    (l->len >= ne && memcmp(l->text, KA_MARK_END, ne) == 0));
}

/* < 0: the edit refuses (fine: unbalanced markers, include loops) */
typedef int (*edit_fn)(const struct ka_cfg *, struct ka_buf *);

static const struct ka_values values = { 600, 10, -1 };

static int
do_inline(const struct ka_cfg *c, struct ka_buf *out)
{
	struct ka_err e;

	return ka_edit_inline(c, &values, out, &e);
}

static int
do_include(const struct ka_cfg *c, struct ka_buf *out)
{
	struct ka_target t = { NULL, KA_DROPIN_PATH, KA_DROPIN_DIR,
	    { 600, 10, -1 } };
	struct ka_err e;

	t.files = files;
	return ka_edit_include(c, &t, out, &e);
}

static int
do_remove(const struct ka_cfg *c, struct ka_buf *out)
{
	struct ka_err e;

	return ka_edit_remove(c, out, &e);
}

static int
same(const struct ka_buf *a, const struct ka_buf *b)
{
	return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* Buffers kept from one input to the next: emptied, not freed. */
static struct ka_buf once = KA_BUF_INIT, twice = KA_BUF_INIT;
static struct ka_buf back = KA_BUF_INIT, base = KA_BUF_INIT;

static struct ka_buf *
empty(struct ka_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
	return b;
}

/* Lines of in not inside our blocks appear in out, in order; our block
 * in out comes before any directive that is not ours. */
static void
check_kept_and_placed(const struct ka_cfg *in, const struct ka_cfg *out)
{
	size_t i, j = 0;
	int inside = 0, seen_directive = 0;

	for (i = 0; i < in->nlines; i++) {
		const struct ka_line *l = &in->lines[i];
		int found = 0;

		if (is_marker(l) && memcmp(l->text, KA_MARK_BEGIN, 5) == 0)
			inside = 1;
		if (!inside) {
			for (; j < out->nlines && !found; j++)
				found = out->lines[j].len == l->len &&
				    memcmp(out->lines[j].text, l->text, l->len) == 0;
			/* an unterminated last line may gain nothing else */
			if (!found)
				abort();
		}
		if (is_marker(l) && memcmp(l->text, KA_MARK_END, 5) == 0)
			inside = 0;
	}
	inside = 0;
	for (i = 0; i < out->nlines; i++) {
		const struct ka_line *l = &out->lines[i];

		if (is_marker(l) && memcmp(l->text, KA_MARK_BEGIN, 5) == 0) {
			if (seen_directive)
				abort();
			inside = 1;
		} else if (is_marker(l)) {
			inside = 0;
		} else if (!inside && l->kind == KA_LINE_DIRECTIVE) {
			seen_directive = 1;
		}
	}
}

/* 1 if an Include argument names the drop-in (relative to /etc/ssh). */
static int
names_dropin(const char *arg)
{
	static const char dir[] = "/etc/ssh/";
	size_t pre = arg[0] == '/' ? 0 : sizeof(dir) - 1, n = strlen(arg);
	char small[512], *abs = pre + n < sizeof(small) ? small :
	    malloc(pre + n + 1);
	int hit;

	if (abs == NULL)
		abort();
	memcpy(abs, dir, pre);
	memcpy(abs + pre, arg, n + 1);
	hit = fnmatch(abs, KA_DROPIN_PATH, FNM_PATHNAME | FNM_PERIOD) == 0;
	if (abs != small)
		free(abs);
	return hit;
}

/* Include mode: of the Match lines, the lines that set our keywords and
 * the Includes that name the drop-in, the first is such an Include. */
static void
check_reads_dropin(const struct ka_cfg *c)
{
	size_t i;
	int k;

	for (i = 0; i < c->nlines; i++) {
		const struct ka_line *l = &c->lines[i];
		struct ka_args a;
		int hit = 0;

		if (ka_line_is(l, "match") || ka_line_is(l, KA_KW_INTERVAL) ||
		    ka_line_is(l, KA_KW_COUNT))
			abort();
		if (!ka_line_is(l, "include") || ka_line_args(l, &a) < 0)
			continue;
		for (k = 0; k < a.argc && !hit; k++)
			hit = names_dropin(a.argv[k]);
		ka_args_free(&a);
		if (hit)
			return;
	}
	abort();
}

/* base: remove of in, or NULL when remove refuses in; then the check
 * of the mode's own (or NULL). */
static void
check_mode(const struct ka_cfg *in, edit_fn edit, int has_marker,
    const struct ka_buf *removed, void (*check)(const struct ka_cfg *))
{
	struct ka_cfg *c1 = NULL;

	if (edit(in, empty(&once)) < 0)
		return;
	if (removed == NULL || (c1 = parse(once.data, once.len)) == NULL)
		abort();
	if (edit(c1, empty(&twice)) < 0 || !same(&once, &twice))
		abort();
	if (do_remove(c1, empty(&back)) < 0 || !same(&back, removed))
		abort();
	if (!has_marker && (back.len != in->size ||
	    memcmp(back.data, in->data, in->size) != 0))
		abort();
	check_kept_and_placed(in, c1);
	if (check != NULL)
		check(c1);
	ka_cfg_free(c1);
}

/* The input up to a line "#%%" is sshd_config; with that line, the
 * system has the files above, and what follows is 50-fuzz.conf. */
static size_t
split_input(const char *data, size_t size)
{
	const char *sep = memmem(data, size, SPLIT, sizeof(SPLIT) - 1);
	size_t main_len = sep != NULL ? (size_t)(sep - data) + 1 : size;

	files = sep != NULL ? &full : &bare;
	tree[FUZZ_FILE].text = sep != NULL ? sep + sizeof(SPLIT) - 1 : NULL;
	tree[FUZZ_FILE].len = sep != NULL ?
	    size - main_len - (sizeof(SPLIT) - 2) : 0;
	return main_len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ka_cfg *in = parse((const char *)data,
	    split_input((const char *)data, size));
	int has_marker = 0;
	const struct ka_buf *removed;
	size_t i;

	if (in == NULL)
		return 0;
	for (i = 0; i < in->nlines; i++)
		has_marker |= is_marker(&in->lines[i]);
	removed = do_remove(in, empty(&base)) < 0 ? NULL : &base;
	check_mode(in, do_inline, has_marker, removed, NULL);
	check_mode(in, do_include, has_marker, removed, check_reads_dropin);
	forget_input_file();
	ka_cfg_free(in);
	return 0;
}
