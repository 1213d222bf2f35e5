/* client_status.c - ssh-keepalive-tune --client --status and --json */
#include "flow/client.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/buf.h"
#include "engine/json.h"
#include "engine/period_client.h"
#include "flow/client_gather.h"

static const char *
found_name(enum ka_client_found f)
{
	return f == KA_CLIENT_STOCK ? "stock-include" :
	    f == KA_CLIENT_INCLUDE_BLOCK ? "include" :
	    f == KA_CLIENT_INLINE_BLOCK ? "inline" : "none";
}

/* The values ssh uses for every host, as far as the files tell. */
static struct ka_client_values
in_force(const struct ka_client_report *r)
{
	struct ka_client_values v = KA_CLIENT_VALUES_UNSET;

	if (r->asked && r->g.verdict == KA_SSHG_ACCEPTED)
		return r->g.v;
	if (r->st.found == KA_CLIENT_INLINE_BLOCK)
		return r->st.inline_values;
	if (r->st.found != KA_CLIENT_NONE && r->dropin_present &&
	    !r->dropin_bad)
		return r->dropin;
	return v;
}

/* Empty when in effect, else why not. */
static void
why_not(const struct ka_client_report *r, char *buf, size_t size)
{
	struct ka_client_values v = in_force(r);

	buf[0] = '\0';
	if (r->main_missing || r->main_bad)
		snprintf(buf, size, "%s", r->main_err.msg);
	else if (r->st.found == KA_CLIENT_NONE)
		snprintf(buf, size, "%s does not read %s", KA_PATH_SSH_CONFIG,
		    KA_CLIENT_DROPIN_PATH);
	else if (r->st.misplaced)
		snprintf(buf, size, "%s:%zu: ours comes after a Host/Match line "
		    "or another ServerAlive line", KA_PATH_SSH_CONFIG, r->st.line);
	else if (r->st.found != KA_CLIENT_INLINE_BLOCK && !r->dropin_present)
		snprintf(buf, size, "%s is missing", KA_CLIENT_DROPIN_PATH);
	else if (r->dropin_bad)
		snprintf(buf, size, "%s", r->dropin_err.msg);
	else if (r->asked && r->g.verdict == KA_SSHG_REJECTED)
		snprintf(buf, size, "ssh rejects its configuration: %.1000s", r->g.msg);
	else if (v.interval <= 0)
		snprintf(buf, size, "ServerAliveInterval is %ld: no probes",
		    v.interval);
}

static void
verdict_line(const struct ka_client_report *r, int on)
{
	struct ka_client_values v = in_force(r);
	char why[1200];

	why_not(r, why, sizeof(why));
	if (!on && r->st.found != KA_CLIENT_INCLUDE_BLOCK &&
	    r->st.found != KA_CLIENT_INLINE_BLOCK && !r->dropin_present)
		printf("client side: off: no client configuration changed "
		    "(ssh-keepalive-tune --client --on switches it on)\n");
	else if (why[0] != '\0')
		printf("client side: %s, but not in effect: %s\n",
		    on ? "on" : "off", why);
	else
		printf("client side: %s: ssh probes an idle server every %ld s and "
		    "gives up on a silent one after %ld s, for every host\n",
		    on ? "on" : "off (but our lines are in place)",
		    ka_client_period(&r->rel.v, v.interval),
		    ka_client_drop_after(v.interval, v.count_max));
}

static void
print_overrides(const struct ka_client_report *r)
{
	size_t i;

	if (r->nov == 0)
		printf("  users:       no ServerAlive line in /root/.ssh/config "
		    "or /home/*/.ssh/config; ssh -o still comes first\n");
	for (i = 0; i < r->nov; i++)
		printf("  user file:   %s:%zu: %s %s%s: comes first for that "
		    "user\n", r->ov[i].file, r->ov[i].line, r->ov[i].keyword,
		    r->ov[i].value, r->ov[i].scoped ? " (in a Host/Match block)" :
		    "");
	if (r->nov_more > 0)
		printf("  user files:  %zu more such lines\n", r->nov_more);
}

static void
print_text(const struct ka_client_report *r, int on)
{
	char rel[512];

	verdict_line(r, on);
	printf("  ssh:         %s\n", ka_release_describe(&r->rel, rel,
	    sizeof(rel)));
	printf("  switched:    %s (%s%s)\n", on ? "on" : "off",
	    r->sc.client_line ? "CLIENT in " : "no CLIENT=yes in ",
	    KA_PATH_MODEFILE);
	if (r->dropin_present && !r->dropin_bad)
		printf("  drop-in:     %s: ServerAliveInterval %ld, "
		    "ServerAliveCountMax %ld\n", KA_CLIENT_DROPIN_PATH,
		    r->dropin.interval, r->dropin.count_max);
	else
		printf("  drop-in:     %s\n", r->dropin_present ?
		    r->dropin_err.msg : "none");
	if (!r->main_missing && !r->main_bad && r->st.found == KA_CLIENT_NONE)
		printf("  read by:     nothing in %s\n", KA_PATH_SSH_CONFIG);
	if (!r->main_missing && !r->main_bad && r->st.found != KA_CLIENT_NONE)
		printf("  read by:     %s at %s:%zu\n", found_name(r->st.found),
		    KA_PATH_SSH_CONFIG, r->st.line);
	if (r->sc.client_nat_timeout > 0)
		printf("  nat-timeout: %ld s (CLIENT_NAT_TIMEOUT)\n",
		    r->sc.client_nat_timeout);
	if (r->asked && r->g.verdict == KA_SSHG_ACCEPTED)
		printf("  ssh -G %s: serveraliveinterval %ld, serveralivecountmax "
		    "%ld\n", r->host, r->g.v.interval, r->g.v.count_max);
	else
		printf("  ssh -G:      not asked: %s\n", r->asked ? r->g.msg :
		    r->not_asked);
	print_overrides(r);
}

static void
json_long(struct ka_buf *b, const char *key, long v, int first)
{
	ka_json_key(b, key, first);
	if (v < 0)
		ka_buf_adds(b, "null");
	else
		ka_buf_addf(b, "%ld", v);
}

static void
json_overrides(struct ka_buf *b, const struct ka_client_report *r)
{
	size_t i;

	ka_json_key(b, "overrides", 0);
	ka_buf_adds(b, "[");
	for (i = 0; i < r->nov; i++) {
		ka_buf_adds(b, i ? ",{" : "{");
		ka_json_key(b, "file", 1);
		ka_json_str(b, r->ov[i].file);
		ka_buf_addf(b, ",\"line\":%zu", r->ov[i].line);
		ka_json_key(b, "keyword", 0);
		ka_json_str(b, r->ov[i].keyword);
		ka_json_key(b, "value", 0);
		ka_json_str(b, r->ov[i].value);
		ka_buf_addf(b, ",\"scoped\":%s}", r->ov[i].scoped ? "true" :
		    "false");
	}
	ka_buf_adds(b, "]");
}

static void
print_json(const struct ka_client_report *r, int on)
{
	struct ka_client_values v = in_force(r);
	struct ka_buf b = KA_BUF_INIT;
	char why[1200], rel[64];

	why_not(r, why, sizeof(why));
	ka_sshver_name(&r->rel.v, rel, sizeof(rel));
	ka_buf_addf(&b, "{\"client\":{\"on\":%s,\"effective\":%s",
	    on ? "true" : "false", why[0] == '\0' ? "true" : "false");
	ka_json_key(&b, "why_not", 0);
	ka_json_str(&b, why[0] ? why : NULL);
	ka_json_key(&b, "ssh_release", 0);
	ka_json_str(&b, r->rel.v.known ? rel : NULL);
	ka_json_key(&b, "ssh_release_from", 0);
	ka_json_str(&b, r->rel.how);
	ka_json_key(&b, "read_by", 0);
	ka_json_str(&b, found_name(r->st.found));
	json_long(&b, "read_by_line", r->st.found ? (long)r->st.line : -1, 0);
	json_long(&b, "dropin_interval", r->dropin.interval, 0);
	json_long(&b, "dropin_count_max", r->dropin.count_max, 0);
	json_long(&b, "nat_timeout", r->sc.client_nat_timeout > 0 ?
	    r->sc.client_nat_timeout : -1, 0);
	ka_json_key(&b, "host", 0);
	ka_json_str(&b, r->host);
	ka_buf_addf(&b, ",\"asked_ssh\":%s", r->asked ? "true" : "false");
	ka_json_key(&b, "not_asked_why", 0);
	ka_json_str(&b, r->asked ? NULL : r->not_asked);
	json_long(&b, "interval", v.interval, 0);
	json_long(&b, "count_max", v.count_max, 0);
	json_long(&b, "probe_period", v.interval > 0 ?
	    ka_client_period(&r->rel.v, v.interval) : -1, 0);
	json_long(&b, "gives_up_after", v.interval > 0 ?
	    ka_client_drop_after(v.interval, v.count_max) : -1, 0);
	json_overrides(&b, r);
	ka_buf_adds(&b, "}}\n");
	if (b.data != NULL)
		fwrite(b.data, 1, b.len, stdout);
	ka_buf_free(&b);
}

int
ka_client_status(const struct ka_client_status_opts *so, struct ka_err *e)
{
	struct ka_client_report *r = calloc(1, sizeof(*r));
	int on;

	if (r == NULL)
		return ka_err_set(e, ENOMEM, NULL, 0, "out of memory");
	ka_client_gather(so, r);
	on = r->sc.client == 1;
	if (so->json)
		print_json(r, on);
	else
		print_text(r, on);
	free(r);
	return 0;
}
