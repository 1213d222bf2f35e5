/* period.h - how often an OpenSSH release probes, and when it drops
 *
 * Pure: no system calls.  Facts from serverloop.c at each release tag
 * (wait_until_can_do_something, client_alive_check):
 *
 * - Up to 9.1p1 sshd probes whenever its select/poll has waited a whole
 *   ClientAliveInterval without data from the client: every interval.
 * - 9.2p1, 9.3p1 and 9.4p1 (commit d478cdc7) probe only when the poll
 *   timed out AND now > last + interval, in whole seconds of monotime():
 *   after one full interval now == last + interval, so the probe waits
 *   for the second: every 2 x interval.  9.5p1 (commit 9d7193a8) made
 *   it >= again: every interval.
 * - The idle time is counted in whole seconds, but it is only looked at
 *   after a full interval of poll timeout (in milliseconds), so rounding
 *   can make a 9.2p1-9.4p1 probe come early, never late.
 * - client_alive_check() drops the client when the (count + 1)th probe
 *   is due without an answer in between: about period x (count + 1).
 *   ClientAliveCountMax 0: up to 8.1p1 the first check drops the client
 *   (at the first idle interval, without a probe); from 8.2p1 (and Red
 *   Hat's 8.0p1-12+, RHEL 8.6) probes go out and nobody is dropped. */
#ifndef KA_PERIOD_H
#define KA_PERIOD_H

#include <stddef.h>

/* An OpenSSH release as far as it is known. */
struct ka_sshver {
	int known;          /* 0: the release could not be learned */
	int major, minor;
	int patch;          /* the "pN" level; -1 when not given (9.2's -V) */
	long rel;           /* leading number of the rpm release; -1 unknown */
	char text[32];      /* "9.2p1", "9.2", as read */
};

/* The release in sshd's version line ("OpenSSH_9.2p1 Debian-2+deb12u3,
 * OpenSSL ...", "OpenSSH_9.2, OpenSSL ..."), anywhere in out.  0, or
 * -EINVAL (v->known stays 0). */
int ka_sshver_from_line(const char *out, struct ka_sshver *v);

/* The release of an rpm version and release ("8.7p1", "38.el9").  0, or
 * -EINVAL. */
int ka_sshver_from_rpm(const char *version, const char *release,
    struct ka_sshver *v);

/* major.minor of v against major.minor: < 0, 0 or > 0. */
int ka_sshver_cmp(const struct ka_sshver *v, int major, int minor);

/* 1 when the release probes every 2 x interval (9.2p1 to 9.4p1), and
 * for an unknown release (the worse case). */
int ka_period_doubles(const struct ka_sshver *v);

/* Seconds between probes for interval on this release; 0 for 0 (off). */
long ka_period(const struct ka_sshver *v, long interval);

enum ka_count0 {
	KA_COUNT0_UNKNOWN,  /* 8.0p1 without its rpm release, or unknown */
	KA_COUNT0_DROPS,    /* up to 8.1p1: dropped at the first idle interval */
	KA_COUNT0_NEVER     /* 8.2p1+, RHEL 8.6+: probed, never dropped */
};

/* What ClientAliveCountMax 0 means on this release. */
enum ka_count0 ka_count0_meaning(const struct ka_sshver *v);

#define KA_NEVER (-1L)

/* About when a client that answers nothing is dropped: period x (count +
 * 1); for count 0 what c0 says (the first idle interval, or never);
 * KA_NEVER for interval 0 (no probes) and for an unknown c0. */
long ka_drop_after(long period, long interval, long count,
    enum ka_count0 c0);

/* The margin kept below a middlebox's idle timeout: 10% of it (rounded
 * up), at least 2 s.  It covers the probe's round trip and a TCP
 * retransmission, scheduling delay, and middleboxes that count their
 * timers coarsely. */
long ka_nat_margin(long timeout);

/* The largest ClientAliveInterval whose probe period stays at or below
 * timeout - margin on this release, at most 24 h.  0, or -ERANGE when no
 * interval of 1 s or more fits; *smallest is then the shortest timeout
 * that works on this release. */
int ka_nat_interval(const struct ka_sshver *v, long timeout, long *interval,
    long *smallest);

/* "OpenSSH 9.2p1", or "an unknown OpenSSH release", into buf. */
const char *ka_sshver_name(const struct ka_sshver *v, char *buf, size_t size);

#endif
