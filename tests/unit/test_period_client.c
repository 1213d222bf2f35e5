/* test_period_client.c - the ssh client's probe model, release by release */
#include <errno.h>

#include "engine/period_client.h"
#include "tap.h"

/* Every release boundary in doc/client.md, and the releases the mock
 * profiles use: include = 7.3p1+, dump = ssh -G (6.8p1+), reset = what
 * postpones the probe (8.4p1+: server traffic only). */
static const struct {
	const char *ver;
	int include, dump;
	enum ka_client_reset reset;
} rels[] = {
	{ "5.3p1", 0, 0, KA_CLIENT_RESET_ANY },     /* el6 */
	{ "6.2p1", 0, 0, KA_CLIENT_RESET_ANY },
	{ "6.3p1", 0, 0, KA_CLIENT_RESET_ANY },     /* whole-second deadline */
	{ "6.6p1", 0, 0, KA_CLIENT_RESET_ANY },
	{ "6.7p1", 0, 0, KA_CLIENT_RESET_ANY },
	{ "6.8p1", 0, 1, KA_CLIENT_RESET_ANY },     /* ssh -G */
	{ "7.2p2", 0, 1, KA_CLIENT_RESET_ANY },
	{ "7.3p1", 1, 1, KA_CLIENT_RESET_ANY },     /* Include */
	{ "7.4p1", 1, 1, KA_CLIENT_RESET_ANY },     /* el7, al2, euler2 */
	{ "8.0p1", 1, 1, KA_CLIENT_RESET_ANY },     /* el8, el8.6 */
	{ "8.2p1", 1, 1, KA_CLIENT_RESET_ANY },     /* oe2003 */
	{ "8.3p1", 1, 1, KA_CLIENT_RESET_ANY },
	{ "8.4p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* commit f11b2334 */
	{ "8.7p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* el9, al2023 */
	{ "8.8p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* oe2203, hce2 */
	{ "9.0p1", 1, 1, KA_CLIENT_RESET_SERVER },
	{ "9.1p1", 1, 1, KA_CLIENT_RESET_SERVER },
	{ "9.2p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* ppoll deadline */
	{ "9.3p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* fc39 */
	{ "9.4p1", 1, 1, KA_CLIENT_RESET_SERVER },
	{ "9.5p1", 1, 1, KA_CLIENT_RESET_SERVER },
	{ "9.6p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* oe2403 */
	{ "9.9p1", 1, 1, KA_CLIENT_RESET_SERVER },  /* el10 */
	{ "10.0p1", 1, 1, KA_CLIENT_RESET_SERVER },
	{ "10.5p1", 1, 1, KA_CLIENT_RESET_SERVER }, /* the newest tag */
};

static void
test_releases(void)
{
	size_t i;

	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		struct ka_sshver v;
		const char *n = rels[i].ver;

		ok(ka_sshver_from_rpm(n, "1", &v) == 0, "%s is read", n);
		ok(ka_client_period(&v, 600) == 600,
		    "%s: interval 600 probes every 600 s", n);
		ok(ka_client_period(&v, 1) == 1, "%s: interval 1 probes every 1 s",
		    n);
		ok(ka_client_has_include(&v) == rels[i].include,
		    "%s: Include %s", n, rels[i].include ? "understood" : "refused");
		ok(ka_client_has_config_dump(&v) == rels[i].dump,
		    "%s: ssh -G %s", n, rels[i].dump ? "exists" : "does not exist");
		ok(ka_client_reset(&v) == rels[i].reset, "%s: %s postpones the probe",
		    n, rels[i].reset == KA_CLIENT_RESET_ANY ? "any event" :
		    "only server traffic");
		ok(ka_client_early(&v) == (rels[i].reset == KA_CLIENT_RESET_ANY ?
		    0 : 1), "%s: the first probe comes up to %d s early", n,
		    rels[i].reset == KA_CLIENT_RESET_ANY ? 0 : 1);
	}
}

/* sshd doubles on 9.2p1-9.4p1; the client of the same release does not. */
static void
test_client_differs_from_server(void)
{
	static const char *const doubling[] = { "9.2p1", "9.3p1", "9.4p1" };
	int i;

	for (i = 0; i < 3; i++) {
		struct ka_sshver v;

		ka_sshver_from_rpm(doubling[i], "1", &v);
		ok(ka_period(&v, 300) == 600 && ka_client_period(&v, 300) == 300,
		    "%s: sshd probes every 600 s, ssh every 300 s", doubling[i]);
	}
}

static void
test_version_lines(void)
{
	struct ka_sshver v;

	ok(ka_sshver_from_line("OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL "
	    "3.0.19 27 Jan 2026\n", &v) == 0 && ka_client_has_include(&v) &&
	    ka_client_reset(&v) == KA_CLIENT_RESET_SERVER,
	    "ssh -V of Debian 9.2p1: Include, server traffic only");
	ok(ka_sshver_from_line("OpenSSH_5.3p1, OpenSSL 1.0.1e-fips 11 Feb "
	    "2013\n", &v) == 0 && !ka_client_has_include(&v) &&
	    !ka_client_has_config_dump(&v),
	    "ssh -V of EL6 5.3p1: no Include, no ssh -G");
}

static void
test_unknown(void)
{
	struct ka_sshver v;

	ka_sshver_from_line("", &v);
	ok(ka_client_period(&v, 175) == 175,
	    "an unknown release: interval 175 probes every 175 s");
	ok(ka_client_period(NULL, 175) == 175, "no release: every 175 s");
	ok(!ka_client_has_include(&v) && !ka_client_has_include(NULL),
	    "an unknown release: Include not assumed (a block works anywhere)");
	ok(!ka_client_has_config_dump(&v), "an unknown release: no ssh -G assumed");
	ok(ka_client_reset(&v) == KA_CLIENT_RESET_UNKNOWN,
	    "an unknown release: what postpones the probe is unknown");
	ok(ka_client_early(&v) == 1, "an unknown release: up to 1 s early");
	ok(ka_client_period(&v, 0) == 0 && ka_client_period(&v, -5) == 0,
	    "interval 0 or less: no probes");
}

static void
test_drop(void)
{
	ok(ka_client_drop_after(15, 3) == 60,
	    "15 x 3: a silent server is given up after 60 s");
	ok(ka_client_drop_after(600, 10) == 6600, "600 x 10: after 6600 s");
	ok(ka_client_drop_after(60, 0) == 60,
	    "count 0: given up at the first check, without a probe");
	ok(ka_client_drop_after(0, 3) == KA_NEVER, "interval 0: never");
	ok(ka_client_drop_after(-1, 3) == KA_NEVER, "negative interval: never");
}

static void
nat_case(const char *ver, long timeout, long want)
{
	struct ka_sshver v;
	long iv = -1, smallest = -1;
	int r;

	ka_sshver_from_rpm(ver, "1", &v);
	r = ka_client_nat_interval(&v, timeout, &iv, &smallest);
	ok(r == 0 && iv == want, "ssh %s, nat timeout %ld s: interval %ld (got "
	    "%ld)", ver, timeout, want, iv);
}

static void
nat_refused(const char *ver, long timeout, long smallest_want)
{
	struct ka_sshver v;
	long iv = -1, smallest = -1;
	int r;

	ka_sshver_from_rpm(ver, "1", &v);
	r = ka_client_nat_interval(&v, timeout, &iv, &smallest);
	ok(r == -ERANGE && iv == -1 && smallest == smallest_want,
	    "ssh %s, nat timeout %ld s: refused, the smallest is %ld (got r=%d, "
	    "%ld)", ver, timeout, smallest_want, r, smallest);
}

static void
test_nat(void)
{
	nat_case("8.7p1", 350, 315);    /* AWS NAT gateway */
	nat_case("9.3p1", 350, 315);    /* no halving on the client */
	nat_case("7.4p1", 240, 216);    /* Azure */
	nat_case("5.3p1", 1200, 1080);  /* GCP Cloud NAT */
	nat_case("8.8p1", 300, 270);    /* Huawei ELB */
	nat_case("9.2p1", 5, 3);
	nat_case("9.2p1", 3, 1);
	nat_refused("9.2p1", 2, 3);
	nat_refused("5.3p1", 0, 3);
	nat_case("9.9p1", 100000, 86400);
}

/* For every timeout up to 2 h the chosen interval is the largest that fits. */
static void
test_nat_is_largest(void)
{
	struct ka_sshver v;
	int bad = 0;
	long t;

	ka_sshver_from_rpm("9.3p1", "1", &v);
	for (t = 1; t <= 7200; t++) {
		long iv = 0, sm = 0, room = t - ka_nat_margin(t);

		if (ka_client_nat_interval(&v, t, &iv, &sm) < 0)
			bad += room >= 1;
		else
			bad += ka_client_period(&v, iv) > room ||
			    ka_client_period(&v, iv + 1) <= room;
	}
	ok(bad == 0, "9.3p1: every timeout from 1 s to 2 h gets the largest "
	    "client interval that fits (%d wrong)", bad);
}

int
main(void)
{
	test_releases();
	test_client_differs_from_server();
	test_version_lines();
	test_unknown();
	test_drop();
	test_nat();
	test_nat_is_largest();
	return tap_done();
}
