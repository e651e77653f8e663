/*
 * render.c — stylesheets compiled once per worker, one per tenant (the
 * tenant's theme.xsl imports the shared xslt/shikaku.xsl), plus the
 * shared one for the central-IT host and the neutral page for unknown
 * hosts.  Message catalogues are parsed once into hash tables and
 * reached from XSLT through the extension function sk:t(key).
 *
 * libxslt allows everything by default; every transform here carries
 * security prefs that forbid writing and network access and allow
 * reading only below datadir.  Documents are parsed with
 * XML_PARSE_NONET and never with XML_PARSE_NOENT.
 */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <libxml/xpathInternals.h>
#include <libexslt/exslt.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/pattern.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "html_out.h"
#include "log.h"
#include "render.h"
#include "render_frame.h"
#include "render_pass.h"
#include "tenant.h"
#include "xdate.h"

#define NLANG	2
static const char *const langs[NLANG] = { "ja", "en" };

struct theme {
	xsltStylesheetPtr	 style;
	xmlHashTablePtr		 cat[NLANG];	/* tenant overrides */
	int			 split;		/* has_param(skc-part) */
};

/*
 * Rendered pages of anonymous visitors, by the exact bytes of their
 * model.  A transform is a pure function of the model, the stylesheet
 * and the catalogues (themes use no date, random or document() calls
 * under the daemon), so equal models give equal pages; stylesheets only
 * change by replacing the worker, which starts with an empty cache.
 * Pages with a signed-in user are never kept.
 */
#define RCACHE_N	32
#define RCACHE_MAXPAGE	(256 * 1024)

struct rcache {
	uint64_t	 hash;
	int		 style;		/* tenant index, or -1 ops, -2 neutral */
	char		*model;
	size_t		 mlen;
	char		*html;
	size_t		 hlen;
	uint64_t	 used;
};

/*
 * Print stylesheets (pdf/): the model of a page into the print
 * vocabulary, compiled on first use and kept like the themes.
 */
#define PRINT_N		16

struct print_style {
	char			 rel[128];	/* below xslt/ */
	xsltStylesheetPtr	 style;
};

struct render {
	char			 root[PATH_MAX];	/* realpath(datadir) */
	xsltSecurityPrefsPtr	 sec;
	xmlHashTablePtr		 cat[NLANG];		/* shared catalogue */
	struct theme		 theme[TENANT_MAX];
	size_t			 ntheme;
	xsltStylesheetPtr	 shared;		/* ops host */
	xsltStylesheetPtr	 neutral;		/* unknown host */
	struct rcache		 cache[RCACHE_N];
	struct print_style	 print[PRINT_N];
	uint64_t		 tick;
	uint64_t		 hits, misses;
	xmlHashTablePtr		 pagememo;	/* apply_page() */
	int			 split_shared;	/* has_param(skc-part) */
	int			 split;		/* render_set_split() */
	int			 nocpass;	/* render_set_cpass(r, 0) */
	struct frame_cache	*frames;	/* render_split() */
	uint64_t		 fhits, fmisses, ffull;
};

/*
 * Frames kept per worker (render_split()): a frame is 10-20 kB, one per
 * (stylesheet, page, title, menu, roles, language, …), shared by every
 * member in that state.
 */
#define FRAME_N		128
#define FRAME_BYTES	(2 * 1024 * 1024)

/* Handed to sk:t() through the transform context. */
struct render_call {
	struct render		*r;
	const struct theme	*th;
	int			 lang;
};

static char			 sec_root[PATH_MAX];
static xsltDocLoaderFunc	 orig_loader;

static int
lang_idx(const char *l)
{
	int	 i;

	for (i = 0; i < NLANG; i++)
		if (l != NULL && strcmp(l, langs[i]) == 0)
			return i;
	return 0;
}

/* Reading is allowed for files below datadir only. */
static int
sec_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	char		 rp[PATH_MAX];
	const char	*p = value;
	size_t		 n = strlen(sec_root);

	(void)sec;
	(void)ctxt;
	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	if (realpath(p, rp) == NULL)
		return 0;
	return strncmp(rp, sec_root, n) == 0 && (rp[n] == '/' ||
	    rp[n] == '\0');
}

/* Is n an XSLT element named name? */
static int
is_xsl(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, XSLT_NAMESPACE) &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/*
 * A call of the i18n template t (xslt/core/i18n.xsl) whose parameters
 * are all select= expressions, as the one C call the template makes
 * under the daemon: <xsl:value-of select="sk:tf(string(K),
 * string(ARG))"/>, the expressions evaluated where they were, so the
 * same text.  A named-template call with its parameters cost about half
 * of a signed-in page's transform (issue 10: libxslt's profile of
 * 現在の状況: 80 calls of t, 49 % of the time).  Calls with a parameter
 * body (a result-tree fragment) stay as they are.  0 done, -1 not such
 * a call (or out of memory: the call stays, still correct).
 */
static int
t_inline(xmlNodePtr call)
{
	xmlNodePtr	 c, v;
	xmlChar		*name = NULL, *sel, *k = NULL, *arg = NULL;
	xmlBufferPtr	 b = NULL;
	int		 rc = -1;

	if ((name = xmlGetNsProp(call, (const xmlChar *)"name", NULL)) ==
	    NULL || !xmlStrEqual(name, (const xmlChar *)"t"))
		goto out;
	for (c = call->children; c != NULL; c = c->next) {
		if (c->type == XML_COMMENT_NODE ||
		    (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)))
			continue;
		if (!is_xsl(c, "with-param") || c->children != NULL ||
		    (sel = xmlGetNsProp(c, (const xmlChar *)"select",
		    NULL)) == NULL)
			goto out;
		xmlFree(name);
		name = xmlGetNsProp(c, (const xmlChar *)"name", NULL);
		if (name != NULL && xmlStrEqual(name, (const xmlChar *)"k") &&
		    k == NULL)
			k = sel;
		else if (name != NULL && xmlStrEqual(name,
		    (const xmlChar *)"arg") && arg == NULL)
			arg = sel;
		else {
			xmlFree(sel);
			goto out;
		}
	}
	if (k == NULL || (b = xmlBufferCreate()) == NULL)
		goto out;
	xmlBufferCCat(b, "skc:tf(string(");
	xmlBufferCat(b, k);
	xmlBufferCCat(b, "), string(");
	xmlBufferCat(b, arg != NULL ? arg : (const xmlChar *)"''");
	xmlBufferCCat(b, "))");
	if ((v = xmlNewDocNode(call->doc, call->ns,
	    (const xmlChar *)"value-of", NULL)) == NULL)
		goto out;
	if (xmlNewNs(v, (const xmlChar *)RENDER_NS,
	    (const xmlChar *)"skc") == NULL || xmlSetProp(v,
	    (const xmlChar *)"select", xmlBufferContent(b)) == NULL) {
		xmlFreeNode(v);
		goto out;
	}
	xmlReplaceNode(call, v);
	xmlFreeNode(call);
	rc = 0;
out:
	xmlBufferFree(b);
	xmlFree(name);
	xmlFree(k);
	xmlFree(arg);
	return rc;
}

/*
 * <xsl:apply-templates select="." mode="title|content"/> (nothing else
 * on it or in it), the page's own title and body, wrapped as
 * <skc:apply-page><xsl:apply-templates …/></skc:apply-page> so that
 * apply_page() can pick the page's template by its name at once.  Every
 * page does this three times (the <title>, the <h1>, the body), and
 * libxslt finds the template by trying the ~115 page[@name = '…']
 * patterns of the mode in turn, an XPath predicate each: 600 k
 * instructions of a 2.7 M render (issue 10, fourth pass).  ns is the
 * module's skc namespace.  0 done, -1 not such an element.
 */
static int
page_wrap(xmlNodePtr at, xmlNsPtr ns)
{
	xmlNodePtr	 w, c;
	xmlAttrPtr	 a;
	xmlChar		*sel = NULL, *mode = NULL;
	int		 n = 0, rc = -1;

	for (c = at->children; c != NULL; c = c->next)
		if (c->type != XML_COMMENT_NODE && !(c->type ==
		    XML_TEXT_NODE && xmlIsBlankNode(c)))
			return -1;
	for (a = at->properties; a != NULL; a = a->next)
		n++;
	if (n != 2 || (sel = xmlGetNsProp(at, (const xmlChar *)"select",
	    NULL)) == NULL || !xmlStrEqual(sel, (const xmlChar *)".") ||
	    (mode = xmlGetNsProp(at, (const xmlChar *)"mode", NULL)) ==
	    NULL || (!xmlStrEqual(mode, (const xmlChar *)"title") &&
	    !xmlStrEqual(mode, (const xmlChar *)"content")))
		goto out;
	if ((w = xmlNewDocNode(at->doc, ns, (const xmlChar *)"apply-page",
	    NULL)) == NULL)
		goto out;
	xmlReplaceNode(at, w);
	xmlAddChild(w, at);
	rc = 0;
out:
	xmlFree(sel);
	xmlFree(mode);
	return rc;
}

/* Every t_inline() and page_wrap() under n (ns NULL: no page_wrap()). */
static void
t_inline_all(xmlNodePtr n, xmlNsPtr ns)
{
	xmlNodePtr	 c, next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (is_xsl(c, "call-template") && t_inline(c) == 0)
			continue;
		if (ns != NULL && is_xsl(c, "apply-templates") &&
		    page_wrap(c, ns) == 0)
			continue;
		if (c->type == XML_ELEMENT_NODE)
			t_inline_all(c, ns);
	}
}

/*
 * The skc namespace on a module's <xsl:stylesheet>, declared as its
 * extension namespace (so skc:apply-page is an instruction, and skc
 * never reaches the output); NULL when the module names extension
 * prefixes of its own: it then keeps its apply-templates as they are.
 */
static xmlNsPtr
module_ns(xmlNodePtr root)
{
	xmlNsPtr	 ns;

	if (!is_xsl(root, "stylesheet") && !is_xsl(root, "transform"))
		return NULL;
	if (xmlHasNsProp(root, (const xmlChar *)"extension-element-prefixes",
	    NULL) != NULL)
		return NULL;
	if ((ns = xmlSearchNs(root->doc, root, (const xmlChar *)"skc")) !=
	    NULL)
		return xmlStrEqual(ns->href, (const xmlChar *)RENDER_NS) ?
		    ns : NULL;
	if ((ns = xmlNewNs(root, (const xmlChar *)RENDER_NS,
	    (const xmlChar *)"skc")) == NULL)
		return NULL;
	if (xmlSetProp(root, (const xmlChar *)"extension-element-prefixes",
	    (const xmlChar *)"skc") == NULL)
		return NULL;
	return ns;
}

/*
 * Every document libxslt loads, stylesheet or data, passes here: force
 * NONET, drop NOENT (entity expansion is how XXE starts).  A
 * stylesheet module gets its calls of t inlined (t_inline()).
 */
static xmlDocPtr
safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	xmlDocPtr	 doc;

	options |= XML_PARSE_NONET;
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD);
	doc = orig_loader(uri, dict, options, ctxt, type);
	if (doc != NULL && type == XSLT_LOAD_STYLESHEET &&
	    xmlDocGetRootElement(doc) != NULL)
		t_inline_all(xmlDocGetRootElement(doc),
		    module_ns(xmlDocGetRootElement(doc)));
	return doc;
}

struct merge {
	xmlHashTablePtr	 into;
	char		*err;
	size_t		 errlen;
	const char	*path;
	int		 dup;
};

static void
merge_one(void *payload, void *data, const xmlChar *key)
{
	struct merge	*m = data;
	xmlChar		*v;

	if (xmlHashLookup(m->into, key) != NULL) {
		if (!m->dup)
			snprintf(m->err, m->errlen, "%s: key %s defined twice",
			    m->path, (const char *)key);
		m->dup = 1;
		return;
	}
	if ((v = xmlStrdup(payload)) != NULL &&
	    xmlHashAddEntry(m->into, key, v) != 0)
		xmlFree(v);
}

/* Load <catalog><m k="…">text</m>…</catalog> into a hash table. */
static xmlHashTablePtr
catalog_load(const char *path, int required, char *err, size_t errlen)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlHashTablePtr	 h = NULL;
	xmlChar		*k, *v;

	if (!required && access(path, R_OK) == -1)
		return NULL;		/* optional: a tenant without overrides */
	if ((doc = xmlReadFile(path, NULL, XML_PARSE_NONET)) == NULL) {
		if (required)
			snprintf(err, errlen, "%s: cannot parse", path);
		return NULL;
	}
	h = xmlHashCreate(256);
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, (const xmlChar *)"m"))
			continue;
		if ((k = xmlGetProp(n, (const xmlChar *)"k")) == NULL)
			continue;
		v = xmlNodeGetContent(n);
		if (xmlHashUpdateEntry(h, k, v, xmlHashDefaultDeallocator) != 0)
			xmlFree(v);
		xmlFree(k);
	}
	xmlFreeDoc(doc);
	return h;
}

/* Look a key up: the tenant's catalogue first, then the shared one. */
static const char *
call_lookup(const struct render_call *rc, int lang, const xmlChar *key)
{
	const char	*v = NULL;

	if (rc->th != NULL && rc->th->cat[lang] != NULL)
		v = xmlHashLookup(rc->th->cat[lang], key);
	if (v == NULL && rc->r->cat[lang] != NULL)
		v = xmlHashLookup(rc->r->cat[lang], key);
	return v;
}

/* Does the shared catalogue have key in lang (page_tables_check())? */
int
render_has_message(const struct render *r, const char *lang,
    const char *key)
{
	int	 l = lang_idx(lang);

	return l >= 0 && r->cat[l] != NULL &&
	    xmlHashLookup(r->cat[l], (const xmlChar *)key) != NULL;
}

/*
 * The shared catalogue's message for key in lang, else key itself: for
 * text C writes where no stylesheet runs (CSV exports' state labels).
 */
const char *
render_message(const struct render *r, const char *lang, const char *key)
{
	const char	*v = NULL;
	int		 l = lang_idx(lang);

	if (l >= 0 && r->cat[l] != NULL)
		v = xmlHashLookup(r->cat[l], (const xmlChar *)key);
	return v != NULL ? v : key;
}

/*
 * sk:t(key [, lang]) — the message for key in the page's language (or
 * the one named), or the key itself so a missing message shows.
 * sk:has(key) — whether any catalogue defines key.
 */
static void
ext_lookup(xmlXPathParserContextPtr pctxt, int nargs, int has)
{
	xsltTransformContextPtr	 tctxt;
	struct render_call	*rc;
	xmlChar			*key = NULL, *lang = NULL;
	const char		*v = NULL;
	int			 li;

	if (nargs < 1 || nargs > (has ? 1 : 2)) {
		xmlXPathSetArityError(pctxt);
		return;
	}
	if (nargs == 2)
		lang = xmlXPathPopString(pctxt);
	key = xmlXPathPopString(pctxt);
	tctxt = xsltXPathGetTransformContext(pctxt);
	rc = tctxt != NULL ? tctxt->_private : NULL;
	if (rc != NULL && key != NULL) {
		li = lang != NULL ? lang_idx((const char *)lang) : rc->lang;
		v = call_lookup(rc, li, key);
	}
	if (has)
		valuePush(pctxt, xmlXPathNewBoolean(v != NULL));
	else
		valuePush(pctxt, xmlXPathNewString(v != NULL ?
		    (const xmlChar *)v : key));
	xmlFree(key);
	xmlFree(lang);
}

static void
ext_t(xmlXPathParserContextPtr pctxt, int nargs)
{
	ext_lookup(pctxt, nargs, 0);
}

static void
ext_has(xmlXPathParserContextPtr pctxt, int nargs)
{
	ext_lookup(pctxt, nargs, 1);
}

/* The message for key with every "{0}" replaced by arg, into b (sk:tf). */
static void
tf_into(const struct render_call *rc, const xmlChar *key, const char *arg,
    struct buf *b)
{
	const char	*v = NULL, *p, *q;

	if (rc != NULL && key != NULL)
		v = call_lookup(rc, rc->lang, key);
	if (v == NULL)
		v = key != NULL ? (const char *)key : "";
	for (p = v; (q = strstr(p, "{0}")) != NULL; p = q + 3) {
		buf_append(b, p, (size_t)(q - p));
		buf_puts(b, arg != NULL ? arg : "");
	}
	buf_puts(b, p);
}

/*
 * sk:tf(key, arg) — the message with every "{0}" replaced by arg: the
 * `t` template's whole job in one call, with no result-tree fragments.
 */
static void
ext_tf(xmlXPathParserContextPtr pctxt, int nargs)
{
	xsltTransformContextPtr	 tctxt;
	struct buf		 b = { NULL, 0, 0 };
	xmlChar			*key, *arg;

	if (nargs != 2) {
		xmlXPathSetArityError(pctxt);
		return;
	}
	arg = xmlXPathPopString(pctxt);
	key = xmlXPathPopString(pctxt);
	tctxt = xsltXPathGetTransformContext(pctxt);
	tf_into(tctxt != NULL ? tctxt->_private : NULL, key,
	    (const char *)arg, &b);
	valuePush(pctxt, xmlXPathNewString((const xmlChar *)(b.data ?
	    b.data : "")));
	buf_free(&b);
	xmlFree(key);
	xmlFree(arg);
}

/*
 * What the C passes (render_pass.c) ask of the transform under way,
 * handed to render_pass_register(): the message for key with "{0}" as
 * arg, and whether they draw (1) or run their XSLT fallbacks (0,
 * render_set_cpass()).
 */
static void
call_tf(xsltTransformContextPtr ctxt, const xmlChar *key, const char *arg,
    struct buf *b)
{
	tf_into(ctxt != NULL ? ctxt->_private : NULL, key, arg, b);
}

static int
call_cpass(xsltTransformContextPtr ctxt)
{
	const struct render_call	*rc;

	rc = ctxt != NULL ? ctxt->_private : NULL;
	return rc == NULL || !rc->r->nocpass;
}

/* n digits at s: their value, or -1. */
static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * sk:dt(time, weekday-key) — "2026-11-01 12:00:00" as 「2026年11月1日(日)
 * 12:00」 (ja) or "Sun 1 Nov 2026 12:00" (en), the weekday names being
 * the message weekday-key (seven characters in ja, seven times three in
 * en); "" when time is not such a date and time.  What a schedule's
 * dozens of dates cost as templates (a dozen XPath variables each),
 * in one call (issue 10).
 */
static void
ext_dt(xmlXPathParserContextPtr pctxt, int nargs)
{
	static const char	 months[] = "JanFebMarAprMayJunJulAugSepOctNov"
	    "Dec";
	xsltTransformContextPtr	 tctxt;
	struct render_call	*rc;
	xmlChar			*t, *key;
	const char		*names = NULL, *w;
	char			 out[96] = "";
	int			 y0, m0, d, m, y, k, j, wd, i, len;

	if (nargs != 2) {
		xmlXPathSetArityError(pctxt);
		return;
	}
	key = xmlXPathPopString(pctxt);
	t = xmlXPathPopString(pctxt);
	tctxt = xsltXPathGetTransformContext(pctxt);
	rc = tctxt != NULL ? tctxt->_private : NULL;
	if (rc != NULL && key != NULL)
		names = call_lookup(rc, rc->lang, key);
	if (names == NULL)
		names = "";
	if (t == NULL || xmlStrlen(t) < 16 || (y0 = digits((char *)t, 4)) < 0 ||
	    (m0 = digits((char *)t + 5, 2)) < 1 || m0 > 12 ||
	    (d = digits((char *)t + 8, 2)) < 0)
		goto out;
	/* Zeller's congruence (0 = Saturday), then 0 = Sunday. */
	m = m0 + (m0 < 3 ? 12 : 0);
	y = y0 - (m0 < 3 ? 1 : 0);
	k = y % 100;
	j = y / 100;
	wd = ((d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7 + 6) % 7;
	if (rc != NULL && rc->lang == lang_idx("en")) {
		len = (int)strlen(names) >= wd * 3 + 3 ? 3 : 0;
		snprintf(out, sizeof(out), "%.*s %d %.3s %d %.5s", len,
		    names + (len ? wd * 3 : 0), d, months + (m0 - 1) * 3, y0,
		    (char *)t + 11);
	} else {
		/* The wd-th UTF-8 character of names. */
		for (w = names, i = 0; *w != '\0' && i < wd; i++)
			for (w++; (*w & 0xc0) == 0x80; w++)
				;
		for (len = *w != '\0'; w[len] != '\0' &&
		    (w[len] & 0xc0) == 0x80; len++)
			;
		snprintf(out, sizeof(out), "%d年%d月%d日(%.*s) %.5s", y0, m0,
		    d, len, w, (char *)t + 11);
	}
out:
	valuePush(pctxt, xmlXPathNewString((const xmlChar *)out));
	xmlFree(t);
	xmlFree(key);
}

/*
 * Does the pattern alternative p[0..n) ("page[…]…" or "/page[…]…") open
 * with a predicate that only pages named otherwise pass: [@name = 'A'
 * or @name = 'B' …], the last one perhaps followed by "and …" with no
 * "or" after it?  Then it matches no page of that name, whatever its
 * other predicates ask.
 */
static int
other_name(const char *p, size_t n, const xmlChar *name)
{
	const char	*e = p + n, *q;
	size_t		 len = (size_t)xmlStrlen(name);
	int		 hit = 0, depth = 0, quote = 0, paren;

	if (p < e && *p == '/')
		p++;
	if ((size_t)(e - p) < 4 || strncmp(p, "page", 4) != 0)
		return 0;
	for (p += 4; p < e && isspace((unsigned char)*p); p++)
		;
	if (p >= e || *p++ != '[')
		return 0;
	for (;;) {
		for (; p < e && isspace((unsigned char)*p); p++)
			;
		/* (@name = 'B' and …), an "or" in it at no depth. */
		if (p < e && *p == '(') {
			for (p++; p < e && isspace((unsigned char)*p); p++)
				;
			paren = 1;
		} else
			paren = 0;
		if ((size_t)(e - p) < 5 || strncmp(p, "@name", 5) != 0)
			return 0;
		for (p += 5; p < e && isspace((unsigned char)*p); p++)
			;
		if (p >= e || *p++ != '=')
			return 0;
		for (; p < e && isspace((unsigned char)*p); p++)
			;
		if (p >= e || (*p != '\'' && *p != '"') ||
		    (q = memchr(p + 1, *p, (size_t)(e - p - 1))) == NULL)
			return 0;
		if ((size_t)(q - p - 1) == len &&
		    strncmp(p + 1, (const char *)name, len) == 0)
			hit = 1;
		for (p = q + 1; p < e && isspace((unsigned char)*p); p++)
			;
		if (paren) {
			if ((size_t)(e - p) < 4 || strncmp(p, "and", 3) != 0 ||
			    !isspace((unsigned char)p[3]))
				return 0;
			for (p += 3, depth = 0; p < e && (quote != 0 ||
			    depth > 0 || *p != ')'); p++) {
				if (quote != 0) {
					if (*p == quote)
						quote = 0;
				} else if (*p == '\'' || *p == '"')
					quote = *p;
				else if (*p == '(' || *p == '[')
					depth++;
				else if (*p == ')' || *p == ']')
					depth--;
				else if (depth == 0 && strncmp(p, "or", 2) == 0 &&
				    !isalnum((unsigned char)p[-1]) &&
				    !isalnum((unsigned char)p[2]) &&
				    p[-1] != '-' && p[2] != '-')
					return 0;
			}
			if (p >= e)
				return 0;
			for (p++; p < e && isspace((unsigned char)*p); p++)
				;
		}
		if (p < e && *p == ']')
			return !hit;
		if ((size_t)(e - p) > 3 && strncmp(p, "or", 2) == 0 &&
		    isspace((unsigned char)p[2])) {
			p += 2;
			continue;
		}
		if ((size_t)(e - p) > 4 && strncmp(p, "and", 3) == 0 &&
		    isspace((unsigned char)p[3]))
			break;
		return 0;
	}
	/* "and …" to the predicate's end: no "or" may follow. */
	for (p += 3; p < e; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '[' || *p == '(')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (*p == ']')
			return !hit;
		else if (depth == 0 && (size_t)(e - p) > 3 &&
		    strncmp(p, "or", 2) == 0 &&
		    !isalnum((unsigned char)p[-1]) && p[-1] != '-' &&
		    !isalnum((unsigned char)p[2]) && p[2] != '-')
			return 0;
	}
	return 0;
}

/*
 * Could the pattern alternative p[0..n) make xsltGetTemplate()'s choice
 * for the root <page> element depend on more than its @name?  Safe (0):
 * "page" or "/page" with predicates made of @name, string literals,
 * = != ( ) , and or not starts-with contains; or a path whose last step
 * is another name, a prefixed name, an attribute or the root, which no
 * <page> element matches.  Anything else (*, node(), variables,
 * positions, key(), other attributes, children): 1.
 */
static int
alt_unsafe(const char *p, size_t n, const xmlChar *name)
{
	static const char *const ok[] = { "@name", "and", "or", "not",
	    "starts-with", "contains", "concat" };
	char		 skel[256], word[32];
	const char	*last;
	size_t		 i, k, w, sl = 0;
	int		 depth = 0, q = 0, pred = 0, good;

	while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\n'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    p[n - 1] == '\n'))
		n--;
	for (i = 0; i < n; i++) {
		if (q != 0) {
			if (p[i] == q)
				q = 0;
			continue;
		}
		if (p[i] == '[') {
			depth++;
			continue;
		}
		if (p[i] == ']') {
			if (--depth < 0)
				return 1;
			continue;
		}
		if (depth == 0) {
			if (p[i] == '\'' || p[i] == '"' ||
			    sl + 1 >= sizeof(skel))
				return 1;
			skel[sl++] = p[i];
			continue;
		}
		if (p[i] == '\'' || p[i] == '"') {
			q = p[i];
			continue;
		}
		/* Inside a predicate: only the words and signs above. */
		if (strchr(" \t\n=!(),", p[i]) != NULL)
			continue;
		for (w = 0; i + w < n && w + 1 < sizeof(word) &&
		    (isalnum((unsigned char)p[i + w]) || p[i + w] == '@' ||
		    p[i + w] == '-'); w++)
			word[w] = p[i + w];
		word[w] = '\0';
		for (good = 0, k = 0; w > 0 && k < sizeof(ok) / sizeof(ok[0]);
		    k++)
			if (strcmp(word, ok[k]) == 0)
				good = 1;
		if (!good)
			pred = 1;
		i += w > 0 ? w - 1 : 0;
	}
	if (q != 0 || depth != 0)
		return 1;
	skel[sl] = '\0';
	if (strcmp(skel, "page") == 0 || strcmp(skel, "/page") == 0)
		return pred && !other_name(p, n, name);
	if (strspn(skel, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.:@/-") != sl)
		return 1;
	last = strrchr(skel, '/') != NULL ? strrchr(skel, '/') + 1 : skel;
	return *last != '\0' && *last != '@' && strchr(last, ':') == NULL &&
	    strcmp(last, "page") == 0;
}

/* Does any template of s and its imports in mode (no URI) fail alt_unsafe()? */
static int
mode_unsafe(xsltStylesheetPtr s, const xmlChar *mode, const xmlChar *name)
{
	xsltTemplatePtr	 t;
	xsltStylesheetPtr i;
	const char	*m, *e;
	int		 depth, q;

	{
		for (t = s->templates; t != NULL; t = t->next) {
			if (t->match == NULL || t->mode == NULL ||
			    !xmlStrEqual(t->mode, mode))
				continue;
			if (t->modeURI != NULL)
				return 1;
			/* Split at the top level "|". */
			for (m = e = (const char *)t->match, depth = q = 0; ;
			    e++) {
				if (q != 0) {
					if (*e == q)
						q = 0;
				} else if (*e == '\'' || *e == '"')
					q = *e;
				else if (*e == '[')
					depth++;
				else if (*e == ']')
					depth--;
				if (*e == '\0' || (*e == '|' && depth == 0 &&
				    q == 0)) {
					if (alt_unsafe(m, (size_t)(e - m), name))
						return 1;
					if (*e == '\0')
						break;
					m = e + 1;
				}
			}
		}
		for (i = s->imports; i != NULL; i = i->next)
			if (mode_unsafe(i, mode, name))
				return 1;
	}
	return 0;
}

/* pagememo's entry for a name whose template apply_page() leaves alone. */
static char	 memo_unsafe[] = "unsafe";

/*
 * The instruction xsltCallTemplate() is handed by apply_page(): one
 * with no children, so no xsl:with-param (an apply-page holds its
 * apply-templates), kept for the process.
 */
static xmlNodePtr
page_inst(void)
{
	static xmlNodePtr	 n;

	if (n == NULL)
		n = xmlNewNode(NULL, (const xmlChar *)"apply-page");
	return n;
}

/*
 * skc:apply-page, around <xsl:apply-templates select="." mode="M"/>
 * (page_wrap()).  For the root <page name="…"> it applies the template
 * xsltGetTemplate() chose the first time for this stylesheet, mode and
 * name, kept per worker: when every template of the mode that could
 * match a <page> looks at its @name alone (mode_unsafe()), that choice
 * is the same every time.  Applied as xsl:apply-templates would
 * (xsltApplyTemplates(), xsltProcessOneNode()): the mode, the current
 * template rule, the context node, position and size set around it;
 * xsltCallTemplate() runs the template body with a new variable frame.
 * Anything else runs the wrapped apply-templates as written.
 */
static void
apply_page(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr ecomp)
{
	struct render_call	*rc = ctxt->_private;
	xmlNodePtr		 at, oldnode;
	xsltStylePreCompPtr	 ac;
	xsltStylePreComp	 call;
	xsltTemplatePtr		 t, oldrule;
	xmlNodeSetPtr		 list, oldlist;
	xmlAttrPtr		 a;
	const xmlChar		*name, *oldmode, *olduri;
	char			 key[32];
	int			 oldsize, oldpos;

	(void)ecomp;
	for (at = inst->children; at != NULL && !is_xsl(at, "apply-templates");
	    at = at->next)
		;
	if (at == NULL || (ac = at->psvi) == NULL) {
		xsltTransformError(ctxt, NULL, inst, "apply-page: not compiled\n");
		return;
	}
	if (rc == NULL || rc->r->pagememo == NULL || ac->mode == NULL ||
	    ac->modeURI != NULL || ctxt->xpathCtxt == NULL ||
	    node->type != XML_ELEMENT_NODE || node->ns != NULL ||
	    node->parent == NULL || node->parent->type != XML_DOCUMENT_NODE ||
	    !xmlStrEqual(node->name, (const xmlChar *)"page"))
		goto slow;
	/* The name as one text node, as the model writes it. */
	if ((a = xmlHasNsProp(node, (const xmlChar *)"name", NULL)) == NULL ||
	    a->type != XML_ATTRIBUTE_NODE || a->children == NULL ||
	    a->children->next != NULL || a->children->type != XML_TEXT_NODE ||
	    (name = a->children->content) == NULL)
		goto slow;
	snprintf(key, sizeof(key), "%p", (void *)ctxt->style);
	oldmode = ctxt->mode;
	olduri = ctxt->modeURI;
	ctxt->mode = ac->mode;
	ctxt->modeURI = NULL;
	/*
	 * Asked once per stylesheet, mode and name: the template, or
	 * memo_unsafe when the choice may depend on more than the name.
	 */
	if ((t = xmlHashLookup3(rc->r->pagememo, name, ac->mode,
	    (const xmlChar *)key)) == NULL) {
		t = mode_unsafe(ctxt->style, ac->mode, name) ? NULL :
		    xsltGetTemplate(ctxt, node, NULL);
		if (xmlHashSize(rc->r->pagememo) > 4096 ||
		    xmlHashAddEntry3(rc->r->pagememo, name, ac->mode,
		    (const xmlChar *)key, t != NULL ? (void *)t :
		    (void *)memo_unsafe) != 0)
			t = NULL;
	}
	if (t == NULL || (void *)t == (void *)memo_unsafe) {
		ctxt->mode = oldmode;
		ctxt->modeURI = olduri;
		goto slow;
	}
	if ((list = xmlXPathNodeSetCreate(node)) == NULL) {
		ctxt->mode = oldmode;
		ctxt->modeURI = olduri;
		goto slow;
	}
	oldlist = ctxt->nodeList;
	oldnode = ctxt->node;
	oldrule = ctxt->currentTemplateRule;
	oldsize = ctxt->xpathCtxt->contextSize;
	oldpos = ctxt->xpathCtxt->proximityPosition;
	ctxt->nodeList = list;
	ctxt->node = node;
	ctxt->currentTemplateRule = t;
	ctxt->xpathCtxt->contextSize = 1;
	ctxt->xpathCtxt->proximityPosition = 1;
	memset(&call, 0, sizeof(call));
	call.type = XSLT_FUNC_CALLTEMPLATE;
	call.templ = t;
	xsltCallTemplate(ctxt, node, page_inst(), (xsltElemPreCompPtr)&call);
	ctxt->xpathCtxt->contextSize = oldsize;
	ctxt->xpathCtxt->proximityPosition = oldpos;
	ctxt->currentTemplateRule = oldrule;
	ctxt->node = oldnode;
	ctxt->nodeList = oldlist;
	ctxt->mode = oldmode;
	ctxt->modeURI = olduri;
	xmlXPathFreeNodeSet(list);
	return;
slow:
	xsltApplyTemplates(ctxt, node, at, (xsltElemPreCompPtr)ac);
}

/*
 * A feature may keep its messages in xslt/i18n/<lang>-<feature>.xml;
 * they join the shared catalogue.  A key defined twice is an error, so
 * two features never silently fight over a word.
 */
static int
catalog_merge_parts(xmlHashTablePtr into, const char *root, const char *lang,
    char *err, size_t errlen)
{
	struct dirent	**ents = NULL;
	xmlHashTablePtr	 part;
	char		 dir[PATH_MAX + 16], path[PATH_MAX + 300], prefix[8];
	int		 n, i, rc = 0;

	snprintf(dir, sizeof(dir), "%s/xslt/i18n", root);
	snprintf(prefix, sizeof(prefix), "%s-", lang);
	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		const char *nm = ents[i]->d_name;
		size_t nl = strlen(nm);
		if (rc == 0 && strncmp(nm, prefix, strlen(prefix)) == 0 &&
		    nl > 4 && strcmp(nm + nl - 4, ".xml") == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, nm);
			if ((part = catalog_load(path, 1, err, errlen)) == NULL)
				rc = -1;
			else {
				struct merge m = { into, err, errlen, path, 0 };
				xmlHashScan(part, merge_one, &m);
				if (m.dup)
					rc = -1;
				xmlHashFree(part, xmlHashDefaultDeallocator);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

/*
 * A stylesheet and the modules it includes, compiled once per worker;
 * the main document goes through safe_loader() as its modules do.
 */
static xsltStylesheetPtr
compile_file(const char *path)
{
	xsltStylesheetPtr	 s = NULL;
	xmlDocPtr		 doc;

	if ((doc = safe_loader((const xmlChar *)path, NULL,
	    XSLT_PARSE_OPTIONS, NULL, XSLT_LOAD_STYLESHEET)) != NULL &&
	    (s = xsltParseStylesheetDoc(doc)) == NULL)
		xmlFreeDoc(doc);
	return s;
}

/*
 * Does s or a stylesheet it imports declare the global parameter name?
 * (xslt/core/layout.xsl's skc-part: render_split() may run it.)
 */
static int
has_param(xsltStylesheetPtr s, const char *name)
{
	xsltStackElemPtr	 v;
	xsltStylesheetPtr	 i;

	if (s == NULL)
		return 0;
	for (v = s->variables; v != NULL; v = v->next)
		if (v->comp != NULL && v->comp->type == XSLT_FUNC_PARAM &&
		    xmlStrEqual(v->name, (const xmlChar *)name))
			return 1;
	for (i = s->imports; i != NULL; i = i->next)
		if (has_param(i, name))
			return 1;
	return 0;
}

static xsltStylesheetPtr
compile(const char *path, char *err, size_t errlen)
{
	xsltStylesheetPtr	 s;

	if ((s = compile_file(path)) == NULL)
		snprintf(err, errlen, "%s: cannot compile", path);
	return s;
}

struct render *
render_new(const char *datadir, const struct tenants *ts, char *err,
    size_t errlen)
{
	struct render	*r;
	char		 path[PATH_MAX + 64];
	size_t		 i;
	int		 l, ok = 0;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if ((r->pagememo = xmlHashCreate(64)) == NULL) {
		free(r);
		return NULL;
	}
	r->split = RENDER_SPLIT;
	/* Without it every page renders in full, as before issue 10. */
	if ((r->frames = frame_new(FRAME_N, FRAME_BYTES)) == NULL)
		log_err("render: no frame cache");
	if (realpath(datadir, r->root) == NULL) {
		snprintf(err, errlen, "%s: no such directory", datadir);
		goto out;
	}
	/* Process-wide hooks: set once, they read only sec_root. */
	snprintf(sec_root, sizeof(sec_root), "%s", r->root);
	if (orig_loader == NULL) {
		orig_loader = xsltDocDefaultLoader;
		exsltRegisterAll();
		xsltSetLoaderFunc(safe_loader);
		xsltRegisterExtModuleFunction((const xmlChar *)"t",
		    (const xmlChar *)RENDER_NS, ext_t);
		xsltRegisterExtModuleFunction((const xmlChar *)"has",
		    (const xmlChar *)RENDER_NS, ext_has);
		xsltRegisterExtModuleFunction((const xmlChar *)"tf",
		    (const xmlChar *)RENDER_NS, ext_tf);
		xsltRegisterExtModuleFunction((const xmlChar *)"dt",
		    (const xmlChar *)RENDER_NS, ext_dt);
		xsltRegisterExtModuleFunction((const xmlChar *)"date",
		    (const xmlChar *)RENDER_NS, xdate_fn);
		xsltRegisterExtModuleElement((const xmlChar *)"apply-page",
		    (const xmlChar *)RENDER_NS, NULL, apply_page);
		render_pass_register(call_tf, call_cpass);
	}
	r->sec = xsltNewSecurityPrefs();
	if (xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) || xsltSetSecurityPrefs(r->sec,
	    XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid) || xsltSetSecurityPrefs(r->sec,
	    XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(r->sec, XSLT_SECPREF_READ_FILE,
	    sec_read_file)) {
		snprintf(err, errlen, "cannot set XSLT security prefs");
		goto out;
	}
	/* Compilation (xsl:import/include) is checked by the same prefs. */
	xsltSetDefaultSecurityPrefs(r->sec);

	for (l = 0; l < NLANG; l++) {
		snprintf(path, sizeof(path), "%s/xslt/i18n/%s.xml", r->root,
		    langs[l]);
		if ((r->cat[l] = catalog_load(path, 1, err, errlen)) == NULL)
			goto out;
		if (catalog_merge_parts(r->cat[l], r->root, langs[l], err,
		    errlen) == -1)
			goto out;
	}
	snprintf(path, sizeof(path), "%s/xslt/shikaku.xsl", r->root);
	if ((r->shared = compile(path, err, errlen)) == NULL)
		goto out;
	r->split_shared = has_param(r->shared, "skc-part");
	snprintf(path, sizeof(path), "%s/xslt/neutral.xsl", r->root);
	if ((r->neutral = compile(path, err, errlen)) == NULL)
		goto out;
	for (i = 0; ts != NULL && i < ts->n; i++) {
		snprintf(path, sizeof(path), "%s/theme.xsl", ts->t[i].dir);
		if ((r->theme[i].style = compile(path, err, errlen)) == NULL)
			goto out;
		r->theme[i].split = has_param(r->theme[i].style, "skc-part");
		for (l = 0; l < NLANG; l++) {
			snprintf(path, sizeof(path), "%s/i18n/%s.xml",
			    ts->t[i].dir, langs[l]);
			r->theme[i].cat[l] = catalog_load(path, 0, NULL, 0);
		}
		r->ntheme++;
	}
	ok = 1;
out:
	if (!ok) {
		render_free(r);
		r = NULL;
	}
	return r;
}

void
render_stats(const struct render *r, unsigned long long *hits,
    unsigned long long *misses)
{
	*hits = r->hits;
	*misses = r->misses;
}

/*
 * The frames (render_split()): pages spliced from a kept frame, pages
 * whose frame was rendered first, pages rendered in full because their
 * frame could not be kept; and what is kept now.
 */
void
render_frame_stats(const struct render *r, struct render_frames *f)
{
	memset(f, 0, sizeof(*f));
	f->hits = r->fhits;
	f->misses = r->fmisses;
	f->full = r->ffull;
	if (r->frames != NULL)
		frame_size(r->frames, &f->entries, &f->bytes);
}

/*
 * RENDER_FULL: every page renders in full; RENDER_SPLIT (the default):
 * through the kept frames when it can; RENDER_SPLIT_ONLY: that, and no
 * whole anonymous page is kept (tests/golden compares them all).
 */
void
render_set_split(struct render *r, int how)
{
	r->split = how;
}

/*
 * on 0: every C pass (render_pass.c) runs its XSLT fallback instead,
 * and no anonymous page is taken from the cache: tests/golden renders
 * each case both ways and compares the bytes.
 */
void
render_set_cpass(struct render *r, int on)
{
	r->nocpass = !on;
}

void
render_free(struct render *r)
{
	size_t	 i;
	int	 l;

	if (r == NULL)
		return;
	for (i = 0; i < r->ntheme; i++) {
		xsltFreeStylesheet(r->theme[i].style);
		for (l = 0; l < NLANG; l++)
			xmlHashFree(r->theme[i].cat[l],
			    xmlHashDefaultDeallocator);
	}
	for (l = 0; l < NLANG; l++)
		xmlHashFree(r->cat[l], xmlHashDefaultDeallocator);
	xmlHashFree(r->pagememo, NULL);
	frame_free(r->frames);
	for (i = 0; i < RCACHE_N; i++) {
		free(r->cache[i].model);
		free(r->cache[i].html);
	}
	for (i = 0; i < PRINT_N; i++)
		if (r->print[i].style != NULL)
			xsltFreeStylesheet(r->print[i].style);
	if (r->shared != NULL)
		xsltFreeStylesheet(r->shared);
	if (r->neutral != NULL)
		xsltFreeStylesheet(r->neutral);
	if (r->sec != NULL) {
		if (xsltGetDefaultSecurityPrefs() == r->sec)
			xsltSetDefaultSecurityPrefs(NULL);
		xsltFreeSecurityPrefs(r->sec);
	}
	free(r);
}

static int
anonymous(xmlDocPtr model)
{
	xmlNodePtr	 n;

	for (n = xmlDocGetRootElement(model)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"user"))
			return 0;
	return 1;
}

/* The model's bytes, the cache key; NULL if it is not to be cached. */
static int
model_key(xmlDocPtr model, struct buf *key)
{
	xmlBufferPtr	 xb;
	xmlSaveCtxtPtr	 sv;
	int		 rc = -1;

	if (!anonymous(model) || (xb = xmlBufferCreate()) == NULL)
		return -1;
	if ((sv = xmlSaveToBuffer(xb, "UTF-8", XML_SAVE_NO_DECL)) != NULL) {
		xmlSaveDoc(sv, model);
		xmlSaveClose(sv);
		rc = buf_append(key, xmlBufferContent(xb),
		    (size_t)xmlBufferLength(xb));
	}
	xmlBufferFree(xb);
	return rc;
}

static struct rcache *
cache_find(struct render *r, int style, const struct buf *key, uint64_t h)
{
	size_t	 i;

	for (i = 0; i < RCACHE_N; i++)
		if (r->cache[i].html != NULL && r->cache[i].hash == h &&
		    r->cache[i].style == style &&
		    r->cache[i].mlen == key->len &&
		    memcmp(r->cache[i].model, key->data, key->len) == 0)
			return &r->cache[i];
	return NULL;
}

static void
cache_put(struct render *r, int style, struct buf *key, uint64_t h,
    const char *html, size_t hlen)
{
	struct rcache	*e = &r->cache[0];
	size_t		 i;

	if (hlen > RCACHE_MAXPAGE)
		return;
	for (i = 1; i < RCACHE_N; i++)
		if (r->cache[i].used < e->used)
			e = &r->cache[i];
	free(e->model);
	free(e->html);
	memset(e, 0, sizeof(*e));
	if ((e->html = malloc(hlen)) == NULL)
		return;
	memcpy(e->html, html, hlen);
	e->hlen = hlen;
	e->model = key->data;		/* the cache takes the key */
	e->mlen = key->len;
	key->data = NULL;
	key->len = key->cap = 0;
	e->hash = h;
	e->style = style;
	e->used = ++r->tick;
}

/*
 * Where the time goes inside a transform (issue 10): with
 * SHIKAKU_XSLT_PROFILE=FILE in its environment, a worker appends
 * libxslt's per-template profile of every transform it runs to FILE.
 * For measuring by hand only: profiling slows every transform.
 */
static FILE *
profile_file(void)
{
	static FILE	*f;
	static int	 tried;
	const char	*path;

	if (!tried) {
		tried = 1;
		if ((path = getenv("SHIKAKU_XSLT_PROFILE")) != NULL &&
		    *path != '\0' && (f = fopen(path, "a")) != NULL)
			setvbuf(f, NULL, _IOLBF, 0);
	}
	return f;
}

/*
 * All HTML serialisation goes through these two: the whole result of
 * a transform as its xsl:output says (doctype line included), and one
 * node of a result as it is written inside the document.
 */
static int
ser_doc(struct buf *b, xmlDocPtr res, xsltStylesheetPtr s)
{
	xmlChar	*html = NULL;
	int	 len = 0, rc;

	if ((rc = html_out_result(b, res, s)) == 0)
		goto out;	/* else libxml2 writes it (html_out.c) */
	if (xsltSaveResultToString(&html, &len, res, s) == 0 && html != NULL)
		rc = buf_append(b, html, (size_t)len);
out:
	xmlFree(html);
	return rc;
}

static int
ser_node(struct buf *b, xmlDocPtr doc, xmlNodePtr n)
{
	xmlOutputBufferPtr	 o = NULL;
	int			 rc;

	if ((rc = html_out_node(b, doc, n)) == 0)
		goto out;	/* else libxml2 writes it (html_out.c) */
	if ((o = xmlAllocOutputBuffer(NULL)) == NULL)
		goto out;
	htmlNodeDumpFormatOutput(o, doc, n, "UTF-8", 0);
	if (o->error == 0)
		rc = buf_append(b, xmlOutputBufferGetContent(o),
		    xmlOutputBufferGetSize(o));
out:
	if (o != NULL)
		xmlOutputBufferClose(o);
	return rc;
}

/*
 * Run the stylesheet over model with the string parameters params
 * (name, value, …, NULL; values taken as they are, not as XPath): the
 * result document, or NULL.
 */
static xmlDocPtr
run(struct render *r, const struct tenant *t, xsltStylesheetPtr s,
    xmlDocPtr model, const char **params)
{
	xsltTransformContextPtr	 tc = NULL;
	xmlDocPtr		 res = NULL;
	xmlChar			*lang;
	struct render_call	 call;

	call.r = r;
	call.th = t != NULL ? &r->theme[t->idx] : NULL;
	lang = xmlGetProp(xmlDocGetRootElement(model),
	    (const xmlChar *)"lang");
	call.lang = lang_idx((const char *)lang);
	xmlFree(lang);
	if ((tc = xsltNewTransformContext(s, model)) == NULL)
		goto out;
	tc->_private = &call;
	if (xsltSetCtxtSecurityPrefs(r->sec, tc) != 0 ||
	    (params != NULL && xsltQuoteUserParams(tc, params) != 0))
		goto out;
	res = xsltApplyStylesheetUser(s, model, NULL, NULL, profile_file(),
	    tc);
	if (res != NULL && tc->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
out:
	xsltFreeTransformContext(tc);
	return res;
}

/* Run the transform; append the HTML to out. */
static int
transform(struct render *r, const struct tenant *t, xsltStylesheetPtr s,
    xmlDocPtr model, struct buf *out)
{
	xmlDocPtr	 res;
	int		 rc = -1;

	if ((res = run(r, t, s, model, NULL)) != NULL)
		rc = ser_doc(out, res, s);
	if (rc == -1)
		log_err("transform failed");
	xmlFreeDoc(res);
	return rc;
}

/*
 * The page as its frame, kept per worker, around main's content run
 * per request (issue 10; the contract is in xslt/core/layout.xsl, the
 * proof in render_frame.c and tests/golden/golden.c):
 *  1. the main run ($skc-part 'main'): the page's title and main's
 *     content, in <skc-part title="…">;
 *  2. the frame's key from the model and that title; when no frame is
 *     kept for it, the frame run ($skc-part 'frame', $skc-title) over a
 *     copy of the model without main's children (content, form,
 *     errors, messages) and with the member's name and CSRF token as
 *     sentinels, its HTML cut at the marker and the sentinels;
 *  3. the frame's bytes, main's nodes serialised, the member's strings
 *     escaped, spliced into out.
 * 0 done, 1 render this page in full (out untouched), -1 failed.
 */
static int
render_split(struct render *r, const struct tenant *t, xsltStylesheetPtr s,
    int style, xmlDocPtr model, struct buf *out)
{
	static const char	*mainp[] = { "skc-part", "main", NULL };
	const char		*framep[] = { "skc-part", "frame", "skc-title",
				    NULL, NULL };
	struct frame_vals	 fv;
	struct frame_ent	*e;
	struct buf		 key = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	struct buf		 fhtml = { NULL, 0, 0 };
	xmlDocPtr		 part = NULL, copy = NULL, fres = NULL;
	xmlNodePtr		 wrap, c;
	xmlChar			*title = NULL;
	int			 rc = 1;

	if (frame_vals(model, &fv) == -1)
		goto out;
	rc = -1;
	if ((part = run(r, t, s, model, mainp)) == NULL)
		goto out;
	rc = 1;
	if ((wrap = xmlDocGetRootElement(part)) == NULL ||
	    !xmlStrEqual(wrap->name, (const xmlChar *)"skc-part") ||
	    (title = xmlGetNsProp(wrap, (const xmlChar *)"title", NULL)) ==
	    NULL || frame_key(r->frames, &key, style, model, title) == -1)
		goto out;
	if ((e = frame_find(r->frames, &key)) == NULL) {
		r->fmisses++;
		framep[3] = (const char *)title;
		if ((copy = xmlCopyDoc(model, 1)) == NULL ||
		    frame_sentinels(r->frames, copy) == -1 ||
		    (fres = run(r, t, s, copy, framep)) == NULL ||
		    ser_doc(&fhtml, fres, s) == -1 ||
		    (e = frame_put(r->frames, &key, fres, fhtml.data,
		    fhtml.len)) == NULL)
			goto out;
	} else
		r->fhits++;
	if (!frame_usable(e))
		goto out;
	rc = -1;
	for (c = wrap->children; c != NULL; c = c->next)
		if (ser_node(&body, part, c) == -1)
			goto out;
	if (frame_splice(out, e, &fv, body.data, body.len) == -1)
		goto out;
	rc = 0;
out:
	if (rc == 1)
		r->ffull++;
	frame_vals_free(&fv);
	xmlFree(title);
	xmlFreeDoc(part);
	xmlFreeDoc(copy);
	xmlFreeDoc(fres);
	buf_free(&key);
	buf_free(&body);
	buf_free(&fhtml);
	return rc;
}

/*
 * Render the model with the tenant's theme (t != NULL), the shared one
 * (ops != 0) or the neutral page.  Output is appended to out.
 */
int
render_page(struct render *r, const struct tenant *t, int ops,
    xmlDocPtr model, struct buf *out)
{
	xsltStylesheetPtr	 s;
	struct buf		 key = { NULL, 0, 0 };
	struct rcache		*e;
	uint64_t		 h = 0;
	size_t			 start = out->len;
	int			 style, split, rc = -1;

	if (t != NULL && (size_t)t->idx < r->ntheme) {
		s = r->theme[t->idx].style;
		style = t->idx;
		split = r->theme[t->idx].split;
	} else {
		s = ops ? r->shared : r->neutral;
		style = ops ? -1 : -2;
		split = ops ? r->split_shared : 0;
	}
	if (r->split != RENDER_SPLIT_ONLY && !r->nocpass &&
	    model_key(model, &key) == 0) {
		h = fnv1a(key.data, key.len);
		if ((e = cache_find(r, style, &key, h)) != NULL) {
			e->used = ++r->tick;
			r->hits++;
			rc = buf_append(out, e->html, e->hlen);
			goto out;
		}
	}
	r->misses++;
	rc = 1;
	if (split && r->split != RENDER_FULL && r->frames != NULL &&
	    (rc = render_split(r, t, s, style, model, out)) == -1) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		rc = 1;
	}
	if (rc == 1)
		rc = transform(r, t, s, model, out);
	if (rc == 0 && key.data != NULL)
		cache_put(r, style, &key, h, out->data + start,
		    out->len - start);
out:
	buf_free(&key);
	return rc;
}

/*
 * A print stylesheet by its path below xslt/ (letters, digits, '-',
 * '_', '/' and one ".xsl"): compiled once per worker under the same
 * security prefs as the themes.
 */
static xsltStylesheetPtr
print_style(struct render *r, const char *rel)
{
	struct print_style	*e = NULL;
	char			 path[PATH_MAX + 160];
	size_t			 i, n = strlen(rel);

	if (n < 5 || n >= sizeof(e->rel) || strstr(rel, "..") != NULL ||
	    rel[0] == '/' || strcmp(rel + n - 4, ".xsl") != 0 ||
	    strspn(rel, "abcdefghijklmnopqrstuvwxyz0123456789-_/.") != n)
		return NULL;
	for (i = 0; i < PRINT_N; i++) {
		if (r->print[i].style == NULL) {
			if (e == NULL)
				e = &r->print[i];
		} else if (strcmp(r->print[i].rel, rel) == 0)
			return r->print[i].style;
	}
	if (e == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/xslt/%s", r->root, rel);
	if ((e->style = compile_file(path)) == NULL) {
		log_err("%s: cannot compile", path);
		return NULL;
	}
	snprintf(e->rel, sizeof(e->rel), "%s", rel);
	return e->style;
}

/*
 * The model through the print stylesheet `rel` (below xslt/) into a new
 * document, with the tenant's messages for sk:t() and the string
 * parameters params (name, value, …, NULL; values quoted as XPath
 * strings here).  Never cached: a print is made for one request.
 */
xmlDocPtr
render_print(struct render *r, const struct tenant *t, const char *rel,
    xmlDocPtr model, const char *const *params)
{
	xsltStylesheetPtr	 s;
	xsltTransformContextPtr	 tc = NULL;
	xmlDocPtr		 res = NULL;
	xmlChar			*lang;
	struct render_call	 call;
	const char		*p[2 * 8 + 1];
	char			 q[8][256];
	size_t			 i;

	if ((s = print_style(r, rel)) == NULL)
		goto out;
	for (i = 0; params != NULL && params[2 * i] != NULL && i < 8; i++) {
		if (strchr(params[2 * i + 1], '\'') != NULL)
			goto out;
		p[2 * i] = params[2 * i];
		snprintf(q[i], sizeof(q[i]), "'%s'", params[2 * i + 1]);
		p[2 * i + 1] = q[i];
	}
	p[2 * i] = NULL;
	call.r = r;
	call.th = t != NULL && (size_t)t->idx < r->ntheme ?
	    &r->theme[t->idx] : NULL;
	lang = xmlGetProp(xmlDocGetRootElement(model),
	    (const xmlChar *)"lang");
	call.lang = lang_idx((const char *)lang);
	xmlFree(lang);
	if ((tc = xsltNewTransformContext(s, model)) == NULL)
		goto out;
	tc->_private = &call;
	if (xsltSetCtxtSecurityPrefs(r->sec, tc) != 0)
		goto out;
	res = xsltApplyStylesheetUser(s, model, p, NULL, NULL, tc);
	if (res != NULL && tc->state != XSLT_STATE_OK) {
		xmlFreeDoc(res);
		res = NULL;
	}
out:
	if (res == NULL)
		log_err("print transform %s failed", rel);
	xsltFreeTransformContext(tc);
	return res;
}
