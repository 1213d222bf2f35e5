/* test_vercmp.c - ka_vercmp() against librpm's own rpmvercmp()
 *
 * Linked with librpm only here: the programs compare versions without
 * it.  Curated pairs (openssh releases, rpm's own corner cases), then
 * random pairs over the characters that matter. */
#include <stdlib.h>

#include "engine/vercmp.h"
#include "sys/rpmver.h"
#include "tap.h"

/* librpm (rpm/rpmver.h in rpm 4.16+, rpm/rpmlib.h before) */
int rpmvercmp(const char *a, const char *b);

static int
sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

static const char *const pairs[][2] = {
	{ "1.0", "1.0" }, { "1.0", "2.0" }, { "2.0.1", "2.0" },
	{ "2.0.1a", "2.0.1" }, { "5.5p1", "5.5p10" }, { "5.5p10", "5.5p1" },
	{ "10xyz", "10.1xyz" }, { "xyz10", "xyz10.1" }, { "xyz.4", "8" },
	{ "1.0aa", "1.0a" }, { "1b.fc17", "1.fc17" }, { "1.0~rc1", "1.0" },
	{ "1.0~rc1", "1.0~rc2" }, { "1.0~rc1~git123", "1.0~rc1" },
	{ "1.0^", "1.0" }, { "1.0^git1", "1.0^git2" }, { "1.0^git1", "1.01" },
	{ "1.0^20160101", "1.0.1" }, { "1.0^git1~pre", "1.0^git1" },
	{ "8.2p1", "8.2p1" }, { "8.0p1", "8.2p1" }, { "9.9p1", "8.2p1" },
	{ "10.0p1", "8.2p1" }, { "7.4p1", "8.2p1" }, { "5.3p1", "8.2p1" },
	{ "8.10p1", "8.2p1" }, { "12", "12" }, { "13.el8", "12" },
	{ "11.el8_5", "12" }, { "12.el8", "12" }, { "9.el8", "12" },
	{ "0012", "12" }, { "a", "1" }, { "", "" }, { "", "1" }, { ".", "" },
	{ "1..0", "1.0" }, { "1_0", "1.0" }, { "+", "~" }, { "^", "~" },
	{ "1.0", "1.0.0" }, { "001", "1" }, { "1a", "1.a" },
};

static void
test_curated(void)
{
	size_t i, bad = 0;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const char *a = pairs[i][0], *b = pairs[i][1];

		if (sign(ka_vercmp(a, b)) != sign(rpmvercmp(a, b))) {
			printf("# '%s' '%s': ours %d, rpm %d\n", a, b,
			    ka_vercmp(a, b), rpmvercmp(a, b));
			bad++;
		}
	}
	ok(bad == 0, "%zu curated pairs compare as rpmvercmp does",
	    sizeof(pairs) / sizeof(pairs[0]));
}

static void
random_version(char *s, size_t max)
{
	static const char chars[] = "000112999aabzZ..~^_-+";
	size_t n = (size_t)rand() % max, i;

	for (i = 0; i < n; i++)
		s[i] = chars[rand() % (int)(sizeof(chars) - 1)];
	s[n] = '\0';
}

static void
test_random(void)
{
	char a[16], b[16];
	long i, bad = 0, n = 300000;

	srand(20261124);
	for (i = 0; i < n; i++) {
		random_version(a, 10);
		if (i % 2)
			random_version(b, 10);
		else   /* a near neighbour: one byte changed */
			memcpy(b, a, sizeof(a)), b[strlen(a) / 2] = "1a.~^"[i % 5];
		if (sign(ka_vercmp(a, b)) != sign(rpmvercmp(a, b)) && bad++ < 5)
			printf("# '%s' '%s': ours %d, rpm %d\n", a, b,
			    ka_vercmp(a, b), rpmvercmp(a, b));
	}
	ok(bad == 0, "%ld random pairs compare as rpmvercmp does (%ld differ)",
	    n, bad);
}

static void
test_has_include(void)
{
	ok(ka_rpm_version_has_include("8.2p1", "1.el9"), "8.2p1: Include");
	ok(ka_rpm_version_has_include("10.0p1", "2.fc42"), "10.0p1: Include");
	ok(ka_rpm_version_has_include("8.0p1", "12.el8"), "8.0p1-12: Include");
	ok(ka_rpm_version_has_include("8.0p1", "13.el8_6"), "8.0p1-13: Include");
	ok(!ka_rpm_version_has_include("8.0p1", "11.el8"), "8.0p1-11: none");
	ok(!ka_rpm_version_has_include("8.1p1", "40.el8"), "8.1p1: none");
	ok(!ka_rpm_version_has_include("7.4p1", "22.el7_9"), "7.4p1: none");
	ok(!ka_rpm_version_has_include("5.3p1", "124.el6_10"), "5.3p1: none");
	/* EulerOS, openEuler and Huawei Cloud EulerOS (mock/profiles) */
	ok(!ka_rpm_version_has_include("7.4p1", "16.h25.eulerosv2r7"),
	    "7.4p1-16.h25.eulerosv2r7 (EulerOS 2.0 SP5): none");
	ok(ka_rpm_version_has_include("8.2p1", "9.oe1"),
	    "8.2p1-9.oe1 (openEuler 20.03): Include");
	ok(ka_rpm_version_has_include("8.8p1", "37.oe2203sp3"),
	    "8.8p1-37.oe2203sp3 (openEuler 22.03): Include");
	ok(ka_rpm_version_has_include("9.6p1", "16.oe2403sp4"),
	    "9.6p1-16.oe2403sp4 (openEuler 24.03): Include");
	ok(ka_rpm_version_has_include("8.8p1", "37.hce2"),
	    "8.8p1-37.hce2 (Huawei Cloud EulerOS 2.0): Include");
}

int
main(void)
{
	test_curated();
	test_random();
	test_has_include();
	return tap_done();
}
