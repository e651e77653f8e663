/*
 * html_out.h — the HTML serialiser for libxslt result documents: the
 * bytes libxml2 writes, without its per-node allocations (issue 10).
 * Every function returns 0, or -1 with the buffer as it was when the
 * tree holds something it does not write exactly as libxml2 does; the
 * caller then serialises through libxml2.
 */
#ifndef SHIKAKU_HTML_OUT_H
#define SHIKAKU_HTML_OUT_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "buf.h"

/*
 * What xsltSaveResultToString() gives for a stylesheet whose output is
 * method="html" encoding="UTF-8" indent="no"; -1 for any other output
 * declaration.  The result document is not modified (libxml2 inserts
 * the <meta http-equiv="Content-Type"> into <head>; this only writes it).
 */
int	 html_out_result(struct buf *, xmlDocPtr, xsltStylesheetPtr);
/* The same for the portal's output declaration, without the check. */
int	 html_out_doc(struct buf *, xmlDocPtr);
/*
 * What htmlNodeDumpFormatOutput(out, doc, node, "UTF-8", 0) gives for
 * an element, text, comment or processing instruction of an HTML
 * document.
 */
int	 html_out_node(struct buf *, xmlDocPtr, xmlNodePtr);

/*
 * For a C pass that writes markup itself (render_pass.h pass_raw()):
 * s as the text of an element other than script and style; ="v" as the
 * value of an attribute that is neither boolean nor a URI, and of an
 * href, src or action (outside namespaces): escaped and quoted as the
 * functions above write them.
 */
int	 html_out_text(struct buf *, const xmlChar *);
int	 html_out_value(struct buf *, const xmlChar *);
int	 html_out_uri(struct buf *, const xmlChar *);

/*
 * Test hook (tests/unit/t_html_out.c): when set, html_out_result()
 * shows it every result document (node NULL) and html_out_node() every
 * node (stylesheet NULL) before writing it.
 */
extern void	(*html_out_probe)(xmlDocPtr, xmlNodePtr, xsltStylesheetPtr);

#endif
