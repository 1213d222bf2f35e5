/* test_rootfs.c - paths resolved inside a root as chroot(2) would, and
 * the globs built on them */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/fsutil.h"
#include "sys/rootfs.h"
#include "sys/rootglob.h"
#include "tap.h"

static char top[] = "/tmp/ka-test-rootfs.XXXXXX";
static char root[512];

static void
mk(const char *what, const char *path, const char *arg)
{
	char full[1024];
	int r = 0;

	snprintf(full, sizeof(full), "%s%s", root, path);
	if (what[0] == 'd')
		r = mkdir(full, 0755);
	else if (what[0] == 'l')
		r = symlink(arg, full);
	else {
		FILE *f = fopen(full, "w");

		r = f == NULL || fputs(arg, f) < 0 || fclose(f) != 0;
	}
	if (r != 0)
		printf("# cannot make %s\n", full);
}

/* The path inside the root that path resolves to, or "E<errno>". */
static const char *
resolved(const char *path, int flags)
{
	static char out[1024];
	struct ka_rpath rp;
	int r = ka_rp_resolve(root, path, flags, &rp, NULL);

	if (r < 0) {
		snprintf(out, sizeof(out), "E%d", -r);
		return out;
	}
	snprintf(out, sizeof(out), "%s", rp.inroot);
	ka_rp_free(&rp);
	return out;
}

static void
test_links(void)
{
	char e[16];

	is_str(resolved("/etc/ssh/sshd_config", 0), "/etc/ssh/sshd_config",
	    "a plain path");
	is_str(resolved("/", 0), "/", "the root itself");
	is_str(resolved("/../../..", 0), "/", ".. stops at the root");
	is_str(resolved("/abs/sshd_config", 0), "/etc/ssh/sshd_config",
	    "an absolute link starts again at the root");
	is_str(resolved("/rel/x", 0), "/etc/ssh/x",
	    "a relative link that climbs out stays inside");
	is_str(resolved("/hop/../sshd_config", 0), "/etc/ssh/sshd_config",
	    ".. after a link is the target's parent");
	is_str(resolved("/etc/ssh/cfg", 0), "/etc/ssh/sshd_config",
	    "a link in the last component is followed");
	is_str(resolved("/etc/ssh/cfg", KA_RP_NOFOLLOW), "/etc/ssh/cfg",
	    "... or kept with KA_RP_NOFOLLOW");
	is_str(resolved("/etc/ssh/missing", 0), "/etc/ssh/missing",
	    "a missing last component is fine");
	is_str(resolved("/etc/ssh/dangling", 0), "/etc/ssh/nowhere",
	    "a dangling link names its target");
	snprintf(e, sizeof(e), "E%d", ENOENT);
	is_str(resolved("/nowhere/x", 0), e, "a missing directory is ENOENT");
	is_str(resolved("", 0), e, "an empty path is ENOENT");
	snprintf(e, sizeof(e), "E%d", ENOTDIR);
	is_str(resolved("/etc/ssh/sshd_config/x", 0), e,
	    "a file in the middle is ENOTDIR");
	snprintf(e, sizeof(e), "E%d", ELOOP);
	is_str(resolved("/loop", 0), e, "a loop is ELOOP");
	is_str(resolved("/chain40", 0), "/etc", "40 links are followed");
	is_str(resolved("/chain41", 0), e, "the 41st is ELOOP");
}

static void
test_ops(void)
{
	struct ka_rpath rp;
	struct stat st;
	char *name = NULL;
	int fd;

	ok(ka_root_stat(root, "/abs", KA_RP_NOFOLLOW, &st, NULL) == 0 &&
	    S_ISLNK(st.st_mode), "lstat inside the root");
	ok(ka_root_stat(root, "/abs/sshd_config", 0, &st, NULL) == 0 &&
	    S_ISREG(st.st_mode), "stat through links");
	ok(ka_root_mkdir(root, "/rel/newdir", 0700, NULL) == 0 &&
	    ka_root_stat(root, "/etc/ssh/newdir", 0, &st, NULL) == 0,
	    "mkdir through a link that climbs out lands inside");
	ok(ka_root_mkdir(root, "/etc/ssh/dangling", 0700, NULL) == -EEXIST,
	    "mkdir on a dangling link is EEXIST, as mkdir(2)");
	ok(ka_root_rmdir(root, "/etc/ssh/newdir") == 0, "rmdir inside the root");
	fd = ka_root_open(root, "/etc/ssh/cfg", O_RDONLY, NULL);
	ok(fd >= 0, "open through a link");
	if (fd >= 0)
		close(fd);
	ok(ka_rp_resolve(root, "/etc/ssh", 0, &rp, NULL) == 0, "resolve a dir");
	fd = ka_rp_create_temp(rp.dirfd, "x.ka-", &name);
	ok(fd >= 0 && name != NULL && strncmp(name, ".x.ka-", 6) == 0 &&
	    strlen(name) == 12, "a temp name: dot, prefix, six characters");
	if (fd >= 0) {
		close(fd);
		unlinkat(rp.dirfd, name, 0);
	}
	free(name);
	ka_rp_free(&rp);
}

static int
glob_is(const char *pattern, const char *want)
{
	struct ka_pathlist pl;
	char got[2048] = "";
	size_t i;

	if (ka_root_glob(root, pattern, &pl, NULL) < 0)
		return 0;
	for (i = 0; i < pl.n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
		    i ? " " : "", pl.paths[i]);
	ka_pathlist_free(&pl);
	if (strcmp(got, want) != 0)
		printf("#   got:  '%s'\n#   want: '%s'\n", got, want);
	return strcmp(got, want) == 0;
}

static void
test_glob(void)
{
	ok(glob_is("/etc/ssh/d/*.conf",
	    "/etc/ssh/d/01-b.conf /etc/ssh/d/10-a.conf /etc/ssh/d/B.conf "
	    "/etc/ssh/d/dangling.conf /etc/ssh/d/sub.conf"),
	    "byte order, no dotfiles, dangling links and directories match");
	ok(glob_is("/etc/ssh/d/.*.conf", "/etc/ssh/d/.hidden.conf"),
	    "a leading dot matches a leading dot");
	ok(glob_is("/rel/d/0?-*", "/rel/d/01-b.conf"),
	    "wildcards under a link that climbs out stay inside");
	ok(glob_is("/e*/ss?/d/1*", "/etc/ssh/d/10-a.conf"),
	    "wildcards in directory components");
	ok(glob_is("/etc/ssh/d/\\*x", "/etc/ssh/d/*x"), "an escaped star");
	ok(glob_is("/etc/ssh/d/none*", ""), "no match: an empty list");
	ok(glob_is("/etc/ssh/sshd_config", "/etc/ssh/sshd_config"),
	    "no wildcard: the path if it exists");
	ok(glob_is("/etc/ssh/nothere", ""), "no wildcard, missing: nothing");
}

int
main(void)
{
	char cmd[600];
	int i;

	if (mkdtemp(top) == NULL)
		return 1;
	/* a root whose name has glob characters: nothing is globbed in it */
	snprintf(root, sizeof(root), "%s/im*g[1]", top);
	mkdir(root, 0755);
	mk("d", "/etc", NULL);
	mk("d", "/etc/ssh", NULL);
	mk("f", "/etc/ssh/sshd_config", "Port 22\n");
	mk("l", "/abs", "/etc/ssh");
	mk("l", "/rel", "../../../../../../etc/ssh");
	mk("l", "/hop", "/etc/ssh/d");
	mk("l", "/etc/ssh/cfg", "sshd_config");
	mk("l", "/etc/ssh/dangling", "nowhere");
	mk("l", "/loop", "loop");
	mk("d", "/etc/ssh/d", NULL);
	mk("d", "/etc/ssh/d/sub.conf", NULL);
	mk("f", "/etc/ssh/d/10-a.conf", "");
	mk("f", "/etc/ssh/d/01-b.conf", "");
	mk("f", "/etc/ssh/d/B.conf", "");
	mk("f", "/etc/ssh/d/.hidden.conf", "");
	mk("f", "/etc/ssh/d/*x", "");
	mk("l", "/etc/ssh/d/dangling.conf", "/nowhere");
	for (i = 1; i <= 41; i++) {
		char name[32], target[32];

		snprintf(name, sizeof(name), "/chain%d", i);
		snprintf(target, sizeof(target), i == 1 ? "/etc" : "chain%d",
		    i - 1);
		mk("l", name, target);
	}
	test_links();
	test_ops();
	test_glob();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", top);
	return tap_done();
}
