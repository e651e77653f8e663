/*
 * t_render.c — the renderer (CORE-2, CORE-22): catalogue lookups, the
 * anonymous-page cache, and deny-by-default XSLT security prefs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "buf.h"
#include "render.h"
#include "tenant.h"
#include "tests.h"

static char	 datadir[1024];

static xmlDocPtr
model(const char *xml)
{
	return xmlReadMemory(xml, (int)strlen(xml), "model.xml", NULL,
	    XML_PARSE_NONET);
}

static void
setup_dir(void)
{
	const char	*src = getenv("top_srcdir");

	snprintf(datadir, sizeof(datadir), "%s/tests/unit/data",
	    src ? src : ".");
}

static void
t_catalogue_and_cache(void)
{
	struct tenants		*ts;
	struct render		*r;
	struct buf		 b = { NULL, 0, 0 };
	xmlDocPtr		 ja, en, user;
	unsigned long long	 hits, misses;
	char			 err[256];

	setup_dir();
	ts = tenants_load(datadir, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	r = render_new(datadir, ts, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	ja = model("<page lang='ja'><content><x>&lt;b&gt;</x></content></page>");
	en = model("<page lang='en'><content><x>1</x></content></page>");
	user = model("<page lang='en'><user><name>A</name></user></page>");
	/* Shared stylesheet (ops): sk:t() follows the page's language. */
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, ja, &b), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "こんにちは|&lt;b&gt;|"));
	buf_reset(&b);
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, en, &b), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "Hello|1|"));
	/* The same anonymous model again is served from the cache. */
	buf_reset(&b);
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, ja, &b), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "こんにちは|&lt;b&gt;|"));
	render_stats(r, &hits, &misses);
	CU_ASSERT_EQUAL(hits, 1);
	CU_ASSERT_EQUAL(misses, 2);
	/* A signed-in page is rendered every time, never kept. */
	buf_reset(&b);
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, user, &b), 0);
	CU_ASSERT_EQUAL(render_page(r, NULL, 1, user, &b), 0);
	render_stats(r, &hits, &misses);
	CU_ASSERT_EQUAL(hits, 1);
	CU_ASSERT_EQUAL(misses, 4);
	xmlFreeDoc(ja);
	xmlFreeDoc(en);
	xmlFreeDoc(user);
	buf_free(&b);
	render_free(r);
	tenants_free(ts);
}

/* A theme can neither read outside datadir nor write anything. */
static void
t_security_prefs(void)
{
	struct tenants	*ts;
	struct render	*r;
	struct buf	 b = { NULL, 0, 0 };
	xmlDocPtr	 m;
	char		 err[256];

	setup_dir();
	unlink("/tmp/shikaku-xslt-write-test");
	ts = tenants_load(datadir, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	r = render_new(datadir, ts, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	m = model("<page lang='ja'/>");
	(void)render_page(r, &ts->t[0], 0, m, &b);
	CU_ASSERT(b.data == NULL || strstr(b.data, "root:") == NULL);
	CU_ASSERT_EQUAL(access("/tmp/shikaku-xslt-write-test", F_OK), -1);
	xmlFreeDoc(m);
	buf_free(&b);
	render_free(r);
	tenants_free(ts);
}

int
suite_render(void)
{
	static const struct utest t[] = {
		{ "catalogue lookups and the anonymous cache",
		    t_catalogue_and_cache },
		{ "deny-by-default security prefs", t_security_prefs },
		{ NULL, NULL },
	};
	return add_suite("render", t);
}
