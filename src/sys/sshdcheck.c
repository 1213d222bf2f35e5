/* sshdcheck.c - ask the installed sshd's own parser */
#include "sys/sshdcheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sys/paths.h"
#include "sys/rootfs.h"
#include "sys/run.h"

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

static const char *
root_or_null(const char *root)
{
	return root == NULL || root[0] == '\0' || strcmp(root, "/") == 0 ?
	    NULL : root;
}

void
ka_sshd_verdict(const char *root, const struct ka_run *res,
    struct ka_check *c)
{
	root = root_or_null(root);
	if (res->exec_errno != 0) {
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

	if ((r = ka_run(root_or_null(root), argv, &res, e)) < 0) {
		ka_run_free(&res);
		return r;
	}
	ka_sshd_verdict(root, &res, c);
	ka_run_free(&res);
	return 0;
}

/* The probe file in /etc/ssh as chroot sees it: its name in dir->dirfd
 * and its path inside the root.  It stays open and flocked while in use
 * (*fd): a change sweeps up probe files that killed runs left, but not
 * one that a report (which takes no lock) is using. */
static int
write_probe(const char *root, struct ka_rpath *dir, char **name,
    char **inroot, int *fd)
{
	static const char probe[] =
	    "Include /nonexistent.ssh-keepalive-probe/*.conf\n";
	int d, r;

	*name = *inroot = NULL;
	*fd = -1;
	if ((r = ka_rp_resolve(root, "/etc/ssh", 0, dir, NULL)) < 0)
		return r;
	/* /etc/ssh itself, in place of its parent */
	if ((d = openat(dir->dirfd, dir->name, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -errno;
	close(dir->dirfd);
	dir->dirfd = d;
	if ((*fd = ka_rp_create_temp(dir->dirfd, "ssh-keepalive-probe.",
	    name)) < 0)
		return *fd;
	if (flock(*fd, LOCK_EX) < 0)
		return -errno;
	if (write(*fd, probe, sizeof(probe) - 1) != (ssize_t)sizeof(probe) - 1)
		return -EIO;
	if ((*inroot = malloc(strlen(dir->inroot) + strlen(*name) + 2)) == NULL)
		return -ENOMEM;
	sprintf(*inroot, "%s/%s", strcmp(dir->inroot, "/") ? dir->inroot : "",
	    *name);
	return 0;
}

static void
drop_probe(struct ka_rpath *dir, char *name, char *inroot, int fd)
{
	if (name != NULL && fd >= 0)
		unlinkat(dir->dirfd, name, 0);
	if (fd >= 0)
		close(fd);
	ka_rp_free(dir);
	free(name);
	free(inroot);
}

int
ka_sshd_probe_include(const char *root, enum ka_include_support *s,
    char *why, size_t whylen, struct ka_err *e)
{
	struct ka_check c;
	struct ka_rpath dir;
	char *name = NULL, *inroot = NULL;
	int fd, w, r = 0;

	*s = KA_INC_UNKNOWN;
	memset(&dir, 0, sizeof(dir));
	dir.dirfd = -1;
	if ((w = write_probe(root, &dir, &name, &inroot, &fd)) < 0)
		snprintf(why, whylen, "cannot write a probe file in /etc/ssh: %s",
		    strerror(-w));
	else
		r = ka_sshd_check(root, inroot, &c, e);
	drop_probe(&dir, name, inroot, fd);
	if (w < 0)
		return 0;   /* unknown: the rpm database decides */
	if (r < 0)
		return r;
	if (c.verdict == KA_SSHD_ACCEPTED || c.verdict == KA_SSHD_PARSED) {
		*s = KA_INC_YES;
		snprintf(why, whylen, "the installed sshd's parser accepts Include");
	} else if (c.verdict == KA_SSHD_REJECTED &&
	    strstr(c.msg, "Bad configuration option: Include") != NULL) {
		*s = KA_INC_NO;
		snprintf(why, whylen, "the installed sshd's parser rejects Include");
	} else {
		snprintf(why, whylen, "the installed sshd gave no answer (%s)",
		    c.msg);
	}
	return 0;
}
