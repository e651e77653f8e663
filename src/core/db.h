/*
 * db.h — the data layer's connection and statement helpers.  All SQL
 * lives in the data-layer files (db_*.c); handlers call functions.
 *
 * Arguments are bound from a type string, one letter per '?':
 *   's' const char *   'i' long long   'n' NULL
 *   'b' const void *, size_t (binary)
 * Return contract: <0 error, 0 nothing (no row / no change), >0 ok.
 *
 * Typed rows: callers never read a cell by its number.  A query either
 * fills a struct of its own (dbq_upload_meta()) or returns a dbres
 * whose columns an enum names beside its prototype, ending in __MAX;
 * the query passes its result through dbres_cols(r, X__MAX), so a
 * SELECT and its enum that drift apart fail instead of misreading.
 * A query of one value (a count, an id) reads it with dbres_scalar().
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
const char	*dbres_scalar(const struct dbres *);
struct dbres	*dbres_cols(struct dbres *, size_t);
void		 dbres_free(struct dbres *);
/* A UNION ALL read by dbres_part(): its first column names each row's part. */
#define DBRES_PART_TAG	0
struct dbres	*dbres_part(const struct dbres *, const char *, size_t,
		    size_t);
/* ORDER BY 1, 2, ... in C (the outer ORDER BY of a UNION costs a disk table). */
struct dbres	*dbres_sorted(struct dbres *, size_t, unsigned int);
long long	 db_insert_id(struct db *);
int		 db_node(const struct db *, char *, size_t, unsigned int *);
int		 db_begin(struct db *);
int		 db_commit(struct db *);
int		 db_rollback(struct db *);
int		 db_end(struct db *, int);
int		 db_tx_retry(struct db *);

/* Times worker.c runs a request again after db_tx_retry() (issue 15). */
#define DB_TX_RETRIES	3
int		 db_run_script(struct db *, const char *, size_t, char *,
		    size_t);

#endif
