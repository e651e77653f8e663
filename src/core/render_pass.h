/*
 * render_pass.h — C passes for the templates a long page draws dozens
 * or hundreds of times (issue 10).  Each is an extension element of the
 * skc namespace whose xsl:fallback holds the XSLT it replaces: the C
 * writes the same nodes, declines to the fallback for what it does not
 * draw, and tests/golden renders every case both ways.
 */
#ifndef SHIKAKU_RENDER_PASS_H
#define SHIKAKU_RENDER_PASS_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "buf.h"

/* A feature's own pass (struct feature's passes): skc:NAME. */
struct render_pass {
	const char		*name;
	xsltTransformFunction	 fn;
};

/*
 * Registers skc:options, skc:field and every feature's passes, once;
 * render.c gives the two functions below their answers.
 */
typedef void	(*render_tf_fn)(xsltTransformContextPtr, const xmlChar *,
		    const char *, struct buf *);
typedef int	(*render_cpass_fn)(xsltTransformContextPtr);
void	render_pass_register(render_tf_fn, render_cpass_fn);

/*
 * For writing a pass.  pass_attr(): an attribute's value read in place
 * (NULL absent; *odd set when it is not one text node: decline).
 * pass_el() and pass_text() add to parent (no text for ""), pass_msg()
 * the message key with "{0}" as arg (b is scratch), pass_fallback() runs
 * inst's xsl:fallback for node, as libxslt does for an unknown element.
 */
const xmlChar	*pass_attr(const xmlNode *, const char *, int *);
xmlNodePtr	 pass_el(xsltTransformContextPtr, xmlNodePtr, const char *);
void		 pass_prop(xmlNodePtr, const char *, const xmlChar *);
void		 pass_text(xsltTransformContextPtr, xmlNodePtr, const char *,
		    size_t);
void		 pass_msg(xsltTransformContextPtr, xmlNodePtr, const xmlChar *,
		    const xmlChar *, struct buf *);
void		 pass_fallback(xsltTransformContextPtr, xmlNodePtr, xmlNodePtr);
/*
 * pass_apply(): <xsl:apply-templates select="node"/> (default mode)
 * with its output under parent.  pass_field(): a form <field> as
 * components.xsl's template draws it, in C where skc:field would.
 */
void		 pass_apply(xsltTransformContextPtr, xmlNodePtr, xmlNodePtr);
void		 pass_field(xsltTransformContextPtr, xmlNodePtr, xmlNodePtr);
/*
 * pass_field_markup(): the same field as markup appended to b (0), for
 * a pass that writes a whole row so; 1 and nothing appended when the
 * field's template must draw it (an error, a hint, a checkbox…).
 */
int		 pass_field_markup(xsltTransformContextPtr, xmlNodePtr,
		    struct buf *);
/*
 * pass_msg_markup(): the message key ("{0}" arg, NULL none) appended
 * to out escaped as text, or (value 1) as an attribute's ="value"; b
 * is scratch.  -1 when memory ran out.
 */
int		 pass_msg_markup(xsltTransformContextPtr, struct buf *,
		    const xmlChar *, const xmlChar *, struct buf *, int);
/*
 * Markup written by the pass itself (escaped with html_out_text() and
 * html_out_uri(), as html_out.c would write the nodes), added to parent
 * as one text node the serialisers copy as it is: for long tables, where
 * a node costs more to make, write and free than its bytes.
 */
void		 pass_raw(xsltTransformContextPtr, xmlNodePtr, const char *,
		    size_t);

/*
 * render_tf(): into b, the page's message for key with "{0}" as arg (the
 * key itself when there is none), as sk:tf() gives it to the XSLT.
 * render_cpass(): 1 draw, 0 run the fallback (tests/golden's other
 * render).
 */
void	render_tf(xsltTransformContextPtr, const xmlChar *, const char *,
	    struct buf *);
int	render_cpass(xsltTransformContextPtr);

#endif
