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
#include <stdio.h>
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

/* " name" and its value, as html_out.c writes an attribute. */
static int
m_attr(struct buf *o, const char *name, const xmlChar *v)
{
	return buf_puts(o, " ") == 0 && buf_puts(o, name) == 0 &&
	    html_out_value(o, v) == 0 ? 0 : -1;
}

int
pass_msg_markup(xsltTransformContextPtr ctxt, struct buf *o,
    const xmlChar *key, const xmlChar *arg, struct buf *b, int value)
{
	b->len = 0;
	render_tf(ctxt, key != NULL ? key : (const xmlChar *)"",
	    arg != NULL ? (const char *)arg : "", b);
	if (buf_append(b, "", 0) == -1)
		return -1;
	return (value ? html_out_value(o, (const xmlChar *)b->data) :
	    html_out_text(o, (const xmlChar *)b->data)) == 0 ? 0 : -1;
}

/* The message key (arg for "{0}") as text; b is scratch. */
static int
m_msg(xsltTransformContextPtr ctxt, struct buf *o, const xmlChar *key,
    const xmlChar *arg, struct buf *b)
{
	return pass_msg_markup(ctxt, o, key, arg, b, 0);
}

/*
 * The <option>s of field as markup into o: components.xsl's for-each.
 * -1 when an option is not as the model writes them.
 */
static int
options(xsltTransformContextPtr ctxt, xmlNodePtr field, struct buf *o,
    struct buf *b)
{
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
		if (odd || buf_puts(o, "<option value") == -1 ||
		    html_out_value(o, val != NULL ? val :
		    (const xmlChar *)"") == -1 || (on && buf_puts(o,
		    " selected") == -1) || buf_puts(o, ">") == -1) {
			rc = -1;
			break;
		}
		if (key != NULL)
			rc = m_msg(ctxt, o, key, NULL, b);
		else if (c->children != NULL && c->children->next == NULL &&
		    c->children->type == XML_TEXT_NODE)
			/* One text node, as the model writes it: in place. */
			rc = html_out_text(o, c->children->content);
		else if ((txt = xmlNodeGetContent(c)) != NULL) {
			rc = html_out_text(o, txt);
			xmlFree(txt);
		}
		if (rc == 0)
			rc = buf_puts(o, "</option>");
	}
	for (i = 0; i < nvals; i++)
		xmlFree(vals[i]);
	return rc;
}

/*
 * skc:options — a select's <option>s for the context <field>: value
 * "@value", selected when a <value> of the field reads @value or
 * @selected is '1', then the message @key, else the option's text.
 * The 申請先 list of 238 associations cost 0.4 ms of XSLT a request;
 * as markup (pass_raw()), a list of 375 is not 1,500 nodes.
 */
static void
ext_options(xsltTransformContextPtr ctxt, xmlNodePtr node, xmlNodePtr inst,
    xsltElemPreCompPtr ecomp)
{
	struct buf	 b = { NULL, 0, 0 }, o = { NULL, 0, 0 };

	(void)ecomp;
	if (node == NULL || ctxt->insert == NULL)
		return;
	if (!render_cpass(ctxt) || options(ctxt, node, &o, &b) == -1)
		pass_fallback(ctxt, node, inst);
	else
		pass_raw(ctxt, ctxt->insert, o.data, o.len);
	buf_free(&b);
	buf_free(&o);
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
static int
label(xsltTransformContextPtr ctxt, struct buf *o, const struct field *f,
    struct buf *b)
{
	return buf_puts(o, "<label") == 0 &&
	    m_attr(o, "for", (const xmlChar *)f->id) == 0 &&
	    buf_puts(o, " class=\"field-label\">") == 0 &&
	    m_msg(ctxt, o, f->key, NULL, b) == 0 && (!f->required ||
	    (buf_puts(o, " <span class=\"req\">") == 0 &&
	    m_msg(ctxt, o, (const xmlChar *)"form.required", NULL, b) == 0 &&
	    buf_puts(o, "</span>") == 0)) &&
	    buf_puts(o, "</label>") == 0 ? 0 : -1;
}

/* aria-required, then @autocomplete and @inputmode as copied. */
static int
control_rest(struct buf *o, const xmlNode *field, const struct field *f,
    int *odd)
{
	const xmlChar	*ac, *im;

	ac = pass_attr(field, "autocomplete", odd);
	im = pass_attr(field, "inputmode", odd);
	return (!f->required || buf_puts(o, " aria-required=\"true\"") ==
	    0) && (ac == NULL || m_attr(o, "autocomplete", ac) == 0) &&
	    (im == NULL || m_attr(o, "inputmode", im) == 0) ? 0 : -1;
}

/* The content of field's first <value>, NULL when none (xmlFree()). */
static xmlChar *
first_value(const xmlNode *field, int *has)
{
	const xmlNode	*c;

	*has = 0;
	for (c = field->children; c != NULL; c = c->next)
		if (is_child(c, "value")) {
			*has = 1;
			return xmlNodeGetContent(c);
		}
	return NULL;
}

/* A single <input>: text, email, password, date, tel, number. */
static int
field_input(struct buf *o, const xmlNode *field, const struct field *f,
    int *odd)
{
	const xmlChar	*t = f->type, *lo, *hi;
	xmlChar		*val = NULL;
	int		 has = 0, rc = -1;

	if (buf_puts(o, "<input") == -1 || m_attr(o, "type", t) == -1 ||
	    m_attr(o, "id", (const xmlChar *)f->id) == -1 ||
	    m_attr(o, "name", f->name) == -1 ||
	    control_rest(o, field, f, odd) == -1)
		goto out;
	if (strcmp((const char *)t, "number") == 0) {
		lo = pass_attr(field, "min-value", odd);
		hi = pass_attr(field, "max-value", odd);
		if ((lo != NULL && m_attr(o, "min", lo) == -1) ||
		    (hi != NULL && m_attr(o, "max", hi) == -1))
			goto out;
	} else if (f->max != NULL && strcmp((const char *)t, "date") &&
	    strcmp((const char *)t, "datetime-local") &&
	    m_attr(o, "maxlength", f->max) == -1)
		goto out;
	/* Never echo a password back into the page. */
	if (strcmp((const char *)t, "password") != 0)
		val = first_value(field, &has);
	if ((has && m_attr(o, "value", val != NULL ? val :
	    (const xmlChar *)"") == -1) || buf_puts(o, ">") == -1)
		goto out;
	rc = 0;
out:
	xmlFree(val);
	return rc;
}

/* A textarea, with its length limit said up front. */
static int
field_textarea(xsltTransformContextPtr ctxt, struct buf *o,
    const xmlNode *field, const struct field *f, struct buf *b, int *odd)
{
	const xmlChar	*rows;
	xmlChar		*val = NULL;
	char		 id[sizeof(f->id) + 8];
	size_t		 n;
	int		 has, rc = -1;

	/* number(@rows) > 0 as written by XPath: plain digits only here. */
	rows = pass_attr(field, "rows", odd);
	n = rows != NULL ? strspn((const char *)rows, "0123456789") : 0;
	if (rows != NULL && (rows[0] == '0' || n == 0 || n > 6 ||
	    rows[n] != '\0')) {
		*odd = 1;
		return -1;
	}
	snprintf(id, sizeof(id), "%s-max", f->id);
	if (f->max != NULL && (buf_puts(o,
	    "<p class=\"field-hint field-max\"") == -1 ||
	    m_attr(o, "id", (const xmlChar *)id) == -1 ||
	    buf_puts(o, ">") == -1 || m_msg(ctxt, o,
	    (const xmlChar *)"form.max-chars", f->max, b) == -1 ||
	    buf_puts(o, "</p>") == -1))
		goto out;
	if (buf_puts(o, "<textarea") == -1 ||
	    m_attr(o, "id", (const xmlChar *)f->id) == -1 ||
	    m_attr(o, "name", f->name) == -1 ||
	    control_rest(o, field, f, odd) == -1 ||
	    (f->max != NULL && m_attr(o, "aria-describedby",
	    (const xmlChar *)id) == -1) ||
	    m_attr(o, "rows", rows != NULL ? rows :
	    (const xmlChar *)"6") == -1 ||
	    (f->max != NULL && m_attr(o, "maxlength", f->max) == -1))
		goto out;
	/* HTML drops one newline right after <textarea>: give it one. */
	val = first_value(field, &has);
	if (buf_puts(o, ">\n") == -1 || html_out_text(o, val) == -1 ||
	    buf_puts(o, "</textarea>") == -1)
		goto out;
	rc = 0;
out:
	xmlFree(val);
	return rc;
}

/* A select, "please select" first unless the model has an empty choice. */
static int
field_select(xsltTransformContextPtr ctxt, struct buf *o, xmlNodePtr field,
    const struct field *f, struct buf *b, int *odd)
{
	const xmlNode	*c;
	const xmlChar	*v;
	int		 empty = 0;

	if (buf_puts(o, "<select") == -1 ||
	    m_attr(o, "id", (const xmlChar *)f->id) == -1 ||
	    m_attr(o, "name", f->name) == -1 ||
	    control_rest(o, field, f, odd) == -1 || buf_puts(o, ">") == -1)
		return -1;
	for (c = field->children; c != NULL && !empty; c = c->next)
		empty = is_child(c, "option") && (v = pass_attr(c, "value",
		    odd)) != NULL && *v == '\0';
	if (!empty && (buf_puts(o, "<option value=\"\">") == -1 ||
	    m_msg(ctxt, o, (const xmlChar *)"form.choose", NULL, b) == -1 ||
	    buf_puts(o, "</option>") == -1))
		return -1;
	return options(ctxt, field, o, b) == 0 &&
	    buf_puts(o, "</select>") == 0 ? 0 : -1;
}

/*
 * components.xsl's field template for a field with no error, hint or
 * retype note: a single input, a textarea or a select, in its <div
 * class="field field-TYPE">, appended to out as markup (a field as
 * result nodes was some twenty to make, write and free).  1 when it is
 * not such a field (checkbox and radio groups, files, every field that
 * shows a message): nothing is written, the template draws it.
 */
int
pass_field_markup(xsltTransformContextPtr ctxt, xmlNodePtr node,
    struct buf *out)
{
	struct buf	 b = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	struct field	 f;
	int		 odd = 0, rc = 1, drawn;

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
	if (buf_puts(&o, "<div class=\"field field-") == -1 ||
	    buf_puts(&o, (const char *)f.type) == -1 ||
	    buf_puts(&o, "\">") == -1 || label(ctxt, &o, &f, &b) == -1)
		goto out;
	if (!strcmp((const char *)f.type, "textarea"))
		drawn = field_textarea(ctxt, &o, node, &f, &b, &odd);
	else if (!strcmp((const char *)f.type, "select"))
		drawn = field_select(ctxt, &o, node, &f, &b, &odd);
	else
		drawn = field_input(&o, node, &f, &odd);
	/* Something the pass does not draw after all: nothing written. */
	if (drawn == 0 && !odd && buf_puts(&o, "</div>") == 0 &&
	    buf_append(out, o.data, o.len) == 0)
		rc = 0;
out:
	buf_free(&b);
	buf_free(&o);
	return rc;
}

/* pass_field_markup() into parent, as one pass_raw() node. */
static int
field_draw(xsltTransformContextPtr ctxt, xmlNodePtr parent, xmlNodePtr node)
{
	struct buf	 o = { NULL, 0, 0 };
	int		 rc;

	if ((rc = pass_field_markup(ctxt, node, &o)) == 0)
		pass_raw(ctxt, parent, o.data, o.len);
	buf_free(&o);
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
