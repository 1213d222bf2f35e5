/* connprobe.c - a tight, closed loop of new TCP connections to sshd, for
 * bench/run (part 4).  One connection at a time: connect, wait for sshd's
 * "SSH-" banner, close, pause PACE_US, again, until MILLIS have passed.
 * Prints one line an attempt:  START_US OUTCOME LATENCY_US
 *   START_US   CLOCK_REALTIME in microseconds (bash's $EPOCHREALTIME scale)
 *   OUTCOME    served   sshd sent its banner
 *              refused  ECONNREFUSED: no listening socket
 *              reset    accepted by the kernel, then closed or reset before
 *                       the banner (a listener that went away with the
 *                       connection in its queue)
 *              timeout  no connect or no banner within 2 s
 *              error:N  any other errno N
 *
 * connprobe --watch PORT MILLIS INTERVAL_US: no connections at all; asks
 * the kernel (sock_diag netlink, as ss -ltn does) every INTERVAL_US
 * whether a TCP socket listens on PORT, and prints each change:
 *   START_US listening|gone
 * (first line: the state at the start).  A gap between "gone" and
 * "listening" is exactly how long new connections were refused.
 *
 * usage: connprobe HOST PORT MILLIS PACE_US
 *        connprobe --watch PORT MILLIS INTERVAL_US
 */
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long
now_us(int clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static const char *
attempt(const struct sockaddr_in *sa, char *errbuf, size_t errlen)
{
	struct pollfd p;
	char buf[256];
	socklen_t len = sizeof(int);
	int s, err = 0, r;
	ssize_t n;
	const char *out;

	s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0) {
		snprintf(errbuf, errlen, "error:%d", errno);
		return errbuf;
	}
	if (connect(s, (const struct sockaddr *)sa, sizeof(*sa)) < 0) {
		if (errno != EINPROGRESS) {
			err = errno;
			goto done;
		}
		p.fd = s;
		p.events = POLLOUT;
		r = poll(&p, 1, 2000);
		if (r == 0) {
			close(s);
			return "timeout";
		}
		if (r < 0 || getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
			err = errno;
		if (err != 0)
			goto done;
	}
	p.fd = s;
	p.events = POLLIN;
	r = poll(&p, 1, 2000);
	if (r == 0) {
		close(s);
		return "timeout";
	}
	n = read(s, buf, sizeof(buf));
	if (n >= 4 && memcmp(buf, "SSH-", 4) == 0)
		out = "served";
	else if (n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE)))
		out = "reset";
	else {
		snprintf(errbuf, errlen, "error:%d", n < 0 ? errno : 0);
		out = errbuf;
	}
	close(s);
	return out;
done:
	close(s);
	if (err == ECONNREFUSED)
		return "refused";
	if (err == ECONNRESET)
		return "reset";
	snprintf(errbuf, errlen, "error:%d", err);
	return errbuf;
}


/* 1 if a TCP socket listens on port (any address), 0 if none, -1 on error */
static int
listening(int nl, unsigned short port)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req;
	struct sockaddr_nl sa;
	static char buf[32768];
	int found = 0;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.r.sdiag_family = AF_INET;
	req.r.sdiag_protocol = IPPROTO_TCP;
	req.r.idiag_states = 1U << TCP_LISTEN;
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (sendto(nl, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv(nl, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n <= 0)
			return -1;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			struct inet_diag_msg *m;

			if (h->nlmsg_type == NLMSG_DONE)
				return found;
			if (h->nlmsg_type == NLMSG_ERROR)
				return -1;
			m = NLMSG_DATA(h);
			if (ntohs(m->id.idiag_sport) == port)
				found = 1;
		}
	}
}

static int
watch(unsigned short port, long long millis, long interval_us)
{
	struct timespec pace = { interval_us / 1000000, (interval_us % 1000000) * 1000 };
	long long end = now_us(CLOCK_MONOTONIC) + millis * 1000, i;
	int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	int last = -2;

	if (nl < 0) {
		perror("connprobe: netlink");
		return 1;
	}
	for (i = 0; i < millis * 1000 && now_us(CLOCK_MONOTONIC) < end; i++) {
		long long t = now_us(CLOCK_REALTIME);
		int l = listening(nl, port);

		if (l < 0) {
			perror("connprobe: sock_diag");
			return 1;
		}
		if (l != last)
			printf("%lld %s\n", t, l ? "listening" : "gone");
		last = l;
		nanosleep(&pace, NULL);
	}
	close(nl);
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct timespec pace;
	long long end, t0, t1;
	long pace_us;
	long i;
	char errbuf[32];

	if (argc == 5 && strcmp(argv[1], "--watch") == 0)
		return watch((unsigned short)atoi(argv[2]), atoll(argv[3]), atol(argv[4]));
	if (argc != 5) {
		fprintf(stderr, "usage: connprobe HOST PORT MILLIS PACE_US\n"
		    "       connprobe --watch PORT MILLIS INTERVAL_US\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)atoi(argv[2]));
	if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1) {
		fprintf(stderr, "connprobe: bad address %s\n", argv[1]);
		return 2;
	}
	pace_us = atol(argv[4]);
	pace.tv_sec = pace_us / 1000000;
	pace.tv_nsec = (pace_us % 1000000) * 1000;
	end = now_us(CLOCK_MONOTONIC) + atoll(argv[3]) * 1000;
	/* bounded: at most one attempt a microsecond of the run, far more
	 * than can happen, and the deadline ends it anyway */
	for (i = 0; i < atoll(argv[3]) * 1000 && now_us(CLOCK_MONOTONIC) < end; i++) {
		const char *out;
		long long start = now_us(CLOCK_REALTIME);

		t0 = now_us(CLOCK_MONOTONIC);
		out = attempt(&sa, errbuf, sizeof(errbuf));
		t1 = now_us(CLOCK_MONOTONIC);
		printf("%lld %s %lld\n", start, out, t1 - t0);
		if (pace_us > 0)
			nanosleep(&pace, NULL);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
