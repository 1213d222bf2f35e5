/* period_client.h - how often an OpenSSH client probes, and when it gives up
 *
 * Pure: no system calls.  Facts from clientloop.c, readconf.c and ssh.c at
 * each release tag (doc/client.md):
 *
 * - The client probes (server_alive_check) once ServerAliveInterval has
 *   passed without what postpones it: up to 8.3p1 any event on any
 *   descriptor (a select timeout of one interval, restarted every turn);
 *   from 8.4p1 (commit f11b2334) only traffic from the server, against an
 *   absolute deadline of whole monotime() seconds, so the first probe can
 *   come up to 1 s early, never late.  No release rounds the period up
 *   (unlike sshd 9.2p1-9.4p1): every interval.
 * - It gives up when the (count + 1)th check finds no packet from the
 *   server since: interval x (count + 1).  ServerAliveCountMax 0 gives up
 *   at the first check, without a probe, on every release.
 * - ssh_config understands Include from 7.3p1; ssh -G exists from 6.8p1. */
#ifndef KA_PERIOD_CLIENT_H
#define KA_PERIOD_CLIENT_H

#include "engine/period.h"

enum ka_client_reset {
	KA_CLIENT_RESET_ANY,     /* up to 8.3p1: any event on any descriptor */
	KA_CLIENT_RESET_SERVER,  /* 8.4p1+: only traffic from the server */
	KA_CLIENT_RESET_UNKNOWN  /* the release is not known */
};

/* What postpones the client's next probe on this release. */
enum ka_client_reset ka_client_reset(const struct ka_sshver *v);

/* Seconds between the client's probes for interval: the interval on every
 * release, known or not; 0 for 0 (off). */
long ka_client_period(const struct ka_sshver *v, long interval);

/* How many seconds early the first probe after server traffic can come:
 * 1 from 8.4p1 (a whole-second deadline), 0 before, 1 when unknown. */
long ka_client_early(const struct ka_sshver *v);

/* About when a server that answers nothing is given up, counted from its
 * last packet: interval x (count + 1); for count 0 one interval, without
 * a probe; KA_NEVER for interval 0. */
long ka_client_drop_after(long interval, long count);

/* 1 when this client's ssh_config parser understands Include (7.3p1+);
 * 0 before and for an unknown release. */
int ka_client_has_include(const struct ka_sshver *v);

/* 1 when `ssh -G` prints the effective configuration (6.8p1+); 0 before
 * and for an unknown release. */
int ka_client_has_config_dump(const struct ka_sshver *v);

/* The largest ServerAliveInterval whose probe period stays at or below
 * timeout - ka_nat_margin(timeout), at most 24 h.  0, or -ERANGE when no
 * interval of 1 s or more fits; *smallest is then the shortest timeout
 * that works. */
int ka_client_nat_interval(const struct ka_sshver *v, long timeout,
    long *interval, long *smallest);

#endif
