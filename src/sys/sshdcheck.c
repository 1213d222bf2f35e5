/* sshdcheck.c - ask the installed sshd's own parser */
#include "sys/sshdcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/paths.h"
#include "sys/run.h"
#include "sys/rootfs.h"

/* Failures sshd reaches only after the whole config parsed. */
static const char *const after_parse[] = {
	"no hostkeys available",
	"Unable to load host key",
	"Could not load host key",
	"Missing privilege separation directory",
	"Privilege separation user",
	NULL
};

/* Warnings sshd prints for a config it still accepts, and for a host
 * key that others can read (sshd ignores the key: no config error). */
static const char *const warnings[] = {
	"Deprecated option", "Unsupported option", "is deprecated",
	"@@@@@@@@@@", "UNPROTECTED PRIVATE KEY FILE", "are too open",
	"private key files are NOT accessible by others",
	"This private key will be ignored", NULL
};

static int
contains_any(const char *line, size_t len, const char *const *words)
{
	int i;

	for (i = 0; words[i] != NULL; i++)
		if (memmem(line, len, words[i], strlen(words[i])) != NULL)
			return 1;
	return 0;
}

/* 1 if the only failure in out is one that comes after parsing: every
 * line is a warning or an after-parse failure, and one is the latter. */
static int
only_after_parse(const char *out)
{
	int seen = 0;

	while (*out != '\0') {
		const char *nl = strchr(out, '\n');
		size_t len = nl ? (size_t)(nl - out) : strlen(out);

		if (contains_any(out, len, after_parse))
			seen = 1;
		else if (len > 0 && !contains_any(out, len, warnings))
			return 0;
		out += len + (nl != NULL);
	}
	return seen;
}

/* sshd's output without its CRs (it ends lines on stderr with CRLF)
 * and without the last line ending. */
static void
trim_into(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	for (; *src != '\0' && n + 1 < size; src++)
		if (*src != '\r' || (src[1] != '\n' && src[1] != '\0'))
			dst[n++] = *src;
	while (n > 0 && dst[n - 1] == '\n')
		n--;
	dst[n] = '\0';
}

void
ka_sshd_verdict(const char *root, const struct ka_run *res,
    struct ka_check *c)
{
	root = ka_root_or_null(root);
	if (res->jail_errno != 0) {
		/* never run unconfined: not run at all */
		c->verdict = KA_SSHD_NOT_RUN;
		snprintf(c->msg, sizeof(c->msg), "the image's %s was not run: it "
		    "cannot be confined here (%s: %s)", KA_PATH_SSHD,
		    ka_jail_step_name(res->jail_step), strerror(res->jail_errno));
	} else if (res->exec_errno != 0) {
		c->verdict = KA_SSHD_NOT_RUN;
		snprintf(c->msg, sizeof(c->msg), "cannot run %s%s: %s",
		    root ? "the image's " : "", KA_PATH_SSHD,
		    strerror(res->exec_errno));
	} else if (res->status != 0 &&
	    strstr(res->out.data, "Couldn't open /dev/null") != NULL) {
		/* sshd cannot even start: an image root with an empty /dev */
		c->verdict = KA_SSHD_NOT_RUN;
		snprintf(c->msg, sizeof(c->msg), "%s%s cannot start: no /dev/null%s",
		    root ? "the image's " : "", KA_PATH_SSHD,
		    root ? " in the image" : "");
	} else {
		trim_into(c->msg, sizeof(c->msg), res->out.data);
		if (res->status == 0)
			c->verdict = KA_SSHD_ACCEPTED;
		else if (only_after_parse(res->out.data))
			c->verdict = KA_SSHD_PARSED;
		else
			c->verdict = KA_SSHD_REJECTED;
	}
}

int
ka_sshd_check(const char *root, const char *config, struct ka_check *c,
    struct ka_err *e)
{
	char *argv[] = { KA_PATH_SSHD, "-t", "-f", (char *)config, NULL };
	struct ka_run res;
	int r;

	if ((r = ka_run(ka_root_or_null(root), argv, &res, e)) < 0) {
		ka_run_free(&res);
		return r;
	}
	ka_sshd_verdict(root, &res, c);
	ka_run_free(&res);
	return 0;
}

/* In the child, in its private /tmp (a tmpfs nothing else sees): the
 * probe file.  Nothing is written anywhere else. */
static int
write_probe(void *ctx, int after_chroot)
{
	static const char probe[] =
	    "Include /nonexistent.ssh-keepalive-probe/*.conf\n";
	int fd, r = 0;

	(void)ctx;
	if (!after_chroot)
		return 0;
	fd = open(KA_PROBE_PATH, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, probe, sizeof(probe) - 1) != (ssize_t)sizeof(probe) - 1)
		r = -EIO;
	close(fd);
	return r;
}

/* What the probe's run says, into *s and why. */
static void
probe_verdict(const char *root, const struct ka_run *res,
    enum ka_include_support *s, char *why, size_t whylen)
{
	const char *who = ka_root_or_null(root) ? "the image's sshd" :
	    "the installed sshd";
	struct ka_check c;

	if (res->jail_errno != 0 || res->prep_errno != 0) {
		snprintf(why, whylen, "%s cannot be asked: no private /tmp for a "
		    "probe file (%s: %s)", who, res->jail_errno ?
		    ka_jail_step_name(res->jail_step) : "write", strerror(
		    res->jail_errno ? res->jail_errno : res->prep_errno));
		return;
	}
	ka_sshd_verdict(root, res, &c);
	if (c.verdict == KA_SSHD_ACCEPTED || c.verdict == KA_SSHD_PARSED) {
		*s = KA_INC_YES;
		snprintf(why, whylen, "%s's parser accepts Include", who);
	} else if (c.verdict == KA_SSHD_REJECTED &&
	    strstr(c.msg, "Bad configuration option: Include") != NULL) {
		*s = KA_INC_NO;
		snprintf(why, whylen, "%s's parser rejects Include", who);
	} else {
		snprintf(why, whylen, "%s gave no answer (%s)", who, c.msg);
	}
}

int
ka_sshd_probe_include(const char *root, enum ka_include_support *s,
    char *why, size_t whylen, struct ka_err *e)
{
	char *argv[] = { KA_PATH_SSHD, "-t", "-f", KA_PROBE_PATH, NULL };
	struct ka_run_how how;
	struct ka_run res;
	int r;

	*s = KA_INC_UNKNOWN;
	memset(&how, 0, sizeof(how));
	how.root = ka_root_or_null(root);
	how.jail = KA_JAIL_SCRATCH;
	how.prep = write_probe;
	r = ka_run_with(&how, argv, &res, e);
	if (r == 0)
		probe_verdict(root, &res, s, why, whylen);
	ka_run_free(&res);
	return r;
}
