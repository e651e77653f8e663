/*
 * second_render.c — skc:second-slot, one row of 申請書・履歴書 (学歴・
 * 職歴, 20 rows) in one C pass (issue 11).  xslt/feature/certify/
 * second.xsl keeps its template second-slot as the element's
 * xsl:fallback; tests/golden renders both and compares the bytes.
 *
 * As XSLT a row cost about 125,000 instructions (the call, the name of
 * its text field worked out, a key lookup, two apply-templates, the
 * 「×」 button), half of 履歴書's render; here the row's own markup is
 * a few nodes and its two fields go through pass_field(), the generic
 * field's C pass or, for a field with an error, its template.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "buf.h"
#include "html_out.h"
#include "render_pass.h"

/* The name of a slot's text field from its date field's: <list>.<n>.text. */
static int
text_name(const xmlChar *name, char *out, size_t len)
{
	size_t	 n = name != NULL ? strlen((const char *)name) : 0, i;

	/* substring(@name, 1, string-length(@name) - 5): ASCII names only. */
	for (i = 0; i < n; i++)
		if (name[i] >= 0x80)
			return -1;
	if (n < 5 || n - 5 + sizeof(".text") > len)
		return -1;
	memcpy(out, name, n - 5);
	memcpy(out + n - 5, ".text", sizeof(".text"));
	return 0;
}

/*
 * The whole row as markup into b, when both its fields are plain (no
 * error to show): the row is then one node of the result, not twenty
 * (0).  -1: b holds nothing useful; the row is drawn as nodes.
 */
static int
slot_markup(xsltTransformContextPtr ctxt, xmlNodePtr date, xmlNodePtr text,
    const xmlChar *slot, const xmlChar *list, struct buf *b)
{
	struct buf	 msg = { NULL, 0, 0 }, v = { NULL, 0, 0 };
	char		 key[160];
	int		 rc = -1;

	if (slot == NULL)
		slot = (const xmlChar *)"";
	if (list == NULL)
		list = (const xmlChar *)"";
	snprintf(key, sizeof(key), "second.resume.drop.%s",
	    (const char *)list);
	render_tf(ctxt, (const xmlChar *)key, (const char *)slot, &msg);
	if (buf_append(&msg, "", 0) == -1 ||
	    buf_puts(&v, (const char *)list) == -1 || buf_puts(&v, ".") == -1 ||
	    buf_puts(&v, (const char *)slot) == -1 ||
	    buf_puts(b, "<div class=\"second-slot\" data-slot") == -1 ||
	    html_out_value(b, slot) == -1 || buf_puts(b, ">") == -1 ||
	    pass_field_markup(ctxt, date, b) != 0 ||
	    (text != NULL && pass_field_markup(ctxt, text, b) != 0) ||
	    buf_puts(b, "<button type=\"submit\" name=\"drop\" value") ==
	    -1 || html_out_value(b, (const xmlChar *)v.data) == -1 ||
	    buf_puts(b, " class=\"btn btn-secondary second-slot-drop\">"
	    "<span aria-hidden=\"true\">×</span>"
	    "<span class=\"visually-hidden\">") == -1 ||
	    html_out_text(b, (const xmlChar *)msg.data) == -1 ||
	    buf_puts(b, "</span></button></div>") == -1)
		goto out;
	rc = 0;
out:
	buf_free(&msg);
	buf_free(&v);
	return rc;
}

/*
 * skc:second-slot — for the context date field: <div
 * class="second-slot" data-slot="@slot">, the field, its text field
 * (the form's field named <list>.<n>.text), then the row's 「×」.
 */
static void
ext_second_slot(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	struct buf	 b = { NULL, 0, 0 };
	const xmlChar	*slot, *list;
	xmlNodePtr	 div, c, tf, btn, span;
	char		 text[160], key[160];
	int		 odd = 0;

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	slot = pass_attr(node, "slot", &odd);
	list = pass_attr(node, "list", &odd);
	if (!render_cpass(ctxt) || odd || node->parent == NULL ||
	    text_name(pass_attr(node, "name", &odd), text, sizeof(text)) ==
	    -1 || odd) {
		pass_fallback(ctxt, node, inst);
		return;
	}
	for (c = node->parent->children, tf = NULL; c != NULL && tf == NULL;
	    c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)"field") &&
		    xmlStrEqual(pass_attr(c, "name", &odd),
		    (const xmlChar *)text))
			tf = c;
	if (slot_markup(ctxt, node, tf, slot, list, &b) == 0) {
		pass_raw(ctxt, ctxt->insert, b.data, b.len);
		buf_free(&b);
		return;
	}
	b.len = 0;
	if ((div = pass_el(ctxt, ctxt->insert, "div")) == NULL)
		return;
	pass_prop(div, "class", (const xmlChar *)"second-slot");
	pass_prop(div, "data-slot", slot != NULL ? slot :
	    (const xmlChar *)"");
	pass_field(ctxt, div, node);
	if (tf != NULL)
		pass_field(ctxt, div, tf);
	/* 「×」 at the row's right (seed 002). */
	btn = pass_el(ctxt, div, "button");
	pass_prop(btn, "type", (const xmlChar *)"submit");
	pass_prop(btn, "name", (const xmlChar *)"drop");
	buf_puts(&b, list != NULL ? (const char *)list : "");
	buf_puts(&b, ".");
	buf_puts(&b, slot != NULL ? (const char *)slot : "");
	pass_prop(btn, "value", (const xmlChar *)b.data);
	pass_prop(btn, "class",
	    (const xmlChar *)"btn btn-secondary second-slot-drop");
	span = pass_el(ctxt, btn, "span");
	pass_prop(span, "aria-hidden", (const xmlChar *)"true");
	pass_text(ctxt, span, "×", strlen("×"));
	span = pass_el(ctxt, btn, "span");
	pass_prop(span, "class", (const xmlChar *)"visually-hidden");
	snprintf(key, sizeof(key), "second.resume.drop.%s", list != NULL ?
	    (const char *)list : "");
	pass_msg(ctxt, span, (const xmlChar *)key, slot != NULL ? slot :
	    (const xmlChar *)"", &b);
	buf_free(&b);
}

const struct render_pass second_passes[] = {
	{ "second-slot", ext_second_slot },
	{ NULL, NULL },
};
