/*
 * dbq_case.c — the SQL of the case reports (certify_case, PAL-3).
 * Every statement is bound to the caller's tenant; the supervisor's
 * queue and decisions are bound to the supervisor's own account, so a
 * case of another supervisor is never found (404).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "certify.h"
#include "certify_int.h"

void
certify_case_free(struct certify_case *k)
{
	free(k->summary);
	free(k->comment);
	k->summary = k->comment = NULL;
}

static void
cpy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

#define LIST_COLS "SELECT k.id, k.state, k.diagnosis, k.setting, " \
	"k.period_from, k.period_to, "
#define LIST_TAIL ", DATE_FORMAT(k.updated_at, '%Y-%m-%d %H:%i:%s'), " \
	"k.comment, s.id FROM certify_case k JOIN certify_supervisor s ON " \
	"s.id = k.supervisor_id "

/* The member's case reports, newest first. */
struct dbres *
dbq_case_list(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, LIST_COLS "s.name" LIST_TAIL
	    "WHERE k.tenant = ? AND k.uid = ? ORDER BY k.id DESC LIMIT 500",
	    "ss", tenant, uid), CASE_COL__MAX);
}

/*
 * The supervisor's queue: waiting ones first, then those decided.  A
 * supervisor with no case gets one row of NULLs but CASE_COL_SUP (so
 * "not in the register" is told from "nothing waiting" in the same
 * statement); no row at all: not in the register.
 */
struct dbres *
dbq_case_queue(struct db *d, const char *tenant, const char *uid)
{
	return dbres_cols(db_select(d, "SELECT k.id, k.state, k.diagnosis, "
	    "k.setting, k.period_from, k.period_to, m.name_kanji, "
	    "DATE_FORMAT(k.updated_at, '%Y-%m-%d %H:%i:%s'), k.comment, s.id "
	    "FROM certify_supervisor s LEFT JOIN certify_case k ON "
	    "k.supervisor_id = s.id AND k.tenant = s.tenant "
	    "LEFT JOIN member m ON m.tenant = k.tenant AND m.uid = k.uid "
	    "WHERE s.tenant = ? AND s.uid = ? "
	    "ORDER BY k.state = 'submitted' DESC, k.updated_at DESC "
	    "LIMIT 500", "ss", tenant, uid), CASE_COL__MAX);
}

enum { G_ID, G_UID, G_SUP, G_AGE, G_SEX, G_DIAG, G_SET, G_FROM, G_TO,
	G_SUM, G_STATE, G_COMMENT, G_UPD, G_SUPNAME, G_SUPUID, G_MNAME,
	G__MAX };

int
dbq_case_get(struct db *d, const char *tenant, long long id,
    struct certify_case *k)
{
	struct dbres	*r;
	const char	*v;
	int		 rc = -1;

	memset(k, 0, sizeof(*k));
	if ((r = dbres_cols(db_select(d, "SELECT k.id, k.uid, "
	    "k.supervisor_id, k.age_band, k.sex, k.diagnosis, k.setting, "
	    "k.period_from, k.period_to, k.summary, k.state, k.comment, "
	    "DATE_FORMAT(k.updated_at, '%Y-%m-%d %H:%i:%s'), s.name, s.uid, "
	    "m.name_kanji FROM certify_case k JOIN certify_supervisor s ON "
	    "s.id = k.supervisor_id LEFT JOIN member m ON m.tenant = k.tenant "
	    "AND m.uid = k.uid WHERE k.tenant = ? AND k.id = ?", "si", tenant,
	    id), G__MAX)) == NULL)
		return -1;
	rc = 0;
	if (r->nrows != 1)
		goto out;
	k->id = atoll(dbres_get(r, 0, G_ID));
	cpy(k->uid, sizeof(k->uid), dbres_get(r, 0, G_UID));
	k->supervisor_id = atoll(dbres_get(r, 0, G_SUP));
	cpy(k->age_band, sizeof(k->age_band), dbres_get(r, 0, G_AGE));
	cpy(k->sex, sizeof(k->sex), dbres_get(r, 0, G_SEX));
	cpy(k->diagnosis, sizeof(k->diagnosis), dbres_get(r, 0, G_DIAG));
	cpy(k->setting, sizeof(k->setting), dbres_get(r, 0, G_SET));
	cpy(k->period_from, sizeof(k->period_from), dbres_get(r, 0, G_FROM));
	cpy(k->period_to, sizeof(k->period_to), dbres_get(r, 0, G_TO));
	cpy(k->state, sizeof(k->state), dbres_get(r, 0, G_STATE));
	cpy(k->updated_at, sizeof(k->updated_at), dbres_get(r, 0, G_UPD));
	cpy(k->sup_name, sizeof(k->sup_name), dbres_get(r, 0, G_SUPNAME));
	cpy(k->sup_uid, sizeof(k->sup_uid), dbres_get(r, 0, G_SUPUID));
	cpy(k->member_name, sizeof(k->member_name), dbres_get(r, 0, G_MNAME));
	k->summary = strdup(dbres_get(r, 0, G_SUM));
	if ((v = dbres_get(r, 0, G_COMMENT)) != NULL)
		k->comment = strdup(v);
	rc = k->summary != NULL ? 1 : -1;
out:
	dbres_free(r);
	return rc;
}

long long
dbq_case_put(struct db *d, const char *tenant, const struct certify_case *k,
    const char *now)
{
	if (db_exec(d, "INSERT INTO certify_case (tenant, uid, supervisor_id, "
	    "age_band, sex, diagnosis, setting, period_from, period_to, "
	    "summary, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, 'submitted', ?, ?)", "ssisssssssss", tenant,
	    k->uid, k->supervisor_id, k->age_band, k->sex, k->diagnosis,
	    k->setting, k->period_from, k->period_to, k->summary, now,
	    now) < 0)
		return -1;
	return db_insert_id(d);
}

/* A returned report corrected: submitted again (only a returned one). */
int
dbq_case_resubmit(struct db *d, const char *tenant,
    const struct certify_case *k, const char *now)
{
	return db_exec(d, "UPDATE certify_case SET supervisor_id = ?, "
	    "age_band = ?, sex = ?, diagnosis = ?, setting = ?, "
	    "period_from = ?, period_to = ?, summary = ?, "
	    "state = 'submitted', updated_at = ? WHERE tenant = ? AND id = ? "
	    "AND uid = ? AND state = 'returned'", "isssssssssis",
	    k->supervisor_id, k->age_band, k->sex, k->diagnosis, k->setting,
	    k->period_from, k->period_to, k->summary, now, tenant, k->id,
	    k->uid);
}

int
dbq_case_lock(struct db *d, const char *tenant, long long id, char *state,
    size_t len)
{
	struct dbres	*r;
	int		 rc = -1;

	if ((r = db_select(d, "SELECT state FROM certify_case WHERE "
	    "tenant = ? AND id = ? FOR UPDATE", "si", tenant, id)) == NULL)
		return -1;
	rc = r->nrows == 1;
	if (rc)
		cpy(state, len, dbres_scalar(r));
	dbres_free(r);
	return rc;
}

/* approved or returned, by the supervisor it was sent to, if waiting. */
int
dbq_case_decide(struct db *d, const char *tenant, long long id,
    long long sup, const char *state, const char *comment, const char *now)
{
	return db_exec(d, "UPDATE certify_case SET state = ?, comment = ?, "
	    "decided_at = ?, updated_at = ? WHERE tenant = ? AND id = ? AND "
	    "supervisor_id = ? AND state = 'submitted'", "sssssii", state,
	    comment, now, now, tenant, id, sup);
}
