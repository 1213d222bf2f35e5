/* vercmp.h - compare two version or release strings as rpm does */
#ifndef KA_VERCMP_H
#define KA_VERCMP_H

/* -1, 0 or 1 as a sorts before, equal to or after b, by the rules of
 * rpm's rpmvercmp() (rpm 4.15 and later): split into runs of digits
 * and runs of ASCII letters, every other byte separates; digit runs
 * compare as numbers (leading zeros ignored) and beat letter runs;
 * letter runs compare as bytes; '~' sorts before anything, even the
 * end; '^' sorts after the end but before anything else; when all runs
 * are equal, the string with runs left over is the newer one. */
int ka_vercmp(const char *a, const char *b);

#endif
