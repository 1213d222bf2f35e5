/* client_plan.c - what a client-side change will write */
#include "flow/client_plan.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "engine/client_edit.h"
#include "engine/period_client.h"
#include "engine/value.h"
#include "flow/modechoice.h"
#include "flow/opts.h"
#include "sys/fsutil.h"
#include "engine/sysconf_keys.h"
#include "sys/sshclient.h"

void
ka_cplan_init(struct ka_cplan *p)
{
	memset(p, 0, sizeof(*p));
}

void
ka_cplan_free(struct ka_cplan *p)
{
	ka_cfg_free(p->main);
	ka_cfg_free(p->dropin);
	ka_buf_free(&p->main_new);
	ka_buf_free(&p->dropin_new);
	ka_buf_free(&p->sys_new);
	ka_buf_free(&p->sys_old);
}

static int
load_sysconfig(const char *root, struct ka_cplan *p, struct ka_err *e)
{
	int r = ka_fs_read_file(root, KA_PATH_MODEFILE, &p->sys_old, e);

	memset(&p->sc, 0, sizeof(p->sc));
	p->sc.mode = p->sc.client_mode = KA_MODE_AUTO;
	if (r == -ENOENT) {
		ka_err_clear(e);
		p->sys_missing = 1;
		return 0;
	}
	if (r < 0)
		return r;
	return ka_modefile_parse(p->sys_old.data, p->sys_old.len, 1, &p->sc, e);
}

/* Include from 7.3p1; an unknown release is given a marked block, which
 * every release reads. */
static int
choose_mode(const struct ka_client_opts *o, struct ka_cplan *p,
    struct ka_err *e)
{
	char name[64];
	enum ka_mode m = o->mode_given ? o->mode : p->sc.client_mode;
	int inc = ka_client_has_include(&p->rel.v);

	ka_sshver_name(&p->rel.v, name, sizeof(name));
	if (m == KA_MODE_INCLUDE && p->rel.v.known && !inc)
		return ka_err_set(e, EINVAL, NULL, 0, "ssh %s does not understand "
		    "Include (7.3p1 and later do): use --mode inline or auto",
		    name);
	if (m == KA_MODE_AUTO)
		m = inc ? KA_MODE_INCLUDE : KA_MODE_INLINE;
	p->mode = m;
	if (o->mode_given || p->sc.client_mode != KA_MODE_AUTO)
		snprintf(p->mode_why, sizeof(p->mode_why), "%s, from %s",
		    ka_mode_name(m), o->mode_given ? "--mode" : "CLIENT_MODE in "
		    KA_PATH_MODEFILE);
	else if (!p->rel.v.known)
		snprintf(p->mode_why, sizeof(p->mode_why), "inline: the ssh "
		    "release is unknown (%.150s)", p->rel.how);
	else
		snprintf(p->mode_why, sizeof(p->mode_why), "%s: %s %s Include",
		    ka_mode_name(m), name, inc ? "reads" : "does not read");
	return 0;
}

/* The values: the drop-in's (or the shipped ones), then what was asked;
 * a recorded nat-timeout picks the interval when none is given. */
static int
choose_values(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_cplan *p, struct ka_err *e)
{
	struct ka_client_values d = KA_CLIENT_VALUES_UNSET;
	long timeout = o->nat_timeout, smallest;

	if (p->dropin != NULL && ka_client_dropin_values(p->dropin, &d, e) < 0)
		return KA_EXIT_ERROR;
	p->v.interval = d.interval >= 0 && !o->reset ? d.interval :
	    KA_CLIENT_SHIPPED_INTERVAL;
	p->v.count_max = d.count_max >= 0 && !o->reset ? d.count_max :
	    KA_CLIENT_SHIPPED_COUNT;
	if (o->set.interval >= 0)
		p->v.interval = o->set.interval;
	if (o->set.count_max >= 0)
		p->v.count_max = o->set.count_max;
	if (timeout <= 0 && op != KA_CLIENT_OFF && o->set.interval < 0 &&
	    !o->reset)
		timeout = p->sc.client_nat_timeout;
	if (timeout > 0 && ka_client_nat_interval(&p->rel.v, timeout,
	    &p->v.interval, &smallest) < 0) {
		ka_err_set(e, ERANGE, NULL, 0, "nat-timeout %ld s is too short for "
		    "any ServerAliveInterval: %ld s is the shortest that works",
		    timeout, smallest);
		return KA_EXIT_USAGE;
	}
	if (p->v.count_max != 0)
		return KA_EXIT_OK;
	ka_err_set(e, EINVAL, o->set.count_max == 0 || p->dropin == NULL ? NULL :
	    p->dropin->path, 0, "ServerAliveCountMax 0 makes ssh hang up on a "
	    "server after one quiet interval: ssh-keepalive never writes it "
	    "(1 or more)");
	return o->set.count_max == 0 ? KA_EXIT_USAGE : KA_EXIT_ERROR;
}

static int
set_key(struct ka_cplan *p, const char *key, const char *value,
    struct ka_err *e)
{
	struct ka_buf out = KA_BUF_INIT;
	const char *data = p->sys_new.len ? p->sys_new.data :
	    p->sys_missing ? NULL : p->sys_old.data;
	size_t len = p->sys_new.len ? p->sys_new.len : p->sys_old.len;
	int r;

	if (data == NULL && p->sys_new.len == 0 && !p->sys_missing)
		data = "";
	if ((r = ka_modefile_set_key(data, len, key, value, &out, e)) < 0) {
		ka_buf_free(&out);
		return r;
	}
	ka_buf_free(&p->sys_new);
	p->sys_new = out;
	return 0;
}

/* tune records CLIENT, CLIENT_MODE (--mode) and CLIENT_NAT_TIMEOUT. */
static int
plan_sysconfig(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_cplan *p, struct ka_err *e)
{
	char t[32];
	int r = 0;

	if (op != KA_CLIENT_ON && op != KA_CLIENT_OFF)
		return 0;
	r = set_key(p, "CLIENT", op == KA_CLIENT_ON ? "yes" : "no", e);
	if (r == 0 && o->mode_given)
		r = set_key(p, "CLIENT_MODE", ka_mode_name(o->mode), e);
	snprintf(t, sizeof(t), "%ld", o->nat_timeout);
	if (r == 0 && o->nat_timeout > 0)
		r = set_key(p, "CLIENT_NAT_TIMEOUT", t, e);
	else if (r == 0 && (o->set.interval >= 0 || o->reset) &&
	    p->sc.client_nat_line > 0)
		r = set_key(p, "CLIENT_NAT_TIMEOUT", NULL, e);
	p->sys_changed = r == 0 && p->sys_new.len > 0 && (p->sys_missing ||
	    p->sys_new.len != p->sys_old.len || memcmp(p->sys_new.data,
	    p->sys_old.data, p->sys_old.len) != 0);
	return r;
}

static int
same(const struct ka_buf *b, const struct ka_cfg *c)
{
	return c != NULL && b->len == c->size &&
	    memcmp(b->data, c->data, b->len) == 0;
}

static int
plan_on(struct ka_cplan *p, struct ka_err *e)
{
	int r;

	if ((r = ka_client_dropin_set(p->dropin, &p->v, &p->dropin_new, e)) < 0)
		return r;
	p->dropin_changed = !same(&p->dropin_new, p->dropin);
	if (p->mode == KA_MODE_INCLUDE)
		r = ka_client_edit_include(p->main, KA_CLIENT_DROPIN_PATH,
		    KA_CLIENT_DROPIN_DIR, &p->main_new, e);
	else
		r = ka_client_edit_inline(p->main, &p->v, &p->main_new, e);
	p->main_changed = r == 0 && !same(&p->main_new, p->main);
	return r;
}

/* Off: our block out, the drop-in gone, and the directory with it when
 * nothing of ssh's own reads it (we made it for our Include). */
static int
plan_off(struct ka_cplan *p, struct ka_err *e)
{
	struct ka_client_state st;
	int r;

	if ((r = ka_client_edit_state(p->main, KA_CLIENT_DROPIN_PATH,
	    KA_CLIENT_DROPIN_DIR, &st, e)) < 0)
		return r;
	if ((r = ka_client_edit_remove(p->main, &p->main_new, e)) < 0)
		return r;
	p->main_changed = !same(&p->main_new, p->main);
	p->dropin_delete = p->dropin != NULL;
	p->rmdir_after = p->dropin_delete && st.found != KA_CLIENT_STOCK;
	return 0;
}

static int
load_main(const char *root, struct ka_cplan *p, struct ka_err *e)
{
	int r = ka_cfg_load(root, KA_PATH_SSH_CONFIG, &p->main, e);

	if (r == -ENOENT)
		return ka_err_set(e, ENOENT, KA_PATH_SSH_CONFIG, 0, "missing: no "
		    "ssh client configuration to change (is openssh-clients "
		    "installed?)");
	return r;
}

static int
load_dropin(const char *root, struct ka_cplan *p, struct ka_err *e)
{
	int r = ka_cfg_load(root, KA_CLIENT_DROPIN_PATH, &p->dropin, e);

	if (r == -ENOENT) {
		ka_err_clear(e);
		p->dropin = NULL;
		return 0;
	}
	return r;
}

int
ka_cplan_build(const struct ka_client_opts *o, enum ka_client_op op,
    struct ka_cplan *p, struct ka_err *e)
{
	int on = op == KA_CLIENT_ON || op == KA_CLIENT_APPLY, r;

	if (load_sysconfig(o->root, p, e) < 0)
		return KA_EXIT_ERROR;
	if (op == KA_CLIENT_APPLY && p->sc.client != 1) {
		p->nothing = 1;
		return KA_EXIT_OK;
	}
	if (on && (p->sc.client_bad || p->sc.client_mode_bad ||
	    p->sc.client_nat_bad) && op == KA_CLIENT_APPLY) {
		*e = p->sc.client_err;
		return KA_EXIT_ERROR;
	}
	if (load_main(o->root, p, e) < 0 || load_dropin(o->root, p, e) < 0)
		return KA_EXIT_ERROR;
	if (on)   /* taking our lines out needs no release */
		ka_client_release_detect(o->root, &p->rel, e);
	if (on && choose_mode(o, p, e) < 0)
		return KA_EXIT_USAGE;
	if (on && (r = choose_values(o, op, p, e)) != KA_EXIT_OK)
		return r;
	r = on ? plan_on(p, e) : plan_off(p, e);
	if (r == 0)
		r = plan_sysconfig(o, op, p, e);
	return r < 0 ? KA_EXIT_ERROR : KA_EXIT_OK;
}
