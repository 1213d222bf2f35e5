/* vercmp.c - compare two version or release strings as rpm does
 *
 * Written from rpm's documented rules (see vercmp.h); checked against
 * librpm's own rpmvercmp() on many pairs by tests/unit/test_vercmp.c. */
#include "engine/vercmp.h"

#include <string.h>

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_sep(char c)
{
	return c != '\0' && !is_digit(c) && !is_alpha(c) && c != '~' &&
	    c != '^';
}

/* Compare one run of digits (or of letters) at *a and *b and step over
 * both; b's run may be empty (then the kinds differ). */
static int
compare_run(const char **a, const char **b)
{
	const char *sa = *a, *sb = *b;
	int (*in_run)(char) = is_digit(*sa) ? is_digit : is_alpha;
	size_t la, lb;
	int c;

	while (*sa != '\0' && in_run(*sa))
		sa++;
	while (*sb != '\0' && in_run(*sb))
		sb++;
	if (sb == *b)   /* a number beats letters */
		return in_run == is_digit ? 1 : -1;
	if (in_run == is_digit) {
		while (**a == '0')
			(*a)++;
		while (**b == '0')
			(*b)++;
	}
	la = (size_t)(sa - *a);
	lb = (size_t)(sb - *b);
	if (in_run == is_digit && la != lb)
		return la > lb ? 1 : -1;
	c = memcmp(*a, *b, la < lb ? la : lb);
	if (c == 0 && la != lb)
		c = la > lb ? 1 : -1;
	*a = sa;
	*b = sb;
	return c < 0 ? -1 : c > 0;
}

/* '~' and '^' at a or b: 2 when neither is there, else the answer or
 * 0 to go on after both. */
static int
compare_tilde_caret(const char **a, const char **b)
{
	if (**a == '~' || **b == '~') {
		if (**a != '~')
			return 1;
		if (**b != '~')
			return -1;
	} else if (**a == '^' || **b == '^') {
		if (**a == '\0')
			return -1;
		if (**b == '\0')
			return 1;
		if (**a != '^')
			return 1;
		if (**b != '^')
			return -1;
	} else {
		return 2;
	}
	(*a)++;
	(*b)++;
	return 0;
}

int
ka_vercmp(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 0;
	while (*a != '\0' || *b != '\0') {
		int c;

		while (is_sep(*a))
			a++;
		while (is_sep(*b))
			b++;
		if ((c = compare_tilde_caret(&a, &b)) != 2) {
			if (c != 0)
				return c;
			continue;
		}
		if (*a == '\0' || *b == '\0')
			break;
		if ((c = compare_run(&a, &b)) != 0)
			return c;
	}
	if (*a == '\0' && *b == '\0')
		return 0;
	return *a == '\0' ? -1 : 1;
}
