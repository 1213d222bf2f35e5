/* test_edit.c - edits, includes and effective values: the corners */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/block.h"
#include "engine/dropin.h"
#include "engine/edit.h"
#include "engine/effective.h"
#include "engine/walk.h"
#include "sys/files_sys.h"
#include "sys/fsutil.h"
#include "tap.h"

static char root[] = "/tmp/ka-test-edit.XXXXXX";

static void
put(const char *path, const char *text)
{
	char full[512];
	FILE *f;

	snprintf(full, sizeof(full), "%s%s", root, path);
	if ((f = fopen(full, "w")) == NULL || fputs(text, f) < 0 ||
	    fclose(f) != 0)
		printf("# cannot write %s\n", full);
}

static void
mkdir_in_root(const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	mkdir(full, 0700);
}

static struct ka_cfg *
cfg_of(const char *text)
{
	struct ka_cfg *c = NULL;
	struct ka_err e;

	if (ka_cfg_parse("/etc/ssh/sshd_config", text, strlen(text), &c, &e) < 0)
		printf("# %s\n", e.msg);
	return c;
}

static struct ka_files sysfiles;   /* the system's, under root */

static struct ka_target
target(void)
{
	struct ka_target t = { &sysfiles, KA_DROPIN_PATH, KA_DROPIN_DIR,
	    { 600, 10, -1 } };

	return t;
}

static int
edit_include(const char *text, struct ka_buf *out, struct ka_err *e)
{
	struct ka_cfg *c = cfg_of(text);
	struct ka_target t = target();
	int r = ka_edit_include(c, &t, out, e);

	ka_cfg_free(c);
	return r;
}

static void
test_marker_errors(void)
{
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;
	struct ka_cfg *c;

	c = cfg_of("Port 22\n# END ssh-keepalive\n");
	ok(ka_edit_remove(c, &out, &e) == -EINVAL, "END without BEGIN refused");
	is_str(e.msg, "/etc/ssh/sshd_config:2: '# END ssh-keepalive' without "
	    "'# BEGIN ssh-keepalive'; fix the file by hand", "its message");
	ka_cfg_free(c);
	c = cfg_of("# BEGIN ssh-keepalive: a\n# BEGIN ssh-keepalive: b\n"
	    "# END ssh-keepalive\n");
	ok(ka_edit_remove(c, &out, &e) == -EINVAL, "nested BEGIN refused");
	ok(strstr(e.msg, ":2: second '# BEGIN ssh-keepalive'") != NULL,
	    "nested BEGIN names line 2: %s", e.msg);
	ok(out.len == 0, "nothing built on error");
	ka_cfg_free(c);
	ka_buf_free(&out);
}

static void
test_two_blocks_become_one(void)
{
	struct ka_values v = { 300, 4, 0 };
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;
	struct ka_cfg *c = cfg_of(
	    "# BEGIN ssh-keepalive: x\nClientAliveInterval 1\n# END ssh-keepalive\n"
	    "Port 22\n"
	    "# BEGIN ssh-keepalive: y\nClientAliveInterval 2\n# END ssh-keepalive\n");

	ok(ka_edit_inline(c, &v, &out, &e) == 0, "inline over two blocks");
	is_str(out.data, "# BEGIN ssh-keepalive: managed by ssh-keepalive; "
	    "change with ssh-keepalive-tune\nClientAliveInterval 300\n"
	    "ClientAliveCountMax 4\nTCPKeepAlive no\n# END ssh-keepalive\n"
	    "Port 22\n", "one block, in the first one's place, all three keys");
	ka_cfg_free(c);
	ka_buf_free(&out);
}

static void
test_inline_needs_values(void)
{
	struct ka_values v = KA_VALUES_UNSET;
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;
	struct ka_cfg *c = cfg_of("Port 22\n");

	ok(ka_edit_inline(c, &v, &out, &e) == -EINVAL, "inline with no values");
	ka_cfg_free(c);
	ka_buf_free(&out);
}

static void
test_include_without_dropin_on_disk(void)
{
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;

	/* the drop-in is not written yet: its glob still covers it */
	ok(edit_include("Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n",
	    &out, &e) == 0, "include with the drop-in not on disk");
	is_str(out.data, "Include /etc/ssh/sshd_config.d/*.conf\nPort 22\n",
	    "a covering Include qualifies before the drop-in exists");
	ka_buf_free(&out);
	ok(edit_include("Include /etc/ssh/sshd_config.d/*.cfg\nPort 22\n",
	    &out, &e) == 0, "include with a glob that misses the drop-in");
	ok(strstr(out.data, "\nInclude /etc/ssh/sshd_config.d/*.conf\n") != NULL,
	    "a glob that does not cover it does not qualify");
	ka_buf_free(&out);
}

static void
test_include_keeps_good_block(void)
{
	const char *in = "# BEGIN ssh-keepalive: old title\n"
	    "Include /etc/ssh/sshd_config.d/01-keepalive.conf\n"
	    "# END ssh-keepalive\nPort 22\n";
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;

	ok(edit_include(in, &out, &e) == 0 && strcmp(out.data, in) == 0,
	    "an earlier include block that still works is kept as it is");
	ka_buf_free(&out);
	ok(edit_include("# BEGIN ssh-keepalive: t\nInclude /x/*.conf\n"
	    "# END ssh-keepalive\nPort 22\n", &out, &e) == 0 &&
	    strstr(out.data, "/x/") == NULL, "a block that misses it is redone");
	ka_buf_free(&out);
	ok(edit_include("# BEGIN ssh-keepalive: t\nClientAliveInterval 5\n"
	    "# END ssh-keepalive\nPort 22\n", &out, &e) == 0 &&
	    strstr(out.data, "ClientAliveInterval") == NULL,
	    "an inline block becomes an include block");
	ka_buf_free(&out);
}

static void
test_include_loop(void)
{
	struct ka_buf out = KA_BUF_INIT;
	struct ka_err e;
	struct ka_effective eff;
	struct ka_cfg *c = cfg_of("Include /etc/ssh/loop.conf\n");

	put("/etc/ssh/loop.conf", "Include /etc/ssh/loop.conf\n");
	ok(ka_effective_compute(&sysfiles, c, &eff, &e) == -ELOOP,
	    "an Include loop is an error");
	ok(strstr(e.msg, "/etc/ssh/loop.conf:1: Include nested more than 16 "
	    "deep") != NULL, "its message: %s", e.msg);
	ok(edit_include("Include /etc/ssh/loop.conf\n", &out, &e) == -ELOOP,
	    "include mode refuses the loop too");
	ka_cfg_free(c);
	ka_buf_free(&out);
}

static void
test_effective_invalid_and_match(void)
{
	struct ka_effective eff;
	struct ka_err e;
	struct ka_cfg *c = cfg_of("ClientAliveInterval 1.5\n"
	    "ClientAliveInterval 60\nTCPKeepAlive maybe\n"
	    "Include /etc/ssh/m.conf\n");

	put("/etc/ssh/m.conf", "Match User a\nClientAliveCountMax 7\n");
	ok(ka_effective_compute(&sysfiles, c, &eff, &e) == 0, "effective");
	ok(eff.kw[KA_KW_IDX_INTERVAL].winner == 0 &&
	    !eff.kw[KA_KW_IDX_INTERVAL].set[0].valid,
	    "the first value wins even when sshd would reject it");
	ok(eff.kw[KA_KW_IDX_INTERVAL].effective == 0, "and is shown as default");
	ok(eff.kw[KA_KW_IDX_COUNT].winner == -1 &&
	    eff.kw[KA_KW_IDX_COUNT].n == 1 &&
	    eff.kw[KA_KW_IDX_COUNT].set[0].match_line == 1,
	    "a Match in an included file scopes its own lines");
	ok(eff.kw[KA_KW_IDX_TCP].set[0].valid == 0, "TCPKeepAlive maybe");
	ka_effective_free(&eff);
	ka_cfg_free(c);
}

/* A file that two Includes read: each of its lines once, where sshd
 * first reads it; the value strings and Match criteria as written. */
static void
test_effective_read_twice(void)
{
	struct ka_effective eff;
	struct ka_err e;
	const struct ka_kw_report *k;
	struct ka_cfg *c = cfg_of("Include /etc/ssh/twice.d/twice.conf\n"
	    "Include /etc/ssh/tw*.conf\nClientAliveCountMax 4\n"
	    "Match User a Address 10.0.0.0/8\nClientAliveInterval   '1m'  #x\n"
	    "ClientAliveCountMax 2\nMatch all\nClientAliveInterval 9\n");

	mkdir_in_root("/etc/ssh/twice.d");
	put("/etc/ssh/twice.d/twice.conf", "ClientAliveInterval 30\n"
	    "Match Host h\nClientAliveInterval 40\n");
	ok(ka_effective_compute(&sysfiles, c, &eff, &e) == 0, "effective");
	k = &eff.kw[KA_KW_IDX_INTERVAL];
	ok(k->n == 4, "ClientAliveInterval: 4 settings, the included file's "
	    "once (%zu)", k->n);
	is_str(k->set[0].file, "/etc/ssh/twice.d/twice.conf", "first from the file");
	ok(k->set[0].line == 1 && k->winner == 0 && k->effective == 30,
	    "line 1 wins with 30");
	is_str(k->set[1].match, "Host h", "then its Match block");
	ok(k->set[1].match_line == 2, "whose Match line is 2");
	is_str(k->set[1].match_file, "/etc/ssh/twice.d/twice.conf", "in that file");
	is_str(k->set[2].value, "1m", "quotes and comment as sshd splits them");
	is_str(k->set[2].match, "User a Address 10.0.0.0/8",
	    "the criteria joined by one space");
	is_str(k->set[2].file, "/etc/ssh/sshd_config", "from sshd_config");
	ok(k->set[2].line == 5 && k->set[2].valid && k->set[2].num == 60,
	    "line 5, 60 s");
	is_str(k->set[3].match, "all", "the last in Match all");
	k = &eff.kw[KA_KW_IDX_COUNT];
	ok(k->n == 2 && k->winner == 0 && k->effective == 4,
	    "ClientAliveCountMax: 4 wins, 2 in the Match block");
	is_str(k->set[1].match, "User a Address 10.0.0.0/8",
	    "same criteria for the second setting of the block");
	ka_effective_free(&eff);
	ka_cfg_free(c);
}

/* Thousands of Match blocks that set our keywords: every setting kept,
 * in order (the report grows by doubling). */
static void
test_effective_many_matches(void)
{
	struct ka_buf b = KA_BUF_INIT;
	struct ka_effective eff;
	struct ka_err e;
	struct ka_cfg *c = NULL;
	const struct ka_kw_report *k;
	size_t i, bad = 0;

	ka_buf_adds(&b, "ClientAliveInterval 600\n");
	for (i = 0; i < 5000; i++)
		ka_buf_addf(&b, "Match User u%zu\n\tClientAliveInterval %zu\n",
		    i, i + 1);
	ok(ka_cfg_parse("/etc/ssh/sshd_config", b.data, b.len, &c, &e) == 0,
	    "parsed");
	ok(ka_effective_compute(&sysfiles, c, &eff, &e) == 0, "effective");
	k = &eff.kw[KA_KW_IDX_INTERVAL];
	ok(k->n == 5001 && k->winner == 0 && k->effective == 600,
	    "5001 settings, the global one wins");
	for (i = 1; i < k->n; i++) {
		char want[32];

		snprintf(want, sizeof(want), "User u%zu", i - 1);
		bad += k->set[i].num != (long)i || k->set[i].line != 2 * i + 1 ||
		    strcmp(k->set[i].match, want) != 0 ||
		    k->set[i].match_line != 2 * i;
	}
	ok(bad == 0, "each with its value, line and Match (%zu wrong)", bad);
	ka_effective_free(&eff);
	ka_cfg_free(c);
	ka_buf_free(&b);
}

static void
test_effective_first(void)
{
	struct ka_setting set;
	struct ka_err e;
	struct ka_cfg *c = cfg_of("Include /etc/ssh/pid.inc\n"
	    "PIDFILE /run/late.pid\n");

	put("/etc/ssh/pid.inc", "Match User a\nPidFile /run/match.pid\n"
	    "Match all\n");
	ok(ka_effective_first(&sysfiles, c, "pidfile", &set, &e) == 1 &&
	    strcmp(set.file, "/etc/ssh/sshd_config") == 0 && set.line == 2 &&
	    set.valid && strcmp(set.value, "/run/late.pid") == 0,
	    "a PidFile inside Match does not count; the first global one does");
	ka_setting_free(&set);
	put("/etc/ssh/pid.inc", "pidfile \"/run/a b.pid\"\n");
	ok(ka_effective_first(&sysfiles, c, "pidfile", &set, &e) == 1 &&
	    strcmp(set.file, "/etc/ssh/pid.inc") == 0 && set.line == 1 &&
	    set.valid && strcmp(set.value, "/run/a b.pid") == 0,
	    "the first one, in an included file, wins; quotes are sshd's");
	ka_setting_free(&set);
	put("/etc/ssh/pid.inc", "PidFile /run/a.pid /run/b.pid\n");
	ok(ka_effective_first(&sysfiles, c, "pidfile", &set, &e) == 1 &&
	    !set.valid, "two paths are not one");
	ka_setting_free(&set);
	ok(ka_effective_first(&sysfiles, c, "moduli", &set, &e) == 0 &&
	    set.file == NULL, "no line sets the keyword: 0");
	ka_cfg_free(c);
}

static void
test_match_every(void)
{
	struct ka_effective eff;
	struct ka_err e;
	struct ka_cfg *c = cfg_of("ClientAliveInterval 60\n"
	    "Match User bob\nClientAliveInterval 7\n"
	    "Match user * address *\nClientAliveInterval 5\n"
	    "Match all\nClientAliveInterval 9\n");

	ok(ka_match_every("all") && ka_match_every("ALL"), "Match all");
	ok(ka_match_every("User *") && ka_match_every("Host *") &&
	    ka_match_every("address * LocalAddress *"),
	    "User, Host, Address, LocalAddress *");
	ok(!ka_match_every("User bob") && !ka_match_every("User *,!bob") &&
	    !ka_match_every("User * Group *") && !ka_match_every("User") &&
	    !ka_match_every("User * Host") && !ka_match_every(""),
	    "a real pattern, another criterion or a missing pattern: not every");
	ok(ka_effective_compute(&sysfiles, c, &eff, &e) == 0, "effective");
	ok(ka_effective_every(&eff.kw[KA_KW_IDX_INTERVAL]) == 2,
	    "the first setting in a Match block for every connection");
	ok(ka_effective_every(&eff.kw[KA_KW_IDX_COUNT]) == -1, "none: -1");
	ka_effective_free(&eff);
	ka_cfg_free(c);
}

static void
test_dropin_values(void)
{
	struct ka_values v;
	struct ka_err e;
	struct ka_cfg *c;

	c = cfg_of("ClientAliveInterval 10m\nClientAliveInterval 5\n"
	    "tcpkeepalive NO\nMatch all\nClientAliveCountMax 3\n");
	ok(ka_dropin_values(c, &v, &e) == 0 && v.interval == 600 &&
	    v.count_max == -1 && v.tcp_keepalive == 0,
	    "drop-in: first value, units, and nothing from Match");
	ka_cfg_free(c);
	c = cfg_of("# x\nClientAliveCountMax ten\n");
	ok(ka_dropin_values(c, &v, &e) == -EINVAL, "drop-in bad count");
	is_str(e.msg, "/etc/ssh/sshd_config:2: ClientAliveCountMax 'ten' is "
	    "not a whole number", "drop-in error names the line");
	ka_cfg_free(c);
	c = cfg_of("ClientAliveInterval 1 2\n");
	ok(ka_dropin_values(c, &v, &e) == -EINVAL, "drop-in two values");
	ka_cfg_free(c);
	c = cfg_of("ClientAliveInterval 1.5\n");
	ok(ka_dropin_values(c, &v, &e) == -EINVAL, "drop-in decimal");
	ka_cfg_free(c);
	c = cfg_of("TCPKeepAlive sure\n");
	ok(ka_dropin_values(c, &v, &e) == -EINVAL, "drop-in bad yes/no");
	ka_cfg_free(c);
}

static void
test_fs(void)
{
	struct ka_pathlist pl;
	struct ka_err e;
	char *j;

	ok(ka_fs_glob(root, "/etc/ssh/*.conf", &pl, &e) == 0 && pl.n == 2 &&
	    strcmp(pl.paths[0], "/etc/ssh/loop.conf") == 0,
	    "glob under root, sorted, root stripped");
	ok(ka_pathlist_add_sorted(&pl, "/etc/ssh/a.conf") == 0 && pl.n == 3 &&
	    strcmp(pl.paths[0], "/etc/ssh/a.conf") == 0, "add sorted");
	ok(ka_pathlist_add_sorted(&pl, "/etc/ssh/a.conf") == 0 && pl.n == 3,
	    "add sorted: no duplicate");
	ka_pathlist_free(&pl);
	j = ka_include_abspath("x/*.conf");
	is_str(j, "/etc/ssh/x/*.conf", "relative Include starts at /etc/ssh");
	free(j);
}

/* Files from memory: what ka_edit_include reads through. */
static const char *const mem_paths[] = {
	"/etc/ssh/extra.conf", "/etc/ssh/sshd_config.d/01-keepalive.conf",
	"/etc/ssh/sshd_config.d/50-redhat.conf", NULL
};
static const char *const mem_texts[] = {
	"ClientAliveInterval 0\n", "ClientAliveInterval 600\n", "UsePAM yes\n"
};
static int mem_globs, mem_loads;

static int
mem_glob(const struct ka_files *f, const char *pattern,
    struct ka_pathlist *pl, struct ka_err *e)
{
	size_t i;

	(void)f;
	(void)e;
	mem_globs++;
	pl->paths = NULL;
	pl->n = 0;
	for (i = 0; mem_paths[i] != NULL; i++)
		if (fnmatch(pattern, mem_paths[i], FNM_PATHNAME) == 0)
			ka_pathlist_add_sorted(pl, mem_paths[i]);
	return 0;
}

static int
mem_load(const struct ka_files *f, const char *path, struct ka_cfg **out,
    struct ka_err *e)
{
	size_t i;

	(void)f;
	mem_loads++;
	for (i = 0; mem_paths[i] != NULL; i++)
		if (strcmp(mem_paths[i], path) == 0)
			return ka_cfg_parse(path, mem_texts[i],
			    strlen(mem_texts[i]), out, e);
	return ka_err_set(e, ENOENT, path, 0, "No such file or directory");
}

static void
test_include_files_from_memory(void)
{
	struct ka_files f = { mem_glob, mem_load, NULL, "/nonexistent", NULL };
	struct ka_target t = target();
	struct ka_buf out = KA_BUF_INIT;
	struct ka_cfg *c = cfg_of("Port 22\n");
	struct ka_err e;

	t.files = &f;
	ok(ka_edit_include(c, &t, &out, &e) == 0 &&
	    strstr(out.data, "\nInclude /etc/ssh/sshd_config.d/01-keepalive.conf"
	    "\n") != NULL, "another drop-in in memory: the block names ours");
	ok(mem_globs == 1 && mem_loads == 0, "the drop-in directory was "
	    "globbed through the interface, nothing read from disk");
	ka_buf_free(&out);
	ka_cfg_free(c);
	c = cfg_of("Include /etc/ssh/extra.conf\nInclude /etc/ssh/sshd_config.d/*.conf\n");
	ok(ka_edit_include(c, &t, &out, &e) == 0 &&
	    strncmp(out.data, "# BEGIN ssh-keepalive", 21) == 0,
	    "an included file in memory sets ClientAliveInterval first: a "
	    "block goes on top");
	ok(mem_loads == 1, "that file was loaded through the interface");
	ka_buf_free(&out);
	ka_cfg_free(c);
}

int
main(void)
{
	char cmd[256];

	if (mkdtemp(root) == NULL)
		return 1;
	sysfiles = ka_files_system(root);
	mkdir_in_root("/etc");
	mkdir_in_root("/etc/ssh");
	mkdir_in_root("/etc/ssh/sshd_config.d");
	test_marker_errors();
	test_two_blocks_become_one();
	test_inline_needs_values();
	test_include_without_dropin_on_disk();
	test_include_keeps_good_block();
	test_include_loop();
	test_effective_invalid_and_match();
	test_effective_first();
	test_match_every();
	test_effective_read_twice();
	test_effective_many_matches();
	test_dropin_values();
	test_fs();
	test_include_files_from_memory();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	return tap_done();
}
