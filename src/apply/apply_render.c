/*
 * apply_render.c — skc:apply-cells, the cells of one row of an
 * application's section (xslt/apply/apply.xsl, mode apply-rows) in one
 * C pass (issue 10).  The XSLT stays as the element's xsl:fallback;
 * tests/golden renders both and compares the bytes.
 *
 * On 確認 (apply-confirm) 二次's 履歴書 is one row of 41 values: as
 * XSLT each cell was a message lookup for its data-label and an
 * apply-templates of mode apply-show, 1.6 M instructions of a 2.9 M
 * request.  Here a cell is its markup (render_pass.h pass_raw()).
 */
#include <string.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "apply.h"
#include "buf.h"
#include "html_out.h"
#include "render_pass.h"

/* What xsl:value-of of the value gives: its text, in place when one node. */
static int
value_text(struct buf *b, const xmlNode *v)
{
	xmlChar	*s;
	int	 rc;

	if (v->children == NULL)
		return 0;
	if (v->children->next == NULL && v->children->type == XML_TEXT_NODE)
		return html_out_text(b, v->children->content);
	s = xmlNodeGetContent(v);
	rc = html_out_text(b, s);
	xmlFree(s);
	return rc;
}

/* A message into b, as text or as an attribute's value (scratch m). */
static int
msg(xsltTransformContextPtr ctxt, struct buf *b, const xmlChar *key,
    struct buf *m, int value)
{
	return pass_msg_markup(ctxt, b, key, NULL, m, value);
}

/*
 * One <value> as its <td>: data-label the message @key, then the
 * template of mode apply-show: @label, else the message @value-key,
 * else a link to @upload named @filename, else the value's text.
 */
static int
cell(xsltTransformContextPtr ctxt, struct buf *b, const xmlNode *v,
    struct buf *m, struct buf *tmp)
{
	const xmlChar	*key, *label, *vkey, *up, *fn;
	int		 odd = 0, rc = -1;

	key = pass_attr(v, "key", &odd);
	label = pass_attr(v, "label", &odd);
	vkey = pass_attr(v, "value-key", &odd);
	up = pass_attr(v, "upload", &odd);
	fn = pass_attr(v, "filename", &odd);
	if (odd || buf_puts(b, "<td data-label") == -1 ||
	    msg(ctxt, b, key, m, 1) == -1 || buf_puts(b, ">") == -1)
		goto out;
	if (label != NULL)
		rc = html_out_text(b, label);
	else if (vkey != NULL)
		rc = msg(ctxt, b, vkey, m, 0);
	else if (up != NULL) {
		tmp->len = 0;
		rc = buf_puts(tmp, "/upload/") == 0 &&
		    buf_puts(tmp, (const char *)up) == 0 &&
		    buf_puts(b, "<a href") == 0 &&
		    html_out_uri(b, (const xmlChar *)tmp->data) == 0 &&
		    buf_puts(b, ">") == 0 && html_out_text(b, fn) == 0 &&
		    buf_puts(b, "</a>") == 0 ? 0 : -1;
	} else
		rc = value_text(b, v);
	if (rc == 0)
		rc = buf_puts(b, "</td>");
out:
	return rc;
}

/* skc:apply-cells — for the context <row>, a <td> for each <value>. */
static void
ext_apply_cells(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	struct buf	 b = { NULL, 0, 0 }, m = { NULL, 0, 0 },
			 tmp = { NULL, 0, 0 };
	const xmlNode	*c;
	int		 ok = 1;

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	for (c = node->children; c != NULL && ok && render_cpass(ctxt);
	    c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)"value"))
			ok = cell(ctxt, &b, c, &m, &tmp) == 0;
	if (ok && render_cpass(ctxt))
		pass_raw(ctxt, ctxt->insert, b.data, b.len);
	else
		pass_fallback(ctxt, node, inst);
	buf_free(&b);
	buf_free(&m);
	buf_free(&tmp);
}

/*
 * The one element child of n named name, in no namespace; NULL when
 * there is none or more than one (the XPath would take them all).
 */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c, one = NULL;
	int		 k = 0;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)name)) {
			one = c;
			k++;
		}
	return k == 1 ? one : NULL;
}

/* XPath's string of number(s) for s of 1-4 ASCII digits; -1 otherwise. */
static int
number(struct buf *b, const xmlChar *s, size_t n)
{
	size_t	 i;
	long	 v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return buf_printf(b, "%ld", v);
}

/*
 * The template apply-dt: "2026-04-01 09:05:00" as 2026年4月1日 9:05 (en:
 * 2026-04-01 9:05); shorter than 16 characters as it is.  -1 for
 * anything else (not ASCII, no digits where number() reads them): the
 * fallback writes what XPath makes of it.
 */
static int
dt(struct buf *b, const xmlChar *t, int en)
{
	struct buf	 tmp = { NULL, 0, 0 };
	size_t		 n = xmlStrlen(t), i;
	int		 rc = -1;

	for (i = 0; i < n; i++)
		if (t[i] >= 0x80)
			return -1;
	if (n < 16)
		return html_out_text(b, t);
	if (t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':')
		return -1;
	if (en) {
		if (buf_append(&tmp, t, 10) == 0 && buf_puts(&tmp, " ") == 0 &&
		    number(&tmp, t + 11, 2) == 0 &&
		    buf_append(&tmp, t + 13, 3) == 0)
			rc = 0;
	} else if (number(&tmp, t, 4) == 0 && buf_puts(&tmp, "年") == 0 &&
	    number(&tmp, t + 5, 2) == 0 && buf_puts(&tmp, "月") == 0 &&
	    number(&tmp, t + 8, 2) == 0 && buf_puts(&tmp, "日 ") == 0 &&
	    number(&tmp, t + 11, 2) == 0 && buf_append(&tmp, t + 13, 3) == 0)
		rc = 0;
	if (rc == 0)
		rc = buf_append(&tmp, "", 0) == 0 &&
		    html_out_text(b, (const xmlChar *)tmp.data) == 0 ? 0 : -1;
	buf_free(&tmp);
	return rc;
}

/* @max > 0 for @max of plain digits (absent: NaN, false); -1 otherwise. */
static int
max_positive(const xmlChar *m)
{
	size_t	 i;
	int	 pos = 0;

	if (m == NULL)
		return 0;
	for (i = 0; m[i] != '\0'; i++) {
		if (m[i] < '0' || m[i] > '9')
			return -1;
		pos = pos || m[i] != '0';
	}
	return i == 0 ? -1 : pos;
}

/* One <section> as its row of the table apply-sections. */
static int
section_row(xsltTransformContextPtr ctxt, struct buf *b, const xmlNode *s,
    const xmlChar *href, const xmlChar *const *lab, int en, struct buf *m)
{
	struct buf	 u = { NULL, 0, 0 }, k = { NULL, 0, 0 };
	const xmlChar	*name, *title, *max, *rows, *state, *up;
	int		 odd = 0, pos, rc = -1;

	name = pass_attr(s, "name", &odd);
	title = pass_attr(s, "title", &odd);
	max = pass_attr(s, "max", &odd);
	rows = pass_attr(s, "rows", &odd);
	state = pass_attr(s, "state", &odd);
	up = pass_attr(s, "updated-at", &odd);
	if (odd || (pos = max_positive(max)) == -1 ||
	    buf_puts(&u, href != NULL ? (const char *)href : "") == -1 ||
	    buf_puts(&u, "/") == -1 ||
	    buf_puts(&u, name != NULL ? (const char *)name : "") == -1 ||
	    buf_puts(&k, "apply.section.") == -1 ||
	    buf_puts(&k, state != NULL ? (const char *)state : "") == -1 ||
	    buf_puts(b, "<tr><td data-label") == -1 ||
	    html_out_value(b, lab[0]) == -1 || buf_puts(b, "><a href") == -1 ||
	    html_out_uri(b, (const xmlChar *)u.data) == -1 ||
	    buf_puts(b, ">") == -1 || msg(ctxt, b, title, m, 0) == -1 ||
	    buf_puts(b, "</a>") == -1)
		goto out;
	if (pos && (buf_puts(b, " ") == -1 || pass_msg_markup(ctxt, b,
	    (const xmlChar *)"apply.rows-count", rows != NULL ? rows :
	    (const xmlChar *)"", m, 0) == -1))
		goto out;
	if (buf_puts(b, "</td><td data-label") == -1 ||
	    html_out_value(b, lab[1]) == -1 ||
	    buf_puts(b, "><span class") == -1)
		goto out;
	u.len = 0;
	if (buf_puts(&u, "badge section-") == -1 ||
	    buf_puts(&u, state != NULL ? (const char *)state : "") == -1 ||
	    html_out_value(b, (const xmlChar *)u.data) == -1 ||
	    buf_puts(b, ">") == -1 ||
	    msg(ctxt, b, (const xmlChar *)k.data, m, 0) == -1 ||
	    buf_puts(b, "</span></td><td data-label") == -1 ||
	    html_out_value(b, lab[2]) == -1 || buf_puts(b, ">") == -1 ||
	    (up != NULL && dt(b, up, en) == -1) ||
	    buf_puts(b, "</td></tr>") == -1)
		goto out;
	rc = 0;
out:
	buf_free(&u);
	buf_free(&k);
	return rc;
}

/*
 * skc:apply-section-rows — for the context page, the rows of the table
 * apply-sections (a product's 申請トップ): each section's link and row
 * count, its state and when it was last saved.  The template's dates
 * and messages were a fifth of 二次's 申請トップ.
 */
static void
ext_apply_section_rows(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	static const char *const keys[] = { "apply.col.section",
	    "apply.col.state", "apply.col.updated" };
	struct buf	 b = { NULL, 0, 0 }, m = { NULL, 0, 0 }, lb[3];
	const xmlChar	*lab[3], *href, *lang;
	xmlNodePtr	 a, app, c, root;
	int		 i, en, odd = 0, ok;

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	memset(lb, 0, sizeof(lb));
	a = child(child(node, "content"), "apply");
	/* The first <application>; the loop below takes each in turn. */
	for (app = a != NULL ? a->children : NULL; app != NULL &&
	    (app->type != XML_ELEMENT_NODE || app->ns != NULL ||
	    !xmlStrEqual(app->name, (const xmlChar *)"application"));
	    app = app->next)
		;
	root = xmlDocGetRootElement(node->doc);
	lang = root != NULL ? pass_attr(root, "lang", &odd) : NULL;
	en = xmlStrEqual(lang, (const xmlChar *)"en");
	href = a != NULL ? pass_attr(a, "href", &odd) : NULL;
	ok = render_cpass(ctxt) && a != NULL && !odd && root != NULL &&
	    xmlStrEqual(root->name, (const xmlChar *)"page");
	for (i = 0; i < 3 && ok; i++) {
		render_tf(ctxt, (const xmlChar *)keys[i], "", &lb[i]);
		ok = buf_append(&lb[i], "", 0) == 0;
		lab[i] = (const xmlChar *)lb[i].data;
	}
	/* $a/application/section: every <application>'s, in order. */
	for (; ok && a != NULL && app != NULL; app = app->next) {
		if (app->type != XML_ELEMENT_NODE || app->ns != NULL ||
		    !xmlStrEqual(app->name, (const xmlChar *)"application"))
			continue;
		for (c = app->children; c != NULL && ok; c = c->next)
			if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
			    xmlStrEqual(c->name, (const xmlChar *)"section"))
				ok = section_row(ctxt, &b, c, href, lab, en,
				    &m) == 0;
	}
	if (ok)
		pass_raw(ctxt, ctxt->insert, b.data, b.len);
	else
		pass_fallback(ctxt, node, inst);
	for (i = 0; i < 3; i++)
		buf_free(&lb[i]);
	buf_free(&b);
	buf_free(&m);
}

const struct render_pass apply_passes[] = {
	{ "apply-cells", ext_apply_cells },
	{ "apply-section-rows", ext_apply_section_rows },
	{ NULL, NULL },
};
