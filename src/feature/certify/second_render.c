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
 * The text field of date's row: the first field among date's siblings
 * named <list>.<n>.text, into *tf (NULL when there is none).  -1 when
 * date's name is not one text_name() reads.
 */
static int
row_text(const xmlNode *date, xmlNodePtr *tf, int *odd)
{
	xmlNodePtr	 c;
	char		 text[160];

	*tf = NULL;
	if (date->parent == NULL || text_name(pass_attr(date, "name", odd),
	    text, sizeof(text)) == -1)
		return -1;
	for (c = date->parent->children; c != NULL && *tf == NULL;
	    c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)"field") &&
		    xmlStrEqual(pass_attr(c, "name", odd),
		    (const xmlChar *)text))
			*tf = c;
	return 0;
}

/* The message key as escaped text into b (m is scratch). */
static int
msg_text(xsltTransformContextPtr ctxt, struct buf *b, const char *key,
    struct buf *m)
{
	return pass_msg_markup(ctxt, b, (const xmlChar *)key, NULL, m, 0);
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
	if (buf_puts(&v, (const char *)list) == -1 || buf_puts(&v, ".") == -1 ||
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
	    pass_msg_markup(ctxt, b, (const xmlChar *)key, slot, &msg, 0) ==
	    -1 || buf_puts(b, "</span></button></div>") == -1)
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
	xmlNodePtr	 div, tf, btn, span;
	char		 key[160];
	int		 odd = 0;

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	slot = pass_attr(node, "slot", &odd);
	list = pass_attr(node, "list", &odd);
	if (!render_cpass(ctxt) || odd || row_text(node, &tf, &odd) == -1 ||
	    odd) {
		pass_fallback(ctxt, node, inst);
		return;
	}
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

/* Does s end with suf (XPath's substring(s, string-length(s) - 4))? */
static int
ends_with(const xmlChar *s, const char *suf)
{
	size_t	 n = s != NULL ? strlen((const char *)s) : 0, k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* A <field> child of form in no namespace, with its list as asked. */
static int
list_field(const xmlNode *c, const xmlChar *list, int *odd)
{
	return c->type == XML_ELEMENT_NODE && c->ns == NULL &&
	    xmlStrEqual(c->name, (const xmlChar *)"field") &&
	    xmlStrEqual(pass_attr(c, "list", odd), list);
}

/* The slots of list whose @more is there (more) or not, as markup. */
static int
slots_of(xsltTransformContextPtr ctxt, xmlNodePtr form, const xmlChar *list,
    int more, struct buf *b)
{
	xmlNodePtr	 c, tf;
	int		 odd = 0, rc = 0;

	for (c = form->children; c != NULL && rc == 0; c = c->next) {
		if (!list_field(c, list, &odd) ||
		    (pass_attr(c, "more", &odd) != NULL) != more ||
		    !ends_with(pass_attr(c, "name", &odd), ".date"))
			continue;
		if (row_text(c, &tf, &odd) == -1) {
			rc = -1;
			break;
		}
		rc = slot_markup(ctxt, c, tf, pass_attr(c, "slot", &odd),
		    list, b);
	}
	return odd ? -1 : rc;
}

/*
 * A whole list of 履歴書 (the template second-slots) as markup into b:
 * its legend and hint, the rows shown, then the rest behind 行を追加する.
 * -1 when a row must be drawn otherwise (a field with an error).
 */
static int
slots_markup(xsltTransformContextPtr ctxt, xmlNodePtr form,
    const xmlChar *list, struct buf *b)
{
	struct buf	 m = { NULL, 0, 0 }, id = { NULL, 0, 0 };
	xmlNodePtr	 c;
	char		 key[160];
	int		 odd = 0, more = 0, rc = -1;

	for (c = form->children; c != NULL && !more; c = c->next)
		more = list_field(c, list, &odd) &&
		    pass_attr(c, "more", &odd) != NULL;
	snprintf(key, sizeof(key), "second.group.%s", (const char *)list);
	if (odd || buf_puts(&id, "list-") == -1 ||
	    buf_puts(&id, (const char *)list) == -1 ||
	    buf_puts(b, "<fieldset class=\"form-group second-slots\" id") ==
	    -1 || html_out_value(b, (const xmlChar *)id.data) == -1 ||
	    buf_puts(b, "><legend class=\"form-group-legend\">") == -1 ||
	    msg_text(ctxt, b, key, &m) == -1 ||
	    (xmlStrEqual(list, (const xmlChar *)"edu") &&
	    (buf_puts(b, " <span class=\"badge\">") == -1 ||
	    msg_text(ctxt, b, "second.resume.first-required", &m) == -1 ||
	    buf_puts(b, "</span>") == -1)) ||
	    buf_puts(b, "</legend><p class=\"hint\">") == -1 ||
	    msg_text(ctxt, b, "second.resume.hint", &m) == -1 ||
	    buf_puts(b, "</p>") == -1 || slots_of(ctxt, form, list, 0, b) == -1)
		goto out;
	if (more && (buf_puts(b, "<details class=\"second-more\">"
	    "<summary class=\"btn btn-secondary\">") == -1 ||
	    msg_text(ctxt, b, "second.resume.more", &m) == -1 ||
	    buf_puts(b, "</summary>") == -1 ||
	    slots_of(ctxt, form, list, 1, b) == -1 ||
	    buf_puts(b, "</details>") == -1))
		goto out;
	if (buf_puts(b, "</fieldset>") == 0)
		rc = 0;
out:
	buf_free(&m);
	buf_free(&id);
	return rc;
}

/*
 * skc:second-slots list="edu|car" — for the context page, its one
 * <form>'s list as the template second-slots draws it (the list's
 * fields found by a key, then for-each with predicates: 0.9 M
 * instructions of 履歴書's 3.1 M besides the rows).  Anything else, or
 * a row with an error, runs the fallback, which calls the template.
 */
static void
ext_second_slots(xsltTransformContextPtr ctxt, xmlNodePtr node,
    xmlNodePtr inst, xsltElemPreCompPtr ecomp)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlNodePtr	 c, form = NULL;
	const xmlChar	*list;
	int		 n = 0, odd = 0;

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    xmlStrEqual(c->name, (const xmlChar *)"form")) {
			form = c;
			n++;
		}
	list = pass_attr(inst, "list", &odd);
	if (render_cpass(ctxt) && n == 1 && !odd && list != NULL &&
	    slots_markup(ctxt, form, list, &b) == 0)
		pass_raw(ctxt, ctxt->insert, b.data, b.len);
	else
		pass_fallback(ctxt, node, inst);
	buf_free(&b);
}

const struct render_pass second_passes[] = {
	{ "second-slot", ext_second_slot },
	{ "second-slots", ext_second_slots },
	{ NULL, NULL },
};
