/*
 * t_render.c — the renderer (CORE-2, CORE-22): catalogue lookups, the
 * anonymous-page cache, deny-by-default XSLT security prefs, and the
 * frames kept per worker (issue 10, render_frame.c): the escapes
 * against libxml2's, the key, the sentinels, the cut and the splice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "render.h"
#include "render_frame.h"
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

/*
 * frame_escape() writes what libxslt and libxml2 write for a string in
 * text and in an attribute value of an HTML result, or refuses it.
 */
static void
t_frame_escape(void)
{
	static const char *const str[] = { "a&b", "<x>", "山田 花子",
	    "&amp;", "&{x}", "it's", "%20 x/?a=b#c", "> <", "é", "",
	    "a\"b", "tab\there", "new\nline", "del\x7f" };
	static const char xsl[] = "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
	    "<xsl:output method='html' encoding='UTF-8'/>"
	    "<xsl:template match='/v'><p title='{.}'><xsl:value-of "
	    "select='.'/></p></xsl:template></xsl:stylesheet>";
	xsltStylesheetPtr	 s;
	xmlDocPtr		 sd, m, res;
	xmlChar			*html;
	struct buf		 e = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	size_t			 i;
	int			 len, rc;

	sd = xmlReadMemory(xsl, (int)strlen(xsl), "t.xsl", NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sd);
	s = xsltParseStylesheetDoc(sd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < sizeof(str) / sizeof(str[0]); i++) {
		m = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(m, xmlNewDocNode(m, NULL,
		    (const xmlChar *)"v", NULL));
		xmlAddChild(xmlDocGetRootElement(m), xmlNewDocText(m,
		    (const xmlChar *)str[i]));
		res = xsltApplyStylesheet(s, m, NULL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(res);
		html = NULL;
		CU_ASSERT_EQUAL(xsltSaveResultToString(&html, &len, res, s), 0);
		buf_reset(&e);
		buf_reset(&want);
		if ((rc = frame_escape(&e, str[i])) == 0) {
			buf_puts(&want, "<p title=\"");
			buf_puts(&want, e.data != NULL ? e.data : "");
			buf_puts(&want, "\">");
			buf_puts(&want, e.data != NULL ? e.data : "");
			buf_puts(&want, "</p>\n");
			CU_ASSERT_STRING_EQUAL((char *)html, want.data);
		}
		/* Refused: a quote, "&{", controls, DEL; the others taken. */
		CU_ASSERT_EQUAL(rc == -1, strpbrk(str[i], "\"\t\n\x7f") !=
		    NULL || strstr(str[i], "&{") != NULL);
		xmlFree(html);
		xmlFreeDoc(res);
		xmlFreeDoc(m);
	}
	buf_reset(&e);
	CU_ASSERT_EQUAL(frame_escape(&e, "\xff\xfe"), -1);
	xsltFreeStylesheet(s);
	buf_free(&e);
	buf_free(&want);
}

#define FRAME_PAGE(user, menu, content) "<page name='account' lang='ja' " \
	"path='/account'><site slug='board'><name lang='ja'>S</name></site>" \
	user "<menu><item key='menu.home' href='/'/>" menu "</menu>" \
	"<content>" content "</content></page>"

/* A sentinel of fc: the content of /page/user/name after frame_sentinels(). */
static char *
sentinel_of(struct frame_cache *fc, int csrf)
{
	xmlDocPtr	 d;
	xmlNodePtr	 u;
	char		*s;

	d = model(FRAME_PAGE("<user csrf='c'><name>n</name></user>", "", ""));
	CU_ASSERT_EQUAL(frame_sentinels(fc, d), 0);
	for (u = xmlDocGetRootElement(d)->children; u != NULL &&
	    !xmlStrEqual(u->name, (const xmlChar *)"user"); u = u->next)
		;
	s = csrf ? (char *)xmlGetProp(u, (const xmlChar *)"csrf") :
	    (char *)xmlNodeGetContent(u->children);
	xmlFreeDoc(d);
	return s;
}

/*
 * The key: the same for another member (name, CSRF token) and another
 * content, another for another note, title, path or stylesheet; never
 * with the nonce in it.  The member's strings: only when the frame can
 * show them by sentinels.
 */
static void
t_frame_key(void)
{
	struct frame_cache	*fc;
	struct frame_vals	 fv;
	struct buf		 k1 = { NULL, 0, 0 }, k2 = { NULL, 0, 0 };
	xmlDocPtr		 a, b, c, d;
	char			*sn, *bad;
	size_t			 i;

	static const char *const refused[] = {
		FRAME_PAGE("<user><name>  </name></user>", "", ""),
		FRAME_PAGE("<user><name>A</name><name>B</name></user>", "", ""),
		FRAME_PAGE("<user><name>A<b>x</b></name></user>", "", ""),
		FRAME_PAGE("<user><name k='v'>A</name></user>", "", ""),
		FRAME_PAGE("<user><name>A &quot;B&quot;</name></user>", "", ""),
		FRAME_PAGE("<user csrf=''><name>A</name></user>", "", ""),
		FRAME_PAGE("<user/>", "", ""),
		FRAME_PAGE("<user><name>A</name></user><user/>", "", ""),
	};

	fc = frame_new(4, 1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fc);
	a = model(FRAME_PAGE("<user csrf='tokA' roles='member'><name>甲</name>"
	    "</user>", "<item key='k' href='/x'><note>n1</note></item>",
	    "<x>1</x>"));
	b = model(FRAME_PAGE("<user csrf='tokB' roles='member'><name>乙 &lt;"
	    "</name></user>", "<item key='k' href='/x'><note>n1</note></item>",
	    "<x>2</x><y/>"));
	c = model(FRAME_PAGE("<user csrf='tokA' roles='member'><name>甲</name>"
	    "</user>", "<item key='k' href='/x'><note>n2</note></item>",
	    "<x>1</x>"));
	CU_ASSERT_EQUAL(frame_vals(a, &fv), 0);
	CU_ASSERT_STRING_EQUAL((char *)fv.v[FRAME_NAME], "甲");
	CU_ASSERT_STRING_EQUAL((char *)fv.v[FRAME_CSRF], "tokA");
	frame_vals_free(&fv);
	CU_ASSERT_EQUAL(frame_key(fc, &k1, 0, a, (const xmlChar *)"T"), 0);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, b, (const xmlChar *)"T"), 0);
	CU_ASSERT(k1.len == k2.len && memcmp(k1.data, k2.data, k1.len) == 0);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, c, (const xmlChar *)"T"), 0);
	CU_ASSERT(k1.len != k2.len || memcmp(k1.data, k2.data, k1.len) != 0);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, a, (const xmlChar *)"U"), 0);
	CU_ASSERT(k1.len != k2.len || memcmp(k1.data, k2.data, k1.len) != 0);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 1, a, (const xmlChar *)"T"), 0);
	CU_ASSERT(k1.len != k2.len || memcmp(k1.data, k2.data, k1.len) != 0);
	xmlSetProp(xmlDocGetRootElement(b), (const xmlChar *)"path",
	    (const xmlChar *)"/other");
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, b, (const xmlChar *)"T"), 0);
	CU_ASSERT(k1.len != k2.len || memcmp(k1.data, k2.data, k1.len) != 0);
	/* A model holding this worker's sentinel anywhere keyed: refused. */
	sn = sentinel_of(fc, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sn);
	d = xmlCopyDoc(c, 1);
	xmlSetProp(xmlDocGetRootElement(d), (const xmlChar *)"path",
	    (const xmlChar *)sn);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, d, (const xmlChar *)"T"), -1);
	CU_ASSERT_EQUAL(frame_key(fc, &k2, 0, c, (const xmlChar *)sn), -1);
	xmlFreeDoc(d);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		d = model(refused[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		CU_ASSERT_EQUAL(frame_vals(d, &fv), -1);
		CU_ASSERT_PTR_NULL(fv.v[FRAME_NAME]);
		xmlFreeDoc(d);
	}
	d = model(FRAME_PAGE("", "", ""));
	CU_ASSERT_EQUAL(frame_vals(d, &fv), 0);
	CU_ASSERT_PTR_NULL(fv.v[FRAME_NAME]);
	CU_ASSERT_PTR_NULL(fv.v[FRAME_CSRF]);
	xmlFreeDoc(d);
	/* The sentinels: both strings replaced, the nonce unguessable. */
	bad = sentinel_of(fc, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
	CU_ASSERT(strcmp(sn, bad) != 0 && strlen(sn) > 16);
	free(sn);
	free(bad);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	xmlFreeDoc(c);
	buf_free(&k1);
	buf_free(&k2);
	frame_free(fc);
}

/* fc's frame of html (an HTML page) under key, or NULL. */
static struct frame_ent *
put_html(struct frame_cache *fc, const char *key, const char *html)
{
	struct buf	 k = { NULL, 0, 0 };
	xmlDocPtr	 res;
	struct frame_ent *e;

	buf_puts(&k, key);
	res = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	e = frame_put(fc, &k, res, html, strlen(html));
	xmlFreeDoc(res);
	buf_free(&k);
	return e;
}

/*
 * The cut and the splice: the member's strings escaped where the
 * sentinels were, main's content at the marker; a sentinel escaped
 * (in an href), a sentinel in a comment or a marker twice makes the
 * frame render in full; the cache keeps its bounds.
 */
static void
t_frame_splice(void)
{
	struct frame_cache	*fc;
	struct frame_ent	*e;
	struct frame_vals	 fv;
	struct buf		 h = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct buf		 k = { NULL, 0, 0 };
	char			*sn, *sc;
	size_t			 n, bytes;

	fc = frame_new(2, 1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fc);
	sn = sentinel_of(fc, 0);
	sc = sentinel_of(fc, 1);
	buf_printf(&h, "<html><body><p>%s</p><main>" FRAME_MARK "</main>"
	    "<form><input value=\"%s\"></form><p>%s!</p></body></html>", sn,
	    sc, sn);
	e = put_html(fc, "k1", h.data);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT(frame_usable(e));
	fv.v[FRAME_NAME] = xmlStrdup((const xmlChar *)"<A & B>");
	fv.v[FRAME_CSRF] = xmlStrdup((const xmlChar *)"tok-1");
	CU_ASSERT_EQUAL(frame_splice(&out, e, &fv, "<i>m</i>", 8), 0);
	CU_ASSERT_STRING_EQUAL(out.data, "<html><body><p>&lt;A &amp; B&gt;"
	    "</p><main><i>m</i></main><form><input value=\"tok-1\"></form>"
	    "<p>&lt;A &amp; B&gt;!</p></body></html>");
	/* Found again by its key; a string it shows missing: refused. */
	buf_puts(&k, "k1");
	CU_ASSERT_PTR_EQUAL(frame_find(fc, &k), e);
	xmlFree(fv.v[FRAME_CSRF]);
	fv.v[FRAME_CSRF] = NULL;
	buf_reset(&out);
	CU_ASSERT_EQUAL(frame_splice(&out, e, &fv, "", 0), -1);
	frame_vals_free(&fv);
	/* Escaped by an href (as libxml2 does), in a comment, two
	 * markers, no marker. */
	buf_reset(&h);
	buf_printf(&h, "<html><body><a href=\"/x?n=%%EE%%80%%80%.*s%%EE%%80"
	    "%%80\">x</a><main>" FRAME_MARK "</main></body></html>",
	    (int)strlen(sn) - 6, sn + 3);
	e = put_html(fc, "k2", h.data);
	CU_ASSERT(e != NULL && !frame_usable(e));
	buf_reset(&h);
	buf_printf(&h, "<html><body><!-- %s --><main>" FRAME_MARK
	    "</main></body></html>", sn);
	e = put_html(fc, "k3", h.data);
	CU_ASSERT(e != NULL && !frame_usable(e));
	e = put_html(fc, "k4", "<html><body><main>" FRAME_MARK FRAME_MARK
	    "</main></body></html>");
	CU_ASSERT(e != NULL && !frame_usable(e));
	e = put_html(fc, "k5", "<html><body><main></main></body></html>");
	CU_ASSERT(e != NULL && !frame_usable(e));
	/* Two entries at most: k1 went first (least recently used). */
	frame_size(fc, &n, &bytes);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_PTR_NULL(frame_find(fc, &k));
	frame_free(fc);
	/* By bytes: a cache of 100 bytes keeps one small frame at a time. */
	fc = frame_new(8, 100);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fc);
	(void)put_html(fc, "a", "<main>" FRAME_MARK "</main>");
	(void)put_html(fc, "b", "<main>" FRAME_MARK "</main>xxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	frame_size(fc, &n, &bytes);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT(bytes <= 100);
	frame_free(fc);
	free(sn);
	free(sc);
	buf_free(&h);
	buf_free(&k);
	buf_free(&out);
}

int
suite_render(void)
{
	static const struct utest t[] = {
		{ "catalogue lookups and the anonymous cache",
		    t_catalogue_and_cache },
		{ "deny-by-default security prefs", t_security_prefs },
		{ "frame: escapes as libxml2's", t_frame_escape },
		{ "frame: key and sentinels", t_frame_key },
		{ "frame: cut, splice and bounds", t_frame_splice },
		{ NULL, NULL },
	};
	return add_suite("render", t);
}
