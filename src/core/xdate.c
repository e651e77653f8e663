/*
 * xdate.c — sk:date(d, lang), what the template `date` of
 * xslt/core/i18n.xsl writes, in one C call: "2025-04-01" as
 * 「2025年4月1日」 (lang "ja", or anything but "en") or "1 Apr 2025"
 * ("en"); anything not shaped like YYYY-MM-DD as it is.  As a template
 * a date costs libxml2's XPath about forty thousand instructions (three
 * variables and a dozen tests, each an interpreted expression); 会員情報
 * draws three (issue 10).  The template stays the reference, and the
 * xsltproc path: tests/unit/t_xdate.c compares the two on awkward input.
 * Wiring (two edits, made together): render_new() registers xdate_fn as
 * "date" in RENDER_NS beside sk:t, and the template's first branch
 * becomes <xsl:when test="$have-sk"><xsl:value-of
 * select="sk:date(string($d), $lang)"/></xsl:when>.  Gating on
 * function-available('sk:date') instead costs about 7 k instructions a
 * call while the function is missing: on every miss libxslt looks for
 * a plugin module for the namespace (a path printed, getenv(), a hash).
 *
 * The template's test, read for what it accepts: at least ten
 * characters; the first ten are digits but for exactly two "-"; the
 * fifth is "-"; number(substring(d, 6, 2)) is 1 to 12 and
 * number(substring(d, 9, 2)) 1 to 31.  Given the first three, the
 * month's and the day's two characters are digits or one "-", and a
 * "-" makes number() negative or NaN, so both must be two digits.
 * The year is the first four characters as they are (they may hold
 * the second "-").
 */
#include <string.h>

#include <libxml/xpathInternals.h>

#include "buf.h"
#include "xdate.h"

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* Two digits at s: their value, or -1. */
static int
two(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Append d as the template would write it (en: English); 0, or -1. */
int
xdate_format(struct buf *b, const char *d, int en)
{
	char	 out[64];
	int	 i, dashes = 0, m, dd, n;

	for (i = 0; i < 10; i++) {
		if (d[i] == '-')
			dashes++;
		else if (d[i] < '0' || d[i] > '9')
			break;
	}
	if (i < 10 || dashes != 2 || d[4] != '-' ||
	    (m = two(d + 5)) < 1 || m > 12 || (dd = two(d + 8)) < 1 ||
	    dd > 31)
		return buf_append(b, d, strlen(d));
	if (en)
		n = snprintf(out, sizeof(out), "%d %.3s %.4s", dd,
		    months + (m - 1) * 3, d);
	else
		n = snprintf(out, sizeof(out), "%.4s年%d月%d日", d, m, dd);
	return n < 0 ? -1 : buf_append(b, out, (size_t)n);
}

/* sk:date(d, lang): XPath strings in, a string out. */
void
xdate_fn(xmlXPathParserContextPtr pctxt, int nargs)
{
	struct buf	 b = { NULL, 0, 0 };
	xmlChar		*d, *lang;

	if (nargs != 2) {
		xmlXPathSetArityError(pctxt);
		return;
	}
	lang = xmlXPathPopString(pctxt);
	d = xmlXPathPopString(pctxt);
	if (d != NULL && lang != NULL && xdate_format(&b, (const char *)d,
	    xmlStrEqual(lang, (const xmlChar *)"en")) == 0 &&
	    buf_append(&b, "", 1) == 0)
		valuePush(pctxt, xmlXPathWrapString(xmlStrdup(
		    (const xmlChar *)b.data)));
	else {
		/* A macro with braces of its own: no "else" after it. */
		xmlXPathSetError(pctxt, XPATH_MEMORY_ERROR);
	}
	buf_free(&b);
	xmlFree(d);
	xmlFree(lang);
}
