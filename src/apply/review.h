/*
 * review.h — the review chain and fees of applications (issue 9, items
 * 4 and 5), platform services beside apply.h: reviewers' queues and
 * actions on an application's submitted snapshot, reassignment,
 * reminders, fees with their confirmation one by one or by CSV import.
 */
#ifndef SHIKAKU_REVIEW_H
#define SHIKAKU_REVIEW_H

#include <stddef.h>

/* ---- fee_import.c: the fee CSV, parsed without the database -------- */

#define FEE_AMOUNT_MAX	10000000LL	/* yen: a fee above is a typo */
#define FEE_CSV_MAXROWS	10000
#define FEE_CSV_MAXERR	100		/* listed; more are only counted */
#define FEE_NUMBER_MAX	33		/* an application number and NUL */

/* A good row: an application number and the amount paid. */
struct fee_csv_row {
	long long	 line;
	char		 number[FEE_NUMBER_MAX];
	long long	 amount;		/* yen */
	char		 paid_on[11];		/* YYYY-MM-DD, or "" */
	long long	 fee_id;		/* set by the check, if it likes */
};

/* An error at file:line:col (col 0: the row's or the file's). */
struct fee_csv_err {
	long long	 line;
	int		 col;
	const char	*key;			/* i18n key: fee.err.* */
	char		 value[64];		/* the cell, cut, or "" */
};

struct fee_csv {
	struct fee_csv_row	*rows;
	size_t			 nrows, cap;
	long long		 total;		/* of the good rows, yen */
	struct fee_csv_err	 err[FEE_CSV_MAXERR];
	size_t			 nerr;		/* listed */
	size_t			 nerr_total;	/* found */
};

/*
 * The caller's check of a good row (is it an application with an
 * unpaid fee of that amount?): NULL accepted, an error key refused
 * (*col FEE_COL_AMOUNT to point at the amount, else the number), or
 * FEE_CHECK_FAILED (the check itself failed: parsing stops).
 */
#define FEE_COL_NUMBER	0
#define FEE_COL_AMOUNT	1
#define FEE_CHECK_FAILED ((const char *)-1)
typedef const char *(*fee_check_fn)(struct fee_csv_row *, void *, int *);

int		 fee_csv_parse(const char *, size_t, fee_check_fn, void *,
		    struct fee_csv *);
void		 fee_csv_free(struct fee_csv *);
void		 fee_csv_err_text(const struct fee_csv_err *, const char *,
		    char *, size_t);
long long	 fee_amount_parse(const char *);
int		 fee_date_parse(const char *, char *, size_t);

#endif
