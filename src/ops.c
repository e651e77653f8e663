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

enum result
page_ops_home(struct ctx *c)
{
	const struct tenants	*ts = c->app->tenants;
	xmlNodePtr		 list, t;
	size_t			 i, k;

	if (model_new(c, "ops-home") == -1)
		return RES_INTERNAL;
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
	sb_metrics(c->app->sb, &c->body);
	c->ctype = "text/plain; version=0.0.4; charset=utf-8";
	return RES_OK;
}
