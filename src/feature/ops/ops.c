/*
 * ops.c — the central-IT host: console landing, health and metrics.
 *
 * /metrics and the details of /healthz are central IT's: a signed-in
 * central-IT session, or the bearer token of shikaku.conf
 * metrics_token_file (Prometheus).  Anyone else learns from /healthz
 * only whether the portal is up, which is all a load balancer needs.
 * The dependencies are probed at most once per SB_HEALTH_MS for all
 * workers together (scoreboard.c): a relay that hangs cannot tie up
 * one worker per poll.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "kv.h"
#include "directory.h"
#include "mail.h"
#include "ops.h"
#include "scoreboard.h"
#include "session.h"
#include "tenant.h"

const struct page ops_pages[] = {
	{ .name = "ops-home", .methods = M_GET, .path = "/",
	    .flags = PAGE_OPS | PAGE_AUTH, .get = page_ops_home,
	    .menu = "menu.home", .roles = ROLE_CENTRAL_IT },
	{ .name = "healthz", .methods = M_GET, .path = "/healthz",
	    .flags = PAGE_OPS | PAGE_RAW | PAGE_ANYSTAGE, .get = page_healthz },
	{ .name = "metrics", .methods = M_GET, .path = "/metrics",
	    .flags = PAGE_OPS | PAGE_RAW | PAGE_ANYSTAGE, .get = page_metrics },
	{ .name = NULL },
};

static const char *const sb_states[] = { "free", "starting", "idle",
    "busy", "stopping" };

static const char *const health_names[SB_HEALTH_DEPS] = { "database",
    "directory", "mail" };

/*
 * Does an Authorization header carry this bearer token (RFC 6750)?  The
 * scheme is case-insensitive; the token is compared in constant time.
 * No token configured means no token is accepted.
 */
int
bearer_ok(const char *authz, const char *token)
{
	const char	*p;
	int		 ok = 0;

	if (authz != NULL && token != NULL && *token != '\0' &&
	    strncasecmp(authz, "Bearer ", 7) == 0) {
		for (p = authz + 7; *p == ' '; p++)
			;
		ok = ct_streq(p, token);
	}
	return ok;
}

/* Central IT, signed in and past the forced steps, or Prometheus. */
static int
ops_trusted(const struct ctx *c)
{
	char	*tok;
	int	 ok;

	ok = c->sess.valid && c->sess.stage == SESS_IN &&
	    !c->sess.must_change && c->sess.totp_enabled &&
	    session_has_role(c, ROLE_CENTRAL_IT);
	/* The file is read on each use: a new token needs no reload. */
	if (!ok && c->authz != NULL &&
	    c->app->cfg->metrics_token_file != NULL) {
		tok = read_secret(c->app->cfg->metrics_token_file);
		ok = bearer_ok(c->authz, tok);
		secret_free(tok);
	}
	return ok;
}

static void
health_probe(void *arg, int *ok)
{
	struct app	*a = arg;

	ok[0] = db_ping(a->db) > 0;
	ok[1] = dir_ping(a->dir) > 0;
	ok[2] = mail_ping(a->cfg) > 0;
}

/* Each dependency's state, at most SB_HEALTH_MS old. */
static void
health(struct ctx *c, int *ok)
{
	sb_health(c->app->sb, mono_ms(), health_probe, c->app, ok);
}

/* Health, workers and the mail queue, for central IT's console (OPS-1). */
static void
ops_status(struct ctx *c)
{
	const struct scoreboard	*sb = c->app->sb;
	struct dbres		*r;
	xmlNodePtr		 h, w, o;
	int64_t			 now = mono_ms() / 1000;
	int			 ok[SB_HEALTH_DEPS];
	size_t			 i;

	health(c, ok);
	h = model_node(c->content, "health");
	for (i = 0; i < SB_HEALTH_DEPS; i++)
		model_attr(h, health_names[i], ok[i] ? "ok" : "down");
	w = model_node(c->content, "workers");
	model_attrf(w, "restarts", "%llu", (unsigned long long)sb->restarts);
	model_attrf(w, "reloads", "%llu", (unsigned long long)sb->reloads);
	for (i = 0; i < SB_WORKERS; i++) {
		const struct sb_worker *sw = &sb->w[i];
		if (sw->pid <= 0 || sw->state <= 0 || sw->state > 4)
			continue;
		o = model_node(w, "worker");
		model_attrf(o, "pid", "%d", (int)sw->pid);
		model_attr(o, "state", sb_states[sw->state]);
		model_attrf(o, "requests", "%llu",
		    (unsigned long long)sw->requests);
		model_attrf(o, "age", "%lld", (long long)(now - sw->started));
	}
	o = model_node(c->content, "outbox");
	if ((r = dbq_outbox_depth(c->app->db)) == NULL) {
		model_attr(o, "unavailable", "1");
		return;
	}
	for (i = 0; i < r->nrows; i++)
		model_attr(o, dbres_get(r, i, OUTBOX_DEPTH_COL_STATE),
		    dbres_get(r, i, OUTBOX_DEPTH_COL_COUNT));
	dbres_free(r);
}

/* What the last lifecycle action did, from the redirect's query. */
static void
ops_outcome(struct ctx *c)
{
	static const char *const done[] = { "created", "created-no-admin",
	    "disable", "enable", "set" };
	xmlNodePtr	 o;
	const char	*slug;
	char		 key[48];
	size_t		 i;

	for (i = 0; i < sizeof(done) / sizeof(done[0]); i++)
		if ((slug = kv_str(&c->query, done[i])) != NULL &&
		    tenant_slug_valid(slug)) {
			snprintf(key, sizeof(key), "ops.tenant.done.%s",
			    done[i]);
			model_flash(c, key, i == 1 ? "warning" : "success");
			o = model_node(c->content, "outcome");
			model_attr(o, "op", done[i]);
			model_attr(o, "slug", slug);
			return;
		}
}

enum result
page_ops_home_with(struct ctx *c, const char *msg, const char *detail)
{
	const struct tenants	*ts = c->app->tenants;
	struct dbres		*cnt;
	xmlNodePtr		 list, t;
	size_t			 i, k, j;

	if (model_new(c, "ops-home") == -1)
		return RES_INTERNAL;
	if (msg != NULL) {
		model_flash(c, msg, "warning");
		if (detail != NULL)
			model_text(c->content, "refused", detail);
	} else
		ops_outcome(c);
	ops_status(c);
	/* Counts of every tenant at once; absent: the console still shows. */
	cnt = dbq_ops_tenant_counts(c->app->db);
	list = model_node(c->content, "tenants");
	for (i = 0; i < ts->n; i++) {
		t = model_node(list, "tenant");
		model_attr(t, "slug", ts->t[i].slug);
		if (ts->t[i].disabled)
			model_attr(t, "disabled", "1");
		for (j = 0; cnt != NULL && j < cnt->nrows; j++)
			if (strcmp(dbres_get(cnt, j, OPS_COUNT_SLUG),
			    ts->t[i].slug) == 0) {
				model_attr(t, "members", dbres_get(cnt, j,
				    OPS_COUNT_MEMBERS));
				model_attr(t, "applications", dbres_get(cnt, j,
				    OPS_COUNT_APPS));
				model_attr(t, "mail-queued", dbres_get(cnt, j,
				    OPS_COUNT_QUEUED));
			}
		model_attr(model_text(t, "name", ts->t[i].name_ja), "lang",
		    "ja");
		model_attr(model_text(t, "name", ts->t[i].name_en), "lang",
		    "en");
		for (k = 0; k < ts->t[i].nhost; k++)
			model_text(t, "host", ts->t[i].host[k]);
		model_text(t, "features", ts->t[i].features);
	}
	dbres_free(cnt);
	return RES_OK;
}

enum result
page_ops_home(struct ctx *c)
{
	return page_ops_home_with(c, NULL, NULL);
}

/*
 * /healthz: 200 when every dependency answers, else 503.  Plain text,
 * for load balancers and people: "ok" or "unavailable" for anyone, a
 * line per dependency for central IT.
 */
enum result
page_healthz(struct ctx *c)
{
	int		 ok[SB_HEALTH_DEPS], i, all = 1;
	enum result	 r = RES_OK;

	health(c, ok);
	for (i = 0; i < SB_HEALTH_DEPS; i++)
		all &= ok[i];
	if (ops_trusted(c))
		for (i = 0; i < SB_HEALTH_DEPS; i++)
			buf_printf(&c->body, "%s %s\n", health_names[i],
			    ok[i] ? "ok" : "down");
	else
		buf_puts(&c->body, all ? "ok\n" : "unavailable\n");
	c->ctype = "text/plain; charset=utf-8";
	if (!all) {
		c->status = 503;
		r = RES_UNAVAIL;
	}
	return r;
}

enum result
page_metrics(struct ctx *c)
{
	struct dbres	*r;
	size_t		 i;

	c->ctype = "text/plain; charset=utf-8";
	if (!ops_trusted(c)) {
		/* RFC 6750: say how to authenticate, nothing else. */
		buf_puts(&c->hdrs, "WWW-Authenticate: Bearer "
		    "realm=\"shikaku\"\r\n");
		buf_puts(&c->body, "unauthorized\n");
		c->status_hint = 401;
		goto out;
	}
	sb_metrics(c->app->sb, &c->body);
	/* The mail queue, from the database (every host's mailers share it). */
	if ((r = dbq_outbox_depth(c->app->db)) != NULL) {
		buf_puts(&c->body, "# HELP shikaku_outbox Mails in the outbox "
		    "by state.\n# TYPE shikaku_outbox gauge\n");
		for (i = 0; i < r->nrows; i++)
			buf_printf(&c->body, "shikaku_outbox{state=\"%s\"} %s\n",
			    dbres_get(r, i, OUTBOX_DEPTH_COL_STATE),
			    dbres_get(r, i, OUTBOX_DEPTH_COL_COUNT));
		dbres_free(r);
	}
	c->ctype = "text/plain; version=0.0.4; charset=utf-8";
out:
	return RES_OK;
}
