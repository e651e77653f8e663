/*
 * t_cache.c — the worker's reference-data copies (core/refcache.c,
 * issue 10): kept under the version the session statement returned,
 * read again when it moves; without a version, read once per request;
 * one copy per tenant; a model fragment copied, never shared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "db.h"
#include "refcache.h"
#include "tenant.h"
#include "tests.h"

static int	 loads;
static char	 board[] = "board", oncology[] = "oncology";

/* A fake loader: one row holding how many loads came before. */
static struct dbres *
load(struct db *d, const char *tenant)
{
	struct dbres	*r;

	(void)d;
	(void)tenant;
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->cell = calloc(1, sizeof(char *))) == NULL ||
	    (r->len = calloc(1, sizeof(size_t))) == NULL ||
	    (r->cell[0] = malloc(16)) == NULL)
		abort();
	r->nrows = r->ncols = 1;
	r->len[0] = (size_t)snprintf(r->cell[0], 16, "%d", ++loads);
	return r;
}

static void
request(struct ctx *c, struct app *a, const struct tenant *t,
    unsigned long long seq, long long version, int known)
{
	memset(c, 0, sizeof(*c));
	c->app = a;
	c->tenant = t;
	c->seq = seq;
	c->sess.refver = version;
	c->sess.refver_ok = known;
	snprintf(c->lang, sizeof(c->lang), "ja");
}

static void
t_version(void)
{
	struct app		 a;
	struct ctx		 c;
	struct tenant		 t1, t2;
	const struct dbres	*r;

	memset(&a, 0, sizeof(a));
	memset(&t1, 0, sizeof(t1));
	memset(&t2, 0, sizeof(t2));
	t1.slug = board;
	t2.slug = oncology;
	refcache_clear();
	loads = 0;
	/* Read once, then kept while the version holds. */
	request(&c, &a, &t1, 1, 7, 1);
	r = refcache_get(&c, "rows", load);
	CU_ASSERT_STRING_EQUAL(r->cell[0], "1");
	request(&c, &a, &t1, 2, 7, 1);
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "1");
	/* Another tenant has its own copy. */
	request(&c, &a, &t2, 3, 7, 1);
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "2");
	/* The version moved: read again. */
	request(&c, &a, &t1, 4, 8, 1);
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "3");
	/* No version (no session): read for each request, once. */
	request(&c, &a, &t1, 5, 0, 0);
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "4");
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "4");
	request(&c, &a, &t1, 6, 0, 0);
	CU_ASSERT_STRING_EQUAL(refcache_get(&c, "rows", load)->cell[0], "5");
	refcache_clear();
}

static int	 builds;

static int
build(struct ctx *c, xmlNodePtr parent, long long id)
{
	xmlNodePtr	 n;
	char		 v[32];

	(void)c;
	builds++;
	if (id == 0)
		return 0;		/* no such thing */
	n = xmlNewChild(parent, NULL, (const xmlChar *)"thing", NULL);
	snprintf(v, sizeof(v), "%lld", id);
	xmlNewProp(n, (const xmlChar *)"id", (const xmlChar *)v);
	return 1;
}

static void
t_node(void)
{
	struct app	 a;
	struct ctx	 c;
	struct tenant	 t;
	xmlDocPtr	 d1, d2;
	xmlNodePtr	 p1, p2;

	memset(&a, 0, sizeof(a));
	memset(&t, 0, sizeof(t));
	t.slug = board;
	refcache_clear();
	builds = 0;
	d1 = xmlNewDoc((const xmlChar *)"1.0");
	p1 = xmlNewDocNode(d1, NULL, (const xmlChar *)"p", NULL);
	xmlDocSetRootElement(d1, p1);
	d2 = xmlNewDoc((const xmlChar *)"1.0");
	p2 = xmlNewDocNode(d2, NULL, (const xmlChar *)"p", NULL);
	xmlDocSetRootElement(d2, p2);
	request(&c, &a, &t, 1, 3, 1);
	CU_ASSERT_EQUAL(refcache_node(&c, "thing", 42, build, p1), 1);
	request(&c, &a, &t, 2, 3, 1);
	CU_ASSERT_EQUAL(refcache_node(&c, "thing", 42, build, p2), 1);
	CU_ASSERT_EQUAL(builds, 1);
	/* Each page has its own copy, in its own document. */
	CU_ASSERT_PTR_NOT_NULL(p1->children);
	CU_ASSERT_PTR_NOT_NULL(p2->children);
	CU_ASSERT_PTR_NOT_EQUAL(p1->children, p2->children);
	CU_ASSERT_PTR_EQUAL(p2->children->doc, d2);
	/* Nothing to show is not kept; another language is another copy. */
	CU_ASSERT_EQUAL(refcache_node(&c, "thing", 0, build, p2), 0);
	snprintf(c.lang, sizeof(c.lang), "en");
	CU_ASSERT_EQUAL(refcache_node(&c, "thing", 42, build, p2), 1);
	CU_ASSERT_EQUAL(builds, 3);
	xmlFreeDoc(d1);
	xmlFreeDoc(d2);
	refcache_clear();
}

int
suite_cache(void)
{
	static const struct utest t[] = {
		{ "refcache: kept under the version, per tenant", t_version },
		{ "refcache: model fragments copied per page", t_node },
		{ NULL, NULL },
	};
	return add_suite("cache", t);
}
