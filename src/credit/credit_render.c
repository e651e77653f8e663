/*
 * credit_render.c — the ledger's long tables (/credits) in one C pass
 * each (issue 13): skc:credit-rows, a <tr> per credit, and
 * skc:credit-totals, a <tr> per curriculum code.  xslt/credit/credit.xsl
 * keeps the XSLT as each element's xsl:fallback; tests/golden renders
 * both and compares the bytes.
 *
 * A physician with 100 credits a year has 100 rows a year and 500 over
 * five, and up to 85 code totals: as XSLT each row cost about 55,000
 * instructions (a compiled XPath evaluation for every cell, test and
 * label), as result nodes still 14,000 (made, written and freed).  The
 * markup is written here as html_out.c would write those nodes, and
 * handed over as one text node (render_pass.h pass_raw()).
 */
#include <string.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "buf.h"
#include "credit_int.h"
#include "html_out.h"
#include "render_pass.h"

enum { L_EVENT, L_ELEARNING, L_SELF, L_CERT, L_NOCODE, L__MAX };

static const char *const label_keys[L__MAX] = {
	"credit.source.event", "credit.source.elearning",
	"credit.source.self", "credit.certificate", "credit.no-code",
};

/* <td OPEN>…</td> around the escaped text of s and t (either NULL). */
static int
cell(struct buf *b, const char *open, const xmlChar *s, const xmlChar *t)
{
	return buf_puts(b, open) == 0 && html_out_text(b, s) == 0 &&
	    html_out_text(b, t) == 0 && buf_puts(b, "</td>") == 0 ? 0 : -1;
}

/* One <row>, as the fallback's <tr>; -1 when the row is not as kept. */
static int
row(struct buf *b, const xmlNode *r, const xmlChar *const *lab,
    struct buf *tmp)
{
	const xmlChar	*date, *fy, *code, *name, *units, *src, *up, *title,
			*ev, *l;
	int		 odd = 0, rc = -1;

	date = pass_attr(r, "date", &odd);
	fy = pass_attr(r, "fy", &odd);
	code = pass_attr(r, "code", &odd);
	name = pass_attr(r, "code-name", &odd);
	units = pass_attr(r, "units", &odd);
	src = pass_attr(r, "source", &odd);
	up = pass_attr(r, "upload", &odd);
	title = pass_attr(r, "title", &odd);
	ev = pass_attr(r, "event", &odd);
	if (odd)
		goto out;
	/* concat(@code, ' ', @code-name), else the no-code label. */
	tmp->len = 0;
	if (code != NULL && (buf_puts(tmp, (const char *)code) == -1 ||
	    buf_puts(tmp, " ") == -1 || (name != NULL &&
	    buf_puts(tmp, (const char *)name) == -1)))
		goto out;
	if (buf_puts(b, "<tr>") == -1 || cell(b, "<td>", date, NULL) == -1 ||
	    cell(b, "<td>", fy, NULL) == -1 || cell(b, "<td>", code != NULL ?
	    (const xmlChar *)tmp->data : lab[L_NOCODE], NULL) == -1 ||
	    cell(b, "<td class=\"num\">", units, NULL) == -1)
		goto out;
	l = xmlStrEqual(src, (const xmlChar *)"event") ? lab[L_EVENT] :
	    xmlStrEqual(src, (const xmlChar *)"elearning") ?
	    lab[L_ELEARNING] : lab[L_SELF];
	if (up == NULL) {
		if (cell(b, "<td>", l, NULL) == -1)
			goto out;
	} else if (buf_puts(b, "<td>") == -1 || html_out_text(b, l) == -1 ||
	    buf_puts(b, " <a href") == -1 || (tmp->len = 0,
	    buf_puts(tmp, "/upload/") == -1) ||
	    buf_puts(tmp, (const char *)up) == -1 ||
	    html_out_uri(b, (const xmlChar *)tmp->data) == -1 ||
	    buf_puts(b, ">") == -1 || html_out_text(b, lab[L_CERT]) == -1 ||
	    buf_puts(b, "</a></td>") == -1)
		goto out;
	/* @title, then concat(' [', @event, ']') when there is one. */
	tmp->len = 0;
	if (ev != NULL && (buf_puts(tmp, " [") == -1 ||
	    buf_puts(tmp, (const char *)ev) == -1 || buf_puts(tmp, "]") == -1))
		goto out;
	if (cell(b, "<td>", title, ev != NULL ? (const xmlChar *)tmp->data :
	    NULL) == -1 || buf_puts(b, "</tr>") == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

/* One <code-total>, its code as the template of mode credit-code. */
static int
total(struct buf *b, const xmlNode *t, const xmlChar *const *lab,
    struct buf *tmp)
{
	const xmlChar	*code, *cname, *name, *units, *count;
	int		 odd = 0, rc = -1;

	code = pass_attr(t, "code", &odd);
	cname = pass_attr(t, "code-name", &odd);
	name = pass_attr(t, "name", &odd);
	units = pass_attr(t, "units", &odd);
	count = pass_attr(t, "count", &odd);
	if (odd)
		goto out;
	/* @code, then concat(' ', @code-name, @name) when either is there. */
	tmp->len = 0;
	if (code != NULL && (buf_puts(tmp, (const char *)code) == -1 ||
	    ((cname != NULL || name != NULL) && (buf_puts(tmp, " ") == -1 ||
	    buf_puts(tmp, cname != NULL ? (const char *)cname : "") == -1 ||
	    buf_puts(tmp, name != NULL ? (const char *)name : "") == -1))))
		goto out;
	if (buf_puts(b, "<tr>") == 0 && cell(b, "<td>", code != NULL ?
	    (const xmlChar *)tmp->data : lab[L_NOCODE], NULL) == 0 &&
	    cell(b, "<td class=\"num\">", units, NULL) == 0 &&
	    cell(b, "<td class=\"num\">", count, NULL) == 0 &&
	    buf_puts(b, "</tr>") == 0)
		rc = 0;
out:
	return rc;
}

/*
 * The context's children named name, each through one into the output;
 * a child not as the ledger writes it (an attribute in an odd shape)
 * sends the whole list to the fallback.
 */
static void
each(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    const char *name, int (*one)(struct buf *, const xmlNode *,
    const xmlChar *const *, struct buf *))
{
	struct buf	 lab[L__MAX], b = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };
	const xmlChar	*l[L__MAX];
	xmlNodePtr	 c;
	int		 i, ok = 1;

	if (node == NULL || ctxt->insert == NULL)
		return;
	if (!render_cpass(ctxt)) {
		pass_fallback(ctxt, node, inst);
		return;
	}
	memset(lab, 0, sizeof(lab));
	for (i = 0; i < L__MAX; i++) {
		render_tf(ctxt, (const xmlChar *)label_keys[i], "", &lab[i]);
		l[i] = (const xmlChar *)(lab[i].data != NULL ? lab[i].data :
		    "");
	}
	for (c = node->children; c != NULL && ok; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)name))
			ok = one(&b, c, l, &tmp) == 0;
	if (ok)
		pass_raw(ctxt, ctxt->insert, b.data, b.len);
	else
		pass_fallback(ctxt, node, inst);
	for (i = 0; i < L__MAX; i++)
		buf_free(&lab[i]);
	buf_free(&b);
	buf_free(&tmp);
}

/* skc:credit-rows — for the context <rows>, a <tr> for each <row>. */
static void
ext_credit_rows(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	(void)ecomp;
	each(ctxt, node, inst, "row", row);
}

/* skc:credit-totals — for the context <credits>, each <code-total>. */
static void
ext_credit_totals(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	(void)ecomp;
	each(ctxt, node, inst, "code-total", total);
}

const struct render_pass credit_passes[] = {
	{ "credit-rows", ext_credit_rows },
	{ "credit-totals", ext_credit_totals },
	{ NULL, NULL },
};
