/*
 * csv.h — the CSV reader (RFC 4180, UTF-8) imports use, and the writer
 * for Excel every export uses (UTF-8 with a BOM, CRLF, RFC 4180 quoting).
 */
#ifndef SHIKAKU_CSV_H
#define SHIKAKU_CSV_H

#include <stddef.h>

#include "ctx.h"

#define CSV_MAXCOL	64

struct buf;

struct csv {
	const char	*p;		/* next byte */
	const char	*end;
	long long	 line;		/* where the row just read begins */
	long long	 next;		/* where the next row begins */
	char		*cell[CSV_MAXCOL];
	size_t		 n;
	struct buf	*b;		/* the cells' storage */
};

int		 csv_open(struct csv *, const char *, size_t);
int		 csv_row(struct csv *);
void		 csv_close(struct csv *);

/*
 * The writer.  csv_cell() puts the separating comma itself (none at the
 * start of the buffer, after the BOM or after a line end), so a row is
 * csv_cell() per value then csv_eol().  0 ok, -1 out of memory.
 */

int		 csv_bom(struct buf *);
int		 csv_cell(struct buf *, const char *);
int		 csv_cellf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 csv_eol(struct buf *);
/* Answer with b as text/csv, attachment named filename_utf8 (RFC 5987);
 * b is taken (emptied) in any case. */
enum result	 csv_respond(struct ctx *, struct buf *, const char *);

#endif
