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

/* XPath's concat() of the pieces (NULL ones are ""), in tmp; NULL: no memory. */
static const xmlChar *
concat(struct buf *tmp, const xmlChar *p0, const xmlChar *p1,
    const xmlChar *p2, const xmlChar *p3)
{
	const xmlChar	*p[4] = { p0, p1, p2, p3 };
	size_t		 i;

	tmp->len = 0;
	for (i = 0; i < 4; i++)
		if (buf_puts(tmp, p[i] != NULL ? (const char *)p[i] : "") == -1)
			return NULL;
	return (const xmlChar *)tmp->data;
}

/* The attributes names (NULL-ended) of n into v; -1 when one is odd. */
static int
attrs(const xmlNode *n, const char *const *names, const xmlChar **v)
{
	int	 odd = 0;

	for (; *names != NULL; names++)
		*v++ = pass_attr(n, *names, &odd);
	return odd ? -1 : 0;
}

#define SP	((const xmlChar *)" ")

enum { R_DATE, R_FY, R_CODE, R_NAME, R_UNITS, R_SRC, R_UP, R_TITLE, R_EV,
    R__MAX };
static const char *const row_attrs[R__MAX + 1] = { "date", "fy", "code",
    "code-name", "units", "source", "upload", "title", "event", NULL };

/* One <row>, as the fallback's <tr>; -1 when the row is not as kept. */
static int
row(struct buf *b, const xmlNode *r, const xmlChar *const *lab,
    struct buf *tmp)
{
	const xmlChar	*v[R__MAX], *code, *l;
	int		 rc = -1;

	if (attrs(r, row_attrs, v) == -1)
		goto out;
	/* concat(@code, ' ', @code-name), else the no-code label. */
	code = v[R_CODE] == NULL ? lab[L_NOCODE] :
	    concat(tmp, v[R_CODE], SP, v[R_NAME], NULL);
	if (code == NULL || buf_puts(b, "<tr>") == -1 ||
	    cell(b, "<td>", v[R_DATE], NULL) == -1 ||
	    cell(b, "<td>", v[R_FY], NULL) == -1 ||
	    cell(b, "<td>", code, NULL) == -1 ||
	    cell(b, "<td class=\"num\">", v[R_UNITS], NULL) == -1)
		goto out;
	l = xmlStrEqual(v[R_SRC], (const xmlChar *)"event") ? lab[L_EVENT] :
	    xmlStrEqual(v[R_SRC], (const xmlChar *)"elearning") ?
	    lab[L_ELEARNING] : lab[L_SELF];
	if (v[R_UP] == NULL) {
		if (cell(b, "<td>", l, NULL) == -1)
			goto out;
	} else {
		/* The label, then <a href="/upload/{@upload}">証明書</a>. */
		if (buf_puts(b, "<td>") == -1 || html_out_text(b, l) == -1 ||
		    buf_puts(b, " <a href") == -1 ||
		    html_out_uri(b, concat(tmp, (const xmlChar *)"/upload/",
		    v[R_UP], NULL, NULL)) == -1 || buf_puts(b, ">") == -1 ||
		    html_out_text(b, lab[L_CERT]) == -1 ||
		    buf_puts(b, "</a></td>") == -1)
			goto out;
	}
	/* @title, then concat(' [', @event, ']') when there is one. */
	if (cell(b, "<td>", v[R_TITLE], v[R_EV] == NULL ? NULL :
	    concat(tmp, (const xmlChar *)" [", v[R_EV],
	    (const xmlChar *)"]", NULL)) == -1 || buf_puts(b, "</tr>") == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

enum { T_CODE, T_CNAME, T_NAME, T_UNITS, T_COUNT, T__MAX };
static const char *const total_attrs[T__MAX + 1] = { "code", "code-name",
    "name", "units", "count", NULL };

/* One <code-total>, its code as the template of mode credit-code. */
static int
total(struct buf *b, const xmlNode *t, const xmlChar *const *lab,
    struct buf *tmp)
{
	const xmlChar	*v[T__MAX], *code;
	int		 rc = -1;

	if (attrs(t, total_attrs, v) == -1)
		goto out;
	/* @code, then concat(' ', @code-name, @name) when either is there. */
	code = v[T_CODE] == NULL ? lab[L_NOCODE] :
	    v[T_CNAME] == NULL && v[T_NAME] == NULL ? v[T_CODE] :
	    concat(tmp, v[T_CODE], SP, v[T_CNAME], v[T_NAME]);
	if (code != NULL && buf_puts(b, "<tr>") == 0 &&
	    cell(b, "<td>", code, NULL) == 0 &&
	    cell(b, "<td class=\"num\">", v[T_UNITS], NULL) == 0 &&
	    cell(b, "<td class=\"num\">", v[T_COUNT], NULL) == 0 &&
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
