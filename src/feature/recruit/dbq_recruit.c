/*
 * dbq_recruit.c — rounds, applications and the applying draft
 * (sql/006_recruit.sql).  Every statement is bound to the caller's
 * tenant (c->tenant->slug).  Windows are part of the statements that
 * act in them: an application, a cancel, a decision or a decline
 * happens only if its UPDATE or INSERT finds the round's window open at
 * `now` (clock_now(), passed in), so a page's earlier check and the act
 * can never disagree about the second in between.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "recruit.h"

/* The columns of APPS_TO_MAIL_SQL. */
enum {
	AM_ID, AM_STATE, AM_UID, AM_PNAME, AM_PCODE, AM_NAME, AM_EMAIL
};
#define APPS_TO_MAIL_SQL \
	"SELECT a.id, a.state, a.uid, p.name, p.code, m.name_kanji, " \
	"m.email FROM application a JOIN program p ON p.id = a.program_id " \
	"LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid " \
	"WHERE a.tenant = ? AND a.round_id = ? " \
	"AND a.state IN ('accepted', 'rejected') " \
	"AND a.result_mailed_at IS NULL ORDER BY a.id"

/* A round's columns (ROUND_SEL), from RR_ID on in a row. */
enum {
	RR_ID, RR_YEAR, RR_TRACK, RR_KIND, RR_APPLY_OPEN, RR_APPLY_CLOSE,
	RR_ADJUST_OPEN, RR_ADJUST_CLOSE, RR_NOTIFY_AT, RR_CONFIRM_OPEN,
	RR_CONFIRM_CLOSE, RR_NCOLS
};
#define ROUND_SEL	"r.id, r.year, r.track, r.kind, r.apply_open, " \
	"r.apply_close, r.adjust_open, r.adjust_close, r.notify_at, " \
	"r.confirm_open, r.confirm_close"

/* APP_SEL's columns: the application's, then the round's from AP_ROUND. */
enum {
	AP_ID, AP_STATE, AP_PROGRAM, AP_SYSTEM, AP_REASON, AP_CREATED,
	AP_CANCELLED, AP_DECIDED, AP_DECLINED, AP_UID, AP_PCODE, AP_PNAME,
	AP_ROUND
};
#define APP_SEL		"SELECT a.id, a.state, a.program_id, a.system, " \
	"a.curriculum_reason, a.created_at, a.cancelled_at, a.decided_at, " \
	"a.declined_at, a.uid, p.code, p.name, " ROUND_SEL " " \
	"FROM application a JOIN program p ON p.id = a.program_id " \
	"JOIN recruit_round r ON r.id = a.round_id "

/* An empty string is no value: NULL in the database. */
static const char *
nz(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* ---- rounds ------------------------------------------------------------ */

static void
copy_time(char *dst, const char *v)
{
	snprintf(dst, CLOCK_SQL_LEN, "%s", v != NULL ? v : "");
}

/* A round from the ROUND_SEL columns of row i, from col on.  0, -1. */
static int
round_at(const struct dbres *r, size_t i, size_t col, struct rround *rr)
{
	memset(rr, 0, sizeof(*rr));
	if (r == NULL || i >= r->nrows || col + RR_NCOLS > r->ncols ||
	    dbres_get(r, i, col + RR_ID) == NULL)
		return -1;
	rr->id = atoll(dbres_get(r, i, col + RR_ID));
	rr->year = atoi(dbres_get(r, i, col + RR_YEAR));
	snprintf(rr->track, sizeof(rr->track), "%s",
	    dbres_get(r, i, col + RR_TRACK));
	snprintf(rr->kind, sizeof(rr->kind), "%s",
	    dbres_get(r, i, col + RR_KIND));
	copy_time(rr->apply_open, dbres_get(r, i, col + RR_APPLY_OPEN));
	copy_time(rr->apply_close, dbres_get(r, i, col + RR_APPLY_CLOSE));
	copy_time(rr->adjust_open, dbres_get(r, i, col + RR_ADJUST_OPEN));
	copy_time(rr->adjust_close, dbres_get(r, i, col + RR_ADJUST_CLOSE));
	copy_time(rr->notify_at, dbres_get(r, i, col + RR_NOTIFY_AT));
	copy_time(rr->confirm_open, dbres_get(r, i, col + RR_CONFIRM_OPEN));
	copy_time(rr->confirm_close, dbres_get(r, i, col + RR_CONFIRM_CLOSE));
	return 0;
}

/* Row i of dbq_rounds(), dbq_round_get() or dbq_round_applying(). */
int
dbq_round_row(const struct dbres *r, size_t i, struct rround *rr)
{
	return round_at(r, i, 0, rr);
}

/* Every round of the tenant, newest year first, then in time order. */
struct dbres *
dbq_rounds(struct db *d, const char *tenant)
{
	return db_select(d, "SELECT " ROUND_SEL " FROM recruit_round r "
	    "WHERE r.tenant = ? ORDER BY r.year DESC, r.apply_open", "s",
	    tenant);
}

struct dbres *
dbq_round_get(struct db *d, const char *tenant, long long id)
{
	return db_select(d, "SELECT " ROUND_SEL " FROM recruit_round r "
	    "WHERE r.tenant = ? AND r.id = ?", "si", tenant, id);
}

/* The round of `track` whose application period holds `now`, if any. */
struct dbres *
dbq_round_applying(struct db *d, const char *tenant, const char *track,
    const char *now)
{
	return db_select(d, "SELECT " ROUND_SEL " FROM recruit_round r "
	    "WHERE r.tenant = ? AND r.track = ? AND r.apply_open <= ? "
	    "AND r.apply_close > ? ORDER BY r.apply_open DESC LIMIT 1",
	    "ssss", tenant, track, now, now);
}

/*
 * A round by its year, track and kind, made or its times updated (the
 * year is made too).  Returns its id; <0 on error (the CHECK of the
 * table refuses times out of order).
 */
long long
dbq_round_put(struct db *d, const char *tenant, const struct rround *r)
{
	struct dbres	*res;
	const char	*v;
	long long	 id;
	int		 rc;

	if (db_exec(d, "INSERT IGNORE INTO recruit_year (tenant, year, track) "
	    "VALUES (?, ?, ?)", "sis", tenant, (long long)r->year,
	    r->track) < 0)
		return -1;
	rc = db_exec(d, "INSERT INTO recruit_round (tenant, year, track, kind, "
	    "apply_open, apply_close, adjust_open, adjust_close, notify_at, "
	    "confirm_open, confirm_close) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), "
	    "apply_open = VALUES(apply_open), "
	    "apply_close = VALUES(apply_close), "
	    "adjust_open = VALUES(adjust_open), "
	    "adjust_close = VALUES(adjust_close), "
	    "notify_at = VALUES(notify_at), "
	    "confirm_open = VALUES(confirm_open), "
	    "confirm_close = VALUES(confirm_close)", "sisssssssss", tenant,
	    (long long)r->year, r->track, r->kind, r->apply_open,
	    r->apply_close, r->adjust_open, r->adjust_close, r->notify_at,
	    nz(r->confirm_open), nz(r->confirm_close));
	if (rc < 0)
		return rc;
	if ((id = db_insert_id(d)) > 0)
		return id;
	/*
	 * An existing round whose times changed: the refdata_version
	 * trigger it fires (sql/015_refdata.sql) clears the insert id
	 * that LAST_INSERT_ID(id) set, so it is read by its key.
	 */
	if ((res = db_select(d, "SELECT id FROM recruit_round WHERE "
	    "tenant = ? AND year = ? AND track = ? AND kind = ?", "siss",
	    tenant, (long long)r->year, r->track, r->kind)) == NULL)
		return -1;
	id = (v = dbres_scalar(res)) != NULL ? atoll(v) : -1;
	dbres_free(res);
	return id;
}

/* The times of an existing round (r->id). */
int
dbq_round_update(struct db *d, const char *tenant, const struct rround *r)
{
	return db_exec(d, "UPDATE recruit_round SET apply_open = ?, "
	    "apply_close = ?, adjust_open = ?, adjust_close = ?, "
	    "notify_at = ?, confirm_open = ?, confirm_close = ? "
	    "WHERE tenant = ? AND id = ?", "ssssssssi", r->apply_open,
	    r->apply_close, r->adjust_open, r->adjust_close, r->notify_at,
	    nz(r->confirm_open), nz(r->confirm_close), tenant, r->id);
}

/* ---- the applying draft (CORE-12) -------------------------------------- */

void
app_choice_free(struct app_choice *ch)
{
	if (ch == NULL)
		return;
	free(ch->detail);
	ch->detail = NULL;
}

static void
copy_cell(char *dst, size_t len, const char *v)
{
	snprintf(dst, len, "%s", v != NULL ? v : "");
}

/* The member's saved choice of training system: 1, 0 none, -1 error. */
enum {
	DR_SYSTEM, DR_REASON, DR_DETAIL, DR_PRIOR_DOMAIN, DR_PRIOR_STATUS,
	DR_PRIOR_YM
};
int
dbq_recruit_draft_get(struct db *d, const char *tenant, const char *uid,
    struct app_choice *ch)
{
	struct dbres	*r;
	int		 rc = -1;

	memset(ch, 0, sizeof(*ch));
	r = db_select(d, "SELECT system, curriculum_reason, curriculum_detail, "
	    "prior_domain, prior_status, prior_ym FROM recruit_draft "
	    "WHERE tenant = ? AND uid = ?", "ss", tenant, uid);
	if (r == NULL)
		goto out;
	rc = 0;
	if (r->nrows == 0)
		goto out;
	copy_cell(ch->system, sizeof(ch->system), dbres_get(r, 0, DR_SYSTEM));
	copy_cell(ch->reason, sizeof(ch->reason), dbres_get(r, 0, DR_REASON));
	if (dbres_get(r, 0, DR_DETAIL) != NULL &&
	    (ch->detail = strdup(dbres_get(r, 0, DR_DETAIL))) == NULL) {
		rc = -1;
		goto out;
	}
	copy_cell(ch->prior_domain, sizeof(ch->prior_domain),
	    dbres_get(r, 0, DR_PRIOR_DOMAIN));
	copy_cell(ch->prior_status, sizeof(ch->prior_status),
	    dbres_get(r, 0, DR_PRIOR_STATUS));
	copy_cell(ch->prior_ym, sizeof(ch->prior_ym),
	    dbres_get(r, 0, DR_PRIOR_YM));
	rc = 1;
out:
	dbres_free(r);
	return rc;
}

int
dbq_recruit_draft_put(struct db *d, const char *tenant, const char *uid,
    const struct app_choice *ch, const char *now)
{
	return db_exec(d, "REPLACE INTO recruit_draft (tenant, uid, system, "
	    "curriculum_reason, curriculum_detail, prior_domain, prior_status, "
	    "prior_ym, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "sssssssss", tenant, uid, ch->system, nz(ch->reason),
	    nz(ch->detail), nz(ch->prior_domain), nz(ch->prior_status),
	    nz(ch->prior_ym), now);
}

/* ---- applications ------------------------------------------------------ */

/*
 * Apply (BRD-4): one row, only while the round's application period
 * holds `now` and only to a program of the round's track (passed in:
 * the two tables' ENUMs do not share a collation).  Returns the
 * new id; 0 when the window or the program refused; DB_DUP when the
 * applicant already has a live application in the round (BRD-5, held
 * by the unique key whatever runs at the same time); -1 on error.
 */
long long
dbq_app_insert(struct db *d, const char *tenant, long long round,
    const char *track, const char *uid, long long program,
    const struct app_choice *ch, const char *now)
{
	int	 rc;

	rc = db_exec(d, "INSERT INTO application (tenant, round_id, year, "
	    "uid, program_id, system, curriculum_reason, curriculum_detail, "
	    "prior_domain, prior_status, prior_ym, state, live, created_at) "
	    "SELECT r.tenant, r.id, r.year, ?, p.id, ?, ?, ?, ?, ?, ?, "
	    "'applied', 1, ? FROM recruit_round r JOIN program p "
	    "ON p.tenant = r.tenant AND p.id = ? AND p.track = ? "
	    "WHERE r.tenant = ? AND r.id = ? AND r.track = ? "
	    "AND r.apply_open <= ? AND r.apply_close > ?", "ssssssssississs",
	    uid, ch->system, nz(ch->reason), nz(ch->detail),
	    nz(ch->prior_domain), nz(ch->prior_status), nz(ch->prior_ym), now,
	    program, track, tenant, round, track, now, now);
	if (rc <= 0)
		return rc;
	return db_insert_id(d);
}

/* The applicant's live application in a round (APP_SEL columns), if any. */
struct dbres *
dbq_app_live(struct db *d, const char *tenant, long long round,
    const char *uid)
{
	return db_select(d, APP_SEL "WHERE a.tenant = ? AND a.round_id = ? "
	    "AND a.uid = ? AND a.live = 1", "sis", tenant, round, uid);
}

/*
 * BRD-9 within a recruitment year: what the applicant's live
 * applications in the other rounds of `year` (not `round`) allow.
 * Returns 2 when one was accepted and notified (never again this year),
 * 1 when one is still being decided (its results are not out), 0 when
 * nothing stands in the way (none, or results out and not accepted),
 * -1 on error.  `round` itself is left out: a submission of the same
 * applicant committed a moment ago in this round is a repeat (申請済み,
 * CORE-19), not a pending result elsewhere.
 */
int
dbq_app_accepted_in_year(struct db *d, const char *tenant, const char *uid,
    int year, long long round, const char *now)
{
	enum { AY_STATE, AY_NOTIFIED };
	struct dbres	*r;
	size_t		 i;
	int		 rc = 0;

	r = db_select(d, "SELECT a.state, r.notify_at <= ? "
	    "FROM application a JOIN recruit_round r ON r.id = a.round_id "
	    "WHERE a.tenant = ? AND a.uid = ? AND a.year = ? "
	    "AND a.round_id <> ? AND a.live = 1", "sssii", now, tenant, uid,
	    (long long)year, round);
	if (r == NULL)
		return -1;
	for (i = 0; i < r->nrows; i++) {
		int notified = strcmp(dbres_get(r, i, AY_NOTIFIED), "1") == 0;
		if (strcmp(dbres_get(r, i, AY_STATE), "accepted") == 0 &&
		    notified)
			rc = 2;
		else if (!notified && rc < 1)
			rc = 1;
	}
	dbres_free(r);
	return rc;
}

/* One application of the tenant (APP_SEL columns). */
struct dbres *
dbq_app_get(struct db *d, const char *tenant, long long id)
{
	return db_select(d, APP_SEL "WHERE a.tenant = ? AND a.id = ?", "si",
	    tenant, id);
}

/* The applicant's applications, newest round first (APP_SEL columns). */
struct dbres *
dbq_apps_of_user(struct db *d, const char *tenant, const char *uid)
{
	return db_select(d, APP_SEL "WHERE a.tenant = ? AND a.uid = ? "
	    "ORDER BY r.year DESC, r.apply_open DESC, a.id DESC", "ss",
	    tenant, uid);
}

/* Row i of dbq_app_get(), dbq_app_live() or dbq_apps_of_user().  0, -1. */
int
dbq_app_row(const struct dbres *r, size_t i, struct app_row *a)
{
	memset(a, 0, sizeof(*a));
	if (round_at(r, i, AP_ROUND, &a->round) == -1)
		return -1;
	a->id = dbres_get(r, i, AP_ID);
	a->state = dbres_get(r, i, AP_STATE);
	a->program_id = dbres_get(r, i, AP_PROGRAM);
	a->system = dbres_get(r, i, AP_SYSTEM);
	a->reason = dbres_get(r, i, AP_REASON);
	a->created = dbres_get(r, i, AP_CREATED);
	a->cancelled = dbres_get(r, i, AP_CANCELLED);
	a->decided = dbres_get(r, i, AP_DECIDED);
	a->declined = dbres_get(r, i, AP_DECLINED);
	a->uid = dbres_get(r, i, AP_UID);
	a->program_code = dbres_get(r, i, AP_PCODE);
	a->program_name = dbres_get(r, i, AP_PNAME);
	return 0;
}

/* Cancel (BRD-6): the applicant's own, still applied, in the period. */
int
dbq_app_cancel(struct db *d, const char *tenant, long long id,
    const char *uid, const char *now)
{
	return db_exec(d, "UPDATE application a JOIN recruit_round r "
	    "ON r.id = a.round_id SET a.state = 'cancelled', a.live = NULL, "
	    "a.cancelled_at = ? WHERE a.tenant = ? AND a.id = ? AND a.uid = ? "
	    "AND a.state = 'applied' AND r.apply_open <= ? "
	    "AND r.apply_close > ?", "ssisss", now, tenant, id, uid, now, now);
}

/*
 * Record 採用 or 不採用 (BRD-7) in the adjustment period; a decision may
 * change until the period ends.  director NULL: a board admin, any
 * program; else only that director's programs.  DB_DUP: accepting
 * would give the applicant a second live application in the round.
 */
int
dbq_app_decide(struct db *d, const char *tenant, long long id,
    const char *state, const char *by, const char *director, const char *now)
{
	return db_exec(d, "UPDATE application a JOIN recruit_round r "
	    "ON r.id = a.round_id JOIN program p ON p.id = a.program_id "
	    "SET a.state = ?, a.live = IF(? = 'accepted', 1, NULL), "
	    "a.decided_at = ?, a.decided_by = ? "
	    "WHERE a.tenant = ? AND a.id = ? "
	    "AND a.state IN ('applied', 'accepted', 'rejected') "
	    "AND r.adjust_open <= ? AND r.adjust_close > ? "
	    "AND (? IS NULL OR p.director_uid = ?)", "sssssissss", state,
	    state, now, by, tenant, id, now, now, director, director);
}

/*
 * Decline (BRD-8): the applicant's own accepted application, from the
 * notification (and the confirmation period's start) until its end, or
 * until the training year starts when the round has none.
 */
int
dbq_app_decline(struct db *d, const char *tenant, long long id,
    const char *uid, const char *reason, const char *now)
{
	return db_exec(d, "UPDATE application a JOIN recruit_round r "
	    "ON r.id = a.round_id SET a.state = 'declined', a.live = NULL, "
	    "a.declined_at = ?, a.decline_reason = ?, a.director_contacted = 1 "
	    "WHERE a.tenant = ? AND a.id = ? AND a.uid = ? "
	    "AND a.state = 'accepted' AND r.notify_at <= ? "
	    "AND COALESCE(r.confirm_open, r.notify_at) <= ? "
	    "AND ? < COALESCE(r.confirm_close, "
	    "CONCAT(r.year, '-04-01 00:00:00'))", "sssissss", now, reason,
	    tenant, id, uid, now, now, now);
}

/*
 * A program's applications for its director or an admin, optionally of
 * one round (0: all), with the member's record where there is one
 * (PA_* columns, struct program_app_row).
 */
enum {
	PA_ID, PA_STATE, PA_SYSTEM, PA_REASON, PA_DETAIL, PA_PRIOR_DOMAIN,
	PA_PRIOR_STATUS, PA_PRIOR_YM, PA_CREATED, PA_CANCELLED, PA_DECIDED,
	PA_DECLINED, PA_DECLINE_REASON, PA_UID, PA_REGNO, PA_NAME, PA_KANA,
	PA_EMAIL, PA_ROUND_ID, PA_YEAR, PA_TRACK, PA_KIND, PA_ADJUST_OPEN,
	PA_ADJUST_CLOSE, PA_NOTIFY_AT, PA_CONTACTED
};
#define PA_SEL "a.id, a.state, a.system, a.curriculum_reason, " \
	"a.curriculum_detail, a.prior_domain, a.prior_status, a.prior_ym, " \
	"a.created_at, a.cancelled_at, a.decided_at, a.declined_at, " \
	"a.decline_reason, a.uid, m.regno, m.name_kanji, m.name_kana, " \
	"m.email, r.id, r.year, r.track, r.kind, r.adjust_open, " \
	"r.adjust_close, r.notify_at, a.director_contacted"
#define PA_ORDER "r.year DESC, r.apply_open, a.created_at, a.id"

struct dbres *
dbq_apps_of_program(struct db *d, const char *tenant, long long program,
    long long round)
{
	return db_select(d, "SELECT " PA_SEL " "
	    "FROM application a JOIN recruit_round r ON r.id = a.round_id "
	    "LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE a.tenant = ? AND a.program_id = ? "
	    "AND (? = 0 OR a.round_id = ?) "
	    "ORDER BY " PA_ORDER, "siii", tenant, program, round, round);
}

/*
 * The applicants' CSV in one statement (issue 10's budget): every
 * application of the program as dbq_apps_of_program() reads them (PA_*
 * columns), each row ending with the program's code (PROGRAM_CSV_CODE);
 * a program with no application is one row whose id is NULL, no row
 * no such program (of this tenant).
 */
struct dbres *
dbq_program_csv(struct db *d, const char *tenant, long long program)
{
	return dbres_cols(db_select(d, "SELECT " PA_SEL ", p.code "
	    "FROM program p LEFT JOIN (application a JOIN recruit_round r "
	    "ON r.id = a.round_id LEFT JOIN member m ON m.tenant = a.tenant "
	    "AND m.uid = a.uid) ON a.tenant = p.tenant AND "
	    "a.program_id = p.id WHERE p.tenant = ? AND p.id = ? "
	    "ORDER BY " PA_ORDER, "si", tenant, program),
	    PROGRAM_CSV_CODE + 1);
}

void
dbq_program_app_row(const struct dbres *r, size_t i,
    struct program_app_row *a)
{
	a->id = dbres_get(r, i, PA_ID);
	a->state = dbres_get(r, i, PA_STATE);
	a->system = dbres_get(r, i, PA_SYSTEM);
	a->reason = dbres_get(r, i, PA_REASON);
	a->detail = dbres_get(r, i, PA_DETAIL);
	a->prior_domain = dbres_get(r, i, PA_PRIOR_DOMAIN);
	a->prior_status = dbres_get(r, i, PA_PRIOR_STATUS);
	a->prior_ym = dbres_get(r, i, PA_PRIOR_YM);
	a->created = dbres_get(r, i, PA_CREATED);
	a->cancelled = dbres_get(r, i, PA_CANCELLED);
	a->decided = dbres_get(r, i, PA_DECIDED);
	a->declined = dbres_get(r, i, PA_DECLINED);
	a->decline_reason = dbres_get(r, i, PA_DECLINE_REASON);
	a->uid = dbres_get(r, i, PA_UID);
	a->regno = dbres_get(r, i, PA_REGNO);
	a->name = dbres_get(r, i, PA_NAME);
	a->kana = dbres_get(r, i, PA_KANA);
	a->email = dbres_get(r, i, PA_EMAIL);
	a->round_id = dbres_get(r, i, PA_ROUND_ID);
	a->year = dbres_get(r, i, PA_YEAR);
	a->track = dbres_get(r, i, PA_TRACK);
	a->kind = dbres_get(r, i, PA_KIND);
	a->adjust_open = dbres_get(r, i, PA_ADJUST_OPEN);
	a->adjust_close = dbres_get(r, i, PA_ADJUST_CLOSE);
	a->notify_at = dbres_get(r, i, PA_NOTIFY_AT);
	a->contacted = dbres_get(r, i, PA_CONTACTED);
}

/*
 * A round's applications for the admin's results page, optionally one
 * state, at most `limit` (RA_* columns, struct round_app_row).
 */
enum {
	RA_ID, RA_STATE, RA_PROGRAM_ID, RA_PCODE, RA_PNAME, RA_UID, RA_REGNO,
	RA_NAME, RA_CREATED, RA_DECIDED, RA_DECLINED
};
struct dbres *
dbq_apps_of_round(struct db *d, const char *tenant, long long round,
    const char *state, long long limit)
{
	return db_select(d, "SELECT a.id, a.state, p.id, p.code, p.name, "
	    "a.uid, m.regno, m.name_kanji, a.created_at, a.decided_at, "
	    "a.declined_at FROM application a "
	    "JOIN program p ON p.id = a.program_id "
	    "LEFT JOIN member m ON m.tenant = a.tenant AND m.uid = a.uid "
	    "WHERE a.tenant = ? AND a.round_id = ? "
	    "AND (? IS NULL OR a.state = ?) ORDER BY p.code, a.id LIMIT ?",
	    "sissi", tenant, round, state, state, limit);
}

void
dbq_round_app_row(const struct dbres *r, size_t i, struct round_app_row *a)
{
	a->id = dbres_get(r, i, RA_ID);
	a->state = dbres_get(r, i, RA_STATE);
	a->program_id = dbres_get(r, i, RA_PROGRAM_ID);
	a->program_code = dbres_get(r, i, RA_PCODE);
	a->program_name = dbres_get(r, i, RA_PNAME);
	a->uid = dbres_get(r, i, RA_UID);
	a->regno = dbres_get(r, i, RA_REGNO);
	a->name = dbres_get(r, i, RA_NAME);
	a->created = dbres_get(r, i, RA_CREATED);
	a->decided = dbres_get(r, i, RA_DECIDED);
	a->declined = dbres_get(r, i, RA_DECLINED);
}

/*
 * The decided applications of a round whose result has not been mailed
 * (AM_* columns, struct app_mail_row); the applicant's name and address
 * come from their member record (NULL for an account made without
 * registering, e.g. by shikakuctl).  lock: inside the notify
 * transaction, FOR UPDATE holds the round's rows so that a decision
 * made meanwhile waits and dbq_apps_mailed() marks exactly these.
 */
struct dbres *
dbq_apps_to_mail(struct db *d, const char *tenant, long long round,
    int lock)
{
	return db_select(d, lock ?
	    APPS_TO_MAIL_SQL " FOR UPDATE" : APPS_TO_MAIL_SQL, "si", tenant,
	    round);
}

void
dbq_app_mail_row(const struct dbres *r, size_t i, struct app_mail_row *a)
{
	a->id = dbres_get(r, i, AM_ID);
	a->state = dbres_get(r, i, AM_STATE);
	a->uid = dbres_get(r, i, AM_UID);
	a->program_name = dbres_get(r, i, AM_PNAME);
	a->program_code = dbres_get(r, i, AM_PCODE);
	a->name = dbres_get(r, i, AM_NAME);
	a->email = dbres_get(r, i, AM_EMAIL);
}

/* Marks every result dbq_apps_to_mail(…, 1) returned as mailed. */
int
dbq_apps_mailed(struct db *d, const char *tenant, long long round,
    const char *now)
{
	return db_exec(d, "UPDATE application SET result_mailed_at = ? "
	    "WHERE tenant = ? AND round_id = ? "
	    "AND state IN ('accepted', 'rejected') "
	    "AND result_mailed_at IS NULL", "ssi", now, tenant, round);
}

/* ---- demo data ---------------------------------------------------------- */

/*
 * An application in a given state, as it would stand after the flow
 * (the demo loader's past rounds): once per applicant and round — 0 when
 * the applicant already has one there, else the id.
 */
long long
dbq_app_seed(struct db *d, const char *tenant, long long round,
    const char *uid, long long program, const char *system,
    const char *reason, const char *state, const char *created,
    const char *decided, const char *by)
{
	int	 live, rc;

	live = strcmp(state, "applied") == 0 || strcmp(state, "accepted") == 0;
	rc = db_exec(d, "INSERT INTO application (tenant, round_id, year, uid, "
	    "program_id, system, curriculum_reason, curriculum_detail, state, "
	    "live, created_at, cancelled_at, decided_at, decided_by, "
	    "declined_at, decline_reason, director_contacted) "
	    "SELECT r.tenant, r.id, r.year, ?, p.id, ?, ?, "
	    "IF(? IS NULL, NULL, '地域の医療機関での勤務義務があるため、"
	    "勤務と両立できるカリキュラム制を希望します。'), ?, "
	    "IF(? = 1, 1, NULL), ?, IF(? = 'cancelled', ?, NULL), "
	    "IF(? IN ('accepted', 'rejected', 'declined'), ?, NULL), "
	    "IF(? IN ('accepted', 'rejected', 'declined'), ?, NULL), "
	    "IF(? = 'declined', ?, NULL), IF(? = 'declined', "
	    "'家族の転勤に伴い、他県での研修を希望するため。', NULL), "
	    "? = 'declined' "
	    "FROM recruit_round r JOIN program p ON p.tenant = r.tenant "
	    "AND p.id = ? WHERE r.tenant = ? AND r.id = ? AND NOT EXISTS "
	    "(SELECT 1 FROM application a WHERE a.tenant = r.tenant "
	    "AND a.round_id = r.id AND a.uid = ?)",
	    "sssssisssssssssssisis", uid, system, reason, reason, state,
	    (long long)live, created, state, decided, state, decided, state,
	    by, state, decided, state, state, program, tenant, round, uid);
	return rc <= 0 ? rc : db_insert_id(d);
}

/*
 * A demo applicant's member record (sql/004_member.sql), activated so
 * the account can sign in; kept as it is when there.
 */
int
dbq_demo_member(struct db *d, const char *tenant, const char *uid,
    const struct demo_member *m)
{
	return db_exec(d, "INSERT IGNORE INTO member (tenant, uid, regno, "
	    "regno_date, name_kanji, name_kana, birth_date, sex, "
	    "training_program, training_done_on, phone, postal_code, pref, "
	    "address, desired_domain, email, activated_at) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NOW())",
	    "ssssssssssssssss", tenant, uid, m->regno, m->regno_date,
	    m->name, m->kana, m->birth_date, m->sex, m->training_program,
	    m->training_done_on, m->phone, m->postal_code, m->pref,
	    m->address, m->desired_domain, m->email);
}
