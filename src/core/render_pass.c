/*
 * render_pass.c — C passes (issue 10): the generic field and a select's
 * options of xslt/core/components.xsl, the helpers a feature's own
 * passes are written with, and their registration.  Under libxslt every
 * instruction that evaluates an expression costs a compiled XPath
 * evaluation, about 2,400 instructions: a form field drawn by its
 * template cost 70,000, an option five XSLT instructions, and 履歴書's
 * 41 fields were 3 M of an 8 M render.
 *
 * Each pass is an extension element whose xsl:fallback is the XSLT it
 * stands for.  It writes the same result nodes in the same order, or
 * runs the fallback for anything it does not draw itself (errors,
 * hints, checkbox and radio groups, files): the rare paths stay in one
 * place, in XSLT.  render_cpass() off (tests/golden) runs every
 * fallback, and golden fails a case whose two renders differ by a byte.
 */
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>

#include "feature.h"
#include "html_out.h"
#include "render.h"
#include "render_pass.h"

static render_tf_fn	 tf_fn;
static render_cpass_fn	 cpass_fn;

void
render_tf(xsltTransformContextPtr ctxt, const xmlChar *key, const char *arg,
    struct buf *b)
{
	if (tf_fn != NULL)
		tf_fn(ctxt, key, arg, b);
	else
		buf_puts(b, key != NULL ? (const char *)key : "");
}

int
render_cpass(xsltTransformContextPtr ctxt)
{
	return cpass_fn == NULL || cpass_fn(ctxt);
}

/* An element child of n named name, in no namespace. */
static int
is_child(const xmlNode *c, const char *name)
{
	return c->type == XML_ELEMENT_NODE && c->ns == NULL &&
	    xmlStrEqual(c->name, (const xmlChar *)name);
}

/*
 * The value of n's attribute name (no namespace) where the tree holds
 * it as one text node, as models built by C and parsed models do;
 * NULL when absent.  *odd is set for any other shape (the pass then
 * declines).
 */
const xmlChar *
pass_attr(const xmlNode *n, const char *name, int *odd)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || !xmlStrEqual(a->name,
		    (const xmlChar *)name))
			continue;
		if (a->children == NULL)
			return (const xmlChar *)"";
		if (a->children->type != XML_TEXT_NODE ||
		    a->children->next != NULL) {
			*odd = 1;
			return NULL;
		}
		return a->children->content;
	}
	return NULL;
}

/* The inst's xsl:fallback children, run for node as libxslt would. */
void
pass_fallback(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst)
{
	xmlNodePtr	 c;

	for (c = inst->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns != NULL &&
		    xmlStrEqual(c->ns->href, XSLT_NAMESPACE) &&
		    xmlStrEqual(c->name, (const xmlChar *)"fallback"))
			xsltApplyOneTemplate(ctxt, node, c->children, NULL,
			    NULL);
}

xmlNodePtr
pass_el(xsltTransformContextPtr ctxt, xmlNodePtr parent, const char *name)
{
	xmlNodePtr	 n;

	if ((n = xmlNewDocNode(ctxt->output, NULL, (const xmlChar *)name,
	    NULL)) != NULL)
		xmlAddChild(parent, n);
	return n;
}

/*
 * An attribute appended to n, as xmlNewProp() makes it but without its
 * ID bookkeeping (xmlIsID(), then a hash entry for every id= of an HTML
 * document: half its cost), which nothing reads in a result document.
 * The passes write each attribute once, so no check for an existing one.
 */
void
pass_prop(xmlNodePtr n, const char *name, const xmlChar *v)
{
	xmlAttrPtr	 a, p;
	xmlNodePtr	 t;

	if (n == NULL || (a = xmlNewDocProp(n->doc, (const xmlChar *)name,
	    NULL)) == NULL)
		return;
	if (v != NULL) {
		if ((t = xmlNewDocText(n->doc, v)) == NULL) {
			xmlFreeProp(a);
			return;
		}
		a->children = a->last = t;
		t->parent = (xmlNodePtr)a;
	}
	a->parent = n;
	if ((p = n->properties) == NULL)
		n->properties = a;
	else {
		while (p->next != NULL)
			p = p->next;
		p->next = a;
		a->prev = p;
	}
}

/* A text child, unless empty (xsl:value-of writes none for ""). */
void
pass_text(xsltTransformContextPtr ctxt, xmlNodePtr n, const char *s, size_t len)
{
	if (n != NULL && len > 0)
		xmlAddChild(n, xmlNewDocTextLen(ctxt->output,
		    (const xmlChar *)s, (int)len));
}

/*
 * Markup the pass wrote itself, as one text node that both serialisers
 * write as it is (what libxslt makes of disable-output-escaping).
 */
void
pass_raw(xsltTransformContextPtr ctxt, xmlNodePtr n, const char *s, size_t len)
{
	xmlNodePtr	 t;

	if (n == NULL || len == 0 || (t = xmlNewDocTextLen(ctxt->output,
	    (const xmlChar *)s, (int)len)) == NULL)
		return;
	t->name = xmlStringTextNoenc;
	xmlAddChild(n, t);
}

/* The message key (arg for "{0}") as a text child of n. */
void
pass_msg(xsltTransformContextPtr ctxt, xmlNodePtr n, const xmlChar *key,
    const xmlChar *arg, struct buf *b)
{
	b->len = 0;
	render_tf(ctxt, key != NULL ? key : (const xmlChar *)"",
	    arg != NULL ? (const char *)arg : "", b);
	pass_text(ctxt, n, b->data, b->len);
}

/* The field's <value>s, at most max, into v: how many (XPath's value). */
static size_t
field_values(const xmlNode *field, xmlChar **v, size_t max)
{
	const xmlNode	*c;
	size_t		 n = 0;

	for (c = field->children; c != NULL && n < max; c = c->next)
		if (is_child(c, "value") && (v[n] = xmlNodeGetContent(c)) !=
		    NULL)
			n++;
	return n;
}

/*
 * The <option>s of field into parent: components.xsl's for-each, as
 * markup (pass_raw(): a list of 375 made 1,500 nodes).  -1 and nothing
 * written when an option is not as the model writes them.
 */
static int
options(xsltTransformContextPtr ctxt, xmlNodePtr field, xmlNodePtr parent,
    struct buf *b)
{
	struct buf	 out = { NULL, 0, 0 };
	xmlNodePtr	 c;
	const xmlChar	*val, *key;
	xmlChar		*vals[16], *txt;
	size_t		 nvals, i;
	int		 on, odd = 0, rc = 0;

	/* A select has one value; a multiple one, a few. */
	nvals = field_values(field, vals, sizeof(vals) / sizeof(vals[0]));
	for (c = field->children; c != NULL && rc == 0; c = c->next) {
		if (!is_child(c, "option"))
			continue;
		val = pass_attr(c, "value", &odd);
		key = pass_attr(c, "key", &odd);
		for (i = 0, on = 0; i < nvals && val != NULL && !on; i++)
			on = xmlStrEqual(vals[i], val);
		on = on || xmlStrEqual(pass_attr(c, "selected", &odd),
		    (const xmlChar *)"1");
		if (odd || buf_puts(&out, "<option value") == -1 ||
		    html_out_value(&out, val != NULL ? val :
		    (const xmlChar *)"") == -1 || (on && buf_puts(&out,
		    " selected") == -1) || buf_puts(&out, ">") == -1) {
			rc = -1;
			break;
		}
		if (key != NULL) {
			b->len = 0;
			render_tf(ctxt, key, "", b);
			if (buf_append(b, "", 0) == -1 || html_out_text(&out,
			    (const xmlChar *)b->data) == -1)
				rc = -1;
		} else if ((txt = xmlNodeGetContent(c)) != NULL) {
			rc = html_out_text(&out, txt);
			xmlFree(txt);
		}
		if (rc == 0)
			rc = buf_puts(&out, "</option>");
	}
	if (rc == 0)
		pass_raw(ctxt, parent, out.data, out.len);
	for (i = 0; i < nvals; i++)
		xmlFree(vals[i]);
	buf_free(&out);
	return rc;
}

/*
 * skc:options — a select's <option>s for the context <field>: value
 * "@value", selected when a <value> of the field reads @value or
 * @selected is '1', then the message @key, else the option's text.
 * The 申請先 list of 238 associations cost 0.4 ms of XSLT a request.
 */
static void
ext_options(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr ecomp)
{
	struct buf	 b = { NULL, 0, 0 };

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	if (!render_cpass(ctxt) || options(ctxt, node, ctxt->insert, &b) ==
	    -1)
		pass_fallback(ctxt, node, inst);
	buf_free(&b);
}

/* What a field's template reads of it, once. */
struct field {
	const xmlChar	*name, *type, *key, *max;
	char		 id[160];
	int		 required;
};

/*
 * Does field (or the page's error list) hold an error for it?  The
 * template's $errs: its own <error>s, else /page/errors/error[@field =
 * current()/@name].
 */
static int
has_errors(const xmlNode *field, const xmlChar *name)
{
	const xmlNode	*c, *e, *root;
	int		 odd = 0;

	for (c = field->children; c != NULL; c = c->next)
		if (is_child(c, "error"))
			return 1;
	if ((root = xmlDocGetRootElement(field->doc)) == NULL ||
	    !is_child(root, "page"))
		return 0;
	for (c = root->children; c != NULL; c = c->next) {
		if (!is_child(c, "errors"))
			continue;
		for (e = c->children; e != NULL; e = e->next)
			if (is_child(e, "error") &&
			    xmlStrEqual(pass_attr(e, "field", &odd), name))
				return 1;
	}
	return odd;
}

/* The controls the template draws (its $known); anything else is text. */
static const char *
field_type(const xmlChar *t)
{
	static const char *const known[] = { "email", "password", "date",
	    "datetime-local", "tel", "number", "textarea", "select",
	    "checkbox", "radio", "file" };
	size_t	 i;

	for (i = 0; t != NULL && i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp((const char *)t, known[i]) == 0)
			return known[i];
	return "text";
}

/* <label for="f-…" class="field-label">label 必須</label> */
static void
label(xsltTransformContextPtr ctxt, xmlNodePtr div, const struct field *f,
    struct buf *b)
{
	xmlNodePtr	 l, s;

	if ((l = pass_el(ctxt, div, "label")) == NULL)
		return;
	pass_prop(l, "for", (const xmlChar *)f->id);
	pass_prop(l, "class", (const xmlChar *)"field-label");
	pass_msg(ctxt, l, f->key, NULL, b);
	if (f->required) {
		pass_text(ctxt, l, " ", 1);
		s = pass_el(ctxt, l, "span");
		pass_prop(s, "class", (const xmlChar *)"req");
		pass_msg(ctxt, s, (const xmlChar *)"form.required", NULL, b);
	}
}

/* aria-required, then @autocomplete and @inputmode as copied. */
static void
control_rest(xmlNodePtr c, const xmlNode *field, const struct field *f,
    int *odd)
{
	const xmlChar	*v;

	if (f->required)
		pass_prop(c, "aria-required", (const xmlChar *)"true");
	if ((v = pass_attr(field, "autocomplete", odd)) != NULL)
		pass_prop(c, "autocomplete", v);
	if ((v = pass_attr(field, "inputmode", odd)) != NULL)
		pass_prop(c, "inputmode", v);
}

/* A single <input>: text, email, password, date, tel, number. */
static void
field_input(xsltTransformContextPtr ctxt, xmlNodePtr div, xmlNodePtr field,
    const struct field *f, int *odd)
{
	const xmlNode	*c;
	const xmlChar	*v;
	xmlNodePtr	 in;
	xmlChar		*val;

	if ((in = pass_el(ctxt, div, "input")) == NULL)
		return;
	pass_prop(in, "type", f->type);
	pass_prop(in, "id", (const xmlChar *)f->id);
	pass_prop(in, "name", f->name);
	control_rest(in, field, f, odd);
	if (strcmp((const char *)f->type, "number") == 0) {
		if ((v = pass_attr(field, "min-value", odd)) != NULL)
			pass_prop(in, "min", v);
		if ((v = pass_attr(field, "max-value", odd)) != NULL)
			pass_prop(in, "max", v);
	} else if (f->max != NULL && strcmp((const char *)f->type, "date") &&
	    strcmp((const char *)f->type, "datetime-local"))
		pass_prop(in, "maxlength", f->max);
	/* Never echo a password back into the page. */
	if (strcmp((const char *)f->type, "password") == 0)
		return;
	for (c = field->children; c != NULL; c = c->next)
		if (is_child(c, "value")) {
			val = xmlNodeGetContent(c);
			pass_prop(in, "value", val != NULL ? val :
			    (const xmlChar *)"");
			xmlFree(val);
			break;
		}
}

/* A textarea, with its length limit said up front. */
static void
field_textarea(xsltTransformContextPtr ctxt, xmlNodePtr div,
    xmlNodePtr field, const struct field *f, struct buf *b, int *odd)
{
	const xmlNode	*c;
	const xmlChar	*rows;
	xmlNodePtr	 p, ta;
	xmlChar		*val;
	char		 id[sizeof(f->id) + 8];
	size_t		 n;

	/* number(@rows) > 0 as written by XPath: plain digits only here. */
	rows = pass_attr(field, "rows", odd);
	n = rows != NULL ? strspn((const char *)rows, "0123456789") : 0;
	if (rows != NULL && (rows[0] == '0' || n == 0 || n > 6 ||
	    rows[n] != '\0')) {
		*odd = 1;
		return;
	}
	snprintf(id, sizeof(id), "%s-max", f->id);
	if (f->max != NULL) {
		p = pass_el(ctxt, div, "p");
		pass_prop(p, "class", (const xmlChar *)"field-hint field-max");
		pass_prop(p, "id", (const xmlChar *)id);
		pass_msg(ctxt, p, (const xmlChar *)"form.max-chars", f->max, b);
	}
	if ((ta = pass_el(ctxt, div, "textarea")) == NULL)
		return;
	pass_prop(ta, "id", (const xmlChar *)f->id);
	pass_prop(ta, "name", f->name);
	control_rest(ta, field, f, odd);
	if (f->max != NULL)
		pass_prop(ta, "aria-describedby", (const xmlChar *)id);
	pass_prop(ta, "rows", rows != NULL ? rows : (const xmlChar *)"6");
	if (f->max != NULL)
		pass_prop(ta, "maxlength", f->max);
	/* HTML drops one newline right after <textarea>: give it one. */
	pass_text(ctxt, ta, "\n", 1);
	for (c = field->children; c != NULL; c = c->next)
		if (is_child(c, "value")) {
			if ((val = xmlNodeGetContent(c)) != NULL)
				pass_text(ctxt, ta, (const char *)val,
				    strlen((const char *)val));
			xmlFree(val);
			break;
		}
}

/* A select, "please select" first unless the model has an empty choice. */
static void
field_select(xsltTransformContextPtr ctxt, xmlNodePtr div, xmlNodePtr field,
    const struct field *f, struct buf *b, int *odd)
{
	const xmlNode	*c;
	const xmlChar	*v;
	xmlNodePtr	 s, o;
	int		 empty = 0;

	if ((s = pass_el(ctxt, div, "select")) == NULL)
		return;
	pass_prop(s, "id", (const xmlChar *)f->id);
	pass_prop(s, "name", f->name);
	control_rest(s, field, f, odd);
	for (c = field->children; c != NULL && !empty; c = c->next)
		empty = is_child(c, "option") && (v = pass_attr(c, "value",
		    odd)) != NULL && *v == '\0';
	if (!empty) {
		o = pass_el(ctxt, s, "option");
		pass_prop(o, "value", (const xmlChar *)"");
		pass_msg(ctxt, o, (const xmlChar *)"form.choose", NULL, b);
	}
	if (options(ctxt, field, s, b) == -1)
		*odd = 1;
}

/*
 * components.xsl's field template for a field with no error, hint or
 * retype note: a single input, a textarea or a select, in its <div
 * class="field field-TYPE">, into parent.  1 when it is not such a
 * field (checkbox and radio groups, files, every field that shows a
 * message): nothing is written, the template draws it.
 */
static int
field_draw(xsltTransformContextPtr ctxt, xmlNodePtr parent, xmlNodePtr node)
{
	struct buf	 b = { NULL, 0, 0 };
	struct field	 f;
	xmlNodePtr	 div = NULL, last;
	char		 cls[64];
	int		 odd = 0, rc = 1;

	memset(&f, 0, sizeof(f));
	f.name = pass_attr(node, "name", &odd);
	f.type = (const xmlChar *)field_type(pass_attr(node, "type", &odd));
	f.key = pass_attr(node, "key", &odd);
	f.max = pass_attr(node, "max", &odd);
	f.required = xmlStrEqual(pass_attr(node, "required", &odd),
	    (const xmlChar *)"1");
	if (odd || f.name == NULL || xmlStrlen(f.name) > 100 ||
	    strpbrk((const char *)f.name, " \t\r\n") != NULL ||
	    pass_attr(node, "hint-key", &odd) != NULL ||
	    pass_attr(node, "retype", &odd) != NULL ||
	    !strcmp((const char *)f.type, "checkbox") ||
	    !strcmp((const char *)f.type, "radio") ||
	    !strcmp((const char *)f.type, "file") ||
	    has_errors(node, f.name))
		goto out;
	snprintf(f.id, sizeof(f.id), "f-%s", (const char *)f.name);
	snprintf(cls, sizeof(cls), "field field-%s", (const char *)f.type);
	last = parent->last;
	if ((div = pass_el(ctxt, parent, "div")) == NULL)
		goto out;
	pass_prop(div, "class", (const xmlChar *)cls);
	label(ctxt, div, &f, &b);
	if (!strcmp((const char *)f.type, "textarea"))
		field_textarea(ctxt, div, node, &f, &b, &odd);
	else if (!strcmp((const char *)f.type, "select"))
		field_select(ctxt, div, node, &f, &b, &odd);
	else
		field_input(ctxt, div, node, &f, &odd);
	if (!odd)
		rc = 0;
	else if (div->prev == last) {
		/* Something the pass does not draw after all: take it back. */
		xmlUnlinkNode(div);
		xmlFreeNode(div);
	}
out:
	buf_free(&b);
	return rc;
}

void
pass_apply(xsltTransformContextPtr ctxt, xmlNodePtr parent, xmlNodePtr node)
{
	xmlNodePtr	 insert = ctxt->insert;
	const xmlChar	*mode = ctxt->mode, *uri = ctxt->modeURI;

	ctxt->insert = parent;
	ctxt->mode = NULL;
	ctxt->modeURI = NULL;
	xsltProcessOneNode(ctxt, node, NULL);
	ctxt->insert = insert;
	ctxt->mode = mode;
	ctxt->modeURI = uri;
}

void
pass_field(xsltTransformContextPtr ctxt, xmlNodePtr parent, xmlNodePtr field)
{
	if (parent != NULL && field != NULL && (!render_cpass(ctxt) ||
	    field_draw(ctxt, parent, field) != 0))
		pass_apply(ctxt, parent, field);
}

/* skc:field — the field template's body (field_draw()), else its XSLT. */
static void
ext_field(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr ecomp)
{
	(void)ecomp;
	if (node != NULL && ctxt->insert != NULL && (!render_cpass(ctxt) ||
	    field_draw(ctxt, ctxt->insert, node) != 0))
		pass_fallback(ctxt, node, inst);
}

static const struct render_pass core_passes[] = {
	{ "options", ext_options },
	{ "field", ext_field },
	{ NULL, NULL },
};

void
render_pass_register(render_tf_fn tf, render_cpass_fn cpass)
{
	const struct render_pass	*p;
	size_t				 i;

	tf_fn = tf;
	cpass_fn = cpass;
	for (p = core_passes; p->name != NULL; p++)
		xsltRegisterExtModuleElement((const xmlChar *)p->name,
		    (const xmlChar *)RENDER_NS, NULL, p->fn);
	for (i = 0; features[i] != NULL; i++)
		for (p = features[i]->passes; p != NULL && p->name != NULL;
		    p++)
			xsltRegisterExtModuleElement((const xmlChar *)p->name,
			    (const xmlChar *)RENDER_NS, NULL, p->fn);
}
