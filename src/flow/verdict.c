/* verdict.c - is keepalive on, what does it survive, has sshd loaded it */
#include "flow/verdict.h"

#include <stdio.h>
#include <string.h>

#include "engine/period.h"
#include "sys/sshdver.h"

/* The state of the values in use, whether ssh-keepalive set them or not. */
static enum ka_verdict_state
values_state(const struct ka_alive *a)
{
	if (a->invalid)
		return KA_VERDICT_BROKEN;
	if (a->interval <= 0)
		return KA_VERDICT_OFF;
	if (ka_alive_idle_cut(a))
		return KA_VERDICT_IDLE_CUT;
	if (ka_alive_count0_unsure(a))
		return KA_VERDICT_COUNT0_UNSURE;
	return KA_VERDICT_ON;
}

enum ka_verdict_state
ka_verdict_state(const struct ka_verdict_facts *f)
{
	enum ka_verdict_state s = values_state(f->alive);

	if (s != KA_VERDICT_BROKEN && ((f->dropin_missing && !f->inline_mode) ||
	    f->not_read))
		return KA_VERDICT_NOT_APPLIED;
	return s;
}

/* "keepalive on: probes every 315 s" and the like, for the values in
 * use. */
static void
values_head(const struct ka_verdict_facts *f, struct ka_buf *b)
{
	const struct ka_alive *a = f->alive;
	const char *over = f->override != NULL ? ", overridden" : "";

	switch (values_state(a)) {
	case KA_VERDICT_BROKEN:
		ka_buf_adds(b, "keepalive broken: sshd refuses a value in use");
		break;
	case KA_VERDICT_OFF:
		ka_buf_addf(b, "keepalive off%s: ClientAliveInterval 0, no probes",
		    over);
		break;
	case KA_VERDICT_IDLE_CUT:
		ka_buf_addf(b, "keepalive off%s: idle sessions closed after %ld s",
		    over, a->interval);
		break;
	case KA_VERDICT_COUNT0_UNSURE:
		ka_buf_addf(b, "keepalive unsure%s: ClientAliveCountMax 0, release "
		    "unknown", over);
		break;
	default:
		ka_buf_addf(b, "keepalive on%s: probes %severy %ld s", over,
		    a->rel.v.known ? "" : "at least ", a->period);
		break;
	}
}

static const char *
sshd_short(enum ka_verdict_sshd s)
{
	static const char *const text[] = {
		"image: no sshd asked", "sshd: cannot tell",
		"chroot: no sshd asked", "sshd not running",
		"sshd.socket: read per connection", "sshd up to date",
		"sshd not reloaded yet", "sshd may need a reload"
	};

	return text[s];
}

void
ka_verdict_head(const struct ka_verdict_facts *f, struct ka_buf *b)
{
	if (ka_verdict_state(f) == KA_VERDICT_NOT_APPLIED)
		ka_buf_addf(b, "keepalive not applied: %s", f->dropin_missing ?
		    "the drop-in is missing" : "sshd_config does not apply the drop-in");
	else
		values_head(f, b);
	ka_buf_addf(b, "; %s", sshd_short(f->sshd));
}

const char *
ka_verdict_survives(const struct ka_alive *a, char *buf, size_t size)
{
	if (values_state(a) != KA_VERDICT_ON)
		return NULL;
	snprintf(buf, size, "survives firewalls and NATs with idle timeouts "
	    "over %ld s", a->period);
	return buf;
}

/* What the values in use do, a line each. */
static void
values_body(const struct ka_alive *a, struct ka_buf *b)
{
	char line[128], rel[64];

	ka_sshver_name(&a->rel.v, rel, sizeof(rel));
	switch (values_state(a)) {
	case KA_VERDICT_BROKEN:
		ka_buf_adds(b, "  the INVALID value below must be fixed before sshd "
		    "restarts\n");
		return;
	case KA_VERDICT_OFF:
		ka_buf_adds(b, "  idle sessions are cut by any firewall or NAT idle "
		    "timeout\n");
		return;
	case KA_VERDICT_IDLE_CUT:
		ka_buf_addf(b, "  %s drops the client, with no probe "
		    "(ClientAliveCountMax 0)\n", rel);
		return;
	case KA_VERDICT_COUNT0_UNSURE:
		ka_buf_addf(b, "  closes sessions idle for %ld s before 8.2p1; probes "
		    "every %ld s from 8.2p1\n", a->interval, a->period);
		return;
	default:
		break;
	}
	ka_buf_addf(b, "  %s\n", ka_verdict_survives(a, line, sizeof(line)));
	if (!a->rel.v.known)
		ka_buf_addf(b, "  (release unknown: taken as OpenSSH 9.2p1-9.4p1, "
		    "a probe every 2 x %ld s)\n", a->interval);
	if (a->drop_after != KA_NEVER)
		ka_buf_addf(b, "  a silent client is dropped after about %ld s\n",
		    a->drop_after);
	else
		ka_buf_adds(b, "  a silent client is never dropped\n");
}

static void
sshd_body(enum ka_verdict_sshd s, struct ka_buf *b)
{
	if (s == KA_VSSHD_STALE)
		ka_buf_adds(b, "  sshd runs with older files: "
		    "ssh-keepalive-tune --apply reloads it\n");
	else if (s == KA_VSSHD_STALE_UNKNOWN)
		ka_buf_adds(b, "  sshd may run with older files: "
		    "ssh-keepalive-tune --apply reloads it\n");
}

void
ka_verdict_body(const struct ka_verdict_facts *f, struct ka_buf *b)
{
	if (ka_verdict_state(f) == KA_VERDICT_NOT_APPLIED) {
		ka_buf_adds(b, "  sshd uses instead: ");
		values_head(f, b);
		ka_buf_addf(b, "\n  ssh-keepalive-tune --apply %s it\n",
		    f->dropin_missing ? "writes and applies" : "applies");
	}
	else if (f->dropin_missing)
		ka_buf_adds(b, "  the drop-in is missing: the next apply writes the "
		    "shipped one\n  and its values\n");
	if (f->override != NULL)
		ka_buf_addf(b, "  overridden: %s\n", f->override);
	values_body(f->alive, b);
	sshd_body(f->sshd, b);
}

void
ka_verdict_change(const struct ka_alive *a, struct ka_buf *b)
{
	struct ka_verdict_facts f = { a, 0, 0, 0, KA_VSSHD_UNKNOWN, NULL };
	struct ka_buf body = KA_BUF_INIT;
	const char *nl;

	values_head(&f, b);
	ka_buf_adds(b, "\n");
	values_body(a, &body);
	if (body.data != NULL && (nl = strchr(body.data, '\n')) != NULL)
		ka_buf_add(b, body.data + 2, (size_t)(nl - body.data) - 1);
	ka_buf_free(&body);
}
