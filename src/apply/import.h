/*
 * import.h — the platform's CSV import (CORE-12, PAL-12, ONC-14, CME-2):
 * one page shape for every list a society's office keeps in Excel
 * (exam sites, facilities, supervisors, dues, attendance, payments).
 *
 * A product describes its file once (struct import_spec: the columns by
 * their Japanese and English header, and four callbacks) and mounts
 * import_page() at its own URL.  The platform does the rest:
 *   GET             the form, the columns described, ?sample=1 a CSV
 *                   holding the header row (BOM, CRLF) to start from;
 *   POST step=check the dry run: every row read and checked, the report
 *                   (rows that would change, errors as file:line:column,
 *                   at most IMPORT_MAXERR listed with the total); nothing
 *                   is written, no transaction is opened;
 *   POST step=commit the same file (carried from the dry run, or chosen
 *                   again when too large to carry) read and checked
 *                   again inside one transaction; any error rolls all of
 *                   it back; else spec->commit() writes, the audit line
 *                   "import.<name>" joins the same transaction.
 *
 * Callbacks, in order, for both steps:
 *   begin(run)   load reference data ONCE (one statement, not per row);
 *                >0 ok, <=0 fails the request.  import_committing(run)
 *                says whether this is the commit (lock what you check).
 *   row(run, cell, &col, &value)  one data row; cell[i] is the value of
 *                cols[i] ("" when the column is absent), trimmed, valid
 *                UTF-8.  Return NULL when good (keep what commit needs in
 *                your state), else the i18n key of the error with *col
 *                the index into cols[] it is about (-1: the row) and,
 *                optionally, *value the text shown with it (defaults to
 *                the cell's).  Required columns are checked non-empty
 *                before row() is called.  IMPORT_FAILED: out of memory
 *                or a database error: fails the request.
 *   commit(run)  only at step=commit with no error: write every kept row
 *                in the open transaction, in batches (no round trip per
 *                row); >0 ok, 0 refused (rolled back; an error may be
 *                added with import_error()), <0 failed.
 *   end(run)     free the state (always called when begin was).
 */
#ifndef SHIKAKU_IMPORT_H
#define SHIKAKU_IMPORT_H

#include <stddef.h>

#include "ctx.h"
#include "form.h"

struct db;
struct dbres;

#define IMPORT_MAXERR		50		/* errors listed; all counted */
#define IMPORT_MAXROWS		50000		/* data rows in one file */
#define IMPORT_MAXBYTES		(8 * 1024 * 1024)	/* one file */
#define IMPORT_PREVIEW		50		/* good rows shown in the report */

/* row()'s answer for a failure that is not the file's fault. */
#define IMPORT_FAILED		((const char *)-1)

struct import_col {
	const char	*ja, *en;	/* header names; either is accepted */
	int		 required;	/* the header must be there, the cell
					 * non-empty */
};

struct import_run;

struct import_spec {
	const char	*name;		/* audit action "import.<name>" */
	const char	*title;		/* i18n key of the page title */
	const struct import_col *cols;
	size_t		 ncols;
	int		(*begin)(struct import_run *);
	const char	*(*row)(struct import_run *, const char *const *cell,
			    int *col, const char **value);
	int		(*commit)(struct import_run *);
	void		(*end)(struct import_run *);
	/* Optional, may be left 0/NULL: */
	size_t		 max_rows;	/* 0: IMPORT_MAXROWS */
	const char	*back;		/* a link back (e.g. the list), or NULL */
	const char	*help;		/* i18n key of a paragraph on the form */
};

/* What a callback may ask of the run. */
void		*import_state(struct import_run *);
void		 import_set_state(struct import_run *, void *);
void		*import_arg(struct import_run *);
struct ctx	*import_ctx(struct import_run *);
int		 import_committing(const struct import_run *);
size_t		 import_nrows(const struct import_run *);	/* good so far */
long long	 import_line(const struct import_run *);	/* of this row */
const char	*import_file(const struct import_run *);	/* its name */
/* At commit(): the id of this import's history row (import_history). */
long long	 import_history_id(const struct import_run *);
/* Record an error at (line, col into cols[] or -1) of the file. */
void		 import_error(struct import_run *, long long line, int col,
		    const char *key, const char *value);
/* Count a row under an i18n key for the report ("import.new", …). */
void		 import_tally(struct import_run *, const char *key);

/* The page: mount it for M_GET | M_POST at path in your page table. */
enum result	 import_page(struct ctx *, const struct import_spec *,
		    void *arg, const char *path);
/* The field the page's form carries (for struct page's .fields). */
extern const struct field import_fields[];
#define IMPORT_NFIELDS	1

/*
 * The parse alone, without a page (unit tests, the fuzzer, shikakuctl):
 * new, parse (calls begin/row, never commit), then look at the errors.
 */
struct import_err {
	long long	 line;		/* the row's first line, from 1 */
	int		 col;		/* 1-based column of the file, 0 row */
	const char	*key;
	char		 value[80];
};

struct import_run *import_run_new(struct ctx *, const struct import_spec *,
		    void *arg, const char *file, int commit);
int		 import_run_parse(struct import_run *, const char *, size_t);
size_t		 import_nerrors(const struct import_run *);	/* total */
const struct import_err *import_err_at(const struct import_run *, size_t);
void		 import_run_free(struct import_run *);

/*
 * The history of commits (dbq_import.c, sql/025_admin_console.sql): one
 * row per commit with the file kept, written in the commit's
 * transaction; listed and downloaded by the tenant admin
 * (/admin/imports).
 */
long long	 dbq_import_history_put(struct db *, const char *,
		    const char *, const char *, const char *, const char *,
		    const void *, size_t, long long, const char *,
		    const char *, const char *);
/* Columns of dbq_import_history(), newest first (no file). */
enum imph_col {
	IMPH_COL_ID,
	IMPH_COL_NAME,
	IMPH_COL_PATH,
	IMPH_COL_FILENAME,
	IMPH_COL_SHA256,
	IMPH_COL_BYTES,
	IMPH_COL_NROWS,
	IMPH_COL_TALLIES,
	IMPH_COL_ACTOR,
	IMPH_COL_AT,
	IMPH_COL_KEPT,		/* "1" the file is kept */
	IMPH_COL__MAX
};
struct dbres	*dbq_import_history(struct db *, const char *, long long);
/* Columns of dbq_import_file(): one row or none. */
enum impf_col {
	IMPF_COL_FILENAME,
	IMPF_COL_DATA,		/* binary: dbres_len() */
	IMPF_COL__MAX
};
struct dbres	*dbq_import_file(struct db *, const char *, long long);

#endif
