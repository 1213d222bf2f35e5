/* note.h - what ClientAliveCountMax 0 means on the sshd at hand */
#ifndef KA_NOTE_H
#define KA_NOTE_H

#include "engine/period.h"

/* The note for ClientAliveCountMax 0 with this ClientAliveInterval, for
 * what it does on the release (both meanings when it is not known). */
const char *ka_note_count0(enum ka_count0 c0, long interval);

#endif
