/* ops.c — the central-IT host: console landing, health and metrics. */
#include <stddef.h>
#include <stdio.h>

#include "conf.h"
#include "ctx.h"
#include "db.h"
#include "directory.h"
#include "mail.h"
#include "scoreboard.h"
#include "tenant.h"

const struct page ops_pages[] = {
	{ .name = "ops-home", .method = "GET", .path = "/",
	    .flags = PAGE_OPS | PAGE_AUTH, .fn = page_ops_home,
	    .menu = "menu.home", .roles = "central_it" },
	{ .name = "healthz", .method = "GET", .path = "/healthz",
	    .flags = PAGE_OPS | PAGE_RAW | PAGE_ANYSTAGE, .fn = page_healthz },
	{ .name = "metrics", .method = "GET", .path = "/metrics",
	    .flags = PAGE_OPS | PAGE_RAW | PAGE_ANYSTAGE, .fn = page_metrics },
	{ .name = NULL },
};

static const char *const sb_states[] = { "free", "starting", "idle",
    "busy", "stopping" };

/* Health, workers and the mail queue, for central IT's console (OPS-1). */
static void
ops_status(struct ctx *c)
{
	const struct scoreboard	*sb = c->app->sb;
	struct dbres		*r;
	xmlNodePtr		 h, w, o;
	int64_t			 now = mono_ms() / 1000;
	size_t			 i;

	h = model_node(c->content, "health");
	model_attr(h, "database", db_ping(c->app->db) > 0 ? "ok" : "down");
	model_attr(h, "directory", dir_ping(c->app->dir) > 0 ? "ok" : "down");
	model_attr(h, "mail", mail_ping(c->app->cfg) > 0 ? "ok" : "down");
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
		model_attr(o, dbres_get(r, i, 0), dbres_get(r, i, 1));
	dbres_free(r);
}

enum result
page_ops_home(struct ctx *c)
{
	const struct tenants	*ts = c->app->tenants;
	xmlNodePtr		 list, t;
	size_t			 i, k;

	if (model_new(c, "ops-home") == -1)
		return RES_INTERNAL;
	ops_status(c);
	list = model_node(c->content, "tenants");
	for (i = 0; i < ts->n; i++) {
		t = model_node(list, "tenant");
		model_attr(t, "slug", ts->t[i].slug);
		model_attr(model_text(t, "name", ts->t[i].name_ja), "lang",
		    "ja");
		model_attr(model_text(t, "name", ts->t[i].name_en), "lang",
		    "en");
		for (k = 0; k < ts->t[i].nhost; k++)
			model_text(t, "host", ts->t[i].host[k]);
		model_text(t, "features", ts->t[i].features);
	}
	return RES_OK;
}

/*
 * /healthz: each dependency checked live; 200 when all answer, else 503
 * naming what is down.  Plain text, for load balancers and people.
 */
enum result
page_healthz(struct ctx *c)
{
	static const char *const names[] = { "database", "directory",
	    "mail" };
	int		 ok[3], i, all = 1;

	ok[0] = db_ping(c->app->db) > 0;
	ok[1] = dir_ping(c->app->dir) > 0;
	ok[2] = mail_ping(c->app->cfg) > 0;
	for (i = 0; i < 3; i++) {
		buf_printf(&c->body, "%s %s\n", names[i],
		    ok[i] ? "ok" : "down");
		all &= ok[i];
	}
	c->ctype = "text/plain; charset=utf-8";
	if (!all) {
		c->status = 503;
		return RES_UNAVAIL;
	}
	return RES_OK;
}

enum result
page_metrics(struct ctx *c)
{
	struct dbres	*r;
	size_t		 i;

	sb_metrics(c->app->sb, &c->body);
	/* The mail queue, from the database (every host's mailers share it). */
	if ((r = dbq_outbox_depth(c->app->db)) != NULL) {
		buf_puts(&c->body, "# HELP shikaku_outbox Mails in the outbox "
		    "by state.\n# TYPE shikaku_outbox gauge\n");
		for (i = 0; i < r->nrows; i++)
			buf_printf(&c->body, "shikaku_outbox{state=\"%s\"} %s\n",
			    dbres_get(r, i, 0), dbres_get(r, i, 1));
		dbres_free(r);
	}
	c->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return RES_OK;
}
