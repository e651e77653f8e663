/* csv.h — the CSV reader (RFC 4180, UTF-8) imports use. */
#ifndef SHIKAKU_CSV_H
#define SHIKAKU_CSV_H

#include <stddef.h>

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

#endif
