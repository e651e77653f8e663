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

/* A message into b, escaped as text (scratch in m). */
static int
msg(xsltTransformContextPtr ctxt, struct buf *b, const xmlChar *key,
    struct buf *m, int value)
{
	m->len = 0;
	render_tf(ctxt, key != NULL ? key : (const xmlChar *)"", "", m);
	if (buf_append(m, "", 0) == -1)
		return -1;
	return value ? html_out_value(b, (const xmlChar *)m->data) :
	    html_out_text(b, (const xmlChar *)m->data);
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

const struct render_pass apply_passes[] = {
	{ "apply-cells", ext_apply_cells },
	{ NULL, NULL },
};
