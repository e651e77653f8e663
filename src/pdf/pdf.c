/*
 * pdf.c — the print vocabulary (pdf.h) laid out on A4 with pango and
 * written as PDF by cairo (CORE-20).
 *
 * Layout is one pass that places every line, rule and QR code on a page
 * (a display list); drawing is a second pass over the pages, so the
 * footer can say "n / N".  Paragraphs split between lines; table rows
 * never split, and a table's head rows are drawn again at the top of
 * each page it continues on.  cairo embeds the fonts as subsets of the
 * glyphs used; the font map, the pango context and each tenant's logo
 * are made once per worker.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "ctx.h"
#include "log.h"
#include "pdf.h"
#include "render.h"
#include "tenant.h"
#include "upload.h"

#define MM(x)		((x) * 72.0 / 25.4)
#define PAGE_W		595.276		/* A4, points */
#define PAGE_H		841.890
#define MARGIN_X	MM(20)
#define MARGIN_TOP	MM(28)		/* below the header */
#define MARGIN_BOTTOM	MM(22)		/* above the footer */
#define HEADER_Y	MM(10)
#define LOGO_H		MM(11)
#define CONTENT_W	(PAGE_W - 2 * MARGIN_X)
#define BOTTOM		(PAGE_H - MARGIN_BOTTOM)
#define CELL_PAD	4.0
#define MAX_COLS	16
#define FONT_SANS	"Noto Sans CJK JP"
#define FONT_SERIF	"Noto Serif CJK JP"
#define FONT_MONO	"Noto Sans Mono CJK JP"
#define DRAFT_MARK	"申請未完了"

enum op_kind { OP_LINE, OP_RULE, OP_FILL, OP_QR };

/* One thing drawn on one page. */
struct op {
	enum op_kind	 kind;
	int		 page;
	double		 x, y, w, h;	/* LINE: x, baseline y */
	PangoLayout	*layout;	/* LINE (a reference) */
	int		 line;		/* LINE: its index in layout */
	QRcode		*qr;		/* QR (owned by the first op) */
};

struct lay {
	PangoContext	*pc;
	struct op	*ops;
	size_t		 nops, cap;
	int		 page;		/* 1-based */
	double		 y;
	int		 oom;
};

/* Per worker: made on first use, kept for the worker's life. */
static PangoFontMap	*fontmap;
static PangoContext	*pcontext;
static RsvgHandle	*logos[TENANT_MAX];
static int		 logo_tried[TENANT_MAX];

static int
pdf_init(void)
{
	cairo_font_options_t	*fo;

	if (pcontext != NULL)
		return 0;
	if ((fontmap = pango_cairo_font_map_new()) == NULL)
		return -1;
	pcontext = pango_font_map_create_context(fontmap);
	/* Points: one unit is one point on the PDF page. */
	pango_cairo_context_set_resolution(pcontext, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pcontext, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(pcontext, pango_language_from_string("ja"));
	return 0;
}

static RsvgHandle *
tenant_logo(const struct tenant *t)
{
	char		 path[4096];
	GError		*err = NULL;

	if (t == NULL || t->idx < 0 || t->idx >= TENANT_MAX)
		return NULL;
	if (!logo_tried[t->idx]) {
		logo_tried[t->idx] = 1;
		snprintf(path, sizeof(path), "%s/static/logo.svg", t->dir);
		logos[t->idx] = rsvg_handle_new_from_file(path, &err);
		if (err != NULL)
			g_error_free(err);
	}
	return logos[t->idx];
}

/* ---- layout ------------------------------------------------------------ */

static struct op *
op_add(struct lay *l, enum op_kind k)
{
	struct op	*o, *n;
	size_t		 cap;

	if (l->nops == l->cap) {
		cap = l->cap ? l->cap * 2 : 256;
		if ((n = realloc(l->ops, cap * sizeof(*n))) == NULL) {
			l->oom = 1;
			return NULL;
		}
		l->ops = n;
		l->cap = cap;
	}
	o = &l->ops[l->nops++];
	memset(o, 0, sizeof(*o));
	o->kind = k;
	o->page = l->page;
	return o;
}

static void
new_page(struct lay *l)
{
	l->page++;
	l->y = MARGIN_TOP;
}

static xmlChar *
prop(xmlNodePtr n, const char *name)
{
	return xmlGetProp(n, (const xmlChar *)name);
}

static int
prop_is(xmlNodePtr n, const char *name, const char *v)
{
	xmlChar	*p = prop(n, name);
	int	 eq = p != NULL && strcmp((const char *)p, v) == 0;

	xmlFree(p);
	return eq;
}

static double
prop_num(xmlNodePtr n, const char *name, double dflt, double lo, double hi)
{
	xmlChar	*p = prop(n, name);
	double	 v = dflt;

	if (p != NULL) {
		v = strtod((const char *)p, NULL);
		if (!(v >= lo && v <= hi))
			v = dflt;
	}
	xmlFree(p);
	return v;
}

/* A layout of the node's text in width w (points), styled. */
static PangoLayout *
text_layout(struct lay *l, const char *text, double w, const char *family,
    double size, int bold, PangoAlignment align)
{
	PangoLayout		*pl;
	PangoFontDescription	*fd;

	/*
	 * Every bold is the serif's: cairo copies a CJK face's whole CFF
	 * table (some 16 MB) for each face a document uses, so each face
	 * costs about 10 ms; documents use three at most.
	 */
	if (bold)
		family = FONT_SERIF;
	pl = pango_layout_new(l->pc);
	fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(pl, align);
	pango_layout_set_spacing(pl, (int)(size * 0.35 * PANGO_SCALE));
	pango_layout_set_text(pl, text, -1);
	return pl;
}

static double
layout_h(PangoLayout *pl)
{
	int	 w, h;

	pango_layout_get_size(pl, &w, &h);
	return (double)h / PANGO_SCALE;
}

/*
 * Place the lines of pl from x, starting at y (the top), on the pages
 * they fall on when `split`; else all on the current page.  Returns the
 * y below the last line.
 */
static double
place_lines(struct lay *l, PangoLayout *pl, double x, double y, int split)
{
	PangoLayoutIter	*it;
	struct op	*o;
	PangoRectangle	 lr;
	double		 top, off = 0, at;
	int		 i = 0;

	it = pango_layout_get_iter(pl);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		top = (double)lr.y / PANGO_SCALE;
		at = y + top - off;	/* the line's top on its page */
		if (split && at + (double)lr.height / PANGO_SCALE > BOTTOM &&
		    at > MARGIN_TOP) {
			new_page(l);
			y = l->y;
			off = top;
			at = y;
		}
		if ((o = op_add(l, OP_LINE)) != NULL) {
			/* A line drawn alone keeps its alignment's indent. */
			o->x = x + (double)lr.x / PANGO_SCALE;
			o->y = at + (double)pango_layout_iter_get_baseline(it) /
			    PANGO_SCALE - top;
			o->layout = g_object_ref(pl);
			o->line = i;
		}
		i++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return y + layout_h(pl) - off;
}

static void
rule(struct lay *l, double x, double y, double w, double h, enum op_kind k)
{
	struct op	*o;

	if ((o = op_add(l, k)) != NULL) {
		o->x = x;
		o->y = y;
		o->w = w;
		o->h = h;
	}
}

static void
text_block(struct lay *l, xmlNodePtr n, const char *family, double size,
    int bold, PangoAlignment align, double before, double after)
{
	PangoLayout	*pl;
	xmlChar		*t = xmlNodeGetContent(n);

	if (l->y > MARGIN_TOP)
		l->y += before;
	pl = text_layout(l, t != NULL ? (const char *)t : "", CONTENT_W,
	    family, size, bold, align);
	xmlFree(t);
	l->y = place_lines(l, pl, MARGIN_X, l->y, 1) + after;
	g_object_unref(pl);
}

static void
do_paragraph(struct lay *l, xmlNodePtr n)
{
	PangoAlignment	 a = PANGO_ALIGN_LEFT;

	if (prop_is(n, "align", "center"))
		a = PANGO_ALIGN_CENTER;
	else if (prop_is(n, "align", "right"))
		a = PANGO_ALIGN_RIGHT;
	text_block(l, n, prop_is(n, "font", "serif") ? FONT_SERIF :
	    prop_is(n, "font", "mono") ? FONT_MONO : FONT_SANS,
	    prop_num(n, "size", 10.5, 6, 48), prop_is(n, "weight", "bold"),
	    a, 0, 6);
}

/* A heading keeps at least two body lines with it. */
static void
do_heading(struct lay *l, xmlNodePtr n)
{
	if (l->y + 14 + 14 + 2 * 16 > BOTTOM)
		new_page(l);
	text_block(l, n, FONT_SANS, 13, 1, PANGO_ALIGN_LEFT, 10, 2);
	rule(l, MARGIN_X, l->y, CONTENT_W, 0.8, OP_RULE);
	l->y += 6;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, (const xmlChar *)name))
			return n;
	return NULL;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* One table row: its cells' layouts, its height. */
struct row {
	PangoLayout	*cell[MAX_COLS];
	int		 ncell;
	double		 h;
};

static void
row_make(struct lay *l, xmlNodePtr r, const double *w, int ncol, int head,
    struct row *out)
{
	xmlNodePtr	 c;
	xmlChar		*t;
	double		 h;

	memset(out, 0, sizeof(*out));
	for (c = r->children; c != NULL && out->ncell < ncol; c = c->next) {
		if (!is(c, "c") && !is(c, "k") && !is(c, "v"))
			continue;
		t = xmlNodeGetContent(c);
		out->cell[out->ncell] = text_layout(l, t ? (const char *)t :
		    "", w[out->ncell] - 2 * CELL_PAD, FONT_SANS, 9.5,
		    head || is(c, "k"), PANGO_ALIGN_LEFT);
		xmlFree(t);
		h = layout_h(out->cell[out->ncell]) + 2 * CELL_PAD;
		if (h > out->h)
			out->h = h;
		out->ncell++;
	}
	if (out->h == 0)
		out->h = 2 * CELL_PAD + 12;
}

static void
row_free(struct row *r)
{
	int	 i;

	for (i = 0; i < r->ncell; i++)
		g_object_unref(r->cell[i]);
}

/* Draw a made row at l->y: shading, cells, rules. */
static void
row_place(struct lay *l, struct row *r, const double *w, int shade)
{
	double	 x = MARGIN_X;
	int	 i;

	if (shade)
		rule(l, MARGIN_X, l->y, CONTENT_W, r->h, OP_FILL);
	for (i = 0; i < r->ncell; i++) {
		place_lines(l, r->cell[i], x + CELL_PAD, l->y + CELL_PAD, 0);
		x += w[i];
	}
	rule(l, MARGIN_X, l->y + r->h, CONTENT_W, 0.4, OP_RULE);
	l->y += r->h;
}

/*
 * A row no page can hold (a long note in a narrow column): each cell at
 * the full width under its label (the head row's cell, or a <kv> row's
 * key), split between lines like a paragraph.
 */
static void
row_tall(struct lay *l, const struct row *r, const struct row *head, int kv)
{
	PangoLayout	*pl;
	const char	*label;
	int		 i;

	for (i = kv ? 1 : 0; i < r->ncell; i++) {
		label = kv ? pango_layout_get_text(r->cell[0]) :
		    head != NULL && i < head->ncell ?
		    pango_layout_get_text(head->cell[i]) : "";
		if (*label != '\0') {
			pl = text_layout(l, label, CONTENT_W, FONT_SANS, 9.5, 1,
			    PANGO_ALIGN_LEFT);
			l->y = place_lines(l, pl, MARGIN_X, l->y + CELL_PAD, 1);
			g_object_unref(pl);
		}
		pl = text_layout(l, pango_layout_get_text(r->cell[i]),
		    CONTENT_W - 2 * CELL_PAD, FONT_SANS, 9.5, 0,
		    PANGO_ALIGN_LEFT);
		l->y = place_lines(l, pl, MARGIN_X + CELL_PAD, l->y + 2, 1);
		g_object_unref(pl);
	}
	l->y += CELL_PAD;
	rule(l, MARGIN_X, l->y, CONTENT_W, 0.4, OP_RULE);
}

/*
 * A table: head rows (shaded) repeated at the top of every page it
 * continues on; body rows whole.  <kv> is a table of two columns, the
 * keys in bold.
 */
static void
do_table(struct lay *l, xmlNodePtr n, int kv)
{
	xmlNodePtr	 head, r;
	struct row	 hr[4], br;
	double		 w[MAX_COLS], sum = 0, hh = 0;
	xmlChar		*ws;
	char		*p, *e;
	int		 ncol = 0, nhead = 0, i, started = 0;

	if (kv) {
		w[0] = CONTENT_W * 0.3;
		w[1] = CONTENT_W * 0.7;
		ncol = 2;
	} else {
		/* Widths: the widths attribute, else the first row's cells. */
		if ((ws = prop(n, "widths")) != NULL) {
			for (p = (char *)ws; ncol < MAX_COLS; p = e) {
				w[ncol] = strtod(p, &e);
				if (e == p || !(w[ncol] > 0 && w[ncol] < 1000))
					break;
				sum += w[ncol++];
			}
			xmlFree(ws);
		}
		if (ncol == 0) {
			head = child(n, "head");
			r = head != NULL ? child(head, "row") : child(n, "row");
			for (r = r ? r->children : NULL; r != NULL &&
			    ncol < MAX_COLS; r = r->next)
				if (is(r, "c"))
					sum += w[ncol++] = 1;
		}
		if (ncol == 0)
			return;
		for (i = 0; i < ncol; i++)
			w[i] = CONTENT_W * w[i] / sum;
	}
	if ((head = child(n, "head")) != NULL)
		for (r = head->children; r != NULL && nhead < 4; r = r->next)
			if (is(r, "row")) {
				row_make(l, r, w, ncol, 1, &hr[nhead]);
				hh += hr[nhead++].h;
			}
	l->y += 4;
	for (r = n->children; r != NULL; r = r->next) {
		if (!is(r, "row"))
			continue;
		row_make(l, r, w, ncol, 0, &br);
		if (br.h > BOTTOM - MARGIN_TOP - hh - 8) {
			/* Taller than a page: its cells one under another. */
			row_tall(l, &br, nhead > 0 ? &hr[0] : NULL, kv);
			row_free(&br);
			started = 0;
			continue;
		}
		if (!started || l->y + br.h > BOTTOM) {
			if (l->y + hh + br.h > BOTTOM && l->y > MARGIN_TOP)
				new_page(l);
			rule(l, MARGIN_X, l->y, CONTENT_W, 0.8, OP_RULE);
			for (i = 0; i < nhead; i++)
				row_place(l, &hr[i], w, 1);
			started = 1;
		}
		row_place(l, &br, w, 0);
		row_free(&br);
	}
	for (i = 0; i < nhead; i++)
		row_free(&hr[i]);
	l->y += 8;
}

static void
do_qr(struct lay *l, xmlNodePtr n)
{
	struct op	*o;
	QRcode		*qr;
	xmlChar		*t = xmlNodeGetContent(n);
	double		 size = MM(prop_num(n, "size", 30, 10, 150));

	qr = t != NULL ? QRcode_encodeString((const char *)t, 0, QR_ECLEVEL_M,
	    QR_MODE_8, 1) : NULL;
	xmlFree(t);
	if (qr == NULL)
		return;
	if (l->y + size > BOTTOM)
		new_page(l);
	if ((o = op_add(l, OP_QR)) == NULL) {
		QRcode_free(qr);
		return;
	}
	o->qr = qr;
	o->x = (PAGE_W - size) / 2;
	o->y = l->y + 4;
	o->w = o->h = size;
	l->y += size + 8;
}

/* Lay out every block of the print document. */
static void
layout_doc(struct lay *l, xmlNodePtr root)
{
	xmlNodePtr	 n;

	for (n = root->children; n != NULL && !l->oom; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "title"))
			text_block(l, n, FONT_SERIF, 20, 1, PANGO_ALIGN_CENTER,
			    8, 12);
		else if (is(n, "heading"))
			do_heading(l, n);
		else if (is(n, "paragraph"))
			do_paragraph(l, n);
		else if (is(n, "kv"))
			do_table(l, n, 1);
		else if (is(n, "table"))
			do_table(l, n, 0);
		else if (is(n, "qr"))
			do_qr(l, n);
		else if (is(n, "space"))
			l->y += MM(prop_num(n, "mm", 5, 0, 200));
		else if (is(n, "pagebreak") && l->y > MARGIN_TOP)
			new_page(l);
	}
}

/* ---- drawing ----------------------------------------------------------- */

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_append(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static void
draw_text(cairo_t *cr, PangoContext *pc, const char *s, double x, double y,
    double size, int bold, PangoAlignment a, double w)
{
	PangoLayout	*pl;
	struct lay	 tmp;

	memset(&tmp, 0, sizeof(tmp));
	tmp.pc = pc;
	pl = text_layout(&tmp, s, w, FONT_SANS, size, bold, a);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, pl);
	g_object_unref(pl);
}

/* The header (logo, tenant name, the mark) and the footer (n / N). */
static void
draw_frame(cairo_t *cr, PangoContext *pc, const struct tenant *t,
    const char *lang, int page, int pages, const char *mark)
{
	RsvgHandle	*logo = tenant_logo(t);
	RsvgRectangle	 vp = { MARGIN_X, HEADER_Y, LOGO_H, LOGO_H };
	char		 num[32];
	double		 nx = MARGIN_X;

	if (logo != NULL && rsvg_handle_render_document(logo, cr, &vp, NULL))
		nx += LOGO_H + MM(3);
	if (t != NULL)
		draw_text(cr, pc, strcmp(lang, "en") == 0 ? t->name_en :
		    t->name_ja, nx, HEADER_Y + LOGO_H / 2 - 7, 10, 1,
		    PANGO_ALIGN_LEFT, MM(110));
	if (mark != NULL && page > 1) {
		cairo_set_source_rgb(cr, 0.75, 0.05, 0.1);
		cairo_set_line_width(cr, 1.2);
		cairo_rectangle(cr, PAGE_W - MARGIN_X - MM(38), HEADER_Y + 1,
		    MM(38), LOGO_H - 2);
		cairo_stroke(cr);
		draw_text(cr, pc, mark, PAGE_W - MARGIN_X - MM(38),
		    HEADER_Y + LOGO_H / 2 - 8, 12, 1, PANGO_ALIGN_CENTER,
		    MM(38));
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_rectangle(cr, MARGIN_X, HEADER_Y + LOGO_H + MM(2), CONTENT_W,
	    0.5);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	snprintf(num, sizeof(num), "%d / %d", page, pages);
	draw_text(cr, pc, num, MARGIN_X, PAGE_H - MM(14), 9, 0,
	    PANGO_ALIGN_CENTER, CONTENT_W);
}

static void
draw_qr(cairo_t *cr, const struct op *o)
{
	const QRcode	*q = o->qr;
	double		 m = o->w / (q->width + 8);	/* a quiet zone of 4 */
	int		 x, y;

	cairo_set_source_rgb(cr, 0, 0, 0);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1)
				cairo_rectangle(cr, o->x + (x + 4) * m,
				    o->y + (y + 4) * m, m, m);
	cairo_fill(cr);
}

static void
draw_op(cairo_t *cr, const struct op *o)
{
	switch (o->kind) {
	case OP_LINE:
		cairo_move_to(cr, o->x, o->y);
		pango_cairo_show_layout_line(cr,
		    pango_layout_get_line_readonly(o->layout, o->line));
		break;
	case OP_RULE:
		cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
		cairo_rectangle(cr, o->x, o->y - o->h / 2, o->w, o->h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		break;
	case OP_FILL:
		cairo_set_source_rgb(cr, 0.92, 0.93, 0.95);
		cairo_rectangle(cr, o->x, o->y, o->w, o->h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		break;
	case OP_QR:
		draw_qr(cr, o);
		break;
	}
}

static void
lay_free(struct lay *l)
{
	size_t	 i;

	for (i = 0; i < l->nops; i++) {
		if (l->ops[i].layout != NULL)
			g_object_unref(l->ops[i].layout);
		if (l->ops[i].qr != NULL)
			QRcode_free(l->ops[i].qr);
	}
	free(l->ops);
}

int
pdf_layout(const struct tenant *t, const char *lang, xmlDocPtr print,
    int flags, struct buf *out, struct pdf_info *info)
{
	cairo_surface_t	*s = NULL;
	cairo_t		*cr = NULL;
	struct lay	 l;
	xmlNodePtr	 root, m;
	xmlChar		*mark = NULL, *title = NULL;
	size_t		 i = 0;
	int		 p, rc = -1;

	memset(&l, 0, sizeof(l));
	if (pdf_init() == -1 || print == NULL ||
	    (root = xmlDocGetRootElement(print)) == NULL ||
	    !xmlStrEqual(root->name, (const xmlChar *)"print"))
		goto out;
	s = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W,
	    PAGE_H);
	cr = cairo_create(s);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	if ((title = prop(root, "title")) != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    (const char *)title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "shikaku");
	/* A draft always carries the mark, whatever the stylesheet said. */
	if ((m = child(root, "mark")) != NULL)
		mark = xmlNodeGetContent(m);
	if ((mark == NULL || *mark == '\0') && (flags & PDF_DRAFT)) {
		xmlFree(mark);
		mark = xmlStrdup((const xmlChar *)DRAFT_MARK);
	}
	pango_cairo_update_context(cr, pcontext);
	l.pc = pcontext;
	new_page(&l);
	layout_doc(&l, root);
	if (l.oom)
		goto out;
	for (p = 1; p <= l.page; p++) {
		draw_frame(cr, l.pc, t, lang, p, l.page, (const char *)mark);
		for (; i < l.nops && l.ops[i].page == p; i++)
			draw_op(cr, &l.ops[i]);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cr = NULL;
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		goto out;
	if (info != NULL)
		info->pages = l.page;
	rc = 0;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	if (s != NULL)
		cairo_surface_destroy(s);
	lay_free(&l);
	xmlFree(mark);
	xmlFree(title);
	if (rc == -1)
		log_err("pdf: layout failed");
	return rc;
}

/* ---- the service -------------------------------------------------------- */

int
pdf_render(struct ctx *c, xmlDocPtr model, const char *print_xsl, int flags,
    struct buf *out)
{
	const char	*params[] = { "draft", (flags & PDF_DRAFT) ? "1" : "0",
			    NULL };
	xmlDocPtr	 print;
	int		 rc;

	if (print_xsl == NULL)
		print_xsl = PDF_GENERIC_XSL;
	/* Well-formed whatever was stored (CORE-3), like a page. */
	if (model_clean(model) == -1)
		return -1;
	print = render_print(c->app->render, c->tenant, print_xsl, model,
	    params);
	if (print == NULL)
		return -1;
	rc = pdf_layout(c->tenant, c->lang, print, flags, out, NULL);
	xmlFreeDoc(print);
	return rc;
}

/*
 * CORE-3: asked for with Accept: application/xml, a PDF's address
 * answers with the model it is made from, like every page.
 */
int
pdf_wants_model(const struct ctx *c)
{
	return c->accept != NULL &&
	    (strncasecmp(c->accept, "application/xml", 15) == 0 ||
	    strncasecmp(c->accept, "text/xml", 8) == 0);
}

enum result
pdf_page(struct ctx *c, const char *print_xsl, int flags,
    const char *filename_utf8)
{
	struct buf	 out = { NULL, 0, 0 };
	enum result	 r = RES_INTERNAL;

	if (c->model != NULL && pdf_wants_model(c))
		return RES_OK;
	if (c->model != NULL && pdf_render(c, c->model, print_xsl, flags,
	    &out) == 0)
		r = pdf_respond(c, &out, filename_utf8);
	buf_free(&out);
	return r;
}

int
pdf_disposition(char *out, size_t outlen, const char *filename_utf8)
{
	return upload_disposition(out, outlen, "attachment", filename_utf8);
}

enum result
pdf_respond(struct ctx *c, struct buf *out, const char *filename_utf8)
{
	char	 cd[1024];

	if (pdf_disposition(cd, sizeof(cd), filename_utf8) == -1)
		return RES_INTERNAL;
	xmlFreeDoc(c->model);
	c->model = NULL;
	c->content = NULL;
	buf_free(&c->body);
	c->body = *out;
	out->data = NULL;
	out->len = out->cap = 0;
	c->ctype = "application/pdf";
	/* Cache-Control: no-store is on every answer (response.c). */
	buf_printf(&c->hdrs, "Content-Disposition: %s\r\n", cd);
	return RES_OK;
}
