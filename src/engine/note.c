/* note.c - what ClientAliveCountMax 0 means on the sshd at hand */
#include "engine/note.h"

const char *
ka_note_count0(int new_sshd, long interval)
{
	if (interval == 0)
		return "ClientAliveCountMax 0 does nothing while "
		    "ClientAliveInterval is 0: no probe is sent and no client "
		    "is dropped";
	return new_sshd ?
	    "ClientAliveCountMax 0 on this sshd (OpenSSH 8.2p1+, RHEL 8.6+): "
	    "probes are sent but a silent client is never dropped" :
	    "ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up "
	    "to 8.5): a client is dropped at its first idle interval, without "
	    "a probe";
}
