/* note.h - what ClientAliveCountMax 0 means on the sshd at hand */
#ifndef KA_NOTE_H
#define KA_NOTE_H

/* The note for ClientAliveCountMax 0 with this ClientAliveInterval, on
 * an sshd of OpenSSH 8.2p1+ / RHEL 8.6+ (new_sshd) or an older one. */
const char *ka_note_count0(int new_sshd, long interval);

#endif
