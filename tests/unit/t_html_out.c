/*
 * t_html_out.c — the HTML serialiser (issue 10) against libxml2: every
 * golden case rendered through the real stylesheets, html_out_doc()
 * against xsltSaveResultToString() and html_out_node() against
 * htmlNodeDumpFormatOutput() for every node of the result; then trees
 * made by hand and at random with awkward content.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlsave.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "html_out.h"
#include "render.h"
#include "tenant.h"
#include "tests.h"

struct tally {
	unsigned	 docs, parts, nodes, fallbacks, node_fallbacks, differ;
	const char	*name;
};

static struct tally	 tally;

/* libxml2's bytes for one node. */
static char *
lx_node(xmlDocPtr doc, xmlNodePtr n, size_t *len)
{
	xmlOutputBufferPtr	 ob;
	char			*s = NULL;

	if ((ob = xmlAllocOutputBuffer(NULL)) == NULL)
		return NULL;
	htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 0);
	xmlOutputBufferFlush(ob);
	*len = xmlOutputBufferGetSize(ob);
	if ((s = malloc(*len + 1)) != NULL) {
		memcpy(s, xmlOutputBufferGetContent(ob), *len);
		s[*len] = '\0';
	}
	xmlOutputBufferClose(ob);
	return s;
}

static void
differs(const char *what, const char *want, size_t wl, const char *got,
    size_t gl)
{
	size_t	 i;

	if (++tally.differ > 10)
		return;		/* the first ones say enough */
	for (i = 0; i < wl && i < gl && want[i] == got[i]; i++)
		;
	fprintf(stderr, "html_out: %s: %s differs at %zu:\n  libxml2 %.*s\n"
	    "  ours    %.*s\n", tally.name ? tally.name : "-", what, i,
	    (int)(wl - i < 80 ? wl - i : 80), want + i,
	    (int)(gl - i < 80 ? gl - i : 80), got + i);
}

/* n and its following siblings and all below, against libxml2. */
static void
cmp_nodes(xmlDocPtr doc, xmlNodePtr n, int siblings)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*want;
	size_t		 wl;

	for (; n != NULL; n = siblings ? n->next : NULL) {
		if (n->type == XML_DTD_NODE)
			continue;
		tally.nodes++;
		if ((want = lx_node(doc, n, &wl)) == NULL)
			continue;
		buf_reset(&b);
		if (html_out_node(&b, doc, n) == -1)
			tally.node_fallbacks++;
		else if (b.len != wl || memcmp(b.data, want, wl) != 0)
			differs("node", want, wl, b.data, b.len);
		free(want);
		if (n->type == XML_ELEMENT_NODE)
			cmp_nodes(doc, n->children, 1);
	}
	buf_free(&b);
}

/*
 * The whole document: ours first (it must not modify the tree), then
 * libxml2's, which inserts the Content-Type meta.
 */
static void
cmp_doc(xmlDocPtr doc, xsltStylesheetPtr s)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlChar		*want = NULL;
	int		 wl = 0, rc;

	tally.docs++;
	rc = html_out_result(&b, doc, s);
	CU_ASSERT(xsltSaveResultToString(&want, &wl, doc, s) == 0);
	if (want == NULL)
		tally.differ++;
	else if (rc == -1)
		tally.fallbacks++;
	else if (b.len != (size_t)wl || memcmp(b.data, want, wl) != 0)
		differs("doc", (char *)want, wl, b.data, b.len);
	xmlFree(want);
	buf_free(&b);
}

/*
 * The probe every result render.c writes goes through: whole documents
 * (a full transform, a kept frame) and single nodes (main's content
 * spliced into a frame).
 */
static void
probe(xmlDocPtr doc, xmlNodePtr n, xsltStylesheetPtr s)
{
	void	 (*keep)(xmlDocPtr, xmlNodePtr, xsltStylesheetPtr) =
		    html_out_probe;

	html_out_probe = NULL;		/* the comparisons call html_out */
	if (n != NULL) {
		tally.parts++;
		cmp_nodes(doc, n, 0);
	} else {
		cmp_nodes(doc, doc->children, 1);
		cmp_doc(doc, s);
	}
	html_out_probe = keep;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*s = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = malloc(n + 1)) != NULL) {
		*len = fread(s, 1, n, f);
		s[*len] = '\0';
	}
	fclose(f);
	return s;
}

/*
 * Every golden case through the real renderer with the probe on; the
 * page rendered (by html_out after libxml2 changed the tree) must still
 * be expected/NAME.html.
 */
static void
t_golden(void)
{
	struct tenants		*ts;
	struct render		*r;
	const struct tenant	*t;
	struct buf		 out = { NULL, 0, 0 };
	struct dirent		*de;
	DIR			*d;
	xmlDocPtr		 m;
	xmlNodePtr		 n;
	xmlChar			*slug;
	const char		*src = getenv("top_srcdir");
	char			 dir[1024], path[1200], err[512], *exp;
	size_t			 i, len, el, ncase = 0;
	int			 ops;

	if (src == NULL)
		src = ".";
	ts = tenants_load(src, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
	r = render_new(src, ts, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	snprintf(dir, sizeof(dir), "%s/tests/golden/cases", src);
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	memset(&tally, 0, sizeof(tally));
	html_out_probe = probe;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		m = xmlReadFile(path, NULL, XML_PARSE_NONET);
		CU_ASSERT_PTR_NOT_NULL_FATAL(m);
		t = NULL;
		ops = 0;
		for (n = xmlDocGetRootElement(m)->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE ||
			    strcmp((const char *)n->name, "site") != 0)
				continue;
			slug = xmlGetProp(n, (const xmlChar *)"slug");
			ops = slug != NULL && strcmp((char *)slug, "ops") == 0;
			for (i = 0; slug != NULL && i < ts->n; i++)
				if (strcmp(ts->t[i].slug, (char *)slug) == 0)
					t = &ts->t[i];
			xmlFree(slug);
		}
		tally.name = de->d_name;
		buf_reset(&out);
		CU_ASSERT_EQUAL(render_page(r, t, ops, m, &out), 0);
		snprintf(path, sizeof(path), "%s/tests/golden/expected/%.*s"
		    ".html", src, (int)(len - 4), de->d_name);
		if ((exp = slurp(path, &el)) != NULL) {
			if (el != out.len || memcmp(exp, out.data, el) != 0)
				differs("page", exp, el, out.data, out.len);
			free(exp);
		}
		ncase++;
		xmlFreeDoc(m);
	}
	html_out_probe = NULL;
	closedir(d);
	fprintf(stderr, "html_out: %zu golden cases, %u documents, %u parts,"
	    " %u nodes, %u fallbacks, %u differ\n", ncase, tally.docs,
	    tally.parts, tally.nodes, tally.fallbacks, tally.differ);
	CU_ASSERT(ncase > 50);
	/* A page is written whole, or as a frame and main's nodes. */
	CU_ASSERT(tally.docs > 0 && tally.docs + tally.parts >= ncase);
	CU_ASSERT_EQUAL(tally.differ, 0);
	CU_ASSERT_EQUAL(tally.fallbacks, 0);
	CU_ASSERT_EQUAL(tally.node_fallbacks, 0);
	buf_free(&out);
	render_free(r);
	tenants_free(ts);
}

/* A stylesheet with only an output declaration, for the quoting. */
static xsltStylesheetPtr
style(const char *output)
{
	char		 x[512];
	xmlDocPtr	 d;

	snprintf(x, sizeof(x), "<xsl:stylesheet version='1.0' xmlns:xsl="
	    "'http://www.w3.org/1999/XSL/Transform'>%s<xsl:template "
	    "match='/'/></xsl:stylesheet>", output);
	d = xmlReadMemory(x, (int)strlen(x), "s.xsl", NULL, XML_PARSE_NONET);
	return d != NULL ? xsltParseStylesheetDoc(d) : NULL;
}

#define PORTAL_OUTPUT	"<xsl:output method='html' encoding='UTF-8' " \
			    "doctype-system='about:legacy-compat' indent='no'/>"

static xmlDocPtr
new_doc(void)
{
	xmlDocPtr	 d;

	d = htmlNewDocNoDtD(NULL, NULL);
	xmlCreateIntSubset(d, (const xmlChar *)"html", NULL,
	    (const xmlChar *)"about:legacy-compat");
	return d;
}

static xmlNodePtr
el(xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;

	n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
	return xmlAddChild(parent, n);
}

static void
text(xmlNodePtr parent, const char *s)
{
	xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)s));
}

/* Both comparisons on a document built here. */
static void
check(xmlDocPtr d, xsltStylesheetPtr s, const char *name)
{
	tally.name = name;
	cmp_nodes(d, d->children, 1);
	cmp_doc(d, s);
}

/* Awkward content: t_awkward() and t_markup(). */
static const char *const values[] = { "", " ", "plain",
    "a \"quoted\" value", "it's", "both \" and '", "a&b", "&amp;",
    "x<y>z", "<!-- ssi \" -->tail", "<!-- open", "&{script}&",
    "&{ no close", "日本語 テキスト", "tab\there\nnl\rcr",
    "ctl\x01\x02\x1f\x7f", "  /path with space/日本?a=1&b=<2>#frag",
    "\t\n /lead", "%41%zz", "[brackets]{}|\\^`$", "@:;=,+",
    "javascript:alert('x')", "\xe2\x80\xa8", "\xff\xfe broken" };

/* Awkward content, one case at a time. */
static void
t_awkward(void)
{
	static const char *const attrs[] = { "href", "HREF", "src", "action",
	    "name", "value", "title", "class", "data-x", "content" };
	static const char *const parents[] = { "a", "A", "p", "form", "img",
	    "input" };
	xsltStylesheetPtr	 s;
	xmlDocPtr		 d;
	xmlNodePtr		 html, head, body, n, m;
	size_t			 i, j, k;

	s = style(PORTAL_OUTPUT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memset(&tally, 0, sizeof(tally));
	/* Every value in every attribute on every parent, and as text. */
	for (k = 0; k < sizeof(parents) / sizeof(parents[0]); k++) {
		d = new_doc();
		html = el((xmlNodePtr)d, "html");
		head = el(html, "head");
		el(head, "title");
		body = el(html, "body");
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			n = el(body, parents[k]);
			for (j = 0; j < sizeof(attrs) / sizeof(attrs[0]); j++)
				xmlNewProp(n, (const xmlChar *)attrs[j],
				    (const xmlChar *)values[i]);
			text(n, values[i]);
			m = el(body, "script");
			text(m, values[i]);
			m = el(body, "STYLE");
			text(m, values[i]);
			m = el(body, "span");
			xmlAddChild(m, xmlNewDocComment(d,
			    (const xmlChar *)values[i]));
			xmlAddChild(m, xmlNewDocPI(d, (const xmlChar *)"pi",
			    (const xmlChar *)values[i]));
			xmlAddChild(m, xmlNewCDataBlock(d,
			    (const xmlChar *)values[i],
			    (int)strlen(values[i])));
			n = xmlNewDocTextLen(d, (const xmlChar *)values[i],
			    (int)strlen(values[i]));
			n->name = xmlStringTextNoenc;
			xmlAddChild(m, n);
		}
		check(d, s, parents[k]);
		xmlFreeDoc(d);
	}
	/* Void elements with children, booleans, attributes without value. */
	d = new_doc();
	html = el((xmlNodePtr)d, "html");
	body = el(html, "body");	/* no head: no meta */
	n = el(body, "br");
	text(n, "lost");
	n = el(body, "IMG");
	el(n, "b");
	n = el(body, "input");
	xmlNewProp(n, (const xmlChar *)"checked", (const xmlChar *)"checked");
	xmlNewProp(n, (const xmlChar *)"DISABLED", (const xmlChar *)"");
	xmlNewProp(n, (const xmlChar *)"required", (const xmlChar *)"");
	xmlNewProp(n, (const xmlChar *)"selected", NULL);
	xmlNewProp(n, (const xmlChar *)"value", NULL);
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		n = el(body, i % 2 ? "p" : "td");	/* end tag omissible */
		n = el(body, i % 2 ? "option" : "li");
		text(n, values[i]);
		n = el(body, i % 2 ? "main" : "section");
		n = el(body, "basefont");
		xmlNewProp(n, (const xmlChar *)"name", (const xmlChar *)values[i]);
	}
	xmlAddChild(body, xmlNewReference(d, (const xmlChar *)"nbsp"));
	xmlAddChild(body, xmlNewReference(d, (const xmlChar *)"#160"));
	el(body, "html");
	el(body, "body");
	el(body, "colgroup");
	el(body, "frame");
	check(d, s, "void and boolean");
	xmlFreeDoc(d);
	/* Head: empty, a meta naming UTF-8, a meta naming another charset. */
	for (k = 0; k < 4; k++) {
		d = new_doc();
		html = el((xmlNodePtr)d, "HTML");
		head = el(html, k == 3 ? "Head" : "head");
		if (k == 1 || k == 2) {
			n = el(head, "meta");
			xmlNewProp(n, (const xmlChar *)"http-equiv",
			    (const xmlChar *)"content-type");
			xmlNewProp(n, (const xmlChar *)"content",
			    (const xmlChar *)(k == 1 ? "text/html; charset=utf-8" :
			    "text/html; charset=EUC-JP"));
		}
		el(html, "body");
		tally.name = "head";
		cmp_doc(d, s);
		xmlFreeDoc(d);
	}
	/* A document holding nothing but its doctype. */
	d = new_doc();
	cmp_doc(d, s);
	xmlFreeDoc(d);
	fprintf(stderr, "html_out: awkward: %u documents, %u nodes, %u "
	    "fallbacks, %u differ\n", tally.docs, tally.nodes,
	    tally.fallbacks, tally.differ);
	CU_ASSERT_EQUAL(tally.differ, 0);
	CU_ASSERT_EQUAL(tally.node_fallbacks, 0);
	/* Only the meta naming EUC-JP is left to libxml2. */
	CU_ASSERT_EQUAL(tally.fallbacks, 1);
	xsltFreeStylesheet(s);
}

/* A small deterministic generator (the same trees on every run). */
static unsigned long	 seed;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

static void
rnd_str(char *s, size_t cap)
{
	static const char *const bits[] = { "a", "Z", "0", " ", "\t", "\n",
	    "\r", "\"", "'", "&", "<", ">", "{", "}", "<!--", "-->", "&{",
	    "%", "#", "?", "=", "/", ":", "@", "\x01", "\x7f", "é", "あ",
	    "漢字", "\xc3", "~", "(", "|", "\\", "$" };
	size_t	 n = 0, l, k = rnd(12);

	while (k-- > 0) {
		const char *b = bits[rnd(sizeof(bits) / sizeof(bits[0]))];
		if (n + (l = strlen(b)) >= cap)
			break;
		memcpy(s + n, b, l);
		n += l;
	}
	s[n] = '\0';
}

static void
rnd_tree(xmlNodePtr p, int depth)
{
	static const char *const names[] = { "a", "A", "p", "div", "span",
	    "br", "img", "input", "hr", "meta", "link", "script", "style",
	    "td", "li", "option", "main", "nav", "svg", "Script", "BR",
	    "textarea", "pre", "form", "html", "body", "head", "title",
	    "param", "col", "area", "iframe", "embed" };
	static const char *const attrs[] = { "href", "src", "action", "name",
	    "class", "checked", "selected", "disabled", "value", "id",
	    "Href", "NAME", "readonly", "multiple", "alt", "style", "SRC",
	    "Action", "CHECKED", "nowrap", "noshade", "defer", "hreflang",
	    "names", "sr", "content", "http-equiv", "data-href" };
	char		 v[64];
	xmlNodePtr	 n;
	unsigned	 i, k, a;

	for (k = rnd(7); k > 0; k--) {
		switch (rnd(6)) {
		case 0:
		case 1:
			n = el(p, names[rnd(sizeof(names) / sizeof(names[0]))]);
			for (a = rnd(4); a > 0; a--) {
				i = rnd(sizeof(attrs) / sizeof(attrs[0]));
				if (xmlHasProp(n, (const xmlChar *)attrs[i]))
					continue;
				rnd_str(v, sizeof(v));
				xmlNewProp(n, (const xmlChar *)attrs[i],
				    rnd(8) ? (const xmlChar *)v : NULL);
			}
			/* xml:lang: a prefix without a declaration. */
			if (rnd(10) == 0)
				xmlNodeSetLang(n, (const xmlChar *)"en");
			if (depth < 6)
				rnd_tree(n, depth + 1);
			break;
		case 2:
		case 3:
			rnd_str(v, sizeof(v));
			text(p, v);
			break;
		case 4:
			rnd_str(v, sizeof(v));
			xmlAddChild(p, xmlNewDocComment(p->doc,
			    (const xmlChar *)v));
			break;
		default:
			rnd_str(v, sizeof(v));
			n = xmlNewDocText(p->doc, (const xmlChar *)v);
			if (rnd(2))
				n->name = xmlStringTextNoenc;
			xmlAddChild(p, n);
			break;
		}
	}
}

/* Random trees (text nodes are not merged: xmlAddChild merges them). */
static void
t_random(void)
{
	xsltStylesheetPtr	 s;
	xmlDocPtr		 d;
	xmlNodePtr		 html, head, n;
	int			 i;

	s = style(PORTAL_OUTPUT);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	memset(&tally, 0, sizeof(tally));
	seed = 10;
	for (i = 0; i < 1500; i++) {
		d = new_doc();
		html = el((xmlNodePtr)d, rnd(4) ? "html" : "Html");
		/* Where htmlSetMetaEncoding() looks for <head> and its meta. */
		switch (rnd(8)) {
		case 0:
			break;
		case 1:
			xmlAddChild(html, xmlNewDocComment(d,
			    (const xmlChar *)"c"));
			el(html, "HEAD");
			break;
		case 2:
			head = el(html, "head");
			n = el(head, "meta");
			xmlNewProp(n, (const xmlChar *)"http-equiv",
			    (const xmlChar *)"Content-Type");
			xmlNewProp(n, (const xmlChar *)"content",
			    (const xmlChar *)(rnd(2) ? "text/html; charset=utf-8"
			    : "text/html"));
			break;
		case 3:
			el(html, "meta");
			el(html, "head");
			break;
		default:
			rnd_tree(el(html, "head"), 4);
			break;
		}
		rnd_tree(html, 0);
		check(d, s, "random");
		xmlFreeDoc(d);
	}
	fprintf(stderr, "html_out: random: %u documents, %u nodes, %u "
	    "fallbacks, %u differ\n", tally.docs, tally.nodes,
	    tally.fallbacks, tally.differ);
	CU_ASSERT_EQUAL(tally.differ, 0);
	CU_ASSERT_EQUAL(tally.node_fallbacks, 0);
	CU_ASSERT(tally.fallbacks < tally.docs / 5);
	xsltFreeStylesheet(s);
}

/* Any other output declaration is left to libxml2. */
static void
t_other_output(void)
{
	static const char *const outs[] = {
	    "<xsl:output method='html' encoding='UTF-8' indent='yes'/>",
	    "<xsl:output method='html' encoding='UTF-8'/>",
	    "<xsl:output method='xml' encoding='UTF-8' indent='no'/>",
	    "<xsl:output method='html' encoding='utf-8' indent='no'/>",
	    "<xsl:output method='html' encoding='Shift_JIS' indent='no'/>",
	    "<xsl:output method='text' encoding='UTF-8' indent='no'/>" };
	struct buf		 b = { NULL, 0, 0 };
	xsltStylesheetPtr	 s;
	xmlDocPtr		 d;
	size_t			 i;

	d = new_doc();
	el(el((xmlNodePtr)d, "html"), "body");
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]); i++) {
		s = style(outs[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_EQUAL(html_out_result(&b, d, s), -1);
		CU_ASSERT_EQUAL(b.len, 0);
		xsltFreeStylesheet(s);
	}
	s = style(PORTAL_OUTPUT);
	CU_ASSERT_EQUAL(html_out_result(&b, d, s), 0);
	CU_ASSERT_STRING_EQUAL(b.data, "<!DOCTYPE html>\n<html><body></body>"
	    "</html>\n");
	/* A namespace declaration is left to libxml2, the buffer as it was. */
	xmlNewNs(xmlDocGetRootElement(d), (const xmlChar *)"urn:x",
	    (const xmlChar *)"x");
	CU_ASSERT_EQUAL(html_out_result(&b, d, s), -1);
	CU_ASSERT_STRING_EQUAL(b.data, "<!DOCTYPE html>\n<html><body></body>"
	    "</html>\n");
	xsltFreeStylesheet(s);
	xmlFreeDoc(d);
	buf_free(&b);
}

/*
 * The helpers a C pass writes markup with (render_pass.h pass_raw()):
 * for each awkward string, html_out_text(), html_out_value() and
 * html_out_uri() around it must give libxml2's bytes for the nodes
 * they stand for: a <td> with it as text, an <option value=…>, an
 * <a href=…>.
 */
static void
t_markup(void)
{
	static const struct {
		const char	*el, *attr;
		int		 (*fn)(struct buf *, const xmlChar *);
	} as[] = {
		{ "option", "value", html_out_value },
		{ "td", "class", html_out_value },
		{ "a", "href", html_out_uri },
		{ "form", "action", html_out_uri },
	};
	struct buf	 b = { NULL, 0, 0 };
	xmlDocPtr	 d;
	xmlNodePtr	 body, n;
	char		*want;
	size_t		 i, k, wl;

	memset(&tally, 0, sizeof(tally));
	tally.name = "markup";
	d = new_doc();
	body = el(el((xmlNodePtr)d, "html"), "body");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		/* Text: <td>s</td> (an empty one is no text node). */
		n = el(body, "td");
		if (*values[i] != '\0')
			text(n, values[i]);
		want = lx_node(d, n, &wl);
		b.len = 0;
		CU_ASSERT(buf_puts(&b, "<td>") == 0 &&
		    html_out_text(&b, (const xmlChar *)values[i]) == 0 &&
		    buf_puts(&b, "</td>") == 0);
		CU_ASSERT(want != NULL && b.len == wl &&
		    memcmp(b.data, want, wl) == 0);
		if (want == NULL || b.len != wl || memcmp(b.data, want, wl))
			differs("markup text", want, wl, b.data, b.len);
		free(want);
		for (k = 0; k < sizeof(as) / sizeof(as[0]); k++) {
			n = el(body, as[k].el);
			xmlNewProp(n, (const xmlChar *)as[k].attr,
			    (const xmlChar *)values[i]);
			want = lx_node(d, n, &wl);
			b.len = 0;
			CU_ASSERT(buf_puts(&b, "<") == 0 &&
			    buf_puts(&b, as[k].el) == 0 &&
			    buf_puts(&b, " ") == 0 &&
			    buf_puts(&b, as[k].attr) == 0 &&
			    as[k].fn(&b, (const xmlChar *)values[i]) == 0 &&
			    buf_puts(&b, "></") == 0 &&
			    buf_puts(&b, as[k].el) == 0 &&
			    buf_puts(&b, ">") == 0);
			CU_ASSERT(want != NULL && b.len == wl &&
			    memcmp(b.data, want, wl) == 0);
			if (want == NULL || b.len != wl ||
			    memcmp(b.data, want, wl))
				differs("markup attribute", want, wl, b.data,
				    b.len);
			free(want);
		}
	}
	xmlFreeDoc(d);
	buf_free(&b);
}

int
suite_html_out(void)
{
	static const struct utest t[] = {
		{ "golden cases byte-identical to libxml2", t_golden },
		{ "awkward content byte-identical", t_awkward },
		{ "random trees byte-identical", t_random },
		{ "other output declarations fall back", t_other_output },
		{ "C passes' markup as libxml2 writes the nodes", t_markup },
		{ NULL, NULL },
	};
	return add_suite("html_out", t);
}
