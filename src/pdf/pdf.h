/*
 * pdf.h — PDF documents made from a page's own XML model (CORE-20).
 *
 * One source of truth: the model a page shows is handed to a print
 * stylesheet (below xslt/, e.g. "pdf/certificate.xsl"), which turns it
 * into a small print vocabulary; a generic layout engine (pango, cairo)
 * paginates that into A4 with the tenant's name and logo and page
 * numbers on every page, and embeds the subset of the Noto CJK fonts it
 * used.  A product supplies a print stylesheet only.
 *
 * The vocabulary (root <print title="…">, in document order):
 *   <title>T</title>          the document's title, large, centred
 *   <heading>H</heading>      a section heading, kept with what follows
 *   <paragraph [align="left|center|right"] [size="pt"] [font="serif|mono"]
 *       [weight="bold"]>text</paragraph>
 *   <kv><row><k>key</k><v>value</v></row>…</kv>   a key/value table
 *   <table [widths="2 5 1"]><head><row><c>…</c>…</row></head>
 *       <row><c>…</c>…</row>…</table>   rows never split; a table split
 *       across pages repeats its head rows on each
 *   <qr [size="mm"]>URL</qr>  a QR code, centred
 *   <space [mm="N"]/>         vertical space
 *   <pagebreak/>              the next block starts a new page
 *   <mark>text</mark>         drawn on every page but the first (the
 *                             cover): e.g. 申請未完了 on a draft
 */
#ifndef SHIKAKU_PDF_H
#define SHIKAKU_PDF_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "ctx.h"

struct tenant;

/* pdf_render() flags */
#define PDF_DRAFT	0x01	/* a draft: the mark on pages 2..n, always */

/* What a print stylesheet produced, laid out; for tests and benches. */
struct pdf_info {
	int		 pages;
};

/* Any application (apply_app_model()), for offerings without their own. */
#define PDF_GENERIC_XSL	"pdf/application.xsl"

/*
 * The model through print_xsl (below xslt/, e.g. "pdf/certificate.xsl";
 * NULL: PDF_GENERIC_XSL; the stylesheet gets the string parameter
 * draft = '1' or '0') into a PDF appended to out.  0 ok, -1 error
 * (logged).  An application's page: pdf_render(c, c->model,
 * off->print_xsl, draft ? PDF_DRAFT : 0, &out), then pdf_respond().
 */
int		 pdf_render(struct ctx *, xmlDocPtr model, const char *print_xsl,
		    int flags, struct buf *out);

/*
 * A print vocabulary document into a PDF for tenant t (name and logo;
 * NULL: none), lang "ja" or "en".  0 ok, -1 error.
 */
int		 pdf_layout(const struct tenant *, const char *lang,
		    xmlDocPtr print, int flags, struct buf *out,
		    struct pdf_info *);

/*
 * The PDF as the answer: Content-Type application/pdf, the file name
 * in RFC 5987 form with an ASCII fallback, no-store.  Takes out's bytes
 * and drops the page's model (the answer is the PDF).
 */
enum result	 pdf_respond(struct ctx *, struct buf *out,
		    const char *filename_utf8);

/*
 * The page's own model (c->model) as the answer: pdf_render() and
 * pdf_respond(); or, asked for XML (pdf_wants_model()), the model
 * itself (CORE-3).
 */
int		 pdf_wants_model(const struct ctx *);
enum result	 pdf_page(struct ctx *, const char *print_xsl, int flags,
		    const char *filename_utf8);

/* The Content-Disposition value for filename_utf8.  0 ok, -1 too long. */
int		 pdf_disposition(char *, size_t, const char *filename_utf8);

#endif
