/* engine_cli.c - ka-engine: run one engine operation and print the
 * result, for tests and demos.  Never writes a file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/dropin.h"
#include "engine/edit.h"
#include "engine/effective.h"
#include "engine/value.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "sys/rootfs.h"

#define PROG "ka-engine"

struct opts {
	const char *root;
	struct ka_values v;
	int have_values;
};

/* FILE is read under --root, as every path the config names is.
 * Exit: 0 done, 1 the config or a file is wrong, 2 bad usage or value. */
static void
usage(FILE *f)
{
	fprintf(f, "usage: " PROG " [--root DIR] include FILE\n"
	    "       " PROG " [--root DIR] effective FILE\n"
	    "       " PROG " --interval T [--count-max N] [--tcp-keepalive yes|no] inline FILE\n"
	    "       " PROG " remove FILE\n"
	    "       " PROG " parse-interval|parse-count-max|parse-yesno VALUE\n");
}

static int
fail(const struct ka_err *e)
{
	fprintf(stderr, PROG ": %s\n", e->msg);
	return 1;
}

static int
write_out(const struct ka_buf *b)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		fprintf(stderr, PROG ": stdout: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* The drop-in's keywords: from root's drop-in when there is one, else
 * the shipped pair. */
static int
dropin_keys(const char *root, struct ka_values *keys, struct ka_err *e)
{
	struct ka_cfg *d;
	int r;

	r = ka_cfg_load(root, KA_DROPIN_PATH, &d, e);
	if (r == -ENOENT) {
		keys->interval = 600;
		keys->count_max = 10;
		keys->tcp_keepalive = -1;
		return 0;
	}
	if (r < 0)
		return r;
	r = ka_dropin_values(d, keys, e);
	ka_cfg_free(d);
	return r;
}

static void
print_report(const struct ka_kw_report *k)
{
	size_t i;

	if (k->winner < 0) {
		char buf[32];

		printf("%s %s default\n", k->key,
		    ka_effective_show(k, k->dflt, buf, sizeof(buf)));
	}
	for (i = 0; i < k->n; i++) {
		const struct ka_setting *s = &k->set[i];
		const char *tag = (int)i == k->winner ? k->key :
		    s->match != NULL ? "  match" : "  ignored";

		printf("%s %s %s:%zu%s", tag, s->value, s->file, s->line,
		    s->valid ? "" : " (invalid)");
		if (s->match != NULL)
			printf(" (Match %s at %s:%zu)", s->match, s->match_file,
			    s->match_line);
		printf("\n");
	}
}

static int
run_effective(const struct opts *o, const struct ka_cfg *cfg,
    struct ka_err *e)
{
	struct ka_files f = ka_files_system(o->root);
	struct ka_effective eff;
	int kw, r;

	if ((r = ka_effective_compute(&f, cfg, &eff, e)) < 0)
		return r;
	for (kw = 0; kw < KA_KW_N; kw++)
		print_report(&eff.kw[kw]);
	ka_effective_free(&eff);
	return 0;
}

static int
run_edit(const struct opts *o, const char *op, const struct ka_cfg *cfg,
    struct ka_buf *out, struct ka_err *e)
{
	struct ka_files f = ka_files_system(o->root);
	struct ka_target t;
	int r;

	if (strcmp(op, "remove") == 0)
		return ka_edit_remove(cfg, out, e);
	if (strcmp(op, "inline") == 0) {
		if (!o->have_values)
			return ka_err_set(e, EINVAL, NULL, 0,
			    "inline needs --interval, --count-max or --tcp-keepalive");
		return ka_edit_inline(cfg, &o->v, out, e);
	}
	t.files = &f;
	t.dropin = KA_DROPIN_PATH;
	t.dropin_dir = KA_DROPIN_DIR;
	if ((r = dropin_keys(o->root, &t.keys, e)) < 0)
		return r;
	return ka_edit_include(cfg, &t, out, e);
}

static int
run_parse(const char *op, const char *val)
{
	struct ka_err e;
	long n = 0;
	int yes = 0, r;

	if (strcmp(op, "parse-interval") == 0)
		r = ka_value_parse_interval(val, &n, &e);
	else if (strcmp(op, "parse-count-max") == 0)
		r = ka_value_parse_count_max(val, &n, &e);
	else
		r = ka_value_parse_yesno(val, &yes, &e), n = yes;
	if (r < 0)
		return fail(&e);
	printf("%ld\n", n);
	return 0;
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count-max", required_argument, NULL, 'c' },
		{ "tcp-keepalive", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ka_err e;
	int c, yes, r = 0, idx = 0;

	while (r == 0 && (c = getopt_long(argc, argv, "", lo, &idx)) != -1) {
		o->have_values |= c == 'i' || c == 'c' || c == 't';
		if (c == 'r')
			o->root = optarg;
		else if (c == 'i')
			r = ka_value_parse_interval(optarg, &o->v.interval, &e);
		else if (c == 'c')
			r = ka_value_parse_count_max(optarg, &o->v.count_max, &e);
		else if (c == 't') {
			r = ka_value_parse_yesno(optarg, &yes, &e);
			o->v.tcp_keepalive = yes;
		} else if (c == 'h') {
			usage(stdout);
			exit(0);
		} else
			return -EINVAL;
	}
	if (r < 0)
		fprintf(stderr, PROG ": --%s: %s\n", lo[idx].name, e.msg);
	return r;
}

int
main(int argc, char **argv)
{
	struct opts o = { NULL, KA_VALUES_UNSET, 0 };
	struct ka_buf out = KA_BUF_INIT;
	struct ka_cfg *cfg = NULL;
	struct ka_err e;
	const char *op;
	int r;

	if (parse_opts(argc, argv, &o) < 0)
		return 2;
	if (ka_root_check(o.root, &o.root, &e) < 0) {
		fprintf(stderr, PROG ": %s\n", e.msg);
		return 2;
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	op = argv[optind];
	if (strncmp(op, "parse-", 6) == 0)
		return run_parse(op, argv[optind + 1]);
	if (ka_cfg_load(o.root, argv[optind + 1], &cfg, &e) < 0)
		return fail(&e);
	if (strcmp(op, "effective") == 0)
		r = run_effective(&o, cfg, &e);
	else if (strcmp(op, "include") == 0 || strcmp(op, "inline") == 0 ||
	    strcmp(op, "remove") == 0)
		r = run_edit(&o, op, cfg, &out, &e);
	else
		r = ka_err_set(&e, EINVAL, NULL, 0, "unknown operation '%s'", op);
	ka_cfg_free(cfg);
	if (r < 0) {
		ka_buf_free(&out);
		return fail(&e);
	}
	r = out.data != NULL ? write_out(&out) : 0;
	ka_buf_free(&out);
	return r;
}
