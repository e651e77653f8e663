/*
 * recruit.h — training-program recruitment (feature "recruit"; BRD-1 to
 * BRD-10, BRD-12, CORE-18, CORE-19): the catalogue and its search, the
 * recruitment rounds, applications, results and declines.
 *
 *   recruit_search.c   public catalogue, search and program detail
 *   recruit.c          the applicant's pages: applying, cancel, decline,
 *                      the dashboard 「現在の状況」; rounds and windows
 *   recruit_admin.c    program directors' and board admins' pages, CSV
 *   dbq_program.c      the catalogue's SQL (sql/005_program.sql)
 *   dbq_recruit.c      rounds' and applications' SQL (sql/006_recruit.sql)
 *   demo_recruit.c     `shikakuctl demo load` part, `demo clock`
 *
 * Every window is checked against clock_now() (clock.h) to the second,
 * in Japan time; the time goes into SQL as a parameter, never NOW().
 * Times travel as "YYYY-MM-DD HH:MM:SS" strings (DATETIME as MariaDB
 * prints it), which compare in time order as plain strings.
 *
 * `tenant` arguments are always c->tenant->slug.  Return contract as
 * db.h: <0 error, 0 nothing, >0 ok; dbres results NULL on error.
 */
#ifndef SHIKAKU_RECRUIT_H
#define SHIKAKU_RECRUIT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "clock.h"
#include "kv.h"

struct ctx;
struct db;
struct dbres;
struct jp_item;
struct program_summary;

#define RECRUIT_FEATURE		"recruit"
/* The role recruitment defines: a program's director (feature.h). */
#define ROLE_PROGRAM_DIRECTOR	ROLE_FEATURE(0)
#define RECRUIT_DIRECTOR	"program_director"	/* its name */
#define RECRUIT_PAGE_SIZE	20	/* search results per page */
#define RECRUIT_COUNT_CAP	1000	/* "1,000件以上" beyond this */
#define RECRUIT_MAX_PICK	3	/* domains, prefectures (BRD-2) */
#define RECRUIT_KW_CHARS	50	/* keyword, characters */
#define RECRUIT_KW_BYTES	(RECRUIT_KW_CHARS * 4 + 1)
#define RECRUIT_GRAM_PATH_MAX	3000	/* postings: use the gram index */

/* ---- rounds and windows (recruit.c) --------------------------------- */

/*
 * The member's live applications, "id:round_id:state" comma-separated
 * in no particular order (an ORDER BY here doubles the statement's cost),
 * then '|' and the rounds of the others not cancelled (rejected,
 * declined: 現在の状況 shows this year's, so it reads them only when
 * there is one of this year, recruit_dashboard()),
 * returned with the session (feature.h session_sql): the menu note and
 * the applying flow's checks need no statement of their own (issue 10).
 */
#define RECRUIT_SESSION_SQL \
	"CONCAT(COALESCE((SELECT GROUP_CONCAT(CONCAT(a.id, ':', a.round_id, " \
	"':', a.state) SEPARATOR ',') FROM application a " \
	"WHERE a.tenant = s.tenant AND a.uid = s.uid AND a.live = 1), ''), " \
	"'|', COALESCE((SELECT GROUP_CONCAT(DISTINCT a.round_id) FROM " \
	"application a WHERE a.tenant = s.tenant AND a.uid = s.uid AND " \
	"a.live IS NULL AND a.state <> 'cancelled'), ''))"

/* Every round of the tenant (dbq_rounds()), the worker's copy: not freed. */
const struct dbres *recruit_rounds(struct ctx *);

struct rround {
	long long	 id;
	int		 year;
	char		 track[9];		/* regular, research */
	char		 kind[7];		/* first, second, final */
	char		 apply_open[CLOCK_SQL_LEN];
	char		 apply_close[CLOCK_SQL_LEN];
	char		 adjust_open[CLOCK_SQL_LEN];
	char		 adjust_close[CLOCK_SQL_LEN];
	char		 notify_at[CLOCK_SQL_LEN];
	char		 confirm_open[CLOCK_SQL_LEN];	/* "" when none */
	char		 confirm_close[CLOCK_SQL_LEN];	/* "" when none */
};

/* Where a round stands at a given time. */
enum rphase {
	RP_BEFORE,	/* application period not yet open */
	RP_APPLY,	/* 応募期間 */
	RP_CLOSED,	/* applications closed, adjustment not begun */
	RP_ADJUST,	/* 採用調整期間 */
	RP_WAIT,	/* decided, results not yet notified */
	RP_NOTIFIED,	/* results out; accepted ones may decline */
	RP_OVER		/* the decline period has ended too */
};

enum rphase	 rround_phase(const struct rround *, const char *);
int		 rround_applying(const struct rround *, const char *);
int		 rround_adjusting(const struct rround *, const char *);
int		 rround_notified(const struct rround *, const char *);
int		 rround_declinable(const struct rround *, const char *);
void		 rround_decline_until(const struct rround *, char *, size_t);
const char	*rphase_name(enum rphase);
xmlNodePtr	 rround_model(xmlNodePtr, const struct rround *,
		    const char *);
int		 recruit_schedule_model(struct ctx *, xmlNodePtr, int);
/* recruit.c: its rounds for the tenant admin's 12-month table. */
int		 recruit_calendar(struct ctx *, xmlNodePtr);
/* recruit.c: its part of 現在の状況 (struct feature's dashboard). */
int		 recruit_dashboard(struct ctx *, xmlNodePtr);

/* An application's state as its applicant may see it now (BRD-7). */
const char	*app_visible_state(const char *, const struct rround *,
		    const char *);

/* ---- the catalogue (recruit_search.c) ------------------------------- */

struct program_query {
	const char	*track;				/* regular, research */
	const char	*domain[RECRUIT_MAX_PICK];
	size_t		 ndomain;
	const char	*pref[RECRUIT_MAX_PICK];
	size_t		 npref;
	char		 kw[RECRUIT_KW_BYTES];		/* normalized */
	long long	 page;				/* from 1 */
};

int		 program_search_model(struct ctx *, xmlNodePtr, int);
void		 search_back_model(struct ctx *, xmlNodePtr, int);
int		 program_detail_model(struct ctx *, xmlNodePtr, long long);
void		 program_detail_show(struct ctx *, xmlNodePtr,
		    const struct dbres *, const struct dbres *,
		    const struct dbres *);
xmlNodePtr	 program_summary_model(struct ctx *, xmlNodePtr,
		    const struct program_summary *);
void		 jp_names_model(struct ctx *, xmlNodePtr);
long long	 recruit_path_id(const char *, const char *, const char **);

/* ---- dbq_program.c --------------------------------------------------- */

/*
 * Rows are read through structs the data layer fills itself from row i
 * of a result (dbq_*_row()): the columns of each statement are known
 * only next to its SQL.  The strings point into the result: they live
 * as long as it does, and are NULL for SQL NULL.
 */

/* A program of a list: dbq_program_search, _of_director, _admin_list. */
struct program_summary {
	const char	*id, *code, *name, *domain, *pref, *capacity;
	const char	*instructors, *track, *base, *years;
	const char	*director;	/* dbq_program_admin_list() only */
};

/* A facility: a program's base or partner (dbq_program_page). */
struct facility_row {
	const char	*id, *name, *pref, *address, *beds, *details;
	const char	*role;		/* partners only */
};

/* One program with its base facility (dbq_program_get). */
struct program_row {
	const char		*id, *code, *name, *domain, *pref, *capacity;
	const char		*instructors, *years, *director_uid;
	const char		*director_name, *track, *booklet, *description;
	const char		*updated;
	struct facility_row	 base;
};

/* A rotation of a program (dbq_program_page). */
struct rotation_row {
	const char	*year, *seq, *facility_id, *facility, *months, *notes;
};

size_t		 recruit_normalize(const char *, char *, size_t);
struct dbres	*dbq_program_search(struct db *, const char *,
		    const struct program_query *, long long *, int *);
struct dbres	*dbq_program_get(struct db *, const char *, long long);
/* A program's page: the row, its lists and (apps) its applications. */
struct program_page_res {
	struct dbres	*p;	/* dbq_program_get()'s, 0 or 1 row */
	struct dbres	*pa;	/* its partners (dbq_partner_row) */
	struct dbres	*ro;	/* its rotations (dbq_rotation_row) */
	struct dbres	*ap;	/* dbq_apps_of_program()'s, or NULL */
};
int		 dbq_program_page(struct db *, const char *, long long, int,
		    struct program_page_res *);
void		 dbq_program_page_free(struct program_page_res *);
struct dbres	*dbq_program_of_director(struct db *, const char *,
		    const char *);
struct dbres	*dbq_program_admin_list(struct db *, const char *,
		    const char *, long long);
void		 dbq_program_summary_row(const struct dbres *, size_t,
		    struct program_summary *);
void		 dbq_program_row(const struct dbres *, size_t,
		    struct program_row *);
void		 dbq_partner_row(const struct dbres *, size_t,
		    struct facility_row *);
void		 dbq_rotation_row(const struct dbres *, size_t,
		    struct rotation_row *);

struct program_rec {
	const char	*code, *name, *domain, *prefecture, *track;
	const char	*director_uid, *director_name, *description;
	long long	 capacity, instructors, years;
	long long	 base_facility_id;
};
struct facility_rec {
	const char	*name, *prefecture, *address, *kind, *details;
	long long	 beds;		/* <0: unknown */
};

long long	 dbq_facility_put(struct db *, const char *,
		    const struct facility_rec *);
long long	 dbq_program_put(struct db *, const char *, long long,
		    const struct program_rec *);
int		 dbq_partner_put(struct db *, const char *, long long,
		    long long, const char *, int);
int		 dbq_partner_del(struct db *, const char *, long long,
		    long long);
int		 dbq_rotation_put(struct db *, const char *, long long, int,
		    int, long long, int, const char *);
int		 dbq_rotation_del(struct db *, const char *, long long, int,
		    int);
int		 dbq_rotations_clear(struct db *, const char *, long long);
int		 dbq_program_booklet(struct db *, const char *, long long,
		    long long);
int		 dbq_program_reindex(struct db *, const char *, long long);
int		 dbq_program_index_all(struct db *, const char *);

/* ---- dbq_recruit.c --------------------------------------------------- */

/* Rounds (dbq_rounds, dbq_round_get, dbq_round_applying): 0, -1 none. */
int		 dbq_round_row(const struct dbres *, size_t, struct rround *);
struct dbres	*dbq_rounds(struct db *, const char *);
struct dbres	*dbq_round_get(struct db *, const char *, long long);
struct dbres	*dbq_round_applying(struct db *, const char *, const char *,
		    const char *);
long long	 dbq_round_put(struct db *, const char *,
		    const struct rround *);
int		 dbq_round_update(struct db *, const char *,
		    const struct rround *);

/* What an application carries besides its round, applicant and program. */
struct app_choice {
	char	 system[12];		/* program, curriculum */
	char	 reason[33];
	char	*detail;		/* owned: free with app_choice_free */
	char	 prior_domain[3];
	char	 prior_status[12];
	char	 prior_ym[8];
};
void		 app_choice_free(struct app_choice *);

int		 dbq_recruit_draft_get(struct db *, const char *, const char *,
		    struct app_choice *);
int		 dbq_recruit_draft_put(struct db *, const char *, const char *,
		    const struct app_choice *, const char *);

long long	 dbq_app_insert(struct db *, const char *, long long,
		    const char *, const char *, long long,
		    const struct app_choice *, const char *);
struct dbres	*dbq_app_live(struct db *, const char *, long long,
		    const char *);
int		 dbq_app_accepted_in_year(struct db *, const char *,
		    const char *, int, long long, const char *);
struct dbres	*dbq_app_get(struct db *, const char *, long long);
struct dbres	*dbq_apps_of_user(struct db *, const char *, const char *);
int		 dbq_app_cancel(struct db *, const char *, long long,
		    const char *, const char *);
int		 dbq_app_decide(struct db *, const char *, long long,
		    const char *, const char *, const char *, const char *);
int		 dbq_app_decline(struct db *, const char *, long long,
		    const char *, const char *, const char *);
struct dbres	*dbq_apps_of_program(struct db *, const char *, long long,
		    long long);
/* dbq_program_csv(): dbq_apps_of_program()'s columns, then the code. */
#define PROGRAM_CSV_CODE	26
struct dbres	*dbq_program_csv(struct db *, const char *, long long);
struct dbres	*dbq_apps_of_round(struct db *, const char *, long long,
		    const char *, long long);
struct dbres	*dbq_apps_to_mail(struct db *, const char *, long long, int);

/* An application, its round and program: dbq_app_get, _live, _of_user. */
struct app_row {
	const char	*id, *state, *program_id, *system, *reason, *created;
	const char	*cancelled, *decided, *declined, *uid;
	const char	*program_code, *program_name;
	struct rround	 round;
};
int		 dbq_app_row(const struct dbres *, size_t, struct app_row *);

/* A program's application for its director (dbq_apps_of_program). */
struct program_app_row {
	const char	*id, *state, *system, *reason, *detail;
	const char	*prior_domain, *prior_status, *prior_ym;
	const char	*created, *cancelled, *decided, *declined;
	const char	*decline_reason, *uid, *regno, *name, *kana, *email;
	const char	*round_id, *year, *track, *kind;
	const char	*adjust_open, *adjust_close, *notify_at;
	const char	*contacted;		/* "1" once declined */
};
void		 dbq_program_app_row(const struct dbres *, size_t,
		    struct program_app_row *);

/* A round's application on the results page (dbq_apps_of_round). */
struct round_app_row {
	const char	*id, *state, *program_id, *program_code;
	const char	*program_name, *uid, *regno, *name, *created;
	const char	*decided, *declined;
};
void		 dbq_round_app_row(const struct dbres *, size_t,
		    struct round_app_row *);

/* A decided application whose result is to be mailed (dbq_apps_to_mail). */
struct app_mail_row {
	const char	*id, *state, *uid, *program_name, *program_code;
	const char	*name, *email;	/* NULL: no member record */
};
void		 dbq_app_mail_row(const struct dbres *, size_t,
		    struct app_mail_row *);
int		 dbq_apps_mailed(struct db *, const char *, long long,
		    const char *);

struct demo_member {
	const char	*regno, *regno_date, *name, *kana, *birth_date, *sex;
	const char	*training_program, *training_done_on, *phone;
	const char	*postal_code, *pref, *address, *desired_domain, *email;
};
long long	 dbq_app_seed(struct db *, const char *, long long,
		    const char *, long long, const char *, const char *,
		    const char *, const char *, const char *, const char *);
int		 dbq_demo_member(struct db *, const char *, const char *,
		    const struct demo_member *);
long long	 dbq_program_id(struct db *, const char *, const char *);

/* ---- mail (recruit.c) ------------------------------------------------ */

int		 recruit_mail(struct ctx *, const char *, const char *,
		    const char *const *);
void		 recruit_error(struct ctx *, const char *);
void		 round_title(struct ctx *, const struct rround *, char *,
		    size_t);

#endif
