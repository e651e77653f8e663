/*
 * golden.c — render a model file through the real renderer (the same
 * security prefs, loader and sk:t() catalogue as the daemon) and write
 * the HTML: `golden DATADIR MODEL.xml OUT.html`.  The tenant is the
 * model's /page/site/@slug; "ops" and none pick the shared and neutral
 * stylesheets.
 *
 * Then every local href, src and action of the model and of the HTML
 * must be a route of the daemon's page tables for that host (the same
 * page_lookup() as a request, the tenant's features applied; a POST
 * form's action a POST route): a golden case can never link a page that
 * does not exist (issue 8 item 6).  Exit 3 names the routes that do not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "buf.h"
#include "ctx.h"
#include "render.h"
#include "tenant.h"

/* Served by nginx, not by the page tables. */
static const char *const static_prefixes[] = { "/static/", "/assets/" };

struct links {
	const struct tenant	*t;
	int			 ops;
	int			 bad;
	const char		*model;
};

/* One link: a local path must be a route for its method. */
static void
link_check(struct links *l, const char *method, const char *url,
    size_t len)
{
	const struct page	*pg;
	char			 path[1024];
	size_t			 i, n;

	if (len == 0 || url[0] != '/' || (len > 1 && url[1] == '/'))
		return;	/* not a local path: fragment, mailto, https */
	for (n = 0; n < len && url[n] != '?' && url[n] != '#'; n++)
		;
	if (n >= sizeof(path))
		n = sizeof(path) - 1;
	memcpy(path, url, n);
	path[n] = '\0';
	for (i = 0; i < sizeof(static_prefixes) / sizeof(static_prefixes[0]);
	    i++)
		if (strncmp(path, static_prefixes[i],
		    strlen(static_prefixes[i])) == 0)
			return;
	if (page_lookup(method, path, l->ops, l->t, &pg) != PM_FOUND) {
		fprintf(stderr, "golden: %s: %s %s is no route\n", l->model,
		    method, path);
		l->bad++;
	}
}

/* The model: href and action of any element, POST when method="post". */
static void
links_model(struct links *l, xmlNodePtr n)
{
	static const char *const attrs[] = { "href", "action", "src" };
	xmlChar		*v, *m;
	size_t		 i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		m = xmlGetProp(n, (const xmlChar *)"method");
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			if ((v = xmlGetProp(n, (const xmlChar *)attrs[i])) ==
			    NULL)
				continue;
			link_check(l, m != NULL && xmlStrcasecmp(m,
			    (const xmlChar *)"post") == 0 ? "POST" : "GET",
			    (const char *)v, strlen((const char *)v));
			xmlFree(v);
		}
		xmlFree(m);
		links_model(l, n->children);
	}
}

/*
 * The HTML (as the stylesheets write it: double-quoted attributes):
 * href, src and action of every tag, POST for a <form method="post">.
 */
static void
links_html(struct links *l, const char *h, size_t len)
{
	static const char *const attrs[] = { " href=\"", " src=\"",
	    " action=\"" };
	const char	*p = h, *end = h + len, *gt, *a, *q;
	size_t		 i;
	int		 post;

	while ((p = memchr(p, '<', end - p)) != NULL &&
	    (gt = memchr(p, '>', end - p)) != NULL) {
		post = strncmp(p, "<form ", 6) == 0 &&
		    memmem(p, gt - p, " method=\"post\"", 14) != NULL;
		for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			a = memmem(p, gt - p, attrs[i], strlen(attrs[i]));
			if (a == NULL)
				continue;
			a += strlen(attrs[i]);
			if ((q = memchr(a, '"', gt - a)) != NULL)
				link_check(l, post ? "POST" : "GET", a, q - a);
		}
		p = gt + 1;
	}
}

int
main(int argc, char *argv[])
{
	struct tenants		*ts = NULL;
	struct render		*r = NULL;
	const struct tenant	*t = NULL;
	struct buf		 out = { NULL, 0, 0 };
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 n;
	xmlChar			*slug = NULL;
	FILE			*f;
	const char		*rep;
	char			 err[512];
	struct links		 l;
	size_t			 i;
	int			 ops = 0, rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: golden datadir model.xml out.html\n");
		return 2;
	}
	if ((ts = tenants_load(argv[1], err, sizeof(err))) == NULL ||
	    (r = render_new(argv[1], ts, err, sizeof(err))) == NULL) {
		fprintf(stderr, "golden: %s\n", err);
		goto out;
	}
	if ((doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET)) == NULL)
		goto out;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "site") == 0)
			slug = xmlGetProp(n, (const xmlChar *)"slug");
	if (slug != NULL) {
		ops = strcmp((char *)slug, "ops") == 0;
		for (i = 0; i < ts->n; i++)
			if (strcmp(ts->t[i].slug, (char *)slug) == 0)
				t = &ts->t[i];
	}
	if (render_page(r, t, ops, doc, &out) == -1) {
		fprintf(stderr, "golden: %s: transform failed\n", argv[2]);
		goto out;
	}
	/*
	 * GOLDEN_REPEAT=N (issue 10, by hand): render N more times and say
	 * how long one render takes, for measuring a stylesheet change.
	 * A signed-in model is never cached, so each is a full transform.
	 */
	if ((rep = getenv("GOLDEN_REPEAT")) != NULL && atoi(rep) > 0) {
		struct buf	 tmp = { NULL, 0, 0 };
		struct timespec	 a, b;
		int		 k, times = atoi(rep);

		clock_gettime(CLOCK_MONOTONIC, &a);
		for (k = 0; k < times; k++) {
			tmp.len = 0;
			if (render_page(r, t, ops, doc, &tmp) == -1)
				break;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		fprintf(stderr, "golden: %s: %.1f us per render (%d)\n",
		    argv[2], ((b.tv_sec - a.tv_sec) * 1e9 +
		    (b.tv_nsec - a.tv_nsec)) / 1e3 / times, times);
		buf_free(&tmp);
	}
	if ((f = fopen(argv[3], "w")) == NULL)
		goto out;
	fwrite(out.data, 1, out.len, f);
	rc = fclose(f) == 0 ? 0 : 1;
	if (rc == 0 && (t != NULL || ops)) {
		l.t = t;
		l.ops = ops;
		l.bad = 0;
		l.model = argv[2];
		links_model(&l, xmlDocGetRootElement(doc));
		links_html(&l, out.data, out.len);
		if (l.bad)
			rc = 3;
	}
out:
	xmlFree(slug);
	xmlFreeDoc(doc);
	render_free(r);
	tenants_free(ts);
	buf_free(&out);
	return rc;
}
