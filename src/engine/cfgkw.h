/* cfgkw.h - where a line's keyword is, as sshd finds it
 *
 * sshd takes the keyword with OpenSSH's strdelim() (every release from
 * 5.3p1 to 9.x): up to white space, '=' or a double quote; a quote
 * takes everything up to the next quote ("ClientAliveInterval" 120 is a
 * ClientAliveInterval line; a quote that is never closed makes sshd skip
 * the line).  A first token that is empty (leading white space or '=')
 * is skipped once. */
#ifndef KA_CFGKW_H
#define KA_CFGKW_H

#include <stddef.h>

/* The keyword is s[head, head_end) followed by s[quoted, quoted_end)
 * (empty unless it had a quote); its arguments start at args. */
struct ka_kwspan {
	size_t head, head_end;
	size_t quoted, quoted_end;
	size_t args;
};

/* Find the keyword of the line s[0, end) (end: before the trailing white
 * space sshd strips).  1 for a directive, 0 for a line sshd skips (no
 * keyword, a keyword starting with '#', an unterminated quote). */
int ka_kw_find(const char *s, size_t end, struct ka_kwspan *k);

#endif
