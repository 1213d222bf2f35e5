/* fuzz_value.c - libFuzzer: value parsing on any input
 *
 * No crash; accepted values within their bounds; an accepted interval
 * is made only of digits and unit letters; sshd's own reader never
 * returns a negative time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct ka_err e;
	long v;
	int yes;

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (ka_value_parse_interval(s, &v, &e) == 0 &&
	    (v < 0 || v > KA_INTERVAL_MAX ||
	    strspn(s, "0123456789smhdwSMHDW") != strlen(s)))
		abort();
	if (ka_value_parse_count_max(s, &v, &e) == 0 &&
	    (v < 0 || v > KA_COUNT_MAX_MAX))
		abort();
	if (ka_value_parse_yesno(s, &yes, &e) == 0 && yes != 0 && yes != 1)
		abort();
	if (ka_value_sshd_time(s, &v) == 0 && (v < 0 || v > 2147483647L))
		abort();
	if (ka_value_sshd_int(s, &v) == 0 && (v < 0 || v > 2147483647L))
		abort();
	free(s);
	return 0;
}
