/* fuzz_config.c - libFuzzer: the sshd_config editor on any input
 *
 * On every input that parses (NUL bytes are refused, by design):
 *   apply is idempotent, in inline and in include mode;
 *   remove after apply gives back remove of the input, and the input
 *   itself when it held no block of ours;
 *   every line that is not ours comes through, in order, byte for byte;
 *   our block stands before the first directive that is not ours.
 * A violation aborts, which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block.h"
#include "buf.h"
#include "cfgfile.h"
#include "dropin.h"
#include "edit.h"

static char root[] = "/tmp/ka-fuzz-root.XXXXXX";

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (mkdtemp(root) == NULL)
		abort();
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
	return l->kind == KA_LINE_COMMENT &&
	    ((l->len >= strlen(KA_MARK_BEGIN) &&
	    memcmp(l->text, KA_MARK_BEGIN, strlen(KA_MARK_BEGIN)) == 0) ||
	    (l->len >= strlen(KA_MARK_END) &&
	    memcmp(l->text, KA_MARK_END, strlen(KA_MARK_END)) == 0));
}

/* 1: edit returns an error (fine: unbalanced markers, include loops) */
typedef int (*edit_fn)(const struct ka_cfg *, struct ka_buf *);

static int
do_inline(const struct ka_cfg *c, struct ka_buf *out)
{
	struct ka_values v = { 600, 10, -1 };
	struct ka_err e;

	return ka_edit_inline(c, &v, out, &e);
}

static int
do_include(const struct ka_cfg *c, struct ka_buf *out)
{
	struct ka_target t = { root, KA_DROPIN_PATH, KA_DROPIN_DIR,
	    { 600, 10, -1 } };
	struct ka_err e;

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

static void
check_mode(const struct ka_cfg *in, edit_fn edit, int has_marker)
{
	struct ka_buf once = KA_BUF_INIT, twice = KA_BUF_INIT;
	struct ka_buf back = KA_BUF_INIT, base = KA_BUF_INIT;
	struct ka_cfg *c1 = NULL;

	if (edit(in, &once) < 0)
		goto out;
	if ((c1 = parse(once.data, once.len)) == NULL)
		abort();
	if (edit(c1, &twice) < 0 || !same(&once, &twice))
		abort();
	if (do_remove(c1, &back) < 0 || do_remove(in, &base) < 0 ||
	    !same(&back, &base))
		abort();
	if (!has_marker && (back.len != in->size ||
	    memcmp(back.data, in->data, in->size) != 0))
		abort();
	check_kept_and_placed(in, c1);
out:
	ka_cfg_free(c1);
	ka_buf_free(&once);
	ka_buf_free(&twice);
	ka_buf_free(&back);
	ka_buf_free(&base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ka_cfg *in = parse((const char *)data, size);
	int has_marker = 0;
	size_t i;

	if (in == NULL)
		return 0;
	for (i = 0; i < in->nlines; i++)
		has_marker |= is_marker(&in->lines[i]);
	check_mode(in, do_inline, has_marker);
	check_mode(in, do_include, has_marker);
	ka_cfg_free(in);
	return 0;
}
