/*
 * review.h — the review chain and fees of applications (issue 9, items
 * 4 and 5), platform services beside apply.h: reviewers' queues and
 * actions on an application's submitted snapshot, reassignment,
 * reminders, fees with their confirmation one by one or by CSV import.
 */
#ifndef SHIKAKU_REVIEW_H
#define SHIKAKU_REVIEW_H

#include <stddef.h>

#include <libxml/tree.h>

struct apply_app;
struct apply_offering;
struct config;
struct ctx;
struct db;
struct dbres;
struct page;
struct tenant;
struct tenants;

/* Actions of the chain, as written in app_event.kind and the forms. */
#define REVIEW_COMMENT_MAX	2000	/* characters of a comment */
#define REVIEW_REMIND_MAX	365	/* days: review_remind_days' top */

/*
 * Page tables (declared in ctx.h for page.c): review_pages (review.c:
 * /review, /review/<id>, /admin/review/<id>/reassign) and fee_pages
 * (fee.c: /admin/fees, /admin/fees/<id>/confirm, /admin/fees/import).
 */
/* The mail templates of the chain and fees (tenants/_shared/mail/),
 * listed in the platform's (features.c platform_mail). */
extern const char *const review_mail[];

/*
 * Calls for the member side and features, inside the caller's
 * transaction: a line of an application's history (stage -1: none;
 * apply's submit and withdraw write theirs through dbq_app_event_put(),
 * as review.c calls apply.c and the two must not call each other), a
 * fee (an on_approved or on_create hook).
 */
long long	 review_event(struct db *, const char *, long long,
		    const char *, const char *, int, const char *, long long,
		    const char *);
int		 review_fee_create(struct db *, const struct tenant *,
		    const struct apply_app *, const char *, long long);
/* Mail tmpl to the applicant (vars name, number, kind, stage, comment,
 * application_url), in the caller's transaction: >0, 0 no address, <0 */
int		 review_mail_applicant(struct ctx *, const struct apply_app *,
		    const char *, const char *, const char *);
/* The history of an application as <history><event …/></history>. */
int		 review_history_model(struct ctx *, xmlNodePtr,
		    const struct apply_app *, const struct dbres *);
/*
 * The application's fees for the member's pages (apply_app_model, the
 * dashboard): <fees><fee kind amount state paid-on title/>
 * <certificate id href/>?</fees> (the certificate its payment issued),
 * nothing when it has none.  0, -1.
 */
int		 review_fees_model(struct ctx *, xmlNodePtr,
		    const struct apply_app *);
int		 review_fees_member_model(struct ctx *, xmlNodePtr);
/* The same from rows already read (dbq_dashboard_read()). */
void		 review_fees_member_rows(struct ctx *, xmlNodePtr,
		    const struct dbres *);
/* Demo data: a reviewer's action without a request (no mail). */
int		 review_demo_act(struct db *, const struct tenant *, long long,
		    const char *, const char *, const char *);
/* Has the visitor a reviewer's role of some stage on this tenant? */
int		 review_is_reviewer(const struct ctx *);
/* Has the tenant any offering (the fee pages' menu entry)? */
int		 review_has_offerings(const struct ctx *);

/* review_remind.c: the mailer's sweep (housekeep.c). */
int		 review_remind(struct db *, const struct config *,
		    const struct tenants *);

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
 * (*col FEE_AT_AMOUNT to point at the amount, else the number), or
 * FEE_CHECK_FAILED (the check itself failed: parsing stops).
 */
#define FEE_AT_NUMBER	0
#define FEE_AT_AMOUNT	1
#define FEE_CHECK_FAILED ((const char *)-1)
typedef const char *(*fee_check_fn)(struct fee_csv_row *, void *, int *);

int		 fee_csv_parse(const char *, size_t, fee_check_fn, void *,
		    struct fee_csv *);
void		 fee_csv_free(struct fee_csv *);
void		 fee_csv_err_text(const struct fee_csv_err *, const char *,
		    char *, size_t);
long long	 fee_amount_parse(const char *);
int		 fee_number_valid(const char *);
int		 fee_date_parse(const char *, char *, size_t);

/* ---- dbq_review.c -------------------------------------------------- */

int		 dbq_review_reviewer_ok(struct db *, const char *,
		    const char *, const char *, const char *);
/* Columns of dbq_review_reassign_page()'s 'r' part. */
enum reviewer_col {
	REVIEWER_COL_UID,
	REVIEWER_COL__MAX
};
/* Columns of dbq_review_reviewers_of(). */
enum remind_col {
	REMIND_COL_APP,
	REMIND_COL_UID,
	REMIND_COL__MAX
};
struct dbres	*dbq_review_reviewers_of(struct db *, const char *,
		    const char *, const char *);
int		 dbq_reviewer_scope_put(struct db *, const char *,
		    const char *, const char *, const char *);

/* Columns of dbq_review_queue()'s parts, after REVIEW_PAGE_SKIP. */
enum revq_col {
	REVQ_COL_ID,
	REVQ_COL_NUMBER,
	REVQ_COL_STATE,
	REVQ_COL_STAGE,
	REVQ_COL_KIND,
	REVQ_COL_UID,
	REVQ_COL_VERSION,
	REVQ_COL_SCOPE,
	REVQ_COL_WAITING,	/* since when at this stage */
	REVQ_COL_SUBMITTED,
	REVQ_COL_DECIDED,	/* NULL: not decided */
	REVQ_COL_FEE,		/* unpaid (any unpaid), paid, or NULL: none */
	REVQ_COL__MAX
};
/* 'w' waiting for the visitor, 'a' acted on by them (when asked). */
struct dbres	*dbq_review_queue(struct db *, const char *, const char *,
		    const char *, const char *, const char *, int);
int		 dbq_review_has_acted(struct db *, const char *, long long,
		    const char *);
char		*dbq_review_snapshot(struct db *, long long, long long *,
		    int *);
/*
 * The parts of dbq_review_app_page(), dbq_review_reassign_page() and
 * dbq_review_queue(), after the tag and an order column
 * (REVIEW_PAGE_SKIP): 'u' enum unpaid_col, 'v' enum visit_col, 's' enum
 * snap_col, 'e' enum event_col, 'r' enum reviewer_col.
 */
#define REVIEW_PAGE_SKIP	2
enum unpaid_col { UNPAID_COUNT, UNPAID__MAX };
enum visit_col {
	VISIT_REVIEWER,		/* > 0: a reviewer of the stage and scope */
	VISIT_ACTED,		/* > 0: acted on it once */
	VISIT__MAX
};
enum snap_col { SNAP_ID, SNAP_VERSION, SNAP_XML, SNAP__MAX };
struct dbres	*dbq_review_app_page(struct db *, const char *, long long,
		    const char *, const char *, const char *);
struct dbres	*dbq_review_reassign_page(struct db *, const char *,
		    long long, const char *);

/* Columns of dbq_app_events(), oldest first. */
enum event_col {
	EVENT_COL_KIND,
	EVENT_COL_ACTOR,	/* NULL: the system */
	EVENT_COL_STAGE,	/* NULL: none */
	EVENT_COL_COMMENT,	/* NULL: none */
	EVENT_COL_AT,
	EVENT_COL__MAX
};
struct dbres	*dbq_app_events(struct db *, const char *, long long);
long long	 dbq_app_event_put(struct db *, const char *, long long,
		    const char *, const char *, int, const char *, long long,
		    const char *);
int		 dbq_review_lock(struct db *, const char *, long long, int,
		    int);
int		 dbq_review_advance(struct db *, const char *, long long, int,
		    int, const char *, const char *);
int		 dbq_review_decide(struct db *, const char *, long long, int,
		    int, const char *, const char *, const char *);
int		 dbq_review_rescope(struct db *, const char *, long long, int,
		    int, const char *, const char *);

/* Columns of dbq_review_due(). */
enum due_col {
	DUE_COL_ID,
	DUE_COL_NUMBER,
	DUE_COL_KIND,
	DUE_COL_STAGE,
	DUE_COL_SCOPE,
	DUE_COL_VERSION,
	DUE_COL_WAITING,
	DUE_COL__MAX
};
struct dbres	*dbq_review_due(struct db *, const char *, const char *);

/* /admin/queues (queue_admin.c): every feature's applications. */
struct admq_filter {
	const char	*tenant;
	const char	*feature, *kind, *state, *reviewer;	/* "" any */
	long long	 year;		/* 0 any */
	const char	*before;	/* waiting since before, "" any */
};
enum admq_col {
	ADMQ_COL_ID,
	ADMQ_COL_NUMBER,
	ADMQ_COL_FEATURE,
	ADMQ_COL_KIND,
	ADMQ_COL_YEAR,
	ADMQ_COL_UID,
	ADMQ_COL_MEMBER_NO,
	ADMQ_COL_NAME,
	ADMQ_COL_STATE,
	ADMQ_COL_STAGE,
	ADMQ_COL_WAITING,	/* since when at its stage; NULL not submitted */
	ADMQ_COL_SUBMITTED,
	ADMQ_COL_DECIDED,
	ADMQ_COL_FEE,		/* unpaid, paid, or NULL: none */
	ADMQ_COL__MAX
};
struct dbres	*dbq_admq_apps(struct db *, const struct admq_filter *,
		    long long);
enum admqc_col {
	ADMQC_COL_STATE,
	ADMQC_COL_N,
	ADMQC_COL__MAX
};
struct dbres	*dbq_admq_counts(struct db *, const struct admq_filter *);

/* Columns of dbq_fee_list(), dbq_fee_lock(), dbq_fee_all(). */
enum fee_col {
	FEE_COL_ID,
	FEE_COL_APP,
	FEE_COL_KIND,
	FEE_COL_AMOUNT,
	FEE_COL_STATE,		/* unpaid, paid */
	FEE_COL_CREATED,
	FEE_COL_PAID_ON,	/* NULL: unpaid */
	FEE_COL_PAID_AT,
	FEE_COL_BY,
	FEE_COL_IMPORT,		/* NULL: by hand */
	FEE_COL_NUMBER,		/* the application's 申請番号 */
	FEE_COL_UID,
	FEE_COL_OFFERING,	/* the offering's kind */
	FEE_COL__MAX
};
int		 dbq_fee_create(struct db *, const char *, long long,
		    const char *, long long, const char *);
struct dbres	*dbq_fee_list(struct db *, const char *, const char *,
		    const char *, const char *, long long);
/* Columns of dbq_fee_counts(): one row per state. */
enum fee_count_col {
	FEE_COUNT_COL_STATE,
	FEE_COUNT_COL_N,
	FEE_COUNT_COL_TOTAL,
	FEE_COUNT_COL__MAX
};
struct dbres	*dbq_fee_counts(struct db *, const char *);
struct dbres	*dbq_fees_of_app(struct db *, const char *, long long);
struct dbres	*dbq_fees_of_member(struct db *, const char *, const char *);
struct dbres	*dbq_dashboard_read(struct db *, const char *, const char *,
		    int, int);
int		 dbq_dashboard_split(const struct dbres *, struct dbres **,
		    struct dbres **, struct dbres **);
struct dbres	*dbq_fee_lock(struct db *, const char *, long long);
struct dbres	*dbq_fee_all(struct db *, const char *, int);
int		 dbq_fee_unpaid(struct db *, const char *, long long);
int		 dbq_fee_confirm(struct db *, const char *, long long,
		    const char *, const char *, long long, const char *);

#endif
