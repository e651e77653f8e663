/*
 * db.h — the data layer's connection and statement helpers.  All SQL
 * lives in the data-layer files (db_*.c); handlers call functions.
 *
 * Arguments are bound from a type string, one letter per '?':
 *   's' const char *   'i' long long   'n' NULL
 *   'b' const void *, size_t (binary)
 * Return contract: <0 error, 0 nothing (no row / no change), >0 ok.
 */
#ifndef SHIKAKU_DB_H
#define SHIKAKU_DB_H

#include <stddef.h>

struct config;
struct db;

/* db_exec() result when a unique key refused the row. */
#define DB_DUP	-2

struct dbres {
	size_t	 nrows;
	size_t	 ncols;
	char	**cell;		/* nrows * ncols, NULL for SQL NULL */
	size_t	 *len;		/* their lengths: cells may be binary */
};

struct db	*db_open(const struct config *, char *, size_t);
void		 db_close(struct db *);
int		 db_ping(struct db *);
int		 db_exec(struct db *, const char *, const char *, ...);
struct dbres	*db_select(struct db *, const char *, const char *, ...);
const char	*dbres_get(const struct dbres *, size_t, size_t);
size_t		 dbres_len(const struct dbres *, size_t, size_t);
struct dbres	*dbres_cols(struct dbres *, size_t);
void		 dbres_free(struct dbres *);
long long	 db_insert_id(struct db *);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
int		 db_rollback(struct db *);
int		 db_end(struct db *, int);
int		 db_run_script(struct db *, const char *, size_t, char *,
		    size_t);

#endif
