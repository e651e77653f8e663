/*
 * html_out.c — serialise a libxslt result document as HTML: byte for
 * byte what libxml2 2.9 writes through xsltSaveResultToString() (for
 * <xsl:output method="html" encoding="UTF-8" indent="no"/>:
 * htmlSetMetaEncoding() then htmlDocContentDumpFormatOutput()) and
 * htmlNodeDumpFormatOutput(..., 0), in one pass into a struct buf.
 *
 * Why (issue 10): libxml2 mallocs for every text node (entity
 * encoding), every attribute value (xmlNodeListGetString, the quoting,
 * URI escaping) and finds every tag by a linear, case-insensitive scan
 * of its 92-entry table; that was about a fifth of a signed-in render.
 * Here text and attributes are escaped straight into the buffer, runs
 * of plain bytes copied at once, and a tag's properties are asked of
 * libxml2 (htmlTagLookup) once per worker and spelling.
 *
 * The rules copied from libxml2 2.9.14 (HTMLtree.c, entities.c,
 * tree.c, uri.c) and libxslt 1.1.35 (xsltutils.c):
 *  - the doctype: "<!DOCTYPE name", PUBLIC/SYSTEM ids quoted, no
 *    SYSTEM for about:legacy-compat, then a newline; a newline at the
 *    end of the document;
 *  - the first <head> of <html> gets <meta http-equiv="Content-Type"
 *    content="text/html; charset=UTF-8"> as its first child unless it
 *    has such a meta naming UTF-8 already;
 *  - an element libxml2 knows as empty (br, img, input, meta, link,
 *    hr...) is "<name attrs>" and its children are not written; one
 *    whose end tag may be left out is "<name attrs>" when it has no
 *    children; any other childless element is "<name></name>";
 *  - text: & < > as entities, tab, newline and CR kept, other control
 *    bytes dropped, everything else (UTF-8) as it is; inside script and
 *    style, and for disable-output-escaping text, nothing is escaped;
 *  - attributes: the boolean ones (checked, selected, disabled...) by
 *    name only; a value is escaped as text, except that "<!--...-->"
 *    and "&{...}" pass unchanged; quoted with " unless it holds " and
 *    no ', then with '; with both, " becomes &quot;.  href, src and
 *    action (and name on <a>), outside namespaces, lose their leading
 *    blanks and are URI-escaped after the entity escaping: every byte
 *    but letters, digits, -_.!~*'() and @/:=?;#%&,+<> becomes %XX;
 *  - comments, processing instructions, CDATA and entity references
 *    are written as they are.
 *
 * Falls back (returns -1, the buffer as it was) on: a namespace
 * declaration on an element, an attribute value that is not a single
 * text node, a Content-Type meta in <head> that does not name UTF-8
 * (libxml2 would rewrite it) or a meta before <head>, a <head> outside
 * <html>, an element whose parent link is broken, a node of any other
 * type (entity declarations, XInclude markers...), and a document that
 * is not HTML (html_out_node) or has no children (html_out_doc).
 *
 * Workers are single-threaded processes: the tag table is per process.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxslt/imports.h>

#include "buf.h"
#include "html_out.h"

void	(*html_out_probe)(xmlDocPtr, xmlNodePtr, xsltStylesheetPtr);

/* A tag's properties in libxml2's table, as far as writing needs. */
#define TAG_EMPTY	0x01	/* no end tag, children never written */
#define TAG_NOEND	0x02	/* no end tag when it has no children */

#define TAGS_SLOTS	256	/* power of two */
#define TAGS_NAME	16	/* longer names are looked up each time */
#define TAGS_PROBE	8

struct tag_slot {
	char		name[TAGS_NAME];
	unsigned char	len;		/* 0: free */
	unsigned char	flags;
};

static struct tag_slot	tags[TAGS_SLOTS];

/* Byte classes for escaping (one table, a bit per use). */
#define C_TEXT	0x01	/* & < > or a control byte: not plain text */
#define C_DQ	0x02	/* " */
#define C_URI	0x04	/* kept as it is by the URI escaping */
#define C_BLANK	0x08	/* skipped at the start of a URI value */

static unsigned char	cls[256];

/* What one serialisation carries along. */
struct out {
	struct buf	*b;
	struct buf	 tmp;		/* a URI value after entity escaping */
	xmlNodePtr	 meta_head;	/* gets the Content-Type meta */
};

static const char	meta_ct[] = "<meta http-equiv=\"Content-Type\" "
			    "content=\"text/html; charset=UTF-8\">";

/*
 * An attribute name: A_BOOL for htmlIsBooleanAttr()'s, A_URI for
 * href, src and action, A_NAME for name (a URI on <a>), else 0.  By
 * its first letter first: most names are none of them.
 */
#define A_BOOL	1
#define A_URI	2
#define A_NAME	3

/* By first letter, in that order: first[] indexes it. */
static const struct {
	char		 c;
	size_t		 len;
	const char	*name;
	int		 kind;
} kinds[] = {
	{ 'a', 6, "action", A_URI }, { 'c', 7, "checked", A_BOOL },
	{ 'c', 7, "compact", A_BOOL }, { 'd', 7, "declare", A_BOOL },
	{ 'd', 5, "defer", A_BOOL }, { 'd', 8, "disabled", A_BOOL },
	{ 'h', 4, "href", A_URI }, { 'i', 5, "ismap", A_BOOL },
	{ 'm', 8, "multiple", A_BOOL }, { 'n', 4, "name", A_NAME },
	{ 'n', 6, "nohref", A_BOOL }, { 'n', 8, "noresize", A_BOOL },
	{ 'n', 7, "noshade", A_BOOL }, { 'n', 6, "nowrap", A_BOOL },
	{ 'r', 8, "readonly", A_BOOL }, { 's', 8, "selected", A_BOOL },
	{ 's', 3, "src", A_URI }, { '\0', 0, NULL, 0 }
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]) - 1)

static unsigned char	first[256];	/* 1 + index in kinds, 0: none */

static void
cls_init(void)
{
	static const char	 uri[] = "-_.!~*'()@/:=?;#%&,+<>";
	size_t			 i;
	int			 c;

	for (c = 0; c < 256; c++) {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			cls[c] |= C_TEXT;	/* NUL ends, the rest dropped */
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != 0 && strchr(uri, c)))
			cls[c] |= C_URI;
	}
	cls['&'] |= C_TEXT;
	cls['<'] |= C_TEXT;
	cls['>'] |= C_TEXT;
	cls['"'] |= C_DQ;
	cls[' '] |= C_BLANK;
	cls['\t'] |= C_BLANK;
	cls['\n'] |= C_BLANK;
	cls['\r'] |= C_BLANK;
	for (i = NKINDS; i-- > 0; ) {
		first[(unsigned char)kinds[i].c] = (unsigned char)(i + 1);
		first[(unsigned char)kinds[i].c - ('a' - 'A')] =
		    (unsigned char)(i + 1);
	}
}

/* xmlStrcasecmp(a, lower) == 0, lower in lower case (ASCII only). */
static int
ci_eq(const xmlChar *a, const char *lower)
{
	int	 c = 0;

	if (a == NULL)
		goto out;
	for (; *lower != '\0'; a++, lower++) {
		c = *a;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)*lower)
			break;
	}
	c = *lower == '\0' && *a == '\0';
out:
	return c;
}

static unsigned char
tag_lookup(const xmlChar *name)
{
	const htmlElemDesc	*info;
	unsigned char		 fl = 0;

	if ((info = htmlTagLookup(name)) != NULL && info->empty)
		fl |= TAG_EMPTY;
	if (info != NULL && info->saveEndTag &&
	    strcmp(info->name, "html") != 0 && strcmp(info->name, "body") != 0)
		fl |= TAG_NOEND;
	return fl;
}

/*
 * The flags of a tag name, remembered by its exact spelling (a name
 * too long, or a table too full, is looked up every time).
 */
static unsigned char
tag_flags(const xmlChar *name)
{
	struct tag_slot	*s;
	uint32_t	 h = 2166136261u;
	size_t		 n, i;
	unsigned char	 fl;

	for (n = 0; name[n] != '\0' && n < TAGS_NAME; n++)
		h = (h ^ name[n]) * 16777619u;
	for (i = 0; n < TAGS_NAME && i < TAGS_PROBE; i++) {
		s = &tags[(h + i) & (TAGS_SLOTS - 1)];
		if (s->len == 0) {
			memcpy(s->name, name, n);
			s->len = (unsigned char)n;
			s->flags = tag_lookup(name);
		}
		if (s->len == n && memcmp(s->name, name, n) == 0) {
			fl = s->flags;
			goto out;
		}
	}
	fl = tag_lookup(name);
out:
	return fl;
}

/*
 * Room for n more bytes and the NUL.  buf.c's growth (doubling) done
 * here so that the common case is one comparison, inline.
 */
static int
grow(struct buf *b, size_t n)
{
	size_t	 cap = b->cap ? b->cap : 256;
	char	*p;
	int	 rc = -1;

	while (cap < b->len + n + 1) {
		if (cap > ((size_t)-1) / 2)
			goto out;
		cap *= 2;
	}
	if ((p = realloc(b->data, cap)) == NULL)
		goto out;
	b->data = p;
	b->cap = cap;
	rc = 0;
out:
	return rc;
}

static inline int
room(struct buf *b, size_t n)
{
	return b->len + n < b->cap ? 0 : grow(b, n);
}

/* Copy n bytes into room made before: short ones without a call. */
static inline void
copy(struct buf *b, const void *p, size_t n)
{
	const char	*s = p;
	char		*d = b->data + b->len;

	b->len += n;
	if (n > 8)
		memcpy(d, s, n);
	else
		while (n-- > 0)
			*d++ = *s++;
}

static inline int
put(struct buf *b, const void *p, size_t n)
{
	int	 rc;

	if ((rc = room(b, n)) == 0)
		copy(b, p, n);
	return rc;
}

static inline int
puts_(struct buf *b, const char *s)
{
	return put(b, s, strlen(s));
}

/* xmlBufWriteQuotedString() of a string taken as it is. */
static int
put_quoted(struct buf *b, const xmlChar *s)
{
	const xmlChar	*p, *run;
	int		 rc = -1;

	if (strchr((const char *)s, '"') == NULL) {
		if (put(b, "\"", 1) == -1 || puts_(b, (const char *)s) == -1 ||
		    put(b, "\"", 1) == -1)
			goto out;
	} else if (strchr((const char *)s, '\'') == NULL) {
		if (put(b, "'", 1) == -1 || puts_(b, (const char *)s) == -1 ||
		    put(b, "'", 1) == -1)
			goto out;
	} else {
		if (put(b, "\"", 1) == -1)
			goto out;
		for (run = p = s; *p != '\0'; p++) {
			if (*p != '"')
				continue;
			if (put(b, run, p - run) == -1 ||
			    put(b, "&quot;", 6) == -1)
				goto out;
			run = p + 1;
		}
		if (put(b, run, p - run) == -1 || put(b, "\"", 1) == -1)
			goto out;
	}
	rc = 0;
out:
	return rc;
}

/*
 * xmlEncodeEntitiesReentrant() (attr 0) or xmlEncodeAttributeEntities()
 * (attr 1) of an HTML document; dq: then " as &quot; (the quoting of a
 * value holding both quotes).
 */
static int
put_escaped(struct buf *b, const xmlChar *s, int attr, int dq)
{
	const xmlChar	*run, *end;
	unsigned char	 mask = C_TEXT | (dq ? C_DQ : 0);
	int		 rc = -1;

	for (;;) {
		for (run = s; (cls[*s] & mask) == 0; s++)
			;
		if (s > run && put(b, run, s - run) == -1)
			goto out;
		if (*s == '\0')
			break;
		end = NULL;
		if (attr && *s == '<' && s[1] == '!' && s[2] == '-' &&
		    s[3] == '-' && (end = (const xmlChar *)strstr(
		    (const char *)s, "-->")) != NULL)
			end += 3;	/* server-side include: as it is */
		else if (attr && *s == '&' && s[1] == '{' &&
		    (end = (const xmlChar *)strchr((const char *)s, '}')) !=
		    NULL)
			end += 1;	/* HTML 4 B.7.1 &{script}: as it is */
		if (end != NULL) {
			for (run = s; s < end; s++) {
				if (!dq || *s != '"')
					continue;
				if (put(b, run, s - run) == -1 ||
				    put(b, "&quot;", 6) == -1)
					goto out;
				run = s + 1;
			}
			if (put(b, run, s - run) == -1)
				goto out;
			continue;
		}
		switch (*s) {
		case '<':
			rc = put(b, "&lt;", 4);
			break;
		case '>':
			rc = put(b, "&gt;", 4);
			break;
		case '&':
			rc = put(b, "&amp;", 5);
			break;
		case '"':
			rc = put(b, "&quot;", 6);
			break;
		default:
			rc = 0;		/* a control byte: dropped */
			break;
		}
		if (rc == -1)
			goto out;
		rc = -1;
		s++;
	}
	rc = 0;
out:
	return rc;
}

/* xmlURIEscapeStr(s, "@/:=?;#%&,+<>") quoted, after leading blanks. */
static int
put_uri(struct buf *b, const unsigned char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*run;
	char			 e[3];
	int			 rc = -1;

	while (cls[*s] & C_BLANK)
		s++;
	if (put(b, "\"", 1) == -1)
		goto out;
	for (;;) {
		for (run = s; cls[*s] & C_URI; s++)
			;
		if (s > run && put(b, run, s - run) == -1)
			goto out;
		if (*s == '\0')
			break;
		e[0] = '%';
		e[1] = hex[*s >> 4];
		e[2] = hex[*s & 0xf];
		if (put(b, e, 3) == -1)
			goto out;
		s++;
	}
	rc = put(b, "\"", 1);
out:
	return rc;
}


static int
attr_kind(const xmlChar *name, size_t len)
{
	size_t	 i;
	int	 kind = 0;

	if ((i = first[name[0]]) == 0)
		goto out;
	for (i--; kinds[i].c != '\0' && (kinds[i].c == name[0] ||
	    kinds[i].c == name[0] + ('a' - 'A')); i++)
		if (kinds[i].len == len && ci_eq(name, kinds[i].name)) {
			kind = kinds[i].kind;
			break;
		}
out:
	return kind;
}

/*
 * ="v" of an attribute, as htmlAttrDumpOutput() writes it: a URI (uri 1:
 * an href, src or action outside namespaces) entity-escaped then
 * URI-escaped (tmp is scratch), any other quoted with " unless it holds
 * " and no ', then with ', with both " as &quot;.
 */
static int
put_value(struct buf *b, struct buf *tmp, const xmlChar *v, int uri)
{
	int	 rc = -1;

	if (v == NULL) {
		rc = put(b, "=\"\"", 3);
		goto out;
	}
	if (put(b, "=", 1) == -1)
		goto out;
	if (uri) {
		tmp->len = 0;
		if (put_escaped(tmp, v, 1, 0) == -1 ||
		    buf_append(tmp, "", 0) == -1)
			goto out;
		rc = put_uri(b, (const unsigned char *)tmp->data);
	} else if (strchr((const char *)v, '"') == NULL) {
		if (put(b, "\"", 1) == -1 || put_escaped(b, v, 1, 0) == -1)
			goto out;
		rc = put(b, "\"", 1);
	} else if (strchr((const char *)v, '\'') == NULL) {
		if (put(b, "'", 1) == -1 || put_escaped(b, v, 1, 0) == -1)
			goto out;
		rc = put(b, "'", 1);
	} else {
		if (put(b, "\"", 1) == -1 || put_escaped(b, v, 1, 1) == -1)
			goto out;
		rc = put(b, "\"", 1);
	}
out:
	return rc;
}

/* htmlAttrDumpOutput(). */
static int
put_attr(struct out *o, xmlAttrPtr a)
{
	struct buf		*b = o->b;
	xmlNodePtr		 el = a->parent;
	const xmlChar		*v;
	const unsigned char	*p;
	size_t			 nl, vl;
	int			 kind, uri, rc = -1;

	if (a->name == NULL)
		goto out;
	nl = strlen((const char *)a->name);
	kind = attr_kind(a->name, nl);
	if (a->children != NULL && kind != A_BOOL &&
	    a->children->next == NULL && a->children->type == XML_TEXT_NODE &&
	    (v = a->children->content) != NULL && a->ns == NULL &&
	    kind != A_URI && !(kind == A_NAME && el != NULL &&
	    el->ns == NULL && ci_eq(el->name, "a"))) {
		/* The common case: a value with nothing to escape. */
		for (p = v; (cls[*p] & (C_TEXT | C_DQ)) == 0; p++)
			;
		if (*p == '\0') {
			vl = p - v;
			if (room(b, nl + vl + 4) == -1)
				goto out;
			copy(b, " ", 1);
			copy(b, a->name, nl);
			copy(b, "=\"", 2);
			copy(b, v, vl);
			copy(b, "\"", 1);
			rc = 0;
			goto out;
		}
	}
	if (put(b, " ", 1) == -1)
		goto out;
	if (a->ns != NULL && a->ns->prefix != NULL &&
	    (puts_(b, (const char *)a->ns->prefix) == -1 ||
	    put(b, ":", 1) == -1))
		goto out;
	if (put(b, a->name, nl) == -1)
		goto out;
	if (a->children == NULL || kind == A_BOOL) {
		rc = 0;
		goto out;
	}
	if (a->children->next != NULL || (a->children->type !=
	    XML_TEXT_NODE && a->children->type != XML_CDATA_SECTION_NODE))
		goto out;	/* several pieces: libxml2's path */
	uri = a->ns == NULL && el != NULL && el->ns == NULL &&
	    (kind == A_URI || (kind == A_NAME && ci_eq(el->name, "a")));
	rc = put_value(b, &o->tmp, a->children->content, uri);
out:
	return rc;
}

/* pre, "prefix:name" of an element, post. */
static int
put_tag(struct buf *b, xmlNodePtr n, const char *pre, size_t prel,
    const char *post, size_t postl)
{
	size_t	 nl = strlen((const char *)n->name);
	int	 rc = -1;

	if (n->ns != NULL && n->ns->prefix != NULL) {
		if (put(b, pre, prel) == 0 &&
		    puts_(b, (const char *)n->ns->prefix) == 0 &&
		    put(b, ":", 1) == 0 && put(b, n->name, nl) == 0)
			rc = put(b, post, postl);
	} else if (room(b, prel + nl + postl) == 0) {
		copy(b, pre, prel);
		copy(b, n->name, nl);
		copy(b, post, postl);
		rc = 0;
	}
	return rc;
}

/* htmlDtdDumpOutput(). */
static int
put_dtd(struct buf *b, xmlDtdPtr d)
{
	int	 rc = -1;

	if (d->name == NULL || puts_(b, "<!DOCTYPE ") == -1 ||
	    puts_(b, (const char *)d->name) == -1)
		goto out;
	if (d->ExternalID != NULL) {
		if (puts_(b, " PUBLIC ") == -1 ||
		    put_quoted(b, d->ExternalID) == -1)
			goto out;
		if (d->SystemID != NULL && (put(b, " ", 1) == -1 ||
		    put_quoted(b, d->SystemID) == -1))
			goto out;
	} else if (d->SystemID != NULL &&
	    strcmp((const char *)d->SystemID, "about:legacy-compat") != 0) {
		if (puts_(b, " SYSTEM ") == -1 ||
		    put_quoted(b, d->SystemID) == -1)
			goto out;
	}
	rc = put(b, ">\n", 2);
out:
	return rc;
}

/*
 * The open tag (and, for an element without children, all of it);
 * *down set when its children are to be written next.
 */
static int
put_open(struct out *o, xmlNodePtr n, int *down)
{
	struct buf	*b = o->b;
	xmlAttrPtr	 a;
	unsigned char	 fl;
	int		 meta = n == o->meta_head, rc = -1;

	*down = 0;
	if (n->name == NULL || n->nsDef != NULL)
		goto out;
	fl = n->ns == NULL ? tag_flags(n->name) : 0;
	if (put_tag(b, n, "<", 1, "", 0) == -1)
		goto out;
	for (a = n->properties; a != NULL; a = a->next)
		if (put_attr(o, a) == -1)
			goto out;
	if (fl & TAG_EMPTY) {
		rc = put(b, ">", 1);
		goto out;
	}
	if (n->children == NULL && !meta) {
		if (fl & TAG_NOEND)
			rc = put(b, ">", 1);
		else
			rc = put_tag(b, n, "></", 3, ">", 1);
		goto out;
	}
	if (put(b, ">", 1) == -1 ||
	    (meta && put(b, meta_ct, sizeof(meta_ct) - 1) == -1))
		goto out;
	if (n->children != NULL)
		*down = 1;
	else if (put_tag(b, n, "</", 2, ">", 1) == -1)
		goto out;
	rc = 0;
out:
	return rc;
}

/* A text node under parent p. */
static int
put_text(struct buf *b, xmlNodePtr n, xmlNodePtr p)
{
	int	 rc = 0;

	if (n->content == NULL)
		;
	else if (n->name == xmlStringTextNoenc || (p != NULL &&
	    p->name != NULL && (p->name[0] | 0x20) == 's' &&
	    (ci_eq(p->name, "script") || ci_eq(p->name, "style"))))
		rc = puts_(b, (const char *)n->content);
	else
		rc = put_escaped(b, n->content, 0, 0);
	return rc;
}

/* One node that is not an element or a document. */
static int
put_leaf(struct buf *b, xmlNodePtr n, xmlNodePtr p)
{
	int	 rc = 0;

	switch (n->type) {
	case XML_TEXT_NODE:
		rc = put_text(b, n, p);
		break;
	case XML_CDATA_SECTION_NODE:	/* HTML_PRESERVE_NODE */
		if (n->content != NULL)
			rc = puts_(b, (const char *)n->content);
		break;
	case XML_COMMENT_NODE:
		if (n->content != NULL && (puts_(b, "<!--") == -1 ||
		    puts_(b, (const char *)n->content) == -1 ||
		    puts_(b, "-->") == -1))
			rc = -1;
		break;
	case XML_PI_NODE:
		if (n->name == NULL)
			break;
		if (put(b, "<?", 2) == -1 ||
		    puts_(b, (const char *)n->name) == -1 ||
		    (n->content != NULL && (put(b, " ", 1) == -1 ||
		    puts_(b, (const char *)n->content) == -1)) ||
		    put(b, ">", 1) == -1)
			rc = -1;
		break;
	case XML_ENTITY_REF_NODE:
		if (n->name == NULL || put(b, "&", 1) == -1 ||
		    puts_(b, (const char *)n->name) == -1 ||
		    put(b, ";", 1) == -1)
			rc = -1;
		break;
	case XML_DTD_NODE:
		break;		/* written from doc->intSubset */
	default:
		rc = -1;
		break;
	}
	return rc;
}

/*
 * The walk of htmlNodeDumpFormatOutput() (format 0): down through
 * children, up through parents, closing each element on the way up.
 */
static int
walk(struct out *o, xmlNodePtr root)
{
	struct buf	*b = o->b;
	xmlNodePtr	 cur = root, parent = root->parent;
	int		 down, rc = -1;

	for (;;) {
		if (cur->type == XML_HTML_DOCUMENT_NODE ||
		    cur->type == XML_DOCUMENT_NODE) {
			if (((xmlDocPtr)cur)->intSubset != NULL &&
			    put_dtd(b, ((xmlDocPtr)cur)->intSubset) == -1)
				goto out;
			if (cur->children != NULL) {
				parent = cur;
				cur = cur->children;
				continue;
			}
			if (put(b, "\n", 1) == -1)
				goto out;
		} else if (cur->type == XML_ELEMENT_NODE) {
			if (cur->parent != parent ||
			    put_open(o, cur, &down) == -1)
				goto out;
			if (down) {
				parent = cur;
				cur = cur->children;
				continue;
			}
		} else if (put_leaf(b, cur, parent) == -1)
			goto out;
		for (;;) {
			if (cur == root) {
				rc = 0;
				goto out;
			}
			if (cur->next != NULL) {
				cur = cur->next;
				break;
			}
			cur = parent;
			parent = cur->parent;
			if (cur->type == XML_HTML_DOCUMENT_NODE ||
			    cur->type == XML_DOCUMENT_NODE) {
				if (put(b, "\n", 1) == -1)
					goto out;
			} else if (put_tag(b, cur, "</", 2, ">", 1) == -1)
				goto out;
		}
	}
out:
	return rc;
}

/*
 * Where htmlSetMetaEncoding(doc, "UTF-8") puts its meta: the first
 * <head> of the first <html>, unless a Content-Type meta there names
 * UTF-8 already.  0 with *head (NULL: nothing to add), -1 for the
 * cases left to libxml2.
 */
static int
meta_head(xmlDocPtr doc, xmlNodePtr *head)
{
	xmlNodePtr	 n, h = NULL;
	xmlAttrPtr	 a;
	const xmlChar	*v, *content;
	int		 http, rc = -1;

	*head = NULL;
	for (n = doc->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->name == NULL)
			continue;
		if (ci_eq(n->name, "html"))
			break;
		if (ci_eq(n->name, "head") || ci_eq(n->name, "meta"))
			goto out;
	}
	if (n == NULL) {
		rc = 0;
		goto out;
	}
	for (n = n->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->name == NULL)
			continue;
		if (ci_eq(n->name, "head"))
			break;
		if (ci_eq(n->name, "meta"))
			goto out;
	}
	if (n == NULL) {
		rc = 0;
		goto out;
	}
	h = n;
	for (n = h->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !ci_eq(n->name, "meta"))
			continue;
		content = NULL;
		http = 0;
		for (a = n->properties; a != NULL; a = a->next) {
			if (a->children == NULL ||
			    a->children->type != XML_TEXT_NODE ||
			    a->children->next != NULL)
				continue;
			v = a->children->content;
			if (ci_eq(a->name, "http-equiv") &&
			    ci_eq(v, "content-type"))
				http = 1;
			else if (v != NULL && ci_eq(a->name, "content"))
				content = v;
			if (http && content != NULL)
				break;
		}
		if (http && content != NULL) {
			/* Kept as it is only when it names UTF-8. */
			if (xmlStrcasestr(content, (const xmlChar *)"UTF-8") != NULL)
				rc = 0;
			goto out;
		}
	}
	*head = h;
	rc = 0;
out:
	return rc;
}

/* Finish: NUL-terminate, or take back what was written. */
static int
finish(struct out *o, size_t start, int rc)
{
	if (rc == 0 && buf_append(o->b, "", 0) == -1)
		rc = -1;
	if (rc == -1 && o->b->data != NULL) {
		o->b->len = start;
		o->b->data[start] = '\0';
	}
	buf_free(&o->tmp);
	return rc;
}

int
html_out_doc(struct buf *b, xmlDocPtr doc)
{
	struct out	 o;
	size_t		 start = b->len;
	int		 rc = -1;

	memset(&o, 0, sizeof(o));
	o.b = b;
	if (cls['<'] == 0)
		cls_init();
	if (doc == NULL || doc->children == NULL ||
	    meta_head(doc, &o.meta_head) == -1)
		goto out;
	/* Only a doctype: xsltSaveResultTo() writes nothing. */
	if (doc->children->type == XML_DTD_NODE &&
	    doc->children->next == NULL) {
		rc = 0;
		goto out;
	}
	rc = walk(&o, (xmlNodePtr)doc);
out:
	return finish(&o, start, rc);
}

int
html_out_node(struct buf *b, xmlDocPtr doc, xmlNodePtr n)
{
	struct out	 o;
	size_t		 start = b->len;
	int		 rc = -1;

	memset(&o, 0, sizeof(o));
	o.b = b;
	if (cls['<'] == 0)
		cls_init();
	/* The escaping of entities.c differs for other documents. */
	if (doc == NULL || doc->type != XML_HTML_DOCUMENT_NODE ||
	    n == NULL || n->type == XML_DOCUMENT_NODE ||
	    n->type == XML_HTML_DOCUMENT_NODE ||
	    n->type == XML_ATTRIBUTE_NODE)
		goto out;
	if (html_out_probe != NULL)
		html_out_probe(doc, n, NULL);
	rc = walk(&o, n);
out:
	return finish(&o, start, rc);
}

int
html_out_text(struct buf *b, const xmlChar *s)
{
	if (cls['<'] == 0)
		cls_init();
	return s != NULL ? put_escaped(b, s, 0, 0) : 0;
}

/* The passes' markup (html_out.h): put_value() with its own scratch. */
static int
pass_value(struct buf *b, const xmlChar *v, int uri)
{
	struct buf	 tmp = { NULL, 0, 0 };
	int		 rc;

	if (cls['<'] == 0)
		cls_init();
	rc = put_value(b, &tmp, v, uri);
	buf_free(&tmp);
	return rc;
}

int
html_out_value(struct buf *b, const xmlChar *v)
{
	return pass_value(b, v, 0);
}

int
html_out_uri(struct buf *b, const xmlChar *v)
{
	return pass_value(b, v, 1);
}

int
html_out_result(struct buf *b, xmlDocPtr res, xsltStylesheetPtr s)
{
	const xmlChar	*method, *encoding;
	int		 indent, rc = -1;

	if (res == NULL || s == NULL || s->methodURI != NULL)
		goto out;
	XSLT_GET_IMPORT_PTR(method, s, method)
	XSLT_GET_IMPORT_PTR(encoding, s, encoding)
	XSLT_GET_IMPORT_INT(indent, s, indent)
	if (method == NULL || strcmp((const char *)method, "html") != 0 ||
	    encoding == NULL ||
	    strcmp((const char *)encoding, "UTF-8") != 0 || indent != 0)
		goto out;
	if (html_out_probe != NULL)
		html_out_probe(res, NULL, s);
	rc = html_out_doc(b, res);
out:
	return rc;
}
