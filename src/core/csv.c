/*
 * csv.c — the CSV reader (RFC 4180: quotes, doubled quotes, line
 * breaks inside quotes; an Excel BOM is skipped), for every import.
 * It reads from memory and knows nothing of columns: callers map the
 * header row themselves (apply/import.c does for every import).  The
 * writer below makes what Excel opens as is (CORE-20 exports).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "ctx.h"

int
csv_open(struct csv *x, const char *data, size_t len)
{
	memset(x, 0, sizeof(*x));
	if ((x->b = calloc(1, sizeof(*x->b))) == NULL)
		return -1;
	/* Excel writes UTF-8 with a byte order mark. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	x->p = data;
	x->end = data + len;
	x->next = 1;
	return 0;
}

void
csv_close(struct csv *x)
{
	buf_free(x->b);
	free(x->b);
	x->b = NULL;
}

/*
 * The next row into x->cell[0..n-1], NUL-terminated as written.  1 a
 * row, 0 the end, -1 malformed (an unterminated quote, a quote inside a
 * bare field, text after a closing quote, too many columns).  x->line
 * is the row's first line, for messages.
 */
int
csv_row(struct csv *x)
{
	size_t		 off[CSV_MAXCOL], n = 0, i;
	const char	*p = x->p;
	int		 quoted;

	if (p >= x->end)
		return 0;
	buf_reset(x->b);
	x->line = x->next;
	for (;;) {
		if (n == CSV_MAXCOL)
			return -1;
		off[n++] = x->b->len;
		if ((quoted = p < x->end && *p == '"')) {
			for (p++;; p++) {
				if (p >= x->end)
					return -1;
				if (*p == '"' && p + 1 < x->end && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				else if (*p == '\n')
					x->next++;
				if (buf_append(x->b, p, 1) == -1)
					return -1;
			}
			p++;
		}
		for (; p < x->end && *p != ',' && *p != '\n'; p++) {
			/* CR before LF (or at the end) belongs to the line end. */
			if (*p == '\r' && (p + 1 == x->end || p[1] == '\n'))
				continue;
			if (quoted || *p == '"')
				return -1;
			if (buf_append(x->b, p, 1) == -1)
				return -1;
		}
		if (buf_append(x->b, "", 1) == -1)
			return -1;
		if (p >= x->end || *p == '\n')
			break;
		p++;	/* the comma */
	}
	if (p < x->end)
		p++;	/* the newline */
	x->next++;
	for (i = 0; i < n; i++)
		x->cell[i] = x->b->data + off[i];
	x->n = n;
	x->p = p;
	return 1;
}

/* ---- the writer, for Excel ------------------------------------------------- */

/* Excel opens a file as UTF-8 only when it starts with the BOM. */
int
csv_bom(struct buf *b)
{
	return buf_append(b, "\xef\xbb\xbf", 3);
}

int
csv_eol(struct buf *b)
{
	return buf_append(b, "\r\n", 2);
}

/* At the start of a row: nothing yet, just the BOM, or after a CRLF. */
static int
row_start(const struct buf *b)
{
	return b->len == 0 || b->data[b->len - 1] == '\n' || (b->len == 3 &&
	    memcmp(b->data, "\xef\xbb\xbf", 3) == 0);
}

/*
 * One RFC 4180 field, with its separating comma: quoted when it holds
 * a comma, quote or line end, quotes doubled.  Text that a spreadsheet
 * would take for a formula (=, +, -, @, tab or CR first: members type
 * free text) gets a leading apostrophe, which Excel shows as text and
 * does not display.
 */
int
csv_cell(struct buf *b, const char *v)
{
	const char	*p;
	int		 formula;

	if (v == NULL)
		v = "";
	if (!row_start(b) && buf_append(b, ",", 1) == -1)
		return -1;
	formula = *v != '\0' && strchr("=+-@\t\r", *v) != NULL;
	if (strpbrk(v, ",\"\r\n") == NULL)
		return (formula ? buf_puts(b, "'") : 0) | buf_puts(b, v);
	if (buf_puts(b, formula ? "\"'" : "\"") == -1)
		return -1;
	for (p = v; *p != '\0'; p++)
		if ((*p == '"' && buf_puts(b, "\"\"") == -1) ||
		    (*p != '"' && buf_append(b, p, 1) == -1))
			return -1;
	return buf_puts(b, "\"");
}

int
csv_cellf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 v[256];

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return csv_cell(b, v);
}

/*
 * The answer: text/csv in UTF-8 as an attachment named filename (RFC
 * 5987 filename* for Japanese names, an ASCII fallback for old
 * clients).  b is taken in any case.
 */
enum result
csv_respond(struct ctx *c, struct buf *b, const char *filename)
{
	char		 cd[1024];
	enum result	 res = RES_INTERNAL;

	if (b->data == NULL && buf_append(b, "", 0) == -1)
		goto out;
	if (http_disposition(cd, sizeof(cd), "attachment", filename) == -1)
		goto out;
	xmlFreeDoc(c->model);
	c->model = NULL;
	c->content = NULL;
	buf_free(&c->body);
	c->body = *b;
	b->data = NULL;
	b->len = b->cap = 0;
	c->ctype = "text/csv; charset=utf-8";
	/* Cache-Control: no-store is on every answer (response.c). */
	if (buf_printf(&c->hdrs, "Content-Disposition: %s\r\n", cd) == -1)
		goto out;
	res = RES_OK;
out:
	buf_free(b);
	return res;
}
