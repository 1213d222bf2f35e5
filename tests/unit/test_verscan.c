/* test_verscan.c - the release in an sshd binary's strings */
#include <errno.h>
#include <string.h>

#include "engine/verscan.h"
#include "tap.h"

/* Feed buf (len bytes) in pieces of step; the result. */
static int
scan(const char *buf, size_t len, size_t step, struct ka_sshver *v)
{
	struct ka_verscan s;
	size_t i;

	ka_verscan_init(&s);
	for (i = 0; i < len; i += step)
		ka_verscan_feed(&s, buf + i, len - i < step ? len - i : step);
	memset(v, 0, sizeof(*v));
	return ka_verscan_result(&s, v);
}

/* As Debian's sshd 9.2p1 holds them (strings -a /usr/sbin/sshd). */
static const char debian92[] =
    "\x7f" "ELF\0junk\0OpenSSH_9.2\0more\0OpenSSH_9.2p1 Debian-2+deb12u3\0"
    "OpenSSH_2.*,OpenSSH_3.0*,OpenSSH_3.1*\0OpenSSH_7.4*\0OpenSSH*\0"
    "OpenSSH_6.6.1*\0OpenSSH_9.2p1\0tail";

int
main(void)
{
	static const char rhel8[] = "\0OpenSSH_8.0p1\0x\0OpenSSH_8.0\0";
	static const char none[] = "\0OpenSSH_7.4*\0OpenSSH_\0OpenSSH_9\0"
	    "OpenSSH_9.\0OpenSSH_.2\0OpenSSH_9.2p\0OpenSSH_9.2p1x\0OpenSSH_9..2\0";
	static const char two[] = "\0OpenSSH_7.4p1\0OpenSSH_8.7p1\0";
	static const char patch2[] = "\0OpenSSH_9.3p1\0OpenSSH_9.3p2\0";
	char big[200];
	struct ka_sshver v;
	size_t step;

	for (step = 1; step <= sizeof(debian92); step += 7) {
		ok(scan(debian92, sizeof(debian92), step, &v) == 0 &&
		    v.major == 9 && v.minor == 2 && v.patch == 1,
		    "Debian's sshd: 9.2p1, fed %zu bytes at a time", step);
	}
	ok(scan(rhel8, sizeof(rhel8), 3, &v) == 0 && v.major == 8 &&
	    v.minor == 0 && v.patch == 1 && v.rel == -1,
	    "8.0p1, with no rpm release");
	ok(scan(none, sizeof(none), 5, &v) == -ENOENT,
	    "patterns, vendor suffixes and malformed strings are no release");
	ok(scan(two, sizeof(two), 64, &v) == -EINVAL,
	    "two releases in one binary: not known");
	ok(scan(patch2, sizeof(patch2), 64, &v) == -EINVAL,
	    "9.3p1 and 9.3p2: not known");
	memset(big, 'A', sizeof(big));
	memcpy(big + 100, "OpenSSH_8.7p1", 13);
	big[113] = '\0';
	ok(scan(big, sizeof(big), 17, &v) == -ENOENT,
	    "a release glued to a long string before it is not one");
	big[99] = '\0';
	ok(scan(big, 114, 17, &v) == 0 && v.major == 8 && v.minor == 7,
	    "a release right after a long string is found");
	ok(scan("OpenSSH_7.4p1", 14, 4, &v) == 0 && v.major == 7,
	    "at the very start of the file");
	return tap_done();
}
