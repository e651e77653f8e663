/*
 * render_frame.c — the page frame kept per worker (issue 10).
 *
 * A signed-in page is its frame (head and title, header with the brand,
 * the member's name and the language switch, the menu, the footer)
 * around <main>'s content.  The frame is a function of the stylesheet,
 * the page's attributes, its title and its children other than the
 * ones only main's content reads (content, form, errors, messages): see
 * xslt/core/layout.xsl.  Two of those inputs belong to one member, the
 * name and the CSRF token; they are put in the frame's model as
 * sentinels (a private-use code point, this worker's random nonce, the
 * field, the code point again), so that every member on the same page
 * in the same state shares one frame, and the member's own strings,
 * escaped as libxml2's HTML serialiser escapes text and attribute
 * values, go where the sentinels were.
 *
 * What makes the splice exact (each checked where it is decided):
 *  - the key holds every input of the frame but the two strings, and
 *    may not contain the nonce (frame_key()); the frame is rendered
 *    from a copy of the model without the children the key leaves out
 *    (frame_sentinels()), so nothing of one member's content can be in
 *    a frame another member gets, whatever a stylesheet reads;
 *  - the two strings are shown as they are or tested for presence
 *    only, and the sentinels keep both facts: a name that is empty
 *    after normalize-space, a CSRF token that is empty, a second
 *    <name> or anything but text in it makes the page render in full
 *    (frame_vals());
 *  - a string needing other escapes than & < > (a double quote, a
 *    control character, bad UTF-8) renders in full (frame_escape());
 *  - in the frame's result tree the nonce is only in text outside
 *    script and style and in attribute values, and in its HTML every
 *    sentinel is whole and unescaped (no URI escaping of an href took
 *    it apart); the marker where main goes is there exactly once
 *    (frame_put()).  Otherwise the entry says "render in full".
 */
#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "render_frame.h"

#define NONCE_LEN	16
#define PUA		"\xee\x80\x80"		/* U+E000 */
#define PUA_LEN		3
#define SENT_LEN	(PUA_LEN + NONCE_LEN + 1 + PUA_LEN)
#define ENT_MAXHTML	(128 * 1024)

/* A place in a frame: a member's string (FRAME_NAME…) or main (SLOT_MAIN). */
#define SLOT_MAIN	FRAME_NVAL

struct slot {
	size_t	 off;		/* in html, sentinels and marker cut out */
	int	 what;
};

struct frame_ent {
	uint64_t	 hash;
	char		*key;
	size_t		 klen;
	char		*html;		/* NULL: this frame renders in full */
	size_t		 hlen;
	struct slot	*slot;
	size_t		 nslot;
	uint64_t	 used;
};

struct frame_cache {
	char		 nonce[NONCE_LEN + 1];
	struct frame_ent *ent;
	size_t		 maxn;
	size_t		 maxbytes;
	size_t		 bytes;
	uint64_t	 tick;
};

/* The children of /page that only main's content reads. */
static const char *const main_only[] = { "content", "form", "errors",
    "messages" };

struct frame_cache *
frame_new(size_t maxn, size_t maxbytes)
{
	static const char	 hex[] = "0123456789abcdef";
	struct frame_cache	*fc;
	unsigned char		 rnd[NONCE_LEN / 2];
	size_t			 i;

	if (maxn == 0 || getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd) ||
	    (fc = calloc(1, sizeof(*fc))) == NULL)
		return NULL;
	if ((fc->ent = calloc(maxn, sizeof(*fc->ent))) == NULL) {
		free(fc);
		return NULL;
	}
	for (i = 0; i < sizeof(rnd); i++) {
		fc->nonce[2 * i] = hex[rnd[i] >> 4];
		fc->nonce[2 * i + 1] = hex[rnd[i] & 15];
	}
	fc->maxn = maxn;
	fc->maxbytes = maxbytes;
	return fc;
}

static void
ent_clear(struct frame_cache *fc, struct frame_ent *e)
{
	fc->bytes -= e->klen + e->hlen + e->nslot * sizeof(*e->slot);
	free(e->key);
	free(e->html);
	free(e->slot);
	memset(e, 0, sizeof(*e));
}

void
frame_free(struct frame_cache *fc)
{
	size_t	 i;

	if (fc == NULL)
		return;
	for (i = 0; i < fc->maxn; i++)
		ent_clear(fc, &fc->ent[i]);
	free(fc->ent);
	free(fc);
}

void
frame_size(const struct frame_cache *fc, size_t *n, size_t *bytes)
{
	size_t	 i;

	*n = 0;
	for (i = 0; i < fc->maxn; i++)
		if (fc->ent[i].key != NULL)
			(*n)++;
	*bytes = fc->bytes;
}

static int
is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The model's /page, or NULL. */
static xmlNodePtr
page_of(xmlDocPtr model)
{
	xmlNodePtr	 p;

	if (model == NULL || (p = xmlDocGetRootElement(model)) == NULL ||
	    !is_el(p, "page"))
		return NULL;
	return p;
}

/*
 * s as libxml2's HTML serialiser writes it in text and in an attribute
 * value (HTMLtree.c; tests/unit/t_render.c compares the two): & < >
 * escaped, UTF-8 as it is.  -1 for what it would write otherwise or
 * differently in the two places: a double quote, "&{" (HTML 4's script
 * macro, kept as it is in attributes), a control character, DEL, bad
 * UTF-8.
 */
int
frame_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *q;
	const char		*rep;
	size_t			 n = strlen(s);

	if (!utf8_valid(s, n))
		return -1;
	for (q = p; *q != '\0'; q++) {
		if (*q < 0x20 || *q == 0x7f || *q == '"' ||
		    (*q == '&' && q[1] == '{'))
			return -1;
		if (*q == '&')
			rep = "&amp;";
		else if (*q == '<')
			rep = "&lt;";
		else if (*q == '>')
			rep = "&gt;";
		else
			continue;
		if (buf_append(b, p, (size_t)(q - p)) == -1 ||
		    buf_puts(b, rep) == -1)
			return -1;
		p = q + 1;
	}
	return buf_append(b, p, (size_t)(q - p));
}

/* Is s empty once XPath's normalize-space() has run over it? */
static int
blank(const xmlChar *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static int
escapable(const xmlChar *s)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	rc = frame_escape(&b, (const char *)s);
	buf_free(&b);
	return rc;
}

/*
 * The member's name and CSRF token, when the frame can show them by
 * sentinels: /page/user (at most one) with exactly one <name>, no
 * attributes, text only, not blank; a csrf attribute, if any, not
 * empty; both escapable.  0 so, -1 render in full.
 */
int
frame_vals(xmlDocPtr model, struct frame_vals *fv)
{
	xmlNodePtr	 p, c, user = NULL, name = NULL, t;
	int		 rc = -1;

	memset(fv, 0, sizeof(*fv));
	if ((p = page_of(model)) == NULL)
		goto out;
	for (c = p->children; c != NULL; c = c->next) {
		if (!is_el(c, "user"))
			continue;
		if (user != NULL)
			goto out;
		user = c;
	}
	if (user == NULL) {
		rc = 0;
		goto out;
	}
	for (c = user->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, (const xmlChar *)"name")) {
			if (name != NULL || c->ns != NULL ||
			    c->properties != NULL)
				goto out;
			name = c;
		}
	}
	if (name == NULL || name->children == NULL)
		goto out;
	for (t = name->children; t != NULL; t = t->next)
		if (t->type != XML_TEXT_NODE)
			goto out;
	if ((fv->v[FRAME_NAME] = xmlNodeGetContent(name)) == NULL ||
	    blank(fv->v[FRAME_NAME]) || escapable(fv->v[FRAME_NAME]) == -1)
		goto out;
	if (xmlHasNsProp(user, (const xmlChar *)"csrf", NULL) != NULL &&
	    ((fv->v[FRAME_CSRF] = xmlGetNsProp(user, (const xmlChar *)"csrf",
	    NULL)) == NULL || *fv->v[FRAME_CSRF] == '\0' ||
	    escapable(fv->v[FRAME_CSRF]) == -1))
		goto out;
	rc = 0;
out:
	if (rc == -1)
		frame_vals_free(fv);
	return rc;
}

void
frame_vals_free(struct frame_vals *fv)
{
	int	 i;

	for (i = 0; i < FRAME_NVAL; i++) {
		xmlFree(fv->v[i]);
		fv->v[i] = NULL;
	}
}

/* A length and the bytes: no two different inputs write the same key. */
static int
key_str(struct buf *k, const xmlChar *s)
{
	uint32_t	 n = s != NULL ? (uint32_t)xmlStrlen(s) : 0xffffffffU;

	if (buf_append(k, &n, sizeof(n)) == -1)
		return -1;
	return s != NULL ? buf_append(k, s, n) : 0;
}

/*
 * An attribute's value and its name into the key: a single text child
 * as it is (what the model writes), else its value made.
 */
static int
key_attr(struct buf *k, xmlAttrPtr a, int blankout)
{
	xmlChar		*v = NULL;
	const xmlChar	*val;
	int		 rc;

	if (blankout)
		val = (const xmlChar *)"";
	else if (a->children != NULL && a->children->next == NULL &&
	    a->children->type == XML_TEXT_NODE)
		val = a->children->content;
	else
		val = v = xmlNodeListGetString(a->doc, a->children, 1);
	rc = key_str(k, a->ns != NULL ? a->ns->href : NULL) == -1 ||
	    key_str(k, a->name) == -1 || key_str(k, val) == -1 ? -1 : 0;
	xmlFree(v);
	return rc;
}

/*
 * A node as the key writes it: its kind, name, attributes and children,
 * every string with its length.  In /page/user the csrf attribute and
 * the text of <name> are written as "present" only (frame_vals() has
 * checked them): the frame holds sentinels there.
 */
static int
key_node(struct buf *k, xmlNodePtr n, int inuser)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;
	char		 kind = (char)n->type;
	int		 rc = 0;

	if (buf_append(k, &kind, 1) == -1)
		return -1;
	if (n->type != XML_ELEMENT_NODE) {
		if (inuser == 2)
			return key_str(k, (const xmlChar *)"");
		return key_str(k, n->name) == -1 ||
		    key_str(k, n->content) == -1 ? -1 : 0;
	}
	if (key_str(k, n->ns != NULL ? n->ns->href : NULL) == -1 ||
	    key_str(k, n->name) == -1)
		return -1;
	for (a = n->properties; a != NULL && rc == 0; a = a->next)
		rc = key_attr(k, a, inuser == 1 && a->ns == NULL &&
		    xmlStrEqual(a->name, (const xmlChar *)"csrf"));
	if (buf_append(k, ">", 1) == -1)
		return -1;
	for (c = n->children; c != NULL && rc == 0; c = c->next)
		rc = key_node(k, c, inuser == 1 && is_el(c, "name") ? 2 :
		    inuser == 2 ? 2 : 0);
	if (rc == 0 && buf_append(k, "<", 1) == -1)
		rc = -1;
	return rc;
}

/*
 * The frame's key: the stylesheet, the page's title (from the main
 * run, so a title that reads the content or the member is in it), the
 * attributes of /page and its children but content, form, errors and
 * messages, /page/user as key_node() writes it.  0 done, -1 render in
 * full (the nonce in the model, or no memory).
 */
int
frame_key(const struct frame_cache *fc, struct buf *k, int style,
    xmlDocPtr model, const xmlChar *title)
{
	xmlNodePtr	 p, c;
	xmlAttrPtr	 a;
	size_t		 i;
	int		 rc = -1, skip;

	k->len = 0;
	if ((p = page_of(model)) == NULL || buf_append(k, &style,
	    sizeof(style)) == -1 || key_str(k, title) == -1)
		goto out;
	for (a = p->properties; a != NULL; a = a->next)
		if (key_attr(k, a, 0) == -1)
			goto out;
	if (buf_append(k, ">", 1) == -1)
		goto out;
	for (c = p->children; c != NULL; c = c->next) {
		for (i = 0, skip = 0; c->type == XML_ELEMENT_NODE &&
		    i < sizeof(main_only) / sizeof(main_only[0]); i++)
			if (is_el(c, main_only[i]))
				skip = 1;
		/* Whitespace between elements: strip-space drops it. */
		if (skip || c->type == XML_COMMENT_NODE ||
		    (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)))
			continue;
		if (key_node(k, c, is_el(c, "user")) == -1)
			goto out;
	}
	if (memmem(k->data, k->len, fc->nonce, NONCE_LEN) != NULL)
		goto out;
	rc = 0;
out:
	return rc;
}

static void
sentinel(const struct frame_cache *fc, int what, char *s)
{
	memcpy(s, PUA, PUA_LEN);
	memcpy(s + PUA_LEN, fc->nonce, NONCE_LEN);
	s[PUA_LEN + NONCE_LEN] = (char)('0' + what);
	memcpy(s + PUA_LEN + NONCE_LEN + 1, PUA, PUA_LEN);
	s[SENT_LEN] = '\0';
}

/*
 * copy (of a model frame_vals() accepted) made the frame run's model:
 * the children only main reads taken out, so that whatever a frame
 * holds comes from its key and the sentinels and nothing else, and the
 * member's name and CSRF token replaced by their sentinels.  0 done, -1
 * not.
 */
int
frame_sentinels(const struct frame_cache *fc, xmlDocPtr copy)
{
	xmlNodePtr	 p, c, next, user = NULL;
	char		 s[SENT_LEN + 1];
	size_t		 i;

	if ((p = page_of(copy)) == NULL)
		return -1;
	for (c = p->children; c != NULL; c = next) {
		next = c->next;
		for (i = 0; i < sizeof(main_only) / sizeof(main_only[0]); i++)
			if (is_el(c, main_only[i])) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
				break;
			}
		if (i == sizeof(main_only) / sizeof(main_only[0]) &&
		    is_el(c, "user"))
			user = c;
	}
	if (user == NULL)
		return 0;
	for (c = user->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(c->name, (const xmlChar *)"name")) {
			sentinel(fc, FRAME_NAME, s);
			xmlNodeSetContent(c, (const xmlChar *)s);
		}
	if (xmlHasNsProp(user, (const xmlChar *)"csrf", NULL) != NULL) {
		sentinel(fc, FRAME_CSRF, s);
		if (xmlSetProp(user, (const xmlChar *)"csrf",
		    (const xmlChar *)s) == NULL)
			return -1;
	}
	return 0;
}

/* FNV-1a of n bytes: the frames' and render.c's page cache's hash. */
uint64_t
fnv1a(const char *p, size_t n)
{
	uint64_t	 h = 1469598103934665603ULL;

	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * 1099511628211ULL;
	return h;
}

struct frame_ent *
frame_find(struct frame_cache *fc, const struct buf *k)
{
	struct frame_ent	*e;
	uint64_t		 h = fnv1a(k->data, k->len);
	size_t			 i;

	for (i = 0; i < fc->maxn; i++) {
		e = &fc->ent[i];
		if (e->key != NULL && e->hash == h && e->klen == k->len &&
		    memcmp(e->key, k->data, k->len) == 0) {
			e->used = ++fc->tick;
			return e;
		}
	}
	return NULL;
}

static int
has_nonce(const struct frame_cache *fc, const xmlChar *s)
{
	return s != NULL && strstr((const char *)s, fc->nonce) != NULL;
}

/*
 * Does the result tree under n hold the nonce anywhere but in text
 * outside script and style and in attribute values?  1 so (the frame
 * renders in full).
 */
static int
tree_bad(const struct frame_cache *fc, xmlNodePtr n, int raw)
{
	xmlAttrPtr	 a;
	xmlNodePtr	 c;
	int		 r;

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
			if (raw && has_nonce(fc, n->content))
				return 1;
			break;
		case XML_ELEMENT_NODE:
			if (has_nonce(fc, n->name))
				return 1;
			for (a = n->properties; a != NULL; a = a->next) {
				if (has_nonce(fc, a->name))
					return 1;
				for (c = a->children; c != NULL; c = c->next)
					if (c->type != XML_TEXT_NODE &&
					    c->type != XML_ENTITY_REF_NODE)
						return 1;
			}
			r = xmlStrcasecmp(n->name,
			    (const xmlChar *)"script") == 0 ||
			    xmlStrcasecmp(n->name,
			    (const xmlChar *)"style") == 0;
			if (tree_bad(fc, n->children, r))
				return 1;
			break;
		default:
			if (has_nonce(fc, n->content) ||
			    has_nonce(fc, n->name) ||
			    tree_bad(fc, n->children, 1))
				return 1;
			break;
		}
	}
	return 0;
}

static int
add_slot(struct frame_ent *e, size_t *cap, size_t off, int what)
{
	struct slot	*s;

	if (e->nslot == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		if ((s = reallocarray(e->slot, *cap, sizeof(*s))) == NULL)
			return -1;
		e->slot = s;
	}
	e->slot[e->nslot].off = off;
	e->slot[e->nslot].what = what;
	e->nslot++;
	return 0;
}

/*
 * Cut html (the frame run's page) at the marker and the sentinels into
 * e.  -1 when it cannot be spliced exactly: the marker not there once,
 * a sentinel taken apart by an escape.
 */
static int
cut(const struct frame_cache *fc, struct frame_ent *e, const char *html,
    size_t len)
{
	const char	*p = html, *end = html + len, *m, *s, *mark;
	size_t		 cap = 0, ml = strlen(FRAME_MARK);
	int		 what;

	if ((mark = memmem(html, len, FRAME_MARK, ml)) == NULL ||
	    memmem(mark + ml, (size_t)(end - mark - ml), FRAME_MARK,
	    ml) != NULL)
		return -1;
	if ((e->html = malloc(len + 1)) == NULL)
		return -1;
	e->hlen = 0;
	for (;;) {
		s = memmem(p, (size_t)(end - p), fc->nonce, NONCE_LEN);
		m = mark != NULL && mark >= p ? mark : NULL;
		if (s == NULL && m == NULL)
			break;
		if (s == NULL || (m != NULL && m < s)) {
			memcpy(e->html + e->hlen, p, (size_t)(m - p));
			e->hlen += (size_t)(m - p);
			if (add_slot(e, &cap, e->hlen, SLOT_MAIN) == -1)
				return -1;
			p = m + ml;
			mark = NULL;
			continue;
		}
		/* Whole: U+E000, nonce, field, U+E000; never escaped. */
		if (s - p < PUA_LEN || memcmp(s - PUA_LEN, PUA, PUA_LEN) != 0 ||
		    end - s < NONCE_LEN + 1 + PUA_LEN ||
		    memcmp(s + NONCE_LEN + 1, PUA, PUA_LEN) != 0)
			return -1;
		what = s[NONCE_LEN] - '0';
		if (what < 0 || what >= FRAME_NVAL)
			return -1;
		memcpy(e->html + e->hlen, p, (size_t)(s - PUA_LEN - p));
		e->hlen += (size_t)(s - PUA_LEN - p);
		if (add_slot(e, &cap, e->hlen, what) == -1)
			return -1;
		p = s + NONCE_LEN + 1 + PUA_LEN;
	}
	if (mark != NULL)
		return -1;
	memcpy(e->html + e->hlen, p, (size_t)(end - p));
	e->hlen += (size_t)(end - p);
	return 0;
}

/*
 * Keep the frame run's result res, serialised as html, under key k (the
 * cache takes k's bytes), evicting the least recently used entries to
 * stay within the cache's count and bytes.  An entry that cannot be
 * spliced exactly is kept too, without html: its pages render in full.
 * NULL when out of memory.
 */
struct frame_ent *
frame_put(struct frame_cache *fc, struct buf *k, xmlDocPtr res,
    const char *html, size_t len)
{
	struct frame_ent	*e, *lru, *free_ent;
	size_t			 i, n, need = k->len + len;

	for (;;) {
		lru = free_ent = NULL;
		for (i = n = 0; i < fc->maxn; i++) {
			e = &fc->ent[i];
			if (e->key == NULL) {
				if (free_ent == NULL)
					free_ent = e;
				continue;
			}
			n++;
			if (lru == NULL || e->used < lru->used)
				lru = e;
		}
		if (free_ent != NULL && (n == 0 ||
		    fc->bytes + need <= fc->maxbytes))
			break;
		ent_clear(fc, lru);
	}
	lru = free_ent;
	e = lru;
	e->key = k->data;		/* the cache takes the key */
	e->klen = k->len;
	k->data = NULL;
	k->len = k->cap = 0;
	e->hash = fnv1a(e->key, e->klen);
	e->used = ++fc->tick;
	if (len > ENT_MAXHTML || tree_bad(fc, res->children, 0) ||
	    cut(fc, e, html, len) == -1) {
		free(e->html);
		free(e->slot);
		e->html = NULL;
		e->hlen = 0;
		e->slot = NULL;
		e->nslot = 0;
	}
	fc->bytes += e->klen + e->hlen + e->nslot * sizeof(*e->slot);
	return e;
}

int
frame_usable(const struct frame_ent *e)
{
	return e->html != NULL;
}

/*
 * The page: the frame's bytes with main's content (main, len) and the
 * member's strings, escaped, where they go.  0 done, -1 not (a string
 * the frame shows is not in vals, or out of memory).
 */
int
frame_splice(struct buf *out, const struct frame_ent *e,
    const struct frame_vals *fv, const char *main, size_t len)
{
	size_t	 i, at = 0;
	int	 rc = 0;

	for (i = 0; i < e->nslot && rc == 0; i++) {
		rc = buf_append(out, e->html + at, e->slot[i].off - at);
		at = e->slot[i].off;
		if (rc == -1)
			break;
		if (e->slot[i].what == SLOT_MAIN)
			rc = buf_append(out, main, len);
		else if (fv->v[e->slot[i].what] == NULL)
			rc = -1;
		else
			rc = frame_escape(out,
			    (const char *)fv->v[e->slot[i].what]);
	}
	if (rc == 0)
		rc = buf_append(out, e->html + at, e->hlen - at);
	return rc;
}
