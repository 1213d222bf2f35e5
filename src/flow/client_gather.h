/* client_gather.h - what the client report shows, read without writing */
#ifndef KA_CLIENT_GATHER_H
#define KA_CLIENT_GATHER_H

#include "engine/client_edit.h"
#include "flow/client.h"
#include "sys/sshclient.h"

#define KA_CLIENT_MAX_OVERRIDES 32

/* A line of a user's ~/.ssh/config that comes before the system file. */
struct ka_client_override {
	char file[256];
	size_t line;
	char keyword[32];      /* ServerAliveInterval or ServerAliveCountMax */
	char value[64];
	int scoped;            /* inside a Host or Match block */
};

struct ka_client_report {
	struct ka_release rel;
	struct ka_modefile sc;
	int sc_bad;                   /* the sysconfig file cannot be read */
	struct ka_err sc_err;
	int main_missing;
	struct ka_err main_err;       /* ssh_config cannot be read: why */
	int main_bad;
	struct ka_client_state st;
	int dropin_present, dropin_bad;
	struct ka_err dropin_err;
	struct ka_client_values dropin;
	const char *host;
	int asked;                    /* ssh -G ran */
	char not_asked[512];          /* why not */
	struct ka_sshg g;
	struct ka_client_override ov[KA_CLIENT_MAX_OVERRIDES];
	size_t nov, nov_more;
};

void ka_client_gather(const struct ka_client_status_opts *so,
    struct ka_client_report *r);

#endif
