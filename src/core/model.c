/*
 * model.c — building the XML model.  User data only ever enters through
 * xmlNewTextChild() and xmlSetProp(), which escape; XSLT then escapes
 * again for HTML.  Nothing here writes markup by hand.
 *
 * Escaping is not enough for well-formedness (CORE-3): XML 1.0 has no
 * way at all to write most C0 controls, U+FFFE, U+FFFF or bytes that
 * are not UTF-8.  Forms refuse them (form_check()), but rows stored
 * before that, or values echoed back with their error, still reach the
 * model; model_clean() replaces them just before the model is written.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "ctx.h"
#include "form.h"
#include "tenant.h"

xmlNodePtr
model_node(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

/*
 * One declared form under /page, as form_model() builds it, plus what
 * the theme needs: the session's CSRF token and, unless NULL, the i18n
 * key of the button's label.
 */
xmlNodePtr
model_form(struct ctx *c, const char *id, const char *action,
    const struct field *fs, size_t n, const struct kvlist *vals,
    const struct form_result *res, const char *submit)
{
	xmlNodePtr	 f;

	f = form_model(xmlDocGetRootElement(c->model), id, action, fs, n,
	    vals, res);
	if (f != NULL) {
		model_attr(f, "csrf", c->sess.csrf);
		if (submit != NULL)
			model_attr(f, "submit-key", submit);
	}
	return f;
}

/*
 * A submit button of a form with several: name "op", its value, the
 * i18n key of its label and, unless NULL, its kind (secondary…).
 */
xmlNodePtr
model_button(xmlNodePtr form, const char *value, const char *key,
    const char *kind)
{
	xmlNodePtr	 b = model_node(form, "button");

	model_attr(b, "name", "op");
	model_attr(b, "value", value);
	model_attr(b, "key", key);
	model_attr(b, "kind", kind);
	return b;
}

/*
 * A message above the content (kind success or warning): under the one
 * /page/messages, made on first use.
 */
void
model_flash(struct ctx *c, const char *key, const char *kind)
{
	xmlNodePtr	 root = xmlDocGetRootElement(c->model), n;

	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)"messages"))
			break;
	n = model_node(n != NULL ? n : model_node(root, "messages"),
	    "message");
	model_attr(n, "key", key);
	model_attr(n, "kind", kind);
}

xmlNodePtr
model_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)(text ? text : ""));
}

/*
 * xmlSetProp() looks the name up among the node's attributes, then
 * xmlNewProp() walks them again to append, and asks xmlIsID() of each
 * new one; a model is made of fresh nodes, and a ledger of 500 credits
 * is 5,000 attributes.  One walk here: replace a same-named one, else
 * append after the last.  The value is escaped on output as ever.
 */
void
model_attr(xmlNodePtr n, const char *name, const char *val)
{
	xmlAttrPtr	 a, last = NULL;
	xmlNodePtr	 t;

	if (n == NULL || val == NULL || n->type != XML_ELEMENT_NODE)
		return;
	for (a = n->properties; a != NULL; last = a, a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			break;
	if (a != NULL || strchr(name, ':') != NULL) {
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)val);
		return;
	}
	if ((a = xmlNewDocProp(n->doc, (const xmlChar *)name, NULL)) == NULL)
		return;
	if ((t = xmlNewDocText(n->doc, (const xmlChar *)val)) == NULL) {
		xmlFreeProp(a);
		return;
	}
	a->children = a->last = t;
	t->parent = (xmlNodePtr)a;
	a->parent = n;
	if (last == NULL)
		n->properties = a;
	else {
		last->next = a;
		a->prev = last;
	}
}

void
model_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char	 v[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	model_attr(n, name, v);
}

void
model_attrn(xmlNodePtr n, const char *name, long long v)
{
	char			 d[24], *p = d + sizeof(d) - 1;
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	/* Counts and totals a row (vsnprintf() was 4 % of the ledger). */
	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	model_attr(n, name, p);
}

/*
 * How well menu page pg stands for the page being shown: the page
 * itself wins; else the longest menu path that is a whole-segment
 * prefix of the request's (/apply/search is under /apply, /account/totp
 * under /account); "/" stands only for itself.  0: not at all.
 */
static size_t
menu_match(const struct ctx *c, const struct page *pg)
{
	size_t	 n;

	if (c->page == pg)
		return (size_t)-1;
	if (c->page != NULL && c->page->menu != NULL)
		return 0;
	n = strlen(pg->path);
	if (n < 2 || strncmp(c->path, pg->path, n) != 0 ||
	    (c->path[n] != '/' && pg->path[n - 1] != '/'))
		return 0;
	return n;
}

/*
 * The menu lists the pages this visitor can reach that carry a key;
 * the one the page belongs to is current (aria-current, CORE-21).
 */
static void
model_menu(struct ctx *c, xmlNodePtr root)
{
	const struct page	*pg;
	xmlNodePtr		 menu, it, cur = NULL;
	size_t			 i, best = 0, m;

	menu = model_node(root, "menu");
	for (i = 0; page_tables[i] != NULL; i++)
		for (pg = page_tables[i]; pg->name != NULL; pg++) {
			if (pg->menu == NULL || !page_visible(c, pg))
				continue;
			it = model_node(menu, "item");
			model_attr(it, "key", pg->menu);
			model_attr(it, "href", pg->path);
			/* State changes are POSTs: the theme draws a button. */
			if (pg->methods == M_POST)
				model_attr(it, "method", "post");
			else if ((m = menu_match(c, pg)) > best) {
				best = m;
				cur = it;
			}
			if (pg->note != NULL)
				pg->note(c, it);
		}
	if (cur != NULL)
		model_attr(cur, "current", "1");
}

/* Start the model: /page with the site and the menu; content follows. */
int
model_new(struct ctx *c, const char *name)
{
	xmlNodePtr	 root, site;

	xmlFreeDoc(c->model);
	if ((c->model = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return -1;
	root = xmlNewDocNode(c->model, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(c->model, root);
	model_attr(root, "name", name);
	model_attr(root, "lang", c->lang);
	model_attr(root, "method", c->method);
	model_attr(root, "path", c->path);
	site = model_node(root, "site");
	if (c->tenant != NULL) {
		model_attr(site, "slug", c->tenant->slug);
		model_attr(site, "host", c->host);
		model_attr(model_text(site, "name", c->tenant->name_ja),
		    "lang", "ja");
		model_attr(model_text(site, "name", c->tenant->name_en),
		    "lang", "en");
	} else if (c->ops) {
		model_attr(site, "slug", "ops");
		model_attr(site, "host", c->host);
		model_attr(model_text(site, "name", "シカク 運用管理"),
		    "lang", "ja");
		model_attr(model_text(site, "name", "shikaku operations"),
		    "lang", "en");
	}
	/* The signed-in user, and the token every form of theirs carries. */
	if (c->sess.valid && c->sess.stage == SESS_IN) {
		xmlNodePtr u = model_node(root, "user");
		model_attr(u, "csrf", c->sess.csrf);
		model_attr(u, "roles", c->sess.roles);
		model_text(u, "name", c->sess.name);
	}
	model_menu(c, root);
	c->content = model_node(root, "content");
	return 0;
}

/* An error page in the tenant's theme: the status says which. */
void
model_error_page(struct ctx *c, int status)
{
	xmlNodePtr	 n;

	if (model_new(c, "error") == -1)
		return;
	n = model_node(c->content, "error-page");
	model_attrf(n, "code", "%d", status);
}

/* An error of the page, not of one field, in the summary at the top. */
void
model_error(struct ctx *c, const char *key, const char *field)
{
	xmlNodePtr	 root = xmlDocGetRootElement(c->model), n, e;

	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "errors") == 0)
			break;
	if (n == NULL)
		n = model_node(root, "errors");
	e = model_node(n, "error");
	model_attr(e, "key", key);
	model_attr(e, "field", field);
}

/* One text (or attribute value) node: replaced in place if it must be. */
static int
clean_text(xmlNodePtr n)
{
	char	*ok;
	int	 err;

	if (n->content == NULL)
		return 0;
	ok = utf8_xml_clean((const char *)n->content,
	    strlen((const char *)n->content), &err);
	if (ok != NULL) {
		xmlNodeSetContent(n, (const xmlChar *)ok);
		free(ok);
	}
	return err ? -1 : 0;
}

static int
clean_tree(xmlNodePtr n)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 t;
	int		 rc = 0;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			if (clean_text(n) == -1)
				rc = -1;
			break;
		case XML_ELEMENT_NODE:
			for (a = n->properties; a != NULL; a = a->next)
				for (t = a->children; t != NULL; t = t->next)
					if (t->type == XML_TEXT_NODE &&
					    clean_text(t) == -1)
						rc = -1;
			if (clean_tree(n->children) == -1)
				rc = -1;
			break;
		default:
			break;
		}
	}
	return rc;
}

/*
 * Make the model well-formed whatever it holds: every text and
 * attribute value with what XML 1.0 forbids (and bytes that are not
 * UTF-8) replaced by U+FFFD.  Called once, just before the model is
 * serialized or rendered; -1 only when memory ran out.
 */
int
model_clean(xmlDocPtr doc)
{
	return doc == NULL ? 0 : clean_tree(doc->children);
}
