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
 *
 * The page is rendered in full and through the kept frame (issue 10,
 * render.c render_split()), and the two must be the same bytes: the
 * first time (the frame rendered), the second (the frame kept), then
 * for the same model with another member's name and CSRF token (the
 * same frame, other strings spliced in), with another menu note too (a
 * frame of its own), and the first model again.  Exit 4 says which
 * differs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include <libxml/tree.h>

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

/* n's content: the text s, as it is (no entity references). */
static void
set_text(xmlNodePtr n, const char *s)
{
	xmlNodeSetContent(n, NULL);
	xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)s));
}

/*
 * What a second member sees on the same page: another name, needing
 * every escape (quotes aside, which render in full), another CSRF
 * token; with note, another text in the first menu note (or a new note
 * on the first item).
 */
static void
other_member(xmlDocPtr d, int note)
{
	xmlNodePtr	 p = xmlDocGetRootElement(d), c, u, i, n;

	for (c = p->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "user") == 0) {
			if (xmlHasProp(c, (const xmlChar *)"csrf") != NULL)
				xmlSetProp(c, (const xmlChar *)"csrf",
				    (const xmlChar *)"OTHERcsrf-token_0123");
			for (u = c->children; u != NULL; u = u->next)
				if (u->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)u->name, "name") == 0)
					set_text(u, "<b>&amp; 別の 'member' "
					    "&lt;x&gt; > é");
		}
		if (note && strcmp((const char *)c->name, "menu") == 0) {
			for (i = c->children; i != NULL &&
			    i->type != XML_ELEMENT_NODE; i = i->next)
				;
			if (i == NULL)
				continue;
			for (n = i->children; n != NULL &&
			    (n->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)n->name, "note") != 0);
			    n = n->next)
				;
			if (n == NULL)
				n = xmlNewChild(i, NULL,
				    (const xmlChar *)"note", NULL);
			xmlUnsetProp(n, (const xmlChar *)"key");
			set_text(n, "another note & <more>");
			note = 0;
		}
	}
}

/*
 * model through the kept frame, twice, against the full transform; 0
 * the same, -1 not (said on stderr).
 */
static int
split_same(struct render *r, const struct tenant *t, int ops,
    xmlDocPtr model, const char *name, const char *what)
{
	struct buf	 full = { NULL, 0, 0 }, split = { NULL, 0, 0 };
	int		 k, rc = 0;

	render_set_split(r, RENDER_FULL);
	if (render_page(r, t, ops, model, &full) == -1)
		rc = -1;
	render_set_split(r, RENDER_SPLIT_ONLY);
	for (k = 0; k < 2 && rc == 0; k++) {
		split.len = 0;
		if (render_page(r, t, ops, model, &split) == -1 ||
		    split.len != full.len ||
		    memcmp(split.data, full.data, full.len) != 0) {
			fprintf(stderr, "golden: %s: %s, render %d through "
			    "the kept frame differs from the full one\n",
			    name, what, k + 1);
			rc = -1;
		}
	}
	buf_free(&full);
	buf_free(&split);
	return rc;
}

/*
 * The model with every C pass (src/core/render_pass.c) running its XSLT
 * fallback instead, against out (rendered with them): 0 the same bytes,
 * -1 not (said on stderr, with where the two part).
 */
static int
cpass_same(struct render *r, const struct tenant *t, int ops,
    xmlDocPtr model, const char *name, const struct buf *out)
{
	struct buf	 xslt = { NULL, 0, 0 };
	size_t		 i;
	int		 rc = 0;

	render_set_split(r, RENDER_FULL);
	render_set_cpass(r, 0);
	if (render_page(r, t, ops, model, &xslt) == -1)
		rc = -1;
	else if (xslt.len != out->len ||
	    memcmp(xslt.data, out->data, out->len) != 0) {
		for (i = 0; i < xslt.len && i < out->len &&
		    xslt.data[i] == out->data[i]; i++)
			;
		fprintf(stderr, "golden: %s: the C passes and their XSLT "
		    "fallbacks differ at byte %zu:\n  C:    %.120s\n"
		    "  XSLT: %.120s\n", name, i, out->data + (i > 40 ?
		    i - 40 : 0), xslt.data + (i > 40 ? i - 40 : 0));
		rc = -1;
	}
	render_set_cpass(r, 1);
	buf_free(&xslt);
	return rc;
}

/* Every split_same() of the model and its other members; 0 all same. */
static int
split_check(struct render *r, const struct tenant *t, int ops,
    xmlDocPtr doc, const char *name)
{
	struct render_frames	 a, b;
	xmlDocPtr		 d1 = NULL, d2 = NULL;
	int			 rc = -1;

	render_frame_stats(r, &a);
	if (split_same(r, t, ops, doc, name, "the model") == -1)
		goto out;
	render_frame_stats(r, &b);
	/* Kept the first time, used the second, or never kept at all. */
	if (!(b.misses == a.misses + 1 && b.hits == a.hits + 1) &&
	    !(b.full == a.full + 2 && b.hits == a.hits) &&
	    !(b.misses == a.misses && b.hits == a.hits && b.full == a.full)) {
		fprintf(stderr, "golden: %s: frame counters %llu/%llu/%llu "
		    "-> %llu/%llu/%llu\n", name, a.hits, a.misses, a.full,
		    b.hits, b.misses, b.full);
		goto out;
	}
	if ((d1 = xmlCopyDoc(doc, 1)) == NULL ||
	    (d2 = xmlCopyDoc(doc, 1)) == NULL)
		goto out;
	other_member(d1, 0);
	other_member(d2, 1);
	if (split_same(r, t, ops, d1, name, "another member") == -1 ||
	    split_same(r, t, ops, d2, name, "another member and note") ==
	    -1 || split_same(r, t, ops, doc, name, "the model again") == -1)
		goto out;
	rc = 0;
out:
	xmlFreeDoc(d1);
	xmlFreeDoc(d2);
	return rc;
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

/*
 * GOLDEN_REPEAT's renders, in a function of their own so that callgrind
 * counts them alone: `valgrind --tool=callgrind
 * --toggle-collect=golden_repeat` gives N renders' instructions (the
 * first render and the split checks before it left out).
 */
__attribute__((noinline)) static void
golden_repeat(struct render *r, const struct tenant *t, int ops,
    xmlDocPtr doc, const char *name, int times)
{
	struct buf		 tmp = { NULL, 0, 0 };
	struct render_frames	 fs;
	struct timespec		 a, b;
	int			 k;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (k = 0; k < times; k++) {
		tmp.len = 0;
		if (render_page(r, t, ops, doc, &tmp) == -1)
			break;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "golden: %s: %.1f us per render (%d)\n", name,
	    ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / 1e3 /
	    times, times);
	render_frame_stats(r, &fs);
	fprintf(stderr, "golden: %s: frames kept %llu hits, %llu misses, "
	    "%llu in full; %zu kept, %zu bytes\n", name, fs.hits, fs.misses,
	    fs.full, fs.entries, fs.bytes);
	buf_free(&tmp);
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
	int			 ops = 0, rc = 1, same, cpass;

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
	render_set_split(r, RENDER_FULL);
	if (render_page(r, t, ops, doc, &out) == -1) {
		fprintf(stderr, "golden: %s: transform failed\n", argv[2]);
		goto out;
	}
	same = split_check(r, t, ops, doc, argv[2]);
	cpass = cpass_same(r, t, ops, doc, argv[2], &out);
	/*
	 * GOLDEN_REPEAT=N (issue 10, by hand): render N more times and say
	 * how long one render takes, for measuring a stylesheet change.
	 * A signed-in model is never cached whole: each render is the main
	 * run spliced into the kept frame, or with GOLDEN_FULL=1 a full
	 * transform.
	 */
	if ((rep = getenv("GOLDEN_REPEAT")) != NULL && atoi(rep) > 0) {
		render_set_split(r, getenv("GOLDEN_FULL") == NULL ?
		    RENDER_SPLIT : RENDER_FULL);
		golden_repeat(r, t, ops, doc, argv[2], atoi(rep));
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
	if (rc == 0 && same == -1)
		rc = 4;
	if (rc == 0 && cpass == -1)
		rc = 5;
out:
	xmlFree(slug);
	xmlFreeDoc(doc);
	render_free(r);
	tenants_free(ts);
	buf_free(&out);
	return rc;
}
