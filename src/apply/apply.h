/*
 * apply.h — applications as a platform service (issue 9; CORE-12,
 * CORE-18, CORE-19): what every society's product is made of.
 *
 * A feature declares its kinds of application (struct apply_offering,
 * listed in its struct feature's `offerings`); the platform keeps their
 * windows (table offering, one row per tenant, kind and year), the
 * members' applications with their sections, rows and a server-side
 * draft, the single final submission and the snapshot of what was
 * submitted, and draws the generic pages under /application/<kind>.
 *
 *   apply.c        offerings, windows, the menu note, loading an
 *                  application and its draft, section states, the model
 *                  (one source of truth: page, snapshot and PDF)
 *   apply_pages.c  the member's pages: 申請トップ, sections and rows,
 *                  confirm and submit, withdraw
 *   dbq_apply.c    the SQL (sql/011_apply.sql)
 *
 * Windows are checked against clock_now() to the second, in Japan time;
 * times travel as "YYYY-MM-DD HH:MM:SS" strings, which compare in time
 * order as plain strings.  Return contract as db.h: <0 error, 0
 * nothing, >0 ok.
 */
#ifndef SHIKAKU_APPLY_H
#define SHIKAKU_APPLY_H

#include <stddef.h>

#include <libxml/tree.h>

#include "clock.h"
#include "kv.h"

struct buf;
struct ctx;
struct db;
struct dbres;
struct field;
struct form_result;
struct page;
struct tenant;
struct apply_app;
struct apply_offering;

#define APPLY_SECTIONS_MAX	16	/* sections of one offering */
#define APPLY_ROWS_MAX		100	/* rows of one section, any offering */
#define APPLY_SHORT_MAX		16	/* shortfalls listed */
#define APPLY_NUMBER_LEN	33	/* 申請番号 and its NUL */
#define APPLY_COMMENT_LEN	4001	/* return comment, bytes */

/* Offering flags. */
#define APPLY_DRAFT_ANYTIME	0x01	/* sections may be saved outside the window */
#define APPLY_WITHDRAW		0x02	/* the member may withdraw a submission */
#define APPLY_PAY_FIRST		0x04	/* the next stage waits for payment */

/* ---- one section's rows ------------------------------------------------ */

/* One row as stored (row id 0: a one-form section), values as typed. */
struct apply_row {
	int		 id;
	struct kvlist	 vals;
};

struct apply_rows {
	struct apply_row *row;
	size_t		 n;
};

/* Every section's rows, in the offering's section order. */
struct apply_data {
	struct apply_rows sec[APPLY_SECTIONS_MAX];
};

/* A shortfall: an i18n key and its one argument, shown exactly. */
struct apply_shortfall {
	const char	*key;
	char		 arg[64];
	const char	*arg_key;	/* or the argument is this key's text */
};

struct apply_shortfalls {
	struct apply_shortfall s[APPLY_SHORT_MAX];
	size_t		 n;
};

void	 apply_shortfall_add(struct apply_shortfalls *, const char *,
	    const char *);

/*
 * A section: one form (max_rows 0) or rows (at most max_rows).  check
 * is the feature's rule beyond the fields for one form or row (e.g. an
 * overlap with the section's other rows): it adds errors to res and may
 * add derived values to vals (e.g. "facility.label": a label the model
 * shows beside the value); -1 on error.  complete says whether valid
 * rows make the section 登録済 (NULL: at least one valid row or a valid
 * form).  options fills the <option>s of a field chosen from data
 * (a facility list) in a form's model; -1 on error.
 */
struct apply_section {
	const char		*name;		/* URL word */
	const char		*title;		/* i18n key */
	const struct field	*fields;
	size_t			 nfields;
	int			 max_rows;	/* 0: one form */
	int		(*check)(struct ctx *, const struct apply_app *,
			    const struct apply_rows *, int,
			    struct kvlist *, struct form_result *);
	int		(*complete)(const struct apply_app *,
			    const struct apply_rows *);
	int		(*options)(struct ctx *, const struct apply_app *,
			    xmlNodePtr);
	int			 optional;	/* blank is no shortfall */
	/*
	 * issue 11: rewrites a POST's typed values before they are checked
	 * and saved, from what was pressed (c->form): e.g. a slot's ×
	 * removes it and moves the ones after it up (seed 002's 学歴).
	 * NULL: none; -1 on error.
	 */
	int		(*typed)(struct ctx *, const struct apply_app *,
			    struct kvlist *);
};

/*
 * A review stage (review.h runs the chain): its reviewers hold the role
 * (a name, resolved with role_bit(): "program_director",
 * "society_reviewer", "tenant_admin") with a scope matching what scope()
 * computes for an application entering the stage: "*", "uid:<uid>" or
 * a feature scope such as "domain:01".  -1 on error.  title names the
 * state (「統括責任者の確認待ち」), who the stage itself (統括責任者):
 * the history and the list of stages say who acted or acts.
 */
struct apply_stage {
	const char	*name;		/* "director" */
	const char	*title;		/* i18n key: the state, 「…の確認待ち」 */
	const char	*role;
	int		(*scope)(struct db *, const struct tenant *,
			    const struct apply_app *, char *, size_t);
	const char	*who;		/* i18n key: who, for the history */
	const char	*who_ja;	/* the same for mail: 「統括責任者」 */
};

/*
 * A kind of application.  Hooks run inside the action's transaction:
 * on_create when the application row is made (sets app->ref: e.g. the
 * program), on_approved after the final stage approves (e.g. the 認定料
 * fee), on_paid when its fee is confirmed (e.g. the certificate).
 * eligible: NULL, or the i18n key of why this member may not apply (the
 * menu shows it); shortfalls: what is missing before submission
 * (-1 on error).
 */
/*
 * What a feature with offerings puts first in its session_sql
 * (feature.h; issue 10): the member's live applications of every
 * offering, "offering_id:state,…" in no order, then '|' and whatever
 * the feature adds (APPLY_SESSION_SQL_WITH(its expression)).  The menu
 * note then needs no statement of its own (apply_menu_note()).
 */
#define APPLY_SESSION_APPS \
	"(SELECT GROUP_CONCAT(CONCAT(a.offering_id, ':', a.state)) " \
	"FROM app a WHERE a.tenant = s.tenant AND a.uid = s.uid " \
	"AND a.live = 1)"
#define APPLY_SESSION_SQL_WITH(extra) \
	"CONCAT(COALESCE(" APPLY_SESSION_APPS ", ''), '|', " \
	"COALESCE(" extra ", ''))"

/*
 * A kind of fee an offering declares (issue 12, ONC-14): its word (the
 * fee row's and offering_fee's kind; the admin form's field is
 * "fee_<name>"), its i18n key, and its default: the feature's
 * tenant.conf key `setting` when set, else `amount`.  The tenant's staff
 * may set each year's amount beside its window (/admin/offerings,
 * table offering_fee); whoever creates a fee asks apply_fee_db() or
 * apply_fee_cached() for it.  APPLY_FEE_APPROVAL is the one the review
 * chain creates at final approval (its fee row's kind is the
 * offering's, its title the offering's fee_key).
 */
struct apply_fee {
	const char	*name;
	const char	*title;		/* i18n key: 認定料, 審査料, 受験料 */
	long long	 amount;	/* yen, when setting is NULL */
	const char	*setting;	/* the feature's tenant.conf key, or NULL */
};

#define APPLY_FEE_APPROVAL	"approval"
#define APPLY_FEE_MAX		1000000LL	/* yen: the form's bound */
#define APPLY_FEES_MAX		8		/* kinds of one offering */

struct apply_offering {
	const char			*feature;
	const char			*kind;		/* URL word, unique per tenant */
	const char			*title;		/* i18n key */
	const char			*name_ja;	/* the title, for mail */
	const char			*name_en;
	const char			*number_prefix;	/* 申請番号: "TR" */
	const struct apply_section	*sections;	/* name NULL-ended */
	const struct apply_stage	*stages;	/* name NULL-ended */
	const char	*(*eligible)(struct ctx *, const struct apply_offering *);
	int		(*shortfalls)(struct ctx *, const struct apply_app *,
			    const struct apply_data *,
			    struct apply_shortfalls *);
	int		(*on_create)(struct db *, const struct tenant *,
			    struct apply_app *);
	int		(*on_approved)(struct db *, const struct tenant *,
			    const struct apply_app *);
	int		(*on_paid)(struct db *, const struct tenant *,
			    const struct apply_app *);
	unsigned int	 flags;				/* APPLY_* */
	const char	*mail_submitted;	/* template names; NULL: apply_* */
	const char	*mail_returned;
	const char	*mail_approved;
	const char	*mail_rejected;
	const char	*fee_key;		/* i18n key of its fee, or NULL */
	const struct apply_fee *fees;		/* name NULL-ended, or NULL */
	const char	*print_xsl;		/* under xslt/: its PDF, or NULL */
	/*
	 * Optional (review_export.c, /admin/review/export.csv): the
	 * offering's own columns after the platform's.  app NULL: write
	 * the header cells; else the cells of one application from its
	 * submitted snapshot's <application> (apply_app_model()'s XML).
	 * Cells with csv_cell() (csv.h), no query (one per row is too
	 * many).  0 ok, -1 failed.
	 */
	int		(*export_row)(struct ctx *, const struct apply_offering *,
			    xmlNodePtr app, struct buf *);
	/*
	 * issue 11: the offering's own part of the application's model,
	 * added after the sections (the page, the snapshot and the PDF draw
	 * it: e.g. a requirement panel), and what a submission stores
	 * besides the sections (the POST's own fields, c->form), run in the
	 * submission's transaction before the snapshot is taken.  NULL:
	 * none; -1 on error.
	 */
	int		(*model)(struct ctx *, xmlNodePtr,
			    const struct apply_app *);
	int		(*on_submit)(struct ctx *, const struct apply_app *);
	/*
	 * issue 11: the offering's own filter of the review queue
	 * (/review?tag=…, e.g. 筆記試験受験希望地): tag_key its label's i18n
	 * key, tag_options its choices as <option value>text</option>
	 * under the node given, tag_uids the applicants a value matches
	 * (a result whose column 0 is the uid; one statement).  With a tag
	 * chosen, only offerings that have one are listed.  NULL: none.
	 */
	const char	*tag_key;
	int		(*tag_options)(struct ctx *, xmlNodePtr);
	struct dbres	*(*tag_uids)(struct ctx *, const char *);
};

/* ---- windows (CORE-18) ------------------------------------------------- */

/* One offering row: a kind's window for a year. */
struct apply_window {
	long long	 id;		/* 0: no row at all */
	int		 year;
	char		 open_at[CLOCK_SQL_LEN];
	char		 close_at[CLOCK_SQL_LEN];
};

enum apply_wstate {
	AW_NONE,	/* no offering row: never open */
	AW_BEFORE,	/* not open yet */
	AW_OPEN,	/* open_at <= now <= close_at, to the second */
	AW_AFTER	/* closed */
};

enum apply_wstate apply_window_state(const struct apply_window *,
		    const char *);
const char	*apply_wstate_name(enum apply_wstate);
void		 apply_window_text(const struct apply_window *, int, char *,
		    size_t);

/* The menu's three states, in this order of precedence. */
enum apply_menu {
	AM_APPLIED,	/* 「申請済みです。」 */
	AM_REASON,	/* the feature's reason (or the window's: closed) */
	AM_WINDOW	/* 受付期間 … ~ … */
};

enum apply_menu	 apply_menu_state(const char *, const char *,
		    enum apply_wstate, const char **);

/* ---- fees per offering year (issue 12) ---------------------------------- */

const struct apply_fee *apply_fee_find(const struct apply_offering *,
		    const char *);
long long	 apply_fee_default(const struct tenant *,
		    const struct apply_offering *, const struct apply_fee *);
long long	 apply_fee_in_list(const char *, const char *);
long long	 apply_fee_check(const char *);
long long	 apply_fee_cached(struct ctx *, const struct apply_offering *,
		    int, const char *);
long long	 apply_fee_db(struct db *, const struct tenant *,
		    const struct apply_offering *, long long, const char *);

/* ---- applications ------------------------------------------------------ */

/* An application row as loaded. */
struct apply_app {
	long long			 id;
	const struct apply_offering	*off;
	struct apply_window		 win;
	char				 tenant[33];
	char				 kind[33];	/* the offering's */
	char				 uid[65];
	long long			 ref;		/* 0: none */
	char				 number[APPLY_NUMBER_LEN];
	char				 state[12];	/* draft, submitted, … */
	int				 stage;
	char				 scope[81];
	int				 version;	/* submissions so far */
	char				 created_at[CLOCK_SQL_LEN];
	char				 updated_at[CLOCK_SQL_LEN];
	char				 submitted_at[CLOCK_SQL_LEN]; /* "" */
	char				 decided_at[CLOCK_SQL_LEN];   /* "" */
	char				 return_comment[APPLY_COMMENT_LEN];
};

/* Section states: 未登録, 登録中, 登録済. */
enum apply_sstate {
	AS_BLANK,
	AS_PROGRESS,
	AS_DONE
};

enum apply_sstate apply_section_state(size_t, size_t, int);
const char	*apply_sstate_name(enum apply_sstate);
int		 apply_editable(const struct apply_app *);

const struct apply_offering *apply_offering_find(const struct tenant *,
		    const char *);
int		 apply_window_get(struct db *, const struct tenant *,
		    const struct apply_offering *, const char *,
		    struct apply_window *);
int		 apply_app_get(struct db *, const struct tenant *, long long,
		    struct apply_app *);
int		 apply_app_mine(struct ctx *, const struct apply_offering *,
		    struct apply_app *);
int		 apply_app_page(struct ctx *, const struct apply_offering *,
		    struct apply_app *);
/* dbq_app_page_read()'s files: UPLOAD_NAME_* (upload.h), then these. */
enum {
	APPLY_FILE_SIZE = 3, APPLY_FILE_SHA256, APPLY_FILE_SUBMITTED,
	APPLY_FILE_PUBLIC, APPLY_FILE_PURPOSE, APPLY_FILE__MAX
};
struct upload_info;
const struct apply_rows *apply_page_rows(const struct ctx *,
		    const struct apply_app *, const char *);
int		 apply_page_upload(const struct ctx *, const struct apply_app *,
		    const char *, struct upload_info *);
struct dbres	*apply_page_fees(const struct ctx *, const struct apply_app *);
const char	*apply_file_ctype(const struct ctx *, const struct apply_app *,
		    const char *);
int		 apply_data_load(struct db *, const struct apply_app *,
		    struct apply_data *);
void		 apply_data_free(struct apply_data *);
void		 apply_rows_free(struct apply_rows *);
int		 apply_section_eval(struct ctx *, const struct apply_app *,
		    const struct apply_section *, struct apply_rows *);
int		 apply_row_check(struct ctx *, const struct apply_app *,
		    const struct apply_section *, const struct apply_rows *,
		    int, struct kvlist *, struct form_result *);
int		 apply_shortfalls(struct ctx *, const struct apply_app *,
		    const struct apply_data *, struct apply_shortfalls *);

/*
 * The application as XML under parent: the page, the snapshot and the
 * PDF all draw this (one source of truth).  0, -1 on error.
 */
int		 apply_app_model(struct ctx *, xmlNodePtr,
		    const struct apply_app *);
/* The member's applications of every feature, for 現在の状況. */
int		 apply_member_apps_model(struct ctx *, xmlNodePtr);
int		 apply_session_any_live(const struct ctx *);
void		 apply_live_prime(struct ctx *, struct dbres *);
int		 apply_submit_mark(struct ctx *, struct apply_app *,
		    const char *);
int		 apply_seed(struct ctx *, const struct apply_offering *,
		    long long, const char *, const struct apply_rows *, int,
		    const char *, const char *);
/* The latest snapshot's XML (caller frees); NULL: none or error. */
char		*apply_snapshot_latest(struct db *, long long, int *);

xmlNodePtr	 apply_window_model(struct ctx *, xmlNodePtr,
		    const struct apply_window *, const char *);
int		 apply_standing(struct ctx *, const struct apply_offering *,
		    struct apply_app *, const char *, const char **);

/* The menu note of an offering's page (its href names the kind). */
void		 apply_menu_note(struct ctx *, xmlNodePtr);
const char	*apply_session_extra(const struct ctx *, const char *);

/* The submission's mail when an offering names none (apply_pages.c). */
extern const char *const apply_mail[];

/* apply_pages.c: /application/<kind>… (apply_pages[], ctx.h); a
 * feature's menu entry for an offering uses these handlers. */
enum result;
enum result	 apply_page_get(struct ctx *);
enum result	 apply_page_post(struct ctx *);

/* ---- dbq_apply.c ------------------------------------------------------- */

int		 dbq_offering_window(struct db *, const char *, const char *,
		    const char *, struct apply_window *);
long long	 dbq_offering_put(struct db *, const char *, const char *,
		    const char *, int, const char *, const char *);
/* Columns of dbq_offerings(): a tenant's windows, newest first. */
enum offering_col {
	OFFERING_COL_ID,
	OFFERING_COL_KIND,
	OFFERING_COL_YEAR,
	OFFERING_COL_OPEN,
	OFFERING_COL_CLOSE,
	OFFERING_COL_FEES,	/* "name=amount,…" of offering_fee, or NULL */
	OFFERING_COL__MAX
};
struct dbres	*dbq_offerings(struct db *, const char *);
long long	 dbq_offering_fee(struct db *, long long, const char *);
int		 dbq_offering_fee_put(struct db *, long long, const char *,
		    long long, const char *, const char *);
int		 dbq_aapp_live_get(struct db *, const char *, long long,
		    const char *, struct apply_app *);
int		 dbq_aapp_get(struct db *, const char *, long long,
		    struct apply_app *);
int		 dbq_aapp_mine(struct db *, const char *, const char *,
		    const char *, long long, struct apply_app *);
struct dbres	*dbq_aapp_live_all(struct db *, const char *, const char *);
/*
 * dbq_aapp_live_all()'s columns as text, for a statement of another
 * file that reads them in a UNION ALL (現在の状況's, dbq_review.c);
 * a JOIN of app a and offering o.
 */
#define APPLY_APP_NCOLS	19
#define APPLY_APP_CHAR "CAST(a.id AS CHAR), CAST(a.tenant AS CHAR), " \
	"CAST(a.uid AS CHAR), CAST(a.ref AS CHAR), CAST(a.number AS CHAR), " \
	"CAST(a.state AS CHAR), CAST(a.stage AS CHAR), " \
	"CAST(a.scope AS CHAR), CAST(a.version AS CHAR), " \
	"CAST(a.created_at AS CHAR), CAST(a.updated_at AS CHAR), " \
	"CAST(a.submitted_at AS CHAR), CAST(a.decided_at AS CHAR), " \
	"CAST(a.return_comment AS CHAR), CAST(o.kind AS CHAR), " \
	"CAST(o.id AS CHAR), CAST(o.year AS CHAR), CAST(o.open_at AS CHAR), " \
	"CAST(o.close_at AS CHAR)"
int		 dbq_aapp_pick(const struct dbres *, const char *, long long,
		    struct apply_app *);
int		 dbq_aapp_rejected(struct db *, const char *, long long,
		    const char *, struct apply_app *);
int		 dbq_aapp_pending(struct db *, const char *, const char *,
		    const char *, struct apply_app *);
int		 dbq_aapp_lock(struct db *, long long, char *, size_t);
long long	 dbq_aapp_create(struct db *, const char *, const char *,
		    long long, const char *);
int		 dbq_aapp_set_ref(struct db *, long long, long long);
int		 dbq_aapp_touch(struct db *, long long, const char *);
int		 dbq_aapp_submit(struct db *, long long, const char *,
		    const char *, const char *);
int		 dbq_aapp_withdraw(struct db *, long long, const char *);
/* Columns of dbq_aapps_of(): the member's applications, newest first. */
enum apps_of_col {
	APPS_OF_COL_ID,
	APPS_OF_COL_KIND,
	APPS_OF_COL__MAX
};
struct dbres	*dbq_aapps_of(struct db *, const char *, const char *);
long long	 dbq_snapshot_put(struct db *, long long, int, const char *,
		    const char *);
char		*dbq_snapshot_latest(struct db *, long long, int *);
/* Columns of dbq_sections(). */
enum sec_col {
	SEC_COL_NAME,
	SEC_COL_STATE,		/* blank, progress, done */
	SEC_COL_UPDATED,
	SEC_COL__MAX
};
struct dbres	*dbq_sections(struct db *, long long);
int		 dbq_section_set(struct db *, long long, const char *,
		    const char *, const char *);
int		 dbq_values_load(struct db *, long long, const char *,
		    struct apply_rows *);
int		 dbq_app_page_load(struct db *, long long,
		    const char *const *, size_t, struct apply_rows *,
		    struct dbres **, struct dbres **);
struct dbres	*dbq_app_page_read(struct db *, const char *, long long,
		    const char *);
int		 dbq_app_page_split(const struct dbres *, const char *const *,
		    size_t, struct apply_app *, struct apply_rows *,
		    struct dbres **, struct dbres **, struct dbres **);
int		 dbq_values_load_all(struct db *, long long,
		    const char *const *, size_t, struct apply_rows *);
int		 dbq_values_put(struct db *, long long, const char *, int,
		    const struct kvlist *);
int		 dbq_row_delete(struct db *, long long, const char *, int);
int		 dbq_row_next(struct db *, long long, const char *);

#endif
