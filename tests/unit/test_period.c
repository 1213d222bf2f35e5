/* test_period.c - the probe period model, release by release */
#include <errno.h>

#include "engine/period.h"
#include "tap.h"

/* A version line as each release prints it: 9.2p1-9.4p1 answer -V with
 * SSH_VERSION ("OpenSSH_9.2"), 9.5p1 and later with SSH_RELEASE; older
 * ones know no -V and print the release in usage(). */
static const struct {
	const char *line, *name;
	int doubles, count0;
} lines[] = {
	{ "sshd: illegal option -- V\nOpenSSH_5.3p1, OpenSSL 1.0.1e-fips "
	  "11 Feb 2013\nusage: sshd [-46DdeiqTt] [-b bits]\n", "5.3p1", 0,
	  KA_COUNT0_DROPS },
	{ "sshd: illegal option -- V\nOpenSSH_7.4p1, OpenSSL 1.0.2k-fips  "
	  "26 Jan 2017\n", "7.4p1", 0, KA_COUNT0_DROPS },
	{ "unknown option -- V\nOpenSSH_8.0p1, OpenSSL 1.1.1k  FIPS 25 Mar "
	  "2021\n", "8.0p1", 0, KA_COUNT0_UNKNOWN },
	{ "OpenSSH_8.1p1, OpenSSL 1.1.1d  10 Sep 2019", "8.1p1", 0,
	  KA_COUNT0_DROPS },
	{ "OpenSSH_8.2p1 Ubuntu-4ubuntu0.11, OpenSSL 1.1.1f  31 Mar 2020",
	  "8.2p1", 0, KA_COUNT0_NEVER },
	{ "unknown option -- V\nOpenSSH_8.7p1, OpenSSL 3.0.7 1 Nov 2022\n",
	  "8.7p1", 0, KA_COUNT0_NEVER },
	{ "OpenSSH_9.1p1, OpenSSL 3.0.8 7 Feb 2023", "9.1p1", 0,
	  KA_COUNT0_NEVER },
	{ "OpenSSH_9.2, OpenSSL 3.0.19 27 Jan 2026\n", "9.2", 1,
	  KA_COUNT0_NEVER },
	{ "unknown option -- Z\nOpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL "
	  "3.0.19 27 Jan 2026\n", "9.2p1", 1, KA_COUNT0_NEVER },
	{ "OpenSSH_9.3, OpenSSL 3.1.1 30 May 2023", "9.3", 1,
	  KA_COUNT0_NEVER },
	{ "OpenSSH_9.4, OpenSSL 3.1.4 24 Oct 2023", "9.4", 1,
	  KA_COUNT0_NEVER },
	{ "OpenSSH_9.5p1, OpenSSL 3.1.4 24 Oct 2023", "9.5p1", 0,
	  KA_COUNT0_NEVER },
	{ "OpenSSH_9.6p1, OpenSSL 3.0.12 24 Oct 2023", "9.6p1", 0,
	  KA_COUNT0_NEVER },
	{ "unknown option -- V\nOpenSSH_8.8p1, OpenSSL 1.1.1m  14 Dec 2021\n",
	  "8.8p1", 0, KA_COUNT0_NEVER },
	{ "OpenSSH_9.9p1, OpenSSL 3.2.2 4 Jun 2024", "9.9p1", 0,
	  KA_COUNT0_NEVER },
	{ "OpenSSH_10.0p2, OpenSSL 3.5.0 8 Apr 2025", "10.0p2", 0,
	  KA_COUNT0_NEVER },
};

static void
test_lines(void)
{
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct ka_sshver v;
		int r = ka_sshver_from_line(lines[i].line, &v);

		ok(r == 0 && v.known, "version line %s is read", lines[i].name);
		is_str(v.text, lines[i].name, "version line %s: its name",
		    lines[i].name);
		ok(ka_period_doubles(&v) == lines[i].doubles,
		    "%s: %s", lines[i].name, lines[i].doubles ?
		    "probes every 2 x interval" : "probes every interval");
		ok(ka_period(&v, 600) == (lines[i].doubles ? 1200 : 600),
		    "%s: interval 600 probes every %d s", lines[i].name,
		    lines[i].doubles ? 1200 : 600);
		ok((int)ka_count0_meaning(&v) == lines[i].count0,
		    "%s: ClientAliveCountMax 0 means %d", lines[i].name,
		    lines[i].count0);
	}
}

static void
test_bad_lines(void)
{
	static const char *const bad[] = {
		"", "sshd: no version here", "OpenSSH_", "OpenSSH_x.y",
		"OpenSSH_9", "OpenSSH_9.", "OpenSSH_99999999999.1p1",
		"OpenSSH_9.99999999999p1", NULL
	};
	struct ka_sshver v;
	int i;

	for (i = 0; bad[i] != NULL; i++)
		ok(ka_sshver_from_line(bad[i], &v) == -EINVAL && !v.known,
		    "'%s' is no version line", bad[i]);
	ok(ka_sshver_from_line(NULL, &v) == -EINVAL && !v.known,
	    "no output is no version line");
}

/* The rpm database: version and release of openssh-server. */
static const struct {
	const char *version, *release;
	int doubles, count0;
	const char *what;
} evrs[] = {
	{ "5.3p1", "124.el6_10", 0, KA_COUNT0_DROPS, "CentOS 6" },
	{ "7.4p1", "22.el7_9", 0, KA_COUNT0_DROPS, "CentOS 7" },
	{ "8.0p1", "10.el8", 0, KA_COUNT0_DROPS, "RHEL 8.5" },
	{ "8.0p1", "12.el8", 0, KA_COUNT0_NEVER, "RHEL 8.6 backport" },
	{ "8.0p1", "13.el8", 0, KA_COUNT0_NEVER, "RHEL 8.6" },
	{ "8.7p1", "38.el9", 0, KA_COUNT0_NEVER, "RHEL 9" },
	{ "9.1p1", "1.fc37", 0, KA_COUNT0_NEVER, "Fedora 37" },
	{ "9.2p1", "1.fc38", 1, KA_COUNT0_NEVER, "9.2p1" },
	{ "9.3p1", "9.fc39", 1, KA_COUNT0_NEVER, "Fedora 39" },
	{ "9.4p1", "1.fc40", 1, KA_COUNT0_NEVER, "9.4p1" },
	{ "9.5p1", "1.fc40", 0, KA_COUNT0_NEVER, "9.5p1" },
	{ "9.9p1", "1.el10", 0, KA_COUNT0_NEVER, "EL10" },
	{ "10.0p1", "2.fc42", 0, KA_COUNT0_NEVER, "Fedora 42" },
	/* EulerOS, openEuler, Huawei Cloud EulerOS (mock/profiles; sources
	 * in tests/fixtures/stock/SOURCES.md) */
	{ "7.4p1", "16.h25.eulerosv2r7", 0, KA_COUNT0_DROPS, "EulerOS 2.0 SP5" },
	{ "8.2p1", "9.h36.eulerosv2r10", 0, KA_COUNT0_NEVER, "EulerOS 2.0 SP10" },
	{ "8.8p1", "14.h19.eulerosv2r12", 0, KA_COUNT0_NEVER, "EulerOS 2.0 SP12" },
	{ "8.2p1", "9.oe1", 0, KA_COUNT0_NEVER, "openEuler 20.03 LTS" },
	{ "8.8p1", "37.oe2203sp3", 0, KA_COUNT0_NEVER, "openEuler 22.03 LTS SP3" },
	{ "9.6p1", "16.oe2403sp4", 0, KA_COUNT0_NEVER, "openEuler 24.03 LTS SP4" },
	{ "8.8p1", "37.hce2", 0, KA_COUNT0_NEVER, "Huawei Cloud EulerOS 2.0" },
};

static void
test_rpm(void)
{
	size_t i;

	for (i = 0; i < sizeof(evrs) / sizeof(evrs[0]); i++) {
		struct ka_sshver v;
		int r = ka_sshver_from_rpm(evrs[i].version, evrs[i].release, &v);

		ok(r == 0 && v.known, "rpm %s-%s (%s) is read", evrs[i].version,
		    evrs[i].release, evrs[i].what);
		ok(ka_period(&v, 300) == (evrs[i].doubles ? 600 : 300),
		    "rpm %s-%s: interval 300 probes every %d s", evrs[i].version,
		    evrs[i].release, evrs[i].doubles ? 600 : 300);
		ok((int)ka_count0_meaning(&v) == evrs[i].count0,
		    "rpm %s-%s: ClientAliveCountMax 0 means %d", evrs[i].version,
		    evrs[i].release, evrs[i].count0);
	}
}

static void
test_bad_rpm(void)
{
	struct ka_sshver v;

	ok(ka_sshver_from_rpm("", "1.el9", &v) == -EINVAL && !v.known,
	    "an empty rpm version is refused");
	ok(ka_sshver_from_rpm("8.7p1x", "1.el9", &v) == -EINVAL,
	    "rpm version 8.7p1x is refused");
	ok(ka_sshver_from_rpm("9", "1", &v) == -EINVAL,
	    "rpm version 9 is refused");
	ok(ka_sshver_from_rpm("8.0p1", "el8", &v) == 0 && v.rel == -1 &&
	    ka_count0_meaning(&v) == KA_COUNT0_UNKNOWN,
	    "a release without a number leaves 8.0p1's count 0 unknown");
}

static void
test_unknown(void)
{
	struct ka_sshver v;
	char buf[64];

	ka_sshver_from_line("", &v);
	ok(ka_period_doubles(&v), "an unknown release: assume the doubling");
	ok(ka_period(&v, 175) == 350, "an unknown release: 175 probes every 350");
	ok(ka_count0_meaning(&v) == KA_COUNT0_UNKNOWN,
	    "an unknown release: count 0 unknown");
	ok(ka_period_doubles(NULL), "no release at all: assume the doubling");
	is_str(ka_sshver_name(&v, buf, sizeof(buf)),
	    "an unknown OpenSSH release", "an unknown release is named so");
	ka_sshver_from_rpm("9.3p1", "9.fc39", &v);
	is_str(ka_sshver_name(&v, buf, sizeof(buf)), "OpenSSH 9.3p1",
	    "a known release is named");
}

static void
test_drop(void)
{
	ok(ka_drop_after(1200, 600, 10, KA_COUNT0_NEVER) == 13200,
	    "9.2p1, 600 x 10: dropped after 1200 x 11 = 13200 s");
	ok(ka_drop_after(600, 600, 10, KA_COUNT0_NEVER) == 6600,
	    "8.7p1, 600 x 10: dropped after 600 x 11 = 6600 s");
	ok(ka_drop_after(2, 1, 3, KA_COUNT0_NEVER) == 8,
	    "9.2p1, 1 x 3: dropped after 2 x 4 = 8 s (measured 7.4 s)");
	ok(ka_drop_after(600, 600, 0, KA_COUNT0_DROPS) == 600,
	    "count 0 before 8.2p1: dropped at the first idle interval");
	ok(ka_drop_after(1200, 600, 0, KA_COUNT0_NEVER) == KA_NEVER,
	    "count 0 from 8.2p1: never dropped");
	ok(ka_drop_after(600, 600, 0, KA_COUNT0_UNKNOWN) == KA_NEVER,
	    "count 0, meaning unknown: no figure");
	ok(ka_drop_after(0, 0, 10, KA_COUNT0_NEVER) == KA_NEVER,
	    "interval 0: no probes, never dropped by them");
}

static void
test_margin(void)
{
	ok(ka_nat_margin(5) == 2, "margin for 5 s: 2 s");
	ok(ka_nat_margin(20) == 2, "margin for 20 s: 2 s");
	ok(ka_nat_margin(21) == 3, "margin for 21 s: 10%% rounded up, 3 s");
	ok(ka_nat_margin(240) == 24, "margin for 240 s: 24 s");
	ok(ka_nat_margin(350) == 35, "margin for 350 s: 35 s");
	ok(ka_nat_margin(1200) == 120, "margin for 1200 s: 120 s");
}

static void
nat_case(const char *ver, const char *rel, long timeout, long want)
{
	struct ka_sshver v;
	long iv = -1, smallest = -1;
	int r;

	ka_sshver_from_rpm(ver, rel, &v);
	r = ka_nat_interval(&v, timeout, &iv, &smallest);
	ok(r == 0 && iv == want, "%s, nat timeout %ld s: interval %ld (got %ld)",
	    ver, timeout, want, iv);
}

static void
nat_refused(const char *ver, long timeout, long smallest_want)
{
	struct ka_sshver v;
	long iv = -1, smallest = -1;
	int r;

	ka_sshver_from_rpm(ver, "1", &v);
	r = ka_nat_interval(&v, timeout, &iv, &smallest);
	ok(r == -ERANGE && iv == -1 && smallest == smallest_want,
	    "%s, nat timeout %ld s: refused, the smallest that works is %ld "
	    "(got r=%d, %ld)", ver, timeout, smallest_want, r, smallest);
}

static void
test_nat(void)
{
	/* the middleboxes of the README */
	nat_case("8.7p1", "38.el9", 350, 315);   /* AWS NAT gateway, NFW */
	nat_case("9.2p1", "1", 350, 157);
	nat_case("9.3p1", "9.fc39", 350, 157);
	nat_case("9.5p1", "1", 350, 315);
	nat_case("8.7p1", "38.el9", 240, 216);   /* Azure LB and NAT */
	nat_case("9.2p1", "1", 240, 108);
	nat_case("8.7p1", "38.el9", 1200, 1080); /* GCP Cloud NAT */
	nat_case("9.2p1", "1", 1200, 540);
	nat_case("7.4p1", "16.h25.eulerosv2r7", 300, 270); /* Huawei ELB TCP */
	nat_case("8.2p1", "9.oe1", 300, 270);
	nat_case("8.8p1", "37.oe2203sp3", 300, 270);
	nat_case("9.6p1", "16.oe2403sp4", 300, 270);
	nat_case("8.8p1", "37.hce2", 300, 270);
	nat_case("9.3p1", "9.fc39", 300, 135);
	nat_case("8.8p1", "37.hce2", 900, 810);   /* Huawei NAT gateway SNAT */
	nat_case("9.3p1", "9.fc39", 900, 405);
	nat_case("8.8p1", "37.hce2", 600, 540);   /* its older pages: 600 s */
	nat_case("8.7p1", "38.el9", 86400, 77760); /* kube-proxy's 24 h */
	nat_case("8.7p1", "38.el9", 3600, 3240);  /* ASA, SRX-style 1 h */
	nat_case("8.7p1", "38.el9", 1800, 1620);  /* SRX TCP 30 min */
	/* the live suite's figure */
	nat_case("9.2p1", "1", 5, 1);
	nat_case("8.7p1", "1", 5, 3);
	/* the smallest that work, and the refusals */
	nat_case("8.7p1", "1", 3, 1);
	nat_case("9.2p1", "1", 4, 1);
	nat_refused("8.7p1", 2, 3);
	nat_refused("9.2p1", 3, 4);
	nat_refused("9.4p1", 1, 4);
	nat_refused("9.1p1", 0, 3);
	/* the 24 h cap */
	nat_case("8.7p1", "1", 100000, 86400);
	nat_case("9.2p1", "1", 100000, 45000);
	nat_case("9.2p1", "1", 604800, 86400);
	nat_case("5.3p1", "1", 604800, 86400);
}

/* For every timeout up to 2 h: the chosen interval's period stays at or
 * below timeout - margin, and one second more would not. */
static void
test_nat_is_largest(void)
{
	static const char *const vers[] = { "8.7p1", "9.2p1" };
	int i, bad;
	long t;

	for (i = 0; i < 2; i++) {
		struct ka_sshver v;

		bad = 0;
		ka_sshver_from_rpm(vers[i], "1", &v);
		for (t = 1; t <= 7200; t++) {
			long iv = 0, sm = 0, room = t - ka_nat_margin(t);

			if (ka_nat_interval(&v, t, &iv, &sm) < 0)
				bad += ka_period(&v, 1) <= room;
			else
				bad += ka_period(&v, iv) > room ||
				    (iv < 86400 && ka_period(&v, iv + 1) <= room);
		}
		ok(bad == 0, "%s: every timeout from 1 s to 2 h gets the largest "
		    "interval that fits (%d wrong)", vers[i], bad);
	}
}

int
main(void)
{
	test_lines();
	test_bad_lines();
	test_rpm();
	test_bad_rpm();
	test_unknown();
	test_drop();
	test_margin();
	test_nat();
	test_nat_is_largest();
	return tap_done();
}
