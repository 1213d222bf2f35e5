/* bench_engine.c - the engine's own cost, in process: read a config,
 * build the inline candidate, N times; prints the median of R rounds in
 * microseconds per edit.   usage: bench_engine FILE N R */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "engine/buf.h"
#include "engine/cfgfile.h"
#include "engine/edit.h"
#include "sys/fsutil.h"

static double
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	struct ka_values v = { 600, 10, -1 };
	int n = argc > 2 ? atoi(argv[2]) : 1000, rounds = argc > 3 ? atoi(argv[3]) : 7;
	double *t = calloc((size_t)rounds, sizeof(double));
	int i, k;

	if (argc < 2 || t == NULL || n < 1 || rounds < 1)
		return 2;
	for (k = 0; k < rounds; k++) {
		double t0 = now_us();

		for (i = 0; i < n; i++) {
			struct ka_buf out = KA_BUF_INIT;
			struct ka_cfg *c;
			struct ka_err e;

			if (ka_cfg_load(NULL, argv[1], &c, &e) < 0 ||
			    ka_edit_inline(c, &v, &out, &e) < 0) {
				fprintf(stderr, "bench_engine: %s\n", e.msg);
				return 1;
			}
			ka_cfg_free(c);
			ka_buf_free(&out);
		}
		t[k] = (now_us() - t0) / n;
	}
	qsort(t, (size_t)rounds, sizeof(double), cmp_double);
	printf("%.2f\n", t[rounds / 2]);
	free(t);
	return 0;
}
