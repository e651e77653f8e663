/*
 * t_xdate.c — sk:date (src/core/xdate.c) against the template it
 * replaces: the `date` template of xslt/core/i18n.xsl as it was written
 * before the function existed, run by libxslt on awkward input in both
 * languages, must write the same text (issue 10).
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "xdate.h"
#include "tests.h"

/* The reference: the template, one <r> per <d> of the input. */
static const char ref_xsl[] =
"<xsl:stylesheet version='1.0'"
" xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
"<xsl:output method='xml' encoding='UTF-8' omit-xml-declaration='yes'/>"
"<xsl:param name='lang' select=\"'ja'\"/>"
"<xsl:template match='/'><rs><xsl:for-each select='/ds/d'><r>"
"<xsl:call-template name='date'>"
"<xsl:with-param name='d' select='.'/></xsl:call-template>"
"</r></xsl:for-each></rs></xsl:template>"
"<xsl:template name='date'>"
"<xsl:param name='d'/>"
"<xsl:variable name='y' select='substring($d, 1, 4)'/>"
"<xsl:variable name='m' select='number(substring($d, 6, 2))'/>"
"<xsl:variable name='dd' select='number(substring($d, 9, 2))'/>"
"<xsl:choose>"
"<xsl:when test=\"string-length($d) &lt; 10"
" or translate(substring($d, 1, 10), '0123456789', '') != '--'"
" or substring($d, 5, 1) != '-'"
" or not($m &gt;= 1 and $m &lt;= 12)"
" or not($dd &gt;= 1 and $dd &lt;= 31)\">"
"<xsl:value-of select='$d'/>"
"</xsl:when>"
"<xsl:when test=\"$lang = 'en'\">"
"<xsl:value-of select=\"concat($dd, ' ',"
" substring('JanFebMarAprMayJunJulAugSepOctNovDec', $m * 3 - 2, 3),"
" ' ', $y)\"/>"
"</xsl:when>"
"<xsl:otherwise>"
"<xsl:value-of select=\"concat($y, '年', $m, '月', $dd, '日')\"/>"
"</xsl:otherwise>"
"</xsl:choose>"
"</xsl:template>"
"</xsl:stylesheet>";

static const char *const inputs[] = {
	"2025-04-01", "2025-12-31", "2026-01-09", "1999-10-10",
	"2025-04-01T10:00", "2025-04-01 10:00:00", "2025-4-01", "2025-04-1",
	"2025-00-10", "2025-13-10", "2025-04-00", "2025-04-32",
	"2025-02-30", "12-3-10112", "-123-01-01", "2025--1-01",
	"2025-1--01", "2025-01-1-", "20250-1-01", "2025/04/01",
	"2025-04-01x", "２０２５-04-01", "2025-０4-01", "年年年-04-01",
	"2025-04-", "2025-04-0", "", "-", "----------", "0000-01-01",
	"2025- 4-01", "2025-04- 1", "2025-+4-01", "2025-.5-01",
	"2025-04-01\n", " 2025-04-01", "9999-09-09", "2025-11-30",
};

static void
t_same_as_template(void)
{
	xsltStylesheetPtr	 s;
	xmlDocPtr		 sd, in, out;
	xmlNodePtr		 ds, r;
	struct buf		 b = { NULL, 0, 0 };
	xmlChar			*got;
	const char		*params[3] = { "lang", NULL, NULL };
	size_t			 i, n = sizeof(inputs) / sizeof(inputs[0]);
	int			 en;

	sd = xmlReadMemory(ref_xsl, (int)strlen(ref_xsl), "ref.xsl", NULL,
	    XML_PARSE_NONET);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sd);
	s = xsltParseStylesheetDoc(sd);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	in = xmlNewDoc((const xmlChar *)"1.0");
	ds = xmlNewDocNode(in, NULL, (const xmlChar *)"ds", NULL);
	xmlDocSetRootElement(in, ds);
	for (i = 0; i < n; i++)
		xmlNewTextChild(ds, NULL, (const xmlChar *)"d",
		    (const xmlChar *)inputs[i]);
	for (en = 0; en < 2; en++) {
		params[1] = en ? "'en'" : "'ja'";
		out = xsltApplyStylesheet(s, in, params);
		CU_ASSERT_PTR_NOT_NULL_FATAL(out);
		r = xmlDocGetRootElement(out)->children;
		for (i = 0; i < n && r != NULL; i++, r = r->next) {
			buf_reset(&b);
			CU_ASSERT_EQUAL(xdate_format(&b, inputs[i], en), 0);
			CU_ASSERT_EQUAL(buf_append(&b, "", 1), 0);
			got = xmlNodeGetContent(r);
			if (strcmp((const char *)got, b.data) != 0)
				fprintf(stderr, "xdate: [%s] %s: template "
				    "\"%s\", C \"%s\"\n", inputs[i],
				    en ? "en" : "ja", got, b.data);
			CU_ASSERT_STRING_EQUAL(got, b.data);
			xmlFree(got);
		}
		CU_ASSERT_EQUAL(i, n);
		xmlFreeDoc(out);
	}
	buf_free(&b);
	xmlFreeDoc(in);
	xsltFreeStylesheet(s);
}

/* The XPath function: arguments converted as strings, a string out. */
static void
t_function(void)
{
	xmlDocPtr		 doc;
	xmlXPathContextPtr	 x;
	xmlXPathObjectPtr	 o;
	static const char *const q[][2] = {
		{ "sk:date('2025-04-01', 'en')", "1 Apr 2025" },
		{ "sk:date('2025-04-01', 'ja')", "2025年4月1日" },
		{ "sk:date(/d, 'fr')", "2026年11月3日" },
		{ "sk:date('x', 'en')", "x" },
	};
	size_t			 i;

	doc = xmlReadMemory("<d>2026-11-03</d>", 17, "d.xml", NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	x = xmlXPathNewContext(doc);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	xmlXPathRegisterNs(x, (const xmlChar *)"sk",
	    (const xmlChar *)"urn:shikaku:xslt");
	xmlXPathRegisterFuncNS(x, (const xmlChar *)"date",
	    (const xmlChar *)"urn:shikaku:xslt", xdate_fn);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		o = xmlXPathEvalExpression((const xmlChar *)q[i][0], x);
		CU_ASSERT_PTR_NOT_NULL_FATAL(o);
		CU_ASSERT_EQUAL(o->type, XPATH_STRING);
		CU_ASSERT_STRING_EQUAL(o->stringval, q[i][1]);
		xmlXPathFreeObject(o);
	}
	xmlXPathFreeContext(x);
	xmlFreeDoc(doc);
}

int
suite_xdate(void)
{
	static const struct utest t[] = {
		{ "sk:date writes what the template writes", t_same_as_template },
		{ "sk:date as an XPath function", t_function },
		{ NULL, NULL }
	};

	return add_suite("xdate", t);
}
