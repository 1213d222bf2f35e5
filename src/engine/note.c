/* note.c - what ClientAliveCountMax 0 means on the sshd at hand */
#include "engine/note.h"

const char *
ka_note_count0(enum ka_count0 c0, long interval)
{
	if (interval == 0)
		return "ClientAliveCountMax 0 does nothing while "
		    "ClientAliveInterval is 0: no probe is sent and no client "
		    "is dropped";
	if (c0 == KA_COUNT0_UNKNOWN)
		return "ClientAliveCountMax 0 on an OpenSSH release that is not "
		    "known: before 8.2p1 (RHEL up to 8.5) a client is dropped at "
		    "its first idle interval, without a probe; from 8.2p1 (RHEL "
		    "8.6) probes are sent and a silent client is never dropped";
	return c0 == KA_COUNT0_NEVER ?
	    "ClientAliveCountMax 0 on this sshd (OpenSSH 8.2p1+, RHEL 8.6+): "
	    "probes are sent but a silent client is never dropped" :
	    "ClientAliveCountMax 0 on this sshd (before OpenSSH 8.2p1, RHEL up "
	    "to 8.5): a client is dropped at its first idle interval, without "
	    "a probe";
}
