/*
 * csv.c — the CSV reader (RFC 4180: quotes, doubled quotes, line
 * breaks inside quotes; an Excel BOM is skipped), for every import.
 * It reads from memory and knows nothing of columns: callers map the
 * header row themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"

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
