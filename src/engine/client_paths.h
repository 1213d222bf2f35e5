/* client_paths.h - the client side's files and shipped values (issue 20)
 *
 * The client side is off until a command (or CLIENT=yes in
 * /etc/sysconfig/ssh-keepalive) switches it on; then ssh_config reads
 * the client drop-in before its first Host or Match line (doc/client.md). */
#ifndef KA_CLIENT_PATHS_H
#define KA_CLIENT_PATHS_H

#define KA_PATH_SSH_CONFIG "/etc/ssh/ssh_config"
#define KA_CLIENT_DROPIN_DIR "/etc/ssh/ssh_config.d"
#define KA_CLIENT_DROPIN_PATH "/etc/ssh/ssh_config.d/01-keepalive.conf"
#define KA_CLIENT_DROPIN_MODE 0644   /* ssh refuses a group- or
                                      * world-writable included file */
#define KA_PATH_SSH "/usr/bin/ssh"

/* What --client --reset and a first switch-on write: the server
 * drop-in's numbers.  ServerAliveCountMax 0 is never written: ssh hangs
 * up after one quiet interval. */
#define KA_CLIENT_SHIPPED_INTERVAL 600L
#define KA_CLIENT_SHIPPED_COUNT 10L

/* The keywords, lower case, as ssh -G prints them. */
#define KA_KW_SA_INTERVAL "serveraliveinterval"
#define KA_KW_SA_COUNT "serveralivecountmax"

/* The host name the checks ask ssh -G about. */
#define KA_CLIENT_CHECK_HOST "ka-keepalive-check"

/* The client's values; -1: unset. */
struct ka_client_values {
	long interval;     /* ServerAliveInterval, whole seconds */
	long count_max;    /* ServerAliveCountMax, 1 or more when we write */
};

#define KA_CLIENT_VALUES_UNSET { -1, -1 }

#endif
