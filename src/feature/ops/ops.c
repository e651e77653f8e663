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
#include "conf_check.h"
#include "ctx.h"
#include "db.h"
#include "kv.h"
#include "directory.h"
#include "mail.h"
#include "migration.h"
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

/*
 * The applied migrations (schema_migration, from the page's statement)
 * against those this worker's sqldir ships, read at its start: each
 * applied one "applied", or "changed" when the file's SHA-256 differs,
 * or "missing" when no file has its name; each file not applied
 * "pending".  Absent rows: the console still shows, and says so.
 */
static void
ops_migrations(struct ctx *c, const struct dbres *migs)
{
	const struct migrations	*ms = c->app->shipped;
	const char		*name, *sum;
	xmlNodePtr		 l, m;
	size_t			 i, j, napplied = 0, npending = 0, nchanged = 0;

	l = model_node(c->content, "migrations");
	model_attr(l, "sqldir", c->app->cfg->sqldir);
	if (ms == NULL)
		model_attr(l, "unreadable", "1");
	if (migs == NULL)
		model_attr(l, "unavailable", "1");
	for (i = 0; migs != NULL && i < migs->nrows; i++) {
		name = dbres_get(migs, i, OPS_MIG_NAME);
		sum = dbres_get(migs, i, OPS_MIG_SHA256);
		m = model_node(l, "migration");
		model_attr(m, "version", dbres_get(migs, i, OPS_MIG_VERSION));
		model_attr(m, "name", name);
		model_attr(m, "sha256", sum);
		model_attr(m, "applied", dbres_get(migs, i, OPS_MIG_APPLIED));
		napplied++;
		for (j = 0; ms != NULL && j < ms->n; j++)
			if (name != NULL && strcmp(ms->m[j].name, name) == 0)
				break;
		if (ms == NULL || j == ms->n) {
			model_attr(m, "state", "missing");
			continue;
		}
		if (sum != NULL && strcmp(ms->m[j].sha256, sum) == 0)
			model_attr(m, "state", "applied");
		else {
			model_attr(m, "state", "changed");
			model_attr(m, "shipped-sha256", ms->m[j].sha256);
			nchanged++;
		}
	}
	/* A few dozen of each: a second pass costs less than an index. */
	for (j = 0; ms != NULL && migs != NULL && j < ms->n; j++) {
		for (i = 0; i < migs->nrows; i++)
			if ((name = dbres_get(migs, i, OPS_MIG_NAME)) != NULL &&
			    strcmp(ms->m[j].name, name) == 0)
				break;
		if (i < migs->nrows)
			continue;
		m = model_node(l, "migration");
		model_attrf(m, "version", "%lld", ms->m[j].version);
		model_attr(m, "name", ms->m[j].name);
		model_attr(m, "sha256", ms->m[j].sha256);
		model_attr(m, "state", "pending");
		npending++;
	}
	model_attrf(l, "shipped", "%zu", ms != NULL ? ms->n : 0);
	model_attrf(l, "applied", "%zu", napplied);
	model_attrf(l, "pending", "%zu", npending);
	model_attrf(l, "changed", "%zu", nchanged);
}

/* shikakuctl check-config's lines, as this worker loaded its files. */
static void
ops_config(struct ctx *c)
{
	const struct checks	*k = c->app->checks;
	xmlNodePtr		 l, e;
	size_t			 i;

	l = model_node(c->content, "config-check");
	if (k == NULL)
		model_attr(l, "unavailable", "1");
	for (i = 0; k != NULL && i < k->n; i++) {
		e = model_text(l, "check", k->c[i].text);
		model_attr(e, "level", check_level_names[k->c[i].level]);
	}
	if (k != NULL) {
		model_attrf(l, "errors", "%zu", k->errors);
		model_attrf(l, "warnings", "%zu", k->warnings);
	}
}

enum result
page_ops_home_with(struct ctx *c, const char *msg, const char *detail)
{
	const struct tenants	*ts = c->app->tenants;
	struct dbres		*cnt, *migs;
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
	/*
	 * Counts of every tenant and the applied migrations at once;
	 * absent: the console still shows.
	 */
	(void)dbq_ops_console(c->app->db, &cnt, &migs);
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
	ops_migrations(c, migs);
	ops_config(c);
	dbres_free(cnt);
	dbres_free(migs);
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
