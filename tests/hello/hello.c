/*
 * hello.c — a tiny product that lives in tests only (issue 8, item 7):
 * one page, one setting, one role, its own entry.  It is added to a
 * copy of features[] (features.c here) and turned on by a tenant.conf;
 * nothing under src/ names it.
 */
#include <stddef.h>
#include <stdio.h>

#include "ctx.h"
#include "feature.h"

/* Its one role: a feature bit no shipped feature uses (checked). */
#define ROLE_GREETER	ROLE_FEATURE(ROLE_FEATURE_MAX - 1)

static enum result
page_hello(struct ctx *c)
{
	char	 n[24];

	if (model_new(c, "hello") == -1)
		return RES_INTERNAL;
	snprintf(n, sizeof(n), "%lld",
	    feature_setting(c->tenant, "hello", "greetings"));
	model_text(c->content, "greetings", n);
	return RES_OK;
}

static const struct page hello_pages[] = {
	{ .name = "hello", .methods = M_GET, .path = "/hello",
	    .flags = PAGE_TENANT | PAGE_AUTH, .get = page_hello,
	    .feature = "hello", .roles = ROLE_GREETER },
	{ .name = NULL },
};
static const struct page *const tables[] = { hello_pages, NULL };
static const struct feature_key keys[] = {
	{ .name = "greetings", .lo = 1, .hi = 10, .dflt = 3,
	    .help = "greetings a day" },
	{ .name = NULL },
};
static const struct feature_role roles[] = {
	{ "greeter", ROLE_GREETER },
	{ NULL, 0 },
};

const struct feature feature_hello = {
	.name = "hello",
	.pages = { [FS_MEMBER] = tables },
	.keys = keys,
	.roles = roles,
};
